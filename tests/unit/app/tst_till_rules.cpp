// The loyalty rules as the till applies them, with the clock injected: member days, birthdays, expiry,
// tiers, rounding, refunds, receipts, gifts, voids, adjustments and the offline cap.

#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "tests/support/TillFixture.h"

#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

class TestTillRules : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TillFixture> m_fx;

    Database &db() { return m_fx->db(); }

    Result<RedeemOutcome> redeemDiscount(const Member &m, qint64 points, const QString &receipt = {})
    {
        RedeemRequest request;
        request.member = m.id.toString();
        request.foundWith = m.phone.e164(); // by their number: nothing asked (tst_card_spending asks)
        request.discountPoints = points;
        request.receipt = receipt;
        return m_fx->till->redeem(request);
    }

    Result<RefundOutcome> refund(const QString &receipt, std::optional<qint64> amountMinor = std::nullopt)
    {
        RefundRequest request;
        request.receipt = receipt;
        request.amountMinor = amountMinor;
        request.reason = QStringLiteral("returned");
        // Every refund here is previewed first: the preview writes nothing and foretells it exactly.
        const QStringList before = dump(db());
        auto preview = m_fx->till->previewRefund(request);
        if (dump(db()) != before)
            return makeError(ErrorCode::Internal, QStringLiteral("the preview wrote to the till"));
        auto done = m_fx->till->refund(request);
        if (!done && done.error().code == ErrorCode::PermissionDenied)
            return done; // the preview asks nobody; the refund asks for the manager
        if (preview.ok() != done.ok())
            return makeError(ErrorCode::Internal, QStringLiteral("the preview and the refund disagree"));
        if (done && (preview->pointsReversed != done->pointsReversed ||
                     preview->pointsRestored != done->pointsRestored ||
                     preview->member.balance != done->member.balance ||
                     preview->refundedMinor != done->refundedMinor))
            return makeError(ErrorCode::Internal, QStringLiteral("the preview foretold other points"));
        if (!done && preview.error().code != done.error().code)
            return makeError(ErrorCode::Internal, QStringLiteral("the preview refused differently"));
        return done;
    }

    qint64 balance(const Member &m)
    {
        return scalar(db(), QStringLiteral("SELECT balance FROM members WHERE local_id = %1").arg(m.localId));
    }
    qint64 ledgerSum(const Member &m)
    {
        return scalar(
            db(),
            QStringLiteral("SELECT COALESCE(SUM(points), 0) FROM ledger WHERE member = %1").arg(m.localId));
    }
    QString tier(const Member &m)
    {
        const QStringList r =
            rows(db(), QStringLiteral("SELECT tier FROM members WHERE local_id = %1").arg(m.localId));
        return r.value(0);
    }

    void useRules(const LoyaltyRules &rules)
    {
        QVERIFY2(install(*m_fx->till, rules).ok(), "installing rules");
    }

    void createStaff()
    {
        m_fx->options().staff = {
            {QStringLiteral("M1"), QStringLiteral("Mei"), Role::Manager, QStringLiteral("1234")},
            {QStringLiteral("C1"), QStringLiteral("Chen"), Role::Cashier, QStringLiteral("5678")},
            {QStringLiteral("C2"), QStringLiteral("Zhou"), Role::Cashier, QStringLiteral("2468")}};
        CP_VERIFY_OK(m_fx->createStaff());
    }
    void loginAs(const char *id, const char *pin)
    {
        CP_VERIFY_OK(m_fx->signIn(QString::fromLatin1(id), QString::fromLatin1(pin)));
    }

    // Bylaws with visits: silver asks 120 yuan, 3 visits and a visit at least every 30 days; gold the
    // same spend, 6 visits and a visit at least every 14 days. Members in every situation, with visits
    // on 31 January, 28 February and 1 March, and evaluations on the first of each month.
    LoyaltyRules visitRules(TierRules::Downgrade downgrade)
    {
        LoyaltyRules r = plainRules();
        askForVisits(r.tiers);
        r.tiers.downgrade = downgrade;
        return r;
    }

    void buyOn(const Member &m, const char *isoDay, qint64 amount = 4000)
    {
        static int receipt = 0;
        m_fx->clock.set(local(QString::fromLatin1(isoDay) + QStringLiteral("T10:00:00")));
        CP_VERIFY_OK(m_fx->earn(m, amount, QStringLiteral("V%1").arg(++receipt)));
    }

    TierEvaluationOutcome evaluateOn(const char *isoDay)
    {
        m_fx->clock.set(local(QString::fromLatin1(isoDay) + QStringLiteral("T04:00:00")));
        auto r = m_fx->till->evaluateTiers();
        if (!r) {
            qWarning().noquote() << r.error().message;
            return {};
        }
        return r.value();
    }

