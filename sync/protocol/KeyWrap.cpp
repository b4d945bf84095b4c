#include "sync/protocol/KeyWrap.h"

#include "storage/Crypto.h"
#include "sync/protocol/Signing.h"

namespace counterpart::sync {

namespace {

// Binds a wrapped key to its terminal and its id: a wrapped key moved to another terminal or id does
// not open.
QByteArray associatedData(const QString &terminalId, qint64 kid)
{
    return QByteArrayLiteral("chain_key:") + terminalId.toUtf8() + ':' + QByteArray::number(kid);
}

} // namespace

QByteArray chainKeyWrappingKey(const QByteArray &terminalSecret)
{
    return hmacSha256(terminalSecret, QByteArrayLiteral("counterpart chain key wrap v1"));
}

Result<QByteArray> wrapChainKey(const QByteArray &terminalSecret, const QString &terminalId, qint64 kid,
                                const QByteArray &key)
{
    if (key.size() != ChainKeySize || terminalSecret.isEmpty())
        return makeError(ErrorCode::Crypto, QStringLiteral("chain key or terminal secret missing"));
    return FieldCipher::fromKey(chainKeyWrappingKey(terminalSecret))
        .encrypt(key, associatedData(terminalId, kid));
}

Result<QByteArray> unwrapChainKey(const QByteArray &terminalSecret, const QString &terminalId, qint64 kid,
                                  const QByteArray &wrapped)
{
    auto key = FieldCipher::fromKey(chainKeyWrappingKey(terminalSecret))
                   .decrypt(wrapped, associatedData(terminalId, kid));
    if (!key || key->size() != ChainKeySize)
        return makeError(ErrorCode::Crypto, QStringLiteral("chain key %1 does not open").arg(kid),
                         key ? QStringLiteral("wrong key size") : key.error().detail);
    return key.value();
}

} // namespace counterpart::sync
