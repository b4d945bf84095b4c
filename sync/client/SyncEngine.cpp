#include "sync/client/SyncEngine.h"

#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/SyncStore.h"
#include "sync/client/Applier.h"
#include "sync/client/ChainKeyApply.h"
#include "sync/client/EnrolClient.h"
#include "sync/client/HttpClient.h"
#include "sync/client/Log.h"
#include "sync/client/StaffApply.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>
#include <QUrlQuery>

#include <limits>

namespace counterpart::sync {

namespace {

// The offset is rewritten only when it moved by more than this: a request's round trip makes every
// reading a little different, and the setting is a database write.
constexpr qint64 OffsetToleranceMs = 2000;
constexpr qint64 EngineCacheKiB = 8 * 1024;

} // namespace

SyncEngine::SyncEngine(const QString &databasePath, const Clock &clock, SyncEngineOptions options,
                       QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
    , m_clock(clock)
    , m_options(std::move(options))
    , m_backoff(m_options.jitter)
{
    m_batch = qBound(1, m_options.pushBatch, MaxOpsPerPush);
}

SyncEngine::~SyncEngine()
{
    m_stopped = true;
    if (m_http)
        m_http->abortAll();
}

Status SyncEngine::openDatabase()
{
    if (m_db)
        return {};
    // Created here, in the engine's thread: an SQLite connection belongs to the thread that uses it.
    if (!m_http) {
        m_http = new HttpClient(this);
        m_http->setTimeoutMs(m_options.timeoutMs);
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &SyncEngine::syncNow);
    }
    OpenOptions open;
    open.create = false;
    // The engine reads pages and the outbox, not the member card: a small cache is enough (except
    // during a bootstrap, setBootstrapWrites).
    open.cacheSizeKiB = EngineCacheKiB;
    auto db = Database::open(m_path, open);
    if (!db)
        return db.error();
    // Sorts spill to temporary files, not memory: building the indexes a bootstrap deferred sorts
    // millions of rows (about 250 MiB for a million members held in memory with temp_store=MEMORY,
    // ~20 MiB with files), and the engine lives in the till app's process.
    CP_TRY((*db)->execute(QStringLiteral("PRAGMA temp_store=FILE")));
    CP_TRY(Schema::migrate(**db));
    m_db = std::move(db.value());
    return {};
}

void SyncEngine::start()
{
    m_stopped = false;
    if (Status s = openDatabase(); !s) {
        m_status.lastError = s.error().message;
        publish();
        return;
    }
    refreshCounts();
    publish();
    QTimer::singleShot(0, this, &SyncEngine::syncNow);
}

void SyncEngine::stop()
{
    m_stopped = true;
    ++m_cycle;
    if (m_timer)
        m_timer->stop();
    if (m_http)
        m_http->abortAll();
    if (m_running) {
        m_running = false;
        m_status.syncing = false;
        m_status.nextAttemptMs = 0;
        publish();
    }
}

void SyncEngine::refreshStatus()
{
    if (!m_db)
        return;
    refreshCounts();
    publish();
}

CycleReport SyncEngine::runOnce()
{
    std::optional<CycleReport> report;
    QEventLoop loop;
    auto connection = connect(this, &SyncEngine::cycleFinished, &loop, [&](const CycleReport &r) {
        report = r;
        loop.quit();
    });
    m_stopped = false;
    syncNow();
    if (!report)
        loop.exec();
    disconnect(connection);
    return report.value_or(CycleReport{});
}

void SyncEngine::syncNow()
{
    if (m_running) {
        m_again = true;
        return;
    }
    m_stopped = false;
    ++m_cycle;
    if (m_timer)
        m_timer->stop();
    m_running = true;
    m_report = CycleReport{};
    m_batch = qBound(1, m_options.pushBatch, MaxOpsPerPush);
    m_status.syncing = true;
    m_status.nextAttemptMs = 0;
    publish();
    if (Status s = prepareCycle(); !s) {
        if (s.error().code == ErrorCode::NotFound) {
            m_status.enrolled = false;
            finish(false, s.error().message, Failure::Enrol);
        } else {
            failLocal(s.error());
        }
        return;
    }
    m_phaseTimer.start();
    pushNext();
}

Status SyncEngine::prepareCycle()
{
    CP_TRY(openDatabase());
    auto credentials = loadCredentials(*m_db, m_options.keyFile);
    if (!credentials)
        return credentials.error();
    m_credentials = credentials.value();
    m_status.enrolled = true;
    CP_TRY(m_http->setServer(m_credentials.serverUrl, m_credentials.caFile));
    auto env = ApplyEnv::load(*m_db, m_clock);
    if (!env)
        return env.error();
    m_env = std::make_unique<ApplyEnv>(env.value());
    return {};
}

void SyncEngine::request(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body,
                         Handler onSuccess, Handler onFailure, bool staleRetried)
{
    const auto headers =
        signedHeaders(m_credentials, method, m_http->fullPath(pathAndQuery), body, m_clock.nowMs());
    const quint64 cycle = m_cycle;
    m_http->send(method, pathAndQuery, body, headers,
                 [this, cycle, method, pathAndQuery, body, onSuccess, onFailure,
                  staleRetried](const HttpReply &reply) {
                     if (cycle != m_cycle || m_stopped)
                         return;
                     if (reply.status == 401 && !staleRetried) {
                         auto error = ErrorBody::fromJson(reply.body);
                         if (error.ok() && error->error == QLatin1String("stale") && error->serverTime) {
                             // The till's clock is off: sign with the server's time from now on.
                             qCInfo(lcSync) << "signature stale; clock offset corrected";
                             noteServerTime(*error->serverTime);
                             request(method, pathAndQuery, body, onSuccess, onFailure, true);
                             return;
                         }
                     }
                     if (reply.ok()) {
                         setOnline(true);
                         onSuccess(reply);
                         return;
                     }
                     if (onFailure)
                         onFailure(reply);
                     else
                         failReply(reply);
                 });
}

// ---- push ----

void SyncEngine::pushNext()
{
    m_batchTimer.start();
    SyncStore store(*m_db);
    auto ops = store.pendingOps(m_batch);
    if (!ops)
        return failLocal(ops.error());
    if (ops->isEmpty()) {
        m_report.pushMs = m_phaseTimer.restart();
        return pullPhase();
    }
    const QByteArray body = pushBody(ops.value(), m_credentials.terminalId);
    if (body.size() > MaxBodyBytes && m_batch > 1) {
        m_batch = qMax(1, m_batch / 2);
        return pushNext();
    }
    const QList<PendingOp> batch = ops.value();
    qCDebug(lcSync) << "pushing" << batch.size() << "operations";
    request(
        "POST", "/v1/push", body, [this, batch](const HttpReply &reply) { onPushed(batch, reply); },
        [this](const HttpReply &reply) {
            if (reply.status == 413 && m_batch > 1) {
                m_batch = qMax(1, m_batch / 2);
                qCInfo(lcSync) << "push too large; batches of" << m_batch << "from now on";
                pushNext();
                return;
            }
            if (reply.status == 400) {
                // The server cannot read this batch: keep it, tell the technician on its first operation.
                auto first = SyncStore(*m_db).pendingOps(1);
                if (first.ok() && !first->isEmpty()) {
                    const QString message = describeFailure(reply);
                    if (Status s = SyncStore(*m_db).noteProblem(first->front().id, message); !s)
                        qCWarning(lcSync) << "cannot note the push problem:" << s.error().detail;
                }
            }
            failReply(reply);
        });
}

void SyncEngine::onPushed(const QList<PendingOp> &ops, const HttpReply &reply)
{
    auto response = PushResponse::fromJson(reply.body);
    if (!response)
        return failLocal(makeError(
            ErrorCode::InvalidInput,
            tr("The server's answer to a push cannot be read: %1").arg(response.error().message.left(200))));
    auto outcome = applyPushResults(*m_db, ops, response.value(), *m_env);
    if (!outcome)
        return failLocal(outcome.error());
    noteServerTime(response->serverTime);
    m_report.pushedOps += ops.size() - outcome->unanswered;
    m_report.applied += outcome->applied;
    m_report.duplicates += outcome->duplicates;
    m_report.rejected += outcome->rejected;
    m_report.rejections << outcome->rejections;
    if (outcome->rejected > 0)
        qCWarning(lcSync) << outcome->rejected << "operations rejected by the server";
    if (outcome->unanswered == ops.size())
        return finish(false, tr("The server answered none of the operations sent; they stay queued."),
                      Failure::Refused);
    m_report.pushBatchMs.append(m_batchTimer.elapsed());
    pushNext();
}

// ---- pull ----

void SyncEngine::pullPhase()
{
    SyncStore store(*m_db);
    auto cursor = store.cursor();
    if (!cursor)
        return failLocal(cursor.error());
    if (cursor->has_value())
        return pullNext(cursor->value());
    auto snapshotCursor = store.setting(SyncKeys::SnapshotCursor);
    auto snapshotAfter = store.setting(SyncKeys::SnapshotAfter);
    if (!snapshotCursor)
        return failLocal(snapshotCursor.error());
    if (!snapshotAfter)
        return failLocal(snapshotAfter.error());
    if (snapshotCursor->has_value())
        return snapshotNext(snapshotAfter->value_or(QString()), snapshotCursor->value().toLongLong());
    auto hasMembers = store.hasMembers();
    if (!hasMembers)
        return failLocal(hasMembers.error());
    if (hasMembers.value()) {
        // Data made before enrolment: opening lots would count it twice. The whole feed is exact.
        qCInfo(lcSync) << "first pull of a till with members: from the beginning of the change feed";
        if (Status s = store.setCursor(0); !s)
            return failLocal(s.error());
        return pullNext(0);
    }
    if (m_options.snapshotFiles)
        return snapshotFile();
    snapshotNext({}, std::nullopt);
}

// A new till of a large chain: the store's snapshot file (a till database as of a cursor, built beside
// the server) is downloaded next to the database and copied in whole, which takes seconds where writing
// a million members page by page takes many minutes. No file on the server, or one that cannot be used
// here (damaged in transit, another schema version, this till already holds data): the pages, as before.
void SyncEngine::snapshotFile()
{
    const QString path = m_path + QStringLiteral(".snapshot-download");
    const QByteArray target = "/v1/snapshot/file";
    const auto headers = signedHeaders(m_credentials, "GET", m_http->fullPath(target), {}, m_clock.nowMs());
    const quint64 cycle = m_cycle;
    m_http->download(
        target, headers, path,
        [this, cycle, path](const DownloadReply &download) {
            if (cycle != m_cycle || m_stopped) {
                QFile::remove(path);
                return;
            }
            onSnapshotFile(path, download);
        },
        [this](qint64 written, qint64 total) {
            // Told at each whole percent (each 16 MiB when the size is unknown), not at every piece.
            const qint64 step = total > 0 ? qMax<qint64>(1, total / 100) : 16 << 20;
            const bool first = m_status.loading != SyncStatus::Loading::Downloading;
            if (!first && written / step == m_status.loadedBytes / step && written != total)
                return;
            setLoading(SyncStatus::Loading::Downloading, false);
            m_status.loadedBytes = written;
            m_status.totalBytes = total;
            publish();
        });
}

void SyncEngine::onSnapshotFile(const QString &path, const DownloadReply &download)
{
    auto pages = [this, &path](const QString &why) {
        QFile::remove(path);
        setLoading(SyncStatus::Loading::None);
        if (!why.isEmpty())
            qCWarning(lcSync).noquote() << "snapshot file not used:" << why << "- loading the snapshot pages";
        snapshotNext({}, std::nullopt);
    };
    if (download.reply.status == 404)
        return pages({}); // the server has none for this store
    if (!download.fileError.isEmpty())
        return pages(download.fileError);
    if (!download.reply.ok())
        return pages(download.reply.status ? QStringLiteral("HTTP %1").arg(download.reply.status)
                                           : download.reply.networkError);
    setOnline(true);
    const QByteArray expected = download.headers.value("x-cp-snapshot-sha256").toLower();
    if (expected.isEmpty() || expected != download.sha256Hex)
        return pages(QStringLiteral("its SHA-256 does not match (damaged in transit)"));
    setLoading(SyncStatus::Loading::Installing); // the copy holds the write lock: the status bar says why
    QElapsedTimer timer;
    timer.start();
    auto installed = installSnapshotFile(*m_db, path, *m_env);
    QFile::remove(path);
    if (!installed)
        return pages(installed.error().detail.isEmpty() ? installed.error().message
                                                        : installed.error().detail);
    const qint64 copyMs = timer.restart();
    // The copy went through the write-ahead log: into the database file with it now, and the log
    // emptied, rather than at some later commit of the cashier's (and a log the size of the chain
    // left on the disk).
    if (Status s = m_db->execute(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !s)
        qCWarning(lcSync).noquote() << "checkpoint after the snapshot file:" << s.error().detail;
    qCInfo(lcSync) << "bootstrapped from the snapshot file:" << installed->members << "members,"
                   << download.bytes << "bytes, downloaded in"
                   << m_phaseTimer.elapsed() - copyMs - timer.elapsed() << "ms, copied in" << copyMs
                   << "ms, checkpointed in" << timer.elapsed() << "ms";
    m_report.snapshotMembers += installed->members;
    m_report.snapshotFileBytes = download.bytes;
    setLoading(SyncStatus::Loading::None);
    m_report.bootstrapped = true;
    m_report.snapshotMs = m_phaseTimer.restart();
    if (!installed->rulesVersion.isEmpty())
        Q_EMIT rulesChanged(installed->rulesVersion);
    Q_EMIT dataChanged();
    pullNext(installed->cursor);
}

void SyncEngine::snapshotNext(const QString &after, std::optional<qint64> firstCursor)
{
    setBootstrapWrites(true);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.snapshotLimit));
    if (!after.isEmpty())
        query.addQueryItem(QStringLiteral("after"), after);
    if (firstCursor)
        query.addQueryItem(QStringLiteral("cursor"), QString::number(*firstCursor));
    const QByteArray path = "/v1/snapshot?" + query.toString(QUrl::FullyEncoded).toLatin1();
    request("GET", path, {}, [this, firstCursor](const HttpReply &reply) {
        if (m_running) // not after a page before this one failed
            onSnapshotPage(reply.body, firstCursor);
    });
}

