// Drives the real counterpart-admin executable, as a technician or a script would, on a temporary
// database. The slots run in order and build on each other: init, register, lookup, earn, redeem,
// refund, adjust, history, check, export/import, usage errors.

#include "tests/cli/AdminRun.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace counterpart;

namespace {

using Run = test::AdminRun;

// A Tuesday: neither a member day (the 8th, Wednesdays) nor anyone's birthday in this test.
const QString Now = QStringLiteral("2026-03-10T10:00:00");

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    Run run(const QStringList &arguments, const QByteArray &input = {}, const QString &db = {});
    Run ok(const QStringList &arguments, const QString &db = {});
    // The member code `lookup --phone` gives for a phone number.
    QString codeByPhone(const QString &phone, const QString &db = {});
    QString writeFile(const QString &name, const QByteArray &data);
    // Sets up the till database `db` as terminal `terminal` with one member.
    void initWithMember(const QString &db, const QString &terminal, const QString &phone,
                        const QString &name);

    test::TempDir m_dir;
    QString m_db;
    QString m_code; // 李娜's member code
    QString m_emmaCode;

private slots:
    void initTestCase();
    void initCreatesTheDatabase();
    void commandsNeedAnExistingDatabase();
    void registerMembers();
    void lookupByEveryForm_data();
    void lookupByEveryForm();
    void lookupShowsMaskedPhonesOnly();
    void lookupNotFoundExitsOne();
    void earnGivesPoints();
    void sameReceiptTwiceIsRefused();
    void redeemRewardAndPoints();
    void redeemByCodeAsksForPhoneDigits();
    void refundPartialThenFull();
    void adjustAndVoid();
    void historyAndCard();
    void checkIsClean();
    void checkRepairsCounters();
    void exportImportRoundTrip();
    void importReportsBadRowsAndKeepsGoodOnes();
    void importAllOrNothingRollsBack();
    void importRefusesAFileThatIsNotCsv();
    void rulesStaffAndScheduled();
    void seedSmall();
    void memberWithoutCode();
    void stampsAheadRepaired();
    void editMemberAndConsent();
    void closeMember();
    void phoneChangeAndErasure();
    void customerDisplaySetting();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
};

Run TestCli::run(const QStringList &arguments, const QByteArray &input, const QString &db)
{
    return test::runAdmin(QStringList{QStringLiteral("--db"), db.isEmpty() ? m_db : db} + arguments,
                          m_dir.path(), m_dir.file(QStringLiteral("field.key")), input);
}

Run TestCli::ok(const QStringList &arguments, const QString &db)
{
    Run r = run(arguments, {}, db);
    if (r.exitCode != 0)
        qWarning().noquote() << "counterpart-admin" << arguments.join(u' ') << "exited" << r.exitCode
                             << r.errText();
    return r;
}

QString TestCli::codeByPhone(const QString &phone, const QString &db)
{
    return ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("--phone"), phone}, db)
        .json()
        .value(QStringLiteral("members"))
        .toArray()
        .at(0)
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

QString TestCli::writeFile(const QString &name, const QByteArray &data)
{
    const QString path = m_dir.file(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        qFatal("cannot write a test file");
    return path;
}

void TestCli::initWithMember(const QString &db, const QString &terminal, const QString &phone,
                             const QString &name)
{
    QCOMPARE(ok({QStringLiteral("init"), QStringLiteral("--terminal-number"), terminal}, db).exitCode, 0);
    QCOMPARE(
        ok({QStringLiteral("register"), QStringLiteral("--phone"), phone, QStringLiteral("--name"), name}, db)
            .exitCode,
        0);
}

void TestCli::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(COUNTERPART_ADMIN)));
    m_db = m_dir.file(QStringLiteral("till.db"));
}

void TestCli::initCreatesTheDatabase()
{
    Run r = ok({QStringLiteral("--json"), QStringLiteral("init"), QStringLiteral("--store"),
                QStringLiteral("S001"), QStringLiteral("--store-name"), QStringLiteral("Test shop"),
                QStringLiteral("--terminal-number"), QStringLiteral("12345"), QStringLiteral("--region"),
                QStringLiteral("CN"), QStringLiteral("--timezone"), QStringLiteral("Asia/Shanghai"),
                QStringLiteral("--currency"), QStringLiteral("CNY")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("terminalNumber")).toInt(), 12345);
    QCOMPARE(r.json().value(QStringLiteral("storeId")).toString(), QStringLiteral("S001"));
    QVERIFY(QFile::exists(m_db));

    // A second init changes nothing and says so.
    Run again = run({QStringLiteral("init"), QStringLiteral("--terminal-number"), QStringLiteral("23456")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.errText().startsWith(QStringLiteral("counterpart-admin: ")));
    QVERIFY(again.errText().contains(QStringLiteral("already")));

    // A bad setting leaves no half-made database behind.
    const QString other = m_dir.file(QStringLiteral("bad.db"));
    Run bad = run({QStringLiteral("init"), QStringLiteral("--timezone"), QStringLiteral("Mars/Olympus")}, {},
                  other);
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(!QFile::exists(other));
}

void TestCli::commandsNeedAnExistingDatabase()
{
    const QString missing = m_dir.file(QStringLiteral("missing.db"));
    Run r = run({QStringLiteral("lookup"), QStringLiteral("8000")}, {}, missing);
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.errText().contains(QStringLiteral("init")));
    QVERIFY(!QFile::exists(missing));
}

