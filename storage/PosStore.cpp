#include "storage/PosStore.h"

#include "storage/Database.h"
#include "storage/StoreSupport.h"

namespace counterpart {

using namespace storesupport;

namespace {

const QString ClientColumns =
    QStringLiteral("id, name, token_hash, created_at, created_by, revoked_at, last_used_at");

PosClientRow readClient(const Statement &st)
{
    PosClientRow r;
    r.id = st.int64(0);
    r.name = st.text(1);
    r.tokenHash = st.blob(2);
    r.createdAtMs = st.int64(3);
    r.createdBy = st.text(4);
    r.revokedAtMs = st.optionalInt64(5);
    r.lastUsedAtMs = st.optionalInt64(6);
    return r;
}

const QString HoldColumns = QStringLiteral("id, client, member, points, discount_minor, reward, quantity, "
                                           "receipt, found_with, created_at, expires_at, state, ended_at");

PosHoldRow readHold(const Statement &st)
{
    PosHoldRow r;
    r.id = st.text(0);
    r.client = st.int64(1);
    r.member = st.int64(2);
    r.points = st.int64(3);
    r.discountMinor = st.int64(4);
    r.reward = st.text(5);
    r.quantity = st.int32(6);
    r.receipt = st.text(7);
    r.foundWith = st.text(8);
    r.createdAtMs = st.int64(9);
    r.expiresAtMs = st.int64(10);
    r.state = st.text(11);
    r.endedAtMs = st.optionalInt64(12);
    return r;
}

} // namespace

Result<qint64> PosStore::addClient(const PosClientRow &row)
{
    const QString sql = QStringLiteral(
        "INSERT INTO pos_clients (name, token_hash, created_at, created_by) VALUES (?1, ?2, ?3, ?4)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(row.name, row.tokenHash, row.createdAtMs, orEmpty(row.createdBy));
    CP_TRY(st.run("pos_clients.add"));
    return m_db.lastInsertRowId();
}

Result<std::optional<PosClientRow>> PosStore::clientByName(const QString &name)
{
    static const QString sql =
        QStringLiteral("SELECT %1 FROM pos_clients WHERE name = ?1").arg(ClientColumns);
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, name);
    return st.one(readClient, "pos_clients.byName");
}

Result<std::optional<PosClientRow>> PosStore::clientByTokenHash(const QByteArray &hash)
{
    static const QString sql =
        QStringLiteral("SELECT %1 FROM pos_clients WHERE token_hash = ?1").arg(ClientColumns);
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, hash);
    return st.one(readClient, "pos_clients.byToken");
}

Result<QList<PosClientRow>> PosStore::clients()
{
    static const QString sql = QStringLiteral("SELECT %1 FROM pos_clients ORDER BY name").arg(ClientColumns);
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    return st.all(readClient, "pos_clients.all");
}

Status PosStore::revokeClient(qint64 id, qint64 nowMs)
{
    const QString sql =
        QStringLiteral("UPDATE pos_clients SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(id, nowMs);
    return st.runOnOneRow("pos_clients.revoke");
}

Status PosStore::touchClient(qint64 id, qint64 nowMs)
{
    const QString sql = QStringLiteral("UPDATE pos_clients SET last_used_at = ?2 WHERE id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(id, nowMs);
    return st.run("pos_clients.touch");
}

Result<std::optional<PosRequestRow>> PosStore::request(const QString &key)
{
    const QString sql =
        QStringLiteral("SELECT key, client, fingerprint, response, at FROM pos_requests WHERE key = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, key);
    return st.one(
        [](const Statement &s) {
            return PosRequestRow{s.text(0), s.int64(1), s.blob(2), s.blob(3), s.int64(4)};
        },
        "pos_requests.byKey");
}

Status PosStore::addRequest(const PosRequestRow &row)
{
    const QString sql = QStringLiteral(
        "INSERT INTO pos_requests (key, client, fingerprint, response, at) VALUES (?1, ?2, ?3, ?4, ?5)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(row.key, row.client, row.fingerprint, row.response, row.atMs);
    return st.run("pos_requests.add");
}

Status PosStore::addHold(const PosHoldRow &row)
{
    const QString sql =
        QStringLiteral("INSERT INTO pos_holds (%1) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                       "?10, ?11, ?12, ?13)")
            .arg(HoldColumns);
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(row.id, row.client, row.member, row.points, row.discountMinor, orNull(row.reward),
               row.quantity, row.receipt, orEmpty(row.foundWith), row.createdAtMs, row.expiresAtMs, row.state,
               row.endedAtMs);
    return st.run("pos_holds.add");
}

Result<std::optional<PosHoldRow>> PosStore::hold(const QString &id)
{
    static const QString sql = QStringLiteral("SELECT %1 FROM pos_holds WHERE id = ?1").arg(HoldColumns);
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, id);
    return st.one(readHold, "pos_holds.byId");
}

Status PosStore::endHold(const QString &id, const QString &state, qint64 nowMs)
{
    const QString sql =
        QStringLiteral("UPDATE pos_holds SET state = ?2, ended_at = ?3 WHERE id = ?1 AND state = 'held'");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(id, state, nowMs);
    return st.runOnOneRow("pos_holds.end");
}

Result<qint64> PosStore::heldPoints(qint64 member, qint64 nowMs, const QString &exceptHold)
{
    const QString sql = QStringLiteral("SELECT coalesce(sum(points), 0) FROM pos_holds WHERE member = ?1 "
                                       "AND state = 'held' AND expires_at > ?2 AND id <> ?3");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(member, nowMs, orEmpty(exceptHold));
    return st.scalar("pos_holds.held");
}

} // namespace counterpart