void SyncEngine::onSnapshotPage(const QByteArray &body, std::optional<qint64> firstCursor)
{
    auto page = SnapshotPage::fromJson(body);
    if (!page)
        return failLocal(
            makeError(ErrorCode::InvalidInput,
                      tr("The server's snapshot cannot be read: %1").arg(page.error().message.left(200))));
    noteServerTime(page->serverTime);
    // The next page is asked for before this one is written, so the server builds it meanwhile (on its
    // own core). Pages are still written strictly in order: the request goes out when the event loop
    // next runs, and this page's write is queued before its answer can be. Not when writing a page
    // takes long enough that the answer waiting meanwhile could pass the request timeout.
    const qint64 cursor = firstCursor.value_or(page->cursor);
    const bool nextRequested = page->more && m_snapshotWriteMs < m_options.timeoutMs / 3;
    if (nextRequested)
        snapshotNext(page->next, cursor);
    QMetaObject::invokeMethod(
        this,
        [this, page = std::move(page.value()), firstCursor, nextRequested, cycle = m_cycle] {
            if (cycle == m_cycle && m_running)
                applySnapshot(page, firstCursor, nextRequested);
        },
        Qt::QueuedConnection);
}

void SyncEngine::applySnapshot(const SnapshotPage &page, std::optional<qint64> firstCursor,
                               bool nextRequested)
{
    // The last page stores the cursor that ends the bootstrap: that commit is durable again (and an
    // fsync of the log makes every page before it durable too).
    if (!page.more)
        setBootstrapWrites(false);
    QElapsedTimer timer;
    timer.start();
    auto applied = applySnapshotPage(*m_db, page, firstCursor, *m_env);
    if (!applied)
        return failLocal(applied.error());
    m_snapshotWriteMs = timer.elapsed();
    qCDebug(lcSync) << "snapshot page of" << applied->members << "members applied in" << m_snapshotWriteMs
                    << "ms";
    m_report.snapshotMembers += applied->members;
    setLoading(page.more ? SyncStatus::Loading::Writing : SyncStatus::Loading::None, false);
    m_status.loadedMembers = page.more ? m_report.snapshotMembers : 0;
    publish();
    if (!applied->rulesVersion.isEmpty())
        Q_EMIT rulesChanged(applied->rulesVersion);
    if (applied->members > 0)
        Q_EMIT dataChanged();
    if (page.more) {
        if (!nextRequested)
            snapshotNext(page.next, applied->cursor);
        return;
    }
    m_report.bootstrapped = true;
    m_report.snapshotMs = m_phaseTimer.restart();
    qCInfo(lcSync) << "bootstrapped from the snapshot:" << m_report.snapshotMembers << "members";
    pullNext(applied->cursor);
}

