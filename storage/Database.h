#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

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
    Statement &bind(int index, const QByteArray &value); // BLOB
    // UTF-8 bytes bound as TEXT (JSON documents), so SQL text functions such as json_extract work.
    Statement &bindUtf8(int index, const QByteArray &utf8);
    Statement &bind(int index, const char *utf8) = delete; // say QStringLiteral or QByteArray
    Statement &bindNull(int index);
    Statement &bind(int index, std::optional<qint64> value);
    // Binds the values to ?1, ?2, ... in order, as bind() would one by one.
    template<typename... Values>
    Statement &bindAll(const Values &...values);

    // Runs one step. true: a row is available; false: done (or failed: see ok()).
    bool next();
    // Runs to completion, for statements that return no rows. Returns the error, if any.
    Status exec();

    bool ok() const { return m_rc == 0 || m_rc == 100 || m_rc == 101; } // SQLITE_OK / ROW / DONE
    Error error() const;                                                // valid when !ok()
    Error error(const QString &context) const; // same, naming what was being done in `detail`
    // Same, and where SQLite says "constraint" the message says which kind (a value not allowed, a
    // reference to nothing). What the helpers below return; a store may refine it further.
    Error refinedError(const char *context) const;

    // What a store does with a bound statement: run it, or read one row, all rows or one number. A
    // failure comes back as refinedError(context).
    Status run(const char *context);
    // For UPDATEs of one row by key: no row changed means there was no such row (NotFound).
    Status runOnOneRow(const char *context);
    // The first row read by `read` (a function of const Statement &), or nothing when there is none.
    template<typename Read>
    auto one(Read read, const char *context)
        -> Result<std::optional<std::invoke_result_t<Read &, const Statement &>>>;
    template<typename Read>
    auto all(Read read, const char *context)
        -> Result<QList<std::invoke_result_t<Read &, const Statement &>>>;
    // Column 0 of the first row; no row at all is an internal error (write aggregates, EXISTS, ...).
    Result<qint64> scalar(const char *context);
    // Column 0 of the first row, or nothing when there is no row or it is NULL (MIN, a nullable column).
    Result<std::optional<qint64>> optionalScalar(const char *context);
    // From here on, the helpers above return error(context) as SQLite reports it (every constraint a
    // Conflict) instead of refinedError(): for the sync store, which applies the server's data and whose
    // failures are not the counter's "nothing was saved".
    Statement &keepSqliteErrors()
    {
        m_refine = false;
        return *this;
    }
    int resultCode() const { return m_rc; } // extended result code of the last step

    bool isNull(int column) const;
    qint64 int64(int column) const;
    int int32(int column) const { return int(int64(column)); }
    QString text(int column) const;
    QByteArray blob(int column) const;
    std::optional<qint64> optionalInt64(int column) const;

    // The underlying statement (tests check that cached statements are reused).
    sqlite3_stmt *handle() const { return m_stmt; }

private:
    friend class Database;
    Statement(Database *db, sqlite3_stmt *stmt, bool cached);
    void noteBind(int rc);
    Error failure(const char *context) const; // what run/one/all/scalar return
    Database *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_cached = false;
    int m_rc = 0;
    int m_bindRc = 0;       // first failed bind: the statement then refuses to run
    bool m_started = false; // stepped since the last reset (failure injection counts statements)
    bool m_refine = true;   // failures as refinedError() (keepSqliteErrors() turns it off)
    QString m_message;      // SQLite's message, captured when the step failed
};

template<typename... Values>
Statement &Statement::bindAll(const Values &...values)
{
    int index = 0;
    (bind(++index, values), ...);
    return *this;
}

template<typename Read>
auto Statement::one(Read read, const char *context)
    -> Result<std::optional<std::invoke_result_t<Read &, const Statement &>>>
{
    using Row = std::invoke_result_t<Read &, const Statement &>;
    if (next())
        return std::optional<Row>(read(std::as_const(*this)));
    if (!ok())
        return failure(context);
    return std::optional<Row>{};
}

