// The sync engine against a scripted server: signed requests, push in order and in batches, per-op
// answers, a lost answer retried without doubling, snapshot then pull, back-off on 5xx and on a dead
// network, the stale-clock correction, "enrol again" on a refused terminal, 413 splitting.

#include "sync/client/SyncEngine.h"
#include "sync/client/SyncService.h"
#include "sync/protocol/Signing.h"
#include "tests/sync/FakeHttpServer.h"
#include "tests/sync/SyncTestSupport.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using namespace counterpart;
using namespace counterpart::test;

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray errorBody(const QString &code, std::optional<qint64> serverTime = std::nullopt)
{
    QJsonObject o{{QStringLiteral("error"), code}, {QStringLiteral("message"), QStringLiteral("test")}};
    if (serverTime)
        o.insert(QStringLiteral("serverTime"), *serverTime);
    return json(o);
}

// A server that applies pushes once per opId and serves an empty feed; what a real server does, in
// twenty lines.
struct MiniServer {
    QByteArray secret;
    qint64 skewMs = 0; // the server's clock minus real time
    QHash<QString, int> appliedCount;
    QStringList order;                      // opIds in the order they were applied
    QHash<QString, sync::OpResult> special; // scripted answers by op kind
    int badSignatures = 0;

    qint64 serverNow() const { return QDateTime::currentMSecsSinceEpoch() + skewMs; }

    FakeResponse handle(const FakeRequest &r)
    {
        sync::SignedHeaders h{r.headers.value("x-cp-terminal"), r.headers.value("x-cp-timestamp"),
                              r.headers.value("x-cp-nonce"), r.headers.value("x-cp-signature")};
        const auto check = sync::verifyRequest(h, secret, r.method, r.target, r.body, serverNow());
        if (check == sync::SignatureCheck::Stale)
            return {401, errorBody(QStringLiteral("stale"), serverNow())};
        if (check != sync::SignatureCheck::Ok) {
            ++badSignatures;
            return {401, errorBody(QStringLiteral("bad_signature"))};
        }
        if (r.target == "/v1/push") {
            const QJsonArray ops =
                QJsonDocument::fromJson(r.body).object().value(QStringLiteral("ops")).toArray();
            QJsonArray results;
            for (const QJsonValue &v : ops) {
                const QJsonObject op = v.toObject();
                const QString id = op.value(QStringLiteral("opId")).toString();
                sync::OpResult result;
                result.opId = id;
                if (special.contains(op.value(QStringLiteral("op")).toString())) {
                    result = special.value(op.value(QStringLiteral("op")).toString());
                    result.opId = id;
                }
                if (appliedCount.contains(id) && result.status == sync::OpStatus::Applied)
                    result.status = sync::OpStatus::Duplicate;
                else if (!appliedCount.contains(id))
                    order << id;
                appliedCount[id] += 0;
                if (result.status == sync::OpStatus::Applied)
                    appliedCount[id] += 1;
                results.append(result.toJsonObject());
            }
            return {200, json(QJsonObject{{QStringLiteral("results"), results},
                                          {QStringLiteral("serverTime"), serverNow()}})};
        }
        if (r.target == "/v1/snapshot/file")
            return {404, errorBody(QStringLiteral("no_snapshot_file"))};
        if (r.target.startsWith("/v1/snapshot"))
            return {200, json(QJsonObject{{QStringLiteral("members"), QJsonArray{}},
                                          {QStringLiteral("cursor"), 7},
                                          {QStringLiteral("more"), false},
                                          {QStringLiteral("serverTime"), serverNow()}})};
        if (r.target.startsWith("/v1/changes")) {
            const qint64 after = QUrlQuery(QUrl(QString::fromLatin1(r.target)).query())
                                     .queryItemValue(QStringLiteral("after"))
                                     .toLongLong();
            return {200, json(QJsonObject{{QStringLiteral("changes"), QJsonArray{}},
                                          {QStringLiteral("next"), qMax<qint64>(after, 7)},
                                          {QStringLiteral("more"), false},
                                          {QStringLiteral("serverTime"), serverNow()}})};
        }
        return {404, errorBody(QStringLiteral("not_found"))};
    }
};

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Till> m_till;
    MiniServer m_mini;
    std::unique_ptr<FakeHttpServer> m_server;

    Database &db() { return m_till->database(); }

    void enrol(const QString &url)
    {
        sync::EnrolResponse response;
        response.terminalId = newId();
        response.terminalNumber = 10042;
        response.secret = m_mini.secret;
        response.store = sync::StoreInfo{QStringLiteral("S001"), QStringLiteral("Test"), QStringLiteral("CN"),
                                         QStringLiteral("Asia/Shanghai"), QStringLiteral("CNY")};
        response.serverTime = m_clock->nowMs();
        auto enrolled = m_till->applyEnrolment(response, url, {});
        QVERIFY2(enrolled.ok(), describe(enrolled).constData());
    }

    std::unique_ptr<sync::SyncEngine> engine(sync::SyncEngineOptions options = {})
    {
        options.keyFile = m_dir->file(QStringLiteral("k"));
        if (!options.jitter)
            options.jitter = [](qint64 bound) { return bound; };
        return std::make_unique<sync::SyncEngine>(db().path(), *m_clock, options);
    }

    void makeWork(int members)
    {
        for (int i = 0; i < members; ++i) {
            RegisterRequest r;
            r.phone = QStringLiteral("1380013%1").arg(8000 + i, 4, 10, QLatin1Char('0'));
            r.name = QStringLiteral("Member %1").arg(i);
            auto m = m_till->registerMember(r);
            QVERIFY2(m.ok(), describe(m).constData());
            EarnRequest e;
            e.member = m->member.id.toString();
            e.amountMinor = 10000 + i;
            e.receipt = QStringLiteral("R-%1").arg(i);
            QVERIFY2(m_till->earn(e).ok(), "earn");
        }
    }

    QStringList outboxIds()
    {
        return rows(db(), QStringLiteral("SELECT json_extract(payload, '$.opId') FROM outbox ORDER BY seq"));
    }

