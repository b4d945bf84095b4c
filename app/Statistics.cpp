#include "app/Statistics.h"

#include "app/MemberCsv.h"
#include "app/TillContext.h"
#include "core/LedgerKind.h"
#include "core/Money.h"
#include "storage/Database.h"
#include "storage/MemberCounters.h"
#include "storage/TillQueries.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimeZone>

#include <algorithm>

namespace counterpart {

namespace {

constexpr int ExportPage = 500;

qint64 roundedAverage(qint64 total, qint64 count)
{
    if (count <= 0)
        return 0;
    const qint64 half = count / 2;
    return total >= 0 ? (total + half) / count : -((-total + half) / count);
}

// The (month, day) pairs of `days` days from `first`; a 29 February birthday is kept on 28 February in
// common years (core/Loyalty.h does the same for the birthday bonus).
QList<std::pair<int, int>> monthDays(const QDate &first, int days)
{
    QList<std::pair<int, int>> pairs;
    for (int i = 0; i < days; ++i) {
        const QDate d = first.addDays(i);
        pairs.append({d.month(), d.day()});
        if (d.month() == 2 && d.day() == 28 && !QDate::isLeapYear(d.year()))
            pairs.append({2, 29});
    }
    return pairs;
}

// The day in [first, first + days) that celebrates a birthday on (month, day), if any.
QDate birthdayIn(const QDate &first, int days, int month, int day)
{
    for (int i = 0; i < days; ++i) {
        const QDate d = first.addDays(i);
        if (d.month() == month && d.day() == day)
            return d;
        if (month == 2 && day == 29 && d.month() == 2 && d.day() == 28 && !QDate::isLeapYear(d.year()))
            return d;
    }
    return {};
}

std::optional<Segment> segmentOf(MemberList list)
{
    switch (list) {
    case MemberList::Champions:
        return Segment::Champions;
    case MemberList::Loyal:
        return Segment::Loyal;
    case MemberList::AtRisk:
        return Segment::AtRisk;
    case MemberList::Lost:
        return Segment::Lost;
    default:
        return std::nullopt;
    }
}

} // namespace

Statistics::Statistics(Till &till, const ListRules &rules)
    : m_till(till)
    , m_rules(rules)
{}

bool Statistics::chainViewAllowed() const
{
    return m_till.context().currentOperator().role == Role::System ||
           m_till.rules().figures.chainView == FigureRules::ChainView::Managers;
}

Status Statistics::setScope(StatsScope scope)
{
    if (scope == StatsScope::Chain && !chainViewAllowed())
        return makeError(ErrorCode::PermissionDenied,
                         tr("The whole chain's figures are for head office: the chain's rules let a store "
                            "manager see their own store's."));
    m_scope = scope;
    return {};
}

Status Statistics::requireManager(const std::optional<ManagerApproval> &approval)
{
    return m_till.context().requireManager(approval, tr("The manager's statistics"));
}

qint64 Statistics::dayStart(const QDate &date) const
{
    return m_till.context().dayStartMs(date);
}

qint64 Statistics::championMinSpendMinor() const
{
    if (m_rules.championMinSpendMinor)
        return *m_rules.championMinSpendMinor;
    const QList<Tier> &tiers = m_till.rules().tiers.tiers;
    return tiers.size() > 1 ? tiers.at(1).thresholdSpendMinor : 0;
}

// --- figures ------------------------------------------------------------------------------------------

Result<Dashboard> Statistics::dashboard(const QDate &from, const QDate &to,
                                        const std::optional<ManagerApproval> &approval)
{
    CP_TRY(requireManager(approval));
    if (!from.isValid() || !to.isValid() || from > to)
        return makeError(ErrorCode::InvalidInput, tr("Choose a first day that is not after the last day."));
    Database &db = m_till.database();
    // One snapshot: the sync thread may commit a page while the figures are read.
    ReadTransaction read(db);
    CP_TRY(read.begin());

    CP_TRY_ASSIGN(auto totals, stats().totals());

    Dashboard d;
    d.scope = m_scope;
    if (m_scope == StatsScope::Store)
        d.storeId = m_till.config().storeId;
    d.currency = m_till.config().currency;
    d.pointValueMinor = m_till.rules().redemption.pointValueMinor;
    CP_TRY_ASSIGN(d.current, computePeriod(from, to, totals));
    const int days = d.current.days;
    CP_TRY_ASSIGN(d.previous, computePeriod(from.addDays(-days), from.addDays(-1), totals));

    const LoyaltyRules &rules = m_till.rules();
    const QString language = m_till.config().language;
    QSet<QString> known;
    for (const Tier &tier : rules.tiers.tiers) {
        known.insert(tier.id);
        const qint64 n = totals.value(QStringLiteral("tier:") + tier.id).n;
        d.tiers.append(TierShare{tier.id, tier.name.text(language), n});
        d.activeMembers += n;
    }
    // Members still in a tier an older rules version had.
    for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
        if (!it.key().startsWith(QLatin1String("tier:")) || it.value().n == 0)
            continue;
        const QString id = it.key().mid(5);
        if (known.contains(id))
            continue;
        d.tiers.append(TierShare{id, id, it.value().n});
        d.activeMembers += it.value().n;
    }

