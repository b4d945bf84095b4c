// check: the database against itself (integrity, balances, statistics, counters), --repair first mends the
// counters.

#include "app/Statistics.h"
#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QDir>
#include <QJsonArray>

namespace counterpart::cli {

namespace {

class CheckCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    CheckCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    // --repair: mends the members' cached counters and says what it mended (into `json` with --json);
    // an exit code.
    static int repairCounters(Context &c, QJsonObject *json);
};

CheckCommand::CheckCommand()
    : Command({
          .name = QStringLiteral("check"),
          .summary = tr("Check the database: integrity, balances against the ledger, statistics and member "
                        "counters against the records, sync queue."),
          .synopsis = QStringLiteral("[--full] [--repair]"),
          .options = {flagOption(QStringLiteral("full"), tr("Full integrity check (slower).")),
                      flagOption(QStringLiteral("repair"),
                                 tr("First mend the members' visit counters (visits, first purchase, last "
                                    "visit) from their purchases."))},
      })
{}

int CheckCommand::repairCounters(Context &c, QJsonObject *json)
{
    auto mended = c.till().repairCounters(20);
    if (!mended)
        return c.fail(mended.error());
    const qint64 n = mended->mismatchCount;
    if (c.json()) {
        json->insert(QStringLiteral("countersRepaired"), n);
        return ExitOk;
    }
    if (n == 0) {
        c.line(tr("The member counters agreed with the purchases; nothing was mended."));
        return ExitOk;
    }
    c.line(tr("Mended the visit counters of %n member(s):", nullptr, int(qMin<qint64>(n, INT_MAX))));
    for (const CounterMismatch &m : std::as_const(mended->examples))
        c.line(QStringLiteral("  - ") + Till::counterMismatchText(m));
    if (n > mended->examples.size())
        c.line(QStringLiteral("  - ") +
               tr("and %1 more (counted in the audit row).").arg(c.number(n - mended->examples.size())));
    return ExitOk;
}

int CheckCommand::run(Context &c, const QCommandLineParser &p) const
{
    QJsonObject repaired;
    if (p.isSet(QStringLiteral("repair"))) {
        if (const int rc = repairCounters(c, &repaired); rc != ExitOk)
            return rc;
    }
    auto checked = c.till().check(p.isSet(QStringLiteral("full")));
    if (!checked)
        return c.fail(checked.error());
    const CheckReport &r = checked.value();
    if (c.json()) {
        QJsonObject o{{QStringLiteral("ok"), r.ok},
                      {QStringLiteral("schemaVersion"), r.schemaVersion},
                      {QStringLiteral("integrityOk"), r.integrityOk},
                      {QStringLiteral("members"), r.members},
                      {QStringLiteral("ledgerEntries"), r.ledgerEntries},
                      {QStringLiteral("balanceMismatches"), r.balanceMismatches},
                      {QStringLiteral("statsMismatches"), r.statsMismatches},
                      {QStringLiteral("counterMismatches"), r.counterMismatches},
                      {QStringLiteral("pendingOutbox"), r.pendingOutbox},
                      {QStringLiteral("chainKey"), r.chainKey},
                      {QStringLiteral("problems"), QJsonArray::fromStringList(r.problems)}};
        for (auto it = repaired.constBegin(); it != repaired.constEnd(); ++it)
            o.insert(it.key(), it.value());
        c.printJson(o);
    } else {
        c.keyValues({
            {tr("Database"), QDir::toNativeSeparators(c.dbPath())},
            {tr("Schema"), tr("version %1").arg(r.schemaVersion)},
            {tr("Integrity"), r.integrityOk ? tr("ok") : tr("damaged")},
            {tr("Members"), c.number(r.members)},
            {tr("Ledger entries"), c.number(r.ledgerEntries)},
            {tr("Balances"), r.balanceMismatches == 0
                                 ? tr("all agree with the ledger")
                                 : tr("%1 do not agree with the ledger").arg(c.number(r.balanceMismatches))},
            {tr("Statistics"), r.statsMismatches == 0
                                   ? tr("agree with the records")
                                   : tr("%1 differ from the records").arg(c.number(r.statsMismatches))},
            {tr("Member counters"),
             r.counterMismatches == 0
                 ? tr("agree with the purchases")
                 : tr("%1 members differ from their purchases").arg(c.number(r.counterMismatches))},
            {tr("Waiting to sync"), c.number(r.pendingOutbox)},
            {tr("ID numbers, birth dates"),
             r.chainKey > 0
                 ? tr("sealed with the chain's key %1: any till of the chain can read them").arg(r.chainKey)
                 : tr("sealed with this till's own key: readable at this till only")},
        });
        for (const QString &problem : r.problems)
            c.line(QStringLiteral("  - ") + problem);
    }
    if (!r.ok)
        return c.refused(r.problems.size() == 1 ? tr("The check found 1 problem.")
                                                : tr("The check found %1 problems.").arg(r.problems.size()));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeCheckCommand()
{
    return std::make_unique<CheckCommand>();
}

} // namespace counterpart::cli