template<typename Read>
auto Statement::all(Read read, const char *context)
    -> Result<QList<std::invoke_result_t<Read &, const Statement &>>>
{
    QList<std::invoke_result_t<Read &, const Statement &>> rows;
    while (next())
        rows.append(read(std::as_const(*this)));
    if (!ok())
        return failure(context);
    return rows;
}

struct OpenOptions {
    bool readOnly = false;
    bool create = true;
    // Seeding and benchmarks only: skip fsync. Never for a till in service.
    bool unsafeFastWrites = false;
    int busyTimeoutMs = 5000;
    // Page cache (heap) and memory-mapped reads; see Database::open for why these sizes (measured in
    // docs/benchmarks.md, Till core: 32 MiB and no map keep the till app within its 200 MB budget).
    qint64 cacheSizeKiB = 32 * 1024;
    qint64 mmapSizeBytes = 0;
    // openTillDatabase runs PRAGMA quick_check on open for files up to this size (about 0.4 s here);
    // a larger file would hold up the start for seconds to minutes (quick_check reads every page), so
    // it is checked by `counterpart-admin check` and in the background by the till app instead.
    // Damage met during work is reported the same way either way. -1: always check on open.
    qint64 integrityCheckOnOpenMaxBytes = qint64(32) * 1024 * 1024;
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
    // Creates `dir` (and its parents) if missing; the folders made here are 0700. False on failure.
    static bool makePrivateFolder(const QString &dir);
    // Same; on failure `*extendedCode` receives SQLite's extended result code (e.g. SQLITE_NOTADB), so
    // a caller can tell a damaged file from a missing folder.
    static Result<std::unique_ptr<Database>> open(const QString &path, const OpenOptions &options,
                                                  int *extendedCode);

    const QString &path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    // A cached, reusable statement (keyed by the SQL text). `sql` must outlive the call only.
    Result<Statement> prepare(const QString &sql);
    // Prepared each time, not cached: for one-off statements (migrations, maintenance).
    Result<Statement> prepareOnce(const QString &sql);
    // Runs one or more statements with no parameters and no results. Not subject to failAfter().
    Status execute(const QString &sql);

    qint64 lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;

    // A readable error for the last failure on this connection, with the extended code in `detail`.
    // Disk full, read-only file, corrupt file and locked database get their own plain-words message.
    Error lastError(const QString &context = {}) const;
    static Error errorFromCode(int extendedCode, const QString &sqliteMessage, const QString &context);
    // Same, naming the database file in the message where that helps (cannot open).
    static Error errorFromCode(int extendedCode, const QString &sqliteMessage, const QString &context,
                               const QString &path);

    // Makes writes fail with SQLITE_IOERR after `n` more successful statements (n < 0: never). For
    // tests that prove a failed write leaves nothing half-done. Every Statement run counts once, however
    // many rows it returns; from the (n+1)th on, every Statement fails, reads too, until failAfter(-1).
    // execute() (BEGIN, COMMIT, ROLLBACK, migrations) is never failed, so a rollback always runs.
    void failAfter(int n) { m_failAfter = n; }
    bool shouldInjectFailure();

    int cachedStatementCount() const { return int(m_cache.size()); }

private:
    friend class Statement;
    Database() = default;
    // sqlite3_prepare_v3 with `prepareFlags`; an SQL text with no statement is an error.
    Result<sqlite3_stmt *> compile(const QString &sql, unsigned int prepareFlags);
    QString m_path;
    sqlite3 *m_db = nullptr;
    QHash<QString, sqlite3_stmt *> m_cache;
    QSet<sqlite3_stmt *> m_inUse; // cached statements handed out and not yet returned
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

// One consistent snapshot for several reads (in WAL mode it does not hold up other connections'
// writes): BEGIN DEFERRED, and COMMIT when it goes out of scope. Inside a transaction that is already
// open (a write transaction, or an outer ReadTransaction) it does nothing, and that one's snapshot holds.
class ReadTransaction
{
public:
    explicit ReadTransaction(Database &db);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

    Status begin();

private:
    Database &m_db;
    bool m_own = false; // this guard began the transaction, so it ends it
};

} // namespace counterpart
