// The POS link on a real till (SQLite file on disk) over a real loopback socket: a sale earns once
// however often it is sent, held points are spent for everyone else until captured or released, a
// return is done once per document, and every refusal is a plain answer that changes nothing.

#include "app/PosLink.h"
#include "app/TillContext.h"
#include "core/ReceiptQr.h"
#include "pos/PosServer.h"
#include "storage/KeyRing.h"
#include "tests/pos/PosClient.h"
#include "tests/support/TillFixture.h"

#include <QJsonArray>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

namespace {

const QString Phone = QStringLiteral("13812345678");

QJsonObject line(const char *sku, const char *category, qint64 amountMinor)
{
    return {{QStringLiteral("sku"), QLatin1String(sku)},
            {QStringLiteral("category"), QLatin1String(category)},
            {QStringLiteral("amountMinor"), amountMinor}};
}

QJsonObject sale(const QString &receipt, QJsonArray lines)
{
    return {{QStringLiteral("member"), Phone},
            {QStringLiteral("receipt"), receipt},
            {QStringLiteral("lines"), lines}};
}

} // namespace

class TestPosApi : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void identifiesAndQuotes();
    void aSaleEarnsOnceHoweverOftenItIsSent();
    void heldPointsAreSpentForEveryoneElse();
    void aHoldRunsOut();
    void aReturnIsDoneOncePerDocument();
    void tokensAreCheckedAndRevoked();
    void refusesWhatItCannotTake();
    void actsForACashierOfThisTill();
    void worksOffline();
    void theReceiptSummary();
    void theReceiptQr();
    void anErasureForgetsWhatThePosSent();
    void aNetworkAddressOnlyWithTls();

private:
    qint64 balance();

    std::unique_ptr<TillFixture> m_fx;
    std::unique_ptr<pos::PosServer> m_server;
    std::unique_ptr<PosTestClient> m_pos;
    QByteArray m_token;
    QList<pos::PosEvent> m_events;
};

void TestPosApi::init()
{
    quietInfoLogs();
    TillFixtureOptions options;
    options.staff = counterStaff();
    options.signedIn = QStringLiteral("c1");
    m_fx = std::make_unique<TillFixture>(options);
    CP_VERIFY_OK(m_fx->open());
    m_fx->join(Phone, QStringLiteral("Wang Li"));
    m_fx->actAsSystem();
    auto token = PosLink(*m_fx->till).addClient(QStringLiteral("Counter 1"));
    CP_VERIFY_OK(token);
    m_token = token->toLatin1();
    CP_VERIFY_OK(m_fx->signIn(QStringLiteral("c1"), QStringLiteral("1357")));
    pos::PosServerOptions serve;
    serve.port = 0;
    m_server = std::make_unique<pos::PosServer>(*m_fx->till, serve);
    auto port = m_server->listen();
    CP_VERIFY_OK(port);
    connect(m_server.get(), &pos::PosServer::event, this,
            [this](const pos::PosEvent &e) { m_events.append(e); });
    m_pos = std::make_unique<PosTestClient>(port.value(), m_token);
    m_events.clear();
}

void TestPosApi::cleanup()
{
    m_pos.reset();
    m_server.reset();
    m_fx.reset();
}

