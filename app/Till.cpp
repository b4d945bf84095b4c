#include "app/Till.h"

#include "app/TillInternal.h"
#include "core/Money.h"
#include "storage/Crypto.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "storage/TillQueries.h"
#include "storage/WalCheckpointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimeZone>

Q_LOGGING_CATEGORY(lcTill, "counterpart.app", QtInfoMsg)

namespace counterpart {

namespace {

constexpr int MaxLoginFailures = 5;
constexpr qint64 LockoutMs = 5 * 60 * 1000;
constexpr qint64 MaxLockoutMs = 24 * 60 * 60 * 1000;
constexpr qint64 LockMemoryMs = 7 * MaxLockoutMs;

// 5 minutes, then twice as long for every lock since the staff id's last good PIN (within a week), at
// most a day: five guesses a day from the tenth lock on, so a 4-digit PIN takes years to guess, not days.
qint64 lockoutMs(qint64 earlierLocks)
{
    return std::min(LockoutMs << std::min<qint64>(earlierLocks, 9), MaxLockoutMs);
}
constexpr int DefaultPinIterations = 310000;

QString settingKey(const char *key)
{
    return QString::fromLatin1(key);
}

// Refuses a staff id that too many wrong PINs locked, saying until when.
// "14:05" today, "2026-03-03 14:05" on another day, in the store's time.
QString lockEndText(qint64 untilMs, qint64 nowMs, const QByteArray &timeZone)
{
    const QTimeZone zone(timeZone);
    const QDateTime until = QDateTime::fromMSecsSinceEpoch(untilMs, zone);
    const bool today = until.date() == QDateTime::fromMSecsSinceEpoch(nowMs, zone).date();
    return until.toString(today ? QStringLiteral("HH:mm") : QStringLiteral("yyyy-MM-dd HH:mm"));
}

Status notLockedOut(const CashierRow &row, qint64 nowMs, const QByteArray &timeZone)
{
    if (!row.lockedUntilMs || *row.lockedUntilMs <= nowMs)
        return {};
    return makeError(ErrorCode::PermissionDenied,
                     Till::tr("Too many wrong PINs. Try again after %1, or ask a manager.")
                         .arg(lockEndText(*row.lockedUntilMs, nowMs, timeZone)));
}

} // namespace

Till::Till(std::unique_ptr<Database> db, const Clock &clock)
    : m_db(std::move(db))
    , m_cipher(std::make_unique<FieldCipher>())
    , m_clock(clock)
{
    m_operator = Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System};
}

Till::~Till() = default;

