// earn: gives points for a purchase (or, with --preview, says what it would give).

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QJsonArray>

namespace counterpart::cli {

namespace {

class EarnCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    EarnCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static QJsonObject json(Context &c, const EarnRequest &request, const EarnOutcome &o, bool preview);
    static void print(Context &c, const EarnRequest &request, const EarnOutcome &o, bool preview);
    static QList<std::pair<QString, QString>> breakdownRows(Context &c, const EarnOutcome &o);
};

EarnCommand::EarnCommand()
    : Command({
          .name = QStringLiteral("earn"),
          .summary = tr("Give points for a purchase."),
          .synopsis = QStringLiteral("--member %1 --amount 12.34 --receipt R [--excluded 3.00] [--preview]")
                          .arg(memberValueName()),
          .options =
              {memberOption(), valueOption(QStringLiteral("amount"), tr("The receipt total."), tr("AMOUNT")),
               valueOption(QStringLiteral("receipt"), tr("Receipt number (earns once per store)."), tr("R")),
               valueOption(QStringLiteral("excluded"),
                           tr("Part of the total that earns no points (tobacco...)."), tr("AMOUNT")),
               flagOption(QStringLiteral("preview"), tr("Show what would be earned, and save nothing."))},
          .required = {QStringLiteral("member"), QStringLiteral("amount"), QStringLiteral("receipt")},
      })
{}

int EarnCommand::run(Context &c, const QCommandLineParser &p) const
{
    EarnRequest request;
    request.member = p.value(QStringLiteral("member"));
    request.receipt = p.value(QStringLiteral("receipt"));
    Status read = c.moneyOption(p, QStringLiteral("amount"), request.amountMinor);
    if (read)
        read = c.moneyOption(p, QStringLiteral("excluded"), request.excludedMinor);
    if (!read)
        return c.fail(read.error());
    const bool preview = p.isSet(QStringLiteral("preview"));
    return c.outcome(
        preview ? c.till().previewEarn(request) : c.till().earn(request),
        [&](const EarnOutcome &o) { return json(c, request, o, preview); },
        [&](const EarnOutcome &o) { print(c, request, o, preview); });
}

QJsonObject EarnCommand::json(Context &c, const EarnRequest &request, const EarnOutcome &o, bool preview)
{
    const EarnBreakdown &b = o.breakdown;
    QJsonArray gifts;
    for (const GiftGrant &g : o.gifts)
        gifts.append(QJsonObject{{QStringLiteral("kind"), giftKindId(g.kind)},
                                 {QStringLiteral("points"), g.points},
                                 {QStringLiteral("period"), g.period}});
    QJsonObject out{
        {QStringLiteral("preview"), preview},
        {QStringLiteral("member"), c.memberJson(o.member)},
        {QStringLiteral("receipt"), request.receipt.trimmed()},
        {QStringLiteral("amountMinor"), request.amountMinor},
        {QStringLiteral("excludedMinor"), request.excludedMinor},
        {QStringLiteral("points"), b.totalPoints},
        {QStringLiteral("totalPoints"), o.totalPoints},
        {QStringLiteral("gifts"), gifts},
        {QStringLiteral("breakdown"),
         QJsonObject{{QStringLiteral("eligibleMinor"), b.eligibleMinor},
                     {QStringLiteral("basePoints"), b.basePoints},
                     {QStringLiteral("tierMultiplierPercent"), b.tierMultiplierPercent},
                     {QStringLiteral("tierExtraPoints"), b.tierExtraPoints},
                     {QStringLiteral("bonusMultiplierPercent"), b.bonusMultiplierPercent},
                     {QStringLiteral("bonusExtraPoints"), b.bonusExtraPoints},
                     {QStringLiteral("birthdayBonusApplied"), b.birthdayBonusApplied},
                     {QStringLiteral("belowMinimumSpend"), b.belowMinimumSpend}}},
        {QStringLiteral("memberDay"), o.isMemberDay},
        {QStringLiteral("tierBefore"), o.tierBefore},
        {QStringLiteral("tierAfter"), o.tierAfter},
        {QStringLiteral("balance"), o.member.balance},
    };
    if (!preview)
        out.insert(QStringLiteral("purchaseId"), o.purchaseId.toString());
    return out;
}

void EarnCommand::print(Context &c, const EarnRequest &request, const EarnOutcome &o, bool preview)
{
    const QString what =
        preview ? tr("Would earn %1 for %2 on receipt %3 (%4).") : tr("Earned %1 for %2 on receipt %3 (%4).");
    c.line(what.arg(c.points(o.totalPoints), o.member.name, request.receipt.trimmed(),
                    c.money(request.amountMinor)));
    QList<std::pair<QString, QString>> rows = breakdownRows(c, o);
    rows.append({preview ? tr("Balance after") : tr("Balance"), c.points(o.member.balance)});
    c.keyValues(rows);
    if (preview)
        c.line(tr("Nothing was saved."));
}

// Where the points came from: the purchase, the bonuses, the gifts, a new tier.
QList<std::pair<QString, QString>> EarnCommand::breakdownRows(Context &c, const EarnOutcome &o)
{
    const EarnBreakdown &b = o.breakdown;
    QList<std::pair<QString, QString>> rows;
    if (b.belowMinimumSpend)
        rows.append({tr("Purchase"), tr("below the minimum spend of %1: no points")
                                         .arg(c.money(c.till().rules().earning.minimumSpendMinor))});
    else
        rows.append({tr("Purchase"), tr("%1 on %2").arg(c.points(b.basePoints), c.money(b.eligibleMinor))});
    if (b.tierExtraPoints > 0)
        rows.append({tr("Tier bonus"), tr("+%1 (%2, %3%)")
                                           .arg(c.number(b.tierExtraPoints), c.tierName(o.tierBefore))
                                           .arg(b.tierMultiplierPercent)});
    if (b.bonusExtraPoints > 0)
        rows.append({b.birthdayBonusApplied ? tr("Birthday bonus") : tr("Member day"),
                     tr("+%1 (%2%)").arg(c.number(b.bonusExtraPoints)).arg(b.bonusMultiplierPercent)});
    for (const GiftGrant &g : o.gifts) {
        const QString gift = g.kind == GiftKind::FirstPurchase ? tr("First purchase gift")
                             : g.kind == GiftKind::Birthday    ? tr("Birthday gift")
                                                               : tr("Welcome gift");
        rows.append({gift, QStringLiteral("+%1").arg(c.number(g.points))});
    }
    if (o.tierAfter != o.tierBefore)
        rows.append(
            {tr("Tier"), tr("up from %1 to %2").arg(c.tierName(o.tierBefore), c.tierName(o.tierAfter))});
    return rows;
}

} // namespace

std::unique_ptr<Command> makeEarnCommand()
{
    return std::make_unique<EarnCommand>();
}

} // namespace counterpart::cli