    CP_TRY_ASSIGN(d.trend, computeTrend(to, TrendDays));
    return d;
}

Result<PeriodFigures> Statistics::period(const QDate &from, const QDate &to,
                                         const std::optional<ManagerApproval> &approval)
{
    CP_TRY(requireManager(approval));
    if (!from.isValid() || !to.isValid() || from > to)
        return makeError(ErrorCode::InvalidInput, tr("Choose a first day that is not after the last day."));
    CP_TRY_ASSIGN(auto totals, stats().totals());
    return computePeriod(from, to, totals);
}

namespace {

void addGift(PeriodFigures &f, const QString &gift, qint64 n)
{
    if (gift == QLatin1String("welcome"))
        f.giftsWelcome += n;
    else if (gift == QLatin1String("first_purchase"))
        f.giftsFirstPurchase += n;
    else if (gift == QLatin1String("birthday"))
        f.giftsBirthday += n;
    // birthday_bonus marks the year's birthday multiplier as used: a bonus, not a gift.
}

// "tier:<from>><to>": up or down by the rules' order of tiers.
void addTierChange(PeriodFigures &f, const QString &fromTo, qint64 n, const LoyaltyRules &rules)
{
    const QStringList tiers = fromTo.split(QLatin1Char('>'));
    if (tiers.size() != 2)
        return;
    if (tierRank(rules, tiers[1]) > tierRank(rules, tiers[0]))
        f.upgrades += n;
    else
        f.downgrades += n;
}

// One row of the daily sums, added to the figures it feeds.
void addMetric(PeriodFigures &f, const QString &metric, const StatsSum &s, const LoyaltyRules &rules)
{
    if (metric.startsWith(QLatin1String("member.new:"))) {
        f.addNewMembers(QStringView(metric).mid(11), s.n);
    } else if (metric == QLatin1String("sales")) {
        f.visits += s.n;
        f.salesMinor += s.amount;
    } else if (metric == QLatin1String("sales.refunded")) {
        f.refundedMinor += s.amount;
    } else if (metric.startsWith(QLatin1String("points:")) && metric.size() > 8) {
        f.addPoints(QStringView(metric).mid(7, metric.size() - 8), metric.endsWith(QLatin1Char('-')),
                    s.amount);
    } else if (metric.startsWith(QLatin1String("gift:"))) {
        addGift(f, metric.mid(5), s.n);
    } else if (metric.startsWith(QLatin1String("tier:"))) {
        addTierChange(f, metric.mid(5), s.n, rules);
    }
}

} // namespace

