#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace counterpart {

using namespace storesupport;

namespace {

const QString &purchaseColumns()
{
    static const QString columns = QStringLiteral(
        "local_id, id, store_id, receipt, member, amount, currency, at, refunded, points_earned,"
        " points_reversed, voided_at");
    return columns;
}

PurchaseRow readPurchase(const Statement &st)
{
    PurchaseRow r;
    r.localId = st.int64(0);
    r.id = Uuid::fromBytes(st.blob(1));
    r.storeId = st.text(2);
    r.receipt = st.text(3);
    r.member = st.int64(4);
    r.amountMinor = st.int64(5);
    r.currency = st.text(6);
    r.atMs = st.int64(7);
    r.refundedMinor = st.int64(8);
    r.pointsEarned = st.int64(9);
    r.pointsReversed = st.int64(10);
    r.voidedAtMs = st.optionalInt64(11);
    return r;
}

} // namespace

Status PurchaseStore::insert(PurchaseRow &row)
{
    if (row.id.isNull())
        return missingId("purchases.insert");
    const QString sql = QStringLiteral(
        "INSERT INTO purchases(id, store_id, receipt, member, amount, currency, at, refunded, points_earned,"
        " points_reversed, voided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(row.id.bytes(), row.storeId, row.receipt, row.member, row.amountMinor, row.currency, row.atMs,
               row.refundedMinor, row.pointsEarned, row.pointsReversed, row.voidedAtMs);
    if (Status s = st.run("purchases.insert"); !s) {
        Error e = s.error();
        if (st.resultCode() == SQLITE_CONSTRAINT_UNIQUE &&
            e.detail.contains(QLatin1String("purchases.receipt"))) {
            e.message = QCoreApplication::translate(
                "Stores", "Points were already earned on this receipt at this store; nothing was saved.");
        }
        return e;
    }
    row.localId = m_db.lastInsertRowId();
    if (row.voidedAtMs)
        return {};
    return MemberStore(m_db).recordVisit(row.member, row.atMs);
}

Result<std::optional<PurchaseRow>> PurchaseStore::byReceipt(const QString &storeId, const QString &receipt)
{
    // Spelled like the partial index purchases_receipt.
    static const QString sql = QStringLiteral("SELECT ") + purchaseColumns() +
                               QStringLiteral(" FROM purchases WHERE store_id = ?1 AND receipt = ?2"
                                              " AND voided_at IS NULL");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, storeId).bind(2, receipt);
    return st.one(readPurchase, "purchases.byReceipt");
}

Result<std::optional<PurchaseRow>> PurchaseStore::byLocalId(qint64 localId)
{
    static const QString sql =
        QStringLiteral("SELECT ") + purchaseColumns() + QStringLiteral(" FROM purchases WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, localId);
    return st.one(readPurchase, "purchases.byLocalId");
}

Result<QList<PurchaseRow>> PurchaseStore::forMember(qint64 member, int limit)
{
    static const QString sql = QStringLiteral("SELECT ") + purchaseColumns() +
                               QStringLiteral(" FROM purchases WHERE member = ?1"
                                              " ORDER BY at DESC, local_id DESC LIMIT ?2");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member).bind(2, limit);
    return st.all(readPurchase, "purchases.forMember");
}

