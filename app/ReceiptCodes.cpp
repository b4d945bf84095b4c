#include "app/ReceiptCodes.h"

#include "app/PointsService.h"
#include "app/TillContext.h"
#include "core/ReceiptQr.h"
#include "storage/KeyRing.h"

namespace counterpart {

Result<QString> ReceiptCodes::make(const QString &receipt, qint64 totalMinor, qint64 eligibleMinor)
{
    ReceiptQr qr;
    qr.store = m_ctx.config().storeId;
    qr.receipt = receipt.trimmed();
    qr.totalMinor = totalMinor;
    qr.eligibleMinor = eligibleMinor;
    qr.atSecs = m_ctx.clock().nowMs() / 1000;
    if (qr.receipt.isEmpty() || qr.receipt.size() > 64)
        return makeError(ErrorCode::InvalidInput, tr("A receipt number has 1 to 64 characters."));
    if (totalMinor <= 0 || eligibleMinor < 0 || eligibleMinor > totalMinor)
        return makeError(ErrorCode::InvalidInput,
                         tr("The total must be above 0, and the part that earns points within it."));
    KeyRing &keys = m_ctx.cipher();
    qr.keyId = keys.currentChainKey();
    const QByteArray key = keys.derive(qr.keyId, ReceiptQr::keyLabel(qr.store));
    if (key.isEmpty())
        return makeError(ErrorCode::Crypto,
                         tr("This till has no key to sign receipts with: %1").arg(m_ctx.cipherProblem()));
    return qr.sign(key);
}

Result<ReceiptClaim> ReceiptCodes::read(const QString &text)
{
    CP_TRY_ASSIGN(const ReceiptQr qr, ReceiptQr::parse(text));
    const QByteArray key = m_ctx.cipher().derive(qr.keyId, ReceiptQr::keyLabel(qr.store));
    if (key.isEmpty())
        return makeError(ErrorCode::Refused,
                         tr("This receipt was signed with a key this till does not hold: it is from another "
                            "chain, or from a till of this chain whose key has not reached this one yet. "
                            "Nothing was earned."));
    if (!ReceiptQr::verify(text, key))
        return makeError(ErrorCode::Refused,
                         tr("This receipt code has been altered or was not made by a till "
                            "of this chain. Nothing was earned."));
    if (qr.store != m_ctx.config().storeId)
        return makeError(ErrorCode::Refused,
                         tr("This receipt is from store %1: it earns points there, not here.").arg(qr.store));
    const qint64 nowMs = m_ctx.clock().nowMs();
    if (qr.atSecs * 1000 > nowMs + 10 * 60'000)
        return makeError(ErrorCode::Refused,
                         tr("This receipt is dated later than now. Check the till's clock."));
    if (qr.atSecs * 1000 < nowMs - qint64(MaxAgeDays) * 86'400'000)
        return makeError(ErrorCode::Refused,
                         tr("Receipt %1 is older than %2 days: it no longer earns points.")
                             .arg(qr.receipt)
                             .arg(MaxAgeDays));
    CP_TRY(PointsService::receiptNotEarned(m_ctx, qr.receipt));
    return ReceiptClaim{qr.receipt, qr.totalMinor, qr.totalMinor - qr.eligibleMinor, qr.atSecs * 1000};
}

} // namespace counterpart
