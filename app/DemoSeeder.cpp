#include "app/DemoSeeder.h"

#include "app/SettingsService.h"
#include "app/Till.h"
#include "core/Loyalty.h"
#include "storage/Database.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <optional>

namespace counterpart {

namespace {

constexpr int MaxMembers = 1'000'000;
constexpr int MaxMonths = 120;
// Use cases per outer transaction: about 200 members' worth of activity.
constexpr int BatchOperations = 2000;
constexpr qint64 MinuteMs = 60'000;
constexpr qint64 DayMs = 86'400'000;

// QRandomGenerator with a seed gives the same numbers on every platform (std:: distributions do not).
class Rng
{
public:
    explicit Rng(quint32 seed)
        : m_gen(seed)
    {}
    int range(int lowest, int highest) // both included
    {
        return highest <= lowest ? lowest : int(m_gen.bounded(lowest, highest + 1));
    }
    bool percent(int p) { return int(m_gen.bounded(100)) < p; }
    double unit() { return m_gen.generateDouble(); }
    template<typename T>
    const T &pick(const QList<T> &list)
    {
        return list[range(0, int(list.size()) - 1)];
    }

private:
    QRandomGenerator m_gen;
};

// How a member shops. Visits are per month in tenths; prices are in whole currency units.
struct Profile {
    int weightPercent;
    int visitsLo10;
    int visitsHi10;
    int priceLo;
    int priceHi;
    int redeemPercent; // chance that a visit also spends points
};

const QList<Profile> &profiles()
{
    static const QList<Profile> all = {
        {55, 2, 6, 15, 150, 15},   // drops in now and then
        {27, 8, 16, 25, 400, 25},  // a regular
        {12, 25, 40, 40, 600, 25}, // frequent
        {6, 60, 90, 80, 800, 20},  // a big spender: reaches the top tier
    };
    return all;
}

const QList<QString> &surnames()
{
    static const QList<QString> all = [] {
        QList<QString> out;
        for (const QChar c : QStringLiteral("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"))
            out.append(QString(c));
        return out;
    }();
    return all;
}

QList<QString> split(const QString &words)
{
    return words.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

const QList<QString> &chineseGiven(bool female)
{
    static const QList<QString> women =
        split(QStringLiteral("芳 娜 敏 静 丽 艳 娟 霞 婷 雪 慧 琳 颖 欣怡 子涵 雨桐 梓萱 思雨 佳怡 诗涵 晓燕 "
                             "秀英 桂英 玉兰 美玲 倩 悦 一诺"));
    static const QList<QString> men =
        split(QStringLiteral("伟 强 磊 军 洋 勇 杰 涛 明 超 浩 鹏 子轩 浩然 宇轩 俊杰 志强 建华 建国 文博 "
                             "晨阳 家豪 天佑 博文 刚 斌 宇"));
    return female ? women : men;
}

const QList<QString> &englishGiven(bool female)
{
    static const QList<QString> women = split(QStringLiteral(
        "Emma Olivia Sophia Grace Chloe Lucy Hannah Amelia Mia Charlotte Isabella Ava Ella Zoe"));
    static const QList<QString> men = split(QStringLiteral(
        "James Oliver Henry Jack Daniel Lucas Samuel Thomas William Ethan Noah Leo Adam Ryan"));
    return female ? women : men;
}

const QList<QString> &englishSurnames()
{
    static const QList<QString> all = split(QStringLiteral(
        "Wilson Smith Brown Taylor Johnson Walker Clarke Hall Wright Green Evans Baker Turner Hughes Moore"));
    return all;
}

const QList<QString> &notes()
{
    static const QList<QString> all = {
        QStringLiteral("Prefers WeChat Pay"),
        QStringLiteral("Likes oat milk"),
        QStringLiteral("Call before 18:00"),
        QStringLiteral("喜欢无糖饮品"),
        QStringLiteral("周末常来"),
        QStringLiteral("Asks for a paper receipt"),
        QStringLiteral("Buys for the office"),
        QStringLiteral("会员日必到"),
    };
    return all;
}

const QList<QString> &refundReasons()
{
    static const QList<QString> all = {
        QStringLiteral("Returned item"),       QStringLiteral("Wrong size"),
        QStringLiteral("Damaged on delivery"), QStringLiteral("Changed their mind"),
        QStringLiteral("Price corrected"),
    };
    return all;
}

// Mobile prefixes in service in mainland China.
const QList<int> &mobilePrefixes()
{
    static const QList<int> all = {138, 139, 150, 186, 187, 135, 158, 136, 137, 151, 152, 159, 188, 182, 189};
    return all;
}

// A price between lo and hi (whole units), roughly log-uniform so small baskets are common and big
// ones rare, ending in .00, .50, .80 or .90 as shop prices do. Integers only.
qint64 priceMinor(Rng &rng, int lo, int hi)
{
    QList<int> edges{lo};
    while (edges.back() < hi)
        edges.append(qMin(hi, edges.back() * 3 / 2 + 1));
    const int band = rng.range(0, int(edges.size()) - 2);
    const int units = rng.range(edges[band], edges[band + 1]);
    static const QList<int> endings = {0, 0, 0, 50, 80, 90};
    return qint64(units) * 100 + (units < hi ? rng.pick(endings) : 0);
}

enum class Kind : quint8 { Register, Earn, Redeem, Refund, Monthly };

struct Event {
    qint64 atMs = 0;
    int member = -1;
    int purchase = -1;
    Kind kind = Kind::Register;
};

struct PlannedMember {
    RegisterRequest request;
    Uuid id;
    qint64 balance = 0;
    bool registered = false;
};

struct PlannedPurchase {
    int member = -1;
    qint64 amountMinor = 0;
    qint64 excludedMinor = 0;
    qint64 refundMinor = 0; // planned refund; the whole amount for a full refund
    QString reason;
    QString receipt; // given when the earn runs
    bool earned = false;
};

class Planner
{
public:
    Planner(const Till &till, qint64 nowMs, int months, quint32 seed)
        : m_rng(seed)
        , m_zone(till.config().timeZone)
        , m_evaluationDay(till.rules().tiers.evaluationDayOfMonth)
        , m_nowMs(nowMs)
        , m_today(QDateTime::fromMSecsSinceEpoch(nowMs, m_zone).date())
    {
        m_startMs = QDateTime::fromMSecsSinceEpoch(nowMs, m_zone).addMonths(-months).toMSecsSinceEpoch();
        m_startDate = QDateTime::fromMSecsSinceEpoch(m_startMs, m_zone).date();
        m_days = int(m_startDate.daysTo(m_today));
    }

    qint64 startMs() const { return m_startMs; }

    void plan(int count, QList<PlannedMember> &members, QList<PlannedPurchase> &purchases,
              QList<Event> &events)
    {
        members.reserve(count);
        for (int i = 0; i < count; ++i) {
            PlannedMember m;
            m.request = personRequest();
            const qint64 joinedAt = joinTime();
            members.append(m);
            events.append(Event{joinedAt, i, -1, Kind::Register});
            planVisits(i, joinedAt, purchases, events);
        }
        planMonthly(events);
    }

    // A fresh phone number this run has not handed out yet.
    QString phone()
    {
        while (true) {
            const int prefix = m_rng.pick(mobilePrefixes());
            const int rest = m_rng.range(0, 99'999'999);
            const qint64 number = qint64(prefix) * 100'000'000 + rest;
            if (m_phones.contains(number))
                continue;
            m_phones.insert(number);
            return QString::number(number);
        }
    }

private:
    RegisterRequest personRequest()
    {
        RegisterRequest r;
        const int g = m_rng.range(0, 99);
        const bool female = g < 52;
        r.gender = g < 52 ? QStringLiteral("female") : g < 96 ? QStringLiteral("male") : QString();
        if (m_rng.percent(80)) {
            r.name = m_rng.pick(surnames()) + m_rng.pick(chineseGiven(female));
        } else {
            r.name = m_rng.pick(englishGiven(female)) + QLatin1Char(' ') + m_rng.pick(englishSurnames());
        }
        r.phone = phone();
        r.marketingConsent = m_rng.percent(60);
        r.birthDate = birthDate();
        if (m_rng.percent(4))
            r.note = m_rng.pick(notes());
        r.channel = QStringLiteral("till");
        return r;
    }

    std::optional<QDate> birthDate()
    {
        const int kind = m_rng.range(0, 99);
        if (kind < 10)
            return std::nullopt; // did not say
        QDate monthDay;
        if (kind < 12)
            monthDay = m_today; // the demo shows a birthday today
        else if (kind < 17)
            monthDay = m_today.addDays(m_rng.range(-3, 3)); // and some this week
        else
            monthDay = QDate(2000, 1, 1).addDays(m_rng.range(0, 365)); // 2000 is a leap year
        int year = m_rng.range(1955, 2006);
        if (monthDay.month() == 2 && monthDay.day() == 29)
            year -= year % 4; // leap years in this range are the multiples of four
        return QDate(year, monthDay.month(), monthDay.day());
    }

    // A moment during opening hours (09:00-21:30) on `date`.
    qint64 shopTime(const QDate &date)
    {
        const qint64 minutes = 9 * 60 + m_rng.range(0, 12 * 60 + 30);
        return date.startOfDay(m_zone).toMSecsSinceEpoch() + minutes * MinuteMs + m_rng.range(0, 59) * 1000;
    }

    qint64 joinTime()
    {
        if (m_days <= 0)
            return m_nowMs - m_rng.range(60, 3600) * 1000LL;
        // Days before today only: a member joining "now" would have no history to show.
        return shopTime(m_startDate.addDays(m_rng.range(0, m_days - 1)));
    }

    const Profile &profile()
    {
        int r = m_rng.range(0, 99);
        for (const Profile &p : profiles()) {
            if (r < p.weightPercent)
                return p;
            r -= p.weightPercent;
        }
        return profiles().front();
    }

    void planVisits(int member, qint64 joinedAt, QList<PlannedPurchase> &purchases, QList<Event> &events)
    {
        const Profile &p = profile();
        // Mean days between visits: 30 / visits per month.
        const double meanGapDays = 300.0 / m_rng.range(p.visitsLo10, p.visitsHi10);
        const int redeemPercent = p.redeemPercent;
        auto addVisit = [&](qint64 at) {
            PlannedPurchase purchase;
            purchase.member = member;
            purchase.amountMinor = priceMinor(m_rng, p.priceLo, p.priceHi);
            if (m_rng.percent(4)) // tobacco or a gift card in the basket: earns nothing
                purchase.excludedMinor = qMin(purchase.amountMinor / 2, qint64(m_rng.range(20, 60)) * 100);
            if (m_rng.percent(3)) {
                const qint64 refundAt = at + m_rng.range(1, 10) * DayMs + m_rng.range(0, 8 * 60) * MinuteMs;
                if (refundAt < m_nowMs) {
                    purchase.refundMinor = m_rng.percent(60)
                                               ? purchase.amountMinor
                                               : purchase.amountMinor * m_rng.range(10, 70) / 100;
                    purchase.reason = m_rng.pick(refundReasons());
                    if (purchase.refundMinor > 0)
                        events.append(Event{refundAt, member, int(purchases.size()), Kind::Refund});
                }
            }
            events.append(Event{at, member, int(purchases.size()), Kind::Earn});
            if (m_rng.percent(redeemPercent))
                events.append(Event{at + 30'000, member, int(purchases.size()), Kind::Redeem});
            purchases.append(purchase);
        };

        // Most members join at the counter while paying.
        if (m_rng.percent(75))
            addVisit(joinedAt + m_rng.range(1, 5) * MinuteMs);
        QDate day = QDateTime::fromMSecsSinceEpoch(joinedAt, m_zone).date();
        while (true) {
            const double gap = -std::log(1.0 - m_rng.unit()) * meanGapDays;
            day = day.addDays(qMax(1, int(std::lround(gap))));
            if (day > m_today)
                break;
            const qint64 at = shopTime(day);
            if (at >= m_nowMs)
                break;
            addVisit(at);
        }
    }

    // Tier evaluation and the expiry sweep run at 03:00 on the rules' evaluation day every month.
    void planMonthly(QList<Event> &events)
    {
        for (QDate month(m_startDate.year(), m_startDate.month(), 1); month <= m_today;
             month = month.addMonths(1)) {
            const QDate day(month.year(), month.month(), qBound(1, m_evaluationDay, month.daysInMonth()));
            const qint64 at = day.startOfDay(m_zone).toMSecsSinceEpoch() + 3 * 60 * MinuteMs;
            if (at > m_startMs && at < m_nowMs)
                events.append(Event{at, -1, -1, Kind::Monthly});
        }
    }

    Rng m_rng;
    QTimeZone m_zone;
    int m_evaluationDay = 1;
    qint64 m_nowMs = 0;
    qint64 m_startMs = 0;
    QDate m_today;
    QDate m_startDate;
    int m_days = 0;
    QSet<qint64> m_phones;
};

// Tells the planned story in time order: each event runs its use case on the till at its moment, in
// batches of one outer transaction each, and the outcome is added up in report().
class Story
{
public:
    Story(Till &till, ManualClock &clock, Planner &planner, quint32 seed)
        : m_till(till)
        , m_clock(clock)
        , m_planner(planner)
        , m_decide(seed ^ 0x5eed5eedu)
        , m_zone(till.config().timeZone)
        , m_redemption(till.rules().redemption)
    {}

    SeedReport &report() { return m_report; }
    const QList<PlannedMember> &members() const { return m_members; }

    // Plans the whole story first, so the clock only moves forward as it is told.
    void plan(int members)
    {
        m_planner.plan(members, m_members, m_purchases, m_events);
        std::sort(m_events.begin(), m_events.end(), [](const Event &a, const Event &b) {
            if (a.atMs != b.atMs)
                return a.atMs < b.atMs;
            if (a.member != b.member)
                return a.member < b.member;
            if (a.kind != b.kind)
                return a.kind < b.kind;
            return a.purchase < b.purchase;
        });
    }

    int total() const { return int(m_events.size()); }

    Status tell(const std::function<bool(int done, int total)> &progress)
    {
        std::optional<Transaction> batch;
        int inBatch = 0;
        int done = 0;
        for (const Event &event : std::as_const(m_events)) {
            if (!batch) {
                batch.emplace(m_till.database());
                CP_TRY(batch->begin());
            }
            m_clock.setMs(event.atMs);
            CP_TRY(run(event));
            ++done;
            if (++inBatch >= BatchOperations) {
                CP_TRY(batch->commit());
                batch.reset();
                inBatch = 0;
                if (progress && !progress(done, total())) {
                    m_report.cancelled = true;
                    break;
                }
            }
        }
        if (batch) {
            CP_TRY(batch->commit());
            batch.reset();
        }
        return {};
    }

    // The monthly tier evaluation and expiry sweep.
    Status monthly()
    {
        auto expired = m_till.expirePoints();
        if (!expired)
            return expired.error();
        m_report.pointsExpired += expired->points;
        auto evaluated = m_till.evaluateTiers();
        if (!evaluated)
            return evaluated.error();
        return {};
    }

private:
    Status run(const Event &event)
    {
        switch (event.kind) {
        case Kind::Register:
            return registerMember(m_members[event.member]);
        case Kind::Earn:
            return earn(event.atMs, m_purchases[event.purchase]);
        case Kind::Redeem:
            return redeem(m_purchases[event.purchase]);
        case Kind::Refund:
            return refund(m_purchases[event.purchase]);
        case Kind::Monthly:
            return monthly();
        }
        return {};
    }

    Status registerMember(PlannedMember &m)
    {
        while (true) {
            auto registered = m_till.registerMember(m.request);
            if (registered) {
                m.id = registered->member.id;
                m.balance = registered->member.balance;
                m.registered = true;
                ++m_report.members;
                return {};
            }
            // The database already had this number (seeded before): take another one.
            if (registered.error().code != ErrorCode::Conflict)
                return registered.error();
            m.request.phone = m_planner.phone();
        }
    }

    // The next receipt number of `day` (numbering starts again each day).
    QString nextReceipt(const QDate &day)
    {
        if (day != m_receiptDay) {
            m_receiptDay = day;
            m_receiptCounter = 0;
        }
        return QLatin1Char('R') + day.toString(QStringLiteral("yyyyMMdd")) +
               QStringLiteral("%1").arg(++m_receiptCounter, 4, 10, QLatin1Char('0'));
    }

    Status earn(qint64 atMs, PlannedPurchase &p)
    {
        PlannedMember &m = m_members[p.member];
        if (!m.registered)
            return {};
        const QDate day = QDateTime::fromMSecsSinceEpoch(atMs, m_zone).date();
        EarnRequest request;
        request.member = m.id.toString();
        request.amountMinor = p.amountMinor;
        request.excludedMinor = p.excludedMinor;
        for (int attempt = 0;; ++attempt) {
            if (attempt > 100'000)
                return makeError(ErrorCode::Internal,
                                 DemoSeeder::tr("No free receipt number was found for %1.")
                                     .arg(day.toString(Qt::ISODate)));
            request.receipt = nextReceipt(day);
            auto earned = m_till.earn(request);
            if (earned) {
                p.receipt = request.receipt;
                p.earned = true;
                m.balance = earned->member.balance;
                ++m_report.purchases;
                m_report.spentMinor += p.amountMinor;
                m_report.pointsEarned += earned->totalPoints;
                return {};
            }
            // A receipt number used by an earlier seeding of this database: take the next one.
            if (earned.error().code != ErrorCode::Conflict)
                return earned.error();
        }
    }

    Status redeem(const PlannedPurchase &p)
    {
        PlannedMember &m = m_members[p.member];
        if (!p.earned || m.balance < m_redemption.minimumBalance)
            return {};
        QList<const Reward *> affordable;
        for (const Reward &r : m_redemption.catalogue) {
            if (r.costPoints <= m.balance)
                affordable.append(&r);
        }
        RedeemRequest request;
        request.member = m.id.toString();
        request.foundWith = m.request.phone; // made-up members are found by their number: nothing to ask
        request.receipt = p.receipt;
        const int step = qMax(1, m_redemption.pointsForDiscountStep);
        if (!affordable.isEmpty() && m_decide.percent(70))
            request.rewardId = m_decide.pick(affordable)->id;
        else if (m.balance >= step)
            request.discountPoints =
                qint64(step) * m_decide.range(1, int(qMin<qint64>(m.balance / step, 10)));
        else
            return {};
        auto redeemed = m_till.redeem(request);
        if (!redeemed) {
            // The rules said no (a reward's daily limit): the member pays without points.
            if (redeemed.error().code == ErrorCode::Refused)
                return {};
            return redeemed.error();
        }
        m.balance = redeemed->member.balance;
        ++m_report.redemptions;
        m_report.pointsRedeemed += redeemed->points;
        return {};
    }

    Status refund(const PlannedPurchase &p)
    {
        PlannedMember &m = m_members[p.member];
        if (!p.earned)
            return {};
        RefundRequest request;
        request.receipt = p.receipt;
        if (p.refundMinor < p.amountMinor)
            request.amountMinor = p.refundMinor;
        request.reason = p.reason;
        auto refunded = m_till.refund(request);
        if (!refunded) {
            if (refunded.error().code == ErrorCode::Refused)
                return {};
            return refunded.error();
        }
        m.balance = refunded->member.balance;
        ++m_report.refunds;
        return {};
    }

    Till &m_till;
    ManualClock &m_clock;
    Planner &m_planner;
    // Decisions taken as the story runs (which reward a balance buys) come from their own stream.
    Rng m_decide;
    QTimeZone m_zone;
    const RedemptionRules &m_redemption;
    QList<PlannedMember> m_members;
    QList<PlannedPurchase> m_purchases;
    QList<Event> m_events;
    QDate m_receiptDay;
    int m_receiptCounter = 0;
    SeedReport m_report;
};

// The seeded members by tier, and those whose birthday window is open today.
Status countMembers(Till &till, const QList<PlannedMember> &members, SeedReport &report)
{
    const QDate today = till.today();
    for (const PlannedMember &m : members) {
        if (!m.registered)
            continue;
        auto found = till.findById(m.id);
        if (!found)
            return found.error();
        if (!found->has_value())
            continue;
        const Member &member = found->value();
        ++report.membersByTier[member.tier];
        if (member.birthMonth && member.birthDay &&
            !birthdayPeriod(till.rules().birthday, *member.birthMonth, *member.birthDay, today).isEmpty())
            ++report.birthdaysThisWeek;
    }
    return {};
}

Status checkOptions(const Till &till, const ManualClock &clock, const SeedOptions &options)
{
    if (&till.clock() != &clock)
        return makeError(ErrorCode::Internal, DemoSeeder::tr("The till must run on the seeder's clock."));
    if (options.members < 0 || options.members > MaxMembers)
        return makeError(
            ErrorCode::InvalidInput,
            DemoSeeder::tr("The number of demo members must be between 0 and %1.").arg(MaxMembers));
    if (options.monthsOfHistory < 0 || options.monthsOfHistory > MaxMonths)
        return makeError(ErrorCode::InvalidInput,
                         DemoSeeder::tr("The history must be between 0 and %1 months.").arg(MaxMonths));
    return {};
}

} // namespace

Result<SeedReport> DemoSeeder::seed(Till &till, ManualClock &clock, const SeedOptions &options)
{
    CP_TRY(checkOptions(till, clock, options));
    // From the first made-up member on, this is a demo database (the till shows "Demo members").
    if (options.members > 0)
        CP_TRY(SettingsService(till.context()).markDemo());
    QElapsedTimer timer;
    timer.start();
    const qint64 nowMs = clock.nowMs();
    // Seeding is the system's work, whoever is logged in; the clock ends at "now" whatever happens.
    const Operator previous = till.currentOperator();
    till.setOperator(Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System});
    auto restore = qScopeGuard([&] {
        till.setOperator(previous);
        clock.setMs(nowMs);
    });

    Planner planner(till, nowMs, options.monthsOfHistory, options.randomSeed);
    Story story(till, clock, planner, options.randomSeed);
    story.plan(options.members);
    CP_TRY(story.tell(options.progress));
    SeedReport &report = story.report();
    clock.setMs(nowMs);
    if (!report.cancelled)
        CP_TRY(story.monthly());
    CP_TRY(countMembers(till, story.members(), report));
    if (options.progress && !report.cancelled)
        options.progress(story.total(), story.total());
    report.elapsedMs = timer.elapsed();
    return report;
}

} // namespace counterpart
