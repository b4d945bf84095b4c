#include "core/LoyaltyRules.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QSet>

#include <algorithm>
#include <initializer_list>
#include <utility>

namespace counterpart {

namespace {

// Upper bounds keep every value far from what could overflow the points arithmetic (amounts are at
// most 10^11 minor units, so eligible * pointsPerUnit * four percentages stays inside 128 bits), and
// catch typos such as an extra zero.
constexpr qint64 kMaxMinor = 10'000'000'000'000; // 10^11 major units of a 2-digit currency
constexpr qint64 kMaxPoints = 100'000'000;
constexpr qint64 kMinMultiplier = 100;
constexpr qint64 kMaxMultiplier = 1000;

QString roundingName(Rounding r)
{
    switch (r) {
    case Rounding::Floor:
        return QStringLiteral("floor");
    case Rounding::Nearest:
        return QStringLiteral("nearest");
    case Rounding::Ceil:
        return QStringLiteral("ceil");
    }
    return {};
}

QString windowName(BirthdayWindow w)
{
    switch (w) {
    case BirthdayWindow::Day:
        return QStringLiteral("day");
    case BirthdayWindow::Week:
        return QStringLiteral("week");
    case BirthdayWindow::Month:
        return QStringLiteral("month");
    }
    return {};
}

QString stackingName(BonusStacking s)
{
    switch (s) {
    case BonusStacking::Highest:
        return QStringLiteral("highest");
    case BonusStacking::Multiply:
        return QStringLiteral("multiply");
    }
    return {};
}

// Reads one rules document. Keeps the first problem and names the field it is in ("tiers.levels[1].id"),
// so whoever edits the rules knows exactly what to fix. Once something failed, reads return defaults
// and the caller only checks failed() at the end.
class Reader
{
public:
    bool failed() const { return m_error.has_value(); }
    const Error &error() const { return *m_error; }

    void fail(const QString &message)
    {
        if (!m_error)
            m_error = makeError(ErrorCode::InvalidInput, message);
    }

    static QString join(const QString &path, QLatin1String key)
    {
        return path.isEmpty() ? QString(key) : path + QLatin1Char('.') + key;
    }
    static QString index(const QString &path, qsizetype i)
    {
        return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
    }

    // Refuses fields the schema does not have: a misspelt field would otherwise be ignored and its
    // default silently used.
    void onlyKnownFields(const QJsonObject &o, const QString &path,
                         std::initializer_list<QLatin1String> known)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool found = false;
            for (const QLatin1String k : known)
                found = found || it.key() == k;
            if (!found) {
                const QString field = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
                fail(QCoreApplication::translate("LoyaltyRules", "%1 is not a field of the rules (misspelt?)")
                         .arg(field));
                return;
            }
        }
    }

    // The value of a required field, or nothing (and an error) when it is missing.
    std::optional<QJsonValue> required(const QJsonObject &o, const QString &path, QLatin1String key)
    {
        if (failed())
            return std::nullopt;
        const auto it = o.constFind(key);
        if (it == o.constEnd() || it->isNull()) {
            fail(QCoreApplication::translate("LoyaltyRules", "%1 is missing").arg(join(path, key)));
            return std::nullopt;
        }
        return *it;
    }

    QJsonObject object(const QJsonObject &o, const QString &path, QLatin1String key)
    {
        const auto v = required(o, path, key);
        if (!v)
            return {};
        return asObject(*v, join(path, key));
    }

    QJsonObject asObject(const QJsonValue &v, const QString &field)
    {
        if (!v.isObject()) {
            fail(QCoreApplication::translate("LoyaltyRules", "%1 must be an object ({...})").arg(field));
            return {};
        }
        return v.toObject();
    }

    // An optional list: a missing field is an empty list.
    QJsonArray array(const QJsonObject &o, const QString &path, QLatin1String key, bool isRequired)
    {
        if (failed())
            return {};
        if (!o.contains(key)) {
            if (isRequired)
                fail(QCoreApplication::translate("LoyaltyRules", "%1 is missing").arg(join(path, key)));
            return {};
        }
        const QJsonValue v = o.value(key);
        if (!v.isArray()) {
            fail(QCoreApplication::translate("LoyaltyRules", "%1 must be a list ([...])")
                     .arg(join(path, key)));
            return {};
        }
        return v.toArray();
    }

