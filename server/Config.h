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
    int threads = 0;   // 0: one per CPU core
    QStringList admin; // the words after "admin", if any
    bool help = false;

    static Result<ServerConfig> fromArguments(const QStringList &arguments); // without the program name
    static QString usage();
};

} // namespace counterpart::server
