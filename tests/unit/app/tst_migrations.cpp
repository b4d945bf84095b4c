// Schema migrations as the till meets them: a new file, a file from every earlier schema version with
// data in it (made now, and the committed fixtures tests/fixtures/till-schema-N.db), and a file from a
// newer program, which is refused and left byte-identical.

#include "core/MemberCode.h"
#include "core/Uuid.h"
#include "storage/Crypto.h"
#include "storage/Schema.h"
#include "tests/support/TillFixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

namespace {

const char *const OldReceipt = "OLD-1";

// Column lists and rows of every table, as the schema at hand has them.
struct TableSnapshot {
    QString columns; // "a, b, c"
    QStringList rows;
};

QMap<QString, TableSnapshot> snapshot(Database &db)
{
    QMap<QString, TableSnapshot> out;
    const QStringList tables = rows(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    for (const QString &table : tables) {
        QStringList columns = rows(db, QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(table));
        for (QString &c : columns)
            c = QLatin1Char('"') + c + QLatin1Char('"');
        TableSnapshot s;
        s.columns = columns.join(QStringLiteral(", "));
        s.rows = rows(db, QStringLiteral("SELECT %1 FROM \"%2\"").arg(s.columns, table));
        s.rows.sort();
        out.insert(table, s);
    }
    return out;
}

Status exec(Database &db, const QString &sql, const QList<QVariant> &values)
{
    auto st = db.prepareOnce(sql);
    if (!st)
        return st.error();
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values[i];
        if (v.isNull())
            st->bindNull(i + 1);
        else if (v.typeId() == QMetaType::QByteArray)
            st->bind(i + 1, v.toByteArray());
        else if (v.typeId() == QMetaType::QString)
            st->bind(i + 1, v.toString());
        else
            st->bind(i + 1, v.toLongLong());
    }
    return st->exec();
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("(cannot read)");
    return f.readAll();
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private:
    // Representative rows of a till that has been in service, written with plain SQL against the schema
    // of `version` (1 and up): settings, rules, staff, a member with name tokens, a purchase, ledger
    // entries that add up to the balance, a gift, a tier change, an outbox operation and an audit row.
    static Status insertRepresentative(Database &db, int version, const Clock &clock)
    {
        const qint64 t = clock.nowMs();
        const QString setting = QStringLiteral("INSERT INTO settings(key, value) VALUES (?1, ?2)");
        const QList<std::pair<const char *, const char *>> settings = {
            {"store_id", "S009"},
            {"store_name", "Old store"},
            {"terminal_id", "term-old"},
            {"terminal_number", "23456"},
            {"region", "CN"},
            {"time_zone", "Asia/Shanghai"},
            {"currency", "CNY"},
            {"language", "zh_CN"},
            {"void_window_minutes", "5"},
            {"cashier_refund_limit_minor", "20000"},
        };
        for (const auto &[key, value] : settings)
            CP_TRY(exec(db, setting, {QString::fromLatin1(key), QString::fromLatin1(value)}));
        const LoyaltyRules rules = LoyaltyRules::defaults();
        CP_TRY(exec(db,
                    QStringLiteral("INSERT INTO rules_versions(version, document, received_at, active) "
                                   "VALUES (?1, ?2, ?3, 1)"),
                    {rules.version, QString::fromUtf8(rules.toJson()), t}));
        const QByteArray salt = QByteArrayLiteral("0123456789abcdef");
        CP_TRY(exec(db,
                    QStringLiteral("INSERT INTO cashiers(id, name, role, pin_hash, pin_salt, pin_iterations, "
                                   "created_at) VALUES ('M1', 'Mei', 'manager', ?1, ?2, 1000, ?3)"),
                    {pbkdf2Sha256(QByteArrayLiteral("1234"), salt, 1000), salt, t}));

        auto code = MemberCode::make(23456, 1);
        if (!code)
            return code.error();
        CP_TRY(
            exec(db,
                 QStringLiteral("INSERT INTO members(local_id, id, code, phone, phone_last4, name, gender, "
                                "birth_month, birth_day, tier, tier_since, balance, store_id, terminal_id, "
                                "created_at, updated_at, first_purchase_at, last_visit_at, visits) VALUES "
                                "(1, ?1, ?2, '+8613800138000', '8000', 'Li Na', 'female', 5, 6, 'silver', "
                                "?3, 150, 'S009', 'term-old', ?3, ?3, ?3, ?3, 1)"),
                 {Uuid::createV7(clock).bytes(), code->digits(), t}));
        CP_TRY(exec(db, QStringLiteral("INSERT INTO member_names(token, member) VALUES ('li', 1), ('na', 1)"),
                    {}));
        CP_TRY(exec(db,
                    QStringLiteral("INSERT INTO purchases(local_id, id, store_id, receipt, member, amount, "
                                   "currency, at, points_earned) VALUES (1, ?1, 'S009', ?2, 1, 15000, 'CNY', "
                                   "?3, 150)"),
                    {Uuid::createV7(clock).bytes(), QString::fromLatin1(OldReceipt), t}));
        // From schema 8 every entry the till makes names its store.
        const bool stored = version >= 8;
        const QString entry =
            QStringLiteral(
                "INSERT INTO ledger(local_id, id, member, kind, points, at, expires_at, purchase, reward, "
                "discount, rules_version, terminal_id, cashier%1) VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, "
                "?8, ?9, ?10, 'term-old', 'M1'%2)")
                .arg(stored ? QStringLiteral(", store_id") : QString(),
                     stored ? QStringLiteral(", 'S009'") : QString());
        CP_TRY(exec(db, entry,
                    {1, Uuid::createV7(clock).bytes(), QStringLiteral("welcome_gift"), 100, t, QVariant(),
                     QVariant(), QVariant(), QVariant(), rules.version}));
        CP_TRY(exec(db, entry,
                    {2, Uuid::createV7(clock).bytes(), QStringLiteral("earn"), 150, t, QVariant(), 1,
                     QVariant(), QVariant(), rules.version}));
        CP_TRY(exec(db, entry,
                    {3, Uuid::createV7(clock).bytes(), QStringLiteral("redeem"), -100, t, QVariant(),
                     QVariant(), QStringLiteral("discount"), 100, rules.version}));
        CP_TRY(exec(db,
                    QStringLiteral("INSERT INTO gift_grants(member, gift, period, entry, at) VALUES (1, "
                                   "'welcome', 'once', 1, ?1)"),
                    {t}));
        CP_TRY(exec(db,
                    QStringLiteral("INSERT INTO tier_changes(id, member, from_tier, to_tier, at, reason, "
                                   "rules_version) VALUES (?1, 1, 'member', 'silver', ?2, 'upgrade', ?3)"),
                    {Uuid::createV7(clock).bytes(), t, rules.version}));
        CP_TRY(exec(db,
                    QStringLiteral("INSERT INTO outbox(id, kind, entity, payload, created_at) VALUES (?1, "
                                   "'earn', ?2, '{\"op\":\"earn\"}', ?3)"),
                    {Uuid::createV7(clock).bytes(), Uuid::createV7(clock).bytes(), t}));
        CP_TRY(exec(db,
                    QStringLiteral("INSERT INTO audit(id, at, actor, role, terminal_id, action, member) "
                                   "VALUES (?1, ?2, 'M1', 'manager', 'term-old', 'points.earn', 1)"),
                    {Uuid::createV7(clock).bytes(), t}));
        if (version >= 2) {
            // Schema 2: a redemption names the receipt it was spent on.
            CP_TRY(exec(db,
                        QStringLiteral("INSERT INTO ledger(local_id, id, member, kind, points, at, reward, "
                                       "discount, rules_version, terminal_id, cashier, store_id, receipt) "
                                       "VALUES (4, ?1, 1, 'redeem', -10, ?2, 'discount', 10, ?3, 'term-old', "
                                       "'M1', 'S009', ?4)"),
                        {Uuid::createV7(clock).bytes(), t, rules.version, QString::fromLatin1(OldReceipt)}));
            CP_TRY(exec(db, QStringLiteral("UPDATE members SET balance = 140 WHERE local_id = 1"), {}));
        }
        return {};
    }

private slots:
    void initTestCase() { quietInfoLogs(); }
    void emptyToLatest()
    {
        QVERIFY(Schema::latestVersion() >= 2);
        TillFixture fx;
        auto till = fx.openFile(fx.dbPath());
        CP_VERIFY_OK(till);
        Database &db = till.value()->database();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), qint64(Schema::latestVersion()));
        auto version = Schema::currentVersion(db);
        CP_VERIFY_OK(version);
        QCOMPARE(version.value(), Schema::latestVersion());
        QCOMPARE(count(db, "pragma_table_info('ledger')", "name IN ('store_id', 'receipt')"), qint64(2));
        QCOMPARE(count(db, "settings", "key = 'database_id'"), qint64(1));
        QCOMPARE(till.value()->config().terminalNumber, 12345);
        QCOMPARE(till.value()->rules().version, LoyaltyRules::defaults().version);
        auto report = till.value()->check(true);
        CP_VERIFY_OK(report);
        QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
        QCOMPARE(report->schemaVersion, Schema::latestVersion());
        QCOMPARE(report->members, qint64(0));
        QCOMPARE(report->ledgerEntries, qint64(0));

