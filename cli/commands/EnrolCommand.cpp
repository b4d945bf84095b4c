// enrol: enrols this till with the central server (docs/sync-client.md).

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class EnrolCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    EnrolCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static QJsonObject json(const EnrolmentOutcome &e);
    static void print(Context &c, const EnrolmentOutcome &e);
};

EnrolCommand::EnrolCommand()
    : Command({
          .name = QStringLiteral("enrol"),
          .summary =
              tr("Enrol this till with the central server using a one-time code from its administrator."),
          .synopsis = QStringLiteral("--server URL --code CODE [--ca-file FILE] [--name NAME]"),
          .options = {valueOption(QStringLiteral("server"), tr("The server's address, https://host:port."),
                                  tr("URL")),
                      valueOption(QStringLiteral("code"), tr("The one-time enrolment code."), tr("CODE")),
                      valueOption(
                          QStringLiteral("ca-file"),
                          tr("A PEM file with the certificate authority of a lab or self-signed server."),
                          tr("FILE")),
                      valueOption(QStringLiteral("name"), tr("How the server lists this till."), tr("NAME"))},
          .required = {QStringLiteral("server"), QStringLiteral("code")},
      })
{}

int EnrolCommand::run(Context &c, const QCommandLineParser &p) const
{
    EnrolmentRequest request;
    request.serverUrl = p.value(QStringLiteral("server")).trimmed();
    request.code = p.value(QStringLiteral("code")).trimmed();
    request.caFile = p.value(QStringLiteral("ca-file")).trimmed();
    request.tillName = p.value(QStringLiteral("name")).trimmed();
    return c.outcome(c.till().enrol(request), json, [&c](const EnrolmentOutcome &e) { print(c, e); });
}

QJsonObject EnrolCommand::json(const EnrolmentOutcome &e)
{
    return QJsonObject{{QStringLiteral("terminalId"), e.terminalId},
                       {QStringLiteral("terminalNumber"), e.terminalNumber},
                       {QStringLiteral("store"), e.storeId},
                       {QStringLiteral("storeName"), e.storeName},
                       {QStringLiteral("clockOffsetMs"), e.clockOffsetMs},
                       {QStringLiteral("pendingOps"), e.pendingOps}};
}

void EnrolCommand::print(Context &c, const EnrolmentOutcome &e)
{
    c.line(tr("Enrolled: terminal %1 of store %2 (%3).")
               .arg(e.terminalNumber)
               .arg(e.storeId, e.storeName.isEmpty() ? e.storeId : e.storeName));
    if (qAbs(e.clockOffsetMs) > 60'000)
        c.line(tr("This computer's clock is %1 from the server's; the till signs with the server's time.")
                   .arg(c.signedOffset(e.clockOffsetMs)));
    if (e.pendingOps > 0)
        c.line(
            tr("Operations made before enrolment, sent at the next sync: %1.").arg(c.number(e.pendingOps)));
    c.line(tr("Run \"%1 sync\" to sync now.").arg(programName()));
}

} // namespace

std::unique_ptr<Command> makeEnrolCommand()
{
    return std::make_unique<EnrolCommand>();
}

} // namespace counterpart::cli