void TestCli::registerMembers()
{
    Run r = ok({QStringLiteral("--json"), QStringLiteral("--now"), Now, QStringLiteral("register"),
                QStringLiteral("--phone"), QStringLiteral("0138 0013 8000"), QStringLiteral("--name"),
                QStringLiteral("李娜"), QStringLiteral("--gender"), QStringLiteral("female"),
                QStringLiteral("--birthday"), QStringLiteral("1990-07-15"), QStringLiteral("--consent"),
                QStringLiteral("--note"), QStringLiteral("Prefers green tea")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject member = r.json().value(QStringLiteral("member")).toObject();
    m_code = member.value(QStringLiteral("code")).toString();
    QCOMPARE(m_code.size(), 12);
    QVERIFY(m_code.startsWith(QStringLiteral("12345")));
    QCOMPARE(member.value(QStringLiteral("balance")).toInt(), 100); // welcome gift
    QCOMPARE(member.value(QStringLiteral("phone")).toString(), QStringLiteral("*** **** 8000"));
    QCOMPARE(r.json().value(QStringLiteral("welcomePoints")).toInt(), 100);

    Run emma = ok({QStringLiteral("--now"), Now, QStringLiteral("register"), QStringLiteral("--phone"),
                   QStringLiteral("139 1234 5678"), QStringLiteral("--name"), QStringLiteral("Emma Wilson")});
    QCOMPARE(emma.exitCode, 0);
    QVERIFY(emma.outText().contains(QStringLiteral("Registered Emma Wilson")));
    QVERIFY(emma.outText().contains(QStringLiteral("*** **** 5678")));
    m_emmaCode = codeByPhone(QStringLiteral("13912345678"));
    QCOMPARE(m_emmaCode.size(), 12);

    // The same phone again, typed differently: refused with whose number it is.
    Run twice =
        run({QStringLiteral("register"), QStringLiteral("--phone"), QStringLiteral("+86 138-0013-8000"),
             QStringLiteral("--name"), QStringLiteral("Somebody Else")});
    QCOMPARE(twice.exitCode, 1);
    QVERIFY(twice.errText().contains(QStringLiteral("李娜")));
    QCOMPARE(twice.errText().count(u'\n'), 1);

    Run badPhone = run({QStringLiteral("register"), QStringLiteral("--phone"), QStringLiteral("12345"),
                        QStringLiteral("--name"), QStringLiteral("X")});
    QCOMPARE(badPhone.exitCode, 1);
}

void TestCli::lookupByEveryForm_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("candidates");
    QTest::newRow("phone national with trunk 0")
        << QStringList{QStringLiteral("--phone"), QStringLiteral("0138 0013 8000")} << false;
    QTest::newRow("phone +86 with dashes")
        << QStringList{QStringLiteral("--phone"), QStringLiteral("+86 138-0013-8000")} << false;
    QTest::newRow("last4") << QStringList{QStringLiteral("--last4"), QStringLiteral("8000")} << true;
    QTest::newRow("name prefix, Chinese")
        << QStringList{QStringLiteral("--name"), QStringLiteral("李")} << true;
    QTest::newRow("name full, Chinese")
        << QStringList{QStringLiteral("--name"), QStringLiteral("李娜")} << true;
    QTest::newRow("free text phone") << QStringList{QStringLiteral("+86 138 0013 8000")} << false;
    QTest::newRow("free text last4") << QStringList{QStringLiteral("8000")} << true;
    QTest::newRow("free text name") << QStringList{QStringLiteral("李")} << true;
}

void TestCli::lookupByEveryForm()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, candidates);
    Run r = ok(QStringList{QStringLiteral("--json"), QStringLiteral("lookup")} + arguments);
    QCOMPARE(r.exitCode, 0);
    const QJsonObject json = r.json();
    QCOMPARE(json.value(QStringLiteral("kind")).toString(),
             candidates ? QStringLiteral("candidates") : QStringLiteral("member"));
    const QJsonArray members = json.value(QStringLiteral("members")).toArray();
    QCOMPARE(members.size(), 1);
    QCOMPARE(members.at(0).toObject().value(QStringLiteral("code")).toString(), m_code);
}

void TestCli::lookupShowsMaskedPhonesOnly()
{
    // By code (grouped as printed on the card), by scan payload, and an English name prefix.
    const QString grouped = m_code.mid(0, 4) + u' ' + m_code.mid(4, 4) + u' ' + m_code.mid(8, 4);
    Run byCode = ok({QStringLiteral("lookup"), QStringLiteral("--code"), grouped});
    QCOMPARE(byCode.exitCode, 0);
    QVERIFY(byCode.outText().contains(QStringLiteral("李娜")));
    QVERIFY(byCode.outText().contains(QStringLiteral("*** **** 8000")));
    QVERIFY(!byCode.outText().contains(QStringLiteral("13800138000")));
    QVERIFY(!byCode.outText().contains(QStringLiteral("138 0013 8000")));

    Run byScan = ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("--scan"),
                     QStringLiteral("CP1:") + m_code});
    QCOMPARE(byScan.exitCode, 0);
    QCOMPARE(byScan.json().value(QStringLiteral("kind")).toString(), QStringLiteral("member"));
    QVERIFY(!byScan.outText().contains(QStringLiteral("13800138000")));

    Run freeScan = ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("CP1:") + m_code});
    QCOMPARE(freeScan.exitCode, 0);
    QCOMPARE(freeScan.json()
                 .value(QStringLiteral("members"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("code")),
             QJsonValue(m_code));

    Run english = ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("--name"),
                      QStringLiteral("emm")});
    QCOMPARE(english.exitCode, 0);
    QCOMPARE(english.json()
                 .value(QStringLiteral("members"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("code")),
             QJsonValue(m_emmaCode));

    Run table = ok({QStringLiteral("lookup"), QStringLiteral("--last4"), QStringLiteral("8000")});
    QVERIFY(table.outText().contains(QStringLiteral("*** **** 8000")));
    QVERIFY(!table.outText().contains(QStringLiteral("13800138000")));
}

void TestCli::lookupNotFoundExitsOne()
{
    Run r = run({QStringLiteral("lookup"), QStringLiteral("--phone"), QStringLiteral("13700000000")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.errText().startsWith(QStringLiteral("counterpart-admin: ")));
    Run byName = run(
        {QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("--name"), QStringLiteral("Zz")});
    QCOMPARE(byName.exitCode, 1);
    QCOMPARE(byName.json().value(QStringLiteral("ok")).toBool(true), false);
    QCOMPARE(byName.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
             QStringLiteral("not_found"));
}

void TestCli::earnGivesPoints()
{
    const QStringList earn{
        QStringLiteral("--json"),   QStringLiteral("--now"),    QStringLiteral("2026-03-10T10:05:00"),
        QStringLiteral("earn"),     QStringLiteral("--member"), QStringLiteral("0138 0013 8000"),
        QStringLiteral("--amount"), QStringLiteral("123.45"),   QStringLiteral("--receipt"),
        QStringLiteral("R1")};
    // A preview says the same and saves nothing.
    Run preview = ok(earn + QStringList{QStringLiteral("--preview")});
    QCOMPARE(preview.exitCode, 0);
    QCOMPARE(preview.json().value(QStringLiteral("totalPoints")).toInt(), 173);
    Run before = ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("--code"), m_code});
    QCOMPARE(before.json()
                 .value(QStringLiteral("members"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("balance"))
                 .toInt(),
             100);

    Run r = ok(earn);
    QCOMPARE(r.exitCode, 0);
    const QJsonObject json = r.json();
    QCOMPARE(json.value(QStringLiteral("points")).toInt(), 123);      // ¥123.45 at 1 point per ¥1, floor
    QCOMPARE(json.value(QStringLiteral("totalPoints")).toInt(), 173); // + first purchase gift 50
    QCOMPARE(json.value(QStringLiteral("balance")).toInt(), 273);     // + welcome gift 100
    QCOMPARE(json.value(QStringLiteral("amountMinor")).toInt(), 12345);
    QCOMPARE(json.value(QStringLiteral("gifts")).toArray().size(), 1);

    // By code, with an excluded part (tobacco) that earns nothing.
    Run second = ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T10:10:00"),
                     QStringLiteral("earn"), QStringLiteral("--member"), m_code, QStringLiteral("--amount"),
                     QStringLiteral("530.00"), QStringLiteral("--excluded"), QStringLiteral("30"),
                     QStringLiteral("--receipt"), QStringLiteral("R2")});
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(second.json().value(QStringLiteral("totalPoints")).toInt(), 500);
    QCOMPARE(second.json().value(QStringLiteral("balance")).toInt(), 773);

    Run human = ok({QStringLiteral("--now"), QStringLiteral("2026-03-10T10:12:00"), QStringLiteral("earn"),
                    QStringLiteral("--member"), m_emmaCode, QStringLiteral("--amount"), QStringLiteral("¥20"),
                    QStringLiteral("--receipt"), QStringLiteral("E1")});
    QCOMPARE(human.exitCode, 0);
    QVERIFY(human.outText().contains(QStringLiteral("Earned 70 points for Emma Wilson")));

    Run badAmount =
        run({QStringLiteral("earn"), QStringLiteral("--member"), m_code, QStringLiteral("--amount"),
             QStringLiteral("12.345"), QStringLiteral("--receipt"), QStringLiteral("R9")});
    QCOMPARE(badAmount.exitCode, 1);
}