        // Opening again migrates nothing and changes nothing.
        const QStringList before = dump(db);
        till.value().reset();
        auto again = fx.openFile(fx.dbPath());
        CP_VERIFY_OK(again);
        QCOMPARE(dump(again.value()->database()), before);
    }

    void fromEarlierVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 0; v < Schema::latestVersion(); ++v)
            QTest::addRow("from schema %d", v) << v;
    }
    void fromEarlierVersion()
    {
        QFETCH(int, version);
        TillFixture fx;
        const QString path = fx.dbPath();
        CP_VERIFY_OK(writeEarlierVersion(path, version, fx.clock));
        upgradeAndVerify(path, version, fx.clock, fx.keyPath());
    }

    // The committed files tests/fixtures/till-schema-N.db, one for every earlier schema, written once
    // (`tst_migrations --write-fixtures DIR`) and never again: a later change to an old migration, or a
    // new schema without its fixture, fails here.
    void committedFixture_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v < Schema::latestVersion(); ++v)
            QTest::addRow("schema %d", v) << v;
    }
    void committedFixture()
    {
        QFETCH(int, version);
        const QString fixture =
            QDir(qEnvironmentVariable("COUNTERPART_SOURCE_DIR"))
                .filePath(QStringLiteral("tests/fixtures/till-schema-%1.db").arg(version));
        QVERIFY2(QFileInfo::exists(fixture),
                 qPrintable(fixture + QStringLiteral(" is missing: write it with --write-fixtures")));
        TillFixture fx;
        const QString path = fx.dbPath();
        QVERIFY(QFile::copy(fixture, path));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        {
            TempDir freshDir;
            auto fresh = Database::open(freshDir.file(QStringLiteral("fresh.db")));
            CP_VERIFY_OK(fresh);
            CP_VERIFY_OK(Schema::migrateTo(*fresh.value(), version));
            auto old = Database::open(path);
            CP_VERIFY_OK(old);
            QCOMPARE(schemaText(*old.value()), schemaText(*fresh.value()));
        }
        upgradeAndVerify(path, version, fx.clock, fx.keyPath());
    }

