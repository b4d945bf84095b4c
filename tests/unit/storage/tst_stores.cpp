#include "core/Clock.h"
#include "core/Uuid.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/Stores.h"
#include "tests/support/TestSupport.h"

#include <QTest>

#include <sqlite3.h>

using namespace counterpart;

namespace {

const qint64 T0 = 1'767'225'600'000; // 2026-01-01T00:00:00Z

QStringList names(const QList<MemberRow> &rows)
{
    QStringList out;
    for (const MemberRow &r : rows)
        out << r.name;
    return out;
}

} // namespace

class TestStores : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TempDir> m_dir;
    std::unique_ptr<Database> m_db;
    ManualClock m_clock{T0};

    Uuid newId() { return Uuid::createV7(m_clock); }

    MemberRow member(const QString &name, const QString &phone, const QString &code)
    {
        MemberRow m;
        m.id = newId();
        m.code = code;
        m.phone = phone;
        m.name = name;
        m.tier = QStringLiteral("basic");
        m.tierSinceMs = T0;
        m.storeId = QStringLiteral("S001");
        m.terminalId = QStringLiteral("T01");
        m.createdAtMs = T0;
        m.updatedAtMs = T0;
        return m;
    }

    qint64 addMember(const QString &name, const QString &phone, const QString &code,
                     const QString &status = QStringLiteral("active"))
    {
        MemberRow m = member(name, phone, code);
        m.status = status;
        const Status s = MemberStore(*m_db).insert(m);
        if (!s) {
            qWarning().noquote() << s.error().detail;
            return 0;
        }
        return m.localId;
    }

    LedgerRow entry(qint64 memberId, const QString &kind, qint64 points)
    {
        LedgerRow e;
        e.id = newId();
        e.member = memberId;
        e.kind = kind;
        e.points = points;
        e.atMs = m_clock.nowMs();
        e.rulesVersion = QStringLiteral("2026.1");
        e.terminalId = QStringLiteral("T01");
        e.cashier = QStringLiteral("c01");
        return e;
    }

    qint64 scalar(const QString &sql)
    {
        auto st = m_db->prepareOnce(sql);
        if (!st || !st->next())
            return -1;
        return st->int64(0);
    }

    // The query plan of the cached statement whose SQL contains `needle` (the store's real SQL).
    QStringList planOf(const char *needle)
    {
        QString sql;
        for (sqlite3_stmt *s = sqlite3_next_stmt(m_db->handle(), nullptr); s;
             s = sqlite3_next_stmt(m_db->handle(), s)) {
            const QString text = QString::fromUtf8(sqlite3_sql(s));
            if (text.contains(QLatin1String(needle)))
                sql = text;
        }
        if (sql.isEmpty())
            return {QStringLiteral("<no statement>")};
        auto st = m_db->prepareOnce(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
        if (!st)
            return {st.error().detail};
        QStringList plan;
        while (st->next())
            plan << st->text(3);
        return plan;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<test::TempDir>();
        auto db = openTillDatabase(m_dir->file(QStringLiteral("till.db")), OpenOptions{});
        QVERIFY2(db, db ? "" : qPrintable(db.error().detail));
        m_db = std::move(db.value());
    }

    void cleanup()
    {
        m_db.reset();
        m_dir.reset();
    }

    void memberRoundTrip()
    {
        MemberRow m =
            member(QStringLiteral("Li Na"), QStringLiteral("+8613800138000"), QStringLiteral("100010000127"));
        m.gender = QStringLiteral("female");
        m.birthMonth = 5;
        m.birthDay = 17;
        m.birthDateEnc = QByteArray("\x01\x02\x03", 3);
        m.idNumberEnc = QByteArray("\x04\x05", 2);
        m.balance = 0;
        m.channel = QStringLiteral("online");
        m.marketingConsent = true;
        m.consentAtMs = T0 + 1;
        m.note = QStringLiteral("prefers 娜娜");
        m.firstPurchaseAtMs = T0 + 2;
        m.lastVisitAtMs = T0 + 3;
        m.visits = 4;
        MemberStore store(*m_db);
        QVERIFY(store.insert(m).ok());
        QVERIFY(m.localId > 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM members WHERE phone_last4 = '8000'")),
                 qint64(1));

        auto check = [&](const Result<std::optional<MemberRow>> &r) {
            QVERIFY(r);
            QVERIFY(r->has_value());
            const MemberRow &g = **r;
            QCOMPARE(g.localId, m.localId);
            QCOMPARE(g.id, m.id);
            QCOMPARE(g.code, m.code);
            QCOMPARE(g.phone, m.phone);
            QCOMPARE(g.name, m.name);
            QCOMPARE(g.gender, m.gender);
            QCOMPARE(g.birthMonth, m.birthMonth);
            QCOMPARE(g.birthDay, m.birthDay);
            QCOMPARE(g.birthDateEnc, m.birthDateEnc);
            QCOMPARE(g.idNumberEnc, m.idNumberEnc);
            QCOMPARE(g.tier, m.tier);
            QCOMPARE(g.tierSinceMs, m.tierSinceMs);
            QCOMPARE(g.balance, m.balance);
            QCOMPARE(g.status, m.status);
            QCOMPARE(g.channel, m.channel);
            QCOMPARE(g.marketingConsent, true);
            QCOMPARE(g.consentAtMs, m.consentAtMs);
            QCOMPARE(g.note, m.note);
            QCOMPARE(g.storeId, m.storeId);
            QCOMPARE(g.terminalId, m.terminalId);
            QCOMPARE(g.createdAtMs, m.createdAtMs);
            QCOMPARE(g.updatedAtMs, m.updatedAtMs);
            QCOMPARE(g.firstPurchaseAtMs, m.firstPurchaseAtMs);
            QCOMPARE(g.lastVisitAtMs, m.lastVisitAtMs);
            QCOMPARE(g.visits, m.visits);
        };
        check(store.byLocalId(m.localId));
        check(store.byId(m.id));
        check(store.byActivePhone(m.phone));
        check(store.byCode(m.code));
        QCOMPARE(*store.count(), qint64(1));

        QVERIFY(!store.byLocalId(m.localId + 1)->has_value());
        QVERIFY(!store.byId(newId())->has_value());
        QVERIFY(!store.byActivePhone(QStringLiteral("+8613800138001"))->has_value());
        QVERIFY(!store.byCode(QStringLiteral("100010000135"))->has_value());

        // Optional fields left empty come back empty (NULL), not as empty blobs or zeros.
        MemberRow bare =
            member(QStringLiteral("Bare"), QStringLiteral("+8613900139000"), QStringLiteral("100010000235"));
        QVERIFY(store.insert(bare).ok());
        const MemberRow back = **store.byLocalId(bare.localId);
        QVERIFY(back.birthDateEnc.isEmpty());
        QVERIFY(!back.birthMonth.has_value());
        QVERIFY(!back.consentAtMs.has_value());
        QCOMPARE(back.note, QString());
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM members WHERE birth_date_enc IS NULL AND note = ''")),
            qint64(1));

        // A row without an id is a bug, refused before it reaches the table.
        MemberRow noId =
            member(QStringLiteral("X"), QStringLiteral("+8613700137000"), QStringLiteral("100010000300"));
        noId.id = Uuid();
        QCOMPARE(store.insert(noId).error().code, ErrorCode::Internal);
    }

    void memberUpdates()
    {
        MemberStore store(*m_db);
        const qint64 id = addMember(QStringLiteral("Wang Wei"), QStringLiteral("+8613800000001"),
                                    QStringLiteral("100010000011"));
        QVERIFY(id);
        QVERIFY(store.addToBalance(id, 120, T0 + 10).ok());
        QVERIFY(store.addToBalance(id, -20, T0 + 11).ok());
        QVERIFY(store.setTier(id, QStringLiteral("gold"), T0 + 12, T0 + 13).ok());
        QVERIFY(store.recordVisit(id, T0 + 100).ok());
        // Late (pulled, replayed): an earlier first purchase, never an earlier last visit.
        QVERIFY(store.recordVisit(id, T0 + 50).ok());
        QVERIFY(store.setNote(id, QStringLiteral("likes green tea"), T0 + 200).ok());
        QVERIFY(store.setConsent(id, true, T0 + 300).ok());
        MemberRow m = **store.byLocalId(id);
        QCOMPARE(m.balance, qint64(100));
        QCOMPARE(m.tier, QStringLiteral("gold"));
        QCOMPARE(m.tierSinceMs, T0 + 12);
        QCOMPARE(m.visits, 2);
        QCOMPARE(m.firstPurchaseAtMs, std::optional<qint64>(T0 + 50));
        QCOMPARE(m.lastVisitAtMs, std::optional<qint64>(T0 + 100));
        QCOMPARE(m.note, QStringLiteral("likes green tea"));
        QCOMPARE(m.marketingConsent, true);
        QCOMPARE(m.consentAtMs, std::optional<qint64>(T0 + 300));
        QCOMPARE(m.updatedAtMs, T0 + 300);

        QVERIFY(store.recordVisit(id, T0 + 400).ok());
        m = **store.byLocalId(id);
        QCOMPARE(m.visits, 3);
        QCOMPARE(m.lastVisitAtMs, std::optional<qint64>(T0 + 400));
        QCOMPARE(m.firstPurchaseAtMs, std::optional<qint64>(T0 + 50));
        QVERIFY(store.setConsent(id, false, T0 + 500).ok());
        QCOMPARE((**store.byLocalId(id)).marketingConsent, false);

        for (const Status &s :
             {store.addToBalance(id + 99, 1, T0), store.setTier(id + 99, QStringLiteral("x"), T0, T0),
              store.recordVisit(id + 99, T0), store.setNote(id + 99, QString(), T0),
              store.setConsent(id + 99, true, T0)}) {
            QVERIFY(!s.ok());
            QCOMPARE(s.error().code, ErrorCode::NotFound);
        }
    }

    void duplicateActivePhoneIsConflict()
    {
        const QString phone = QStringLiteral("+8613800138000");
        QVERIFY(addMember(QStringLiteral("Li Na"), phone, QStringLiteral("100010000012")));
        MemberRow dup = member(QStringLiteral("Zhang San"), phone, QStringLiteral("100010000020"));
        const Status s = MemberStore(*m_db).insert(dup);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Conflict);
        QCOMPARE(s.error().message,
                 QStringLiteral("This phone number already belongs to an active member; nothing was saved."));
        QVERIFY(!s.error().detail.contains(QStringLiteral("13800138000")));
        QCOMPARE(dup.localId, qint64(0));
        // Nothing of the refused member was written, not even its name tokens.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM members")), qint64(1));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM member_names WHERE token = 'zhang'")),
                 qint64(0));

        // A closed member does not hold the number.
        QVERIFY(addMember(QStringLiteral("Old Card"), phone, QStringLiteral("100010000038"),
                          QStringLiteral("closed")));
        auto active = MemberStore(*m_db).byActivePhone(phone);
        QCOMPARE((**active).name, QStringLiteral("Li Na"));

        MemberRow sameCode =
            member(QStringLiteral("Other"), QStringLiteral("+8613800138999"), QStringLiteral("100010000012"));
        const Status c = MemberStore(*m_db).insert(sameCode);
        QCOMPARE(c.error().code, ErrorCode::Conflict);
        QCOMPARE(c.error().message, QStringLiteral("This member code is already in use; nothing was saved."));
    }

    void nameTokens_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("latin") << QStringLiteral("Li Na") << QStringList{u"li"_qs, u"na"_qs, u"lina"_qs};
        QTest::newRow("chinese") << QStringLiteral("李娜") << QStringList{u"李娜"_qs, u"lina"_qs, u"ln"_qs};
        // Pinyin with the surname readings (单 shan, not dan), the initials from two syllables on.
        QTest::newRow("surname reading")
            << QStringLiteral("单田芳") << QStringList{u"单田芳"_qs, u"shantianfang"_qs, u"stf"_qs};
        QTest::newRow("hyphen") << QStringLiteral("Jean-Paul Sartre")
                                << QStringList{u"jean"_qs, u"paul"_qs, u"sartre"_qs, u"jeanpaulsartre"_qs};
        QTest::newRow("middle dot") << QStringLiteral("阿卜杜·热合曼")
                                    << QStringList{u"阿卜杜"_qs, u"热合曼"_qs,       u"阿卜杜热合曼"_qs,
                                                   u"abodu"_qs,  u"abd"_qs,          u"reheman"_qs,
                                                   u"rhm"_qs,    u"abodureheman"_qs, u"abdrhm"_qs};
        QTest::newRow("full width") << QStringLiteral("ＬＩ　Ｎａ")
                                    << QStringList{u"li"_qs, u"na"_qs, u"lina"_qs};
        QTest::newRow("case fold") << QStringLiteral("STRAẞE Straße")
                                   << QStringList{u"strasse"_qs, u"strassestrasse"_qs};
        QTest::newRow("mixed scripts")
            << QStringLiteral("王Wei")
            << QStringList{u"王"_qs, u"wei"_qs, u"王wei"_qs, u"wang"_qs, u"wangwei"_qs, u"ww"_qs};
        QTest::newRow("punctuation") << QStringLiteral("O'Brien, Mary.")
                                     << QStringList{u"o"_qs, u"brien"_qs, u"mary"_qs, u"obrienmary"_qs};
        QTest::newRow("repeated") << QStringLiteral("Na Na") << QStringList{u"na"_qs, u"nana"_qs};
        QTest::newRow("blank") << QStringLiteral("  ") << QStringList{};
        QTest::newRow("extension B") << QStringLiteral("𠀀一 Li")
                                     << QStringList{u"𠀀一"_qs, u"li"_qs,     u"𠀀一li"_qs, u"heyi"_qs,
                                                    u"hy"_qs,   u"heyili"_qs, u"hyl"_qs};
    }

    void nameTokens()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, tokens);
        QCOMPARE(MemberStore::nameTokens(name), tokens);
    }

    void namePrefixSearch()
    {
        QVERIFY(addMember(QStringLiteral("Li Na"), QStringLiteral("+8613800000001"),
                          QStringLiteral("100010000019")));
        QVERIFY(addMember(QStringLiteral("Lin Feng"), QStringLiteral("+8613800000002"),
                          QStringLiteral("100010000027")));
        QVERIFY(addMember(QStringLiteral("李娜"), QStringLiteral("+8613800000003"),
                          QStringLiteral("100010000035")));
        QVERIFY(addMember(QStringLiteral("李小龙"), QStringLiteral("+8613800000004"),
                          QStringLiteral("100010000043")));
        QVERIFY(addMember(QStringLiteral("Nadia Li"), QStringLiteral("+8613800000005"),
                          QStringLiteral("100010000051")));
        QVERIFY(addMember(QStringLiteral("Li Nan"), QStringLiteral("+8613800000006"),
                          QStringLiteral("100010000068"), QStringLiteral("closed")));
        QVERIFY(addMember(QStringLiteral("Lia"), QStringLiteral("+8613800000007"),
                          QStringLiteral("100010000076")));
        QVERIFY(addMember(QStringLiteral("Lj"), QStringLiteral("+8613800000008"),
                          QStringLiteral("100010000084")));

        MemberStore store(*m_db);
        auto find = [&](const QString &prefix, int limit = 20) {
            auto r = store.byNamePrefix(prefix, limit);
            return r ? names(*r) : QStringList{QStringLiteral("<error>")};
        };
        // Every member at most once, closed ones never, ordered by name.
        // Chinese names by their pinyin too: "li" is 李 as much as Li.
        QCOMPARE(find(QStringLiteral("li")), (QStringList{u"Li Na"_qs, u"Lia"_qs, u"Lin Feng"_qs,
                                                          u"Nadia Li"_qs, u"李娜"_qs, u"李小龙"_qs}));
        QCOMPARE(find(QStringLiteral("lin")), (QStringList{u"Li Na"_qs, u"Lin Feng"_qs, u"李娜"_qs}));
        QCOMPARE(find(QStringLiteral("LI N")), (QStringList{u"Li Na"_qs, u"Lin Feng"_qs, u"李娜"_qs}));
        QCOMPARE(find(QStringLiteral("lxl")), QStringList{u"李小龙"_qs});
        QCOMPARE(find(QStringLiteral("li xiao")), QStringList{u"李小龙"_qs});
        QCOMPARE(find(QStringLiteral("ln")), QStringList{u"李娜"_qs});
        QCOMPARE(find(QStringLiteral("na")), (QStringList{u"Li Na"_qs, u"Nadia Li"_qs}));
        QCOMPARE(find(QStringLiteral("lia")), QStringList{u"Lia"_qs});
        QCOMPARE(find(QStringLiteral("李")), (QStringList{u"李娜"_qs, u"李小龙"_qs}));
        QCOMPARE(find(QStringLiteral("李娜")), QStringList{u"李娜"_qs});
        QCOMPARE(find(QStringLiteral("娜")),
                 QStringList{}); // a Chinese name is one word: prefix of the whole
        QCOMPARE(find(QStringLiteral("ＬＩＮ")), (QStringList{u"Li Na"_qs, u"Lin Feng"_qs, u"李娜"_qs}));
        QCOMPARE(find(QStringLiteral("li"), 2), (QStringList{u"Li Na"_qs, u"Lia"_qs}));
        QCOMPARE(find(QStringLiteral("zz")), QStringList{});
        QCOMPARE(find(QString()), QStringList{});
        QCOMPARE(find(QStringLiteral(" - ")), QStringList{});

        // Index-only on the token range, then member primary key lookups; no scan of any table.
        const QStringList plan = planOf("FROM member_names n");
        QVERIFY2(plan.contains(QStringLiteral("SEARCH n USING PRIMARY KEY (token>? AND token<?)")),
                 qPrintable(plan.join(u'|')));
        QVERIFY2(plan.contains(QStringLiteral("SEARCH m USING INTEGER PRIMARY KEY (rowid=?)")),
                 qPrintable(plan.join(u'|')));
        for (const QString &step : plan)
            QVERIFY2(!step.startsWith(QStringLiteral("SCAN")), qPrintable(plan.join(u'|')));
    }

    // The range's upper end is the prefix with its last character incremented: right across UTF-16
    // surrogate pairs and around the surrogate gap.
    void namePrefixUpperBoundEdges()
    {
        QVERIFY(addMember(QStringLiteral("𠀀一"), QStringLiteral("+8613800000001"),
                          QStringLiteral("100010000019")));
        QVERIFY(addMember(QStringLiteral("𠀁"), QStringLiteral("+8613800000002"),
                          QStringLiteral("100010000027")));
        QVERIFY(addMember(u"x\uD7FFy"_qs, QStringLiteral("+8613800000003"), QStringLiteral("100010000035")));
        QVERIFY(addMember(u"x\uE000"_qs, QStringLiteral("+8613800000004"), QStringLiteral("100010000043")));
        QVERIFY(addMember(u"x\uFFFF"_qs, QStringLiteral("+8613800000005"), QStringLiteral("100010000051")));
        QVERIFY(addMember(QStringLiteral("x𐀀"), QStringLiteral("+8613800000006"),
                          QStringLiteral("100010000068")));
        MemberStore store(*m_db);
        QCOMPARE(names(*store.byNamePrefix(QStringLiteral("𠀀"), 10)), QStringList{u"𠀀一"_qs});
        QCOMPARE(names(*store.byNamePrefix(u"x\uD7FF"_qs, 10)), QStringList{u"x\uD7FFy"_qs});
        QCOMPARE(names(*store.byNamePrefix(u"x\uFFFF"_qs, 10)), QStringList{u"x\uFFFF"_qs});
        QCOMPARE(names(*store.byNamePrefix(QStringLiteral("x"), 10)).size(), 4);
    }

    void last4()
    {
        QVERIFY(addMember(QStringLiteral("Zhao"), QStringLiteral("+8613800138000"),
                          QStringLiteral("100010000019")));
        QVERIFY(addMember(QStringLiteral("Chen"), QStringLiteral("+8613900138000"),
                          QStringLiteral("100010000027")));
        QVERIFY(addMember(QStringLiteral("Sun"), QStringLiteral("+8613700138000"),
                          QStringLiteral("100010000035"), QStringLiteral("closed")));
        QVERIFY(addMember(QStringLiteral("Qian"), QStringLiteral("+8613800131234"),
                          QStringLiteral("100010000043")));
        MemberStore store(*m_db);
        QCOMPARE(names(*store.byLast4(QStringLiteral("8000"), 10)), (QStringList{u"Chen"_qs, u"Zhao"_qs}));
        QCOMPARE(names(*store.byLast4(QStringLiteral("8000"), 1)), QStringList{u"Chen"_qs});
        QCOMPARE(names(*store.byLast4(QStringLiteral("８０００"), 10)),
                 (QStringList{u"Chen"_qs, u"Zhao"_qs}));
        QCOMPARE(names(*store.byLast4(QStringLiteral("1234"), 10)), QStringList{u"Qian"_qs});
        QCOMPARE(names(*store.byLast4(QStringLiteral("0000"), 10)), QStringList{});
        QCOMPARE(names(*store.byLast4(QStringLiteral("800"), 10)), QStringList{});
        const QStringList plan = planOf("m.phone_last4 = ?1");
        QVERIFY2(plan.contains(QStringLiteral("SEARCH m USING INDEX members_last4 (phone_last4=?)")),
                 qPrintable(plan.join(u'|')));

        QVERIFY(store.byActivePhone(QStringLiteral("+8613800138000")));
        const QStringList phonePlan = planOf("m.phone = ?1");
        QVERIFY2(phonePlan.contains(QStringLiteral("SEARCH m USING INDEX members_phone_active (phone=?)")),
                 qPrintable(phonePlan.join(u'|')));
    }

    void maxCodeSequence()
    {
        MemberStore store(*m_db);
        QCOMPARE(*store.maxCodeSequence(10001), 0);
        QVERIFY(
            addMember(QStringLiteral("A"), QStringLiteral("+8613800000001"), QStringLiteral("100010000057")));
        QVERIFY(
            addMember(QStringLiteral("B"), QStringLiteral("+8613800000002"), QStringLiteral("100010000121")));
        QVERIFY(
            addMember(QStringLiteral("C"), QStringLiteral("+8613800000003"), QStringLiteral("100020000993")));
        QVERIFY(
            addMember(QStringLiteral("D"), QStringLiteral("+8613800000004"), QStringLiteral("999990000074")));
        QVERIFY(
            addMember(QStringLiteral("E"), QStringLiteral("+8613800000005"), QStringLiteral("999989999994")));
        QVERIFY(
            addMember(QStringLiteral("F"), QStringLiteral("+8613800000006"), QStringLiteral("100009999990")));
        QCOMPARE(*store.maxCodeSequence(10001), 12);
        QCOMPARE(*store.maxCodeSequence(10002), 99);
        QCOMPARE(*store.maxCodeSequence(10003), 0);
        QCOMPARE(*store.maxCodeSequence(99999), 7);
        QCOMPARE(*store.maxCodeSequence(99998), 999999);
        QCOMPARE(*store.maxCodeSequence(10000), 999999);
        QCOMPARE(store.maxCodeSequence(9999).error().code, ErrorCode::InvalidInput);
        QCOMPARE(store.maxCodeSequence(100000).error().code, ErrorCode::InvalidInput);
        const QStringList plan = planOf("ORDER BY code DESC");
        QVERIFY2(plan.size() == 1 &&
                     plan.first().startsWith(QStringLiteral("SEARCH members USING COVERING INDEX "
                                                            "sqlite_autoindex_members_")) &&
                     plan.first().endsWith(QStringLiteral("(code>? AND code<?)")),
                 qPrintable(plan.join(u'|')));
    }

    void purchases()
    {
        const qint64 mem = addMember(QStringLiteral("Li Na"), QStringLiteral("+8613800000001"),
                                     QStringLiteral("100010000019"));
        PurchaseStore store(*m_db);
        auto make = [&](const QString &receipt, qint64 amount, qint64 at) {
            PurchaseRow p;
            p.id = newId();
            p.storeId = QStringLiteral("S001");
            p.receipt = receipt;
            p.member = mem;
            p.amountMinor = amount;
            p.currency = QStringLiteral("CNY");
            p.atMs = at;
            return p;
        };
        PurchaseRow a = make(QStringLiteral("R-1"), 10000, T0 + 1000);
        PurchaseRow b = make(QStringLiteral("R-2"), 5000, T0 + 2000);
        PurchaseRow c = make(QStringLiteral("R-3"), 7000, T0 + 3000);
        QVERIFY(store.insert(a).ok());
        QVERIFY(store.insert(b).ok());
        QVERIFY(store.insert(c).ok());
        QVERIFY(a.localId > 0 && b.localId > a.localId);
        QVERIFY(!*store.hasPurchases(mem + 1));
        QVERIFY(*store.hasPurchases(mem));

        // The same receipt at the same store again: refused.
        PurchaseRow again = make(QStringLiteral("R-1"), 10000, T0 + 4000);
        const Status dup = store.insert(again);
        QCOMPARE(dup.error().code, ErrorCode::Conflict);
        QCOMPARE(
            dup.error().message,
            QStringLiteral("Points were already earned on this receipt at this store; nothing was saved."));
        // ... but the same receipt number at another store is another purchase.
        PurchaseRow otherStore = make(QStringLiteral("R-1"), 100, T0 + 4000);
        otherStore.storeId = QStringLiteral("S002");
        QVERIFY(store.insert(otherStore).ok());

        QVERIFY(store.setPointsEarned(a.localId, 100).ok());
        QCOMPARE((**store.byReceipt(QStringLiteral("S001"), QStringLiteral("R-1"))).pointsEarned,
                 qint64(100));
        QVERIFY(!store.byReceipt(QStringLiteral("S001"), QStringLiteral("R-9"))->has_value());

        QVERIFY(
            store.addRefund(b.localId, newId(), 2000, 20, T0 + 2500, QStringLiteral("one item back")).ok());
        PurchaseRow bb = **store.byLocalId(b.localId);
        QCOMPARE(bb.refundedMinor, qint64(2000));
        QCOMPARE(bb.pointsReversed, qint64(20));
        // More than is left: refused, and nothing of it written.
        const Status tooMuch = store.addRefund(b.localId, newId(), 3001, 30, T0 + 2600, QString());
        QCOMPARE(tooMuch.error().code, ErrorCode::Refused);
        QCOMPARE((**store.byLocalId(b.localId)).refundedMinor, qint64(2000));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM refunds")), qint64(1));

        QVERIFY(store.markVoided(c.localId, T0 + 3500).ok());
        QCOMPARE(store.markVoided(c.localId, T0 + 3600).error().code, ErrorCode::Conflict);
        QCOMPARE(store.markVoided(9999, T0).error().code, ErrorCode::NotFound);
        QCOMPARE(store.addRefund(c.localId, newId(), 1, 0, T0 + 3700, QString()).error().code,
                 ErrorCode::NotFound);
        QVERIFY(!store.byReceipt(QStringLiteral("S001"), QStringLiteral("R-3"))->has_value());
        // A voided purchase frees its receipt.
        PurchaseRow redo = make(QStringLiteral("R-3"), 6000, T0 + 3800);
        QVERIFY(store.insert(redo).ok());

        // Live purchases only, refunds taken off: 10000 + (5000 - 2000) + 6000 + 100 (other store).
        QCOMPARE(*store.spendSince(mem, T0), qint64(19100));
        QCOMPARE(*store.spendSince(mem, T0 + 2000), qint64(9100));
        QCOMPARE(*store.spendSince(mem, T0 + 3801), qint64(100));
        QCOMPARE(*store.spendSince(mem, T0 + 4001), qint64(0));
        QCOMPARE(*store.spendSince(mem + 1, T0), qint64(0));
        // The card's form: the same spend and the oldest purchase that still counts (voided ones do not).
        QCOMPARE(store.windowSpend(mem, T0)->spendMinor, qint64(19100));
        QCOMPARE(store.windowSpend(mem, T0)->oldestCountedAtMs, std::optional<qint64>(T0 + 1000));
        QCOMPARE(store.windowSpend(mem, T0 + 2500)->oldestCountedAtMs, std::optional<qint64>(T0 + 3800));
        QCOMPARE(store.windowSpend(mem, T0 + 4001)->spendMinor, qint64(0));
        QCOMPARE(store.windowSpend(mem, T0 + 4001)->oldestCountedAtMs, std::nullopt);
        const QStringList plan = planOf("SUM(amount - refunded)");
        QVERIFY2(plan.contains(
                     QStringLiteral("SEARCH purchases USING INDEX purchases_member_at (member=? AND at>?)")),
                 qPrintable(plan.join(u'|')));

        const QList<PurchaseRow> history = *store.forMember(mem, -1);
        QStringList receipts;
        for (const PurchaseRow &p : history)
            receipts << p.receipt + (p.voidedAtMs ? QStringLiteral("(void)") : QString());
        QCOMPARE(receipts, (QStringList{u"R-1"_qs, u"R-3"_qs, u"R-3(void)"_qs, u"R-2"_qs, u"R-1"_qs}));
        QCOMPARE(store.forMember(mem, 2)->size(), 2);

        PurchaseRow negative = make(QStringLiteral("R-4"), -1, T0);
        QCOMPARE(store.insert(negative).error().code, ErrorCode::InvalidInput);
        PurchaseRow nobody = make(QStringLiteral("R-5"), 1, T0);
        nobody.member = 424242;
        QCOMPARE(store.insert(nobody).error().code, ErrorCode::NotFound);
    }

    void ledger()
    {
        const qint64 a =
            addMember(QStringLiteral("A"), QStringLiteral("+8613800000001"), QStringLiteral("100010000019"));
        const qint64 b =
            addMember(QStringLiteral("B"), QStringLiteral("+8613800000002"), QStringLiteral("100010000027"));
        const qint64 c =
            addMember(QStringLiteral("C"), QStringLiteral("+8613800000003"), QStringLiteral("100010000035"));
        LedgerStore store(*m_db);
        LedgerRow e1 = entry(a, QStringLiteral("welcome_gift"), 50);
        e1.expiresAtMs = T0 + 365LL * 86'400'000;
        e1.reason = QStringLiteral("welcome");
        LedgerRow e2 = entry(a, QStringLiteral("earn"), 100);
        LedgerRow e3 = entry(a, QStringLiteral("redeem"), -30);
        e3.reward = QStringLiteral("discount");
        e3.discountMinor = 300;
        e3.approvedBy = QStringLiteral("m01");
        e3.storeId = QStringLiteral("S001");
        e3.receipt = QStringLiteral("R-77");
        for (LedgerRow *e : {&e1, &e2, &e3})
            QVERIFY(store.insert(*e).ok());
        LedgerRow reversal = entry(a, QStringLiteral("void"), -100);
        reversal.reverses = e2.localId;
        QVERIFY(store.insert(reversal).ok());

        QCOMPARE(*store.sumForMember(a), qint64(20));
        QCOMPARE(*store.sumForMember(b), qint64(0));
        QCOMPARE(*store.count(), qint64(4));

        const LedgerRow got = **store.byLocalId(e3.localId);
        QCOMPARE(got.id, e3.id);
        QCOMPARE(got.kind, QStringLiteral("redeem"));
        QCOMPARE(got.points, qint64(-30));
        QCOMPARE(got.reward, QStringLiteral("discount"));
        QCOMPARE(got.discountMinor, std::optional<qint64>(300));
        QCOMPARE(got.approvedBy, QStringLiteral("m01"));
        QCOMPARE(got.rulesVersion, QStringLiteral("2026.1"));
        QCOMPARE(got.storeId, QStringLiteral("S001"));
        QCOMPARE(got.receipt, QStringLiteral("R-77"));
        // The others name no receipt: NULL, which the partial index ledger_receipt leaves out.
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM ledger WHERE receipt IS NULL AND store_id IS NULL")),
            qint64(3));
        QVERIFY(!got.expiresAtMs.has_value());
        QCOMPARE((**store.byLocalId(e1.localId)).expiresAtMs, e1.expiresAtMs);
        QCOMPARE((**store.byLocalId(reversal.localId)).reverses, std::optional<qint64>(e2.localId));
        QCOMPARE((**store.byLocalId(e2.localId)).reward, QString()); // NULL, for COALESCE in reports
        QVERIFY(!store.byLocalId(99999)->has_value());

        auto ids = [](const QList<LedgerRow> &rows) {
            QList<qint64> out;
            for (const LedgerRow &r : rows)
                out << r.localId;
            return out;
        };
        QCOMPARE(ids(*store.forMember(a)),
                 (QList<qint64>{reversal.localId, e3.localId, e2.localId, e1.localId}));
        QCOMPARE(ids(*store.forMember(a, 2, false)), (QList<qint64>{e1.localId, e2.localId}));
        QCOMPARE(store.forMember(b)->size(), 0);

        // Append-only: the triggers refuse edits and deletes, whoever tries.
        for (const QString &sql : {QStringLiteral("UPDATE ledger SET points = 1000 WHERE local_id = %1"),
                                   QStringLiteral("DELETE FROM ledger WHERE local_id = %1")}) {
            auto st = m_db->prepareOnce(sql.arg(e2.localId));
            QVERIFY(st);
            const Status s = st->exec();
            QVERIFY(!s.ok());
            QCOMPARE(s.error().code, ErrorCode::Conflict);
            QCOMPARE(st->resultCode(), SQLITE_CONSTRAINT_TRIGGER);
            QVERIFY2(s.error().detail.contains(QStringLiteral("the points ledger is append-only")),
                     qPrintable(s.error().detail));
        }
        QCOMPARE(*store.sumForMember(a), qint64(20));
        QCOMPARE(*store.count(), qint64(4));

        // An entry that does not say under which rules, where and by whom is refused.
        LedgerRow incomplete = entry(a, QStringLiteral("adjust"), 5);
        incomplete.rulesVersion.clear();
        QCOMPARE(store.insert(incomplete).error().code, ErrorCode::Internal);
        LedgerRow badKind = entry(a, QStringLiteral("gift"), 5);
        QCOMPARE(store.insert(badKind).error().code, ErrorCode::InvalidInput);
        LedgerRow nobody = entry(424242, QStringLiteral("adjust"), 5);
        QCOMPARE(store.insert(nobody).error().code, ErrorCode::NotFound);

        // Balances: a agrees (20), b has a balance without entries, c has entries the balance missed.
        QVERIFY(MemberStore(*m_db).addToBalance(a, 20, T0).ok());
        QVERIFY(MemberStore(*m_db).addToBalance(b, 50, T0).ok());
        LedgerRow ce = entry(c, QStringLiteral("adjust"), 30);
        QVERIFY(store.insert(ce).ok());
        const QList<LedgerStore::Mismatch> mismatches = *store.balanceMismatches(10);
        QCOMPARE(mismatches.size(), 2);
        QCOMPARE(mismatches.at(0).member, b);
        QCOMPARE(mismatches.at(0).cached, qint64(50));
        QCOMPARE(mismatches.at(0).sum, qint64(0));
        QCOMPARE(mismatches.at(1).member, c);
        QCOMPARE(mismatches.at(1).cached, qint64(0));
        QCOMPARE(mismatches.at(1).sum, qint64(30));
        QCOMPARE(store.balanceMismatches(1)->size(), 1);
    }

    void gifts()
    {
        const qint64 mem =
            addMember(QStringLiteral("A"), QStringLiteral("+8613800000001"), QStringLiteral("100010000019"));
        GiftStore store(*m_db);
        QCOMPARE(*store.isGranted(mem, QStringLiteral("birthday"), QStringLiteral("2026")), false);
        QCOMPARE(*store.grant(mem, QStringLiteral("birthday"), QStringLiteral("2026"), std::nullopt, T0),
                 true);
        QCOMPARE(*store.grant(mem, QStringLiteral("birthday"), QStringLiteral("2026"), std::nullopt, T0 + 1),
                 false);
        QCOMPARE(*store.isGranted(mem, QStringLiteral("birthday"), QStringLiteral("2026")), true);
        QCOMPARE(*store.isGranted(mem, QStringLiteral("birthday"), QStringLiteral("2027")), false);
        QCOMPARE(*store.grant(mem, QStringLiteral("birthday"), QStringLiteral("2027"), std::nullopt, T0),
                 true);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM gift_grants")), qint64(2));
        QCOMPARE(scalar(QStringLiteral("SELECT at FROM gift_grants WHERE period = '2026'")), T0);
    }

    void tierChanges()
    {
        const qint64 mem =
            addMember(QStringLiteral("A"), QStringLiteral("+8613800000001"), QStringLiteral("100010000019"));
        TierChangeStore store(*m_db);
        QVERIFY(store
                    .insert(newId(), mem, QStringLiteral("basic"), QStringLiteral("gold"), T0,
                            QStringLiteral("upgrade"), QStringLiteral("2026.1"))
                    .ok());
        QCOMPARE(store
                     .insert(newId(), mem, QStringLiteral("gold"), QStringLiteral("basic"), T0,
                             QStringLiteral("whim"), QStringLiteral("2026.1"))
                     .error()
                     .code,
                 ErrorCode::InvalidInput);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM tier_changes")), qint64(1));
    }

    void outbox()
    {
        OutboxStore store(*m_db);
        QList<qint64> seqs;
        for (int i = 0; i < 3; ++i) {
            OutboxRow row;
            row.id = newId();
            row.kind = QStringLiteral("earn");
            row.entity = newId();
            row.payload = QByteArrayLiteral("{\"points\":") + QByteArray::number(i) + '}';
            row.createdAtMs = T0 + i;
            QVERIFY(store.enqueue(row).ok());
            seqs << row.seq;
        }
        QVERIFY(seqs.at(0) < seqs.at(1) && seqs.at(1) < seqs.at(2));
        QCOMPARE(*store.pendingCount(), qint64(3));
        QList<OutboxRow> pending = *store.pending(10);
        QCOMPARE(pending.size(), 3);
        QCOMPARE(pending.at(1).seq, seqs.at(1));
        QCOMPARE(pending.at(1).payload, QByteArrayLiteral("{\"points\":1}"));
        QCOMPARE(pending.at(1).status, QStringLiteral("pending"));
        QVERIFY(!pending.at(1).entity.isNull());
        // JSON is stored as text, so SQLite's JSON functions read it.
        QCOMPARE(scalar(QStringLiteral("SELECT json_extract(payload, '$.points') FROM outbox WHERE seq = %1")
                            .arg(seqs.at(2))),
                 qint64(2));

        QVERIFY(store.markApplied(seqs.at(1)).ok());
        QVERIFY(store.markRejected(seqs.at(2), QStringLiteral("member merged")).ok());
        pending = *store.pending(10);
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.at(0).seq, seqs.at(0));
        QCOMPARE(*store.pendingCount(), qint64(1));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'rejected'"
                                       " AND last_error = 'member merged'")),
                 qint64(1));
        QCOMPARE(store.markApplied(9999).error().code, ErrorCode::NotFound);
        QCOMPARE(store.pending(0)->size(), 0);
    }

    void auditCashiersSettingsRules()
    {
        AuditStore audit(*m_db);
        AuditRow row;
        row.id = newId();
        row.atMs = T0;
        row.actor = QStringLiteral("m01");
        row.role = QStringLiteral("manager");
        row.terminalId = QStringLiteral("T01");
        row.action = QStringLiteral("adjust");
        row.reason = QStringLiteral("goodwill");
        QVERIFY(audit.append(row).ok());
        QCOMPARE(*audit.count(), qint64(1));
        auto del = m_db->prepareOnce(QStringLiteral("DELETE FROM audit"));
        QCOMPARE(del->exec().error().code, ErrorCode::Conflict);
        QCOMPARE(*audit.count(), qint64(1));

        CashierStore cashiers(*m_db);
        CashierRow c;
        c.id = QStringLiteral("c01");
        c.name = QStringLiteral("Zhou");
        c.role = QStringLiteral("cashier");
        c.pinHash = QByteArray(32, 'h');
        c.pinSalt = QByteArray(16, 's');
        c.pinIterations = 600000;
        c.createdAtMs = T0;
        QVERIFY(cashiers.upsert(c).ok());
        c.role = QStringLiteral("manager");
        c.createdAtMs = T0 + 99; // ignored on update
        QVERIFY(cashiers.upsert(c).ok());
        CashierRow got = **cashiers.byId(QStringLiteral("c01"));
        QCOMPARE(got.role, QStringLiteral("manager"));
        QCOMPARE(got.createdAtMs, T0);
        QCOMPARE(got.pinHash, c.pinHash);
        QCOMPARE(got.pinIterations, 600000);
        QVERIFY(got.active);
        QVERIFY(cashiers.setFailures(QStringLiteral("c01"), 3, T0 + 60000).ok());
        got = **cashiers.byId(QStringLiteral("c01"));
        QCOMPARE(got.failedAttempts, 3);
        QCOMPARE(got.lockedUntilMs, std::optional<qint64>(T0 + 60000));
        QVERIFY(cashiers.setFailures(QStringLiteral("c01"), 0, std::nullopt).ok());
        QVERIFY(!(**cashiers.byId(QStringLiteral("c01"))).lockedUntilMs.has_value());
        QCOMPARE(cashiers.setFailures(QStringLiteral("nobody"), 1, std::nullopt).error().code,
                 ErrorCode::NotFound);
        CashierRow d = c;
        d.id = QStringLiteral("a00");
        QVERIFY(cashiers.upsert(d).ok());
        const QList<CashierRow> all = *cashiers.all();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).id, QStringLiteral("a00"));
        QVERIFY(!cashiers.byId(QStringLiteral("zz"))->has_value());

        SettingsStore settings(*m_db);
        QVERIFY(!settings.get(QStringLiteral("store_id"))->has_value());
        QVERIFY(settings.set(QStringLiteral("store_id"), QStringLiteral("S001")).ok());
        QVERIFY(settings.set(QStringLiteral("store_id"), QStringLiteral("S002")).ok());
        QCOMPARE(**settings.get(QStringLiteral("store_id")), QStringLiteral("S002"));

        RulesStore rules(*m_db);
        QVERIFY(!rules.active()->has_value());
        QVERIFY(rules.activate(QStringLiteral("v1"), QByteArrayLiteral("{\"v\":1}"), T0).ok());
        QVERIFY(rules.activate(QStringLiteral("v2"), QByteArrayLiteral("{\"v\":2}"), T0 + 1).ok());
        QCOMPARE(**rules.active(), QByteArrayLiteral("{\"v\":2}"));
        QVERIFY(rules.activate(QStringLiteral("v1"), QByteArrayLiteral("{\"v\":1}"), T0 + 2).ok());
        QCOMPARE(**rules.active(), QByteArrayLiteral("{\"v\":1}"));
        const Status changed = rules.activate(QStringLiteral("v2"), QByteArrayLiteral("{\"v\":22}"), T0 + 3);
        QCOMPARE(changed.error().code, ErrorCode::Conflict);
        QCOMPARE(**rules.active(), QByteArrayLiteral("{\"v\":1}"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM rules_versions")), qint64(2));
    }

    // One user action (register with a welcome gift): member, ledger entry, balance, outbox, audit. It
    // fails at every statement in turn and leaves nothing; then it succeeds whole.
    void failedActionLeavesNothing()
    {
        auto registerMember = [&]() -> Status {
            Transaction tx(*m_db);
            if (Status s = tx.begin(); !s)
                return s;
            MemberRow m = member(QStringLiteral("Li Na"), QStringLiteral("+8613800138000"),
                                 QStringLiteral("100010000019"));
            if (Status s = MemberStore(*m_db).insert(m); !s)
                return s;
            LedgerRow e = entry(m.localId, QStringLiteral("welcome_gift"), 50);
            if (Status s = LedgerStore(*m_db).insert(e); !s)
                return s;
            if (Status s = MemberStore(*m_db).addToBalance(m.localId, 50, T0); !s)
                return s;
            Result<bool> granted = GiftStore(*m_db).grant(m.localId, QStringLiteral("welcome"),
                                                          QStringLiteral("once"), e.localId, T0);
            if (!granted)
                return granted.error();
            OutboxRow o;
            o.id = newId();
            o.kind = QStringLiteral("register");
            o.entity = m.id;
            o.createdAtMs = T0;
            if (Status s = OutboxStore(*m_db).enqueue(o); !s)
                return s;
            AuditRow a;
            a.id = newId();
            a.atMs = T0;
            a.actor = QStringLiteral("c01");
            a.role = QStringLiteral("cashier");
            a.terminalId = QStringLiteral("T01");
            a.action = QStringLiteral("register");
            a.member = m.localId;
            if (Status s = AuditStore(*m_db).append(a); !s)
                return s;
            return tx.commit();
        };
        auto total = [&] {
            return scalar(
                QStringLiteral("SELECT (SELECT COUNT(*) FROM members) + (SELECT COUNT(*) FROM member_names)"
                               " + (SELECT COUNT(*) FROM ledger) + (SELECT COUNT(*) FROM gift_grants)"
                               " + (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM audit)"));
        };
        int failures = 0;
        for (int n = 0;; ++n) {
            QVERIFY(n < 50);
            m_db->failAfter(n);
            const Status s = registerMember();
            m_db->failAfter(-1);
            if (s.ok())
                break;
            ++failures;
            QCOMPARE(s.error().code, ErrorCode::Storage);
            QVERIFY(!m_db->inTransaction());
            QCOMPARE(total(), qint64(0));
        }
        // member + 3 name tokens + ledger + balance + gift + outbox + audit = 9 statements.
        QCOMPARE(failures, 9);
        QCOMPARE(total(), qint64(1 + 3 + 1 + 1 + 1 + 1));
        QVERIFY(LedgerStore(*m_db).balanceMismatches(10)->isEmpty());
        QCOMPARE((**MemberStore(*m_db).byActivePhone(QStringLiteral("+8613800138000"))).balance, qint64(50));
    }
};

QTEST_GUILESS_MAIN(TestStores)
#include "tst_stores.moc"
