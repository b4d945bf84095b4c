#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

namespace counterpart {

using namespace storesupport;

Status AuditStore::append(const AuditRow &row)
{
    if (row.id.isNull())
        return missingId("audit.append");
    const QString sql = QStringLiteral(
        "INSERT INTO audit(id, at, actor, role, terminal_id, action, member, reason, approved_by,"
        " details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, row.id.bytes())
        .bind(2, row.atMs)
        .bind(3, row.actor)
        .bind(4, row.role)
        .bind(5, row.terminalId)
        .bind(6, row.action)
        .bind(7, row.member)
        .bind(8, orEmpty(row.reason))
        .bind(9, orNull(row.approvedBy))
        .bindUtf8(10, row.details.isEmpty() ? QByteArrayLiteral("{}") : row.details);
    return st.run("audit.append");
}

Result<qint64> AuditStore::count()
{
    CP_TRY_ASSIGN(auto st, m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM audit")));
    return st.scalar("audit.count");
}

Result<qint64> AuditStore::locksSinceLastLogin(const QString &staffId, qint64 sinceMs)
{
    // The audit trail is the record of locks: no second counter to keep in step. Bounded by `sinceMs`
    // through the index on `at`, so a till with years of audit rows reads only the last days.
    const QString sql = QStringLiteral(
        "SELECT count(*) FROM audit WHERE at >= ?2 AND actor = ?1 AND action = 'login.locked' AND at > "
        "coalesce((SELECT max(at) FROM audit WHERE at >= ?2 AND actor = ?1 AND action = 'login'), 0)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, staffId).bind(2, sinceMs);
    return st.scalar("audit.locksSinceLastLogin");
}

} // namespace counterpart
