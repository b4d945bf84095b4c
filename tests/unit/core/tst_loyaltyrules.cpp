#include "core/LoyaltyRules.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace counterpart;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// resources/rules/default.json as it is in the source tree.
QByteArray sourceDefaultJson()
{
    const QString dir =
        qEnvironmentVariable("COUNTERPART_SOURCE_DIR", QStringLiteral(COUNTERPART_SOURCE_DIR));
    return readFile(dir + QStringLiteral("/resources/rules/default.json"));
}

// Sets (or, with no value, removes) the field at a path such as "tiers.levels[1].thresholdSpendMinor".
QJsonValue edit(const QJsonValue &node, QStringList tokens, const std::optional<QJsonValue> &value)
{
    const QString token = tokens.takeFirst();
    if (token.startsWith(QLatin1Char('['))) {
        QJsonArray array = node.toArray();
        const int i = token.mid(1, token.size() - 2).toInt();
        if (tokens.isEmpty()) {
            if (value)
                array[i] = *value;
            else
                array.removeAt(i);
        } else {
            array[i] = edit(array.at(i), tokens, value);
        }
        return array;
    }
    QJsonObject object = node.toObject();
    if (tokens.isEmpty()) {
        if (value)
            object.insert(token, *value);
        else
            object.remove(token);
    } else {
        object.insert(token, edit(object.value(token), tokens, value));
    }
    return object;
}

QByteArray edited(const QString &path, const std::optional<QJsonValue> &value)
{
    static const QRegularExpression splitter(QStringLiteral("\\.|(?=\\[)"));
    const QJsonObject root = QJsonDocument::fromJson(sourceDefaultJson()).object();
    const QJsonValue changed = edit(root, path.split(splitter, Qt::SkipEmptyParts), value);
    return QJsonDocument(changed.toObject()).toJson();
}

QJsonValue jsonValue(const QByteArray &text)
{
    return QJsonDocument::fromJson("[" + text + "]").array().at(0);
}

} // namespace

class TestLoyaltyRules : public QObject
{
    Q_OBJECT

private slots:
    void shippedDefaultsLoad();
    void compiledInDefaultsMatchTheSourceFile();
    void defaultValues();
    void roundTrips();
    void roundTripsEveryOption();
    void refusesWithTheFieldNamed_data();
    void refusesWithTheFieldNamed();
    void refusesJsonSyntaxErrorsWithOffset();
    void refusesNonObjects();
    void acceptsIntegralDoubles();
    void optionalListsMayBeMissing();
    void localizedText();
    void lookups();
    void tiersByVisitsAndInterval();
};

void TestLoyaltyRules::shippedDefaultsLoad()
{
    // defaults() calls qFatal on a broken shipped file; this catches it before any program starts.
    const QByteArray json = sourceDefaultJson();
    QVERIFY(!json.isEmpty());
    const Result<LoyaltyRules> parsed = LoyaltyRules::fromJson(json);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(LoyaltyRules::defaults(), *parsed);
}

void TestLoyaltyRules::compiledInDefaultsMatchTheSourceFile()
{
    const QByteArray compiled = readFile(QStringLiteral(":/counterpart/rules/default.json"));
    QVERIFY(!compiled.isEmpty());
    QCOMPARE(compiled, sourceDefaultJson());
}

