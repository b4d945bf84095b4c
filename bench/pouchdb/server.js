'use strict';
// express-pouchdb on loopback over TLS (as counterpart-server always is), databases as LevelDB folders
// under DIR. Prints "listening on 127.0.0.1:PORT" when it accepts connections, like counterpart-server.
//   node server.js DIR CERT KEY

const fs = require('fs');
const https = require('https');
const path = require('path');
const express = require('express');
const PouchDB = require('pouchdb');

const [dir, cert, key] = process.argv.slice(2);
if (!dir || !cert || !key) {
  console.error('usage: node server.js DIR CERT KEY');
  process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });

const DB = PouchDB.defaults({ prefix: path.join(dir, path.sep) });
const app = express();
// minimumForPouchDB: only what replication needs (no Fauxton, no _users), config in memory so nothing
// is written next to the benchmark.
app.use('/', require('express-pouchdb')(DB, {
  mode: 'minimumForPouchDB',
  inMemoryConfig: true,
  logPath: path.join(dir, 'express-pouchdb.log'),
}));

const server = https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, app);
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on 127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
