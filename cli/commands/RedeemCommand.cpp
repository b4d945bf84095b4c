// redeem: spends points on a reward or on money off the bill.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class RedeemCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    RedeemCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static QJsonObject json(Context &c, const RedeemRequest &request, const RedeemOutcome &o);
    static void print(Context &c, const RedeemRequest &request, const RedeemOutcome &o);
};

RedeemCommand::RedeemCommand()
    : Command({
          .name = QStringLiteral("redeem"),
          .summary = tr("Spend points on a reward or on money off the bill."),
          .synopsis = QStringLiteral("--member %1 (--reward ID [--quantity N] | --points N) [--receipt R] "
                                     "[--phone-digits DDDD] [--offline]")
                          .arg(memberValueName()),
          .options = {memberOption(),
                      valueOption(QStringLiteral("reward"), tr("Catalogue reward id (see: rules --show)."),
                                  tr("ID")),
                      valueOption(QStringLiteral("quantity"), tr("How many of the reward (default 1)."),
                                  tr("N")),
                      valueOption(QStringLiteral("points"), tr("Points to take off the bill."), tr("N")),
                      valueOption(QStringLiteral("receipt"),
                                  tr("The receipt the points are spent on (a full refund gives them back)."),
                                  tr("R")),
                      valueOption(QStringLiteral("phone-digits"),
                                  tr("The 4 digits before the last four of the member's phone number, as the "
                                     "member gives them: needed to spend by member code or card."),
                                  tr("DDDD")),
                      flagOption(QStringLiteral("offline"), tr("Apply the offline redemption cap."))},
          .required = {QStringLiteral("member")},
          .oneOf = {QStringLiteral("reward"), QStringLiteral("points")},
      })
{}

int RedeemCommand::run(Context &c, const QCommandLineParser &p) const
{
    RedeemRequest request;
    request.member = p.value(QStringLiteral("member"));
    request.receipt = p.value(QStringLiteral("receipt"));
    request.phoneDigits = p.value(QStringLiteral("phone-digits"));
    Status read;
    if (p.isSet(QStringLiteral("reward"))) {
        request.rewardId = p.value(QStringLiteral("reward")).trimmed();
        qint64 quantity = request.quantity;
        read = c.integerOption(p, QStringLiteral("quantity"), 1, 100, quantity);
        request.quantity = int(quantity);
    } else {
        if (p.isSet(QStringLiteral("quantity")))
            return c.usageError(nullptr, tr("--quantity goes with --reward."));
        read = c.integerOption(p, QStringLiteral("points"), 1, 100'000'000, request.discountPoints);
    }
    if (!read)
        return c.fail(read.error());
    if (p.isSet(QStringLiteral("offline")))
        c.till().setOffline(true);
    auto redeemed = c.till().redeem(request);
    if (!redeemed && redeemed.error().code == ErrorCode::SecondFactorNeeded)
        return c.fail(makeError(ErrorCode::SecondFactorNeeded,
                                tr("%1 Give them with --phone-digits, or name the member by their full "
                                   "phone number.")
                                    .arg(redeemed.error().message)));
    return c.outcome(
        redeemed, [&](const RedeemOutcome &o) { return json(c, request, o); },
        [&](const RedeemOutcome &o) { print(c, request, o); });
}

QJsonObject RedeemCommand::json(Context &c, const RedeemRequest &request, const RedeemOutcome &o)
{
    return QJsonObject{{QStringLiteral("member"), c.memberJson(o.member)},
                       {QStringLiteral("rewardId"), o.rewardId},
                       {QStringLiteral("rewardName"), c.rewardName(o.rewardId)},
                       {QStringLiteral("quantity"), request.rewardId.isEmpty() ? 1 : request.quantity},
                       {QStringLiteral("points"), o.points},
                       {QStringLiteral("discountMinor"), o.discountMinor},
                       {QStringLiteral("balance"), o.member.balance}};
}

void RedeemCommand::print(Context &c, const RedeemRequest &request, const RedeemOutcome &o)
{
    if (o.discountMinor > 0)
        c.line(tr("Took %1 off the bill for %2 (%3 off).")
                   .arg(c.points(o.points), o.member.name, c.money(o.discountMinor)));
    else
        c.line(tr("%1 redeemed %2 × %3 for %4.")
                   .arg(o.member.name, QString::number(request.quantity), c.rewardName(o.rewardId),
                        c.points(o.points)));
    c.keyValues({{tr("Balance"), c.points(o.member.balance)}});
}

} // namespace

std::unique_ptr<Command> makeRedeemCommand()
{
    return std::make_unique<RedeemCommand>();
}

} // namespace counterpart::cli