    qint64 integer(const QJsonObject &o, const QString &path, QLatin1String key, qint64 min, qint64 max)
    {
        const auto v = required(o, path, key);
        if (!v)
            return min;
        const QString field = join(path, key);
        if (!v->isDouble()) {
            fail(QCoreApplication::translate("LoyaltyRules", "%1 must be a whole number").arg(field));
            return min;
        }
        // QJsonValue keeps integers exactly; toInteger() returns its default for anything with a
        // fraction or beyond 64 bits, so two different defaults tell those apart without doing
        // arithmetic on a double.
        const qint64 a = v->toInteger(0);
        const qint64 b = v->toInteger(1);
        if (a != b) {
            fail(QCoreApplication::translate("LoyaltyRules", "%1 must be a whole number, not %2")
                     .arg(field, QString::number(v->toDouble())));
            return min;
        }
        if (a < min || a > max) {
            if (a < 0 && min == 0)
                fail(QCoreApplication::translate("LoyaltyRules", "%1 cannot be negative").arg(field));
            else
                fail(QCoreApplication::translate("LoyaltyRules", "%1 must be between %2 and %3")
                         .arg(field)
                         .arg(min)
                         .arg(max));
            return min;
        }
        return a;
    }

    int integer32(const QJsonObject &o, const QString &path, QLatin1String key, int min, int max)
    {
        return static_cast<int>(integer(o, path, key, min, max));
    }

    int multiplier(const QJsonObject &o, const QString &path, QLatin1String key)
    {
        return integer32(o, path, key, kMinMultiplier, kMaxMultiplier);
    }

    QString string(const QJsonObject &o, const QString &path, QLatin1String key, bool allowEmpty)
    {
        const auto v = required(o, path, key);
        if (!v)
            return {};
        const QString field = join(path, key);
        if (!v->isString()) {
            fail(QCoreApplication::translate("LoyaltyRules", "%1 must be text (\"...\")").arg(field));
            return {};
        }
        QString s = v->toString();
        if (!allowEmpty && s.trimmed().isEmpty()) {
            fail(QCoreApplication::translate("LoyaltyRules", "%1 cannot be empty").arg(field));
            return {};
        }
        return s;
    }

    // "HH:mm", optional: absent gives `fallback` (rules written before the field existed).
    QTime timeOfDay(const QJsonObject &o, const QString &path, QLatin1String key, const QTime &fallback)
    {
        if (!o.contains(key))
            return fallback;
        const QString s = string(o, path, key, false);
        const QTime t = QTime::fromString(s, QStringLiteral("HH:mm"));
        if (!failed() && !t.isValid())
            fail(QCoreApplication::translate("LoyaltyRules", "%1 must be a time of day such as \"03:30\"")
                     .arg(join(path, key)));
        return t;
    }

    bool boolean(const QJsonObject &o, const QString &path, QLatin1String key)
    {
        const auto v = required(o, path, key);
        if (!v)
            return false;
        if (!v->isBool()) {
            fail(
                QCoreApplication::translate("LoyaltyRules", "%1 must be true or false").arg(join(path, key)));
            return false;
        }
        return v->toBool();
    }

    // One of a fixed set of names; returns the index into `names`.
    int choice(const QJsonObject &o, const QString &path, QLatin1String key, const QList<QString> &names)
    {
        const QString s = string(o, path, key, true);
        if (failed())
            return 0;
        const qsizetype i = names.indexOf(s);
        if (i < 0) {
            fail(QCoreApplication::translate("LoyaltyRules", "%1 must be one of %2")
                     .arg(join(path, key), names.join(QStringLiteral(", "))));
            return 0;
        }
        return static_cast<int>(i);
    }

    // {"en": "...", "zh": "..."}; `needText`: at least one language must say something.
    LocalizedText localized(const QJsonObject &o, const QString &path, QLatin1String key, bool isRequired,
                            bool needText)
    {
        if (failed() || (!isRequired && !o.contains(key)))
            return {};
        const QString field = join(path, key);
        const QJsonObject t = object(o, path, key);
        onlyKnownFields(t, field, {QLatin1String("en"), QLatin1String("zh")});
        LocalizedText out;
        if (t.contains(QLatin1String("en")))
            out.en = string(t, field, QLatin1String("en"), true);
        if (t.contains(QLatin1String("zh")))
            out.zh = string(t, field, QLatin1String("zh"), true);
        if (!failed() && needText && out.en.trimmed().isEmpty() && out.zh.trimmed().isEmpty())
            fail(QCoreApplication::translate("LoyaltyRules",
                                             "%1 needs text in at least one language (en or zh)")
                     .arg(field));
        return out;
    }

