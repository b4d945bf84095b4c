// jobs: when each scheduled job last ran and runs next; --run runs those due.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QJsonArray>

namespace counterpart::cli {

namespace {

class JobsCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    JobsCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

JobsCommand::JobsCommand()
    : Command({
          .name = QStringLiteral("jobs"),
          .summary = tr("Show when each job that runs by itself last ran and when it runs next; --run runs "
                        "those due now."),
          .synopsis = QStringLiteral("[--run]"),
          .options = {flagOption(QStringLiteral("run"), tr("Run the jobs that are due now."))},
      })
{}

int JobsCommand::run(Context &c, const QCommandLineParser &p) const
{
    if (p.isSet(QStringLiteral("run"))) {
        auto ran = c.till().runDueJobs();
        if (!ran)
            return c.fail(ran.error());
        for (const JobRunReport &r : std::as_const(ran.value()))
            c.line(QStringLiteral("%1 %2: %3").arg(jobId(r.job), r.period, r.detail));
    }
    auto status = c.till().jobStatus();
    if (!status)
        return c.fail(status.error());
    QJsonArray json;
    for (const JobStatus &s : std::as_const(status.value())) {
        const QString last = s.last
                                 ? QStringLiteral("%1 %2 (%3)")
                                       .arg(s.last->outcome, c.localTime(s.last->startedMs), s.last->period)
                                 : tr("never");
        if (!s.ownedHere)
            c.line(tr("%1: run by the chain's server for every till").arg(jobId(s.job)));
        else
            c.line(tr("%1: last %2; next %3%4")
                       .arg(jobId(s.job), last, c.localTime(s.nextDueMs),
                            s.overdue ? tr(" (due now)") : QString()));
        json.append(QJsonObject{
            {QStringLiteral("job"), jobId(s.job)},
            {QStringLiteral("owner"), s.ownedHere ? QStringLiteral("till") : QStringLiteral("server")},
            {QStringLiteral("lastPeriod"), s.last ? s.last->period : QString()},
            {QStringLiteral("lastOutcome"), s.last ? s.last->outcome : QString()},
            {QStringLiteral("lastStarted"), s.last ? c.isoUtc(s.last->startedMs) : QString()},
            {QStringLiteral("next"), c.isoUtc(s.nextDueMs)},
            {QStringLiteral("overdue"), s.overdue}});
    }
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("jobs"), json}});
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeJobsCommand()
{
    return std::make_unique<JobsCommand>();
}

} // namespace counterpart::cli
