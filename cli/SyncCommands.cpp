// counterpart-admin's sync commands: enrol, sync, sync-status, sync-sign (docs/cli.md).

#include "cli/CliApp.h"
#include "sync/client/SyncTypes.h"

#include <QFile>
#include <QJsonArray>

namespace counterpart::cli {

namespace {

QCommandLineOption valueOption(const QString &name, const QString &description, const QString &valueName)
{
    return QCommandLineOption(name, description, valueName);
}

QString signedOffset(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    return (seconds >= 0 ? QStringLiteral("+") : QString()) + QString::number(seconds) + QStringLiteral(" s");
}

} // namespace

QList<CliApp::Command> CliApp::syncCommands() const
{
    QList<Command> all;
    all.append(Command{
        QStringLiteral("enrol"),
        tr("Enrol this till with the central server using a one-time code from its administrator."),
        QStringLiteral("--server URL --code CODE [--ca-file FILE] [--name NAME]"),
        {valueOption(QStringLiteral("server"), tr("The server's address, https://host:port."), tr("URL")),
         valueOption(QStringLiteral("code"), tr("The one-time enrolment code."), tr("CODE")),
         valueOption(QStringLiteral("ca-file"),
                     tr("A PEM file with the certificate authority of a lab or self-signed server."),
                     tr("FILE")),
         valueOption(QStringLiteral("name"), tr("How the server lists this till."), tr("NAME"))},
        {QStringLiteral("server"), QStringLiteral("code")},
        {},
        false,
        false,
        &CliApp::cmdEnrol,
    });
    all.append(Command{
        QStringLiteral("sync"),
        tr("Push the waiting operations and pull the changes now; exits 1 if it did not complete."),
        QString(),
        {},
        {},
        {},
        false,
        false,
        &CliApp::cmdSync,
    });
    all.append(Command{
        QStringLiteral("sync-status"),
        tr("Show the sync queue: waiting and refused operations, flags, last success, position."),
        QString(),
        {},
        {},
        {},
        false,
        false,
        &CliApp::cmdSyncStatus,
    });
    all.append(Command{
        QStringLiteral("sync-sign"),
        tr("Print the signed headers for a request to the server, for curl -H @FILE."),
        QStringLiteral("METHOD PATH [--body FILE]"),
        {valueOption(QStringLiteral("body"), tr("The request body (- for standard input)."), tr("FILE"))},
        {},
        {},
        true,
        false,
        &CliApp::cmdSyncSign,
        2,
    });
    all.append(Command{
        QStringLiteral("stamps-ahead"),
        tr("List clock stamps more than 5 minutes ahead of this till's clock (its own, and members' "
           "fields)."),
        QString(),
        {},
        {},
        {},
        false,
        false,
        &CliApp::cmdStampsAhead,
    });
    all.append(Command{
        QStringLiteral("repair-stamps"),
        tr("Set clock stamps more than 5 minutes ahead back to the present, and record it in the audit."),
        QString(),
        {},
        {},
        {},
        false,
        false,
        &CliApp::cmdRepairStamps,
    });
    return all;
}

int CliApp::cmdEnrol(const QCommandLineParser &p)
{
    EnrolmentRequest request;
    request.serverUrl = p.value(QStringLiteral("server")).trimmed();
    request.code = p.value(QStringLiteral("code")).trimmed();
    request.caFile = p.value(QStringLiteral("ca-file")).trimmed();
    request.tillName = p.value(QStringLiteral("name")).trimmed();
    auto enrolled = m_till->enrol(request);
    if (!enrolled)
        return fail(enrolled.error());
    const EnrolmentOutcome &e = enrolled.value();
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("terminalId"), e.terminalId},
                                     {QStringLiteral("terminalNumber"), e.terminalNumber},
                                     {QStringLiteral("store"), e.storeId},
                                     {QStringLiteral("storeName"), e.storeName},
                                     {QStringLiteral("clockOffsetMs"), e.clockOffsetMs},
                                     {QStringLiteral("pendingOps"), e.pendingOps}});
    line(tr("Enrolled: terminal %1 of store %2 (%3).")
             .arg(e.terminalNumber)
             .arg(e.storeId, e.storeName.isEmpty() ? e.storeId : e.storeName));
    if (qAbs(e.clockOffsetMs) > 60'000)
        line(tr("This computer's clock is %1 from the server's; the till signs with the server's time.")
                 .arg(signedOffset(e.clockOffsetMs)));
    if (e.pendingOps > 0)
        line(tr("Operations made before enrolment, sent at the next sync: %1.").arg(number(e.pendingOps)));
    line(tr("Run \"%1 sync\" to sync now.").arg(programName()));
    return ExitOk;
}

