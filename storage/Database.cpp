#include "storage/Database.h"

#include "storage/Log.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <atomic>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif
#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#endif

Q_LOGGING_CATEGORY(lcStorage, "counterpart.storage", QtInfoMsg)

namespace counterpart {

namespace {

// What goes into Error::detail for a statement: its SQL text (parameters are `?`, so no personal data),
// shortened so logs stay readable.
QString sqlContext(sqlite3_stmt *stmt)
{
    if (!stmt)
        return {};
    const char *sql = sqlite3_sql(stmt);
    QString text = QString::fromUtf8(sql ? sql : "").simplified();
    if (text.size() > 160)
        text = text.left(157) + QStringLiteral("...");
    return text;
}

// Runs a PRAGMA (or any one-row statement) directly on the handle, outside the statement cache and
// failure injection, and returns its first column as text.
Result<QString> queryText(sqlite3 *db, const QString &path, const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK) {
        return Database::errorFromCode(sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)),
                                       QString::fromUtf8(sql), path);
    }
    QString value;
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
        value = QString::fromUtf8(text ? text : "");
        rc = sqlite3_step(stmt);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        Error e =
            Database::errorFromCode(rc, QString::fromUtf8(sqlite3_errmsg(db)), QString::fromUtf8(sql), path);
        sqlite3_finalize(stmt);
        return e;
    }
    sqlite3_finalize(stmt);
    return value;
}

// A zero-length value still needs a non-null pointer, or SQLite stores NULL.
const char *nonNullData(const QByteArray &bytes)
{
    static const char empty = 0;
    return bytes.isEmpty() ? &empty : bytes.constData();
}

} // namespace

// ---- Statement ----

Statement::Statement(Database *db, sqlite3_stmt *stmt, bool cached)
    : m_db(db)
    , m_stmt(stmt)
    , m_cached(cached)
{}

Statement::Statement(Statement &&other) noexcept
    : m_db(other.m_db)
    , m_stmt(other.m_stmt)
    , m_cached(other.m_cached)
    , m_rc(other.m_rc)
    , m_bindRc(other.m_bindRc)
    , m_started(other.m_started)
    , m_refine(other.m_refine)
    , m_message(std::move(other.m_message))
{
    other.m_stmt = nullptr;
    other.m_db = nullptr;
}

Statement::~Statement()
{
    if (!m_stmt)
        return;
    if (m_cached) {
        // Reset ends any read transaction the statement holds; clearing the bindings makes sure the
        // next user cannot accidentally run it with this user's values.
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
        m_db->m_inUse.remove(m_stmt);
    } else {
        sqlite3_finalize(m_stmt);
    }
}

void Statement::noteBind(int rc)
{
    if (rc != SQLITE_OK && m_bindRc == SQLITE_OK)
        m_bindRc = rc;
}

