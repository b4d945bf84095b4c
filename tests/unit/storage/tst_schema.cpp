#include "core/Clock.h"
#include "core/Uuid.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/Stores.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace counterpart;
using counterpart::test::readAll;
using counterpart::test::writeAll;

namespace {

// Overwrites `pages` whole pages in the middle of the file with (reproducible) garbage.
bool damagePages(const QString &path, int pages)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite))
        return false;
    const qint64 pageSize = 4096;
    const qint64 pageCount = f.size() / pageSize;
    if (pageCount < pages + 4)
        return false;
    QRandomGenerator rng(20261123);
    QByteArray garbage(int(pageSize * pages), Qt::Uninitialized);
    for (char &c : garbage)
        c = char(rng.bounded(256));
    f.seek((pageCount / 2) * pageSize);
    return f.write(garbage) == garbage.size();
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

} // namespace

class TestSchema : public QObject
{
    Q_OBJECT

private:
    // A migrated database with enough rows that its file has many pages.
    bool makeRealDatabase(const QString &path, int members)
    {
        auto db = openTillDatabase(path, OpenOptions{});
        if (!db)
            return false;
        MemberStore store(**db);
        ManualClock clock(1'700'000'000'000);
        Transaction tx(**db);
        if (!tx.begin())
            return false;
        for (int i = 0; i < members; ++i) {
            MemberRow m;
            m.id = Uuid::createV7(clock);
            m.code = QStringLiteral("10001%1").arg(i, 6, 10, QLatin1Char('0')) + QLatin1Char('0');
            m.phone = QStringLiteral("+86138%1").arg(i, 8, 10, QLatin1Char('0'));
            m.name = QStringLiteral("Member %1 Wang").arg(i);
            m.tier = QStringLiteral("basic");
            m.storeId = QStringLiteral("S1");
            m.terminalId = QStringLiteral("T1");
            if (!store.insert(m))
                return false;
        }
        return tx.commit().ok();
    }

private slots:
    void migrationsAreCompiledIn()
    {
        const QStringList files = QDir(QStringLiteral(":/counterpart/storage/migrations"))
                                      .entryList({QStringLiteral("*.sql")}, QDir::Files);
        QVERIFY(!files.isEmpty());
        QCOMPARE(files.first(), QStringLiteral("0001_initial.sql"));
        QCOMPARE(Schema::latestVersion(), int(files.size()));
    }

