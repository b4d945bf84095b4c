// Push: applying the tills' operations exactly once (docs/sync-protocol.md, "Push", "Merges").
//
// A push is one transaction. It first claims every opId of the batch in applied_ops (INSERT ... ON
// CONFLICT DO NOTHING: a second server applying the same op waits for the first to commit, then sees the
// claim and answers `duplicate`). An op is rejected only before it writes anything, and its rejection is
// recorded, so a retry is a `duplicate` of the rejection. The answer is sent only after the commit, so
// "applied" always means durable, and a failed commit leaves nothing behind (the till sends again).
//
// Every op that touches a member locks that member's row first (PostgreSQL: SELECT ... FOR UPDATE),
// so once-per-member gifts, balances and last-writer-wins fields are decided one op at a time per
// member, whichever server process runs it.

#include "core/Loyalty.h"
#include "core/LoyaltyRules.h"
#include "core/Uuid.h"
#include "server/ChangeLog.h"
#include "server/Log.h"
#include "server/ServerStore.h"
#include "sync/protocol/Hlc.h"

#include <QElapsedTimer>
#include <QJsonArray>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

struct Rejection {
    QString reason;
    QString message;
};

struct OpOutcome {
    std::optional<Rejection> rejected;
    QStringList flags;
    QString mergedInto;
};

bool hlcNewer(const QString &candidate, const QString &stored)
{
    if (stored.isEmpty())
        return true;
    const Hlc a = Hlc::parse(candidate);
    const Hlc b = Hlc::parse(stored);
    if (b.isNull())
        return true;
    return b < a;
}

QJsonObject entryData(const WireEntry &e)
{
    QJsonObject o;
    if (!e.rulesVersion.isEmpty())
        o.insert(QStringLiteral("rulesVersion"), e.rulesVersion);
    if (!e.reward.isEmpty())
        o.insert(QStringLiteral("reward"), e.reward);
    if (e.discountMinor)
        o.insert(QStringLiteral("discountMinor"), *e.discountMinor);
    if (!e.reason.isEmpty())
        o.insert(QStringLiteral("reason"), e.reason);
    if (!e.approvedBy.isEmpty())
        o.insert(QStringLiteral("approvedBy"), e.approvedBy);
    if (!e.receipt.isEmpty())
        o.insert(QStringLiteral("receipt"), e.receipt);
    if (!e.birthdayBonus.isEmpty())
        o.insert(QStringLiteral("birthdayBonus"), e.birthdayBonus);
    return o;
}

} // namespace

// Friend of ServerStore: one push, inside ServerStore::write's transaction.
class Apply
{
public:
    Apply(SqlConnection &c, const Clock &clock, const TerminalRecord &terminal)
        : m_c(c)
        , m_clock(clock)
        , m_terminal(terminal)
    {}

