// The sync wire codec: valid documents parse into the right values and round-trip; hostile ones are
// refused with a message naming the field.
#include "core/MemberCode.h"
#include "sync/protocol/Wire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace counterpart;
using namespace counterpart::sync;

namespace {

const QString Terminal = QStringLiteral("0193f5e4-7a1c-7d2e-8f00-0123456789ab");
const QString MemberId = QStringLiteral("0193f5e4-7a1c-7d2e-8f00-0000000000aa");

QString uuid(int n)
{
    return QStringLiteral("0193f5e4-7a1c-7d2e-8f00-%1").arg(n, 12, 10, QLatin1Char('0'));
}

QJsonObject envelope(const QString &op, int n)
{
    return {{QStringLiteral("opId"), uuid(n)},
            {QStringLiteral("op"), op},
            {QStringLiteral("hlc"), QString(QStringLiteral("1795000000000-0000-") + Terminal)},
            {QStringLiteral("at"), qint64(1795000000000)},
            {QStringLiteral("store"), QStringLiteral("S001")},
            {QStringLiteral("terminal"), Terminal},
            {QStringLiteral("operator"), QStringLiteral("c01")},
            {QStringLiteral("rulesVersion"), QStringLiteral("default-2026.1")}};
}

QJsonObject entry(int n, const QString &kind, qint64 points)
{
    return {{QStringLiteral("id"), uuid(n)},
            {QStringLiteral("kind"), kind},
            {QStringLiteral("points"), points},
            {QStringLiteral("at"), qint64(1795000000000)},
            {QStringLiteral("rulesVersion"), QStringLiteral("default-2026.1")}};
}

QJsonObject registerOp()
{
    QJsonObject op = envelope(QStringLiteral("member.register"), 1);
    op.insert(QStringLiteral("member"),
              QJsonObject{{QStringLiteral("id"), MemberId},
                          {QStringLiteral("code"), MemberCode::make(10042, 1).value().digits()},
                          {QStringLiteral("phone"), QStringLiteral("+8613800138000")},
                          {QStringLiteral("name"), QStringLiteral("Li Na")},
                          {QStringLiteral("gender"), QStringLiteral("female")},
                          {QStringLiteral("tier"), QStringLiteral("member")},
                          {QStringLiteral("channel"), QStringLiteral("till")},
                          {QStringLiteral("marketingConsent"), false},
                          {QStringLiteral("createdAt"), qint64(1795000000000)},
                          {QStringLiteral("birthMonth"), 3},
                          {QStringLiteral("birthDay"), 8},
                          {QStringLiteral("birthDateEnc"), QStringLiteral("AAEC")}});
    op.insert(QStringLiteral("entries"), QJsonArray{entry(100, QStringLiteral("welcome_gift"), 100)});
    return op;
}

QJsonObject earnOp()
{
    QJsonObject op = envelope(QStringLiteral("earn"), 2);
    op.insert(QStringLiteral("member"), MemberId);
    op.insert(QStringLiteral("purchase"), QJsonObject{{QStringLiteral("id"), uuid(200)},
                                                      {QStringLiteral("receipt"), QStringLiteral("R-1")},
                                                      {QStringLiteral("amountMinor"), 12800},
                                                      {QStringLiteral("eligibleMinor"), 12800},
                                                      {QStringLiteral("currency"), QStringLiteral("CNY")},
                                                      {QStringLiteral("at"), qint64(1795000000000)}});
    op.insert(QStringLiteral("entries"), QJsonArray{entry(101, QStringLiteral("earn"), 128)});
    return op;
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Sets `path` ("purchase.amountMinor") in a copy of `o` to `value` (undefined removes it).
QJsonObject with(QJsonObject o, const QString &path, const QJsonValue &value)
{
    const qsizetype dot = path.indexOf(QLatin1Char('.'));
    if (dot < 0) {
        if (value.isUndefined())
            o.remove(path);
        else
            o.insert(path, value);
        return o;
    }
    const QString head = path.left(dot);
    const QString rest = path.mid(dot + 1);
    if (o.value(head).isArray()) {
        QJsonArray a = o.value(head).toArray();
        const qsizetype dot2 = rest.indexOf(QLatin1Char('.'));
        const int index = rest.left(dot2).toInt();
        a[index] = with(a.at(index).toObject(), rest.mid(dot2 + 1), value);
        o.insert(head, a);
        return o;
    }
    o.insert(head, with(o.value(head).toObject(), rest, value));
    return o;
}

} // namespace

class TestWire : public QObject
{
    Q_OBJECT

private slots:
    void registerParses()
    {
        auto op = parseOp(registerOp());
        QVERIFY2(op.ok(), op.ok() ? "" : qPrintable(op.error().message));
        QCOMPARE(op->kind, OpKind::MemberRegister);
        QCOMPARE(op->member, MemberId);
        QVERIFY(op->profile.has_value());
        QCOMPARE(op->profile->phone, QStringLiteral("+8613800138000"));
        QCOMPARE(*op->profile->fields.name, QStringLiteral("Li Na"));
        QCOMPARE(*op->profile->fields.birthMonth, 3);
        QCOMPARE(op->entries.size(), 1);
        QCOMPARE(op->entries[0].points, 100);
    }

