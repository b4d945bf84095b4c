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

namespace {

AuditEntry readEntry(const Statement &st)
{
    AuditEntry e;
    e.row.id = Uuid::fromBytes(st.blob(0));
    e.row.atMs = st.int64(1);
    e.row.actor = st.text(2);
    e.row.role = st.text(3);
    e.row.terminalId = st.text(4);
    e.row.action = st.text(5);
    e.row.member = st.optionalInt64(6);
    e.row.reason = st.text(7);
    e.row.approvedBy = st.text(8);
    e.row.details = st.text(9).toUtf8();
    e.memberCode = st.text(10);
    e.memberName = st.text(11);
    return e;
}

} // namespace

Result<QList<AuditEntry>> AuditStore::find(const AuditQuery &query)
{
    // One member's rows come from audit_member (member, at), everyone's from audit_at.
    const QString where = query.member ? QStringLiteral("a.member = ?3 AND a.at >= ?1 AND a.at < ?2")
                                       : QStringLiteral("a.at >= ?1 AND a.at < ?2");
    const QString sql =
        QStringLiteral("SELECT a.id, a.at, a.actor, a.role, a.terminal_id, a.action, a.member, a.reason,"
                       " ifnull(a.approved_by, ''), a.details, ifnull(m.code, ''), ifnull(m.name, '')"
                       " FROM audit a LEFT JOIN members m ON m.local_id = a.member WHERE ") +
        where + QStringLiteral(" AND (?4 = '' OR a.actor = ?4) ORDER BY a.at DESC, a.local_id DESC LIMIT ?5");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(query.fromMs, query.toMs, query.member.value_or(0), orEmpty(query.actor), query.limit);
    return st.all(readEntry, "audit.find");
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

Result<AuditStore::Tally> AuditStore::tally(qint64 member, const QString &action, qint64 afterMs)
{
    // Through the index on (member, at): a member's recent rows only.
    const QString sql = QStringLiteral(
        "SELECT count(*), ifnull(max(at), 0) FROM audit WHERE member = ?1 AND at > ?2 AND action = ?3");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(member, afterMs, action);
    if (!st.next())
        return st.ok() ? Result<Tally>(Tally{}) : Result<Tally>(st.error());
    return Tally{st.int64(0), st.int64(1)};
}

} // namespace counterpart