private:
    static QStringList schemaText(Database &db)
    {
        return rows(db, QStringLiteral("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM "
                                       "sqlite_master ORDER BY type, name"));
    }

public:
    static Status writeEarlierVersion(const QString &path, int version, const Clock &clock)
    {
        auto db = Database::open(path);
        if (!db)
            return db.error();
        CP_TRY(Schema::migrateTo(*db.value(), version));
        if (version >= 1)
            CP_TRY(insertRepresentative(*db.value(), version, clock));
        return db.value()->execute(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }

private:
    // Opens the file of schema `version` as today's till does, and checks that every row came through and
    // the till works on with it (every balance equal to its ledger, before and after new work).
    void upgradeAndVerify(const QString &path, int version, ManualClock &clock, const QString &keyFile)
    {
        QMap<QString, TableSnapshot> before;
        {
            auto db = Database::open(path);
            CP_VERIFY_OK(db);
            QCOMPARE(scalar(*db.value(), QStringLiteral("PRAGMA user_version")), qint64(version));
            before = snapshot(*db.value());
        }

        clock.advanceDays(30);
        auto opened = openTill(path, clock, keyFile);
        CP_VERIFY_OK(opened);
        Till &till = *opened.value();
        Database &db = till.database();
        QCOMPARE(scalar(db, QStringLiteral("PRAGMA user_version")), qint64(Schema::latestVersion()));

        // Every row that was there is still there, column for column; only settings may have grown.
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            // Schema 8 scoped the aggregates (rebuilt; the check below proves them equal to the rows) and
            // gave the entries this till made a store: before it only an entry spent on a receipt had one.
            if (version < 8 && it.key().startsWith(QLatin1String("stats_")))
                continue;
            QString columns = it->columns;
            if (version < 8 && it.key() == QLatin1String("ledger"))
                columns.replace(
                    QStringLiteral("\"store_id\""),
                    QStringLiteral("CASE WHEN receipt IS NULL AND store_id IS (SELECT value FROM settings"
                                   " WHERE key = 'store_id') THEN NULL ELSE store_id END"));
            QStringList now = rows(db, QStringLiteral("SELECT %1 FROM \"%2\"").arg(columns, it.key()));
            now.sort();
            if (it.key() == QLatin1String("settings")) {
                for (const QString &row : it->rows)
                    QVERIFY2(now.contains(row), qPrintable(QStringLiteral("settings lost ") + row));
            } else {
                QCOMPARE(now, it->rows);
            }
        }

        QCOMPARE(
            scalar(db, QStringLiteral("SELECT COUNT(*) FROM ledger WHERE store_id IS NULL AND terminal_id ="
                                      " (SELECT value FROM settings WHERE key = 'terminal_id')")),
            qint64(0));
        auto report = till.check(true);
        CP_VERIFY_OK(report);
        QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
        QCOMPARE(report->schemaVersion, Schema::latestVersion());
        QCOMPARE(report->balanceMismatches, qint64(0));
        if (version == 0) {
            QCOMPARE(report->members, qint64(0));
            QCOMPARE(till.config().terminalNumber, 12345);
            return;
        }

        // The till reads the old data as its own.
        QCOMPARE(till.config().storeId, QStringLiteral("S009"));
        QCOMPARE(till.config().terminalNumber, 23456);
        QCOMPARE(till.config().language, QStringLiteral("zh_CN"));
        QCOMPARE(till.config().voidWindowMinutes, 5);
        QCOMPARE(till.config().cashierRefundLimitMinor, qint64(20000));
        QCOMPARE(till.rules().version, LoyaltyRules::defaults().version);
        QCOMPARE(report->members, qint64(1));
        QCOMPARE(report->pendingOutbox, qint64(1));
        const qint64 oldBalance = version >= 2 ? 140 : 150;
        QCOMPARE(report->ledgerEntries, version >= 2 ? qint64(4) : qint64(3));

        auto found = till.lookup(QStringLiteral("138 0013 8000"));
        CP_VERIFY_OK(found);
        QCOMPARE(int(found->kind), int(LookupResult::Kind::Member));
        const Member m = found->members.value(0);
        QCOMPARE(m.name, QStringLiteral("Li Na"));
        QCOMPARE(m.balance, oldBalance);
        QCOMPARE(m.tier, QStringLiteral("silver"));
        QCOMPARE(m.birthMonth, std::optional<int>(5));
        QCOMPARE(m.code.terminalNumber(), 23456);
        auto byName = till.lookup(QStringLiteral("li"));
        CP_VERIFY_OK(byName);
        QCOMPARE(byName->members.size(), 1);
        auto byCode = till.lookup(m.code.grouped());
        CP_VERIFY_OK(byCode);
        QCOMPARE(byCode->members.value(0).id, m.id);
        auto login = till.login(QStringLiteral("M1"), QStringLiteral("1234"));
        CP_VERIFY_OK(login);
        QCOMPARE(int(login->role), int(Role::Manager));

        // And carries on with it: the old receipt is still taken, new work lands beside the old.
        CP_VERIFY_FAILS(till.earn(EarnRequest{m.id.toString(), 1000, 0, QString::fromLatin1(OldReceipt)}),
                        ErrorCode::Conflict);
        auto earned = till.earn(EarnRequest{m.id.toString(), 10000, 0, QStringLiteral("NEW-1")});
        CP_VERIFY_OK(earned);
        QCOMPARE(earned->breakdown.tierMultiplierPercent, 120); // silver in the default rules
        RefundRequest refund;
        refund.receipt = QString::fromLatin1(OldReceipt);
        auto refunded = till.refund(refund);
        CP_VERIFY_OK(refunded);
        QCOMPARE(refunded->pointsReversed, qint64(150));
        QCOMPARE(refunded->pointsRestored, version >= 2 ? qint64(10) : qint64(0));
        QCOMPARE(refunded->member.balance, oldBalance + earned->totalPoints - 150 + (version >= 2 ? 10 : 0));
        auto after = till.check(true);
        CP_VERIFY_OK(after);
        QVERIFY2(after->ok, qPrintable(after->problems.join(QLatin1Char('\n'))));
    }

