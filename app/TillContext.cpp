#include "app/TillContext.h"

#include "app/StaffService.h"
#include "core/Money.h"
#include "storage/Crypto.h"
#include "storage/Database.h"
#include "storage/KeyRing.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "storage/WalCheckpointer.h"
#include "sync/client/ChainKeyApply.h"
#include "sync/protocol/Hlc.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimeZone>

Q_DECLARE_LOGGING_CATEGORY(lcTill)

namespace counterpart {

namespace {
const QString KeyCheckSetting = QStringLiteral("key_check");
const QByteArray KeyCheckPlaintext = QByteArrayLiteral("counterpart key check v1");
} // namespace

TillContext::TillContext(std::unique_ptr<Database> db, const Clock &clock)
    : m_db(std::move(db))
    , m_cipher(std::make_unique<KeyRing>())
    , m_clock(clock)
{
    m_operator = OperatorScope::system();
}

TillContext::~TillContext() = default;

Status TillContext::startCheckpointer(const QString &path)
{
    auto checkpointer = WalCheckpointer::start(path);
    if (!checkpointer)
        return checkpointer.error();
    m_checkpointer = std::move(checkpointer.value());
    return m_db->execute(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
}

qint64 TillContext::backgroundCheckpoints() const
{
    return m_checkpointer ? m_checkpointer->checkpoints() : 0;
}

Status TillContext::loadConfig()
{
    SettingsStore settings(*m_db);
    auto read = [&](const char *key, const QString &fallback) -> QString {
        auto v = settings.get(QString::fromLatin1(key));
        return v.ok() && v->has_value() ? v->value() : fallback;
    };
    TillConfig c;
    c.storeId = read("store_id", c.storeId);
    c.storeName = read("store_name", c.storeName);
    c.terminalId = read("terminal_id", {});
    c.terminalNumber = read("terminal_number", QStringLiteral("0")).toInt();
    c.region = read("region", c.region);
    c.timeZone = read("time_zone", QString::fromLatin1(c.timeZone)).toLatin1();
    c.currency = read("currency", c.currency);
    c.language = read("language", c.language);
    c.voidWindowMinutes = read("void_window_minutes", QString::number(c.voidWindowMinutes)).toInt();
    c.cashierRefundLimitMinor =
        read("cashier_refund_limit_minor", QString::number(c.cashierRefundLimitMinor)).toLongLong();
    if (c.terminalId.isEmpty() || c.terminalNumber < MemberCode::MinTerminal)
        return makeError(ErrorCode::Storage, tr("This till's settings are incomplete (no terminal number). "
                                                "Run counterpart-admin check."));
    m_config = c;
    return {};
}

Status TillContext::loadCipher(const QString &keyFile)
{
    SettingsStore settings(*m_db);
    auto dbId = settings.get(QStringLiteral("database_id"));
    if (!dbId)
        return dbId.error();
    const QString path =
        !keyFile.isEmpty() ? keyFile : FieldCipher::defaultKeyFile(dbId->value_or(QString()));
    auto check = settings.get(KeyCheckSetting);
    if (!check)
        return check.error();
    // A key is made only for a database that never had one: a missing key for a database with
    // encrypted fields must be restored from backup, not replaced.
    const bool hadKey = check->has_value();
    auto cipher = FieldCipher::loadKeyFile(path, !hadKey);
    if (!cipher) {
        m_cipherProblem =
            tr("The encryption key for ID numbers and birth dates is missing (%1). Restore it from the "
               "technician's backup; until then those fields cannot be read or saved.")
                .arg(path);
        qCWarning(lcTill) << "field encryption key unavailable:" << cipher.error().detail;
        return {};
    }
    if (hadKey) {
        auto plain =
            cipher->decrypt(QByteArray::fromBase64(check->value().toLatin1()), KeyCheckSetting.toUtf8());
        if (!plain || plain.value() != KeyCheckPlaintext) {
            m_cipherProblem = tr("The key file %1 does not belong to this database. Restore the right "
                                 "key from the technician's backup.")
                                  .arg(path);
            qCWarning(lcTill) << "field encryption key does not match this database";
            return {};
        }
    } else {
        auto sealed = cipher->encrypt(KeyCheckPlaintext, KeyCheckSetting.toUtf8());
        if (!sealed)
            return sealed.error();
        CP_TRY(settings.set(KeyCheckSetting, QString::fromLatin1(sealed->toBase64())));
    }
    m_cipher->setLocal(cipher.value());
    m_cipherProblem.clear();
    return {};
}

KeyRing &TillContext::cipher()
{
    // The sync engine keeps new chain keys on its own connection; the table is tiny, so a look at it
    // before each use is cheaper than a signal across threads.
    if (m_cipher->local().isValid()) {
        auto sealed = SyncStore(*m_db).chainKeys();
        if (sealed && sealed->size() != m_cipher->chainKeyCount()) {
            auto opened = sync::openChainKeys(*m_db, m_cipher->local());
            if (opened)
                m_cipher->setChainKeys(opened.value());
            else
                qCWarning(lcTill) << "chain keys cannot be opened:" << opened.error().detail;
        }
    }
    return *m_cipher;
}

Status TillContext::requireManager(const std::optional<ManagerApproval> &approval, const QString &what,
                                   QString *approvedBy)
{
    if (m_operator.role == Role::Manager || m_operator.role == Role::System) {
        if (approvedBy)
            approvedBy->clear();
        return {};
    }
    if (!approval)
        return makeError(ErrorCode::PermissionDenied, tr("%1 needs a manager's PIN.").arg(what));
    auto manager = StaffService(*this).login(*approval);
    if (!manager)
        return manager.error();
    if (manager->role != Role::Manager)
        return makeError(ErrorCode::PermissionDenied,
                         tr("%1 needs a manager; %2 is a cashier.").arg(what, manager->name));
    if (approvedBy)
        *approvedBy = manager->id;
    return {};
}

Status TillContext::audit(const QString &action, std::optional<qint64> member, const QString &reason,
                          const QString &approvedBy, const QJsonObject &details)
{
    CP_TRY(requireActiveOperator());
    return auditAs(m_operator, action, member, reason, approvedBy, details);
}

Status TillContext::requireActiveOperator()
{
    if (m_operator.id.isEmpty() || m_operator.role == Role::System)
        return {};
    CP_TRY_ASSIGN(const std::optional<CashierRow> row, CashierStore(*m_db).byId(m_operator.id));
    if (!row || row->active)
        return {};
    return makeError(
        ErrorCode::PermissionDenied,
        tr("Staff id %1 has been switched off at this till since signing in, so this was not saved. "
           "Sign out, and ask your manager.")
            .arg(m_operator.id));
}

Status TillContext::auditAs(const Operator &op, const QString &action, std::optional<qint64> member,
                            const QString &reason, const QString &approvedBy, const QJsonObject &details)
{
    AuditRow row;
    row.id = Uuid::createV7(m_clock);
    row.atMs = m_clock.nowMs();
    row.actor = op.id;
    row.role = roleId(op.role);
    row.terminalId = m_config.terminalId;
    row.action = action;
    row.member = member;
    row.reason = reason;
    row.approvedBy = approvedBy;
    row.details = QJsonDocument(details).toJson(QJsonDocument::Compact);
    return AuditStore(*m_db).append(row);
}

Status TillContext::enqueue(const Uuid &entity, sync::ParsedOp op, const QString &sameWrite)
{
    OutboxRow row;
    row.id = Uuid::createV7(m_clock);
    row.kind = sync::opKindName(op.kind);
    row.entity = entity;
    row.createdAtMs = m_clock.nowMs();
    op.opId = row.id.toString();
    op.store = m_config.storeId;
    op.terminal = m_config.terminalId;
    op.operatorId = m_operator.id;
    op.at = row.createdAtMs;
    op.rulesVersion = m_rules.version;
    // Every operation is about one member, which the server needs by id (member.register carries the
    // whole profile in its place).
    if (op.member.isEmpty())
        op.member = entity.toString();

    // Every operation carries a hybrid logical clock stamp: profile fields are last-writer-wins by it.
    // The wall clock is the till's corrected by the server's offset, and never runs behind the last
    // stamp made or seen (docs/sync-protocol.md, Hybrid logical clock).
    SyncStore syncStore(*m_db);
    if (!sameWrite.isEmpty()) {
        op.hlc = sameWrite;
        row.payload = QJsonDocument(op.toJsonObject()).toJson(QJsonDocument::Compact);
        return OutboxStore(*m_db).enqueue(row);
    }
    auto state = syncStore.hlcState();
    if (!state)
        return state.error();
    const sync::Hlc hlc = sync::Hlc::next(sync::Hlc::parse(state->lastHlc),
                                          row.createdAtMs + state->clockOffsetMs, m_config.terminalId);
    const QString hlcText = hlc.toString();
    CP_TRY(syncStore.setSetting(SyncKeys::LastHlc, hlcText));
    op.hlc = hlcText;
    QStringList written = op.writtenFields();
    const QStringList lww = lwwFieldNames();
    written.removeIf([&](const QString &field) { return !lww.contains(field); });
    CP_TRY(syncStore.stampFieldHlc(entity, written, hlcText));

    row.payload = QJsonDocument(op.toJsonObject()).toJson(QJsonDocument::Compact);
    return OutboxStore(*m_db).enqueue(row);
}

Member TillContext::toMember(const MemberRow &row)
{
    Member m;
    m.localId = row.localId;
    m.id = row.id;
    auto code = MemberCode::parse(row.code);
    if (code)
        m.code = code.value();
    m.phone = PhoneNumber::fromE164(row.phone);
    m.name = row.name;
    m.gender = row.gender;
    m.birthMonth = row.birthMonth;
    m.birthDay = row.birthDay;
    m.tier = row.tier;
    m.tierSinceMs = row.tierSinceMs;
    m.balance = row.balance;
    m.status = row.status;
    m.channel = row.channel;
    m.marketingConsent = row.marketingConsent;
    m.consentAtMs = row.consentAtMs;
    m.note = row.note;
    m.createdAtMs = row.createdAtMs;
    m.firstPurchaseAtMs = row.firstPurchaseAtMs;
    m.lastVisitAtMs = row.lastVisitAtMs;
    m.visits = row.visits;
    m.erasedAtMs = row.erasedAtMs;
    return m;
}

Result<MemberRow> TillContext::rowById(const Uuid &id)
{
    auto row = MemberStore(*m_db).byId(id);
    if (!row)
        return row.error();
    if (!row->has_value())
        return makeError(ErrorCode::NotFound, tr("That member is not in this till's records."));
    return row->value();
}

Result<MemberRow> TillContext::resolveRow(const QString &reference, bool includeClosed)
{
    const QString text = reference.trimmed();
    if (text.isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         tr("Say which member: a phone number, member code or card."));
    MemberStore members(*m_db);
    std::optional<MemberRow> found;
    const Uuid id = Uuid::fromString(text);
    if (!id.isNull()) {
        auto r = members.byId(id);
        if (!r)
            return r.error();
        found = r.value();
    } else if (auto qr = MemberQrPayload::decode(text); qr.ok()) {
        auto r = members.byCode(qr->code.digits());
        if (!r)
            return r.error();
        found = r.value();
        if (!found)
            return makeError(ErrorCode::NotFound,
                             tr("No member has the code %1 in this till.").arg(qr->code.grouped()));
    } else {
        auto phone = PhoneNumber::parse(text, m_config.region);
        if (!phone)
            return makeError(ErrorCode::InvalidInput,
                             tr("'%1' is neither a member code nor a phone number: %2")
                                 .arg(text.left(24), phone.error().message));
        auto r = members.byActivePhone(phone->e164());
        if (!r)
            return r.error();
        found = r.value();
        if (!found)
            return makeError(ErrorCode::NotFound,
                             tr("No member has the phone number %1.").arg(phoneForDisplay(phone.value())));
    }
    if (!found)
        return makeError(ErrorCode::NotFound, tr("That member is not in this till's records."));
    if (found->status == QStringLiteral("merged")) {
        // The same person registered twice (two tills, offline): the old code, card or id leads to the
        // member the server kept.
        auto survivor = followMerge(*found);
        if (!survivor)
            return survivor.error();
        found = survivor.value();
    }
    if (found->status != QStringLiteral("active") && !includeClosed)
        return makeError(ErrorCode::Refused,
                         found->erasedAtMs ? tr("This member's personal data was erased at their request.")
                                           : tr("This membership is closed."));
    return *found;
}

Result<MemberRow> TillContext::followMerge(const MemberRow &row)
{
    if (row.status != QStringLiteral("merged"))
        return row;
    auto survivor = SyncStore(*m_db).survivorOf(row.localId);
    if (!survivor)
        return survivor.error();
    if (!survivor->has_value())
        return row;
    auto found = MemberStore(*m_db).byLocalId(survivor->value());
    if (!found)
        return found.error();
    return found->value_or(row);
}

Status TillContext::appendEntry(LedgerRow &entry)
{
    entry.id = Uuid::createV7(m_clock);
    if (entry.atMs == 0)
        entry.atMs = m_clock.nowMs();
    if (entry.rulesVersion.isEmpty())
        entry.rulesVersion = m_rules.version;
    entry.terminalId = m_config.terminalId;
    if (entry.storeId.isEmpty())
        entry.storeId = m_config.storeId; // whose figures it counts in (schema 8)
    entry.cashier = m_operator.id;
    CP_TRY(LedgerStore(*m_db).insert(entry));
    return MemberStore(*m_db).addToBalance(entry.member, entry.points, entry.atMs);
}

sync::WireEntry TillContext::wireEntry(const LedgerRow &e)
{
    sync::WireEntry w;
    w.id = e.id.toString();
    w.kind = e.kind;
    w.points = e.points;
    w.at = e.atMs;
    w.expiresAt = e.expiresAtMs;
    w.rulesVersion = e.rulesVersion;
    w.reward = e.reward;
    w.discountMinor = e.discountMinor;
    w.reason = e.reason;
    w.approvedBy = e.approvedBy;
    w.receipt = e.receipt;
    return w;
}

QDate TillContext::localDate(qint64 ms) const
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(m_config.timeZone)).date();
}

