#pragma once

// The SQL that is not the same on PostgreSQL and SQLite, behind one interface: one implementation per
// dialect (PostgresDialect.cpp, SqliteDialect.cpp), reached through SqlConnection::dialect(). Everything
// else the server says to its database is the same text on both.
//
// The batch writes are where the two differ most. PostgreSQL is a round trip away: a whole batch goes
// in one statement per table (unnest of array parameters). SQLite is in the process: one prepared
// statement a row is as fast and plainer.

#include "core/Result.h"
#include "server/ChangeLog.h"
#include "server/apply/Pending.h"
#include "sync/protocol/Wire.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QVariant>

namespace counterpart::server {

class SqlConnection;

class Dialect
{
public:
    virtual ~Dialect() = default;

    // A list parameter: `column IN list` as `= ANY($n::text[])` on PostgreSQL and through json_each on
    // SQLite (inList), with the value to bind for it (listValue).
    virtual QString inList(int n) const = 0;
    virtual QVariant listValue(const QStringList &values) const = 0;

    // ---- a push's batch ----
    // Claims the op ids in applied_ops for `terminal` (INSERT ... ON CONFLICT DO NOTHING); returns the
    // ids claimed now (the others were claimed before).
    virtual Result<QSet<QString>> claimOps(SqlConnection &c, const QStringList &ids, const QStringList &kinds,
                                           const QString &terminal, qint64 now) const = 0;
    // The stored answers of ops `terminal` sent before, by op id.
    virtual Result<QHash<QString, QJsonObject>> earlierResults(SqlConnection &c, const QStringList &ids,
                                                               const QString &terminal) const = 0;
    virtual Status recordResults(SqlConnection &c, const QList<RecordedOp> &ops,
                                 const QString &terminal) const = 0;
    virtual Status insertMembers(SqlConnection &c, const QList<PendingMember> &rows) const = 0;
    virtual Status insertPurchases(SqlConnection &c, const QList<PendingPurchase> &rows) const = 0;
    virtual Status insertEntries(SqlConnection &c, const QList<PendingEntry> &rows) const = 0;
    virtual Status addToBalances(SqlConnection &c, const QMap<QString, qint64> &deltas) const = 0;

    // ---- the change log ----
    // Inserts `changes` numbered from `firstSeq` and stamps `seq` on the entries, members and purchases
    // they name (where not stamped yet).
    virtual Status insertChanges(SqlConnection &c, qint64 firstSeq,
                                 const QList<LoggedChange> &changes) const = 0;

    // ---- the schema ----
    // Inside the migrating transaction: PostgreSQL takes an advisory lock (several servers may start at
    // once: one migrates, the others wait and then see it done); SQLite's BEGIN IMMEDIATE already did.
    virtual Status lockForMigration(SqlConnection &c) const = 0;
    // SQLite: PRAGMA quick_check says the file is sound. PostgreSQL checks its own pages: true once the
    // database answers.
    virtual Result<bool> intact(SqlConnection &c) const = 0;
};

// The status column of applied_ops for an op's answer.
inline QString appliedOpStatus(const sync::OpResult &r)
{
    return r.status == sync::OpStatus::Rejected ? QStringLiteral("rejected") : QStringLiteral("applied");
}

// The table whose `seq` a change of `type` stamps (entry, member or purchase changes).
inline QString seqTable(sync::ChangeType type)
{
    return type == sync::ChangeType::Entry    ? QStringLiteral("entries")
           : type == sync::ChangeType::Member ? QStringLiteral("members")
                                              : QStringLiteral("purchases");
}

const Dialect &postgresDialect();
const Dialect &sqliteDialect();

} // namespace counterpart::server
