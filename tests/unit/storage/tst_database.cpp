#include "storage/Database.h"
#include "storage/WalCheckpointer.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <sqlite3.h>
#include <sys/stat.h>

using namespace counterpart;

class TestDatabase : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Database> openDb(const QString &path, const OpenOptions &options = {})
    {
        auto db = Database::open(path, options);
        if (!db) {
            qWarning().noquote() << db.error().message << db.error().detail;
            return nullptr;
        }
        return std::move(db.value());
    }

    // A new database t.db in `dir` with `schema` run on it; null (and a warning) when either fails.
    std::unique_ptr<Database> openWith(const test::TempDir &dir, const QString &schema)
    {
        auto db = openDb(dir.file(QStringLiteral("t.db")));
        if (!db)
            return nullptr;
        if (Status s = db->execute(schema); !s) {
            qWarning().noquote() << s.error().message << s.error().detail;
            return nullptr;
        }
        return db;
    }

    static qint64 countRows(Database &db, const QString &table)
    {
        auto st = db.prepareOnce(QStringLiteral("SELECT COUNT(*) FROM ") + table);
        if (!st || !st->next())
            return -1;
        return st->int64(0);
    }

    static QString pragma(Database &db, const QString &name)
    {
        auto st = db.prepareOnce(QStringLiteral("PRAGMA ") + name);
        if (!st || !st->next())
            return QStringLiteral("<error>");
        return st->text(0);
    }

    static int mode(const QString &path)
    {
        struct stat st {};
        if (::stat(QFile::encodeName(path).constData(), &st) != 0)
            return -1;
        return int(st.st_mode & 07777);
    }

