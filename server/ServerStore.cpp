#include "server/ServerStore.h"

#include "core/LoyaltyRules.h"
#include "core/Uuid.h"
#include "server/ChainKeys.h"
#include "server/ChangeLog.h"
#include "server/Dialect.h"
#include "server/Log.h"
#include "server/PostgresConnection.h"
#include "server/SqliteConnection.h"
#include "storage/Database.h"
#include "sync/protocol/Signing.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QThread>
#include <QTimeZone>

#include <openssl/rand.h>

Q_LOGGING_CATEGORY(lcServer, "counterpart.server", QtInfoMsg)

namespace counterpart::server {

namespace {

constexpr int MaxAttempts = 12;
// 31 characters: no 0/O, 1/I/L, so a code read aloud or typed is not mistaken.
constexpr char CodeAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr int CodeLength = 12;

QString normaliseCode(const QString &code)
{
    QString out;
    for (const QChar c : code) {
        if (c == QLatin1Char('-') || c == QLatin1Char(' '))
            continue;
        out.append(c.toUpper());
    }
    return out;
}

QString codeHash(const QString &normalised)
{
    return QString::fromLatin1(sync::sha256Hex(normalised.toUtf8()));
}

QByteArray randomBytes(int n)
{
    QByteArray bytes(n, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(bytes.data()), n) != 1)
        return {};
    return bytes;
}

Error storageError(const Error &e)
{
    return e;
}

} // namespace

Error apiError(ErrorCode code, const QString &apiCode, const QString &message)
{
    return makeError(code, message, apiCode);
}

ServerStore::ServerStore(const Clock &clock)
    : m_clock(clock)
{}

ServerStore::~ServerStore() = default;

ServerStore::Lease::~Lease()
{
    if (!m_c || !m_store)
        return;
    if (m_c->broken())
        return; // dropped; the next acquire connects afresh
    std::lock_guard lock(m_store->m_poolMutex);
    m_store->m_idle.push_back(std::move(m_c));
}

Result<ServerStore::Lease> ServerStore::acquire()
{
    {
        std::lock_guard lock(m_poolMutex);
        if (!m_idle.empty()) {
            auto c = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(this, std::move(c));
        }
    }
    auto c = connect();
    if (!c)
        return c.error();
    return Lease(this, std::move(c).value());
}

Result<std::unique_ptr<ServerStore>> ServerStore::open(const QString &database, const QString &dataDir,
                                                       int poolSize, const Clock &clock)
{
    std::unique_ptr<ServerStore> store;
    if (database.startsWith(QLatin1String("postgresql:")) ||
        database.startsWith(QLatin1String("postgres:"))) {
        store = std::make_unique<PostgresServerStore>(database, clock);
    } else {
        QString path;
        if (database.startsWith(QLatin1String("sqlite:")))
            path = database.mid(7);
        else if (!database.isEmpty())
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("--database must start with postgresql:// or sqlite:"));
        else if (dataDir.isEmpty())
            return makeError(ErrorCode::InvalidInput, QStringLiteral("Give --data DIR or --database URL."));
        else
            path = QDir(dataDir).filePath(QStringLiteral("server.db"));
        if (!dataDir.isEmpty() && !Database::makePrivateFolder(dataDir))
            return makeError(ErrorCode::Storage,
                             QStringLiteral("Cannot create the data folder %1.").arg(dataDir));
        store = std::make_unique<SqliteServerStore>(path, clock);
    }
    store->m_poolSize = std::max(1, poolSize);
    CP_TRY(store->migrate());
    return store;
}

Status ServerStore::write(SqlConnection &c, const std::function<Status()> &body, int *attempts)
{
    for (int attempt = 1;; ++attempt) {
        if (attempts)
            *attempts = attempt;
        Status s = c.begin();
        if (s)
            s = body();
        if (s)
            s = c.commit();
        if (s)
            return s;
        const bool retry = c.lastErrorRetryable() && !c.broken();
        c.rollback();
        if (!retry || attempt >= MaxAttempts)
            return s;
        // Back off a little, with jitter, so two racing servers do not collide again.
        QThread::usleep(ulong(QRandomGenerator::global()->bounded(1000 * (1 << std::min(attempt, 6)))));
    }
}

