#include "core/PhoneNumber.h"

#include <QTest>

using namespace counterpart;

class TestPhoneNumber : public QObject
{
    Q_OBJECT

private slots:
    void acceptsTypedForms_data();
    void acceptsTypedForms();
    void rejects_data();
    void rejects();
    void messagesNeverRepeatTheNumber();
    void formatted_data();
    void formatted();
    void masked_data();
    void masked();
    void fromE164KeepsTheString();
    void sameNumberTypedDifferentlyIsEqual();
    void askedDigits_data();
    void askedDigits();
};

void TestPhoneNumber::acceptsTypedForms_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("e164");

    const QString mobile = QStringLiteral("+8613800138000");
    const QString cn = QStringLiteral("CN");
    QTest::newRow("plain") << QStringLiteral("13800138000") << cn << mobile;
    QTest::newRow("spaces") << QStringLiteral("138 0013 8000") << cn << mobile;
    QTest::newRow("dashes") << QStringLiteral("138-0013-8000") << cn << mobile;
    QTest::newRow("dots") << QStringLiteral("138.0013.8000") << cn << mobile;
    QTest::newRow("brackets") << QStringLiteral("(138) 0013 8000") << cn << mobile;
    QTest::newRow("surrounding blanks") << QStringLiteral("  13800138000 \t") << cn << mobile;
    QTest::newRow("one digit at a time") << QStringLiteral("1 3 8 0 0 1 3 8 0 0 0") << cn << mobile;
    QTest::newRow("+86") << QStringLiteral("+86 138 0013 8000") << cn << mobile;
    QTest::newRow("+86 no space") << QStringLiteral("+8613800138000") << cn << mobile;
    QTest::newRow("0086") << QStringLiteral("0086 138 0013 8000") << cn << mobile;
    QTest::newRow("00 86") << QStringLiteral("00 86 138 0013 8000") << cn << mobile;
    QTest::newRow("86 without plus") << QStringLiteral("8613800138000") << cn << mobile;
    QTest::newRow("86 without plus, spaced") << QStringLiteral("86 138 0013 8000") << cn << mobile;
    QTest::newRow("trunk 0") << QStringLiteral("0138 0013 8000") << cn << mobile;
    QTest::newRow("trunk 0 after +86") << QStringLiteral("+86 0138 0013 8000") << cn << mobile;
    QTest::newRow("trunk 0 after 0086") << QStringLiteral("0086 0138 0013 8000") << cn << mobile;
    QTest::newRow("trunk 0 after 86") << QStringLiteral("86 0138 0013 8000") << cn << mobile;
    QTest::newRow("trunk 0 before 86") << QStringLiteral("086 138 0013 8000") << cn << mobile;
    QTest::newRow("full-width digits") << QStringLiteral("１３８００１３８０００") << cn << mobile;
    QTest::newRow("full-width plus and digits")
        << QStringLiteral("＋８６ １３８ ００１３ ８０００") << cn << mobile;
    QTest::newRow("full-width brackets and dash")
        << QStringLiteral("（１３８）００１３－８０００") << cn << mobile;
    QTest::newRow("ideographic space") << QStringLiteral("138\u30000013\u30008000") << cn << mobile;
    QTest::newRow("en dash") << QStringLiteral("138\u20130013\u20138000") << cn << mobile;
    QTest::newRow("lower-case region") << QStringLiteral("13800138000") << QStringLiteral("cn") << mobile;

    // Landlines are members' numbers too.
    QTest::newRow("Beijing landline")
        << QStringLiteral("010 1234 5678") << cn << QStringLiteral("+861012345678");
    QTest::newRow("Beijing landline brackets")
        << QStringLiteral("(010) 1234-5678") << cn << QStringLiteral("+861012345678");
    QTest::newRow("Beijing landline +86")
        << QStringLiteral("+86 10 1234 5678") << cn << QStringLiteral("+861012345678");
    QTest::newRow("Beijing landline +86 (0)")
        << QStringLiteral("+86 (0)10 1234 5678") << cn << QStringLiteral("+861012345678");
    QTest::newRow("Shenzhen landline")
        << QStringLiteral("0755-8888 8888") << cn << QStringLiteral("+8675588888888");

    // Visitors' numbers, typed with their country code at a Chinese till.
    QTest::newRow("US number at CN till")
        << QStringLiteral("+1 650 253 0000") << cn << QStringLiteral("+16502530000");
    QTest::newRow("HK number at CN till")
        << QStringLiteral("+852 9123 4567") << cn << QStringLiteral("+85291234567");
    QTest::newRow("HK number 00852") << QStringLiteral("00852 9123 4567") << cn
                                     << QStringLiteral("+85291234567");

    // Other stores' regions.
    QTest::newRow("US national") << QStringLiteral("(650) 253-0000") << QStringLiteral("US")
                                 << QStringLiteral("+16502530000");
    QTest::newRow("US with 1") << QStringLiteral("1 650 253 0000") << QStringLiteral("US")
                               << QStringLiteral("+16502530000");
    QTest::newRow("GB landline trunk 0")
        << QStringLiteral("020 7946 0958") << QStringLiteral("GB") << QStringLiteral("+442079460958");
    QTest::newRow("GB mobile trunk 0")
        << QStringLiteral("07911 123456") << QStringLiteral("GB") << QStringLiteral("+447911123456");
    QTest::newRow("HK local") << QStringLiteral("9123 4567") << QStringLiteral("HK")
                              << QStringLiteral("+85291234567");
    QTest::newRow("CN number at HK till")
        << QStringLiteral("+86 138 0013 8000") << QStringLiteral("HK") << mobile;
}

