#include "core/JobSchedule.h"

#include <QDateTime>

#include <algorithm>

namespace counterpart {

namespace {

qint64 dueOn(const QDate &day, const QTime &time, const QTimeZone &zone)
{
    // A time skipped by a daylight-saving change moves forward, as QDateTime does; it still falls due.
    return QDateTime(day, time, zone).toMSecsSinceEpoch();
}

QDate dayInMonth(int year, int month, int dayOfMonth)
{
    const QDate first(year, month, 1);
    return QDate(year, month, std::min(dayOfMonth, first.daysInMonth()));
}

// The period containing local day `day` (whether or not it has fallen due yet).
JobPeriod periodOf(const JobSchedule &s, const QTimeZone &zone, const QDate &day)
{
    if (s.every == JobSchedule::Every::Day)
        return {day.toString(Qt::ISODate), dueOn(day, s.time, zone)};
    const QDate due = dayInMonth(day.year(), day.month(), s.dayOfMonth);
    return {due.toString(QStringLiteral("yyyy-MM")), dueOn(due, s.time, zone)};
}

QDate step(const JobSchedule &s, const QDate &day, int by)
{
    return s.every == JobSchedule::Every::Day ? day.addDays(by) : day.addMonths(by);
}

} // namespace

QString jobId(Job job)
{
    switch (job) {
    case Job::Expiry:
        return QStringLiteral("expiry");
    case Job::TierEvaluation:
        return QStringLiteral("tiers");
    case Job::Backup:
        return QStringLiteral("backup");
    }
    return {};
}

JobSchedule scheduleOf(Job job, const LoyaltyRules &rules, const QTime &backupTime)
{
    switch (job) {
    case Job::Expiry:
        return {JobSchedule::Every::Day, rules.expiry.sweepTime, 1};
    case Job::TierEvaluation:
        return {JobSchedule::Every::Month, rules.tiers.evaluationTime, rules.tiers.evaluationDayOfMonth};
    case Job::Backup:
        return {JobSchedule::Every::Day, backupTime, 1};
    }
    return {};
}

JobPeriod duePeriod(const JobSchedule &schedule, const QTimeZone &zone, qint64 nowMs)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    const JobPeriod current = periodOf(schedule, zone, today);
    if (current.dueMs <= nowMs)
        return current;
    return periodOf(schedule, zone, step(schedule, today, -1));
}

qint64 nextDueMs(const JobSchedule &schedule, const QTimeZone &zone, qint64 nowMs)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    const JobPeriod current = periodOf(schedule, zone, today);
    if (current.dueMs > nowMs)
        return current.dueMs;
    return periodOf(schedule, zone, step(schedule, today, 1)).dueMs;
}

} // namespace counterpart
