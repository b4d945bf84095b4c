// The expiry sweep: points of lots past their expiry taken back (docs/sync-protocol.md, "Expiry").

#include "core/Loyalty.h"
#include "core/Uuid.h"
#include "server/ChangeLog.h"
#include "server/Log.h"
#include "server/ServerStore.h"

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

constexpr int ExpireBatch = 200;

// Only members with a lot that expired since the last sweep (`from`): a lot's expiry never moves.
Result<QStringList> expiryCandidates(SqlConnection &c, qint64 from, qint64 now)
{
    auto candidates = c.query(QStringLiteral(R"(SELECT DISTINCT member FROM entries
        WHERE expires_at IS NOT NULL AND points > 0 AND expires_at > $1 AND expires_at <= $2
        ORDER BY member)"),
                              {from, now});
    if (!candidates)
        return candidates.error();
    QStringList members;
    for (qsizetype r = 0; r < candidates->size(); ++r)
        members << candidates->text(r, 0);
    return members;
}

// The points of `member`'s lots expired by `now`, after every debit.
Result<qint64> expiredOf(SqlConnection &c, const QString &member, qint64 now)
{
    auto rows = c.query(
        QStringLiteral("SELECT points, at, expires_at FROM entries WHERE member = $1 ORDER BY at, id"),
        {member});
    if (!rows)
        return rows.error();
    QList<PointsLot> lots;
    QList<PointsDebit> debits;
    for (qsizetype r = 0; r < rows->size(); ++r) {
        const qint64 points = rows->int64(r, 0);
        if (points > 0)
            lots.append(PointsLot{r, points, rows->int64(r, 1), rows->int64(r, 2)});
        else if (points < 0)
            debits.append(PointsDebit{-points, rows->int64(r, 1), 0});
    }
    return expiredPoints(remainingLots(lots, debits), now);
}

// Locks the member and takes back what expired with an `expire` entry; returns the points taken.
Result<qint64> expireMember(SqlConnection &c, const Clock &clock, ChangeLog &log, const QString &member,
                            qint64 now)
{
    auto locked = readMember(c, member, true);
    if (!locked)
        return locked.error();
    auto expired = expiredOf(c, member, now);
    if (!expired || expired.value() <= 0)
        return expired;
    // The server's own entry counts in the figures of the member's home store.
    const QString store = locked->has_value() ? locked->value().store : QString();
    WireEntry e;
    e.id = Uuid::createV7(clock).toString();
    e.kind = QStringLiteral("expire");
    e.points = -expired.value();
    e.at = now;
    CP_TRY(c.exec(QStringLiteral(R"(INSERT INTO entries (id, member, kind, points, at, store, data)
        VALUES ($1, $2, 'expire', $3, $4, $5, '{}'))"),
                  {e.id, member, e.points, e.at, store.isEmpty() ? QVariant() : QVariant(store)}));
    CP_TRY(c.exec(QStringLiteral("UPDATE members SET balance = balance + $2 WHERE id = $1"),
                  {member, e.points}));
    EntryChange change;
    change.entry = e;
    change.member = member;
    change.store = store;
    log.entry(e.id, change.toJsonObject());
    return expired;
}

Status markSweptTo(SqlConnection &c, qint64 now)
{
    CP_TRY(c.exec(QStringLiteral("DELETE FROM server_state WHERE key = 'expire_swept_to'")));
    return c.exec(QStringLiteral("INSERT INTO server_state (key, value) VALUES ('expire_swept_to', $1)"),
                  {QString::number(now)});
}

} // namespace

Result<ExpireOutcome> ServerStore::expire()
{
    const qint64 now = m_clock.nowMs();
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    auto mark = c.query(QStringLiteral("SELECT value FROM server_state WHERE key = 'expire_swept_to'"));
    if (!mark)
        return mark.error();
    const qint64 from = mark->isEmpty() ? 0 : mark->text(0, 0).toLongLong();
    auto members = expiryCandidates(c, from, now);
    if (!members)
        return members.error();
    ExpireOutcome outcome;
    for (qsizetype start = 0; start < members->size(); start += ExpireBatch) {
        ExpireOutcome batch;
        Status s = write(c, [&]() -> Status {
            batch = {};
            ChangeLog log;
            for (qsizetype i = start; i < std::min<qsizetype>(members->size(), start + ExpireBatch); ++i) {
                auto expired = expireMember(c, m_clock, log, members->at(i), now);
                if (!expired)
                    return expired.error();
                if (expired.value() <= 0)
                    continue;
                ++batch.members;
                batch.points += expired.value();
            }
            return log.commit(c);
        });
        if (!s)
            return s.error();
        outcome.members += batch.members;
        outcome.points += batch.points;
    }
    Status s = write(c, [&]() -> Status { return markSweptTo(c, now); });
    if (!s)
        return s.error();
    qCInfo(lcServer).noquote() << "expiry sweep:" << outcome.points << "points of" << outcome.members
                               << "members";
    return outcome;
}

} // namespace counterpart::server