void SyncEngine::setBootstrapWrites(bool on)
{
    if (!m_db || on == m_bootstrapWrites)
        return;
    // Why commits without an fsync are safe here: in WAL mode, synchronous=NORMAL never corrupts the
    // file; a power cut can only take back the last pages committed. Each page stores where the
    // snapshot resumes in its own transaction, so what survives is always a consistent prefix and the
    // next cycle asks again from there (the server answers the same pages as of the same cursor). The
    // cashier's own transactions run on their own connection with synchronous=FULL, and their fsync of
    // the log covers these pages as well. The last page is committed with FULL again.
    // The larger cache (64 MiB, twice the till's own connection's) keeps the indexes a million
    // members fill in memory instead of re-reading and spilling pages for every row.
    const QStringList pragmas = on ? QStringList{QStringLiteral("PRAGMA synchronous=NORMAL"),
                                                 QStringLiteral("PRAGMA cache_size=-65536")}
                                   : QStringList{QStringLiteral("PRAGMA synchronous=FULL"),
                                                 QStringLiteral("PRAGMA cache_size=-%1").arg(EngineCacheKiB)};
    for (const QString &pragma : pragmas) {
        if (Status s = m_db->execute(pragma); !s)
            qCWarning(lcSync).noquote() << "cannot set" << pragma << s.error().detail;
    }
    m_bootstrapWrites = on;
}

