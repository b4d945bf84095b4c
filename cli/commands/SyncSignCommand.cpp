// sync-sign: signed headers for a request to the server, for curl -H @FILE.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QFile>

namespace counterpart::cli {

namespace {

class SyncSignCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    SyncSignCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

SyncSignCommand::SyncSignCommand()
    : Command({
          .name = QStringLiteral("sync-sign"),
          .summary = tr("Print the signed headers for a request to the server, for curl -H @FILE."),
          .synopsis = QStringLiteral("METHOD PATH [--body FILE]"),
          .options = {valueOption(QStringLiteral("body"), tr("The request body (- for standard input)."),
                                  tr("FILE"))},
          .arguments = FreeArguments::UpToTwo,
      })
{}

int SyncSignCommand::run(Context &c, const QCommandLineParser &p) const
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 2)
        return c.failMessage(
            tr("give the method and the path: sync-sign GET '/v1/changes?after=0&limit=10'."),
            ErrorCode::InvalidInput);
    const QByteArray method = args[0].toUpper().toLatin1();
    const QByteArray path = args[1].toUtf8();
    if (!path.startsWith('/'))
        return c.failMessage(tr("The path starts with /, for example /v1/health."), ErrorCode::InvalidInput);
    QByteArray body;
    if (p.isSet(QStringLiteral("body"))) {
        const QString file = p.value(QStringLiteral("body"));
        if (file == QLatin1String("-")) {
            body = c.io().in->readAll();
        } else {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                return c.failMessage(tr("Cannot read %1.").arg(file), ErrorCode::NotFound);
            body = f.readAll();
        }
    }
    auto headers = c.till().signRequest(method, path, body);
    if (!headers)
        return c.fail(headers.error());
    if (c.json()) {
        QJsonObject o;
        for (const auto &[header, value] : headers.value())
            o.insert(QString::fromLatin1(header), QString::fromLatin1(value));
        return c.printJson(QJsonObject{{QStringLiteral("headers"), o}});
    }
    // One "Name: value" per line: what curl -H @FILE reads. Valid for 5 minutes, once.
    for (const auto &[header, value] : headers.value())
        c.out() << QString::fromLatin1(header) << ": " << QString::fromLatin1(value) << '\n';
    c.out().flush();
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeSyncSignCommand()
{
    return std::make_unique<SyncSignCommand>();
}

} // namespace counterpart::cli