// A POS on the shop's network reaches the till over TLS only: no certificate, no listening; a POS that
// trusts the till's certificate is served; one that does not, or that speaks plain HTTP, gets nothing.
void TestPosApi::aNetworkAddressOnlyWithTls()
{
    pos::PosServerOptions lan;
    lan.host = QStringLiteral("0.0.0.0"); // every address of the machine: not loopback
    lan.port = 0;
    pos::PosServer bare(*m_fx->till, lan);
    auto refused = bare.listen();
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(QStringLiteral("only with TLS")));
    QTemporaryDir dir;
    lan.certFile = dir.filePath(QStringLiteral("till.pem"));
    lan.keyFile = dir.filePath(QStringLiteral("till.key"));
    pos::PosServer missing(*m_fx->till, lan);
    QVERIFY(!missing.listen());

    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                   QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=till.local"),
                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:till.local"),
                   QStringLiteral("-keyout"), lan.keyFile, QStringLiteral("-out"), lan.certFile});
    QVERIFY(openssl.waitForFinished(60'000));
    QCOMPARE(openssl.exitCode(), 0);
    pos::PosServer tls(*m_fx->till, lan);
    auto port = tls.listen();
    CP_VERIFY_OK(port);

    PosTestClient trusting(port.value(), m_token);
    trusting.useTls(QSslCertificate::fromPath(lan.certFile), QStringLiteral("till.local"));
    const PosReply served = trusting.get("/v1/pos/status");
    QCOMPARE(served.status, 200);
    PosTestClient wary(port.value(), m_token);
    wary.useTls({}, QStringLiteral("till.local"));
    QCOMPARE(wary.get("/v1/pos/status").status, 0);
    PosTestClient plain(port.value(), m_token);
    QCOMPARE(plain.get("/v1/pos/status").status, 0);
}

qint64 TestPosApi::balance()
{
    return scalar(m_fx->db(), QStringLiteral("SELECT balance FROM members"));
}

void TestPosApi::identifiesAndQuotes()
{
    PosReply r = m_pos->post("/v1/pos/identify", {{QStringLiteral("query"), Phone}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("match")).toString(), QStringLiteral("member"));
    const QJsonObject member = r.json().value(QStringLiteral("members")).toArray().first().toObject();
    QCOMPARE(member.value(QStringLiteral("name")).toString(), QStringLiteral("Wang Li"));
    QVERIFY2(!member.value(QStringLiteral("phone")).toString().contains(QStringLiteral("1234")),
             "the phone number is masked");
    QCOMPARE(m_events.size(), 1);
    QVERIFY(!m_events.first().member.isNull());

    r = m_pos->post("/v1/pos/identify", {{QStringLiteral("query"), QStringLiteral("13900000000")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("match")).toString(), QStringLiteral("none"));

    // Tobacco is in the default rules' excluded categories: it counts in the total, not in what earns.
    const qint64 before = balance();
    r = m_pos->post("/v1/pos/quote",
                    sale(QStringLiteral("R-1"), {line("A1", "food", 12800), line("T9", "Tobacco", 3000)}));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QStringLiteral("totalMinor")).toInteger(), 15800);
    QCOMPARE(r.json().value(QStringLiteral("excludedMinor")).toInteger(), 3000);
    QCOMPARE(r.json().value(QStringLiteral("eligibleMinor")).toInteger(), 12800);
    QCOMPARE(r.json().value(QStringLiteral("excludedSkus")).toArray(), QJsonArray{QStringLiteral("T9")});
    QVERIFY(r.json().value(QStringLiteral("points")).toInteger() > 0);
    QCOMPARE(balance(), before);
    QCOMPARE(count(m_fx->db(), "purchases"), 0);
}