void SyncEngine::pullNext(qint64 cursor)
{
    const QByteArray path = "/v1/changes?after=" + QByteArray::number(cursor) +
                            "&limit=" + QByteArray::number(m_options.pullLimit);
    request("GET", path, {}, [this, cursor](const HttpReply &reply) {
        auto page = ChangesPage::fromJson(reply.body);
        if (!page)
            return failLocal(
                makeError(ErrorCode::InvalidInput,
                          tr("The server's changes cannot be read: %1").arg(page.error().message.left(200))));
        QElapsedTimer timer;
        timer.start();
        auto applied = applyChangesPage(*m_db, page.value(), cursor, *m_env);
        if (!applied)
            return failLocal(applied.error());
        qCDebug(lcSync) << "page of" << applied->changes << "changes applied in" << timer.elapsed() << "ms";
        noteServerTime(page->serverTime);
        m_report.pulledChanges += applied->changes;
        ++m_report.pulledPages;
        m_report.cursor = applied->cursor;
        if (!applied->rulesVersion.isEmpty())
            Q_EMIT rulesChanged(applied->rulesVersion);
        if (applied->changes > 0)
            Q_EMIT dataChanged();
        if (page->more && applied->cursor > cursor)
            return pullNext(applied->cursor);
        m_report.pullMs = m_phaseTimer.elapsed();
        staffPhase();
    });
}