Result<PeriodFigures> Statistics::computePeriod(const QDate &from, const QDate &to, const StatsSums &totals)
{
    PeriodFigures f;
    f.from = from;
    f.to = to;
    f.days = int(from.daysTo(to)) + 1;
    f.fromMs = dayStart(from);
    f.toMs = dayStart(to.addDays(1));

    StatsStore stats = this->stats();
    CP_TRY_ASSIGN(auto sums, stats.sums(f.fromMs, f.toMs));
    const LoyaltyRules &rules = m_till.rules();
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        addMetric(f, it.key(), it.value(), rules);
    f.salesMinor -= f.refundedMinor;
    f.averageTicketMinor = roundedAverage(f.salesMinor, f.visits);
    f.giftsGranted = f.giftsWelcome + f.giftsFirstPurchase + f.giftsBirthday;

    CP_TRY_ASSIGN(auto later, stats.pointsSince(f.toMs));
    f.outstandingPoints = totals.value(QStringLiteral("points")).amount - later;
    f.outstandingWorthMinor = f.outstandingPoints * rules.redemption.pointValueMinor;

    CP_TRY_ASSIGN(auto visitors, stats.visitors(f.fromMs, f.toMs));
    f.visitingMembers = visitors.members;
    f.returningMembers = visitors.members - visitors.joinedInPeriod;
    return f;
}

Result<QList<DayFigures>> Statistics::computeTrend(const QDate &last, int days)
{
    QList<DayFigures> trend;
    QList<qint64> starts; // starts[i] = start of day i; starts[days] = end of the last day
    const QDate first = last.addDays(-(days - 1));
    for (int i = 0; i <= days; ++i) {
        starts.append(dayStart(first.addDays(i)));
        if (i < days) {
            DayFigures d;
            d.date = first.addDays(i);
            trend.append(d);
        }
    }
    CP_TRY(stats().forEachBucket(
        starts.front(), starts.back(), [&](qint64 bucket, const QString &metric, const StatsSum &s) {
            const auto it = std::upper_bound(starts.cbegin(), starts.cend(), bucket);
            const qsizetype day = qsizetype(it - starts.cbegin()) - 1;
            if (day < 0 || day >= trend.size())
                return;
            DayFigures &d = trend[day];
            if (metric.startsWith(QLatin1String("member.new:"))) {
                d.newMembers += s.n;
            } else if (metric == QLatin1String("sales")) {
                d.visits += s.n;
                d.salesMinor += s.amount;
            } else if (metric == QLatin1String("sales.refunded")) {
                d.salesMinor -= s.amount;
            } else if (metric.startsWith(QLatin1String("points:")) && metric.size() > 8) {
                const QString kind = metric.mid(7, metric.size() - 8);
                const PointsUse use = pointsUse(kind, metric.endsWith(QLatin1Char('-')));
                if (use == PointsUse::Issued || use == PointsUse::Gift)
                    d.pointsIssued += s.amount;
                else if (use == PointsUse::Redeemed)
                    d.pointsRedeemed -= s.amount;
            }
        }));
    return trend;
}

Result<StatsVerifyReport> Statistics::verify()
{
    return StatsStore(m_till.database()).verify();
}

Status Statistics::rebuild(const std::optional<ManagerApproval> &approval)
{
    QString approvedBy;
    CP_TRY(m_till.context().requireManager(approval, tr("Rebuilding the statistics"), &approvedBy));
    Transaction tx(m_till.database());
    CP_TRY(tx.begin());
    CP_TRY(StatsStore(m_till.database()).rebuild());
    // The segments read the members' visits and last visits: mended with the aggregates.
    CP_TRY_ASSIGN(auto counters, MemberCounters(m_till.database()).repair(0));
    CP_TRY(m_till.context().audit(QStringLiteral("stats.rebuild"), std::nullopt, {}, approvedBy,
                                  QJsonObject{{QStringLiteral("memberCounters"), counters.mismatchCount}}));
    return tx.commit();
}

