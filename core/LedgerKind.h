#pragma once

// What a points ledger entry records. The ledger stores the kind as text (ledger.kind, and the wire's
// entry kind); this is the one spelling of each.

#include <QString>
#include <QStringView>

#include <optional>

namespace counterpart {

enum class LedgerKind {
    Earn,
    WelcomeGift,
    FirstPurchaseGift,
    BirthdayGift,
    Redeem,
    RefundReversal,
    RedeemRestore,
    Adjust,
    Expire,
    Void,
    Opening,         // a balance carried over from before the till (imports)
    MergeCorrection, // written by the server when it merges two members
};

// "earn", "welcome_gift", "first_purchase_gift", "birthday_gift", "redeem", "refund_reversal",
// "redeem_restore", "adjust", "expire", "void", "opening", "merge_correction".
QString ledgerKindId(LedgerKind kind);
// The kind a stored id names; nothing for any other text.
std::optional<LedgerKind> parseLedgerKind(QStringView id);

// What an entry counts towards in the figures (the till's and the server's alike). Keeps the identity
// outstanding(end) - outstanding(start) = issued - redeemed - expired + adjusted. `kind` as stored;
// kinds added later count as adjustments.
enum class PointsUse { Issued, Gift, Redeemed, Expired, Adjusted };
PointsUse pointsUse(QStringView kind, bool negative);

} // namespace counterpart
