// The wire codec both ways, for every wire type: a canonical document parses and is written back byte for
// byte (parse then write), and what is written parses into the same value (write, parse, write again).
// The documents are spelled out here on purpose: they are the protocol (docs/sync-protocol.md).
#include "core/MemberCode.h"
#include "sync/protocol/Wire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace counterpart;
using namespace counterpart::sync;

namespace {

const char *const Envelope =
    R"("opId":"0193f5e4-7a1c-7d2e-8f00-000000000001","hlc":"1795000000000-0000-0193f5e4-7a1c-7d2e-8f00-0123456789ab",)"
    R"("at":1795000000000,"store":"S001","terminal":"0193f5e4-7a1c-7d2e-8f00-0123456789ab",)"
    R"("operator":"c01","rulesVersion":"default-2026.1",)";
const char *const Entry =
    R"({"id":"0193f5e4-7a1c-7d2e-8f00-000000000100","kind":"earn","points":128,"at":1795000000000,)"
    R"("expiresAt":1826536000000,"rulesVersion":"default-2026.1","birthdayBonus":"2026"})";
const char *const Member =
    R"({"id":"0193f5e4-7a1c-7d2e-8f00-0000000000aa","code":"100420000013","phone":"+8613800138000",)"
    R"("status":"active","tier":"member","tierSince":1795000000000,"channel":"till","store":"S001",)"
    R"("createdAt":1795000000000,"balance":228,"name":"Li Na","gender":"female","marketingConsent":true,)"
    R"("consentAt":1795000000000,"birthMonth":3,"birthDay":8,"birthDateEnc":"AAEC",)"
    R"("fieldHlc":{"name":"1795000000000-0000-0193f5e4-7a1c-7d2e-8f00-0123456789ab"}})";
const char *const Purchase =
    R"({"id":"0193f5e4-7a1c-7d2e-8f00-000000000200","receipt":"R-1","amountMinor":12800,"eligibleMinor":12000,)"
    R"("currency":"CNY","at":1795000000000,"store":"S001","member":"0193f5e4-7a1c-7d2e-8f00-0000000000aa",)"
    R"("refundedMinor":800,"voided":false})";

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test document does not parse: %s", json.constData());
    return doc.object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The canonical bytes of a document: what the codec must write for it.
QByteArray canonical(const QByteArray &json)
{
    return compact(object(json));
}

// A document with a member code whose check digit is right (terminal 10042, the first member).
QByteArray withCode(QByteArray json)
{
    return json.replace("100420000013", MemberCode::make(10042, 1)->digits().toLatin1());
}

QByteArray op(const char *kind, const QByteArray &rest)
{
    return QByteArray("{\"op\":\"") + kind + "\"," + Envelope + rest + '}';
}

} // namespace

class TestWireRoundTrip : public QObject
{
    Q_OBJECT

    // A part (toJsonObject / fromJsonObject): parse, write, compare; parse what was written, write again.
    template<typename T, typename Parse>
    void part(const QByteArray &json, Parse parse)
    {
        Result<T> parsed = parse(object(json));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(compact(parsed->toJsonObject()), canonical(json));
        Result<T> again = parse(parsed->toJsonObject());
        QVERIFY(again.ok());
        QCOMPARE(compact(again->toJsonObject()), canonical(json));
    }

    // A whole body (toJson / fromJson).
    template<typename T>
    void body(const QByteArray &json)
    {
        auto parsed = T::fromJson(json);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->toJson(), canonical(json));
        auto again = T::fromJson(parsed->toJson());
        QVERIFY(again.ok());
        QCOMPARE(again->toJson(), canonical(json));
    }

