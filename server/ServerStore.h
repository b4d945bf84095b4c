#pragma once

// The server's database: one interface, two backends. SqliteServerStore is the embedded default (one
// file, WAL, synchronous=FULL, writers serialised by BEGIN IMMEDIATE); PostgresServerStore lets several
// server processes share one database. Every method is a complete unit of work against the database:
// nothing is kept in memory between requests, so any process can answer any request.

#include "core/Clock.h"
#include "core/Figures.h"
#include "core/JobSchedule.h"
#include "core/Result.h"
#include "server/Sql.h"
#include "sync/protocol/Wire.h"

#include <QDate>
#include <QJsonObject>

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
    bool headOffice = false; // a head-office client, not a till: manages staff, never syncs
};

// One of the chain's data keys, as `admin keys` lists it (never the key itself).
struct ChainKeyRecord {
    qint64 kid = 0;
    qint64 createdAt = 0;
    QString reason; // first, rotate, terminal_disabled:<id>
};

// What `admin erase-member` did.
struct ErasedMember {
    QString id;
    qint64 balance = 0;   // points left on the anonymised record (the ledger keeps adding up)
    bool already = false; // erased before: nothing changed
};

// A person as head office manages them (server/Staff.cpp, `admin staff`).
struct StaffRecord {
    QString id;
    QString name;
    QString store;
    QString role; // cashier, manager
    bool active = true;
    qint64 changedAt = 0;
    std::optional<qint64> deactivatedAt{};

    QJsonObject toJson() const; // {staff, name, store, role, active, changedAt (ISO, UTC)}: no PIN hash
};

// What `admin staff add|change|move|deactivate|reactivate` changes; what is not set stays.
struct StaffChange {
    QString id;
    std::optional<QString> name{};
    std::optional<QString> store{};
    std::optional<QString> role{};
    std::optional<QString> pin{}; // 4 to 8 digits; hashed here, never stored as typed
    std::optional<bool> active{};

    // What `action` (add, change, move, deactivate, reactivate) changes, from the fields given (staff,
    // store, name, role, pin): the same for `admin staff` and POST /v1/staff. InvalidInput says what is
    // missing or not allowed.
    static Result<StaffChange> forAction(const QString &action, const QHash<QString, QString> &fields);
};

// Which operations `admin activity` lists: within [fromMs, toMs) of the tills' stamps, optionally of one
// store, person, member (id or member code) or terminal; newest first.
struct ActivityQuery {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QString store;
    QString staff;
    QString member;
    QString terminal;
    int limit = 200;
};

// One operation a till sent: who made it, at which till, about which member, and what the server said.
struct ActivityRecord {
    qint64 at = 0;
    QString store;
    QString terminal;
    int terminalNumber = 0;
    QString terminalName;
    QString staff;
    QString kind;
    QString member;
    QString status; // applied, rejected
    QString reason;
    QStringList flags;
};

struct ManagerRecord {
    QString store;
    QString staff;
    qint64 addedAt = 0;
};

// One store's figures for local days [from, to] of its own time zone (server/Figures.cpp). The same
// definitions as the till's (docs/statistics.md): a purchase and its refunds count for its store, an
// entry for the store whose till made it (the server's own for the member's home store), a member for
// the store they joined at; members and outstanding points are now, of the members whose home it is.
struct StoreFigures : FigureCounts {
    QString store; // empty: the chain (every store added up; visiting members counted once)
    QString name;
    QString timeZone;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    qint64 activeMembers = 0;
    qint64 outstandingPoints = 0;

    QJsonObject toJson() const;
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

struct TierEvaluationOutcome {
    int evaluated = 0;
    int upgraded = 0;
    int downgraded = 0;
};

// One row of job_runs: a job's run for one period.
struct JobRunRecord {
    QString job;
    QString period;
    QString outcome; // running, ok, failed
    QString detail;
    qint64 startedAt = 0;
    std::optional<qint64> finishedAt;
};

struct ServerJobStatus {
    Job job = Job::Expiry;
    std::optional<JobRunRecord> last;
    JobPeriod due;     // the latest period due now
    bool done = false; // that period ran to the end
    qint64 nextDueMs = 0;
};

struct ServerJobReport {
    Job job = Job::Expiry;
    QString period;
    bool ran = false; // false: another process had claimed the period (detail says so)
    bool ok = false;
    QString detail;
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
    static constexpr int SchemaVersion = 10; // the number of files in migrations/<backend>/

    Status ping();
    // SQLite: PRAGMA quick_check says the file is sound (false: damaged). PostgreSQL checks its own
    // pages (checksums); there it is true once the database answers.
    Result<bool> intact();