    void earnParses()
    {
        auto op = parseOp(earnOp());
        QVERIFY(op.ok());
        QCOMPARE(op->purchase->amountMinor, 12800);
        QCOMPARE(op->purchase->receipt, QStringLiteral("R-1"));
        QVERIFY(!op->tierChange);
    }

    void otherOpsParse()
    {
        QJsonObject redeem = envelope(QStringLiteral("redeem"), 3);
        redeem.insert(QStringLiteral("member"), MemberId);
        redeem.insert(QStringLiteral("points"), 50);
        redeem.insert(QStringLiteral("offline"), true);
        redeem.insert(QStringLiteral("entries"), QJsonArray{entry(102, QStringLiteral("redeem"), -50)});
        auto r = parseOp(redeem);
        QVERIFY(r.ok());
        QCOMPARE(r->redeemPoints, 50);
        QVERIFY(r->offline);

        QJsonObject update = envelope(QStringLiteral("member.update"), 4);
        update.insert(QStringLiteral("member"), MemberId);
        update.insert(QStringLiteral("fields"),
                      QJsonObject{{QStringLiteral("note"), QStringLiteral("likes tea")},
                                  {QStringLiteral("marketingConsent"), true}});
        auto u = parseOp(update);
        QVERIFY(u.ok());
        QCOMPARE(*u->fields->note, QStringLiteral("likes tea"));
        QVERIFY(!u->fields->name);

        QJsonObject tier = envelope(QStringLiteral("tier.change"), 5);
        tier.insert(QStringLiteral("member"), MemberId);
        tier.insert(QStringLiteral("tierChange"),
                    QJsonObject{{QStringLiteral("id"), uuid(300)},
                                {QStringLiteral("from"), QStringLiteral("gold")},
                                {QStringLiteral("to"), QStringLiteral("silver")},
                                {QStringLiteral("reason"), QStringLiteral("evaluation")}});
        auto t = parseOp(tier);
        QVERIFY(t.ok());
        QCOMPARE(t->tierChange->to, QStringLiteral("silver"));

        QJsonObject refund = envelope(QStringLiteral("refund"), 6);
        refund.insert(QStringLiteral("member"), MemberId);
        refund.insert(QStringLiteral("refund"), QJsonObject{{QStringLiteral("id"), uuid(400)},
                                                            {QStringLiteral("purchase"), uuid(200)},
                                                            {QStringLiteral("amountMinor"), 100},
                                                            {QStringLiteral("at"), qint64(1795000000000)}});
        refund.insert(QStringLiteral("entries"),
                      QJsonArray{entry(103, QStringLiteral("refund_reversal"), -1)});
        QVERIFY(parseOp(refund).ok());

        QJsonObject voidOp = envelope(QStringLiteral("void"), 7);
        voidOp.insert(QStringLiteral("member"), MemberId);
        voidOp.insert(QStringLiteral("purchase"), uuid(200));
        voidOp.insert(QStringLiteral("entries"), QJsonArray{entry(104, QStringLiteral("void"), -128)});
        auto v = parseOp(voidOp);
        QVERIFY(v.ok());
        QCOMPARE(v->voidedPurchase, uuid(200));
    }

