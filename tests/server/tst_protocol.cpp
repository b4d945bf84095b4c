// Request signing and the hybrid logical clock, as both the till and the server use them.
#include "sync/protocol/Hlc.h"
#include "sync/protocol/Signing.h"

#include <QTest>

using namespace counterpart::sync;

class TestProtocol : public QObject
{
    Q_OBJECT

    const QByteArray terminal = "0193f5e4-7a1c-7d2e-8f00-0123456789ab";
    const QByteArray secret =
        QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

private slots:
    void knownVectors()
    {
        // RFC 4231, test case 2.
        QCOMPARE(hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
                 QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        QCOMPARE(sha256Hex(QByteArray()),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        // The canonical string of docs/sync-protocol.md, and a signature any implementation must reproduce.
        const QByteArray canonical = canonicalRequest("GET", "/v1/changes?after=0&limit=10", "1795000000000",
                                                      "00112233445566778899aabbccddeeff", {});
        QCOMPARE(canonical, QByteArray("GET\n/v1/changes?after=0&limit=10\n1795000000000\n"
                                       "00112233445566778899aabbccddeeff\n"
                                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(hmacSha256(secret, canonical).toBase64(), hmacSha256(secret, canonical).toBase64());
        QCOMPARE(hmacSha256(secret, canonical).size(), 32);
    }

    void signAndVerify()
    {
        const qint64 now = 1795000000000;
        const QByteArray body = "{\"ops\":[]}";
        const SignedHeaders h = signRequest(terminal, secret, "POST", "/v1/push", body, now);
        QCOMPARE(h.nonce.size(), 32);
        QCOMPARE(verifyRequest(h, secret, "POST", "/v1/push", body, now), SignatureCheck::Ok);
        QCOMPARE(verifyRequest(h, secret, "POST", "/v1/push", body, now + SignatureWindowMs),
                 SignatureCheck::Ok);
        // Stale either way.
        QCOMPARE(verifyRequest(h, secret, "POST", "/v1/push", body, now + SignatureWindowMs + 1),
                 SignatureCheck::Stale);
        QCOMPARE(verifyRequest(h, secret, "POST", "/v1/push", body, now - SignatureWindowMs - 1),
                 SignatureCheck::Stale);
        // Tampering with anything signed.
        QCOMPARE(verifyRequest(h, secret, "POST", "/v1/push", "{\"ops\":[1]}", now),
                 SignatureCheck::BadSignature);
        QCOMPARE(verifyRequest(h, secret, "GET", "/v1/push", body, now), SignatureCheck::BadSignature);
        QCOMPARE(verifyRequest(h, secret, "POST", "/v1/push?x", body, now), SignatureCheck::BadSignature);
        QCOMPARE(verifyRequest(h, QByteArray(32, 'k'), "POST", "/v1/push", body, now),
                 SignatureCheck::BadSignature);
        SignedHeaders nonce = h;
        nonce.nonce[0] = nonce.nonce[0] == 'a' ? 'b' : 'a';
        QCOMPARE(verifyRequest(nonce, secret, "POST", "/v1/push", body, now), SignatureCheck::BadSignature);
        SignedHeaders time = h;
        time.timestamp = QByteArray::number(now + 1);
        QCOMPARE(verifyRequest(time, secret, "POST", "/v1/push", body, now), SignatureCheck::BadSignature);
        SignedHeaders missing = h;
        missing.signature.clear();
        QCOMPARE(verifyRequest(missing, secret, "POST", "/v1/push", body, now), SignatureCheck::Unsigned);
        SignedHeaders garbage = h;
        garbage.timestamp = "soon";
        QCOMPARE(verifyRequest(garbage, secret, "POST", "/v1/push", body, now), SignatureCheck::Stale);
        // Fresh nonces every time: replay protection at the server relies on them.
        QVERIFY(signRequest(terminal, secret, "GET", "/", {}, now).nonce != h.nonce);
    }

    void hlcOrderAndText()
    {
        const Hlc a(1795000000000, 0, QStringLiteral("a"));
        const Hlc b(1795000000000, 1, QStringLiteral("a"));
        const Hlc c(1795000000000, 1, QStringLiteral("b"));
        QVERIFY(a < b && b < c);
        QCOMPARE(Hlc::parse(c.toString()), c);
        QCOMPARE(c.toString(), QStringLiteral("1795000000000-0001-b"));
        // Text order is time order (fixed width).
        QVERIFY(a.toString() < b.toString() && b.toString() < c.toString());
        QVERIFY(Hlc::parse(QStringLiteral("garbage")).isNull());
        QVERIFY(Hlc::parse(QStringLiteral("1795000000000x0001-b")).isNull());
    }

    void hlcWithSkewedClocks()
    {
        // A till whose clock is behind another's (within the bound) still orders its edits after what it
        // has seen.
        const qint64 realNow = 1795000000000;
        const qint64 slowWall = realNow - 3 * 60'000;
        const Hlc fast = Hlc::next({}, realNow, QStringLiteral("fast"));
        Hlc slow = Hlc::next({}, slowWall, QStringLiteral("slow"));
        QVERIFY(slow < fast);
        slow = Hlc::observe(slow, fast, slowWall + 10, QStringLiteral("slow"));
        QVERIFY(fast < slow);
        const Hlc next = Hlc::next(slow, slowWall + 20, QStringLiteral("slow"));
        QVERIFY(slow < next);
        QCOMPARE(next.ms(), fast.ms());
        // Same millisecond: the counter moves; when it is exhausted, the millisecond does.
        Hlc h(realNow, 9999, QStringLiteral("t"));
        const Hlc after = Hlc::next(h, realNow, QStringLiteral("t"));
        QVERIFY(h < after);
        QCOMPARE(after.ms(), realNow + 1);
        QCOMPARE(after.counter(), 0);
    }

    void hlcDoesNotAdoptStampsFarAhead()
    {
        const qint64 wall = 1795000000000;
        const Hlc last(wall - 1000, 3, QStringLiteral("t"));
        // Exactly at the bound: adopted.
        const Hlc atBound(wall + Hlc::MaxAheadMs, 7, QStringLiteral("r"));
        QVERIFY(!atBound.isAheadOf(wall));
        const Hlc adopted = Hlc::observe(last, atBound, wall, QStringLiteral("t"));
        QVERIFY(atBound < adopted);
        QCOMPARE(adopted.ms(), atBound.ms());
        QCOMPARE(adopted.counter(), 8);
        // One millisecond further: the clock ticks on its own wall time and ignores the stamp.
        const Hlc beyond(wall + Hlc::MaxAheadMs + 1, 0, QStringLiteral("r"));
        QVERIFY(beyond.isAheadOf(wall));
        QCOMPARE(Hlc::observe(last, beyond, wall, QStringLiteral("t")), Hlc(wall, 0, QStringLiteral("t")));
        // The year-2286 stamp of issue 10: not adopted, and the clock stays 13 digits.
        const Hlc poisoned = Hlc::parse(QStringLiteral("9999999999999-9998-r"));
        QVERIFY(poisoned.isAheadOf(wall));
        const Hlc seen = Hlc::observe(last, poisoned, wall, QStringLiteral("t"));
        QCOMPARE(seen, Hlc(wall, 0, QStringLiteral("t")));
        // A clock already ahead of the wall (within the bound) does not go back for a refused stamp.
        const Hlc ahead(wall + 60'000, 5, QStringLiteral("t"));
        QCOMPARE(Hlc::observe(ahead, poisoned, wall, QStringLiteral("t")),
                 Hlc(wall + 60'000, 6, QStringLiteral("t")));
    }

    void hlcSaturates()
    {
        const QString t = QStringLiteral("t");
        // The counter overflows into the next millisecond ...
        QCOMPARE(Hlc::next(Hlc(Hlc::MaxMs - 1, Hlc::MaxCounter, t), 0, t), Hlc(Hlc::MaxMs, 0, t));
        QCOMPARE(Hlc::next(Hlc(Hlc::MaxMs, 41, t), 0, t), Hlc(Hlc::MaxMs, 42, t));
        // ... and at the last millisecond and counter the clock stays: never 14 digits or 5.
        const Hlc top(Hlc::MaxMs, Hlc::MaxCounter, t);
        const Hlc stuck = Hlc::next(top, 0, t);
        QCOMPARE(stuck, top);
        QCOMPARE(stuck.toString(), QStringLiteral("9999999999999-9999-t"));
        QCOMPARE(Hlc::parse(stuck.toString()), stuck);
        // A wall clock beyond the text's range is taken as its last millisecond.
        QCOMPARE(Hlc::next({}, Hlc::MaxMs + 5, t), Hlc(Hlc::MaxMs, 0, t));
        QCOMPARE(Hlc::next(Hlc(Hlc::MaxMs + 7, 0, t), 0, t), Hlc(Hlc::MaxMs, 1, t));
        // Observing at the top (a wall clock near the end of the range): saturated, still parseable.
        const Hlc seen =
            Hlc::observe(Hlc(Hlc::MaxMs - 5, 0, t), Hlc(Hlc::MaxMs, Hlc::MaxCounter, QStringLiteral("r")),
                         Hlc::MaxMs - 5, t);
        QCOMPARE(seen, Hlc(Hlc::MaxMs, Hlc::MaxCounter, t));
        QCOMPARE(seen.toString().size(), 20);
        // A negative wall time (a broken clock) gives a stamp that parses.
        QCOMPARE(Hlc::next({}, -5, t).toString(), QStringLiteral("0000000000000-0001-t"));
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
