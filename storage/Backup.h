#pragma once

// Copies of the till's database while it serves (SQLite's online backup API), and putting one back.
// docs/design.md, "Backups".

#include "core/Result.h"

#include <QString>
#include <QStringList>

#include <functional>

namespace counterpart {

struct BackupOptions {
    int keep = 7;            // good copies kept in the folder; older ones are deleted
    int pagesPerStep = 1024; // 4 MiB a step; the cashier's writes go on between steps (WAL)
    int pauseMs = 2;         // between steps, so a large copy never hogs the disk
    // Tests only: runs on the finished copy before it is verified (to damage it).
    std::function<void(const QString &partialPath)> beforeVerify;
};

struct BackupOutcome {
    QString path;
    qint64 bytes = 0;
    QStringList removed; // older copies deleted to keep `keep`
};

namespace Backup {

// The folder a till's copies go to unless its settings name another: `backups` beside the file.
QString defaultDir(const QString &databasePath);
// The file the till's window holds locked while it runs (restore refuses while it is held).
QString runLockPath(const QString &databasePath);

// Copies the database at `sourcePath` into `dir` as till-YYYYMMDD-HHMMSS-<reason>.db: read in one
// snapshot (a read transaction), written to a .partial name, checked with PRAGMA integrity_check,
// fsynced, then renamed, so a power cut at any moment leaves the earlier copies as they were. A copy
// that fails its check is deleted and reported; the older good ones are kept.
Result<BackupOutcome> create(const QString &sourcePath, const QString &dir, const QString &reason,
                             qint64 nowMs, const BackupOptions &options = {});
// Puts the copy at `backupPath` in place of the database at `databasePath`, after checking it. The
// current file (its log checkpointed into it first) is kept aside as NAME.before-restore-YYYYMMDD-HHMMSS,
// named in `*keptAside`. Refuses while a till runs on the file.
Status restore(const QString &backupPath, const QString &databasePath, qint64 nowMs, QString *keptAside);

} // namespace Backup

} // namespace counterpart
