#include "server/snapshot/SnapshotBuilder.h"

#include "core/Clock.h"
#include "server/ServerStore.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/Stores.h"
#include "sync/client/Applier.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <openssl/evp.h>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

#include <memory>

namespace counterpart::server {

namespace {

// The builder's own terminal id in the HLCs it observes (no till has it: it is not a version 7 id).
const QString BuilderTerminal = QStringLiteral("00000000-0000-0000-0000-000000000000");

Error fileError(const QString &message, const QFile &f)
{
    return makeError(ErrorCode::Storage, message, f.fileName() + QStringLiteral(": ") + f.errorString());
}

void removeDatabaseFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

Result<QString> sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fileError(QStringLiteral("Cannot read the snapshot file."), f);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return makeError(ErrorCode::Internal, QStringLiteral("SHA-256 is not available."));
    QByteArray buffer(4 * 1024 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(buffer.data(), buffer.size());
        if (n < 0)
            return fileError(QStringLiteral("Cannot read the snapshot file."), f);
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx.get(), buffer.constData(), size_t(n));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

struct Applied {
    qint64 cursor = 0;
    qint64 members = 0;
};

// Every snapshot page of the store, at one cursor (the first page's), applied into the till database.
Result<Applied> applyAllPages(ServerStore &server, Database &db, const sync::StoreInfo &store,
                              const Clock &clock, const std::function<void(qint64)> &progress)
{
    sync::ApplyEnv env;
    env.clock = &clock;
    env.terminalId = BuilderTerminal;
    env.timeZone = store.timeZone.toLatin1();
    env.currency = store.currency;
    Applied out;
    QString after;
    std::optional<qint64> first;
    for (;;) {
        CP_TRY_ASSIGN(const QByteArray json, server.snapshot(after, sync::MaxSnapshotMembersPerPage, first));
        CP_TRY_ASSIGN(const sync::SnapshotPage page, sync::SnapshotPage::fromJson(json));
        auto applied = sync::applySnapshotPage(db, page, first, env);
        if (!applied)
            return applied.error();
        out.members += applied->members;
        if (progress)
            progress(out.members);
        if (!first)
            first = page.cursor;
        if (!page.more)
            break;
        after = page.next;
    }
    out.cursor = *first;
    return out;
}

// The store's members into a new till database at `work`, compacted into `part` (pages in order:
// smaller, and copied sequentially at the till).
Result<Applied> buildInto(ServerStore &server, const QString &work, const QString &partOf,
                          const sync::StoreInfo &store, const Clock &clock,
                          const std::function<void(qint64)> &progress, BuildReport &report)
{
    QElapsedTimer timer;
    timer.start();
    // Nothing here is in service until it is published: no fsync per page, a generous cache, sorts
    // for the index builds in temporary files.
    OpenOptions options;
    options.unsafeFastWrites = true;
    options.cacheSizeKiB = 256 * 1024;
    options.integrityCheckOnOpenMaxBytes = 0;
    auto db = openTillDatabase(work, options);
    if (!db)
        return db.error();
    CP_TRY(db.value()->execute(QStringLiteral("PRAGMA temp_store=FILE")));
    // The file is its store's: the figures it carries for "this store" are that store's (schema 8).
    CP_TRY(SettingsStore(**db).set(QStringLiteral("store_id"), store.id));
    CP_TRY_ASSIGN(const Applied applied, applyAllPages(server, **db, store, clock, progress));
    report.applyMs = timer.restart();
    const QString part = partOf.arg(applied.cursor);
    removeDatabaseFiles(part);
    auto vacuum = db.value()->prepareOnce(QStringLiteral("VACUUM INTO ?1"));
    if (!vacuum)
        return vacuum.error();
    vacuum->bind(1, part);
    CP_TRY(vacuum->exec());
    report.compactMs = timer.restart();
    return applied;
}

// Durable before it is named: a crash leaves a .part behind, never a published half file. Returns its size.
Result<qint64> syncFile(const QString &part)
{
    QFile f(part);
    if (!f.open(QIODevice::ReadWrite))
        return fileError(QStringLiteral("Cannot open the new snapshot file."), f);
    const qint64 bytes = f.size();
#ifdef Q_OS_WIN
    const bool synced = f.flush() && ::_commit(f.handle()) == 0;
#else
    const bool synced = f.flush() && ::fdatasync(f.handle()) == 0;
#endif
    if (!synced)
        return fileError(QStringLiteral("Cannot write the new snapshot file to disk."), f);
    return bytes;
}

// The description names the new file; the one before stays for a till still downloading it.
Status describe(const QString &dir, const SnapshotFileInfo &info)
{
    auto previous = SnapshotFileInfo::read(dir, info.store);
    CP_TRY(info.write(dir));
    const QDir out(dir);
    const QStringList old = out.entryList({info.store + QStringLiteral("-*.db")}, QDir::Files);
    for (const QString &name : old) {
        const bool keep =
            name == info.file || (previous && previous->has_value() && name == previous->value().file);
        if (!keep)
            QFile::remove(out.filePath(name));
    }
    return {};
}

} // namespace

Result<BuildReport> buildSnapshotFile(ServerStore &server, const sync::StoreInfo &store, const QString &dir,
                                      const Clock &clock, const std::function<void(qint64)> &progress)
{
    BuildReport report;
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::Storage, QStringLiteral("Cannot make the snapshot directory."), dir);
    const QDir out(dir);
    const QString work = out.filePath(QStringLiteral(".%1.building.db").arg(store.id));
    removeDatabaseFiles(work);
    const QString compacted = out.filePath(QStringLiteral(".%1-%2.db.part").arg(store.id));
    auto applied = buildInto(server, work, compacted, store, clock, progress, report);
    if (!applied)
        return applied.error();
    removeDatabaseFiles(work);

    QElapsedTimer timer;
    timer.start();
    SnapshotFileInfo info;
    info.store = store.id;
    info.file = QStringLiteral("%1-%2.db").arg(store.id).arg(applied->cursor);
    info.cursor = applied->cursor;
    info.schema = Schema::latestVersion();
    info.members = applied->members;
    info.builtAt = clock.nowMs();
    const QString part = out.filePath(QLatin1Char('.') + info.file + QStringLiteral(".part"));
    CP_TRY_ASSIGN(info.bytes, syncFile(part));
    CP_TRY_ASSIGN(info.sha256, sha256Of(part));
    report.hashMs = timer.restart();
    QFile::remove(info.path(dir));
    if (!QFile::rename(part, info.path(dir)))
        return makeError(ErrorCode::Storage, QStringLiteral("Cannot publish the new snapshot file."), part);
    CP_TRY(describe(dir, info));
    report.info = info;
    return report;
}

} // namespace counterpart::server
