// redeem: spends points on a reward or on money off the bill.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class RedeemCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    RedeemCommand()
    {
        name = QStringLiteral("redeem");
        summary = tr("Spend points on a reward or on money off the bill.");
        synopsis =
            QStringLiteral("--member %1 (--reward ID [--quantity N] | --points N) [--receipt R] [--offline]")
                .arg(memberValueName());
        options = {
            memberOption(),
            valueOption(QStringLiteral("reward"), tr("Catalogue reward id (see: rules --show)."), tr("ID")),
            valueOption(QStringLiteral("quantity"), tr("How many of the reward (default 1)."), tr("N")),
            valueOption(QStringLiteral("points"), tr("Points to take off the bill."), tr("N")),
            valueOption(QStringLiteral("receipt"),
                        tr("The receipt the points are spent on (a full refund gives them back)."), tr("R")),
            flagOption(QStringLiteral("offline"), tr("Apply the offline redemption cap."))};
        required = {QStringLiteral("member")};
        oneOf = {QStringLiteral("reward"), QStringLiteral("points")};
    }

    int run(Context &c, const QCommandLineParser &p) const override;
};

int RedeemCommand::run(Context &c, const QCommandLineParser &p) const
{
    RedeemRequest request;
    request.member = p.value(QStringLiteral("member"));
    request.receipt = p.value(QStringLiteral("receipt"));
    if (p.isSet(QStringLiteral("reward"))) {
        request.rewardId = p.value(QStringLiteral("reward")).trimmed();
        if (p.isSet(QStringLiteral("quantity"))) {
            auto quantity =
                c.parseInteger(p.value(QStringLiteral("quantity")), QStringLiteral("--quantity"), 1, 100);
            if (!quantity)
                return c.fail(quantity.error());
            request.quantity = int(quantity.value());
        }
    } else {
        if (p.isSet(QStringLiteral("quantity")))
            return c.usageError(nullptr, tr("--quantity goes with --reward."));
        auto pointsToUse =
            c.parseInteger(p.value(QStringLiteral("points")), QStringLiteral("--points"), 1, 100'000'000);
        if (!pointsToUse)
            return c.fail(pointsToUse.error());
        request.discountPoints = pointsToUse.value();
    }
    if (p.isSet(QStringLiteral("offline")))
        c.till().setOffline(true);
    auto redeemed = c.till().redeem(request);
    if (!redeemed)
        return c.fail(redeemed.error());
    const RedeemOutcome &o = redeemed.value();
    if (c.json())
        return c.printJson(
            QJsonObject{{QStringLiteral("member"), c.memberJson(o.member)},
                        {QStringLiteral("rewardId"), o.rewardId},
                        {QStringLiteral("rewardName"), c.rewardName(o.rewardId)},
                        {QStringLiteral("quantity"), request.rewardId.isEmpty() ? 1 : request.quantity},
                        {QStringLiteral("points"), o.points},
                        {QStringLiteral("discountMinor"), o.discountMinor},
                        {QStringLiteral("balance"), o.member.balance}});
    if (o.discountMinor > 0)
        c.line(tr("Took %1 off the bill for %2 (%3 off).")
                   .arg(c.points(o.points), o.member.name, c.money(o.discountMinor)));
    else
        c.line(tr("%1 redeemed %2 × %3 for %4.")
                   .arg(o.member.name, QString::number(request.quantity), c.rewardName(o.rewardId),
                        c.points(o.points)));
    c.keyValues({{tr("Balance"), c.points(o.member.balance)}});
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeRedeemCommand()
{
    return std::make_unique<RedeemCommand>();
}

} // namespace counterpart::cli