Status ServerStore::read(SqlConnection &c, const std::function<Status()> &body)
{
    CP_TRY(c.beginRead());
    Status s = body();
    if (s)
        s = c.commit();
    if (!s)
        c.rollback();
    return s;
}

Status ServerStore::migrate()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    QDir folder(migrationsFolder());
    const QStringList files = folder.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    CP_TRY(copyBeforeMigration(c));
    return write(c, [&]() -> Status {
        CP_TRY(c.dialect().lockForMigration(c));
        CP_TRY(
            c.script(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")));
        auto v = c.query(QStringLiteral("SELECT MAX(version) FROM schema_version"));
        if (!v)
            return v.error();
        const qint64 current = v->optionalInt64(0, 0).value_or(0);
        if (current > SchemaVersion) {
            return makeError(
                ErrorCode::Storage,
                QStringLiteral("The database was written by a newer counterpart-server (schema %1; "
                               "this program knows %2). It was not changed.")
                    .arg(current)
                    .arg(SchemaVersion));
        }
        for (const QString &name : files) {
            const int number = name.left(4).toInt();
            if (number <= current || number > SchemaVersion)
                continue;
            QFile f(folder.filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                return makeError(ErrorCode::Internal, QStringLiteral("Cannot read migration %1.").arg(name));
            CP_TRY(c.script(QString::fromUtf8(f.readAll())));
            CP_TRY(c.exec(QStringLiteral("INSERT INTO schema_version (version) VALUES ($1)"), {number}));
            qCInfo(lcServer).noquote()
                << "migrated the" << backendName() << "database to schema version" << number;
        }
        return {};
    });
}

Status ServerStore::ping()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    return (*lease)->exec(QStringLiteral("SELECT 1"));
}

Result<bool> ServerStore::intact()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    return (*lease)->dialect().intact(**lease);
}

// ---- administration ------------------------------------------------------------------------------------

Status ServerStore::addStore(const sync::StoreInfo &s)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    return write(c, [&]() -> Status {
        auto existing = c.query(QStringLiteral("SELECT id FROM stores WHERE id = $1"), {s.id});
        if (!existing)
            return existing.error();
        if (!existing->isEmpty()) {
            return c.exec(
                QStringLiteral("UPDATE stores SET name = $2, region = $3, time_zone = $4, currency = $5 "
                               "WHERE id = $1"),
                {s.id, s.name, s.region, s.timeZone, s.currency});
        }
        return c.exec(QStringLiteral("INSERT INTO stores (id, name, region, time_zone, currency, created_at) "
                                     "VALUES ($1, $2, $3, $4, $5, $6)"),
                      {s.id, s.name, s.region, s.timeZone, s.currency, m_clock.nowMs()});
    });
}

Result<QList<sync::StoreInfo>> ServerStore::stores()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    auto rows = (*lease)->query(
        QStringLiteral("SELECT id, name, region, time_zone, currency FROM stores ORDER BY id"));
    if (!rows)
        return rows.error();
    QList<sync::StoreInfo> out;
    for (qsizetype r = 0; r < rows->size(); ++r)
        out.append(
            {rows->text(r, 0), rows->text(r, 1), rows->text(r, 2), rows->text(r, 3), rows->text(r, 4)});
    return out;
}

Result<QString> ServerStore::createEnrolCode(const QString &store, int validHours, bool headOffice)
{
    if (validHours < 1 || validHours > 24 * 30)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("--valid-hours must be between 1 and 720."));
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    QString code;
    Status s = write(c, [&]() -> Status {
        CP_TRY(requireStore(c, store));
        const QByteArray random = randomBytes(CodeLength);
        if (random.size() != CodeLength)
            return makeError(ErrorCode::Crypto, QStringLiteral("No random numbers available."));
        QString plain;
        constexpr int alphabet = int(sizeof CodeAlphabet) - 1;
        for (int i = 0; i < CodeLength; ++i) {
            // 256 % 31 != 0 gives a slight bias; 31^12 codes leave far more than enough to guess against.
            plain.append(QLatin1Char(CodeAlphabet[quint8(random.at(i)) % alphabet]));
        }
        code = plain.left(4) + QLatin1Char('-') + plain.mid(4, 4) + QLatin1Char('-') + plain.mid(8);
        const qint64 now = m_clock.nowMs();
        return c.exec(
            QStringLiteral("INSERT INTO enrol_codes (hash, store, created_at, expires_at, head_office) "
                           "VALUES ($1, $2, $3, $4, $5)"),
            {codeHash(plain), store, now, now + qint64(validHours) * 3'600'000, headOffice ? 1 : 0});
    });
    if (!s)
        return s.error();
    qCInfo(lcServer).noquote() << "created an enrolment code for"
                               << (headOffice ? "a head-office client of" : "") << "store" << store << "valid"
                               << validHours << "h";
    return code;
}

