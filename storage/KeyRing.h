#pragma once

// The keys a till seals and opens personal fields with (docs/security.md, "Keys for a chain"):
// its own key (the key file) and the chain's data keys, which head office's server wraps for each
// enrolled terminal. A field sealed with the till's own key is format 1 (FieldCipher's blob); a field
// sealed with a chain key is format 2: 1 byte (2) | 4 bytes key id, big-endian | the format-1 blob made
// with that chain key. A till with a chain key seals with the newest one; it opens both formats.

#include "core/Result.h"
#include "storage/Crypto.h"

#include <QByteArray>
#include <QMap>

namespace counterpart {

class KeyRing
{
public:
    KeyRing() = default;

    void setLocal(const FieldCipher &local) { m_local = local; }
    const FieldCipher &local() const { return m_local; }
    // The chain's keys by id; the highest id is the one new values are sealed with.
    void setChainKeys(const QMap<qint64, FieldCipher> &keys) { m_chain = keys; }
    qint64 currentChainKey() const { return m_chain.isEmpty() ? 0 : m_chain.lastKey(); }
    qsizetype chainKeyCount() const { return m_chain.size(); }

    // A key to seal with: the newest chain key, or the till's own.
    bool isValid() const { return m_local.isValid() || !m_chain.isEmpty(); }
    Result<QByteArray> encrypt(const QByteArray &plaintext, const QByteArray &associatedData) const;
    Result<QByteArray> decrypt(const QByteArray &blob, const QByteArray &associatedData) const;

    // A key derived for `label` (FieldCipher::derive) from chain key `kid`, or from the till's own key
    // when `kid` is 0; empty when this till does not hold that key.
    QByteArray derive(qint64 kid, const QByteArray &label) const;

    // Format 1: sealed with a till's own key, readable at that till only.
    static bool isTillSealed(const QByteArray &blob) { return !blob.isEmpty() && blob.at(0) == 1; }
    // The chain key a format-2 blob names (0 for any other blob).
    static qint64 chainKeyOf(const QByteArray &blob);

private:
    FieldCipher m_local;
    QMap<qint64, FieldCipher> m_chain;
};

} // namespace counterpart
