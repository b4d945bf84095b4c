#include "core/Loyalty.h"

#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace counterpart;

namespace {

constexpr qint64 kMax = std::numeric_limits<qint64>::max();

QDate day(const char *iso)
{
    return QDate::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

const QDate kToday(2026, 6, 1);

TierRecord spent(qint64 spendMinor)
{
    return TierRecord{spendMinor, {}};
}

MemberFacts member(const char *tier = "member")
{
    MemberFacts m;
    m.tierId = QString::fromLatin1(tier);
    return m;
}

MemberFacts withBirthday(int month, int dayOfMonth, const char *tier = "member")
{
    MemberFacts m = member(tier);
    m.birthMonth = month;
    m.birthDay = dayOfMonth;
    return m;
}

BirthdayRules birthdayWindow(BirthdayWindow window)
{
    BirthdayRules b;
    b.window = window;
    b.multiplierPercent = 200;
    return b;
}

// The shipped rules: 1 point per yuan, floor, minimum ¥1; member 100%, silver 120%, gold 150%,
// platinum 200%; member days the 8th (200%) and Wednesdays (150%); birthday week 200%, highest wins.
const LoyaltyRules &defaults()
{
    static const LoyaltyRules r = LoyaltyRules::defaults();
    return r;
}

PointsLot lot(qint64 id, qint64 points, qint64 earnedAt, qint64 expiresAt = 0)
{
    return PointsLot{id, points, earnedAt, expiresAt};
}

PointsDebit debit(qint64 points, qint64 at, qint64 reverses = 0)
{
    return PointsDebit{points, at, reverses};
}

QList<qint64> remaining(const QList<LotRemainder> &lots)
{
    QList<qint64> out;
    for (const LotRemainder &l : lots)
        out << l.remaining;
    return out;
}

QList<qint64> ids(const QList<LotRemainder> &lots)
{
    QList<qint64> out;
    for (const LotRemainder &l : lots)
        out << l.entryId;
    return out;
}

#ifdef __SIZEOF_INT128__
__extension__ typedef __int128 Int128;
#endif

} // namespace

class TestLoyalty : public QObject
{
    Q_OBJECT

private slots:
    void roundDivModes_data();
    void roundDivModes();
    void roundDivExtremes();
    void earnRounding_data();
    void earnRounding();
    void earnOnAPlainDay();
    void earnBelowMinimumSpend();
    void earnWithTier();
    void memberDayByDayOfMonth();
    void memberDayByWeekday();
    void memberDayHighestOfSeveral();
    void memberDayPastMonthEnd();
    void birthdayBonusHighest();
    void birthdayBonusLosesATieToMemberDay();
    void birthdayBonusOncePerYear();
    void birthdayOutsideWindow();
    void bonusesMultiply();
    void multiplyKeepsExactIntegerMaths();
    void birthdayPeriods_data();
    void birthdayPeriods();
    void tierEarnedBySpend();
    void tierEarnedByVisits();
    void tierEarnedBySpendAndVisits();
    void tierIntervalBetweenVisits();
    void tierIntervalAcrossMonthEnds();
    void tierDowngradeWithVisits();
    void tierProgressWithVisits();
    void tierUpgradesAtOnce();
    void tierDowngradesOnlyAtEvaluationAfterGrace();
    void tierProgress();
    void lotsFifo();
    void lotsReversalConsumesItsOwnLot();
    void lotsReversalExcessGoesFifo();
    void lotsDebitsInTimeOrder();
    void lotsOverdraw();
    void expiredAndExpiring();
    void refundProportional();
    void refundInPartsSumsExactly();
    void refundEdgeCases();
    void overflowGuard();
    void matchesWideArithmetic();
    void giftKindIds();
};

void TestLoyalty::roundDivModes_data()
{
    QTest::addColumn<qint64>("numerator");
    QTest::addColumn<qint64>("denominator");
    QTest::addColumn<qint64>("floor");
    QTest::addColumn<qint64>("nearest");
    QTest::addColumn<qint64>("ceil");
    QTest::newRow("exact") << qint64(12300) << qint64(100) << qint64(123) << qint64(123) << qint64(123);
    QTest::newRow("below half") << qint64(12349) << qint64(100) << qint64(123) << qint64(123) << qint64(124);
    QTest::newRow("half") << qint64(12350) << qint64(100) << qint64(123) << qint64(124) << qint64(124);
    QTest::newRow("above half") << qint64(12351) << qint64(100) << qint64(123) << qint64(124) << qint64(124);
    QTest::newRow("zero") << qint64(0) << qint64(7) << qint64(0) << qint64(0) << qint64(0);
    QTest::newRow("one third") << qint64(1) << qint64(3) << qint64(0) << qint64(0) << qint64(1);
    QTest::newRow("two thirds") << qint64(2) << qint64(3) << qint64(0) << qint64(1) << qint64(1);
    QTest::newRow("odd half") << qint64(7) << qint64(2) << qint64(3) << qint64(4) << qint64(4);
    QTest::newRow("negative: half away from zero")
        << qint64(-7) << qint64(2) << qint64(-4) << qint64(-4) << qint64(-3);
    QTest::newRow("negative exact") << qint64(-8) << qint64(2) << qint64(-4) << qint64(-4) << qint64(-4);
}

void TestLoyalty::roundDivModes()
{
    QFETCH(qint64, numerator);
    QFETCH(qint64, denominator);
    QFETCH(qint64, floor);
    QFETCH(qint64, nearest);
    QFETCH(qint64, ceil);
    QCOMPARE(roundDiv(numerator, denominator, Rounding::Floor), floor);
    QCOMPARE(roundDiv(numerator, denominator, Rounding::Nearest), nearest);
    QCOMPARE(roundDiv(numerator, denominator, Rounding::Ceil), ceil);
}

void TestLoyalty::roundDivExtremes()
{
    QCOMPARE(roundDiv(kMax, 1, Rounding::Ceil), kMax);
    QCOMPARE(roundDiv(kMax, 2, Rounding::Floor), qint64(4611686018427387903));
    QCOMPARE(roundDiv(kMax, 2, Rounding::Nearest), qint64(4611686018427387904));
    QCOMPARE(roundDiv(kMax, 2, Rounding::Ceil), qint64(4611686018427387904));
    QCOMPARE(roundDiv(kMax, kMax, Rounding::Floor), qint64(1));
    QCOMPARE(roundDiv(kMax - 1, kMax, Rounding::Nearest), qint64(1));
    QCOMPARE(roundDiv(kMax / 2, kMax, Rounding::Nearest), qint64(0));
    QCOMPARE(roundDiv(std::numeric_limits<qint64>::min(), 1, Rounding::Floor),
             std::numeric_limits<qint64>::min());
}

void TestLoyalty::earnRounding_data()
{
    QTest::addColumn<int>("rounding");
    QTest::addColumn<qint64>("eligible");
    QTest::addColumn<qint64>("points");
    const int f = int(Rounding::Floor);
    const int n = int(Rounding::Nearest);
    const int c = int(Rounding::Ceil);
    QTest::newRow("floor 123.49") << f << qint64(12349) << qint64(123);
    QTest::newRow("floor 123.99") << f << qint64(12399) << qint64(123);
    QTest::newRow("nearest 123.49") << n << qint64(12349) << qint64(123);
    QTest::newRow("nearest 123.50") << n << qint64(12350) << qint64(124);
    QTest::newRow("ceil 123.01") << c << qint64(12301) << qint64(124);
    QTest::newRow("ceil 123.00") << c << qint64(12300) << qint64(123);
}

void TestLoyalty::earnRounding()
{
    QFETCH(int, rounding);
    QFETCH(qint64, eligible);
    QFETCH(qint64, points);
    LoyaltyRules r = defaults();
    r.earning.rounding = static_cast<Rounding>(rounding);
    const EarnBreakdown b = computeEarn(r, member(), eligible, day("2026-03-02"));
    QCOMPARE(b.basePoints, points);
    QCOMPARE(b.totalPoints, points);
    QCOMPARE(b.tierExtraPoints, qint64(0));
    QCOMPARE(b.bonusExtraPoints, qint64(0));
}

void TestLoyalty::earnOnAPlainDay()
{
    const EarnBreakdown b = computeEarn(defaults(), member(), 12345, day("2026-03-02")); // a Monday, the 2nd
    QCOMPARE(b.eligibleMinor, qint64(12345));
    QCOMPARE(b.basePoints, qint64(123));
    QCOMPARE(b.totalPoints, qint64(123));
    QCOMPARE(b.tierMultiplierPercent, 100);
    QCOMPARE(b.memberDayMultiplierPercent, 100);
    QCOMPARE(b.birthdayMultiplierPercent, 100);
    QCOMPARE(b.bonusMultiplierPercent, 100);
    QVERIFY(!b.belowMinimumSpend);
    QVERIFY(!b.birthdayBonusApplied);
    QVERIFY(b.birthdayPeriod.isEmpty());
    QVERIFY(!b.amountTooLarge);

    LoyaltyRules r = defaults();
    r.earning.pointsPerUnit = 3;
    r.earning.unitMinor = 1000; // 3 points per ¥10
    QCOMPARE(computeEarn(r, member(), 12345, day("2026-03-02")).totalPoints, qint64(37));
}

void TestLoyalty::earnBelowMinimumSpend()
{
    const EarnBreakdown below = computeEarn(defaults(), withBirthday(3, 10), 99, day("2026-03-11"));
    QVERIFY(below.belowMinimumSpend);
    QCOMPARE(below.totalPoints, qint64(0));
    QCOMPARE(below.basePoints, qint64(0));
    QVERIFY(!below.birthdayBonusApplied); // the once-a-year bonus is not used up by a small purchase
    QCOMPARE(below.birthdayPeriod, QStringLiteral("2026"));

    const EarnBreakdown atMinimum = computeEarn(defaults(), member(), 100, day("2026-03-02"));
    QVERIFY(!atMinimum.belowMinimumSpend);
    QCOMPARE(atMinimum.totalPoints, qint64(1));

    const EarnBreakdown zero = computeEarn(defaults(), member(), 0, day("2026-03-02"));
    QVERIFY(zero.belowMinimumSpend);
    QCOMPARE(zero.totalPoints, qint64(0));
}

void TestLoyalty::earnWithTier()
{
    // Gold 150%: 123.45 x 1.5 = 185.175 -> 185, of which 62 are the tier's.
    const EarnBreakdown b = computeEarn(defaults(), member("gold"), 12345, day("2026-03-02"));
    QCOMPARE(b.tierMultiplierPercent, 150);
    QCOMPARE(b.basePoints, qint64(123));
    QCOMPARE(b.tierExtraPoints, qint64(62));
    QCOMPARE(b.bonusExtraPoints, qint64(0));
    QCOMPARE(b.totalPoints, qint64(185));

    // A tier no longer in the rules earns like the entry tier.
    QCOMPARE(computeEarn(defaults(), member("diamond"), 12345, day("2026-03-02")).totalPoints, qint64(123));
}

void TestLoyalty::memberDayByDayOfMonth()
{
    const EarnBreakdown b = computeEarn(defaults(), member(), 12345, day("2026-03-08")); // the 8th, a Sunday
    QCOMPARE(b.memberDayMultiplierPercent, 200);
    QCOMPARE(b.bonusMultiplierPercent, 200);
    QCOMPARE(b.basePoints, qint64(123));
    QCOMPARE(b.tierExtraPoints, qint64(0));
    QCOMPARE(b.bonusExtraPoints, qint64(123));
    QCOMPARE(b.totalPoints, qint64(246)); // 246.9, floored once

    int percent = 0;
    QVERIFY(isMemberDay(defaults(), day("2026-03-08"), &percent));
    QCOMPARE(percent, 200);
    QVERIFY(!isMemberDay(defaults(), day("2026-03-02"), &percent));
    QCOMPARE(percent, 100);
    QVERIFY(!isMemberDay(defaults(), QDate(), &percent));
}

void TestLoyalty::memberDayByWeekday()
{
    // Wednesday 150%, gold 150%: 123.45 x 1.5 x 1.5 = 277.76 -> 277.
    const EarnBreakdown b = computeEarn(defaults(), member("gold"), 12345, day("2026-03-04"));
    QCOMPARE(b.memberDayMultiplierPercent, 150);
    QCOMPARE(b.basePoints, qint64(123));
    QCOMPARE(b.tierExtraPoints, qint64(62));
    QCOMPARE(b.totalPoints, qint64(277));
    QCOMPARE(b.bonusExtraPoints, qint64(277 - 185));
    int percent = 0;
    QVERIFY(isMemberDay(defaults(), day("2026-03-04"), &percent));
    QCOMPARE(percent, 150);
    QVERIFY(isMemberDay(defaults(), day("2026-03-11"), nullptr));
}

void TestLoyalty::memberDayHighestOfSeveral()
{
    // 2026-04-08 is a Wednesday and the 8th: both match, the higher one counts.
    int percent = 0;
    QVERIFY(isMemberDay(defaults(), day("2026-04-08"), &percent));
    QCOMPARE(percent, 200);
    LoyaltyRules r = defaults();
    std::swap(r.memberDays[0], r.memberDays[1]); // order in the document does not matter
    QVERIFY(isMemberDay(r, day("2026-04-08"), &percent));
    QCOMPARE(percent, 200);
    QCOMPARE(computeEarn(r, member(), 10000, day("2026-04-08")).totalPoints, qint64(200));
}

void TestLoyalty::memberDayPastMonthEnd()
{
    LoyaltyRules r = defaults();
    r.memberDays = {MemberDay{std::nullopt, 31, 300}};
    int percent = 0;
    QVERIFY(isMemberDay(r, day("2026-03-31"), &percent));
    QCOMPARE(percent, 300);
    QVERIFY(!isMemberDay(r, day("2026-04-30"), &percent)); // April has no 31st: no member day that month
    QVERIFY(!isMemberDay(r, day("2026-05-01"), &percent));
}

void TestLoyalty::birthdayBonusHighest()
{
    // Birthday Tuesday March 10, week window: 7th-13th. Wednesday the 11th is also a member day
    // (150%); the birthday's 200% is higher and is the one applied.
    const EarnBreakdown b = computeEarn(defaults(), withBirthday(3, 10), 12345, day("2026-03-11"));
    QCOMPARE(b.birthdayPeriod, QStringLiteral("2026"));
    QVERIFY(b.birthdayBonusApplied);
    QCOMPARE(b.birthdayMultiplierPercent, 200);
    QCOMPARE(b.memberDayMultiplierPercent, 150);
    QCOMPARE(b.bonusMultiplierPercent, 200);
    QCOMPARE(b.totalPoints, qint64(246));
    QCOMPARE(b.bonusExtraPoints, qint64(123));

    const EarnBreakdown plain = computeEarn(defaults(), withBirthday(3, 10), 12345, day("2026-03-12"));
    QVERIFY(plain.birthdayBonusApplied);
    QCOMPARE(plain.memberDayMultiplierPercent, 100);
    QCOMPARE(plain.totalPoints, qint64(246));
}

void TestLoyalty::birthdayBonusLosesATieToMemberDay()
{
    // The 8th pays 200% as a member day; the birthday's 200% adds nothing and stays for another visit.
    const EarnBreakdown b = computeEarn(defaults(), withBirthday(3, 10), 12345, day("2026-03-08"));
    QCOMPARE(b.birthdayPeriod, QStringLiteral("2026"));
    QVERIFY(!b.birthdayBonusApplied);
    QCOMPARE(b.birthdayMultiplierPercent, 100);
    QCOMPARE(b.bonusMultiplierPercent, 200);
    QCOMPARE(b.totalPoints, qint64(246));
}

void TestLoyalty::birthdayBonusOncePerYear()
{
    MemberFacts m = withBirthday(3, 10);
    m.birthdayBonusUsedThisYear = true;
    const EarnBreakdown b = computeEarn(defaults(), m, 12345, day("2026-03-12"));
    QCOMPARE(b.birthdayPeriod, QStringLiteral("2026"));
    QVERIFY(!b.birthdayBonusApplied);
    QCOMPARE(b.birthdayMultiplierPercent, 100);
    QCOMPARE(b.totalPoints, qint64(123));
}

void TestLoyalty::birthdayOutsideWindow()
{
    const EarnBreakdown b = computeEarn(defaults(), withBirthday(3, 10), 12345, day("2026-03-14"));
    QVERIFY(b.birthdayPeriod.isEmpty());
    QVERIFY(!b.birthdayBonusApplied);
    QCOMPARE(b.totalPoints, qint64(123));
    // No birthday on file: no period, no bonus.
    QVERIFY(computeEarn(defaults(), member(), 12345, day("2026-03-10")).birthdayPeriod.isEmpty());
}

void TestLoyalty::bonusesMultiply()
{
    LoyaltyRules r = defaults();
    r.bonusStacking = BonusStacking::Multiply;
    // The 8th (200%) in the birthday week (200%): 400%. Gold 150%: 123.45 x 1.5 x 4 = 740.7 -> 740.
    const EarnBreakdown b = computeEarn(r, withBirthday(3, 10, "gold"), 12345, day("2026-03-08"));
    QVERIFY(b.birthdayBonusApplied);
    QCOMPARE(b.birthdayMultiplierPercent, 200);
    QCOMPARE(b.memberDayMultiplierPercent, 200);
    QCOMPARE(b.bonusMultiplierPercent, 400);
    QCOMPARE(b.basePoints, qint64(123));
    QCOMPARE(b.tierExtraPoints, qint64(62));
    QCOMPARE(b.bonusExtraPoints, qint64(740 - 185));
    QCOMPARE(b.totalPoints, qint64(740));
    QCOMPARE(b.basePoints + b.tierExtraPoints + b.bonusExtraPoints, b.totalPoints);
}

void TestLoyalty::multiplyKeepsExactIntegerMaths()
{
    // 150% x 133% = 199.5%: an intermediate percentage would lose the half point.
    LoyaltyRules r = defaults();
    r.bonusStacking = BonusStacking::Multiply;
    r.memberDays = {MemberDay{3, std::nullopt, 150}};
    r.birthday.multiplierPercent = 133;
    const MemberFacts m = withBirthday(3, 10);
    const QDate wednesday = day("2026-03-11");
    r.earning.rounding = Rounding::Floor;
    QCOMPARE(computeEarn(r, m, 10000, wednesday).totalPoints, qint64(199));
    r.earning.rounding = Rounding::Nearest;
    QCOMPARE(computeEarn(r, m, 10000, wednesday).totalPoints, qint64(200));
    r.earning.rounding = Rounding::Ceil;
    QCOMPARE(computeEarn(r, m, 10000, wednesday).totalPoints, qint64(200));
    QCOMPARE(computeEarn(r, m, 10000, wednesday).bonusMultiplierPercent, 199);
}

void TestLoyalty::birthdayPeriods_data()
{
    QTest::addColumn<int>("window");
    QTest::addColumn<int>("month");
    QTest::addColumn<int>("dayOfMonth");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("period");
    const int d = int(BirthdayWindow::Day);
    const int w = int(BirthdayWindow::Week);
    const int m = int(BirthdayWindow::Month);
    const QString none;
    QTest::newRow("day: the day") << d << 3 << 10 << day("2026-03-10") << QStringLiteral("2026");
    QTest::newRow("day: the day after") << d << 3 << 10 << day("2026-03-11") << none;
    QTest::newRow("day: the day before") << d << 3 << 10 << day("2026-03-09") << none;
    QTest::newRow("week: 3 days before") << w << 3 << 10 << day("2026-03-07") << QStringLiteral("2026");
    QTest::newRow("week: 4 days before") << w << 3 << 10 << day("2026-03-06") << none;
    QTest::newRow("week: 3 days after") << w << 3 << 10 << day("2026-03-13") << QStringLiteral("2026");
    QTest::newRow("week: 4 days after") << w << 3 << 10 << day("2026-03-14") << none;
    QTest::newRow("week: Dec 30, Jan 2") << w << 12 << 30 << day("2027-01-02") << QStringLiteral("2026");
    QTest::newRow("week: Dec 30, Jan 3") << w << 12 << 30 << day("2027-01-03") << none;
    QTest::newRow("week: Dec 31, Jan 1") << w << 12 << 31 << day("2027-01-01") << QStringLiteral("2026");
    QTest::newRow("week: Dec 31, Dec 28") << w << 12 << 31 << day("2026-12-28") << QStringLiteral("2026");
    QTest::newRow("week: Dec 31, Dec 27") << w << 12 << 31 << day("2026-12-27") << none;
    QTest::newRow("week: Jan 1, Dec 29") << w << 1 << 1 << day("2026-12-29") << QStringLiteral("2027");
    QTest::newRow("week: Jan 2, Dec 30") << w << 1 << 2 << day("2026-12-30") << QStringLiteral("2027");
    QTest::newRow("month: first") << m << 3 << 10 << day("2026-03-01") << QStringLiteral("2026");
    QTest::newRow("month: last") << m << 3 << 10 << day("2026-03-31") << QStringLiteral("2026");
    QTest::newRow("month: next month") << m << 3 << 10 << day("2026-04-01") << none;
    QTest::newRow("month: December") << m << 12 << 31 << day("2026-12-01") << QStringLiteral("2026");
    QTest::newRow("month: January after December") << m << 12 << 31 << day("2027-01-01") << none;
    QTest::newRow("Feb 29, common year, Feb 28")
        << d << 2 << 29 << day("2027-02-28") << QStringLiteral("2027");
    QTest::newRow("Feb 29, common year, Mar 1") << d << 2 << 29 << day("2027-03-01") << none;
    QTest::newRow("Feb 29, leap year, Feb 29") << d << 2 << 29 << day("2028-02-29") << QStringLiteral("2028");
    QTest::newRow("Feb 29, leap year, Feb 28") << d << 2 << 29 << day("2028-02-28") << none;
    QTest::newRow("Feb 29, week, Feb 25 common")
        << w << 2 << 29 << day("2027-02-25") << QStringLiteral("2027");
    QTest::newRow("Feb 29, week, Mar 3 common")
        << w << 2 << 29 << day("2027-03-03") << QStringLiteral("2027");
    QTest::newRow("Feb 29, week, Mar 4 common") << w << 2 << 29 << day("2027-03-04") << none;
    QTest::newRow("Feb 29, week, Mar 3 leap") << w << 2 << 29 << day("2028-03-03") << QStringLiteral("2028");
    QTest::newRow("Feb 29, week, Mar 4 leap") << w << 2 << 29 << day("2028-03-04") << none;
    QTest::newRow("Feb 29, month, common") << m << 2 << 29 << day("2027-02-01") << QStringLiteral("2027");
    QTest::newRow("no such date") << d << 4 << 31 << day("2026-04-30") << none;
    QTest::newRow("month 13") << m << 13 << 1 << day("2026-01-01") << none;
    QTest::newRow("invalid date") << d << 3 << 10 << QDate() << none;
}

void TestLoyalty::birthdayPeriods()
{
    QFETCH(int, window);
    QFETCH(int, month);
    QFETCH(int, dayOfMonth);
    QFETCH(QDate, date);
    QFETCH(QString, period);
    QCOMPARE(birthdayPeriod(birthdayWindow(static_cast<BirthdayWindow>(window)), month, dayOfMonth, date),
             period);
}

void TestLoyalty::tierEarnedBySpend()
{
    const LoyaltyRules &r = defaults();
    QCOMPARE(tierEarned(r, spent(0), kToday).id, QStringLiteral("member"));
    QCOMPARE(tierEarned(r, spent(199999), kToday).id, QStringLiteral("member"));
    QCOMPARE(tierEarned(r, spent(200000), kToday).id, QStringLiteral("silver"));
    QCOMPARE(tierEarned(r, spent(599999), kToday).id, QStringLiteral("silver"));
    QCOMPARE(tierEarned(r, spent(600000), kToday).id, QStringLiteral("gold"));
    QCOMPARE(tierEarned(r, spent(1500000), kToday).id, QStringLiteral("platinum"));
    QCOMPARE(tierEarned(r, spent(kMax), kToday).id, QStringLiteral("platinum"));
    QCOMPARE(tierEarned(r, spent(-5), kToday).id, QStringLiteral("member"));
    QCOMPARE(tierRank(r, QStringLiteral("member")), 0);
    QCOMPARE(tierRank(r, QStringLiteral("platinum")), 3);
    QCOMPARE(tierRank(r, QStringLiteral("diamond")), -1);
}

void TestLoyalty::tierUpgradesAtOnce()
{
    const LoyaltyRules &r = defaults();
    QCOMPARE(tierAfterPurchase(r, QStringLiteral("member"), spent(200000), kToday), QStringLiteral("silver"));
    QCOMPARE(tierAfterPurchase(r, QStringLiteral("member"), spent(600000), kToday),
             QStringLiteral("gold")); // two steps at once
    QCOMPARE(tierAfterPurchase(r, QStringLiteral("member"), spent(199999), kToday), QStringLiteral("member"));
    // Never down after a purchase, however little the rolling spend is now.
    QCOMPARE(tierAfterPurchase(r, QStringLiteral("gold"), spent(100), kToday), QStringLiteral("gold"));
    QCOMPARE(tierAfterPurchase(r, QStringLiteral("gold"), spent(600000), kToday), QStringLiteral("gold"));
    QCOMPARE(tierAfterPurchase(r, QStringLiteral("diamond"), spent(250000), kToday),
             QStringLiteral("silver"));
}

void TestLoyalty::tierDowngradesOnlyAtEvaluationAfterGrace()
{
    const LoyaltyRules &r = defaults(); // 30 days grace
    const QDate since = day("2026-03-01");
    // Within grace: kept.
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("gold"), since, spent(0), day("2026-03-30")),
             QStringLiteral("gold"));
    // Grace over (30 days later): down to what the spend supports, not just one step.
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("gold"), since, spent(0), day("2026-03-31")),
             QStringLiteral("member"));
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("platinum"), since, spent(300000), day("2026-06-01")),
             QStringLiteral("silver"));
    // Bylaws that drop one level a time: platinum with silver's spend goes to gold, then (a month
    // later, its grace from the new tier over) to silver, never below what the spend earns.
    LoyaltyRules oneLevel = r;
    oneLevel.tiers.downgrade = TierRules::Downgrade::OneLevel;
    QCOMPARE(tierAtEvaluation(oneLevel, QStringLiteral("platinum"), since, spent(300000), day("2026-06-01")),
             QStringLiteral("gold"));
    QCOMPARE(tierAtEvaluation(oneLevel, QStringLiteral("gold"), day("2026-06-01"), spent(300000),
                              day("2026-07-01")),
             QStringLiteral("silver"));
    QCOMPARE(tierAtEvaluation(oneLevel, QStringLiteral("silver"), day("2026-07-01"), spent(300000),
                              day("2026-08-01")),
             QStringLiteral("silver"));
    QCOMPARE(tierAtEvaluation(oneLevel, QStringLiteral("gold"), since, spent(0), day("2026-03-30")),
             QStringLiteral("gold")); // grace still holds
    QCOMPARE(tierAtEvaluation(oneLevel, QStringLiteral("gold"), since, spent(0), day("2026-03-31")),
             QStringLiteral("silver"));
    // Spend still enough: kept.
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("gold"), since, spent(600000), day("2026-06-01")),
             QStringLiteral("gold"));
    // An evaluation may also raise the tier.
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("silver"), since, spent(700000), day("2026-03-02")),
             QStringLiteral("gold"));
    // Unknown date reached: no grace.
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("gold"), QDate(), spent(0), day("2026-03-02")),
             QStringLiteral("member"));
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("diamond"), since, spent(0), day("2026-03-02")),
             QStringLiteral("member"));

    LoyaltyRules noGrace = r;
    noGrace.tiers.graceDays = 0;
    QCOMPARE(tierAtEvaluation(noGrace, QStringLiteral("gold"), since, spent(0), since),
             QStringLiteral("member"));
}

