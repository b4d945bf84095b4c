#include "storage/TillQueries.h"

#include "storage/Database.h"

namespace counterpart {

namespace {

HistoryRow readHistory(const Statement &st)
{
    HistoryRow r;
    r.entryId = st.blob(0);
    r.atMs = st.int64(1);
    r.kind = st.text(2);
    r.points = st.int64(3);
    r.receipt = st.text(4);
    r.amountMinor = st.int64(5);
    r.reward = st.text(6);
    r.reason = st.text(7);
    r.cashier = st.text(8);
    return r;
}

} // namespace

Result<QList<HistoryRow>> TillQueries::history(qint64 member, int limit)
{
    const QString sql = QStringLiteral(
        "SELECT l.id, l.at, l.kind, l.points, COALESCE(p.receipt, l.receipt, ''), COALESCE(p.amount, 0),"
        " COALESCE(l.reward, ''), l.reason, l.cashier"
        " FROM ledger l LEFT JOIN purchases p ON p.local_id = l.purchase"
        " WHERE l.member = ?1 ORDER BY l.local_id DESC LIMIT ?2");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member).bind(2, limit);
    return st.all(readHistory, "ledger.history");
}

Status TillQueries::lotsAndDebits(qint64 member, QList<PointsLot> &lots, QList<PointsDebit> &debits)
{
    const QString sql =
        QStringLiteral("SELECT local_id, points, at, COALESCE(expires_at, 0), COALESCE(reverses, 0)"
                       " FROM ledger WHERE member = ?1 ORDER BY local_id");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member);
    while (st.next()) {
        const qint64 points = st.int64(1);
        if (points > 0)
            lots.append(PointsLot{st.int64(0), points, st.int64(2), st.int64(3)});
        else if (points < 0)
            debits.append(PointsDebit{-points, st.int64(2), st.int64(4)});
    }
    if (!st.ok())
        return st.error();
    return {};
}

Result<QList<qint64>> TillQueries::membersWithCreditsExpiring(qint64 afterMs, qint64 untilMs)
{
    const QString sql = QStringLiteral(
        "SELECT DISTINCT member FROM ledger WHERE expires_at > ?1 AND expires_at <= ?2 AND points > 0"
        " AND expires_at IS NOT NULL ORDER BY member");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, afterMs).bind(2, untilMs);
    return st.all([](const Statement &row) { return row.int64(0); }, "ledger.membersWithCreditsExpiring");
}

Result<qint64> TillQueries::redeemedQuantitySince(qint64 member, const QString &reward, qint64 sinceMs)
{
    const QString sql = QStringLiteral(
        "SELECT COALESCE(SUM(-l.points), 0) FROM ledger l WHERE l.member = ?1 AND l.kind = 'redeem' AND "
        "(ifnull(?2, '') = '' OR l.reward = ?2) AND l.at >= ?3"
        " AND NOT EXISTS (SELECT 1 FROM ledger v WHERE v.reverses = l.local_id AND v.kind = 'void')");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(member, reward, sinceMs);
    if (!st.next())
        return st.ok() ? Result<qint64>(qint64(0)) : Result<qint64>(st.error());
    return st.int64(0);
}

