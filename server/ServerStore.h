#pragma once

// The server's database: one interface, two backends. SqliteServerStore is the embedded default (one
// file, WAL, synchronous=FULL, writers serialised by BEGIN IMMEDIATE); PostgresServerStore lets several
// server processes share one database. Every method is a complete unit of work against the database:
// nothing is kept in memory between requests, so any process can answer any request.

#include "core/Clock.h"
#include "core/Result.h"
#include "server/Sql.h"
#include "sync/protocol/Wire.h"

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace counterpart::server {

// Error::detail carries the protocol's error code ("code_used") when Error::code is Conflict or
// Refused, so the HTTP layer can answer with it.
Error apiError(ErrorCode code, const QString &apiCode, const QString &message);

struct TerminalRecord {
    QString id;
    QString store;
    int number = 0;
    QString name;
    QByteArray secret; // raw bytes
    bool disabled = false;
    qint64 createdAt = 0;
    std::optional<qint64> lastSeenAt;
};

struct FlagRecord {
    QString id;
    QString kind;
    QString member;
    QString opId;
    QString terminal;
    qint64 balance = 0;
    qint64 at = 0;
};

// A clock stamp more than Hlc::MaxAheadMs ahead of the server's clock (admin stamps-ahead).
struct StampAhead {
    QString member;
    QString field; // a profile field, or "tier"
    QString stamp;
    QString repairedTo; // the stamp clamped to the server's time
};

struct ExpireOutcome {
    int members = 0;
    qint64 points = 0;
};

struct PushOutcome {
    sync::PushResponse response;
    int applied = 0;
    int duplicates = 0;
    int rejected = 0;
    int attempts = 1; // transactions run (more than 1 after a serialization failure)
};

class ServerStore
{
public:
    // `database`: "postgresql://..." (or "postgres://"), "sqlite:PATH", or empty for DIR/server.db.
    // Opens, migrates (refusing a database newer than this program) and keeps up to `poolSize`
    // connections.
    static Result<std::unique_ptr<ServerStore>> open(const QString &database, const QString &dataDir,
                                                     int poolSize, const Clock &clock);
    virtual ~ServerStore();
    ServerStore(const ServerStore &) = delete;
    ServerStore &operator=(const ServerStore &) = delete;

    virtual QString backendName() const = 0;
    static constexpr int SchemaVersion = 3;

    Status ping();
    // SQLite: PRAGMA quick_check says the file is sound (false: damaged). PostgreSQL checks its own
    // pages (checksums); there it is true once the database answers.
    Result<bool> intact();

    // ---- administration ----
    Status addStore(const sync::StoreInfo &store);
    Result<QList<sync::StoreInfo>> stores();
    // Returns the code ("K7QM-4XTA-9PDR"); only its hash is stored.
    Result<QString> createEnrolCode(const QString &store, int validHours);
    Result<QList<TerminalRecord>> terminals();
    Status setTerminalDisabled(const QString &terminalId, bool disabled);
    // Validates with LoyaltyRules::fromJson, stores, activates and emits a `rules` change. Returns the
    // version.
    Result<QString> installRules(const QByteArray &json);
    Result<ExpireOutcome> expire();
    Result<QList<FlagRecord>> flags();
    // Members' field and tier stamps beyond the bound (written before the server refused them). With
    // `repair`: each is clamped to the server's time, recorded in stamp_repairs, and the member sent down
    // as a change, in one transaction (server/StampRepair.cpp).
    Result<QList<StampAhead>> stampsAhead(bool repair);

    // ---- protocol ----
    Result<sync::EnrolResponse> enrol(const sync::EnrolRequest &request);
    Result<std::optional<TerminalRecord>> terminal(const QString &terminalId);
    // Records (terminal, nonce); false when the pair was seen within the retention window. Purges old nonces.
    Result<bool> rememberNonce(const QString &terminalId, const QString &nonce);
    Result<PushOutcome> push(const TerminalRecord &terminal, const sync::PushRequest &request);
    // The changes page as JSON text (built by splicing the stored payloads; no re-parsing).
    Result<QByteArray> changes(qint64 after, int limit);
    Result<QByteArray> snapshot(const QString &afterMember, int limit, std::optional<qint64> cursor);

    const Clock &clock() const { return m_clock; }

protected:
    explicit ServerStore(const Clock &clock);
    virtual Result<std::unique_ptr<SqlConnection>> connect() = 0;
    virtual QString migrationsFolder() const = 0; // ":/counterpart/server/migrations/sqlite"
    // Before migrating a database of schema `from` (1 and up): SQLite keeps a copy of the file, so an
    // upgrade can be undone; PostgreSQL is backed up by pg_dump beforehand (docs/server.md).
    virtual Status copyBeforeMigration(SqlConnection &c, qint64 from);

    // A connection from the pool, returned when the lease ends (dropped when broken).
    class Lease
    {
    public:
        Lease(ServerStore *store, std::unique_ptr<SqlConnection> c)
            : m_store(store)
            , m_c(std::move(c))
        {}
        Lease(Lease &&) = default;
        ~Lease();
        SqlConnection &operator*() { return *m_c; }
        SqlConnection *operator->() { return m_c.get(); }

    private:
        ServerStore *m_store;
        std::unique_ptr<SqlConnection> m_c;
    };
    Result<Lease> acquire();

    // Runs `body` in a writing transaction, again (up to a limit) when the database reports a
    // serialization failure, deadlock or racing unique insert. `body` must start from scratch each time.
    Status write(SqlConnection &c, const std::function<Status()> &body, int *attempts = nullptr);
    Status read(SqlConnection &c, const std::function<Status()> &body);

private:
    friend class Apply;
    Status migrate();
    const Clock &m_clock;
    int m_poolSize = 4;
    std::mutex m_poolMutex;
    std::vector<std::unique_ptr<SqlConnection>> m_idle;
};

class SqliteServerStore final : public ServerStore
{
public:
    SqliteServerStore(QString path, const Clock &clock);
    QString backendName() const override { return QStringLiteral("sqlite"); }

protected:
    Result<std::unique_ptr<SqlConnection>> connect() override;
    QString migrationsFolder() const override;
    Status copyBeforeMigration(SqlConnection &c, qint64 from) override;

private:
    QString m_path;
};

class PostgresServerStore final : public ServerStore
{
public:
    PostgresServerStore(QString url, const Clock &clock);
    QString backendName() const override { return QStringLiteral("postgresql"); }

protected:
    Result<std::unique_ptr<SqlConnection>> connect() override;
    QString migrationsFolder() const override;

private:
    QString m_url;
};

} // namespace counterpart::server