Statement &Statement::bind(int index, qint64 value)
{
    noteBind(sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    if (value.isNull())
        return bindNull(index);
    const QByteArray utf8 = value.toUtf8();
    noteBind(sqlite3_bind_text64(m_stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                                 SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &value)
{
    if (value.isNull())
        return bindNull(index);
    noteBind(sqlite3_bind_blob64(m_stmt, index, nonNullData(value), sqlite3_uint64(value.size()),
                                 SQLITE_TRANSIENT));
    return *this;
}

Statement &Statement::bindUtf8(int index, const QByteArray &utf8)
{
    if (utf8.isNull())
        return bindNull(index);
    noteBind(sqlite3_bind_text64(m_stmt, index, nonNullData(utf8), sqlite3_uint64(utf8.size()),
                                 SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

Statement &Statement::bindNull(int index)
{
    noteBind(sqlite3_bind_null(m_stmt, index));
    return *this;
}

Statement &Statement::bind(int index, std::optional<qint64> value)
{
    if (value)
        return bind(index, *value);
    return bindNull(index);
}

bool Statement::next()
{
    if (!m_stmt || !m_db) {
        m_rc = SQLITE_MISUSE;
        m_message = QStringLiteral("statement is empty (moved from)");
        return false;
    }
    if (m_bindRc != SQLITE_OK) {
        // A failed bind means a parameter is missing: running would write the wrong row.
        m_rc = m_bindRc;
        m_message = QStringLiteral("a parameter could not be bound");
        return false;
    }
    if (!m_started) {
        // Reads count and fail too: an action must also stop cleanly when one of its checks cannot
        // read (and must not commit on a default value).
        if (m_db->shouldInjectFailure()) {
            m_rc = SQLITE_IOERR_WRITE;
            m_message = QStringLiteral("injected failure (Database::failAfter)");
            return false;
        }
        m_started = true;
    }
    m_rc = sqlite3_step(m_stmt);
    if (m_rc == SQLITE_ROW)
        return true;
    if (m_rc == SQLITE_DONE) {
        m_started = false; // stepping again would run it anew
        return false;
    }
    m_message = QString::fromUtf8(sqlite3_errmsg(m_db->handle()));
    return false;
}

Status Statement::exec()
{
    while (next()) {
    }
    if (!ok())
        return error();
    return {};
}

Error Statement::error() const
{
    return error(sqlContext(m_stmt));
}

Error Statement::error(const QString &context) const
{
    return Database::errorFromCode(m_rc, m_message, context, m_db ? m_db->path() : QString());
}

// SQLite says "constraint" for several different things; the stores know which one they hit.
Error Statement::refinedError(const char *context) const
{
    Error e = error(QLatin1String(context));
    switch (m_rc) {
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
        e.code = ErrorCode::InvalidInput;
        e.message =
            QCoreApplication::translate("Stores", "A value is not allowed here (for example a negative "
                                                  "amount); nothing was saved.");
        break;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        e.code = ErrorCode::NotFound;
        e.message =
            QCoreApplication::translate("Stores", "What this refers to does not exist; nothing was saved.");
        break;
    default:
        break;
    }
    return e;
}

Error Statement::failure(const char *context) const
{
    return m_refine ? refinedError(context) : error(QLatin1String(context));
}

Status Statement::run(const char *context)
{
    while (next()) {
    }
    if (!ok())
        return failure(context);
    return {};
}

Status Statement::runOnOneRow(const char *context)
{
    CP_TRY(run(context));
    if (m_db->changes() == 0) {
        return makeError(ErrorCode::NotFound,
                         QCoreApplication::translate("Stores", "The record was not found."),
                         QLatin1String(context) + QStringLiteral(": no row changed"));
    }
    return {};
}

Result<qint64> Statement::scalar(const char *context)
{
    if (next())
        return int64(0);
    if (!ok())
        return failure(context);
    return makeError(ErrorCode::Internal, QCoreApplication::translate("Stores", "Internal error: no result."),
                     QLatin1String(context) + QStringLiteral(": no row"));
}

Result<std::optional<qint64>> Statement::optionalScalar(const char *context)
{
    if (next())
        return optionalInt64(0);
    if (!ok())
        return failure(context);
    return std::optional<qint64>();
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    if (!data)
        return {};
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

std::optional<qint64> Statement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

// ---- Database ----

Database::~Database()
{
    for (sqlite3_stmt *stmt : std::as_const(m_cache))
        sqlite3_finalize(stmt);
    m_cache.clear();
    if (m_db) {
        // close_v2: if a prepareOnce() statement is still alive (a bug), the handle closes when it is
        // finalised instead of failing with SQLITE_BUSY and leaking.
        const int rc = sqlite3_close_v2(m_db);
        if (rc != SQLITE_OK)
            qCWarning(lcStorage) << "closing the database failed with code" << rc;
    }
}

bool Database::makePrivateFolder(const QString &dir)
{
    const QString absolute = QDir(dir).absolutePath();
    if (QFileInfo::exists(absolute))
        return true;
    const QString parent = QFileInfo(absolute).absolutePath();
    if (parent != absolute && !makePrivateFolder(parent))
        return false;
#ifdef Q_OS_WIN
    // No mode: the folder inherits its parent's ACL. That matters less than 0700 on Linux: on Windows
    // who may read the data is decided by the ACL of the data folder (%ProgramData%\Counterpart), which
    // the installer sets, not by the program.
    return ::CreateDirectoryW(absolute.toStdWString().c_str(), nullptr) || QFileInfo(absolute).isDir();
#else
    return ::mkdir(QFile::encodeName(absolute).constData(), 0700) == 0 || QFileInfo(absolute).isDir();
#endif
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const OpenOptions &options)
{
    return open(path, options, nullptr);
}

namespace {

// NOMUTEX: one connection per thread, so SQLite's own connection mutex is pure overhead.
int openFlags(const OpenOptions &options)
{
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    if (options.readOnly)
        flags |= SQLITE_OPEN_READONLY;
    else
        flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
    return flags;
}

// A new database holds secrets (terminal credentials, member data): made 0600 before SQLite opens it
// (SQLite gives its -wal and -shm files the database file's mode). Its folder is the caller's
// (makePrivateFolder()); a missing one stays an error.
void createPrivateFile(const QString &path, const OpenOptions &options)
{
    if (options.readOnly || !options.create || path.startsWith(QLatin1Char(':')) || QFileInfo::exists(path))
        return;
#ifdef Q_OS_WIN
    // Windows has no O_CLOEXEC (_O_NOINHERIT is its counterpart) and no owner-only mode bits: the file
    // inherits its folder's ACL, as in makePrivateFolder().
    const int fd = ::_wopen(path.toStdWString().c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_NOINHERIT,
                            _S_IREAD | _S_IWRITE);
    if (fd >= 0)
        ::_close(fd);
#else
    const int fd = ::open(path.toUtf8().constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0)
        ::close(fd);
#endif
}

// WAL: readers never block the writer (the dashboard can read while the cashier earns), and a commit is
// one sequential append. SQLite silently keeps the old mode when it cannot switch (e.g. a read-only
// folder or a network file system), so the caller reads back what it actually did: `mode`.
std::optional<Error> walRefused(const QString &path, const QString &mode)
{
    // An in-memory database (tests, scratch) reports "memory"; there is no file to protect.
    const bool inMemory = (path.isEmpty() || path == QLatin1String(":memory:")) &&
                          mode.compare(QLatin1String("memory"), Qt::CaseInsensitive) == 0;
    if (inMemory || mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) == 0)
        return std::nullopt;
    return makeError(ErrorCode::Storage,
                     QCoreApplication::translate(
                         "Database", "The database file at %1 cannot be used safely: SQLite would not "
                                     "switch it to write-ahead logging. Ask a technician to check that "
                                     "the folder is on a local disk and writable.")
                         .arg(path),
                     QStringLiteral("PRAGMA journal_mode=WAL returned '%1'").arg(mode));
}

// The PRAGMAs every connection runs after WAL is on, in this order.
QList<QByteArray> connectionSettings(const OpenOptions &options)
{
    return {
        // synchronous=FULL: in WAL mode NORMAL skips the fsync at each commit, so a power cut can lose
        // the last committed transactions. An acknowledged earn or redeem is money the member saw on the
        // receipt and must survive a power cut, so every commit is synced. (The cost per commit is
        // measured in docs/benchmarks.md.) unsafeFastWrites turns syncing off for seeding and benchmarks.
        options.unsafeFastWrites ? "PRAGMA synchronous=OFF" : "PRAGMA synchronous=FULL",
        // Off by default in SQLite; the schema's REFERENCES are only promises without it.
        "PRAGMA foreign_keys=ON",
        // Sorts and temporary indexes (ORDER BY name, statistics) stay off the disk.
        "PRAGMA temp_store=MEMORY",
        // A negative cache_size is KiB. The default 2 MiB cache would make every lookup in a
        // million-member file read index pages from the OS again; 32 MiB holds the hot interior pages
        // of the lookup indexes (phone, code, last4, name tokens) and is an upper bound, not an
        // allocation (docs/benchmarks.md, Till core).
        "PRAGMA cache_size=-" + QByteArray::number(qMax<qint64>(options.cacheSizeKiB, 0)),
        // No memory map by default (mmap_size=0): on a 3.8 GB million-member file a 256 MiB map added
        // up to 256 MiB to the till's resident size (the app's budget is 200 MB), and a first touch of
        // a mapped page (a page fault) measured slower than a read() from the OS cache, so the member
        // card got slower, not faster. Pages the OS caches for read() do not count as the app's.
        "PRAGMA mmap_size=" + QByteArray::number(qMax<qint64>(options.mmapSizeBytes, 0)),
        // After a checkpoint, truncate a WAL that grew during a big batch (bootstrap, import), so a
        // till with a small disk gets the space back.
        "PRAGMA journal_size_limit=67108864",
    };
}

} // namespace

Result<std::unique_ptr<Database>> Database::open(const QString &path, const OpenOptions &options,
                                                 int *extendedCode)
{
    if (extendedCode)
        *extendedCode = SQLITE_OK;
    std::unique_ptr<Database> db(new Database);
    db->m_path = path;
    auto fail = [&](const Error &error, int code) -> Error {
        if (extendedCode)
            *extendedCode = code;
        qCWarning(lcStorage).noquote() << "opening the database failed:" << error.detail;
        return error;
    };

    createPrivateFile(path, options);
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db->m_db, openFlags(options), nullptr);
    if (rc != SQLITE_OK) {
        const int code = db->m_db ? sqlite3_extended_errcode(db->m_db) : rc;
        const QString message = db->m_db ? QString::fromUtf8(sqlite3_errmsg(db->m_db)) : QString();
        return fail(errorFromCode(code, message, QStringLiteral("open"), path), code);
    }
    sqlite3_extended_result_codes(db->m_db, 1);
    // Set first, so that the PRAGMAs below (journal_mode needs a lock) wait for another process
    // instead of failing at once.
    sqlite3_busy_timeout(db->m_db, options.busyTimeoutMs);

    auto pragma = [&](const char *sql) -> Result<QString> {
        Result<QString> r = queryText(db->m_db, path, sql);
        if (!r)
            return Result<QString>(fail(r.error(), sqlite3_extended_errcode(db->m_db)));
        return r;
    };
    CP_TRY_ASSIGN(auto mode, pragma("PRAGMA journal_mode=WAL"));
    if (std::optional<Error> refused = walRefused(path, mode))
        return fail(*refused, SQLITE_OK);
    for (const QByteArray &sql : connectionSettings(options))
        CP_TRY(pragma(sql.constData()));
    return db;
}

Result<Statement> Database::prepare(const QString &sql)
{
    const auto it = m_cache.constFind(sql);
    if (it != m_cache.constEnd()) {
        if (!m_inUse.contains(*it)) {
            m_inUse.insert(*it);
            return Statement(this, *it, true);
        }
        // The same SQL is already running (e.g. a nested call): a second, uncached statement keeps the
        // first one's cursor and bindings intact.
        return prepareOnce(sql);
    }
    // PERSISTENT: these statements live as long as the connection; SQLite allocates them accordingly.
    CP_TRY_ASSIGN(sqlite3_stmt * stmt, compile(sql, SQLITE_PREPARE_PERSISTENT));
    m_cache.insert(sql, stmt);
    m_inUse.insert(stmt);
    return Statement(this, stmt, true);
}

Result<Statement> Database::prepareOnce(const QString &sql)
{
    CP_TRY_ASSIGN(sqlite3_stmt * stmt, compile(sql, 0));
    return Statement(this, stmt, false);
}

Result<sqlite3_stmt *> Database::compile(const QString &sql, unsigned int prepareFlags)
{
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()), prepareFlags, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return lastError(sql.simplified().left(160));
    if (!stmt) {
        return makeError(ErrorCode::Internal,
                         QCoreApplication::translate("Database", "Internal error: empty query."),
                         QStringLiteral("prepare: no statement in the SQL text"));
    }
    return stmt;
}

Status Database::execute(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_exec(m_db, utf8.constData(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return lastError(sql.simplified().left(160));
    return {};
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

Error Database::lastError(const QString &context) const
{
    return errorFromCode(sqlite3_extended_errcode(m_db), QString::fromUtf8(sqlite3_errmsg(m_db)), context,
                         m_path);
}

Error Database::errorFromCode(int extendedCode, const QString &sqliteMessage, const QString &context)
{
    return errorFromCode(extendedCode, sqliteMessage, context, QString());
}

Error Database::errorFromCode(int extendedCode, const QString &sqliteMessage, const QString &context,
                              const QString &path)
{
    // sqlite3_errstr names the code; sqlite3_errmsg says more ("UNIQUE constraint failed: members.phone").
    // Neither contains parameter values, and the context is SQL text with `?` placeholders.
    const QString codeName = QString::fromUtf8(sqlite3_errstr(extendedCode));
    QString what = codeName;
    if (!sqliteMessage.isEmpty() && sqliteMessage != codeName)
        what += QStringLiteral("; ") + sqliteMessage;
    QString detail = QStringLiteral("sqlite %1 (%2)").arg(extendedCode).arg(what);
    if (!context.isEmpty())
        detail += QStringLiteral(": ") + context;

    switch (extendedCode & 0xff) {
    case SQLITE_FULL:
        return makeError(
            ErrorCode::Storage,
            QCoreApplication::translate(
                "Database",
                "The disk is full. Free some space on the till and try again; nothing was saved."),
            detail);
    case SQLITE_READONLY:
        return makeError(ErrorCode::Storage,
                         QCoreApplication::translate(
                             "Database", "The database file can only be read, so nothing was saved. Ask a "
                                         "technician to check the file's permissions and the disk."),
                         detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return makeError(ErrorCode::Storage,
                         QCoreApplication::translate(
                             "Database", "The database file is damaged. Do not delete it: ask a technician "
                                         "to run `counterpart-admin check`."),
                         detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return makeError(ErrorCode::Storage,
                         QCoreApplication::translate(
                             "Database", "The database is busy with another task on this till. Wait a "
                                         "moment and try again; nothing was saved."),
                         detail);
    case SQLITE_CANTOPEN:
        return makeError(ErrorCode::Storage,
                         path.isEmpty()
                             ? QCoreApplication::translate(
                                   "Database", "Cannot open the database file. Check that its folder "
                                               "exists and that this user may write to it.")
                             : QCoreApplication::translate(
                                   "Database", "Cannot open the database file at %1. Check that the "
                                               "folder exists and that this user may write to it.")
                                   .arg(path),
                         detail);
    case SQLITE_CONSTRAINT:
        return makeError(ErrorCode::Conflict,
                         QCoreApplication::translate(
                             "Database", "This is already recorded, or it conflicts with something that "
                                         "is; nothing was saved."),
                         detail);
    default:
        return makeError(ErrorCode::Storage,
                         QCoreApplication::translate(
                             "Database", "The till's database reported an error (storage error). Try "
                                         "again; if it happens again, call a technician."),
                         detail);
    }
}

bool Database::shouldInjectFailure()
{
    if (m_failAfter < 0)
        return false;
    // Once failing, keep failing (a disk that failed a write does not recover by itself), so an action
    // that ignores one failed read still cannot commit on the strength of later statements.
    if (m_failAfter == 0)
        return true;
    --m_failAfter;
    return false;
}

// ---- Transaction ----

Transaction::Transaction(Database &db)
    : m_db(db)
{}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

Status Transaction::begin()
{
    if (m_active) {
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("Database", "Internal error: a transaction was begun twice."),
            QStringLiteral("Transaction::begin while active"));
    }
    if (!m_db.inTransaction()) {
        // IMMEDIATE takes the write lock now: a deferred transaction that reads first and writes later
        // can fail with SQLITE_BUSY in the middle, where the busy timeout does not help.
        if (Status s = m_db.execute(QStringLiteral("BEGIN IMMEDIATE")); !s)
            return s;
        m_savepoint = false;
    } else {
        // Savepoint names only need to be unique among the open ones; a process-wide counter is.
        static std::atomic<quint64> counter{0};
        m_name = "sp_" + QByteArray::number(++counter);
        if (Status s = m_db.execute(QStringLiteral("SAVEPOINT ") + QString::fromLatin1(m_name)); !s)
            return s;
        m_savepoint = true;
    }
    m_active = true;
    return {};
}

Status Transaction::commit()
{
    if (!m_active) {
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("Database", "Internal error: commit without a transaction."),
            QStringLiteral("Transaction::commit while not active"));
    }
    const QString sql =
        m_savepoint ? QStringLiteral("RELEASE ") + QString::fromLatin1(m_name) : QStringLiteral("COMMIT");
    Status s = m_db.execute(sql);
    if (!s) {
        // SQLite may already have rolled the whole transaction back (e.g. an I/O error or a full disk
        // during COMMIT); otherwise the destructor rolls back.
        if (!m_savepoint && !m_db.inTransaction())
            m_active = false;
        return s;
    }
    m_active = false;
    return {};
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    if (m_savepoint) {
        // If an error already rolled back the outer transaction, the savepoint is gone with it.
        if (!m_db.inTransaction())
            return;
        const QString name = QString::fromLatin1(m_name);
        Status s = m_db.execute(QStringLiteral("ROLLBACK TO ") + name + QStringLiteral("; RELEASE ") + name);
        if (!s)
            qCWarning(lcStorage).noquote() << "rolling back a savepoint failed:" << s.error().detail;
        return;
    }
    if (!m_db.inTransaction())
        return; // SQLite rolled back on its own (SQLITE_FULL, SQLITE_IOERR, ...)
    Status s = m_db.execute(QStringLiteral("ROLLBACK"));
    if (!s)
        qCWarning(lcStorage).noquote() << "rolling back failed:" << s.error().detail;
}

ReadTransaction::ReadTransaction(Database &db)
    : m_db(db)
{}

ReadTransaction::~ReadTransaction()
{
    // Reads only: ending it cannot lose anything, so a failed COMMIT needs no handling.
    if (m_own && m_db.inTransaction())
        (void)m_db.execute(QStringLiteral("COMMIT"));
}

Status ReadTransaction::begin()
{
    if (m_own || m_db.inTransaction())
        return {};
    CP_TRY(m_db.execute(QStringLiteral("BEGIN DEFERRED")));
    m_own = true;
    return {};
}

} // namespace counterpart
