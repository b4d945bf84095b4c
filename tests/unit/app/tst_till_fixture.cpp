// The till fixture the suites share (tests/support/TillFixture.h): its defaults, and that each option
// does what it says, in the order it says.

#include "tests/support/TillFixture.h"

#include <QFile>
#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

class TestTillFixture : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { quietInfoLogs(); }

    void defaults()
    {
        TillFixture fx;
        QCOMPARE(fx.clock.nowMs(), local(QStringLiteral("2026-03-02T10:00:00")).toMSecsSinceEpoch());
        QVERIFY(!fx.till);
        CP_VERIFY_OK(fx.open());
        QCOMPARE(fx.dbPath(), fx.dir.file(QStringLiteral("till.db")));
        QVERIFY(QFile::exists(fx.dbPath()));
        QVERIFY(QFile::exists(fx.keyPath()));
        QCOMPARE(fx.till->config().terminalNumber, 12345);
        QCOMPARE(fx.till->config().storeName, QStringLiteral("Test store"));
        QCOMPARE(fx.till->rules().version, LoyaltyRules::defaults().version);
        QCOMPARE(count(fx.db(), "cashiers"), qint64(0));
    }

    void rulesStaffAndSignIn()
    {
        TillFixtureOptions options;
        options.rules = plainRules();
        options.staff = counterStaff();
        options.signedIn = QStringLiteral("c1");
        TillFixture fx(options);
        CP_VERIFY_OK(fx.open());
        QVERIFY(fx.till->rules().version.startsWith(QStringLiteral("test-plain-")));
        QCOMPARE(count(fx.db(), "cashiers"), qint64(2));
        QCOMPARE(fx.till->currentOperator().id, QStringLiteral("c1"));
        QCOMPARE(fx.till->currentOperator().role, Role::Cashier);
        CP_VERIFY_OK(fx.signIn(QStringLiteral("m1"), QStringLiteral("2468")));
        QCOMPARE(fx.till->currentOperator().name, QStringLiteral("Mei Manager"));
        fx.actAsSystem();
        QCOMPARE(fx.till->currentOperator().role, Role::System);
    }

    void signingInSomeoneUnknownFails()
    {
        TillFixtureOptions options;
        options.signedIn = QStringLiteral("nobody");
        TillFixture fx(options);
        CP_VERIFY_FAILS(fx.open(), ErrorCode::InvalidInput);
    }

    void emptyTillReopenedAndAnotherFile()
    {
        TillFixtureOptions options;
        options.staff = counterStaff();
        TillFixture fx(options);
        CP_VERIFY_OK(fx.openEmpty(QStringLiteral("new.db")));
        QCOMPARE(fx.dbPath(), fx.dir.file(QStringLiteral("new.db")));
        QCOMPARE(count(fx.db(), "cashiers"), qint64(0));
        const Member m = fx.join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        QVERIFY(!m.id.isNull());
        CP_VERIFY_OK(fx.reopen());
        QCOMPARE(count(fx.db(), "members"), qint64(1));
        auto other = fx.openFile(fx.dir.file(QStringLiteral("other.db")));
        CP_VERIFY_OK(other);
        QCOMPARE(count(other.value()->database(), "members"), qint64(0));
    }

    void joinAndEarn()
    {
        TillFixtureOptions options;
        options.startMs = at("2024-01-10T12:00:00");
        options.rules = plainRules();
        TillFixture fx(options);
        CP_VERIFY_OK(fx.open());
        const Member m = fx.join(QStringLiteral("13800138000"), QStringLiteral("Li Na"), QDate(1990, 3, 7));
        auto earned = fx.earn(m, 12345, QStringLiteral("R1"));
        CP_VERIFY_OK(earned);
        QCOMPARE(earned->totalPoints, qint64(123));
        QCOMPARE(scalar(fx.db(), QStringLiteral("SELECT at FROM purchases")), fx.clock.nowMs());
    }
};

QTEST_GUILESS_MAIN(TestTillFixture)
#include "tst_till_fixture.moc"