private Q_SLOTS:
    void init()
    {
        quietInfoLogs();
        QLoggingCategory::setFilterRules(
            QStringLiteral("counterpart.*.info=false\ncounterpart.sync.warning=false"));
        m_dir = std::make_unique<TempDir>();
        m_clock = std::make_unique<ManualClock>(QDateTime::currentMSecsSinceEpoch());
        auto till =
            openTill(m_dir->file(QStringLiteral("till.db")), *m_clock, m_dir->file(QStringLiteral("k")));
        QVERIFY2(till.ok(), describe(till).constData());
        m_till = std::move(till.value());
        CP_VERIFY_OK(install(*m_till, plainRules()));
        m_mini = MiniServer{};
        m_mini.secret = QByteArray(32, '\x2a');
        m_server =
            std::make_unique<FakeHttpServer>([this](const FakeRequest &r) { return m_mini.handle(r); });
    }

    void cleanup()
    {
        m_server.reset();
        m_till.reset();
        m_clock.reset();
        m_dir.reset();
    }

    // A new till with nothing of its own: nothing to push, the snapshot, then changes after its cursor.
    void newTillBootstraps()
    {
        enrol(m_server->url());
        auto e = engine();
        const sync::CycleReport report = e->runOnce();
        QVERIFY2(report.ok, qPrintable(report.error));
        QVERIFY(report.bootstrapped);
        QCOMPARE(report.cursor, qint64(7));
        // First the store's snapshot file (this server has none: 404), then the pages, then the staff
        // list and the chain's keys (none either: the till's own staff stay, its own key seals).
        QCOMPARE(m_server->requests().size(), 5);
        QCOMPARE(m_server->requests()[0].target, QByteArray("/v1/snapshot/file"));
        QVERIFY(m_server->requests()[1].target.startsWith("/v1/snapshot?limit="));
        QCOMPARE(m_server->requests()[2].target, QByteArray("/v1/changes?after=7&limit=1000"));
        QCOMPARE(m_server->requests()[3].target, QByteArray("/v1/staff?version="));
        QCOMPARE(m_server->requests()[4].target, QByteArray("/v1/keys"));
        QCOMPARE(report.snapshotFileBytes, qint64(0));
        QVERIFY(e->status().online);
        QVERIFY(e->status().lastSuccessMs > 0);
        QCOMPARE(cursorOf(db()), qint64(7));
        // Every request was signed (the server checked each one).
        QCOMPARE(m_mini.badSignatures, 0);
        QVERIFY(m_server->requests()[0].headers.contains("x-cp-signature"));
    }

    // Operations go out oldest first in batches; each is applied once; the till with data of its own
    // pulls from the beginning.
    void pushInOrderInBatches()
    {
        makeWork(5); // 10 operations
        enrol(m_server->url());
        const QStringList ids = outboxIds();
        sync::SyncEngineOptions options;
        options.pushBatch = 3;
        auto e = engine(options);
        QSignalSpy online(e.get(), &sync::SyncEngine::onlineChanged);
        const sync::CycleReport report = e->runOnce();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.applied, 10);
        QCOMPARE(report.pushedOps, 10);
        QCOMPARE(m_server->requestsTo("/v1/push").size(), 4);
        QCOMPARE(m_mini.order, ids);
        QCOMPARE(m_server->requestsTo("/v1/changes?after=0").size(), 1); // no snapshot: it has members
        QCOMPARE(m_server->requestsTo("/v1/snapshot").size(), 0);
        QCOMPARE(e->status().pendingOps, qint64(0));
        QCOMPARE(online.size(), 1);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM members WHERE synced_balance = balance")),
                 qint64(5));
    }

    // The answer to a push is lost after the server applied it: the next cycle sends the same operations
    // again, the server says "duplicate", and nothing is applied twice.
    void lostAnswerIsRetriedExactlyOnce()
    {
        makeWork(2);
        enrol(m_server->url());
        int pushes = 0;
        bool dropping = true;
        m_server->setHandler([&](const FakeRequest &r) {
            FakeResponse response = m_mini.handle(r);
            // Applied at the server, answer lost (Qt resends a request once by itself when the
            // connection closes before any answer: that one is lost too).
            if (r.target == "/v1/push" && ++pushes && dropping)
                response.drop = true;
            return response;
        });
        auto e = engine();
        sync::CycleReport report = e->runOnce();
        QVERIFY(!report.ok);
        QVERIFY(!e->status().online);
        QVERIFY(!e->status().lastError.isEmpty());
        QCOMPARE(e->status().pendingOps, qint64(4));
        dropping = false;
        report = e->runOnce();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.duplicates, 4);
        QVERIFY(pushes >= 2);
        QCOMPARE(e->status().pendingOps, qint64(0));
        for (auto it = m_mini.appliedCount.constBegin(); it != m_mini.appliedCount.constEnd(); ++it)
            QCOMPARE(it.value(), 1);
        QVERIFY(e->status().online);
        QVERIFY(e->status().lastError.isEmpty());
    }

    // Rejections are kept and counted, flags reach the manager, and the queue goes on.
    void rejectionsAndFlags()
    {
        makeWork(2);
        enrol(m_server->url());
        sync::OpResult rejected;
        rejected.status = sync::OpStatus::Rejected;
        rejected.reason = QStringLiteral("receipt_taken");
        rejected.message = QStringLiteral("Receipt taken.");
        m_mini.special.insert(QStringLiteral("earn"), rejected);
        auto e = engine();
        sync::CycleReport report = e->runOnce();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.rejected, 2);
        QCOMPARE(report.applied, 2);
        QCOMPARE(report.rejections.size(), 2);
        QVERIFY(report.rejections.front().contains(QStringLiteral("receipt_taken")));
        QCOMPARE(e->status().rejectedOps, qint64(2));
        QCOMPARE(e->status().pendingOps, qint64(0));
        QCOMPARE(scalar(db(), QStringLiteral("SELECT SUM(balance) FROM members")), qint64(0));

        // A redemption the server accepts and flags.
        sync::OpResult flagged;
        flagged.status = sync::OpStatus::Applied;
        flagged.flags = {QStringLiteral("overdraw")};
        m_mini.special.insert(QStringLiteral("adjust"), flagged);
        auto member = m_till->findByPhone(QStringLiteral("13800138000"));
        CP_VERIFY_OK(member);
        CP_VERIFY_OK(m_till->adjust(member->value().id.toString(), 10, QStringLiteral("goodwill")));
        report = e->runOnce();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(e->status().unseenFlags, qint64(1));
    }

    // 5xx: back off 1 s, 2 s, 4 s... (the jitter here always takes the ceiling); success resets it and
    // the next cycle is the regular interval.
    void serverErrorsBackOff()
    {
        makeWork(1);
        enrol(m_server->url());
        m_server->setHandler([](const FakeRequest &) {
            return FakeResponse{500, errorBody(QStringLiteral("internal"))};
        });
        sync::SyncEngineOptions options;
        options.schedule = true;
        options.intervalMs = 60'000;
        auto e = engine(options);
        for (qint64 expected : {1000, 2000, 4000}) {
            const sync::CycleReport report = e->runOnce();
            QVERIFY(!report.ok);
            QCOMPARE(e->status().nextAttemptMs - m_clock->nowMs(), expected);
            QVERIFY(!e->status().online);
            QVERIFY(e->status().lastError.contains(QStringLiteral("500")));
        }
        QCOMPARE(e->status().pendingOps, qint64(2));
        m_server->setHandler([this](const FakeRequest &r) { return m_mini.handle(r); });
        const sync::CycleReport report = e->runOnce();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(e->status().nextAttemptMs - m_clock->nowMs(), qint64(60'000));
        QCOMPARE(e->backoff().attempt(), 0);
        e->stop();
    }

    // Nothing listens: offline, plain words, back-off.
    void networkDown()
    {
        makeWork(1);
        enrol(m_server->url());
        m_server->close();
        m_server.reset();
        sync::SyncEngineOptions options;
        options.schedule = true;
        auto e = engine(options);
        const sync::CycleReport report = e->runOnce();
        QVERIFY(!report.ok);
        QVERIFY(!e->status().online);
        QVERIFY2(e->status().lastError.contains(QStringLiteral("Cannot reach the server")),
                 qPrintable(e->status().lastError));
        QCOMPARE(e->status().nextAttemptMs - m_clock->nowMs(), qint64(1000));
        e->stop();
    }

    // The server's clock is three hours ahead: the first signature is stale, the engine learns the
    // offset from the answer and signs with the server's time from then on.
    void staleClockIsCorrected()
    {
        makeWork(1);
        enrol(m_server->url());
        m_mini.skewMs = 3 * 3'600'000;
        auto e = engine();
        sync::CycleReport report = e->runOnce();
        QVERIFY2(report.ok, qPrintable(report.error));
        int stale = 0;
        for (const FakeRequest &r : m_server->requests())
            stale += r.headers.value("x-cp-timestamp").toLongLong() <
                     QDateTime::currentMSecsSinceEpoch() + 3'000'000;
        QCOMPARE(stale, 1);
        const qint64 offset =
            SyncStore(db()).setting(SyncKeys::ClockOffsetMs)->value_or(QString()).toLongLong();
        QVERIFY2(qAbs(offset - 3 * 3'600'000) < 5000, qPrintable(QString::number(offset)));
        // The next cycle is signed right the first time.
        const qsizetype before = m_server->requests().size();
        report = e->runOnce();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(m_server->requests().size() - before, 3); // a pull, the staff list, the keys: none stale
    }

    // A terminal the server no longer accepts: stop, say "enrol again", do not retry on a timer.
    void refusedTerminalStops()
    {
        makeWork(1);
        enrol(m_server->url());
        m_mini.secret = QByteArray(32, '\x01'); // the server's idea of the secret differs
        sync::SyncEngineOptions options;
        options.schedule = true;
        auto e = engine(options);
        const sync::CycleReport report = e->runOnce();
        QVERIFY(!report.ok);
        QVERIFY(report.needsEnrolment);
        QVERIFY(e->status().needsEnrolment);
        QCOMPARE(e->status().nextAttemptMs, qint64(0));
        QVERIFY(e->status().lastError.contains(QStringLiteral("enrolled again")));
        QCOMPARE(e->status().pendingOps, qint64(2));
    }

    // 413: the batch is split until the server takes it.
    void tooLargeSplitsTheBatch()
    {
        makeWork(3);
        enrol(m_server->url());
        m_server->setHandler([this](const FakeRequest &r) {
            const int ops =
                QJsonDocument::fromJson(r.body).object().value(QStringLiteral("ops")).toArray().size();
            if (r.target == "/v1/push" && ops > 2)
                return FakeResponse{413, errorBody(QStringLiteral("too_large"))};
            return m_mini.handle(r);
        });
        auto e = engine();
        const sync::CycleReport report = e->runOnce();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.applied, 6);
        QCOMPARE(m_mini.order, outboxIds());
    }

    // A till never enrolled: the engine says so and does nothing.
    void notEnrolled()
    {
        sync::SyncEngineOptions options;
        options.schedule = true;
        auto e = engine(options);
        const sync::CycleReport report = e->runOnce();
        QVERIFY(!report.ok);
        QVERIFY(!e->status().enrolled);
        QVERIFY(report.error.contains(QStringLiteral("enrol")));
        QCOMPARE(e->status().nextAttemptMs, qint64(0));
        QCOMPARE(m_server->requests().size(), 0);
    }

    // The service runs the engine in its own thread: the caller's thread only gets signals.
    void serviceRunsInItsOwnThread()
    {
        makeWork(1);
        enrol(m_server->url());
        sync::SyncEngineOptions options;
        options.keyFile = m_dir->file(QStringLiteral("k"));
        options.intervalMs = 3'600'000;
        sync::SyncService service(db().path(), *m_clock, options);
        QSignalSpy finished(&service, &sync::SyncService::cycleFinished);
        QSignalSpy online(&service, &sync::SyncService::onlineChanged);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const auto report = finished.front().front().value<sync::CycleReport>();
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(online.size(), 1);
        QVERIFY(service.status().online);
        QCOMPARE(service.status().pendingOps, qint64(0));
        service.syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        service.stop();
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_sync_engine.moc"
