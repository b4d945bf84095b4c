// stats: the manager's figures for a day or a range, the member lists as CSV, and the rebuild of the
// maintained statistics (docs/statistics.md). The numbers are the manager view's: both call app/Statistics.h.

#include "app/Statistics.h"
#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

#include <functional>

namespace counterpart::cli {

namespace {

// "+12.5%", "−3", "new" when there was nothing before.
QString change(qint64 now, qint64 before)
{
    if (now == before)
        return QStringLiteral("=");
    const auto percent = Statistics::percentChange(now, before);
    if (!percent)
        return now > 0 ? QStringLiteral("+") : QStringLiteral("-");
    return (*percent > 0 ? QStringLiteral("+") : QString()) + QString::number(*percent, 'f', 1) +
           QStringLiteral("%");
}

class StatsCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    StatsCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static int rebuild(Context &c, Statistics &statistics);
    // The days --date or --from and --to name (default: today); ExitOk or a usage error.
    int period(Context &c, const QCommandLineParser &p, QDate *from, QDate *to) const;
    int writeList(Context &c, const QCommandLineParser &p, Statistics &statistics, const QDate &day) const;
    static int printDashboard(Context &c, Statistics &statistics, const QDate &from, const QDate &to);
    static void printFigures(Context &c, const Dashboard &d);
};

StatsCommand::StatsCommand()
    : Command({
          .name = QStringLiteral("stats"),
          .summary = tr("The manager's figures for a day or a range of days, compared with the period "
                        "before; or a member list as CSV."),
          .synopsis = QStringLiteral("[--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--list NAME "
                                     "--out FILE.csv] [--chain] [--rebuild]"),
          .options =
              {valueOption(QStringLiteral("date"), tr("One day, in the store's calendar (default: today)."),
                           tr("DATE")),
               valueOption(QStringLiteral("from"), tr("The first day of a range."), tr("DATE")),
               valueOption(QStringLiteral("to"), tr("The last day of a range."), tr("DATE")),
               valueOption(QStringLiteral("list"),
                           tr("Write a member list instead: champions, loyal, at_risk, lost, "
                              "expiring_points, birthdays, new_not_back."),
                           tr("NAME")),
               valueOption(QStringLiteral("out"), tr("The CSV file for --list (- for standard output)."),
                           tr("FILE")),
               flagOption(
                   QStringLiteral("chain"),
                   tr("The whole chain as this till knows it, not only this store (head office; a store "
                      "manager when the chain's rules allow it).")),
               flagOption(
                   QStringLiteral("rebuild"),
                   tr("Recompute the maintained statistics from the records (after a failed check)."))},
      })
{}

int StatsCommand::run(Context &c, const QCommandLineParser &p) const
{
    Statistics statistics(c.till());
    if (p.isSet(QStringLiteral("rebuild")))
        return rebuild(c, statistics);
    if (p.isSet(QStringLiteral("chain"))) {
        if (Status s = statistics.setScope(StatsScope::Chain); !s)
            return c.fail(s.error());
    }
    QDate from;
    QDate to;
    if (const int checked = period(c, p, &from, &to); checked != ExitOk)
        return checked;
    // Lists are about the chosen day (the last day of a range), usually today.
    if (p.isSet(QStringLiteral("list")))
        return writeList(c, p, statistics, to);
    return printDashboard(c, statistics, from, to);
}

int StatsCommand::rebuild(Context &c, Statistics &statistics)
{
    if (Status s = statistics.rebuild(); !s)
        return c.fail(s.error());
    auto verified = statistics.verify();
    if (!verified)
        return c.fail(verified.error());
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("rebuilt"), true},
                                       {QStringLiteral("rows"), verified->bucketRows},
                                       {QStringLiteral("mismatches"), verified->mismatchCount}});
    c.line(tr("The statistics were recomputed from the records (%1 rows); they agree with them.")
               .arg(c.number(verified->bucketRows)));
    return ExitOk;
}

int StatsCommand::period(Context &c, const QCommandLineParser &p, QDate *from, QDate *to) const
{
    auto parseDate = [&](const QString &option, QDate *date) -> bool {
        *date = QDate::fromString(p.value(option).trimmed(), Qt::ISODate);
        return date->isValid();
    };
    *from = c.till().today();
    *to = *from;
    const bool hasDate = p.isSet(QStringLiteral("date"));
    const bool hasFrom = p.isSet(QStringLiteral("from"));
    const bool hasTo = p.isSet(QStringLiteral("to"));
    if (hasDate && (hasFrom || hasTo))
        return c.usageError(this, tr("Give either --date or --from and --to, not both."));
    if (hasFrom != hasTo)
        return c.usageError(this, tr("--from and --to go together."));
    if (hasDate) {
        if (!parseDate(QStringLiteral("date"), from))
            return c.usageError(this, tr("--date needs a day written as YYYY-MM-DD."));
        *to = *from;
    } else if (hasFrom) {
        if (!parseDate(QStringLiteral("from"), from) || !parseDate(QStringLiteral("to"), to))
            return c.usageError(this, tr("--from and --to need days written as YYYY-MM-DD."));
        if (*from > *to)
            return c.usageError(this, tr("--from is after --to."));
    }
    return ExitOk;
}