void TestPosApi::aSaleEarnsOnceHoweverOftenItIsSent()
{
    const qint64 before = balance();
    const QJsonObject body =
        sale(QStringLiteral("R-1"), {line("A1", "food", 12800), line("T9", "tobacco", 3000)});
    const PosReply first = m_pos->post("/v1/pos/sales", body);
    QCOMPARE(first.status, 201);
    const qint64 points = first.json().value(QStringLiteral("points")).toInteger();
    QVERIFY(points > 0);
    QCOMPARE(balance(), before + points);
    QCOMPARE(
        first.json().value(QStringLiteral("member")).toObject().value(QStringLiteral("balance")).toInteger(),
        before + points);
    const qint64 outbox = count(m_fx->db(), "outbox");
    const qint64 ledger = count(m_fx->db(), "ledger");

    // The answer was lost and the POS sends it again, fields in another order: the same answer, nothing new.
    QJsonObject reordered;
    for (auto it = body.constEnd(); it != body.constBegin();) {
        --it;
        reordered.insert(it.key(), it.value());
    }
    const PosReply again = m_pos->post("/v1/pos/sales", reordered);
    QCOMPARE(again.status, 200);
    QVERIFY(again.hasHeader("X-Replayed: true"));
    QCOMPARE(again.body, first.body);
    QCOMPARE(balance(), before + points);
    QCOMPARE(count(m_fx->db(), "outbox"), outbox);
    QCOMPARE(count(m_fx->db(), "ledger"), ledger);
    QCOMPARE(count(m_fx->db(), "purchases"), 1);

    // The same receipt with other lines is refused, not earned twice.
    const PosReply other =
        m_pos->post("/v1/pos/sales", sale(QStringLiteral("R-1"), {line("A1", "food", 99900)}));
    QCOMPARE(other.status, 409);
    QVERIFY2(other.message().contains(QStringLiteral("other content")), qPrintable(other.message()));
    QCOMPARE(balance(), before + points);

    // One transaction wrote the purchase, the ledger, the outbox operation and the audit rows.
    QCOMPARE(count(m_fx->db(), "audit", "action = 'points.earn' AND actor = 'c1'"), 1);
    QCOMPARE(count(m_fx->db(), "audit", "action = 'pos.request'"), 1);
    QCOMPARE(count(m_fx->db(), "outbox", "kind = 'earn'"), 1);
    QString why;
    QVERIFY2(balancesMatchLedger(m_fx->db(), &why), qPrintable(why));
    QVERIFY(std::any_of(m_events.begin(), m_events.end(), [](const pos::PosEvent &e) { return e.changed; }));
}

void TestPosApi::heldPointsAreSpentForEveryoneElse()
{
    QCOMPARE(m_pos->post("/v1/pos/sales", sale(QStringLiteral("R-1"), {line("A1", "food", 50000)})).status,
             201);
    const qint64 start = balance();
    QVERIFY(start >= 300);
    const QJsonObject holdBody{{QStringLiteral("member"), Phone},
                               {QStringLiteral("receipt"), QStringLiteral("R-2")},
                               {QStringLiteral("discountPoints"), 100}};
    const PosReply held = m_pos->post("/v1/pos/holds", holdBody);
    QCOMPARE(held.status, 201);
    const QString hold = held.json().value(QStringLiteral("hold")).toString();
    QCOMPARE(held.json().value(QStringLiteral("availablePoints")).toInteger(), start - 100);
    QCOMPARE(balance(), start); // held, not spent

    // The cashier at the till cannot spend what the POS holds.
    RedeemRequest all;
    all.member = Phone;
    all.discountPoints = start / 100 * 100; // points come off in steps of 100
    auto refused = m_fx->till->redeem(all);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("held")), qPrintable(refused.error().message));

    const PosReply spent = m_pos->post("/v1/pos/holds/" + hold.toLatin1() + "/capture", {});
    QCOMPARE(spent.status, 200);
    QCOMPARE(spent.json().value(QStringLiteral("points")).toInteger(), 100);
    QCOMPARE(balance(), start - 100);
    QCOMPARE(count(m_fx->db(), "outbox", "kind = 'redeem'"), 1);
    QCOMPARE(count(m_fx->db(), "ledger", "kind = 'redeem' AND receipt = 'R-2'"), 1);

    const PosReply twice = m_pos->post("/v1/pos/holds/" + hold.toLatin1() + "/capture", {});
    QCOMPARE(twice.status, 200);
    QVERIFY(twice.hasHeader("X-Replayed: true"));
    QCOMPARE(balance(), start - 100);
    QCOMPARE(m_pos->post("/v1/pos/holds/" + hold.toLatin1() + "/release", {}).status, 409);

    // A hold released gives its points back to everyone at once.
    const QString second =
        m_pos->post("/v1/pos/holds", holdBody).json().value(QStringLiteral("hold")).toString();
    QVERIFY(!second.isEmpty());
    QCOMPARE(m_pos->post("/v1/pos/holds/" + second.toLatin1() + "/release", {}).status, 200);
    QCOMPARE(m_pos->post("/v1/pos/holds/" + second.toLatin1() + "/release", {}).status, 200);
    QCOMPARE(m_pos->post("/v1/pos/holds/" + second.toLatin1() + "/capture", {}).status, 409);
    all.discountPoints = balance() / 100 * 100;
    CP_VERIFY_OK(m_fx->till->redeem(all));
    QVERIFY(balance() < 100);

    // More than the balance is refused at once; an unknown hold is not found.
    QCOMPARE(m_pos->post("/v1/pos/holds", holdBody).status, 422);
    QCOMPARE(m_pos->post("/v1/pos/holds/nothing/capture", {}).status, 404);
}

