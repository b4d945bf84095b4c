// seed: fills a database with realistic demo members and history.

#include "app/DemoSeeder.h"
#include "cli/Context.h"
#include "cli/InterruptScope.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class SeedCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    SeedCommand()
    {
        name = QStringLiteral("seed");
        summary = tr("Fill the database with realistic demo members and history.");
        synopsis = QStringLiteral("--members N [--seed S] [--months 18] [--force]");
        options = {
            valueOption(QStringLiteral("members"), tr("How many demo members."), tr("N")),
            valueOption(QStringLiteral("seed"),
                        tr("Random seed: the same seed gives the same data (default 1)."), tr("S")),
            valueOption(QStringLiteral("months"), tr("Months of history (default 18)."), tr("N")),
            flagOption(QStringLiteral("force"), tr("Seed even though the database already has members."))};
        required = {QStringLiteral("members")};
        database = Database::OpenForBulkWrites;
    }

    int run(Context &c, const QCommandLineParser &p) const override;
};

int SeedCommand::run(Context &c, const QCommandLineParser &p) const
{
    auto members =
        c.parseInteger(p.value(QStringLiteral("members")), QStringLiteral("--members"), 0, 1'000'000);
    if (!members)
        return c.fail(members.error());
    auto seed = c.parseInteger(p.isSet(QStringLiteral("seed")) ? p.value(QStringLiteral("seed"))
                                                               : QStringLiteral("1"),
                               QStringLiteral("--seed"), 0, 4'294'967'295LL);
    if (!seed)
        return c.fail(seed.error());
    auto months = c.parseInteger(p.isSet(QStringLiteral("months")) ? p.value(QStringLiteral("months"))
                                                                   : QStringLiteral("18"),
                                 QStringLiteral("--months"), 0, 120);
    if (!months)
        return c.fail(months.error());
    if (!p.isSet(QStringLiteral("force"))) {
        auto report = c.till().check(false);
        if (!report)
            return c.fail(report.error());
        if (report->members > 0)
            return c.failMessage(
                tr("This database already has %1 members. Demo members and purchases would sync "
                   "to head office like real ones: use a new database, or add --force.")
                    .arg(c.number(report->members)));
    }

    InterruptScope interrupt;
    SeedOptions options;
    options.members = int(members.value());
    options.randomSeed = quint32(seed.value());
    options.monthsOfHistory = int(months.value());
    options.progress = [&](int done, int total) {
        c.progress(tr("Seeding demo data..."), done, total);
        return !InterruptScope::interrupted();
    };
    auto seeded = DemoSeeder::seed(c.till(), c.manualClock(), options);
    c.endProgress();
    if (!seeded)
        return c.fail(seeded.error());
    const SeedReport &r = seeded.value();
    const double seconds = qMax<qint64>(1, r.elapsedMs) / 1000.0;
    const double perSecond = r.members / seconds;

    if (c.json()) {
        QJsonObject tiers;
        for (auto it = r.membersByTier.cbegin(); it != r.membersByTier.cend(); ++it)
            tiers.insert(it.key(), it.value());
        QJsonObject out{{QStringLiteral("members"), r.members},
                        {QStringLiteral("purchases"), r.purchases},
                        {QStringLiteral("redemptions"), r.redemptions},
                        {QStringLiteral("refunds"), r.refunds},
                        {QStringLiteral("spentMinor"), r.spentMinor},
                        {QStringLiteral("pointsEarned"), r.pointsEarned},
                        {QStringLiteral("pointsRedeemed"), r.pointsRedeemed},
                        {QStringLiteral("pointsExpired"), r.pointsExpired},
                        {QStringLiteral("tiers"), tiers},
                        {QStringLiteral("birthdaysThisWeek"), r.birthdaysThisWeek},
                        {QStringLiteral("elapsedMs"), r.elapsedMs},
                        {QStringLiteral("membersPerSecond"), qRound(perSecond)},
                        {QStringLiteral("cancelled"), r.cancelled}};
        if (r.cancelled) {
            out.insert(QStringLiteral("ok"), false);
            c.printJson(out);
            c.err() << programName() << ": " << tr("Seeding was stopped; what was done so far was kept.")
                    << '\n';
            return ExitRefused;
        }
        return c.printJson(out);
    }
    c.line(tr("Seeded %1 members in %2 s (%3 members a second).")
               .arg(c.number(r.members))
               .arg(seconds, 0, 'f', 1)
               .arg(c.number(qRound64(perSecond))));
    QStringList tierParts;
    for (const Tier &tier : c.till().rules().tiers.tiers)
        tierParts << QStringLiteral("%1 %2").arg(tier.name.text(c.language()),
                                                 c.number(r.membersByTier.value(tier.id)));
    c.keyValues({
        {tr("Purchases"), QStringLiteral("%1 (%2)").arg(c.number(r.purchases), c.money(r.spentMinor))},
        {tr("Redemptions"), c.number(r.redemptions)},
        {tr("Refunds"), c.number(r.refunds)},
        {tr("Points"),
         tr("%1 earned, %2 redeemed, %3 expired")
             .arg(c.number(r.pointsEarned), c.number(r.pointsRedeemed), c.number(r.pointsExpired))},
        {tr("Tiers"), tierParts.join(QStringLiteral(", "))},
        {tr("Birthdays"), tr("%1 this week").arg(c.number(r.birthdaysThisWeek))},
    });
    if (r.cancelled) {
        c.err() << programName() << ": " << tr("Seeding was stopped; what was done so far was kept.") << '\n';
        return ExitRefused;
    }
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeSeedCommand()
{
    return std::make_unique<SeedCommand>();
}

} // namespace counterpart::cli
