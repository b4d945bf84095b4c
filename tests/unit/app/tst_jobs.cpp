// The jobs that run by themselves, with the clock injected: when expiry and tier evaluation fall due
// (month ends, a leap day, a time of day from the rules), catching up once after three months off, at
// most once a period, two processes on one file waking together, and an enrolled till leaving them to
// the server.

#include "core/JobSchedule.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "tests/support/TillFixture.h"

#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

namespace {

const QTimeZone Shanghai(QByteArrayLiteral("Asia/Shanghai"));

QString periodAt(const JobSchedule &s, const char *local)
{
    return duePeriod(s, Shanghai, at(local)).key;
}

qint64 runsOf(Database &db, const char *job)
{
    return scalar(db,
                  QStringLiteral("SELECT count(*) FROM job_runs WHERE job = '%1'").arg(QLatin1String(job)));
}

} // namespace

class TestJobs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TillFixture> m_fx;

    Result<std::unique_ptr<Till>> another() { return m_fx->openFile(m_fx->dbPath()); }

private slots:
    void initTestCase() { quietInfoLogs(); }
    void init()
    {
        TillFixtureOptions options;
        options.startMs = at("2024-01-10T12:00:00");
        m_fx = std::make_unique<TillFixture>(options);
        CP_VERIFY_OK(m_fx->open());
    }
    void cleanup() { m_fx.reset(); }

    void dailyPeriods()
    {
        const JobSchedule daily{JobSchedule::Every::Day, QTime(3, 30), 1};
        QCOMPARE(periodAt(daily, "2026-01-31T03:29:59"), QStringLiteral("2026-01-30"));
        QCOMPARE(periodAt(daily, "2026-01-31T03:30:00"), QStringLiteral("2026-01-31"));
        QCOMPARE(periodAt(daily, "2024-03-01T01:00:00"), QStringLiteral("2024-02-29")); // a leap day
        QCOMPARE(periodAt(daily, "2025-03-01T01:00:00"), QStringLiteral("2025-02-28"));
        QCOMPARE(periodAt(daily, "2027-01-01T00:10:00"), QStringLiteral("2026-12-31")); // a year end
        QCOMPARE(nextDueMs(daily, Shanghai, at("2024-02-29T03:30:00")), at("2024-03-01T03:30:00"));
        QCOMPARE(nextDueMs(daily, Shanghai, at("2024-02-28T23:00:00")), at("2024-02-29T03:30:00"));
    }

    void monthlyPeriods()
    {
        const JobSchedule monthly{JobSchedule::Every::Month, QTime(4, 0), 28};
        QCOMPARE(periodAt(monthly, "2024-02-28T03:59:00"), QStringLiteral("2024-01"));
        QCOMPARE(periodAt(monthly, "2024-02-28T04:00:00"), QStringLiteral("2024-02"));
        QCOMPARE(periodAt(monthly, "2024-02-29T10:00:00"), QStringLiteral("2024-02"));
        QCOMPARE(periodAt(monthly, "2024-03-27T10:00:00"), QStringLiteral("2024-02"));
        QCOMPARE(periodAt(monthly, "2026-01-01T00:00:00"), QStringLiteral("2025-12"));
        QCOMPARE(nextDueMs(monthly, Shanghai, at("2024-01-31T10:00:00")), at("2024-02-28T04:00:00"));
        QCOMPARE(nextDueMs(monthly, Shanghai, at("2024-12-28T04:00:00")), at("2025-01-28T04:00:00"));
        const JobSchedule first{JobSchedule::Every::Month, QTime(4, 0), 1};
        QCOMPARE(periodAt(first, "2024-03-01T03:00:00"), QStringLiteral("2024-02"));
        QCOMPARE(periodAt(first, "2024-03-01T04:00:00"), QStringLiteral("2024-03"));
    }

    void timesFromTheRules()
    {
        LoyaltyRules rules = LoyaltyRules::defaults();
        QCOMPARE(rules.expiry.sweepTime, QTime(3, 30));
        QCOMPARE(rules.tiers.evaluationTime, QTime(4, 0));
        // The default times are not written, so the document reads the same in an older program.
        QVERIFY(!rules.toJson().contains("sweepTime"));
        rules.expiry.sweepTime = QTime(22, 15);
        rules.tiers.evaluationTime = QTime(1, 5);
        auto back = LoyaltyRules::fromJson(rules.toJson());
        CP_VERIFY_OK(back);
        QCOMPARE(back->expiry.sweepTime, QTime(22, 15));
        QCOMPARE(back->tiers.evaluationTime, QTime(1, 5));
        QByteArray bad = rules.toJson().replace("22:15", "25:99");
        auto refused = LoyaltyRules::fromJson(bad);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("expiry.sweepTime")),
                 qPrintable(refused.error().message));
    }

    // Points earned two years ago expire at the first sweep after the till comes back from three
    // months off: each job runs once, for the current period, and not again that period.
    void catchUpAfterThreeMonthsOff()
    {
        RegisterRequest request;
        request.phone = QStringLiteral("13800138000");
        request.name = QStringLiteral("Li Na");
        auto joined = m_fx->till->registerMember(request);
        CP_VERIFY_OK(joined);
        const qint64 welcome = joined->member.balance;
        QVERIFY(welcome > 0);
        auto first = m_fx->till->runDueJobs();
        CP_VERIFY_OK(first);
        QCOMPARE(first->size(), 3);

        m_fx->clock.set(local(QStringLiteral("2026-04-20T09:00:00"))); // off since 2026-01-20
        auto status = m_fx->till->jobStatus();
        CP_VERIFY_OK(status);
        QVERIFY(status->at(0).overdue);
        auto ran = m_fx->till->runDueJobs();
        CP_VERIFY_OK(ran);
        QCOMPARE(ran->size(), 3);
        QCOMPARE(ran->at(0).period, QStringLiteral("2026-04-20"));
        QCOMPARE(ran->at(1).period, QStringLiteral("2026-04"));
        QVERIFY2(ran->at(0).ok && ran->at(1).ok, qPrintable(ran->at(0).detail + ran->at(1).detail));
        auto card = m_fx->till->card(joined->member.id);
        CP_VERIFY_OK(card);
        QCOMPARE(card->member.balance, qint64(0));
        QCOMPARE(runsOf(m_fx->till->database(), "expiry"), qint64(2));

        m_fx->clock.advanceMs(3600 * 1000);
        auto again = m_fx->till->runDueJobs();
        CP_VERIFY_OK(again);
        QVERIFY(again->isEmpty());
        status = m_fx->till->jobStatus();
        CP_VERIFY_OK(status);
        QVERIFY(!status->at(0).overdue);
        QCOMPARE(status->at(0).last->period, QStringLiteral("2026-04-20"));
        QCOMPARE(status->at(0).nextDueMs, at("2026-04-21T03:30:00"));
        QCOMPARE(status->at(1).nextDueMs, at("2026-05-01T04:00:00"));
        auto check = m_fx->till->check(false);
        CP_VERIFY_OK(check);
        QVERIFY2(check->ok, qPrintable(check->problems.join(u'\n')));
    }

    // The till's window and counterpart-admin on one file, both awake when the sweep falls due.
    void twoProcessesOnePeriod()
    {
        auto other = another();
        CP_VERIFY_OK(other);
        m_fx->clock.set(local(QStringLiteral("2024-02-29T03:30:00")));
        auto a = m_fx->till->runDueJobs();
        auto b = other.value()->runDueJobs();
        CP_VERIFY_OK(a);
        CP_VERIFY_OK(b);
        QCOMPARE(a->size() + b->size(), 3);
        QCOMPARE(runsOf(m_fx->till->database(), "expiry"), qint64(1));
        QCOMPARE(
            rows(m_fx->till->database(), QStringLiteral("SELECT period FROM job_runs WHERE job = 'expiry'")),
            QStringList{QStringLiteral("2024-02-29")});
        // A run left "running" by a process that died is taken again after two hours, not before.
        CP_VERIFY_OK(m_fx->till->database().execute(QStringLiteral(
            "UPDATE job_runs SET outcome = 'running', finished_at = NULL WHERE job = 'expiry'")));
        m_fx->clock.advanceMs(3600 * 1000);
        auto early = m_fx->till->runDueJobs();
        CP_VERIFY_OK(early);
        QVERIFY(early->isEmpty());
        m_fx->clock.advanceMs(2 * 3600 * 1000);
        auto late = m_fx->till->runDueJobs();
        CP_VERIFY_OK(late);
        QCOMPARE(late->size(), 1);
    }

    void enrolledTillLeavesThemToTheServer()
    {
        CP_VERIFY_OK(
            SyncStore(m_fx->till->database()).setSetting(SyncKeys::ServerUrl, QStringLiteral("https://s")));
        m_fx->clock.set(local(QStringLiteral("2024-03-01T05:00:00")));
        auto ran = m_fx->till->runDueJobs();
        CP_VERIFY_OK(ran);
        QCOMPARE(ran->size(), 1); // its own backup only
        QCOMPARE(ran->at(0).job, Job::Backup);
        QCOMPARE(runsOf(m_fx->till->database(), "expiry"), qint64(0));
        auto status = m_fx->till->jobStatus();
        CP_VERIFY_OK(status);
        QVERIFY(!status->at(0).ownedHere);
        QVERIFY(!status->at(0).overdue);
    }
};

QTEST_GUILESS_MAIN(TestJobs)
#include "tst_jobs.moc"
