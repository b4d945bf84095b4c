// register: registers a new member.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class RegisterCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    RegisterCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

RegisterCommand::RegisterCommand()
    : Command({
          .name = QStringLiteral("register"),
          .summary = tr("Register a new member."),
          .synopsis = QStringLiteral("--phone P --name N [--gender G] [--birthday YYYY-MM-DD] [--id-number "
                                     "X] [--consent] [--note TEXT]"),
          .options = {valueOption(QStringLiteral("phone"), tr("Mobile number, as typed."), tr("P")),
                      valueOption(QStringLiteral("name"), tr("The member's name."), tr("N")),
                      valueOption(QStringLiteral("gender"), tr("female, male or other."), tr("G")),
                      valueOption(QStringLiteral("birthday"),
                                  tr("Birth date (kept encrypted; month and day are used)."),
                                  tr("YYYY-MM-DD")),
                      valueOption(QStringLiteral("id-number"), tr("ID number (kept encrypted)."), tr("X")),
                      flagOption(QStringLiteral("consent"), tr("The member agrees to marketing messages.")),
                      valueOption(QStringLiteral("note"), tr("A note for cashiers."), tr("TEXT"))},
          .required = {QStringLiteral("phone"), QStringLiteral("name")},
      })
{}

int RegisterCommand::run(Context &c, const QCommandLineParser &p) const
{
    RegisterRequest request;
    request.phone = p.value(QStringLiteral("phone"));
    request.name = p.value(QStringLiteral("name"));
    request.gender = p.value(QStringLiteral("gender")).trimmed().toLower();
    if (Status s = c.dateOption(p, QStringLiteral("birthday"), request.birthDate); !s)
        return c.fail(s.error());
    request.idNumber = p.value(QStringLiteral("id-number"));
    request.marketingConsent = p.isSet(QStringLiteral("consent"));
    request.note = p.value(QStringLiteral("note"));
    return c.outcome(
        c.till().registerMember(request),
        [&c](const RegisterOutcome &r) {
            return QJsonObject{{QStringLiteral("member"), c.memberJson(r.member)},
                               {QStringLiteral("welcomePoints"), r.welcomePoints}};
        },
        [&c](const RegisterOutcome &r) {
            const Member &m = r.member;
            c.line(tr("Registered %1: member %2 (%3), phone %4.")
                       .arg(m.name, c.memberNumber(m), c.tierName(m.tier), c.maskedPhone(m)));
            if (r.welcomePoints > 0)
                c.line(tr("Welcome gift: %1.").arg(c.points(r.welcomePoints)));
        });
}

} // namespace

std::unique_ptr<Command> makeRegisterCommand()
{
    return std::make_unique<RegisterCommand>();
}

} // namespace counterpart::cli
