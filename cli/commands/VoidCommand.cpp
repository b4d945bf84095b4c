// void: takes back a member's last earn or redemption.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class VoidCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    VoidCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

VoidCommand::VoidCommand()
    : Command({
          .name = QStringLiteral("void"),
          .summary = tr("Take back the member's last earn or redemption, within the void window."),
          .synopsis = QStringLiteral("--member %1 [--reason TEXT]").arg(memberValueName()),
          .options = {memberOption(), valueOption(QStringLiteral("reason"), tr("Why."), tr("TEXT"))},
          .required = {QStringLiteral("member")},
      })
{}

int VoidCommand::run(Context &c, const QCommandLineParser &p) const
{
    return c.outcome(
        c.till().voidLast(p.value(QStringLiteral("member")), p.value(QStringLiteral("reason"))),
        [&c](const VoidOutcome &o) {
            return QJsonObject{{QStringLiteral("member"), c.memberJson(o.member)},
                               {QStringLiteral("voided"), o.voidedKind},
                               {QStringLiteral("pointsReversed"), o.pointsReversed},
                               {QStringLiteral("balance"), o.member.balance}};
        },
        [&c](const VoidOutcome &o) {
            if (o.voidedKind == QLatin1String("earn"))
                c.line(tr("Voided %1's last purchase: %2 taken back.")
                           .arg(o.member.name, c.points(o.pointsReversed)));
            else
                c.line(tr("Voided %1's last redemption: %2 given back.")
                           .arg(o.member.name, c.points(-o.pointsReversed)));
            c.keyValues({{tr("Balance"), c.points(o.member.balance)}});
        });
}

} // namespace

std::unique_ptr<Command> makeVoidCommand()
{
    return std::make_unique<VoidCommand>();
}

} // namespace counterpart::cli
