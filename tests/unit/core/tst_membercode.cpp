#include "core/MemberCode.h"

#include <QRandomGenerator>
#include <QTest>

using namespace counterpart;

class TestMemberCode : public QObject
{
    Q_OBJECT

private slots:
    void dammKnownValues();
    void makeBuildsTheCode();
    void makeRefusesOutOfRange();
    void parsesTypedForms_data();
    void parsesTypedForms();
    void refuses_data();
    void refuses();
    void catchesEverySingleDigitError();
    void catchesEveryAdjacentTransposition();
    void qrPayloadEncodes();
    void qrPayloadDecodes_data();
    void qrPayloadDecodes();
    void qrPayloadRefuses_data();
    void qrPayloadRefuses();

private:
    static QList<MemberCode> randomCodes(int count);
};

QList<MemberCode> TestMemberCode::randomCodes(int count)
{
    // A fixed seed: a failure names a code that can be reproduced.
    QRandomGenerator rng(20260308);
    QList<MemberCode> codes;
    for (int i = 0; i < count; ++i) {
        const int terminal = rng.bounded(MemberCode::MinTerminal, MemberCode::MaxTerminal + 1);
        const int sequence = rng.bounded(1, MemberCode::MaxSequence + 1);
        auto code = MemberCode::make(terminal, sequence);
        if (!code.ok())
            qFatal("make(%d, %d) failed", terminal, sequence);
        codes << *code;
    }
    return codes;
}

void TestMemberCode::dammKnownValues()
{
    // The worked example of the Damm algorithm: 572 -> check digit 4.
    QCOMPARE(MemberCode::dammCheckDigit(QStringLiteral("572")), 4);
    QCOMPARE(MemberCode::dammCheckDigit(QStringLiteral("5724")), 0);
    QCOMPARE(MemberCode::dammCheckDigit(QString()), 0);
    QCOMPARE(MemberCode::dammCheckDigit(QStringLiteral("0")), 0);
    QCOMPARE(MemberCode::dammCheckDigit(QStringLiteral("1")), 3);
    QCOMPARE(MemberCode::dammCheckDigit(QStringLiteral("12345678901")), 8);
    QCOMPARE(MemberCode::dammCheckDigit(QStringLiteral("12a")), -1);
}

void TestMemberCode::makeBuildsTheCode()
{
    const auto code = MemberCode::make(12345, 67890);
    QVERIFY(code.ok());
    QCOMPARE(code->digits(), QStringLiteral("123450678904"));
    QCOMPARE(code->grouped(), QStringLiteral("1234 5067 8904"));
    QCOMPARE(code->terminalNumber(), 12345);
    QCOMPARE(MemberCode::dammCheckDigit(code->digits()), 0);

    const auto first = MemberCode::make(MemberCode::MinTerminal, 1);
    QVERIFY(first.ok());
    QCOMPARE(first->digits().left(11), QStringLiteral("10000000001"));
    QCOMPARE(first->terminalNumber(), 10000);
    const auto last = MemberCode::make(MemberCode::MaxTerminal, MemberCode::MaxSequence);
    QVERIFY(last.ok());
    QCOMPARE(last->digits().left(11), QStringLiteral("99999999999"));
    QCOMPARE(last->digits().size(), MemberCode::Length);
}

void TestMemberCode::makeRefusesOutOfRange()
{
    QCOMPARE(MemberCode::make(9999, 1).error().code, ErrorCode::InvalidInput);
    QCOMPARE(MemberCode::make(100000, 1).error().code, ErrorCode::InvalidInput);
    QCOMPARE(MemberCode::make(12345, 0).error().code, ErrorCode::InvalidInput);
    const auto usedUp = MemberCode::make(12345, MemberCode::MaxSequence + 1);
    QVERIFY(!usedUp.ok());
    QCOMPARE(usedUp.error().code, ErrorCode::Refused);
}

void TestMemberCode::parsesTypedForms_data()
{
    QTest::addColumn<QString>("text");
    const QString digits = QStringLiteral("123450678904");
    QTest::newRow("digits") << digits;
    QTest::newRow("grouped") << QStringLiteral("1234 5067 8904");
    QTest::newRow("dashes") << QStringLiteral("1234-5067-8904");
    QTest::newRow("blanks around") << QStringLiteral("  123450678904\n");
    QTest::newRow("full-width") << QStringLiteral("１２３４５０６７８９０４");
    QTest::newRow("full-width grouped") << QStringLiteral("１２３４\u3000５０６７\u3000８９０４");
}

void TestMemberCode::parsesTypedForms()
{
    QFETCH(QString, text);
    const auto code = MemberCode::parse(text);
    QVERIFY2(code.ok(), qPrintable(code.ok() ? QString() : code.error().message));
    QCOMPARE(code->digits(), QStringLiteral("123450678904"));
}

void TestMemberCode::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("nine digits") << QStringLiteral("123 456 789")
                                 << QStringLiteral("A member code has 12 digits; this has 9.");
    QTest::newRow("thirteen digits") << QStringLiteral("1234506789040")
                                     << QStringLiteral("A member code has 12 digits; this has 13.");
    QTest::newRow("check digit") << QStringLiteral("123450678907")
                                 << QStringLiteral("That member code has a typing error (check digit).");
    QTest::newRow("swapped neighbours")
        << QStringLiteral("123450678940")
        << QStringLiteral("That member code has a typing error (check digit).");
    QTest::newRow("letters") << QStringLiteral("12345O678908")
                             << QStringLiteral("A member code has only digits.");
    QTest::newRow("empty") << QString() << QStringLiteral("Please enter a member code.");
    // Correct check digit, but terminal 01234 is one no till can have.
    QTest::newRow("leading zero") << QStringLiteral("012340000013")
                                  << QStringLiteral("That is not a member code.");
}

