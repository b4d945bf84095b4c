// adjust: adds or takes away points, with a reason.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class AdjustCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    AdjustCommand()
    {
        name = QStringLiteral("adjust");
        summary = tr("Add or take away points, with a reason.");
        synopsis = QStringLiteral("--member %1 --points N --reason TEXT").arg(memberValueName());
        options = {
            memberOption(),
            valueOption(QStringLiteral("points"), tr("Points to add (negative: to take away)."), tr("N")),
            valueOption(QStringLiteral("reason"), tr("Why (kept in the audit trail)."), tr("TEXT"))};
        required = {QStringLiteral("member"), QStringLiteral("points"), QStringLiteral("reason")};
    }

    int run(Context &c, const QCommandLineParser &p) const override;
};

int AdjustCommand::run(Context &c, const QCommandLineParser &p) const
{
    auto delta =
        c.parseInteger(p.value(QStringLiteral("points")), QStringLiteral("--points"), -1'000'000, 1'000'000);
    if (!delta)
        return c.fail(delta.error());
    auto adjusted =
        c.till().adjust(p.value(QStringLiteral("member")), delta.value(), p.value(QStringLiteral("reason")));
    if (!adjusted)
        return c.fail(adjusted.error());
    const Member &m = adjusted.value();
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("member"), c.memberJson(m)},
                                       {QStringLiteral("points"), delta.value()},
                                       {QStringLiteral("balance"), m.balance}});
    c.line(delta.value() > 0 ? tr("Added %1 to %2.").arg(c.points(delta.value()), m.name)
                             : tr("Took %1 from %2.").arg(c.points(-delta.value()), m.name));
    c.keyValues({{tr("Reason"), p.value(QStringLiteral("reason")).simplified()},
                 {tr("Balance"), c.points(m.balance)}});
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeAdjustCommand()
{
    return std::make_unique<AdjustCommand>();
}

} // namespace counterpart::cli
