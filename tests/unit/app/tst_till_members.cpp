// Registering and finding members, personal data at rest, and staff login.

#include "tests/support/TillFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace counterpart;
using namespace counterpart::test;

namespace {

// A time of day as the till's messages give it, in the test store's zone.
QString storeTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(QByteArrayLiteral("Asia/Shanghai")))
        .toString(QStringLiteral("HH:mm"));
}

} // namespace

class TestTillMembers : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TillFixture> m_fx;

    Database &db() { return m_fx->db(); }
    QString dbPath() const { return m_fx->dbPath(); }
    QString keyPath() const { return m_fx->keyPath(); }

    static QStringList names(const QList<Member> &members)
    {
        QStringList out;
        for (const Member &m : members)
            out << m.name;
        out.sort();
        return out;
    }

    void reopen(const QString &keyFile) { CP_VERIFY_OK(m_fx->reopen(keyFile)); }

    // The operation the till queued last, as its outbox holds it.
    QJsonObject lastOutboxOp()
    {
        return QJsonDocument::fromJson(
                   rows(db(), QStringLiteral("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1"))
                       .value(0)
                       .toUtf8())
            .object();
    }

    // Mei, a manager (PIN 1234), and Chen, a cashier (PIN 5678).
    void addMeiAndChen()
    {
        CP_VERIFY_OK(m_fx->till->createOperator(QStringLiteral("M1"), QStringLiteral("Mei"), Role::Manager,
                                                QStringLiteral("1234"), 1000));
        CP_VERIFY_OK(m_fx->till->createOperator(QStringLiteral("C1"), QStringLiteral("Chen"), Role::Cashier,
                                                QStringLiteral("5678"), 1000));
    }

