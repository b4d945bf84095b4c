// counterpart-admin's job and backup commands: jobs, backup, restore (docs/cli.md).

#include "cli/CliApp.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>

namespace counterpart::cli {

QList<CliApp::Command> CliApp::jobCommands() const
{
    QList<Command> all;
    all.append(Command{
        QStringLiteral("jobs"),
        tr("Show when each job that runs by itself last ran and when it runs next; --run runs those due "
           "now."),
        QStringLiteral("[--run]"),
        {QCommandLineOption(QStringLiteral("run"), tr("Run the jobs that are due now."))},
        {},
        {},
        false,
        false,
        &CliApp::cmdJobs,
    });
    all.append(Command{
        QStringLiteral("backup"),
        tr("Copy the till's database now (safe while the till runs), verify the copy and keep the last N."),
        QStringLiteral("[--dir DIR] [--keep N]"),
        {QCommandLineOption(QStringLiteral("dir"),
                            tr("The backup folder (default: backups beside the database)."), tr("DIR")),
         QCommandLineOption(QStringLiteral("keep"), tr("How many copies to keep (default 7)."), tr("N"))},
        {},
        {},
        false,
        false,
        &CliApp::cmdBackup,
    });
    all.append(Command{
        QStringLiteral("restore"),
        tr("Put a backup in place of the till's database; the current file is kept aside. The till must be "
           "closed."),
        QStringLiteral("FILE"),
        {},
        {},
        {},
        true,
        true, // opens nothing before the handler: the file is replaced
        &CliApp::cmdRestore,
    });
    return all;
}

int CliApp::cmdJobs(const QCommandLineParser &p)
{
    if (p.isSet(QStringLiteral("run"))) {
        auto ran = m_till->runDueJobs();
        if (!ran)
            return fail(ran.error());
        for (const JobRunReport &r : std::as_const(ran.value()))
            line(QStringLiteral("%1 %2: %3").arg(jobId(r.job), r.period, r.detail));
    }
    auto status = m_till->jobStatus();
    if (!status)
        return fail(status.error());
    QJsonArray json;
    for (const JobStatus &s : std::as_const(status.value())) {
        const QString last = s.last ? QStringLiteral("%1 %2 (%3)")
                                          .arg(s.last->outcome, localTime(s.last->startedMs), s.last->period)
                                    : tr("never");
        if (!s.ownedHere)
            line(tr("%1: run by the chain's server for every till").arg(jobId(s.job)));
        else
            line(tr("%1: last %2; next %3%4")
                     .arg(jobId(s.job), last, localTime(s.nextDueMs),
                          s.overdue ? tr(" (due now)") : QString()));
        json.append(QJsonObject{
            {QStringLiteral("job"), jobId(s.job)},
            {QStringLiteral("owner"), s.ownedHere ? QStringLiteral("till") : QStringLiteral("server")},
            {QStringLiteral("lastPeriod"), s.last ? s.last->period : QString()},
            {QStringLiteral("lastOutcome"), s.last ? s.last->outcome : QString()},
            {QStringLiteral("lastStarted"), s.last ? isoUtc(s.last->startedMs) : QString()},
            {QStringLiteral("next"), isoUtc(s.nextDueMs)},
            {QStringLiteral("overdue"), s.overdue}});
    }
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("jobs"), json}});
    return ExitOk;
}

int CliApp::cmdBackup(const QCommandLineParser &p)
{
    auto copy = m_till->backup(QStringLiteral("manual"), p.value(QStringLiteral("dir")),
                               p.value(QStringLiteral("keep")).toInt());
    if (!copy)
        return fail(copy.error());
    if (m_json)
        return printJson(
            QJsonObject{{QStringLiteral("path"), copy->path}, {QStringLiteral("bytes"), copy->bytes}});
    line(tr("Backed up to %1 (%2 bytes, checked).")
             .arg(QDir::toNativeSeparators(copy->path))
             .arg(copy->bytes));
    for (const QString &old : std::as_const(copy->removed))
        line(tr("Removed the older copy %1.").arg(QDir::toNativeSeparators(old)));
    return ExitOk;
}

int CliApp::cmdRestore(const QCommandLineParser &p)
{
    if (p.positionalArguments().isEmpty())
        return usageError(nullptr, tr("name the backup file to restore."));
    const QString file = p.positionalArguments().front();
    QString aside;
    if (Status s = Backup::restore(file, m_dbPath, QDateTime::currentMSecsSinceEpoch(), &aside); !s)
        return fail(s.error());
    if (!aside.isEmpty())
        line(tr("The database that was in place is kept at %1.").arg(QDir::toNativeSeparators(aside)));
    line(tr("Restored %1. An enrolled till sends again what it had not sent at the time of the backup (the "
            "server ignores repeats) and gets everything newer back at its next sync.")
             .arg(QDir::toNativeSeparators(file)));
    return ExitOk;
}

} // namespace counterpart::cli