void TestCli::sameReceiptTwiceIsRefused()
{
    Run r = run({QStringLiteral("--now"), QStringLiteral("2026-03-10T10:20:00"), QStringLiteral("earn"),
                 QStringLiteral("--member"), m_emmaCode, QStringLiteral("--amount"), QStringLiteral("99"),
                 QStringLiteral("--receipt"), QStringLiteral("R1")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY(r.errText().startsWith(QStringLiteral("counterpart-admin: ")));
    QVERIFY(r.errText().contains(QStringLiteral("R1")));
    QVERIFY(r.errText().contains(QStringLiteral("once per receipt")));
    QCOMPARE(r.errText().count(u'\n'), 1);
    QVERIFY(!r.errText().contains(QStringLiteral("SQL"), Qt::CaseInsensitive));
}

void TestCli::redeemRewardAndPoints()
{
    Run coffee = ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T10:30:00"),
                     QStringLiteral("redeem"), QStringLiteral("--member"), m_code, QStringLiteral("--reward"),
                     QStringLiteral("coffee"), QStringLiteral("--receipt"), QStringLiteral("R2")});
    QCOMPARE(coffee.exitCode, 0);
    QCOMPARE(coffee.json().value(QStringLiteral("points")).toInt(), 300);
    QCOMPARE(coffee.json().value(QStringLiteral("balance")).toInt(), 473);

    Run discount =
        ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T10:31:00"),
            QStringLiteral("redeem"), QStringLiteral("--member"), QStringLiteral("13800138000"),
            QStringLiteral("--points"), QStringLiteral("100")});
    QCOMPARE(discount.exitCode, 0);
    QCOMPARE(discount.json().value(QStringLiteral("discountMinor")).toInt(), 100);
    QCOMPARE(discount.json().value(QStringLiteral("balance")).toInt(), 373);

    // A second coffee on the same day is over the reward's daily limit.
    Run limit =
        run({QStringLiteral("--now"), QStringLiteral("2026-03-10T11:00:00"), QStringLiteral("redeem"),
             QStringLiteral("--member"), m_code, QStringLiteral("--reward"), QStringLiteral("coffee")});
    QCOMPARE(limit.exitCode, 1);
    Run tooMuch = run({QStringLiteral("redeem"), QStringLiteral("--member"), m_code,
                       QStringLiteral("--points"), QStringLiteral("100000")});
    QCOMPARE(tooMuch.exitCode, 1);
    QVERIFY(tooMuch.errText().contains(QStringLiteral("points")));
}

// By code or card, more than the rules' redemption.confirmAbovePoints (300 by default) a day needs the
// 4 digits before the last four of the member's phone (--phone-digits); by the full number it does not.
// A database of its own: the balances of the other slots stay as they are.
void TestCli::redeemByCodeAsksForPhoneDigits()
{
    const QString db = m_dir.file(QStringLiteral("digits.db"));
    initWithMember(db, QStringLiteral("45678"), QStringLiteral("13812345678"), QStringLiteral("Zhao Lei"));
    QCOMPARE(ok({QStringLiteral("adjust"), QStringLiteral("--member"), QStringLiteral("13812345678"),
                 QStringLiteral("--points"), QStringLiteral("5000"), QStringLiteral("--reason"),
                 QStringLiteral("opening balance")},
                db)
                 .exitCode,
             0);
    const QString code = codeByPhone(QStringLiteral("13812345678"), db);
    QCOMPARE(code.size(), 12);
    const QStringList spend{QStringLiteral("--now"),
                            QStringLiteral("2026-03-10T10:00:00"),
                            QStringLiteral("redeem"),
                            QStringLiteral("--member"),
                            code,
                            QStringLiteral("--points"),
                            QStringLiteral("1000")};

    Run asked = run(QStringList{QStringLiteral("--json")} + spend, {}, db);
    QCOMPARE(asked.exitCode, 1);
    const QJsonObject error = asked.json().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("second_factor_needed"));
    const QString message = error.value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(QStringLiteral("4 digits before the last four of their phone number")) &&
                 message.contains(QStringLiteral("--phone-digits")),
             qPrintable(message));

    Run wrong = run(spend + QStringList{QStringLiteral("--phone-digits"), QStringLiteral("5678")}, {}, db);
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(wrong.errText().contains(QStringLiteral("do not match")), qPrintable(wrong.errText()));
    QVERIFY(!wrong.errText().contains(QStringLiteral("1234")));

    Run right = ok(QStringList{QStringLiteral("--json")} + spend +
                       QStringList{QStringLiteral("--phone-digits"), QStringLiteral("1234")},
                   db);
    QCOMPARE(right.exitCode, 0);
    QCOMPARE(right.json().value(QStringLiteral("balance")).toInt(), 4000 + 100); // and the welcome gift

    // Named by the full number, nothing is asked.
    Run byPhone =
        ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T10:05:00"),
            QStringLiteral("redeem"), QStringLiteral("--member"), QStringLiteral("138 1234 5678"),
            QStringLiteral("--points"), QStringLiteral("1000")},
           db);
    QCOMPARE(byPhone.exitCode, 0);
    QCOMPARE(byPhone.json().value(QStringLiteral("balance")).toInt(), 3100);

    // The wrong answer is a line of the audit trail (tst_card_spending checks it holds no digits).
    Run audit =
        ok({QStringLiteral("--now"), QStringLiteral("2026-03-10T11:00:00"), QStringLiteral("audit")}, db);
    QVERIFY2(audit.outText().contains(QStringLiteral("points.redeem_digits_wrong")),
             qPrintable(audit.outText()));
}

void TestCli::refundPartialThenFull()
{
    Run partial = ok({QStringLiteral("--json"), QStringLiteral("--now"),
                      QStringLiteral("2026-03-10T12:00:00"), QStringLiteral("refund"),
                      QStringLiteral("--receipt"), QStringLiteral("R2"), QStringLiteral("--amount"),
                      QStringLiteral("106.00"), QStringLiteral("--reason"), QStringLiteral("Wrong size")});
    QCOMPARE(partial.exitCode, 0);
    QCOMPARE(partial.json().value(QStringLiteral("refundedMinor")).toInt(), 10600);
    QCOMPARE(partial.json().value(QStringLiteral("pointsReversed")).toInt(), 100); // 500 * 106/530
    QCOMPARE(partial.json().value(QStringLiteral("balance")).toInt(), 273);

    // The rest: the remaining 400 points go, and the coffee redeemed on R2 is given back.
    Run full = ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T12:05:00"),
                   QStringLiteral("refund"), QStringLiteral("--receipt"), QStringLiteral("R2")});
    QCOMPARE(full.exitCode, 0);
    QCOMPARE(full.json().value(QStringLiteral("refundedMinor")).toInt(), 42400);
    QCOMPARE(full.json().value(QStringLiteral("pointsReversed")).toInt(), 400);
    QCOMPARE(full.json().value(QStringLiteral("pointsRestored")).toInt(), 300);
    QCOMPARE(full.json().value(QStringLiteral("balance")).toInt(), 173);

    Run again = run({QStringLiteral("refund"), QStringLiteral("--receipt"), QStringLiteral("R2")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.errText().contains(QStringLiteral("already been refunded")));
    Run unknown = run({QStringLiteral("refund"), QStringLiteral("--receipt"), QStringLiteral("NOPE")});
    QCOMPARE(unknown.exitCode, 1);
}

