#include "core/Money.h"

#include <QTest>

using namespace counterpart;

class TestMoney : public QObject
{
    Q_OBJECT

private slots:
    void minorDigits_data();
    void minorDigits();
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void plainString_data();
    void plainString();
    void displayString_data();
    void displayString();
    void plainStringRoundTrips();
};

void TestMoney::minorDigits_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<int>("digits");
    QTest::newRow("CNY") << QStringLiteral("CNY") << 2;
    QTest::newRow("USD") << QStringLiteral("USD") << 2;
    QTest::newRow("EUR") << QStringLiteral("EUR") << 2;
    QTest::newRow("GBP") << QStringLiteral("GBP") << 2;
    QTest::newRow("HKD") << QStringLiteral("HKD") << 2;
    QTest::newRow("TWD") << QStringLiteral("TWD") << 2;
    QTest::newRow("JPY") << QStringLiteral("JPY") << 0;
    QTest::newRow("KRW") << QStringLiteral("KRW") << 0;
    QTest::newRow("VND") << QStringLiteral("VND") << 0;
    QTest::newRow("KWD") << QStringLiteral("KWD") << 3;
    QTest::newRow("BHD") << QStringLiteral("BHD") << 3;
    QTest::newRow("CLF") << QStringLiteral("CLF") << 4;
    QTest::newRow("unknown") << QStringLiteral("XYZ") << 2;
}

void TestMoney::minorDigits()
{
    QFETCH(QString, currency);
    QFETCH(int, digits);
    QCOMPARE(Money::minorDigits(currency), digits);
}

void TestMoney::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<qint64>("minor");
    const QString cny = QStringLiteral("CNY");
    QTest::newRow("decimals") << QStringLiteral("12.34") << cny << qint64(1234);
    QTest::newRow("whole") << QStringLiteral("12") << cny << qint64(1200);
    QTest::newRow("one decimal") << QStringLiteral("12.3") << cny << qint64(1230);
    QTest::newRow("trailing point") << QStringLiteral("12.") << cny << qint64(1200);
    QTest::newRow("leading point") << QStringLiteral(".5") << cny << qint64(50);
    QTest::newRow("zero") << QStringLiteral("0") << cny << qint64(0);
    QTest::newRow("leading zeros") << QStringLiteral("0012.30") << cny << qint64(1230);
    QTest::newRow("yen sign") << QStringLiteral("¥12.30") << cny << qint64(1230);
    QTest::newRow("full-width yen sign") << QStringLiteral("￥12.30") << cny << qint64(1230);
    QTest::newRow("yuan after") << QStringLiteral("12.30元") << cny << qint64(1230);
    QTest::newRow("code before") << QStringLiteral("CNY 12.30") << cny << qint64(1230);
    QTest::newRow("code after, lower case") << QStringLiteral("12.30 cny") << cny << qint64(1230);
    QTest::newRow("RMB") << QStringLiteral("RMB 5") << cny << qint64(500);
    QTest::newRow("grouping") << QStringLiteral("1,234.50") << cny << qint64(123450);
    QTest::newRow("grouping millions") << QStringLiteral("¥1,234,567.89") << cny << qint64(123456789);
    QTest::newRow("full-width digits") << QStringLiteral("１２．３４") << cny << qint64(1234);
    QTest::newRow("full-width comma") << QStringLiteral("１，２３４．５０") << cny << qint64(123450);
    QTest::newRow("blanks") << QStringLiteral("  12.34\t") << cny << qint64(1234);
    QTest::newRow("maximum") << QStringLiteral("100000000") << cny << qint64(10000000000);
    QTest::newRow("maximum with zero decimals")
        << QStringLiteral("100,000,000.00") << cny << qint64(10000000000);
    QTest::newRow("USD") << QStringLiteral("$12.34") << QStringLiteral("USD") << qint64(1234);
    QTest::newRow("USD US$") << QStringLiteral("US$12.34") << QStringLiteral("USD") << qint64(1234);
    QTest::newRow("HKD") << QStringLiteral("HK$12.34") << QStringLiteral("HKD") << qint64(1234);
    QTest::newRow("EUR") << QStringLiteral("€12.34") << QStringLiteral("EUR") << qint64(1234);
    QTest::newRow("EUR after") << QStringLiteral("12.34 €") << QStringLiteral("EUR") << qint64(1234);
    QTest::newRow("GBP") << QStringLiteral("£0.99") << QStringLiteral("GBP") << qint64(99);
    QTest::newRow("JPY") << QStringLiteral("¥1,200") << QStringLiteral("JPY") << qint64(1200);
    QTest::newRow("KRW") << QStringLiteral("₩15000") << QStringLiteral("KRW") << qint64(15000);
    QTest::newRow("KWD") << QStringLiteral("1.234") << QStringLiteral("KWD") << qint64(1234);
    QTest::newRow("KWD maximum") << QStringLiteral("100000000.000") << QStringLiteral("KWD")
                                 << qint64(100000000000);
}