void TestLoyalty::tierProgress()
{
    const LoyaltyRules &r = defaults();
    TierProgress p = counterpart::tierProgress(r, QStringLiteral("member"), spent(150000), kToday);
    QCOMPARE(p.currentTier, QStringLiteral("member"));
    QCOMPARE(p.nextTier, QStringLiteral("silver"));
    QCOMPARE(p.spendInWindowMinor, qint64(150000));
    QCOMPARE(p.moreToSpendMinor, qint64(50000));

    // Gold held by grace with little spend: the next tier is still platinum.
    p = counterpart::tierProgress(r, QStringLiteral("gold"), spent(100000), kToday);
    QCOMPARE(p.nextTier, QStringLiteral("platinum"));
    QCOMPARE(p.moreToSpendMinor, qint64(1400000));

    p = counterpart::tierProgress(r, QStringLiteral("platinum"), spent(2000000), kToday);
    QCOMPARE(p.currentTier, QStringLiteral("platinum"));
    QCOMPARE(p.nextTier, QString());
    QCOMPARE(p.moreToSpendMinor, qint64(0));

    // Silver reached by spend but not yet recorded: nothing negative.
    p = counterpart::tierProgress(r, QStringLiteral("member"), spent(250000), kToday);
    QCOMPARE(p.nextTier, QStringLiteral("silver"));
    QCOMPARE(p.moreToSpendMinor, qint64(0));

    p = counterpart::tierProgress(r, QStringLiteral("diamond"), spent(250000), kToday);
    QCOMPARE(p.currentTier, QStringLiteral("silver"));
    QCOMPARE(p.nextTier, QStringLiteral("gold"));
    QCOMPARE(p.moreToSpendMinor, qint64(350000));
}

