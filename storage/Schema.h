#pragma once

#include "core/Result.h"

#include <QString>

#include <memory>

namespace counterpart {

class Database;
struct OpenOptions;

// Numbered schema versions (PRAGMA user_version), migrated one step at a time, each step in its own
// transaction. The steps are storage/migrations/NNNN_*.sql, compiled in.
namespace Schema {

int latestVersion();
Result<int> currentVersion(Database &db);

// Brings the database to latestVersion(). A database newer than this program is refused with a
// message that says so, and left untouched.
Status migrate(Database &db);
// Migrates only up to `version` (tests build old databases with it).
Status migrateTo(Database &db, int version);

// Bulk loading (a new till writing the chain's members from the server's snapshot). Every row inserted
// also updates the secondary indexes keyed by time, receipt or last four digits, at places all over
// the file, and once those outgrow the page cache each insert reads and writes pages on disk.
// deferBulkLoadWork drops those indexes and keeps their SQL in the settings table; restoreBulkLoadWork
// builds them again (CREATE INDEX sorts once). Both run inside the caller's transaction, so a failure
// leaves everything as it was. The indexes that keep data right (unique phones, codes, receipts, ids)
// and those the load itself reads stay; so do the statistics triggers, whose upserts into the small,
// cached aggregate tables cost less per row (~1.5 us) than recomputing the aggregates afterwards.
// Migrations restore deferred indexes first, so a migration always sees the whole schema.
Status deferBulkLoadWork(Database &db);
Status restoreBulkLoadWork(Database &db);
Result<bool> bulkLoadWorkDeferred(Database &db);
// Outside any transaction: restores deferred indexes, if any, in a transaction of its own, with the
// index builds' sorts in temporary files rather than memory.
Status finishBulkLoad(Database &db);

} // namespace Schema

struct IntegrityReport {
    bool ok = true;
    QString problems;     // what SQLite reported (no personal data: page numbers and index names)
    QString keptCopyPath; // where the damaged file was copied, when !ok
};

// Runs PRAGMA quick_check (or the full integrity_check). On damage, copies the database file (and its
// -wal) beside it as NAME.damaged-YYYYMMDD-HHMMSS before anything else touches it. Never deletes.
Result<IntegrityReport> checkIntegrity(Database &db, bool full);

// Open + integrity check (see OpenOptions::integrityCheckOnOpenMaxBytes) + migrate: what the till and
// the CLI do on start.
Result<std::unique_ptr<Database>> openTillDatabase(const QString &path, const OpenOptions &options);

} // namespace counterpart