    Status run(const PushRequest &request, PushOutcome &out)
    {
        m_log.clear();
        m_now = m_clock.nowMs();
        m_rules.reset();
        out.response = {};
        out.applied = out.duplicates = out.rejected = 0;
        if (m_c.dialect() == SqlDialect::Postgres)
            CP_TRY(lockMembersInOrder(request));

        // Claim every opId of the batch first: an op claimed by an earlier push (or by another server
        // right now, which we then wait for) is a duplicate.
        QStringList ids;
        QStringList kinds;
        QSet<QString> inBatch;
        for (const PushOp &op : request.ops) {
            const QString id = op.opId.toLower();
            if (inBatch.contains(id))
                continue;
            inBatch.insert(id);
            ids << id;
            kinds << op.op.left(32);
        }
        auto claimed = claim(ids, kinds);
        if (!claimed)
            return claimed.error();
        QStringList earlierIds;
        for (const QString &id : std::as_const(ids)) {
            if (!claimed->contains(id))
                earlierIds << id;
        }
        auto earlier = earlierResults(earlierIds);
        if (!earlier)
            return earlier.error();

        QList<OpResult> record;
        QSet<QString> done;
        for (const PushOp &op : request.ops) {
            OpResult result;
            result.opId = op.opId.toLower();
            if (done.contains(result.opId) || !claimed->contains(result.opId)) {
                duplicateOf(earlier->value(result.opId), result);
                ++out.duplicates;
                out.response.results.append(result);
                continue;
            }
            done.insert(result.opId);
            const qsizetype mark = m_log.mark();
            auto outcome = applyOne(op);
            if (!outcome)
                return outcome.error();
            if (outcome->rejected) {
                // Every rejection is decided before the op writes anything (checked here through the
                // change log, which every write feeds), so nothing needs undoing but the claim's status.
                if (m_log.mark() != mark)
                    return makeError(ErrorCode::Internal,
                                     QStringLiteral("An operation was rejected after writing."));
                result.status = OpStatus::Rejected;
                result.reason = outcome->rejected->reason;
                result.message = outcome->rejected->message;
                ++out.rejected;
                qCInfo(lcServer).noquote() << "rejected op" << result.opId << op.op.left(32)
                                           << "from terminal" << m_terminal.id << "reason" << result.reason;
            } else {
                result.flags = outcome->flags;
                result.mergedInto = outcome->mergedInto;
                ++out.applied;
            }
            record.append(result);
            out.response.results.append(result);
        }
        CP_TRY(recordResults(record));
        return m_log.commit(m_c);
    }

private:
    // PostgreSQL: a batch locks every member it will touch up front, in id order, so two servers
    // applying batches that share members wait for each other instead of deadlocking (each op would
    // otherwise lock its member whenever it comes up). The ops still lock as they go; a member found
    // only then (a phone registered meanwhile) is rare, and a deadlock is retried like any
    // serialization failure.
    Status lockMembersInOrder(const PushRequest &request)
    {
        QSet<QString> ids;
        QSet<QString> phones;
        for (const PushOp &op : request.ops) {
            if (op.envelopeError)
                continue;
            if (op.op == QLatin1String("member.register")) {
                const QJsonObject m = op.raw.value(QStringLiteral("member")).toObject();
                const QString id = m.value(QStringLiteral("id")).toString().toLower();
                const QString phone = m.value(QStringLiteral("phone")).toString();
                if (isUuidText(id))
                    ids.insert(id);
                if (isE164(phone))
                    phones.insert(phone);
            } else {
                const QString id = op.raw.value(QStringLiteral("member")).toString().toLower();
                if (isUuidText(id))
                    ids.insert(id);
            }
        }
        if (ids.isEmpty() && phones.isEmpty())
            return {};
        auto array = [](const QSet<QString> &values) {
            QStringList list(values.begin(), values.end());
            return QVariant(pgTextArray(list));
        };
        auto related = m_c.query(
            QStringLiteral("SELECT merged_into FROM members WHERE id = ANY($1::text[]) AND "
                           "merged_into IS NOT NULL UNION "
                           "SELECT id FROM members WHERE phone = ANY($2::text[]) AND status = 'active'"),
            {array(ids), array(phones)});
        if (!related)
            return related.error();
        for (qsizetype r = 0; r < related->size(); ++r)
            ids.insert(related->text(r, 0));
        return m_c.exec(
            QStringLiteral("SELECT id FROM members WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE"),
            {array(ids)});
    }