void TestPhoneNumber::acceptsTypedForms()
{
    QFETCH(QString, input);
    QFETCH(QString, region);
    QFETCH(QString, e164);
    const Result<PhoneNumber> r = PhoneNumber::parse(input, region);
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->e164(), e164);
    QCOMPARE(r->lastFour(), e164.right(4));
    QVERIFY(!r->isEmpty());
}

void TestPhoneNumber::rejects_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("message");

    const QString cn = QStringLiteral("CN");
    const QString empty = QStringLiteral("Please enter a phone number.");
    const QString letters = QStringLiteral("A phone number has only digits, and this one contains letters.");
    const QString shortMsg = QStringLiteral("This phone number is too short. Check for a missing digit.");
    const QString longMsg = QStringLiteral("This phone number is too long. Check for an extra digit.");
    const QString notInChina = QStringLiteral("This is not a valid phone number in China (+86).");

    QTest::newRow("empty") << QString() << cn << empty;
    QTest::newRow("blank") << QStringLiteral("   ") << cn << empty;
    QTest::newRow("only separators") << QStringLiteral("-- ()") << cn << empty;
    QTest::newRow("letters") << QStringLiteral("138OO138OOO") << cn << letters;
    QTest::newRow("keypad word") << QStringLiteral("1-800-FLOWERS") << cn << letters;
    QTest::newRow("extension") << QStringLiteral("+86 138 0013 8000 ext 12") << cn << letters;
    QTest::newRow("full-width letters") << QStringLiteral("１３８ＡＢＣ") << cn << letters;
    QTest::newRow("symbols") << QStringLiteral("138*0013#8000") << cn
                             << QStringLiteral(
                                    "A phone number has only digits, spaces, dashes, dots, brackets "
                                    "and a leading +.");
    QTest::newRow("one digit") << QStringLiteral("1") << cn << shortMsg;
    QTest::newRow("two digits") << QStringLiteral("13") << cn << shortMsg;
    QTest::newRow("mobile missing a digit") << QStringLiteral("138 0013 800") << cn << shortMsg;
    QTest::newRow("mobile missing a digit, +86") << QStringLiteral("+86 138 0013 800") << cn << shortMsg;
    QTest::newRow("only country code") << QStringLiteral("+86") << cn << shortMsg;
    QTest::newRow("mobile with an extra digit") << QStringLiteral("138 0013 8000 1") << cn << longMsg;
    QTest::newRow("far too many digits") << QStringLiteral("1380013800012345678") << cn << longMsg;
    QTest::newRow("pasted digits") << QString(40, QLatin1Char('1')) << cn << longMsg;
    QTest::newRow("invalid mobile prefix") << QStringLiteral("120 0013 8000") << cn << notInChina;
    QTest::newRow("unknown country code")
        << QStringLiteral("+999 1234 5678") << cn
        << QStringLiteral("This phone number has an unknown country code (+999...).");
    QTest::newRow("unknown country code in brackets")
        << QStringLiteral("+(999) 1234-5678") << cn
        << QStringLiteral("This phone number has an unknown country code (+999...).");
    QTest::newRow("unknown country code 00")
        << QStringLiteral("00999 1234 5678") << cn
        << QStringLiteral("This phone number has an unknown country code (+999...).");
    const QString noAreaCode = QStringLiteral("This phone number is too short. Add the area code.");
    QTest::newRow("US number without area code")
        << QStringLiteral("253 0000") << QStringLiteral("US") << noAreaCode;
    // Eight digits is a possible Chinese length, so libphonenumber cannot tell this from a wrong number.
    QTest::newRow("Beijing landline without area code") << QStringLiteral("1234 5678") << cn << notInChina;
    QTest::newRow("service number") << QStringLiteral("10086") << cn << noAreaCode;
    QTest::newRow("unknown store region")
        << QStringLiteral("13800138000") << QStringLiteral("XX")
        << QStringLiteral(
               "The store's country (XX) is not known, so a number without a country code cannot be "
               "read.");
}

void TestPhoneNumber::rejects()
{
    QFETCH(QString, input);
    QFETCH(QString, region);
    QFETCH(QString, message);
    const Result<PhoneNumber> r = PhoneNumber::parse(input, region);
    QVERIFY2(!r.ok(), qPrintable(r.ok() ? r->e164() : QString()));
    QCOMPARE(r.error().message, message);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
}

