#pragma once

// What a receipt printer prints for a member after a sale (docs/pos-api.md, "Points on the receipt"):
// the member masked, the points the receipt earned and where they came from, the balance and its worth,
// the points about to expire with their date and worth, the tier's next step and the member's QR code.
// Worded in the till's language; print/ lays it out for ESC/POS printers and as PDF.

#include "app/Till.h"

#include <QList>
#include <QString>

namespace counterpart {

struct SlipLine {
    QString label;
    QString value; // right-aligned; may be empty
    bool strong = false;
};

struct Slip {
    QString heading; // the store's name
    QString title;   // "Member points"
    QList<SlipLine> lines;
    QString qrPayload; // the member's QR card
    QString footer;
};

class ReceiptSlip
{
    Q_DECLARE_TR_FUNCTIONS(ReceiptSlip)

public:
    // The slip for `member` (any reference Till::resolve takes), with the points of `receipt` when it is
    // one of the member's purchases at this store.
    static Result<Slip> make(Till &till, const QString &member, const QString &receipt = {});
    // "王*", "L** N**": enough for the member to know it is them, not enough for anyone else.
    static QString maskedName(const QString &name);
};

} // namespace counterpart