    // ---- administration ----
    Status addStore(const sync::StoreInfo &store);
    Result<QList<sync::StoreInfo>> stores();
    // Returns the code ("K7QM-4XTA-9PDR"); only its hash is stored.
    // headOffice: the code enrols a head-office client (POST /v1/staff, every store's figures), not a till.
    Result<QString> createEnrolCode(const QString &store, int validHours, bool headOffice = false);
    Result<QList<TerminalRecord>> terminals();
    Status setTerminalDisabled(const QString &terminalId, bool disabled);
    // Validates with LoyaltyRules::fromJson, stores, activates and emits a `rules` change. Returns the
    // version.
    Result<QString> installRules(const QByteArray &json);
    Result<ExpireOutcome> expire();
    // Downgrades (and upgrades) every active member above the entry tier by the spend over the rules'
    // window, at the member's home store's date; each change is logged for every till to pull.
    Result<TierEvaluationOutcome> evaluateTiers();
    // Expiry and tier evaluation: their last run, the period due now, the next due time.
    Result<QList<ServerJobStatus>> jobStatus();
    // Runs each job whose due period has not run, claiming the period first in job_runs: a period runs
    // once for the chain, however many processes ask at the same moment.
    Result<QList<ServerJobReport>> runDueJobs();
    Result<QList<FlagRecord>> flags();
    // Who did what at which till, chain-wide (server/Activity.cpp).
    Result<QList<ActivityRecord>> activity(const ActivityQuery &query);
    // The registry of store managers an adjustment's approver is checked against (server/Managers.cpp):
    // adds (`manager`) or removes one; lists one store's (`store`) or all (empty).
    Status setManager(const QString &store, const QString &staff, bool manager);
    Result<QList<ManagerRecord>> managers(const QString &store);
    // Staff managed chain-wide (server/Staff.cpp): `create` adds a person (id, name, store, role and PIN
    // required; an id in use is refused), otherwise changes the one named. A move lists the person as
    // gone at the old store's tills; switching off drops the PIN hash.
    Status setStaff(const StaffChange &change, bool create);
    Result<QList<StaffRecord>> staff(const QString &store);
    // One store's list as its tills fetch it (GET /v1/staff): the entries only when the version differs
    // from `knownVersion`.
    Result<sync::StaffRoster> staffRoster(const QString &store, const QString &knownVersion);
    // Head office's figures: each store's (or only `store`'s) for the local days [from, to], then the
    // chain's, read in one consistent view. NotFound for an unknown store.
    Result<QList<StoreFigures>> figures(const QString &store, const QDate &from, const QDate &to);
    // Members' field and tier stamps beyond the bound (written before the server refused them). With
    // `repair`: each is clamped to the server's time, recorded in stamp_repairs, and the member sent down
    // as a change, in one transaction (server/StampRepair.cpp).
    Result<QList<StampAhead>> stampsAhead(bool repair);
    // Erases a member's personal data at head office (server/Erase.cpp), named by id, member code or
    // E.164 phone; every till erases it at its next pull.
    Result<ErasedMember> eraseMember(const QString &member);

    // ---- protocol ----
    Result<sync::EnrolResponse> enrol(const sync::EnrolRequest &request);
    Result<std::optional<TerminalRecord>> terminal(const QString &terminalId);
    // The chain's data keys, each wrapped for `t` (GET /v1/keys); the first is made on first use
    // (server/ChainKeys.cpp).
    Result<sync::ChainKeySet> chainKeysFor(const TerminalRecord &t);
    Result<QList<ChainKeyRecord>> chainKeys();
    // A new key that seals from now on (`admin rotate-keys`; disabling a terminal does it too).
    Result<qint64> rotateChainKeys(const QString &reason);
    // Records (terminal, nonce); false when the pair was seen within the retention window. Purges old nonces.
    Result<bool> rememberNonce(const QString &terminalId, const QString &nonce);
    Result<PushOutcome> push(const TerminalRecord &terminal, const sync::PushRequest &request);
    // The changes page as JSON text (built by splicing the stored payloads; no re-parsing).
    Result<QByteArray> changes(qint64 after, int limit);
    // A snapshot page of at most `limit` members and `maxBytes` bytes (the members counted exactly, the
    // page's own fields by an upper estimate), one member at least.
    Result<QByteArray> snapshot(const QString &afterMember, int limit, std::optional<qint64> cursor,
                                qsizetype maxBytes = sync::MaxSnapshotPageBytes);

    const Clock &clock() const { return m_clock; }
    // The points one terminal may credit in one local day of its store before the op that goes past
    // is flagged `budget_exceeded` (server/PointsBudget.h); 0: no budget. Set before serving.
    void setDayPointsBudget(qint64 points) { m_dayPointsBudget = points; }

protected:
    explicit ServerStore(const Clock &clock);
    virtual Result<std::unique_ptr<SqlConnection>> connect() = 0;
    virtual QString migrationsFolder() const = 0; // ":/counterpart/server/migrations/sqlite"
    // Before migrating a database of an older schema (1 and up): SQLite keeps a copy of the file, so an
    // upgrade can be undone; PostgreSQL is backed up by pg_dump beforehand (docs/server.md).
    virtual Status copyBeforeMigration(SqlConnection &c);

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

    // What the jobs run by: the active rules (the defaults before any are installed, as operations are
    // applied with) and the zone the schedule is read in, the chain's first store's (UTC before one).
    struct JobBasis {
        LoyaltyRules rules;
        QTimeZone zone;
    };
    static Result<JobBasis> jobBasis(SqlConnection &c);

private:
    friend class Apply;
    Status migrate();
    const Clock &m_clock;
    qint64 m_dayPointsBudget = 0;
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
    Status copyBeforeMigration(SqlConnection &c) override;

private:
    Status copyFile(SqlConnection &c, qint64 from);
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
