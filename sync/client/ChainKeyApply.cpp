#include "sync/client/ChainKeyApply.h"

#include "core/Clock.h"
#include "core/Uuid.h"
#include "storage/Database.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "sync/client/Credentials.h"
#include "sync/client/Log.h"
#include "sync/protocol/KeyWrap.h"
#include "sync/protocol/Wire.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace counterpart::sync {

namespace {

QByteArray sealedKeyData(qint64 kid)
{
    return QByteArrayLiteral("chain_key:") + QByteArray::number(kid);
}

Error otherChain(qint64 kid)
{
    return makeError(ErrorCode::Conflict,
                     QCoreApplication::translate(
                         "Sync", "The server's chain key %1 is not the one this till already holds: this "
                                 "till's database belongs to another chain, or the server's database was "
                                 "replaced. Nothing was stored; ask head office.")
                         .arg(kid),
                     QStringLiteral("chain key %1 differs").arg(kid));
}

} // namespace

Result<int> applyChainKeys(Database &db, const ChainKeySet &set, const Credentials &credentials,
                           const FieldCipher &local, const ApplyEnv &env)
{
    if (!local.isValid())
        return makeError(ErrorCode::Crypto,
                         QCoreApplication::translate("Sync", "The till's key file is missing, so the chain's "
                                                             "keys cannot be kept."));
    Transaction tx(db);
    CP_TRY(tx.begin());
    CP_TRY_ASSIGN(const auto held, openChainKeys(db, local));
    QJsonArray added;
    for (const WrappedChainKey &k : set.keys) {
        auto key = unwrapChainKey(credentials.secret, credentials.terminalId, k.kid, k.wrapped);
        if (!key)
            return makeError(ErrorCode::Crypto,
                             QCoreApplication::translate(
                                 "Sync", "The chain's key %1 does not open with this till's secret: it was "
                                         "made for another terminal or another chain, or changed on the "
                                         "way. Nothing was stored; ask head office.")
                                 .arg(k.kid),
                             key.error().detail);
        if (held.contains(k.kid)) {
            if (!(held.value(k.kid) == FieldCipher::fromKey(key.value())))
                return otherChain(k.kid);
            continue;
        }
        CP_TRY_ASSIGN(const QByteArray sealed, local.encrypt(key.value(), sealedKeyData(k.kid)));
        CP_TRY(SyncStore(db).addChainKey(k.kid, sealed, env.clock->nowMs()));
        added.append(k.kid);
    }
    if (!added.isEmpty())
        CP_TRY(env.auditSystem(db, QStringLiteral("keys.received"),
                               QJsonObject{{QStringLiteral("keys"), added}}));
    CP_TRY(tx.commit());
    if (!added.isEmpty())
        qCInfo(lcSync) << "chain keys received:" << added.size();
    return int(added.size());
}

Result<QMap<qint64, FieldCipher>> openChainKeys(Database &db, const FieldCipher &local)
{
    CP_TRY_ASSIGN(const auto sealed, SyncStore(db).chainKeys());
    QMap<qint64, FieldCipher> out;
    for (auto it = sealed.constBegin(); it != sealed.constEnd(); ++it) {
        CP_TRY_ASSIGN(const QByteArray key, local.decrypt(it.value(), sealedKeyData(it.key())));
        out.insert(it.key(), FieldCipher::fromKey(key));
    }
    return out;
}

} // namespace counterpart::sync
