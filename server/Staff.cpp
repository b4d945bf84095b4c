// Staff managed chain-wide (docs/server.md, "Staff"): head office adds, changes, moves and switches off
// people; each store's tills fetch the store's list and let in whoever is on it and active.

#include "server/ChangeLog.h"
#include "server/ServerStore.h"
#include "sync/protocol/Signing.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>

namespace counterpart::server {

namespace {

constexpr int StaffPinIterations = 310'000; // as the till's own (app/StaffService.cpp)

const QString StaffColumns = QStringLiteral("id, name, store, role, active, changed_at, deactivated_at");

StaffRecord staffFromRow(const SqlRows &rows, qsizetype r)
{
    return {rows.text(r, 0),       rows.text(r, 1),  rows.text(r, 2),         rows.text(r, 3),
            rows.int64(r, 4) != 0, rows.int64(r, 5), rows.optionalInt64(r, 6)};
}

Status invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

Status checkChange(const StaffChange &c, bool create)
{
    if (!sync::isStaffId(c.id))
        return invalid(QStringLiteral("A staff id is 1 to 32 letters, digits, '.', '_' or '-'."));
    if (create && (!c.name || !c.store || !c.role || !c.pin))
        return invalid(QStringLiteral("A new person needs --store, --name, --role and a PIN (--pin-file)."));
    if (c.name && (c.name->trimmed().isEmpty() || c.name->size() > sync::MaxNameLength))
        return invalid(QStringLiteral("A name is 1 to %1 characters.").arg(sync::MaxNameLength));
    if (c.role && *c.role != QLatin1String("cashier") && *c.role != QLatin1String("manager"))
        return invalid(QStringLiteral("A role is cashier or manager."));
    static const QRegularExpression pinPattern(QStringLiteral("^[0-9]{4,8}$"));
    if (c.pin && !pinPattern.match(*c.pin).hasMatch())
        return invalid(QStringLiteral("A PIN has 4 to 8 digits."));
    return {};
}

SqlParams pinParams(const std::optional<QString> &pin)
{
    if (!pin)
        return {QString(), QString(), 0};
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    const QByteArray hash = sync::staffPinHash(pin->toUtf8(), salt, StaffPinIterations);
    return {QString::fromLatin1(hash.toBase64()), QString::fromLatin1(salt.toBase64()), StaffPinIterations};
}

Status insertStaff(SqlConnection &c, const StaffChange &change, qint64 now)
{
    SqlParams p{change.id, change.name->trimmed(), *change.store, *change.role};
    p += pinParams(change.pin);
    p << now;
    return c.exec(
        QStringLiteral("INSERT INTO staff (id, name, store, role, pin_hash, pin_salt, pin_iterations, "
                       "active, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)"),
        p);
}

// The old store's tills learn that the person left; moving back removes that note.
Status recordMove(SqlConnection &c, const QString &id, const QString &from, const QString &to, qint64 now)
{
    CP_TRY(
        c.exec(QStringLiteral("INSERT INTO staff_former_stores (staff, store, left_at) VALUES ($1, $2, $3) "
                              "ON CONFLICT (staff, store) DO UPDATE SET left_at = excluded.left_at"),
               {id, from, now}));
    return c.exec(QStringLiteral("DELETE FROM staff_former_stores WHERE staff = $1 AND store = $2"),
                  {id, to});
}

Status updateStaff(SqlConnection &c, const StaffRecord &was, const StaffChange &change, qint64 now)
{
    const bool active = change.active.value_or(was.active);
    if (active && !was.active && !change.pin)
        return invalid(QStringLiteral("%1 was switched off and their PIN forgotten: switching them on again "
                                      "needs a new PIN (--pin-file).")
                           .arg(change.id));
    if (change.store && *change.store != was.store)
        CP_TRY(recordMove(c, change.id, was.store, *change.store, now));
    CP_TRY(c.exec(
        QStringLiteral("UPDATE staff SET name = $2, store = $3, role = $4, active = $5, changed_at = $6, "
                       "deactivated_at = $7 WHERE id = $1"),
        {change.id, change.name.value_or(was.name).trimmed(), change.store.value_or(was.store),
         change.role.value_or(was.role), active ? 1 : 0, now,
         active ? QVariant() : QVariant(was.deactivatedAt.value_or(now))}));
    if (!active)
        return c.exec(QStringLiteral("UPDATE staff SET pin_hash = '', pin_salt = '', pin_iterations = 0 "
                                     "WHERE id = $1"),
                      {change.id});
    if (!change.pin)
        return {};
    SqlParams p{change.id};
    p += pinParams(change.pin);
    return c.exec(
        QStringLiteral("UPDATE staff SET pin_hash = $2, pin_salt = $3, pin_iterations = $4 WHERE id = $1"),
        p);
}

} // namespace

QJsonObject StaffRecord::toJson() const
{
    return {{QStringLiteral("staff"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("store"), store},
            {QStringLiteral("role"), role},
            {QStringLiteral("active"), active},
            {QStringLiteral("changedAt"),
             QDateTime::fromMSecsSinceEpoch(changedAt, QTimeZone::utc()).toString(Qt::ISODate)}};
}

Result<StaffChange> StaffChange::forAction(const QString &action, const QHash<QString, QString> &fields)
{
    static const QStringList actions{QStringLiteral("add"), QStringLiteral("change"), QStringLiteral("move"),
                                     QStringLiteral("deactivate"), QStringLiteral("reactivate")};
    if (!actions.contains(action))
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The action is add, change, move, deactivate or reactivate."));
    auto field = [&](const char *key) {
        const QString k = QString::fromLatin1(key);
        return fields.contains(k) ? std::optional(fields.value(k)) : std::nullopt;
    };
    StaffChange c;
    c.id = fields.value(QStringLiteral("staff"));
    if (c.id.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Name the person: staff (their staff id)."));
    if (action == QLatin1String("move") && !fields.contains(QStringLiteral("store")))
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A move names the store the person moves to (store)."));
    if (action == QLatin1String("deactivate") || action == QLatin1String("reactivate"))
        c.active = action == QLatin1String("reactivate");
    if (action != QLatin1String("deactivate")) {
        c.name = field("name");
        c.store = field("store");
        c.role = field("role");
        c.pin = field("pin");
    }
    return c;
}

Status ServerStore::setStaff(const StaffChange &change, bool create)
{
    CP_TRY(checkChange(change, create));
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    const qint64 now = m_clock.nowMs();
    return write(c, [&]() -> Status {
        if (change.store)
            CP_TRY(requireStore(c, *change.store));
        auto rows =
            c.query(QStringLiteral("SELECT ") + StaffColumns + QStringLiteral(" FROM staff WHERE id = $1"),
                    {change.id});
        if (!rows)
            return rows.error();
        if (create && !rows->isEmpty())
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("Staff id %1 is already in use (at store %2). Choose another, or "
                                            "change that person with `staff change`.")
                                 .arg(change.id, rows->text(0, 2)));
        if (create)
            return insertStaff(c, change, now);
        if (rows->isEmpty())
            return makeError(ErrorCode::NotFound, QStringLiteral("There is no staff id %1.").arg(change.id));
        return updateStaff(c, staffFromRow(*rows, 0), change, now);
    });
}

Result<QList<StaffRecord>> ServerStore::staff(const QString &store)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    auto rows =
        (*lease)->query(QStringLiteral("SELECT ") + StaffColumns +
                            QStringLiteral(" FROM staff WHERE $1 = '' OR store = $1 ORDER BY store, id"),
                        {store});
    if (!rows)
        return rows.error();
    QList<StaffRecord> out;
    for (qsizetype r = 0; r < rows->size(); ++r)
        out.append(staffFromRow(*rows, r));
    return out;
}

Result<sync::StaffRoster> ServerStore::staffRoster(const QString &store, const QString &knownVersion)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    auto rows = (*lease)->query(
        QStringLiteral(
            "SELECT id, name, role, active, pin_hash, pin_salt, pin_iterations, changed_at FROM staff "
            "WHERE store = $1 UNION ALL SELECT s.id, s.name, s.role, 0, '', '', 0, f.left_at FROM "
            "staff_former_stores f JOIN staff s ON s.id = f.staff WHERE f.store = $1 ORDER BY 1"),
        {store});
    if (!rows)
        return rows.error();
    QList<sync::StaffEntry> list;
    QJsonArray written;
    for (qsizetype r = 0; r < rows->size(); ++r) {
        sync::StaffEntry e;
        e.id = rows->text(r, 0);
        e.name = rows->text(r, 1);
        e.role = rows->text(r, 2);
        e.active = rows->int64(r, 3) != 0;
        e.pinHash = QByteArray::fromBase64(rows->text(r, 4).toLatin1());
        e.pinSalt = QByteArray::fromBase64(rows->text(r, 5).toLatin1());
        e.pinIterations = int(rows->int64(r, 6));
        e.changedAt = rows->int64(r, 7);
        written.append(e.toJsonObject());
        list.append(e);
    }
    sync::StaffRoster roster;
    roster.store = store;
    roster.version =
        QString::fromLatin1(sync::sha256Hex(QJsonDocument(written).toJson(QJsonDocument::Compact)));
    roster.serverTime = m_clock.nowMs();
    if (roster.version != knownVersion)
        roster.staff = list;
    return roster;
}

} // namespace counterpart::server
