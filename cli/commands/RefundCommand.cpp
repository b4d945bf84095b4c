// refund: refunds a purchase and takes back its points.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class RefundCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    RefundCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

RefundCommand::RefundCommand()
    : Command({
          .name = QStringLiteral("refund"),
          .summary = tr("Refund a purchase, in full or in part, and take back its points."),
          .synopsis = QStringLiteral("--receipt R [--amount 5.00] [--reason TEXT] [--store ID]"),
          .options = {valueOption(QStringLiteral("receipt"), tr("Receipt number of the purchase."), tr("R")),
                      valueOption(QStringLiteral("amount"),
                                  tr("Amount refunded (default: all that is left)."), tr("AMOUNT")),
                      valueOption(QStringLiteral("reason"), tr("Why."), tr("TEXT")),
                      valueOption(QStringLiteral("store"),
                                  tr("The store of the purchase (default: this one)."), tr("ID"))},
          .required = {QStringLiteral("receipt")},
      })
{}

int RefundCommand::run(Context &c, const QCommandLineParser &p) const
{
    RefundRequest request;
    request.receipt = p.value(QStringLiteral("receipt"));
    request.reason = p.value(QStringLiteral("reason"));
    request.storeId = p.value(QStringLiteral("store"));
    qint64 amount = 0;
    if (Status read = c.moneyOption(p, QStringLiteral("amount"), amount); !read)
        return c.fail(read.error());
    if (p.isSet(QStringLiteral("amount")))
        request.amountMinor = amount;
    const QString receipt = request.receipt.trimmed();
    return c.outcome(
        c.till().refund(request),
        [&c, &receipt](const RefundOutcome &o) {
            return QJsonObject{{QStringLiteral("member"), c.memberJson(o.member)},
                               {QStringLiteral("receipt"), receipt},
                               {QStringLiteral("refundedMinor"), o.refundedMinor},
                               {QStringLiteral("pointsReversed"), o.pointsReversed},
                               {QStringLiteral("pointsRestored"), o.pointsRestored},
                               {QStringLiteral("balance"), o.member.balance}};
        },
        [&c, &receipt](const RefundOutcome &o) {
            c.line(tr("Refunded %1 of receipt %2 for %3.")
                       .arg(c.money(o.refundedMinor), receipt, o.member.name));
            QList<std::pair<QString, QString>> rows = {{tr("Points taken back"), c.number(o.pointsReversed)}};
            if (o.pointsRestored > 0)
                rows.append({tr("Redeemed points given back"), c.number(o.pointsRestored)});
            rows.append({tr("Balance"), c.points(o.member.balance)});
            c.keyValues(rows);
        });
}

} // namespace

std::unique_ptr<Command> makeRefundCommand()
{
    return std::make_unique<RefundCommand>();
}

} // namespace counterpart::cli
