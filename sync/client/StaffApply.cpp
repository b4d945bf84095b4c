#include "sync/client/StaffApply.h"

#include "core/Clock.h"
#include "core/Uuid.h"
#include "storage/Database.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "sync/client/Log.h"
#include "sync/protocol/Wire.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace counterpart::sync {

const QString StaffVersionKey = QStringLiteral("sync_staff_version");

namespace {

// The audit row of a change head office made (actor: the system, at this till).
Status audit(Database &db, const ApplyEnv &env, const QString &action, const CashierRow &row)
{
    return env.auditSystem(
        db, action, QJsonObject{{QStringLiteral("staff"), row.id}, {QStringLiteral("role"), row.role}});
}

// The till's row for an active person of the list; a new PIN clears earlier wrong guesses.
CashierRow activeRow(const StaffEntry &e, std::optional<CashierRow> was, qint64 now)
{
    CashierRow row = was.value_or(CashierRow{});
    if (!was)
        row.createdAtMs = now;
    if (row.pinHash != e.pinHash || row.pinSalt != e.pinSalt) {
        row.failedAttempts = 0;
        row.lockedUntilMs.reset();
    }
    row.id = e.id;
    row.name = e.name;
    row.role = e.role;
    row.pinHash = e.pinHash;
    row.pinSalt = e.pinSalt;
    row.pinIterations = e.pinIterations;
    row.active = true;
    row.source = QStringLiteral("chain");
    row.deactivatedAtMs.reset();
    return row;
}

bool sameAccess(const CashierRow &a, const CashierRow &b)
{
    return a.name == b.name && a.role == b.role && a.pinHash == b.pinHash && a.pinSalt == b.pinSalt &&
           a.pinIterations == b.pinIterations && a.active == b.active && a.source == b.source;
}

Status switchOff(Database &db, const ApplyEnv &env, CashierRow row, StaffApplied &out)
{
    row.active = false;
    row.deactivatedAtMs = env.clock->nowMs();
    CP_TRY(CashierStore(db).upsert(row));
    ++out.switchedOff;
    return audit(db, env, QStringLiteral("staff.switched_off"), row);
}

Status applyEntries(Database &db, const QList<StaffEntry> &list, const ApplyEnv &env, StaffApplied &out)
{
    CP_TRY_ASSIGN(const QList<CashierRow> rows, CashierStore(db).all());
    QHash<QString, CashierRow> known;
    for (const CashierRow &r : rows)
        known.insert(r.id, r);
    QSet<QString> listed;
    for (const StaffEntry &e : list) {
        listed.insert(e.id);
        const std::optional<CashierRow> was =
            known.contains(e.id) ? std::optional(known.value(e.id)) : std::nullopt;
        if (!e.active) {
            if (was && was->active)
                CP_TRY(switchOff(db, env, *was, out));
            continue;
        }
        const CashierRow row = activeRow(e, was, env.clock->nowMs());
        if (was && sameAccess(*was, row))
            continue;
        CP_TRY(CashierStore(db).upsert(row));
        ++(was ? out.changed : out.added);
        CP_TRY(audit(db, env, QStringLiteral("staff.from_head_office"), row));
    }
    if (list.isEmpty())
        return {}; // head office does not manage this store's staff (yet): the till's own stay
    for (const CashierRow &r : rows) {
        if (r.active && !listed.contains(r.id))
            CP_TRY(switchOff(db, env, r, out));
    }
    return {};
}

} // namespace

Result<StaffApplied> applyStaffRoster(Database &db, const StaffRoster &roster, const ApplyEnv &env)
{
    StaffApplied out;
    if (!roster.staff)
        return out;
    Transaction tx(db);
    CP_TRY(tx.begin());
    CP_TRY(applyEntries(db, *roster.staff, env, out));
    CP_TRY(SyncStore(db).setSetting(StaffVersionKey, roster.version));
    CP_TRY(tx.commit());
    if (out.added + out.changed + out.switchedOff > 0)
        qCInfo(lcSync) << "staff list applied:" << out.added << "added," << out.changed << "changed,"
                       << out.switchedOff << "switched off";
    return out;
}

} // namespace counterpart::sync
