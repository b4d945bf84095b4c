// The applier of the ops that move points (earn, redeem, adjust, refund, void, tier.change): the checks,
// the entries every kind carries, the gifts a merge takes back, the balance and the flags.

#include "core/Uuid.h"
#include "server/Log.h"
#include "server/apply/Apply.h"

namespace counterpart::server {

using namespace counterpart::sync;

Result<OpOutcome> Apply::applyPoints(const ParsedOp &p, MemberRecord &member)
{
    CP_TRY_ASSIGN(const std::optional<Rejection> refused, checkPoints(p, member));
    if (refused)
        return reject(refused->reason, refused->message);
    CP_TRY_ASSIGN(const Touched touched, touchPurchase(p, member));
    if (touched.rejected)
        return reject(touched.rejected->reason, touched.rejected->message);
    return credit(p, member, touched.purchase);
}

Result<std::optional<Rejection>> Apply::checkPoints(const ParsedOp &p, const MemberRecord &member)
{
    // A void or refund touches only its own store's purchase of its own member (TerminalTrust).
    const QString actedOn = p.kind == OpKind::Refund ? p.refund->purchase
                            : p.kind == OpKind::Void ? p.voidedPurchase
                                                     : QString();
    if (!actedOn.isEmpty()) {
        auto refused = checkPurchaseOwner(m_c, actedOn, p.store, member.id);
        if (!refused || refused->has_value())
            return refused;
    }
    // Points and tier upgrades only as the rules and the server's records give them (PointsCheck).
    if (auto refused = m_points->check(p, member); !refused || refused->has_value())
        return refused;
    return m_points->checkTier(p, member, m_now);
}

// The op's entries against `member`, the gifts it may not keep taken back, its balance moved, its tier
// change applied, and the manager told (flags).
Result<OpOutcome> Apply::credit(const ParsedOp &p, MemberRecord &member, const QString &purchaseId)
{
    OpOutcome outcome;
    QStringList gifts;
    CP_TRY_ASSIGN(const qint64 delta, insertEntries(p, member.id, purchaseId, &gifts));
    CP_TRY_ASSIGN(const qint64 corrected, takeBackRepeatedGifts(p, member.id, gifts, p.member));
    CP_TRY_ASSIGN(outcome.balance, m_facts.moveBalance(member.id, delta + corrected));
    if (p.tierChange)
        CP_TRY(applyTier(member, *p.tierChange, p));
    if (p.kind == OpKind::Redeem && outcome.balance < 0) {
        // The goods are gone: the redemption stands, and the manager is told.
        CP_TRY(flag(QStringLiteral("overdraw"), member.id, p, outcome.balance));
        outcome.flags << QStringLiteral("overdraw");
    }
    for (const QString &kind : m_points->flagsFor(p)) { // for head office: adjustments
        CP_TRY(flag(kind, member.id, p, outcome.balance));
        outcome.flags << kind;
    }
    return outcome;
}

// Inserts the op's entries by id (a repeated id is ignored: never counted twice) against `member`.
// Returns the sum of the points of the entries that were new.
Result<qint64> Apply::insertEntries(const ParsedOp &p, const QString &member, const QString &purchase,
                                    QStringList *newGiftIds)
{
    qint64 delta = 0;
    for (const WireEntry &e : p.entries) {
        CP_TRY_ASSIGN(const bool known, m_facts.entryKnown(e.id));
        if (known)
            continue;
        m_facts.queueEntry({e.id, member, e.kind, e.points, e.at, e.expiresAt, p.terminal, p.store, p.opId,
                            purchase, QString::fromUtf8(compactJson(e.detailsJsonObject()))});
        delta += e.points;
        EntryChange change;
        change.entry = e;
        change.member = member;
        change.terminal = p.terminal;
        change.store = p.store;
        change.purchase = purchase;
        m_log.entry(e.id, change.toJsonObject());
        if (newGiftIds && BatchFacts::isGiftKind(e.kind))
            newGiftIds->append(e.id);
    }
    return delta;
}

// One welcome gift and one first-purchase gift per person. Tills that did not know of each other (the
// same phone registered offline at two of them) may each have granted them; the member that stays
// keeps the gifts the server saw first, and each later one (of `from`, now part of `member`) is taken
// back with a merge correction. A gift whose purchase was voided does not count.
// Returns the sum of the corrections' points (zero or negative).
Result<qint64> Apply::takeBackRepeatedGifts(const ParsedOp &p, const QString &member,
                                            const QStringList &giftIds, const QString &from)
{
    qint64 total = 0;
    for (const QString &giftId : giftIds) {
        const WireEntry *gift = nullptr;
        for (const WireEntry &e : p.entries) {
            if (e.id == giftId)
                gift = &e;
        }
        if (!gift)
            continue;
        CP_TRY_ASSIGN(const QList<BatchFacts::GiftEntry> had, m_facts.giftsOf(member));
        // Another gift of the kind that counts: not this one, not of this op, its purchase not voided.
        const bool before = std::any_of(had.cbegin(), had.cend(), [&](const BatchFacts::GiftEntry &g) {
            return g.kind == gift->kind && g.id != gift->id && g.opId != p.opId && !g.voided;
        });
        if (!before)
            continue;
        WireEntry correction;
        correction.id = Uuid::createV7(m_clock).toString();
        correction.kind = QStringLiteral("merge_correction");
        correction.points = -gift->points;
        correction.at = m_now;
        correction.reason = QStringLiteral("merge: %1 %2 of %3 taken back").arg(gift->kind, gift->id, from);
        m_facts.queueEntry({correction.id, member, correction.kind, correction.points, correction.at,
                            std::nullopt, QString(), QString(), p.opId, QString(),
                            QString::fromUtf8(compactJson(correction.detailsJsonObject()))});
        EntryChange change;
        change.entry = correction;
        change.member = member;
        m_log.entry(correction.id, change.toJsonObject());
        total += correction.points;
    }
    return total;
}

Status Apply::flag(const QString &kind, const QString &member, const ParsedOp &p, qint64 balance)
{
    FlagChange f;
    f.id = Uuid::createV7(m_clock).toString();
    f.kind = kind;
    f.member = member;
    f.opId = p.opId;
    f.terminal = p.terminal;
    f.balance = balance;
    f.at = m_now;
    CP_TRY(m_c.exec(QStringLiteral(R"(INSERT INTO flags (id, kind, member, op_id, terminal, balance, at)
        VALUES ($1, $2, $3, $4, $5, $6, $7))"),
                    {f.id, f.kind, f.member, f.opId, f.terminal, f.balance, f.at}));
    m_log.add(ChangeType::Flag, f.toJsonObject());
    qCInfo(lcServer).noquote() << "flagged" << kind << "op" << p.opId << "terminal" << p.terminal;
    return {};
}

} // namespace counterpart::server