QJsonObject Statistics::toJson(const PeriodFigures &f)
{
    return QJsonObject{
        {QStringLiteral("from"), f.from.toString(Qt::ISODate)},
        {QStringLiteral("to"), f.to.toString(Qt::ISODate)},
        {QStringLiteral("days"), f.days},
        {QStringLiteral("fromUtc"), QDateTime::fromMSecsSinceEpoch(f.fromMs, Qt::UTC).toString(Qt::ISODate)},
        {QStringLiteral("toUtc"), QDateTime::fromMSecsSinceEpoch(f.toMs, Qt::UTC).toString(Qt::ISODate)},
        {QStringLiteral("newMembers"), f.newMembers},
        {QStringLiteral("newMembersByChannel"), QJsonObject{{QStringLiteral("till"), f.newMembersTill},
                                                            {QStringLiteral("online"), f.newMembersOnline},
                                                            {QStringLiteral("import"), f.newMembersImport}}},
        {QStringLiteral("visits"), f.visits},
        {QStringLiteral("visitingMembers"), f.visitingMembers},
        {QStringLiteral("returningMembers"), f.returningMembers},
        {QStringLiteral("salesMinor"), f.salesMinor},
        {QStringLiteral("refundedMinor"), f.refundedMinor},
        {QStringLiteral("averageTicketMinor"), f.averageTicketMinor},
        {QStringLiteral("pointsIssued"), f.pointsIssued},
        {QStringLiteral("pointsGifts"), f.pointsGifts},
        {QStringLiteral("pointsRedeemed"), f.pointsRedeemed},
        {QStringLiteral("pointsExpired"), f.pointsExpired},
        {QStringLiteral("pointsAdjusted"), f.pointsAdjusted},
        {QStringLiteral("outstandingPoints"), f.outstandingPoints},
        {QStringLiteral("outstandingWorthMinor"), f.outstandingWorthMinor},
        {QStringLiteral("giftsGranted"), f.giftsGranted},
        {QStringLiteral("giftsByKind"), QJsonObject{{QStringLiteral("welcome"), f.giftsWelcome},
                                                    {QStringLiteral("firstPurchase"), f.giftsFirstPurchase},
                                                    {QStringLiteral("birthday"), f.giftsBirthday}}},
        {QStringLiteral("upgrades"), f.upgrades},
        {QStringLiteral("downgrades"), f.downgrades},
    };
}

QJsonObject Statistics::toJson(const Dashboard &d)
{
    QJsonArray tiers;
    for (const TierShare &t : d.tiers)
        tiers.append(QJsonObject{{QStringLiteral("tier"), t.tierId},
                                 {QStringLiteral("name"), t.name},
                                 {QStringLiteral("members"), t.members}});
    QJsonArray trend;
    for (const DayFigures &day : d.trend)
        trend.append(QJsonObject{{QStringLiteral("date"), day.date.toString(Qt::ISODate)},
                                 {QStringLiteral("newMembers"), day.newMembers},
                                 {QStringLiteral("visits"), day.visits},
                                 {QStringLiteral("salesMinor"), day.salesMinor},
                                 {QStringLiteral("pointsIssued"), day.pointsIssued},
                                 {QStringLiteral("pointsRedeemed"), day.pointsRedeemed}});
    return QJsonObject{{QStringLiteral("scope"),
                        d.scope == StatsScope::Store ? QStringLiteral("store") : QStringLiteral("chain")},
                       {QStringLiteral("store"), d.storeId},
                       {QStringLiteral("currency"), d.currency},
                       {QStringLiteral("pointValueMinor"), d.pointValueMinor},
                       {QStringLiteral("current"), toJson(d.current)},
                       {QStringLiteral("previous"), toJson(d.previous)},
                       {QStringLiteral("activeMembers"), d.activeMembers},
                       {QStringLiteral("tiers"), tiers},
                       {QStringLiteral("trend"), trend}};
}

// --- lists --------------------------------------------------------------------------------------------

std::optional<double> Statistics::percentChange(qint64 now, qint64 before)
{
    if (before == 0)
        return std::nullopt;
    return 100.0 * double(now - before) / double(before < 0 ? -before : before);
}

QString Statistics::listId(MemberList list)
{
    switch (list) {
    case MemberList::Champions:
        return QStringLiteral("champions");
    case MemberList::Loyal:
        return QStringLiteral("loyal");
    case MemberList::AtRisk:
        return QStringLiteral("at_risk");
    case MemberList::Lost:
        return QStringLiteral("lost");
    case MemberList::ExpiringPoints:
        return QStringLiteral("expiring_points");
    case MemberList::Birthdays:
        return QStringLiteral("birthdays");
    case MemberList::NewNotBack:
        return QStringLiteral("new_not_back");
    }
    return {};
}

std::optional<MemberList> Statistics::listFromId(const QString &id)
{
    for (MemberList list : allLists()) {
        if (listId(list) == id)
            return list;
    }
    return std::nullopt;
}