private slots:
    void operations_data()
    {
        QTest::addColumn<QByteArray>("json");
        const QByteArray entry = QByteArray("\"entries\":[") + Entry + ']';
        const QByteArray member = R"("member":"0193f5e4-7a1c-7d2e-8f00-0000000000aa")";
        QTest::newRow("member.register")
            << withCode(op("member.register",
                           R"("member":{"id":"0193f5e4-7a1c-7d2e-8f00-0000000000aa","code":"100420000013",)"
                           R"("phone":"+8613800138000","tier":"member","channel":"till",)"
                           R"("createdAt":1795000000000,"name":"Li Na","gender":"","marketingConsent":false,)"
                           R"("birthMonth":3,"birthDay":8,"birthDateEnc":"AAEC","idNumberEnc":"AAED"},)"
                           R"("entries":[])"));
        QTest::newRow("member.update")
            << op("member.update", member + R"(,"fields":{"note":"","consentAt":1795000000000,)"
                                            R"("marketingConsent":true,"birthMonth":null,"birthDay":null})");
        QTest::newRow("earn") << op("earn",
                                    member + ',' + entry +
                                        R"(,"purchase":{"id":"0193f5e4-7a1c-7d2e-8f00-000000000200",)"
                                        R"("receipt":"R-1","amountMinor":12800,"eligibleMinor":12000,)"
                                        R"("currency":"CNY","at":1795000000000},"tierChange":)"
                                        R"({"id":"0193f5e4-7a1c-7d2e-8f00-000000000300",)"
                                        R"("from":"member","to":"silver"})");
        QTest::newRow("redeem") << op("redeem",
                                      member + R"(,"points":100,"offline":true,"entries":[{"id":)"
                                               R"("0193f5e4-7a1c-7d2e-8f00-000000000101","kind":"redeem",)"
                                               R"("points":-100,"at":1795000000000,"rulesVersion":"",)"
                                               R"("reward":"tea","discountMinor":500,"receipt":"R-2"}])");
        QTest::newRow("refund") << op("refund", member +
                                                    R"(,"entries":[],"refund":{"id":)"
                                                    R"("0193f5e4-7a1c-7d2e-8f00-000000000400","purchase":)"
                                                    R"("0193f5e4-7a1c-7d2e-8f00-000000000200",)"
                                                    R"("amountMinor":800,"at":1795000000000})");
        QTest::newRow("adjust") << op("adjust",
                                      member + R"(,"entries":[{"id":)"
                                               R"("0193f5e4-7a1c-7d2e-8f00-000000000102","kind":"adjust",)"
                                               R"("points":-5,"at":1795000000000,"rulesVersion":"v",)"
                                               R"("reason":"typo","approvedBy":"m01"}])");
        QTest::newRow("member.close")
            << op("member.close",
                  member + R"(,"entries":[{"id":)"
                           R"("0193f5e4-7a1c-7d2e-8f00-000000000103","kind":"adjust",)"
                           R"("points":-1200,"at":1795000000000,"rulesVersion":"v",)"
                           R"("reason":"membership closed","approvedBy":"m01"}],"reason":"moving")");
        QTest::newRow("member.close, nothing left")
            << op("member.close", member + R"(,"entries":[],"reason":"")");
        QTest::newRow("member.phone")
            << op("member.phone", member + R"(,"phone":"+8613700137000","previous":"+8613800138000")");
        QTest::newRow("member.erase") << op("member.erase", member);
        QTest::newRow("expire") << op("expire", member + ',' + R"("entries":[])");
        QTest::newRow("void") << op("void", member + R"(,"entries":[],)"
                                                     R"("purchase":"0193f5e4-7a1c-7d2e-8f00-000000000200")");
        QTest::newRow("void without purchase") << op("void", member + R"(,"entries":[])");
        QTest::newRow("tier.change") << op("tier.change", member +
                                                              R"(,"tierChange":{"id":)"
                                                              R"("0193f5e4-7a1c-7d2e-8f00-000000000300",)"
                                                              R"("from":"silver","to":"member",)"
                                                              R"("reason":"evaluation"})");
    }

    void operations()
    {
        QFETCH(QByteArray, json);
        part<ParsedOp>(json, [](const QJsonObject &o) { return parseOp(o); });
        // As the till pushes it: the push request carries the op as written.
        PushRequest request;
        request.ops.append(PushOp::fromOutbox(object(json), {}, {}, {}));
        QCOMPARE(request.toJson(), "{\"ops\":[" + canonical(json) + "]}");
        body<PushRequest>("{\"ops\":[" + json + "]}");
    }

    void olderOutboxOpsGetTheirEnvelope()
    {
        const QJsonObject old{{QStringLiteral("op"), QStringLiteral("member.update")}};
        const PushOp op = PushOp::fromOutbox(old, QStringLiteral("0193f5e4-7a1c-7d2e-8f00-000000000001"),
                                             QStringLiteral("h"), QStringLiteral("m"));
        QCOMPARE(op.opId, QStringLiteral("0193f5e4-7a1c-7d2e-8f00-000000000001"));
        QCOMPARE(compact(op.raw), QByteArray(R"({"hlc":"h","member":"m","op":"member.update",)"
                                             R"("opId":"0193f5e4-7a1c-7d2e-8f00-000000000001"})"));
        // Nothing is given twice, and no member to an op that has no entity.
        QCOMPARE(PushOp::fromOutbox(op.raw, QStringLiteral("x"), QStringLiteral("y"), {}).raw, op.raw);
        QVERIFY(!PushOp::fromOutbox(old, QStringLiteral("x"), QStringLiteral("y"), {})
                     .raw.contains(QStringLiteral("member")));
    }

    void writtenFields()
    {
        ParsedOp update;
        update.kind = OpKind::MemberUpdate;
        update.fields.emplace().note = QString();
        QCOMPARE(update.writtenFields(), QStringList{QStringLiteral("note")});
        ParsedOp reg;
        reg.kind = OpKind::MemberRegister;
        reg.profile.emplace().fields.name = QStringLiteral("Li Na");
        QVERIFY(reg.writtenFields().contains(QStringLiteral("name")));
        QVERIFY(ParsedOp().writtenFields().isEmpty());
    }

    void parts()
    {
        part<WireEntry>(Entry, [](const QJsonObject &o) { return WireEntry::fromJsonObject(o, {}, false); });
        part<WirePurchase>(
            R"({"id":"0193f5e4-7a1c-7d2e-8f00-000000000200","receipt":"R-1","amountMinor":1,"eligibleMinor":0,)"
            R"("currency":"JPY","at":1795000000000})",
            [](const QJsonObject &o) { return WirePurchase::fromJsonObject(o, {}); });
        part<WireRefund>(R"({"id":"0193f5e4-7a1c-7d2e-8f00-000000000400","purchase":)"
                         R"("0193f5e4-7a1c-7d2e-8f00-000000000200","amountMinor":800,"at":1795000000000})",
                         [](const QJsonObject &o) { return WireRefund::fromJsonObject(o, {}); });
        part<WireTierChange>(R"({"id":"0193f5e4-7a1c-7d2e-8f00-000000000300","from":"member","to":"gold",)"
                             R"("reason":"adjust"})",
                             [](const QJsonObject &o) { return WireTierChange::fromJsonObject(o, {}); });
        part<MemberFields>(R"({"name":"Li Na","note":"x","birthMonth":null,"birthDay":null})",
                           [](const QJsonObject &o) { return MemberFields::fromJsonObject(o, {}, true); });
        part<MemberProfile>(withCode(R"({"id":"0193f5e4-7a1c-7d2e-8f00-0000000000aa","code":"100420000013",)"
                                     R"("phone":"+8613800138000","tier":"member","channel":"import",)"
                                     R"("createdAt":1795000000000,"name":"Li Na"})"),
                            [](const QJsonObject &o) { return MemberProfile::fromJsonObject(o, {}); });
        part<OpResult>(R"({"opId":"0193f5e4-7a1c-7d2e-8f00-000000000001","status":"duplicate",)"
                       R"("reason":"receipt_taken","message":"m","flags":["overdraw","code_taken"],)"
                       R"("mergedInto":"0193f5e4-7a1c-7d2e-8f00-0000000000aa"})",
                       [](const QJsonObject &o) { return OpResult::fromJsonObject(o, {}); });
        part<StoreInfo>(R"({"id":"S001","name":"Nanjing Road","region":"CN","timeZone":"Asia/Shanghai",)"
                        R"("currency":"CNY"})",
                        [](const QJsonObject &o) { return StoreInfo::fromJsonObject(o, {}); });
    }

    void changes()
    {
        auto memberParse = [](const QJsonObject &o) { return MemberChange::fromJsonObject(o, {}); };
        part<MemberChange>(Member, memberParse);
        // Kept without its code (code_taken), merged into another member, no profile fields at all.
        part<MemberChange>(R"({"id":"0193f5e4-7a1c-7d2e-8f00-0000000000ab","phone":"+8613800138000",)"
                           R"("status":"merged","mergedInto":"0193f5e4-7a1c-7d2e-8f00-0000000000aa",)"
                           R"("tier":"member","tierSince":0,"channel":"","store":"","createdAt":0,)"
                           R"("balance":-3,"fieldHlc":{}})",
                           memberParse);
        // With the numbers it had before; erased (no phone, no profile, closed).
        part<MemberChange>(R"({"id":"0193f5e4-7a1c-7d2e-8f00-0000000000ab","phone":"+8613700137000",)"
                           R"("status":"active","tier":"member","tierSince":0,"channel":"","store":"",)"
                           R"("createdAt":0,"balance":3,"fieldHlc":{},"previousPhones":)"
                           R"([{"phone":"+8613800138000","until":1795000000000}]})",
                           memberParse);
        const QByteArray erased =
            R"({"id":"0193f5e4-7a1c-7d2e-8f00-0000000000ab","phone":"","status":"closed",)"
            R"("tier":"member","tierSince":0,"channel":"","store":"","createdAt":0,)"
            R"("balance":0,"fieldHlc":{},"erasedAt":1795000000000})";
        part<MemberChange>(erased, memberParse);
        QVERIFY(!memberParse(object(QByteArray(erased).replace(R"("closed")", R"("active")"))));
        QVERIFY(!memberParse(object(QByteArray(erased).replace(R"(,"erasedAt":1795000000000)", ""))));
        QVERIFY(!memberParse(
            object(QByteArray(Member).replace(R"("id":)", R"("previousPhones":[{"until":1}],"id":)"))));
        part<EntryChange>(R"({"id":"0193f5e4-7a1c-7d2e-8f00-000000000100","kind":"merge_correction",)"
                          R"("points":-100,"at":1795000000000,"rulesVersion":"","reason":"merge",)"
                          R"("member":"0193f5e4-7a1c-7d2e-8f00-0000000000aa","store":"S001",)"
                          R"("terminal":"0193f5e4-7a1c-7d2e-8f00-0123456789ab",)"
                          R"("purchase":"0193f5e4-7a1c-7d2e-8f00-000000000200"})",
                          [](const QJsonObject &o) { return EntryChange::fromJsonObject(o, {}); });
        part<PurchaseChange>(Purchase,
                             [](const QJsonObject &o) { return PurchaseChange::fromJsonObject(o, {}); });
        part<MergeChange>(R"({"from":"0193f5e4-7a1c-7d2e-8f00-0000000000ab",)"
                          R"("into":"0193f5e4-7a1c-7d2e-8f00-0000000000aa"})",
                          [](const QJsonObject &o) { return MergeChange::fromJsonObject(o, {}); });
        part<RulesChange>(R"({"version":"2026.2","document":{"version":"2026.2","anything":[1,2]}})",
                          [](const QJsonObject &o) { return RulesChange::fromJsonObject(o, {}); });
        part<FlagChange>(
            R"({"id":"0193f5e4-7a1c-7d2e-8f00-000000000500","kind":"overdraw",)"
            R"("member":"0193f5e4-7a1c-7d2e-8f00-0000000000aa",)"
            R"("opId":"0193f5e4-7a1c-7d2e-8f00-000000000001",)"
            R"("terminal":"0193f5e4-7a1c-7d2e-8f00-0123456789ab","balance":-20,"at":1795000000000})",
            [](const QJsonObject &o) { return FlagChange::fromJsonObject(o, {}); });
        part<Change>(R"({"seq":7,"type":"purchase","purchase":)" + QByteArray(Purchase) + '}',
                     [](const QJsonObject &o) { return Change::fromJsonObject(o, {}); });
        body<ChangesPage>(
            R"({"changes":[{"seq":7,"type":"member","member":)" + QByteArray(Member) +
            R"(},{"seq":9,"type":"merge","merge":{"from":"0193f5e4-7a1c-7d2e-8f00-0000000000ab",)"
            R"("into":"0193f5e4-7a1c-7d2e-8f00-0000000000aa"}}],"next":12,"more":true,)"
            R"("serverTime":1795000000000})");
    }

    // The server splices stored payloads into its pages: the same page as ChangesPage writes.
    void splicedChangesPage()
    {
        const QList<StoredChange> stored{{7, "member", canonical(Member)},
                                         {8, "purchase", canonical(Purchase)}};
        const QByteArray spliced = writeChangesPage(stored, 8, false, 1795000000000);
        auto page = ChangesPage::fromJson(spliced);
        QVERIFY(page.ok());
        QCOMPARE(page->changes.size(), 2);
        QCOMPARE(page->changes[1].type, ChangeType::Purchase);
        QCOMPARE(compact(page->changes[1].payload), canonical(Purchase));
        QCOMPARE(page->next, qint64(8));
        QCOMPARE(object(spliced), object(page->toJson()));
        QCOMPARE(writeChangesPage({}, 5, true, 1),
                 QByteArray(R"({"changes":[],"next":5,"more":true,"serverTime":1})"));
    }

    void snapshot()
    {
        const QByteArray lot =
            R"({"id":"0193f5e4-7a1c-7d2e-8f00-000000000600","points":200,"at":1795000000000,)"
            R"("expiresAt":1826536000000})";
        part<SnapshotLot>(lot, [](const QJsonObject &o) { return SnapshotLot::fromJsonObject(o, {}); });
        const QByteArray member =
            R"({"member":)" + QByteArray(Member) + R"(,"lots":[)" + lot +
            R"(,{"id":"0193f5e4-7a1c-7d2e-8f00-000000000601","points":28,"at":1795000000000}],)"
            R"("purchases":[)" +
            Purchase + "]}";
        auto m = SnapshotMember::fromJsonObject(object(member), {});
        QVERIFY(m.ok());
        QCOMPARE(m->toJson(), canonical(member));
        const QByteArray page = R"({"members":[)" + member +
                                R"(],"cursor":42,"more":true,)"
                                R"("next":"0193f5e4-7a1c-7d2e-8f00-0000000000aa","serverTime":1795000000000,)"
                                R"("rules":{"version":"2026.2","document":{"version":"2026.2"}}})";
        body<SnapshotPage>(page);
        body<SnapshotPage>(R"({"members":[],"cursor":0,"more":false,"serverTime":1795000000000})");
        // Members written ahead and spliced in give the same bytes.
        auto parsed = SnapshotPage::fromJson(page);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->toJson({m->toJson()}), canonical(page));
        // The lots must add up to the member's balance.
        QVERIFY(!SnapshotMember::fromJsonObject(
                     object(R"({"member":)" + QByteArray(Member) + R"(,"lots":[],"purchases":[]})"), {})
                     .ok());
    }

    void enrolmentErrorsAndHealth()
    {
        body<EnrolRequest>(R"({"code":"K7QM-4XTA-9PDR","name":"Till 2",)"
                           R"("databaseId":"0193f5e4-7a1c-7d2e-8f00-000000000700"})");
        body<EnrolRequest>(R"({"code":"K7QM-4XTA-9PDR","name":""})");
        body<EnrolResponse>(
            R"({"terminalId":"0193f5e4-7a1c-7d2e-8f00-0123456789ab","terminalNumber":10042,)"
            R"("secret":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=","store":{"id":"S001",)"
            R"("name":"Nanjing Road","region":"CN","timeZone":"Asia/Shanghai","currency":"CNY"},)"
            R"("serverTime":1795000000000})");
        body<PushResponse>(R"({"results":[{"opId":"0193f5e4-7a1c-7d2e-8f00-000000000001",)"
                           R"("status":"applied","flags":["overdraw"]},{"opId":)"
                           R"("0193f5e4-7a1c-7d2e-8f00-000000000002","status":"rejected","reason":"invalid",)"
                           R"("message":"ops[1] is wrong"}],"serverTime":1795000000000})");
        body<ErrorBody>(R"({"error":"stale","message":"The clock is off.","serverTime":1795000000000})");
        body<ErrorBody>(R"({"error":"not_found","message":""})");
        body<HealthResponse>(R"({"status":"ok","version":"1.4.0","database":"ok"})");
        QVERIFY(!HealthResponse::fromJson(R"({"version":"1.4.0","database":"ok"})").ok());
    }

    // A store's staff list: each person with their PIN hash, switched-off people without; the version
    // alone when nothing changed. Anything a till could be fooled by is refused with its field.
    void staffRoster()
    {
        const QJsonObject c7{{QStringLiteral("id"), QStringLiteral("c7")},
                             {QStringLiteral("name"), QStringLiteral("Wu Qing")},
                             {QStringLiteral("role"), QStringLiteral("cashier")},
                             {QStringLiteral("active"), true},
                             {QStringLiteral("changedAt"), qint64(1795000000000)},
                             {QStringLiteral("pinHash"), QString::fromLatin1(QByteArray(32, 'H').toBase64())},
                             {QStringLiteral("pinSalt"), QString::fromLatin1(QByteArray(16, 'S').toBase64())},
                             {QStringLiteral("pinIterations"), 310000}};
        const QJsonObject m8{{QStringLiteral("id"), QStringLiteral("m.8")},
                             {QStringLiteral("name"), QStringLiteral("Zhou Min")},
                             {QStringLiteral("role"), QStringLiteral("manager")},
                             {QStringLiteral("active"), false},
                             {QStringLiteral("changedAt"), 1}};
        auto roster = [](const std::optional<QJsonArray> &staff) {
            QJsonObject o{{QStringLiteral("store"), QStringLiteral("S001")},
                          {QStringLiteral("version"), QStringLiteral("v1")},
                          {QStringLiteral("serverTime"), qint64(1795000000000)}};
            if (staff)
                o.insert(QStringLiteral("staff"), *staff);
            return QJsonDocument(o).toJson(QJsonDocument::Compact);
        };
        body<StaffRoster>(roster(QJsonArray{c7, m8}));
        body<StaffRoster>(roster(QJsonArray{}));
        body<StaffRoster>(roster(std::nullopt));
        auto unchanged = StaffRoster::fromJson(roster(std::nullopt));
        QVERIFY(unchanged.ok() && !unchanged->staff.has_value());

        auto with = [&](const char *key, const QJsonValue &value) {
            QJsonObject o = c7;
            o.insert(QLatin1String(key), value);
            return o;
        };
        const std::pair<QJsonArray, const char *> refused[] = {
            {{with("id", QStringLiteral("c 7"))}, "staff[0].id"},
            {{with("role", QStringLiteral("boss"))}, "staff[0].role"},
            {{with("pinHash", QStringLiteral("aGk="))}, "staff[0].pinHash"},
            {{with("pinIterations", 10)}, "staff[0].pinIterations"},
            {{c7, c7}, "staff[1]"},
        };
        for (const auto &[list, field] : refused) {
            auto parsed = StaffRoster::fromJson(roster(list));
            QVERIFY2(!parsed.ok() && parsed.error().message.contains(QLatin1String(field)),
                     parsed.ok() ? field : qPrintable(parsed.error().message));
        }
    }
    // The chain's keys, oldest first, each wrapped for the asking terminal; out of order, a missing id
    // or a wrapped key that is not base64 is refused with its field.
    void chainKeySet()
    {
        auto set = [](const QJsonArray &keys) {
            return QJsonDocument(QJsonObject{{QStringLiteral("keys"), keys},
                                             {QStringLiteral("serverTime"), qint64(1795000000000)}})
                .toJson(QJsonDocument::Compact);
        };
        auto key = [](qint64 kid, const QString &wrapped) {
            return QJsonObject{{QStringLiteral("kid"), kid}, {QStringLiteral("wrapped"), wrapped}};
        };
        const QString w = QString::fromLatin1(QByteArray(61, 'W').toBase64());
        body<ChainKeySet>(set({key(1, w), key(2, w), key(7, w)}));
        body<ChainKeySet>(set({}));
        const std::pair<QJsonArray, const char *> refused[] = {
            {{key(2, w), key(1, w)}, "keys[1]"},
            {{key(1, w), key(1, w)}, "keys[1]"},
            {{key(0, w)}, "keys[0].kid"},
            {{key(1, QStringLiteral("not base64!"))}, "keys[0].wrapped"},
            {{QJsonObject{{QStringLiteral("wrapped"), w}}}, "keys[0].kid"},
        };
        for (const auto &[keys, field] : refused) {
            auto parsed = ChainKeySet::fromJson(set(keys));
            QVERIFY2(!parsed.ok() && parsed.error().message.contains(QLatin1String(field)),
                     parsed.ok() ? field : qPrintable(parsed.error().message));
        }
    }
};

QTEST_GUILESS_MAIN(TestWireRoundTrip)
#include "tst_wire_roundtrip.moc"
