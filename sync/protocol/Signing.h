#pragma once

// Request signing shared by the till and the server (docs/sync-protocol.md, "Signed requests").

#include <QByteArray>

namespace counterpart::sync {

constexpr qint64 SignatureWindowMs = 300'000; // a signed request is valid this long either side
constexpr qint64 NonceRetentionMs = 600'000;  // the server remembers nonces at least this long

struct SignedHeaders {
    QByteArray terminal;  // X-CP-Terminal
    QByteArray timestamp; // X-CP-Timestamp, Unix ms as decimal text
    QByteArray nonce;     // X-CP-Nonce, 32 hex characters
    QByteArray signature; // X-CP-Signature, base64
};

QByteArray sha256Hex(const QByteArray &data);
QByteArray hmacSha256(const QByteArray &key, const QByteArray &message);

// A staff PIN as every till of the chain checks it (docs/sync-protocol.md, "Staff"): PBKDF2-HMAC-SHA256,
// 32 bytes, the same derivation as the till's own staff rows.
QByteArray staffPinHash(const QByteArray &pin, const QByteArray &salt, int iterations);

// METHOD \n path?query \n timestamp \n nonce \n hex(sha256(body))
QByteArray canonicalRequest(const QByteArray &method, const QByteArray &pathAndQuery,
                            const QByteArray &timestamp, const QByteArray &nonce, const QByteArray &body);

// Signs a request as a terminal, with a fresh random nonce.
SignedHeaders signRequest(const QByteArray &terminalId, const QByteArray &secret, const QByteArray &method,
                          const QByteArray &pathAndQuery, const QByteArray &body, qint64 timestampMs);

enum class SignatureCheck { Ok, Unsigned, Stale, BadSignature };
// Checks headers (not the nonce's freshness, which needs the server's database) against `secret`.
SignatureCheck verifyRequest(const SignedHeaders &headers, const QByteArray &secret, const QByteArray &method,
                             const QByteArray &pathAndQuery, const QByteArray &body, qint64 serverNowMs);

} // namespace counterpart::sync
