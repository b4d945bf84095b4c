#include "storage/Crypto.h"

#include "storage/Database.h"
#include "storage/Log.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <algorithm>
#include <limits>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <io.h>
#endif

namespace counterpart {

namespace {

constexpr char FormatVersion = 1;
constexpr int KeySize = 32;
constexpr int NonceSize = 12;
constexpr int TagSize = 16;

struct CipherCtxFree {
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

const unsigned char *bytes(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

unsigned char *bytes(QByteArray &a)
{
    return reinterpret_cast<unsigned char *>(a.data());
}

// OpenSSL takes int lengths; a field bigger than that is a bug, not data.
bool fitsInt(qsizetype n)
{
    return n >= 0 && n <= std::numeric_limits<int>::max() - 64;
}

Error cryptoError(const QString &detail)
{
    return makeError(
        ErrorCode::Crypto,
        QCoreApplication::translate("Crypto", "Encryption failed. Nothing was saved; call a technician."),
        detail);
}

// Makes the file's content durable before it is given its final name, so a power cut can leave no key
// file or a whole one, never an empty one.
bool syncToDisk(QFile &file)
{
    if (!file.flush())
        return false;
#if defined(Q_OS_UNIX)
    return ::fsync(file.handle()) == 0;
#elif defined(Q_OS_WIN)
    return ::_commit(file.handle()) == 0;
#else
    return true;
#endif
}

void syncDirectory(const QString &dir)
{
#ifdef Q_OS_UNIX
    // The rename is only durable once the directory entry is.
    const QByteArray path = QFile::encodeName(dir);
    const int fd = ::open(path.constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(dir);
#endif
}

Result<QByteArray> readKey(const QString &keyFile)
{
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::Crypto,
                         QCoreApplication::translate("Crypto",
                                                     "The key file at %1 cannot be read. Ask a technician "
                                                     "to check its permissions.")
                             .arg(keyFile),
                         QStringLiteral("open for reading: %1").arg(file.errorString()));
    }
    // Read one byte more than a key, so a longer file is noticed without reading all of it.
    const QByteArray key = file.read(KeySize + 1);
    if (key.size() != KeySize) {
        return makeError(ErrorCode::Crypto,
                         QCoreApplication::translate(
                             "Crypto", "The key file at %1 is not a valid key (wrong size). It was "
                                       "left unchanged; ask a technician to restore the right key file.")
                             .arg(keyFile),
                         QStringLiteral("key file has %1%2 bytes, expected %3")
                             .arg(key.size() > KeySize ? QStringLiteral("more than ") : QString())
                             .arg(key.size() > KeySize ? KeySize : key.size())
                             .arg(KeySize));
    }
    return key;
}

} // namespace

Error unreadableField(const QString &detail)
{
    // The same words for a tampered blob, a wrong key and a blob from another row: telling them apart
    // would help an attacker and not the cashier.
    return makeError(
        ErrorCode::Crypto,
        QCoreApplication::translate("Crypto", "A protected field could not be read: it was changed, or this "
                                              "till does not have the key it was saved with."),
        detail);
}

QByteArray secureRandomBytes(int count)
{
    if (count <= 0)
        return {};
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(bytes(out), count) != 1) {
        qCCritical(lcStorage) << "RAND_bytes failed";
        return {};
    }
    return out;
}

QByteArray pbkdf2Sha256(const QByteArray &secret, const QByteArray &salt, int iterations)
{
    if (iterations <= 0 || !fitsInt(secret.size()) || !fitsInt(salt.size()))
        return {};
    QByteArray out(KeySize, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()), bytes(salt), int(salt.size()), iterations,
                          EVP_sha256(), KeySize, bytes(out)) != 1)
        return {};
    return out;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // The lengths are not secret (a PBKDF2 hash is always 32 bytes); the content is.
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

QByteArray FieldCipher::derive(const QByteArray &label) const
{
    return QMessageAuthenticationCode::hash(label, m_key, QCryptographicHash::Sha256);
}