QString Statistics::listTitle(MemberList list)
{
    switch (list) {
    case MemberList::Champions:
        return tr("Champions");
    case MemberList::Loyal:
        return tr("Loyal");
    case MemberList::AtRisk:
        return tr("At risk");
    case MemberList::Lost:
        return tr("Lost");
    case MemberList::ExpiringPoints:
        return tr("Points expiring in 30 days");
    case MemberList::Birthdays:
        return tr("Birthdays this week");
    case MemberList::NewNotBack:
        return tr("New, not back yet");
    }
    return {};
}

QList<MemberList> Statistics::allLists()
{
    return {MemberList::Champions,      MemberList::Loyal,     MemberList::AtRisk,    MemberList::Lost,
            MemberList::ExpiringPoints, MemberList::Birthdays, MemberList::NewNotBack};
}

SegmentThresholds Statistics::thresholds(const QDate &asOf) const
{
    SegmentThresholds t;
    t.endMs = dayStart(asOf.addDays(1));
    t.spendSinceMs = dayStart(asOf.addDays(1).addMonths(-m_till.rules().tiers.windowMonths));
    t.championSinceMs = dayStart(asOf.addDays(-(m_rules.championDays - 1)));
    t.championMinVisits = m_rules.championMinVisits;
    t.championMinSpendMinor = championMinSpendMinor();
    t.loyalSinceMs = dayStart(asOf.addDays(-(m_rules.loyalDays - 1)));
    t.loyalMinVisits = m_rules.loyalMinVisits;
    t.atRiskSinceMs = dayStart(asOf.addDays(-(m_rules.atRiskDays - 1)));
    t.atRiskMinVisits = m_rules.atRiskMinVisits;
    return t;
}

ListMember Statistics::toListMember(const StatsMemberRow &row) const
{
    ListMember m;
    m.id = row.id;
    auto code = MemberCode::parse(row.code);
    m.code = code ? code->grouped() : row.code;
    m.name = row.name;
    m.phone = row.phone;
    m.phoneDisplay = PhoneNumber::fromE164(row.phone).formatted(m_till.config().region);
    m.tierId = row.tier;
    const Tier *tier = m_till.rules().tier(row.tier);
    m.tierName = tier ? tier->name.text(m_till.config().language) : row.tier;
    m.balance = row.balance;
    m.joined = m_till.localDate(row.createdAtMs);
    if (row.lastVisitAtMs)
        m.lastVisit = m_till.localDate(*row.lastVisitAtMs);
    m.visits = row.visits;
    m.spendMinor = row.spendMinor;
    return m;
}

Result<ListPage> Statistics::list(MemberList which, const QDate &asOf, int offset, int limit,
                                  const std::optional<ManagerApproval> &approval)
{
    CP_TRY(requireManager(approval));
    return listPage(which, asOf, offset, limit);
}

Result<ListPage> Statistics::listPage(MemberList which, const QDate &asOf, int offset, int limit)
{
    limit = qMax(1, limit);
    offset = qMax(0, offset);
    if (const auto segment = segmentOf(which)) {
        CP_TRY_ASSIGN(auto rows, stats().segmentMembers(*segment, thresholds(asOf), offset, limit + 1));
        ListPage page;
        page.more = rows.size() > limit;
        for (int i = 0; i < qMin<qsizetype>(limit, rows.size()); ++i)
            page.rows.append(toListMember(rows.at(i)));
        page.nextOffset = offset + int(page.rows.size());
        return page;
    }
    switch (which) {
    case MemberList::ExpiringPoints:
        return expiringPage(asOf, offset, limit, nullptr);
    case MemberList::Birthdays:
        return birthdayPage(asOf, offset, limit);
    case MemberList::NewNotBack: {
        CP_TRY_ASSIGN(auto rows, stats().joinedNotBack(dayStart(asOf.addDays(-m_rules.notBackFromDays)),
                                                       dayStart(asOf.addDays(-m_rules.notBackToDays + 1)),
                                                       m_rules.backAfterMs, offset, limit + 1));
        ListPage page;
        page.more = rows.size() > limit;
        for (int i = 0; i < qMin<qsizetype>(limit, rows.size()); ++i)
            page.rows.append(toListMember(rows.at(i)));
        page.nextOffset = offset + int(page.rows.size());
        return page;
    }
    default:
        break;
    }
    return makeError(ErrorCode::Internal, tr("Unknown list."));
}