Result<std::unique_ptr<Till>> Till::open(const QString &path, const Clock &clock, const TillOptions &options,
                                         const std::optional<TillConfig> &initial)
{
    OpenOptions openOptions;
    openOptions.unsafeFastWrites = options.unsafeFastWrites;
    auto db = openTillDatabase(path, openOptions);
    if (!db)
        return db.error();
    std::unique_ptr<Till> till(new Till(std::move(db.value()), clock));
    SettingsStore settings(*till->m_db);

    // Configuration: made once, when the database is new.
    auto terminal = settings.get(settingKey("terminal_id"));
    if (!terminal)
        return terminal.error();
    if (!terminal->has_value()) {
        TillConfig config = initial.value_or(TillConfig{});
        if (config.terminalId.isEmpty())
            config.terminalId = Uuid::createV7(clock).toString();
        if (config.terminalNumber == 0)
            config.terminalNumber = int(
                QRandomGenerator::system()->bounded(MemberCode::MinTerminal, MemberCode::MaxTerminal + 1));
        CP_TRY(till->updateConfig(config));
    }
    CP_TRY(TillInternal::loadConfig(*till));

    // Rules: the active version, or the shipped defaults on a new database.
    RulesStore rulesStore(*till->m_db);
    auto active = rulesStore.active();
    if (!active)
        return active.error();
    if (!active->has_value()) {
        const LoyaltyRules defaults = LoyaltyRules::defaults();
        CP_TRY(rulesStore.activate(defaults.version, defaults.toJson(), clock.nowMs()));
        till->m_rules = defaults;
    } else {
        auto rules = LoyaltyRules::fromJson(active->value());
        if (!rules)
            return makeError(ErrorCode::Storage,
                             tr("The loyalty rules stored in this till are not valid (%1). Install the rules "
                                "again with counterpart-admin rules --install FILE.")
                                 .arg(rules.error().message));
        till->m_rules = rules.value();
    }

    CP_TRY(TillInternal::loadCipher(*till, options.keyFile));

    // An enrolled till cannot know what other tills spent until its sync engine reaches the server:
    // it starts offline, so the offline redemption rule applies until then.
    auto server = SyncStore(*till->m_db).setting(SyncKeys::ServerUrl);
    if (!server)
        return server.error();
    till->m_enrolled = server->has_value();
    till->m_offline = till->m_enrolled;
    till->m_keyFile = options.keyFile;

    if (options.backgroundCheckpoints && !options.unsafeFastWrites) {
        auto checkpointer = WalCheckpointer::start(path);
        if (!checkpointer)
            return checkpointer.error();
        till->m_checkpointer = std::move(checkpointer.value());
        CP_TRY(till->m_db->execute(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
    }

    // Indexes left aside by a bootstrap that is no longer going on (the till was
    // unenrolled or its database replaced mid-way) are built now; a bootstrap still to be resumed
    // builds them at its last page.
    auto snapshot = SyncStore(*till->m_db).setting(SyncKeys::SnapshotCursor);
    if (!snapshot)
        return snapshot.error();
    if (!snapshot->has_value())
        CP_TRY(Schema::finishBulkLoad(*till->m_db));
    return till;
}

qint64 Till::backgroundCheckpoints() const
{
    return m_checkpointer ? m_checkpointer->checkpoints() : 0;
}

Status Till::updateConfig(const TillConfig &config)
{
    if (config.terminalNumber < MemberCode::MinTerminal || config.terminalNumber > MemberCode::MaxTerminal)
        return makeError(ErrorCode::InvalidInput, tr("The terminal number must be between %1 and %2.")
                                                      .arg(MemberCode::MinTerminal)
                                                      .arg(MemberCode::MaxTerminal));
    if (config.storeId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("The store needs an id."));
    if (!QTimeZone(config.timeZone).isValid())
        return makeError(
            ErrorCode::InvalidInput,
            tr("'%1' is not a time zone this system knows.").arg(QString::fromLatin1(config.timeZone)));
    if (Money::minorDigits(config.currency) < 0 || config.currency.size() != 3)
        return makeError(ErrorCode::InvalidInput, tr("'%1' is not a currency code.").arg(config.currency));

    SettingsStore settings(*m_db);
    Transaction tx(*m_db);
    CP_TRY(tx.begin());
    const QList<std::pair<const char *, QString>> values = {
        {"store_id", config.storeId.trimmed()},
        {"store_name", config.storeName},
        {"terminal_id", config.terminalId},
        {"terminal_number", QString::number(config.terminalNumber)},
        {"region", config.region.toUpper()},
        {"time_zone", QString::fromLatin1(config.timeZone)},
        {"currency", config.currency.toUpper()},
        {"language", config.language},
        {"void_window_minutes", QString::number(config.voidWindowMinutes)},
        {"cashier_refund_limit_minor", QString::number(config.cashierRefundLimitMinor)},
    };
    for (const auto &[key, value] : values)
        CP_TRY(settings.set(settingKey(key), value));
    // The audit row names the terminal: on a new database that is the config being written.
    const TillConfig previous = m_config;
    m_config = config;
    Status saved =
        TillInternal::audit(*this, QStringLiteral("settings.update"), std::nullopt, {}, {}, QJsonObject{});
    if (saved)
        saved = tx.commit();
    if (!saved)
        m_config = previous;
    return saved;
}

Status Till::installRules(const QByteArray &json)
{
    CP_TRY(TillInternal::requireManager(*this, std::nullopt, tr("Installing loyalty rules")));
    auto rules = LoyaltyRules::fromJson(json);
    if (!rules)
        return rules.error();
    if (rules->currency != m_config.currency)
        return makeError(
            ErrorCode::InvalidInput,
            tr("These rules are for %1 but this store uses %2.").arg(rules->currency, m_config.currency));
    Transaction tx(*m_db);
    CP_TRY(tx.begin());
    CP_TRY(RulesStore(*m_db).activate(rules->version, rules->toJson(), m_clock.nowMs()));
    QJsonObject details{{QStringLiteral("version"), rules->version}};
    CP_TRY(TillInternal::audit(*this, QStringLiteral("rules.install"), std::nullopt, {}, {}, details));
    CP_TRY(tx.commit());
    m_rules = rules.value();
    return {};
}

QDate Till::localDate(qint64 ms) const
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(m_config.timeZone)).date();
}

