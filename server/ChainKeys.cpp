// The chain's data keys: made on first use, rotated when a terminal is disabled or head office asks,
// and handed to each enrolled till wrapped with that till's own secret (GET /v1/keys).

#include "server/ChainKeys.h"

#include "server/ServerStore.h"
#include "storage/Crypto.h"
#include "sync/protocol/KeyWrap.h"

namespace counterpart::server {

Result<qint64> addChainKey(SqlConnection &c, qint64 nowMs, const QString &reason)
{
    const QByteArray key = secureRandomBytes(sync::ChainKeySize);
    if (key.size() != sync::ChainKeySize)
        return makeError(ErrorCode::Crypto, QStringLiteral("No random bytes for a new chain key."));
    auto rows = c.query(QStringLiteral("INSERT INTO chain_keys (kid, key, created_at, reason) "
                                       "SELECT COALESCE(MAX(kid), 0) + 1, $1, $2, $3 FROM chain_keys "
                                       "RETURNING kid"),
                        {QString::fromLatin1(key.toBase64()), nowMs, reason});
    if (!rows)
        return rows.error();
    return rows->int64(0, 0);
}

Result<sync::ChainKeySet> ServerStore::chainKeysFor(const TerminalRecord &t)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    auto rows = c.query(QStringLiteral("SELECT kid, key FROM chain_keys ORDER BY kid"), {});
    if (rows && rows->isEmpty()) { // the chain's first key, made once however many tills ask at once
        CP_TRY(write(c, [&]() -> Status {
            auto any = c.query(QStringLiteral("SELECT kid FROM chain_keys LIMIT 1"), {});
            if (!any)
                return any.error();
            if (!any->isEmpty())
                return {};
            auto added = addChainKey(c, m_clock.nowMs(), QStringLiteral("first"));
            return added ? Status() : Status(added.error());
        }));
        rows = c.query(QStringLiteral("SELECT kid, key FROM chain_keys ORDER BY kid"), {});
    }
    if (!rows)
        return rows.error();
    sync::ChainKeySet set;
    set.serverTime = m_clock.nowMs();
    for (qsizetype r = 0; r < rows->size(); ++r) {
        const qint64 kid = rows->int64(r, 0);
        auto wrapped =
            sync::wrapChainKey(t.secret, t.id, kid, QByteArray::fromBase64(rows->text(r, 1).toLatin1()));
        if (!wrapped)
            return wrapped.error();
        set.keys.append({kid, wrapped.value()});
    }
    return set;
}

Result<QList<ChainKeyRecord>> ServerStore::chainKeys()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    auto rows =
        (*lease)->query(QStringLiteral("SELECT kid, created_at, reason FROM chain_keys ORDER BY kid"), {});
    if (!rows)
        return rows.error();
    QList<ChainKeyRecord> out;
    for (qsizetype r = 0; r < rows->size(); ++r)
        out.append({rows->int64(r, 0), rows->int64(r, 1), rows->text(r, 2)});
    return out;
}

Result<qint64> ServerStore::rotateChainKeys(const QString &reason)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    qint64 kid = 0;
    CP_TRY(write(c, [&]() -> Status {
        auto added = addChainKey(c, m_clock.nowMs(), reason);
        if (!added)
            return added.error();
        kid = added.value();
        return {};
    }));
    return kid;
}

} // namespace counterpart::server