FieldCipher FieldCipher::fromKey(const QByteArray &key32)
{
    FieldCipher c;
    if (key32.size() == KeySize)
        c.m_key = key32;
    return c;
}

Result<FieldCipher> FieldCipher::loadKeyFile(const QString &keyFile, bool createIfMissing)
{
    if (QFileInfo::exists(keyFile)) {
        CP_TRY_ASSIGN(auto key, readKey(keyFile));
        return fromKey(key);
    }
    if (!createIfMissing) {
        return makeError(ErrorCode::Crypto,
                         QCoreApplication::translate(
                             "Crypto", "The key file at %1 is missing, so protected fields cannot be "
                                       "read. Ask a technician to restore it.")
                             .arg(keyFile),
                         QStringLiteral("key file missing"));
    }

    const QFileInfo info(keyFile);
    const QString dir = info.absolutePath();
    if (!Database::makePrivateFolder(dir)) {
        return makeError(
            ErrorCode::Crypto,
            QCoreApplication::translate("Crypto", "Cannot create the folder for the key file at %1.")
                .arg(keyFile),
            QStringLiteral("mkpath failed"));
    }

    const QByteArray key = secureRandomBytes(KeySize);
    if (key.size() != KeySize)
        return cryptoError(QStringLiteral("no random bytes for a new key"));

    // Written to a temporary file beside the target (created 0600 from the start, so the key is never
    // readable by others), synced, then renamed into place. The rename never replaces an existing
    // file: if another process (the till and the admin CLI starting together) made the key first, its
    // key wins and is read back, instead of two programs each encrypting with their own key.
    QTemporaryFile temp(dir + QStringLiteral("/.") + info.fileName() + QStringLiteral(".XXXXXX"));
    if (!temp.open()) {
        return makeError(
            ErrorCode::Crypto,
            QCoreApplication::translate("Crypto", "Cannot write the key file at %1.").arg(keyFile),
            QStringLiteral("temporary file: %1").arg(temp.errorString()));
    }
    temp.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (temp.write(key) != KeySize || !syncToDisk(temp)) {
        return makeError(
            ErrorCode::Crypto,
            QCoreApplication::translate("Crypto", "Cannot write the key file at %1.").arg(keyFile),
            QStringLiteral("write: %1").arg(temp.errorString()));
    }
    // QTemporaryFile::rename closes the file and links it under the new name without replacing one.
    if (!temp.rename(keyFile)) {
        if (QFileInfo::exists(keyFile)) {
            CP_TRY_ASSIGN(auto theirs, readKey(keyFile));
            return fromKey(theirs);
        }
        return makeError(
            ErrorCode::Crypto,
            QCoreApplication::translate("Crypto", "Cannot write the key file at %1.").arg(keyFile),
            QStringLiteral("rename: %1").arg(temp.errorString()));
    }
    temp.setAutoRemove(false);
    syncDirectory(dir);
    qCInfo(lcStorage) << "created a new field encryption key file";
    return fromKey(key);
}

QString FieldCipher::defaultKeyFile(const QString &databaseId)
{
    const QString fromEnv = qEnvironmentVariable("COUNTERPART_KEY_FILE");
    if (!fromEnv.isEmpty())
        return fromEnv;
    // The id becomes a file name: keep it to the characters a UUID has, so it cannot climb out of the
    // keys folder.
    QString name;
    for (const QChar c : databaseId) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            name += c;
        else if (c == QLatin1Char('-'))
            name += c;
    }
    if (name.isEmpty())
        name = QStringLiteral("default");
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/Counterpart/keys/") + name + QStringLiteral(".key");
}