private slots:
    // 0006: a member may have no code (the server keeps one so after two tills made the same code);
    // codes that are there stay unique, and the file stays sound.
    void memberCodeIsOptional()
    {
        TillFixture fx;
        auto till = fx.openFile(fx.dbPath());
        CP_VERIFY_OK(till);
        Database &db = till.value()->database();
        const QString insert = QStringLiteral(
            "INSERT INTO members (id, code, phone, phone_last4, name, tier, tier_since, store_id, "
            "terminal_id, "
            "created_at, updated_at) VALUES (randomblob(16), %1, '+86139123400%2', '00%2', 'N', 'member', 0, "
            "'S001', 'T', 0, 0)");
        CP_VERIFY_OK(db.execute(insert.arg(QStringLiteral("NULL"), QStringLiteral("01"))));
        CP_VERIFY_OK(db.execute(insert.arg(QStringLiteral("NULL"), QStringLiteral("02"))));
        CP_VERIFY_OK(db.execute(insert.arg(QStringLiteral("'123450000017'"), QStringLiteral("03"))));
        QVERIFY(!db.execute(insert.arg(QStringLiteral("'123450000017'"), QStringLiteral("04"))).ok());
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM members WHERE code IS NULL")), qint64(2));
        auto report = till.value()->check(true);
        CP_VERIFY_OK(report);
        QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
    }

    // 0007: counters an older version left wrong (a void that kept its visit, a member counted once) are
    // set to what the live purchases say; the void trigger keeps them right afterwards.
    void countersMendedOnUpgrade()
    {
        TillFixture fx;
        const QString path = fx.dbPath();
        CP_VERIFY_OK(writeEarlierVersion(path, 6, fx.clock));
        const qint64 t = fx.clock.nowMs();
        {
            auto db = Database::open(path);
            CP_VERIFY_OK(db);
            const QString purchase = QStringLiteral(
                "INSERT INTO purchases(id, store_id, receipt, member, amount, currency, at, voided_at)"
                " VALUES (randomblob(16), 'S009', ?1, 1, 100, 'CNY', ?2, ?3)");
            CP_VERIFY_OK(exec(*db.value(), purchase, {QStringLiteral("R-2"), t - 86'400'000, QVariant()}));
            CP_VERIFY_OK(exec(*db.value(), purchase, {QStringLiteral("R-3"), t + 60'000, t + 120'000}));
            CP_VERIFY_OK(
                exec(*db.value(), QStringLiteral("UPDATE members SET visits = 3 WHERE local_id = 1"), {}));
        }
        auto till = fx.openFile(path);
        CP_VERIFY_OK(till);
        Database &db = till.value()->database();
        const QString counters =
            QStringLiteral("SELECT visits || ' ' || first_purchase_at || ' ' || last_visit_at FROM members");
        auto text = [&] {
            auto st = db.prepare(counters);
            return st && st->next() ? st->text(0) : QString();
        };
        QCOMPARE(text(), QStringLiteral("2 %1 %2").arg(t - 86'400'000).arg(t));
        CP_VERIFY_OK(
            db.execute(QStringLiteral("UPDATE purchases SET voided_at = %1 WHERE receipt = 'R-2'").arg(t)));
        QCOMPARE(text(), QStringLiteral("1 %1 %1").arg(t));
        auto report = till.value()->check(true);
        CP_VERIFY_OK(report);
        QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
    }

    void newerDatabaseIsRefusedAndUntouched()
    {
        TillFixture fx;
        const QString path = fx.dbPath();
        {
            auto till = fx.openFile(path);
            CP_VERIFY_OK(till);
            RegisterRequest request;
            request.phone = QStringLiteral("13800138000");
            request.name = QStringLiteral("Li Na");
            CP_VERIFY_OK(till.value()->registerMember(request));
        }
        {
            auto db = Database::open(path);
            CP_VERIFY_OK(db);
            CP_VERIFY_OK(db.value()->execute(
                QStringLiteral("PRAGMA user_version = %1").arg(Schema::latestVersion() + 1)));
        }
        const QStringList filesBefore = QDir(fx.dir.path()).entryList(QDir::Files, QDir::Name);
        QVERIFY(!filesBefore.contains(QStringLiteral("till.db-wal")));
        const QByteArray bytesBefore = fileBytes(path);
        QVERIFY(bytesBefore.size() > 4096);

        auto refused = fx.openFile(path);
        CP_VERIFY_FAILS(refused, ErrorCode::Storage);
        QVERIFY2(refused.error().message.contains(QStringLiteral("newer version")),
                 qPrintable(refused.error().message));
        QVERIFY2(refused.error().message.contains(QString::number(Schema::latestVersion() + 1)),
                 qPrintable(refused.error().message));

        QCOMPARE(QDir(fx.dir.path()).entryList(QDir::Files, QDir::Name), filesBefore);
        QVERIFY2(fileBytes(path) == bytesBefore, "the newer database was changed");

        // Refused again the same way: nothing was half-migrated by the first attempt.
        auto again = fx.openFile(path);
        CP_VERIFY_FAILS(again, ErrorCode::Storage);
        QVERIFY2(fileBytes(path) == bytesBefore, "the newer database was changed");
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--write-fixtures") == 0) {
        ManualClock clock(at("2026-03-02T10:00:00"));
        for (int v = 1; v < Schema::latestVersion(); ++v) {
            const QString path =
                QDir(QString::fromLocal8Bit(argv[2])).filePath(QStringLiteral("till-schema-%1.db").arg(v));
            if (QFileInfo::exists(path))
                continue; // a fixture is written once, by the version that had that schema last
            if (Status s = TestMigrations::writeEarlierVersion(path, v, clock); !s) {
                qCritical("%s: %s", qPrintable(path), qPrintable(s.error().message));
                return 1;
            }
            qInfo("wrote %s", qPrintable(path));
        }
        return 0;
    }
    TestMigrations test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_migrations.moc"
