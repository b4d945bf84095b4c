#include "sync/protocol/Signing.h"

#include "storage/Crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace counterpart::sync {

QByteArray sha256Hex(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.constData(), size_t(data.size()), digest, &length, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &message)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()),
         reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()), mac, &length);
    return QByteArray(reinterpret_cast<const char *>(mac), int(length));
}

QByteArray staffPinHash(const QByteArray &pin, const QByteArray &salt, int iterations)
{
    return pbkdf2Sha256(pin, salt, iterations);
}

QByteArray canonicalRequest(const QByteArray &method, const QByteArray &pathAndQuery,
                            const QByteArray &timestamp, const QByteArray &nonce, const QByteArray &body)
{
    // Appended one by one: `QByteArray + char` would convert the array to const char * and add the
    // char to the pointer.
    QByteArray text;
    text.reserve(method.size() + pathAndQuery.size() + timestamp.size() + nonce.size() + 68);
    text.append(method).append('\n').append(pathAndQuery).append('\n').append(timestamp).append('\n');
    text.append(nonce).append('\n').append(sha256Hex(body));
    return text;
}

SignedHeaders signRequest(const QByteArray &terminalId, const QByteArray &secret, const QByteArray &method,
                          const QByteArray &pathAndQuery, const QByteArray &body, qint64 timestampMs)
{
    unsigned char random[16];
    RAND_bytes(random, sizeof random);
    SignedHeaders h;
    h.terminal = terminalId;
    h.timestamp = QByteArray::number(timestampMs);
    h.nonce = QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex();
    h.signature =
        hmacSha256(secret, canonicalRequest(method, pathAndQuery, h.timestamp, h.nonce, body)).toBase64();
    return h;
}

SignatureCheck verifyRequest(const SignedHeaders &headers, const QByteArray &secret, const QByteArray &method,
                             const QByteArray &pathAndQuery, const QByteArray &body, qint64 serverNowMs)
{
    if (headers.terminal.isEmpty() || headers.timestamp.isEmpty() || headers.nonce.isEmpty() ||
        headers.signature.isEmpty())
        return SignatureCheck::Unsigned;
    bool ok = false;
    const qint64 ts = headers.timestamp.toLongLong(&ok);
    if (!ok || ts < serverNowMs - SignatureWindowMs || ts > serverNowMs + SignatureWindowMs)
        return SignatureCheck::Stale;
    if (headers.nonce.size() != 32)
        return SignatureCheck::BadSignature;
    const QByteArray expected =
        hmacSha256(secret, canonicalRequest(method, pathAndQuery, headers.timestamp, headers.nonce, body));
    const QByteArray given = QByteArray::fromBase64(headers.signature);
    if (given.size() != expected.size() ||
        CRYPTO_memcmp(given.constData(), expected.constData(), size_t(expected.size())) != 0)
        return SignatureCheck::BadSignature;
    return SignatureCheck::Ok;
}

} // namespace counterpart::sync
