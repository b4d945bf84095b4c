// refund: refunds a purchase and takes back its points.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class RefundCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    RefundCommand()
    {
        name = QStringLiteral("refund");
        summary = tr("Refund a purchase, in full or in part, and take back its points.");
        synopsis = QStringLiteral("--receipt R [--amount 5.00] [--reason TEXT] [--store ID]");
        options = {valueOption(QStringLiteral("receipt"), tr("Receipt number of the purchase."), tr("R")),
                   valueOption(QStringLiteral("amount"), tr("Amount refunded (default: all that is left)."),
                               tr("AMOUNT")),
                   valueOption(QStringLiteral("reason"), tr("Why."), tr("TEXT")),
                   valueOption(QStringLiteral("store"), tr("The store of the purchase (default: this one)."),
                               tr("ID"))};
        required = {QStringLiteral("receipt")};
    }

    int run(Context &c, const QCommandLineParser &p) const override;
};

int RefundCommand::run(Context &c, const QCommandLineParser &p) const
{
    RefundRequest request;
    request.receipt = p.value(QStringLiteral("receipt"));
    request.reason = p.value(QStringLiteral("reason"));
    request.storeId = p.value(QStringLiteral("store"));
    if (p.isSet(QStringLiteral("amount"))) {
        auto amount = c.parseMoney(p.value(QStringLiteral("amount")));
        if (!amount)
            return c.fail(amount.error());
        request.amountMinor = amount.value();
    }
    auto refunded = c.till().refund(request);
    if (!refunded)
        return c.fail(refunded.error());
    const RefundOutcome &o = refunded.value();
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("member"), c.memberJson(o.member)},
                                       {QStringLiteral("receipt"), request.receipt.trimmed()},
                                       {QStringLiteral("refundedMinor"), o.refundedMinor},
                                       {QStringLiteral("pointsReversed"), o.pointsReversed},
                                       {QStringLiteral("pointsRestored"), o.pointsRestored},
                                       {QStringLiteral("balance"), o.member.balance}});
    c.line(tr("Refunded %1 of receipt %2 for %3.")
               .arg(c.money(o.refundedMinor), request.receipt.trimmed(), o.member.name));
    QList<std::pair<QString, QString>> rows = {{tr("Points taken back"), c.number(o.pointsReversed)}};
    if (o.pointsRestored > 0)
        rows.append({tr("Redeemed points given back"), c.number(o.pointsRestored)});
    rows.append({tr("Balance"), c.points(o.member.balance)});
    c.keyValues(rows);
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeRefundCommand()
{
    return std::make_unique<RefundCommand>();
}

} // namespace counterpart::cli
