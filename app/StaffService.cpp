// Staff: adding them and signing them in (PIN checks, failures, lockouts).

#include "app/StaffService.h"

#include "app/TillContext.h"
#include "storage/Crypto.h"
#include "storage/Database.h"
#include "storage/Stores.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

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

// Why someone who typed their right PIN is not let in: switched off by head office or moved to another
// store, or made at this till before head office took over the store's staff.
QString switchedOffText(const CashierRow &row)
{
    if (row.source == QLatin1String("chain"))
        return Till::tr(
                   "Head office has switched off staff id %1 at this store (it may have moved to another "
                   "store). Ask your manager.")
            .arg(row.id);
    if (row.deactivatedAtMs)
        return Till::tr("Staff id %1 was made at this till; head office now manages this store's staff and "
                        "does not list it. Ask your manager for your head-office staff id.")
            .arg(row.id);
    return Till::tr("Staff id %1 is switched off. Ask your manager.").arg(row.id);
}

} // namespace

Result<PinHash> StaffService::hashNewPin(const QString &pin, int iterations)
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

Status StaffService::createOperator(const QString &id, const QString &name, Role role, const QString &pin,
                                    int iterations)
{
    auto hashed = hashNewPin(pin, iterations);
    if (!hashed)
        return hashed.error();
    return createOperator(id, name, role, hashed.value());
}

Status StaffService::createOperator(const QString &id, const QString &name, Role role, const PinHash &pin)
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
    const bool setUpAtCounter = m_ctx.currentOperator().id.isEmpty() && !hasOperators();
    if (setUpAtCounter && role != Role::Manager)
        return makeError(ErrorCode::InvalidInput,
                         tr("The first staff member of a till is a manager, who then adds the cashiers."));
    if (hasOperators())
        CP_TRY(m_ctx.requireManager(std::nullopt, tr("Adding staff")));
    CP_TRY(notManagedByHeadOffice());

    CashierRow row;
    row.id = cleanId;
    row.name = name.trimmed();
    row.role = roleId(role);
    row.pinSalt = pin.salt;
    row.pinIterations = pin.iterations;
    row.pinHash = pin.hash;
    row.createdAtMs = m_ctx.clock().nowMs();
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    CP_TRY(CashierStore(m_ctx.db()).upsert(row));
    QJsonObject details{{QStringLiteral("staff"), cleanId}, {QStringLiteral("role"), row.role}};
    const Operator actor =
        setUpAtCounter ? Operator{cleanId, row.name, Role::Manager} : m_ctx.currentOperator();
    CP_TRY(m_ctx.auditAs(actor, QStringLiteral("staff.set"), std::nullopt, {}, {}, details));
    return tx.commit();
}

// Once head office lists this store's staff, people are added and changed there, for every till of the
// store at once; a person made here alone would be switched off at the next sync.
Status StaffService::notManagedByHeadOffice()
{
    CP_TRY_ASSIGN(const QList<CashierRow> rows, CashierStore(m_ctx.db()).all());
    for (const CashierRow &r : rows) {
        if (r.source == QLatin1String("chain"))
            return makeError(ErrorCode::PermissionDenied,
                             tr("Head office manages the staff of this store: ask them to add or change the "
                                "person, and every till of the store takes it at its next sync."));
    }
    return {};
}

bool StaffService::hasOperators()
{
    auto all = CashierStore(m_ctx.db()).all();
    return all.ok() && !all->isEmpty();
}