void TestLoyaltyRules::defaultValues()
{
    const LoyaltyRules r = LoyaltyRules::defaults();
    QCOMPARE(r.version, QStringLiteral("default-2026.1"));
    QCOMPARE(r.currency, QStringLiteral("CNY"));
    QCOMPARE(r.earning.pointsPerUnit, 1);
    QCOMPARE(r.earning.unitMinor, qint64(100));
    QCOMPARE(r.earning.rounding, Rounding::Floor);
    QCOMPARE(r.earning.minimumSpendMinor, qint64(100));
    QCOMPARE(
        r.earning.excludedCategories,
        (QList<QString>{QStringLiteral("tobacco"), QStringLiteral("gift-card"), QStringLiteral("deposit")}));
    QCOMPARE(r.tiers.windowMonths, 12);
    QCOMPARE(r.tiers.evaluationDayOfMonth, 1);
    QCOMPARE(r.tiers.graceDays, 30);
    QCOMPARE(r.tiers.tiers.size(), 4);
    QCOMPARE(r.entryTier().id, QStringLiteral("member"));
    QCOMPARE(r.tiers.tiers[1].id, QStringLiteral("silver"));
    QCOMPARE(r.tiers.tiers[1].thresholdSpendMinor, qint64(200000));
    QCOMPARE(r.tiers.tiers[1].multiplierPercent, 120);
    QCOMPARE(r.tiers.tiers[3].id, QStringLiteral("platinum"));
    QCOMPARE(r.tiers.tiers[3].thresholdSpendMinor, qint64(1500000));
    QCOMPARE(r.tiers.tiers[3].multiplierPercent, 200);
    QCOMPARE(r.tiers.tiers[2].name.zh, QStringLiteral("金卡"));
    QCOMPARE(r.tiers.tiers[2].benefits.en, QStringLiteral("1.5x points, birthday gift"));
    QCOMPARE(r.memberDays.size(), 2);
    QCOMPARE(r.memberDays[0].dayOfMonth, std::optional<int>(8));
    QCOMPARE(r.memberDays[0].weekday, std::optional<int>());
    QCOMPARE(r.memberDays[0].multiplierPercent, 200);
    QCOMPARE(r.memberDays[1].weekday, std::optional<int>(3));
    QCOMPARE(r.memberDays[1].multiplierPercent, 150);
    QCOMPARE(r.bonusStacking, BonusStacking::Highest);
    QCOMPARE(r.birthday.window, BirthdayWindow::Week);
    QCOMPARE(r.birthday.multiplierPercent, 200);
    QCOMPARE(r.birthday.giftPoints, 200);
    QCOMPARE(r.gifts.welcomePoints, 100);
    QCOMPARE(r.gifts.firstPurchasePoints, 50);
    QCOMPARE(r.redemption.minimumBalance, 100);
    QCOMPARE(r.redemption.pointValueMinor, qint64(1));
    QCOMPARE(r.redemption.pointsForDiscountStep, 100);
    QCOMPARE(r.redemption.refundRestoresRedeemed, true);
    QCOMPARE(r.redemption.confirmAbovePoints, 300);      // not in the document: the default
    QVERIFY(!r.toJson().contains("confirmAbovePoints")); // the default is not written
    QCOMPARE(r.redemption.catalogue.size(), 4);
    QCOMPARE(r.redemption.catalogue[0].id, QStringLiteral("coffee"));
    QCOMPARE(r.redemption.catalogue[0].costPoints, 300);
    QCOMPARE(r.redemption.catalogue[0].limitPerDay, 1);
    QCOMPARE(r.redemption.catalogue[3].costPoints, 4800);
    QCOMPARE(r.expiry.months, 24);
    QCOMPARE(r.expiry.warnDays, 30);
    QCOMPARE(r.offline.redemptionCapPoints, 2000);
}

void TestLoyaltyRules::roundTrips()
{
    const LoyaltyRules r = LoyaltyRules::defaults();
    const Result<LoyaltyRules> back = LoyaltyRules::fromJson(r.toJson());
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(*back, r);
    QCOMPARE(back->toJson(), r.toJson());
}

void TestLoyaltyRules::roundTripsEveryOption()
{
    LoyaltyRules r = LoyaltyRules::defaults();
    r.version = QStringLiteral("chain-2026.2");
    r.currency = QStringLiteral("HKD");
    r.earning.rounding = Rounding::Nearest;
    r.earning.excludedCategories.clear();
    r.bonusStacking = BonusStacking::Multiply;
    r.birthday.window = BirthdayWindow::Month;
    r.memberDays = {MemberDay{std::nullopt, 31, 300}, MemberDay{7, std::nullopt, 110}};
    r.tiers.tiers[1].benefits = {};
    r.redemption.refundRestoresRedeemed = false;
    r.redemption.catalogue.clear();
    r.expiry.months = 0;
    r.tiers.downgrade = TierRules::Downgrade::OneLevel;
    r.tiers.tiers[1].thresholdVisits = 4;
    r.tiers.tiers[2].thresholdVisits = 8;
    r.tiers.tiers[2].maxDaysBetweenVisits = 30;
    r.tiers.tiers[3].thresholdVisits = 12;
    r.tiers.tiers[3].maxDaysBetweenVisits = 14;
    r.figures.chainView = FigureRules::ChainView::Managers;
    r.members.oldPhoneDays = 0;
    r.redemption.confirmAbovePoints = 0;
    for (const Rounding rounding : {Rounding::Floor, Rounding::Nearest, Rounding::Ceil}) {
        for (const BirthdayWindow window :
             {BirthdayWindow::Day, BirthdayWindow::Week, BirthdayWindow::Month}) {
            r.earning.rounding = rounding;
            r.birthday.window = window;
            const Result<LoyaltyRules> back = LoyaltyRules::fromJson(r.toJson());
            QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
            QCOMPARE(*back, r);
        }
    }
    const LoyaltyRules different = LoyaltyRules::defaults();
    QVERIFY(!(r == different)); // equality compares something
}