private slots:
    // Pinyin finds Chinese names ("wl", "wang li" for 王丽); a till whose names were indexed by a version
    // without pinyin gets it once, at its next start, for every member already there.
    void pinyinFindsChineseNames()
    {
        for (const auto &[name, phone] :
             {std::pair(u"王丽"_qs, u"13912340001"_qs), std::pair(u"王小丽"_qs, u"13912340002"_qs),
              std::pair(u"Wang Li"_qs, u"13912340003"_qs)}) {
            RegisterRequest request;
            request.phone = phone;
            request.name = name;
            CP_VERIFY_OK(m_fx->till->registerMember(request));
        }
        auto names = [&](const QString &typed) {
            QStringList out;
            auto found = m_fx->till->findByNamePrefix(typed);
            if (!found)
                return QStringList{found.error().message + u" "_qs + found.error().detail};
            for (const Member &m : found.value())
                out << m.name;
            return out;
        };
        qWarning() << names(u"wl"_qs) << names(u"wl"_qs) << names(u"wang li"_qs) << names(u"wl"_qs);
        QCOMPARE(names(u"wl"_qs), QStringList{u"王丽"_qs});
        QCOMPARE(names(u"wang li"_qs), (QStringList{u"Wang Li"_qs, u"王丽"_qs}));
        QCOMPARE(names(u"wangx"_qs), QStringList{u"王小丽"_qs});

        // As an older version left it: no pinyin words, no mark that they were added.
        rows(db(), u"DELETE FROM member_names WHERE token GLOB '[a-z]*' AND member IN (SELECT local_id FROM "
                   "members WHERE name GLOB '*[^ -~]*')"_qs);
        rows(db(), u"DELETE FROM settings WHERE key = 'name_tokens_version'"_qs);
        QCOMPARE(names(u"wl"_qs), QStringList{});
        reopen(keyPath());
        QCOMPARE(names(u"wl"_qs), QStringList{u"王丽"_qs});
        QCOMPARE(names(u"wang li"_qs), (QStringList{u"Wang Li"_qs, u"王丽"_qs}));
        QCOMPARE(rows(db(), u"SELECT value FROM settings WHERE key = 'name_tokens_version'"_qs),
                 QStringList{u"2"_qs});
    }

    void initTestCase()
    {
        quietInfoLogs();
        // Nothing in these tests may fall back to the user's own key folder.
        static TempDir keys;
        qputenv("COUNTERPART_KEY_FILE", keys.file(QStringLiteral("env.key")).toLocal8Bit());
    }
    void init()
    {
        m_fx = std::make_unique<TillFixture>();
        CP_VERIFY_OK(m_fx->open());
    }
    void cleanup() { m_fx.reset(); }

    // --- registration -----------------------------------------------------------------------------

    void registerValidation_data()
    {
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QDate>("birth");
        QTest::addColumn<QString>("idNumber");
        const QString phone = QStringLiteral("13800138000");
        const QString name = QStringLiteral("Li Na");
        QTest::newRow("too short") << QStringLiteral("12345") << name << QDate() << QString();
        QTest::newRow("letters") << QStringLiteral("138abc38000") << name << QDate() << QString();
        QTest::newRow("empty") << QString() << name << QDate() << QString();
        QTest::newRow("empty name") << phone << QString() << QDate() << QString();
        QTest::newRow("blank name") << phone << QStringLiteral(" \t ") << QDate() << QString();
        QTest::newRow("control character") << phone << QStringLiteral("Li\u0007Na") << QDate() << QString();
        QTest::newRow("name too long") << phone << QString(61, QLatin1Char('a')) << QDate() << QString();
        QTest::newRow("born tomorrow") << phone << name << QDate(2026, 3, 3) << QString();
        QTest::newRow("born 1899") << phone << name << QDate(1899, 12, 31) << QString();
        QTest::newRow("ID number too long") << phone << name << QDate() << QString(33, QLatin1Char('1'));
    }
    void registerValidation()
    {
        QFETCH(QString, phone);
        QFETCH(QString, name);
        QFETCH(QDate, birth);
        QFETCH(QString, idNumber);
        RegisterRequest request;
        request.phone = phone;
        request.name = name;
        if (birth.isValid())
            request.birthDate = birth;
        request.idNumber = idNumber;
        const QStringList before = dump(db());
        auto r = m_fx->till->registerMember(request);
        CP_VERIFY_FAILS(r, ErrorCode::InvalidInput);
        QVERIFY(!r.error().message.isEmpty());
        QCOMPARE(dump(db()), before);
        QCOMPARE(count(db(), "members"), qint64(0));

        // Born today is fine.
        request.phone = QStringLiteral("13800138000");
        request.name = QStringLiteral("Li Na");
        request.birthDate = QDate(2026, 3, 2);
        request.idNumber.clear();
        CP_VERIFY_OK(m_fx->till->registerMember(request));
    }

    void phoneConflictNamesTheOwner()
    {
        const Member owner = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        QCOMPARE(owner.phone.e164(), QStringLiteral("+8613800138000"));
        QCOMPARE(owner.code.terminalNumber(), 12345);
        const QStringList before = dump(db());
        RegisterRequest request;
        request.phone = QStringLiteral("+86 138 0013 8000");
        request.name = QStringLiteral("Wang Fang");
        auto r = m_fx->till->registerMember(request);
        CP_VERIFY_FAILS(r, ErrorCode::Conflict);
        const QString message = r.error().message;
        QVERIFY2(message.contains(QStringLiteral("Li Na")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("138 0013 8000")), qPrintable(message));
        QVERIFY2(message.contains(owner.code.grouped()), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("Wang")), qPrintable(message));
        QCOMPARE(dump(db()), before);
    }

    void consentRecordedWithTime()
    {
        const qint64 joinedAt = m_fx->clock.nowMs();
        RegisterRequest request;
        request.phone = QStringLiteral("13800138000");
        request.name = QStringLiteral("Li Na");
        request.marketingConsent = true;
        auto r = m_fx->till->registerMember(request);
        CP_VERIFY_OK(r);
        QCOMPARE(r->member.marketingConsent, true);
        QCOMPARE(r->member.consentAtMs, std::optional<qint64>(joinedAt));
        QCOMPARE(rows(db(), QStringLiteral("SELECT marketing_consent, consent_at FROM members")),
                 QStringList{QStringLiteral("1|%1").arg(joinedAt)});

        m_fx->clock.advanceDays(3);
        const qint64 withdrawnAt = m_fx->clock.nowMs();
        CP_VERIFY_OK(m_fx->till->setMarketingConsent(r->member.id, false));
        auto after = m_fx->till->findById(r->member.id);
        CP_VERIFY_OK(after);
        QVERIFY(after->has_value());
        QCOMPARE(after->value().marketingConsent, false);
        QCOMPARE(after->value().consentAtMs, std::optional<qint64>(withdrawnAt));
        QCOMPARE(count(db(), "audit", "action = 'member.consent'"), qint64(1));

        // Saying no at the counter is recorded with its time too.
        RegisterRequest no = request;
        no.phone = QStringLiteral("13900139000");
        no.marketingConsent = false;
        auto declined = m_fx->till->registerMember(no);
        CP_VERIFY_OK(declined);
        QCOMPARE(declined->member.marketingConsent, false);
        QCOMPARE(declined->member.consentAtMs, std::optional<qint64>(withdrawnAt));
    }

    void personalDataEncryptedAtRest()
    {
        addMeiAndChen();
        const QString idNumber = QStringLiteral("11010519900307002X");
        RegisterRequest request;
        request.phone = QStringLiteral("13800138000");
        request.name = QStringLiteral("Li Na");
        request.birthDate = QDate(1990, 3, 7);
        request.idNumber = idNumber;
        auto r = m_fx->till->registerMember(request);
        CP_VERIFY_OK(r);
        const Member m = r->member;
        QCOMPARE(m.birthMonth, std::optional<int>(3));
        QCOMPARE(m.birthDay, std::optional<int>(7));

        const QStringList raw =
            rows(db(), QStringLiteral("SELECT birth_month, birth_day, typeof(birth_date_enc), "
                                      "typeof(id_number_enc), length(id_number_enc) > 18 "
                                      "FROM members"));
        QCOMPARE(raw, QStringList{QStringLiteral("3|7|blob|blob|1")});

        // The plaintext is nowhere in the file or its write-ahead log.
        QByteArray bytes;
        for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
            QFile f(dbPath() + suffix);
            if (f.open(QIODevice::ReadOnly))
                bytes += f.readAll();
        }
        QVERIFY(bytes.size() > 4096);
        QVERIFY(bytes.contains(QByteArrayLiteral("Li Na"))); // the scan does see plain text
        QVERIFY(!bytes.contains(idNumber.toUtf8()));
        QVERIFY(!bytes.contains(QByteArrayLiteral("11010519900307")));
        QVERIFY(!bytes.contains(QByteArrayLiteral("1990-03-07")));
        QVERIFY(!bytes.contains(QByteArrayLiteral("19900307")));

        // A cashier alone cannot read it; with a manager's PIN, or as a manager, it reads back.
        auto op = m_fx->till->login(QStringLiteral("C1"), QStringLiteral("5678"));
        CP_VERIFY_OK(op);
        m_fx->till->setOperator(op.value());
        CP_VERIFY_FAILS(m_fx->till->privateDetails(m.id, std::nullopt), ErrorCode::PermissionDenied);
        CP_VERIFY_FAILS(
            m_fx->till->privateDetails(m.id, ManagerApproval{QStringLiteral("C1"), QStringLiteral("5678")}),
            ErrorCode::PermissionDenied);
        auto approved =
            m_fx->till->privateDetails(m.id, ManagerApproval{QStringLiteral("M1"), QStringLiteral("1234")});
        CP_VERIFY_OK(approved);
        QCOMPARE(approved->first, std::optional<QDate>(QDate(1990, 3, 7)));
        QCOMPARE(approved->second, idNumber);
        QCOMPARE(rows(db(), QStringLiteral("SELECT actor, approved_by FROM audit WHERE action = "
                                           "'member.private_details'")),
                 QStringList{QStringLiteral("C1|M1")});

        auto manager = m_fx->till->login(QStringLiteral("M1"), QStringLiteral("1234"));
        CP_VERIFY_OK(manager);
        m_fx->till->setOperator(manager.value());
        auto direct = m_fx->till->privateDetails(m.id, std::nullopt);
        CP_VERIFY_OK(direct);
        QCOMPARE(direct->second, idNumber);

        // Still readable after reopening with the same key.
        reopen(keyPath());
        m_fx->till->setOperator(manager.value());
        auto reopened = m_fx->till->privateDetails(m.id, std::nullopt);
        CP_VERIFY_OK(reopened);
        QCOMPARE(reopened->first, std::optional<QDate>(QDate(1990, 3, 7)));
        QCOMPARE(reopened->second, idNumber);
    }

    // --- corrections to a member's details -------------------------------------------------------

    void profileEditsFieldByField()
    {
        CP_VERIFY_OK(m_fx->till->createOperator(QStringLiteral("C1"), QStringLiteral("Chen"), Role::Cashier,
                                                QStringLiteral("5678"), 1000));
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->signIn(QStringLiteral("C1"), QStringLiteral("5678")));
        const qint64 opsBefore = count(db(), "outbox");

        ProfileChange change;
        change.name = QStringLiteral("  Wang   Fang ");
        change.gender = QStringLiteral("female");
        change.note = QStringLiteral(" prefers WeChat ");
        auto edited = m_fx->till->updateProfile(m.id, change, std::nullopt);
        CP_VERIFY_OK(edited);
        QCOMPARE(edited->name, QStringLiteral("Wang Fang"));
        QCOMPARE(edited->gender, QStringLiteral("female"));
        QCOMPARE(edited->note, QStringLiteral("prefers WeChat"));
        QCOMPARE(edited->phone.e164(), m.phone.e164());

        // The name search follows the new name and forgets the old one.
        auto byNew = m_fx->till->findByNamePrefix(QStringLiteral("fan"));
        CP_VERIFY_OK(byNew);
        QCOMPARE(names(byNew.value()), QStringList{QStringLiteral("Wang Fang")});
        auto byOld = m_fx->till->findByNamePrefix(QStringLiteral("Li"));
        CP_VERIFY_OK(byOld);
        QVERIFY(byOld->isEmpty());

        // One member.update with exactly the changed fields, and one audit row naming them (not their
        // values).
        QCOMPARE(count(db(), "outbox"), opsBefore + 1);
        const QJsonObject op =
            QJsonDocument::fromJson(rows(db(), QStringLiteral("SELECT payload FROM outbox ORDER BY seq DESC "
                                                              "LIMIT 1"))
                                        .value(0)
                                        .toUtf8())
                .object();
        QCOMPARE(rows(db(), QStringLiteral("SELECT kind FROM outbox ORDER BY seq DESC LIMIT 1")),
                 QStringList{QStringLiteral("member.update")});
        const QJsonObject fields = op.value(QStringLiteral("fields")).toObject();
        QCOMPARE(fields.keys(),
                 (QStringList{QStringLiteral("gender"), QStringLiteral("name"), QStringLiteral("note")}));
        QCOMPARE(fields.value(QStringLiteral("name")).toString(), QStringLiteral("Wang Fang"));
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT actor, details FROM audit WHERE action = 'member.profile'")),
            QStringList{QStringLiteral("C1|{\"fields\":[\"name\",\"gender\",\"note\"]}")});

        // The same values again change nothing: no operation, no audit row.
        auto again = m_fx->till->updateProfile(m.id, change, std::nullopt);
        CP_VERIFY_OK(again);
        QCOMPARE(again->name, QStringLiteral("Wang Fang"));
        QCOMPARE(count(db(), "outbox"), opsBefore + 1);
        QCOMPARE(count(db(), "audit", "action = 'member.profile'"), qint64(1));
    }

    void profileBirthdayAndIdNeedAManager()
    {
        addMeiAndChen();
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->signIn(QStringLiteral("C1"), QStringLiteral("5678")));
        const ManagerApproval mei{QStringLiteral("M1"), QStringLiteral("1234")};

        ProfileChange birthday;
        birthday.birthDate = QDate(1991, 6, 2);
        CP_VERIFY_FAILS(m_fx->till->updateProfile(m.id, birthday, std::nullopt), ErrorCode::PermissionDenied);
        CP_VERIFY_FAILS(m_fx->till->updateProfile(
                            m.id, birthday, ManagerApproval{QStringLiteral("C1"), QStringLiteral("5678")}),
                        ErrorCode::PermissionDenied);
        QCOMPARE(count(db(), "audit", "action = 'member.profile'"), qint64(0));

        ProfileChange both = birthday;
        both.idNumber = QStringLiteral("11010519910602002X");
        auto edited = m_fx->till->updateProfile(m.id, both, mei);
        CP_VERIFY_OK(edited);
        QCOMPARE(edited->birthMonth, std::optional<int>(6));
        QCOMPARE(edited->birthDay, std::optional<int>(2));
        auto details = m_fx->till->privateDetails(m.id, mei);
        CP_VERIFY_OK(details);
        QCOMPARE(details->first, std::optional<QDate>(QDate(1991, 6, 2)));
        QCOMPARE(details->second, QStringLiteral("11010519910602002X"));
        QCOMPARE(rows(db(),
                      QStringLiteral("SELECT actor, approved_by FROM audit WHERE action = 'member.profile'")),
                 QStringList{QStringLiteral("C1|M1")});

        // Removing both: the columns are empty and the operation says so (null month and day, empty seals).
        ProfileChange removal;
        removal.birthDate = std::optional<QDate>();
        removal.idNumber = QString();
        CP_VERIFY_OK(m_fx->till->updateProfile(m.id, removal, mei));
        QCOMPARE(rows(db(),
                      QStringLiteral("SELECT ifnull(birth_month, '-'), ifnull(birth_day, '-'), "
                                     "ifnull(birth_date_enc, '-'), ifnull(id_number_enc, '-') FROM members")),
                 QStringList{QStringLiteral("-|-|-|-")});
        const QJsonObject fields =
            QJsonDocument::fromJson(rows(db(), QStringLiteral("SELECT payload FROM outbox ORDER BY seq DESC "
                                                              "LIMIT 1"))
                                        .value(0)
                                        .toUtf8())
                .object()
                .value(QStringLiteral("fields"))
                .toObject();
        QVERIFY(fields.value(QStringLiteral("birthMonth")).isNull());
        QVERIFY(fields.value(QStringLiteral("birthDay")).isNull());
        QCOMPARE(fields.value(QStringLiteral("birthDateEnc")).toString(), QString());
        QCOMPARE(fields.value(QStringLiteral("idNumberEnc")).toString(), QString());
    }

    // Closing: a manager's decision; the balance forfeited by an adjustment, the status, the
    // member.close and the audit row in one transaction; the member no longer found, the phone free.
    void closeMembershipForfeitsAndFreesThePhone()
    {
        addMeiAndChen();
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->earn(m, 12345, QStringLiteral("R-1")));
        CP_VERIFY_OK(m_fx->signIn(QStringLiteral("C1"), QStringLiteral("5678")));
        const qint64 balance = m_fx->till->findById(m.id)->value().balance;
        QVERIFY(balance > 0);
        const qint64 opsBefore = count(db(), "outbox");
        const qint64 entriesBefore = count(db(), "ledger");

        // A cashier alone cannot; a reason longer than the audit keeps is refused; nothing is written.
        CP_VERIFY_FAILS(m_fx->till->closeMembership(m.id, QString(), std::nullopt),
                        ErrorCode::PermissionDenied);
        const ManagerApproval mei{QStringLiteral("M1"), QStringLiteral("1234")};
        CP_VERIFY_FAILS(m_fx->till->closeMembership(m.id, QString(201, QLatin1Char('x')), mei),
                        ErrorCode::InvalidInput);
        QCOMPARE(count(db(), "outbox"), opsBefore);
        QCOMPARE(rows(db(), QStringLiteral("SELECT status FROM members")),
                 QStringList{QStringLiteral("active")});

        auto closed = m_fx->till->closeMembership(m.id, QStringLiteral(" moving   away "), mei);
        CP_VERIFY_OK(closed);
        QCOMPARE(closed->pointsForfeited, balance);
        QCOMPARE(closed->member.balance, qint64(0));
        QCOMPARE(closed->member.status, QStringLiteral("closed"));
        QCOMPARE(count(db(), "ledger"), entriesBefore + 1);
        QCOMPARE(rows(db(), QStringLiteral("SELECT kind, points, reason, approved_by FROM ledger "
                                           "ORDER BY local_id DESC LIMIT 1")),
                 QStringList{QStringLiteral("adjust|%1|membership closed: moving away|M1").arg(-balance)});
        QCOMPARE(count(db(), "outbox"), opsBefore + 1);
        const QJsonObject op = lastOutboxOp();
        QCOMPARE(op.value(QStringLiteral("op")).toString(), QStringLiteral("member.close"));
        QCOMPARE(op.value(QStringLiteral("reason")).toString(), QStringLiteral("moving away"));
        QCOMPARE(op.value(QStringLiteral("entries")).toArray().size(), 1);
        QCOMPARE(op.value(QStringLiteral("entries"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("points"))
                     .toInteger(),
                 -balance);
        QCOMPARE(
            rows(db(), QStringLiteral(
                           "SELECT actor, approved_by, details FROM audit WHERE action = 'member.close'")),
            QStringList{QStringLiteral("C1|M1|{\"pointsForfeited\":%1}").arg(balance)});

        // Not found any more, no points to take, and the phone joins again as a new member.
        auto byPhone = m_fx->till->lookup(QStringLiteral("138 0013 8000"));
        CP_VERIFY_OK(byPhone);
        QCOMPARE(byPhone->kind, LookupResult::Kind::None);
        CP_VERIFY_FAILS(m_fx->earn(m, 1000, QStringLiteral("R-2")), ErrorCode::Refused);
        CP_VERIFY_FAILS(m_fx->till->closeMembership(m.id, QString(), mei), ErrorCode::Refused);
        ProfileChange rename;
        rename.name = QStringLiteral("Li Nana");
        CP_VERIFY_FAILS(m_fx->till->updateProfile(m.id, rename, mei), ErrorCode::Refused);
        CP_VERIFY_FAILS(m_fx->till->setNote(m.id, QStringLiteral("gone")), ErrorCode::Refused);
        const Member again = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        QVERIFY(again.id != m.id);
    }

    // A new number (manager only): checked like a registration's, the old one still finds the member for
    // the rules' days and then no more; a member.phone and an audit row in the same transaction.
    void phoneChangeKeepsTheOldNumberForAWhile()
    {
        addMeiAndChen();
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        const Member other = m_fx->join(QStringLiteral("13900139000"), QStringLiteral("Wang Fang"));
        CP_VERIFY_OK(m_fx->signIn(QStringLiteral("C1"), QStringLiteral("5678")));
        const qint64 opsBefore = count(db(), "outbox");
        const ManagerApproval mei{QStringLiteral("M1"), QStringLiteral("1234")};

        // Refused, writing nothing: a cashier alone, a malformed number, the same number, another's.
        CP_VERIFY_FAILS(m_fx->till->changePhone(m.id, QStringLiteral("13700137000"), std::nullopt),
                        ErrorCode::PermissionDenied);
        CP_VERIFY_FAILS(m_fx->till->changePhone(m.id, QStringLiteral("1370"), mei), ErrorCode::InvalidInput);
        CP_VERIFY_FAILS(m_fx->till->changePhone(m.id, QStringLiteral("138 0013 8000"), mei),
                        ErrorCode::InvalidInput);
        auto taken = m_fx->till->changePhone(m.id, QStringLiteral("+86 139 0013 9000"), mei);
        QVERIFY(!taken);
        QVERIFY2(taken.error().message.contains(QStringLiteral("Wang Fang")),
                 qPrintable(taken.error().message));
        QCOMPARE(count(db(), "outbox"), opsBefore);
        QCOMPARE(count(db(), "member_phones"), qint64(0));

        auto changed = m_fx->till->changePhone(m.id, QStringLiteral("137 0013 7000"), mei);
        CP_VERIFY_OK(changed);
        QCOMPARE(changed->phone.e164(), QStringLiteral("+8613700137000"));
        QCOMPARE(count(db(), "outbox"), opsBefore + 1);
        const QJsonObject op = lastOutboxOp();
        QCOMPARE(op.value(QStringLiteral("op")).toString(), QStringLiteral("member.phone"));
        QCOMPARE(op.value(QStringLiteral("phone")).toString(), QStringLiteral("+8613700137000"));
        QCOMPARE(op.value(QStringLiteral("previous")).toString(), QStringLiteral("+8613800138000"));
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT actor, approved_by FROM audit WHERE action = 'member.phone'")),
            QStringList{QStringLiteral("C1|M1")});

        // Both numbers find the member; the old one says so. The last four digits follow the new one.
        auto byNew = m_fx->till->lookup(QStringLiteral("13700137000"));
        CP_VERIFY_OK(byNew);
        QCOMPARE(byNew->kind, LookupResult::Kind::Member);
        QVERIFY(byNew->explanation.isEmpty());
        auto byOld = m_fx->till->lookup(QStringLiteral("0138 0013 8000"));
        CP_VERIFY_OK(byOld);
        QCOMPARE(byOld->kind, LookupResult::Kind::Member);
        QCOMPARE(byOld->members.front().id, m.id);
        // The new number masked: knowing the old one must not give it away.
        QVERIFY2(byOld->explanation.contains(QStringLiteral("7000")) &&
                     !byOld->explanation.contains(QStringLiteral("137")),
                 qPrintable(byOld->explanation));
        QCOMPARE(m_fx->till->findByLast4(QStringLiteral("7000"))->size(), 1);
        QCOMPARE(m_fx->till->findByLast4(QStringLiteral("8000"))->size(), 0);
        QCOMPARE(m_fx->till->previousPhones(m.id).value().size(), 1);

        // After the rules' 90 days the old number finds nobody; before that, a new member may take it
        // (a number the carrier gave to someone else), and then it is theirs alone.
        m_fx->clock.advanceDays(89);
        QCOMPARE(m_fx->till->lookup(QStringLiteral("13800138000"))->kind, LookupResult::Kind::Member);
        const Member newcomer = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Zhao Lei"));
        auto nowTheirs = m_fx->till->lookup(QStringLiteral("13800138000"));
        QCOMPARE(nowTheirs->members.front().id, newcomer.id);
        QVERIFY(nowTheirs->explanation.isEmpty());
        m_fx->clock.advanceDays(2);
        QVERIFY(m_fx->till->previousPhones(m.id).value().isEmpty());
        // The new number is now as much the member's as the first was.
        CP_VERIFY_FAILS(m_fx->till->changePhone(other.id, QStringLiteral("13700137000"), mei),
                        ErrorCode::Conflict);
    }

    // Erasure (manager only): an open membership is closed with its forfeit, then the personal data goes
    // from the row, the search words, the old numbers and the answered operations; ledger and purchases
    // stay; the figures still add up; the phone can join again. Erasing twice is refused plainly.
    void eraseRemovesPersonalDataKeepsTheLedger()
    {
        addMeiAndChen();
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->earn(m, 12345, QStringLiteral("R-1")));
        const ManagerApproval mei{QStringLiteral("M1"), QStringLiteral("1234")};
        ProfileChange details;
        details.birthDate = QDate(1990, 5, 20);
        details.idNumber = QStringLiteral("110101199005201234");
        details.note = QStringLiteral("likes oolong");
        CP_VERIFY_OK(m_fx->till->updateProfile(m.id, details, mei));
        CP_VERIFY_OK(m_fx->till->changePhone(m.id, QStringLiteral("13700137000"), mei));
        CP_VERIFY_OK(m_fx->signIn(QStringLiteral("C1"), QStringLiteral("5678")));
        // As if synced: the answered operations are the ones this till keeps for good.
        CP_VERIFY_OK(db().execute(QStringLiteral("UPDATE outbox SET status = 'applied'")));
        const qint64 balance = m_fx->till->findById(m.id)->value().balance;
        const qint64 entriesBefore = count(db(), "ledger");

        CP_VERIFY_FAILS(m_fx->till->eraseMember(m.id, std::nullopt), ErrorCode::PermissionDenied);
        QVERIFY(!m_fx->till->findById(m.id)->value().erasedAtMs);
        auto erased = m_fx->till->eraseMember(m.id, mei);
        CP_VERIFY_OK(erased);
        QCOMPARE(erased->pointsForfeited, balance);
        QVERIFY(erased->member.erasedAtMs.has_value());
        QCOMPARE(rows(db(), QStringLiteral(
                                "SELECT name || '|' || phone || '|' || phone_last4 || '|' || gender || '|'"
                                " || note || '|' || status || '|' || balance || '|' ||"
                                " (birth_month IS NULL) || (birth_date_enc IS NULL) ||"
                                " (id_number_enc IS NULL) FROM members")),
                 QStringList{QStringLiteral("|||||closed|0|111")});
        QCOMPARE(count(db(), "member_names"), qint64(0));
        QCOMPARE(count(db(), "member_phones"), qint64(0));
        QCOMPARE(count(db(), "ledger"), entriesBefore + 1);
        QCOMPARE(count(db(), "purchases"), qint64(1));
        QCOMPARE(count(db(), "outbox", "status = 'pending'"), qint64(2)); // member.close, member.erase
        QCOMPARE(count(db(), "outbox",
                       "payload LIKE '%Li Na%' OR payload LIKE '%1380013800%' OR "
                       "payload LIKE '%1370013700%' OR payload LIKE '%oolong%'"),
                 qint64(0));
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT actor, approved_by FROM audit WHERE action = 'member.erase'")),
            QStringList{QStringLiteral("C1|M1")});
        auto report = m_fx->till->check(false);
        CP_VERIFY_OK(report);
        QVERIFY(report->ok);

        CP_VERIFY_FAILS(m_fx->till->eraseMember(m.id, mei), ErrorCode::Refused);
        QCOMPARE(m_fx->till->lookup(QStringLiteral("13700137000"))->kind, LookupResult::Kind::None);
        QCOMPARE(m_fx->till->lookup(QStringLiteral("13800138000"))->kind, LookupResult::Kind::None);
        const Member again = m_fx->join(QStringLiteral("13700137000"), QStringLiteral("Li Na"));
        QVERIFY(again.id != m.id);
    }

    void profileBadInputWritesNothing_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("empty name") << 0;
        QTest::newRow("unknown gender") << 1;
        QTest::newRow("birthday in the future") << 2;
        QTest::newRow("ID number too long") << 3;
        QTest::newRow("note too long") << 4;
    }

    void profileBadInputWritesNothing()
    {
        QFETCH(int, which);
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        const qint64 opsBefore = count(db(), "outbox");
        ProfileChange change;
        change.note = QStringLiteral("fine"); // a good field beside the bad one is not written either
        if (which == 0)
            change.name = QStringLiteral("   ");
        if (which == 1)
            change.gender = QStringLiteral("f");
        if (which == 2)
            change.birthDate = m_fx->clock.nowUtc().date().addDays(2);
        if (which == 3)
            change.idNumber = QString(40, QLatin1Char('1'));
        if (which == 4)
            change.note = QString(501, QLatin1Char('x'));
        CP_VERIFY_FAILS(m_fx->till->updateProfile(m.id, change, std::nullopt), ErrorCode::InvalidInput);
        QCOMPARE(count(db(), "outbox"), opsBefore);
        QCOMPARE(rows(db(), QStringLiteral("SELECT name, note FROM members")),
                 QStringList{QStringLiteral("Li Na|")});
    }

    // --- lookup -----------------------------------------------------------------------------------

    void lookupEveryForm_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QStringList>("found");
        QTest::addColumn<QString>("explanationHas");
        const int member = int(LookupResult::Kind::Member);
        const int candidates = int(LookupResult::Kind::Candidates);
        const int none = int(LookupResult::Kind::None);
        const QStringList liNa{QStringLiteral("Li Na")};
        QTest::newRow("plain") << QStringLiteral("13800138000") << member << liNa << QString();
        QTest::newRow("trunk zero and spaces")
            << QStringLiteral("0138 0013 8000") << member << liNa << QString();
        QTest::newRow("+86 and dashes") << QStringLiteral("+86 138-0013-8000") << member << liNa << QString();
        QTest::newRow("0086") << QStringLiteral("0086 13800138000") << member << liNa << QString();
        QTest::newRow("full-width") << QStringLiteral("１３８００１３８０００") << member << liNa
                                    << QString();
        QTest::newRow("padded") << QStringLiteral("  13800138000\n") << member << liNa << QString();
        QTest::newRow("last four") << QStringLiteral("8000") << candidates
                                   << QStringList({QStringLiteral("Li Na"), QStringLiteral("Liam Smith")})
                                   << QString();
        QTest::newRow("last four, full-width")
            << QStringLiteral("７０００") << candidates << QStringList{QStringLiteral("王芳")} << QString();
        QTest::newRow("last four, nobody")
            << QStringLiteral("4321") << none << QStringList() << QStringLiteral("4321");
        QTest::newRow("name prefix") << QStringLiteral("li") << candidates
                                     << QStringList({QStringLiteral("Li Na"), QStringLiteral("Liam Smith")})
                                     << QString();
        QTest::newRow("second word") << QStringLiteral("smi") << candidates
                                     << QStringList{QStringLiteral("Liam Smith")} << QString();
        QTest::newRow("Chinese prefix")
            << QStringLiteral("王") << candidates
            << QStringList({QStringLiteral("王小明"), QStringLiteral("王芳")}) << QString();
        QTest::newRow("Chinese full name")
            << QStringLiteral("王小明") << candidates << QStringList{QStringLiteral("王小明")} << QString();
        QTest::newRow("unknown name")
            << QStringLiteral("Zhang") << none << QStringList() << QStringLiteral("Zhang");
        QTest::newRow("unknown phone")
            << QStringLiteral("13911112222") << none << QStringList() << QStringLiteral("139 1111 2222");
        QTest::newRow("newer card") << QStringLiteral("CP9:123456789012") << none << QStringList()
                                    << QStringLiteral("newer version");
        QTest::newRow("too few digits")
            << QStringLiteral("12") << none << QStringList() << QStringLiteral("last four");
        QTest::newRow("garbage") << QStringLiteral("#%&*!") << none << QStringList()
                                 << QStringLiteral("#%&*!");
        QTest::newRow("empty") << QStringLiteral("   ") << none << QStringList()
                               << QStringLiteral("phone number");
    }
    void lookupEveryForm()
    {
        QFETCH(QString, typed);
        QFETCH(int, kind);
        QFETCH(QStringList, found);
        QFETCH(QString, explanationHas);
        QCOMPARE(m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na")).name,
                 QStringLiteral("Li Na"));
        m_fx->join(QStringLiteral("13900008000"), QStringLiteral("Liam Smith"));
        m_fx->join(QStringLiteral("13700137000"), QStringLiteral("王芳"));
        m_fx->join(QStringLiteral("13600136001"), QStringLiteral("王小明"));
        m_fx->join(QStringLiteral("13500135001"), QStringLiteral("Wang Fang"));

        auto r = m_fx->till->lookup(typed);
        CP_VERIFY_OK(r);
        QCOMPARE(int(r->kind), kind);
        QCOMPARE(names(r->members), found);
        if (kind == int(LookupResult::Kind::None)) {
            QVERIFY2(r->explanation.contains(explanationHas), qPrintable(r->explanation));
        }
    }

    void lookupByMemberCode()
    {
        const Member a = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        const Member b = m_fx->join(QStringLiteral("13900139000"), QStringLiteral("Wang Fang"));
        QCOMPARE(a.code.digits().size(), 12);
        QVERIFY(a.code != b.code);

        const QString grouped = a.code.grouped();
        QCOMPARE(grouped.size(), 14);
        const QStringList forms = {
            a.code.digits(), grouped, QString(QStringLiteral("CP1:") + a.code.digits()),
            QString(QStringLiteral("cp1:") + a.code.digits() + QStringLiteral("\r\n"))};
        for (const QString &typed : forms) {
            auto r = m_fx->till->lookup(typed);
            CP_VERIFY_OK(r);
            QCOMPARE(int(r->kind), int(LookupResult::Kind::Member));
            QCOMPARE(r->members.size(), 1);
            QCOMPARE(r->members[0].id, a.id);
        }
        auto scanned = m_fx->till->findByScan(MemberQrPayload{1, b.code}.encode());
        CP_VERIFY_OK(scanned);
        QVERIFY(scanned->has_value());
        QCOMPARE(scanned->value().id, b.id);

        // A valid code this till has not seen: say it may not have synced.
        auto elsewhere = MemberCode::make(54321, 7);
        CP_VERIFY_OK(elsewhere);
        auto unknown = m_fx->till->lookup(QStringLiteral("CP1:") + elsewhere->digits());
        CP_VERIFY_OK(unknown);
        QCOMPARE(int(unknown->kind), int(LookupResult::Kind::None));
        QVERIFY2(unknown->explanation.contains(elsewhere->grouped()), qPrintable(unknown->explanation));

        // One wrong digit is caught by the check digit, never matched to someone else.
        QString typo = a.code.digits();
        typo[5] = typo[5] == QLatin1Char('9') ? QLatin1Char('0') : QChar(typo[5].unicode() + 1);
        auto wrong = m_fx->till->lookup(QStringLiteral("CP1:") + typo);
        CP_VERIFY_OK(wrong);
        QCOMPARE(int(wrong->kind), int(LookupResult::Kind::None));
        QVERIFY(wrong->members.isEmpty());
        QVERIFY(!wrong->explanation.isEmpty());
    }

    // --- staff ------------------------------------------------------------------------------------

    void staffLoginLockout()
    {
        CP_VERIFY_OK(m_fx->till->createOperator(QStringLiteral("C1"), QStringLiteral("Chen"), Role::Cashier,
                                                QStringLiteral("1234"), 1000));
        auto ok = m_fx->till->login(QStringLiteral("C1"), QStringLiteral("1234"));
        CP_VERIFY_OK(ok);
        QCOMPARE(ok->id, QStringLiteral("C1"));
        QCOMPARE(ok->name, QStringLiteral("Chen"));
        QCOMPARE(int(ok->role), int(Role::Cashier));

        // A success resets the count: four wrong, one right, four wrong again is no lock.
        for (int i = 0; i < 4; ++i)
            CP_VERIFY_FAILS(m_fx->till->login(QStringLiteral("C1"), QStringLiteral("0000")),
                            ErrorCode::PermissionDenied);
        CP_VERIFY_OK(m_fx->till->login(QStringLiteral("C1"), QStringLiteral("1234")));
        for (int i = 0; i < 4; ++i) {
            auto wrong = m_fx->till->login(QStringLiteral("C1"), QStringLiteral("0000"));
            CP_VERIFY_FAILS(wrong, ErrorCode::PermissionDenied);
            QVERIFY2(wrong.error().message.contains(QStringLiteral("%1 more").arg(4 - i)),
                     qPrintable(wrong.error().message));
        }
        const qint64 lockedAt = m_fx->clock.nowMs();
        auto fifth = m_fx->till->login(QStringLiteral("C1"), QStringLiteral("0000"));
        CP_VERIFY_FAILS(fifth, ErrorCode::PermissionDenied);
        QVERIFY2(fifth.error().message.contains(
                     QStringLiteral("locked until %1").arg(storeTime(lockedAt + 5 * 60'000))),
                 qPrintable(fifth.error().message));

        auto locked = m_fx->till->login(QStringLiteral("C1"), QStringLiteral("1234"));
        CP_VERIFY_FAILS(locked, ErrorCode::PermissionDenied);
        QVERIFY2(locked.error().message.contains(QStringLiteral("Too many wrong PINs")),
                 qPrintable(locked.error().message));
        m_fx->clock.setMs(lockedAt + 5 * 60'000 - 1000);
        CP_VERIFY_FAILS(m_fx->till->login(QStringLiteral("C1"), QStringLiteral("1234")),
                        ErrorCode::PermissionDenied);
        m_fx->clock.setMs(lockedAt + 5 * 60'000);
        CP_VERIFY_OK(m_fx->till->login(QStringLiteral("C1"), QStringLiteral("1234")));

        QCOMPARE(count(db(), "audit", "action = 'login.failed' AND actor = 'C1'"), qint64(8));
        QCOMPARE(count(db(), "audit", "action = 'login.locked' AND actor = 'C1'"), qint64(1));
        QCOMPARE(count(db(), "audit", "action = 'login' AND actor = 'C1'"), qint64(3));

        // An unknown id reads like a wrong PIN.
        auto unknown = m_fx->till->login(QStringLiteral("nobody"), QStringLiteral("1234"));
        CP_VERIFY_FAILS(unknown, ErrorCode::PermissionDenied);
        QVERIFY2(unknown.error().message.contains(QStringLiteral("do not match")),
                 qPrintable(unknown.error().message));
    }

    // Each lock since the last good PIN lasts twice as long as the one before, up to a day; a good PIN
    // starts again from 5 minutes.
    void staffLockoutLengthens()
    {
        CP_VERIFY_OK(m_fx->till->createOperator(QStringLiteral("C2"), QStringLiteral("Wu"), Role::Cashier,
                                                QStringLiteral("1234"), 1000));
        auto lockFor = [&](qint64 expectedMinutes) {
            const qint64 start = m_fx->clock.nowMs();
            for (int i = 0; i < 5; ++i)
                CP_VERIFY_FAILS(m_fx->till->login(QStringLiteral("C2"), QStringLiteral("0000")),
                                ErrorCode::PermissionDenied);
            const qint64 end = start + expectedMinutes * 60'000;
            m_fx->clock.setMs(end - 1000);
            auto still = m_fx->till->login(QStringLiteral("C2"), QStringLiteral("1234"));
            CP_VERIFY_FAILS(still, ErrorCode::PermissionDenied);
            QVERIFY2(still.error().message.contains(QStringLiteral("Too many wrong PINs")),
                     qPrintable(still.error().message));
            m_fx->clock.setMs(end);
        };
        for (const qint64 minutes : {5, 10, 20, 40, 80, 160, 320, 640, 1280, 1440, 1440}) {
            lockFor(minutes);
            if (QTest::currentTestFailed())
                return;
        }
        CP_VERIFY_OK(m_fx->till->login(QStringLiteral("C2"), QStringLiteral("1234")));
        lockFor(5);
    }

    // login() in three steps, as the till's screens do it (the hash off the UI thread): the same counts,
    // the same lock, the same audit.
    void staffLoginInSteps()
    {
        auto pin = Till::hashNewPin(QStringLiteral("2468"), 1000);
        CP_VERIFY_OK(pin);
        CP_VERIFY_FAILS(Till::hashNewPin(QStringLiteral("12a4")), ErrorCode::InvalidInput);
        CP_VERIFY_OK(m_fx->till->createOperator(QStringLiteral("M1"), QStringLiteral("Mei"), Role::Manager,
                                                pin.value()));
        auto check = m_fx->till->startLogin(QStringLiteral(" M1 "));
        CP_VERIFY_OK(check);
        QCOMPARE(check->salt, pin->salt);
        QCOMPARE(check->iterations, 1000);
        auto ok =
            m_fx->till->finishLogin(check.value(), Till::hashPin(QStringLiteral("2468"), check.value()));
        CP_VERIFY_OK(ok);
        QCOMPARE(ok->id, QStringLiteral("M1"));
        QCOMPARE(int(ok->role), int(Role::Manager));

        // Wrong PINs count and lock exactly as login() does; a locked id is refused before any hashing.
        for (int i = 0; i < 5; ++i) {
            auto c = m_fx->till->startLogin(QStringLiteral("M1"));
            CP_VERIFY_OK(c);
            CP_VERIFY_FAILS(
                m_fx->till->finishLogin(c.value(), Till::hashPin(QStringLiteral("0000"), c.value())),
                ErrorCode::PermissionDenied);
        }
        auto locked = m_fx->till->startLogin(QStringLiteral("M1"));
        CP_VERIFY_FAILS(locked, ErrorCode::PermissionDenied);
        QVERIFY2(locked.error().message.contains(QStringLiteral("Too many wrong PINs")),
                 qPrintable(locked.error().message));
        // A check started before the lock cannot get past it either.
        CP_VERIFY_FAILS(m_fx->till->finishLogin(check.value(), pin->hash), ErrorCode::PermissionDenied);
        QCOMPARE(count(db(), "audit", "action = 'login.locked' AND actor = 'M1'"), qint64(1));
        m_fx->clock.setMs(m_fx->clock.nowMs() + 5 * 60'000);

        // An approval hashed beforehand is checked without hashing again; a PIN changed meanwhile fails.
        auto again = m_fx->till->startLogin(QStringLiteral("M1"));
        CP_VERIFY_OK(again);
        ManagerApproval approval{
            QStringLiteral("M1"), QString(),
            std::pair{again.value(), Till::hashPin(QStringLiteral("2468"), again.value())}};
        CP_VERIFY_OK(m_fx->till->login(approval));
        m_fx->till->setOperator(ok.value());
        CP_VERIFY_OK(m_fx->till->createOperator(QStringLiteral("M1"), QStringLiteral("Mei"), Role::Manager,
                                                QStringLiteral("1357"), 1000));
        CP_VERIFY_FAILS(m_fx->till->login(approval), ErrorCode::PermissionDenied);

        // An unknown id gets a check (hashing takes as long) and then reads like a wrong PIN.
        auto unknown = m_fx->till->startLogin(QStringLiteral("nobody"));
        CP_VERIFY_OK(unknown);
        auto refused =
            m_fx->till->finishLogin(unknown.value(), Till::hashPin(QStringLiteral("1234"), unknown.value()));
        CP_VERIFY_FAILS(refused, ErrorCode::PermissionDenied);
        QVERIFY(refused.error().message.contains(QStringLiteral("do not match")));
    }

    void onlyManagersAddStaff()
    {
        addMeiAndChen();
        auto cashier = m_fx->till->login(QStringLiteral("C1"), QStringLiteral("5678"));
        CP_VERIFY_OK(cashier);
        m_fx->till->setOperator(cashier.value());
        CP_VERIFY_FAILS(m_fx->till->createOperator(QStringLiteral("C2"), QStringLiteral("Zhou"),
                                                   Role::Manager, QStringLiteral("1111"), 1000),
                        ErrorCode::PermissionDenied);
        CP_VERIFY_FAILS(m_fx->till->createOperator(QStringLiteral("C3"), QStringLiteral("Wu"), Role::Cashier,
                                                   QStringLiteral("12"), 1000),
                        ErrorCode::InvalidInput);
        QCOMPARE(count(db(), "cashiers"), qint64(2));
    }

    // A new till set up at the counter: nobody is signed in, the first staff member must be a manager,
    // and the audit names them as the one who set it up. Then nobody signed in can add anyone.
    void firstManagerWithNobodySignedIn()
    {
        m_fx->till->setOperator(Operator{});
        CP_VERIFY_FAILS(m_fx->till->createOperator(QStringLiteral("C1"), QStringLiteral("Chen"),
                                                   Role::Cashier, QStringLiteral("5678"), 1000),
                        ErrorCode::InvalidInput);
        QCOMPARE(count(db(), "cashiers"), qint64(0));
        CP_VERIFY_OK(m_fx->till->createOperator(QStringLiteral("M1"), QStringLiteral("Mei"), Role::Manager,
                                                QStringLiteral("1234"), 1000));
        QCOMPARE(count(db(), "audit", "action = 'staff.set' AND actor = 'M1' AND role = 'manager'"),
                 qint64(1));
        CP_VERIFY_FAILS(m_fx->till->createOperator(QStringLiteral("M2"), QStringLiteral("Wu"), Role::Manager,
                                                   QStringLiteral("1111"), 1000),
                        ErrorCode::PermissionDenied);
        QCOMPARE(count(db(), "cashiers"), qint64(1));
    }

    // --- the encryption key -----------------------------------------------------------------------

    void missingKeyRefusesPersonalFieldsOnly()
    {
        RegisterRequest withId;
        withId.phone = QStringLiteral("13800138000");
        withId.name = QStringLiteral("Li Na");
        withId.idNumber = QStringLiteral("11010519900307002X");
        auto first = m_fx->till->registerMember(withId);
        CP_VERIFY_OK(first);
        QVERIFY(QFile::exists(keyPath()));
        m_fx->till.reset();
        QVERIFY(QFile::remove(keyPath()));

        reopen(keyPath());
        const QStringList before = dump(db());
        withId.phone = QStringLiteral("13900139000");
        auto refused = m_fx->till->registerMember(withId);
        CP_VERIFY_FAILS(refused, ErrorCode::Crypto);
        QVERIFY2(refused.error().message.contains(QStringLiteral("key")),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QStringLiteral("missing")),
                 qPrintable(refused.error().message));
        RegisterRequest withBirthday;
        withBirthday.phone = QStringLiteral("13900139000");
        withBirthday.name = QStringLiteral("Wang Fang");
        withBirthday.birthDate = QDate(1985, 5, 5);
        CP_VERIFY_FAILS(m_fx->till->registerMember(withBirthday), ErrorCode::Crypto);
        QCOMPARE(dump(db()), before);
        QVERIFY2(!QFile::exists(keyPath()), "a missing key must never be replaced by a new one");

        RegisterRequest plain;
        plain.phone = QStringLiteral("13900139000");
        plain.name = QStringLiteral("Wang Fang");
        auto joined = m_fx->till->registerMember(plain);
        CP_VERIFY_OK(joined);
        QCOMPARE(joined->member.name, QStringLiteral("Wang Fang"));
        CP_VERIFY_FAILS(m_fx->till->privateDetails(first->member.id, std::nullopt), ErrorCode::Crypto);
        auto report = m_fx->till->check(false);
        CP_VERIFY_OK(report);
        QVERIFY(!report->ok);
        QVERIFY(report->problems.join(QLatin1Char('\n')).contains(QStringLiteral("missing")));
        QVERIFY2(!QFile::exists(keyPath()), "a missing key must never be replaced by a new one");
    }

    void keyOfAnotherDatabaseIsRefused()
    {
        RegisterRequest withId;
        withId.phone = QStringLiteral("13800138000");
        withId.name = QStringLiteral("Li Na");
        withId.idNumber = QStringLiteral("11010519900307002X");
        CP_VERIFY_OK(m_fx->till->registerMember(withId));

        TempDir other;
        {
            auto otherTill = m_fx->openFile(other.file(QStringLiteral("other.db")),
                                            other.file(QStringLiteral("other.key")));
            CP_VERIFY_OK(otherTill);
        }
        QVERIFY(QFile::exists(other.file(QStringLiteral("other.key"))));
        reopen(other.file(QStringLiteral("other.key")));
        withId.phone = QStringLiteral("13900139000");
        auto refused = m_fx->till->registerMember(withId);
        CP_VERIFY_FAILS(refused, ErrorCode::Crypto);
        QVERIFY2(refused.error().message.contains(QStringLiteral("does not belong")),
                 qPrintable(refused.error().message));
    }

    void keyFileFromEnvironment()
    {
        TempDir dir;
        const QString envKey = dir.file(QStringLiteral("from-env.key"));
        const QByteArray previous = qgetenv("COUNTERPART_KEY_FILE");
        qputenv("COUNTERPART_KEY_FILE", envKey.toLocal8Bit());
        auto restore = qScopeGuard([&] { qputenv("COUNTERPART_KEY_FILE", previous); });
        {
            auto till =
                Till::open(dir.file(QStringLiteral("env.db")), m_fx->clock, TillOptions{}, testConfig());
            CP_VERIFY_OK(till);
            RegisterRequest withId;
            withId.phone = QStringLiteral("13800138000");
            withId.name = QStringLiteral("Li Na");
            withId.idNumber = QStringLiteral("11010519900307002X");
            CP_VERIFY_OK(till.value()->registerMember(withId));
        }
        QVERIFY(QFile::exists(envKey));
        QCOMPARE(QFile(envKey).size(), qint64(32));
    }
};

QTEST_GUILESS_MAIN(TestTillMembers)
#include "tst_till_members.moc"
