// counterpart-snapshot: builds and publishes a store's snapshot file next to counterpart-server
// (docs/server.md, "Snapshot files"). Thin: the server's own options (ServerConfig), its database, the
// builder.

#include "core/Clock.h"
#include "server/Config.h"
#include "server/ServerStore.h"
#include "server/snapshot/SnapshotBuilder.h"

#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

using namespace counterpart;
using namespace counterpart::server;

namespace {

const char *const Usage =
    "Usage: counterpart-snapshot --store ID [--config FILE] [--data DIR] [--database URL] [--snapshots DIR]\n"
    "Builds the snapshot file a new till of the store loads instead of the snapshot pages, and publishes\n"
    "it where counterpart-server serves it from (snapshots, by default DATA/snapshots). The other options\n"
    "are counterpart-server's, read the same way: --config /etc/counterpart/server.ini gives the data\n"
    "folder, the database and its TLS exactly as the server sees them; a flag wins over the file.";

// "--store ID" / "--store=ID" taken out of the arguments; the rest are the server's own options.
QString takeStore(QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a.startsWith(QLatin1String("--store="))) {
            const QString id = a.mid(8);
            arguments.removeAt(i);
            return id;
        }
        if (a == QLatin1String("--store") && i + 1 < arguments.size()) {
            const QString id = arguments.at(i + 1);
            arguments.remove(i, 2);
            return id;
        }
    }
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("counterpart-snapshot"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COUNTERPART_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QStringList arguments = app.arguments().mid(1);
    if (arguments.contains(QLatin1String("--version"))) {
        out << "counterpart-snapshot " << COUNTERPART_VERSION << Qt::endl;
        return 0;
    }
    const QString storeId = takeStore(arguments);
    auto config = ServerConfig::fromArguments(arguments);
    if (config && config->help) {
        out << Usage << Qt::endl;
        return 0;
    }
    if (!config) {
        err << config.error().message << "\n\n" << Usage << Qt::endl;
        return 2;
    }
    const QString dir = config->snapshotsDir;
    if (storeId.isEmpty() || dir.isEmpty() || (config->dataDir.isEmpty() && config->database.isEmpty())) {
        err << Usage << Qt::endl;
        return 2;
    }
    SystemClock clock;
    auto server = ServerStore::open(config->database, config->dataDir, 1, clock);
    if (!server) {
        err << server.error().message << Qt::endl;
        return 1;
    }
    auto stores = server.value()->stores();
    if (!stores) {
        err << stores.error().message << Qt::endl;
        return 1;
    }
    std::optional<sync::StoreInfo> store;
    for (const sync::StoreInfo &s : stores.value()) {
        if (s.id == storeId)
            store = s;
    }
    if (!store) {
        err << "There is no store " << storeId << " on this server (see counterpart-server admin stores)."
            << Qt::endl;
        return 2;
    }
    qint64 shown = 0;
    auto built = buildSnapshotFile(*server.value(), *store, dir, clock, [&](qint64 members) {
        if (members - shown >= 100000) {
            shown = members;
            err << "  " << members << " members written" << Qt::endl;
        }
    });
    if (!built) {
        err << built.error().message << Qt::endl;
        if (!built.error().detail.isEmpty())
            err << "  (" << built.error().detail << ")" << Qt::endl;
        return 1;
    }
    const SnapshotFileInfo &info = built->info;
    out << "published " << QDir(dir).filePath(info.file) << ": " << info.members << " members as of change "
        << info.cursor << ", " << info.bytes << " bytes, sha256 " << info.sha256 << Qt::endl;
    out << "written in " << built->applyMs << " ms, compacted in " << built->compactMs << " ms, hashed in "
        << built->hashMs << " ms" << Qt::endl;
    return 0;
}