namespace {

Tier level(const char *id, qint64 spend, int visits, int maxDays)
{
    Tier t;
    t.id = QString::fromLatin1(id);
    t.name.en = t.id;
    t.thresholdSpendMinor = spend;
    t.thresholdVisits = visits;
    t.maxDaysBetweenVisits = maxDays;
    return t;
}

// Bylaws in the Haidilao manner: spend, how often the member comes, and the time between visits.
LoyaltyRules bylaws()
{
    LoyaltyRules r = LoyaltyRules::defaults();
    r.tiers.tiers = {level("member", 0, 0, 0), level("silver", 100000, 4, 0), level("gold", 300000, 8, 30),
                     level("platinum", 300000, 12, 14)};
    return r;
}

// `count` visits every `step` days ending on `last`, each spending `each`.
TierRecord visits(int count, int step, const QDate &last, qint64 each = 0)
{
    TierRecord t;
    for (int i = count - 1; i >= 0; --i)
        t.visitDays.append(last.addDays(-qint64(i) * step));
    t.spendMinor = each * count;
    return t;
}

} // namespace

void TestLoyalty::tierEarnedByVisits()
{
    LoyaltyRules r = LoyaltyRules::defaults();
    r.tiers.tiers = {level("member", 0, 0, 0), level("regular", 0, 3, 0), level("frequent", 0, 6, 0)};
    QVERIFY(r.tiers.countsVisits());
    QVERIFY(!LoyaltyRules::defaults().tiers.countsVisits());
    QCOMPARE(tierEarned(r, TierRecord{}, kToday).id, QStringLiteral("member"));
    QCOMPARE(tierEarned(r, visits(2, 1, kToday, 999999), kToday).id, QStringLiteral("member"));
    QCOMPARE(tierEarned(r, visits(3, 100, kToday), kToday).id, QStringLiteral("regular"));
    QCOMPARE(tierEarned(r, visits(6, 1, kToday), kToday).id, QStringLiteral("frequent"));
    // Two receipts on one day are two visits, as the statistics count them.
    TierRecord sameDay;
    sameDay.visitDays = {kToday, kToday, kToday};
    QCOMPARE(tierEarned(r, sameDay, kToday).id, QStringLiteral("regular"));
}