    // Ids are stored in the database and shown in logs: short, plain, and stable.
    QString id(const QJsonObject &o, const QString &path)
    {
        const QString s = string(o, path, QLatin1String("id"), false);
        if (failed())
            return {};
        bool plain = s.size() <= 64;
        for (const QChar c : s) {
            plain = plain && c.unicode() < 128 &&
                    (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') ||
                     c == QLatin1Char('.'));
        }
        if (!plain) {
            fail(QCoreApplication::translate(
                     "LoyaltyRules", "%1 may only contain letters, digits, '-', '_' and '.' (at most 64)")
                     .arg(join(path, QLatin1String("id"))));
        }
        return s;
    }

private:
    std::optional<Error> m_error;
};

EarningRules readEarning(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("earning");
    const QJsonObject o = r.object(root, {}, QLatin1String("earning"));
    r.onlyKnownFields(o, path,
                      {QLatin1String("pointsPerUnit"), QLatin1String("unitMinor"), QLatin1String("rounding"),
                       QLatin1String("minimumSpendMinor"), QLatin1String("excludedCategories")});
    EarningRules e;
    e.pointsPerUnit = r.integer32(o, path, QLatin1String("pointsPerUnit"), 0, 1'000'000);
    e.unitMinor = r.integer(o, path, QLatin1String("unitMinor"), 1, 1'000'000'000);
    e.rounding = static_cast<Rounding>(r.choice(
        o, path, QLatin1String("rounding"),
        {roundingName(Rounding::Floor), roundingName(Rounding::Nearest), roundingName(Rounding::Ceil)}));
    e.minimumSpendMinor = r.integer(o, path, QLatin1String("minimumSpendMinor"), 0, kMaxMinor);
    const QString listPath = Reader::join(path, QLatin1String("excludedCategories"));
    const QJsonArray categories = r.array(o, path, QLatin1String("excludedCategories"), false);
    for (qsizetype i = 0; i < categories.size() && !r.failed(); ++i) {
        const QString field = Reader::index(listPath, i);
        const QJsonValue v = categories.at(i);
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            r.fail(QCoreApplication::translate("LoyaltyRules", "%1 must be a category name").arg(field));
        } else if (e.excludedCategories.contains(v.toString())) {
            r.fail(QCoreApplication::translate("LoyaltyRules", "%1 repeats \"%2\"").arg(field, v.toString()));
        } else {
            e.excludedCategories << v.toString();
        }
    }
    return e;
}

// An optional whole number: absent gives 0 (rules written before the field existed).
int optionalCount(Reader &r, const QJsonObject &o, const QString &path, QLatin1String key, int max)
{
    return o.contains(key) ? r.integer32(o, path, key, 0, max) : 0;
}

// The first tier is where every member starts: it asks nothing.
void checkEntryTier(Reader &r, const Tier &tier, const QString &lp)
{
    if (tier.thresholdSpendMinor != 0) {
        r.fail(QCoreApplication::translate(
                   "LoyaltyRules",
                   "%1.thresholdSpendMinor must be 0: the first tier is the one every member starts in")
                   .arg(lp));
    } else if (tier.thresholdVisits != 0 || tier.maxDaysBetweenVisits != 0) {
        const QString field = tier.thresholdVisits != 0 ? QStringLiteral("thresholdVisits")
                                                        : QStringLiteral("maxDaysBetweenVisits");
        r.fail(QCoreApplication::translate(
                   "LoyaltyRules", "%1.%2 must be left out: the first tier is the one every member starts in")
                   .arg(lp, field));
    }
}

// A higher tier asks at least what the tier below asks, and more of something, so the tiers a member's
// record meets always run from the first tier up without a hole (tierEarned relies on it).
void checkHigherTier(Reader &r, const Tier &tier, const Tier &below, const QString &lp, const QString &bp)
{
    const bool visitsUsed = tier.thresholdVisits != 0 || below.thresholdVisits != 0 ||
                            tier.maxDaysBetweenVisits != 0 || below.maxDaysBetweenVisits != 0;
    const bool gapLooser =
        below.maxDaysBetweenVisits != 0 &&
        (tier.maxDaysBetweenVisits == 0 || tier.maxDaysBetweenVisits > below.maxDaysBetweenVisits);
    const bool gapStricter = !gapLooser && tier.maxDaysBetweenVisits != below.maxDaysBetweenVisits;
    const bool asksMore = tier.thresholdSpendMinor > below.thresholdSpendMinor ||
                          tier.thresholdVisits > below.thresholdVisits || gapStricter;
    if (!visitsUsed && !asksMore) {
        r.fail(QCoreApplication::translate(
                   "LoyaltyRules", "%1.thresholdSpendMinor must be higher than %2.thresholdSpendMinor")
                   .arg(lp, bp));
    } else if (tier.thresholdSpendMinor < below.thresholdSpendMinor) {
        r.fail(QCoreApplication::translate(
                   "LoyaltyRules", "%1.thresholdSpendMinor cannot be lower than %2.thresholdSpendMinor")
                   .arg(lp, bp));
    } else if (tier.thresholdVisits < below.thresholdVisits) {
        r.fail(QCoreApplication::translate("LoyaltyRules",
                                           "%1.thresholdVisits cannot be lower than %2.thresholdVisits")
                   .arg(lp, bp));
    } else if (gapLooser) {
        r.fail(QCoreApplication::translate(
                   "LoyaltyRules", "%1.maxDaysBetweenVisits must be set and at most %2.maxDaysBetweenVisits")
                   .arg(lp, bp));
    } else if (!asksMore) {
        r.fail(QCoreApplication::translate(
                   "LoyaltyRules",
                   "%1 must ask more than %2: a higher thresholdSpendMinor or thresholdVisits, or a shorter "
                   "maxDaysBetweenVisits")
                   .arg(lp, bp));
    }
}

