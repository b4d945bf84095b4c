#pragma once

// When the jobs that run by themselves are due: expiry (daily), tier evaluation (monthly) and the till's
// backup (daily). Pure calendar arithmetic in a time zone, so every rule is testable with a set clock.
// A job runs once per period; the period's key ("2026-02-28" for a daily job, "2026-02" for a monthly
// one) is what the run records are unique on, at the till and at the server.

#include "core/LoyaltyRules.h"

#include <QString>
#include <QTime>
#include <QTimeZone>

namespace counterpart {

enum class Job { Expiry, TierEvaluation, Backup };

QString jobId(Job job); // "expiry", "tiers", "backup": stored in job_runs.job

struct JobSchedule {
    enum class Every { Day, Month } every = Every::Day;
    QTime time;         // local time of day the job is due
    int dayOfMonth = 1; // monthly jobs: 1..28, so every month has the day
};

// Expiry and tier evaluation from the rules; the backup from the till's own setting.
JobSchedule scheduleOf(Job job, const LoyaltyRules &rules, const QTime &backupTime);

struct JobPeriod {
    QString key;
    qint64 dueMs = 0; // when this period's run fell due
};

// The latest period due at or before `nowMs`: the one a job that is behind catches up with. A till off
// for three months runs once, for this period, not once for every period it slept through.
JobPeriod duePeriod(const JobSchedule &schedule, const QTimeZone &zone, qint64 nowMs);
// The first due time after `nowMs`.
qint64 nextDueMs(const JobSchedule &schedule, const QTimeZone &zone, qint64 nowMs);

} // namespace counterpart