// ---- staff ----

// Head office's list of the store's staff, when it changed since the version this till holds. A server
// from before staff lists (404) leaves the till's own staff as they are.
void SyncEngine::staffPhase()
{
    auto version = SyncStore(*m_db).setting(StaffVersionKey);
    if (!version)
        return failLocal(version.error());
    const QByteArray path = "/v1/staff?version=" + QUrl::toPercentEncoding(version->value_or(QString()));
    request(
        "GET", path, {},
        [this](const HttpReply &reply) {
            auto roster = StaffRoster::fromJson(reply.body);
            if (!roster)
                return failLocal(makeError(
                    ErrorCode::InvalidInput,
                    tr("The server's staff list cannot be read: %1").arg(roster.error().message.left(200))));
            auto applied = applyStaffRoster(*m_db, roster.value(), *m_env);
            if (!applied)
                return failLocal(applied.error());
            if (applied->added + applied->changed + applied->switchedOff > 0)
                Q_EMIT dataChanged();
            keysPhase();
        },
        [this](const HttpReply &reply) {
            if (reply.status == 404)
                return keysPhase();
            failReply(reply);
        });
}

// ---- chain keys ----

// The chain's keys for ID numbers and birth dates (docs/security.md, "Keys for a chain"), kept sealed
// with the till's own key. A server from before chain keys (404) leaves the till sealing with its own.
void SyncEngine::keysPhase()
{
    request(
        "GET", "/v1/keys", {},
        [this](const HttpReply &reply) {
            auto set = ChainKeySet::fromJson(reply.body);
            if (!set)
                return failLocal(makeError(
                    ErrorCode::InvalidInput,
                    tr("The server's chain keys cannot be read: %1").arg(set.error().message.left(200))));
            auto local = loadFieldCipher(*m_db, m_options.keyFile);
            if (!local)
                return failLocal(local.error());
            auto added = applyChainKeys(*m_db, set.value(), m_credentials, local.value(), *m_env);
            if (!added)
                return failLocal(added.error());
            if (added.value() > 0)
                Q_EMIT dataChanged();
            finish(true, {});
        },
        [this](const HttpReply &reply) {
            if (reply.status == 404)
                return finish(true, {});
            failReply(reply);
        });
}