void TestCli::adjustAndVoid()
{
    Run add =
        ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T13:00:00"),
            QStringLiteral("adjust"), QStringLiteral("--member"), m_code, QStringLiteral("--points"),
            QStringLiteral("50"), QStringLiteral("--reason"), QStringLiteral("Goodwill for a late order")});
    QCOMPARE(add.exitCode, 0);
    QCOMPARE(add.json().value(QStringLiteral("balance")).toInt(), 223);
    Run take = ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T13:01:00"),
                   QStringLiteral("adjust"), QStringLiteral("--member"), m_code, QStringLiteral("--points"),
                   QStringLiteral("-20"), QStringLiteral("--reason"), QStringLiteral("Correction")});
    QCOMPARE(take.exitCode, 0);
    QCOMPARE(take.json().value(QStringLiteral("balance")).toInt(), 203);
    Run noReason =
        run({QStringLiteral("adjust"), QStringLiteral("--member"), m_code, QStringLiteral("--points"),
             QStringLiteral("5"), QStringLiteral("--reason"), QStringLiteral(" ")});
    QCOMPARE(noReason.exitCode, 1);

    // An earn voided within the window takes back exactly what it gave.
    Run earn = ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T14:00:00"),
                   QStringLiteral("earn"), QStringLiteral("--member"), m_code, QStringLiteral("--amount"),
                   QStringLiteral("40"), QStringLiteral("--receipt"), QStringLiteral("R3")});
    QCOMPARE(earn.json().value(QStringLiteral("balance")).toInt(), 243);
    Run voided = ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T14:02:00"),
                     QStringLiteral("void"), QStringLiteral("--member"), m_code, QStringLiteral("--reason"),
                     QStringLiteral("Wrong member")});
    QCOMPARE(voided.exitCode, 0);
    QCOMPARE(voided.json().value(QStringLiteral("voided")).toString(), QStringLiteral("earn"));
    QCOMPARE(voided.json().value(QStringLiteral("balance")).toInt(), 203);
    Run late = run({QStringLiteral("--now"), QStringLiteral("2026-03-10T16:00:00"), QStringLiteral("void"),
                    QStringLiteral("--member"), m_emmaCode});
    QCOMPARE(late.exitCode, 1);
}

void TestCli::historyAndCard()
{
    Run history = ok({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--member"), m_code,
                      QStringLiteral("--limit"), QStringLiteral("100")});
    QCOMPARE(history.exitCode, 0);
    const QJsonArray entries = history.json().value(QStringLiteral("entries")).toArray();
    QStringList kinds;
    qint64 sum = 0;
    qint64 purchaseGifts = 0;
    for (const QJsonValue &e : entries) {
        kinds << e.toObject().value(QStringLiteral("kind")).toString();
        sum += e.toObject().value(QStringLiteral("points")).toInteger();
        if (kinds.constLast() == QLatin1String("first_purchase_gift"))
            purchaseGifts += e.toObject().value(QStringLiteral("points")).toInteger();
    }
    for (const char *kind : {"welcome_gift", "earn", "first_purchase_gift", "redeem", "refund_reversal",
                             "redeem_restore", "adjust", "void"})
        QVERIFY2(kinds.contains(QLatin1String(kind)), kind);
    QCOMPARE(sum, 203); // the balance is the sum of the ledger
    QCOMPARE(
        history.json().value(QStringLiteral("member")).toObject().value(QStringLiteral("balance")).toInt(),
        203);

    Run human = ok({QStringLiteral("history"), QStringLiteral("--member"), m_code});
    QCOMPARE(human.exitCode, 0);
    QVERIFY(human.outText().contains(QStringLiteral("Refund")));
    QVERIFY(human.outText().contains(QStringLiteral("Goodwill")));

    Run card = ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2026-03-10T15:00:00"),
                   QStringLiteral("card"), QStringLiteral("--member"), m_code});
    QCOMPARE(card.exitCode, 0);
    QCOMPARE(
        card.json().value(QStringLiteral("progress")).toObject().value(QStringLiteral("nextTier")).toString(),
        QStringLiteral("silver"));
    QVERIFY(!card.json().value(QStringLiteral("recentPurchases")).toArray().isEmpty());
    // A visit's points include the gifts it brought, as the earn promised (and the till's card shows).
    qint64 giftsOnCard = 0;
    for (const QJsonValue &p : card.json().value(QStringLiteral("recentPurchases")).toArray())
        giftsOnCard += p.toObject().value(QStringLiteral("giftPoints")).toInteger();
    QVERIFY(purchaseGifts > 0);
    QCOMPARE(giftsOnCard, purchaseGifts);
    Run cardText = ok({QStringLiteral("card"), QStringLiteral("--member"), m_code});
    QVERIFY(cardText.outText().contains(QStringLiteral("Silver")));
}

