// counterpart-snapshot: builds and publishes a store's snapshot file next to counterpart-server
// (docs/server.md, "Snapshot files"). Thin: options, the server's database, the builder.

#include "core/Clock.h"
#include "server/ServerStore.h"
#include "server/snapshot/SnapshotBuilder.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

using namespace counterpart;
using namespace counterpart::server;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("counterpart-snapshot"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COUNTERPART_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Builds the snapshot file a new till of the store loads instead of the snapshot pages, and publishes "
        "it in the directory counterpart-server serves it from (--snapshots, by default DATA/snapshots)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("data"), QStringLiteral("The server's data directory."), QStringLiteral("DIR")});
    parser.addOption(
        {QStringLiteral("database"),
         QStringLiteral("The server's database, as counterpart-server --database (default: DATA/server.db)."),
         QStringLiteral("URL")});
    parser.addOption({QStringLiteral("store"), QStringLiteral("The store whose tills will load the file."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("snapshots"),
                      QStringLiteral("Where to publish the file (default: DATA/snapshots)."),
                      QStringLiteral("DIR")});
    parser.process(app);

    const QString data = parser.value(QStringLiteral("data"));
    const QString storeId = parser.value(QStringLiteral("store"));
    QString dir = parser.value(QStringLiteral("snapshots"));
    if (dir.isEmpty() && !data.isEmpty())
        dir = QDir(data).filePath(QStringLiteral("snapshots"));
    if (storeId.isEmpty() || dir.isEmpty() ||
        (data.isEmpty() && parser.value(QStringLiteral("database")).isEmpty())) {
        err << "Usage: counterpart-snapshot --data DIR [--database URL] --store ID [--snapshots DIR]"
            << Qt::endl;
        return 2;
    }
    SystemClock clock;
    auto server = ServerStore::open(parser.value(QStringLiteral("database")), data, 1, clock);
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
