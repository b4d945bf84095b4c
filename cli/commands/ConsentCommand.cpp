// consent: records that a member gives or withdraws consent to marketing messages.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class ConsentCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    ConsentCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

ConsentCommand::ConsentCommand()
    : Command({
          .name = QStringLiteral("consent"),
          .summary = tr("Record that a member gives (--yes) or withdraws (--no) consent to marketing "
                        "messages; every till of the chain has it at its next sync."),
          .synopsis = QStringLiteral("--member %1 (--yes | --no)").arg(memberValueName()),
          .options = {memberOption(), flagOption(QStringLiteral("yes"), tr("The member agrees.")),
                      flagOption(QStringLiteral("no"), tr("The member withdraws consent."))},
          .required = {QStringLiteral("member")},
          .oneOf = {QStringLiteral("yes"), QStringLiteral("no")},
      })
{}

int ConsentCommand::run(Context &c, const QCommandLineParser &p) const
{
    auto m = c.member(p);
    if (!m)
        return c.fail(m.error());
    const bool consent = p.isSet(QStringLiteral("yes"));
    if (Status s = c.till().setMarketingConsent(m->id, consent); !s)
        return c.fail(s.error());
    auto after = c.till().findById(m->id);
    if (!after || !after->has_value())
        return c.fail(
            after ? makeError(ErrorCode::NotFound, tr("The member is no longer in this till's records."))
                  : after.error());
    const Member &member = after->value();
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("member"), c.memberJson(member)}});
    c.line(consent ? tr("Member %1 agrees to marketing messages (recorded %2).")
                         .arg(c.memberNumber(member), c.localTime(member.consentAtMs.value_or(0)))
                   : tr("Member %1 has withdrawn consent to marketing messages (recorded %2).")
                         .arg(c.memberNumber(member), c.localTime(member.consentAtMs.value_or(0))));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeConsentCommand()
{
    return std::make_unique<ConsentCommand>();
}

} // namespace counterpart::cli