// ---- outcome ----

void SyncEngine::failReply(const HttpReply &reply)
{
    const QString message = describeFailure(reply);
    qCWarning(lcSync).noquote() << "sync request failed: HTTP" << reply.status
                                << reply.networkError.left(200);
    if (reply.status == 0)
        return finish(false, message, Failure::Offline);
    if (reply.status == 429 || reply.status >= 500)
        return finish(false, message, Failure::Busy);
    if (reply.status == 401 || reply.status == 403) {
        auto error = ErrorBody::fromJson(reply.body);
        if (reply.status == 401 && error.ok() && error->error == QLatin1String("stale"))
            return finish(false, tr("The till's clock is too far from the server's; sync retries."),
                          Failure::Busy);
        if (reply.status == 401 && error.ok() && error->error == QLatin1String("replayed"))
            return finish(false, message, Failure::Busy); // a nonce collision: harmless, retry
        m_status.needsEnrolment = true;
        m_report.needsEnrolment = true;
        return finish(false,
                      reply.status == 403
                          ? message
                          : tr("This till must be enrolled again: the server does not accept "
                               "its credentials (%1).")
                                .arg(error.ok() ? error->error : QString::number(reply.status)),
                      Failure::Enrol);
    }
    finish(false, message, Failure::Refused);
}

void SyncEngine::failLocal(const Error &error)
{
    qCWarning(lcSync).noquote() << "sync stopped:" << error.detail.left(300);
    finish(false, error.message, Failure::Local);
}

