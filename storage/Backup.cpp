#include "storage/Backup.h"

#include "storage/Database.h"
#include "storage/Log.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QThread>

#include <fcntl.h>
#include <sqlite3.h>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <io.h>
#endif

namespace counterpart::Backup {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("counterpart::Backup", text);
}

bool fsyncPath(const QString &path)
{
#ifdef Q_OS_WIN
    // Windows has no way to flush a directory entry; NTFS journals renames itself. A file is flushed
    // (_commit is FlushFileBuffers) through a handle that may write, which FlushFileBuffers requires.
    if (QFileInfo(path).isDir())
        return true;
    const int fd = ::_wopen(path.toStdWString().c_str(), _O_RDWR | _O_BINARY | _O_NOINHERIT);
    if (fd < 0)
        return false;
    const bool ok = ::_commit(fd) == 0;
    ::_close(fd);
    return ok;
#else
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
#endif
}

struct Connection {
    sqlite3 *db = nullptr;
    ~Connection() { sqlite3_close_v2(db); }
};

Error sqliteError(sqlite3 *db, int rc, const QString &context)
{
    return Database::errorFromCode(db ? sqlite3_extended_errcode(db) : rc,
                                   QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)), context);
}

// PRAGMA integrity_check on the file as it is on disk; empty when it is good.
QString checkFile(const QString &path)
{
    Connection c;
    if (sqlite3_open_v2(path.toUtf8().constData(), &c.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(c.db));
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(c.db, "PRAGMA integrity_check", -1, &st, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(c.db));
    QString problems;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const QString line = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        if (line != QLatin1String("ok"))
            problems += line + QLatin1Char('\n');
    }
    if (sqlite3_finalize(st) != SQLITE_OK && problems.isEmpty())
        problems = QString::fromUtf8(sqlite3_errmsg(c.db));
    return problems.trimmed();
}

