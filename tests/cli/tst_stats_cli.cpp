// counterpart-admin stats gives the numbers the manager view shows: a day and a range as JSON equal the
// app layer's figures, the text output carries them, the lists come out as CSV, and the check and the
// repair of the aggregates work from the command line.

#include "app/Statistics.h"
#include "storage/Database.h"
#include "tests/cli/AdminRun.h"
#include "tests/support/TillFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace counterpart;

namespace {

using Run = test::AdminRun;

const QString Now = QStringLiteral("2026-03-10T18:00:00");

} // namespace

class TestStatsCli : public QObject
{
    Q_OBJECT

private:
    static test::TillFixtureOptions fixtureOptions()
    {
        test::TillFixtureOptions options;
        options.startMs = test::at("2026-03-03T09:00:00");
        options.database = QStringLiteral("stats.db");
        options.keyFile = QStringLiteral("stats.key");
        options.config = TillConfig{};
        options.config.storeId = QStringLiteral("S001");
        options.config.terminalNumber = 12345;
        return options;
    }
    test::TillFixture m_fx{fixtureOptions()};
    const QString m_db = m_fx.dbPath();
    const QString m_key = m_fx.keyPath();

    Run run(const QStringList &arguments)
    {
        return test::runAdmin(QStringList{QStringLiteral("--db"), m_db, QStringLiteral("--now"), Now} +
                                  arguments,
                              m_fx.dir.path(), m_key);
    }

    // The app layer's figures on the same file, as the system (what the tool acts as).
    QJsonObject appFigures(const QDate &from, const QDate &to, StatsScope scope = StatsScope::Store)
    {
        m_fx.clock.set(test::local(Now));
        if (!m_fx.reopen())
            return {};
        auto close = qScopeGuard([this] { m_fx.till.reset(); });
        m_fx.actAsSystem();
        Statistics statistics(*m_fx.till);
        if (!statistics.setScope(scope))
            return {};
        auto d = statistics.dashboard(from, to);
        return d ? Statistics::toJson(d.value()) : QJsonObject{};
    }

private slots:
    void initTestCase()
    {
        test::quietInfoLogs();
        // A week of counter work through the app layer with a moving clock.
        QVERIFY(m_fx.open().ok());
        auto close = qScopeGuard([this] { m_fx.till.reset(); });
        Till &till = *m_fx.till;
        m_fx.actAsSystem();
        QList<Member> members;
        for (int day = 0; day < 8; ++day) {
            m_fx.clock.set(
                test::local(QStringLiteral("2026-03-%1T10:00:00").arg(3 + day, 2, 10, QLatin1Char('0'))));
            for (int i = 0; i <= day % 3; ++i) {
                RegisterRequest r;
                r.phone = QStringLiteral("1390000%1").arg(members.size() + 1, 4, 10, QLatin1Char('0'));
                r.name = QStringLiteral("Member %1").arg(members.size() + 1);
                r.channel = i == 2 ? QStringLiteral("online") : QStringLiteral("till");
                r.birthDate = QDate(1990, 3, 10 + members.size() % 5);
                auto joined = till.registerMember(r);
                QVERIFY(joined.ok());
                members.append(joined->member);
            }
            for (int k = 0; k < members.size(); k += 2) {
                m_fx.clock.advanceMs(7 * 60 * 1000);
                auto earned = till.earn(EarnRequest{members[k].id.toString(), 1000 + 700 * k + 100 * day, 0,
                                                    QStringLiteral("R-%1-%2").arg(day).arg(k)});
                QVERIFY(earned.ok());
            }
        }
        RefundRequest refund;
        refund.receipt = QStringLiteral("R-7-0");
        refund.amountMinor = 500;
        QVERIFY(till.refund(refund).ok());
        RedeemRequest redeem;
        redeem.member = members.first().id.toString();
        redeem.discountPoints = 100;
        QVERIFY(till.redeem(redeem).ok());
    }

