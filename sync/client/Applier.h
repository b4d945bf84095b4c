#pragma once

// The database side of a sync cycle, without the network: what goes into a push, what the push's answer
// changes, and how a pulled page or a snapshot page is applied — each in ONE transaction that also
// stores the cursor, so a page is either applied with its cursor or not at all. The engine calls these;
// the tests call them directly (with Database::failAfter).

#include "core/LoyaltyRules.h"
#include "core/Result.h"
#include "storage/SyncStore.h"
#include "sync/protocol/Wire.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace counterpart {
class Clock;
class Database;
} // namespace counterpart

namespace counterpart::sync {

// What applying needs to know about this till.
struct ApplyEnv {
    const Clock *clock = nullptr;
    QString terminalId;
    QByteArray timeZone = QByteArrayLiteral("UTC");
    QString currency;
    std::optional<LoyaltyRules> rules; // the active rules (birthday periods); updated by a rules change
    qint64 clockOffsetMs = 0;          // server time - till time, for the HLC

    // Reads terminal, time zone, currency, active rules and the clock offset from the database.
    static Result<ApplyEnv> load(Database &db, const Clock &clock);
    // An audit row of something head office did at this till (actor: the system), now.
    Status auditSystem(Database &db, const QString &action, const QJsonObject &details) const;
};

// The body of POST /v1/push for these operations: each exactly as the outbox holds it, with an HLC
// added to operations written before HLCs were stamped.
QByteArray pushBody(const QList<PendingOp> &ops, const QString &terminalId);

struct PushOutcome {
    int applied = 0;
    int duplicates = 0;
    int rejected = 0;
    int unanswered = 0;     // operations the answer did not mention: they stay pending
    QStringList rejections; // "<kind> <opId>: <reason> (<message>)"
};
// The server's answer: applied and duplicate operations are done, rejected ones are kept as rejected and
// their effect taken back, flags are stored, a registration that became an alias is merged here.
Result<PushOutcome> applyPushResults(Database &db, const QList<PendingOp> &ops, const PushResponse &response,
                                     const ApplyEnv &env);

struct PageOutcome {
    int changes = 0;
    int members = 0;
    qint64 cursor = 0;
    QString rulesVersion; // a new rules version was installed
};
// One page of GET /v1/changes, applied after `after` (the stored cursor). Members first (so entries,
// purchases and merges find them), then purchases (so entries find theirs), then the rest in change
// order; then the HLC, the synced balances of every member touched, and the cursor `next`.
Result<PageOutcome> applyChangesPage(Database &db, const ChangesPage &page, qint64 after, ApplyEnv &env);

// One page of GET /v1/snapshot. `firstCursor`: the cursor the first page gave (empty on the first page).
// The last page stores the cursor; earlier ones store where to continue.
Result<PageOutcome> applySnapshotPage(Database &db, const SnapshotPage &page,
                                      std::optional<qint64> firstCursor, ApplyEnv &env);

// A new till's bootstrap from the store's snapshot file (storage/SnapshotFile.h) instead of pages: the
// file's rows, its active rules, HLC and cursor, in one transaction. Refused, with nothing changed, when
// the file is not a finished snapshot of this schema or the till already holds data of the server's.
Result<PageOutcome> installSnapshotFile(Database &db, const QString &path, ApplyEnv &env);

} // namespace counterpart::sync