    // Inserts the claims; returns the ids claimed now (the others were claimed before).
    Result<QSet<QString>> claim(const QStringList &ids, const QStringList &kinds)
    {
        QSet<QString> claimed;
        if (m_c.dialect() == SqlDialect::Postgres) {
            auto rows = m_c.query(
                QStringLiteral("INSERT INTO applied_ops (op_id, terminal, kind, status, result, at) "
                               "SELECT u.id, $3, u.kind, 'applied', '{}', $4 "
                               "FROM unnest($1::text[], $2::text[]) AS u(id, kind) "
                               "ON CONFLICT DO NOTHING RETURNING op_id"),
                {pgTextArray(ids), pgTextArray(kinds), m_terminal.id, m_now});
            if (!rows)
                return rows.error();
            for (qsizetype r = 0; r < rows->size(); ++r)
                claimed.insert(rows->text(r, 0));
            return claimed;
        }
        for (qsizetype i = 0; i < ids.size(); ++i) {
            auto rows = m_c.query(
                QStringLiteral("INSERT INTO applied_ops (op_id, terminal, kind, status, result, at) "
                               "VALUES ($1, $2, $3, 'applied', '{}', $4) "
                               "ON CONFLICT DO NOTHING RETURNING op_id"),
                {ids.at(i), m_terminal.id, kinds.at(i), m_now});
            if (!rows)
                return rows.error();
            if (!rows->isEmpty())
                claimed.insert(ids.at(i));
        }
        return claimed;
    }

    Result<QHash<QString, QJsonObject>> earlierResults(const QStringList &ids)
    {
        QHash<QString, QJsonObject> out;
        if (ids.isEmpty())
            return out;
        if (m_c.dialect() == SqlDialect::Postgres) {
            auto rows = m_c.query(
                QStringLiteral("SELECT op_id, result FROM applied_ops WHERE op_id = ANY($1::text[])"),
                {pgTextArray(ids)});
            if (!rows)
                return rows.error();
            for (qsizetype r = 0; r < rows->size(); ++r)
                out.insert(rows->text(r, 0), parseStoredJson(rows->text(r, 1)));
            return out;
        }
        for (const QString &id : ids) {
            auto rows = m_c.query(QStringLiteral("SELECT result FROM applied_ops WHERE op_id = $1"), {id});
            if (!rows)
                return rows.error();
            if (!rows->isEmpty())
                out.insert(id, parseStoredJson(rows->text(0, 0)));
        }
        return out;
    }

    // A duplicate answers with what the first answer said (reason, flags, mergedInto), so a till that
    // lost the first answer still learns that its op was rejected, or merged.
    static void duplicateOf(const QJsonObject &first, OpResult &result)
    {
        result.status = OpStatus::Duplicate;
        auto parsed = OpResult::fromJsonObject(first, {});
        if (!parsed)
            return; // within the same batch: the first copy's answer is right before this one
        result.reason = parsed->reason;
        result.message = parsed->message;
        result.flags = parsed->flags;
        result.mergedInto = parsed->mergedInto;
    }

    Status recordResults(const QList<OpResult> &results)
    {
        auto statusText = [](const OpResult &r) {
            return r.status == OpStatus::Rejected ? QStringLiteral("rejected") : QStringLiteral("applied");
        };
        if (m_c.dialect() == SqlDialect::Postgres) {
            if (results.isEmpty())
                return {};
            QStringList ids, statuses, reasons, texts;
            for (const OpResult &r : results) {
                ids << r.opId;
                statuses << statusText(r);
                reasons << r.reason;
                texts << QString::fromUtf8(compactJson(r.toJsonObject()));
            }
            return m_c.exec(
                QStringLiteral("UPDATE applied_ops a SET status = u.status, reason = NULLIF(u.reason, ''), "
                               "result = u.result FROM unnest($1::text[], $2::text[], $3::text[], "
                               "$4::text[]) AS u(id, status, reason, result) WHERE a.op_id = u.id"),
                {pgTextArray(ids), pgTextArray(statuses), pgTextArray(reasons), pgTextArray(texts)});
        }
        for (const OpResult &r : results) {
            CP_TRY(
                m_c.exec(QStringLiteral(
                             "UPDATE applied_ops SET status = $2, reason = $3, result = $4 WHERE op_id = $1"),
                         {r.opId, statusText(r), r.reason.isEmpty() ? QVariant() : QVariant(r.reason),
                          QString::fromUtf8(compactJson(r.toJsonObject()))}));
        }
        return {};
    }