void TestMoney::parses()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(qint64, minor);
    const Result<Money> r = Money::parse(text, currency);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->minor(), minor);
    QCOMPARE(r->currency(), currency);
}

void TestMoney::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("message");
    const QString cny = QStringLiteral("CNY");
    const QString notAmount = QStringLiteral("That is not an amount. Type it like 12.34.");
    const QString negative = QStringLiteral("An amount cannot be negative.");
    const QString tooLarge = QStringLiteral("Amounts above 100,000,000 CNY are not accepted.");
    QTest::newRow("empty") << QString() << cny << QStringLiteral("Please enter an amount.");
    QTest::newRow("blank") << QStringLiteral("  ") << cny << QStringLiteral("Please enter an amount.");
    QTest::newRow("three decimals") << QStringLiteral("12.345") << cny
                                    << QStringLiteral("CNY amounts have at most 2 decimals.");
    QTest::newRow("JPY decimals") << QStringLiteral("12.5") << QStringLiteral("JPY")
                                  << QStringLiteral("JPY amounts have no decimals.");
    QTest::newRow("KWD four decimals") << QStringLiteral("1.2345") << QStringLiteral("KWD")
                                       << QStringLiteral("KWD amounts have at most 3 decimals.");
    QTest::newRow("negative") << QStringLiteral("-12.34") << cny << negative;
    QTest::newRow("negative after sign") << QStringLiteral("¥-12.34") << cny << negative;
    QTest::newRow("minus sign") << QStringLiteral("\u221212") << cny << negative;
    QTest::newRow("accounting negative") << QStringLiteral("(12.34)") << cny << negative;
    QTest::newRow("one fen too much") << QStringLiteral("100000000.01") << cny << tooLarge;
    QTest::newRow("far too much") << QStringLiteral("99999999999999999999999") << cny << tooLarge;
    QTest::newRow("letters") << QStringLiteral("12abc") << cny << notAmount;
    QTest::newRow("word") << QStringLiteral("twelve") << cny << notAmount;
    QTest::newRow("two points") << QStringLiteral("1.2.3") << cny << notAmount;
    QTest::newRow("just a point") << QStringLiteral(".") << cny << notAmount;
    QTest::newRow("just a sign") << QStringLiteral("¥") << cny << notAmount;
    QTest::newRow("bad grouping") << QStringLiteral("1,23.45") << cny << notAmount;
    QTest::newRow("comma decimal") << QStringLiteral("12,5") << cny << notAmount;
    QTest::newRow("comma in decimals") << QStringLiteral("1.234,5") << cny << notAmount;
    QTest::newRow("exponent") << QStringLiteral("1e3") << cny << notAmount;
    QTest::newRow("inner space") << QStringLiteral("12 34") << cny << notAmount;
    QTest::newRow("plus") << QStringLiteral("+12") << cny << notAmount;
    QTest::newRow("dollar at CNY till")
        << QStringLiteral("$12") << cny
        << QStringLiteral("This amount has another currency's sign; this till "
                          "takes CNY.");
    QTest::newRow("euro at USD till") << QStringLiteral("12€") << QStringLiteral("USD")
                                      << QStringLiteral("This amount has another currency's sign; this till "
                                                        "takes USD.");
}

void TestMoney::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, currency);
    QFETCH(QString, message);
    const Result<Money> r = Money::parse(text, currency);
    QVERIFY2(!r.ok(), qPrintable(r.ok() ? QString::number(r->minor()) : QString()));
    QCOMPARE(r.error().message, message);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
}

