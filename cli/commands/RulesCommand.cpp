// rules: shows the loyalty rules, or installs a new rules document.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace counterpart::cli {

namespace {

class RulesCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    RulesCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

RulesCommand::RulesCommand()
    : Command({
          .name = QStringLiteral("rules"),
          .summary = tr("Show the loyalty rules, or install a new rules document."),
          .synopsis = QStringLiteral("(--show | --install FILE)"),
          .options = {flagOption(QStringLiteral("show"), tr("Show the active rules.")),
                      valueOption(QStringLiteral("install"), tr("Install this rules document (JSON)."),
                                  tr("FILE"))},
          .oneOf = {QStringLiteral("show"), QStringLiteral("install")},
      })
{}

int RulesCommand::run(Context &c, const QCommandLineParser &p) const
{
    if (p.isSet(QStringLiteral("install"))) {
        QFile file(p.value(QStringLiteral("install")));
        if (!file.open(QIODevice::ReadOnly))
            return c.failMessage(
                tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString()),
                ErrorCode::NotFound);
        if (Status installed = c.till().installRules(file.readAll()); !installed)
            return c.fail(installed.error());
        if (c.json())
            return c.printJson(QJsonObject{{QStringLiteral("version"), c.till().rules().version}});
        c.line(
            tr("Installed loyalty rules version %1. They apply from now on; earlier entries keep the version "
               "they were made under.")
                .arg(c.till().rules().version));
        return ExitOk;
    }

    const LoyaltyRules &rules = c.till().rules();
    if (c.json())
        return c.printJson(
            QJsonObject{{QStringLiteral("version"), rules.version},
                        {QStringLiteral("rules"), QJsonDocument::fromJson(rules.toJson()).object()}});
    c.keyValues({
        {tr("Version"), rules.version},
        {tr("Currency"), rules.currency},
        {tr("Earning"), tr("%1 per %2, from %3")
                            .arg(c.points(rules.earning.pointsPerUnit), c.money(rules.earning.unitMinor),
                                 c.money(rules.earning.minimumSpendMinor))},
        {tr("Gifts"), tr("welcome %1, first purchase %2, birthday %3")
                          .arg(c.number(rules.gifts.welcomePoints), c.number(rules.gifts.firstPurchasePoints),
                               c.number(rules.birthday.giftPoints))},
        {tr("Expiry"),
         rules.expiry.months > 0 ? tr("%1 months after earning").arg(rules.expiry.months) : tr("never")},
        {tr("Offline cap"), c.points(rules.offline.redemptionCapPoints)},
    });
    c.line();
    QList<QStringList> tiers;
    for (const Tier &t : rules.tiers.tiers)
        tiers.append({t.id, t.name.text(c.language()), c.money(t.thresholdSpendMinor),
                      QStringLiteral("%1%").arg(t.multiplierPercent), t.benefits.text(c.language())});
    c.table({tr("Tier"), tr("Name"), tr("Spend (%1 months)").arg(rules.tiers.windowMonths), tr("Points"),
             tr("Benefits")},
            tiers, {2, 3});
    c.line();
    QList<QStringList> rewards;
    for (const Reward &r : rules.redemption.catalogue)
        rewards.append({r.id, r.name.text(c.language()), c.number(r.costPoints),
                        r.limitPerDay > 0 ? tr("%1 a day").arg(r.limitPerDay) : QString()});
    c.table({tr("Reward"), tr("Name"), tr("Points"), tr("Limit")}, rewards, {2});
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeRulesCommand()
{
    return std::make_unique<RulesCommand>();
}

} // namespace counterpart::cli