    static Result<OpOutcome> reject(const QString &reason, const QString &message)
    {
        OpOutcome o;
        o.rejected = Rejection{reason, message};
        return o;
    }

    const LoyaltyRules &rules()
    {
        if (!m_rules) {
            auto rows = m_c.query(QStringLiteral("SELECT document FROM rules WHERE active = 1"));
            if (rows && !rows->isEmpty()) {
                auto parsed = LoyaltyRules::fromJson(rows->text(0, 0).toUtf8());
                if (parsed)
                    m_rules = parsed.value();
            }
            if (!m_rules)
                m_rules = LoyaltyRules::defaults();
        }
        return *m_rules;
    }

    // The member an op is about, locked; an alias resolves to the member it was merged into.
    Result<std::optional<MemberRow>> target(const QString &id)
    {
        QString current = id;
        for (int hop = 0; hop < 4; ++hop) {
            auto m = readMember(m_c, current, true);
            if (!m || !m->has_value() || m->value().status != QLatin1String("merged") ||
                m->value().mergedInto.isEmpty())
                return m;
            current = m->value().mergedInto;
        }
        return makeError(ErrorCode::Internal, QStringLiteral("A chain of merged members is too long."));
    }

    Result<OpOutcome> applyOne(const PushOp &op)
    {
        if (op.envelopeError)
            return reject(reason::Invalid, op.envelopeError->message);
        if (op.terminal != m_terminal.id)
            return reject(reason::WrongTerminal,
                          QStringLiteral("The operation names another terminal than the one "
                                         "that sent it."));
        if (op.store != m_terminal.store)
            return reject(reason::WrongTerminal,
                          QStringLiteral("The operation names store %1, but this terminal belongs to %2.")
                              .arg(op.store, m_terminal.store));
        auto parsed = parseOp(op.raw, QStringLiteral("op"));
        if (!parsed)
            return reject(reason::Invalid, parsed.error().message);
        const ParsedOp &p = parsed.value();
        switch (p.kind) {
        case OpKind::MemberRegister:
            return registerMember(p);
        case OpKind::MemberUpdate:
            return updateMember(p, op.raw);
        default:
            break;
        }
        auto m = target(p.member);
        if (!m)
            return m.error();
        if (!m->has_value())
            return reject(reason::UnknownMember,
                          QStringLiteral("The server does not know member %1.").arg(p.member));
        MemberRow member = m->value();
        OpOutcome outcome;
        QString purchaseId;
        switch (p.kind) {
        case OpKind::Earn: {
            const WirePurchase &pur = *p.purchase;
            purchaseId = pur.id;
            // One look: this purchase already here (another op carried it), or its receipt taken by another.
            auto existing = m_c.query(QStringLiteral("SELECT id FROM purchases WHERE id = $1 OR "
                                                     "(store = $2 AND receipt = $3 AND voided = 0)"),
                                      {pur.id, p.store, pur.receipt});
            if (!existing)
                return existing.error();
            bool known = false;
            for (qsizetype r = 0; r < existing->size(); ++r)
                known |= existing->text(r, 0) == pur.id;
            if (!known) {
                if (!existing->isEmpty())
                    return reject(
                        reason::ReceiptTaken,
                        QStringLiteral("Receipt %1 at %2 already earned points for another purchase.")
                            .arg(pur.receipt, p.store));
                CP_TRY(m_c.exec(
                    QStringLiteral("INSERT INTO purchases (id, store, receipt, member, amount, eligible, "
                                   "currency, at, terminal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"),
                    {pur.id, p.store, pur.receipt, member.id, pur.amountMinor, pur.eligibleMinor,
                     pur.currency, pur.at, p.terminal}));
                m_log.purchase(pur.id);
            }
            break;
        }
        case OpKind::Refund: {
            const WireRefund &refund = *p.refund;
            purchaseId = refund.purchase;
            auto pur = m_c.query(QStringLiteral("SELECT amount, refunded FROM purchases WHERE id = $1") +
                                     m_c.forUpdate(),
                                 {refund.purchase});
            if (!pur)
                return pur.error();
            if (pur->isEmpty())
                return reject(reason::UnknownPurchase,
                              QStringLiteral("The server does not know purchase %1.").arg(refund.purchase));
            auto inserted = m_c.query(
                QStringLiteral("INSERT INTO refunds (id, purchase, amount, at, terminal, op_id) "
                               "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id"),
                {refund.id, refund.purchase, refund.amountMinor, refund.at, p.terminal, p.opId});
            if (!inserted)
                return inserted.error();
            if (!inserted->isEmpty()) {
                const qint64 refunded = std::min(pur->int64(0, 0), pur->int64(0, 1) + refund.amountMinor);
                CP_TRY(m_c.exec(QStringLiteral("UPDATE purchases SET refunded = $2 WHERE id = $1"),
                                {refund.purchase, refunded}));
                m_log.purchase(refund.purchase);
            }
            break;
        }
        case OpKind::Void:
            if (!p.voidedPurchase.isEmpty()) {
                purchaseId = p.voidedPurchase;
                auto voided = m_c.query(
                    QStringLiteral(
                        "UPDATE purchases SET voided = 1 WHERE id = $1 AND voided = 0 RETURNING id"),
                    {p.voidedPurchase});
                if (!voided)
                    return voided.error();
                if (!voided->isEmpty())
                    m_log.purchase(p.voidedPurchase);
            }
            break;
        default:
            break;
        }
        QStringList gifts;
        auto delta = insertEntries(p, member.id, purchaseId, &gifts);
        if (!delta)
            return delta.error();
        auto corrected = takeBackRepeatedGifts(p, member.id, gifts, p.member);
        if (!corrected)
            return corrected.error();
        auto balance = moveBalance(member.id, delta.value() + corrected.value());
        if (!balance)
            return balance.error();
        if (p.tierChange) {
            auto changed = applyTier(member, *p.tierChange, p);
            if (!changed)
                return changed.error();
        }
        if (p.kind == OpKind::Redeem && balance.value() < 0) {
            // The goods are gone: the redemption stands, and the manager is told.
            CP_TRY(flag(QStringLiteral("overdraw"), member.id, p, balance.value()));
            outcome.flags << QStringLiteral("overdraw");
        }
        return outcome;
    }

