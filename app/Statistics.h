#pragma once

// The store manager's figures and lists (docs/statistics.md). Everything is read from the till's own
// database, so it works offline and includes what sync brought from the store's other tills. Days are
// the store's days (TillConfig::timeZone), 23 or 25 hours long across a daylight-saving change.
// Manager only: the figures are the store's business and the lists carry members' full phone numbers.

#include "app/Till.h"
#include "core/Figures.h"
#include "storage/StatsStore.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

namespace counterpart {

// One period of local days [from, to], both included.
struct PeriodFigures : FigureCounts {
    QDate from;
    QDate to;
    qint64 fromMs = 0; // start of `from` in the store's zone
    qint64 toMs = 0;   // start of the day after `to`
    int days = 0;

    qint64 returningMembers = 0; // of the visiting members, those who joined before the period
    qint64 averageTicketMinor = 0;

    qint64 outstandingPoints = 0; // every member's balance added up, at the end of the period
    qint64 outstandingWorthMinor = 0;

    qint64 giftsGranted = 0; // welcome + first purchase + birthday gifts
    qint64 giftsWelcome = 0;
    qint64 giftsFirstPurchase = 0;
    qint64 giftsBirthday = 0;

    qint64 upgrades = 0;
    qint64 downgrades = 0;
};

struct TierShare {
    QString tierId;
    QString name; // in the till's language
    qint64 members = 0;
};

// One local day of the trend charts.
struct DayFigures {
    QDate date;
    qint64 newMembers = 0;
    qint64 visits = 0;
    qint64 salesMinor = 0;
    qint64 pointsIssued = 0;
    qint64 pointsRedeemed = 0;
};

struct Dashboard {
    StatsScope scope = StatsScope::Store;
    QString storeId; // the store's figures: its id; the chain's: empty
    PeriodFigures current;
    PeriodFigures previous; // as many days, just before
    QList<TierShare> tiers; // active members per tier, entry tier first, now
    qint64 activeMembers = 0;
    QList<DayFigures> trend; // TrendDays days ending with current.to
    QString currency;
    qint64 pointValueMinor = 1;
};

// The lists a manager acts on.
enum class MemberList { Champions, Loyal, AtRisk, Lost, ExpiringPoints, Birthdays, NewNotBack };

struct ListMember {
    Uuid id;
    QString code; // grouped: "1234 5678 9012"
    QString name;
    QString phone;        // E.164
    QString phoneDisplay; // as dialled in the store's region
    QString tierId;
    QString tierName;
    qint64 balance = 0;
    QDate joined;
    QDate lastVisit; // invalid: never bought
    int visits = 0;
    qint64 spendMinor = 0;     // segments: net spend in the tier window
    qint64 expiringPoints = 0; // expiring points list
    qint64 expiringWorthMinor = 0;
    QDate expiresOn; // the first of those points expire at the end of this day
    QDate birthday;  // birthdays list: this year's (or next year's) birthday
};

struct ListPage {
    QList<ListMember> rows;
    int nextOffset = 0; // where the next page starts (the expiring list skips members with nothing left)
    bool more = false;
};

// How many members are in each list; the expiring list also says how many points and what they are
// worth. Reads every candidate: for a background thread.
struct ListSummary {
    MemberList list = MemberList::Champions;
    qint64 members = 0;
    qint64 points = 0;
    qint64 worthMinor = 0;
};

// The limits behind the lists. Days are store days; a visit "within 30 days" was on one of the last 30
// days including today.
struct ListRules {
    int championDays = 30;
    int championMinVisits = 8;
    // Spend in the tier window (rules.tiers.windowMonths) a champion has; empty: the threshold of the
    // first tier above the entry tier, so it follows the chain's own rules and currency.
    std::optional<qint64> championMinSpendMinor;
    int loyalDays = 60;
    int loyalMinVisits = 4;
    int atRiskDays = 180; // at risk: last visit loyalDays..atRiskDays ago; lost: longer ago
    int atRiskMinVisits = 3;
    int expiringDays = 30;
    int birthdayDays = 7;                     // today and the next six days
    int notBackFromDays = 30;                 // joined between this many ...
    int notBackToDays = 7;                    // ... and this many days ago
    qint64 backAfterMs = 24 * 60 * 60 * 1000; // a visit later than this after joining is coming back
};

class Statistics
{
    Q_DECLARE_TR_FUNCTIONS(Statistics)

public:
    static constexpr int TrendDays = 30;