qint64 TillContext::dayStartMs(const QDate &date) const
{
    return date.startOfDay(QTimeZone(m_config.timeZone)).toMSecsSinceEpoch();
}

QDate TillContext::today() const
{
    return localDate(m_clock.nowMs());
}

qint64 TillContext::addMonthsLocal(qint64 ms, int months) const
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(m_config.timeZone))
        .addMonths(months)
        .toMSecsSinceEpoch();
}

Result<TierRecord> TillContext::tierRecord(qint64 memberLocalId, qint64 nowMs)
{
    const qint64 windowStart = addMonthsLocal(nowMs, -m_rules.tiers.windowMonths);
    PurchaseStore purchases(*m_db);
    TierRecord record;
    CP_TRY_ASSIGN(record.spendMinor, purchases.spendSince(memberLocalId, windowStart));
    if (!m_rules.tiers.countsVisits())
        return record;
    CP_TRY_ASSIGN(const QList<qint64> visits, purchases.visitTimesSince(memberLocalId, windowStart));
    record.visitDays.reserve(visits.size());
    for (const qint64 at : visits)
        record.visitDays.append(localDate(at));
    return record;
}

qint64 TillContext::expiresAtFor(qint64 earnedAtMs) const
{
    return addMonthsLocal(earnedAtMs, m_rules.expiry.months);
}

qint64 TillContext::localMidnightMs(const QDate &date) const
{
    return date.startOfDay(QTimeZone(m_config.timeZone)).toMSecsSinceEpoch();
}

QString TillContext::money(qint64 minor) const
{
    return Money(minor, m_config.currency).toDisplayString();
}

QString TillContext::phoneForDisplay(const PhoneNumber &phone) const
{
    return phone.formatted(m_config.region);
}

OperatorScope::OperatorScope(TillContext &ctx, const Operator &op)
    : m_ctx(ctx)
    , m_previous(ctx.currentOperator())
{
    ctx.setOperator(op);
}

OperatorScope::~OperatorScope()
{
    m_ctx.setOperator(m_previous);
}

Operator OperatorScope::system()
{
    return Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System};
}

} // namespace counterpart
