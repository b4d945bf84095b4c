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
