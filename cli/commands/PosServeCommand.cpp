// pos-serve: serves the POS link without the till's window (a till with no screen, a demo, tests), and
// pos-serve --save: where the till's window serves it.

#include "app/PosLink.h"
#include "cli/Context.h"
#include "cli/InterruptScope.h"
#include "cli/commands/Commands.h"
#include "pos/PosServer.h"

#include <QCoreApplication>
#include <QTimer>

namespace counterpart::cli {

namespace {

class PosServeCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    PosServeCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static int save(Context &c, const QCommandLineParser &p);
};

PosServeCommand::PosServeCommand()
    : Command({
          .name = QStringLiteral("pos-serve"),
          .summary = tr("Serve the POS link here until Ctrl-C, or with --save set where the till's window "
                        "serves it (docs/pos-api.md)."),
          .synopsis =
              QStringLiteral("[--listen HOST:PORT] [--cert PEM --key PEM] [--cashier ID] [--save | --off]"),
          .options = {valueOption(QStringLiteral("listen"),
                                  tr("Address and port (default: the saved one, else 127.0.0.1:8765)."),
                                  tr("HOST:PORT")),
                      valueOption(QStringLiteral("cert"), tr("TLS certificate (PEM), for a network address."),
                                  tr("FILE")),
                      valueOption(QStringLiteral("key"), tr("TLS private key (PEM)."), tr("FILE")),
                      valueOption(QStringLiteral("cashier"),
                                  tr("Act for this cashier when a request names none (a till with no screen, "
                                     "where nobody signs in)."),
                                  tr("ID")),
                      flagOption(QStringLiteral("save"),
                                 tr("Keep these settings for the till's window and exit.")),
                      flagOption(QStringLiteral("off"),
                                 tr("The till's window no longer serves the POS link."))},
      })
{}

int PosServeCommand::save(Context &c, const QCommandLineParser &p)
{
    PosListen listen;
    if (!p.isSet(QStringLiteral("off"))) {
        listen.listen = p.value(QStringLiteral("listen"));
        listen.certFile = p.value(QStringLiteral("cert"));
        listen.keyFile = p.value(QStringLiteral("key"));
        if (listen.listen.isEmpty())
            listen.listen = QStringLiteral("127.0.0.1:8765");
        if (auto parsed = pos::PosServerOptions::parse(listen.listen); !parsed)
            return c.fail(parsed.error());
    }
    if (Status s = PosLink(c.till()).setListen(listen); !s)
        return c.fail(s.error());
    c.line(listen.listen.isEmpty()
               ? tr("The till's window no longer serves the POS link.")
               : tr("The till's window serves the POS link on %1 from its next start.").arg(listen.listen));
    return ExitOk;
}

int PosServeCommand::run(Context &c, const QCommandLineParser &p) const
{
    if (p.isSet(QStringLiteral("save")) || p.isSet(QStringLiteral("off")))
        return save(c, p);
    auto saved = PosLink(c.till()).listenSetting();
    if (!saved)
        return c.fail(saved.error());
    QString listen = p.value(QStringLiteral("listen"));
    if (listen.isEmpty())
        listen = saved->listen.isEmpty() ? QStringLiteral("127.0.0.1:8765") : saved->listen;
    auto serveOptions = pos::PosServerOptions::parse(listen);
    if (!serveOptions)
        return c.fail(serveOptions.error());
    serveOptions->certFile =
        p.isSet(QStringLiteral("cert")) ? p.value(QStringLiteral("cert")) : saved->certFile;
    serveOptions->keyFile = p.isSet(QStringLiteral("key")) ? p.value(QStringLiteral("key")) : saved->keyFile;
    if (p.isSet(QStringLiteral("cashier"))) {
        auto cashier = PosLink(c.till()).actingCashier(p.value(QStringLiteral("cashier")));
        if (!cashier)
            return c.fail(cashier.error());
        c.till().setOperator(cashier.value());
    }
    pos::PosServer server(c.till(), serveOptions.value());
    auto port = server.listen();
    if (!port)
        return c.fail(port.error());
    // Said first and at once: a script that asked for any free port (:0) reads it from here.
    c.line(tr("Serving the POS link on %1:%2. Ctrl-C stops.").arg(serveOptions->host).arg(port.value()));
    c.flush();
    QObject::connect(&server, &pos::PosServer::event, &server, [&c](const pos::PosEvent &e) {
        c.line(e.text);
        c.flush();
    });
    InterruptScope interrupt;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &poll, [] {
        if (InterruptScope::interrupted())
            QCoreApplication::quit();
    });
    poll.start(100);
    QCoreApplication::exec();
    server.close();
    c.line(tr("The POS link has stopped."));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makePosServeCommand()
{
    return std::make_unique<PosServeCommand>();
}

} // namespace counterpart::cli
