// Head office's figures per store and for the chain, read straight from the rows (the server keeps no
// aggregates: a period is a few range reads on the (store, time) indexes of schema 7).

#include "server/ChangeLog.h"
#include "server/ServerStore.h"

#include <QTimeZone>

namespace counterpart::server {

namespace {

qint64 dayStartMs(const QDate &day, const QTimeZone &zone)
{
    return QDateTime(day, QTime(0, 0), zone).toMSecsSinceEpoch();
}

// The entries of [fromMs, toMs) whose store is `store` (NULL store: `store` empty).
Status readPoints(SqlConnection &c, StoreFigures &f, const QString &store)
{
    const QString where =
        store.isEmpty() ? QStringLiteral("store IS NULL AND $1 = ''") : QStringLiteral("store = $1");
    auto rows = c.query(
        QStringLiteral("SELECT kind, CASE WHEN points >= 0 THEN 0 ELSE 1 END, SUM(points) FROM entries"
                       " WHERE ") +
            where + QStringLiteral(" AND at >= $2 AND at < $3 GROUP BY 1, 2"),
        {store, f.fromMs, f.toMs});
    if (!rows)
        return rows.error();
    for (qsizetype r = 0; r < rows->size(); ++r)
        f.addPoints(rows->text(r, 0), rows->int64(r, 1) != 0, rows->int64(r, 2));
    return {};
}

Status readStore(SqlConnection &c, StoreFigures &f)
{
    const SqlParams period{f.store, f.fromMs, f.toMs};
    auto joined =
        c.query(QStringLiteral("SELECT channel, COUNT(*) FROM members WHERE store = $1 AND created_at >= $2"
                               " AND created_at < $3 AND status <> 'merged' GROUP BY channel"),
                period);
    if (!joined)
        return joined.error();
    for (qsizetype r = 0; r < joined->size(); ++r)
        f.addNewMembers(joined->text(r, 0), joined->int64(r, 1));
    auto sales = c.query(
        QStringLiteral("SELECT COUNT(*), COALESCE(SUM(amount - refunded), 0), COALESCE(SUM(refunded), 0),"
                       " COUNT(DISTINCT member) FROM purchases WHERE store = $1 AND at >= $2"
                       " AND at < $3 AND voided = 0"),
        period);
    if (!sales)
        return sales.error();
    f.visits = sales->int64(0, 0);
    f.salesMinor = sales->int64(0, 1);
    f.refundedMinor = sales->int64(0, 2);
    f.visitingMembers = sales->int64(0, 3);
    CP_TRY(readPoints(c, f, f.store));
    auto now =
        c.query(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(balance), 0) FROM members WHERE store = $1"
                               " AND status = 'active'"),
                {f.store});
    if (!now)
        return now.error();
    f.activeMembers = now->int64(0, 0);
    f.outstandingPoints = now->int64(0, 1);
    return {};
}

// The stores' rows added up; a member who bought at two stores is one visiting member of the chain, and
// entries of no store (the server's, before schema 7) count here only.
Status readChain(SqlConnection &c, const QList<StoreFigures> &stores, StoreFigures &chain)
{
    QStringList windows;
    SqlParams params;
    for (const StoreFigures &f : stores) {
        chain.fromMs = chain.fromMs == 0 ? f.fromMs : qMin(chain.fromMs, f.fromMs);
        chain.toMs = qMax(chain.toMs, f.toMs);
        chain.add(f);
        chain.activeMembers += f.activeMembers;
        chain.outstandingPoints += f.outstandingPoints;
        const int n = int(params.size());
        windows
            << QStringLiteral("(store = $%1 AND at >= $%2 AND at < $%3)").arg(n + 1).arg(n + 2).arg(n + 3);
        params << f.store << f.fromMs << f.toMs;
    }
    if (stores.isEmpty())
        return {};
    auto distinct =
        c.query(QStringLiteral("SELECT COUNT(DISTINCT member) FROM purchases WHERE voided = 0 AND (") +
                    windows.join(QStringLiteral(" OR ")) + QStringLiteral(")"),
                params);
    if (!distinct)
        return distinct.error();
    chain.visitingMembers = distinct->int64(0, 0);
    return readPoints(c, chain, QString());
}

} // namespace

QJsonObject StoreFigures::toJson() const
{
    return QJsonObject{
        {QStringLiteral("store"), store.isEmpty() ? QJsonValue() : QJsonValue(store)},
        {QStringLiteral("name"), name},
        {QStringLiteral("timeZone"), timeZone},
        {QStringLiteral("fromUtc"),
         QDateTime::fromMSecsSinceEpoch(fromMs, QTimeZone::utc()).toString(Qt::ISODate)},
        {QStringLiteral("toUtc"),
         QDateTime::fromMSecsSinceEpoch(toMs, QTimeZone::utc()).toString(Qt::ISODate)},
        {QStringLiteral("newMembers"), newMembers},
        {QStringLiteral("newMembersByChannel"), QJsonObject{{QStringLiteral("till"), newMembersTill},
                                                            {QStringLiteral("online"), newMembersOnline},
                                                            {QStringLiteral("import"), newMembersImport}}},
        {QStringLiteral("visits"), visits},
        {QStringLiteral("visitingMembers"), visitingMembers},
        {QStringLiteral("salesMinor"), salesMinor},
        {QStringLiteral("refundedMinor"), refundedMinor},
        {QStringLiteral("pointsIssued"), pointsIssued},
        {QStringLiteral("pointsGifts"), pointsGifts},
        {QStringLiteral("pointsRedeemed"), pointsRedeemed},
        {QStringLiteral("pointsExpired"), pointsExpired},
        {QStringLiteral("pointsAdjusted"), pointsAdjusted},
        {QStringLiteral("activeMembers"), activeMembers},
        {QStringLiteral("outstandingPoints"), outstandingPoints},
    };
}

Result<QList<StoreFigures>> ServerStore::figures(const QString &store, const QDate &from, const QDate &to)
{
    if (!from.isValid() || !to.isValid() || from > to)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Choose a first day that is not after the last day."));
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    QList<StoreFigures> out;
    const Status readAll = read(c, [&]() -> Status {
        if (!store.isEmpty())
            CP_TRY(requireStore(c, store));
        auto stores = c.query(
            QStringLiteral("SELECT id, name, time_zone FROM stores WHERE $1 = '' OR id = $1 ORDER BY id"),
            {store});
        if (!stores)
            return stores.error();
        for (qsizetype r = 0; r < stores->size(); ++r) {
            StoreFigures f;
            f.store = stores->text(r, 0);
            f.name = stores->text(r, 1);
            f.timeZone = stores->text(r, 2);
            const QTimeZone zone(f.timeZone.toLatin1());
            f.fromMs = dayStartMs(from, zone);
            f.toMs = dayStartMs(to.addDays(1), zone);
            CP_TRY(readStore(c, f));
            out.append(f);
        }
        if (store.isEmpty()) {
            StoreFigures chain;
            CP_TRY(readChain(c, out, chain));
            out.append(chain);
        }
        return {};
    });
    if (!readAll)
        return readAll.error();
    return out;
}

} // namespace counterpart::server
