// card: everything the member card shows.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QJsonArray>

namespace counterpart::cli {

namespace {

class CardCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    CardCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static QJsonObject json(Context &c, const MemberCard &card);
    static void printCard(Context &c, const MemberCard &card);
    static void printRecentPurchases(Context &c, const MemberCard &card);
};

CardCommand::CardCommand()
    : Command({
          .name = QStringLiteral("card"),
          .summary = tr("Show everything the member card shows."),
          .synopsis = QStringLiteral("--member %1").arg(memberValueName()),
          .options = {memberOption()},
          .required = {QStringLiteral("member")},
      })
{}

int CardCommand::run(Context &c, const QCommandLineParser &p) const
{
    auto m = c.member(p);
    if (!m)
        return c.fail(m.error());
    return c.outcome(
        c.till().card(m->id), [&c](const MemberCard &card) { return json(c, card); },
        [&c](const MemberCard &card) {
            printCard(c, card);
            printRecentPurchases(c, card);
        });
}

QJsonObject CardCommand::json(Context &c, const MemberCard &card)
{
    QJsonArray recent;
    for (const PurchaseSummary &s : card.recentPurchases)
        recent.append(QJsonObject{{QStringLiteral("receipt"), s.receipt},
                                  {QStringLiteral("storeId"), s.storeId},
                                  {QStringLiteral("at"), c.isoUtc(s.atMs)},
                                  {QStringLiteral("amountMinor"), s.amountMinor},
                                  {QStringLiteral("refundedMinor"), s.refundedMinor},
                                  {QStringLiteral("pointsEarned"), s.pointsEarned},
                                  {QStringLiteral("giftPoints"), s.giftPoints},
                                  {QStringLiteral("voided"), s.voided}});
    return QJsonObject{{QStringLiteral("member"), c.memberJson(card.member)},
                       {QStringLiteral("progress"),
                        QJsonObject{{QStringLiteral("currentTier"), card.progress.currentTier},
                                    {QStringLiteral("nextTier"), card.progress.nextTier},
                                    {QStringLiteral("spendInWindowMinor"), card.progress.spendInWindowMinor},
                                    {QStringLiteral("moreToSpendMinor"), card.progress.moreToSpendMinor}}},
                       {QStringLiteral("expiringSoonPoints"), card.expiringSoonPoints},
                       {QStringLiteral("expiringBy"), card.expiringBy.toString(Qt::ISODate)},
                       {QStringLiteral("expiringWorthMinor"), card.expiringWorthMinor},
                       {QStringLiteral("affordableReward"), card.expiringAffordableReward},
                       {QStringLiteral("birthdayWindow"), card.birthdayWindow},
                       {QStringLiteral("birthdayGiftAvailable"), card.birthdayGiftAvailable},
                       {QStringLiteral("memberDay"), card.memberDay},
                       {QStringLiteral("memberDayMultiplierPercent"), card.memberDayMultiplierPercent},
                       {QStringLiteral("welcomeGiftGranted"), card.welcomeGiftGranted},
                       {QStringLiteral("firstPurchaseGiftGranted"), card.firstPurchaseGiftGranted},
                       {QStringLiteral("recentPurchases"), recent}};
}

void CardCommand::printCard(Context &c, const MemberCard &card)
{
    QList<std::pair<QString, QString>> rows;
    if (card.progress.nextTier.isEmpty())
        rows.append({tr("Tier"), tr("%1, the top tier").arg(c.tierName(card.progress.currentTier))});
    else
        rows.append(
            {tr("Tier"), tr("%1 more to spend for %2 (spent %3 in the last %4 months)")
                             .arg(c.money(card.progress.moreToSpendMinor), c.tierName(card.progress.nextTier),
                                  c.money(card.progress.spendInWindowMinor))
                             .arg(c.till().rules().tiers.windowMonths)});
    if (card.expiringSoonPoints > 0)
        rows.append(
            {tr("Expiring"), tr("%1 (worth %2) by %3")
                                 .arg(c.points(card.expiringSoonPoints), c.money(card.expiringWorthMinor),
                                      card.expiringBy.toString(Qt::ISODate))});
    if (!card.expiringAffordableReward.isEmpty())
        rows.append({tr("Can redeem"), card.expiringAffordableReward});
    if (card.birthdayWindow)
        rows.append({tr("Birthday week"), card.birthdayGiftAvailable
                                              ? tr("this week, and the birthday gift is waiting")
                                              : tr("this week (gift already given)")});
    if (card.memberDay)
        rows.append({tr("Member day"), tr("today, %1% points").arg(card.memberDayMultiplierPercent)});
    c.printMember(card.member, rows);
}

void CardCommand::printRecentPurchases(Context &c, const MemberCard &card)
{
    if (!card.recentPurchases.isEmpty()) {
        c.line();
        c.line(tr("Recent purchases:"));
        QList<QStringList> purchases;
        for (const PurchaseSummary &s : card.recentPurchases) {
            QString state;
            if (s.voided)
                state = tr("voided");
            else if (s.refundedMinor >= s.amountMinor)
                state = tr("refunded");
            else if (s.refundedMinor > 0)
                state = tr("%1 refunded").arg(c.money(s.refundedMinor));
            purchases.append({c.localTime(s.atMs), s.receipt, c.money(s.amountMinor),
                              c.number(s.pointsEarned + s.giftPoints), state});
        }
        c.table({tr("When"), tr("Receipt"), tr("Amount"), tr("Points"), QString()}, purchases, {2, 3});
    }
}

} // namespace

std::unique_ptr<Command> makeCardCommand()
{
    return std::make_unique<CardCommand>();
}

} // namespace counterpart::cli
