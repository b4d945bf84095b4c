#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

namespace counterpart {

using namespace storesupport;

namespace {

CashierRow readCashier(const Statement &st)
{
    CashierRow r;
    r.id = st.text(0);
    r.name = st.text(1);
    r.role = st.text(2);
    r.pinHash = st.blob(3);
    r.pinSalt = st.blob(4);
    r.pinIterations = st.int32(5);
    r.failedAttempts = st.int32(6);
    r.lockedUntilMs = st.optionalInt64(7);
    r.active = st.int64(8) != 0;
    r.createdAtMs = st.int64(9);
    r.source = st.text(10);
    r.deactivatedAtMs = st.optionalInt64(11);
    return r;
}

const QString &cashierColumns()
{
    static const QString columns = QStringLiteral("id, name, role, pin_hash, pin_salt, pin_iterations, "
                                                  "failed_attempts, locked_until, active, created_at, "
                                                  "source, deactivated_at");
    return columns;
}

} // namespace

Status CashierStore::upsert(const CashierRow &row)
{
    // created_at is kept from the first insert.
    const QString sql =
        QStringLiteral("INSERT INTO cashiers(id, name, role, pin_hash, pin_salt, pin_iterations, "
                       "failed_attempts, locked_until, active, created_at, source, deactivated_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                       " ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash "
                       "= excluded.pin_hash,"
                       " pin_salt = excluded.pin_salt, pin_iterations = excluded.pin_iterations,"
                       " failed_attempts = excluded.failed_attempts, locked_until = excluded.locked_until,"
                       " active = excluded.active, source = excluded.source,"
                       " deactivated_at = excluded.deactivated_at");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(row.id, orEmpty(row.name), row.role, row.pinHash, row.pinSalt, row.pinIterations,
               row.failedAttempts, row.lockedUntilMs, row.active, row.createdAtMs, row.source,
               row.deactivatedAtMs);
    return st.run("cashiers.upsert");
}

Result<std::optional<CashierRow>> CashierStore::byId(const QString &id)
{
    static const QString sql =
        QStringLiteral("SELECT ") + cashierColumns() + QStringLiteral(" FROM cashiers WHERE id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, id);
    return st.one(readCashier, "cashiers.byId");
}

Result<QList<CashierRow>> CashierStore::all()
{
    static const QString sql =
        QStringLiteral("SELECT ") + cashierColumns() + QStringLiteral(" FROM cashiers ORDER BY id");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    return st.all(readCashier, "cashiers.all");
}

Status CashierStore::setFailures(const QString &id, int failedAttempts, std::optional<qint64> lockedUntilMs)
{
    const QString sql =
        QStringLiteral("UPDATE cashiers SET failed_attempts = ?2, locked_until = ?3 WHERE id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(id, failedAttempts, lockedUntilMs);
    return st.runOnOneRow("cashiers.setFailures");
}

} // namespace counterpart