Tier readTier(Reader &r, const QJsonObject &l, const QString &lp)
{
    r.onlyKnownFields(l, lp,
                      {QLatin1String("id"), QLatin1String("name"), QLatin1String("thresholdSpendMinor"),
                       QLatin1String("thresholdVisits"), QLatin1String("maxDaysBetweenVisits"),
                       QLatin1String("multiplierPercent"), QLatin1String("benefits")});
    Tier tier;
    tier.id = r.id(l, lp);
    tier.name = r.localized(l, lp, QLatin1String("name"), true, true);
    tier.thresholdSpendMinor = r.integer(l, lp, QLatin1String("thresholdSpendMinor"), 0, kMaxMinor);
    tier.thresholdVisits = optionalCount(r, l, lp, QLatin1String("thresholdVisits"), 100000);
    tier.maxDaysBetweenVisits = optionalCount(r, l, lp, QLatin1String("maxDaysBetweenVisits"), 3660);
    tier.multiplierPercent = r.multiplier(l, lp, QLatin1String("multiplierPercent"));
    tier.benefits = r.localized(l, lp, QLatin1String("benefits"), false, false);
    return tier;
}

TierRules readTiers(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("tiers");
    const QJsonObject o = r.object(root, {}, QLatin1String("tiers"));
    r.onlyKnownFields(o, path,
                      {QLatin1String("windowMonths"), QLatin1String("evaluationDayOfMonth"),
                       QLatin1String("graceDays"), QLatin1String("evaluationTime"),
                       QLatin1String("downgrade"), QLatin1String("levels")});
    TierRules t;
    t.windowMonths = r.integer32(o, path, QLatin1String("windowMonths"), 1, 120);
    // Days 29-31 are missing from some months; an evaluation must happen every month.
    t.evaluationDayOfMonth = r.integer32(o, path, QLatin1String("evaluationDayOfMonth"), 1, 28);
    t.graceDays = r.integer32(o, path, QLatin1String("graceDays"), 0, 3660);
    t.evaluationTime = r.timeOfDay(o, path, QLatin1String("evaluationTime"), TierRules{}.evaluationTime);
    if (o.contains(QLatin1String("downgrade"))) {
        t.downgrade = static_cast<TierRules::Downgrade>(r.choice(
            o, path, QLatin1String("downgrade"), {QStringLiteral("to_earned"), QStringLiteral("one_level")}));
    }
    const QString levelsPath = Reader::join(path, QLatin1String("levels"));
    const QJsonArray levels = r.array(o, path, QLatin1String("levels"), true);
    if (!r.failed() && levels.isEmpty())
        r.fail(QCoreApplication::translate("LoyaltyRules", "%1 needs at least one tier").arg(levelsPath));
    for (qsizetype i = 0; i < levels.size() && !r.failed(); ++i) {
        const QString lp = Reader::index(levelsPath, i);
        const Tier tier = readTier(r, r.asObject(levels.at(i), lp), lp);
        for (qsizetype j = 0; j < t.tiers.size() && !r.failed(); ++j) {
            if (t.tiers[j].id == tier.id) {
                r.fail(QCoreApplication::translate("LoyaltyRules", "%1.id \"%2\" is already used by %3")
                           .arg(lp, tier.id, Reader::index(levelsPath, j) + QStringLiteral(".id")));
            }
        }
        if (r.failed())
            break;
        if (i == 0)
            checkEntryTier(r, tier, lp);
        else
            checkHigherTier(r, tier, t.tiers.back(), lp, Reader::index(levelsPath, i - 1));
        t.tiers << tier;
    }
    return t;
}