void TestMoney::plainString_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");
    QTest::newRow("CNY") << qint64(1234) << QStringLiteral("CNY") << QStringLiteral("12.34");
    QTest::newRow("CNY cents") << qint64(5) << QStringLiteral("CNY") << QStringLiteral("0.05");
    QTest::newRow("CNY zero") << qint64(0) << QStringLiteral("CNY") << QStringLiteral("0.00");
    QTest::newRow("CNY negative") << qint64(-1234) << QStringLiteral("CNY") << QStringLiteral("-12.34");
    QTest::newRow("CNY large") << qint64(123456789) << QStringLiteral("CNY") << QStringLiteral("1234567.89");
    QTest::newRow("JPY") << qint64(1200) << QStringLiteral("JPY") << QStringLiteral("1200");
    QTest::newRow("KWD") << qint64(1234) << QStringLiteral("KWD") << QStringLiteral("1.234");
    QTest::newRow("KWD fils") << qint64(5) << QStringLiteral("KWD") << QStringLiteral("0.005");
    QTest::newRow("most negative") << std::numeric_limits<qint64>::min() << QStringLiteral("CNY")
                                   << QStringLiteral("-92233720368547758.08");
}

void TestMoney::plainString()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(Money(minor, currency).toPlainString(), expected);
}

void TestMoney::displayString_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("expected");
    QTest::newRow("CNY") << qint64(1234) << QStringLiteral("CNY") << QStringLiteral("¥12.34");
    QTest::newRow("CNY negative") << qint64(-1234) << QStringLiteral("CNY") << QStringLiteral("-¥12.34");
    QTest::newRow("USD") << qint64(1234) << QStringLiteral("USD") << QStringLiteral("$12.34");
    QTest::newRow("EUR") << qint64(1234) << QStringLiteral("EUR") << QStringLiteral("€12.34");
    QTest::newRow("GBP") << qint64(1234) << QStringLiteral("GBP") << QStringLiteral("£12.34");
    QTest::newRow("HKD") << qint64(1234) << QStringLiteral("HKD") << QStringLiteral("HK$12.34");
    QTest::newRow("JPY") << qint64(1200) << QStringLiteral("JPY") << QStringLiteral("¥1,200");
    QTest::newRow("TWD") << qint64(1234) << QStringLiteral("TWD") << QStringLiteral("12.34 TWD");
    QTest::newRow("KWD") << qint64(1234) << QStringLiteral("KWD") << QStringLiteral("1.234 KWD");
    QTest::newRow("KRW") << qint64(15000) << QStringLiteral("KRW") << QStringLiteral("15,000 KRW");
    QTest::newRow("CNY thousands") << qint64(123456789) << QStringLiteral("CNY")
                                   << QStringLiteral("¥1,234,567.89");
    QTest::newRow("CNY thousands negative")
        << qint64(-123456789) << QStringLiteral("CNY") << QStringLiteral("-¥1,234,567.89");
    QTest::newRow("CNY just under a thousand")
        << qint64(99999) << QStringLiteral("CNY") << QStringLiteral("¥999.99");
    QTest::newRow("CNY a thousand") << qint64(100000) << QStringLiteral("CNY") << QStringLiteral("¥1,000.00");
    QTest::newRow("JPY thousands") << qint64(1234567) << QStringLiteral("JPY")
                                   << QStringLiteral("¥1,234,567");
    QTest::newRow("KWD thousands") << qint64(1234567) << QStringLiteral("KWD")
                                   << QStringLiteral("1,234.567 KWD");
}

void TestMoney::displayString()
{
    QFETCH(qint64, minor);
    QFETCH(QString, currency);
    QFETCH(QString, expected);
    QCOMPARE(Money(minor, currency).toDisplayString(), expected);
}

void TestMoney::plainStringRoundTrips()
{
    for (const QString &currency : {QStringLiteral("CNY"), QStringLiteral("JPY"), QStringLiteral("KWD")}) {
        for (const qint64 minor :
             {qint64(0), qint64(1), qint64(99), qint64(100), qint64(123456), qint64(98765432)}) {
            const Money m(minor, currency);
            const Result<Money> back = Money::parse(m.toPlainString(), currency);
            QVERIFY(back.ok());
            QCOMPARE(*back, m);
            const Result<Money> fromDisplay = Money::parse(m.toDisplayString(), currency);
            QVERIFY2(fromDisplay.ok(), qPrintable(m.toDisplayString()));
            QCOMPARE(*fromDisplay, m);
        }
    }
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