void TestLoyalty::tierEarnedBySpendAndVisits()
{
    const LoyaltyRules r = bylaws();
    // Silver asks for both: the spend alone or the visits alone are not enough.
    QCOMPARE(tierEarned(r, visits(3, 7, kToday, 50000), kToday).id, QStringLiteral("member"));
    QCOMPARE(tierEarned(r, visits(4, 7, kToday, 100), kToday).id, QStringLiteral("member"));
    QCOMPARE(tierEarned(r, visits(4, 7, kToday, 25000), kToday).id, QStringLiteral("silver"));
    // Gold's spend and visits but a 40-day gap: silver.
    TierRecord gap = visits(8, 10, kToday, 40000);
    gap.visitDays[0] = gap.visitDays[1].addDays(-40);
    QCOMPARE(tierEarned(r, gap, kToday).id, QStringLiteral("silver"));
    QCOMPARE(tierEarned(r, visits(8, 30, kToday, 40000), kToday).id, QStringLiteral("gold"));
    // Platinum asks for the same spend as gold, more visits and a shorter interval.
    QCOMPARE(tierEarned(r, visits(12, 15, kToday, 30000), kToday).id, QStringLiteral("gold"));
    QCOMPARE(tierEarned(r, visits(12, 14, kToday, 30000), kToday).id, QStringLiteral("platinum"));
    // A purchase makes it: the till adds the purchase being made to the record (spend and a visit).
    TierRecord almost = visits(3, 7, kToday.addDays(-1), 40000);
    QCOMPARE(tierAfterPurchase(r, QStringLiteral("member"), almost, kToday), QStringLiteral("member"));
    almost.visitDays.append(kToday);
    QCOMPARE(tierAfterPurchase(r, QStringLiteral("member"), almost, kToday), QStringLiteral("silver"));
}

