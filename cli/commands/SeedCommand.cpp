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
    SeedCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    // --members, --seed and --months into `seedOptions`; ExitOk or the failure's exit code.
    static int readOptions(Context &c, const QCommandLineParser &p, SeedOptions *seedOptions);
    // Demo members and purchases would sync to head office like real ones: not into a database in use.
    static int refuseIfInUse(Context &c);
    static void printJson(Context &c, const SeedReport &r);
    static void print(Context &c, const SeedReport &r);
};

SeedCommand::SeedCommand()
    : Command({
          .name = QStringLiteral("seed"),
          .summary = tr("Fill the database with realistic demo members and history."),
          .synopsis = QStringLiteral("--members N [--seed S] [--months 18] [--force]"),
          .options = {valueOption(QStringLiteral("members"), tr("How many demo members."), tr("N")),
                      valueOption(QStringLiteral("seed"),
                                  tr("Random seed: the same seed gives the same data (default 1)."), tr("S")),
                      valueOption(QStringLiteral("months"), tr("Months of history (default 18)."), tr("N")),
                      flagOption(QStringLiteral("force"),
                                 tr("Seed even though the database already has members."))},
          .required = {QStringLiteral("members")},
          .database = Database::OpenForBulkWrites,
      })
{}

int SeedCommand::run(Context &c, const QCommandLineParser &p) const
{
    SeedOptions seedOptions;
    if (const int read = readOptions(c, p, &seedOptions); read != ExitOk)
        return read;
    if (!p.isSet(QStringLiteral("force"))) {
        if (const int refused = refuseIfInUse(c); refused != ExitOk)
            return refused;
    }
    InterruptScope interrupt;
    seedOptions.progress = [&](int done, int total) {
        c.progress(tr("Seeding demo data..."), done, total);
        return !InterruptScope::interrupted();
    };
    auto seeded = DemoSeeder::seed(c.till(), c.manualClock(), seedOptions);
    c.endProgress();
    if (!seeded)
        return c.fail(seeded.error());
    if (c.json())
        printJson(c, seeded.value());
    else
        print(c, seeded.value());
    if (seeded->cancelled)
        return c.refused(tr("Seeding was stopped; what was done so far was kept."));
    return ExitOk;
}

int SeedCommand::readOptions(Context &c, const QCommandLineParser &p, SeedOptions *seedOptions)
{
    qint64 members = 0;
    qint64 seed = 1;
    qint64 months = 18;
    Status read = c.integerOption(p, QStringLiteral("members"), 0, 1'000'000, members);
    if (read)
        read = c.integerOption(p, QStringLiteral("seed"), 0, 4'294'967'295LL, seed);
    if (read)
        read = c.integerOption(p, QStringLiteral("months"), 0, 120, months);
    if (!read)
        return c.fail(read.error());
    seedOptions->members = int(members);
    seedOptions->randomSeed = quint32(seed);
    seedOptions->monthsOfHistory = int(months);
    return ExitOk;
}

int SeedCommand::refuseIfInUse(Context &c)
{
    auto report = c.till().check(false);
    if (!report)
        return c.fail(report.error());
    if (report->members > 0)
        return c.failMessage(tr("This database already has %1 members. Demo members and purchases would sync "
                                "to head office like real ones: use a new database, or add --force.")
                                 .arg(c.number(report->members)));
    return ExitOk;
}

double membersPerSecond(const SeedReport &r)
{
    return r.members / (qMax<qint64>(1, r.elapsedMs) / 1000.0);
}

void SeedCommand::printJson(Context &c, const SeedReport &r)
{
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
                    {QStringLiteral("membersPerSecond"), qRound(membersPerSecond(r))},
                    {QStringLiteral("cancelled"), r.cancelled}};
    if (r.cancelled)
        out.insert(QStringLiteral("ok"), false);
    c.printJson(out);
}

void SeedCommand::print(Context &c, const SeedReport &r)
{
    c.line(tr("Seeded %1 members in %2 s (%3 members a second).")
               .arg(c.number(r.members))
               .arg(qMax<qint64>(1, r.elapsedMs) / 1000.0, 0, 'f', 1)
               .arg(c.number(qRound64(membersPerSecond(r)))));
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
}

} // namespace

std::unique_ptr<Command> makeSeedCommand()
{
    return std::make_unique<SeedCommand>();
}

} // namespace counterpart::cli