Result<QByteArray> FieldCipher::encrypt(const QByteArray &plaintext, const QByteArray &associatedData) const
{
    if (!isValid())
        return cryptoError(QStringLiteral("encrypt without a key"));
    if (!fitsInt(plaintext.size()) || !fitsInt(associatedData.size()))
        return cryptoError(QStringLiteral("field too large"));
    const QByteArray nonce = secureRandomBytes(NonceSize);
    if (nonce.size() != NonceSize)
        return cryptoError(QStringLiteral("no random bytes for a nonce"));

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return cryptoError(QStringLiteral("EVP_CIPHER_CTX_new"));
    QByteArray out(1 + NonceSize + plaintext.size() + TagSize, Qt::Uninitialized);
    out[0] = FormatVersion;
    std::copy(nonce.cbegin(), nonce.cend(), out.begin() + 1);
    unsigned char *cipherText = bytes(out) + 1 + NonceSize;
    int len = 0;
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(m_key), bytes(nonce)) != 1)
        return cryptoError(QStringLiteral("EVP_EncryptInit_ex"));
    if (!associatedData.isEmpty() &&
        EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(associatedData), int(associatedData.size())) != 1)
        return cryptoError(QStringLiteral("EVP_EncryptUpdate (AAD)"));
    int written = 0;
    if (!plaintext.isEmpty()) {
        if (EVP_EncryptUpdate(ctx.get(), cipherText, &len, bytes(plaintext), int(plaintext.size())) != 1)
            return cryptoError(QStringLiteral("EVP_EncryptUpdate"));
        written = len;
    }
    if (EVP_EncryptFinal_ex(ctx.get(), cipherText + written, &len) != 1)
        return cryptoError(QStringLiteral("EVP_EncryptFinal_ex"));
    written += len;
    if (written != plaintext.size())
        return cryptoError(QStringLiteral("unexpected ciphertext length"));
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagSize, cipherText + written) != 1)
        return cryptoError(QStringLiteral("EVP_CTRL_GCM_GET_TAG"));
    return out;
}

Result<QByteArray> FieldCipher::decrypt(const QByteArray &blob, const QByteArray &associatedData) const
{
    if (!isValid())
        return unreadableField(QStringLiteral("decrypt without a key"));
    if (blob.size() < 1 + NonceSize + TagSize)
        return unreadableField(QStringLiteral("blob too short (%1 bytes)").arg(blob.size()));
    if (blob.at(0) != FormatVersion)
        return unreadableField(QStringLiteral("unknown format version %1").arg(int(quint8(blob.at(0)))));
    if (!fitsInt(blob.size()) || !fitsInt(associatedData.size()))
        return unreadableField(QStringLiteral("field too large"));

    const auto *nonce = bytes(blob) + 1;
    const auto *cipherText = nonce + NonceSize;
    const int cipherLen = int(blob.size()) - 1 - NonceSize - TagSize;
    QByteArray tag = blob.right(TagSize);

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return cryptoError(QStringLiteral("EVP_CIPHER_CTX_new"));
    int len = 0;
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(m_key), nonce) != 1)
        return cryptoError(QStringLiteral("EVP_DecryptInit_ex"));
    if (!associatedData.isEmpty() &&
        EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(associatedData), int(associatedData.size())) != 1)
        return unreadableField(QStringLiteral("EVP_DecryptUpdate (AAD)"));
    QByteArray plain(cipherLen, Qt::Uninitialized);
    int written = 0;
    if (cipherLen > 0) {
        if (EVP_DecryptUpdate(ctx.get(), bytes(plain), &len, cipherText, cipherLen) != 1)
            return unreadableField(QStringLiteral("EVP_DecryptUpdate"));
        written = len;
    }
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagSize, bytes(tag)) != 1)
        return cryptoError(QStringLiteral("EVP_CTRL_GCM_SET_TAG"));
    // Final checks the tag: only now is the plaintext known to be genuine.
    if (EVP_DecryptFinal_ex(ctx.get(), bytes(plain) + written, &len) != 1) {
        OPENSSL_cleanse(plain.data(), size_t(plain.size()));
        return unreadableField(QStringLiteral("authentication tag mismatch"));
    }
    written += len;
    plain.truncate(written);
    return plain;
}

} // namespace counterpart