void TestLoyalty::tierIntervalBetweenVisits()
{
    const Tier every14 = level("x", 0, 0, 14);
    QVERIFY(!longestVisitGapDays(TierRecord{}, kToday));
    QVERIFY(!meetsTier(every14, TierRecord{}, kToday)); // never came: no interval to hold
    // The gap since the last visit counts: the member who stopped coming loses it.
    QCOMPARE(longestVisitGapDays(visits(5, 7, kToday.addDays(-20)), kToday).value_or(-1), 20);
    QVERIFY(!meetsTier(every14, visits(5, 7, kToday.addDays(-20)), kToday));
    QVERIFY(meetsTier(every14, visits(5, 7, kToday.addDays(-14)), kToday));
    QVERIFY(meetsTier(every14, visits(5, 14, kToday), kToday));
    QVERIFY(!meetsTier(every14, visits(5, 15, kToday), kToday));
    // A single recent visit holds it: the window start is no visit (a new member is not held back).
    QVERIFY(meetsTier(every14, visits(1, 1, kToday.addDays(-3)), kToday));
    // Order of the visits given does not matter (the server may add the op's purchase last).
    TierRecord unsorted = visits(4, 10, kToday);
    std::swap(unsorted.visitDays[0], unsorted.visitDays[3]);
    QCOMPARE(longestVisitGapDays(unsorted, kToday).value_or(-1), 10);
}