void TestCli::checkIsClean()
{
    Run r = ok({QStringLiteral("--json"), QStringLiteral("check"), QStringLiteral("--full")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json().value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(r.json().value(QStringLiteral("balanceMismatches")).toInt(), 0);
    QCOMPARE(r.json().value(QStringLiteral("members")).toInt(), 2);
    Run human = ok({QStringLiteral("check")});
    QCOMPARE(human.exitCode, 0);
    QVERIFY(human.outText().contains(QStringLiteral("all agree")));
}

// A member's cached visits changed behind the till's back (the sqlite3 shell here): check names the
// member and fails; check --repair says what it mended and the check after it passes.
void TestCli::checkRepairsCounters()
{
    QProcess sqlite;
    sqlite.start(
        QStringLiteral("sqlite3"),
        {m_db, QStringLiteral("UPDATE members SET visits = visits + 4, last_visit_at = NULL"
                              " WHERE local_id = (SELECT MIN(local_id) FROM members WHERE visits > 0);")});
    QVERIFY(sqlite.waitForFinished(30'000));
    QCOMPARE(sqlite.exitCode(), 0);

    Run found = run({QStringLiteral("--json"), QStringLiteral("check")});
    QCOMPARE(found.exitCode, 1);
    QCOMPARE(found.json().value(QStringLiteral("ok")).toBool(), false);
    QCOMPARE(found.json().value(QStringLiteral("counterMismatches")).toInt(), 1);
    Run human = run({QStringLiteral("check")});
    QCOMPARE(human.exitCode, 1);
    QVERIFY(human.outText().contains(QStringLiteral("1 members differ from their purchases")));
    QVERIFY(human.outText().contains(QStringLiteral("the purchases say")));

    Run repaired = ok({QStringLiteral("check"), QStringLiteral("--repair")});
    QCOMPARE(repaired.exitCode, 0);
    QVERIFY(repaired.outText().contains(QStringLiteral("Mended the visit counters of 1 member:")));
    QVERIFY(repaired.outText().contains(QStringLiteral("last visit none")));
    QVERIFY(repaired.outText().contains(QStringLiteral("agree with the purchases")));

    Run again = ok({QStringLiteral("--json"), QStringLiteral("check"), QStringLiteral("--repair")});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.json().value(QStringLiteral("countersRepaired")).toInt(), 0);
    QCOMPARE(again.json().value(QStringLiteral("ok")).toBool(), true);
}

void TestCli::exportImportRoundTrip()
{
    const QString csv = m_dir.file(QStringLiteral("members.csv"));
    Run exported = ok({QStringLiteral("export"), QStringLiteral("--out"), csv});
    QCOMPARE(exported.exitCode, 0);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF")); // so spreadsheets read UTF-8
    const QString text = QString::fromUtf8(bytes);
    QVERIFY(text.contains(QStringLiteral("code,phone,name,gender,birth_month,birth_day,tier,balance,"
                                         "marketing_consent,created_at,note\r\n")));
    QVERIFY(text.contains(QStringLiteral("+8613800138000")));
    QVERIFY(text.contains(QStringLiteral("李娜")));
    QVERIFY(text.contains(QStringLiteral(",203,yes,2026-03-10T02:00:00Z,Prefers green tea\r\n")));
    QVERIFY(!text.contains(QStringLiteral("1990"))); // the full birth date stays encrypted

    // Into a new till: both members, with their details; balances are not carried over.
    const QString other = m_dir.file(QStringLiteral("other.db"));
    QCOMPARE(ok({QStringLiteral("init"), QStringLiteral("--terminal-number"), QStringLiteral("23456")}, other)
                 .exitCode,
             0);
    Run imported =
        run({QStringLiteral("--json"), QStringLiteral("import"), QStringLiteral("--in"), csv}, {}, other);
    QCOMPARE(imported.exitCode, 0);
    QCOMPARE(imported.json().value(QStringLiteral("imported")).toInt(), 2);
    QVERIFY(imported.json()
                .value(QStringLiteral("ignoredColumns"))
                .toArray()
                .contains(QJsonValue(QStringLiteral("balance"))));
    Run li = ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("--phone"),
                 QStringLiteral("13800138000")},
                other);
    const QJsonObject member = li.json().value(QStringLiteral("members")).toArray().at(0).toObject();
    QCOMPARE(member.value(QStringLiteral("name")).toString(), QStringLiteral("李娜"));
    QCOMPARE(member.value(QStringLiteral("channel")).toString(), QStringLiteral("import"));
    QCOMPARE(member.value(QStringLiteral("marketingConsent")).toBool(), true);
    QCOMPARE(member.value(QStringLiteral("note")).toString(), QStringLiteral("Prefers green tea"));
    QVERIFY(member.value(QStringLiteral("code")).toString().startsWith(QStringLiteral("23456")));

    // Importing again: every phone is already registered, which is reported but is not a failure.
    Run again = run({QStringLiteral("import"), QStringLiteral("--in"), csv}, {}, other);
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.outText().contains(QStringLiteral("Imported 0 of 2 rows")));
    QVERIFY(again.outText().contains(QStringLiteral("line 2:")));
    QVERIFY(again.outText().contains(QStringLiteral("already registered")));
}

void TestCli::importReportsBadRowsAndKeepsGoodOnes()
{
    // Columns in another order, CRLF, a quoted note with a comma, a quote and a line break.
    const QByteArray data = "name,phone,birthday,marketing_consent,note\r\n"
                            "王芳,13612340001,1985-04-02,yes,\r\n"        // line 2: good
                            "Bad Phone,12345,,no,\r\n"                    // line 3: phone
                            "Bad Birthday,13612340002,1985-13-40,no,\r\n" // line 4: birthday
                            "\"Lucy Brown\",13612340003,,1,\"Likes \"\"oat\"\" milk,\r\nno sugar\"\r\n" // 5-6
                            "Bad Consent,13612340004,,maybe,\r\n" // line 7: consent
                            ",13612340005,,,\r\n"                 // line 8: no name
                            "张伟,+86 136 1234 0006,,false,\r\n"; // line 9: good
    const QString path = writeFile(QStringLiteral("bad-rows.csv"), data);
    Run r = run({QStringLiteral("import"), QStringLiteral("--in"), path});
    QCOMPARE(r.exitCode, 1); // some rows were not imported
    const QString out = r.outText();
    QVERIFY2(out.contains(QStringLiteral("Imported 3 of 7 rows")), qPrintable(out));
    QVERIFY(out.contains(QStringLiteral("line 3:")));
    QVERIFY(out.contains(QStringLiteral("line 4:")));
    QVERIFY(out.contains(QStringLiteral("line 7:")));
    QVERIFY(out.contains(QStringLiteral("line 8:")));
    QVERIFY(!out.contains(QStringLiteral("line 2:")));
    QVERIFY(!out.contains(QStringLiteral("line 5:")));
    QVERIFY(r.errText().contains(QStringLiteral("4 rows were not imported")));

    for (const char *phone : {"13612340001", "13612340003", "13612340006"})
        QCOMPARE(run({QStringLiteral("lookup"), QStringLiteral("--phone"), QLatin1String(phone)}).exitCode,
                 0);
    for (const char *phone : {"13612340002", "13612340004", "13612340005"})
        QCOMPARE(run({QStringLiteral("lookup"), QStringLiteral("--phone"), QLatin1String(phone)}).exitCode,
                 1);
    Run lucy = ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("--phone"),
                   QStringLiteral("13612340003")});
    QCOMPARE(lucy.json()
                 .value(QStringLiteral("members"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("note"))
                 .toString(),
             QStringLiteral("Likes \"oat\" milk,\nno sugar"));
}

