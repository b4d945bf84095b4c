'use strict';
// The peer comparison for bench_sync (docs/benchmarks.md, "Sync"): the same two jobs through PouchDB
// replicating with express-pouchdb on the same loopback, over TLS.
//
//   bootstrap  the server holds N member documents shaped like one member of our snapshot (profile,
//              field clocks, open lots, last year's purchases); a new, empty PouchDB replicates from it.
//   push       a PouchDB holding 10,000 "operation" documents shaped like our outbox operations
//              (registrations, earns, redemptions) replicates to a new server database.
//
//   node bench.js --work DIR [--members 100000] [--ops 10000] [--batch-size 100]
//                 [--phase all|push|bootstrap|seed]   (seed: only fill the server database)
//
// The seeded server database is kept in DIR/server and reused by the next run with the same N.

const { spawn, execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const PouchDB = require('pouchdb');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const work = path.resolve(option('work', '/tmp/bench-sync-pouchdb'));
const members = Number(option('members', 100000));
const ops = Number(option('ops', 10000));
const batchSize = Number(option('batch-size', 100)); // PouchDB's default
const phase = option('phase', 'all');

// ---- documents ----------------------------------------------------------------------------------------

// A small deterministic generator, so every run seeds the same documents.
let state = 20261203;
function random() {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
}
function bounded(n) {
  return Math.floor(random() * n);
}
function uuid7(ms) {
  const b = crypto.randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const DAY = 86400000;
const now = Date.now();
const terminal = '0193aaaa-0000-7000-8000-00000000beef';
const family = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏';
const given = '伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂英华建国红';

// The same history as bench_sync_seed.cpp (a welcome gift, earns with purchases, redemptions now and
// then, ~10 entries a member over 18 months), folded into what our snapshot sends for the member: the
// profile with its field clocks, the open lots (credits left after the debits, oldest first) and the
// purchases of the last 12 months.
function memberDoc(i, n) {
  const createdAt = now - 540 * DAY + Math.floor((i * 450 * DAY) / n);
  const id = uuid7(createdAt);
  const hlc = `${createdAt}-0000-${terminal}`;
  let name = family[bounded(family.length)];
  for (let k = 0, len = 1 + bounded(2); k < len; ++k) name += given[bounded(given.length)];
  const profile = { name, gender: ['', 'female', 'male'][bounded(3)], marketingConsent: bounded(2) === 1 };
  if (bounded(10) < 6) {
    profile.birthMonth = 1 + bounded(12);
    profile.birthDay = 1 + bounded(28);
  }
  const fieldHlc = {};
  for (const k of Object.keys(profile)) fieldHlc[k] = hlc;
  const credits = [{ id: uuid7(createdAt), points: 100, at: createdAt }];
  const purchases = [];
  let balance = 100;
  let spend = 0;
  const count = Math.max(1, 10 - 2 + bounded(5));
  const times = [];
  for (let k = 1; k < count; ++k) times.push(createdAt + Math.floor(random() * (now - createdAt)));
  times.sort((a, b) => a - b);
  let debit = 0;
  times.forEach((at, k) => {
    if (balance >= 300 && bounded(5) === 0) {
      const points = Math.floor(balance / 200) * 100;
      balance -= points;
      debit += points;
      return;
    }
    const amount = 2000 + bounded(48000);
    spend += amount;
    balance += Math.floor(amount / 100);
    const pid = uuid7(at);
    credits.push({ id: uuid7(at), points: Math.floor(amount / 100), at });
    if (at >= now - 365 * DAY)
      purchases.push({ id: pid, receipt: `B${i}-${k}`, amountMinor: amount, eligibleMinor: amount, currency: 'CNY',
                       at, store: 'S001', member: id, refundedMinor: 0, voided: false });
  });
  const lots = [];
  for (const c of credits) {
    const used = Math.min(c.points, debit);
    debit -= used;
    if (c.points - used > 0) lots.push({ id: uuid7(c.at), points: c.points - used, at: c.at, expiresAt: c.at + 730 * DAY });
  }
  const tier = spend >= 600000 ? 'gold' : spend >= 200000 ? 'silver' : 'member';
  const code = String(100010000000 + i);
  const phone = `+86139${String((i * 7919 + 1234567) % 100000000).padStart(8, '0')}`;
  return {
    _id: id,
    member: { ...profile, id, code, phone, status: 'active', tier, tierSince: createdAt, channel: 'till', store: 'S001',
              createdAt, balance, fieldHlc },
    lots,
    purchases,
  };
}

// An outbox operation as the till pushes it (a quarter registrations, earns, a tenth redemptions).
function operationDoc(i) {
  const at = now - (ops - i) * 1000;
  const opId = uuid7(at);
  const envelope = { opId, hlc: `${at}-0000-${terminal}`, at, store: 'S001', terminal, operator: 'c01',
                     rulesVersion: 'default-2026.1' };
  const member = uuid7(at - 1000);
  const entry = (kind, points) => ({ id: uuid7(at), kind, points, at, expiresAt: points > 0 ? at + 730 * DAY : undefined,
                                     rulesVersion: 'default-2026.1' });
  if (i < ops / 4)
    return { _id: opId, ...envelope, op: 'member.register',
             member: { id: member, code: String(100010000000 + i), phone: `+86138${String(i).padStart(8, '0')}`,
                       name: `Bench member ${i}`, gender: '', marketingConsent: false, tier: 'member', channel: 'till',
                       createdAt: at },
             entries: [entry('welcome_gift', 100)] };
  if (i % 10 === 0)
    return { _id: opId, ...envelope, op: 'redeem', member, points: 100, offline: false,
             entries: [{ ...entry('redeem', -100), discountMinor: 1000 }] };
  const amount = 1000 + bounded(50000);
  return { _id: opId, ...envelope, op: 'earn', member,
           purchase: { id: uuid7(at), receipt: `R${i}`, amountMinor: amount, eligibleMinor: amount, currency: 'CNY', at },
           entries: [{ ...entry('earn', Math.floor(amount / 100)), receipt: `R${i}` }] };
}

// ---- the server ------------------------------------------------------------------------------------------

function certificate(dir) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  if (!fs.existsSync(cert))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
                             '-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=localhost',
                             '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  return { cert, key };
}

function startServer(dir, tls) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'server.js'), dir, tls.cert, tls.key],
                        { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, url: `https://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`express-pouchdb exited ${code}: ${out}`)));
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.on('exit', resolve);
    server.child.kill('SIGTERM');
  });
}

function rmrf(p) {
  fs.rmSync(p, { recursive: true, force: true });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))] : 0;
}

// Replicates and reports the time between batches (a batch is written when `change` fires).
async function replicate(from, to, label) {
  const batches = [];
  let last = process.hrtime.bigint();
  const start = last;
  const result = await PouchDB.replicate(from, to, { batch_size: batchSize }).on('change', () => {
    const t = process.hrtime.bigint();
    batches.push(Number(t - last) / 1e6);
    last = t;
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!result.ok || result.doc_write_failures)
    throw new Error(`${label}: ${JSON.stringify(result.errors)}`);
  return { seconds, docs: result.docs_written, batches };
}

// ---- main ----------------------------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(work, { recursive: true });
  const serverDir = path.join(work, 'server');
  fs.mkdirSync(serverDir, { recursive: true });
  const tls = certificate(work);
  // Node's TLS (and PouchDB's fetch) trusts the benchmark's certificate, as the till trusts its CA file.
  if (process.env.NODE_EXTRA_CA_CERTS !== tls.cert) {
    const child = spawn(process.execPath, process.argv.slice(1), {
      stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.cert } });
    child.on('exit', (code) => process.exit(code));
    return;
  }
  console.log(`PouchDB ${PouchDB.version} (LevelDB), express-pouchdb ${require('express-pouchdb/package.json').version}, `
              + `Node ${process.version}, batch_size ${batchSize}, TLS on 127.0.0.1`);

  if (phase === 'push' || phase === 'all') {
    const localPath = path.join(work, 'push-till');
    rmrf(localPath);
    rmrf(path.join(serverDir, 'ops'));
    const local = new PouchDB(localPath);
    let bytes = 0;
    const docs = [];
    for (let i = 0; i < ops; ++i) {
      const d = operationDoc(i);
      bytes += JSON.stringify(d).length;
      docs.push(d);
    }
    for (let i = 0; i < docs.length; i += 1000) await local.bulkDocs(docs.slice(i, i + 1000));
    const server = await startServer(serverDir, tls);
    const r = await replicate(local, `${server.url}/ops`, 'push');
    console.log(`push: ${r.docs} operation documents (${Math.round(bytes / ops)} bytes each as JSON) in `
                + `${r.batches.length} batches: ${r.seconds.toFixed(2)} s, ${Math.round(r.docs / r.seconds)} docs/s; `
                + `per batch p50 ${percentile(r.batches, 0.5).toFixed(1)} ms, p99 ${percentile(r.batches, 0.99).toFixed(1)} ms`);
    await local.close();
    await stopServer(server);
  }

  if (phase === 'bootstrap' || phase === 'all' || phase === 'seed') {
    const marker = path.join(serverDir, `members-${members}.seeded`);
    const remoteName = `members-${members}`;
    if (!fs.existsSync(marker)) {
      // Written into the server's LevelDB before the server starts (one process may hold it).
      rmrf(path.join(serverDir, remoteName));
      const seed = new PouchDB(path.join(serverDir, remoteName));
      const t = Date.now();
      let bytes = 0;
      for (let i = 0; i < members; i += 1000) {
        const batch = [];
        for (let k = i; k < Math.min(members, i + 1000); ++k) batch.push(memberDoc(k, members));
        for (const d of batch) bytes += JSON.stringify(d).length;
        await seed.bulkDocs(batch);
        if (i % 50000 === 0) process.stderr.write(`\rseeding ${i} / ${members} (${Math.round((Date.now() - t) / 1000)} s)`);
      }
      await seed.close();
      fs.writeFileSync(marker, `${members} documents, ${Math.round(bytes / members)} bytes each as JSON\n`);
      console.log(`\nseeded the server in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    console.log(`server holds: ${fs.readFileSync(marker, 'utf8').trim()}`);
    if (phase === 'seed')
      return;
    const server = await startServer(serverDir, tls);
    const localPath = path.join(work, 'boot-till');
    rmrf(localPath);
    const local = new PouchDB(localPath);
    const rssBefore = process.memoryUsage().rss;
    const r = await replicate(`${server.url}/${remoteName}`, local, 'bootstrap');
    const info = await local.info();
    console.log(`bootstrap: ${r.docs} documents in ${r.seconds.toFixed(1)} s, ${Math.round(r.docs / r.seconds)} docs/s `
                + `(${info.doc_count} in the new database); per batch p50 ${percentile(r.batches, 0.5).toFixed(1)} ms`);
    console.log(`      client process peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB `
                + `(${Math.round(rssBefore / 1048576)} MiB before)`);
    await local.close();
    await stopServer(server);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