void TestLoyalty::tierIntervalAcrossMonthEnds()
{
    // Days are calendar days: Jan 31 to Mar 1 is 29 days in 2027 and 30 in the leap year 2028.
    const Tier every29 = level("x", 0, 0, 29);
    TierRecord common;
    common.visitDays = {QDate(2027, 1, 31), QDate(2027, 3, 1)};
    QCOMPARE(longestVisitGapDays(common, QDate(2027, 3, 1)).value_or(-1), 29);
    QVERIFY(meetsTier(every29, common, QDate(2027, 3, 1)));
    TierRecord leap;
    leap.visitDays = {QDate(2028, 1, 31), QDate(2028, 3, 1)};
    QCOMPARE(longestVisitGapDays(leap, QDate(2028, 3, 1)).value_or(-1), 30);
    QVERIFY(!meetsTier(every29, leap, QDate(2028, 3, 1)));
    // Jan 31 to Feb 28 / Feb 29 and the evaluation on Mar 1 after them.
    TierRecord toFeb;
    toFeb.visitDays = {QDate(2028, 1, 31), QDate(2028, 2, 29)};
    QCOMPARE(longestVisitGapDays(toFeb, QDate(2028, 3, 1)).value_or(-1), 29);
    toFeb.visitDays = {QDate(2027, 1, 31), QDate(2027, 2, 28)};
    QCOMPARE(longestVisitGapDays(toFeb, QDate(2027, 3, 1)).value_or(-1), 28);
    // Across the year end.
    TierRecord newYear;
    newYear.visitDays = {QDate(2026, 12, 31), QDate(2027, 1, 1)};
    QCOMPARE(longestVisitGapDays(newYear, QDate(2027, 1, 30)).value_or(-1), 29);
}

void TestLoyalty::tierDowngradeWithVisits()
{
    LoyaltyRules r = bylaws(); // 30 days grace, to_earned
    const QDate since = day("2026-03-01");
    // Platinum who came rarely lately but spent well: drops to what the record earns.
    const TierRecord rare = visits(8, 40, kToday.addDays(-10), 50000); // silver: 8 visits, gaps of 40
    QCOMPARE(tierEarned(r, rare, kToday).id, QStringLiteral("silver"));
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("platinum"), since, rare, kToday), QStringLiteral("silver"));
    r.tiers.downgrade = TierRules::Downgrade::OneLevel;
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("platinum"), since, rare, kToday), QStringLiteral("gold"));
    // Within the grace after the tier was reached: kept, whatever the record.
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("platinum"), kToday.addDays(-29), TierRecord{}, kToday),
             QStringLiteral("platinum"));
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("platinum"), kToday.addDays(-30), TierRecord{}, kToday),
             QStringLiteral("gold"));
    // A member who still comes every 14 days with the visits and spend keeps platinum.
    QCOMPARE(tierAtEvaluation(r, QStringLiteral("platinum"), since, visits(12, 14, kToday, 30000), kToday),
             QStringLiteral("platinum"));
    // The record at the evaluation counts the days since the last visit: a gold who has stayed away 31
    // days goes down, one away 30 days keeps it.
    QCOMPARE(
        tierAtEvaluation(r, QStringLiteral("gold"), since, visits(8, 20, kToday.addDays(-31), 40000), kToday),
        QStringLiteral("silver"));
    QCOMPARE(
        tierAtEvaluation(r, QStringLiteral("gold"), since, visits(8, 20, kToday.addDays(-30), 40000), kToday),
        QStringLiteral("gold"));
}

void TestLoyalty::tierProgressWithVisits()
{
    const LoyaltyRules r = bylaws();
    TierProgress p =
        counterpart::tierProgress(r, QStringLiteral("member"), visits(3, 7, kToday, 40000), kToday);
    QCOMPARE(p.nextTier, QStringLiteral("silver"));
    QCOMPARE(p.moreToSpendMinor, qint64(0));
    QCOMPARE(p.visitsInWindow, 3);
    QCOMPARE(p.moreVisits, 1);
    QCOMPARE(p.maxDaysBetweenVisits, 0);
    p = counterpart::tierProgress(r, QStringLiteral("silver"), visits(5, 7, kToday, 40000), kToday);
    QCOMPARE(p.nextTier, QStringLiteral("gold"));
    QCOMPARE(p.moreToSpendMinor, qint64(100000));
    QCOMPARE(p.moreVisits, 3);
    QCOMPARE(p.maxDaysBetweenVisits, 30);
}