QList<MemberDay> readMemberDays(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("memberDays");
    const QJsonArray days = r.array(root, {}, QLatin1String("memberDays"), false);
    QList<MemberDay> out;
    for (qsizetype i = 0; i < days.size() && !r.failed(); ++i) {
        const QString dp = Reader::index(path, i);
        const QJsonObject d = r.asObject(days.at(i), dp);
        r.onlyKnownFields(
            d, dp,
            {QLatin1String("weekday"), QLatin1String("dayOfMonth"), QLatin1String("multiplierPercent")});
        MemberDay day;
        const bool hasWeekday = d.contains(QLatin1String("weekday"));
        const bool hasDayOfMonth = d.contains(QLatin1String("dayOfMonth"));
        if (!r.failed() && hasWeekday == hasDayOfMonth) {
            r.fail(hasWeekday ? QCoreApplication::translate("LoyaltyRules",
                                                            "%1 must have weekday or dayOfMonth, not both")
                                    .arg(dp)
                              : QCoreApplication::translate(
                                    "LoyaltyRules",
                                    "%1 needs weekday (1 = Monday ... 7 = Sunday) or dayOfMonth (1-31)")
                                    .arg(dp));
        }
        if (hasWeekday)
            day.weekday = r.integer32(d, dp, QLatin1String("weekday"), 1, 7);
        if (hasDayOfMonth)
            day.dayOfMonth = r.integer32(d, dp, QLatin1String("dayOfMonth"), 1, 31);
        day.multiplierPercent = r.multiplier(d, dp, QLatin1String("multiplierPercent"));
        out << day;
    }
    return out;
}

BirthdayRules readBirthday(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("birthday");
    const QJsonObject o = r.object(root, {}, QLatin1String("birthday"));
    r.onlyKnownFields(
        o, path, {QLatin1String("window"), QLatin1String("multiplierPercent"), QLatin1String("giftPoints")});
    BirthdayRules b;
    b.window = static_cast<BirthdayWindow>(
        r.choice(o, path, QLatin1String("window"),
                 {windowName(BirthdayWindow::Day), windowName(BirthdayWindow::Week),
                  windowName(BirthdayWindow::Month)}));
    b.multiplierPercent = r.multiplier(o, path, QLatin1String("multiplierPercent"));
    b.giftPoints = r.integer32(o, path, QLatin1String("giftPoints"), 0, kMaxPoints);
    return b;
}

GiftRules readGifts(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("gifts");
    const QJsonObject o = r.object(root, {}, QLatin1String("gifts"));
    r.onlyKnownFields(o, path, {QLatin1String("welcomePoints"), QLatin1String("firstPurchasePoints")});
    GiftRules g;
    g.welcomePoints = r.integer32(o, path, QLatin1String("welcomePoints"), 0, kMaxPoints);
    g.firstPurchasePoints = r.integer32(o, path, QLatin1String("firstPurchasePoints"), 0, kMaxPoints);
    return g;
}

RedemptionRules readRedemption(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("redemption");
    const QJsonObject o = r.object(root, {}, QLatin1String("redemption"));
    r.onlyKnownFields(o, path,
                      {QLatin1String("minimumBalance"), QLatin1String("pointValueMinor"),
                       QLatin1String("pointsForDiscountStep"), QLatin1String("refundRestoresRedeemed"),
                       QLatin1String("confirmAbovePoints"), QLatin1String("catalogue")});
    RedemptionRules red;
    red.minimumBalance = r.integer32(o, path, QLatin1String("minimumBalance"), 0, kMaxPoints);
    // 0 = points cannot be taken as a discount, only for catalogue rewards.
    red.pointValueMinor = r.integer(o, path, QLatin1String("pointValueMinor"), 0, 1'000'000);
    red.pointsForDiscountStep = r.integer32(o, path, QLatin1String("pointsForDiscountStep"), 1, kMaxPoints);
    red.refundRestoresRedeemed = r.boolean(o, path, QLatin1String("refundRestoresRedeemed"));
    if (o.contains(QLatin1String("confirmAbovePoints"))) // optional: older documents keep their meaning
        red.confirmAbovePoints = r.integer32(o, path, QLatin1String("confirmAbovePoints"), 0, kMaxPoints);
    const QString cataloguePath = Reader::join(path, QLatin1String("catalogue"));
    const QJsonArray catalogue = r.array(o, path, QLatin1String("catalogue"), false);
    for (qsizetype i = 0; i < catalogue.size() && !r.failed(); ++i) {
        const QString rp = Reader::index(cataloguePath, i);
        const QJsonObject item = r.asObject(catalogue.at(i), rp);
        r.onlyKnownFields(item, rp,
                          {QLatin1String("id"), QLatin1String("name"), QLatin1String("costPoints"),
                           QLatin1String("limitPerDay")});
        Reward reward;
        reward.id = r.id(item, rp);
        for (qsizetype j = 0; j < red.catalogue.size() && !r.failed(); ++j) {
            if (red.catalogue[j].id == reward.id) {
                r.fail(QCoreApplication::translate("LoyaltyRules", "%1.id \"%2\" is already used by %3")
                           .arg(rp, reward.id, Reader::index(cataloguePath, j) + QStringLiteral(".id")));
            }
        }
        reward.name = r.localized(item, rp, QLatin1String("name"), true, true);
        reward.costPoints = r.integer32(item, rp, QLatin1String("costPoints"), 1, kMaxPoints);
        reward.limitPerDay = r.integer32(item, rp, QLatin1String("limitPerDay"), 0, 1000);
        red.catalogue << reward;
    }
    return red;
}