    void hostileOps_data()
    {
        QTest::addColumn<QJsonObject>("op");
        QTest::addColumn<QString>("field");
        const QJsonObject reg = registerOp();
        const QJsonObject earn = earnOp();
        QTest::newRow("unknown op") << with(earn, QStringLiteral("op"), QStringLiteral("steal")) << "op.op";
        QTest::newRow("opId not uuid")
            << with(earn, QStringLiteral("opId"), QStringLiteral("1; DROP TABLE")) << "op.opId";
        QTest::newRow("member not uuid") << with(earn, QStringLiteral("member"), 42) << "op.member";
        QTest::newRow("negative amount")
            << with(earn, QStringLiteral("purchase.amountMinor"), -1) << "op.purchase.amountMinor";
        QTest::newRow("fractional amount")
            << with(earn, QStringLiteral("purchase.amountMinor"), 1.5) << "op.purchase.amountMinor";
        QTest::newRow("amount as string")
            << with(earn, QStringLiteral("purchase.amountMinor"), QStringLiteral("100"))
            << "op.purchase.amountMinor";
        QTest::newRow("huge amount") << with(earn, QStringLiteral("purchase.amountMinor"), 1e300)
                                     << "op.purchase.amountMinor";
        QTest::newRow("eligible > amount")
            << with(earn, QStringLiteral("purchase.eligibleMinor"), 99999) << "op.purchase.eligibleMinor";
        QTest::newRow("huge receipt")
            << with(earn, QStringLiteral("purchase.receipt"), QString(100000, QLatin1Char('x')))
            << "op.purchase.receipt";
        QTest::newRow("negative earn")
            << with(earn, QStringLiteral("entries.0.points"), -5) << "op.entries[0].points";
        QTest::newRow("server-only kind")
            << with(earn, QStringLiteral("entries.0.kind"), QStringLiteral("opening"))
            << "op.entries[0].kind";
        QTest::newRow("unknown kind")
            << with(earn, QStringLiteral("entries.0.kind"), QStringLiteral("bonus")) << "op.entries[0].kind";
        QTest::newRow("entry id") << with(earn, QStringLiteral("entries.0.id"), QStringLiteral("x"))
                                  << "op.entries[0].id";
        const QJsonObject close = with(earn, QStringLiteral("op"), QStringLiteral("member.close"));
        QTest::newRow("closing that earns") << close << "op.entries";
        QTest::newRow("closing that credits")
            << with(close, QStringLiteral("entries.0.kind"), QStringLiteral("adjust")) << "op.entries";
        QTest::newRow("bad hlc") << with(earn, QStringLiteral("hlc"), QStringLiteral("yesterday"))
                                 << "op.hlc";
        QTest::newRow("missing hlc") << with(earn, QStringLiteral("hlc"), QJsonValue::Undefined) << "op.hlc";
        QTest::newRow("time in 1970") << with(earn, QStringLiteral("at"), 5) << "op.at";
        QTest::newRow("store id") << with(earn, QStringLiteral("store"), QStringLiteral("S 001"))
                                  << "op.store";
        QTest::newRow("bad phone") << with(reg, QStringLiteral("member.phone"), QStringLiteral("138"))
                                   << "op.member.phone";
        QTest::newRow("bad check digit")
            << with(reg, QStringLiteral("member.code"), QStringLiteral("100420000010")) << "op.member.code";
        QTest::newRow("no name") << with(reg, QStringLiteral("member.name"), QJsonValue::Undefined)
                                 << "op.member.name";
        QTest::newRow("name type") << with(reg, QStringLiteral("member.name"), QJsonArray{})
                                   << "op.member.name";
        QTest::newRow("gender") << with(reg, QStringLiteral("member.gender"), QStringLiteral("x"))
                                << "op.member.gender";
        QTest::newRow("birth month") << with(reg, QStringLiteral("member.birthMonth"), 13)
                                     << "op.member.birthMonth";
        QTest::newRow("control char")
            << with(reg, QStringLiteral("member.name"), QStringLiteral("a\rb")) << "op.member.name";
        QTest::newRow("blob") << with(reg, QStringLiteral("member.birthDateEnc"), QStringLiteral("<script>"))
                              << "op.member.birthDateEnc";
        QJsonObject update = envelope(QStringLiteral("member.update"), 4);
        update.insert(QStringLiteral("member"), MemberId);
        update.insert(QStringLiteral("fields"), QJsonObject{{QStringLiteral("balance"), 1000000}});
        QTest::newRow("unknown field") << update << "op.fields.balance";
        QJsonObject redeem = envelope(QStringLiteral("redeem"), 3);
        redeem.insert(QStringLiteral("member"), MemberId);
        redeem.insert(QStringLiteral("points"), -50);
        redeem.insert(QStringLiteral("entries"), QJsonArray{});
        QTest::newRow("negative redeem") << redeem << "op.points";
        QJsonObject twice = earn;
        twice.insert(QStringLiteral("entries"), QJsonArray{entry(101, QStringLiteral("earn"), 1),
                                                           entry(101, QStringLiteral("earn"), 1)});
        QTest::newRow("same entry twice") << twice << "op.entries";
    }

