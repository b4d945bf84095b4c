#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace counterpart {

QByteArray secureRandomBytes(int count); // OpenSSL RAND_bytes

// A sealed field that does not open (tampered, wrong key, another row's, a key not received), in the
// same words for every cause.
Error unreadableField(const QString &detail);

// PBKDF2-HMAC-SHA256, 32-byte output.
QByteArray pbkdf2Sha256(const QByteArray &secret, const QByteArray &salt, int iterations);
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

// AES-256-GCM for personal fields that are never searched (ID number, full birth date).
// Blob layout: 1 byte format version (1) | 12 bytes nonce | ciphertext | 16 bytes tag.
// The associated data binds a ciphertext to its row (the member's id), so a blob copied into
// another row does not decrypt.
class FieldCipher
{
public:
    FieldCipher() = default;
    // Reads the 32-byte key from `keyFile`; creates it (mode 0600, new random key) when it does not
    // exist and `createIfMissing`. A key file of the wrong size is refused, never overwritten.
    static Result<FieldCipher> loadKeyFile(const QString &keyFile, bool createIfMissing);
    static FieldCipher fromKey(const QByteArray &key32);
    // A key for another purpose, derived from this one: HMAC-SHA256(key, label). The key itself never
    // leaves the cipher; a derived key opens nothing sealed with it.
    QByteArray derive(const QByteArray &label) const;

    bool isValid() const { return m_key.size() == 32; }
    bool operator==(const FieldCipher &other) const { return m_key == other.m_key; }
    Result<QByteArray> encrypt(const QByteArray &plaintext, const QByteArray &associatedData) const;
    Result<QByteArray> decrypt(const QByteArray &blob, const QByteArray &associatedData) const;

    // Where the key of a database lives when nobody says: outside the database's folder, in the
    // user's application data, named by the database's own id (settings key "database_id"):
    // "~/.local/share/Counterpart/keys/<id>.key" on Linux, "%LOCALAPPDATA%/Counterpart/keys/<id>.key"
    // on Windows. The environment variable COUNTERPART_KEY_FILE overrides it.
    static QString defaultKeyFile(const QString &databaseId);

private:
    QByteArray m_key;
};

} // namespace counterpart