void TestPosApi::aHoldRunsOut()
{
    QCOMPARE(m_pos->post("/v1/pos/sales", sale(QStringLiteral("R-1"), {line("A1", "food", 50000)})).status,
             201);
    const qint64 start = balance();
    const PosReply held = m_pos->post("/v1/pos/holds", {{QStringLiteral("member"), Phone},
                                                        {QStringLiteral("receipt"), QStringLiteral("R-2")},
                                                        {QStringLiteral("discountPoints"), start / 100 * 100},
                                                        {QStringLiteral("minutes"), 5}});
    QCOMPARE(held.status, 201);
    m_fx->clock.advanceMs(5 * 60'000 + 1);
    const PosReply late = m_pos->post(
        "/v1/pos/holds/" + held.json().value(QStringLiteral("hold")).toString().toLatin1() + "/capture", {});
    QCOMPARE(late.status, 422);
    QVERIFY2(late.message().contains(QStringLiteral("ran out")), qPrintable(late.message()));
    QCOMPARE(balance(), start);
    // Its points are free again.
    RedeemRequest all;
    all.member = Phone;
    all.discountPoints = start / 100 * 100;
    CP_VERIFY_OK(m_fx->till->redeem(all));
}

void TestPosApi::aReturnIsDoneOncePerDocument()
{
    const PosReply sold = m_pos->post(
        "/v1/pos/sales", sale(QStringLiteral("R-1"), {line("A1", "food", 20000), line("B2", "food", 20000)}));
    QCOMPARE(sold.status, 201);
    const qint64 afterSale = balance();
    const QJsonObject back{{QStringLiteral("receipt"), QStringLiteral("R-1")},
                           {QStringLiteral("refundId"), QStringLiteral("RT-1")},
                           {QStringLiteral("lines"), QJsonArray{line("B2", "food", 20000)}}};
    const PosReply r = m_pos->post("/v1/pos/refunds", back);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().value(QStringLiteral("refundedMinor")).toInteger(), 20000);
    const qint64 reversed = r.json().value(QStringLiteral("pointsReversed")).toInteger();
    QVERIFY(reversed > 0);
    QCOMPARE(balance(), afterSale - reversed);

    const PosReply again = m_pos->post("/v1/pos/refunds", back);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.body, r.body);
    QCOMPARE(balance(), afterSale - reversed);
    QCOMPARE(count(m_fx->db(), "outbox", "kind = 'refund'"), 1);

    QJsonObject changed = back;
    changed.insert(QStringLiteral("lines"), QJsonArray{line("B2", "food", 10000)});
    QCOMPARE(m_pos->post("/v1/pos/refunds", changed).status, 409);

    // Above the cashier's refund limit (500.00), a manager's PIN comes with the request.
    QCOMPARE(
        m_pos->post("/v1/pos/sales", sale(QStringLiteral("R-9"), {line("TV", "electronics", 90000)})).status,
        201);
    QJsonObject big{{QStringLiteral("receipt"), QStringLiteral("R-9")},
                    {QStringLiteral("refundId"), QStringLiteral("RT-9")}};
    const PosReply denied = m_pos->post("/v1/pos/refunds", big);
    QCOMPARE(denied.status, 403);
    QVERIFY2(denied.message().contains(QStringLiteral("manager")), qPrintable(denied.message()));
    big.insert(QStringLiteral("approval"), QJsonObject{{QStringLiteral("managerId"), QStringLiteral("m1")},
                                                       {QStringLiteral("pin"), QStringLiteral("2468")}});
    QCOMPARE(m_pos->post("/v1/pos/refunds", big).status, 201);
    QCOMPARE(m_pos
                 ->post("/v1/pos/refunds", {{QStringLiteral("receipt"), QStringLiteral("R-404")},
                                            {QStringLiteral("refundId"), QStringLiteral("RT-2")}})
                 .status,
             404);
    QString why;
    QVERIFY2(balancesMatchLedger(m_fx->db(), &why), qPrintable(why));
}

