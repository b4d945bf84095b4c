// staff-add: adds a cashier or a manager.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class StaffAddCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    StaffAddCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

StaffAddCommand::StaffAddCommand()
    : Command({
          .name = QStringLiteral("staff-add"),
          .summary =
              tr("Add a cashier or manager (the PIN is read from standard input unless --pin is given)."),
          .synopsis = QStringLiteral("--id ID --name NAME --role cashier|manager [--pin PIN]"),
          .options =
              {valueOption(QStringLiteral("id"), tr("Staff id used to log in."), tr("ID")),
               valueOption(QStringLiteral("name"), tr("Full name."), tr("NAME")),
               valueOption(QStringLiteral("role"), tr("cashier or manager."), tr("ROLE")),
               valueOption(
                   QStringLiteral("pin"),
                   tr("4 to 8 digits (visible to other users of this computer: prefer standard input)."),
                   tr("PIN"))},
          .required = {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("role")},
      })
{}

int StaffAddCommand::run(Context &c, const QCommandLineParser &p) const
{
    const QString roleText = p.value(QStringLiteral("role")).trimmed().toLower();
    Role role;
    if (roleText == QLatin1String("cashier"))
        role = Role::Cashier;
    else if (roleText == QLatin1String("manager"))
        role = Role::Manager;
    else
        return c.failMessage(tr("--role is cashier or manager."), ErrorCode::InvalidInput);
    QString pin = p.value(QStringLiteral("pin"));
    if (!p.isSet(QStringLiteral("pin")))
        pin = c.readSecret(tr("PIN for %1: ").arg(p.value(QStringLiteral("name")).simplified()));
    if (Status created = c.till().createOperator(p.value(QStringLiteral("id")),
                                                 p.value(QStringLiteral("name")), role, pin);
        !created)
        return c.fail(created.error());
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("id"), p.value(QStringLiteral("id")).trimmed()},
                                       {QStringLiteral("name"), p.value(QStringLiteral("name")).trimmed()},
                                       {QStringLiteral("role"), roleId(role)}});
    c.line(
        role == Role::Manager
            ? tr("Added manager %1 (staff id %2).")
                  .arg(p.value(QStringLiteral("name")).trimmed(), p.value(QStringLiteral("id")).trimmed())
            : tr("Added cashier %1 (staff id %2).")
                  .arg(p.value(QStringLiteral("name")).trimmed(), p.value(QStringLiteral("id")).trimmed()));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeStaffAddCommand()
{
    return std::make_unique<StaffAddCommand>();
}

} // namespace counterpart::cli