ExpiryRules readExpiry(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("expiry");
    const QJsonObject o = r.object(root, {}, QLatin1String("expiry"));
    r.onlyKnownFields(o, path,
                      {QLatin1String("months"), QLatin1String("warnDays"), QLatin1String("sweepTime")});
    ExpiryRules e;
    e.months = r.integer32(o, path, QLatin1String("months"), 0, 600);
    e.warnDays = r.integer32(o, path, QLatin1String("warnDays"), 0, 3660);
    e.sweepTime = r.timeOfDay(o, path, QLatin1String("sweepTime"), ExpiryRules{}.sweepTime);
    return e;
}

OfflineRules readOffline(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("offline");
    const QJsonObject o = r.object(root, {}, QLatin1String("offline"));
    r.onlyKnownFields(o, path, {QLatin1String("redemptionCapPoints")});
    OfflineRules off;
    off.redemptionCapPoints = r.integer32(o, path, QLatin1String("redemptionCapPoints"), 0, kMaxPoints);
    return off;
}

FigureRules readFigures(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("figures");
    // Optional: documents older than this section keep their meaning.
    if (!root.contains(QLatin1String("figures")))
        return {};
    const QJsonObject o = r.object(root, {}, QLatin1String("figures"));
    r.onlyKnownFields(o, path, {QLatin1String("chainView")});
    FigureRules f;
    if (o.contains(QLatin1String("chainView")))
        f.chainView = static_cast<FigureRules::ChainView>(
            r.choice(o, path, QLatin1String("chainView"),
                     {QStringLiteral("head_office"), QStringLiteral("managers")}));
    return f;
}

MemberRules readMembers(Reader &r, const QJsonObject &root)
{
    const QString path = QStringLiteral("members");
    if (!root.contains(QLatin1String("members"))) // optional, like "figures"
        return {};
    const QJsonObject o = r.object(root, {}, QLatin1String("members"));
    r.onlyKnownFields(o, path, {QLatin1String("oldPhoneDays")});
    MemberRules m;
    if (o.contains(QLatin1String("oldPhoneDays")))
        m.oldPhoneDays = r.integer32(o, path, QLatin1String("oldPhoneDays"), 0, 3660);
    return m;
}

QJsonObject localizedJson(const LocalizedText &t)
{
    return QJsonObject{{QStringLiteral("en"), t.en}, {QStringLiteral("zh"), t.zh}};
}

} // namespace

QString LocalizedText::text(const QString &language) const
{
    const bool chinese = language.startsWith(QLatin1String("zh"), Qt::CaseInsensitive);
    const QString &preferred = chinese ? zh : en;
    return preferred.isEmpty() ? (chinese ? en : zh) : preferred;
}

