#include "storage/SyncStore.h"

#include "core/Clock.h"
#include "core/Loyalty.h"
#include "core/LoyaltyRules.h"
#include "storage/Database.h"
#include "storage/Log.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <sqlite3.h>

namespace counterpart {

using storesupport::orEmpty;
using storesupport::orNull;

namespace {

// Merges chain at most this deep (an alias of an alias of ...); deeper means a loop in bad data.
constexpr int MaxMergeHops = 16;

// Every statement of the sync store. The server's data is applied as it comes: a constraint it breaks
// is reported as SQLite says (a Conflict), not in the counter's words (Statement::refinedError).
Result<Statement> statement(Database &db, const QString &sql)
{
    CP_TRY_ASSIGN(auto st, db.prepare(sql));
    st.keepSqliteErrors();
    return st;
}

Error unknownMember(const Uuid &member, const char *what)
{
    return makeError(ErrorCode::NotFound,
                     QCoreApplication::translate("SyncStore",
                                                 "The server sent a change about a member this till does "
                                                 "not have; sync stops until the server is corrected."),
                     QStringLiteral("%1: unknown member %2").arg(QLatin1String(what), member.toString()));
}

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The gift a gift entry stands for, as gift_grants names it.
QString giftOfKind(const QString &kind)
{
    if (kind == QLatin1String("welcome_gift"))
        return QStringLiteral("welcome");
    if (kind == QLatin1String("first_purchase_gift"))
        return QStringLiteral("first_purchase");
    if (kind == QLatin1String("birthday_gift"))
        return QStringLiteral("birthday");
    return {};
}

QString validChannel(const QString &channel)
{
    if (channel == QLatin1String("online") || channel == QLatin1String("import"))
        return channel;
    return QStringLiteral("till");
}

QString validGender(const QString &gender)
{
    if (gender == QLatin1String("female") || gender == QLatin1String("male") ||
        gender == QLatin1String("other"))
        return gender;
    return QStringLiteral("");
}

// seq, id, kind, entity: what every outbox operation read here starts with.
template<typename Op>
Op readOpHead(const Statement &st)
{
    Op op;
    op.seq = st.int64(0);
    op.id = Uuid::fromBytes(st.blob(1));
    op.kind = st.text(2);
    op.entity = Uuid::fromBytes(st.blob(3));
    return op;
}

// seq, id, kind, entity, payload, created_at
PendingOp readPendingOp(const Statement &st)
{
    PendingOp op = readOpHead<PendingOp>(st);
    op.payload = st.blob(4);
    op.createdAtMs = st.int64(5);
    return op;
}

// seq, id, kind, entity, created_at, status, reason, message, answered_at
AnsweredOp readAnsweredOp(const Statement &st)
{
    AnsweredOp op = readOpHead<AnsweredOp>(st);
    op.createdAtMs = st.int64(4);
    op.status = st.text(5);
    op.reason = st.text(6);
    op.message = st.text(7);
    op.answeredAtMs = st.optionalInt64(8);
    return op;
}

SyncFlagRow readFlag(const Statement &st)
{
    SyncFlagRow f;
    f.localId = st.int64(0);
    f.kind = st.text(1);
    f.opId = Uuid::fromBytes(st.blob(2));
    f.member = Uuid::fromBytes(st.blob(3));
    f.balance = st.optionalInt64(4);
    f.atMs = st.int64(5);
    f.receivedAtMs = st.int64(6);
    f.seen = !st.isNull(7);
    return f;
}

// The field_hlc document of the member `sql` selects by `key` (empty when there is none).
template<typename Key>
Result<QJsonObject> fieldHlcs(Database &db, const QString &sql, const Key &key)
{
    CP_TRY_ASSIGN(auto st, statement(db, sql));
    st.bind(1, key);
    CP_TRY_ASSIGN(auto json, st.one([](const Statement &row) { return row.blob(0); }, "members.fieldHlc"));
    return json ? parseObject(*json) : QJsonObject();
}

// The profile of `local` with the pulled fields that win: per field, the pulled value wins unless the
// local one was written at a later HLC (equal HLCs are the same write). `hlcs`, the member's stamps,
// takes the winners' stamps.
MemberRow mergePulledFields(const MemberRow &local, const PulledMember &m, QJsonObject &hlcs)
{
    auto wins = [&](const char *field) {
        const QString key = QLatin1String(field);
        const QString remote = m.fieldHlc.value(key);
        const QString mine = hlcs.value(key).toString();
        if (remote < mine)
            return false;
        if (!remote.isEmpty())
            hlcs.insert(key, remote);
        return true;
    };
    MemberRow updated = local;
    if (m.name && wins("name"))
        updated.name = *m.name;
    if (m.gender && wins("gender"))
        updated.gender = validGender(*m.gender);
    if (m.note && wins("note"))
        updated.note = *m.note;
    if (m.marketingConsent && wins("marketingConsent"))
        updated.marketingConsent = *m.marketingConsent;
    if (m.consentAtMs && wins("consentAt"))
        updated.consentAtMs = m.consentAtMs;
    if (m.clearBirthday && wins("birthMonth")) {
        updated.birthMonth.reset();
        updated.birthDay.reset();
    } else {
        if (m.birthMonth && wins("birthMonth"))
            updated.birthMonth = m.birthMonth;
        if (m.birthDay && wins("birthDay"))
            updated.birthDay = m.birthDay;
    }
    if (m.birthDateEnc && wins("birthDateEnc"))
        updated.birthDateEnc = *m.birthDateEnc;
    if (m.idNumberEnc && wins("idNumberEnc"))
        updated.idNumberEnc = *m.idNumberEnc;
    if (!m.tier.isEmpty() && m.tier != local.tier) {
        updated.tier = m.tier;
        updated.tierSinceMs = m.tierSinceMs;
    }
    return updated;
}

} // namespace

QStringList lwwFieldNames()
{
    return {QStringLiteral("name"),       QStringLiteral("gender"),
            QStringLiteral("note"),       QStringLiteral("marketingConsent"),
            QStringLiteral("consentAt"),  QStringLiteral("birthMonth"),
            QStringLiteral("birthDay"),   QStringLiteral("birthDateEnc"),
            QStringLiteral("idNumberEnc")};
}

// ---- settings ----

Result<std::optional<QString>> SyncStore::setting(const QString &key)
{
    return SettingsStore(m_db).get(key);
}

Status SyncStore::setSetting(const QString &key, const QString &value)
{
    return SettingsStore(m_db).set(key, value);
}

Status SyncStore::removeSetting(const QString &key)
{
    return SettingsStore(m_db).remove(key);
}

Result<std::optional<qint64>> SyncStore::cursor()
{
    CP_TRY_ASSIGN(auto v, setting(SyncKeys::Cursor));
    if (!v.has_value())
        return std::optional<qint64>();
    bool ok = false;
    const qint64 c = v.value().toLongLong(&ok);
    if (!ok || c < 0)
        return makeError(ErrorCode::Storage,
                         QCoreApplication::translate("SyncStore", "The stored sync position is damaged."),
                         QStringLiteral("sync_cursor is not a number"));
    return std::optional<qint64>(c);
}

Status SyncStore::setCursor(qint64 cursor)
{
    return setSetting(SyncKeys::Cursor, QString::number(cursor));
}

Result<SyncStore::HlcState> SyncStore::hlcState()
{
    const QString sql = QStringLiteral("SELECT key, value FROM settings WHERE key IN (?1, ?2)");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, SyncKeys::LastHlc).bind(2, SyncKeys::ClockOffsetMs);
    CP_TRY_ASSIGN(const auto values,
                  st.all([](const Statement &row) { return std::pair(row.text(0), row.text(1)); },
                         "settings.hlcState"));
    HlcState state;
    for (const auto &[key, value] : values) {
        if (key == SyncKeys::LastHlc)
            state.lastHlc = value;
        else
            state.clockOffsetMs = value.toLongLong();
    }
    return state;
}