Result<ListPage> Statistics::expiringPage(const QDate &asOf, int offset, int limit, ListSummary *summary)
{
    const qint64 now = m_till.clock().nowMs();
    // From now when the list is for today; from the start of the day otherwise.
    const qint64 after = asOf == m_till.today() ? now : dayStart(asOf);
    const qint64 until = dayStart(asOf.addDays(m_rules.expiringDays + 1));
    StatsStore stats = this->stats();
    TillQueries queries(m_till.database());
    CP_TRY_ASSIGN(auto candidates, stats.expiringCandidates(after, until));
    const qint64 pointValue = m_till.rules().redemption.pointValueMinor;
    ListPage page;
    int i = offset;
    for (; i < candidates.size(); ++i) {
        if (!summary && page.rows.size() >= limit)
            break;
        const qint64 localId = candidates.at(i).first;
        QList<PointsLot> lots;
        QList<PointsDebit> debits;
        CP_TRY(queries.lotsAndDebits(localId, lots, debits));
        const QList<LotRemainder> remaining = remainingLots(lots, debits);
        const qint64 points = expiringPoints(remaining, after, until);
        if (points <= 0)
            continue;
        CP_TRY_ASSIGN(auto row, stats.member(localId));
        if (!row.has_value())
            continue; // merged or closed
        if (summary) {
            ++summary->members;
            summary->points += points;
            summary->worthMinor += points * pointValue;
            continue;
        }
        ListMember m = toListMember(row.value());
        m.expiringPoints = points;
        m.expiringWorthMinor = points * pointValue;
        qint64 first = 0;
        for (const LotRemainder &r : remaining) {
            if (r.remaining > 0 && r.expiresAtMs > after && r.expiresAtMs <= until &&
                (first == 0 || r.expiresAtMs < first))
                first = r.expiresAtMs;
        }
        m.expiresOn = m_till.localDate(first);
        page.rows.append(m);
    }
    page.nextOffset = i;
    page.more = i < candidates.size();
    return page;
}

Result<ListPage> Statistics::birthdayPage(const QDate &asOf, int offset, int limit)
{
    CP_TRY_ASSIGN(auto rows, stats().birthdays(monthDays(asOf, m_rules.birthdayDays)));
    // Sorted by day on the raw rows; only the page is formatted (phone formatting is the slow part).
    QList<std::pair<QDate, qsizetype>> order;
    order.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const StatsMemberRow &row = rows.at(i);
        const QDate day =
            birthdayIn(asOf, m_rules.birthdayDays, row.birthMonth.value_or(0), row.birthDay.value_or(0));
        if (day.isValid())
            order.append({day, i});
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    ListPage page;
    for (qsizetype i = offset; i < order.size() && page.rows.size() < limit; ++i) {
        ListMember m = toListMember(rows.at(order[i].second));
        m.birthday = order[i].first;
        page.rows.append(m);
    }
    page.nextOffset = offset + int(page.rows.size());
    page.more = page.nextOffset < order.size();
    return page;
}

Result<ListSummary> Statistics::summary(MemberList which, const QDate &asOf,
                                        const std::optional<ManagerApproval> &approval)
{
    CP_TRY(requireManager(approval));
    ListSummary s;
    s.list = which;
    StatsStore stats = this->stats();
    if (const auto segment = segmentOf(which)) {
        CP_TRY_ASSIGN(auto n, stats.segmentCount(*segment, thresholds(asOf)));
        s.members = n;
        return s;
    }
    switch (which) {
    case MemberList::ExpiringPoints: {
        CP_TRY(expiringPage(asOf, 0, 0, &s));
        return s;
    }
    case MemberList::Birthdays: {
        CP_TRY_ASSIGN(auto rows, stats.birthdays(monthDays(asOf, m_rules.birthdayDays)));
        for (const StatsMemberRow &row : rows) {
            if (birthdayIn(asOf, m_rules.birthdayDays, row.birthMonth.value_or(0), row.birthDay.value_or(0))
                    .isValid())
                ++s.members;
        }
        return s;
    }
    case MemberList::NewNotBack: {
        CP_TRY_ASSIGN(auto n, stats.joinedNotBackCount(dayStart(asOf.addDays(-m_rules.notBackFromDays)),
                                                       dayStart(asOf.addDays(-m_rules.notBackToDays + 1)),
                                                       m_rules.backAfterMs));
        s.members = n;
        return s;
    }
    default:
        break;
    }
    return makeError(ErrorCode::Internal, tr("Unknown list."));
}

