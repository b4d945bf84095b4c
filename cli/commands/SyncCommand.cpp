// sync: pushes the waiting operations and pulls the changes now.

#include "cli/Context.h"
#include "cli/commands/Commands.h"
#include "sync/client/SyncTypes.h"

#include <QJsonArray>

#include <functional>

namespace counterpart::cli {

namespace {

class SyncCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    SyncCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static int printJson(Context &c, const sync::CycleReport &r);
    static int print(Context &c, const sync::CycleReport &r);
};

SyncCommand::SyncCommand()
    : Command({
          .name = QStringLiteral("sync"),
          .summary =
              tr("Push the waiting operations and pull the changes now; exits 1 if it did not complete."),
      })
{}

QString megabytes(Context &c, qint64 bytes)
{
    return c.number((bytes + 500'000) / 1'000'000);
}

// A new till's bootstrap takes a while: how far it is, on stderr (stdout keeps the result), at each
// tenth of the snapshot file and each 100,000 members written from pages.
class BootstrapProgress
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    explicit BootstrapProgress(Context &c)
        : m_c(c)
    {}
    void show(const sync::SyncStatus &s);

private:
    Context &m_c;
    sync::SyncStatus::Loading m_shown = sync::SyncStatus::Loading::None;
    qint64 m_shownStep = -1;
};

void BootstrapProgress::show(const sync::SyncStatus &s)
{
    using Loading = sync::SyncStatus::Loading;
    const qint64 step = s.loading == Loading::Downloading
                            ? (s.totalBytes > 0 ? s.loadedBytes * 10 / s.totalBytes : s.loadedBytes >> 28)
                            : s.loadedMembers / 100'000;
    if (s.loading == Loading::None || (s.loading == m_shown && step == m_shownStep))
        return;
    m_shown = s.loading;
    m_shownStep = step;
    QTextStream &err = m_c.err();
    switch (s.loading) {
    case Loading::Downloading:
        err << (s.totalBytes > 0
                    ? tr("Downloading the store's snapshot file: %1% of %2 MB.")
                          .arg(step * 10)
                          .arg(megabytes(m_c, s.totalBytes))
                    : tr("Downloading the store's snapshot file: %1 MB.").arg(megabytes(m_c, s.loadedBytes)))
            << '\n';
        break;
    case Loading::Installing:
        err << tr("Copying the store's members into the till…") << '\n';
        break;
    case Loading::Writing:
        err << tr("Loading the store's members: %1 so far.").arg(m_c.number(s.loadedMembers)) << '\n';
        break;
    case Loading::None:
        break;
    }
    err.flush();
}

int SyncCommand::run(Context &c, const QCommandLineParser &) const
{
    BootstrapProgress bootstrap(c);
    std::function<void(const sync::SyncStatus &)> progress;
    if (!c.json())
        progress = [&bootstrap](const sync::SyncStatus &s) { bootstrap.show(s); };
    const sync::CycleReport r = c.till().syncOnce(progress);
    return c.json() ? printJson(c, r) : print(c, r);
}

int SyncCommand::printJson(Context &c, const sync::CycleReport &r)
{
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

int SyncCommand::print(Context &c, const sync::CycleReport &r)
{
    if (r.pushedOps > 0)
        c.line(tr("Pushed: %1 applied, %2 already at the server, %3 refused.")
                   .arg(c.number(r.applied), c.number(r.duplicates), c.number(r.rejected)));
    for (const QString &rejection : r.rejections)
        c.line(QStringLiteral("  ") + tr("Refused: %1").arg(rejection));
    if (r.snapshotFileBytes > 0)
        c.line(tr("Loaded %1 members from the store's snapshot file (%2 MB).")
                   .arg(c.number(r.snapshotMembers), megabytes(c, r.snapshotFileBytes)));
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