    explicit Statistics(Till &till, const ListRules &rules = {});

    // Whose figures and lists: this till's store (the default) or the chain as far as this till knows it,
    // which the rules leave to head office unless they let managers see it (FigureRules). The system
    // operator (counterpart-admin) is head office on this machine.
    Status setScope(StatsScope scope);
    StatsScope scope() const { return m_scope; }
    bool chainViewAllowed() const;

    // The figures for local days [from, to] with the previous period, tiers and the 30-day trend. A
    // cashier's session needs a manager's approval.
    Result<Dashboard> dashboard(const QDate &from, const QDate &to,
                                const std::optional<ManagerApproval> &approval = {});
    Result<PeriodFigures> period(const QDate &from, const QDate &to,
                                 const std::optional<ManagerApproval> &approval = {});

    // A page of a list as of `asOf` (usually today).
    Result<ListPage> list(MemberList which, const QDate &asOf, int offset, int limit,
                          const std::optional<ManagerApproval> &approval = {});
    Result<ListSummary> summary(MemberList which, const QDate &asOf,
                                const std::optional<ManagerApproval> &approval = {});
    // The whole list as CSV (UTF-8 with a byte-order mark, full phone numbers). Recorded in the audit
    // table. `progress` may stop it by returning false. Returns the number of members written.
    Result<qint64> exportCsv(MemberList which, const QDate &asOf, QIODevice &out,
                             const std::function<bool(qint64 done)> &progress = {},
                             const std::optional<ManagerApproval> &approval = {});

    // The maintained aggregates against a full recomputation (counterpart-admin check), and the repair
    // that replaces them with it and mends the members' cached visit counters the segments read (manager
    // only; one transaction, audited).
    Result<StatsVerifyReport> verify();
    Status rebuild(const std::optional<ManagerApproval> &approval = {});

    // The figures as JSON (counterpart-admin stats --json): amounts in minor units, days as ISO dates.
    // `now` against `before`, in percent of `before` (negative: down); nothing when before is 0.
    static std::optional<double> percentChange(qint64 now, qint64 before);
    static QJsonObject toJson(const PeriodFigures &figures);
    static QJsonObject toJson(const Dashboard &dashboard);

    static QString listId(MemberList list); // "champions", "at_risk", ... (CSV file names, JSON, CLI)
    static std::optional<MemberList> listFromId(const QString &id);
    static QString listTitle(MemberList list);
    static QList<MemberList> allLists();
    static QStringList csvColumns(MemberList list);

    const ListRules &listRules() const { return m_rules; }
    // The spend a champion needs, as used (after the default from the tiers).
    qint64 championMinSpendMinor() const;

private:
    Status requireManager(const std::optional<ManagerApproval> &approval);
    Result<PeriodFigures> computePeriod(const QDate &from, const QDate &to, const StatsSums &totals);
    Result<QList<DayFigures>> computeTrend(const QDate &last, int days);
    qint64 dayStart(const QDate &date) const;
    SegmentThresholds thresholds(const QDate &asOf) const;
    ListMember toListMember(const StatsMemberRow &row) const;
    Result<ListPage> listPage(MemberList which, const QDate &asOf, int offset, int limit);
    Result<ListPage> expiringPage(const QDate &asOf, int offset, int limit, ListSummary *summary);
    Result<ListPage> birthdayPage(const QDate &asOf, int offset, int limit);
    QStringList csvRow(MemberList list, const ListMember &m) const;

    StatsStore stats() const { return StatsStore(m_till.database(), m_scope); }

    Till &m_till;
    ListRules m_rules;
    StatsScope m_scope = StatsScope::Store;
};

} // namespace counterpart