// The page copy itself: one read snapshot of the source, steps of `pagesPerStep` pages.
Status copyPages(const QString &sourcePath, const QString &partial, const BackupOptions &options)
{
    Connection src;
    Connection dst;
    int rc = sqlite3_open_v2(sourcePath.toUtf8().constData(), &src.db, SQLITE_OPEN_READONLY, nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(src.db, rc, QStringLiteral("backup: open source"));
    sqlite3_busy_timeout(src.db, 5000);
    // A read transaction held across the steps: every step reads the same snapshot, and the till's
    // writers are never blocked (WAL), so the copy never restarts however busy the counter is.
    rc = sqlite3_exec(src.db, "BEGIN; SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(src.db, rc, QStringLiteral("backup: read snapshot"));
    rc = sqlite3_open_v2(partial.toUtf8().constData(), &dst.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                         nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(dst.db, rc, QStringLiteral("backup: create copy"));
    sqlite3_backup *b = sqlite3_backup_init(dst.db, "main", src.db, "main");
    if (!b)
        return sqliteError(dst.db, SQLITE_ERROR, QStringLiteral("backup: init"));
    do {
        rc = sqlite3_backup_step(b, options.pagesPerStep);
        if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            QThread::msleep(ulong(options.pauseMs));
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return sqliteError(dst.db, rc, QStringLiteral("backup: copy"));
    // The copy stands alone: no -wal beside it to lose.
    rc = sqlite3_exec(dst.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return sqliteError(dst.db, rc, QStringLiteral("backup: journal mode"));
    return {};
}

QStringList prune(const QString &dir, int keep)
{
    QDir d(dir);
    const QStringList copies =
        d.entryList({QStringLiteral("till-*.db")}, QDir::Files, QDir::Name | QDir::Reversed);
    QStringList removed;
    for (qsizetype i = keep; i < copies.size(); ++i) {
        if (d.remove(copies.at(i)))
            removed << d.filePath(copies.at(i));
    }
    return removed;
}

// Copies cut short (a power cut, a killed process) leave NAME.partial and its journal behind. A copy
// still being written (the till's window and counterpart-admin may both be copying) writes to its file
// all the time: only what has not been touched for an hour is a leftover.
void removeLeftovers(const QString &dir)
{
    const QDateTime stale = QDateTime::currentDateTimeUtc().addSecs(-3600);
    QDir d(dir);
    const QStringList names = d.entryList(
        {QStringLiteral("till-*.db.partial"), QStringLiteral("till-*.db.partial-journal")}, QDir::Files);
    for (const QString &name : names) {
        if (QFileInfo(d.filePath(name)).lastModified().toUTC() < stale && d.remove(name))
            qCInfo(lcStorage).noquote() << "backup: removed" << name << "left by a copy cut short";
    }
}

Status writableDir(const QString &dir)
{
    QDir().mkpath(dir);
    const QFileInfo info(dir);
    if (info.isDir() && info.isWritable())
        return {};
    return makeError(ErrorCode::Storage,
                     tr("The backup folder %1 cannot be written to. Make it writable for the till's user, or "
                        "choose another folder (counterpart-admin backup --dir).")
                         .arg(QDir::toNativeSeparators(dir)),
                     QStringLiteral("backup folder not writable"));
}

} // namespace

QString defaultDir(const QString &databasePath)
{
    return QFileInfo(databasePath).absoluteDir().filePath(QStringLiteral("backups"));
}

QString runLockPath(const QString &databasePath)
{
    return databasePath + QStringLiteral(".running");
}

Result<BackupOutcome> create(const QString &sourcePath, const QString &dir, const QString &reason,
                             qint64 nowMs, const BackupOptions &options)
{
    CP_TRY(writableDir(dir));
    const QString stamp =
        QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString finalPath = QDir(dir).filePath(QStringLiteral("till-%1-%2.db").arg(stamp, reason));
    const QString partial = finalPath + QStringLiteral(".partial");
    QFile::remove(partial); // left by a copy cut short
    removeLeftovers(dir);
    Status copied = copyPages(sourcePath, partial, options);
    if (copied && options.beforeVerify)
        options.beforeVerify(partial);
    const QString problems = copied ? checkFile(partial) : QString();
    if (!copied || !problems.isEmpty() || !fsyncPath(partial)) {
        QFile::remove(partial);
        QFile::remove(partial + QStringLiteral("-journal"));
        if (!copied)
            return copied.error();
        qCWarning(lcStorage).noquote() << "backup copy failed its check and was deleted:" << problems;
        return makeError(ErrorCode::Storage,
                         tr("The backup copy failed its check and was deleted; the earlier copies in %1 are "
                            "kept. Run counterpart-admin check on the till's database.")
                             .arg(QDir::toNativeSeparators(dir)),
                         problems);
    }
    QFile::remove(finalPath);
    if (!QFile::rename(partial, finalPath) || !fsyncPath(dir))
        return makeError(ErrorCode::Storage, tr("The backup copy could not be put in place in %1.").arg(dir),
                         QStringLiteral("rename %1").arg(partial));
    BackupOutcome outcome;
    outcome.path = finalPath;
    outcome.bytes = QFileInfo(finalPath).size();
    outcome.removed = prune(dir, std::max(1, options.keep));
    qCInfo(lcStorage).noquote() << "backup" << finalPath << outcome.bytes << "bytes";
    return outcome;
}

Status restore(const QString &backupPath, const QString &databasePath, qint64 nowMs, QString *keptAside)
{
    QLockFile running(runLockPath(databasePath));
    if (!running.tryLock(0))
        return makeError(ErrorCode::Refused,
                         tr("The till is running on %1. Close it first, then restore.").arg(databasePath),
                         QStringLiteral("run lock held"));
    if (const QString problems = checkFile(backupPath); !problems.isEmpty())
        return makeError(
            ErrorCode::Storage,
            tr("%1 is not a good backup (its check failed); nothing was changed.").arg(backupPath), problems);
    if (QFileInfo::exists(databasePath)) {
        {
            // Everything committed goes into the main file, so the file kept aside is whole.
            Connection c;
            if (sqlite3_open_v2(databasePath.toUtf8().constData(), &c.db, SQLITE_OPEN_READWRITE, nullptr) ==
                SQLITE_OK)
                sqlite3_exec(c.db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
        }
        *keptAside =
            databasePath + QStringLiteral(".before-restore-") +
            QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).toString(QStringLiteral("yyyyMMdd-HHmmss"));
        if (!QFile::rename(databasePath, *keptAside))
            return makeError(ErrorCode::Storage,
                             tr("The current database could not be kept aside; nothing was "
                                "changed."),
                             QStringLiteral("rename %1").arg(databasePath));
        QFile::remove(databasePath + QStringLiteral("-wal"));
        QFile::remove(databasePath + QStringLiteral("-shm"));
    }
    const QString partial = databasePath + QStringLiteral(".restoring");
    QFile::remove(partial);
    if (!QFile::copy(backupPath, partial) || !fsyncPath(partial) || !QFile::rename(partial, databasePath) ||
        !fsyncPath(QFileInfo(databasePath).absolutePath()))
        return makeError(ErrorCode::Storage,
                         tr("The backup could not be copied into place (is the disk full?). The previous "
                            "database is at %1.")
                             .arg(*keptAside),
                         QStringLiteral("copy %1").arg(backupPath));
    return {};
}

} // namespace counterpart::Backup