Result<qint64> TillQueries::pendingRedeemedPoints(qint64 member)
{
    // A redemption's outbox operation names the member as its entity; while it is pending the server
    // has not seen it.
    const QString sql =
        QStringLiteral("SELECT COALESCE(SUM(json_extract(o.payload, '$.points')), 0) FROM outbox o"
                       " WHERE o.status = 'pending' AND o.kind = 'redeem' AND o.entity = (SELECT id FROM "
                       "members WHERE local_id = ?1)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member);
    if (!st.next())
        return st.ok() ? Result<qint64>(qint64(0)) : Result<qint64>(st.error());
    return st.int64(0);
}

Result<std::optional<TillQueries::LastAction>> TillQueries::lastVoidableAction(qint64 member)
{
    const QString sql = QStringLiteral(
        "SELECT l.local_id, l.kind, l.at, l.purchase, l.cashier FROM ledger l"
        " WHERE l.member = ?1 AND l.kind IN ('earn', 'redeem', 'first_purchase_gift', 'birthday_gift')"
        " ORDER BY l.local_id DESC LIMIT 1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member);
    if (!st.next()) {
        if (!st.ok())
            return st.error();
        return std::optional<LastAction>();
    }
    LastAction a;
    a.entryLocalId = st.int64(0);
    a.kind = st.text(1);
    a.atMs = st.int64(2);
    a.purchase = st.optionalInt64(3);
    a.cashier = st.text(4);
    // Already voided, or (a redemption) already given back by a full refund? Voiding it again would
    // give the points back twice.
    const QString vSql = QStringLiteral(
        "SELECT 1 FROM ledger WHERE reverses = ?1 AND kind IN ('void', 'redeem_restore') LIMIT 1");
    CP_TRY_ASSIGN(auto v, m_db.prepare(vSql));
    v.bind(1, a.entryLocalId);
    if (v.next())
        return std::optional<LastAction>();
    if (!v.ok())
        return v.error();
    return std::optional<LastAction>(a);
}

Result<QList<TillQueries::LinkedEntry>> TillQueries::entriesForPurchase(qint64 purchase)
{
    const QString sql = QStringLiteral("SELECT local_id, kind, points FROM ledger WHERE purchase = ?1"
                                       " ORDER BY local_id");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, purchase);
    return st.all(
        [](const Statement &row) {
            return LinkedEntry{row.int64(0), row.text(1), row.int64(2)};
        },
        "ledger.entriesForPurchase");
}

Result<QHash<qint64, qint64>> TillQueries::giftPointsByPurchase(qint64 member)
{
    const QString sql =
        QStringLiteral("SELECT purchase, SUM(points) FROM ledger WHERE member = ?1"
                       " AND purchase IS NOT NULL AND points > 0"
                       " AND kind IN ('first_purchase_gift', 'birthday_gift') GROUP BY purchase");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member);
    QHash<qint64, qint64> points;
    while (st.next())
        points.insert(st.int64(0), st.int64(1));
    if (!st.ok())
        return st.error();
    return points;
}

Result<QList<qint64>> TillQueries::membersAboveTier(const QString &entryTier, qint64 afterLocalId, int limit)
{
    const QString sql = QStringLiteral("SELECT local_id FROM members WHERE status = 'active' AND tier <> ?1"
                                       " AND local_id > ?2 ORDER BY local_id LIMIT ?3");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(entryTier, afterLocalId, limit);
    return st.all([](const Statement &row) { return row.int64(0); }, "members.aboveTier");
}

Result<qint64> TillQueries::maxPendingOutboxSeq()
{
    const QString sql = QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM outbox WHERE status = 'pending'");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    if (!st.next())
        return st.ok() ? Result<qint64>(qint64(0)) : Result<qint64>(st.error());
    return st.int64(0);
}

Result<QList<std::pair<qint64, qint64>>> TillQueries::redeemedOnReceipt(qint64 member, const QString &storeId,
                                                                        const QString &receipt)
{
    const QString sql =
        QStringLiteral("SELECT l.local_id, -l.points FROM ledger l"
                       " WHERE l.store_id = ?2 AND l.receipt = ?3 AND l.member = ?1 AND l.kind = 'redeem'"
                       " AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.local_id)"
                       " ORDER BY l.local_id");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(member, storeId, receipt);
    return st.all(
        [](const Statement &row) {
            return std::pair<qint64, qint64>{row.int64(0), row.int64(1)};
        },
        "ledger.redeemedOnReceipt");
}

Status TillQueries::revokeGiftsForPurchase(qint64 member, qint64 purchase)
{
    const QString sql = QStringLiteral("DELETE FROM gift_grants WHERE member = ?1 AND entry IN (SELECT "
                                       "local_id FROM ledger WHERE purchase = ?2)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member).bind(2, purchase);
    return st.exec();
}

} // namespace counterpart