    // Inserts the op's entries by id (a repeated id is ignored: never counted twice) against `member`.
    // Returns the sum of the points of the entries that were new.
    Result<qint64> insertEntries(const ParsedOp &p, const QString &member, const QString &purchase,
                                 QStringList *newGiftIds = nullptr)
    {
        qint64 delta = 0;
        for (const WireEntry &e : p.entries) {
            auto inserted = m_c.query(
                QStringLiteral(
                    "INSERT INTO entries (id, member, kind, points, at, expires_at, terminal, store, op_id, "
                    "purchase, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
                    "ON CONFLICT DO NOTHING RETURNING id"),
                {e.id, member, e.kind, e.points, e.at, e.expiresAt ? QVariant(*e.expiresAt) : QVariant(),
                 p.terminal, p.store, p.opId, purchase.isEmpty() ? QVariant() : QVariant(purchase),
                 QString::fromUtf8(compactJson(entryData(e)))});
            if (!inserted)
                return inserted.error();
            if (inserted->isEmpty())
                continue;
            delta += e.points;
            EntryChange change;
            change.entry = e;
            change.member = member;
            change.terminal = p.terminal;
            change.store = p.store;
            change.purchase = purchase;
            m_log.entry(e.id, change.toJsonObject());
            if (newGiftIds &&
                (e.kind == QLatin1String("welcome_gift") || e.kind == QLatin1String("first_purchase_gift")))
                newGiftIds->append(e.id);
        }
        return delta;
    }

