// expire: the daily sweep of points past their date.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class ExpireCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    ExpireCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

ExpireCommand::ExpireCommand()
    : Command({
          .name = QStringLiteral("expire"),
          .summary = tr("Expire points that are past their date (normally run by the till every day)."),
      })
{}

int ExpireCommand::run(Context &c, const QCommandLineParser &) const
{
    return c.outcome(
        c.till().expirePoints(),
        [](const auto &swept) {
            return QJsonObject{{QStringLiteral("members"), swept.members},
                               {QStringLiteral("points"), swept.points},
                               {QStringLiteral("serverExpires"), swept.serverExpires}};
        },
        [&c](const auto &swept) {
            if (swept.serverExpires)
                c.line(tr("This till is enrolled with the server, which expires points for the whole chain; "
                          "the expiries come down with the next sync."));
            else if (swept.points == 0)
                c.line(tr("No points were due to expire."));
            else
                c.line(swept.members == 1 ? tr("Expired %1 from 1 member.").arg(c.points(swept.points))
                                          : tr("Expired %1 from %2 members.")
                                                .arg(c.points(swept.points), c.number(swept.members)));
        });
}

} // namespace

std::unique_ptr<Command> makeExpireCommand()
{
    return std::make_unique<ExpireCommand>();
}

} // namespace counterpart::cli
