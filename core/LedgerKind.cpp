#include "core/LedgerKind.h"

#include <array>
#include <utility>

namespace counterpart {

namespace {

constexpr std::array<std::pair<LedgerKind, const char *>, 12> Ids{{
    {LedgerKind::Earn, "earn"},
    {LedgerKind::WelcomeGift, "welcome_gift"},
    {LedgerKind::FirstPurchaseGift, "first_purchase_gift"},
    {LedgerKind::BirthdayGift, "birthday_gift"},
    {LedgerKind::Redeem, "redeem"},
    {LedgerKind::RefundReversal, "refund_reversal"},
    {LedgerKind::RedeemRestore, "redeem_restore"},
    {LedgerKind::Adjust, "adjust"},
    {LedgerKind::Expire, "expire"},
    {LedgerKind::Void, "void"},
    {LedgerKind::Opening, "opening"},
    {LedgerKind::MergeCorrection, "merge_correction"},
}};

} // namespace

QString ledgerKindId(LedgerKind kind)
{
    for (const auto &[k, id] : Ids) {
        if (k == kind)
            return QString::fromLatin1(id);
    }
    return {};
}

std::optional<LedgerKind> parseLedgerKind(QStringView id)
{
    for (const auto &[k, text] : Ids) {
        if (id == QLatin1String(text))
            return k;
    }
    return std::nullopt;
}

PointsUse pointsUse(QStringView kind, bool negative)
{
    const std::optional<LedgerKind> k = parseLedgerKind(kind);
    if (!k)
        return PointsUse::Adjusted;
    switch (*k) {
    case LedgerKind::Earn:
    case LedgerKind::RefundReversal:
        return PointsUse::Issued;
    case LedgerKind::WelcomeGift:
    case LedgerKind::FirstPurchaseGift:
    case LedgerKind::BirthdayGift:
        return PointsUse::Gift;
    // A void takes back an earn (and its gifts) or gives back a redemption.
    case LedgerKind::Void:
        return negative ? PointsUse::Issued : PointsUse::Redeemed;
    case LedgerKind::Redeem:
    case LedgerKind::RedeemRestore:
        return PointsUse::Redeemed;
    case LedgerKind::Expire:
        return PointsUse::Expired;
    case LedgerKind::Adjust:
    case LedgerKind::MergeCorrection:
    case LedgerKind::Opening:
        return PointsUse::Adjusted;
    }
    return PointsUse::Adjusted;
}

} // namespace counterpart
