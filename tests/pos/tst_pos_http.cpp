// The POS link's HTTP/1.1 parser: what a POS sends, split or pipelined, and what it must refuse.

#include "core/ReceiptQr.h"
#include "pos/HttpMessage.h"

#include <QTest>

using namespace counterpart::pos;

class TestPosHttp : public QObject
{
    Q_OBJECT

private slots:
    void readsARequestInPieces();
    void readsPipelinedRequests();
    void refusesWhatItCannotRead_data();
    void refusesWhatItCannotRead();
    void writesAnAnswer();
    void receiptQrKeepsItsFields();
};

void TestPosHttp::readsARequestInPieces()
{
    HttpRequestParser parser;
    const QByteArray whole =
        "POST /v1/pos/sales?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8765\r\n"
        "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"a\":\"b c\"}\r\n";
    QByteArray buffer;
    for (qsizetype i = 0; i < whole.size() - 1; ++i) {
        buffer.append(whole[i]);
        QCOMPARE(parser.feed(buffer), HttpRequestParser::State::NeedMore);
    }
    buffer.append(whole.back());
    QCOMPARE(parser.feed(buffer), HttpRequestParser::State::Done);
    const HttpRequest r = parser.take();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path(), QByteArray("/v1/pos/sales"));
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QCOMPARE(r.header("host"), QByteArray("127.0.0.1:8765"));
    QCOMPARE(r.body, QByteArray("{\"a\":\"b c\"}\r\n"));
    QVERIFY(r.keepAlive);
    QVERIFY(buffer.isEmpty());
}

void TestPosHttp::readsPipelinedRequests()
{
    HttpRequestParser parser;
    QByteArray buffer = "GET /v1/pos/status HTTP/1.1\r\nHost: a\r\n\r\n"
                        "POST /v1/pos/identify HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                        "GET /";
    QCOMPARE(parser.feed(buffer), HttpRequestParser::State::Done);
    QCOMPARE(parser.take().path(), QByteArray("/v1/pos/status"));
    QCOMPARE(parser.feed(buffer), HttpRequestParser::State::Done);
    const HttpRequest second = parser.take();
    QCOMPARE(second.body, QByteArray("{}"));
    QVERIFY(!second.keepAlive);
    QCOMPARE(parser.feed(buffer), HttpRequestParser::State::NeedMore);
    QCOMPARE(buffer, QByteArray("GET /"));
}

void TestPosHttp::refusesWhatItCannotRead_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n") << 501;
    QTest::newRow("body too large") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n")
                                    << 413;
    QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("two lengths") << QByteArray(
                                        "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                 << 400;
    QTest::newRow("HTTP/2") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("no path") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\r\nA: b\nC: d\r\n\r\n") << 400;
    QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 400;
    QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\nnothing\r\n\r\n") << 400;
    QTest::newRow("header too large")
        << (QByteArray("GET / HTTP/1.1\r\nA: ") + QByteArray(20000, 'x')) << 431;
}

void TestPosHttp::refusesWhatItCannotRead()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    HttpRequestParser parser;
    QCOMPARE(parser.feed(bytes), HttpRequestParser::State::Failed);
    QCOMPARE(parser.failureStatus(), status);
    QVERIFY(!parser.failureText().isEmpty());
    // Once failed, it stays failed: the connection is answered and closed.
    QByteArray more = "GET / HTTP/1.1\r\n\r\n";
    QCOMPARE(parser.feed(more), HttpRequestParser::State::Failed);
}

void TestPosHttp::writesAnAnswer()
{
    HttpResponse r{409, "{\"error\":\"conflict\"}", {{"X-Replayed", "true"}}};
    const QByteArray bytes = r.serialize(false);
    QVERIFY(bytes.startsWith("HTTP/1.1 409 Conflict\r\n"));
    QVERIFY(bytes.contains("Content-Length: 20\r\n"));
    QVERIFY(bytes.contains("Connection: close\r\n"));
    QVERIFY(bytes.contains("X-Replayed: true\r\n"));
    QVERIFY(bytes.endsWith("\r\n\r\n{\"error\":\"conflict\"}"));
}

// A receipt number with the separator, a slash and Chinese in it comes back as it was; any change to
// any field breaks the signature.
void TestPosHttp::receiptQrKeepsItsFields()
{
    using counterpart::ReceiptQr;
    ReceiptQr qr;
    qr.keyId = 3;
    qr.store = QStringLiteral("S:01");
    qr.receipt = QStringLiteral("A:B/1 号");
    qr.totalMinor = 15800;
    qr.eligibleMinor = 12800;
    qr.atSecs = 1796680544;
    const QByteArray key(32, 'k');
    const QString text = qr.sign(key);
    QVERIFY(ReceiptQr::looksLike(text));
    QVERIFY(ReceiptQr::verify(text, key));
    QVERIFY(!ReceiptQr::verify(text, QByteArray(32, 'j')));
    auto back = ReceiptQr::parse(text);
    QVERIFY(back);
    QCOMPARE(back->keyId, 3);
    QCOMPARE(back->store, qr.store);
    QCOMPARE(back->receipt, qr.receipt);
    QCOMPARE(back->totalMinor, 15800);
    QCOMPARE(back->eligibleMinor, 12800);
    QCOMPARE(back->atSecs, 1796680544);
    for (qsizetype i = 5; i < text.lastIndexOf(QLatin1Char(':')); ++i) {
        QString changed = text;
        changed[i] = changed[i] == QLatin1Char('1') ? QLatin1Char('2') : QLatin1Char('1');
        if (changed != text)
            QVERIFY2(!ReceiptQr::verify(changed, key), qPrintable(changed));
    }
    QVERIFY(!ReceiptQr::parse(QStringLiteral("CPR1:0:S:R:100:200:1:sig"))); // eligible above total
    QVERIFY(!ReceiptQr::parse(QStringLiteral("CP1:123456789012")));
}

QTEST_GUILESS_MAIN(TestPosHttp)
#include "tst_pos_http.moc"