    // One welcome gift and one first-purchase gift per person. Tills that did not know of each other (the
    // same phone registered offline at two of them) may each have granted them; the member that stays
    // keeps the gifts the server saw first, and each later one (of `from`, now part of `member`) is taken
    // back with a merge correction. A gift whose purchase was voided does not count.
    // Returns the sum of the corrections' points (zero or negative).
    Result<qint64> takeBackRepeatedGifts(const ParsedOp &p, const QString &member, const QStringList &giftIds,
                                         const QString &from)
    {
        qint64 total = 0;
        SystemClock wall;
        for (const QString &giftId : giftIds) {
            const WireEntry *gift = nullptr;
            for (const WireEntry &e : p.entries) {
                if (e.id == giftId)
                    gift = &e;
            }
            if (!gift)
                continue;
            auto had = m_c.query(
                QStringLiteral("SELECT COUNT(*) FROM entries e LEFT JOIN purchases pu ON pu.id = e.purchase "
                               "WHERE e.member = $1 AND e.kind = $2 AND e.id <> $3 "
                               "AND (e.op_id IS NULL OR e.op_id <> $4) AND COALESCE(pu.voided, 0) = 0"),
                {member, gift->kind, gift->id, p.opId});
            if (!had)
                return had.error();
            if (had->int64(0, 0) == 0)
                continue;
            WireEntry correction;
            correction.id = Uuid::createV7(wall).toString();
            correction.kind = QStringLiteral("merge_correction");
            correction.points = -gift->points;
            correction.at = m_now;
            correction.reason =
                QStringLiteral("merge: %1 %2 of %3 taken back").arg(gift->kind, gift->id, from);
            CP_TRY(m_c.exec(QStringLiteral("INSERT INTO entries (id, member, kind, points, at, op_id, data) "
                                           "VALUES ($1, $2, $3, $4, $5, $6, $7)"),
                            {correction.id, member, correction.kind, correction.points, correction.at, p.opId,
                             QString::fromUtf8(compactJson(entryData(correction)))}));
            EntryChange change;
            change.entry = correction;
            change.member = member;
            m_log.entry(correction.id, change.toJsonObject());
            total += correction.points;
        }
        return total;
    }

    Result<qint64> moveBalance(const QString &member, qint64 delta)
    {
        auto rows = m_c.query(
            QStringLiteral("UPDATE members SET balance = balance + $2 WHERE id = $1 RETURNING balance"),
            {member, delta});
        if (!rows)
            return rows.error();
        if (rows->isEmpty())
            return makeError(ErrorCode::Internal, QStringLiteral("The member disappeared."));
        return rows->int64(0, 0);
    }

    Status flag(const QString &kind, const QString &member, const ParsedOp &p, qint64 balance)
    {
        SystemClock wall;
        FlagChange f;
        f.id = Uuid::createV7(wall).toString();
        f.kind = kind;
        f.member = member;
        f.opId = p.opId;
        f.terminal = p.terminal;
        f.balance = balance;
        f.at = m_now;
        CP_TRY(m_c.exec(QStringLiteral("INSERT INTO flags (id, kind, member, op_id, terminal, balance, at) "
                                       "VALUES ($1, $2, $3, $4, $5, $6, $7)"),
                        {f.id, f.kind, f.member, f.opId, f.terminal, f.balance, f.at}));
        m_log.add(ChangeType::Flag, QJsonObject{{QStringLiteral("id"), f.id},
                                                {QStringLiteral("kind"), f.kind},
                                                {QStringLiteral("member"), f.member},
                                                {QStringLiteral("opId"), f.opId},
                                                {QStringLiteral("terminal"), f.terminal},
                                                {QStringLiteral("balance"), f.balance},
                                                {QStringLiteral("at"), f.at}});
        qCInfo(lcServer).noquote() << "flagged" << kind << "op" << p.opId << "terminal" << p.terminal;
        return {};
    }

