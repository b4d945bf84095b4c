#pragma once

// The terminal's credentials as enrolment stored them: server address, CA file, terminal id and the
// secret, which is kept encrypted with the till's field key (storage/Crypto.h) and only ever decrypted
// into memory. Never logged.

#include "core/Result.h"
#include "sync/protocol/Signing.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace counterpart {
class Database;
class FieldCipher;
} // namespace counterpart

namespace counterpart::sync {

struct Credentials {
    QString serverUrl;
    QString caFile;
    QString terminalId;
    QByteArray secret; // 32 raw bytes
    qint64 clockOffsetMs = 0;
};

// What the secret's ciphertext is bound to: a blob copied to another setting or database does not
// decrypt.
QByteArray secretAssociatedData(const QString &terminalId);
// The secret encrypted for the settings table (base64 text).
Result<QString> sealSecret(const FieldCipher &cipher, const QByteArray &secret, const QString &terminalId);

// The field key of the database: `keyFile`, or where Till::open looks for it by default.
Result<FieldCipher> loadFieldCipher(Database &db, const QString &keyFile);

// NotFound (with "enrol this till") when the till was never enrolled.
Result<Credentials> loadCredentials(Database &db, const QString &keyFile);

// The four X-CP-* headers for a request, signed at the server's time (`tillNowMs` + the offset).
QList<std::pair<QByteArray, QByteArray>> signedHeaders(const Credentials &credentials,
                                                       const QByteArray &method, const QByteArray &fullPath,
                                                       const QByteArray &body, qint64 tillNowMs);

} // namespace counterpart::sync
