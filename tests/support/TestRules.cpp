#include "tests/support/TestRules.h"

namespace counterpart::test {

LocalizedText text(const char *en, const char *zh)
{
    return LocalizedText{QString::fromUtf8(en), QString::fromUtf8(zh)};
}

LoyaltyRules plainRules()
{
    LoyaltyRules r = LoyaltyRules::defaults();
    r.version = QStringLiteral("test-plain");
    r.currency = QStringLiteral("CNY");
    r.earning = EarningRules{};
    r.earning.pointsPerUnit = 1;
    r.earning.unitMinor = 100;
    r.earning.rounding = Rounding::Floor;
    r.earning.minimumSpendMinor = 0;
    r.tiers.tiers = {
        Tier{QStringLiteral("member"), text("Member", "会员"), 0, 100, {}},
        Tier{QStringLiteral("silver"), text("Silver", "银卡"), 100000, 150, {}},
        Tier{QStringLiteral("gold"), text("Gold", "金卡"), 300000, 200, {}},
    };
    r.tiers.windowMonths = 12;
    r.tiers.evaluationDayOfMonth = 1;
    r.tiers.graceDays = 30;
    r.memberDays.clear();
    r.bonusStacking = BonusStacking::Highest;
    r.birthday = BirthdayRules{BirthdayWindow::Day, 100, 0};
    r.gifts = GiftRules{0, 0};
    r.redemption.catalogue = {
        Reward{QStringLiteral("coffee"), text("Coffee", "咖啡"), 300, 1},
        Reward{QStringLiteral("bag"), text("Bag", "袋子"), 800, 0},
    };
    r.redemption.minimumBalance = 0;
    r.redemption.pointValueMinor = 1;
    r.redemption.pointsForDiscountStep = 10;
    r.redemption.refundRestoresRedeemed = true;
    r.expiry = ExpiryRules{0, 30};
    r.offline = OfflineRules{2000};
    return r;
}

void askForVisits(TierRules &tiers)
{
    tiers.tiers.resize(3);
    tiers.tiers[1].thresholdSpendMinor = 12000;
    tiers.tiers[1].thresholdVisits = 3;
    tiers.tiers[1].maxDaysBetweenVisits = 30;
    tiers.tiers[2].thresholdSpendMinor = 12000;
    tiers.tiers[2].thresholdVisits = 6;
    tiers.tiers[2].maxDaysBetweenVisits = 14;
}

Status install(Till &till, LoyaltyRules rules)
{
    static int counter = 0;
    rules.version = rules.version + QStringLiteral("-") + QString::number(++counter);
    return till.installRules(rules.toJson());
}

} // namespace counterpart::test
