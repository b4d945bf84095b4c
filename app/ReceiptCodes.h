#pragma once

// The receipt QR (core/ReceiptQr.h, docs/pos-api.md): made for a POS to print, and read back when a
// cashier scans one in the earn dialog. Reading checks everything before anything is filled in: the
// signature, the store, the date, and that the receipt has not earned already.

#include "app/Till.h"

namespace counterpart {

class TillContext;

class ReceiptCodes
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    // A receipt earns on its QR for this many days after the sale.
    static constexpr int MaxAgeDays = 30;

    explicit ReceiptCodes(TillContext &ctx)
        : m_ctx(ctx)
    {}

    Result<QString> make(const QString &receipt, qint64 totalMinor, qint64 eligibleMinor);
    Result<ReceiptClaim> read(const QString &text);

private:
    TillContext &m_ctx;
};

} // namespace counterpart