private slots:
    // till.db holds the terminal's credentials and member data: 0600 with its -wal and -shm, in a
    // folder made 0700, whatever the process's umask.
    void newDatabaseIsPrivate()
    {
        test::TempDir dir;
        const mode_t old = ::umask(0022);
        const QString path = dir.file(QStringLiteral("new/folder/till.db"));
        QVERIFY(Database::makePrivateFolder(dir.file(QStringLiteral("new/folder"))));
        auto db = openDb(path);
        ::umask(old);
        QVERIFY(db);
        QVERIFY(db->execute(QStringLiteral("CREATE TABLE t(x INTEGER)")).ok());
        QCOMPARE(mode(path), 0600);
        QCOMPARE(mode(path + QStringLiteral("-wal")), 0600);
        QCOMPARE(mode(path + QStringLiteral("-shm")), 0600);
        QCOMPARE(mode(dir.file(QStringLiteral("new/folder"))), 0700);
        QCOMPARE(mode(dir.file(QStringLiteral("new"))), 0700);
    }

    void walAndSynchronousFull()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("till.db"));
        auto db = openDb(path);
        QVERIFY(db);
        QCOMPARE(pragma(*db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
        QCOMPARE(pragma(*db, QStringLiteral("synchronous")), QStringLiteral("2")); // FULL
        QCOMPARE(pragma(*db, QStringLiteral("foreign_keys")), QStringLiteral("1"));
        QCOMPARE(pragma(*db, QStringLiteral("temp_store")), QStringLiteral("2"));      // MEMORY
        QCOMPARE(pragma(*db, QStringLiteral("cache_size")), QStringLiteral("-32768")); // 32 MiB
        QCOMPARE(pragma(*db, QStringLiteral("mmap_size")), QStringLiteral("0"));       // no map: RSS budget
        QCOMPARE(pragma(*db, QStringLiteral("busy_timeout")), QStringLiteral("5000"));
        QVERIFY(db->execute(QStringLiteral("CREATE TABLE t(x INTEGER)")).ok());
        // A write in WAL mode goes to the -wal file first.
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        // WAL is recorded in the file itself: a plain connection that asks for nothing sees it too.
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open_v2(path.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
        const QByteArray mode(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
        sqlite3_close(raw);
        QCOMPARE(mode, QByteArray("wal"));
        QCOMPARE(db->path(), path);
    }

    void unsafeFastWritesTurnsSyncOff()
    {
        test::TempDir dir;
        OpenOptions options;
        options.unsafeFastWrites = true;
        auto db = openDb(dir.file(QStringLiteral("seed.db")), options);
        QVERIFY(db);
        QCOMPARE(pragma(*db, QStringLiteral("synchronous")), QStringLiteral("0"));
        QCOMPARE(pragma(*db, QStringLiteral("journal_mode")), QStringLiteral("wal"));
    }

    void cannotOpenNamesThePath()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("no/such/folder/till.db"));
        auto db = Database::open(path);
        QVERIFY(!db);
        QCOMPARE(db.error().code, ErrorCode::Storage);
        QVERIFY2(db.error().message.contains(path), qPrintable(db.error().message));
        QVERIFY2(db.error().detail.startsWith(QStringLiteral("sqlite 14 ")), qPrintable(db.error().detail));

        OpenOptions noCreate;
        noCreate.create = false;
        auto missing = Database::open(dir.file(QStringLiteral("missing.db")), noCreate);
        QVERIFY(!missing);
        QVERIFY(!QFileInfo::exists(dir.file(QStringLiteral("missing.db"))));
    }

    void errorMessages()
    {
        const Error full = Database::errorFromCode(SQLITE_FULL, QStringLiteral("database or disk is full"),
                                                   QStringLiteral("ledger.insert"));
        QCOMPARE(full.code, ErrorCode::Storage);
        QCOMPARE(full.message,
                 QStringLiteral(
                     "The disk is full. Free some space on the till and try again; nothing was saved."));
        QCOMPARE(full.detail, QStringLiteral("sqlite 13 (database or disk is full): ledger.insert"));

        const Error unique = Database::errorFromCode(
            SQLITE_CONSTRAINT_UNIQUE, QStringLiteral("UNIQUE constraint failed: members.phone"),
            QStringLiteral("x"));
        QCOMPARE(unique.code, ErrorCode::Conflict);
        QCOMPARE(
            unique.detail,
            QStringLiteral("sqlite 2067 (constraint failed; UNIQUE constraint failed: members.phone): x"));

        const Error corrupt = Database::errorFromCode(SQLITE_CORRUPT, QString(), QString());
        QCOMPARE(corrupt.code, ErrorCode::Storage);
        QVERIFY(corrupt.message.contains(QStringLiteral("counterpart-admin check")));
        QCOMPARE(Database::errorFromCode(SQLITE_NOTADB, QString(), QString()).message, corrupt.message);

        const Error ro = Database::errorFromCode(SQLITE_READONLY_DBMOVED, QString(), QString());
        QCOMPARE(ro.code, ErrorCode::Storage);
        QVERIFY(ro.message.contains(QStringLiteral("read")));

        QVERIFY(Database::errorFromCode(SQLITE_LOCKED, QString(), QString())
                    .message.startsWith(QStringLiteral("The database is busy")));

        const Error io = Database::errorFromCode(SQLITE_IOERR_WRITE, QString(), QStringLiteral("ctx"));
        QCOMPARE(io.code, ErrorCode::Storage);
        QCOMPARE(io.detail, QStringLiteral("sqlite 778 (disk I/O error): ctx"));
    }

    void statementsAreCachedAndReused()
    {
        test::TempDir dir;
        auto db = openWith(dir, QStringLiteral("CREATE TABLE t(x INTEGER, s TEXT, b BLOB)"));
        QVERIFY(db);
        const QString insert = QStringLiteral("INSERT INTO t(x, s, b) VALUES (?1, ?2, ?3)");
        sqlite3_stmt *first = nullptr;
        for (int i = 0; i < 3; ++i) {
            auto st = db->prepare(insert);
            QVERIFY(st);
            if (i == 0)
                first = st->handle();
            QCOMPARE(st->handle(), first);
            st->bind(1, i).bind(2, QStringLiteral("李娜 %1").arg(i)).bind(3, QByteArray("\x00\x01", 2));
            QVERIFY(st->exec().ok());
        }
        QCOMPARE(db->cachedStatementCount(), 1);

        // Bindings do not leak into the next use of the cached statement.
        {
            auto st = db->prepare(insert);
            QVERIFY(st);
            st->bind(1, qint64(99));
            QVERIFY(st->exec().ok());
        }
        {
            auto st = db->prepare(QStringLiteral("SELECT x, s, b FROM t WHERE x = ?1"));
            QVERIFY(st);
            st->bind(1, 99);
            QVERIFY(st->next());
            QVERIFY(st->isNull(1));
            QVERIFY(st->isNull(2));
            QVERIFY(st->text(1).isNull());
            QVERIFY(!st->next());
            QVERIFY(st->ok());
        }
        {
            auto st = db->prepare(QStringLiteral("SELECT x, s, b FROM t WHERE x = ?1"));
            st->bind(1, 2);
            QVERIFY(st->next());
            QCOMPARE(st->int32(0), 2);
            QCOMPARE(st->text(1), QStringLiteral("李娜 2"));
            QCOMPARE(st->blob(2), QByteArray("\x00\x01", 2));
            QCOMPARE(st->optionalInt64(0), std::optional<qint64>(2));
        }

        // The same SQL while the first is still open: a separate statement, so neither disturbs the other.
        {
            auto a = db->prepare(QStringLiteral("SELECT x FROM t ORDER BY x"));
            QVERIFY(a);
            QVERIFY(a->next());
            QCOMPARE(a->int64(0), qint64(0));
            auto b = db->prepare(QStringLiteral("SELECT x FROM t ORDER BY x"));
            QVERIFY(b);
            QVERIFY(b->handle() != a->handle());
            QVERIFY(b->next());
            QVERIFY(b->next());
            QCOMPARE(b->int64(0), qint64(1));
            QVERIFY(a->next());
            QCOMPARE(a->int64(0), qint64(1));
        }
        // prepareOnce statements are not cached.
        const int cached = db->cachedStatementCount();
        {
            auto once = db->prepareOnce(QStringLiteral("SELECT COUNT(*) FROM t"));
            QVERIFY(once && once->next());
            QCOMPARE(once->int64(0), qint64(4));
        }
        QCOMPARE(db->cachedStatementCount(), cached);

        // Moving a statement keeps it working and leaves one owner.
        {
            auto st = db->prepare(QStringLiteral("SELECT COUNT(*) FROM t"));
            Statement moved(std::move(*st));
            QVERIFY(moved.next());
            QCOMPARE(moved.int64(0), qint64(4));
        }
    }

    void invalidSqlAndBadBindAreErrors()
    {
        test::TempDir dir;
        auto db = openDb(dir.file(QStringLiteral("t.db")));
        QVERIFY(db);
        auto bad = db->prepare(QStringLiteral("SELEC nonsense"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::Storage);
        QVERIFY2(bad.error().detail.startsWith(QStringLiteral("sqlite 1 ")), qPrintable(bad.error().detail));

        QVERIFY(db->execute(QStringLiteral("CREATE TABLE t(x INTEGER NOT NULL)")).ok());
        auto st = db->prepare(QStringLiteral("INSERT INTO t(x) VALUES (?1)"));
        QVERIFY(st);
        st->bind(1, 1).bind(2, 2); // index 2 does not exist: the statement must refuse to run
        const Status s = st->exec();
        QVERIFY(!s.ok());
        QCOMPARE(st->resultCode(), SQLITE_RANGE);
        QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(0));
    }

    // bindAll binds ?1, ?2, ... in order; optionalScalar reads one number that may be missing or NULL;
    // keepSqliteErrors reports a broken constraint as SQLite does (Conflict), not refined.
    void statementHelpers()
    {
        test::TempDir dir;
        auto db =
            openWith(dir, QStringLiteral("CREATE TABLE t(x INTEGER CHECK (x >= 0), y TEXT, z INTEGER)"));
        QVERIFY(db);
        auto insert = db->prepare(QStringLiteral("INSERT INTO t(x, y, z) VALUES (?1, ?2, ?3)"));
        QVERIFY(insert);
        QVERIFY(
            insert->bindAll(qint64(5), QStringLiteral("five"), std::optional<qint64>()).run("t.insert").ok());
        auto read = db->prepare(QStringLiteral("SELECT x || y || coalesce(z, '-') FROM t"));
        QVERIFY(read && read->next());
        QCOMPARE(read->text(0), QStringLiteral("5five-"));

        auto number = [&](const QString &sql) {
            auto st = db->prepare(sql);
            return st ? st->optionalScalar("t.number") : Result<std::optional<qint64>>(st.error());
        };
        QCOMPARE(number(QStringLiteral("SELECT x FROM t")).value(), std::optional<qint64>(5));
        QCOMPARE(number(QStringLiteral("SELECT z FROM t")).value(), std::optional<qint64>());
        QCOMPARE(number(QStringLiteral("SELECT x FROM t WHERE x > 9")).value(), std::optional<qint64>());

        auto refined = db->prepare(QStringLiteral("INSERT INTO t(x) VALUES (?1)"));
        QVERIFY(refined);
        const Status notAllowed = refined->bind(1, -1).run("t.negative");
        QCOMPARE(notAllowed.error().code, ErrorCode::InvalidInput);
        auto plain = db->prepare(QStringLiteral("INSERT INTO t(x) VALUES (?1)"));
        QVERIFY(plain);
        const Status conflict = plain->keepSqliteErrors().bind(1, -1).run("t.negative");
        QCOMPARE(conflict.error().code, ErrorCode::Conflict);
        QVERIFY(conflict.error().detail.endsWith(QStringLiteral(": t.negative")));
        QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(1));
    }

    void transactionRollsBackWhenDestroyed()
    {
        test::TempDir dir;
        auto db = openWith(dir, QStringLiteral("CREATE TABLE t(x INTEGER)"));
        QVERIFY(db);
        {
            Transaction tx(*db);
            QVERIFY(tx.begin().ok());
            QVERIFY(db->inTransaction());
            QVERIFY(db->execute(QStringLiteral("INSERT INTO t VALUES (1)")).ok());
            QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(1));
        }
        QVERIFY(!db->inTransaction());
        QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(0));
        {
            Transaction tx(*db);
            QVERIFY(tx.begin().ok());
            QVERIFY(!tx.begin().ok()); // twice is a bug, not a nested transaction
            QVERIFY(db->execute(QStringLiteral("INSERT INTO t VALUES (2)")).ok());
            QVERIFY(tx.commit().ok());
            QVERIFY(!tx.commit().ok());
        }
        QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(1));
    }

    void savepointsNest()
    {
        test::TempDir dir;
        auto db = openWith(dir, QStringLiteral("CREATE TABLE t(x INTEGER)"));
        QVERIFY(db);
        {
            Transaction outer(*db);
            QVERIFY(outer.begin().ok());
            QVERIFY(db->execute(QStringLiteral("INSERT INTO t VALUES (1)")).ok());
            {
                Transaction inner(*db);
                QVERIFY(inner.begin().ok());
                QVERIFY(db->execute(QStringLiteral("INSERT INTO t VALUES (2)")).ok());
                {
                    Transaction innermost(*db);
                    QVERIFY(innermost.begin().ok());
                    QVERIFY(db->execute(QStringLiteral("INSERT INTO t VALUES (3)")).ok());
                    QVERIFY(innermost.commit().ok());
                }
                inner.rollback(); // takes 2 and 3 back, keeps 1
                QVERIFY(db->inTransaction());
            }
            {
                Transaction inner(*db);
                QVERIFY(inner.begin().ok());
                QVERIFY(db->execute(QStringLiteral("INSERT INTO t VALUES (4)")).ok());
                QVERIFY(inner.commit().ok());
            }
            QVERIFY(db->inTransaction());
            QVERIFY(outer.commit().ok());
        }
        auto st =
            db->prepare(QStringLiteral("SELECT group_concat(x, ',') FROM (SELECT x FROM t ORDER BY x)"));
        QVERIFY(st && st->next());
        QCOMPARE(st->text(0), QStringLiteral("1,4"));

        // An inner commit is not durable on its own: the outer rollback takes it back.
        {
            Transaction outer(*db);
            QVERIFY(outer.begin().ok());
            Transaction inner(*db);
            QVERIFY(inner.begin().ok());
            QVERIFY(db->execute(QStringLiteral("INSERT INTO t VALUES (5)")).ok());
            QVERIFY(inner.commit().ok());
            outer.rollback();
        }
        QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(2));
    }

    // A user action of several writes fails at each possible statement in turn; every time, nothing of
    // it is left behind, and without a failure all of it is there.
    void failAfterLeavesNothingHalfDone()
    {
        test::TempDir dir;
        auto db = openWith(dir, QStringLiteral("CREATE TABLE a(x INTEGER); CREATE TABLE b(x INTEGER);"
                                               " CREATE TABLE c(x INTEGER)"));
        QVERIFY(db);
        auto action = [&]() -> Status {
            Transaction tx(*db);
            if (Status s = tx.begin(); !s)
                return s;
            for (const char *table : {"a", "b", "c", "a"}) {
                auto st = db->prepare(QStringLiteral("INSERT INTO ") + QLatin1String(table) +
                                      QStringLiteral(" VALUES (?1)"));
                if (!st)
                    return st.error();
                st->bind(1, 7);
                if (Status s = st->exec(); !s)
                    return s;
            }
            return tx.commit();
        };
        for (int n = 0; n < 4; ++n) {
            db->failAfter(n);
            const Status s = action();
            // Failing goes on until switched off: reads fail too.
            QCOMPARE(countRows(*db, QStringLiteral("a")), qint64(-1));
            db->failAfter(-1);
            QVERIFY2(!s.ok(), qPrintable(QString::number(n)));
            QCOMPARE(s.error().code, ErrorCode::Storage);
            QVERIFY2(s.error().detail.startsWith(QStringLiteral("sqlite 778 ")),
                     qPrintable(s.error().detail));
            QVERIFY(!db->inTransaction());
            QCOMPARE(countRows(*db, QStringLiteral("a")), qint64(0));
            QCOMPARE(countRows(*db, QStringLiteral("b")), qint64(0));
            QCOMPARE(countRows(*db, QStringLiteral("c")), qint64(0));
        }
        // Four statements succeed, so the action does; from the fifth on (a read too), all fail.
        db->failAfter(4);
        QVERIFY(action().ok());
        QCOMPARE(countRows(*db, QStringLiteral("a")), qint64(-1));
        QCOMPARE(countRows(*db, QStringLiteral("a")), qint64(-1));
        db->failAfter(-1);
        QCOMPARE(countRows(*db, QStringLiteral("a")), qint64(2));
        QCOMPARE(countRows(*db, QStringLiteral("c")), qint64(1));
        QCOMPARE(countRows(*db, QStringLiteral("b")), qint64(1));
        db->failAfter(-1);
        QVERIFY(!db->shouldInjectFailure());
    }

    void busyDatabaseSaysSo()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("t.db"));
        auto first = openDb(path);
        QVERIFY(first);
        QVERIFY(first->execute(QStringLiteral("CREATE TABLE t(x INTEGER)")).ok());
        OpenOptions impatient;
        impatient.busyTimeoutMs = 50;
        auto second = openDb(path, impatient);
        QVERIFY(second);

        Transaction holding(*first);
        QVERIFY(holding.begin().ok());
        QVERIFY(first->execute(QStringLiteral("INSERT INTO t VALUES (1)")).ok());

        Transaction waiting(*second);
        const Status s = waiting.begin();
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Storage);
        QVERIFY2(s.error().message.startsWith(QStringLiteral("The database is busy")),
                 qPrintable(s.error().message));
        QVERIFY2(s.error().detail.startsWith(QStringLiteral("sqlite 5 ")), qPrintable(s.error().detail));

        // WAL: the reader is not blocked by the writer and sees the last committed state.
        QCOMPARE(countRows(*second, QStringLiteral("t")), qint64(0));
        QVERIFY(holding.commit().ok());
        QCOMPARE(countRows(*second, QStringLiteral("t")), qint64(1));
        QVERIFY(waiting.begin().ok());
        QVERIFY(waiting.commit().ok());
    }

    void constraintIsConflict()
    {
        test::TempDir dir;
        auto db = openWith(dir, QStringLiteral("CREATE TABLE t(x INTEGER UNIQUE)"));
        QVERIFY(db);
        auto ins = [&](qint64 v) {
            auto st = db->prepare(QStringLiteral("INSERT INTO t VALUES (?1)"));
            st->bind(1, v);
            return st->exec();
        };
        QVERIFY(ins(13800138000).ok());
        const Status dup = ins(13800138000);
        QVERIFY(!dup.ok());
        QCOMPARE(dup.error().code, ErrorCode::Conflict);
        // The value itself (a phone number, say) never appears in the error.
        QVERIFY(!dup.error().detail.contains(QStringLiteral("13800138000")));
        QVERIFY(!dup.error().message.contains(QStringLiteral("13800138000")));
        QVERIFY(dup.error().detail.contains(QStringLiteral("UNIQUE constraint failed: t.x")));
    }

    // The store helpers: one row, all rows, one number, run; failures name the context.
    void statementHelpersReadAndRun()
    {
        test::TempDir dir;
        auto db = openWith(dir, QStringLiteral("CREATE TABLE t(x INTEGER NOT NULL CHECK (x >= 0),"
                                               " p INTEGER REFERENCES t(x))"));
        QVERIFY(db);
        QVERIFY(db->execute(QStringLiteral("CREATE UNIQUE INDEX tx ON t(x)")).ok());
        auto insert = [&](qint64 x) {
            auto st = db->prepare(QStringLiteral("INSERT INTO t(x) VALUES (?1)"));
            return st ? st->bind(1, x).run("t.insert") : Status(st.error());
        };
        QVERIFY(insert(1).ok());
        QVERIFY(insert(2).ok());
        const auto readX = [](const Statement &st) { return st.int64(0); };

        const auto byX = [&](qint64 x) {
            auto st = db->prepare(QStringLiteral("SELECT x FROM t WHERE x = ?1"));
            return st ? st->bind(1, x).one(readX, "t.one") : Result<std::optional<qint64>>(st.error());
        };
        const Result<std::optional<qint64>> found = byX(2);
        QVERIFY(found.ok());
        QCOMPARE(found->value_or(-1), qint64(2));
        const Result<std::optional<qint64>> none = byX(7);
        QVERIFY(none.ok());
        QVERIFY(!none->has_value());

        auto all = db->prepare(QStringLiteral("SELECT x FROM t ORDER BY x"));
        QVERIFY(all);
        const Result<QList<qint64>> rows = all->all(readX, "t.all");
        QVERIFY(rows.ok());
        QCOMPARE(*rows, (QList<qint64>{1, 2}));

        auto sum = db->prepare(QStringLiteral("SELECT SUM(x) FROM t"));
        QVERIFY(sum);
        QCOMPARE(sum->scalar("t.sum").value(), qint64(3));
        auto empty = db->prepare(QStringLiteral("SELECT x FROM t WHERE x > 100"));
        QVERIFY(empty);
        const Result<qint64> noRow = empty->scalar("t.noRow");
        QVERIFY(!noRow.ok());
        QCOMPARE(noRow.error().code, ErrorCode::Internal);
        QCOMPARE(noRow.error().detail, QStringLiteral("t.noRow: no row"));

        const auto touch = [&](qint64 x) {
            auto st = db->prepare(QStringLiteral("UPDATE t SET x = x WHERE x = ?1"));
            return st ? st->bind(1, x).runOnOneRow("t.touch") : Status(st.error());
        };
        QVERIFY(touch(1).ok());
        const Status missing = touch(9);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(missing.error().detail, QStringLiteral("t.touch: no row changed"));

        // Constraint failures are told apart; a unique one stays a conflict.
        const Status negative = insert(-1);
        QCOMPARE(negative.error().code, ErrorCode::InvalidInput);
        QVERIFY(negative.error().detail.contains(QStringLiteral("t.insert")));
        QCOMPARE(insert(1).error().code, ErrorCode::Conflict);
        QVERIFY(db->execute(QStringLiteral("PRAGMA foreign_keys = ON")).ok());
        auto orphan = db->prepare(QStringLiteral("INSERT INTO t(x, p) VALUES (5, 99)"));
        QVERIFY(orphan);
        QCOMPARE(orphan->run("t.orphan").error().code, ErrorCode::NotFound);

        // A failing read comes back as the error, naming the context.
        db->failAfter(0);
        auto failing = db->prepare(QStringLiteral("SELECT x FROM t"));
        QVERIFY(failing);
        const Result<QList<qint64>> failed = failing->all(readX, "t.failing");
        db->failAfter(-1);
        QVERIFY(!failed.ok());
        QVERIFY(failed.error().detail.contains(QStringLiteral("t.failing")));
    }

    // A read snapshot: BEGIN DEFERRED ... COMMIT, unless a transaction is already open.
    void readTransactionIsOneSnapshot()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("t.db"));
        auto db = openDb(path);
        auto writer = openDb(path);
        QVERIFY(db && writer);
        QVERIFY(db->execute(QStringLiteral("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)")).ok());
        {
            ReadTransaction read(*db);
            QVERIFY(read.begin().ok());
            QVERIFY(db->inTransaction());
            QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(1));
            // Another connection commits meanwhile (WAL: it is not held up); this snapshot does not see it.
            QVERIFY(writer->execute(QStringLiteral("INSERT INTO t VALUES (2)")).ok());
            QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(1));
            {
                ReadTransaction nested(*db);
                QVERIFY(nested.begin().ok());
                QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(1));
            }
            // The nested guard did not end the outer snapshot.
            QVERIFY(db->inTransaction());
            QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(1));
        }
        QVERIFY(!db->inTransaction());
        QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(2));
    }

    void readTransactionEndsOnTheErrorPath()
    {
        test::TempDir dir;
        auto db = openWith(dir, QStringLiteral("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1)"));
        QVERIFY(db);
        auto readTwice = [&]() -> Result<qint64> {
            ReadTransaction read(*db);
            CP_TRY(read.begin());
            CP_TRY_ASSIGN(auto first, db->prepare(QStringLiteral("SELECT COUNT(*) FROM t")));
            CP_TRY_ASSIGN(const qint64 n, first.scalar("t.first"));
            CP_TRY_ASSIGN(auto second, db->prepare(QStringLiteral("SELECT MAX(x) FROM t")));
            CP_TRY_ASSIGN(const qint64 m, second.scalar("t.second"));
            return n + m;
        };
        QCOMPARE(readTwice().value(), qint64(2));
        QVERIFY(!db->inTransaction());
        db->failAfter(1); // the second read fails
        const Result<qint64> failed = readTwice();
        db->failAfter(-1);
        QVERIFY(!failed.ok());
        QVERIFY(failed.error().detail.contains(QStringLiteral("t.second")));
        QVERIFY(!db->inTransaction()); // ended anyway
    }

    void readTransactionLeavesAWriteTransactionAlone()
    {
        test::TempDir dir;
        auto db = openWith(dir, QStringLiteral("CREATE TABLE t(x INTEGER)"));
        QVERIFY(db);
        {
            Transaction tx(*db);
            QVERIFY(tx.begin().ok());
            QVERIFY(db->execute(QStringLiteral("INSERT INTO t VALUES (1)")).ok());
            {
                ReadTransaction read(*db);
                QVERIFY(read.begin().ok());
                QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(1));
            }
            // Still open, and still able to roll back what it wrote.
            QVERIFY(db->inTransaction());
            tx.rollback();
        }
        QVERIFY(!db->inTransaction());
        QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(0));
    }

    // The background checkpointer copies the log into the file from its own connection while the
    // writer commits with automatic checkpoints off: the log is emptied without the writer doing it.
    void backgroundCheckpointsEmptyTheLog()
    {
        test::TempDir dir;
        const QString path = dir.file(QStringLiteral("ck.db"));
        auto db = openDb(path);
        QVERIFY(db);
        QVERIFY(db->execute(QStringLiteral("PRAGMA wal_autocheckpoint=0; CREATE TABLE t(x BLOB)")).ok());
        auto checkpointer = WalCheckpointer::start(path, 20);
        QVERIFY(checkpointer.ok());
        for (int i = 0; i < 300; ++i) {
            auto st = db->prepare(QStringLiteral("INSERT INTO t VALUES (randomblob(3000))"));
            QVERIFY(st && st->exec().ok());
        }
        QTRY_VERIFY_WITH_TIMEOUT(checkpointer.value()->checkpoints() > 0, 10000);
        QCOMPARE(checkpointer.value()->failures(), qint64(0));
        // Everything written so far is in the file: a checkpoint now finds nothing left to copy.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto st = db->prepare(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
                return st && st->next() && st->int64(1) == st->int64(2);
            }(),
            10000);
        checkpointer.value().reset(); // stops and joins
        QCOMPARE(countRows(*db, QStringLiteral("t")), qint64(300));
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
