// sync: pushes the waiting operations and pulls the changes now.

#include "cli/Context.h"
#include "cli/commands/Commands.h"
#include "sync/client/SyncTypes.h"

#include <QJsonArray>

namespace counterpart::cli {

namespace {

class SyncCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    SyncCommand()
    {
        name = QStringLiteral("sync");
        summary = tr("Push the waiting operations and pull the changes now; exits 1 if it did not complete.");
    }

    int run(Context &c, const QCommandLineParser &) const override;
};

int SyncCommand::run(Context &c, const QCommandLineParser &) const
{
    // A new till's bootstrap takes a while: how far it is, on stderr (stdout keeps the result), at each
    // tenth of the snapshot file and each 100,000 members written from pages.
    auto megabytes = [&c](qint64 bytes) { return c.number((bytes + 500'000) / 1'000'000); };
    sync::SyncStatus::Loading shown = sync::SyncStatus::Loading::None;
    qint64 shownStep = -1;
    std::function<void(const sync::SyncStatus &)> progress;
    if (!c.json())
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
                c.err() << (s.totalBytes > 0 ? tr("Downloading the store's snapshot file: %1% of %2 MB.")
                                                   .arg(step * 10)
                                                   .arg(megabytes(s.totalBytes))
                                             : tr("Downloading the store's snapshot file: %1 MB.")
                                                   .arg(megabytes(s.loadedBytes)))
                        << '\n';
                break;
            case Loading::Installing:
                c.err() << tr("Copying the store's members into the till…") << '\n';
                break;
            case Loading::Writing:
                c.err() << tr("Loading the store's members: %1 so far.").arg(c.number(s.loadedMembers))
                        << '\n';
                break;
            case Loading::None:
                break;
            }
            c.err().flush();
        };
    const sync::CycleReport r = c.till().syncOnce(progress);
    if (c.json()) {
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
        c.printJson(o);
        return r.ok ? ExitOk : ExitRefused;
    }
    if (r.pushedOps > 0)
        c.line(tr("Pushed: %1 applied, %2 already at the server, %3 refused.")
                   .arg(c.number(r.applied), c.number(r.duplicates), c.number(r.rejected)));
    for (const QString &rejection : r.rejections)
        c.line(QStringLiteral("  ") + tr("Refused: %1").arg(rejection));
    if (r.snapshotFileBytes > 0)
        c.line(tr("Loaded %1 members from the store's snapshot file (%2 MB).")
                   .arg(c.number(r.snapshotMembers), megabytes(r.snapshotFileBytes)));
    else if (r.bootstrapped || r.snapshotMembers > 0)
        c.line(tr("Loaded %1 members from the server's snapshot.").arg(c.number(r.snapshotMembers)));
    if (r.pulledPages > 0)
        c.line(tr("Pulled %1 changes; the till is at change %2.")
                   .arg(c.number(r.pulledChanges), c.number(r.cursor)));
    if (!r.ok) {
        if (r.needsEnrolment)
            return c.failMessage(
                r.error + QLatin1Char(' ') +
                    tr("Enrol it with \"%1 enrol --server URL --code CODE\".").arg(programName()),
                ErrorCode::PermissionDenied);
        return c.failMessage(tr("Sync did not complete: %1").arg(r.error), ErrorCode::Refused);
    }
    c.line(tr("Sync complete."));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeSyncCommand()
{
    return std::make_unique<SyncCommand>();
}

} // namespace counterpart::cli
