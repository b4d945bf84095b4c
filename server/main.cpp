// counterpart-server: the chain's sync server. Thin: configuration, store, HTTP server or admin command.

#include "server/Admin.h"
#include "server/Api.h"
#include "server/Config.h"
#include "server/HttpServer.h"
#include "server/Log.h"
#include "server/ServerStore.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <sys/stat.h>

using namespace counterpart;
using namespace counterpart::server;

namespace {

// Info and up by default; QT_LOGGING_RULES, when set, still has the last word.
void setLogLevel(const QString &level)
{
    if (level == QLatin1String("debug"))
        QLoggingCategory::setFilterRules(QStringLiteral("counterpart.*.debug=true"));
    else if (level == QLatin1String("warning"))
        QLoggingCategory::setFilterRules(QStringLiteral("counterpart.*.info=false"));
}

HttpOptions httpOptions(const ServerConfig &config)
{
    HttpOptions options;
    options.host = config.listenHost;
    options.port = config.listenPort;
    options.certFile = config.certFile;
    options.keyFile = config.keyFile;
    options.insecureHttp = config.insecureHttp;
    options.threads = config.threads;
    options.ioThreads = config.ioThreads;
    options.maxConnections = config.maxConnections;
    options.maxConnectionsPerAddress = config.maxConnectionsPerAddress;
    options.headerTimeoutSeconds = std::min(config.headerTimeoutSeconds, config.requestTimeoutSeconds);
    options.readTimeoutSeconds = config.requestTimeoutSeconds;
    return options;
}

// TLS, or plain HTTP on loopback for tests; false (said on `err`) otherwise.
bool transportAllowed(const HttpOptions &options, QTextStream &err)
{
    if (!options.insecureHttp && (options.certFile.isEmpty() || options.keyFile.isEmpty())) {
        err << "TLS needs --cert FILE and --key FILE (see docs/server.md). For a test on loopback only: "
               "--insecure-http."
            << Qt::endl;
        return false;
    }
    if (options.insecureHttp) {
        qCWarning(lcServer)
            << "*** --insecure-http: PLAIN HTTP WITHOUT TLS. Secrets and member data cross the "
               "network unencrypted. For tests on loopback only. ***";
        if (options.host != QLatin1String("127.0.0.1") && options.host != QLatin1String("::1") &&
            options.host != QLatin1String("localhost")) {
            err << "--insecure-http is allowed on a loopback address only (127.0.0.1 or ::1)." << Qt::endl;
            return false;
        }
    }
    return true;
}

// Serves until stopped; the exit code.
int serve(std::unique_ptr<ServerStore> store, const ServerConfig &config, QTextStream &out, QTextStream &err)
{
    store->setDayPointsBudget(config.terminalDayPoints);
    const HttpOptions options = httpOptions(config);
    if (!transportAllowed(options, err))
        return 2;
    Api api(*store);
    api.setSnapshotsDir(config.snapshotsDir);
    api.setEnrolLimits(config.enrolPerAddressPerMinute, config.enrolPerCodePerMinute);
    HttpServer server(api, options);
    auto port = server.listen();
    if (!port) {
        err << port.error().message << Qt::endl;
        return 1;
    }
    qCInfo(lcServer).noquote() << "counterpart-server" << QStringLiteral(COUNTERPART_VERSION) << "on"
                               << store->backendName() << "with" << options.threads << "threads";
    // Tests and scripts read the bound port from this line.
    out << "listening on " << options.host << ':' << port.value()
        << (options.insecureHttp ? " (http)" : " (https)") << Qt::endl;
    server.run();
    store.reset(); // close the database before saying so
    qCInfo(lcServer) << "stopped";
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    // Everything the server makes (its database, -wal, -shm, snapshot files) holds terminal secrets or
    // member data: readable by its own account only.
    umask(0077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("counterpart-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COUNTERPART_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    auto config = ServerConfig::fromArguments(app.arguments().mid(1));
    if (!config) {
        err << config.error().message << Qt::endl;
        return 2;
    }
    setLogLevel(config->logLevel);
    if (config->help) {
        out << ServerConfig::usage();
        return 0;
    }
    SystemClock wall;
    ManualClock testClock;
    const Clock *clock = &wall;
    // Tests only: an admin command at a set time (ms since the epoch), to make a job due. The HTTP
    // server refuses to start with it, so it cannot move a serving server's clock by accident.
    const QByteArray testNow = qgetenv("COUNTERPART_SERVER_TEST_NOW_MS");
    if (!testNow.isEmpty()) {
        if (config->admin.isEmpty()) {
            err << "COUNTERPART_SERVER_TEST_NOW_MS is for tests of admin commands only; unset it."
                << Qt::endl;
            return 2;
        }
        testClock.setMs(testNow.toLongLong());
        clock = &testClock;
        err << "warning: test clock set by COUNTERPART_SERVER_TEST_NOW_MS" << Qt::endl;
    }
    auto store = ServerStore::open(config->database, config->dataDir, config->threads, *clock);
    if (!store) {
        err << store.error().message << Qt::endl;
        if (!store.error().detail.isEmpty())
            err << "  (" << store.error().detail << ")" << Qt::endl;
        return 1;
    }
    if (!config->admin.isEmpty())
        return runAdmin(*store.value(), config->admin, out, err);
    return serve(std::move(store.value()), config.value(), out, err);
}
