// print-slip: the member's points slip on a receipt printer (ESC/POS), or its bytes into a file.

#include "app/ReceiptSlip.h"
#include "cli/Context.h"
#include "cli/commands/Commands.h"
#include "print/EscPos.h"
#include "print/PrinterSink.h"

#include <QFile>

namespace counterpart::cli {

namespace {

class PrintSlipCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    PrintSlipCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

PrintSlipCommand::PrintSlipCommand()
    : Command({
          .name = QStringLiteral("print-slip"),
          .summary = tr("Print a member's points slip on a receipt printer (docs/pos-api.md)."),
          .synopsis = QStringLiteral("--member ID|CODE|PHONE [--receipt R] [--paper 58|80] "
                                     "--to tcp:HOST[:PORT]|cups:QUEUE|file:DEVICE | --out FILE"),
          .options =
              {memberOption(),
               valueOption(QStringLiteral("receipt"), tr("Show the points this receipt earned."), tr("R")),
               valueOption(QStringLiteral("paper"), tr("Paper width in mm: 58 (default) or 80."), tr("MM")),
               valueOption(QStringLiteral("to"),
                           tr("The printer: tcp:HOST[:PORT], cups:QUEUE or file:DEVICE."), tr("PRINTER")),
               valueOption(QStringLiteral("out"), tr("Write the ESC/POS bytes into this file instead."),
                           tr("FILE"))},
          .required = {QStringLiteral("member")},
          .oneOf = {QStringLiteral("to"), QStringLiteral("out")},
      })
{}

int PrintSlipCommand::run(Context &c, const QCommandLineParser &p) const
{
    auto slip =
        ReceiptSlip::make(c.till(), p.value(QStringLiteral("member")), p.value(QStringLiteral("receipt")));
    if (!slip)
        return c.fail(slip.error());
    const QString paper = p.value(QStringLiteral("paper"));
    if (!paper.isEmpty() && paper != QLatin1String("58") && paper != QLatin1String("80"))
        return c.failMessage(tr("--paper is 58 or 80."), ErrorCode::InvalidInput);
    print::EscPosOptions layout;
    layout.columns = paper == QLatin1String("80") ? 48 : 32;
    auto bytes = print::escPos(slip.value(), layout);
    if (!bytes)
        return c.fail(bytes.error());
    if (p.isSet(QStringLiteral("out"))) {
        QFile out(p.value(QStringLiteral("out")));
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes.value()) != bytes->size())
            return c.failMessage(tr("Cannot write %1: %2").arg(out.fileName(), out.errorString()));
        c.line(tr("Wrote the slip (%1 bytes of ESC/POS) to %2.").arg(bytes->size()).arg(out.fileName()));
        return ExitOk;
    }
    if (Status sent = print::sendToPrinter(bytes.value(), p.value(QStringLiteral("to"))); !sent)
        return c.fail(sent.error());
    c.line(tr("The slip went to %1.").arg(p.value(QStringLiteral("to"))));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makePrintSlipCommand()
{
    return std::make_unique<PrintSlipCommand>();
}

} // namespace counterpart::cli