Result<QList<Operator>> StaffService::staffToPick(bool managersOnly)
{
    CP_TRY_ASSIGN(const QList<CashierRow> rows, CashierStore(m_ctx.db()).all());
    QList<Operator> staff;
    for (const CashierRow &r : rows) {
        const bool manager = r.role == roleId(Role::Manager);
        if (r.active && !r.pinHash.isEmpty() && (manager || !managersOnly))
            staff.append(Operator{r.id, r.name, manager ? Role::Manager : Role::Cashier});
    }
    std::sort(staff.begin(), staff.end(), [](const Operator &a, const Operator &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    return staff;
}

Result<Operator> StaffService::login(const QString &id, const QString &pin)
{
    auto check = startLogin(id);
    if (!check)
        return check.error();
    return finishLogin(check.value(), hashPin(pin, check.value()));
}

Result<Operator> StaffService::login(const ManagerApproval &approval)
{
    if (approval.hashed && approval.hashed->first.staffId == approval.managerId.trimmed())
        return finishLogin(approval.hashed->first, approval.hashed->second);
    return login(approval.managerId, approval.pin);
}

QByteArray StaffService::hashPin(const QString &pin, const PinCheck &check)
{
    return pbkdf2Sha256(pin.toUtf8(), check.salt, check.iterations);
}

Result<PinCheck> StaffService::startLogin(const QString &id)
{
    auto found = CashierStore(m_ctx.db()).byId(id.trimmed());
    if (!found)
        return found.error();
    PinCheck check;
    check.staffId = id.trimmed();
    if (!found->has_value() || (!found->value().active && found->value().pinHash.isEmpty())) {
        // Hashed all the same, so the time taken does not tell who exists; finishLogin refuses it.
        check.salt = QByteArrayLiteral("unknown staff id");
        check.iterations = DefaultPinIterations;
        return check;
    }
    const CashierRow &row = found->value();
    if (Status open = notLockedOut(row, m_ctx.clock().nowMs(), m_ctx.config().timeZone); !open)
        return open.error();
    check.salt = row.pinSalt;
    check.iterations = row.pinIterations;
    return check;
}

Result<Operator> StaffService::finishLogin(const PinCheck &check, const QByteArray &hash)
{
    // The row is read again: another till window or process may have counted failures meanwhile.
    CashierStore cashiers(m_ctx.db());
    auto found = cashiers.byId(check.staffId);
    if (!found)
        return found.error();
    const qint64 now = m_ctx.clock().nowMs();
    if (!found->has_value() || !found->value().active) {
        // Same wording as a wrong PIN, so the screen does not tell who exists; the person themselves,
        // with their right PIN, learns why they cannot come in.
        if (found->has_value() && check.salt == found->value().pinSalt &&
            constantTimeEquals(hash, found->value().pinHash))
            return makeError(ErrorCode::PermissionDenied, switchedOffText(found->value()));
        return makeError(ErrorCode::PermissionDenied, tr("That staff id and PIN do not match."));
    }
    CashierRow row = found->value();
    CP_TRY(notLockedOut(row, now, m_ctx.config().timeZone));
    // A PIN set again since the check started is checked against the new one: it does not match.
    const bool matches = row.pinSalt == check.salt && row.pinIterations == check.iterations &&
                         constantTimeEquals(hash, row.pinHash);
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    if (!matches) {
        const int failures = row.failedAttempts + 1;
        std::optional<qint64> lockedUntil;
        if (failures >= MaxLoginFailures) {
            auto earlier = AuditStore(m_ctx.db()).locksSinceLastLogin(row.id, now - LockMemoryMs);
            if (!earlier)
                return earlier.error();
            lockedUntil = now + lockoutMs(earlier.value());
        }
        CP_TRY(cashiers.setFailures(row.id, lockedUntil ? 0 : failures, lockedUntil));
        Operator who{row.id, row.name, row.role == QStringLiteral("manager") ? Role::Manager : Role::Cashier};
        CP_TRY(m_ctx.auditAs(who,
                             lockedUntil ? QStringLiteral("login.locked") : QStringLiteral("login.failed"),
                             std::nullopt, {}, {}, QJsonObject{}));
        CP_TRY(tx.commit());
        if (lockedUntil)
            return makeError(ErrorCode::PermissionDenied,
                             tr("Too many wrong PINs. This staff id is locked until %1; each further lock "
                                "lasts twice as long.")
                                 .arg(lockEndText(*lockedUntil, now, m_ctx.config().timeZone)));
        const int left = MaxLoginFailures - failures;
        return makeError(
            ErrorCode::PermissionDenied,
            tr("That staff id and PIN do not match. %n more tries before the lock.", nullptr, left));
    }
    CP_TRY(cashiers.setFailures(row.id, 0, std::nullopt));
    Operator op{row.id, row.name, row.role == QStringLiteral("manager") ? Role::Manager : Role::Cashier};
    CP_TRY(m_ctx.auditAs(op, QStringLiteral("login"), std::nullopt, {}, {}, QJsonObject{}));
    CP_TRY(tx.commit());
    return op;
}

} // namespace counterpart
