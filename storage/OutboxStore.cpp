#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

namespace counterpart {

using namespace storesupport;

Status OutboxStore::enqueue(OutboxRow &row)
{
    if (row.id.isNull() || row.entity.isNull())
        return missingId("outbox.enqueue");
    const QString sql = QStringLiteral(
        "INSERT INTO outbox(id, kind, entity, payload, created_at, status, attempts, last_error)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, row.id.bytes())
        .bind(2, row.kind)
        .bind(3, row.entity.bytes())
        .bindUtf8(4, row.payload.isNull() ? QByteArrayLiteral("{}") : row.payload)
        .bind(5, row.createdAtMs)
        .bind(6, row.status)
        .bind(7, row.attempts)
        .bind(8, orNull(row.lastError));
    if (Status s = st.run("outbox.enqueue"); !s)
        return s;
    row.seq = m_db.lastInsertRowId();
    return {};
}

Result<QList<OutboxRow>> OutboxStore::pending(int limit)
{
    // outbox_pending (status, seq): in order, without a sort.
    const QString sql = QStringLiteral(
        "SELECT seq, id, kind, entity, payload, created_at, status, attempts, last_error FROM outbox"
        " WHERE status = 'pending' ORDER BY seq LIMIT ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, limit);
    return st.all(
        [](const Statement &s) {
            OutboxRow r;
            r.seq = s.int64(0);
            r.id = Uuid::fromBytes(s.blob(1));
            r.kind = s.text(2);
            r.entity = Uuid::fromBytes(s.blob(3));
            r.payload = s.blob(4);
            r.createdAtMs = s.int64(5);
            r.status = s.text(6);
            r.attempts = s.int32(7);
            r.lastError = s.text(8);
            return r;
        },
        "outbox.pending");
}

Result<qint64> OutboxStore::pendingCount()
{
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    return st.scalar("outbox.pendingCount");
}

Status OutboxStore::markApplied(qint64 seq)
{
    const QString sql =
        QStringLiteral("UPDATE outbox SET status = 'applied', attempts = attempts + 1 WHERE seq = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, seq);
    return st.runOnOneRow("outbox.markApplied");
}

Status OutboxStore::scrubAnswered(const Uuid &member)
{
    // Paths that are not in an operation (a member.update's `member` is an id, not an object) are
    // left alone by json_remove.
    const QString sql = QStringLiteral(
        "UPDATE outbox SET payload = json_remove(payload, '$.member.phone', '$.member.name', "
        "'$.member.gender',"
        " '$.member.note', '$.member.birthMonth', '$.member.birthDay', '$.member.birthDateEnc',"
        " '$.member.idNumberEnc', '$.member.marketingConsent', '$.member.consentAt', '$.fields', '$.phone',"
        " '$.previous') WHERE entity = ?1 AND status <> 'pending'"
        " AND kind IN ('member.register', 'member.update', 'member.phone')");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, member.bytes());
    return st.run("outbox.scrubAnswered");
}

Status OutboxStore::markRejected(qint64 seq, const QString &reason)
{
    const QString sql = QStringLiteral(
        "UPDATE outbox SET status = 'rejected', attempts = attempts + 1, last_error = ?2 WHERE seq = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, seq).bind(2, orEmpty(reason));
    return st.runOnOneRow("outbox.markRejected");
}

} // namespace counterpart