private slots:
    void initTestCase() { quietInfoLogs(); }
    void init()
    {
        TillFixtureOptions options; // 2026-03-02 10:00, a Monday
        options.rules = plainRules();
        m_fx = std::make_unique<TillFixture>(options);
        CP_VERIFY_OK(m_fx->open());
    }
    void cleanup() { m_fx.reset(); }

    // --- member days ------------------------------------------------------------------------------

    void memberDays_data()
    {
        QTest::addColumn<QString>("localTime");
        QTest::addColumn<int>("multiplier");
        QTest::addColumn<qint64>("points");
        // Weekday 3 (Wednesday) x1.5, the 8th x2, the 31st x1.2; 100 yuan at 1 point per yuan.
        QTest::newRow("thursday") << QStringLiteral("2026-03-05T10:00:00") << 100 << qint64(100);
        QTest::newRow("wednesday") << QStringLiteral("2026-03-04T10:00:00") << 150 << qint64(150);
        QTest::newRow("wednesday 23:59 local") << QStringLiteral("2026-03-04T23:59:00") << 150 << qint64(150);
        // 00:30 on Thursday in Shanghai is still Wednesday 16:30 in UTC: the store's day counts.
        QTest::newRow("thursday just after midnight")
            << QStringLiteral("2026-03-05T00:30:00") << 100 << qint64(100);
        QTest::newRow("8th, a Sunday") << QStringLiteral("2026-03-08T10:00:00") << 200 << qint64(200);
        QTest::newRow("8th and Wednesday: the higher")
            << QStringLiteral("2026-04-08T10:00:00") << 200 << qint64(200);
        QTest::newRow("31st") << QStringLiteral("2026-03-31T10:00:00") << 120 << qint64(120);
        QTest::newRow("30 April: no 31st") << QStringLiteral("2026-04-30T10:00:00") << 100 << qint64(100);
    }
    void memberDays()
    {
        QFETCH(QString, localTime);
        QFETCH(int, multiplier);
        QFETCH(qint64, points);
        QCOMPARE(QDate(2026, 3, 4).dayOfWeek(), 3);
        QCOMPARE(QDate(2026, 4, 8).dayOfWeek(), 3);
        QCOMPARE(QDate(2026, 3, 5).dayOfWeek(), 4);

        LoyaltyRules rules = plainRules();
        rules.memberDays = {MemberDay{3, std::nullopt, 150}, MemberDay{std::nullopt, 8, 200},
                            MemberDay{std::nullopt, 31, 120}};
        useRules(rules);
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        QVERIFY(!m.id.isNull());

        m_fx->clock.set(local(localTime));
        auto out = m_fx->earn(m, 10000, QStringLiteral("R1"));
        CP_VERIFY_OK(out);
        QCOMPARE(out->isMemberDay, multiplier > 100);
        QCOMPARE(out->breakdown.memberDayMultiplierPercent, multiplier);
        QCOMPARE(out->breakdown.basePoints, qint64(100));
        QCOMPARE(out->breakdown.totalPoints, points);
        QCOMPARE(out->totalPoints, points);
        QCOMPARE(out->member.balance, points);
        QCOMPARE(balance(m), points);
        QCOMPARE(ledgerSum(m), points);

        auto card = m_fx->till->card(m.id);
        CP_VERIFY_OK(card);
        QCOMPARE(card->memberDay, multiplier > 100);
        QCOMPARE(card->memberDayMultiplierPercent, multiplier);
    }

    // --- birthdays --------------------------------------------------------------------------------

    void birthdayOncePerOccurrenceAcrossNewYear()
    {
        LoyaltyRules rules = plainRules();
        rules.birthday = BirthdayRules{BirthdayWindow::Week, 200, 50};
        useRules(rules);
        m_fx->clock.set(local(QStringLiteral("2026-12-01T10:00:00")));
        const Member m =
            m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"), QDate(1990, 12, 30));
        QVERIFY(!m.id.isNull());

        struct Step {
            const char *when;
            qint64 points;      // purchase points (100 yuan)
            int gift;           // birthday gift points granted with it
            const char *period; // the birthday occurrence the day belongs to
        };
        const Step steps[] = {
            {"2026-12-26T10:00:00", 100, 0, ""},      // 4 days before: outside the week
            {"2026-12-28T10:00:00", 200, 50, "2026"}, // first visit in the window: bonus and gift
            {"2026-12-29T10:00:00", 100, 0, "2026"},  // same occurrence: nothing more
            {"2027-01-02T10:00:00", 100, 0, "2026"},  // new year, still the 2026 occurrence
            {"2027-01-03T10:00:00", 100, 0, ""},      // 4 days after: outside
            {"2027-12-27T10:00:00", 200, 50, "2027"}, // next year's occurrence: new bonus and gift
            {"2027-12-31T10:00:00", 100, 0, "2027"},
        };
        qint64 expected = 0;
        int i = 0;
        for (const Step &s : steps) {
            m_fx->clock.set(local(QString::fromLatin1(s.when)));
            auto out = m_fx->earn(m, 10000, QStringLiteral("B%1").arg(++i));
            CP_VERIFY_OK(out);
            QCOMPARE(out->breakdown.totalPoints, s.points);
            QCOMPARE(out->breakdown.birthdayBonusApplied, s.points == 200);
            QCOMPARE(out->breakdown.birthdayPeriod, QString::fromLatin1(s.period));
            QCOMPARE(out->gifts.size(), s.gift > 0 ? 1 : 0);
            if (s.gift > 0) {
                QCOMPARE(int(out->gifts[0].kind), int(GiftKind::Birthday));
                QCOMPARE(out->gifts[0].points, s.gift);
                QCOMPARE(out->gifts[0].period, QString::fromLatin1(s.period));
            }
            QCOMPARE(out->totalPoints, s.points + s.gift);
            expected += s.points + s.gift;
            QCOMPARE(balance(m), expected);
        }
        QCOMPARE(expected, qint64(1000));
        QCOMPARE(ledgerSum(m), expected);
        QCOMPARE(count(db(), "ledger", "kind = 'birthday_gift'"), qint64(2));
        QCOMPARE(rows(db(), QStringLiteral("SELECT gift, period FROM gift_grants WHERE gift LIKE 'birthday%' "
                                           "ORDER BY period, gift")),
                 QStringList({QStringLiteral("birthday|2026"), QStringLiteral("birthday_bonus|2026"),
                              QStringLiteral("birthday|2027"), QStringLiteral("birthday_bonus|2027")}));

        // 2 January 2028 is still in the 2027 occurrence's window, which was used.
        m_fx->clock.set(local(QStringLiteral("2028-01-02T10:00:00")));
        auto card = m_fx->till->card(m.id);
        CP_VERIFY_OK(card);
        QCOMPARE(card->birthdayWindow, true);
        QCOMPARE(card->birthdayGiftAvailable, false);

        // A member whose first visit in the window is after New Year gets the previous year's occurrence.
        m_fx->clock.set(local(QStringLiteral("2026-12-01T10:00:00")));
        const Member late =
            m_fx->join(QStringLiteral("13900139000"), QStringLiteral("Wang Fang"), QDate(1985, 12, 30));
        m_fx->clock.set(local(QStringLiteral("2027-01-02T18:00:00")));
        auto first = m_fx->earn(late, 10000, QStringLiteral("L1"));
        CP_VERIFY_OK(first);
        QCOMPARE(first->breakdown.birthdayPeriod, QStringLiteral("2026"));
        QCOMPARE(first->totalPoints, qint64(250));
        m_fx->clock.set(local(QStringLiteral("2027-12-30T09:00:00")));
        auto next = m_fx->earn(late, 10000, QStringLiteral("L2"));
        CP_VERIFY_OK(next);
        QCOMPARE(next->breakdown.birthdayPeriod, QStringLiteral("2027"));
        QCOMPARE(next->totalPoints, qint64(250));
        QCOMPARE(balance(late), qint64(500));
    }

    // --- expiry -----------------------------------------------------------------------------------

    void expiryOldestFirst()
    {
        LoyaltyRules rules = plainRules();
        rules.expiry = ExpiryRules{12, 30};
        useRules(rules);
        m_fx->clock.set(local(QStringLiteral("2026-01-01T10:00:00")));
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));

        m_fx->clock.set(local(QStringLiteral("2026-01-10T10:00:00"))); // t0: lot A, 100 points
        CP_VERIFY_OK(m_fx->earn(m, 10000, QStringLiteral("A")));
        m_fx->clock.set(local(QStringLiteral("2026-06-10T10:00:00"))); // t1: lot B, 50 points
        CP_VERIFY_OK(m_fx->earn(m, 5000, QStringLiteral("B")));
        m_fx->clock.set(local(QStringLiteral("2026-07-01T10:00:00")));
        CP_VERIFY_OK(redeemDiscount(m, 30)); // spends the oldest: A has 70 left
        QCOMPARE(balance(m), qint64(120));

        // A second before lot A's expiry nothing goes, and the card warns about A's 70 points.
        m_fx->clock.set(local(QStringLiteral("2027-01-10T09:59:59")));
        auto none = m_fx->till->expirePoints();
        CP_VERIFY_OK(none);
        QCOMPARE(none->members, 0);
        QCOMPARE(none->points, qint64(0));
        auto card = m_fx->till->card(m.id);
        CP_VERIFY_OK(card);
        QCOMPARE(card->expiringSoonPoints, qint64(70));
        QCOMPARE(card->expiringWorthMinor, qint64(70));

        m_fx->clock.set(local(QStringLiteral("2027-01-10T10:00:00")));
        auto swept = m_fx->till->expirePoints();
        CP_VERIFY_OK(swept);
        QCOMPARE(swept->members, 1);
        QCOMPARE(swept->points, qint64(70));
        QCOMPARE(balance(m), qint64(50));
        QCOMPARE(ledgerSum(m), qint64(50));
        QCOMPARE(rows(db(), QStringLiteral("SELECT points FROM ledger WHERE kind = 'expire'")),
                 QStringList{QStringLiteral("-70")});

        // Running it again removes nothing.
        const qint64 outboxBefore = count(db(), "outbox");
        auto again = m_fx->till->expirePoints();
        CP_VERIFY_OK(again);
        QCOMPARE(again->members, 0);
        QCOMPARE(again->points, qint64(0));
        QCOMPARE(balance(m), qint64(50));
        QCOMPARE(count(db(), "outbox"), outboxBefore);

        // A new lot, then lot B expires and only lot B goes.
        m_fx->clock.set(local(QStringLiteral("2027-02-01T10:00:00")));
        CP_VERIFY_OK(m_fx->earn(m, 2000, QStringLiteral("C")));
        m_fx->clock.set(local(QStringLiteral("2027-06-11T00:00:00")));
        auto second = m_fx->till->expirePoints();
        CP_VERIFY_OK(second);
        QCOMPARE(second->members, 1);
        QCOMPARE(second->points, qint64(50));
        QCOMPARE(balance(m), qint64(20));
        QCOMPARE(ledgerSum(m), qint64(20));
        auto report = m_fx->till->check(false);
        CP_VERIFY_OK(report);
        QCOMPARE(report->balanceMismatches, qint64(0));
        QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
    }

    // --- tiers ------------------------------------------------------------------------------------

    void tierUpgradeAtOnceDowngradeAfterGrace()
    {
        m_fx->clock.set(local(QStringLiteral("2026-01-01T10:00:00")));
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));

        m_fx->clock.set(local(QStringLiteral("2026-01-15T10:00:00")));
        auto below = m_fx->earn(m, 90000, QStringLiteral("T1"));
        CP_VERIFY_OK(below);
        QCOMPARE(below->tierAfter, QStringLiteral("member"));
        QCOMPARE(tier(m), QStringLiteral("member"));

        // The purchase that crosses 1000 yuan upgrades at once; it earns at the tier it started in.
        m_fx->clock.set(local(QStringLiteral("2026-01-15T11:00:00")));
        auto crossing = m_fx->earn(m, 20000, QStringLiteral("T2"));
        CP_VERIFY_OK(crossing);
        QCOMPARE(crossing->tierBefore, QStringLiteral("member"));
        QCOMPARE(crossing->tierAfter, QStringLiteral("silver"));
        QCOMPARE(crossing->totalPoints, qint64(200));
        QCOMPARE(crossing->member.tier, QStringLiteral("silver"));
        QCOMPARE(tier(m), QStringLiteral("silver"));
        QCOMPARE(rows(db(), QStringLiteral("SELECT from_tier, to_tier, reason FROM tier_changes")),
                 QStringList{QStringLiteral("member|silver|upgrade")});
        QCOMPARE(rows(db(), QStringLiteral("SELECT json_extract(payload, '$.tierChange.to') FROM outbox "
                                           "WHERE kind = 'earn' ORDER BY seq DESC LIMIT 1")),
                 QStringList{QStringLiteral("silver")});

        auto silver = m_fx->earn(m, 10000, QStringLiteral("T3"));
        CP_VERIFY_OK(silver);
        QCOMPARE(silver->totalPoints, qint64(150)); // x1.5 from now on

        // Refunds bring the spend under the threshold; the tier stays until an evaluation.
        m_fx->clock.set(local(QStringLiteral("2026-01-16T10:00:00")));
        CP_VERIFY_OK(refund(QStringLiteral("T2")));
        CP_VERIFY_OK(refund(QStringLiteral("T3"), 100)); // 999 yuan left in the window
        QCOMPARE(tier(m), QStringLiteral("silver"));

        m_fx->clock.set(local(QStringLiteral("2026-01-20T10:00:00")));
        auto early = m_fx->till->evaluateTiers();
        CP_VERIFY_OK(early);
        QCOMPARE(early->evaluated, 1);
        QCOMPARE(early->downgraded, 0);
        QCOMPARE(tier(m), QStringLiteral("silver"));

        // Grace: 30 days from 15 January is 14 February.
        m_fx->clock.set(local(QStringLiteral("2026-02-13T23:00:00")));
        auto lastGraceDay = m_fx->till->evaluateTiers();
        CP_VERIFY_OK(lastGraceDay);
        QCOMPARE(lastGraceDay->downgraded, 0);
        QCOMPARE(tier(m), QStringLiteral("silver"));

        m_fx->clock.set(local(QStringLiteral("2026-02-14T01:00:00")));
        auto due = m_fx->till->evaluateTiers();
        CP_VERIFY_OK(due);
        QCOMPARE(due->evaluated, 1);
        QCOMPARE(due->upgraded, 0);
        QCOMPARE(due->downgraded, 1);
        QCOMPARE(tier(m), QStringLiteral("member"));
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT from_tier, to_tier, reason FROM tier_changes ORDER BY at")),
            QStringList(
                {QStringLiteral("member|silver|upgrade"), QStringLiteral("silver|member|evaluation")}));

        auto none = m_fx->till->evaluateTiers();
        CP_VERIFY_OK(none);
        QCOMPARE(none->evaluated, 0);
        QCOMPARE(none->downgraded, 0);
    }

    void tiersByVisitsAcrossMonthEnds_data()
    {
        QTest::addColumn<int>("downgrade");
        QTest::newRow("one_level") << int(TierRules::Downgrade::OneLevel);
        QTest::newRow("to_earned") << int(TierRules::Downgrade::ToEarned);
    }

    void tiersByVisitsAcrossMonthEnds()
    {
        QFETCH(int, downgrade);
        const bool oneLevel = downgrade == int(TierRules::Downgrade::OneLevel);
        useRules(visitRules(static_cast<TierRules::Downgrade>(downgrade)));
        m_fx->clock.set(local(QStringLiteral("2026-01-20T10:00:00")));
        const Member never = m_fx->join(QStringLiteral("13800138001"), QStringLiteral("Never"));
        const Member big = m_fx->join(QStringLiteral("13800138002"), QStringLiteral("Big Once"));
        const Member weekly = m_fx->join(QStringLiteral("13800138003"), QStringLiteral("Weekly"));
        const Member monthly = m_fx->join(QStringLiteral("13800138004"), QStringLiteral("Monthly"));
        const Member late = m_fx->join(QStringLiteral("13800138005"), QStringLiteral("A Day Late"));

        // Weekly: silver at the third visit, gold at the sixth (28 February), spend alone never.
        const char *weeks[] = {"2026-01-24", "2026-01-31", "2026-02-07", "2026-02-14", "2026-02-21"};
        for (const char *day : weeks)
            buyOn(weekly, day);
        QCOMPARE(tier(weekly), QStringLiteral("silver"));
        buyOn(big, "2026-01-31", 500000);
        QCOMPARE(tier(big), QStringLiteral("member")); // one visit, however large
        buyOn(monthly, "2026-01-31");
        buyOn(late, "2026-01-31");
        buyOn(weekly, "2026-02-28");
        QCOMPARE(tier(weekly), QStringLiteral("gold"));
        buyOn(monthly, "2026-03-02"); // 30 days after 31 January
        buyOn(late, "2026-03-03");    // 31 days

        // 1 March: gold within its grace; the others are at the entry tier and not evaluated.
        TierEvaluationOutcome march = evaluateOn("2026-03-01");
        QCOMPARE(march.evaluated, 1);
        QCOMPARE(march.downgraded, 0);
        QCOMPARE(tier(weekly), QStringLiteral("gold"));

        // 1 April: Weekly last came 32 days ago, which holds neither gold (14) nor silver (30): one level
        // down, or to the entry tier.
        TierEvaluationOutcome april = evaluateOn("2026-04-01");
        QCOMPARE(april.downgraded, 1);
        QCOMPARE(tier(weekly), oneLevel ? QStringLiteral("silver") : QStringLiteral("member"));

        // Monthly's third visit, 30 days after the second: silver. A Day Late's, 29 days after a 31-day
        // gap: not.
        buyOn(monthly, "2026-04-01");
        buyOn(late, "2026-04-01");
        QCOMPARE(tier(monthly), QStringLiteral("silver"));
        QCOMPARE(tier(late), QStringLiteral("member"));

        // 1 May: Monthly's last visit is 30 days ago: kept. Weekly (one level) drops the second level.
        TierEvaluationOutcome may = evaluateOn("2026-05-01");
        QCOMPARE(may.downgraded, oneLevel ? 1 : 0);
        QCOMPARE(tier(monthly), QStringLiteral("silver"));
        QCOMPARE(tier(weekly), QStringLiteral("member"));

        // 1 June: 61 days since Monthly's last visit.
        TierEvaluationOutcome june = evaluateOn("2026-06-01");
        QCOMPARE(june.evaluated, 1);
        QCOMPARE(june.downgraded, 1);
        QCOMPARE(tier(monthly), QStringLiteral("member"));
        QCOMPARE(tier(never), QStringLiteral("member"));
        QCOMPARE(tier(big), QStringLiteral("member"));
        QCOMPARE(tier(late), QStringLiteral("member"));
        // Every change is recorded and queued for the server.
        QCOMPARE(
            scalar(db(), QStringLiteral("SELECT COUNT(*) FROM tier_changes WHERE reason = 'evaluation'")),
            qint64(oneLevel ? 3 : 2));
    }

    void tierEvaluationWindowStartsAtTheSameHourMonthsBack()
    {
        // A visit on 28 February 2026 has left a 12-month window at the 1 March 2027 evaluation; one on
        // 1 March 2026 at 10:00 is still in it at 04:00 that day (the window starts 1 March 2026, 04:00).
        LoyaltyRules r = visitRules(TierRules::Downgrade::ToEarned);
        r.tiers.tiers[1].maxDaysBetweenVisits = 0;
        r.tiers.tiers[2].maxDaysBetweenVisits = 0;
        r.tiers.graceDays = 0;
        useRules(r);
        m_fx->clock.set(local(QStringLiteral("2026-01-20T10:00:00")));
        const Member a = m_fx->join(QStringLiteral("13800138001"), QStringLiteral("Out"));
        const Member b = m_fx->join(QStringLiteral("13800138002"), QStringLiteral("In"));
        for (const char *day : {"2026-02-28", "2026-03-08", "2026-03-15"})
            buyOn(a, day);
        for (const char *day : {"2026-03-01", "2026-03-08", "2026-03-15"})
            buyOn(b, day);
        QCOMPARE(tier(a), QStringLiteral("silver"));
        QCOMPARE(tier(b), QStringLiteral("silver"));
        TierEvaluationOutcome o = evaluateOn("2027-03-01");
        QCOMPARE(o.evaluated, 2);
        QCOMPARE(o.downgraded, 1);
        QCOMPARE(tier(a), QStringLiteral("member"));
        QCOMPARE(tier(b), QStringLiteral("silver"));
    }

    void enrolledTillLeavesTierEvaluationToTheServer()
    {
        useRules(visitRules(TierRules::Downgrade::ToEarned));
        m_fx->clock.set(local(QStringLiteral("2026-01-20T10:00:00")));
        const Member m = m_fx->join(QStringLiteral("13800138003"), QStringLiteral("Weekly"));
        for (const char *day : {"2026-01-24", "2026-01-31", "2026-02-07"})
            buyOn(m, day);
        QCOMPARE(tier(m), QStringLiteral("silver"));
        CP_VERIFY_OK(
            SyncStore(m_fx->till->database()).setSetting(SyncKeys::ServerUrl, QStringLiteral("https://s")));
        // Long past the grace and the interval: a till on its own would take silver back.
        TierEvaluationOutcome o = evaluateOn("2026-06-01");
        QVERIFY(o.serverEvaluates);
        QCOMPARE(o.evaluated, 0);
        QCOMPARE(tier(m), QStringLiteral("silver"));
        QCOMPARE(
            scalar(db(), QStringLiteral("SELECT COUNT(*) FROM tier_changes WHERE reason = 'evaluation'")),
            qint64(0));
        // Upgrades at the purchase stay with the till: they only go up, and the server checks them.
        const Member n = m_fx->join(QStringLiteral("13800138004"), QStringLiteral("New"));
        for (const char *day :
             {"2026-06-01", "2026-06-08", "2026-06-15", "2026-06-22", "2026-06-29", "2026-07-06"})
            buyOn(n, day);
        QCOMPARE(tier(n), QStringLiteral("gold"));
        // The 114 days between February and June stay in the window: still silver, not gold.
        buyOn(m, "2026-07-06");
        QCOMPARE(tier(m), QStringLiteral("silver"));
    }

    void tierDowngradeWhenSpendLeavesWindow()
    {
        m_fx->clock.set(local(QStringLiteral("2026-01-01T10:00:00")));
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        m_fx->clock.set(local(QStringLiteral("2026-01-15T10:00:00")));
        auto big = m_fx->earn(m, 300000, QStringLiteral("G1"));
        CP_VERIFY_OK(big);
        QCOMPARE(big->tierAfter, QStringLiteral("gold"));

        // Just under twelve months later the purchase is still in the rolling window; just over, it is not.
        m_fx->clock.set(local(QStringLiteral("2027-01-15T09:00:00")));
        auto kept = m_fx->till->evaluateTiers();
        CP_VERIFY_OK(kept);
        QCOMPARE(kept->downgraded, 0);
        QCOMPARE(tier(m), QStringLiteral("gold"));

        m_fx->clock.set(local(QStringLiteral("2027-01-15T11:00:00")));
        auto dropped = m_fx->till->evaluateTiers();
        CP_VERIFY_OK(dropped);
        QCOMPARE(dropped->downgraded, 1);
        QCOMPARE(tier(m), QStringLiteral("member"));
    }

    // --- rounding ---------------------------------------------------------------------------------

    void rounding_data()
    {
        QTest::addColumn<int>("rounding");
        QTest::addColumn<int>("pointsPerUnit");
        QTest::addColumn<qint64>("unitMinor");
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<qint64>("points");
        const int floor = int(Rounding::Floor);
        const int nearest = int(Rounding::Nearest);
        const int ceil = int(Rounding::Ceil);
        QTest::newRow("12.50 floor") << floor << 1 << qint64(100) << qint64(1250) << qint64(12);
        QTest::newRow("12.50 nearest (half up)") << nearest << 1 << qint64(100) << qint64(1250) << qint64(13);
        QTest::newRow("12.50 ceil") << ceil << 1 << qint64(100) << qint64(1250) << qint64(13);
        QTest::newRow("12.49 floor") << floor << 1 << qint64(100) << qint64(1249) << qint64(12);
        QTest::newRow("12.49 nearest") << nearest << 1 << qint64(100) << qint64(1249) << qint64(12);
        QTest::newRow("12.49 ceil") << ceil << 1 << qint64(100) << qint64(1249) << qint64(13);
        QTest::newRow("12.00 ceil (exact)") << ceil << 1 << qint64(100) << qint64(1200) << qint64(12);
        QTest::newRow("3 per 10 yuan, 19.99 floor")
            << floor << 3 << qint64(1000) << qint64(1999) << qint64(5);
        QTest::newRow("3 per 10 yuan, 19.99 nearest")
            << nearest << 3 << qint64(1000) << qint64(1999) << qint64(6);
        QTest::newRow("3 per 10 yuan, 19.99 ceil") << ceil << 3 << qint64(1000) << qint64(1999) << qint64(6);
        QTest::newRow("3 per 10 yuan, 11.66 nearest")
            << nearest << 3 << qint64(1000) << qint64(1166) << qint64(3);
        QTest::newRow("3 per 10 yuan, 11.67 nearest")
            << nearest << 3 << qint64(1000) << qint64(1167) << qint64(4);
    }
    void rounding()
    {
        QFETCH(int, rounding);
        QFETCH(int, pointsPerUnit);
        QFETCH(qint64, unitMinor);
        QFETCH(qint64, amount);
        QFETCH(qint64, points);
        LoyaltyRules rules = plainRules();
        rules.earning.rounding = Rounding(rounding);
        rules.earning.pointsPerUnit = pointsPerUnit;
        rules.earning.unitMinor = unitMinor;
        useRules(rules);
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        auto preview = m_fx->till->previewEarn(EarnRequest{m.id.toString(), amount, 0, QStringLiteral("R1")});
        CP_VERIFY_OK(preview);
        QCOMPARE(preview->totalPoints, points);
        QCOMPARE(balance(m), qint64(0)); // a preview writes nothing
        auto out = m_fx->earn(m, amount, QStringLiteral("R1"));
        CP_VERIFY_OK(out);
        QCOMPARE(out->breakdown.basePoints, points);
        QCOMPARE(out->totalPoints, points);
        QCOMPARE(balance(m), points);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT points_earned FROM purchases WHERE receipt = 'R1'")),
                 points);
    }

    // --- refunds ----------------------------------------------------------------------------------

    void refundInPartsSumsToEarned()
    {
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        auto earned = m_fx->earn(m, 700, QStringLiteral("R1"));
        CP_VERIFY_OK(earned);
        QCOMPARE(earned->totalPoints, qint64(7));

        auto first = refund(QStringLiteral("R1"), 233); // 7 * 233/700 = 2.33 -> 2
        CP_VERIFY_OK(first);
        QCOMPARE(first->pointsReversed, qint64(2));
        QCOMPARE(first->refundedMinor, qint64(233));

        const QStringList before = dump(db());
        CP_VERIFY_FAILS(refund(QStringLiteral("R1"), 468), ErrorCode::Refused); // only 467 left
        QCOMPARE(dump(db()), before);

        auto second = refund(QStringLiteral("R1"), 233); // 7 * 466/700 = 4.66 -> 4, minus 2 taken
        CP_VERIFY_OK(second);
        QCOMPARE(second->pointsReversed, qint64(2));
        auto last = refund(QStringLiteral("R1")); // the rest: exactly what is left
        CP_VERIFY_OK(last);
        QCOMPARE(last->refundedMinor, qint64(234));
        QCOMPARE(last->pointsReversed, qint64(3));
        QCOMPARE(last->pointsRestored, qint64(0));
        QCOMPARE(last->member.balance, qint64(0));

        QCOMPARE(
            rows(db(), QStringLiteral("SELECT points FROM ledger WHERE kind = 'refund_reversal' ORDER BY "
                                      "local_id")),
            QStringList({QStringLiteral("-2"), QStringLiteral("-2"), QStringLiteral("-3")}));
        QCOMPARE(rows(db(),
                      QStringLiteral("SELECT refunded, points_reversed FROM purchases WHERE receipt = 'R1'")),
                 QStringList{QStringLiteral("700|7")});
        QCOMPARE(count(db(), "refunds"), qint64(3));
        QCOMPARE(balance(m), qint64(0));
        QCOMPARE(ledgerSum(m), qint64(0));

        CP_VERIFY_FAILS(refund(QStringLiteral("R1")), ErrorCode::Refused);
        CP_VERIFY_FAILS(refund(QStringLiteral("NOPE")), ErrorCode::NotFound);
    }

    void refundRestoresRedeemed_data()
    {
        QTest::addColumn<bool>("restores");
        QTest::newRow("rules say restore") << true;
        QTest::newRow("rules say no") << false;
    }
    void refundRestoresRedeemed()
    {
        QFETCH(bool, restores);
        LoyaltyRules rules = plainRules();
        rules.redemption.refundRestoresRedeemed = restores;
        useRules(rules);
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->earn(m, 50000, QStringLiteral("R0")));   // 500
        CP_VERIFY_OK(m_fx->earn(m, 10000, QStringLiteral("R1")));   // 100
        CP_VERIFY_OK(redeemDiscount(m, 200, QStringLiteral("R1"))); // spent on R1
        CP_VERIFY_OK(redeemDiscount(m, 100, QStringLiteral("R0"))); // spent on another receipt
        QCOMPARE(balance(m), qint64(300));

        auto part = refund(QStringLiteral("R1"), 5000);
        CP_VERIFY_OK(part);
        QCOMPARE(part->pointsReversed, qint64(50));
        QCOMPARE(part->pointsRestored, qint64(0)); // only a full refund gives redeemed points back
        QCOMPARE(balance(m), qint64(250));

        auto rest = refund(QStringLiteral("R1"));
        CP_VERIFY_OK(rest);
        QCOMPARE(rest->pointsReversed, qint64(50));
        QCOMPARE(rest->pointsRestored, restores ? qint64(200) : qint64(0));
        QCOMPARE(balance(m), restores ? qint64(400) : qint64(200));
        QCOMPARE(rest->member.balance, balance(m));
        QCOMPARE(count(db(), "ledger", "kind = 'redeem_restore'"), restores ? qint64(1) : qint64(0));
        QCOMPARE(ledgerSum(m), balance(m));
    }

    // --- receipts ---------------------------------------------------------------------------------

    void sameReceiptTwiceIsRefused()
    {
        const Member a = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        const Member b = m_fx->join(QStringLiteral("13900139000"), QStringLiteral("Wang Fang"));
        CP_VERIFY_OK(m_fx->earn(a, 10000, QStringLiteral("R1")));

        const QStringList before = dump(db());
        const qint64 ledger = count(db(), "ledger");
        const qint64 outbox = count(db(), "outbox");
        const qint64 audit = count(db(), "audit");

        auto again = m_fx->earn(a, 5000, QStringLiteral("R1"));
        CP_VERIFY_FAILS(again, ErrorCode::Conflict);
        QVERIFY2(again.error().message.contains(QStringLiteral("R1")), qPrintable(again.error().message));
        QVERIFY2(again.error().message.contains(QStringLiteral("100 points")),
                 qPrintable(again.error().message));
        QVERIFY2(again.error().message.contains(QStringLiteral("Li Na")), qPrintable(again.error().message));
        CP_VERIFY_FAILS(m_fx->earn(b, 10000, QStringLiteral(" R1 ")), ErrorCode::Conflict);
        CP_VERIFY_FAILS(m_fx->till->previewEarn(EarnRequest{a.id.toString(), 10000, 0, QStringLiteral("R1")}),
                        ErrorCode::Conflict);

        QCOMPARE(balance(a), qint64(100));
        QCOMPARE(balance(b), qint64(0));
        QCOMPARE(count(db(), "ledger"), ledger);
        QCOMPARE(count(db(), "outbox"), outbox);
        QCOMPARE(count(db(), "audit"), audit);
        QCOMPARE(dump(db()), before);
    }

    // --- gifts ------------------------------------------------------------------------------------

    void welcomeAndFirstPurchaseGiftsOnce()
    {
        LoyaltyRules rules = plainRules();
        rules.gifts = GiftRules{100, 50};
        useRules(rules);
        RegisterRequest request;
        request.phone = QStringLiteral("13800138000");
        request.name = QStringLiteral("Li Na");
        auto joined = m_fx->till->registerMember(request);
        CP_VERIFY_OK(joined);
        QCOMPARE(joined->welcomePoints, qint64(100));
        QCOMPARE(joined->member.balance, qint64(100));
        const Member m = joined->member;

        auto preview = m_fx->till->previewEarn(EarnRequest{m.id.toString(), 10000, 0, QStringLiteral("R1")});
        CP_VERIFY_OK(preview);
        QCOMPARE(preview->gifts.size(), 1);
        QCOMPARE(preview->totalPoints, qint64(150));
        QCOMPARE(balance(m), qint64(100));

        auto first = m_fx->earn(m, 10000, QStringLiteral("R1"));
        CP_VERIFY_OK(first);
        QCOMPARE(first->gifts.size(), 1);
        QCOMPARE(int(first->gifts[0].kind), int(GiftKind::FirstPurchase));
        QCOMPARE(first->gifts[0].points, 50);
        QCOMPARE(first->gifts[0].period, QStringLiteral("once"));
        QCOMPARE(first->totalPoints, qint64(150));
        auto second = m_fx->earn(m, 10000, QStringLiteral("R2"));
        CP_VERIFY_OK(second);
        QCOMPARE(second->gifts.size(), 0);
        QCOMPARE(second->totalPoints, qint64(100));
        QCOMPARE(balance(m), qint64(350));
        QCOMPARE(count(db(), "ledger", "kind = 'welcome_gift'"), qint64(1));
        QCOMPARE(count(db(), "ledger", "kind = 'first_purchase_gift'"), qint64(1));
        auto card = m_fx->till->card(m.id);
        CP_VERIFY_OK(card);
        QVERIFY(card->welcomeGiftGranted);
        QVERIFY(card->firstPurchaseGiftGranted);

        // A voided first purchase never happened: the next real one brings the gift, once.
        const Member other = m_fx->join(QStringLiteral("13900139000"), QStringLiteral("Wang Fang"));
        QCOMPARE(balance(other), qint64(100));
        CP_VERIFY_OK(m_fx->earn(other, 10000, QStringLiteral("V1")));
        QCOMPARE(balance(other), qint64(250));
        auto voided = m_fx->till->voidLast(other.id.toString(), QStringLiteral("wrong member"));
        CP_VERIFY_OK(voided);
        QCOMPARE(voided->pointsReversed, qint64(150));
        QCOMPARE(balance(other), qint64(100));
        auto otherCard = m_fx->till->card(other.id);
        CP_VERIFY_OK(otherCard);
        QVERIFY(!otherCard->firstPurchaseGiftGranted);
        auto real = m_fx->earn(other, 10000, QStringLiteral("V2"));
        CP_VERIFY_OK(real);
        QCOMPARE(real->gifts.size(), 1);
        QCOMPARE(balance(other), qint64(250));
        auto after = m_fx->earn(other, 10000, QStringLiteral("V3"));
        CP_VERIFY_OK(after);
        QCOMPARE(after->gifts.size(), 0);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(points) FROM ledger WHERE member = %1 AND (kind = "
                                             "'first_purchase_gift' OR (kind = 'void' AND points = -50))")
                                  .arg(other.localId)),
                 qint64(50));
        QCOMPARE(ledgerSum(other), qint64(350));
    }

    // --- voids ------------------------------------------------------------------------------------

    void voidWithinWindow()
    {
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        const qint64 t = m_fx->clock.nowMs();
        CP_VERIFY_OK(m_fx->earn(m, 10000, QStringLiteral("W1")));
        m_fx->clock.setMs(t + 10 * 60'000); // exactly at the end of the window
        auto voided = m_fx->till->voidLast(m.id.toString(), QStringLiteral("wrong amount"));
        CP_VERIFY_OK(voided);
        QCOMPARE(voided->voidedKind, QStringLiteral("earn"));
        QCOMPARE(voided->pointsReversed, qint64(100));
        QCOMPARE(voided->member.balance, qint64(0));
        QCOMPARE(balance(m), qint64(0));
        QCOMPARE(count(db(), "purchases", "receipt = 'W1' AND voided_at IS NOT NULL"), qint64(1));

        // The receipt is free again.
        auto again = m_fx->earn(m, 8000, QStringLiteral("W1"));
        CP_VERIFY_OK(again);
        QCOMPARE(balance(m), qint64(80));

        // A redemption can be voided too: its points come back.
        CP_VERIFY_OK(redeemDiscount(m, 50));
        auto unredeem = m_fx->till->voidLast(m.id.toString(), QStringLiteral("changed mind"));
        CP_VERIFY_OK(unredeem);
        QCOMPARE(unredeem->voidedKind, QStringLiteral("redeem"));
        QCOMPARE(unredeem->pointsReversed, qint64(-50));
        QCOMPARE(balance(m), qint64(80));
        QCOMPARE(ledgerSum(m), qint64(80));
    }

    // A redemption whose points a full refund already gave back cannot be voided: that would give them
    // back twice.
    void voidOfRestoredRedemptionIsRefused()
    {
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->earn(m, 50000, QStringLiteral("R0")));
        CP_VERIFY_OK(m_fx->earn(m, 10000, QStringLiteral("R1")));
        CP_VERIFY_OK(redeemDiscount(m, 200, QStringLiteral("R1")));
        auto refunded = refund(QStringLiteral("R1"));
        CP_VERIFY_OK(refunded);
        QCOMPARE(refunded->pointsRestored, qint64(200));
        QCOMPARE(balance(m), qint64(500));
        const QStringList before = dump(db());
        CP_VERIFY_FAILS(m_fx->till->voidLast(m.id.toString(), QStringLiteral("undo")), ErrorCode::Refused);
        QCOMPARE(dump(db()), before);
        QCOMPARE(balance(m), qint64(500));
        QCOMPARE(ledgerSum(m), qint64(500));
    }

    void voidAfterWindowIsRefused()
    {
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        const qint64 t = m_fx->clock.nowMs();
        CP_VERIFY_OK(m_fx->earn(m, 10000, QStringLiteral("W1")));
        m_fx->clock.setMs(t + 10 * 60'000 + 1);
        const QStringList before = dump(db());
        auto late = m_fx->till->voidLast(m.id.toString(), QStringLiteral("too late"));
        CP_VERIFY_FAILS(late, ErrorCode::Refused);
        QVERIFY2(late.error().message.contains(QStringLiteral("refund")), qPrintable(late.error().message));
        QCOMPARE(dump(db()), before);
        QCOMPARE(balance(m), qint64(100));
        CP_VERIFY_FAILS(m_fx->earn(m, 10000, QStringLiteral("W1")), ErrorCode::Conflict);
    }

    void voidOfAnotherCashiersEarnNeedsManager()
    {
        createStaff();
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        loginAs("C1", "5678");
        CP_VERIFY_OK(m_fx->earn(m, 10000, QStringLiteral("W1")));
        loginAs("C2", "2468");
        CP_VERIFY_FAILS(m_fx->till->voidLast(m.id.toString(), QStringLiteral("oops")),
                        ErrorCode::PermissionDenied);
        QCOMPARE(balance(m), qint64(100));
        auto approved = m_fx->till->voidLast(m.id.toString(), QStringLiteral("oops"),
                                             ManagerApproval{QStringLiteral("M1"), QStringLiteral("1234")});
        CP_VERIFY_OK(approved);
        QCOMPARE(balance(m), qint64(0));
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT actor, approved_by FROM audit WHERE action = 'points.void'")),
            QStringList{QStringLiteral("C2|M1")});
    }

    // --- adjustments and approvals ----------------------------------------------------------------

    void adjustNeedsManager()
    {
        createStaff();
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        loginAs("C1", "5678");
        const QString who = m.id.toString();
        const QString why = QStringLiteral("goodwill gesture");

        const QStringList before = dump(db());
        auto alone = m_fx->till->adjust(who, 50, why);
        CP_VERIFY_FAILS(alone, ErrorCode::PermissionDenied);
        QVERIFY2(alone.error().message.contains(QStringLiteral("manager")),
                 qPrintable(alone.error().message));
        QCOMPARE(dump(db()), before);

        CP_VERIFY_FAILS(
            m_fx->till->adjust(who, 50, why, ManagerApproval{QStringLiteral("C2"), QStringLiteral("2468")}),
            ErrorCode::PermissionDenied);
        CP_VERIFY_FAILS(
            m_fx->till->adjust(who, 50, why, ManagerApproval{QStringLiteral("M1"), QStringLiteral("0000")}),
            ErrorCode::PermissionDenied);
        QCOMPARE(balance(m), qint64(0));
        QCOMPARE(count(db(), "ledger", "kind = 'adjust'"), qint64(0));

        auto approved =
            m_fx->till->adjust(who, 50, why, ManagerApproval{QStringLiteral("M1"), QStringLiteral("1234")});
        CP_VERIFY_OK(approved);
        QCOMPARE(approved->balance, qint64(50));
        QCOMPARE(balance(m), qint64(50));
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT points, cashier, approved_by, reason FROM ledger WHERE kind = "
                                      "'adjust'")),
            QStringList{QStringLiteral("50|C1|M1|goodwill gesture")});
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT actor, role, approved_by, reason FROM audit WHERE action = "
                                      "'points.adjust'")),
            QStringList{QStringLiteral("C1|cashier|M1|goodwill gesture")});

        // A manager at the till approves their own adjustment.
        loginAs("M1", "1234");
        auto own = m_fx->till->adjust(who, -20, QStringLiteral("double scan"));
        CP_VERIFY_OK(own);
        QCOMPARE(own->balance, qint64(30));
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT actor, approved_by FROM audit WHERE action = 'points.adjust' "
                                      "ORDER BY local_id")),
            QStringList({QStringLiteral("C1|M1"), QStringLiteral("M1|M1")}));
        QCOMPARE(ledgerSum(m), qint64(30));
    }

    // Wrong manager PINs typed to approve a refund count towards the manager's lockout, although the
    // refund itself is refused and rolled back.
    void wrongApprovalPinsCountTowardsLockout()
    {
        createStaff();
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->earn(m, 100000, QStringLiteral("BIG")));
        loginAs("C1", "5678");
        RefundRequest request;
        request.receipt = QStringLiteral("BIG");
        for (int i = 0; i < 5; ++i) {
            CP_VERIFY_FAILS(
                m_fx->till->refund(request, ManagerApproval{QStringLiteral("M1"), QStringLiteral("9999")}),
                ErrorCode::PermissionDenied);
        }
        QCOMPARE(count(db(), "refunds"), qint64(0));
        QCOMPARE(balance(m), qint64(1000));
        auto locked = m_fx->till->login(QStringLiteral("M1"), QStringLiteral("1234"));
        CP_VERIFY_FAILS(locked, ErrorCode::PermissionDenied);
        QCOMPARE(count(db(), "audit", "action = 'login.locked' AND actor = 'M1'"), qint64(1));

        m_fx->clock.advanceMs(5 * 60'000);
        auto approved =
            m_fx->till->refund(request, ManagerApproval{QStringLiteral("M1"), QStringLiteral("1234")});
        CP_VERIFY_OK(approved);
        QCOMPARE(approved->pointsReversed, qint64(1000));
        QCOMPARE(balance(m), qint64(0));
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT actor, approved_by FROM audit WHERE action = 'points.refund'")),
            QStringList{QStringLiteral("C1|M1")});
    }

    void refundAboveCashierLimitNeedsManager()
    {
        createStaff();
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->earn(m, 200000, QStringLiteral("BIG")));
        loginAs("C1", "5678");
        CP_VERIFY_OK(refund(QStringLiteral("BIG"), 50000)); // at the limit: a cashier may
        CP_VERIFY_FAILS(refund(QStringLiteral("BIG"), 50001), ErrorCode::PermissionDenied);
        QCOMPARE(balance(m), qint64(1500));
        QCOMPARE(count(db(), "refunds"), qint64(1));
    }

    // --- catalogue --------------------------------------------------------------------------------

    void rewardLimitPerDayCountsQuantity()
    {
        LoyaltyRules rules = plainRules();
        rules.redemption.catalogue = {Reward{QStringLiteral("coffee"), text("Coffee", "咖啡"), 300, 2}};
        useRules(rules);
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->till->adjust(m.id.toString(), 3000, QStringLiteral("opening balance")));
        RedeemRequest two;
        two.member = m.id.toString();
        two.foundWith = m.phone.e164();
        two.rewardId = QStringLiteral("coffee");
        two.quantity = 2;
        auto first = m_fx->till->redeem(two);
        CP_VERIFY_OK(first);
        QCOMPARE(first->points, qint64(600));
        RedeemRequest one = two;
        one.quantity = 1;
        CP_VERIFY_FAILS(m_fx->till->redeem(one), ErrorCode::Refused); // two coffees today already
        QCOMPARE(balance(m), qint64(2400));
        // The next day (local midnight) the limit starts again.
        m_fx->clock.set(local(QStringLiteral("2026-03-03T00:00:00")));
        CP_VERIFY_OK(m_fx->till->redeem(one));
        CP_VERIFY_FAILS(m_fx->till->redeem(two), ErrorCode::Refused);
        QCOMPARE(balance(m), qint64(2100));
    }

    // --- offline ----------------------------------------------------------------------------------

    void offlineRedemptionCap()
    {
        LoyaltyRules rules = plainRules();
        rules.offline = OfflineRules{300};
        useRules(rules);
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->till->adjust(m.id.toString(), 1000, QStringLiteral("opening balance")));

        m_fx->till->setOffline(true);
        CP_VERIFY_OK(redeemDiscount(m, 200));
        auto over = redeemDiscount(m, 200);
        CP_VERIFY_FAILS(over, ErrorCode::Refused);
        QVERIFY2(over.error().message.contains(QStringLiteral("offline")), qPrintable(over.error().message));
        CP_VERIFY_OK(redeemDiscount(m, 100)); // exactly the cap
        CP_VERIFY_FAILS(redeemDiscount(m, 10), ErrorCode::Refused);
        QCOMPARE(balance(m), qint64(700));

        m_fx->till->setOffline(false);
        CP_VERIFY_OK(redeemDiscount(m, 200)); // online: the balance is the limit
        QCOMPARE(balance(m), qint64(500));

        // Once the server has the redemptions, the offline allowance is whole again.
        OutboxStore outbox(db());
        for (const QString &seq :
             rows(db(), QStringLiteral("SELECT seq FROM outbox WHERE status = 'pending'")))
            CP_VERIFY_OK(outbox.markApplied(seq.toLongLong()));
        m_fx->till->setOffline(true);
        CP_VERIFY_OK(redeemDiscount(m, 300));
        CP_VERIFY_FAILS(redeemDiscount(m, 10), ErrorCode::Refused);
        QCOMPARE(balance(m), qint64(200));
        QCOMPARE(ledgerSum(m), qint64(200));
    }
};

QTEST_GUILESS_MAIN(TestTillRules)
#include "tst_till_rules.moc"
