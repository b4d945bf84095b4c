#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QTime>

#include <optional>

namespace counterpart {

// A text in the shipped languages. Falls back to English, then to any language present.
struct LocalizedText {
    QString en;
    QString zh;
    QString text(const QString &language) const; // language: "en", "zh", "zh_CN"...

    friend bool operator==(const LocalizedText &, const LocalizedText &) = default;
};

enum class Rounding { Floor, Nearest, Ceil };

struct EarningRules {
    int pointsPerUnit = 1;  // points for each full `unitMinor` spent
    qint64 unitMinor = 100; // e.g. 100 fen = 1 yuan
    Rounding rounding = Rounding::Floor;
    qint64 minimumSpendMinor = 0;      // purchases below this earn nothing
    QList<QString> excludedCategories; // product categories that never earn (tobacco, gift cards)

    friend bool operator==(const EarningRules &, const EarningRules &) = default;
};

struct Tier {
    QString id; // "silver"; stable, stored in the database
    LocalizedText name;
    qint64 thresholdSpendMinor = 0; // spend within the rolling window to reach this tier
    int multiplierPercent = 100;    // 150 = 1.5x points
    LocalizedText benefits;
    int thresholdVisits = 0; // visits within the rolling window to reach this tier; 0 = not asked
    // The member comes at least every this many days: no two visits in the window are further apart,
    // and the last one is no longer ago on the day of the decision. 0 = not asked. A tier asks for all
    // the requirements it sets (docs/user-guide.md, "Tiers").
    int maxDaysBetweenVisits = 0;

    friend bool operator==(const Tier &, const Tier &) = default;
};

struct TierRules {
    QList<Tier> tiers;            // ascending threshold; the first has threshold 0 and is the entry tier
    int windowMonths = 12;        // rolling window the spend threshold is measured over
    int evaluationDayOfMonth = 1; // scheduled evaluation (downgrades) on this day of each month
    int graceDays = 30;           // a tier reached less than this many days ago is never downgraded
    QTime evaluationTime{4, 0};   // local time of the evaluation on that day ("evaluationTime": "04:00")
    // At an evaluation, a member whose spend no longer holds their tier drops to the tier the spend
    // earns ("downgrade": "to_earned"), or one level a time ("one_level"), as many bylaws want.
    enum class Downgrade { ToEarned, OneLevel };
    Downgrade downgrade = Downgrade::ToEarned;

    // Some tier asks for visits or their interval: a decision needs the visits, not only the spend.
    bool countsVisits() const;

    friend bool operator==(const TierRules &, const TierRules &) = default;
};

struct MemberDay {
    std::optional<int> weekday;    // 1 = Monday ... 7 = Sunday
    std::optional<int> dayOfMonth; // 1..31; days past the month's end never match
    int multiplierPercent = 100;

    friend bool operator==(const MemberDay &, const MemberDay &) = default;
};

enum class BirthdayWindow { Day, Week, Month };

struct BirthdayRules {
    BirthdayWindow window = BirthdayWindow::Day; // Week: the birthday +/- 3 days; Month: the calendar month
    int multiplierPercent = 100;                 // on the first purchase in the window, once a year
    int giftPoints = 0;                          // granted once a year, at the first visit in the window

    friend bool operator==(const BirthdayRules &, const BirthdayRules &) = default;
};

struct GiftRules {
    int welcomePoints = 0;       // on joining, once per member
    int firstPurchasePoints = 0; // on the first purchase, once per member

    friend bool operator==(const GiftRules &, const GiftRules &) = default;
};

struct Reward {
    QString id;
    LocalizedText name;
    int costPoints = 0;
    int limitPerDay = 0; // per member; 0 = no limit

    friend bool operator==(const Reward &, const Reward &) = default;
};

struct RedemptionRules {
    QList<Reward> catalogue;
    int minimumBalance = 0;             // a balance below this cannot be redeemed at all
    qint64 pointValueMinor = 1;         // points-for-discount: one point is worth this many minor units
    int pointsForDiscountStep = 100;    // points-for-discount in multiples of this
    bool refundRestoresRedeemed = true; // a refund of a purchase that redeemed points gives them back
    // A member found by anything but their full phone number (a card that may have been photographed)
    // spends at most this many points a day without giving four digits of their phone: beyond it the
    // till asks (docs/security.md, "Spending by card"). 0 = always ask. Written only when not the default.
    static constexpr int DefaultConfirmAbovePoints = 300; // a coffee a day in the shipped catalogue
    int confirmAbovePoints = DefaultConfirmAbovePoints;

    friend bool operator==(const RedemptionRules &, const RedemptionRules &) = default;
};

struct ExpiryRules {
    int months = 0;         // 0 = points never expire
    int warnDays = 30;      // "expiring soon" horizon
    QTime sweepTime{3, 30}; // local time of the daily expiry sweep ("sweepTime": "03:30")

    friend bool operator==(const ExpiryRules &, const ExpiryRules &) = default;
};

struct OfflineRules {
    int redemptionCapPoints = 0; // while offline, at most this many points redeemed per member until sync

    friend bool operator==(const OfflineRules &, const OfflineRules &) = default;
};

// Who reads the figures of the whole chain at a till ("figures": {"chainView": ...}). A store's
// figures are its manager's; the chain's are head office's ("head_office", the default: counterpart-admin
// on the till's machine and the server) unless the chain lets its store managers see them ("managers").
struct FigureRules {
    enum class ChainView { HeadOffice, Managers };
    ChainView chainView = ChainView::HeadOffice;

    friend bool operator==(const FigureRules &, const FigureRules &) = default;
};

// A member's record over time ("members": {"oldPhoneDays": ...}): after a phone change the old number
// still finds the member for this many days (0: at once no longer), unless another member takes it.
struct MemberRules {
    static constexpr int DefaultOldPhoneDays = 90;
    int oldPhoneDays = DefaultOldPhoneDays;

    friend bool operator==(const MemberRules &, const MemberRules &) = default;
};

enum class BonusStacking { Highest, Multiply };

// The membership bylaws: one versioned document. Each ledger entry records the version it was
// computed under.
struct LoyaltyRules {
    static constexpr int SchemaVersion = 1;
    QString version;  // "2026.1", chosen by head office
    QString currency; // ISO 4217
    EarningRules earning;
    TierRules tiers;
    QList<MemberDay> memberDays;
    BonusStacking bonusStacking = BonusStacking::Highest; // member day vs birthday bonus
    BirthdayRules birthday;
    GiftRules gifts;
    RedemptionRules redemption;
    ExpiryRules expiry;
    OfflineRules offline;
    FigureRules figures;
    MemberRules members;

    // Parses and validates. Errors name the field: "tiers.levels[1].thresholdSpendMinor must be higher
    // than tiers.levels[0].thresholdSpendMinor". Unknown fields are refused, so a misspelt field is
    // never silently replaced by a default.
    static Result<LoyaltyRules> fromJson(const QByteArray &json);
    QByteArray toJson() const;
    // The rules shipped in resources/rules/default.json.
    static LoyaltyRules defaults();

    const Tier *tier(const QString &id) const;
    const Tier &entryTier() const { return tiers.tiers.front(); }
    const Reward *reward(const QString &id) const;

    friend bool operator==(const LoyaltyRules &, const LoyaltyRules &) = default;
};

} // namespace counterpart