Result<LoyaltyRules> LoyaltyRules::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return makeError(
            ErrorCode::InvalidInput,
            QCoreApplication::translate("LoyaltyRules", "The rules are not valid JSON: %1 at character %2")
                .arg(parseError.errorString())
                .arg(parseError.offset));
    }
    if (!doc.isObject())
        return makeError(
            ErrorCode::InvalidInput,
            QCoreApplication::translate("LoyaltyRules", "The rules must be a JSON object ({...})"));
    const QJsonObject root = doc.object();

    Reader r;
    r.onlyKnownFields(root, {},
                      {QLatin1String("schema"), QLatin1String("version"), QLatin1String("currency"),
                       QLatin1String("earning"), QLatin1String("tiers"), QLatin1String("memberDays"),
                       QLatin1String("bonusStacking"), QLatin1String("birthday"), QLatin1String("gifts"),
                       QLatin1String("redemption"), QLatin1String("expiry"), QLatin1String("offline"),
                       QLatin1String("figures"), QLatin1String("members")});
    // The schema comes first: rules written for a newer program are reported as such, not as a list
    // of unknown fields.
    if (const auto schema = r.required(root, {}, QLatin1String("schema"))) {
        if (schema->toInteger(-1) != SchemaVersion) {
            return makeError(
                ErrorCode::InvalidInput,
                QCoreApplication::translate(
                    "LoyaltyRules",
                    "schema must be %1; these rules were written for another version of Counterpart")
                    .arg(SchemaVersion));
        }
    }
    if (r.failed())
        return r.error();

    LoyaltyRules rules;
    rules.version = r.string(root, {}, QLatin1String("version"), false);
    if (!r.failed() && rules.version.size() > 64)
        r.fail(QCoreApplication::translate("LoyaltyRules", "version must be at most 64 characters"));
    rules.currency = r.string(root, {}, QLatin1String("currency"), false);
    if (!r.failed()) {
        bool iso = rules.currency.size() == 3;
        for (const QChar c : std::as_const(rules.currency))
            iso = iso && c >= QLatin1Char('A') && c <= QLatin1Char('Z');
        if (!iso)
            r.fail(QCoreApplication::translate("LoyaltyRules",
                                               "currency must be a three-letter ISO 4217 code such as CNY"));
    }
    rules.earning = readEarning(r, root);
    rules.tiers = readTiers(r, root);
    rules.memberDays = readMemberDays(r, root);
    rules.bonusStacking = static_cast<BonusStacking>(
        r.choice(root, {}, QLatin1String("bonusStacking"),
                 {stackingName(BonusStacking::Highest), stackingName(BonusStacking::Multiply)}));
    rules.birthday = readBirthday(r, root);
    rules.gifts = readGifts(r, root);
    rules.redemption = readRedemption(r, root);
    rules.expiry = readExpiry(r, root);
    rules.offline = readOffline(r, root);
    rules.figures = readFigures(r, root);
    rules.members = readMembers(r, root);
    if (r.failed())
        return r.error();
    return rules;
}

namespace {

QJsonObject earningJson(const EarningRules &earning)
{
    QJsonArray excluded;
    for (const QString &c : earning.excludedCategories)
        excluded.append(c);
    return QJsonObject{
        {QStringLiteral("pointsPerUnit"), earning.pointsPerUnit},
        {QStringLiteral("unitMinor"), earning.unitMinor},
        {QStringLiteral("rounding"), roundingName(earning.rounding)},
        {QStringLiteral("minimumSpendMinor"), earning.minimumSpendMinor},
        {QStringLiteral("excludedCategories"), excluded},
    };
}

QJsonObject tiersJson(const TierRules &tiers)
{
    QJsonArray levels;
    for (const Tier &t : tiers.tiers) {
        levels.append(QJsonObject{
            {QStringLiteral("id"), t.id},
            {QStringLiteral("name"), localizedJson(t.name)},
            {QStringLiteral("thresholdSpendMinor"), t.thresholdSpendMinor},
            {QStringLiteral("multiplierPercent"), t.multiplierPercent},
            {QStringLiteral("benefits"), localizedJson(t.benefits)},
        });
        // Written only when asked, so a document without them reads the same in an older program.
        QJsonObject level = levels.last().toObject();
        if (t.thresholdVisits != 0)
            level.insert(QStringLiteral("thresholdVisits"), t.thresholdVisits);
        if (t.maxDaysBetweenVisits != 0)
            level.insert(QStringLiteral("maxDaysBetweenVisits"), t.maxDaysBetweenVisits);
        levels.replace(levels.size() - 1, level);
    }
    QJsonObject json{
        {QStringLiteral("windowMonths"), tiers.windowMonths},
        {QStringLiteral("evaluationDayOfMonth"), tiers.evaluationDayOfMonth},
        {QStringLiteral("graceDays"), tiers.graceDays},
        {QStringLiteral("levels"), levels},
    };
    // Written only when not the default, so a document without job times or a downgrade rule reads the
    // same in a program from before they existed.
    if (tiers.evaluationTime != TierRules{}.evaluationTime)
        json.insert(QStringLiteral("evaluationTime"), tiers.evaluationTime.toString(QStringLiteral("HH:mm")));
    if (tiers.downgrade == TierRules::Downgrade::OneLevel)
        json.insert(QStringLiteral("downgrade"), QStringLiteral("one_level"));
    return json;
}

QJsonObject expiryJson(const ExpiryRules &expiry)
{
    QJsonObject json{{QStringLiteral("months"), expiry.months},
                     {QStringLiteral("warnDays"), expiry.warnDays}};
    if (expiry.sweepTime != ExpiryRules{}.sweepTime)
        json.insert(QStringLiteral("sweepTime"), expiry.sweepTime.toString(QStringLiteral("HH:mm")));
    return json;
}

QJsonArray memberDaysJson(const QList<MemberDay> &memberDays)
{
    QJsonArray days;
    for (const MemberDay &d : memberDays) {
        QJsonObject day{{QStringLiteral("multiplierPercent"), d.multiplierPercent}};
        if (d.weekday)
            day.insert(QStringLiteral("weekday"), *d.weekday);
        if (d.dayOfMonth)
            day.insert(QStringLiteral("dayOfMonth"), *d.dayOfMonth);
        days.append(day);
    }
    return days;
}

QJsonObject redemptionJson(const RedemptionRules &redemption)
{
    QJsonArray catalogue;
    for (const Reward &rw : redemption.catalogue) {
        catalogue.append(QJsonObject{
            {QStringLiteral("id"), rw.id},
            {QStringLiteral("name"), localizedJson(rw.name)},
            {QStringLiteral("costPoints"), rw.costPoints},
            {QStringLiteral("limitPerDay"), rw.limitPerDay},
        });
    }
    QJsonObject out{{QStringLiteral("minimumBalance"), redemption.minimumBalance},
                    {QStringLiteral("pointValueMinor"), redemption.pointValueMinor},
                    {QStringLiteral("pointsForDiscountStep"), redemption.pointsForDiscountStep},
                    {QStringLiteral("refundRestoresRedeemed"), redemption.refundRestoresRedeemed},
                    {QStringLiteral("catalogue"), catalogue}};
    // Written only when set, so a till from before the field reads the document the chain sends.
    if (redemption.confirmAbovePoints != RedemptionRules::DefaultConfirmAbovePoints)
        out.insert(QStringLiteral("confirmAbovePoints"), redemption.confirmAbovePoints);
    return out;
}

} // namespace