void SyncEngine::finish(bool ok, const QString &error, Failure failure)
{
    if (!m_running)
        return;
    m_running = false;
    setBootstrapWrites(false);
    m_status.syncing = false;
    setLoading(SyncStatus::Loading::None, false);
    m_report.ok = ok;
    m_report.error = error;
    const qint64 now = m_clock.nowMs();
    if (ok) {
        m_backoff.reset();
        m_status.lastSuccessMs = now;
        m_status.lastError.clear();
        m_status.needsEnrolment = false;
    } else {
        m_status.lastError = error;
        if (failure == Failure::Offline || failure == Failure::Busy)
            setOnline(false);
    }
    if (m_db) {
        SyncStore store(*m_db);
        Status saved = ok ? store.setSetting(SyncKeys::LastSuccessMs, QString::number(now))
                          : store.setSetting(SyncKeys::LastError, error);
        if (ok && saved)
            saved = store.removeSetting(SyncKeys::LastError);
        if (!saved)
            qCWarning(lcSync) << "cannot record the sync outcome:" << saved.error().detail;
        auto cursor = store.cursor();
        if (cursor.ok() && cursor->has_value())
            m_report.cursor = cursor->value();
        refreshCounts();
    }

    m_status.nextAttemptMs = 0;
    if (m_options.schedule && !m_stopped && failure != Failure::Enrol) {
        const qint64 delay = ok ? m_options.intervalMs : m_backoff.nextDelayMs();
        m_status.nextAttemptMs = now + delay;
        m_timer->start(int(qMin<qint64>(delay, std::numeric_limits<int>::max())));
    }
    publish();
    Q_EMIT cycleFinished(m_report);
    if (m_again && !m_stopped) {
        m_again = false;
        QTimer::singleShot(0, this, &SyncEngine::syncNow);
    }
}

void SyncEngine::noteServerTime(qint64 serverTimeMs)
{
    if (serverTimeMs <= 0 || !m_db)
        return;
    const qint64 offset = serverTimeMs - m_clock.nowMs();
    if (qAbs(offset - m_credentials.clockOffsetMs) <= OffsetToleranceMs)
        return;
    m_credentials.clockOffsetMs = offset;
    if (m_env)
        m_env->clockOffsetMs = offset;
    if (Status s = SyncStore(*m_db).setSetting(SyncKeys::ClockOffsetMs, QString::number(offset)); !s)
        qCWarning(lcSync) << "cannot store the clock offset:" << s.error().detail;
}

void SyncEngine::setOnline(bool online)
{
    if (m_status.online == online)
        return;
    m_status.online = online;
    publish();
    Q_EMIT onlineChanged(online);
}

void SyncEngine::refreshCounts()
{
    SyncStore store(*m_db);
    auto pending = store.pendingCount();
    auto rejected = store.rejectedCount();
    auto flags = store.unseenFlagCount();
    auto lastSuccess = store.setting(SyncKeys::LastSuccessMs);
    if (pending)
        m_status.pendingOps = pending.value();
    if (rejected)
        m_status.rejectedOps = rejected.value();
    if (flags)
        m_status.unseenFlags = flags.value();
    if (lastSuccess.ok() && lastSuccess->has_value() && m_status.lastSuccessMs == 0)
        m_status.lastSuccessMs = lastSuccess->value().toLongLong();
    auto url = store.setting(SyncKeys::ServerUrl);
    if (url.ok())
        m_status.enrolled = url->has_value();
}

void SyncEngine::setLoading(SyncStatus::Loading loading, bool tell)
{
    if (m_status.loading == loading)
        return;
    m_status.loading = loading;
    m_status.loadedBytes = 0;
    m_status.totalBytes = 0;
    m_status.loadedMembers = 0;
    if (tell)
        publish();
}

void SyncEngine::publish()
{
    Q_EMIT statusChanged(m_status);
}

} // namespace counterpart::sync
