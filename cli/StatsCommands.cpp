// counterpart-admin stats: the manager's figures for a day or a range, the lists as CSV, and the repair
// of the maintained aggregates (docs/statistics.md). The numbers are the manager view's: both call
// app/Statistics.h.

#include "app/Statistics.h"
#include "cli/CliApp.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

namespace counterpart::cli {

namespace {

QCommandLineOption valueOption(const QString &name, const QString &description, const QString &valueName)
{
    return QCommandLineOption(name, description, valueName);
}

QCommandLineOption flagOption(const QString &name, const QString &description)
{
    return QCommandLineOption(name, description);
}

// "+12.5%", "−3", "new" when there was nothing before.
QString change(qint64 now, qint64 before)
{
    if (now == before)
        return QStringLiteral("=");
    if (before == 0)
        return now > 0 ? QStringLiteral("+") : QStringLiteral("-");
    const double percent = 100.0 * double(now - before) / double(before < 0 ? -before : before);
    return (percent > 0 ? QStringLiteral("+") : QString()) + QString::number(percent, 'f', 1) +
           QStringLiteral("%");
}

} // namespace

QList<CliApp::Command> CliApp::statsCommands() const
{
    QList<Command> all;
    all.append(Command{
        QStringLiteral("stats"),
        tr("The manager's figures for a day or a range of days, compared with the period before; or a "
           "member list as CSV."),
        QStringLiteral("[--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD] [--list NAME --out FILE.csv] "
                       "[--rebuild]"),
        {valueOption(QStringLiteral("date"), tr("One day, in the store's calendar (default: today)."),
                     tr("DATE")),
         valueOption(QStringLiteral("from"), tr("The first day of a range."), tr("DATE")),
         valueOption(QStringLiteral("to"), tr("The last day of a range."), tr("DATE")),
         valueOption(QStringLiteral("list"),
                     tr("Write a member list instead: champions, loyal, at_risk, lost, expiring_points, "
                        "birthdays, new_not_back."),
                     tr("NAME")),
         valueOption(QStringLiteral("out"), tr("The CSV file for --list (- for standard output)."),
                     tr("FILE")),
         flagOption(QStringLiteral("rebuild"),
                    tr("Recompute the maintained statistics from the records (after a failed check)."))},
        {},
        {},
        false,
        false,
        &CliApp::cmdStats,
    });
    return all;
}

int CliApp::cmdStats(const QCommandLineParser &p)
{
    const Command *command = nullptr;
    const QList<Command> own = statsCommands();
    command = &own.front();
    Statistics statistics(*m_till);

    if (p.isSet(QStringLiteral("rebuild"))) {
        if (Status s = statistics.rebuild(); !s)
            return fail(s.error());
        auto verified = statistics.verify();
        if (!verified)
            return fail(verified.error());
        if (m_json)
            return printJson(QJsonObject{{QStringLiteral("rebuilt"), true},
                                         {QStringLiteral("rows"), verified->bucketRows},
                                         {QStringLiteral("mismatches"), verified->mismatchCount}});
        line(tr("The statistics were recomputed from the records (%1 rows); they agree with them.")
                 .arg(number(verified->bucketRows)));
        return ExitOk;
    }

    auto parseDate = [&](const QString &option, QDate *date) -> bool {
        *date = QDate::fromString(p.value(option).trimmed(), Qt::ISODate);
        return date->isValid();
    };
    QDate from = m_till->today();
    QDate to = from;
    const bool hasDate = p.isSet(QStringLiteral("date"));
    const bool hasFrom = p.isSet(QStringLiteral("from"));
    const bool hasTo = p.isSet(QStringLiteral("to"));
    if (hasDate && (hasFrom || hasTo))
        return usageError(command, tr("Give either --date or --from and --to, not both."));
    if (hasFrom != hasTo)
        return usageError(command, tr("--from and --to go together."));
    if (hasDate) {
        if (!parseDate(QStringLiteral("date"), &from))
            return usageError(command, tr("--date needs a day written as YYYY-MM-DD."));
        to = from;
    } else if (hasFrom) {
        if (!parseDate(QStringLiteral("from"), &from) || !parseDate(QStringLiteral("to"), &to))
            return usageError(command, tr("--from and --to need days written as YYYY-MM-DD."));
        if (from > to)
            return usageError(command, tr("--from is after --to."));
    }

    if (p.isSet(QStringLiteral("list"))) {
        const auto list = Statistics::listFromId(p.value(QStringLiteral("list")).trimmed());
        if (!list)
            return usageError(command, tr("Unknown list \"%1\".").arg(p.value(QStringLiteral("list"))));
        if (!p.isSet(QStringLiteral("out")))
            return usageError(command, tr("--list needs --out FILE.csv (or --out - for standard output)."));
        const QString path = p.value(QStringLiteral("out"));
        const bool toStdout = path == QLatin1String("-");
        if (toStdout && m_json)
            return usageError(command, tr("--json and --out - both write to standard output; choose one."));
        // Lists are about the chosen day (the last day of a range), usually today.
        Result<qint64> written = qint64(0);
        if (toStdout) {
            m_out.flush();
            written = statistics.exportCsv(*list, to, *m_io.out);
        } else {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return failMessage(
                    tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                    ErrorCode::Storage);
            written = statistics.exportCsv(*list, to, file);
            if (written && !file.commit())
                return failMessage(
                    tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                    ErrorCode::Storage);
        }
        if (!written)
            return fail(written.error());
        if (m_json)
            return printJson(QJsonObject{{QStringLiteral("list"), Statistics::listId(*list)},
                                         {QStringLiteral("members"), written.value()},
                                         {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}});
        const QString message = tr("%1: %2 members written to %3. The file holds personal data: keep it safe "
                                   "and delete it when it is no longer needed.")
                                    .arg(Statistics::listTitle(*list), number(written.value()),
                                         toStdout ? tr("standard output") : QDir::toNativeSeparators(path));
        if (toStdout) {
            m_err << message << '\n';
            m_err.flush();
        } else {
            line(message);
        }
        return ExitOk;
    }

    auto dashboard = statistics.dashboard(from, to);
    if (!dashboard)
        return fail(dashboard.error());
    const Dashboard &d = dashboard.value();
    if (m_json) {
        QJsonObject out = Statistics::toJson(d);
        out.insert(QStringLiteral("timeZone"), QString::fromLatin1(m_till->config().timeZone));
        out.insert(QStringLiteral("store"), m_till->config().storeId);
        return printJson(out);
    }

    const PeriodFigures &c = d.current;
    const PeriodFigures &b = d.previous;
    const auto days = [](const PeriodFigures &f) {
        return f.from == f.to
                   ? f.from.toString(Qt::ISODate)
                   : f.from.toString(Qt::ISODate) + QStringLiteral(" – ") + f.to.toString(Qt::ISODate);
    };
    line(tr("Store %1, %2 (%3)")
             .arg(m_till->config().storeId, days(c), QString::fromLatin1(m_till->config().timeZone)));
    line();
    QList<QStringList> rows;
    auto add = [&](const QString &label, qint64 now, qint64 before,
                   const std::function<QString(qint64)> &show) {
        rows.append({label, show(now), show(before), change(now, before)});
    };
    const auto count = [this](qint64 n) { return number(n); };
    const auto cash = [this](qint64 n) { return money(n); };
    add(tr("New members"), c.newMembers, b.newMembers, count);
    add(tr("  at the till"), c.newMembersTill, b.newMembersTill, count);
    add(tr("  online"), c.newMembersOnline, b.newMembersOnline, count);
    add(tr("  imported"), c.newMembersImport, b.newMembersImport, count);
    add(tr("Visits"), c.visits, b.visits, count);
    add(tr("Members who bought"), c.visitingMembers, b.visitingMembers, count);
    add(tr("  returning"), c.returningMembers, b.returningMembers, count);
    add(tr("Member sales"), c.salesMinor, b.salesMinor, cash);
    add(tr("  refunded"), c.refundedMinor, b.refundedMinor, cash);
    add(tr("Average ticket"), c.averageTicketMinor, b.averageTicketMinor, cash);
    add(tr("Points issued"), c.pointsIssued, b.pointsIssued, count);
    add(tr("  of which gifts"), c.pointsGifts, b.pointsGifts, count);
    add(tr("Points redeemed"), c.pointsRedeemed, b.pointsRedeemed, count);
    add(tr("Points expired"), c.pointsExpired, b.pointsExpired, count);
    add(tr("Points adjusted"), c.pointsAdjusted, b.pointsAdjusted, count);
    add(tr("Outstanding points"), c.outstandingPoints, b.outstandingPoints, count);
    add(tr("  worth"), c.outstandingWorthMinor, b.outstandingWorthMinor, cash);
    add(tr("Gifts granted"), c.giftsGranted, b.giftsGranted, count);
    add(tr("Tier upgrades"), c.upgrades, b.upgrades, count);
    add(tr("Tier downgrades"), c.downgrades, b.downgrades, count);
    table({tr("Figure"), days(c), days(b), tr("Change")}, rows, {1, 2, 3});
    line();
    QList<QStringList> tierRows;
    for (const TierShare &t : d.tiers)
        tierRows.append({tierName(t.tierId), number(t.members)});
    tierRows.append({tr("All active members"), number(d.activeMembers)});
    table({tr("Tier"), tr("Members now")}, tierRows, {1});
    return ExitOk;
}

} // namespace counterpart::cli
