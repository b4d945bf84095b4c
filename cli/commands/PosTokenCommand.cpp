// pos-token: connects a POS to this till (a token shown once), lists or disconnects them.

#include "app/PosLink.h"
#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QJsonArray>

namespace counterpart::cli {

namespace {

class PosTokenCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    PosTokenCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static int list(Context &c);
};

PosTokenCommand::PosTokenCommand()
    : Command({
          .name = QStringLiteral("pos-token"),
          .summary =
              tr("Connect a POS to this till (its token is shown once), list them, or disconnect one."),
          .synopsis = QStringLiteral("--add NAME | --revoke NAME | --list"),
          .options = {valueOption(QStringLiteral("add"), tr("Make a token for a POS of this name."),
                                  tr("NAME")),
                      valueOption(QStringLiteral("revoke"), tr("Disconnect the POS of this name."),
                                  tr("NAME")),
                      flagOption(QStringLiteral("list"), tr("List the POS systems connected."))},
          .oneOf = {QStringLiteral("add"), QStringLiteral("revoke"), QStringLiteral("list")},
      })
{}

int PosTokenCommand::run(Context &c, const QCommandLineParser &p) const
{
    PosLink link(c.till());
    if (p.isSet(QStringLiteral("list")))
        return list(c);
    if (p.isSet(QStringLiteral("revoke"))) {
        const QString posName = p.value(QStringLiteral("revoke"));
        if (Status s = link.revokeClient(posName); !s)
            return c.fail(s.error());
        if (c.json())
            return c.printJson({{QStringLiteral("revoked"), posName.trimmed()}});
        c.line(tr("%1 is disconnected: its token no longer works.").arg(posName.trimmed()));
        return ExitOk;
    }
    const QString posName = p.value(QStringLiteral("add"));
    auto token = link.addClient(posName);
    if (!token)
        return c.fail(token.error());
    if (c.json())
        return c.printJson(
            {{QStringLiteral("name"), posName.trimmed()}, {QStringLiteral("token"), token.value()}});
    c.line(tr("POS %1 is connected. Its token, shown this once (type it into the POS's settings):")
               .arg(posName.trimmed()));
    c.line(token.value());
    return ExitOk;
}

int PosTokenCommand::list(Context &c)
{
    auto clients = PosLink(c.till()).clients();
    if (!clients)
        return c.fail(clients.error());
    if (c.json()) {
        QJsonArray rows;
        for (const PosClient &pc : clients.value())
            rows.append(QJsonObject{{QStringLiteral("name"), pc.name},
                                    {QStringLiteral("createdAt"), Context::isoUtc(pc.createdAtMs)},
                                    {QStringLiteral("createdBy"), pc.createdBy},
                                    {QStringLiteral("revoked"), pc.revokedAtMs.has_value()},
                                    {QStringLiteral("lastUsedAt"),
                                     pc.lastUsedAtMs ? Context::isoUtc(*pc.lastUsedAtMs) : QString()}});
        return c.printJson({{QStringLiteral("pos"), rows}});
    }
    if (clients->isEmpty())
        c.line(tr("No POS is connected to this till."));
    for (const PosClient &pc : clients.value()) {
        const QString used = pc.lastUsedAtMs ? c.localTime(*pc.lastUsedAtMs) : tr("never");
        c.line(pc.revokedAtMs ? tr("%1  disconnected %2").arg(pc.name, c.localTime(*pc.revokedAtMs))
                              : tr("%1  connected %2 by %3, last used %4")
                                    .arg(pc.name, c.localTime(pc.createdAtMs), pc.createdBy, used));
    }
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makePosTokenCommand()
{
    return std::make_unique<PosTokenCommand>();
}

} // namespace counterpart::cli