void TestCli::importAllOrNothingRollsBack()
{
    const QByteArray data = "phone,name\n13712340001,Good One\n13712340002,Good Two\nnot-a-phone,Bad\n";
    const QString path = writeFile(QStringLiteral("all-or-nothing.csv"), data);
    Run r = run({QStringLiteral("--json"), QStringLiteral("import"), QStringLiteral("--in"), path,
                 QStringLiteral("--all-or-nothing")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json().value(QStringLiteral("rolledBack")).toBool(), true);
    QCOMPARE(r.json().value(QStringLiteral("imported")).toInt(), 0);
    QCOMPARE(r.json()
                 .value(QStringLiteral("problems"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("line"))
                 .toInt(),
             4);
    QCOMPARE(
        run({QStringLiteral("lookup"), QStringLiteral("--phone"), QStringLiteral("13712340001")}).exitCode,
        1);

    // The same file without the bad row goes in whole.
    const QString good =
        writeFile(QStringLiteral("all-good.csv"), "phone,name\n13712340001,Good One\n13712340002,Good Two\n");
    Run whole =
        run({QStringLiteral("import"), QStringLiteral("--in"), good, QStringLiteral("--all-or-nothing")});
    QCOMPARE(whole.exitCode, 0);
    QCOMPARE(
        run({QStringLiteral("lookup"), QStringLiteral("--phone"), QStringLiteral("13712340002")}).exitCode,
        0);
    QCOMPARE(ok({QStringLiteral("check")}).exitCode, 0);
}

void TestCli::importRefusesAFileThatIsNotCsv()
{
    const QString binary =
        writeFile(QStringLiteral("photo.jpg"), QByteArray("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11));
    Run r = run({QStringLiteral("import"), QStringLiteral("--in"), binary});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.errText().count(u'\n'), 1);

    const QString noHeader =
        writeFile(QStringLiteral("no-header.csv"), "13812340001,Someone\n13812340002,Other\n");
    Run missing = run({QStringLiteral("import"), QStringLiteral("--in"), noHeader});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.errText().contains(QStringLiteral("phone")));
    QCOMPARE(
        run({QStringLiteral("lookup"), QStringLiteral("--phone"), QStringLiteral("13812340002")}).exitCode,
        1);

    Run absent =
        run({QStringLiteral("import"), QStringLiteral("--in"), m_dir.file(QStringLiteral("nope.csv"))});
    QCOMPARE(absent.exitCode, 1);
}

void TestCli::rulesStaffAndScheduled()
{
    Run rules = ok({QStringLiteral("--json"), QStringLiteral("rules"), QStringLiteral("--show")});
    QCOMPARE(rules.exitCode, 0);
    QVERIFY(!rules.json().value(QStringLiteral("version")).toString().isEmpty());
    QVERIFY(rules.json().value(QStringLiteral("rules")).toObject().contains(QStringLiteral("tiers")));
    Run rulesText = ok({QStringLiteral("rules"), QStringLiteral("--show")});
    QVERIFY(rulesText.outText().contains(QStringLiteral("Platinum")));
    QVERIFY(rulesText.outText().contains(QStringLiteral("coffee")));

    // Re-installing the shipped rules document is accepted; a broken one is refused.
    const QString sourceDir = qEnvironmentVariable("COUNTERPART_SOURCE_DIR");
    if (!sourceDir.isEmpty()) {
        Run install = ok({QStringLiteral("rules"), QStringLiteral("--install"),
                          sourceDir + QStringLiteral("/resources/rules/default.json")});
        QCOMPARE(install.exitCode, 0);
    }
    const QString broken = writeFile(QStringLiteral("broken.json"), "{\"schema\": 1, \"version\": ");
    QCOMPARE(run({QStringLiteral("rules"), QStringLiteral("--install"), broken}).exitCode, 1);

    Run manager = ok({QStringLiteral("staff-add"), QStringLiteral("--id"), QStringLiteral("m01"),
                      QStringLiteral("--name"), QStringLiteral("Zhang Wei"), QStringLiteral("--role"),
                      QStringLiteral("manager"), QStringLiteral("--pin"), QStringLiteral("2468")});
    QCOMPARE(manager.exitCode, 0);
    Run cashier = run({QStringLiteral("staff-add"), QStringLiteral("--id"), QStringLiteral("c01"),
                       QStringLiteral("--name"), QStringLiteral("Li Lei"), QStringLiteral("--role"),
                       QStringLiteral("cashier")},
                      "1357\n");
    QCOMPARE(cashier.exitCode, 0);
    QVERIFY(!cashier.outText().contains(QStringLiteral("1357")));
    Run badPin = run({QStringLiteral("staff-add"), QStringLiteral("--id"), QStringLiteral("c02"),
                      QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--role"),
                      QStringLiteral("cashier"), QStringLiteral("--pin"), QStringLiteral("12")});
    QCOMPARE(badPin.exitCode, 1);
    Run badRole = run({QStringLiteral("staff-add"), QStringLiteral("--id"), QStringLiteral("c03"),
                       QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--role"),
                       QStringLiteral("owner"), QStringLiteral("--pin"), QStringLiteral("1234")});
    QCOMPARE(badRole.exitCode, 1);

    // Points earned on 2026-03-10 expire 24 months later.
    Run expire = ok({QStringLiteral("--json"), QStringLiteral("--now"), QStringLiteral("2028-03-11T04:00:00"),
                     QStringLiteral("expire")});
    QCOMPARE(expire.exitCode, 0);
    QVERIFY(expire.json().value(QStringLiteral("points")).toInt() > 0);
    Run tiers = ok(
        {QStringLiteral("--now"), QStringLiteral("2028-04-01T04:00:00"), QStringLiteral("evaluate-tiers")});
    QCOMPARE(tiers.exitCode, 0);
    QCOMPARE(ok({QStringLiteral("check")}).exitCode, 0);
}

void TestCli::seedSmall()
{
    const QString demo = m_dir.file(QStringLiteral("demo.db"));
    QCOMPARE(ok({QStringLiteral("init"), QStringLiteral("--terminal-number"), QStringLiteral("34567")}, demo)
                 .exitCode,
             0);
    Run seeded = ok({QStringLiteral("--json"), QStringLiteral("--now"), Now, QStringLiteral("seed"),
                     QStringLiteral("--members"), QStringLiteral("40"), QStringLiteral("--seed"),
                     QStringLiteral("3"), QStringLiteral("--months"), QStringLiteral("6")},
                    demo);
    QCOMPARE(seeded.exitCode, 0);
    QCOMPARE(seeded.json().value(QStringLiteral("members")).toInt(), 40);
    QVERIFY(seeded.json().value(QStringLiteral("purchases")).toInt() > 40);
    QVERIFY(seeded.err.isEmpty()); // no progress when stderr is not a terminal
    QCOMPARE(ok({QStringLiteral("check")}, demo).exitCode, 0);
    // Seeding a till that has members would mix made-up members into real ones.
    Run again = run({QStringLiteral("seed"), QStringLiteral("--members"), QStringLiteral("5")}, {}, demo);
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.errText().contains(QStringLiteral("--force")));
}

// A member the server keeps without a code (two tills made the same one before enrolment): every
// command that shows members says "none" and carries on.
void TestCli::memberWithoutCode()
{
    const QString db = m_dir.file(QStringLiteral("nocode.db"));
    initWithMember(db, QStringLiteral("34567"), QStringLiteral("13912340077"), QStringLiteral("Wang Fang"));
    if (QTest::currentTestFailed())
        return;
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), {db, QStringLiteral("UPDATE members SET code = NULL")});
    QVERIFY(sqlite.waitForFinished(30'000));
    QCOMPARE(sqlite.exitCode(), 0);

    Run text = ok({QStringLiteral("lookup"), QStringLiteral("--phone"), QStringLiteral("13912340077")}, db);
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.outText().contains(QStringLiteral("none")), qPrintable(text.outText()));
    Run json = ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("Wang")}, db);
    QCOMPARE(json.exitCode, 0);
    const QJsonObject member = json.json().value(QStringLiteral("members")).toArray().at(0).toObject();
    QCOMPARE(member.value(QStringLiteral("name")).toString(), QStringLiteral("Wang Fang"));
    QVERIFY(member.value(QStringLiteral("code")).isNull());
    const QString csv = m_dir.file(QStringLiteral("nocode.csv"));
    QCOMPARE(ok({QStringLiteral("export"), QStringLiteral("--out"), csv}, db).exitCode, 0);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(file.readAll()).contains(QStringLiteral("\r\n,+8613912340077,Wang Fang,")));
    QCOMPARE(ok({QStringLiteral("check")}, db).exitCode, 0);
}