QDate Till::today() const
{
    return localDate(m_clock.nowMs());
}

// --- operators -----------------------------------------------------------------------------------

Result<PinHash> Till::hashNewPin(const QString &pin, int iterations)
{
    static const QRegularExpression pinPattern(QStringLiteral("^[0-9]{4,8}$"));
    if (!pinPattern.match(pin).hasMatch())
        return makeError(ErrorCode::InvalidInput, tr("A PIN has 4 to 8 digits."));
    PinHash out;
    out.salt = secureRandomBytes(16);
    out.iterations = iterations > 0 ? iterations : DefaultPinIterations;
    out.hash = pbkdf2Sha256(pin.toUtf8(), out.salt, out.iterations);
    return out;
}

Status Till::createOperator(const QString &id, const QString &name, Role role, const QString &pin,
                            int iterations)
{
    auto hashed = hashNewPin(pin, iterations);
    if (!hashed)
        return hashed.error();
    return createOperator(id, name, role, hashed.value());
}

Status Till::createOperator(const QString &id, const QString &name, Role role, const PinHash &pin)
{
    const QString cleanId = id.trimmed();
    if (cleanId.isEmpty() || cleanId.size() > 32)
        return makeError(ErrorCode::InvalidInput, tr("A staff id has 1 to 32 characters."));
    if (name.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("Please type the staff member's name."));
    if (role == Role::System)
        return makeError(ErrorCode::InvalidInput, tr("Staff are cashiers or managers."));
    if (pin.salt.isEmpty() || pin.hash.isEmpty() || pin.iterations <= 0)
        return makeError(ErrorCode::InvalidInput, tr("A PIN has 4 to 8 digits."));
    // On a till with no staff, the first one is made before anyone can sign in (setting it up at the
    // counter): that one must be a manager, or nobody could add the others, and the audit row names
    // them as the one who set the till up. The system (counterpart-admin) may add anyone. Once there
    // is staff, only managers add staff.
    const bool setUpAtCounter = m_operator.id.isEmpty() && !hasOperators();
    if (setUpAtCounter && role != Role::Manager)
        return makeError(ErrorCode::InvalidInput,
                         tr("The first staff member of a till is a manager, who then adds the cashiers."));
    if (hasOperators())
        CP_TRY(TillInternal::requireManager(*this, std::nullopt, tr("Adding staff")));

    CashierRow row;
    row.id = cleanId;
    row.name = name.trimmed();
    row.role = roleId(role);
    row.pinSalt = pin.salt;
    row.pinIterations = pin.iterations;
    row.pinHash = pin.hash;
    row.createdAtMs = m_clock.nowMs();
    Transaction tx(*m_db);
    CP_TRY(tx.begin());
    CP_TRY(CashierStore(*m_db).upsert(row));
    QJsonObject details{{QStringLiteral("staff"), cleanId}, {QStringLiteral("role"), row.role}};
    const Operator actor = setUpAtCounter ? Operator{cleanId, row.name, Role::Manager} : m_operator;
    CP_TRY(TillInternal::auditAs(*this, actor, QStringLiteral("staff.set"), std::nullopt, {}, {}, details));
    return tx.commit();
}

bool Till::hasOperators()
{
    auto all = CashierStore(*m_db).all();
    return all.ok() && !all->isEmpty();
}