void TestLoyalty::lotsFifo()
{
    // Given out of order; reported oldest first (ties broken by entry id).
    const QList<PointsLot> lots{lot(3, 70, 300), lot(1, 100, 100), lot(2, 50, 100)};
    const QList<LotRemainder> out = remainingLots(lots, {debit(120, 400)});
    QCOMPARE(ids(out), (QList<qint64>{1, 2, 3}));
    QCOMPARE(remaining(out), (QList<qint64>{0, 30, 70}));
    QCOMPARE(remaining(remainingLots(lots, {})), (QList<qint64>{100, 50, 70}));
    QCOMPARE(remaining(remainingLots(lots, {debit(100, 400), debit(20, 500)})), (QList<qint64>{0, 30, 70}));
}

void TestLoyalty::lotsReversalConsumesItsOwnLot()
{
    // A refund reverses the newest earn: that lot goes, the oldest points stay (and expire first).
    const QList<PointsLot> lots{lot(1, 100, 100, 1000), lot(2, 50, 200, 2000), lot(3, 70, 300, 3000)};
    const QList<LotRemainder> out = remainingLots(lots, {debit(50, 400, 3)});
    QCOMPARE(remaining(out), (QList<qint64>{100, 50, 20}));
    QCOMPARE(out[2].expiresAtMs, qint64(3000));
    QCOMPARE(remaining(remainingLots(lots, {debit(50, 400, 3), debit(120, 500)})),
             (QList<qint64>{0, 30, 20}));
}

void TestLoyalty::lotsReversalExcessGoesFifo()
{
    // Lot 2 was partly spent before its purchase was refunded: the reversal takes what is left of it,
    // and the rest from the oldest lot.
    const QList<PointsLot> lots{lot(1, 100, 100), lot(2, 50, 200), lot(3, 70, 300)};
    const QList<LotRemainder> out = remainingLots(lots, {debit(120, 400), debit(50, 500, 2)});
    QCOMPARE(remaining(out), (QList<qint64>{0, 0, 50}));
    // Reversing an entry that is not a lot at all: plain FIFO.
    QCOMPARE(remaining(remainingLots(lots, {debit(30, 400, 99)})), (QList<qint64>{70, 50, 70}));
}

void TestLoyalty::lotsDebitsInTimeOrder()
{
    // The same debits listed in any order give the same remainders: they are applied by time.
    const QList<PointsLot> lots{lot(1, 100, 100), lot(2, 50, 200), lot(3, 70, 300)};
    const QList<PointsDebit> inOrder{debit(120, 400), debit(50, 500, 2), debit(10, 600)};
    const QList<PointsDebit> shuffled{debit(10, 600), debit(50, 500, 2), debit(120, 400)};
    QCOMPARE(remaining(remainingLots(lots, shuffled)), remaining(remainingLots(lots, inOrder)));
    QCOMPARE(remaining(remainingLots(lots, inOrder)), (QList<qint64>{0, 0, 40}));
}

void TestLoyalty::lotsOverdraw()
{
    // Offline overdraw: more redeemed than there was. No lot goes below zero.
    const QList<LotRemainder> out = remainingLots({lot(1, 50, 100)}, {debit(80, 200)});
    QCOMPARE(remaining(out), (QList<qint64>{0}));
    QVERIFY(remainingLots({}, {debit(80, 200)}).isEmpty());
    // Points earned after the overdraw cover it first, so what is left matches the balance (50 - 80 + 100).
    QCOMPARE(remaining(remainingLots({lot(1, 50, 100), lot(2, 100, 300)}, {debit(80, 200)})),
             (QList<qint64>{0, 70}));
    // Nonsense input does not crash: negative points count as nothing.
    QCOMPARE(remaining(remainingLots({lot(1, -5, 100)}, {debit(-3, 200)})), (QList<qint64>{0}));
}

void TestLoyalty::expiredAndExpiring()
{
    const QList<PointsLot> lots{lot(1, 100, 100, 1000), lot(2, 50, 200, 2000), lot(3, 70, 300, 0),
                                lot(4, 40, 400, 3000)};
    const QList<LotRemainder> out = remainingLots(lots, {debit(120, 500)});
    QCOMPARE(remaining(out), (QList<qint64>{0, 30, 70, 40}));
    QCOMPARE(expiredPoints(out, 999), qint64(0));
    QCOMPARE(expiredPoints(out, 1999), qint64(0));       // lot 1 expired but was spent
    QCOMPARE(expiredPoints(out, 2000), qint64(30));      // at the instant counts as expired
    QCOMPARE(expiredPoints(out, 1'000'000), qint64(70)); // lot 3 never expires
    QCOMPARE(expiringPoints(out, 1000, 2000), qint64(30));
    QCOMPARE(expiringPoints(out, 1000, 1999), qint64(0));
    QCOMPARE(expiringPoints(out, 2000, 5000), qint64(40)); // lot 2 has expired, not expiring
    QCOMPARE(expiringPoints(out, 0, 1'000'000), qint64(70));
}

void TestLoyalty::refundProportional()
{
    QCOMPARE(refundReversal(100, 10000, 0, 5000, 0), qint64(50));
    QCOMPARE(refundReversal(100, 10000, 0, 3333, 0), qint64(33));
    QCOMPARE(refundReversal(100, 10000, 3333, 3333, 33), qint64(33));
    QCOMPARE(refundReversal(100, 10000, 6666, 3334, 66), qint64(34)); // the last part takes what is left
    QCOMPARE(refundReversal(100, 10000, 0, 10000, 0), qint64(100));
    QCOMPARE(refundReversal(7, 300, 0, 100, 0), qint64(2));
    QCOMPARE(refundReversal(7, 300, 100, 100, 2), qint64(2));
    QCOMPARE(refundReversal(7, 300, 200, 100, 4), qint64(3));
}

