#pragma once

// The chain's data keys as the server hands them to a terminal (docs/sync-protocol.md, "Chain keys"):
// each key is wrapped (AES-256-GCM) with a key derived from that terminal's own secret, so only that
// terminal can open what it receives, and a till's database, which keeps the keys wrapped and the
// secret sealed with the till's key file, opens nothing without that file.

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace counterpart::sync {

constexpr int ChainKeySize = 32;

// HMAC-SHA256(secret, "counterpart chain key wrap v1"): the terminal's wrapping key.
QByteArray chainKeyWrappingKey(const QByteArray &terminalSecret);

Result<QByteArray> wrapChainKey(const QByteArray &terminalSecret, const QString &terminalId, qint64 kid,
                                const QByteArray &key);
// Fails (ErrorCode::Crypto, in a technician's words) for a key wrapped for another terminal or another
// chain, or changed.
Result<QByteArray> unwrapChainKey(const QByteArray &terminalSecret, const QString &terminalId, qint64 kid,
                                  const QByteArray &wrapped);

} // namespace counterpart::sync