void TestPosApi::tokensAreCheckedAndRevoked()
{
    QCOMPARE(m_pos->get("/v1/pos/status").status, 200);
    m_pos->setToken("cpp_not-a-token");
    PosReply r = m_pos->get("/v1/pos/status");
    QCOMPARE(r.status, 401);
    QVERIFY(r.hasHeader("WWW-Authenticate: Bearer"));
    m_pos->setToken({});
    QCOMPARE(m_pos->get("/v1/pos/status").status, 401);

    m_pos->setToken(m_token);
    QVERIFY(!PosLink(*m_fx->till).revokeClient(QStringLiteral("Counter 1"))); // a cashier cannot
    m_fx->actAsSystem();
    CP_VERIFY_OK(PosLink(*m_fx->till).revokeClient(QStringLiteral("Counter 1")));
    r = m_pos->get("/v1/pos/status");
    QCOMPARE(r.status, 401);
    QVERIFY2(r.message().contains(QStringLiteral("disconnected")), qPrintable(r.message()));
    // Only a hash of the token is kept.
    QCOMPARE(count(m_fx->db(), "pos_clients", "instr(CAST(token_hash AS TEXT), 'cpp_') > 0"), 0);
    QCOMPARE(count(m_fx->db(), "audit", "action IN ('pos.connect', 'pos.revoke')"), 2);
}

void TestPosApi::refusesWhatItCannotTake()
{
    const qint64 before = balance();
    PosReply r = m_pos->post("/v1/pos/sales", {{QStringLiteral("member"), Phone},
                                               {QStringLiteral("receipt"), QStringLiteral("R-1")},
                                               {QStringLiteral("amount"), 100}});
    QCOMPARE(r.status, 400);
    QVERIFY2(r.message().contains(QStringLiteral("lines")), qPrintable(r.message()));
    r = m_pos->post("/v1/pos/sales", sale(QStringLiteral("R-1"), {line("A1", "food", -5)}));
    QCOMPARE(r.status, 400);
    r = m_pos->post("/v1/pos/sales", sale(QStringLiteral("R-1"), {QJsonObject{{QStringLiteral("sku"), 3}}}));
    QCOMPARE(r.status, 400);
    r = m_pos->send(m_pos->request("POST", "/v1/pos/sales", "{not json"));
    QCOMPARE(r.status, 400);
    r = m_pos->send(m_pos->request("GET", "/v1/pos/status", {}, "evil.example:80"));
    QCOMPARE(r.status, 421);
    r = m_pos->send(m_pos->request("DELETE", "/v1/pos/status", {}));
    QCOMPARE(r.status, 405);
    QCOMPARE(m_pos->get("/v1/pos/nothing").status, 404);
    QCOMPARE(m_pos->get("/elsewhere").status, 404);
    r = m_pos->send("POST /v1/pos/sales HTTP/1.1\r\nContent-Type: text/plain\r\nHost: 127.0.0.1\r\n"
                    "Authorization: Bearer " +
                    m_token + "\r\nContent-Length: 2\r\n\r\n{}");
    QVERIFY(r.status == 415 || r.status == 421);
    r = m_pos->send("POST /v1/pos/sales HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n");
    QCOMPARE(r.status, 413);
    QVERIFY(r.closed);
    QCOMPARE(balance(), before);
    QCOMPARE(count(m_fx->db(), "purchases"), 0);
    // The connection after a refusal still serves.
    QCOMPARE(m_pos->get("/v1/pos/status").status, 200);
}