int CliApp::cmdSync(const QCommandLineParser &)
{
    // A new till's bootstrap takes a while: how far it is, on stderr (stdout keeps the result), at each
    // tenth of the snapshot file and each 100,000 members written from pages.
    auto megabytes = [this](qint64 bytes) { return number((bytes + 500'000) / 1'000'000); };
    sync::SyncStatus::Loading shown = sync::SyncStatus::Loading::None;
    qint64 shownStep = -1;
    std::function<void(const sync::SyncStatus &)> progress;
    if (!m_json)
        progress = [&](const sync::SyncStatus &s) {
            using Loading = sync::SyncStatus::Loading;
            const qint64 step =
                s.loading == Loading::Downloading
                    ? (s.totalBytes > 0 ? s.loadedBytes * 10 / s.totalBytes : s.loadedBytes >> 28)
                    : s.loadedMembers / 100'000;
            if (s.loading == Loading::None || (s.loading == shown && step == shownStep))
                return;
            shown = s.loading;
            shownStep = step;
            switch (s.loading) {
            case Loading::Downloading:
                m_err << (s.totalBytes > 0 ? tr("Downloading the store's snapshot file: %1% of %2 MB.")
                                                 .arg(step * 10)
                                                 .arg(megabytes(s.totalBytes))
                                           : tr("Downloading the store's snapshot file: %1 MB.")
                                                 .arg(megabytes(s.loadedBytes)))
                      << '\n';
                break;
            case Loading::Installing:
                m_err << tr("Copying the store's members into the till…") << '\n';
                break;
            case Loading::Writing:
                m_err << tr("Loading the store's members: %1 so far.").arg(number(s.loadedMembers)) << '\n';
                break;
            case Loading::None:
                break;
            }
            m_err.flush();
        };
    const sync::CycleReport r = m_till->syncOnce(progress);
    if (m_json) {
        QJsonObject o{{QStringLiteral("ok"), r.ok},
                      {QStringLiteral("pushed"), r.pushedOps},
                      {QStringLiteral("applied"), r.applied},
                      {QStringLiteral("duplicates"), r.duplicates},
                      {QStringLiteral("rejected"), r.rejected},
                      {QStringLiteral("rejections"), QJsonArray::fromStringList(r.rejections)},
                      {QStringLiteral("pulledChanges"), r.pulledChanges},
                      {QStringLiteral("pulledPages"), r.pulledPages},
                      {QStringLiteral("snapshotMembers"), r.snapshotMembers},
                      {QStringLiteral("snapshotFileBytes"), r.snapshotFileBytes},
                      {QStringLiteral("bootstrapped"), r.bootstrapped},
                      {QStringLiteral("cursor"), r.cursor},
                      {QStringLiteral("needsEnrolment"), r.needsEnrolment}};
        if (!r.ok)
            o.insert(QStringLiteral("error"), r.error);
        printJson(o);
        return r.ok ? ExitOk : ExitRefused;
    }
    if (r.pushedOps > 0)
        line(tr("Pushed: %1 applied, %2 already at the server, %3 refused.")
                 .arg(number(r.applied), number(r.duplicates), number(r.rejected)));
    for (const QString &rejection : r.rejections)
        line(QStringLiteral("  ") + tr("Refused: %1").arg(rejection));
    if (r.snapshotFileBytes > 0)
        line(tr("Loaded %1 members from the store's snapshot file (%2 MB).")
                 .arg(number(r.snapshotMembers), megabytes(r.snapshotFileBytes)));
    else if (r.bootstrapped || r.snapshotMembers > 0)
        line(tr("Loaded %1 members from the server's snapshot.").arg(number(r.snapshotMembers)));
    if (r.pulledPages > 0)
        line(tr("Pulled %1 changes; the till is at change %2.")
                 .arg(number(r.pulledChanges), number(r.cursor)));
    if (!r.ok) {
        if (r.needsEnrolment)
            return failMessage(
                r.error + QLatin1Char(' ') +
                    tr("Enrol it with \"%1 enrol --server URL --code CODE\".").arg(programName()),
                ErrorCode::PermissionDenied);
        return failMessage(tr("Sync did not complete: %1").arg(r.error), ErrorCode::Refused);
    }
    line(tr("Sync complete."));
    return ExitOk;
}

int CliApp::cmdSyncStatus(const QCommandLineParser &)
{
    auto overview = m_till->syncOverview(50);
    if (!overview)
        return fail(overview.error());
    const SyncOverview &o = overview.value();
    if (m_json) {
        QJsonArray rejected;
        for (const auto &r : o.rejected)
            rejected.append(QJsonObject{{QStringLiteral("opId"), r.opId},
                                        {QStringLiteral("kind"), r.kind},
                                        {QStringLiteral("at"), isoUtc(r.atMs)},
                                        {QStringLiteral("reason"), r.reason},
                                        {QStringLiteral("message"), r.message}});
        QJsonArray flags;
        for (const auto &f : o.flags) {
            QJsonObject flag{{QStringLiteral("kind"), f.kind},
                             {QStringLiteral("member"), f.memberCode},
                             {QStringLiteral("at"), isoUtc(f.atMs)},
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
            out.insert(QStringLiteral("lastSuccess"), isoUtc(o.lastSuccessMs));
        return printJson(out);
    }
    if (!o.enrolled) {
        line(tr("This till is not enrolled with a server; it works on its own."));
        keyValues({{tr("Waiting to sync"), number(o.pendingOps)}});
        return ExitOk;
    }
    QList<std::pair<QString, QString>> rows = {
        {tr("Server"), o.serverUrl},
        {tr("Terminal"), QString::number(o.terminalNumber)},
        {tr("Last success"), o.lastSuccessMs > 0 ? localTime(o.lastSuccessMs) : tr("never")},
        {tr("Waiting to sync"),
         o.oldestPendingMs
             ? tr("%1 (oldest from %2)").arg(number(o.pendingOps), localTime(*o.oldestPendingMs))
             : number(o.pendingOps)},
        {tr("Refused by the server"), number(o.rejectedOps)},
        {tr("Flags for the manager"), tr("%1 new").arg(number(o.unseenFlags))},
        {tr("Position"), o.bootstrapping ? tr("loading the snapshot")
                         : o.cursor      ? tr("change %1").arg(number(*o.cursor))
                                         : tr("not synced yet")},
        {tr("Clock offset"), signedOffset(o.clockOffsetMs)},
    };
    if (!o.lastError.isEmpty())
        rows.append({tr("Last error"), o.lastError});
    keyValues(rows);
    if (!o.rejected.isEmpty()) {
        line();
        line(tr("Refused operations (kept; the points they carried were taken back at this till):"));
        QList<QStringList> table;
        for (const auto &r : o.rejected)
            table.append({localTime(r.atMs), r.kind, r.reason, r.message});
        this->table({tr("Made"), tr("Operation"), tr("Reason"), tr("Server's words")}, table);
    }
    if (!o.flags.isEmpty()) {
        line();
        line(tr("Flags:"));
        QList<QStringList> table;
        for (const auto &f : o.flags)
            table.append({localTime(f.atMs), f.kind, f.memberCode, f.balance ? points(*f.balance) : QString(),
                          f.seen ? tr("seen") : tr("new")});
        this->table({tr("When"), tr("Flag"), tr("Member"), tr("Balance"), QString()}, table);
    }
    return ExitOk;
}

int CliApp::cmdSyncSign(const QCommandLineParser &p)
{
    const QStringList args = p.positionalArguments();
    if (args.size() != 2)
        return failMessage(tr("give the method and the path: sync-sign GET '/v1/changes?after=0&limit=10'."),
                           ErrorCode::InvalidInput);
    const QByteArray method = args[0].toUpper().toLatin1();
    const QByteArray path = args[1].toUtf8();
    if (!path.startsWith('/'))
        return failMessage(tr("The path starts with /, for example /v1/health."), ErrorCode::InvalidInput);
    QByteArray body;
    if (p.isSet(QStringLiteral("body"))) {
        const QString file = p.value(QStringLiteral("body"));
        if (file == QLatin1String("-")) {
            body = m_io.in->readAll();
        } else {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                return failMessage(tr("Cannot read %1.").arg(file), ErrorCode::NotFound);
            body = f.readAll();
        }
    }
    auto headers = m_till->signRequest(method, path, body);
    if (!headers)
        return fail(headers.error());
    if (m_json) {
        QJsonObject o;
        for (const auto &[name, value] : headers.value())
            o.insert(QString::fromLatin1(name), QString::fromLatin1(value));
        return printJson(QJsonObject{{QStringLiteral("headers"), o}});
    }
    // One "Name: value" per line: what curl -H @FILE reads. Valid for 5 minutes, once.
    for (const auto &[name, value] : headers.value())
        m_out << QString::fromLatin1(name) << ": " << QString::fromLatin1(value) << '\n';
    m_out.flush();
    return ExitOk;
}

int CliApp::cmdStampsAhead(const QCommandLineParser &)
{
    return stamps(false);
}

int CliApp::cmdRepairStamps(const QCommandLineParser &)
{
    return stamps(true);
}

int CliApp::stamps(bool repair)
{
    auto found = m_till->stampsAhead(repair);
    if (!found)
        return fail(found.error());
    if (m_json) {
        QJsonArray list;
        for (const StampAhead &a : found.value())
            list.append(QJsonObject{{QStringLiteral("member"), a.memberCode},
                                    {QStringLiteral("field"), a.field},
                                    {QStringLiteral("stamp"), a.stamp},
                                    {QStringLiteral("repairedTo"), a.repairedTo}});
        return printJson({{QStringLiteral("repaired"), repair}, {QStringLiteral("stamps"), list}});
    }
    if (found->isEmpty()) {
        line(tr("No clock stamp is more than 5 minutes ahead of this till's clock."));
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const StampAhead &a : found.value()) {
        const QString field = a.field == QLatin1String("clock") ? tr("this till's clock") : a.field;
        rows.append(
            {a.memberCode.isEmpty() ? QStringLiteral("-") : a.memberCode, field, a.stamp, a.repairedTo});
    }
    table({tr("Member"), tr("Stamp of"), tr("Stamp"), repair ? tr("Repaired to") : tr("Would become")}, rows);
    line(repair ? tr("Repaired %n clock stamps.", nullptr, int(found->size()))
                : tr("%n clock stamps are ahead. Repair them with \"%1 repair-stamps\".", nullptr,
                     int(found->size()))
                      .arg(programName()));
    return ExitOk;
}

} // namespace counterpart::cli