// Stamps from before the bound (the till's own clock and a member's field, year 2286): listed, then
// clamped to the present with an audit row; the till's next own stamp is 13 digits again.
void TestCli::stampsAheadRepaired()
{
    const QString db = m_dir.file(QStringLiteral("stamps.db"));
    initWithMember(db, QStringLiteral("45678"), QStringLiteral("13912340088"), QStringLiteral("Zhao Lei"));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(ok({QStringLiteral("stamps-ahead")}, db).outText().contains(QStringLiteral("No clock stamp")),
             true);
    const QString poisoned = QStringLiteral("9999999999999-9999-0193aaaa-0000-7000-8000-000000000001");
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"),
                 {db, QStringLiteral("UPDATE members SET field_hlc = json_set(field_hlc, '$.name', '%1'); "
                                     "UPDATE settings SET value = '%1' WHERE key = 'hlc_last';")
                          .arg(poisoned)});
    QVERIFY(sqlite.waitForFinished(30'000));
    QCOMPARE(sqlite.exitCode(), 0);

    Run listed = ok({QStringLiteral("--json"), QStringLiteral("stamps-ahead")}, db);
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray stamps = listed.json().value(QStringLiteral("stamps")).toArray();
    QCOMPARE(stamps.size(), 2);
    QCOMPARE(stamps.at(0).toObject().value(QStringLiteral("field")).toString(), QStringLiteral("clock"));
    QCOMPARE(stamps.at(1).toObject().value(QStringLiteral("field")).toString(), QStringLiteral("name"));
    QCOMPARE(stamps.at(1).toObject().value(QStringLiteral("stamp")).toString(), poisoned);
    QVERIFY(ok({QStringLiteral("stamps-ahead")}, db).outText().contains(QStringLiteral("repair-stamps")));

    Run repaired = ok({QStringLiteral("repair-stamps")}, db);
    QCOMPARE(repaired.exitCode, 0);
    QVERIFY2(repaired.outText().contains(QStringLiteral("Repaired 2 clock stamps")),
             qPrintable(repaired.outText()));
    QVERIFY(ok({QStringLiteral("stamps-ahead")}, db).outText().contains(QStringLiteral("No clock stamp")));

    QProcess audit;
    audit.start(QStringLiteral("sqlite3"),
                {db, QStringLiteral("SELECT count(*) FROM audit WHERE action = 'stamps_repaired'; "
                                    "SELECT length(value) FROM settings WHERE key = 'hlc_last';")});
    QVERIFY(audit.waitForFinished(30'000));
    QCOMPARE(QString::fromUtf8(audit.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts),
             (QStringList{QStringLiteral("1"), QStringLiteral("55")}));
    // The till's next own operation stamps at the present: 13 digits of milliseconds again.
    QCOMPARE(ok({QStringLiteral("register"), QStringLiteral("--phone"), QStringLiteral("13912340089"),
                 QStringLiteral("--name"), QStringLiteral("Zhao Min")},
                db)
                 .exitCode,
             0);
    QProcess outbox;
    outbox.start(
        QStringLiteral("sqlite3"),
        {db, QStringLiteral("SELECT json_extract(payload, '$.hlc') FROM outbox ORDER BY seq DESC LIMIT 1")});
    QVERIFY(outbox.waitForFinished(30'000));
    const QString own = QString::fromUtf8(outbox.readAllStandardOutput()).trimmed();
    QVERIFY2(own.size() >= 20 && own.at(13) == u'-' && !own.startsWith(QStringLiteral("9999")),
             qPrintable(own));
}

void TestCli::editMemberAndConsent()
{
    const QString db = m_dir.file(QStringLiteral("edit.db"));
    initWithMember(db, QStringLiteral("56789"), QStringLiteral("13600136000"), QStringLiteral("Wang Li"));
    const QStringList member = {QStringLiteral("--member"), QStringLiteral("13600136000")};
    Run edited =
        ok(QStringList{QStringLiteral("--json"), QStringLiteral("edit-member")} + member +
               QStringList{QStringLiteral("--name"), QStringLiteral("Wang Lili"), QStringLiteral("--gender"),
                           QStringLiteral("Female"), QStringLiteral("--birthday"),
                           QStringLiteral("1992-04-05"), QStringLiteral("--note"), QStringLiteral("VIP")},
           db);
    QCOMPARE(edited.exitCode, 0);
    const QJsonObject m = edited.json().value(QStringLiteral("member")).toObject();
    QCOMPARE(m.value(QStringLiteral("name")).toString(), QStringLiteral("Wang Lili"));
    QCOMPARE(m.value(QStringLiteral("gender")).toString(), QStringLiteral("female"));
    QCOMPARE(m.value(QStringLiteral("note")).toString(), QStringLiteral("VIP"));
    Run found = ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("Lili")}, db);
    QCOMPARE(found.json().value(QStringLiteral("members")).toArray().size(), 1);

    // Bad or empty requests change nothing and say why.
    Run nothing = run(QStringList{QStringLiteral("edit-member")} + member, {}, db);
    QCOMPARE(nothing.exitCode, 1);
    QVERIFY(nothing.errText().contains(QStringLiteral("Say what to change")));
    Run both = run(QStringList{QStringLiteral("edit-member")} + member +
                       QStringList{QStringLiteral("--birthday"), QStringLiteral("1992-04-05"),
                                   QStringLiteral("--no-birthday")},
                   {}, db);
    QCOMPARE(both.exitCode, 1);
    Run badDate = run(QStringList{QStringLiteral("edit-member")} + member +
                          QStringList{QStringLiteral("--birthday"), QStringLiteral("1992-02-30")},
                      {}, db);
    QCOMPARE(badDate.exitCode, 1);
    QVERIFY(badDate.errText().contains(QStringLiteral("YYYY-MM-DD")));

    // Consent withdrawn, then given again: each one operation for the chain.
    Run no = ok(QStringList{QStringLiteral("consent")} + member + QStringList{QStringLiteral("--no")}, db);
    QCOMPARE(no.exitCode, 0);
    QVERIFY(no.outText().contains(QStringLiteral("withdrawn")));
    Run yes = ok(QStringList{QStringLiteral("--json"), QStringLiteral("consent")} + member +
                     QStringList{QStringLiteral("--yes")},
                 db);
    QCOMPARE(yes.json().value(QStringLiteral("member")).toObject().value(QStringLiteral("marketingConsent")),
             QJsonValue(true));
    QCOMPARE(run(QStringList{QStringLiteral("consent")} + member, {}, db).exitCode, 2);
    // register, the edit, and the two consents wait for the server; the refused requests left nothing.
    Run status = ok({QStringLiteral("--json"), QStringLiteral("sync-status")}, db);
    QCOMPARE(status.json().value(QStringLiteral("pendingOps")).toInt(), 4);

    // The audit trail names each step, and writes itself as CSV.
    Run trail = ok(QStringList{QStringLiteral("--json"), QStringLiteral("audit")} + member, db);
    QStringList actions;
    for (const QJsonValue &line : trail.json().value(QStringLiteral("lines")).toArray())
        actions << line.toObject().value(QStringLiteral("action")).toString();
    QCOMPARE(actions, (QStringList{QStringLiteral("member.consent"), QStringLiteral("member.consent"),
                                   QStringLiteral("member.profile"), QStringLiteral("member.register")}));
    const QString csv = m_dir.file(QStringLiteral("audit.csv"));
    QCOMPARE(ok({QStringLiteral("audit"), QStringLiteral("--out"), csv}, db).exitCode, 0);
    QVERIFY(test::readAll(csv).contains("member.profile,"));
    QCOMPARE(run({QStringLiteral("audit"), QStringLiteral("--from"), QStringLiteral("2030-01-02"),
                  QStringLiteral("--to"), QStringLiteral("2030-01-01")},
                 {}, db)
                 .exitCode,
             1);
}

// close-member: the welcome gift forfeited, the member gone from lookups, a second closing refused and
// writing nothing, and the phone free for a new membership.
void TestCli::closeMember()
{
    const QString db = m_dir.file(QStringLiteral("close.db"));
    initWithMember(db, QStringLiteral("56790"), QStringLiteral("13600136001"), QStringLiteral("Zhao Lei"));
    const QStringList member = {QStringLiteral("--member"), QStringLiteral("13600136001")};
    Run closed = ok(QStringList{QStringLiteral("--json"), QStringLiteral("close-member")} + member +
                        QStringList{QStringLiteral("--reason"), QStringLiteral("moving away")},
                    db);
    QCOMPARE(closed.exitCode, 0);
    QCOMPARE(closed.json().value(QStringLiteral("pointsForfeited")).toInt(), 100);
    QCOMPARE(
        closed.json().value(QStringLiteral("member")).toObject().value(QStringLiteral("balance")).toInt(), 0);
    QCOMPARE(run({QStringLiteral("lookup"), QStringLiteral("--phone"), QStringLiteral("13600136001")}, {}, db)
                 .exitCode,
             1);
    Run again = run(QStringList{QStringLiteral("close-member")} +
                        QStringList{QStringLiteral("--member"), closed.json()
                                                                    .value(QStringLiteral("member"))
                                                                    .toObject()
                                                                    .value(QStringLiteral("code"))
                                                                    .toString()},
                    {}, db);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.errText().contains(QStringLiteral("closed")), qPrintable(again.errText()));
    // register and the closing wait for the server; the refused closing left nothing.
    Run status = ok({QStringLiteral("--json"), QStringLiteral("sync-status")}, db);
    QCOMPARE(status.json().value(QStringLiteral("pendingOps")).toInt(), 2);
    Run joined = ok({QStringLiteral("register"), QStringLiteral("--phone"), QStringLiteral("13600136001"),
                     QStringLiteral("--name"), QStringLiteral("Zhao Lei")},
                    db);
    QCOMPARE(joined.exitCode, 0);
}

// edit-member --phone: the old number still finds the member, with a line saying which is theirs now;
// erase-member: forfeits, removes the name and number, refuses a second time.
void TestCli::phoneChangeAndErasure()
{
    const QString db = m_dir.file(QStringLiteral("erase.db"));
    initWithMember(db, QStringLiteral("56791"), QStringLiteral("13600136002"), QStringLiteral("Qin Lan"));
    Run moved = ok({QStringLiteral("edit-member"), QStringLiteral("--member"), QStringLiteral("13600136002"),
                    QStringLiteral("--phone"), QStringLiteral("13600136003"), QStringLiteral("--note"),
                    QStringLiteral("new number")},
                   db);
    QCOMPARE(moved.exitCode, 0);
    Run byOld = ok({QStringLiteral("--json"), QStringLiteral("lookup"), QStringLiteral("13600136002")}, db);
    QCOMPARE(byOld.json().value(QStringLiteral("kind")).toString(), QStringLiteral("member"));
    QVERIFY(!byOld.json().value(QStringLiteral("note")).toString().isEmpty());
    Run taken = run({QStringLiteral("edit-member"), QStringLiteral("--member"), QStringLiteral("13600136003"),
                     QStringLiteral("--phone"), QStringLiteral("13600136003")},
                    {}, db);
    QCOMPARE(taken.exitCode, 1);

    Run erased = ok({QStringLiteral("--json"), QStringLiteral("erase-member"), QStringLiteral("--member"),
                     QStringLiteral("13600136003")},
                    db);
    QCOMPARE(erased.json().value(QStringLiteral("pointsForfeited")).toInt(), 100);
    const QJsonObject member = erased.json().value(QStringLiteral("member")).toObject();
    QCOMPARE(member.value(QStringLiteral("name")).toString(), QString());
    QCOMPARE(run({QStringLiteral("lookup"), QStringLiteral("13600136003")}, {}, db).exitCode, 1);
    Run again = run({QStringLiteral("erase-member"), QStringLiteral("--member"),
                     member.value(QStringLiteral("id")).toString()},
                    {}, db);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.errText().contains(QStringLiteral("erased")), qPrintable(again.errText()));
}

// The customer display's setting: off until a manager turns it on; a join address that is not a web
// page is refused and changes nothing; the change is a line of the audit trail.
void TestCli::customerDisplaySetting()
{
    Run first = ok({QStringLiteral("customer-display")});
    QVERIFY(first.outText().contains(QStringLiteral("Customer display: off.")));
    QVERIFY(first.outText().contains(QStringLiteral("Join code: none")));
    Run on = ok({QStringLiteral("customer-display"), QStringLiteral("--on"), QStringLiteral("--join-url"),
                 QStringLiteral("https://members.example.com/join")});
    QVERIFY(on.outText().contains(QStringLiteral("Customer display: on")));
    QVERIFY(on.outText().contains(QStringLiteral("https://members.example.com/join")));
    Run bad = run(
        {QStringLiteral("customer-display"), QStringLiteral("--join-url"), QStringLiteral("ftp://x/join")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.errText().contains(QStringLiteral("web address")));
    Run both = run({QStringLiteral("customer-display"), QStringLiteral("--on"), QStringLiteral("--off")});
    QCOMPARE(both.exitCode, 1);
    Run still = ok({QStringLiteral("customer-display")});
    QVERIFY(still.outText().contains(QStringLiteral("Customer display: on")));
    QVERIFY(still.outText().contains(QStringLiteral("https://members.example.com/join")));
    Run off =
        ok({QStringLiteral("customer-display"), QStringLiteral("--off"), QStringLiteral("--join-url"), {}});
    QVERIFY(off.outText().contains(QStringLiteral("Customer display: off.")));
    QVERIFY(off.outText().contains(QStringLiteral("Join code: none")));
    Run audit = ok({QStringLiteral("--json"), QStringLiteral("audit")});
    QVERIFY(audit.outText().contains(QStringLiteral("settings.customer_display")));
}

void TestCli::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("check"), QStringLiteral("--colour")};
    QTest::newRow("missing required option")
        << QStringList{QStringLiteral("earn"), QStringLiteral("--member"), QStringLiteral("8000")};
    QTest::newRow("option without its value")
        << QStringList{QStringLiteral("history"), QStringLiteral("--member")};
    QTest::newRow("two lookup forms")
        << QStringList{QStringLiteral("lookup"), QStringLiteral("--last4"), QStringLiteral("8000"),
                       QStringLiteral("--name"), QStringLiteral("Li")};
    QTest::newRow("lookup without a form") << QStringList{QStringLiteral("lookup")};
    QTest::newRow("redeem reward and points")
        << QStringList{QStringLiteral("redeem"),   QStringLiteral("--member"), QStringLiteral("8000"),
                       QStringLiteral("--reward"), QStringLiteral("coffee"),   QStringLiteral("--points"),
                       QStringLiteral("100")};
    QTest::newRow("stray argument") << QStringList{QStringLiteral("expire"), QStringLiteral("now")};
    QTest::newRow("bad language") << QStringList{QStringLiteral("--lang"), QStringLiteral("fr"),
                                                 QStringLiteral("check")};
}

void TestCli::usageErrorsExitTwo()
{
    QFETCH(QStringList, arguments);
    Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.errText().startsWith(QStringLiteral("counterpart-admin: ")));
    QVERIFY(r.errText().contains(QStringLiteral("Usage: counterpart-admin")));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