void TestPosApi::actsForACashierOfThisTill()
{
    QJsonObject body = sale(QStringLiteral("R-1"), {line("A1", "food", 1000)});
    body.insert(QStringLiteral("cashier"), QStringLiteral("nobody"));
    PosReply r = m_pos->post("/v1/pos/sales", body);
    QCOMPARE(r.status, 403);
    m_fx->actAsSystem(); // nobody signed in at the till
    body.remove(QStringLiteral("cashier"));
    r = m_pos->post("/v1/pos/sales", body);
    QCOMPARE(r.status, 422);
    QVERIFY2(r.message().contains(QStringLiteral("signed in")), qPrintable(r.message()));
    // A manager's id gives a cashier's rights only.
    body.insert(QStringLiteral("cashier"), QStringLiteral("m1"));
    QCOMPARE(m_pos->post("/v1/pos/sales", body).status, 201);
    QCOMPARE(count(m_fx->db(), "audit", "action = 'points.earn' AND actor = 'm1' AND role = 'cashier'"), 1);
    QCOMPARE(m_fx->till->currentOperator().role, Role::System); // the till's own operator is unchanged
}

void TestPosApi::worksOffline()
{
    m_fx->till->setOffline(true);
    QCOMPARE(m_pos->post("/v1/pos/sales", sale(QStringLiteral("R-1"), {line("A1", "food", 10000)})).status,
             201);
    QCOMPARE(count(m_fx->db(), "outbox", "kind = 'earn'"), 1);
    QCOMPARE(m_pos->get("/v1/pos/status").json().value(QStringLiteral("online")).toBool(), false);
}

void TestPosApi::theReceiptSummary()
{
    QCOMPARE(m_pos->post("/v1/pos/sales", sale(QStringLiteral("R-1"), {line("A1", "food", 10000)})).status,
             201);
    const PosReply r = m_pos->get("/v1/pos/members/%2B86" + Phone.toLatin1() + "/summary");
    QCOMPARE(r.status, 200);
    const QJsonObject s = r.json();
    QCOMPARE(s.value(QStringLiteral("member")).toObject().value(QStringLiteral("balance")).toInteger(),
             balance());
    QVERIFY(s.value(QStringLiteral("qr")).toString().startsWith(QStringLiteral("CP1:")));
    QCOMPARE(s.value(QStringLiteral("worthMinor")).toInteger(),
             balance() * m_fx->till->rules().redemption.pointValueMinor);
    QCOMPARE(m_pos->get("/v1/pos/members/13900000000/summary").status, 404);

    // The slip for the POS's own printer: ESC/POS bytes, 58 mm by default; PDF only where a window runs.
    PosReply slip = m_pos->get("/v1/pos/members/" + Phone.toLatin1() + "/slip?receipt=R-1&paper=80");
    QCOMPARE(slip.status, 200);
    QVERIFY(slip.hasHeader("Content-Type: application/octet-stream"));
    QVERIFY(slip.body.startsWith("\x1b@"));
    QVERIFY(slip.body.contains("R-1"));
    QCOMPARE(m_pos->get("/v1/pos/members/" + Phone.toLatin1() + "/slip?format=pdf").status, 422);
    QCOMPARE(m_pos->get("/v1/pos/members/" + Phone.toLatin1() + "/slip?format=png").status, 400);
}