    void freshDatabaseIsMigratedToLatest()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("till.db"));
        QString databaseId;
        {
            auto db = openTillDatabase(path, OpenOptions{});
            QVERIFY2(db, db ? "" : qPrintable(db.error().detail));
            auto version = Schema::currentVersion(**db);
            QVERIFY(version);
            QCOMPARE(*version, Schema::latestVersion());
            for (const char *table :
                 {"settings", "members", "member_names", "purchases", "refunds", "ledger", "gift_grants",
                  "tier_changes", "outbox", "audit", "cashiers", "rules_versions"}) {
                auto st = (*db)->prepareOnce(
                    QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'"
                                   " AND name = ?1"));
                QVERIFY(st);
                st->bind(1, QString::fromLatin1(table));
                QVERIFY(st->next());
                QVERIFY2(st->int64(0) == 1, table);
            }
            auto id = SettingsStore(**db).get(QStringLiteral("database_id"));
            QVERIFY(id && id->has_value());
            databaseId = **id;
            const Uuid uuid = Uuid::fromString(databaseId);
            QVERIFY(!uuid.isNull());
            QCOMPARE(uuid.toString(), databaseId);
            QCOMPARE(int(quint8(uuid.bytes().at(6)) >> 4), 7); // version 7
        }
        // Opening again changes nothing: same version, same id.
        auto again = openTillDatabase(path, OpenOptions{});
        QVERIFY(again);
        QCOMPARE(*Schema::currentVersion(**again), Schema::latestVersion());
        QCOMPARE(**SettingsStore(**again).get(QStringLiteral("database_id")), databaseId);
        QVERIFY(Schema::migrate(**again).ok());
    }

    void stepByStep()
    {
        test::TempDir dir;
        auto db = Database::open(dir.file(QStringLiteral("t.db")));
        QVERIFY(db);
        QCOMPARE(*Schema::currentVersion(**db), 0);
        QVERIFY(Schema::migrateTo(**db, 0).ok());
        QCOMPARE(*Schema::currentVersion(**db), 0);
        QVERIFY(Schema::migrateTo(**db, 1).ok());
        QCOMPARE(*Schema::currentVersion(**db), 1);
        QVERIFY((*SettingsStore(**db).get(QStringLiteral("database_id"))).has_value());
        // Down is not a direction.
        if (Schema::latestVersion() >= 1) {
            const Status down = Schema::migrateTo(**db, 0);
            QVERIFY(!down.ok());
            QCOMPARE(down.error().code, ErrorCode::Internal);
        }
        QVERIFY(Schema::migrate(**db).ok());
        QCOMPARE(*Schema::currentVersion(**db), Schema::latestVersion());

        // Migrations run in their own transactions, never inside someone else's.
        auto other = Database::open(dir.file(QStringLiteral("u.db")));
        QVERIFY(other);
        Transaction tx(**other);
        QVERIFY(tx.begin().ok());
        const Status inside = Schema::migrate(**other);
        QVERIFY(!inside.ok());
        QCOMPARE(inside.error().code, ErrorCode::Internal);
    }

    void failedStepLeavesVersionUnchanged()
    {
        test::TempDir dir;
        auto db = Database::open(dir.file(QStringLiteral("t.db")));
        QVERIFY(db);
        // A table the migration wants to create already exists: step 1 fails as a whole.
        QVERIFY((*db)->execute(QStringLiteral("CREATE TABLE outbox(x INTEGER)")).ok());
        const Status s = Schema::migrate(**db);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().detail.startsWith(QStringLiteral("migration 1: ")), qPrintable(s.error().detail));
        QCOMPARE(*Schema::currentVersion(**db), 0);
        auto st =
            (*db)->prepareOnce(QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'members'"));
        QVERIFY(st && st->next());
        QCOMPARE(st->int64(0), qint64(0));
    }

    void newerDatabaseIsRefusedAndUntouched()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("till.db"));
        QVERIFY(makeRealDatabase(path, 50));
        const int newer = Schema::latestVersion() + 1;
        {
            auto db = Database::open(path);
            QVERIFY(db);
            QVERIFY((*db)->execute(QStringLiteral("PRAGMA user_version = %1").arg(newer)).ok());
        }
        const QStringList filesBefore = filesIn(dir.path());
        QCOMPARE(filesBefore, QStringList{QStringLiteral("till.db")});
        const QByteArray before = readAll(path);

        auto db = openTillDatabase(path, OpenOptions{});
        QVERIFY(!db);
        QCOMPARE(db.error().code, ErrorCode::Storage);
        QCOMPARE(db.error().message,
                 QStringLiteral(
                     "This database was written by a newer version of Counterpart (schema %1; this "
                     "program knows up to %2). Install the newer version; the file has not been changed.")
                     .arg(newer)
                     .arg(Schema::latestVersion()));
        QCOMPARE(readAll(path), before);
        QCOMPARE(filesIn(dir.path()), filesBefore);

        // The same through an open connection.
        {
            auto open = Database::open(path);
            QVERIFY(open);
            const Status s = Schema::migrate(**open);
            QVERIFY(!s.ok());
            QCOMPARE(s.error().message, db.error().message);
        }
        QCOMPARE(readAll(path), before);
    }

    void damagedDatabaseIsKeptAndRefused()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("till.db"));
        QVERIFY(makeRealDatabase(path, 3000));
        QCOMPARE(filesIn(dir.path()), QStringList{QStringLiteral("till.db")});
        QVERIFY(damagePages(path, 3));
        const QByteArray damaged = readAll(path);

        auto db = openTillDatabase(path, OpenOptions{});
        QVERIFY(!db);
        QCOMPARE(db.error().code, ErrorCode::Storage);
        const QString message = db.error().message;
        QVERIFY2(message.startsWith(QStringLiteral("The member database at %1 is damaged").arg(path)),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("counterpart-admin check")), qPrintable(message));
        QVERIFY(!db.error().detail.isEmpty());

        // The original is still there, exactly as it was; a copy sits beside it.
        QCOMPARE(readAll(path), damaged);
        const QStringList copies =
            QDir(dir.path()).entryList({QStringLiteral("till.db.damaged-*")}, QDir::Files);
        QCOMPARE(copies.size(), 1);
        QVERIFY2(QRegularExpression(QStringLiteral("^till\\.db\\.damaged-\\d{8}-\\d{6}$"))
                     .match(copies.first())
                     .hasMatch(),
                 qPrintable(copies.first()));
        const QString copy = dir.file(copies.first());
        QVERIFY2(message.contains(copy), qPrintable(message));
        QCOMPARE(readAll(copy), damaged);
    }

    void integrityCheckNeverOverwritesACopy()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("till.db"));
        QVERIFY(makeRealDatabase(path, 3000));
        QVERIFY(damagePages(path, 3));
        auto db = Database::open(path);
        QVERIFY(db);
        auto first = checkIntegrity(**db, true);
        QVERIFY(first);
        QVERIFY(!first->ok);
        QVERIFY(!first->problems.isEmpty());
        auto second = checkIntegrity(**db, false);
        QVERIFY(second);
        QVERIFY(!second->ok);
        QVERIFY(QFileInfo::exists(first->keptCopyPath));
        QVERIFY(QFileInfo::exists(second->keptCopyPath));
        QVERIFY(first->keptCopyPath != second->keptCopyPath);
        QCOMPARE(readAll(first->keptCopyPath), readAll(path));
        QCOMPARE(readAll(second->keptCopyPath), readAll(path));
    }

    void damagedWithWalKeepsTheWalToo()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("till.db"));
        QVERIFY(makeRealDatabase(path, 3000));
        // A second program holds the file open with recent commits still in the WAL.
        auto writer = Database::open(path);
        QVERIFY(writer);
        QVERIFY((*writer)->execute(QStringLiteral("PRAGMA wal_autocheckpoint = 0")).ok());
        QVERIFY((*writer)
                    ->execute(QStringLiteral("INSERT INTO settings(key, value) VALUES ('recent', 'yes')"))
                    .ok());
        const QString wal = path + QStringLiteral("-wal");
        QVERIFY(QFileInfo(wal).size() > 0);
        QVERIFY(damagePages(path, 3));
        const QByteArray damaged = readAll(path);
        const QByteArray walBytes = readAll(wal);

        auto db = openTillDatabase(path, OpenOptions{});
        QVERIFY(!db);
        const QStringList copies =
            QDir(dir.path()).entryList({QStringLiteral("till.db.damaged-*")}, QDir::Files);
        QCOMPARE(copies.size(), 2);
        const QString copy = dir.file(copies.first());
        QCOMPARE(dir.file(copies.at(1)), copy + QStringLiteral("-wal"));
        QCOMPARE(readAll(copy), damaged);
        QCOMPARE(readAll(copy + QStringLiteral("-wal")), walBytes);
        QCOMPARE(readAll(path), damaged);
    }

    void notADatabaseIsKeptAndRefused()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("till.db"));
        QByteArray text;
        for (int i = 0; i < 300; ++i)
            text += "This is a shopping list, not a database. Milk, eggs, rice.\n";
        QVERIFY(writeAll(path, text));

        auto db = openTillDatabase(path, OpenOptions{});
        QVERIFY(!db);
        QCOMPARE(db.error().code, ErrorCode::Storage);
        const QString message = db.error().message;
        QVERIFY2(message.startsWith(QStringLiteral("The file at %1 is not a Counterpart database").arg(path)),
                 qPrintable(message));
        QVERIFY2(db.error().detail.startsWith(QStringLiteral("sqlite 26 ")), qPrintable(db.error().detail));
        QCOMPARE(readAll(path), text);
        const QStringList copies =
            QDir(dir.path()).entryList({QStringLiteral("till.db.damaged-*")}, QDir::Files);
        QCOMPARE(copies.size(), 1);
        QVERIFY2(message.contains(dir.file(copies.first())), qPrintable(message));
        QCOMPARE(readAll(dir.file(copies.first())), text);
    }

    void healthyDatabasePassesTheCheck()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("till.db"));
        QVERIFY(makeRealDatabase(path, 100));
        auto db = Database::open(path);
        QVERIFY(db);
        for (bool full : {false, true}) {
            auto report = checkIntegrity(**db, full);
            QVERIFY(report);
            QVERIFY(report->ok);
            QVERIFY(report->problems.isEmpty());
            QVERIFY(report->keptCopyPath.isEmpty());
        }
        QCOMPARE(filesIn(dir.path()).filter(QStringLiteral("damaged")), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
