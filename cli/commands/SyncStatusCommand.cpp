// sync-status: the sync queue, flags, last success and position.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QJsonArray>

namespace counterpart::cli {

namespace {

class SyncStatusCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    SyncStatusCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static QJsonObject json(Context &c, const SyncOverview &o);
    static void print(Context &c, const SyncOverview &o);
    static void printLists(Context &c, const SyncOverview &o);
};

SyncStatusCommand::SyncStatusCommand()
    : Command({
          .name = QStringLiteral("sync-status"),
          .summary =
              tr("Show the sync queue: waiting and refused operations, flags, last success, position."),
      })
{}

int SyncStatusCommand::run(Context &c, const QCommandLineParser &) const
{
    return c.outcome(
        c.till().syncOverview(50), [&c](const SyncOverview &o) { return json(c, o); },
        [&c](const SyncOverview &o) {
            if (!o.enrolled) {
                c.line(tr("This till is not enrolled with a server; it works on its own."));
                c.keyValues({{tr("Waiting to sync"), c.number(o.pendingOps)}});
                return;
            }
            print(c, o);
            printLists(c, o);
        });
}

QJsonObject SyncStatusCommand::json(Context &c, const SyncOverview &o)
{
    QJsonArray rejected;
    for (const auto &r : o.rejected)
        rejected.append(QJsonObject{{QStringLiteral("opId"), r.opId},
                                    {QStringLiteral("kind"), r.kind},
                                    {QStringLiteral("at"), c.isoUtc(r.atMs)},
                                    {QStringLiteral("reason"), r.reason},
                                    {QStringLiteral("message"), r.message}});
    QJsonArray flags;
    for (const auto &f : o.flags) {
        QJsonObject flag{{QStringLiteral("kind"), f.kind},
                         {QStringLiteral("member"), f.memberCode},
                         {QStringLiteral("at"), c.isoUtc(f.atMs)},
                         {QStringLiteral("seen"), f.seen}};
        if (f.balance)
            flag.insert(QStringLiteral("balance"), *f.balance);
        flags.append(flag);
    }
    QJsonObject out{{QStringLiteral("enrolled"), o.enrolled},
                    {QStringLiteral("server"), o.serverUrl},
                    {QStringLiteral("terminalNumber"), o.terminalNumber},
                    {QStringLiteral("pendingOps"), o.pendingOps},
                    {QStringLiteral("rejectedOps"), o.rejectedOps},
                    {QStringLiteral("rejected"), rejected},
                    {QStringLiteral("unseenFlags"), o.unseenFlags},
                    {QStringLiteral("flags"), flags},
                    {QStringLiteral("bootstrapping"), o.bootstrapping},
                    {QStringLiteral("clockOffsetMs"), o.clockOffsetMs},
                    {QStringLiteral("lastError"), o.lastError}};
    if (o.cursor)
        out.insert(QStringLiteral("cursor"), *o.cursor);
    if (o.lastSuccessMs > 0)
        out.insert(QStringLiteral("lastSuccess"), c.isoUtc(o.lastSuccessMs));
    return out;
}

void SyncStatusCommand::print(Context &c, const SyncOverview &o)
{
    QList<std::pair<QString, QString>> rows = {
        {tr("Server"), o.serverUrl},
        {tr("Terminal"), QString::number(o.terminalNumber)},
        {tr("Last success"), o.lastSuccessMs > 0 ? c.localTime(o.lastSuccessMs) : tr("never")},
        {tr("Waiting to sync"),
         o.oldestPendingMs
             ? tr("%1 (oldest from %2)").arg(c.number(o.pendingOps), c.localTime(*o.oldestPendingMs))
             : c.number(o.pendingOps)},
        {tr("Refused by the server"), c.number(o.rejectedOps)},
        {tr("Flags for the manager"), tr("%1 new").arg(c.number(o.unseenFlags))},
        {tr("Position"), o.bootstrapping ? tr("loading the snapshot")
                         : o.cursor      ? tr("change %1").arg(c.number(*o.cursor))
                                         : tr("not synced yet")},
        {tr("Clock offset"), c.signedOffset(o.clockOffsetMs)},
    };
    if (!o.lastError.isEmpty())
        rows.append({tr("Last error"), o.lastError});
    c.keyValues(rows);
}

// The refused operations and the flags for the manager, as tables.
void SyncStatusCommand::printLists(Context &c, const SyncOverview &o)
{
    if (!o.rejected.isEmpty()) {
        c.line();
        c.line(tr("Refused operations (kept; the points they carried were taken back at this till):"));
        QList<QStringList> table;
        for (const auto &r : o.rejected)
            table.append({c.localTime(r.atMs), r.kind, r.reason, r.message});
        c.table({tr("Made"), tr("Operation"), tr("Reason"), tr("Server's words")}, table);
    }
    if (!o.flags.isEmpty()) {
        c.line();
        c.line(tr("Flags:"));
        QList<QStringList> table;
        for (const auto &f : o.flags)
            table.append({c.localTime(f.atMs), f.kind, f.memberCode,
                          f.balance ? c.points(*f.balance) : QString(), f.seen ? tr("seen") : tr("new")});
        c.table({tr("When"), tr("Flag"), tr("Member"), tr("Balance"), QString()}, table);
    }
}

} // namespace

std::unique_ptr<Command> makeSyncStatusCommand()
{
    return std::make_unique<SyncStatusCommand>();
}

} // namespace counterpart::cli