void TestMemberCode::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    if (text == QStringLiteral("012340000013"))
        QCOMPARE(MemberCode::dammCheckDigit(text), 0); // the row tests what it says
    const auto code = MemberCode::parse(text);
    QVERIFY(!code.ok());
    QCOMPARE(code.error().message, message);
    QCOMPARE(code.error().code, ErrorCode::InvalidInput);
}

void TestMemberCode::catchesEverySingleDigitError()
{
    int checked = 0;
    for (const MemberCode &code : randomCodes(2000)) {
        QVERIFY(MemberCode::parse(code.digits()).ok());
        for (int pos = 0; pos < MemberCode::Length; ++pos) {
            for (char d = '0'; d <= '9'; ++d) {
                QString wrong = code.digits();
                if (wrong[pos] == QLatin1Char(d))
                    continue;
                wrong[pos] = QLatin1Char(d);
                if (MemberCode::dammCheckDigit(wrong) == 0)
                    QFAIL(qPrintable(QStringLiteral("%1 -> %2 not caught").arg(code.digits(), wrong)));
                QVERIFY(!MemberCode::parse(wrong).ok());
                ++checked;
            }
        }
    }
    QCOMPARE(checked, 2000 * MemberCode::Length * 9);
}

void TestMemberCode::catchesEveryAdjacentTransposition()
{
    int checked = 0;
    for (const MemberCode &code : randomCodes(2000)) {
        for (int pos = 0; pos + 1 < MemberCode::Length; ++pos) {
            QString swapped = code.digits();
            if (swapped[pos] == swapped[pos + 1])
                continue;
            std::swap(swapped[pos], swapped[pos + 1]);
            if (MemberCode::dammCheckDigit(swapped) == 0)
                QFAIL(qPrintable(QStringLiteral("%1 -> %2 not caught").arg(code.digits(), swapped)));
            ++checked;
        }
    }
    QVERIFY(checked > 2000 * 9); // most neighbours differ
}

void TestMemberCode::qrPayloadEncodes()
{
    const auto code = MemberCode::make(12345, 67890);
    QVERIFY(code.ok());
    const MemberQrPayload payload{MemberQrPayload::CurrentVersion, *code};
    QCOMPARE(payload.encode(), QStringLiteral("CP1:123450678904"));
    const auto back = MemberQrPayload::decode(payload.encode());
    QVERIFY(back.ok());
    QCOMPARE(back->version, 1);
    QCOMPARE(back->code, *code);
}

void TestMemberCode::qrPayloadDecodes_data()
{
    QTest::addColumn<QString>("payload");
    QTest::newRow("v1") << QStringLiteral("CP1:123450678904");
    QTest::newRow("lower-case prefix") << QStringLiteral("cp1:123450678904");
    QTest::newRow("scanner adds Enter") << QStringLiteral("CP1:123450678904\r\n");
    QTest::newRow("bare code") << QStringLiteral("123450678904");
    QTest::newRow("bare code grouped") << QStringLiteral("1234 5067 8904");
}

void TestMemberCode::qrPayloadDecodes()
{
    QFETCH(QString, payload);
    const auto decoded = MemberQrPayload::decode(payload);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded->version, 1);
    QCOMPARE(decoded->code.digits(), QStringLiteral("123450678904"));
}

void TestMemberCode::qrPayloadRefuses_data()
{
    QTest::addColumn<QString>("payload");
    QTest::addColumn<QString>("message");
    const QString newer =
        QStringLiteral("This member card is from a newer version of Counterpart. Update this "
                       "till, or type the member's phone number.");
    const QString notOurs = QStringLiteral("This code is not a Counterpart member card.");
    const QString checkDigit = QStringLiteral("That member code has a typing error (check digit).");
    QTest::newRow("newer version") << QStringLiteral("CP7:123450678904") << newer;
    QTest::newRow("signed v2") << QStringLiteral("CP2:123450678904.c2lnbmF0dXJl") << newer;
    QTest::newRow("version 0") << QStringLiteral("CP0:123450678904") << notOurs;
    QTest::newRow("url") << QStringLiteral("https://example.com/") << notOurs;
    QTest::newRow("empty") << QString() << notOurs;
    QTest::newRow("v1 with junk") << QStringLiteral("CP1:123450678904X") << notOurs;
    QTest::newRow("v1 short") << QStringLiteral("CP1:12345067890") << notOurs;
    QTest::newRow("v1 wrong check digit") << QStringLiteral("CP1:123450678907") << checkDigit;
    QTest::newRow("bare wrong check digit") << QStringLiteral("123450678907") << checkDigit;
    QTest::newRow("bare too short") << QStringLiteral("12345")
                                    << QStringLiteral("A member code has 12 digits; this has 5.");
}

void TestMemberCode::qrPayloadRefuses()
{
    QFETCH(QString, payload);
    QFETCH(QString, message);
    const auto decoded = MemberQrPayload::decode(payload);
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().message, message);
    QCOMPARE(decoded.error().code, ErrorCode::InvalidInput);
}

QTEST_GUILESS_MAIN(TestMemberCode)
#include "tst_membercode.moc"
