// Small pieces of the sync client: the back-off schedule, HLC stamping of every outbox operation, the
// push body, and enrolment stored at the till.

#include "storage/Crypto.h"
#include "sync/client/Backoff.h"
#include "sync/client/Credentials.h"
#include "sync/client/HttpClient.h"
#include "sync/protocol/KeyWrap.h"
#include "tests/sync/SyncTestSupport.h"

#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

class TestSyncUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { quietInfoLogs(); }

    // The n-th retry waits a random time in [0, min(300 s, 1 s * 2^n)].
    void backoffSchedule()
    {
        const QList<qint64> expected = {1000,  2000,   4000,   8000,   16000, 32000,
                                        64000, 128000, 256000, 300000, 300000};
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(sync::Backoff::ceilingMs(i), expected[i]);
        QCOMPARE(sync::Backoff::ceilingMs(100000), qint64(300000)); // no overflow however long the outage

        QList<qint64> bounds;
        sync::Backoff highest([&](qint64 bound) {
            bounds << bound;
            return bound;
        });
        for (int i = 0; i < 12; ++i)
            QCOMPARE(highest.nextDelayMs(), sync::Backoff::ceilingMs(i));
        QCOMPARE(bounds.mid(0, 3), (QList<qint64>{1000, 2000, 4000}));
        highest.reset();
        QCOMPARE(highest.nextDelayMs(), qint64(1000));

        // Full jitter: anything from zero up to the ceiling, never outside it.
        sync::Backoff random;
        bool sawLow = false;
        for (int i = 0; i < 200; ++i) {
            random.reset();
            for (int k = 0; k < 3; ++k)
                random.nextDelayMs();
            const qint64 d = random.nextDelayMs();
            QVERIFY(d >= 0 && d <= 8000);
            sawLow = sawLow || d < 4000;
        }
        QVERIFY(sawLow);
        // A misbehaving source is clamped.
        sync::Backoff wild([](qint64) { return qint64(-5); });
        QCOMPARE(wild.nextDelayMs(), qint64(0));
    }

    // Every outbox operation carries an HLC; HLCs only grow, also when the wall clock goes back; the
    // server's clock offset moves the wall clock; a pulled HLC moves the till's clock past it.
    void hlcStamping()
    {
        TempDir dir;
        ManualClock clock(at("2026-03-08T10:00:00"));
        auto opened = openTill(dir.file(QStringLiteral("t.db")), clock, dir.file(QStringLiteral("k")));
        CP_VERIFY_OK(opened);
        Till &till = *opened.value();
        Database &db = till.database();
        RegisterRequest r;
        r.phone = QStringLiteral("13800138000");
        r.name = QStringLiteral("Li Na");
        auto member = till.registerMember(r);
        CP_VERIFY_OK(member);
        CP_VERIFY_OK(till.setNote(member->member.id, QStringLiteral("a")));
        clock.advanceMs(-3'600'000); // the wall clock jumps an hour back
        CP_VERIFY_OK(till.setNote(member->member.id, QStringLiteral("b")));
        QStringList hlcs = outboxHlcs(db);
        QCOMPARE(hlcs.size(), 3);
        const sync::Hlc h0 = sync::Hlc::parse(hlcs[0]);
        const sync::Hlc h1 = sync::Hlc::parse(hlcs[1]);
        const sync::Hlc h2 = sync::Hlc::parse(hlcs[2]);
        QVERIFY(!h0.isNull());
        QCOMPARE(h0.ms(), at("2026-03-08T10:00:00"));
        QCOMPARE(h0.terminal(), till.config().terminalId);
        QVERIFY(h0 < h1);
        QVERIFY(h1 < h2);
        QCOMPARE(h2.ms(), h1.ms()); // the clock went back: the counter moves instead
        // The fields an operation wrote carry its HLC.
        QCOMPARE(rows(db, QStringLiteral("SELECT json_extract(field_hlc, '$.note') FROM members")).front(),
                 hlcs[2]);
        QCOMPARE(rows(db, QStringLiteral("SELECT json_extract(field_hlc, '$.name') FROM members")).front(),
                 hlcs[0]);

        // With the server three hours ahead, the wall clock of the HLC is the server's.
        CP_VERIFY_OK(SyncStore(db).setSetting(SyncKeys::ClockOffsetMs, QString::number(3 * 3'600'000)));
        CP_VERIFY_OK(till.setNote(member->member.id, QStringLiteral("c")));
        const sync::Hlc h3 = sync::Hlc::parse(outboxHlcs(db).last());
        QCOMPARE(h3.ms(), clock.nowMs() + 3 * 3'600'000);

        // Seeing a newer HLC from another till (ahead of the server's time, within the bound) moves this
        // till's clock past it.
        CP_VERIFY_OK(acknowledgeAll(till));
        const qint64 future = clock.nowMs() + 3 * 3'600'000 + 4 * 60'000;
        PageBuilder page;
        page.member(memberJson(member->member.id.toString(), member->member.code.digits(),
                               member->member.phone.e164(), QStringLiteral("Li Na"),
                               member->member.createdAtMs,
                               QJsonObject{{QStringLiteral("note"), hlcAt(future)}}));
        CP_VERIFY_OK(applyPage(till, page.page(), 0));
        CP_VERIFY_OK(till.setNote(member->member.id, QStringLiteral("d")));
        const sync::Hlc h4 = sync::Hlc::parse(outboxHlcs(db).last());
        QVERIFY(sync::Hlc::parse(hlcAt(future)) < h4);
        // ...so this till's later edit wins over the one it saw.
        QVERIFY(hlcAt(future) < h4.toString());

        // One further ahead than the bound is not adopted: the next stamp stays at the present.
        CP_VERIFY_OK(acknowledgeAll(till));
        clock.advanceMs(10 * 60'000);
        PageBuilder far(2);
        far.member(memberJson(member->member.id.toString(), member->member.code.digits(),
                              member->member.phone.e164(), QStringLiteral("Li Na"),
                              member->member.createdAtMs,
                              QJsonObject{{QStringLiteral("note"), hlcAt(clock.nowMs() + 10 * 3'600'000)}}));
        CP_VERIFY_OK(applyPage(till, far.page(), 1));
        CP_VERIFY_OK(till.setNote(member->member.id, QStringLiteral("e")));
        const sync::Hlc h5 = sync::Hlc::parse(outboxHlcs(db).last());
        QCOMPARE(h5.ms(), clock.nowMs() + 3 * 3'600'000);
    }

    // The push body is the outbox as written, with an HLC added to operations older than HLC stamping.
    void pushBody()
    {
        PendingOp op;
        op.id = Uuid::fromString(newId());
        op.createdAtMs = 1'790'000'000'000;
        op.payload =
            QByteArrayLiteral("{\"op\":\"adjust\",\"opId\":\"") + op.id.toString().toLatin1() + "\"}";
        PendingOp stamped = op;
        stamped.id = Uuid::fromString(newId());
        stamped.payload = QByteArrayLiteral("{\"op\":\"adjust\",\"hlc\":\"x\",\"opId\":\"") +
                          stamped.id.toString().toLatin1() + "\"}";
        const QJsonObject body =
            QJsonDocument::fromJson(sync::pushBody({op, stamped}, QStringLiteral("t1"))).object();
        const QJsonArray ops = body.value(QStringLiteral("ops")).toArray();
        QCOMPARE(ops.size(), 2);
        QCOMPARE(ops[0].toObject().value(QStringLiteral("hlc")).toString(),
                 QStringLiteral("1790000000000-0000-t1"));
        QCOMPARE(ops[1].toObject().value(QStringLiteral("hlc")).toString(), QStringLiteral("x"));
        QCOMPARE(ops[0].toObject().value(QStringLiteral("opId")).toString(), op.id.toString());
    }

    // Enrolment stores the terminal, the store's settings and the secret (encrypted, readable back
    // with the till's key only); pending operations go out under the new terminal; the till stops
    // sweeping expiry and starts offline.
    void enrolmentIsStored()
    {
        TempDir dir;
        ManualClock clock(at("2026-03-08T10:00:00"));
        auto opened = openTill(dir.file(QStringLiteral("t.db")), clock, dir.file(QStringLiteral("k")));
        CP_VERIFY_OK(opened);
        Till &till = *opened.value();
        QVERIFY(!till.isEnrolled());
        QVERIFY(!till.isOffline());
        RegisterRequest r;
        r.phone = QStringLiteral("13800138000");
        r.name = QStringLiteral("Li Na");
        CP_VERIFY_OK(till.registerMember(r));

        sync::EnrolResponse response;
        response.terminalId = newId();
        response.terminalNumber = 10042;
        response.secret = QByteArray(32, '\x07');
        response.store =
            sync::StoreInfo{QStringLiteral("S777"), QStringLiteral("Nanjing Road"), QStringLiteral("CN"),
                            QStringLiteral("Asia/Shanghai"), QStringLiteral("CNY")};
        response.serverTime = clock.nowMs() + 5000;
        auto enrolled = till.applyEnrolment(response, QStringLiteral("https://sync.example.com:8443"), {});
        CP_VERIFY_OK(enrolled);
        QCOMPARE(enrolled->pendingOps, qint64(1));
        QCOMPARE(enrolled->clockOffsetMs, qint64(5000));
        QVERIFY(till.isEnrolled());
        QVERIFY(till.isOffline());
        QCOMPARE(till.config().terminalNumber, 10042);
        QCOMPARE(till.config().storeId, QStringLiteral("S777"));
        Database &db = till.database();
        QCOMPARE(outboxPayload(db, 1).value(QStringLiteral("terminal")).toString(), response.terminalId);
        QCOMPARE(outboxPayload(db, 1).value(QStringLiteral("store")).toString(), QStringLiteral("S777"));
        // The secret is not in the file in the clear.
        QCOMPARE(count(db, "settings", "value LIKE '%BwcHBwcH%'"), qint64(0));
        auto credentials = sync::loadCredentials(db, dir.file(QStringLiteral("k")));
        CP_VERIFY_OK(credentials);
        QCOMPARE(credentials->secret, response.secret);
        QCOMPARE(credentials->terminalId, response.terminalId);
        QCOMPARE(credentials->clockOffsetMs, qint64(5000));
        // Another key cannot read it.
        QFile::remove(dir.file(QStringLiteral("other")));
        auto other = FieldCipher::loadKeyFile(dir.file(QStringLiteral("other")), true);
        CP_VERIFY_OK(other);
        QVERIFY(!sync::loadCredentials(db, dir.file(QStringLiteral("other"))).ok());

        auto swept = till.expirePoints();
        CP_VERIFY_OK(swept);
        QVERIFY(swept->serverExpires);
        // Codes made from now on carry the terminal number the server gave.
        r.phone = QStringLiteral("13900139000");
        auto second = till.registerMember(r);
        CP_VERIFY_OK(second);
        QVERIFY(second->member.code.digits().startsWith(QStringLiteral("10042")));
        // Reopened: still enrolled, starts offline.
        opened.value().reset();
        auto again = openTill(dir.file(QStringLiteral("t.db")), clock, dir.file(QStringLiteral("k")));
        CP_VERIFY_OK(again);
        QVERIFY(again.value()->isEnrolled());
        QVERIFY(again.value()->isOffline());
    }

    // Plain http only to this computer; https needs a readable CA file when one is given.
    void serverAddresses()
    {
        sync::HttpClient http;
        CP_VERIFY_OK(http.setServer(QStringLiteral("https://sync.example.com:8443/"), {}));
        QCOMPARE(http.fullPath("/v1/health"), QByteArray("/v1/health"));
        CP_VERIFY_OK(http.setServer(QStringLiteral("https://example.com/counterpart/"), {}));
        QCOMPARE(http.fullPath("/v1/push"), QByteArray("/counterpart/v1/push"));
        CP_VERIFY_OK(http.setServer(QStringLiteral("http://127.0.0.1:8080"), {}));
        CP_VERIFY_OK(http.setServer(QStringLiteral("http://localhost:8080"), {}));
        CP_VERIFY_FAILS(http.setServer(QStringLiteral("http://sync.example.com"), {}),
                        ErrorCode::InvalidInput);
        CP_VERIFY_FAILS(http.setServer(QStringLiteral("ftp://sync.example.com"), {}),
                        ErrorCode::InvalidInput);
        CP_VERIFY_FAILS(http.setServer(QStringLiteral("sync.example.com"), {}), ErrorCode::InvalidInput);
        CP_VERIFY_FAILS(
            http.setServer(QStringLiteral("https://sync.example.com"), QStringLiteral("/nonexistent.pem")),
            ErrorCode::InvalidInput);
    }
    // A chain key wrapped for one terminal opens with that terminal's secret and id only.
    void chainKeyWrapping()
    {
        const QByteArray secret(32, 's');
        const QByteArray key(32, 'k');
        auto wrapped = sync::wrapChainKey(secret, QStringLiteral("t-1"), 3, key);
        QVERIFY(wrapped.ok());
        QCOMPARE(sync::unwrapChainKey(secret, QStringLiteral("t-1"), 3, wrapped.value()).value(), key);
        QVERIFY(!sync::unwrapChainKey(secret, QStringLiteral("t-2"), 3, wrapped.value()).ok());
        QVERIFY(!sync::unwrapChainKey(secret, QStringLiteral("t-1"), 4, wrapped.value()).ok());
        auto other = sync::unwrapChainKey(QByteArray(32, 'x'), QStringLiteral("t-1"), 3, wrapped.value());
        QVERIFY(!other.ok());
        QCOMPARE(other.error().code, ErrorCode::Crypto);
        QVERIFY(!sync::wrapChainKey(secret, QStringLiteral("t-1"), 3, QByteArray(16, 'k')).ok());
    }
};

QTEST_GUILESS_MAIN(TestSyncUnits)
#include "tst_sync_units.moc"