    void hostileOps()
    {
        QFETCH(QJsonObject, op);
        QFETCH(QString, field);
        auto parsed = parseOp(op);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
        QVERIFY2(parsed.error().message.startsWith(field + QLatin1Char(' ')),
                 qPrintable(parsed.error().message));
    }

    void pushRequest()
    {
        QJsonObject bad = earnOp();
        bad.insert(QStringLiteral("store"), 7);
        const QByteArray body = json({{QStringLiteral("ops"), QJsonArray{registerOp(), bad}}});
        auto push = PushRequest::fromJson(body);
        QVERIFY(push.ok());
        QCOMPARE(push->ops.size(), 2);
        QVERIFY(!push->ops[0].envelopeError);
        QCOMPARE(push->ops[0].op, QStringLiteral("member.register"));
        QCOMPARE(push->ops[0].terminal, Terminal);
        // A bad envelope is carried to be answered `rejected`, not refused with the whole batch.
        QVERIFY(push->ops[1].envelopeError.has_value());
        QVERIFY(push->ops[1].envelopeError->message.contains(QStringLiteral("ops[1].store")));

        QVERIFY(!PushRequest::fromJson("[]").ok());
        QVERIFY(!PushRequest::fromJson("{\"ops\":[]}").ok());
        QVERIFY(!PushRequest::fromJson("{\"ops\":[1]}").ok());
        QVERIFY(!PushRequest::fromJson("{\"ops\":[{\"opId\":\"x\"}]}").ok());
        QVERIFY(!PushRequest::fromJson("{\"ops\":").ok());
        QJsonArray many;
        for (int i = 0; i < MaxOpsPerPush + 1; ++i)
            many.append(with(earnOp(), QStringLiteral("opId"), uuid(1000 + i)));
        auto tooMany = PushRequest::fromJson(json({{QStringLiteral("ops"), many}}));
        QVERIFY(!tooMany.ok());
        QVERIFY(tooMany.error().message.startsWith(QStringLiteral("ops has too many")));
    }

    void pushResponseRoundTrip()
    {
        PushResponse r;
        r.serverTime = 1795000000000;
        r.results.append(OpResult{uuid(1), OpStatus::Applied, {}, {}, {QStringLiteral("overdraw")}, {}});
        r.results.append(
            OpResult{uuid(2), OpStatus::Rejected, reason::ReceiptTaken, QStringLiteral("taken"), {}, {}});
        r.results.append(OpResult{uuid(3), OpStatus::Duplicate, {}, {}, {}, MemberId});
        auto back = PushResponse::fromJson(r.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back->toJson(), r.toJson());
        QCOMPARE(back->results[0].flags, QStringList{QStringLiteral("overdraw")});
        QCOMPARE(back->results[1].reason, reason::ReceiptTaken);
        QVERIFY(!PushResponse::fromJson("{\"results\":[{\"opId\":\"" + uuid(1).toLatin1() +
                                        "\",\"status\":\"rejected\"}],\"serverTime\":1}")
                     .ok()); // a rejection needs its reason
    }