int StatsCommand::writeList(Context &c, const QCommandLineParser &p, Statistics &statistics,
                            const QDate &day) const
{
    const auto list = Statistics::listFromId(p.value(QStringLiteral("list")).trimmed());
    if (!list)
        return c.usageError(this, tr("Unknown list \"%1\".").arg(p.value(QStringLiteral("list"))));
    if (!p.isSet(QStringLiteral("out")))
        return c.usageError(this, tr("--list needs --out FILE.csv (or --out - for standard output)."));
    const QString path = p.value(QStringLiteral("out"));
    const bool toStdout = path == QLatin1String("-");
    if (toStdout && c.json())
        return c.usageError(this, tr("--json and --out - both write to standard output; choose one."));
    qint64 members = 0;
    const Status written = c.writeOut(path, [&](QIODevice &device) -> Status {
        auto exported = statistics.exportCsv(*list, day, device);
        if (!exported)
            return exported.error();
        members = exported.value();
        return {};
    });
    if (!written)
        return c.fail(written.error());
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("list"), Statistics::listId(*list)},
                                       {QStringLiteral("members"), members},
                                       {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}});
    c.note(tr("%1: %2 members written to %3. The file holds personal data: keep it safe "
              "and delete it when it is no longer needed.")
               .arg(Statistics::listTitle(*list), c.number(members),
                    toStdout ? tr("standard output") : QDir::toNativeSeparators(path)),
           toStdout);
    return ExitOk;
}

int StatsCommand::printDashboard(Context &c, Statistics &statistics, const QDate &from, const QDate &to)
{
    auto dashboard = statistics.dashboard(from, to);
    if (!dashboard)
        return c.fail(dashboard.error());
    const Dashboard &d = dashboard.value();
    if (c.json()) {
        QJsonObject out = Statistics::toJson(d);
        out.insert(QStringLiteral("timeZone"), QString::fromLatin1(c.till().config().timeZone));
        return c.printJson(out);
    }
    printFigures(c, d);
    c.line();
    QList<QStringList> tierRows;
    for (const TierShare &t : d.tiers)
        tierRows.append({c.tierName(t.tierId), c.number(t.members)});
    tierRows.append({tr("All active members"), c.number(d.activeMembers)});
    c.table({tr("Tier"), tr("Members now")}, tierRows, {1});
    return ExitOk;
}

void StatsCommand::printFigures(Context &c, const Dashboard &d)
{
    const PeriodFigures &n = d.current;
    const PeriodFigures &b = d.previous;
    const auto days = [](const PeriodFigures &f) {
        return f.from == f.to
                   ? f.from.toString(Qt::ISODate)
                   : f.from.toString(Qt::ISODate) + QStringLiteral(" – ") + f.to.toString(Qt::ISODate);
    };
    const QString zone = QString::fromLatin1(c.till().config().timeZone);
    if (d.scope == StatsScope::Chain)
        c.line(tr("The whole chain as this till knows it, %1 (%2)").arg(days(n), zone));
    else
        c.line(tr("Store %1, %2 (%3)").arg(c.till().config().storeId, days(n), zone));
    c.line();
    QList<QStringList> rows;
    auto add = [&](const QString &label, qint64 now, qint64 before,
                   const std::function<QString(qint64)> &show) {
        rows.append({label, show(now), show(before), change(now, before)});
    };
    const auto count = [&c](qint64 x) { return c.number(x); };
    const auto cash = [&c](qint64 x) { return c.money(x); };
    add(tr("New members"), n.newMembers, b.newMembers, count);
    add(tr("  at the till"), n.newMembersTill, b.newMembersTill, count);
    add(tr("  online"), n.newMembersOnline, b.newMembersOnline, count);
    add(tr("  imported"), n.newMembersImport, b.newMembersImport, count);
    add(tr("Visits"), n.visits, b.visits, count);
    add(tr("Members who bought"), n.visitingMembers, b.visitingMembers, count);
    add(tr("  returning"), n.returningMembers, b.returningMembers, count);
    add(tr("Member sales"), n.salesMinor, b.salesMinor, cash);
    add(tr("  refunded"), n.refundedMinor, b.refundedMinor, cash);
    add(tr("Average ticket"), n.averageTicketMinor, b.averageTicketMinor, cash);
    add(tr("Points issued"), n.pointsIssued, b.pointsIssued, count);
    add(tr("  of which gifts"), n.pointsGifts, b.pointsGifts, count);
    add(tr("Points redeemed"), n.pointsRedeemed, b.pointsRedeemed, count);
    add(tr("Points expired"), n.pointsExpired, b.pointsExpired, count);
    add(tr("Points adjusted"), n.pointsAdjusted, b.pointsAdjusted, count);
    add(tr("Outstanding points"), n.outstandingPoints, b.outstandingPoints, count);
    add(tr("  worth"), n.outstandingWorthMinor, b.outstandingWorthMinor, cash);
    add(tr("Gifts granted"), n.giftsGranted, b.giftsGranted, count);
    add(tr("Tier upgrades"), n.upgrades, b.upgrades, count);
    add(tr("Tier downgrades"), n.downgrades, b.downgrades, count);
    c.table({tr("Figure"), days(n), days(b), tr("Change")}, rows, {1, 2, 3});
}

} // namespace

std::unique_ptr<Command> makeStatsCommand()
{
    return std::make_unique<StatsCommand>();
}

} // namespace counterpart::cli