namespace {
TerminalRecord terminalFromRow(const SqlRows &rows, qsizetype r)
{
    TerminalRecord t;
    t.id = rows.text(r, 0);
    t.store = rows.text(r, 1);
    t.number = int(rows.int64(r, 2));
    t.name = rows.text(r, 3);
    t.secret = QByteArray::fromBase64(rows.text(r, 4).toLatin1());
    t.disabled = rows.int64(r, 5) != 0;
    t.createdAt = rows.int64(r, 6);
    t.lastSeenAt = rows.optionalInt64(r, 7);
    t.headOffice = rows.int64(r, 8) != 0;
    return t;
}
const QString TerminalColumns =
    QStringLiteral("id, store, number, name, secret, disabled, created_at, last_seen_at, head_office");
} // namespace

Result<QList<TerminalRecord>> ServerStore::terminals()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    auto rows = (*lease)->query(QStringLiteral("SELECT ") + TerminalColumns +
                                QStringLiteral(" FROM terminals ORDER BY store, number"));
    if (!rows)
        return rows.error();
    QList<TerminalRecord> out;
    for (qsizetype r = 0; r < rows->size(); ++r)
        out.append(terminalFromRow(*rows, r));
    return out;
}

Status ServerStore::setTerminalDisabled(const QString &terminalId, bool disabled)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    return write(c, [&]() -> Status {
        auto was =
            c.query(QStringLiteral("SELECT disabled FROM terminals WHERE id = $1"), {terminalId.toLower()});
        if (!was)
            return was.error();
        if (was->isEmpty())
            return makeError(ErrorCode::NotFound, QStringLiteral("There is no terminal %1.").arg(terminalId));
        CP_TRY(c.exec(QStringLiteral("UPDATE terminals SET disabled = $2 WHERE id = $1"),
                      {terminalId.toLower(), disabled ? 1 : 0}));
        // What the tills seal from now on is out of a disabled terminal's reach (a stolen till keeps
        // the keys it had): a new chain key, once the chain has keys at all.
        auto keys = c.query(QStringLiteral("SELECT COUNT(*) FROM chain_keys"), {});
        if (!keys)
            return keys.error();
        if (!disabled || was->int64(0, 0) != 0 || keys->int64(0, 0) == 0)
            return {};
        auto added =
            addChainKey(c, m_clock.nowMs(), QStringLiteral("terminal_disabled:") + terminalId.toLower());
        return added ? Status() : Status(added.error());
    });
}

Result<std::optional<TerminalRecord>> ServerStore::terminal(const QString &terminalId)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    auto rows = (*lease)->query(QStringLiteral("SELECT ") + TerminalColumns +
                                    QStringLiteral(" FROM terminals WHERE id = $1"),
                                {terminalId.toLower()});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<TerminalRecord>();
    return std::optional<TerminalRecord>(terminalFromRow(*rows, 0));
}

Result<bool> ServerStore::rememberNonce(const QString &terminalId, const QString &nonce)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    bool fresh = false;
    const qint64 now = m_clock.nowMs();
    Status s = write(c, [&]() -> Status {
        auto rows =
            c.query(QStringLiteral("INSERT INTO auth_nonces (terminal, nonce, at) VALUES ($1, $2, $3) "
                                   "ON CONFLICT DO NOTHING RETURNING nonce"),
                    {terminalId.toLower(), nonce, now});
        if (!rows)
            return rows.error();
        fresh = !rows->isEmpty();
        if (fresh) {
            CP_TRY(c.exec(QStringLiteral("UPDATE terminals SET last_seen_at = $2 WHERE id = $1"),
                          {terminalId.toLower(), now}));
        }
        return {};
    });
    if (!s)
        return s.error();
    // Purge now and then (about one request in 50), in its own short transaction: the nonces outlive
    // the signature window, so a request signed before the purge horizon is refused as stale anyway.
    if (QRandomGenerator::global()->bounded(50) == 0) {
        Status purged = write(c, [&]() -> Status {
            return c.exec(QStringLiteral("DELETE FROM auth_nonces WHERE at < $1"),
                          {now - sync::NonceRetentionMs});
        });
        if (!purged)
            qCWarning(lcServer).noquote() << "purging old nonces failed:" << purged.error().detail;
    }
    return fresh;
}

