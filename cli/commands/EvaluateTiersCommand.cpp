// evaluate-tiers: the scheduled tier evaluation.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class EvaluateTiersCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    EvaluateTiersCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

EvaluateTiersCommand::EvaluateTiersCommand()
    : Command({
          .name = QStringLiteral("evaluate-tiers"),
          .summary = tr("Run the scheduled tier evaluation (downgrades after the grace period)."),
      })
{}

int EvaluateTiersCommand::run(Context &c, const QCommandLineParser &) const
{
    return c.outcome(
        c.till().evaluateTiers(),
        [](const auto &evaluated) {
            return QJsonObject{{QStringLiteral("evaluated"), evaluated.evaluated},
                               {QStringLiteral("upgraded"), evaluated.upgraded},
                               {QStringLiteral("downgraded"), evaluated.downgraded},
                               {QStringLiteral("serverEvaluates"), evaluated.serverEvaluates}};
        },
        [&c](const auto &evaluated) {
            if (evaluated.serverEvaluates) {
                c.line(tr("This till is enrolled with the server, which evaluates tiers for the whole chain; "
                          "its tier changes come down with the next sync."));
                return;
            }
            c.line(tr("Evaluated %1 members above the entry tier: %2 moved up, %3 moved down.")
                       .arg(c.number(evaluated.evaluated), c.number(evaluated.upgraded),
                            c.number(evaluated.downgraded)));
        });
}

} // namespace

std::unique_ptr<Command> makeEvaluateTiersCommand()
{
    return std::make_unique<EvaluateTiersCommand>();
}

} // namespace counterpart::cli