Status PurchaseStore::setPointsEarned(qint64 localId, qint64 points)
{
    const QString sql = QStringLiteral("UPDATE purchases SET points_earned = ?2 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, localId).bind(2, points);
    return st.runOnOneRow("purchases.setPointsEarned");
}

Status PurchaseStore::addRefund(qint64 localId, const Uuid &refundId, qint64 amountMinor,
                                qint64 pointsReversed, qint64 atMs, const QString &reason)
{
    if (refundId.isNull())
        return missingId("refunds.insert");
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    {
        // The CHECK (refunded <= amount) refuses a refund larger than what is left of the purchase.
        const QString sql = QStringLiteral(
            "UPDATE purchases SET refunded = refunded + ?2, points_reversed = points_reversed + ?3"
            " WHERE local_id = ?1 AND voided_at IS NULL");
        CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
        st.bindAll(localId, amountMinor, pointsReversed);
        if (Status s = st.run("purchases.addRefund"); !s) {
            Error e = s.error();
            if (st.resultCode() == SQLITE_CONSTRAINT_CHECK) {
                e.code = ErrorCode::Refused;
                e.message = QCoreApplication::translate(
                    "Stores", "The refund is more than what is left of this purchase; nothing was saved.");
            }
            return e;
        }
        if (m_db.changes() == 0) {
            return makeError(
                ErrorCode::NotFound,
                QCoreApplication::translate("Stores", "The purchase was not found, or it was voided."),
                QStringLiteral("purchases.addRefund: no live purchase"));
        }
    }
    {
        const QString sql = QStringLiteral(
            "INSERT INTO refunds(id, purchase, amount, at, reason) VALUES (?1, ?2, ?3, ?4, ?5)");
        CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
        st.bindAll(refundId.bytes(), localId, amountMinor, atMs, orEmpty(reason));
        if (Status s = st.run("refunds.insert"); !s)
            return s;
    }
    return tx.commit();
}

Status PurchaseStore::markVoided(qint64 localId, qint64 atMs)
{
    const QString sql =
        QStringLiteral("UPDATE purchases SET voided_at = ?2 WHERE local_id = ?1 AND voided_at IS NULL");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, localId).bind(2, atMs);
    if (Status s = st.run("purchases.markVoided"); !s)
        return s;
    if (m_db.changes() == 1)
        return {};
    CP_TRY_ASSIGN(auto existing, byLocalId(localId));
    if (existing.has_value()) {
        return makeError(ErrorCode::Conflict,
                         QCoreApplication::translate("Stores", "This purchase was already voided."),
                         QStringLiteral("purchases.markVoided: already voided"));
    }
    return makeError(ErrorCode::NotFound,
                     QCoreApplication::translate("Stores", "The purchase was not found."),
                     QStringLiteral("purchases.markVoided: no such purchase"));
}

Result<qint64> PurchaseStore::spendSince(qint64 member, qint64 sinceMs)
{
    // purchases_member_at (member, at) gives the range; voided purchases do not count.
    const QString sql = QStringLiteral("SELECT COALESCE(SUM(amount - refunded), 0) FROM purchases"
                                       " WHERE member = ?1 AND at >= ?2 AND voided_at IS NULL");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member).bind(2, sinceMs);
    return st.scalar("purchases.spendSince");
}

Result<PurchaseStore::WindowSpend> PurchaseStore::windowSpend(qint64 member, qint64 sinceMs)
{
    const QString sql = QStringLiteral(
        "SELECT COALESCE(SUM(amount - refunded), 0), MIN(CASE WHEN amount > refunded THEN at END)"
        " FROM purchases WHERE member = ?1 AND at >= ?2 AND voided_at IS NULL");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member).bind(2, sinceMs);
    CP_TRY_ASSIGN(const auto row, st.one(
                                      [](const Statement &r) {
                                          return WindowSpend{r.int64(0), r.optionalInt64(1)};
                                      },
                                      "purchases.windowSpend"));
    return row.value_or(WindowSpend{}); // an aggregate always returns its one row
}

Result<QList<qint64>> PurchaseStore::visitTimesSince(qint64 member, qint64 sinceMs)
{
    // The same range of purchases_member_at as spendSince, in index order.
    const QString sql = QStringLiteral("SELECT at FROM purchases WHERE member = ?1 AND at >= ?2"
                                       " AND voided_at IS NULL ORDER BY at");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member).bind(2, sinceMs);
    return st.all([](const Statement &r) { return r.int64(0); }, "purchases.visitTimesSince");
}

Result<bool> PurchaseStore::hasPurchases(qint64 member)
{
    // Live purchases only: a voided sale never happened.
    const QString sql =
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM purchases WHERE member = ?1 AND voided_at IS NULL)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member);
    CP_TRY_ASSIGN(auto r, st.scalar("purchases.hasPurchases"));
    return r != 0;
}

} // namespace counterpart