Result<QList<SyncStore::MemberStamps>> SyncStore::memberFieldStamps()
{
    const QString sql = QStringLiteral(
        "SELECT local_id, code, field_hlc FROM members WHERE field_hlc IS NOT NULL AND field_hlc <> '{}'");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    return st.all(
        [](const Statement &row) {
            return MemberStamps{row.int64(0), row.isNull(1) ? QString() : row.text(1), row.blob(2)};
        },
        "members.stampsAhead");
}

Status SyncStore::setMemberFieldStamps(qint64 localId, const QByteArray &fieldHlcJson)
{
    CP_TRY_ASSIGN(auto st,
                  statement(m_db, QStringLiteral("UPDATE members SET field_hlc = ?2 WHERE local_id = ?1")));
    st.bind(1, localId).bindUtf8(2, fieldHlcJson);
    return st.run("members.repairStamps");
}

// ---- the outbox ----

Result<QList<PendingOp>> SyncStore::pendingOps(int limit)
{
    const QString sql = QStringLiteral("SELECT seq, id, kind, entity, payload, created_at FROM outbox"
                                       " WHERE status = 'pending' ORDER BY seq LIMIT ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, limit);
    return st.all(readPendingOp, "outbox.pendingOps");
}

Result<qint64> SyncStore::pendingCount()
{
    CP_TRY_ASSIGN(auto st,
                  statement(m_db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")));
    return st.scalar("outbox.pendingCount");
}

Result<qint64> SyncStore::rejectedCount()
{
    CP_TRY_ASSIGN(auto st,
                  statement(m_db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'rejected'")));
    return st.scalar("outbox.rejectedCount");
}

Result<QList<AnsweredOp>> SyncStore::rejectedOps(int limit)
{
    const QString sql =
        QStringLiteral("SELECT seq, id, kind, entity, created_at, status, COALESCE(reject_reason, ''), "
                       "COALESCE(last_error, ''),"
                       " answered_at FROM outbox WHERE status = 'rejected' ORDER BY seq DESC LIMIT ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, limit);
    return st.all(readAnsweredOp, "outbox.rejectedOps");
}

Result<std::optional<qint64>> SyncStore::oldestPendingMs()
{
    const QString sql = QStringLiteral("SELECT MIN(created_at) FROM outbox WHERE status = 'pending'");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    return st.optionalScalar("outbox.oldestPending");
}

Result<bool> SyncStore::markApplied(const Uuid &opId, qint64 nowMs, const SyncApplyContext &ctx)
{
    const QString sql =
        QStringLiteral("UPDATE outbox SET status = 'applied', attempts = attempts + 1, answered_at = ?2,"
                       " last_error = NULL WHERE id = ?1 AND status = 'pending' RETURNING entity, kind");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, opId.bytes()).bind(2, nowMs);
    CP_TRY_ASSIGN(
        auto answered,
        st.one([](const Statement &row) { return std::pair(Uuid::fromBytes(row.blob(0)), row.text(1)); },
               "outbox.markApplied"));
    if (!answered)
        return false;
    CP_TRY(st.run("outbox.markApplied"));
    const std::optional<Uuid> entity = answered->first;
    // Every earlier operation of an erased member is answered now: none keeps their personal data.
    if (answered->second == QLatin1String("member.erase"))
        CP_TRY(OutboxStore(m_db).scrubAnswered(*entity));
    if (ctx.touchedMembers) {
        CP_TRY_ASSIGN(auto member, localId(*entity, true));
        if (member.has_value())
            ctx.touchedMembers->insert(member.value());
    }
    return true;
}

Status SyncStore::markRejected(const Uuid &opId, const QString &reason, const QString &message,
                               const SyncApplyContext &ctx)
{
    std::optional<std::pair<PendingOp, QString>> found; // the operation and its status
    {
        const QString sql = QStringLiteral(
            "SELECT seq, id, kind, entity, payload, created_at, status FROM outbox WHERE id = ?1");
        CP_TRY_ASSIGN(auto st, statement(m_db, sql));
        st.bind(1, opId.bytes());
        CP_TRY_ASSIGN(found,
                      st.one([](const Statement &row) { return std::pair(readPendingOp(row), row.text(6)); },
                             "outbox.markRejected"));
    } // reset before the update
    if (!found) {
        qCWarning(lcStorage) << "the server rejected an operation the outbox does not have";
        return {};
    }
    if (found->second != QLatin1String("pending"))
        return {}; // answered before: the reversal was written then
    const PendingOp op = found->first;
    const QString update = QStringLiteral(
        "UPDATE outbox SET status = 'rejected', attempts = attempts + 1, answered_at = ?2, last_error = ?3,"
        " reject_reason = ?4 WHERE seq = ?1");
    CP_TRY_ASSIGN(auto mark, statement(m_db, update));
    mark.bindAll(op.seq, ctx.clock->nowMs(), orEmpty(message), orEmpty(reason));
    CP_TRY(mark.run("outbox.markRejected"));
    if (op.kind == QLatin1String("member.erase"))
        CP_TRY(OutboxStore(m_db).scrubAnswered(op.entity));
    return compensate(op, reason, ctx);
}

Status SyncStore::compensate(const PendingOp &op, const QString &reason, const SyncApplyContext &ctx)
{
    const QJsonObject payload = parseObject(op.payload);
    CP_TRY_ASSIGN(const qint64 earnShareReversed,
                  reverseEntries(payload.value(QStringLiteral("entries")).toArray(), reason, ctx));
    // A closing the server refused for any reason but "closed already" did not happen: the member is
    // open again here too, as at the server (its forfeit was just taken back above).
    if (op.kind == QLatin1String("member.close") && reason != QLatin1String("member_closed")) {
        CP_TRY_ASSIGN(const std::optional<qint64> member, localId(op.entity, false));
        if (member)
            CP_TRY(MemberStore(m_db).reopen(*member, ctx.clock->nowMs()));
    }
    if (op.kind == QLatin1String("member.phone"))
        CP_TRY(undoPhoneChange(op, payload, ctx));
    return undoPurchaseOf(op, payload, earnShareReversed, ctx.clock->nowMs());
}

// A new number the server refused (another member of the chain has it, or the membership was closed):
// the member has their old number again here, unless a later change here replaced it, or another member
// took the old one meanwhile (then the server's next member change decides).
Status SyncStore::undoPhoneChange(const PendingOp &op, const QJsonObject &payload,
                                  const SyncApplyContext &ctx)
{
    const QString sent = payload.value(QStringLiteral("phone")).toString();
    const QString previous = payload.value(QStringLiteral("previous")).toString();
    CP_TRY_ASSIGN(const std::optional<qint64> member, localId(op.entity, false));
    if (!member || previous.isEmpty())
        return {};
    MemberStore members(m_db);
    CP_TRY_ASSIGN(auto row, members.byLocalId(*member));
    if (!row || row->phone != sent || row->status != QLatin1String("active"))
        return {};
    CP_TRY_ASSIGN(auto holder, members.byActivePhone(previous));
    if (holder.has_value()) {
        qCWarning(lcStorage) << "a refused phone change was not undone: the old number is another member's";
        return {};
    }
    return members.changePhone(*member, previous, std::nullopt, ctx.clock->nowMs());
}

Result<qint64> SyncStore::reverseEntries(const QJsonArray &entries, const QString &reason,
                                         const SyncApplyContext &ctx)
{
    const qint64 now = ctx.clock->nowMs();
    LedgerStore ledger(m_db);
    MemberStore members(m_db);
    qint64 earnShareReversed = 0;
    for (const QJsonValue &value : entries) {
        const Uuid entryId = Uuid::fromString(value.toObject().value(QStringLiteral("id")).toString());
        if (entryId.isNull())
            continue;
        const QString sql = QStringLiteral(
            "SELECT l.local_id, l.member, l.points, l.purchase, l.rules_version, l.kind,"
            " COALESCE((SELECT r.kind FROM ledger r WHERE r.local_id = l.reverses), ''), l.store_id"
            " FROM ledger l WHERE l.id = ?1");
        CP_TRY_ASSIGN(auto st, statement(m_db, sql));
        st.bind(1, entryId.bytes());
        auto readReversal = [&](const Statement &row) {
            LedgerRow reversal;
            reversal.id = Uuid::createV7(*ctx.clock);
            reversal.member = row.int64(1);
            reversal.kind = QStringLiteral("void");
            reversal.points = -row.int64(2);
            reversal.atMs = now;
            reversal.purchase = row.optionalInt64(3);
            reversal.reverses = row.int64(0);
            reversal.rulesVersion = row.text(4);
            reversal.terminalId = ctx.terminalId;
            reversal.storeId = row.text(7); // counts where the entry it takes back counted
            reversal.cashier = QStringLiteral("system");
            reversal.reason = QStringLiteral("rejected: ") + reason;
            // The share of a refund that took back points earned: the refund did not happen either.
            const bool earnShare =
                row.text(5) == QLatin1String("refund_reversal") && row.text(6) == QLatin1String("earn");
            return std::pair(reversal, earnShare);
        };
        CP_TRY_ASSIGN(auto found, st.one(readReversal, "ledger.compensate"));
        if (!found)
            continue;
        CP_TRY(st.run("ledger.compensate"));
        LedgerRow &reversal = found->first;
        if (found->second)
            earnShareReversed += reversal.points;
        if (reversal.points == 0)
            continue;
        CP_TRY(ledger.insert(reversal));
        CP_TRY(members.addToBalance(reversal.member, reversal.points, now));
        if (ctx.touchedMembers)
            ctx.touchedMembers->insert(reversal.member);
    }
    return earnShareReversed;
}

Status SyncStore::undoPurchaseOf(const PendingOp &op, const QJsonObject &payload, qint64 earnShareReversed,
                                 qint64 now)
{
    if (op.kind == QLatin1String("earn")) {
        // The purchase never happened for the chain: free its receipt, take back its gift grants.
        const Uuid purchaseId = Uuid::fromString(
            payload.value(QStringLiteral("purchase")).toObject().value(QStringLiteral("id")).toString());
        CP_TRY_ASSIGN(auto purchase, purchaseLocalId(purchaseId));
        if (!purchase.has_value())
            return {};
        const QString vSql =
            QStringLiteral("UPDATE purchases SET voided_at = ?2 WHERE local_id = ?1 AND voided_at IS NULL");
        CP_TRY_ASSIGN(auto v, statement(m_db, vSql));
        CP_TRY(v.bindAll(purchase.value(), now).run("purchases.voidRejected"));
        return revokeGiftsOfPurchase(purchase.value(), "gift_grants.revokeRejected");
    }
    if (op.kind == QLatin1String("refund")) {
        const QJsonObject refund = payload.value(QStringLiteral("refund")).toObject();
        CP_TRY_ASSIGN(auto purchase,
                      purchaseLocalId(Uuid::fromString(refund.value(QStringLiteral("purchase")).toString())));
        if (!purchase.has_value())
            return {};
        const QString uSql =
            QStringLiteral("UPDATE purchases SET refunded = MAX(0, refunded - ?2),"
                           " points_reversed = MAX(0, points_reversed - ?3) WHERE local_id = ?1");
        CP_TRY_ASSIGN(auto u, statement(m_db, uSql));
        const qint64 refundedMinor = qint64(refund.value(QStringLiteral("amountMinor")).toDouble());
        return u.bindAll(purchase.value(), refundedMinor, earnShareReversed)
            .run("purchases.unrefundRejected");
    }
    return {};
}

Status SyncStore::revokeGiftsOfPurchase(qint64 purchaseLocalId, const char *context)
{
    const QString sql = QStringLiteral(
        "DELETE FROM gift_grants WHERE entry IN (SELECT local_id FROM ledger WHERE purchase = ?1)");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, purchaseLocalId);
    return st.run(context);
}

Status SyncStore::noteProblem(const Uuid &opId, const QString &message)
{
    const QString sql =
        QStringLiteral("UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, opId.bytes()).bind(2, orEmpty(message));
    return st.run("outbox.noteProblem");
}

// ---- members ----

Result<std::optional<qint64>> SyncStore::localId(const Uuid &member, bool followMerges)
{
    CP_TRY_ASSIGN(auto st, statement(m_db, QStringLiteral("SELECT local_id FROM members WHERE id = ?1")));
    st.bind(1, member.bytes());
    auto found = st.optionalScalar("members.localId");
    if (!found || !found->has_value() || !followMerges)
        return found;
    CP_TRY_ASSIGN(auto survivor, survivorOf(found->value()));
    return survivor.has_value() ? survivor : found.value();
}

Result<std::optional<qint64>> SyncStore::survivorOf(qint64 memberLocalId)
{
    qint64 current = memberLocalId;
    bool merged = false;
    for (int hop = 0; hop < MaxMergeHops; ++hop) {
        const QString sql =
            QStringLiteral("SELECT s.local_id FROM members m JOIN members s ON s.id = m.merged_into"
                           " WHERE m.local_id = ?1 AND m.status = 'merged'");
        CP_TRY_ASSIGN(auto st, statement(m_db, sql));
        st.bind(1, current);
        CP_TRY_ASSIGN(auto next, st.optionalScalar("members.survivorOf"));
        if (!next.has_value() || next.value() == current)
            return merged ? std::optional<qint64>(current) : std::optional<qint64>();
        current = next.value();
        merged = true;
    }
    qCWarning(lcStorage) << "member merges form a chain deeper than" << MaxMergeHops;
    return std::optional<qint64>(current);
}

Result<bool> SyncStore::hasPendingWork(const Uuid &member)
{
    const QString sql = QStringLiteral("SELECT EXISTS(SELECT 1 FROM outbox INDEXED BY outbox_pending_entity"
                                       " WHERE status = 'pending' AND entity = ?1)");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, member.bytes());
    CP_TRY_ASSIGN(auto v, st.optionalScalar("outbox.hasPendingWork"));
    return v.value_or(0) != 0;
}

Result<qint64> SyncStore::applyMember(const PulledMember &m, const SyncApplyContext &ctx)
{
    CP_TRY_ASSIGN(auto known, localId(m.id, false));
    if (!known.has_value())
        return insertPulledMember(m, ctx);
    CP_TRY_ASSIGN(auto existing, MemberStore(m_db).byLocalId(known.value()));
    if (!existing.has_value())
        return unknownMember(m.id, "member");
    const qint64 now = ctx.clock->nowMs();
    const MemberRow &local = existing.value();
    if (m.status == QLatin1String("merged") && !m.mergedInto.isNull() && local.status != m.status) {
        CP_TRY_ASSIGN(auto into, localId(m.mergedInto, true));
        if (into.has_value())
            CP_TRY(applyMerge(m.id, m.mergedInto, ctx));
        return local.localId;
    }
    if (m.erasedAtMs || local.erasedAtMs) {
        // Erased here or at another till: the data goes, whatever is pending; nothing comes back.
        if (!local.erasedAtMs) {
            CP_TRY(MemberStore(m_db).erase(local.localId, now));
            CP_TRY(OutboxStore(m_db).scrubAnswered(m.id));
            if (ctx.touchedMembers)
                ctx.touchedMembers->insert(local.localId);
        }
        return local.localId;
    }
    if (m.status == QLatin1String("closed") && local.status == QLatin1String("active"))
        CP_TRY(MemberStore(m_db).close(local.localId, now));
    // A member with operations still in the outbox keeps its local profile: the local edit is newer and
    // on its way, and the next pull brings the server's merged result.
    CP_TRY_ASSIGN(auto pending, hasPendingWork(m.id));
    if (pending)
        return local.localId;
    CP_TRY(adoptPhone(local, m, ctx));
    CP_TRY_ASSIGN(
        QJsonObject hlcs,
        fieldHlcs(m_db, QStringLiteral("SELECT field_hlc FROM members WHERE local_id = ?1"), local.localId));
    const MemberRow updated = mergePulledFields(local, m, hlcs);
    CP_TRY(writePulledProfile(updated, hlcs, now));
    if (updated.name != local.name)
        CP_TRY(MemberStore(m_db).rewriteNameTokens(local.localId, updated.name));
    return local.localId;
}

// A local member made an alias of `into` (its rows move with moveMemberRows); its phone is free then.
Status SyncStore::markMerged(qint64 memberLocalId, const Uuid &into, qint64 nowMs)
{
    const QString sql = QStringLiteral(
        "UPDATE members SET status = 'merged', merged_into = ?2, updated_at = ?3 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bindAll(memberLocalId, into.bytes(), nowMs);
    return st.run("members.markMerged");
}

// The number the server holds for the member, and their previous numbers: the server decides them (it
// checks a new number against the whole chain). A local member holding that number is a registration the
// server has made, or will make, an alias of this member (docs/sync-protocol.md, "member.phone").
Status SyncStore::adoptPhone(const MemberRow &local, const PulledMember &m, const SyncApplyContext &ctx)
{
    MemberStore members(m_db);
    const qint64 now = ctx.clock->nowMs();
    if (local.status == QLatin1String("active") && m.status == QLatin1String("active") &&
        m.phone != local.phone && !m.phone.isEmpty()) {
        CP_TRY_ASSIGN(auto holder, members.byActivePhone(m.phone));
        if (holder.has_value())
            CP_TRY(mergeLocal(holder->localId, local.localId, m.id, ctx));
        CP_TRY(members.changePhone(local.localId, m.phone, std::nullopt, now));
        if (ctx.touchedMembers)
            ctx.touchedMembers->insert(local.localId);
    }
    // Only a member whose number changed has previous numbers (the change stamped `phone`): the pull
    // writes nothing more for every other member.
    if (m.previousPhones.isEmpty() && !m.fieldHlc.contains(QStringLiteral("phone")))
        return {};
    return members.setPreviousPhones(local.localId, m.previousPhones);
}

Status SyncStore::writePulledProfile(const MemberRow &updated, const QJsonObject &fieldHlcs, qint64 now)
{
    const QString sql = QStringLiteral(
        "UPDATE members SET name = ?2, gender = ?3, note = ?4, marketing_consent = ?5, consent_at = ?6,"
        " birth_month = ?7, birth_day = ?8, birth_date_enc = ?9, id_number_enc = ?10, tier = ?11,"
        " tier_since = ?12, field_hlc = ?13, updated_at = MAX(updated_at, ?14) WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bindAll(updated.localId, orEmpty(updated.name), orEmpty(updated.gender), orEmpty(updated.note),
               updated.marketingConsent, updated.consentAtMs, storesupport::toOptional64(updated.birthMonth),
               storesupport::toOptional64(updated.birthDay), orNull(updated.birthDateEnc),
               orNull(updated.idNumberEnc), updated.tier, updated.tierSinceMs);
    st.bindUtf8(13, compact(fieldHlcs)).bind(14, now);
    return st.run("members.applyPulled");
}

namespace {

// The local row for a member as the server sent it (no balance: its entries or lots bring it).
MemberRow pulledRow(const PulledMember &m, qint64 now)
{
    MemberRow row;
    row.id = m.id;
    row.code = m.code;
    row.phone = m.phone;
    row.name = m.name.value_or(QString());
    row.gender = validGender(m.gender.value_or(QString()));
    if (!m.clearBirthday) {
        row.birthMonth = m.birthMonth;
        row.birthDay = m.birthDay;
    }
    row.birthDateEnc = m.birthDateEnc.value_or(QByteArray());
    row.idNumberEnc = m.idNumberEnc.value_or(QByteArray());
    row.tier = m.tier;
    row.tierSinceMs = m.tierSinceMs;
    row.balance = 0; // the entries bring it
    // An alias or a closed member goes in as it is: inserted as active it would collide with the member
    // holding its phone.
    row.status = m.status == QLatin1String("merged") || m.status == QLatin1String("closed")
                     ? m.status
                     : QStringLiteral("active");
    row.channel = validChannel(m.channel);
    row.marketingConsent = m.marketingConsent.value_or(false);
    row.consentAtMs = m.consentAtMs;
    row.note = m.note.value_or(QString());
    row.storeId = orEmpty(m.storeId);
    row.terminalId = QStringLiteral("");
    row.createdAtMs = m.createdAtMs;
    row.updatedAtMs = now;
    return row;
}

QByteArray fieldHlcJson(const PulledMember &m)
{
    QJsonObject hlc;
    for (auto it = m.fieldHlc.constBegin(); it != m.fieldHlc.constEnd(); ++it)
        hlc.insert(it.key(), it.value());
    return compact(hlc);
}

} // namespace

Result<qint64> SyncStore::insertPulledMember(const PulledMember &m, const SyncApplyContext &ctx)
{
    const qint64 now = ctx.clock->nowMs();
    MemberStore members(m_db);
    MemberRow row = pulledRow(m, now);

    // Tried first, checked only when it fails: a bootstrap inserts a million members that collide with
    // nothing, and two reads per member would double its time.
    std::optional<std::pair<qint64, Uuid>> holder;
    if (Status first = members.insert(row); !first) {
        // One phone, one active member, at the server as here. A local member holding this phone is a
        // registration the server has made (or will make, when it arrives) an alias of this member:
        // merge it now, as the server's merge change will say.
        bool resolvable = false;
        if (row.status == QLatin1String("active")) {
            CP_TRY_ASSIGN(auto h, members.byActivePhone(m.phone));
            if (h.has_value()) {
                holder = std::make_pair(h.value().localId, h.value().id);
                CP_TRY(markMerged(holder->first, m.id, now));
                resolvable = true;
            }
        }
        CP_TRY_ASSIGN(auto sameCode, m.code.isEmpty() ? Result<std::optional<MemberRow>>(std::nullopt)
                                                      : members.byCode(m.code));
        if (sameCode.has_value()) {
            // Two tills that made codes before enrolment picked the same number: keep both members; this
            // one is found by its id and phone.
            row.code = m.code + QStringLiteral("~") + m.id.toString().left(8);
            qCWarning(lcStorage) << "a pulled member's code is already used here; stored with a suffix";
            resolvable = true;
        }
        if (!resolvable)
            return first.error();
        CP_TRY(members.insert(row));
    }
    const QString sql = QStringLiteral(
        "UPDATE members SET field_hlc = ?2, merged_into = ?3, erased_at = ?4 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, row.localId)
        .bindUtf8(2, fieldHlcJson(m))
        .bind(3, m.mergedInto.isNull() ? QByteArray() : m.mergedInto.bytes())
        .bind(4, m.erasedAtMs);
    CP_TRY(st.run("members.insertPulled"));
    if (!m.previousPhones.isEmpty())
        CP_TRY(members.setPreviousPhones(row.localId, m.previousPhones));
    if (holder) {
        CP_TRY(moveMemberRows(holder->first, row.localId, m.id, now));
        CP_TRY(recomputeBalance(holder->first, now));
        CP_TRY(recomputeBalance(row.localId, now));
        if (ctx.touchedMembers)
            ctx.touchedMembers->insert(holder->first);
        qCInfo(lcStorage) << "a local registration of the same phone was merged into a pulled member";
    }
    if (ctx.touchedMembers)
        ctx.touchedMembers->insert(row.localId);
    return row.localId;
}

// ---- entries, purchases ----

Result<std::optional<qint64>> SyncStore::purchaseLocalId(const Uuid &purchase)
{
    if (purchase.isNull())
        return std::optional<qint64>();
    CP_TRY_ASSIGN(auto st, statement(m_db, QStringLiteral("SELECT local_id FROM purchases WHERE id = ?1")));
    st.bind(1, purchase.bytes());
    return st.optionalScalar("purchases.localId");
}

Result<bool> SyncStore::applyEntry(const PulledEntry &e, const SyncApplyContext &ctx)
{
    CP_TRY_ASSIGN(auto member, localId(e.member, true));
    if (!member.has_value())
        return unknownMember(e.member, "entry");
    const qint64 memberLocal = member.value();
    CP_TRY_ASSIGN(auto purchase, purchaseLocalId(e.purchase));

    const QString sql = QStringLiteral(
        "INSERT INTO ledger(id, member, kind, points, at, expires_at, purchase, reward, discount,"
        " rules_version, terminal_id, cashier, reason, approved_by, store_id, receipt)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '', ?12, ?13, ?14, ?15)"
        " ON CONFLICT(id) DO NOTHING");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bindAll(e.id.bytes(), memberLocal, e.kind, e.points, e.atMs, e.expiresAtMs, purchase, orNull(e.reward),
               e.discountMinor, orEmpty(e.rulesVersion), orEmpty(e.terminalId), orEmpty(e.reason),
               orNull(e.approvedBy), orNull(e.storeId), orNull(e.receipt));
    CP_TRY(st.run("ledger.applyPulled"));
    if (m_db.changes() == 0)
        return false; // already here: this till's own entry coming back, or a page applied twice
    const qint64 now = ctx.clock->nowMs();
    const qint64 entryLocal = m_db.lastInsertRowId();
    CP_TRY(MemberStore(m_db).addToBalance(memberLocal, e.points, now));
    if (ctx.touchedMembers)
        ctx.touchedMembers->insert(memberLocal);

    if (purchase.has_value()) {
        // What a refund at this till reverses is computed from these.
        if (e.kind == QLatin1String("earn")) {
            const QString uSql =
                QStringLiteral("UPDATE purchases SET points_earned = points_earned + ?2 WHERE local_id = ?1");
            CP_TRY_ASSIGN(auto u, statement(m_db, uSql));
            u.bind(1, purchase.value()).bind(2, e.points);
            CP_TRY(u.run("purchases.pulledEarn"));
        } else if (e.kind == QLatin1String("refund_reversal")) {
            const QString uSql = QStringLiteral("UPDATE purchases SET points_reversed = MIN(points_earned, "
                                                "points_reversed + ?2) WHERE local_id = ?1");
            CP_TRY_ASSIGN(auto u, statement(m_db, uSql));
            u.bind(1, purchase.value()).bind(2, -e.points);
            CP_TRY(u.run("purchases.pulledReversal"));
        }
    }

    // A gift given at another till is a gift given: this till must not give it again.
    const QString gift = giftOfKind(e.kind);
    if (!gift.isEmpty() && e.points > 0) {
        QString period = QStringLiteral("once");
        if (gift == QLatin1String("birthday")) {
            period.clear();
            CP_TRY_ASSIGN(auto row, MemberStore(m_db).byLocalId(memberLocal));
            const QDate date =
                QDateTime::fromMSecsSinceEpoch(
                    e.atMs, QTimeZone(ctx.timeZone.isEmpty() ? QByteArrayLiteral("UTC") : ctx.timeZone))
                    .date();
            if (ctx.birthday && row.has_value() && row.value().birthMonth && row.value().birthDay)
                period = birthdayPeriod(*ctx.birthday, *row.value().birthMonth, *row.value().birthDay, date);
            if (period.isEmpty())
                period = QString::number(date.year());
        }
        CP_TRY(GiftStore(m_db).grant(memberLocal, gift, period, entryLocal, e.atMs));
    }
    // The birthday bonus multiplier is once per birthday period, chain-wide, like the birthday gift.
    if (!e.birthdayBonus.isEmpty() && e.points > 0) {
        CP_TRY(GiftStore(m_db).grant(memberLocal, QStringLiteral("birthday_bonus"), e.birthdayBonus,
                                     entryLocal, e.atMs));
    }
    return true;
}

Status SyncStore::applyPurchase(const PulledPurchase &p, const SyncApplyContext &ctx)
{
    CP_TRY_ASSIGN(auto member, localId(p.member, true));
    if (!member.has_value())
        return unknownMember(p.member, "purchase");
    return applyPurchaseFor(member.value(), p, ctx);
}

Status SyncStore::applyPurchaseFor(qint64 memberLocalId, const PulledPurchase &p, const SyncApplyContext &ctx)
{
    const qint64 now = ctx.clock->nowMs();
    CP_TRY_ASSIGN(auto existing, purchaseLocalId(p.id));
    if (existing.has_value()) {
        // Refunds only grow and a void is final, so the larger amount and any void are the merged truth
        // also when local work on this purchase is still in the outbox.
        const QString sql =
            QStringLiteral("UPDATE purchases SET refunded = MIN(amount, MAX(refunded, ?2)),"
                           " voided_at = CASE WHEN voided_at IS NULL AND ?3 THEN ?4 ELSE voided_at END"
                           " WHERE local_id = ?1");
        CP_TRY_ASSIGN(auto st, statement(m_db, sql));
        st.bindAll(existing.value(), p.refundedMinor, p.voided, now);
        CP_TRY(st.run("purchases.applyPulled"));
        if (p.voided)
            CP_TRY(revokeGiftsOfPurchase(existing.value(), "gift_grants.revokeVoided"));
        return {};
    }
    CP_TRY(insertPulledPurchase(memberLocalId, p, now));
    if (!p.voided)
        CP_TRY(MemberStore(m_db).recordVisit(memberLocalId, p.atMs));
    return {};
}

Status SyncStore::insertPulledPurchase(qint64 memberLocalId, const PulledPurchase &p, qint64 now)
{
    const QString sql = QStringLiteral(
        "INSERT INTO purchases(id, store_id, receipt, member, amount, currency, at, refunded, points_earned,"
        " points_reversed, voided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, MIN(?5, ?8), 0, 0, ?9)");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bindAll(p.id.bytes(), orEmpty(p.storeId), orEmpty(p.receipt), memberLocalId, p.amountMinor,
               orEmpty(p.currency), p.atMs, p.refundedMinor,
               p.voided ? std::optional<qint64>(now) : std::nullopt);
    if (Status s = st.run("purchases.applyPulled"); !s) {
        if (st.resultCode() == SQLITE_CONSTRAINT_UNIQUE) {
            // This till earned on the same receipt while offline; the server kept the other purchase and
            // will reject ours at the next push, which voids it here. Until then the page waits.
            return makeError(ErrorCode::Conflict,
                             QCoreApplication::translate(
                                 "SyncStore", "Receipt %1 was used for points at another till too; "
                                              "sync will settle it on its next run.")
                                 .arg(p.receipt),
                             QStringLiteral("purchases.applyPulled: receipt taken locally"));
        }
        return s;
    }
    return {};
}

// ---- merges ----

Status SyncStore::moveMemberRows(qint64 from, qint64 into, const Uuid &intoId, qint64 nowMs)
{
    // `ledger.member` is the one ledger column a merge may rewrite (schema 2's trigger). Every statement
    // names both members (?1 from, ?2 into), so one binding fits all. Moving the purchases moves the
    // visits with them (schema 7's trigger recounts both members).
    const QList<QString> statements = {
        QStringLiteral("UPDATE ledger SET member = ?2 WHERE member = ?1"),
        QStringLiteral("UPDATE purchases SET member = ?2 WHERE member = ?1"),
        QStringLiteral("UPDATE tier_changes SET member = ?2 WHERE member = ?1"),
        QStringLiteral("INSERT OR IGNORE INTO gift_grants(member, gift, period, entry, at)"
                       " SELECT ?2, gift, period, entry, at FROM gift_grants WHERE member = ?1"),
        QStringLiteral("DELETE FROM gift_grants WHERE member = ?1 AND ?2 IS NOT NULL"),
        QStringLiteral("UPDATE OR IGNORE member_phones SET member = ?2 WHERE member = ?1"),
        QStringLiteral("DELETE FROM member_phones WHERE member = ?1 AND ?2 IS NOT NULL"),
    };
    for (const QString &sql : statements) {
        CP_TRY_ASSIGN(auto st, statement(m_db, sql));
        st.bind(1, from).bind(2, into);
        CP_TRY(st.run("members.merge"));
    }
    // Aliases of the alias now point at the survivor.
    const QString sql = QStringLiteral(
        "UPDATE members SET merged_into = ?2, updated_at = ?3"
        " WHERE merged_into = (SELECT id FROM members WHERE local_id = ?1) AND local_id <> ?4");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bindAll(from, intoId.bytes(), nowMs, into);
    return st.run("members.mergeChain");
}

Status SyncStore::recomputeBalance(qint64 member, qint64 nowMs)
{
    const QString sql = QStringLiteral(
        "UPDATE members SET balance = (SELECT COALESCE(SUM(points), 0) FROM ledger WHERE member = ?1),"
        " updated_at = MAX(updated_at, ?2) WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, member).bind(2, nowMs);
    return st.run("members.recomputeBalance");
}

Status SyncStore::applyMerge(const Uuid &from, const Uuid &into, const SyncApplyContext &ctx)
{
    CP_TRY_ASSIGN(auto intoLocal, localId(into, true));
    if (!intoLocal.has_value())
        return unknownMember(into, "merge");
    CP_TRY_ASSIGN(auto fromLocal, localId(from, false));
    if (!fromLocal.has_value())
        return {}; // never known here: nothing to move
    if (fromLocal.value() == intoLocal.value())
        return {};
    CP_TRY_ASSIGN(auto intoId, statement(m_db, QStringLiteral("SELECT id FROM members WHERE local_id = ?1")));
    intoId.bind(1, intoLocal.value());
    CP_TRY_ASSIGN(auto intoRow, intoId.one([](const Statement &row) { return Uuid::fromBytes(row.blob(0)); },
                                           "members.mergeInto"));
    CP_TRY(intoId.run("members.mergeInto"));
    const Uuid survivor = intoRow.value_or(Uuid());

    return mergeLocal(fromLocal.value(), intoLocal.value(), survivor, ctx);
}

Status SyncStore::mergeLocal(qint64 from, qint64 into, const Uuid &intoId, const SyncApplyContext &ctx)
{
    const qint64 now = ctx.clock->nowMs();
    CP_TRY(markMerged(from, intoId, now));
    CP_TRY(moveMemberRows(from, into, intoId, now));
    CP_TRY(recomputeBalance(from, now));
    CP_TRY(recomputeBalance(into, now));
    if (ctx.touchedMembers) {
        ctx.touchedMembers->insert(from);
        ctx.touchedMembers->insert(into);
    }
    return {};
}

Status SyncStore::writeOpening(const Uuid &member, const QList<OpeningLot> &lots, const SyncApplyContext &ctx)
{
    CP_TRY_ASSIGN(auto local, localId(member, true));
    if (!local.has_value())
        return unknownMember(member, "opening");
    return writeOpeningFor(local.value(), lots, ctx);
}

Status SyncStore::writeOpeningFor(qint64 memberLocalId, const QList<OpeningLot> &lots,
                                  const SyncApplyContext &ctx)
{
    const qint64 now = ctx.clock->nowMs();
    for (const OpeningLot &lot : lots) {
        CP_TRY_ASSIGN(auto inserted, insertOpeningLot(memberLocalId, lot));
        if (inserted)
            CP_TRY(MemberStore(m_db).addToBalance(memberLocalId, lot.points, now));
    }
    if (ctx.touchedMembers)
        ctx.touchedMembers->insert(memberLocalId);
    return {};
}

Result<bool> SyncStore::insertOpeningLot(qint64 memberLocalId, const OpeningLot &lot)
{
    const QString sql = QStringLiteral(
        "INSERT INTO ledger(id, member, kind, points, at, expires_at, rules_version, terminal_id, "
        "cashier)"
        " VALUES (?1, ?2, 'opening', ?3, ?4, ?5, 'snapshot', '', '') ON CONFLICT(id) DO NOTHING");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bindAll(lot.id.bytes(), memberLocalId, lot.points, lot.atMs, lot.expiresAtMs);
    CP_TRY(st.run("ledger.opening"));
    return m_db.changes() == 1;
}

Result<std::optional<qint64>> SyncStore::insertSnapshotMember(const PulledMember &m,
                                                              const QList<OpeningLot> &lots,
                                                              const QList<PulledPurchase> &purchases,
                                                              const SyncApplyContext &ctx)
{
    const qint64 now = ctx.clock->nowMs();
    MemberRow row = pulledRow(m, now);
    for (const OpeningLot &lot : lots)
        row.balance += lot.points;
    for (const PulledPurchase &p : purchases) {
        if (p.voided)
            continue;
        ++row.visits;
        row.firstPurchaseAtMs = std::min(row.firstPurchaseAtMs.value_or(p.atMs), p.atMs);
        row.lastVisitAtMs = std::max(row.lastVisitAtMs.value_or(p.atMs), p.atMs);
    }
    // Its own savepoint: a phone or code already here leaves nothing behind.
    if (Status s = MemberStore(m_db).insert(row); !s)
        return std::optional<qint64>();
    // Nothing of a member new to this till can be in the outbox: the synced balance is the balance.
    const QString sql = QStringLiteral("UPDATE members SET field_hlc = ?2, merged_into = ?3, erased_at = ?4,"
                                       " synced_balance = balance WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, row.localId)
        .bindUtf8(2, fieldHlcJson(m))
        .bind(3, m.mergedInto.isNull() ? QByteArray() : m.mergedInto.bytes())
        .bind(4, m.erasedAtMs);
    CP_TRY(st.run("members.insertSnapshot"));
    if (!m.previousPhones.isEmpty())
        CP_TRY(MemberStore(m_db).setPreviousPhones(row.localId, m.previousPhones));
    bool allNew = true;
    for (const OpeningLot &lot : lots) {
        CP_TRY_ASSIGN(auto inserted, insertOpeningLot(row.localId, lot));
        allNew = allNew && inserted;
    }
    if (!allNew) {
        // A lot id already here (it cannot be, for a new member; but a balance must be exact).
        CP_TRY(recomputeBalance(row.localId, now));
        CP_TRY(refreshSyncedBalance(row.localId));
    }
    for (const PulledPurchase &p : purchases)
        CP_TRY(insertPulledPurchase(row.localId, p, now));
    return std::optional<qint64>(row.localId);
}

Status SyncStore::addFlag(const Uuid &id, const QString &kind, const Uuid &opId, const Uuid &member,
                          std::optional<qint64> balance, qint64 atMs, qint64 nowMs)
{
    const QString sql =
        QStringLiteral("INSERT OR IGNORE INTO sync_flags(id, kind, op_id, member, balance, at, received_at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bindAll(id.isNull() ? QByteArray() : id.bytes(), kind, opId.isNull() ? QByteArray() : opId.bytes(),
               member.isNull() ? QByteArray() : member.bytes(), balance, atMs, nowMs);
    return st.run("sync_flags.add");
}

// ---- synced balance ----

Status SyncStore::refreshSyncedBalance(qint64 memberLocalId)
{
    // Entries of operations still in the outbox are what the server does not have yet; a merged alias's
    // pending operations count for the member it lives on. INDEXED BY: with statistics from a small
    // outbox the planner would otherwise scan every pending operation for every member of a page.
    const QString sumSql = QStringLiteral(
        "SELECT COALESCE(SUM(json_extract(e.value, '$.points')), 0)"
        " FROM outbox o INDEXED BY outbox_pending_entity, json_each(o.payload, '$.entries') e"
        " WHERE o.status = 'pending' AND o.entity IN (SELECT id FROM members WHERE local_id = ?1 UNION ALL"
        " SELECT a.id FROM members a WHERE a.merged_into = (SELECT id FROM members WHERE local_id = ?1))");
    CP_TRY_ASSIGN(auto sum, statement(m_db, sumSql));
    sum.bind(1, memberLocalId);
    CP_TRY_ASSIGN(auto pending, sum.optionalScalar("outbox.pendingPoints"));
    const QString sql =
        QStringLiteral("UPDATE members SET synced_balance = balance - ?2 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, memberLocalId).bind(2, pending.value_or(0));
    return st.run("members.refreshSyncedBalance");
}

Status SyncStore::refreshSyncedBalances(const QSet<qint64> &memberLocalIds)
{
    if (memberLocalIds.isEmpty())
        return {};
    CP_TRY_ASSIGN(auto pending, pendingCount());
    if (pending == 0) {
        // Nothing on its way (a bootstrap, a till that just pushed everything): the server has it all.
        for (const qint64 id : memberLocalIds) {
            const QString sql =
                QStringLiteral("UPDATE members SET synced_balance = balance WHERE local_id = ?1");
            CP_TRY_ASSIGN(auto st, statement(m_db, sql));
            st.bind(1, id);
            CP_TRY(st.run("members.syncedBalance"));
        }
        return {};
    }
    for (const qint64 id : memberLocalIds)
        CP_TRY(refreshSyncedBalance(id));
    return {};
}

Result<std::optional<qint64>> SyncStore::syncedBalance(qint64 memberLocalId)
{
    const QString sql = QStringLiteral("SELECT synced_balance FROM members WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, memberLocalId);
    return st.optionalScalar("members.syncedBalance");
}

// ---- for the app ----

Status SyncStore::stampFieldHlc(const Uuid &member, const QStringList &fields, const QString &hlc)
{
    if (fields.isEmpty() || hlc.isEmpty())
        return {};
    CP_TRY_ASSIGN(QJsonObject hlcs, fieldStamps(member));
    for (const QString &field : fields)
        hlcs.insert(field, hlc);
    CP_TRY_ASSIGN(auto st,
                  statement(m_db, QStringLiteral("UPDATE members SET field_hlc = ?2 WHERE id = ?1")));
    st.bind(1, member.bytes()).bindUtf8(2, compact(hlcs));
    return st.run("members.stampFieldHlc");
}

Result<QMap<qint64, QByteArray>> SyncStore::chainKeys()
{
    CP_TRY_ASSIGN(auto st,
                  statement(m_db, QStringLiteral("SELECT kid, wrapped FROM chain_keys ORDER BY kid")));
    CP_TRY_ASSIGN(
        const auto rows,
        st.all([](const Statement &row) { return std::pair(row.int64(0), row.blob(1)); }, "chainKeys.all"));
    QMap<qint64, QByteArray> out;
    for (const auto &[kid, sealed] : rows)
        out.insert(kid, sealed);
    return out;
}

Status SyncStore::addChainKey(qint64 kid, const QByteArray &sealed, qint64 nowMs)
{
    CP_TRY_ASSIGN(auto st,
                  statement(m_db, QStringLiteral("INSERT INTO chain_keys (kid, wrapped, received_at) "
                                                 "VALUES (?1, ?2, ?3)")));
    st.bind(1, kid).bind(2, sealed).bind(3, nowMs);
    return st.run("chainKeys.add");
}

Result<QJsonObject> SyncStore::fieldStamps(const Uuid &member)
{
    return fieldHlcs(m_db, QStringLiteral("SELECT field_hlc FROM members WHERE id = ?1"), member.bytes());
}

Result<bool> SyncStore::hasMembers()
{
    CP_TRY_ASSIGN(auto st, statement(m_db, QStringLiteral("SELECT EXISTS(SELECT 1 FROM members)")));
    CP_TRY_ASSIGN(auto v, st.optionalScalar("members.exist"));
    return v.value_or(0) != 0;
}

Result<QList<SyncFlagRow>> SyncStore::flags(bool unseenOnly, int limit)
{
    CP_TRY_ASSIGN(
        auto st,
        statement(
            m_db,
            unseenOnly
                ? QStringLiteral("SELECT local_id, kind, op_id, member, balance, at, received_at, seen_at"
                                 " FROM sync_flags WHERE seen_at IS NULL ORDER BY local_id DESC LIMIT ?1")
                : QStringLiteral("SELECT local_id, kind, op_id, member, balance, at, received_at, seen_at"
                                 " FROM sync_flags ORDER BY local_id DESC LIMIT ?1")));
    st.bind(1, limit);
    return st.all(readFlag, "sync_flags.list");
}

Result<qint64> SyncStore::unseenFlagCount()
{
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM sync_flags WHERE seen_at IS NULL");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    CP_TRY_ASSIGN(auto v, st.optionalScalar("sync_flags.count"));
    return v.value_or(0);
}

Status SyncStore::markFlagsSeen(qint64 nowMs)
{
    const QString sql = QStringLiteral("UPDATE sync_flags SET seen_at = ?1 WHERE seen_at IS NULL");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, nowMs);
    return st.run("sync_flags.seen");
}

Status SyncStore::rewriteForEnrolment(const QString &oldStore, const QString &newStore,
                                      const QString &oldTerminal, const QString &newTerminal)
{
    const QString sql = QStringLiteral("UPDATE outbox SET payload = json_set(payload, '$.store', ?1, "
                                       "'$.terminal', ?2) WHERE status = 'pending'");
    CP_TRY_ASSIGN(auto st, statement(m_db, sql));
    st.bind(1, newStore).bind(2, newTerminal);
    CP_TRY(st.run("outbox.rewriteForEnrolment"));
    // Their clock stamps name the provisional terminal too, and the server refuses a stamp naming another
    // terminal than the one that signs (hlc_terminal): "<ms>-<counter>-" keeps, the terminal changes.
    const QString hlcSql =
        QStringLiteral("UPDATE outbox SET payload = json_set(payload, '$.hlc', substr(json_extract(payload, "
                       "'$.hlc'), 1, 19) || ?1)"
                       " WHERE status = 'pending' AND length(json_extract(payload, '$.hlc')) > 19");
    CP_TRY_ASSIGN(auto hlc, statement(m_db, hlcSql));
    hlc.bind(1, newTerminal);
    CP_TRY(hlc.run("outbox.rewriteStampsForEnrolment"));
    // The fields those operations wrote carry the same stamps (a till re-sealing a field restates its
    // stamp: docs/security.md, "Keys for a chain").
    const QString fieldSql = QStringLiteral(
        "UPDATE members SET field_hlc = (SELECT json_group_object(key, CASE WHEN substr(value, 20) = ?1 "
        "THEN substr(value, 1, 19) || ?2 ELSE value END) FROM json_each(members.field_hlc)) "
        "WHERE field_hlc <> '{}' AND instr(field_hlc, ?1) > 0");
    if (!oldTerminal.isEmpty()) {
        CP_TRY_ASSIGN(auto fields, statement(m_db, fieldSql));
        fields.bind(1, oldTerminal).bind(2, newTerminal);
        CP_TRY(fields.run("members.rewriteStampsForEnrolment"));
    }
    if (oldStore == newStore)
        return {};
    // What the till did under the old store id: its purchases, the entries it made and the members it
    // registered (the server files them under the store the operations now name).
    for (const char *table : {"purchases", "ledger", "members"}) {
        const QString move =
            QStringLiteral("UPDATE %1 SET store_id = ?2 WHERE store_id = ?1").arg(QLatin1String(table));
        CP_TRY_ASSIGN(auto moved, statement(m_db, move));
        moved.bind(1, oldStore).bind(2, newStore);
        CP_TRY(moved.run("rewriteForEnrolment"));
    }
    return {};
}

} // namespace counterpart