QStringList Statistics::csvColumns(MemberList list)
{
    QStringList columns = {QStringLiteral("code"),       QStringLiteral("name"),   QStringLiteral("phone"),
                           QStringLiteral("phone_e164"), QStringLiteral("tier"),   QStringLiteral("balance"),
                           QStringLiteral("last_visit"), QStringLiteral("visits"), QStringLiteral("joined")};
    switch (list) {
    case MemberList::Champions:
    case MemberList::Loyal:
    case MemberList::AtRisk:
    case MemberList::Lost:
        columns << QStringLiteral("spend");
        break;
    case MemberList::ExpiringPoints:
        columns << QStringLiteral("expiring_points") << QStringLiteral("expiring_worth")
                << QStringLiteral("expires_on");
        break;
    case MemberList::Birthdays:
        columns << QStringLiteral("birthday");
        break;
    case MemberList::NewNotBack:
        break;
    }
    return columns;
}

QStringList Statistics::csvRow(MemberList list, const ListMember &m) const
{
    const QString currency = m_till.config().currency;
    const auto date = [](const QDate &d) { return d.isValid() ? d.toString(Qt::ISODate) : QString(); };
    QStringList fields = {
        m.code,        Csv::escapeFormula(m.name), m.phoneDisplay,    Csv::escapeFormula(m.phone),
        m.tierName,    QString::number(m.balance), date(m.lastVisit), QString::number(m.visits),
        date(m.joined)};
    switch (list) {
    case MemberList::Champions:
    case MemberList::Loyal:
    case MemberList::AtRisk:
    case MemberList::Lost:
        fields << Money(m.spendMinor, currency).toPlainString();
        break;
    case MemberList::ExpiringPoints:
        fields << QString::number(m.expiringPoints) << Money(m.expiringWorthMinor, currency).toPlainString()
               << date(m.expiresOn);
        break;
    case MemberList::Birthdays:
        fields << date(m.birthday);
        break;
    case MemberList::NewNotBack:
        break;
    }
    return fields;
}

Result<qint64> Statistics::exportCsv(MemberList which, const QDate &asOf, QIODevice &out,
                                     const std::function<bool(qint64 done)> &progress,
                                     const std::optional<ManagerApproval> &approval)
{
    QString approvedBy;
    CP_TRY(m_till.context().requireManager(approval, tr("Exporting a member list"), &approvedBy));
    Database &db = m_till.database();
    qint64 written = 0;
    {
        // One snapshot, without holding up the till's writes (WAL).
        ReadTransaction read(db);
        CP_TRY(read.begin());
        // A byte-order mark, so spreadsheets read Chinese names as UTF-8.
        CP_TRY(Csv::write(out, QString(QChar(0xFEFF)) + Csv::line(csvColumns(which))));
        int offset = 0;
        while (true) {
            CP_TRY_ASSIGN(auto page, listPage(which, asOf, offset, ExportPage));
            QString text;
            for (const ListMember &m : page.rows)
                text += Csv::line(csvRow(which, m));
            CP_TRY(Csv::write(out, text));
            written += page.rows.size();
            if (progress && !progress(written))
                return makeError(ErrorCode::Refused, tr("The export was cancelled."));
            if (!page.more)
                break;
            offset = page.nextOffset;
        }
    }
    // Full phone numbers left the till: say who took them, and how many.
    Transaction tx(db);
    CP_TRY(tx.begin());
    CP_TRY(m_till.context().audit(
        QStringLiteral("stats.export"), std::nullopt, {}, approvedBy,
        QJsonObject{{QStringLiteral("list"), listId(which)}, {QStringLiteral("members"), written}}));
    CP_TRY(tx.commit());
    return written;
}

} // namespace counterpart