void TestLoyaltyRules::refusesWithTheFieldNamed_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("value"); // JSON text; empty removes the field
    QTest::addColumn<QString>("message");

    const auto row = [](const char *path, const QByteArray &value, const QString &message) {
        QTest::newRow(path) << QString::fromLatin1(path) << value << message;
    };
    const QString newer =
        QStringLiteral("schema must be 1; these rules were written for another version of Counterpart");
    row("schema", "2", newer);
    QTest::newRow("schema as text") << QStringLiteral("schema") << QByteArray("\"1\"") << newer;
    QTest::newRow("schema missing") << QStringLiteral("schema") << QByteArray()
                                    << QStringLiteral("schema is missing");
    row("version", "\"\"", QStringLiteral("version cannot be empty"));
    QTest::newRow("version as number")
        << QStringLiteral("version") << QByteArray("5") << QStringLiteral("version must be text (\"...\")");
    row("currency", "\"yuan\"", QStringLiteral("currency must be a three-letter ISO 4217 code such as CNY"));
    QTest::newRow("currency missing")
        << QStringLiteral("currency") << QByteArray() << QStringLiteral("currency is missing");
    row("colour", "\"red\"", QStringLiteral("colour is not a field of the rules (misspelt?)"));

    QTest::newRow("earning missing") << QStringLiteral("earning") << QByteArray()
                                     << QStringLiteral("earning is missing");
    QTest::newRow("earning as list") << QStringLiteral("earning") << QByteArray("[]")
                                     << QStringLiteral("earning must be an object ({...})");
    row("earning.rounding", "\"up\"", QStringLiteral("earning.rounding must be one of floor, nearest, ceil"));
    row("earning.pointsPerUnit", "1.5",
        QStringLiteral("earning.pointsPerUnit must be a whole number, not 1.5"));
    QTest::newRow("earning.pointsPerUnit as text")
        << QStringLiteral("earning.pointsPerUnit") << QByteArray("\"1\"")
        << QStringLiteral("earning.pointsPerUnit must be a whole number");
    QTest::newRow("earning.pointsPerUnit negative")
        << QStringLiteral("earning.pointsPerUnit") << QByteArray("-1")
        << QStringLiteral("earning.pointsPerUnit cannot be negative");
    row("earning.unitMinor", "0", QStringLiteral("earning.unitMinor must be between 1 and 1000000000"));
    QTest::newRow("earning.unitMinor missing") << QStringLiteral("earning.unitMinor") << QByteArray()
                                               << QStringLiteral("earning.unitMinor is missing");
    QTest::newRow("earning.unitMinor huge")
        << QStringLiteral("earning.unitMinor") << QByteArray("1e30")
        << QStringLiteral("earning.unitMinor must be a whole number, not 1e+30");
    row("earning.minimumSpendMinor", "-5", QStringLiteral("earning.minimumSpendMinor cannot be negative"));
    row("earning.excludedCategories", "\"tobacco\"",
        QStringLiteral("earning.excludedCategories must be a list ([...])"));
    row("earning.excludedCategories[1]", "5",
        QStringLiteral("earning.excludedCategories[1] must be a category name"));
    QTest::newRow("earning.excludedCategories repeated")
        << QStringLiteral("earning.excludedCategories[2]") << QByteArray("\"tobacco\"")
        << QStringLiteral("earning.excludedCategories[2] repeats \"tobacco\"");
    row("earning.multiplerPercent", "100",
        QStringLiteral("earning.multiplerPercent is not a field of the rules (misspelt?)"));

    row("tiers.levels[1].thresholdSpendMinor", "0",
        QStringLiteral(
            "tiers.levels[1].thresholdSpendMinor must be higher than tiers.levels[0].thresholdSpendMinor"));
    row("tiers.levels[3].thresholdSpendMinor", "600000",
        QStringLiteral(
            "tiers.levels[3].thresholdSpendMinor must be higher than tiers.levels[2].thresholdSpendMinor"));
    row("tiers.levels[0].thresholdSpendMinor", "100",
        QStringLiteral("tiers.levels[0].thresholdSpendMinor must be 0: the first tier is the one every "
                       "member starts in"));
    row("tiers.levels[2].id", "\"silver\"",
        QStringLiteral("tiers.levels[2].id \"silver\" is already used by tiers.levels[1].id"));
    QTest::newRow("tiers.levels[1].id empty") << QStringLiteral("tiers.levels[1].id") << QByteArray("\"\"")
                                              << QStringLiteral("tiers.levels[1].id cannot be empty");
    QTest::newRow("tiers.levels[1].id with space")
        << QStringLiteral("tiers.levels[1].id") << QByteArray("\"sil ver\"")
        << QStringLiteral(
               "tiers.levels[1].id may only contain letters, digits, '-', '_' and '.' (at most 64)");
    row("tiers.levels[1].multiplierPercent", "99",
        QStringLiteral("tiers.levels[1].multiplierPercent must be between 100 and 1000"));
    QTest::newRow("tiers.levels[1].multiplierPercent too high")
        << QStringLiteral("tiers.levels[1].multiplierPercent") << QByteArray("1001")
        << QStringLiteral("tiers.levels[1].multiplierPercent must be between 100 and 1000");
    row("tiers.levels[1].name", "{}",
        QStringLiteral("tiers.levels[1].name needs text in at least one language (en or zh)"));
    QTest::newRow("tiers.levels[1].name missing") << QStringLiteral("tiers.levels[1].name") << QByteArray()
                                                  << QStringLiteral("tiers.levels[1].name is missing");
    row("tiers.levels[1].name.fr", "\"Argent\"",
        QStringLiteral("tiers.levels[1].name.fr is not a field of the rules (misspelt?)"));
    row("tiers.levels[1].name.zh", "3", QStringLiteral("tiers.levels[1].name.zh must be text (\"...\")"));
    row("tiers.levels[1]", "\"silver\"", QStringLiteral("tiers.levels[1] must be an object ({...})"));
    row("tiers.levels", "[]", QStringLiteral("tiers.levels needs at least one tier"));
    row("tiers.evaluationDayOfMonth", "31",
        QStringLiteral("tiers.evaluationDayOfMonth must be between 1 and 28"));
    row("tiers.graceDays", "-1", QStringLiteral("tiers.graceDays cannot be negative"));
    row("tiers.windowMonths", "0", QStringLiteral("tiers.windowMonths must be between 1 and 120"));

    row("memberDays[0].dayOfMonth", "32",
        QStringLiteral("memberDays[0].dayOfMonth must be between 1 and 31"));
    row("memberDays[1].weekday", "0", QStringLiteral("memberDays[1].weekday must be between 1 and 7"));
    row("memberDays[1].dayOfMonth", "5",
        QStringLiteral("memberDays[1] must have weekday or dayOfMonth, not both"));
    row("memberDays[0]", "{\"multiplierPercent\": 200}",
        QStringLiteral("memberDays[0] needs weekday (1 = Monday ... 7 = Sunday) or dayOfMonth (1-31)"));
    row("memberDays[0].multiplierPercent", "50",
        QStringLiteral("memberDays[0].multiplierPercent must be between 100 and 1000"));
    row("memberDays", "{}", QStringLiteral("memberDays must be a list ([...])"));

    row("bonusStacking", "\"add\"", QStringLiteral("bonusStacking must be one of highest, multiply"));
    row("tiers.downgrade", "\"two_levels\"",
        QStringLiteral("tiers.downgrade must be one of to_earned, one_level"));
    row("tiers.levels[1].thresholdVisits", "-1",
        QStringLiteral("tiers.levels[1].thresholdVisits cannot be negative"));
    row("tiers.levels[1].thresholdVisits", "2.5",
        QStringLiteral("tiers.levels[1].thresholdVisits must be a whole number, not 2.5"));
    row("tiers.levels[1].maxDaysBetweenVisits", "4000",
        QStringLiteral("tiers.levels[1].maxDaysBetweenVisits must be between 0 and 3660"));
    row("tiers.levels[1].thresholdVisit", "4",
        QStringLiteral("tiers.levels[1].thresholdVisit is not a field of the rules (misspelt?)"));
    row("tiers.levels[0].thresholdVisits", "2",
        QStringLiteral("tiers.levels[0].thresholdVisits must be left out: the first tier is the one every "
                       "member starts in"));
    row("tiers.levels[0].maxDaysBetweenVisits", "30",
        QStringLiteral("tiers.levels[0].maxDaysBetweenVisits must be left out: the first tier is the one "
                       "every member starts in"));
    row("tiers.levels[1].thresholdVisits", "5",
        QStringLiteral(
            "tiers.levels[2].thresholdVisits cannot be lower than tiers.levels[1].thresholdVisits"));
    row("tiers.levels[2].maxDaysBetweenVisits", "30",
        QStringLiteral("tiers.levels[3].maxDaysBetweenVisits must be set and at most "
                       "tiers.levels[2].maxDaysBetweenVisits"));
    const QByteArray member = R"({"id": "member", "name": {"en": "Member"}, "thresholdSpendMinor": 0,
                                  "multiplierPercent": 100})";
    row("tiers.levels",
        "[" + member + R"(, {"id": "regular", "name": {"en": "Regular"}, "thresholdSpendMinor": 0,
                             "thresholdVisits": 4, "multiplierPercent": 100},
                            {"id": "vip", "name": {"en": "VIP"}, "thresholdSpendMinor": 0,
                             "thresholdVisits": 4, "multiplierPercent": 120}])",
        QStringLiteral("tiers.levels[2] must ask more than tiers.levels[1]: a higher thresholdSpendMinor or "
                       "thresholdVisits, or a shorter maxDaysBetweenVisits"));
    row("tiers.levels",
        "[" + member + R"(, {"id": "regular", "name": {"en": "Regular"}, "thresholdSpendMinor": 5000,
                             "thresholdVisits": 4, "multiplierPercent": 100},
                            {"id": "vip", "name": {"en": "VIP"}, "thresholdSpendMinor": 100,
                             "thresholdVisits": 8, "multiplierPercent": 120}])",
        QStringLiteral(
            "tiers.levels[2].thresholdSpendMinor cannot be lower than tiers.levels[1].thresholdSpendMinor"));
    row("figures", "{\"chainView\": \"everyone\"}",
        QStringLiteral("figures.chainView must be one of head_office, managers"));
    row("figures", "{\"chainview\": \"managers\"}",
        QStringLiteral("figures.chainview is not a field of the rules (misspelt?)"));
    row("members", "{\"oldPhoneDays\": -1}", QStringLiteral("members.oldPhoneDays cannot be negative"));
    row("members", "{\"oldPhoneDay\": 30}",
        QStringLiteral("members.oldPhoneDay is not a field of the rules (misspelt?)"));
    row("birthday.window", "\"year\"", QStringLiteral("birthday.window must be one of day, week, month"));
    row("birthday.giftPoints", "-1", QStringLiteral("birthday.giftPoints cannot be negative"));
    row("birthday.multiplierPercent", "2000",
        QStringLiteral("birthday.multiplierPercent must be between 100 and 1000"));
    row("gifts.welcomePoints", "1.5", QStringLiteral("gifts.welcomePoints must be a whole number, not 1.5"));
    row("gifts.firstPurchasePoints", "-50", QStringLiteral("gifts.firstPurchasePoints cannot be negative"));

    row("redemption.catalogue[1].id", "\"coffee\"",
        QStringLiteral(
            "redemption.catalogue[1].id \"coffee\" is already used by redemption.catalogue[0].id"));
    row("redemption.catalogue[0].costPoints", "0",
        QStringLiteral("redemption.catalogue[0].costPoints must be between 1 and 100000000"));
    row("redemption.catalogue[2].limitPerDay", "-1",
        QStringLiteral("redemption.catalogue[2].limitPerDay cannot be negative"));
    row("redemption.refundRestoresRedeemed", "\"yes\"",
        QStringLiteral("redemption.refundRestoresRedeemed must be true or false"));
    row("redemption.pointsForDiscountStep", "0",
        QStringLiteral("redemption.pointsForDiscountStep must be between 1 and 100000000"));
    row("redemption.minimumBalance", "-100", QStringLiteral("redemption.minimumBalance cannot be negative"));
    row("redemption.confirmAbovePoints", "-1",
        QStringLiteral("redemption.confirmAbovePoints cannot be negative"));
    row("redemption.confirmAbovePoints", "500.5",
        QStringLiteral("redemption.confirmAbovePoints must be a whole number, not 500.5"));
    row("redemption.confirmAbovePoints", "\"500\"",
        QStringLiteral("redemption.confirmAbovePoints must be a whole number"));
    row("redemption.confirmAbovePoints", "100000001",
        QStringLiteral("redemption.confirmAbovePoints must be between 0 and 100000000"));
    row("redemption.confirmAbovePoint", "500",
        QStringLiteral("redemption.confirmAbovePoint is not a field of the rules (misspelt?)"));
    row("redemption.pointValueMinor", "0.5",
        QStringLiteral("redemption.pointValueMinor must be a whole number, not 0.5"));
    row("expiry.months", "-1", QStringLiteral("expiry.months cannot be negative"));
    row("expiry.warnDays", "null", QStringLiteral("expiry.warnDays is missing"));
    row("offline.redemptionCapPoints", "\"2000\"",
        QStringLiteral("offline.redemptionCapPoints must be a whole number"));
    QTest::newRow("offline missing") << QStringLiteral("offline") << QByteArray()
                                     << QStringLiteral("offline is missing");
}