void TestLoyalty::refundInPartsSumsExactly()
{
    QRandomGenerator rng(42);
    for (int round = 0; round < 2000; ++round) {
        const qint64 purchase = rng.bounded(1, 1'000'000);
        const qint64 earned = rng.bounded(0, 20'000);
        qint64 refunded = 0;
        qint64 reversed = 0;
        while (refunded < purchase) {
            const qint64 part = std::min<qint64>(purchase - refunded, rng.bounded(1, int(purchase) + 1));
            const qint64 r = refundReversal(earned, purchase, refunded, part, reversed);
            QVERIFY(r >= 0);
            refunded += part;
            reversed += r;
            QVERIFY(reversed <= earned);
            // Never more than proportional before the last part.
            if (refunded < purchase)
                QVERIFY(reversed <= earned * refunded / purchase);
        }
        QCOMPARE(reversed, earned);
    }
}

void TestLoyalty::refundEdgeCases()
{
    QCOMPARE(refundReversal(100, 10000, 0, 0, 0), qint64(0));
    QCOMPARE(refundReversal(0, 10000, 0, 5000, 0), qint64(0));
    QCOMPARE(refundReversal(100, 0, 0, 5000, 0), qint64(0));
    // Refunding more than was bought: all that is left, no more.
    QCOMPARE(refundReversal(100, 10000, 0, 20000, 0), qint64(100));
    QCOMPARE(refundReversal(100, 10000, 5000, 20000, 50), qint64(50));
    QCOMPARE(refundReversal(100, 10000, 10000, 100, 100), qint64(0));
    // More was already reversed by hand than the proportion: nothing now, never negative.
    QCOMPARE(refundReversal(100, 10000, 0, 5000, 80), qint64(0));
    // ...but the final part still only takes what is left.
    QCOMPARE(refundReversal(100, 10000, 5000, 5000, 80), qint64(20));
    // Far beyond 64-bit products: 9e18 x 2 / 3 computed exactly.
    QCOMPARE(refundReversal(9'000'000'000'000'000'000, 3, 0, 2, 0), qint64(6'000'000'000'000'000'000));
    QCOMPARE(refundReversal(kMax, kMax, 0, kMax - 1, 0), kMax - 1);
}

void TestLoyalty::overflowGuard()
{
    LoyaltyRules r = defaults();
    r.earning.pointsPerUnit = 1'000'000;
    r.earning.unitMinor = 1;
    r.bonusStacking = BonusStacking::Multiply;
    for (Tier &t : r.tiers.tiers)
        t.multiplierPercent = 1000;
    r.memberDays = {MemberDay{std::nullopt, 8, 1000}};
    r.birthday.multiplierPercent = 1000;
    const MemberFacts m = withBirthday(3, 8);

    const EarnBreakdown huge = computeEarn(r, m, kMax, day("2026-03-08"));
    QVERIFY(huge.amountTooLarge);
    QCOMPARE(huge.totalPoints, qint64(0));
    QVERIFY(!huge.birthdayBonusApplied);

    // 10^10 x 10^6 x 1000% x 1000% x 1000% needs more than 64 bits on the way, and fits at the end.
    r.earning.pointsPerUnit = 1000;
    const EarnBreakdown big = computeEarn(r, m, 10'000'000'000, day("2026-03-08"));
    QVERIFY(!big.amountTooLarge);
    QCOMPARE(big.basePoints, qint64(10'000'000'000'000));
    QCOMPARE(big.tierExtraPoints, qint64(90'000'000'000'000));
    QCOMPARE(big.totalPoints, qint64(10'000'000'000'000'000));
    QCOMPARE(big.bonusExtraPoints, qint64(10'000'000'000'000'000 - 100'000'000'000'000));

    // Hand-made rules with absurd values do not overflow either.
    r.earning.pointsPerUnit = std::numeric_limits<int>::max();
    r.earning.unitMinor = kMax;
    const EarnBreakdown absurd = computeEarn(r, m, kMax, day("2026-03-08"));
    QVERIFY(absurd.amountTooLarge); // unitMinor x 10^6 does not fit
    QCOMPARE(absurd.totalPoints, qint64(0));

    // A product beyond 128 bits is caught too, not wrapped around: 2^62 x 2^30 x 100 x 2^30 x 2^6 is
    // 100 x 2^128, whose low 128 bits are all zero.
    LoyaltyRules wide = defaults();
    wide.bonusStacking = BonusStacking::Multiply;
    wide.earning.pointsPerUnit = 1 << 30;
    wide.earning.unitMinor = 1 << 30;
    wide.memberDays = {MemberDay{std::nullopt, 8, 1 << 30}};
    wide.birthday.multiplierPercent = 64;
    const EarnBreakdown wrapped = computeEarn(wide, withBirthday(3, 8), qint64(1) << 62, day("2026-03-08"));
    QVERIFY(wrapped.amountTooLarge);
    QCOMPARE(wrapped.totalPoints, qint64(0));
}

void TestLoyalty::matchesWideArithmetic()
{
#ifdef __SIZEOF_INT128__
    // Cross-check the portable 128-bit arithmetic against the compiler's.
    QRandomGenerator rng(7);
    LoyaltyRules r = defaults();
    r.bonusStacking = BonusStacking::Multiply;
    r.memberDays = {MemberDay{std::nullopt, 8, 100}};
    const MemberFacts m = withBirthday(3, 8, "gold");
    for (int i = 0; i < 20000; ++i) {
        const qint64 eligible = qint64(rng.generate64() % 100'000'000'000ULL);
        r.earning.pointsPerUnit = int(rng.bounded(0, 1'000'001));
        r.earning.unitMinor = qint64(rng.bounded(1, 1'000'000'001));
        r.earning.minimumSpendMinor = 0;
        r.earning.rounding = static_cast<Rounding>(rng.bounded(0, 3));
        r.tiers.tiers[2].multiplierPercent = int(rng.bounded(100, 1001));
        r.memberDays[0].multiplierPercent = int(rng.bounded(100, 1001));
        r.birthday.multiplierPercent = int(rng.bounded(100, 1001));
        const EarnBreakdown b = computeEarn(r, m, eligible, day("2026-03-08"));

        const Int128 num = Int128(eligible) * r.earning.pointsPerUnit * r.tiers.tiers[2].multiplierPercent *
                           r.memberDays[0].multiplierPercent * r.birthday.multiplierPercent;
        const Int128 den = Int128(r.earning.unitMinor) * 1'000'000;
        Int128 expected = num / den;
        const Int128 rem = num % den;
        if (r.earning.rounding == Rounding::Ceil && rem != 0)
            ++expected;
        if (r.earning.rounding == Rounding::Nearest && 2 * rem >= den)
            ++expected;
        if (expected > Int128(kMax)) {
            QVERIFY(b.amountTooLarge);
            continue;
        }
        QVERIFY(!b.amountTooLarge);
        if (b.totalPoints != qint64(expected))
            QFAIL(qPrintable(QStringLiteral("eligible %1: %2 != %3")
                                 .arg(eligible)
                                 .arg(b.totalPoints)
                                 .arg(qint64(expected))));
    }
#else
    QSKIP("no 128-bit integer type on this compiler");
#endif
}

void TestLoyalty::giftKindIds()
{
    QCOMPARE(giftKindId(GiftKind::Welcome), QStringLiteral("welcome"));
    QCOMPARE(giftKindId(GiftKind::FirstPurchase), QStringLiteral("first_purchase"));
    QCOMPARE(giftKindId(GiftKind::Birthday), QStringLiteral("birthday"));
}

QTEST_GUILESS_MAIN(TestLoyalty)
#include "tst_loyalty.moc"
