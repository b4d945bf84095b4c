// close-member: closes a membership for good at the member's request.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class CloseMemberCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    CloseMemberCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

CloseMemberCommand::CloseMemberCommand()
    : Command({
          .name = QStringLiteral("close-member"),
          .summary = tr("Close a membership for good at the member's request: the points left are "
                        "forfeited, the phone number is free again, and every till of the chain has it at "
                        "its next sync."),
          .synopsis = QStringLiteral("--member %1 [--reason TEXT]").arg(memberValueName()),
          .options = {memberOption(), valueOption(QStringLiteral("reason"),
                                                  tr("Why (kept in the audit trail)."), tr("TEXT"))},
          .required = {QStringLiteral("member")},
      })
{}

int CloseMemberCommand::run(Context &c, const QCommandLineParser &p) const
{
    auto m = c.member(p);
    if (!m)
        return c.fail(m.error());
    return c.outcome(
        c.till().closeMembership(m->id, p.value(QStringLiteral("reason")), std::nullopt),
        [&c](const ClosedMembership &closed) {
            return QJsonObject{{QStringLiteral("member"), c.memberJson(closed.member)},
                               {QStringLiteral("pointsForfeited"), closed.pointsForfeited}};
        },
        [&c](const ClosedMembership &closed) {
            c.line(tr("Membership %1 is closed.").arg(c.memberNumber(closed.member)));
            if (closed.pointsForfeited > 0)
                c.keyValues({{tr("Points forfeited"), c.points(closed.pointsForfeited)}});
        });
}

} // namespace

std::unique_ptr<Command> makeCloseMemberCommand()
{
    return std::make_unique<CloseMemberCommand>();
}

} // namespace counterpart::cli
