#include "core/ReceiptQr.h"

#include <QCoreApplication>
#include <QMessageAuthenticationCode>
#include <QStringList>
#include <QUrl>

namespace counterpart {

namespace {

QByteArray signature(const QByteArray &signedPart, const QByteArray &storeKey)
{
    return QMessageAuthenticationCode::hash(signedPart, storeKey, QCryptographicHash::Sha256)
        .left(16)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Error notAReceipt()
{
    return makeError(ErrorCode::InvalidInput,
                     QCoreApplication::translate("ReceiptQr",
                                                 "This is not a receipt code Counterpart can read. "
                                                 "Type the receipt number and total."));
}

} // namespace

QByteArray ReceiptQr::keyLabel(const QString &store)
{
    return QByteArrayLiteral("counterpart receipt qr v1:") + store.toUtf8();
}

QString ReceiptQr::sign(const QByteArray &storeKey) const
{
    const QByteArray body = "CPR1:" + QByteArray::number(keyId) + ':' + QUrl::toPercentEncoding(store) + ':' +
                            QUrl::toPercentEncoding(receipt) + ':' + QByteArray::number(totalMinor) + ':' +
                            QByteArray::number(eligibleMinor) + ':' + QByteArray::number(atSecs);
    return QString::fromLatin1(body + ':' + signature(body, storeKey));
}

Result<ReceiptQr> ReceiptQr::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() > MaxLength || !looksLike(trimmed))
        return notAReceipt();
    const QStringList parts = trimmed.split(QLatin1Char(':'));
    if (parts.size() != 8)
        return notAReceipt();
    ReceiptQr out;
    bool ok[5] = {};
    out.keyId = parts[1].toLongLong(&ok[0]);
    out.store = QUrl::fromPercentEncoding(parts[2].toLatin1());
    out.receipt = QUrl::fromPercentEncoding(parts[3].toLatin1());
    out.totalMinor = parts[4].toLongLong(&ok[1]);
    out.eligibleMinor = parts[5].toLongLong(&ok[2]);
    out.atSecs = parts[6].toLongLong(&ok[3]);
    ok[4] = out.keyId >= 0 && out.totalMinor > 0 && out.eligibleMinor >= 0 &&
            out.eligibleMinor <= out.totalMinor && !out.store.isEmpty() && !out.receipt.isEmpty() &&
            out.atSecs > 0;
    for (bool b : ok) {
        if (!b)
            return notAReceipt();
    }
    return out;
}

bool ReceiptQr::verify(const QString &text, const QByteArray &storeKey)
{
    const QByteArray bytes = text.trimmed().toLatin1();
    const qsizetype cut = bytes.lastIndexOf(':');
    if (cut < 0 || storeKey.isEmpty())
        return false;
    const QByteArray expected = signature(bytes.left(cut), storeKey);
    const QByteArray given = bytes.mid(cut + 1);
    // Constant time: how much of a forged signature matched says nothing.
    if (given.size() != expected.size())
        return false;
    char diff = 0;
    for (qsizetype i = 0; i < given.size(); ++i)
        diff |= char(given[i] ^ expected[i]);
    return diff == 0;
}

} // namespace counterpart
