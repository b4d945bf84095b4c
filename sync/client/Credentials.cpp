#include "sync/client/Credentials.h"

#include "storage/Crypto.h"
#include "storage/Database.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"

#include <QCoreApplication>

namespace counterpart::sync {

QByteArray secretAssociatedData(const QString &terminalId)
{
    return QByteArrayLiteral("sync_secret:") + terminalId.toUtf8();
}

Result<QString> sealSecret(const FieldCipher &cipher, const QByteArray &secret, const QString &terminalId)
{
    auto sealed = cipher.encrypt(secret, secretAssociatedData(terminalId));
    if (!sealed)
        return sealed.error();
    return QString::fromLatin1(sealed->toBase64());
}

Result<FieldCipher> loadFieldCipher(Database &db, const QString &keyFile)
{
    QString path = keyFile;
    if (path.isEmpty()) {
        auto id = SettingsStore(db).get(QStringLiteral("database_id"));
        if (!id)
            return id.error();
        path = FieldCipher::defaultKeyFile(id->value_or(QString()));
    }
    return FieldCipher::loadKeyFile(path, false);
}

Result<Credentials> loadCredentials(Database &db, const QString &keyFile)
{
    SyncStore store(db);
    auto url = store.setting(SyncKeys::ServerUrl);
    auto sealed = store.setting(SyncKeys::Secret);
    auto terminal = store.setting(QStringLiteral("terminal_id"));
    auto ca = store.setting(SyncKeys::CaFile);
    auto offset = store.setting(SyncKeys::ClockOffsetMs);
    for (const auto *r : {&url, &sealed, &terminal, &ca, &offset}) {
        if (!r->ok())
            return r->error();
    }
    if (!url->has_value() || !sealed->has_value() || !terminal->has_value())
        return makeError(ErrorCode::NotFound,
                         QCoreApplication::translate("Sync",
                                                     "This till is not enrolled with a server yet. Run "
                                                     "counterpart-admin enrol --server URL --code CODE."));
    auto cipher = loadFieldCipher(db, keyFile);
    if (!cipher)
        return makeError(ErrorCode::Crypto,
                         QCoreApplication::translate("Sync",
                                                     "The till's key file is missing, so the terminal "
                                                     "secret cannot be read: %1")
                             .arg(cipher.error().message),
                         cipher.error().detail);
    Credentials c;
    c.serverUrl = url->value();
    c.caFile = ca->value_or(QString());
    c.terminalId = terminal->value();
    c.clockOffsetMs = offset->value_or(QStringLiteral("0")).toLongLong();
    auto secret = cipher->decrypt(QByteArray::fromBase64(sealed->value().toLatin1()),
                                  secretAssociatedData(c.terminalId));
    if (!secret)
        return makeError(ErrorCode::Crypto,
                         QCoreApplication::translate("Sync",
                                                     "The terminal secret cannot be decrypted with this "
                                                     "till's key file. Enrol the till again."),
                         secret.error().detail);
    c.secret = secret.value();
    return c;
}

QList<std::pair<QByteArray, QByteArray>> signedHeaders(const Credentials &credentials,
                                                       const QByteArray &method, const QByteArray &fullPath,
                                                       const QByteArray &body, qint64 tillNowMs)
{
    const SignedHeaders h = signRequest(credentials.terminalId.toUtf8(), credentials.secret, method, fullPath,
                                        body, tillNowMs + credentials.clockOffsetMs);
    return {{QByteArrayLiteral("X-CP-Terminal"), h.terminal},
            {QByteArrayLiteral("X-CP-Timestamp"), h.timestamp},
            {QByteArrayLiteral("X-CP-Nonce"), h.nonce},
            {QByteArrayLiteral("X-CP-Signature"), h.signature}};
}

} // namespace counterpart::sync