// The POS prints a signed code on every receipt; the till reads back exactly what it signed, and refuses
// a code altered, forged, from another store, too old or already earned.
void TestPosApi::theReceiptQr()
{
    QJsonObject body{
        {QStringLiteral("receipt"), QStringLiteral("R-5")},
        {QStringLiteral("lines"), QJsonArray{line("A1", "food", 12800), line("T9", "tobacco", 3000)}}};
    const PosReply r = m_pos->post("/v1/pos/receipts", body);
    QCOMPARE(r.status, 201);
    const QString qr = r.json().value(QStringLiteral("qr")).toString();
    QVERIFY2(qr.startsWith(QStringLiteral("CPR1:0:S001:R-5:15800:12800:")), qPrintable(qr));

    auto claim = m_fx->till->readReceiptQr(qr);
    CP_VERIFY_OK(claim);
    QCOMPARE(claim->receipt, QStringLiteral("R-5"));
    QCOMPARE(claim->totalMinor, 15800);
    QCOMPARE(claim->excludedMinor, 3000);

    auto refusedWith = [&](const QString &text, const char *words) {
        auto read = m_fx->till->readReceiptQr(text);
        QVERIFY(!read);
        QVERIFY2(read.error().message.contains(QLatin1String(words)), qPrintable(read.error().message));
    };
    refusedWith(QString(qr).replace(QStringLiteral(":15800:"), QStringLiteral(":95800:")), "altered");
    refusedWith(qr.left(qr.size() - 3) + QStringLiteral("AAA"), "altered");
    refusedWith(QStringLiteral("CPR1:0:S001:R-5:15800"), "not a receipt code");
    refusedWith(QStringLiteral("CPR1:7:S001:R-5:15800:12800:1:x"), "does not hold");
    // Signed with this chain's key for another store: genuine, but it earns at that store.
    ReceiptQr other;
    other.store = QStringLiteral("S002");
    other.receipt = QStringLiteral("R-5");
    other.totalMinor = 1000;
    other.eligibleMinor = 1000;
    other.atSecs = m_fx->clock.nowMs() / 1000;
    // (a till holds its own key; a till of a chain holds the chain's, from which every store's is made)
    auto sameKey = [&](const QString &store) {
        return m_fx->till->context().cipher().derive(0, ReceiptQr::keyLabel(store));
    };
    refusedWith(other.sign(sameKey(QStringLiteral("S002"))), "store S002");
    // A receipt from a till of another chain (another key).
    refusedWith(other.sign(QByteArray(32, 'k')).replace(QStringLiteral(":S002:"), QStringLiteral(":S001:")),
                "altered");

    // Earned once: the code then says so.
    CP_VERIFY_OK(
        m_fx->till->earn(EarnRequest{Phone, claim->totalMinor, claim->excludedMinor, claim->receipt}));
    refusedWith(qr, "already earned");
    // Too old.
    const QString older =
        m_pos
            ->post("/v1/pos/receipts", {{QStringLiteral("receipt"), QStringLiteral("R-6")},
                                        {QStringLiteral("lines"), QJsonArray{line("A1", "food", 100)}}})
            .json()
            .value(QStringLiteral("qr"))
            .toString();
    m_fx->clock.advanceDays(31);
    refusedWith(older, "older than 30 days");
}

// Erasing a member (their right) also erases what the till kept of the POS's calls about them: the
// answers kept for replays named them, and a hold keeps what found them.
void TestPosApi::anErasureForgetsWhatThePosSent()
{
    const QJsonObject body = sale(QStringLiteral("R-1"), {line("A1", "food", 50000)});
    QCOMPARE(m_pos->post("/v1/pos/sales", body).status, 201);
    QCOMPARE(m_pos
                 ->post("/v1/pos/holds", {{QStringLiteral("member"), Phone},
                                          {QStringLiteral("receipt"), QStringLiteral("R-2")},
                                          {QStringLiteral("discountPoints"), 100}})
                 .status,
             201);
    QCOMPARE(count(m_fx->db(), "pos_requests", "instr(CAST(response AS TEXT), 'Wang Li') > 0"), 1);
    auto member = m_fx->till->resolve(Phone);
    CP_VERIFY_OK(member);
    CP_VERIFY_OK(
        m_fx->till->eraseMember(member->id, ManagerApproval{QStringLiteral("m1"), QStringLiteral("2468")}));
    QCOMPARE(count(m_fx->db(), "pos_requests", "instr(CAST(response AS TEXT), 'Wang Li') > 0"), 0);
    QCOMPARE(count(m_fx->db(), "pos_holds"), 0);
    // The sale sent again is still not earned twice; the answer says what became of the member.
    const PosReply again = m_pos->post("/v1/pos/sales", body);
    QCOMPARE(again.status, 200);
    QVERIFY(again.json().value(QStringLiteral("erased")).toBool());
    QCOMPARE(count(m_fx->db(), "purchases"), 1);
}

QTEST_GUILESS_MAIN(TestPosApi)
#include "tst_pos_api.moc"
