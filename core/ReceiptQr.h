#pragma once

// The receipt QR a POS prints on every receipt (docs/pos-api.md, "The receipt QR"): the store, the
// receipt number, the total and the part that earns points, the time of sale, signed with the store's
// receipt key, so a member who was not identified at the counter can earn on the receipt later — at a
// till (the earn dialog reads it) or online. Anything altered, forged or signed for another store fails.
//
//   CPR1:<key id>:<store>:<receipt>:<total minor>:<eligible minor>:<unix seconds>:<signature>
//
// Store and receipt are percent-encoded (so a ':' in them cannot move a field); the signature is the
// first 16 bytes of HMAC-SHA256(store receipt key, everything before ":<signature>"), base64url.
// The key id names the chain key the store key is derived from (0: the till's own key, a till not in a
// chain).

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace counterpart {

struct ReceiptQr {
    static constexpr qsizetype MaxLength = 300;

    qint64 keyId = 0;
    QString store;
    QString receipt;
    qint64 totalMinor = 0;
    qint64 eligibleMinor = 0;
    qint64 atSecs = 0;

    static bool looksLike(const QString &text) { return text.trimmed().startsWith(QLatin1String("CPR1:")); }
    // What a store's receipt key is derived for (KeyRing::derive).
    static QByteArray keyLabel(const QString &store);

    QString sign(const QByteArray &storeKey) const;
    // The fields, unchecked: refused only when the text is not a receipt QR at all.
    static Result<ReceiptQr> parse(const QString &text);
    // Whether `text`'s signature is this store key's.
    static bool verify(const QString &text, const QByteArray &storeKey);
};

} // namespace counterpart