    // Upgrades always apply (the highest tier wins); a downgrade applies when its HLC is newer than the
    // tier's. Returns whether the tier changed.
    Result<bool> applyTier(MemberRow &member, const WireTierChange &tc, const ParsedOp &p)
    {
        auto inserted =
            m_c.query(QStringLiteral("INSERT INTO tier_changes (id, member, from_tier, to_tier, reason, hlc, "
                                     "applied, op_id) VALUES ($1, $2, $3, $4, $5, $6, 0, $7) "
                                     "ON CONFLICT DO NOTHING RETURNING id"),
                      {tc.id, member.id, tc.from, tc.to, tc.reason, p.hlc, p.opId});
        if (!inserted)
            return inserted.error();
        if (inserted->isEmpty() || tc.to == member.tier)
            return false;
        const int rankTo = tierRank(rules(), tc.to);
        const int rankNow = tierRank(rules(), member.tier);
        const bool upgrade = rankTo > rankNow;
        if (!upgrade && !hlcNewer(p.hlc, member.tierHlc))
            return false;
        const QString hlc = hlcNewer(p.hlc, member.tierHlc) ? p.hlc : member.tierHlc;
        CP_TRY(m_c.exec(
            QStringLiteral("UPDATE members SET tier = $2, tier_since = $3, tier_hlc = $4 WHERE id = $1"),
            {member.id, tc.to, p.at, hlc}));
        CP_TRY(m_c.exec(QStringLiteral("UPDATE tier_changes SET applied = 1 WHERE id = $1"), {tc.id}));
        member.tier = tc.to;
        member.tierHlc = hlc;
        m_log.member(member.id);
        return true;
    }

    Result<OpOutcome> registerMember(const ParsedOp &p)
    {
        const MemberProfile &profile = *p.profile;
        OpOutcome outcome;
        auto existing = readMember(m_c, profile.id, true);
        if (!existing)
            return existing.error();
        if (existing->has_value()) {
            // Registered before under another op id (a till re-sent it): only entries can be new.
            auto t = target(profile.id);
            if (!t)
                return t.error();
            const QString into = t->has_value() ? t->value().id : profile.id;
            auto delta = insertEntries(p, into, {});
            if (!delta)
                return delta.error();
            auto balance = moveBalance(into, delta.value());
            if (!balance)
                return balance.error();
            if (into != profile.id)
                outcome.mergedInto = into;
            return outcome;
        }
        auto holderRows = m_c.query(
            QStringLiteral("SELECT id FROM members WHERE phone = $1 AND status = 'active'") + m_c.forUpdate(),
            {profile.phone});
        if (!holderRows)
            return holderRows.error();
        QString code = profile.code;
        auto codeRows = m_c.query(QStringLiteral("SELECT id FROM members WHERE code = $1"), {code});
        if (!codeRows)
            return codeRows.error();
        if (!codeRows->isEmpty()) {
            // Codes made before enrolment can collide. The member is kept (their points are real); the
            // till keeps finding them by id, and the manager is told.
            code.clear();
            outcome.flags << QStringLiteral("code_taken");
        }
        QJsonObject fields = profile.fields.toJsonObject();
        QJsonObject fieldHlc;
        for (auto it = fields.begin(); it != fields.end(); ++it)
            fieldHlc.insert(it.key(), p.hlc);
        const bool alias = !holderRows->isEmpty();
        const QString into = alias ? holderRows->text(0, 0) : QString();
        CP_TRY(m_c.exec(
            QStringLiteral(
                "INSERT INTO members (id, code, phone, status, merged_into, profile, field_hlc, tier, "
                "tier_since, tier_hlc, channel, store, terminal, created_at, balance) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0)"),
            {profile.id, code.isEmpty() ? QVariant() : QVariant(code), profile.phone,
             alias ? QStringLiteral("merged") : QStringLiteral("active"), alias ? QVariant(into) : QVariant(),
             QString::fromUtf8(compactJson(fields)), QString::fromUtf8(compactJson(fieldHlc)), profile.tier,
             profile.createdAt, p.hlc, profile.channel, p.store, p.terminal, profile.createdAt}));
        m_log.member(profile.id);
        if (!alias) {
            auto delta = insertEntries(p, profile.id, {});
            if (!delta)
                return delta.error();
            auto balance = moveBalance(profile.id, delta.value());
            if (!balance)
                return balance.error();
            return outcome;
        }

        // The same phone was registered first elsewhere: this member becomes an alias of that one.
        auto intoRow = readMember(m_c, into, true);
        if (!intoRow)
            return intoRow.error();
        m_log.member(into);
        QStringList gifts;
        auto delta = insertEntries(p, into, {}, &gifts);
        if (!delta)
            return delta.error();
        qint64 total = delta.value();
        auto corrected = takeBackRepeatedGifts(p, into, gifts, profile.id);
        if (!corrected)
            return corrected.error();
        total += corrected.value();
        auto balance = moveBalance(into, total);
        if (!balance)
            return balance.error();
        m_log.add(ChangeType::Merge,
                  QJsonObject{{QStringLiteral("from"), profile.id}, {QStringLiteral("into"), into}});
        qCInfo(lcServer).noquote() << "merged member" << profile.id << "into" << into << "op" << p.opId;
        outcome.mergedInto = into;
        return outcome;
    }