QByteArray LoyaltyRules::toJson() const
{
    QJsonObject root{
        {QStringLiteral("schema"), SchemaVersion},
        {QStringLiteral("version"), version},
        {QStringLiteral("currency"), currency},
        {QStringLiteral("earning"), earningJson(earning)},
        {QStringLiteral("tiers"), tiersJson(tiers)},
        {QStringLiteral("memberDays"), memberDaysJson(memberDays)},
        {QStringLiteral("bonusStacking"), stackingName(bonusStacking)},
        {QStringLiteral("birthday"),
         QJsonObject{{QStringLiteral("window"), windowName(birthday.window)},
                     {QStringLiteral("multiplierPercent"), birthday.multiplierPercent},
                     {QStringLiteral("giftPoints"), birthday.giftPoints}}},
        {QStringLiteral("gifts"),
         QJsonObject{{QStringLiteral("welcomePoints"), gifts.welcomePoints},
                     {QStringLiteral("firstPurchasePoints"), gifts.firstPurchasePoints}}},
        {QStringLiteral("redemption"), redemptionJson(redemption)},
        {QStringLiteral("expiry"), expiryJson(expiry)},
        {QStringLiteral("offline"),
         QJsonObject{{QStringLiteral("redemptionCapPoints"), offline.redemptionCapPoints}}},
    };
    if (figures.chainView == FigureRules::ChainView::Managers) // written only when not the default
        root.insert(QStringLiteral("figures"),
                    QJsonObject{{QStringLiteral("chainView"), QStringLiteral("managers")}});
    if (members.oldPhoneDays != MemberRules::DefaultOldPhoneDays)
        root.insert(QStringLiteral("members"),
                    QJsonObject{{QStringLiteral("oldPhoneDays"), members.oldPhoneDays}});
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

LoyaltyRules LoyaltyRules::defaults()
{
    // Parsed once; the shipped document is part of the program, so a broken one is a build defect
    // that must stop the program (a test parses the same file) rather than run without rules.
    static const LoyaltyRules rules = [] {
        QFile file(QStringLiteral(":/counterpart/rules/default.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal(
                "The default loyalty rules are missing from the program (:/counterpart/rules/default.json)");
        Result<LoyaltyRules> parsed = fromJson(file.readAll());
        if (!parsed)
            qFatal("The shipped default loyalty rules are invalid: %s", qPrintable(parsed.error().message));
        return std::move(parsed).value();
    }();
    return rules;
}

bool TierRules::countsVisits() const
{
    return std::any_of(tiers.begin(), tiers.end(),
                       [](const Tier &t) { return t.thresholdVisits != 0 || t.maxDaysBetweenVisits != 0; });
}

const Tier *LoyaltyRules::tier(const QString &id) const
{
    for (const Tier &t : tiers.tiers) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

const Reward *LoyaltyRules::reward(const QString &id) const
{
    for (const Reward &r : redemption.catalogue) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

} // namespace counterpart
