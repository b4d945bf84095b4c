// DemoSeeder: realistic, consistent and repeatable demo data made through the real use cases.

#include "app/DemoSeeder.h"
#include "app/MemberCsv.h"
#include "app/Till.h"
#include "tests/support/TillFixture.h"

#include <QBuffer>
#include <QTest>

using namespace counterpart;

class TestSeed : public QObject
{
    Q_OBJECT

private:
    struct Seeded {
        std::unique_ptr<test::TillFixture> fx;
        SeedReport report;
    };
    Seeded seed(const QString &name, int members, quint32 randomSeed,
                const std::function<bool(int, int)> &progress = {});
    QByteArray exportOf(Till &till);

    const qint64 m_now = test::utcMs(QStringLiteral("2026-03-10T02:00:00Z"));

private slots:
    void threeHundredMembers();
    void sameSeedSameData();
    void cancelKeepsWhatWasDone();
};

TestSeed::Seeded TestSeed::seed(const QString &name, int members, quint32 randomSeed,
                                const std::function<bool(int, int)> &progress)
{
    Seeded s;
    test::TillFixtureOptions options;
    options.startMs = m_now;
    options.database = name + QStringLiteral(".db");
    options.keyFile = name + QStringLiteral(".key");
    options.config = TillConfig{};
    options.config.terminalNumber = 23456;
    options.fastWrites = true;
    s.fx = std::make_unique<test::TillFixture>(options);
    if (Status opened = s.fx->open(); !opened)
        qFatal("cannot open the till: %s", qPrintable(opened.error().message));
    SeedOptions seedOptions;
    seedOptions.members = members;
    seedOptions.randomSeed = randomSeed;
    seedOptions.progress = progress;
    auto report = DemoSeeder::seed(*s.fx->till, s.fx->clock, seedOptions);
    if (!report)
        qFatal("seeding failed: %s (%s)", qPrintable(report.error().message),
               qPrintable(report.error().detail));
    s.report = report.value();
    return s;
}

QByteArray TestSeed::exportOf(Till &till)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    auto exported = MemberCsv::exportMembers(till, buffer);
    if (!exported)
        qFatal("export failed: %s", qPrintable(exported.error().message));
    return buffer.data();
}

void TestSeed::threeHundredMembers()
{
    int calls = 0;
    int lastDone = -1;
    int lastTotal = 0;
    Seeded s = seed(QStringLiteral("three-hundred"), 300, 42, [&](int done, int total) {
        ++calls;
        lastDone = done;
        lastTotal = total;
        return true;
    });
    const SeedReport &r = s.report;
    QCOMPARE(r.members, 300);
    QVERIFY(!r.cancelled);
    QVERIFY(r.purchases > 300);
    QVERIFY(r.redemptions > 0);
    QVERIFY(r.refunds > 0);
    QVERIFY(r.birthdaysThisWeek > 0);
    QVERIFY(calls > 0);
    QCOMPARE(lastDone, lastTotal);

    // Every tier of the shipped rules has members.
    for (const Tier &tier : s.fx->till->rules().tiers.tiers)
        QVERIFY2(r.membersByTier.value(tier.id) > 0, qPrintable(tier.id));
    int inTiers = 0;
    for (int n : r.membersByTier)
        inTiers += n;
    QCOMPARE(inTiers, 300);

    // The clock is back at "now", and every balance is its ledger's sum.
    QCOMPARE(s.fx->clock.nowMs(), m_now);
    auto check = s.fx->till->check(false);
    QVERIFY(check.ok());
    QVERIFY2(check->ok, qPrintable(check->problems.join(u'\n')));
    QCOMPARE(check->balanceMismatches, 0);
    QCOMPARE(check->members, 300);

    // Names, phones and birthdays are what the till accepts, and some birthdays are today.
    auto li = s.fx->till->findByNamePrefix(QStringLiteral("李"));
    QVERIFY(li.ok());
    QVERIFY(!li->isEmpty());
    auto english = s.fx->till->findByNamePrefix(QStringLiteral("Emma"));
    QVERIFY(english.ok());
    const QByteArray csv = exportOf(*s.fx->till);
    QVERIFY(csv.contains(",+86138"));
    const QDate today = s.fx->till->today();
    QVERIFY(csv.contains(QStringLiteral(",%1,%2,").arg(today.month()).arg(today.day()).toUtf8()));
}

void TestSeed::sameSeedSameData()
{
    Seeded a = seed(QStringLiteral("a"), 120, 7);
    Seeded b = seed(QStringLiteral("b"), 120, 7);
    Seeded c = seed(QStringLiteral("c"), 120, 8);
    QCOMPARE(a.report.purchases, b.report.purchases);
    QCOMPARE(a.report.pointsEarned, b.report.pointsEarned);
    QCOMPARE(a.report.membersByTier, b.report.membersByTier);
    // Same codes, phones, names, tiers and balances, member by member.
    const QByteArray exportA = exportOf(*a.fx->till);
    QCOMPARE(exportA, exportOf(*b.fx->till));
    QVERIFY(exportA != exportOf(*c.fx->till));
}

void TestSeed::cancelKeepsWhatWasDone()
{
    Seeded s = seed(QStringLiteral("cancelled"), 400, 1, [](int, int) { return false; });
    QVERIFY(s.report.cancelled);
    QVERIFY(s.report.members > 0);
    QVERIFY(s.report.members < 400);
    QCOMPARE(s.fx->clock.nowMs(), m_now);
    auto check = s.fx->till->check(false);
    QVERIFY(check.ok());
    QVERIFY(check->ok);
    QCOMPARE(check->members, s.report.members);
}

QTEST_GUILESS_MAIN(TestSeed)
#include "tst_seed.moc"