    void enrol()
    {
        auto req = EnrolRequest::fromJson("{\"code\":\"K7QM-4XTA-9PDR\",\"name\":\"Till 2\"}");
        QVERIFY(req.ok());
        QCOMPARE(req->code, QStringLiteral("K7QM-4XTA-9PDR"));
        QVERIFY(!EnrolRequest::fromJson("{\"name\":\"Till 2\"}").ok());
        QVERIFY(!EnrolRequest::fromJson("{\"code\":5}").ok());

        EnrolResponse e;
        e.terminalId = Terminal;
        e.terminalNumber = 10042;
        e.secret = QByteArray(32, '\x07');
        e.store = StoreInfo{QStringLiteral("S001"), QStringLiteral("Nanjing Road"), QStringLiteral("CN"),
                            QStringLiteral("Asia/Shanghai"), QStringLiteral("CNY")};
        e.serverTime = 1795000000000;
        auto back = EnrolResponse::fromJson(e.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back->secret, e.secret);
        QCOMPARE(back->store.timeZone, e.store.timeZone);
        const QJsonObject sent = QJsonDocument::fromJson(e.toJson()).object();
        QVERIFY(!EnrolResponse::fromJson(json(with(sent, QStringLiteral("terminalNumber"), 5))).ok());
        QVERIFY(!EnrolResponse::fromJson(json(with(sent, QStringLiteral("secret"), QStringLiteral("AAAA"))))
                     .ok());
    }

    void changes()
    {
        ChangesPage page;
        page.next = 3;
        page.serverTime = 1795000000000;
        EntryChange ec;
        ec.entry.id = uuid(100);
        ec.entry.kind = QStringLiteral("merge_correction");
        ec.entry.points = -100;
        ec.entry.at = 1795000000000;
        ec.member = MemberId;
        page.changes.append(Change{1, ChangeType::Entry, ec.toJsonObject()});
        page.changes.append(Change{
            3, ChangeType::Merge, {{QStringLiteral("from"), uuid(5)}, {QStringLiteral("into"), MemberId}}});
        auto back = ChangesPage::fromJson(page.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back->toJson(), page.toJson());
        auto entryBack = EntryChange::fromJsonObject(back->changes[0].payload, {});
        QVERIFY(entryBack.ok()); // server-made kinds are fine coming down
        QCOMPARE(entryBack->entry.kind, QStringLiteral("merge_correction"));
        QVERIFY(MergeChange::fromJsonObject(back->changes[1].payload, {}).ok());

        // Out of order or a cursor behind the changes: refused.
        QVERIFY(!ChangesPage::fromJson(
                     "{\"changes\":[{\"seq\":2,\"type\":\"merge\",\"merge\":{}},{\"seq\":1,"
                     "\"type\":\"merge\",\"merge\":{}}],\"next\":2,\"more\":false,\"serverTime\":1}")
                     .ok());
        QVERIFY(!ChangesPage::fromJson("{\"changes\":[{\"seq\":2,\"type\":\"nope\",\"nope\":{}}],\"next\":2,"
                                       "\"more\":false,\"serverTime\":1}")
                     .ok());
    }

    void validators()
    {
        QVERIFY(isUuidText(Terminal));
        QVERIFY(!isUuidText(Terminal.left(35)));
        QVERIFY(!isUuidText(QStringLiteral("0193f5e4x7a1c-7d2e-8f00-0123456789ab")));
        QVERIFY(isE164(QStringLiteral("+8613800138000")));
        QVERIFY(!isE164(QStringLiteral("13800138000")));
        QVERIFY(!isE164(QStringLiteral("+86138001380001234")));
        QVERIFY(isStoreId(QStringLiteral("S001")));
        QVERIFY(!isStoreId(QString()));
        QVERIFY(!isStoreId(QStringLiteral("../etc")));
    }
};

QTEST_GUILESS_MAIN(TestWire)
#include "tst_wire.moc"
