// erase-member: erases a member's personal data at their request.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class EraseMemberCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    EraseMemberCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

EraseMemberCommand::EraseMemberCommand()
    : Command({
          .name = QStringLiteral("erase-member"),
          .summary = tr("Erase a member's personal data at their request: an open membership is closed (the "
                        "points left are forfeited), then name, phone number, gender, birthday, ID number "
                        "and note are removed here and, at their next sync, at the server and every till. "
                        "Points history and purchases stay, without a name. Cannot be undone."),
          .synopsis = QStringLiteral("--member %1").arg(memberValueName()),
          .options = {memberOption()},
          .required = {QStringLiteral("member")},
      })
{}

int EraseMemberCommand::run(Context &c, const QCommandLineParser &p) const
{
    // A membership closed earlier may be erased too: by its id or card code (its phone finds no one).
    auto m = c.till().resolve(p.value(QStringLiteral("member")), true);
    if (!m)
        return c.fail(m.error());
    return c.outcome(
        c.till().eraseMember(m->id, std::nullopt),
        [&c](const ClosedMembership &erased) {
            return QJsonObject{{QStringLiteral("member"), c.memberJson(erased.member)},
                               {QStringLiteral("pointsForfeited"), erased.pointsForfeited}};
        },
        [&c](const ClosedMembership &erased) {
            c.line(tr("The personal data of member %1 is erased.").arg(c.memberNumber(erased.member)));
            if (erased.pointsForfeited > 0)
                c.keyValues({{tr("Points forfeited"), c.points(erased.pointsForfeited)}});
        });
}

} // namespace

std::unique_ptr<Command> makeEraseMemberCommand()
{
    return std::make_unique<EraseMemberCommand>();
}

} // namespace counterpart::cli
