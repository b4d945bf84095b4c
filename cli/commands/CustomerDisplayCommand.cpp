// customer-display: whether the till's window shows the customer display on a second screen, and the
// address its join QR code opens.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class CustomerDisplayCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    CustomerDisplayCommand()
        : Command({
              .name = QStringLiteral("customer-display"),
              .summary = tr("Show or set the customer display on the till's second screen "
                            "(docs/user-guide.md)."),
              .synopsis = QStringLiteral("[--on | --off] [--join-url URL]"),
              .options = {flagOption(QStringLiteral("on"),
                                     tr("The till's window shows it on a second screen.")),
                          flagOption(QStringLiteral("off"), tr("No customer display.")),
                          valueOption(QStringLiteral("join-url"),
                                      tr("The web page the join QR code opens (empty: no code; the display "
                                         "asks to join at the counter)."),
                                      tr("URL"))},
          })
    {}

    int run(Context &c, const QCommandLineParser &p) const override
    {
        auto current = c.till().customerDisplay();
        if (!current)
            return c.fail(current.error());
        CustomerDisplaySetting setting = current.value();
        const bool change = p.isSet(QStringLiteral("on")) || p.isSet(QStringLiteral("off")) ||
                            p.isSet(QStringLiteral("join-url"));
        if (p.isSet(QStringLiteral("on")) && p.isSet(QStringLiteral("off")))
            return c.fail(makeError(ErrorCode::InvalidInput, tr("Give --on or --off, not both.")));
        if (change) {
            if (p.isSet(QStringLiteral("on")) || p.isSet(QStringLiteral("off")))
                setting.on = p.isSet(QStringLiteral("on"));
            if (p.isSet(QStringLiteral("join-url")))
                setting.joinUrl = p.value(QStringLiteral("join-url")).trimmed();
            if (Status s = c.till().setCustomerDisplay(setting); !s)
                return c.fail(s.error());
        }
        c.line(setting.on ? tr("Customer display: on (a second screen, from the window's next start).")
                          : tr("Customer display: off."));
        c.line(setting.joinUrl.isEmpty()
                   ? tr("Join code: none; the display asks customers to join at the counter.")
                   : tr("Join code opens: %1").arg(setting.joinUrl));
        return ExitOk;
    }
};

} // namespace

std::unique_ptr<Command> makeCustomerDisplayCommand()
{
    return std::make_unique<CustomerDisplayCommand>();
}

} // namespace counterpart::cli