namespace {

struct UsedCode {
    QString store;
    bool headOffice = false;
};

// Marks the enrolment code (by its hash) used at `now`; returns its store (and whether it enrols a
// head-office client), or why it cannot be used.
Result<UsedCode> useEnrolCode(SqlConnection &c, const QString &hash, qint64 now)
{
    auto used =
        c.query(QStringLiteral("UPDATE enrol_codes SET used_at = $2 WHERE hash = $1 AND used_at IS NULL "
                               "AND expires_at > $2 RETURNING store, head_office"),
                {hash, now});
    if (!used)
        return used.error();
    if (!used->isEmpty())
        return UsedCode{used->text(0, 0), used->int64(0, 1) != 0};
    auto why = c.query(QStringLiteral("SELECT used_at, expires_at FROM enrol_codes WHERE hash = $1"), {hash});
    if (!why)
        return why.error();
    if (why->isEmpty())
        return apiError(ErrorCode::Conflict, QStringLiteral("code_unknown"),
                        QStringLiteral("This enrolment code is not known. Check it, or ask for a new one."));
    if (!why->isNull(0, 0))
        return apiError(ErrorCode::Conflict, QStringLiteral("code_used"),
                        QStringLiteral("This enrolment code was already used. Ask for a new one."));
    return apiError(ErrorCode::Conflict, QStringLiteral("code_expired"),
                    QStringLiteral("This enrolment code has expired. Ask for a new one."));
}

// A random free terminal number: the first digits of every member code the till makes.
Result<int> freeTerminalNumber(SqlConnection &c)
{
    auto taken = c.query(QStringLiteral("SELECT number FROM terminals"));
    if (!taken)
        return taken.error();
    QSet<qint64> numbers;
    for (qsizetype r = 0; r < taken->size(); ++r)
        numbers.insert(taken->int64(r, 0));
    if (numbers.size() >= 89'000)
        return makeError(ErrorCode::Refused, QStringLiteral("No terminal numbers are left."));
    int number = 0;
    do {
        number = int(QRandomGenerator::global()->bounded(10000, 100000));
    } while (numbers.contains(number));
    return number;
}

} // namespace

Result<sync::EnrolResponse> ServerStore::enrol(const sync::EnrolRequest &request)
{
    const QString plain = normaliseCode(request.code);
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    sync::EnrolResponse out;
    const qint64 now = m_clock.nowMs();
    Status s = write(c, [&]() -> Status {
        out = {};
        const QString hash = codeHash(plain);
        auto usedCode = useEnrolCode(c, hash, now);
        if (!usedCode)
            return usedCode.error();
        auto store =
            c.query(QStringLiteral("SELECT id, name, region, time_zone, currency FROM stores WHERE id = $1"),
                    {usedCode->store});
        if (!store)
            return store.error();
        if (store->isEmpty())
            return makeError(ErrorCode::Internal, QStringLiteral("The code's store is missing."));
        out.store = {store->text(0, 0), store->text(0, 1), store->text(0, 2), store->text(0, 3),
                     store->text(0, 4)};
        out.terminalId = Uuid::createV7(m_clock).toString();
        out.secret = randomBytes(32);
        if (out.secret.size() != 32)
            return makeError(ErrorCode::Crypto, QStringLiteral("No random numbers available."));
        auto number = freeTerminalNumber(c);
        if (!number)
            return number.error();
        out.terminalNumber = number.value();
        CP_TRY(c.exec(
            QStringLiteral("INSERT INTO terminals (id, store, number, name, database_id, secret, created_at, "
                           "head_office) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"),
            {out.terminalId, usedCode->store, out.terminalNumber, request.name,
             request.databaseId.isEmpty() ? QVariant() : QVariant(request.databaseId),
             QString::fromLatin1(out.secret.toBase64()), now, usedCode->headOffice ? 1 : 0}));
        return c.exec(QStringLiteral("UPDATE enrol_codes SET terminal = $2 WHERE hash = $1"),
                      {hash, out.terminalId});
    });
    if (!s)
        return storageError(s.error());
    out.serverTime = m_clock.nowMs();
    qCInfo(lcServer).noquote() << "enrolled terminal" << out.terminalId << "number" << out.terminalNumber
                               << "store" << out.store.id;
    return out;
}

Result<QList<FlagRecord>> ServerStore::flags()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    auto rows = (*lease)->query(QStringLiteral("SELECT id, kind, member, op_id, terminal, balance, at FROM "
                                               "flags WHERE resolved_at IS NULL ORDER BY at, id"));
    if (!rows)
        return rows.error();
    QList<FlagRecord> out;
    for (qsizetype r = 0; r < rows->size(); ++r) {
        out.append({rows->text(r, 0), rows->text(r, 1), rows->text(r, 2), rows->text(r, 3), rows->text(r, 4),
                    rows->int64(r, 5), rows->int64(r, 6)});
    }
    return out;
}

