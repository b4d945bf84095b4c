// adjust: adds or takes away points, with a reason.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class AdjustCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    AdjustCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

AdjustCommand::AdjustCommand()
    : Command({
          .name = QStringLiteral("adjust"),
          .summary = tr("Add or take away points, with a reason."),
          .synopsis = QStringLiteral("--member %1 --points N --reason TEXT").arg(memberValueName()),
          .options = {memberOption(),
                      valueOption(QStringLiteral("points"), tr("Points to add (negative: to take away)."),
                                  tr("N")),
                      valueOption(QStringLiteral("reason"), tr("Why (kept in the audit trail)."),
                                  tr("TEXT"))},
          .required = {QStringLiteral("member"), QStringLiteral("points"), QStringLiteral("reason")},
      })
{}

int AdjustCommand::run(Context &c, const QCommandLineParser &p) const
{
    qint64 delta = 0;
    if (Status read = c.integerOption(p, QStringLiteral("points"), -1'000'000, 1'000'000, delta); !read)
        return c.fail(read.error());
    const QString reason = p.value(QStringLiteral("reason"));
    return c.outcome(
        c.till().adjust(p.value(QStringLiteral("member")), delta, reason),
        [&c, delta](const Member &m) {
            return QJsonObject{{QStringLiteral("member"), c.memberJson(m)},
                               {QStringLiteral("points"), delta},
                               {QStringLiteral("balance"), m.balance}};
        },
        [&c, delta, &reason](const Member &m) {
            c.line(delta > 0 ? tr("Added %1 to %2.").arg(c.points(delta), m.name)
                             : tr("Took %1 from %2.").arg(c.points(-delta), m.name));
            c.keyValues({{tr("Reason"), reason.simplified()}, {tr("Balance"), c.points(m.balance)}});
        });
}

} // namespace

std::unique_ptr<Command> makeAdjustCommand()
{
    return std::make_unique<AdjustCommand>();
}

} // namespace counterpart::cli
