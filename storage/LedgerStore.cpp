#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

#include <QCoreApplication>

namespace counterpart {

using namespace storesupport;

namespace {

const QString &ledgerColumns()
{
    static const QString columns = QStringLiteral(
        "local_id, id, member, kind, points, at, expires_at, purchase, reverses, reward, discount,"
        " rules_version, terminal_id, cashier, reason, approved_by, store_id, receipt");
    return columns;
}

LedgerRow readLedger(const Statement &st)
{
    LedgerRow r;
    r.localId = st.int64(0);
    r.id = Uuid::fromBytes(st.blob(1));
    r.member = st.int64(2);
    r.kind = st.text(3);
    r.points = st.int64(4);
    r.atMs = st.int64(5);
    r.expiresAtMs = st.optionalInt64(6);
    r.purchase = st.optionalInt64(7);
    r.reverses = st.optionalInt64(8);
    r.reward = st.text(9);
    r.discountMinor = st.optionalInt64(10);
    r.rulesVersion = st.text(11);
    r.terminalId = st.text(12);
    r.cashier = st.text(13);
    r.reason = st.text(14);
    r.approvedBy = st.text(15);
    r.storeId = st.text(16);
    r.receipt = st.text(17);
    return r;
}

} // namespace

Status LedgerStore::insert(LedgerRow &row)
{
    if (row.id.isNull())
        return missingId("ledger.insert");
    // Points are money: an entry must say under which rules, where and by whom it was made.
    if (row.rulesVersion.isEmpty() || row.terminalId.isEmpty() || row.cashier.isEmpty()) {
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("Stores", "Internal error: a points entry is incomplete."),
            QStringLiteral("ledger.insert: rules version, terminal or cashier missing"));
    }
    const QString sql = QStringLiteral(
        "INSERT INTO ledger(id, member, kind, points, at, expires_at, purchase, reverses, reward, discount,"
        " rules_version, terminal_id, cashier, reason, approved_by, store_id, receipt)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, row.id.bytes())
        .bind(2, row.member)
        .bind(3, row.kind)
        .bind(4, row.points)
        .bind(5, row.atMs)
        .bind(6, row.expiresAtMs)
        .bind(7, row.purchase)
        .bind(8, row.reverses)
        .bind(9, orNull(row.reward))
        .bind(10, row.discountMinor)
        .bind(11, row.rulesVersion)
        .bind(12, row.terminalId)
        .bind(13, row.cashier)
        .bind(14, orEmpty(row.reason))
        .bind(15, orNull(row.approvedBy))
        .bind(16, orNull(row.storeId)) // schema 2: the receipt a redemption was spent on
        .bind(17, orNull(row.receipt));
    if (Status s = st.run("ledger.insert"); !s)
        return s;
    row.localId = m_db.lastInsertRowId();
    return {};
}

Result<QList<LedgerRow>> LedgerStore::forMember(qint64 member, int limit, bool newestFirst)
{
    // ledger_member (member, local_id) serves both directions without a sort.
    static const QString newest =
        QStringLiteral("SELECT ") + ledgerColumns() +
        QStringLiteral(" FROM ledger WHERE member = ?1 ORDER BY local_id DESC LIMIT ?2");
    static const QString oldest = QStringLiteral("SELECT ") + ledgerColumns() +
                                  QStringLiteral(" FROM ledger WHERE member = ?1 ORDER BY local_id LIMIT ?2");
    CP_TRY_ASSIGN(auto st, m_db.prepare(newestFirst ? newest : oldest));
    st.bind(1, member).bind(2, limit); // LIMIT -1: all
    return st.all(readLedger, "ledger.forMember");
}

Result<std::optional<LedgerRow>> LedgerStore::byLocalId(qint64 localId)
{
    static const QString sql =
        QStringLiteral("SELECT ") + ledgerColumns() + QStringLiteral(" FROM ledger WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, localId);
    return st.one(readLedger, "ledger.byLocalId");
}

Result<qint64> LedgerStore::sumForMember(qint64 member)
{
    const QString sql = QStringLiteral("SELECT COALESCE(SUM(points), 0) FROM ledger WHERE member = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member);
    return st.scalar("ledger.sumForMember");
}

Result<QList<LedgerStore::Mismatch>> LedgerStore::balanceMismatches(int limit)
{
    // One pass over the ledger in member order (ledger_member), grouped, joined to every member: a
    // member with a balance but no entries is a mismatch too.
    const QString sql =
        QStringLiteral("SELECT m.local_id, m.balance, COALESCE(s.total, 0) FROM members m"
                       " LEFT JOIN (SELECT member, SUM(points) AS total FROM ledger GROUP BY "
                       "member) s ON s.member = m.local_id"
                       " WHERE m.balance <> COALESCE(s.total, 0) ORDER BY m.local_id LIMIT ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, limit);
    return st.all(
        [](const Statement &s) {
            return Mismatch{s.int64(0), s.int64(1), s.int64(2)};
        },
        "ledger.balanceMismatches");
}

Result<qint64> LedgerStore::count()
{
    CP_TRY_ASSIGN(auto st, m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM ledger")));
    return st.scalar("ledger.count");
}

} // namespace counterpart
