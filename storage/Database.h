#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace counterpart {

class Database;

// A prepared statement. Statements obtained from Database::prepare() are cached by the database and
// reused; a Statement resets and clears its bindings when it goes out of scope.
class Statement
{
public:
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) = delete;
    Statement(const Statement &) = delete;
    ~Statement();

    // Binding is 1-based, as in SQLite. Null QString / QByteArray bind SQL NULL.
    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, bool value) { return bind(index, qint64(value ? 1 : 0)); }
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const QByteArray &value);   // BLOB
    Statement &bind(int index, const char *utf8) = delete; // say QStringLiteral or QByteArray
    Statement &bindNull(int index);
    Statement &bind(int index, std::optional<qint64> value);

    // Runs one step. true: a row is available; false: done (or failed: see ok()).
    bool next();
    // Runs to completion, for statements that return no rows. Returns the error, if any.
    Status exec();

    bool ok() const { return m_rc == 0 || m_rc == 100 || m_rc == 101; } // SQLITE_OK / ROW / DONE
    Error error() const;                                                // valid when !ok()
    int resultCode() const { return m_rc; } // extended result code of the last step

    bool isNull(int column) const;
    qint64 int64(int column) const;
    int int32(int column) const { return int(int64(column)); }
    QString text(int column) const;
    QByteArray blob(int column) const;
    std::optional<qint64> optionalInt64(int column) const;

private:
    friend class Database;
    Statement(Database *db, sqlite3_stmt *stmt, bool cached);
    Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_cached = false;
    int m_rc = 0;
};

struct OpenOptions {
    bool readOnly = false;
    bool create = true;
    // Seeding and benchmarks only: skip fsync. Never for a till in service.
    bool unsafeFastWrites = false;
    int busyTimeoutMs = 5000;
};

// An open SQLite database: one connection, used from one thread.
class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (and creates) the file, turns on WAL (and checks that SQLite really did), sets
    // synchronous, foreign keys and the busy timeout. Does not migrate: see Schema.
    static Result<std::unique_ptr<Database>> open(const QString &path, const OpenOptions &options = {});

    const QString &path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    // A cached, reusable statement (keyed by the SQL text). `sql` must outlive the call only.
    Result<Statement> prepare(const QString &sql);
    // Prepared each time, not cached: for one-off statements (migrations, maintenance).
    Result<Statement> prepareOnce(const QString &sql);
    // Runs one or more statements with no parameters and no results.
    Status execute(const QString &sql);

    qint64 lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;

    // A readable error for the last failure on this connection, with the extended code in `detail`.
    // Disk full, read-only file, corrupt file and locked database get their own plain-words message.
    Error lastError(const QString &context = {}) const;
    static Error errorFromCode(int extendedCode, const QString &sqliteMessage, const QString &context);

    // Makes writes fail with SQLITE_IOERR after `n` more successful statements (n < 0: never). For
    // tests that prove a failed write leaves nothing half-done.
    void failAfter(int n) { m_failAfter = n; }
    bool shouldInjectFailure();

private:
    Database() = default;
    QString m_path;
    sqlite3 *m_db = nullptr;
    QHash<QString, sqlite3_stmt *> m_cache;
    int m_failAfter = -1;
};

// BEGIN IMMEDIATE ... COMMIT, or a SAVEPOINT when a transaction is already open (so a use case can run
// inside a larger batch, e.g. demo seeding). Rolls back when destroyed without commit().
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Status begin();
    Status commit();
    void rollback();

private:
    Database &m_db;
    bool m_active = false;
    bool m_savepoint = false;
    QByteArray m_name;
};

} // namespace counterpart