// ---- backends ------------------------------------------------------------------------------------------

SqliteServerStore::SqliteServerStore(QString path, const Clock &clock)
    : ServerStore(clock)
    , m_path(std::move(path))
{}

Result<std::unique_ptr<SqlConnection>> SqliteServerStore::connect()
{
    auto c = SqliteConnection::open(m_path);
    if (!c)
        return c.error();
    return std::unique_ptr<SqlConnection>(std::move(c).value());
}

QString SqliteServerStore::migrationsFolder() const
{
    return QStringLiteral(":/counterpart/server/migrations/sqlite");
}

Status ServerStore::copyBeforeMigration(SqlConnection &)
{
    return {};
}

Status SqliteServerStore::copyBeforeMigration(SqlConnection &c)
{
    auto known = c.query(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'"));
    if (!known)
        return known.error();
    if (known->int64(0, 0) == 0) // a new file has nothing to keep
        return {};
    auto v = c.query(QStringLiteral("SELECT MAX(version) FROM schema_version"));
    if (!v)
        return v.error();
    const qint64 current = v->optionalInt64(0, 0).value_or(0);
    if (current >= 1 && current < SchemaVersion)
        return copyFile(c, current);
    return {};
}

// DATA/backups/server-YYYYMMDD-HHMMSS-before-schema-N.db, written whole (VACUUM INTO a .partial name,
// renamed when complete) before the first migration step. Without the copy nothing is migrated.
Status SqliteServerStore::copyFile(SqlConnection &c, qint64 from)
{
    const QString dir = QFileInfo(m_path).absoluteDir().filePath(QStringLiteral("backups"));
    const QString stamp = QDateTime::fromMSecsSinceEpoch(clock().nowMs(), QTimeZone::utc())
                              .toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString copy =
        QDir(dir).filePath(QStringLiteral("server-%1-before-schema-%2.db").arg(stamp).arg(SchemaVersion));
    const QString partial = copy + QStringLiteral(".partial");
    QFile::remove(partial);
    Status s = Database::makePrivateFolder(dir)
                   ? c.exec(QStringLiteral("VACUUM INTO $1"), {partial})
                   : makeError(ErrorCode::Storage, QStringLiteral("mkdir failed"));
    if (!s || !QFile::rename(partial, copy)) {
        QFile::remove(partial);
        return makeError(
            ErrorCode::Storage,
            QStringLiteral("The database (schema %1) needs upgrading to schema %2, but a copy could "
                           "not be made first in %3 (is the disk full, or the folder not "
                           "writable?). Nothing was changed.")
                .arg(from)
                .arg(SchemaVersion)
                .arg(dir),
            s ? QStringLiteral("rename failed") : s.error().detail);
    }
    qCInfo(lcServer).noquote() << "copied the database (schema" << from << ") to" << copy
                               << "before upgrading it";
    return {};
}

PostgresServerStore::PostgresServerStore(QString url, const Clock &clock)
    : ServerStore(clock)
    , m_url(std::move(url))
{}

Result<std::unique_ptr<SqlConnection>> PostgresServerStore::connect()
{
    auto c = PostgresConnection::open(m_url);
    if (!c)
        return c.error();
    return std::unique_ptr<SqlConnection>(std::move(c).value());
}

QString PostgresServerStore::migrationsFolder() const
{
    return QStringLiteral(":/counterpart/server/migrations/postgres");
}

} // namespace counterpart::server