void TestLoyaltyRules::refusesWithTheFieldNamed()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, value);
    QFETCH(QString, message);
    const QByteArray json = edited(path, value.isEmpty() ? std::optional<QJsonValue>()
                                                         : std::optional<QJsonValue>(jsonValue(value)));
    const Result<LoyaltyRules> r = LoyaltyRules::fromJson(json);
    QVERIFY2(!r.ok(), "the edited rules were accepted");
    QCOMPARE(r.error().message, message);
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
}

void TestLoyaltyRules::refusesJsonSyntaxErrorsWithOffset()
{
    const Result<LoyaltyRules> r =
        LoyaltyRules::fromJson(QByteArrayLiteral("{\"schema\": 1, \"version\" \"x\"}"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    QVERIFY2(r.error().message.startsWith(QStringLiteral("The rules are not valid JSON: ")),
             qPrintable(r.error().message));
    QVERIFY2(r.error().message.endsWith(QStringLiteral(" at character 25")), qPrintable(r.error().message));

    const Result<LoyaltyRules> truncated = LoyaltyRules::fromJson(sourceDefaultJson().left(200));
    QVERIFY(!truncated.ok());
    QVERIFY(truncated.error().message.startsWith(QStringLiteral("The rules are not valid JSON: ")));
}

void TestLoyaltyRules::refusesNonObjects()
{
    const Result<LoyaltyRules> r = LoyaltyRules::fromJson(QByteArrayLiteral("[1, 2]"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().message, QStringLiteral("The rules must be a JSON object ({...})"));
    QVERIFY(!LoyaltyRules::fromJson(QByteArray()).ok());
}

void TestLoyaltyRules::acceptsIntegralDoubles()
{
    // 200000.0 is a whole number written with a decimal point; it means the same as 200000.
    const Result<LoyaltyRules> r = LoyaltyRules::fromJson(
        edited(QStringLiteral("tiers.levels[1].thresholdSpendMinor"), jsonValue("200000.0")));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->tiers.tiers[1].thresholdSpendMinor, qint64(200000));
}

void TestLoyaltyRules::optionalListsMayBeMissing()
{
    QByteArray json = edited(QStringLiteral("memberDays"), std::nullopt);
    Result<LoyaltyRules> r = LoyaltyRules::fromJson(json);
    QVERIFY(r.ok());
    QVERIFY(r->memberDays.isEmpty());

    r = LoyaltyRules::fromJson(edited(QStringLiteral("redemption.catalogue"), std::nullopt));
    QVERIFY(r.ok());
    QVERIFY(r->redemption.catalogue.isEmpty());

    r = LoyaltyRules::fromJson(edited(QStringLiteral("earning.excludedCategories"), std::nullopt));
    QVERIFY(r.ok());
    QVERIFY(r->earning.excludedCategories.isEmpty());

    r = LoyaltyRules::fromJson(edited(QStringLiteral("tiers.levels[1].benefits"), std::nullopt));
    QVERIFY(r.ok());
    QCOMPARE(r->tiers.tiers[1].benefits, LocalizedText());
}

void TestLoyaltyRules::localizedText()
{
    const LocalizedText both{QStringLiteral("Gold"), QStringLiteral("金卡")};
    QCOMPARE(both.text(QStringLiteral("en")), QStringLiteral("Gold"));
    QCOMPARE(both.text(QStringLiteral("zh")), QStringLiteral("金卡"));
    QCOMPARE(both.text(QStringLiteral("zh_CN")), QStringLiteral("金卡"));
    QCOMPARE(both.text(QStringLiteral("zh-Hans")), QStringLiteral("金卡"));
    QCOMPARE(both.text(QStringLiteral("ZH")), QStringLiteral("金卡"));
    QCOMPARE(both.text(QStringLiteral("fr")), QStringLiteral("Gold"));
    QCOMPARE(both.text(QString()), QStringLiteral("Gold"));
    const LocalizedText onlyEn{QStringLiteral("Gold"), QString()};
    QCOMPARE(onlyEn.text(QStringLiteral("zh_CN")), QStringLiteral("Gold"));
    const LocalizedText onlyZh{QString(), QStringLiteral("金卡")};
    QCOMPARE(onlyZh.text(QStringLiteral("en")), QStringLiteral("金卡"));
    QCOMPARE(LocalizedText().text(QStringLiteral("en")), QString());
}

void TestLoyaltyRules::lookups()
{
    const LoyaltyRules r = LoyaltyRules::defaults();
    QVERIFY(r.tier(QStringLiteral("gold")));
    QCOMPARE(r.tier(QStringLiteral("gold"))->multiplierPercent, 150);
    QCOMPARE(r.tier(QStringLiteral("diamond")), nullptr);
    QVERIFY(r.reward(QStringLiteral("voucher-20")));
    QCOMPARE(r.reward(QStringLiteral("voucher-20"))->costPoints, 2000);
    QCOMPARE(r.reward(QStringLiteral("car")), nullptr);
}

void TestLoyaltyRules::tiersByVisitsAndInterval()
{
    // The example in docs/user-guide.md ("Tiers"): visits only, spend and visits, and an interval; a
    // higher tier may ask the same spend with more visits or a shorter interval.
    const QJsonObject root = QJsonDocument::fromJson(sourceDefaultJson()).object();
    const QByteArray levels = R"([
        {"id": "member", "name": {"en": "Member", "zh": "会员"}, "thresholdSpendMinor": 0, "multiplierPercent": 100},
        {"id": "regular", "name": {"en": "Regular", "zh": "常客"}, "thresholdSpendMinor": 0,
         "thresholdVisits": 4, "multiplierPercent": 100},
        {"id": "silver", "name": {"en": "Silver", "zh": "银卡"}, "thresholdSpendMinor": 200000,
         "thresholdVisits": 6, "maxDaysBetweenVisits": 30, "multiplierPercent": 120},
        {"id": "gold", "name": {"en": "Gold", "zh": "金卡"}, "thresholdSpendMinor": 200000,
         "thresholdVisits": 12, "maxDaysBetweenVisits": 14, "multiplierPercent": 150}])";
    const QJsonValue changed =
        edit(root, {QStringLiteral("tiers"), QStringLiteral("levels")}, jsonValue(levels));
    const Result<LoyaltyRules> r = LoyaltyRules::fromJson(QJsonDocument(changed.toObject()).toJson());
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    QCOMPARE(r->tiers.tiers.size(), 4);
    QCOMPARE(r->tiers.tiers[1].thresholdVisits, 4);
    QCOMPARE(r->tiers.tiers[1].maxDaysBetweenVisits, 0);
    QCOMPARE(r->tiers.tiers[3].maxDaysBetweenVisits, 14);
    QVERIFY(r->tiers.countsVisits());
    // Written back only where set: the default rules' tiers carry neither field.
    QVERIFY(!LoyaltyRules::defaults().toJson().contains("thresholdVisits"));
    QVERIFY(!LoyaltyRules::defaults().tiers.countsVisits());
    QCOMPARE(*LoyaltyRules::fromJson(r->toJson()), *r);
}

QTEST_GUILESS_MAIN(TestLoyaltyRules)
#include "tst_loyaltyrules.moc"