void TestPhoneNumber::messagesNeverRepeatTheNumber()
{
    // The message never repeats the number: errors can end up in logs.
    const Result<PhoneNumber> r = PhoneNumber::parse(QStringLiteral("120 0013 8000"), QStringLiteral("CN"));
    QVERIFY(!r.ok());
    QVERIFY(!r.error().message.contains(QStringLiteral("0013")));
    QVERIFY(!r.error().detail.contains(QStringLiteral("0013")));
}

void TestPhoneNumber::formatted_data()
{
    QTest::addColumn<QString>("e164");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expected");
    QTest::newRow("CN mobile at CN till")
        << QStringLiteral("+8613800138000") << QStringLiteral("CN") << QStringLiteral("138 0013 8000");
    QTest::newRow("CN landline at CN till")
        << QStringLiteral("+861012345678") << QStringLiteral("CN") << QStringLiteral("010 1234 5678");
    QTest::newRow("CN mobile at US till")
        << QStringLiteral("+8613800138000") << QStringLiteral("US") << QStringLiteral("+86 138 0013 8000");
    QTest::newRow("US number at CN till")
        << QStringLiteral("+16502530000") << QStringLiteral("CN") << QStringLiteral("+1 650-253-0000");
    QTest::newRow("US number at US till")
        << QStringLiteral("+16502530000") << QStringLiteral("US") << QStringLiteral("(650) 253-0000");
    // +44 7911 belongs to Guernsey in libphonenumber's metadata; a GB till still dials it nationally.
    QTest::newRow("GG mobile at GB till")
        << QStringLiteral("+447911123456") << QStringLiteral("GB") << QStringLiteral("07911 123456");
    QTest::newRow("unparseable stored text")
        << QStringLiteral("garbage") << QStringLiteral("CN") << QStringLiteral("garbage");
}

void TestPhoneNumber::formatted()
{
    QFETCH(QString, e164);
    QFETCH(QString, region);
    QFETCH(QString, expected);
    QCOMPARE(PhoneNumber::fromE164(e164).formatted(region), expected);
}

void TestPhoneNumber::masked_data()
{
    QTest::addColumn<QString>("e164");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expected");
    QTest::newRow("CN mobile") << QStringLiteral("+8613800138000") << QStringLiteral("CN")
                               << QStringLiteral("*** **** 8000");
    QTest::newRow("CN landline") << QStringLiteral("+861012345678") << QStringLiteral("CN")
                                 << QStringLiteral("*** **** 5678");
    QTest::newRow("international") << QStringLiteral("+16502530000") << QStringLiteral("CN")
                                   << QStringLiteral("+* ***-***-0000");
}

void TestPhoneNumber::masked()
{
    QFETCH(QString, e164);
    QFETCH(QString, region);
    QFETCH(QString, expected);
    QCOMPARE(PhoneNumber::fromE164(e164).masked(region), expected);
}

void TestPhoneNumber::fromE164KeepsTheString()
{
    const PhoneNumber p = PhoneNumber::fromE164(QStringLiteral("+8613800138000"));
    QCOMPARE(p.e164(), QStringLiteral("+8613800138000"));
    QCOMPARE(p.lastFour(), QStringLiteral("8000"));
    QVERIFY(PhoneNumber().isEmpty());
    QCOMPARE(PhoneNumber().formatted(QStringLiteral("CN")), QString());
    QCOMPARE(PhoneNumber().masked(QStringLiteral("CN")), QString());
}

void TestPhoneNumber::sameNumberTypedDifferentlyIsEqual()
{
    const auto a = PhoneNumber::parse(QStringLiteral("0138 0013 8000"), QStringLiteral("CN"));
    const auto b = PhoneNumber::parse(QStringLiteral("+86 138 0013 8000"), QStringLiteral("CN"));
    QVERIFY(a.ok() && b.ok());
    QVERIFY(*a == *b);
    QCOMPARE(a->e164(), QStringLiteral("+8613800138000"));
}

void TestPhoneNumber::askedDigits_data()
{
    QTest::addColumn<QString>("e164");
    QTest::addColumn<QString>("digits");
    QTest::addColumn<bool>("first");
    // The four before the last four of the national number, never the country code.
    QTest::newRow("CN mobile") << QStringLiteral("+8613812345678") << QStringLiteral("1234") << false;
    QTest::newRow("CN landline") << QStringLiteral("+861087654321") << QStringLiteral("8765") << false;
    QTest::newRow("HK, eight digits") << QStringLiteral("+85291234567") << QStringLiteral("9123") << false;
    QTest::newRow("US") << QStringLiteral("+16502530000") << QStringLiteral("0253") << false;
    // Fewer than eight digits: the first four.
    QTest::newRow("Iceland, seven digits") << QStringLiteral("+3545551234") << QStringLiteral("5551") << true;
    QTest::newRow("none") << QString() << QString() << true;
}

void TestPhoneNumber::askedDigits()
{
    QFETCH(QString, e164);
    QFETCH(QString, digits);
    QFETCH(bool, first);
    const PhoneNumber p = PhoneNumber::fromE164(e164);
    QCOMPARE(p.askedDigits(), digits);
    QCOMPARE(p.askedDigitsAreFirst(), first);
}

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "tst_phonenumber.moc"
