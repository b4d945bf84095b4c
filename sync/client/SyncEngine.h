#pragma once

// The till's sync engine (docs/sync-client.md). One cycle: push the outbox in order, in batches; then
// bootstrap from the snapshot if this till never pulled; then pull changes page by page. Each page is
// applied in one transaction with its cursor. Failures back off exponentially with full jitter.
//
// Lives in a worker thread (see SyncService) with its own connection to the till's database, so the UI
// thread never waits for the network or for a page being applied. Everything it reports goes out
// through queued signals.

#include "core/Clock.h"
#include "sync/client/Backoff.h"
#include "sync/client/Credentials.h"
#include "sync/client/HttpClient.h"
#include "sync/client/SyncTypes.h"
#include "sync/protocol/Wire.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QTimer;

namespace counterpart {
class Database;
struct PendingOp;
} // namespace counterpart

namespace counterpart::sync {

struct ApplyEnv;

struct SyncEngineOptions {
    QString keyFile;            // the till's field key; empty: where Till::open finds it
    qint64 intervalMs = 60'000; // between cycles while all is well
    int pushBatch = MaxOpsPerPush;
    int pullLimit = DefaultChangesPerPage;
    int snapshotLimit = MaxSnapshotMembersPerPage; // a bootstrap is a million members: few, large pages
    int timeoutMs = 30'000;
    bool snapshotFiles = true; // a new till loads the store's snapshot file when the server has one
    bool schedule = true;      // cycles run on a timer and retry with back-off; false: only when asked
    std::function<qint64(qint64)> jitter; // uniform [0, bound]; tests fix it
};

class SyncEngine : public QObject
{
    Q_OBJECT

public:
    SyncEngine(const QString &databasePath, const Clock &clock, SyncEngineOptions options = {},
               QObject *parent = nullptr);
    ~SyncEngine() override;

    const SyncStatus &status() const { return m_status; }
    // One cycle in a local event loop, for the CLI and tests (never the UI thread).
    CycleReport runOnce();
    // The back-off schedule (tests).
    const Backoff &backoff() const { return m_backoff; }

public Q_SLOTS:
    // Opens the database, reports the status and runs the first cycle.
    void start();
    // A cycle now (settings are re-read, so this also picks up a new enrolment). While one runs,
    // another follows it.
    void syncNow();
    // Stops cycles and drops requests in flight (a page being applied is applied or not, never half).
    void stop();
    // Recounts pending and rejected operations (after the till wrote some) and reports the status.
    void refreshStatus();
    // A signed GET /v1/health, then a signed one-change GET /v1/changes that proves the server still
    // accepts this till; reports connectionTested. Apart from cycles: it changes nothing.
    void testConnection();

Q_SIGNALS:
    void statusChanged(const counterpart::sync::SyncStatus &status);
    void onlineChanged(bool online);
    void cycleFinished(const counterpart::sync::CycleReport &report);
    // Pulled changes were applied: what the screen shows may be out of date.
    void dataChanged();
    // The server's rules were installed as the active version: reload them (Till::reloadRules).
    void rulesChanged(const QString &version);
    void connectionTested(const counterpart::sync::ConnectionTest &result);

private:
    enum class Failure { Offline, Busy, Refused, Enrol, Local };
    using Handler = std::function<void(const HttpReply &)>;
    Status openDatabase();
    Status prepareCycle();
    void request(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body,
                 Handler onSuccess, Handler onFailure = {}, bool staleRetried = false);
    void pushNext();
    void onPushed(const QList<PendingOp> &ops, const HttpReply &reply);
    void pullPhase();
    void snapshotFile();
    void onSnapshotFile(const QString &path, const DownloadReply &download);
    void snapshotNext(const QString &after, std::optional<qint64> firstCursor);
    void onSnapshotPage(const QByteArray &body, std::optional<qint64> firstCursor);
    void applySnapshot(const SnapshotPage &page, std::optional<qint64> firstCursor, bool nextRequested);
    // While the snapshot's pages are written: a larger page cache and commits without an fsync each
    // (SyncEngine.cpp says why that is safe); false puts the connection back as it was.
    void setBootstrapWrites(bool on);
    void pullNext(qint64 cursor);
    void staffPhase();
    void keysPhase();
    void failReply(const HttpReply &reply);
    void failLocal(const Error &error);
    void finish(bool ok, const QString &error, Failure failure = Failure::Local);
    void noteServerTime(qint64 serverTimeMs);
    void setOnline(bool online);
    void refreshCounts();
    // Sets what a bootstrap is doing (None: the counts cleared) and, when it changed and `tell`, reports.
    void setLoading(SyncStatus::Loading loading, bool tell = true);
    void publish();

    QString m_path;
    const Clock &m_clock;
    SyncEngineOptions m_options;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ApplyEnv> m_env;
    HttpClient *m_http = nullptr;
    QTimer *m_timer = nullptr;
    Backoff m_backoff;
    Credentials m_credentials;
    SyncStatus m_status;
    CycleReport m_report;
    int m_batch = MaxOpsPerPush;
    bool m_running = false;
    bool m_again = false;
    bool m_stopped = false;
    bool m_bootstrapWrites = false;
    qint64 m_snapshotWriteMs = 0; // how long the last snapshot page took to write
    quint64 m_cycle = 0;          // replies of a stopped cycle are ignored
    QElapsedTimer m_phaseTimer;   // push, snapshot, pull: CycleReport's timings
    QElapsedTimer m_batchTimer;
};

} // namespace counterpart::sync