    Result<OpOutcome> updateMember(const ParsedOp &p, const QJsonObject &raw)
    {
        auto m = target(p.member);
        if (!m)
            return m.error();
        if (!m->has_value())
            return reject(reason::UnknownMember,
                          QStringLiteral("The server does not know member %1.").arg(p.member));
        MemberRow member = m->value();
        const QJsonObject sent = raw.value(QStringLiteral("fields")).toObject();
        bool changed = false;
        for (auto it = sent.begin(); it != sent.end(); ++it) {
            // Last writer wins per field, by HLC; the terminal id inside the HLC breaks ties.
            if (!hlcNewer(p.hlc, member.fieldHlc.value(it.key()).toString()))
                continue;
            member.profile.insert(it.key(), it.value());
            member.fieldHlc.insert(it.key(), p.hlc);
            changed = true;
        }
        if (changed) {
            CP_TRY(m_c.exec(QStringLiteral("UPDATE members SET profile = $2, field_hlc = $3 WHERE id = $1"),
                            {member.id, QString::fromUtf8(compactJson(member.profile)),
                             QString::fromUtf8(compactJson(member.fieldHlc))}));
            m_log.member(member.id);
        }
        return OpOutcome{};
    }

    SqlConnection &m_c;
    const Clock &m_clock;
    const TerminalRecord &m_terminal;
    ChangeLog m_log;
    qint64 m_now = 0;
    std::optional<LoyaltyRules> m_rules;
};

Result<PushOutcome> ServerStore::push(const TerminalRecord &terminal, const PushRequest &request)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    PushOutcome out;
    Apply apply(c, m_clock, terminal);
    QElapsedTimer timer;
    timer.start();
    Status s = write(
        c, [&]() -> Status { return apply.run(request, out); }, &out.attempts);
    if (!s)
        return s.error();
    out.response.serverTime = m_clock.nowMs();
    qCInfo(lcServer).noquote() << "push from terminal" << terminal.id << "ops" << request.ops.size()
                               << "applied" << out.applied << "duplicate" << out.duplicates << "rejected"
                               << out.rejected << "in" << timer.elapsed() << "ms"
                               << (out.attempts > 1 ? QStringLiteral("(retried)") : QString());
    return out;
}

} // namespace counterpart::server