Result<Operator> Till::login(const QString &id, const QString &pin)
{
    auto check = startLogin(id);
    if (!check)
        return check.error();
    return finishLogin(check.value(), hashPin(pin, check.value()));
}

Result<Operator> Till::login(const ManagerApproval &approval)
{
    if (approval.hashed && approval.hashed->first.staffId == approval.managerId.trimmed())
        return finishLogin(approval.hashed->first, approval.hashed->second);
    return login(approval.managerId, approval.pin);
}

QByteArray Till::hashPin(const QString &pin, const PinCheck &check)
{
    return pbkdf2Sha256(pin.toUtf8(), check.salt, check.iterations);
}

Result<PinCheck> Till::startLogin(const QString &id)
{
    auto found = CashierStore(*m_db).byId(id.trimmed());
    if (!found)
        return found.error();
    PinCheck check;
    check.staffId = id.trimmed();
    if (!found->has_value() || !found->value().active) {
        // Hashed all the same, so the time taken does not tell who exists; finishLogin refuses it.
        check.salt = QByteArrayLiteral("unknown staff id");
        check.iterations = DefaultPinIterations;
        return check;
    }
    const CashierRow &row = found->value();
    if (Status open = notLockedOut(row, m_clock.nowMs(), m_config.timeZone); !open)
        return open.error();
    check.salt = row.pinSalt;
    check.iterations = row.pinIterations;
    return check;
}

Result<Operator> Till::finishLogin(const PinCheck &check, const QByteArray &hash)
{
    // The row is read again: another till window or process may have counted failures meanwhile.
    CashierStore cashiers(*m_db);
    auto found = cashiers.byId(check.staffId);
    if (!found)
        return found.error();
    const qint64 now = m_clock.nowMs();
    if (!found->has_value() || !found->value().active) {
        // Same wording as a wrong PIN, so the screen does not tell who exists.
        return makeError(ErrorCode::PermissionDenied, tr("That staff id and PIN do not match."));
    }
    CashierRow row = found->value();
    CP_TRY(notLockedOut(row, now, m_config.timeZone));
    // A PIN set again since the check started is checked against the new one: it does not match.
    const bool matches = row.pinSalt == check.salt && row.pinIterations == check.iterations &&
                         constantTimeEquals(hash, row.pinHash);
    Transaction tx(*m_db);
    CP_TRY(tx.begin());
    if (!matches) {
        const int failures = row.failedAttempts + 1;
        std::optional<qint64> lockedUntil;
        if (failures >= MaxLoginFailures) {
            auto earlier = AuditStore(*m_db).locksSinceLastLogin(row.id, now - LockMemoryMs);
            if (!earlier)
                return earlier.error();
            lockedUntil = now + lockoutMs(earlier.value());
        }
        CP_TRY(cashiers.setFailures(row.id, lockedUntil ? 0 : failures, lockedUntil));
        Operator who{row.id, row.name, row.role == QStringLiteral("manager") ? Role::Manager : Role::Cashier};
        CP_TRY(TillInternal::auditAs(
            *this, who, lockedUntil ? QStringLiteral("login.locked") : QStringLiteral("login.failed"),
            std::nullopt, {}, {}, QJsonObject{}));
        CP_TRY(tx.commit());
        if (lockedUntil)
            return makeError(ErrorCode::PermissionDenied,
                             tr("Too many wrong PINs. This staff id is locked until %1; each further lock "
                                "lasts twice as long.")
                                 .arg(lockEndText(*lockedUntil, now, m_config.timeZone)));
        const int left = MaxLoginFailures - failures;
        return makeError(
            ErrorCode::PermissionDenied,
            tr("That staff id and PIN do not match. %n more tries before the lock.", nullptr, left));
    }
    CP_TRY(cashiers.setFailures(row.id, 0, std::nullopt));
    Operator op{row.id, row.name, row.role == QStringLiteral("manager") ? Role::Manager : Role::Cashier};
    CP_TRY(TillInternal::auditAs(*this, op, QStringLiteral("login"), std::nullopt, {}, {}, QJsonObject{}));
    CP_TRY(tx.commit());
    return op;
}

} // namespace counterpart