    void dayAsJsonEqualsTheApp()
    {
        const Run r = run({QStringLiteral("stats"), QStringLiteral("--date"), QStringLiteral("2026-03-09"),
                           QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject cli = r.json();
        QCOMPARE(cli.value(QStringLiteral("timeZone")).toString(), QStringLiteral("Asia/Shanghai"));
        QCOMPARE(cli.value(QStringLiteral("ok")).toBool(), true);
        for (const char *extra : {"timeZone", "ok"}) // what the tool adds
            cli.remove(QString::fromLatin1(extra));
        const QJsonObject app = appFigures(QDate(2026, 3, 9), QDate(2026, 3, 9));
        QVERIFY(!app.isEmpty());
        QCOMPARE(cli, app);
        const QJsonObject current = cli.value(QStringLiteral("current")).toObject();
        QCOMPARE(current.value(QStringLiteral("from")).toString(), QStringLiteral("2026-03-09"));
        QCOMPARE(current.value(QStringLiteral("newMembers")).toInt(), 1); // day 6: one member
        QVERIFY(current.value(QStringLiteral("visits")).toInt() > 0);
        QCOMPARE(cli.value(QStringLiteral("trend")).toArray().size(), Statistics::TrendDays);
    }

    // --chain: head office on the till's machine sees the chain as the till knows it.
    void chainAsJsonEqualsTheApp()
    {
        const Run r = run({QStringLiteral("stats"), QStringLiteral("--date"), QStringLiteral("2026-03-09"),
                           QStringLiteral("--chain"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject cli = r.json();
        for (const char *extra : {"timeZone", "ok"})
            cli.remove(QString::fromLatin1(extra));
        QCOMPARE(cli.value(QStringLiteral("scope")).toString(), QStringLiteral("chain"));
        QCOMPARE(cli.value(QStringLiteral("store")).toString(), QString());
        QCOMPARE(cli, appFigures(QDate(2026, 3, 9), QDate(2026, 3, 9), StatsScope::Chain));
        const Run store = run({QStringLiteral("stats"), QStringLiteral("--date"),
                               QStringLiteral("2026-03-09"), QStringLiteral("--json")});
        QCOMPARE(store.json().value(QStringLiteral("scope")).toString(), QStringLiteral("store"));
    }

    void rangeAsJsonEqualsTheApp()
    {
        const Run r = run({QStringLiteral("stats"), QStringLiteral("--from"), QStringLiteral("2026-03-03"),
                           QStringLiteral("--to"), QStringLiteral("2026-03-10"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject cli = r.json();
        QCOMPARE(cli.value(QStringLiteral("ok")).toBool(), true);
        for (const char *extra : {"timeZone", "ok"}) // what the tool adds
            cli.remove(QString::fromLatin1(extra));
        const QJsonObject app = appFigures(QDate(2026, 3, 3), QDate(2026, 3, 10));
        QCOMPARE(cli, app);
        const QJsonObject current = cli.value(QStringLiteral("current")).toObject();
        QCOMPARE(current.value(QStringLiteral("days")).toInt(), 8);
        // 1 + 2 + 3 + 1 + 2 + 3 + 1 + 2 members over the eight days, 2 of them online.
        QCOMPARE(current.value(QStringLiteral("newMembers")).toInt(), 15);
        QCOMPARE(current.value(QStringLiteral("newMembersByChannel"))
                     .toObject()
                     .value(QStringLiteral("online"))
                     .toInt(),
                 2);
        QCOMPARE(current.value(QStringLiteral("refundedMinor")).toInt(), 500);
        QCOMPARE(current.value(QStringLiteral("pointsRedeemed")).toInt(), 100);
        QCOMPARE(cli.value(QStringLiteral("previous")).toObject().value(QStringLiteral("visits")).toInt(), 0);
    }

    void textShowsTheSameNumbers()
    {
        const Run r = run({QStringLiteral("stats"), QStringLiteral("--date"), QStringLiteral("2026-03-10")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject app = appFigures(QDate(2026, 3, 10), QDate(2026, 3, 10));
        const QJsonObject current = app.value(QStringLiteral("current")).toObject();
        const QString text = QString::fromUtf8(r.out);
        for (const char *key : {"visits", "pointsIssued", "outstandingPoints"}) {
            const qint64 v = current.value(QString::fromLatin1(key)).toInteger();
            const QString shown = QLocale(QLocale::English, QLocale::UnitedStates).toString(v);
            QVERIFY2(text.contains(shown),
                     qPrintable(QStringLiteral("%1 = %2 not in:\n%3").arg(QLatin1String(key), shown, text)));
        }
        QVERIFY(text.contains(QStringLiteral("New members")));
        QVERIFY(text.contains(QStringLiteral("2026-03-09"))); // the day before, as a column
        QVERIFY(text.contains(QStringLiteral("All active members")));
    }

    void listAsCsv()
    {
        const QString out = m_fx.dir.file(QStringLiteral("birthdays.csv"));
        const Run r = run({QStringLiteral("stats"), QStringLiteral("--list"), QStringLiteral("birthdays"),
                           QStringLiteral("--out"), out, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QVERIFY(lines.first().contains("code,name,phone,phone_e164"));
        QCOMPARE(r.json().value(QStringLiteral("members")).toInt(), int(lines.size() - 2)); // header, last \n
        QVERIFY(r.json().value(QStringLiteral("members")).toInt() > 0);
    }

    void usage()
    {
        QCOMPARE(run({QStringLiteral("stats"), QStringLiteral("--date"), QStringLiteral("2026-03-10"),
                      QStringLiteral("--from"), QStringLiteral("2026-03-01")})
                     .exitCode,
                 2);
        QCOMPARE(
            run({QStringLiteral("stats"), QStringLiteral("--from"), QStringLiteral("2026-03-01")}).exitCode,
            2);
        QCOMPARE(
            run({QStringLiteral("stats"), QStringLiteral("--date"), QStringLiteral("10/03/2026")}).exitCode,
            2);
        QCOMPARE(run({QStringLiteral("stats"), QStringLiteral("--list"), QStringLiteral("vip")}).exitCode, 2);
    }

    void checkAndRebuild()
    {
        Run check = run({QStringLiteral("check"), QStringLiteral("--json")});
        QCOMPARE(check.exitCode, 0);
        QCOMPARE(check.json().value(QStringLiteral("statsMismatches")).toInt(), 0);
        {
            // Someone edits the aggregates by hand.
            m_fx.clock.set(test::local(Now));
            QVERIFY(m_fx.reopen().ok());
            auto close = qScopeGuard([this] { m_fx.till.reset(); });
            QVERIFY(m_fx.db().execute(QStringLiteral("UPDATE stats_totals SET amount = amount + 5 "
                                                     "WHERE here = 0 AND metric = 'points'")));
        }
        check = run({QStringLiteral("check"), QStringLiteral("--json")});
        QCOMPARE(check.exitCode, 1);
        QCOMPARE(check.json().value(QStringLiteral("statsMismatches")).toInt(), 1);
        const Run rebuilt =
            run({QStringLiteral("stats"), QStringLiteral("--rebuild"), QStringLiteral("--json")});
        QCOMPARE(rebuilt.exitCode, 0);
        QCOMPARE(rebuilt.json().value(QStringLiteral("mismatches")).toInt(), 0);
        check = run({QStringLiteral("check"), QStringLiteral("--json")});
        QCOMPARE(check.exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestStatsCli)
#include "tst_stats_cli.moc"
