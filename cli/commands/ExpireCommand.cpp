// expire: the daily sweep of points past their date.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class ExpireCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    ExpireCommand()
    {
        name = QStringLiteral("expire");
        summary = tr("Expire points that are past their date (normally run by the till every day).");
    }

    int run(Context &c, const QCommandLineParser &) const override;
};

int ExpireCommand::run(Context &c, const QCommandLineParser &) const
{
    auto swept = c.till().expirePoints();
    if (!swept)
        return c.fail(swept.error());
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("members"), swept->members},
                                       {QStringLiteral("points"), swept->points},
                                       {QStringLiteral("serverExpires"), swept->serverExpires}});
    if (swept->serverExpires)
        c.line(tr("This till is enrolled with the server, which expires points for the whole chain; the "
                  "expiries come down with the next sync."));
    else if (swept->points == 0)
        c.line(tr("No points were due to expire."));
    else
        c.line(
            swept->members == 1
                ? tr("Expired %1 from 1 member.").arg(c.points(swept->points))
                : tr("Expired %1 from %2 members.").arg(c.points(swept->points), c.number(swept->members)));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeExpireCommand()
{
    return std::make_unique<ExpireCommand>();
}

} // namespace counterpart::cli
