#pragma once

// counterpart-server's configuration: a file (--config FILE, INI "key = value") and flags, flags
// winning. docs/server.md lists every key.

#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace counterpart::server {

struct ServerConfig {
    QString listenHost = QStringLiteral("127.0.0.1");
    quint16 listenPort = 8443;
    QString dataDir;
    QString database;     // postgresql://... | sqlite:PATH | empty: DATA/server.db
    QString snapshotsDir; // where counterpart-snapshot publishes; empty: DATA/snapshots (none without DATA)
    QString certFile;
    QString keyFile;
    bool insecureHttp = false;
    int threads = 0; // 0: one per CPU core
    int ioThreads = 2;
    int maxConnections = 0; // 0: from the open-file limit
    int maxConnectionsPerAddress = 64;
    int headerTimeoutSeconds = 10;
    int requestTimeoutSeconds = 30;
    int enrolPerAddressPerMinute = 10;
    int enrolPerCodePerMinute = 5;
    int terminalDayPoints = 200'000; // points one terminal credits in a day before a flag; 0: no budget
    QString logLevel = QStringLiteral("info"); // warning | info | debug
    QString databaseTls;                       // off | verify-ca | verify-full; empty: by the host
    QStringList admin;                         // the words after "admin", if any
    bool help = false;

    static Result<ServerConfig> fromArguments(const QStringList &arguments); // without the program name
    static QString usage();
    // The database URL with libpq's sslmode made explicit (never libpq's silent "prefer"): databaseTls,
    // or the URL's own sslmode, or off for a database on this host and verify-full for any other.
    static Result<QString> postgresUrlWithTls(const QString &url, const QString &databaseTls);
};

} // namespace counterpart::server
