// Earning, redeeming, refunds, adjustments and voids: every points change is a ledger entry written in
// one transaction with its outbox operation and its audit row.

#include "app/PointsService.h"

#include "app/CardSpending.h"
#include "app/TillContext.h"
#include "core/Money.h"
#include "storage/Database.h"
#include "storage/PosStore.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "storage/TillQueries.h"

#include <QJsonObject>
#include <QTimeZone>

namespace counterpart {

namespace {

constexpr int MaxReceiptLength = 64;
constexpr qint64 MaxAdjustPoints = 1'000'000;

LedgerKind giftLedgerKind(GiftKind kind)
{
    switch (kind) {
    case GiftKind::Welcome:
        return LedgerKind::WelcomeGift;
    case GiftKind::FirstPurchase:
        return LedgerKind::FirstPurchaseGift;
    case GiftKind::Birthday:
        return LedgerKind::BirthdayGift;
    }
    return LedgerKind::WelcomeGift;
}

struct EarnPlan {
    MemberRow member;
    EarnOutcome outcome;
    qint64 eligibleMinor = 0;
};

// What a redemption takes: its points and discount, checked against the catalogue, the balance and,
// offline, the cap. Worked out inside redeem()'s transaction.
struct RedeemPlan {
    MemberRow row;
    qint64 points = 0;
    qint64 discount = 0;
    QString rewardId;
    QString holdId; // the POS hold this redemption captures (RedeemRequest::holdId)
};

// A catalogue reward's cost (and its daily limit), or the points taken off the bill.
Status priceRedemption(TillContext &ctx, const RedeemRequest &request, RedeemPlan &plan)
{
    const RedemptionRules &rr = ctx.rules().redemption;
    QString rewardName;
    if (!request.rewardId.isEmpty()) {
        const Reward *reward = ctx.rules().reward(request.rewardId);
        if (!reward)
            return makeError(ErrorCode::NotFound,
                             Till::tr("There is no reward '%1' in the catalogue.").arg(request.rewardId));
        plan.points = qint64(reward->costPoints) * request.quantity;
        rewardName = reward->name.text(ctx.config().language);
        if (reward->limitPerDay > 0) {
            auto used = TillQueries(ctx.db()).redeemedQuantitySince(plan.row.localId, reward->id,
                                                                    ctx.localMidnightMs(ctx.today()));
            if (!used)
                return used.error();
            // The query gives points; a redemption of several counts each one.
            const qint64 usedQuantity = (used.value() + reward->costPoints - 1) / reward->costPoints;
            if (usedQuantity + request.quantity > reward->limitPerDay)
                return makeError(ErrorCode::Refused,
                                 Till::tr("%1 can be redeemed %n time(s) a day per member; that is used "
                                          "up for today.",
                                          nullptr, reward->limitPerDay)
                                     .arg(rewardName));
        }
        plan.rewardId = reward->id;
    } else {
        if (request.discountPoints <= 0)
            return makeError(ErrorCode::InvalidInput,
                             Till::tr("Choose a reward or the points to take off the bill."));
        if (rr.pointsForDiscountStep > 0 && request.discountPoints % rr.pointsForDiscountStep != 0)
            return makeError(
                ErrorCode::InvalidInput,
                Till::tr("Points come off the bill in steps of %1.").arg(rr.pointsForDiscountStep));
        plan.points = request.discountPoints;
        plan.discount = plan.points * rr.pointValueMinor;
        plan.rewardId = QStringLiteral("discount");
    }
    return {};
}

// The member's balance covers it, and an offline till stays within what it may let go.
// Points a POS holds for a sale not yet paid are spent for every other redemption (docs/pos-api.md).
Status checkHeldPoints(TillContext &ctx, const RedeemPlan &plan)
{
    CP_TRY_ASSIGN(const qint64 held,
                  PosStore(ctx.db()).heldPoints(plan.row.localId, ctx.clock().nowMs(), plan.holdId));
    if (held > 0 && plan.points > plan.row.balance - held)
        return makeError(ErrorCode::Refused,
                         Till::tr("This needs %1 points; %2 has %3, but %4 of them are held for a sale at "
                                  "the POS until it is paid or released.")
                             .arg(plan.points)
                             .arg(plan.row.name)
                             .arg(plan.row.balance)
                             .arg(held));
    return {};
}

Status checkRedeemBalance(TillContext &ctx, const RedeemPlan &plan)
{
    const RedemptionRules &rr = ctx.rules().redemption;
    if (plan.row.balance < rr.minimumBalance)
        return makeError(ErrorCode::Refused, Till::tr("%1 has %2 points; rewards start at %3 points.")
                                                 .arg(plan.row.name)
                                                 .arg(plan.row.balance)
                                                 .arg(rr.minimumBalance));
    if (plan.points > plan.row.balance)
        return makeError(ErrorCode::Refused, Till::tr("This needs %1 points; %2 has %3.")
                                                 .arg(plan.points)
                                                 .arg(plan.row.name)
                                                 .arg(plan.row.balance));
    CP_TRY(checkHeldPoints(ctx, plan));
    if (ctx.isOffline()) {
        // Offline, the till cannot know what other tills spent: cap what it lets go.
        auto pending = TillQueries(ctx.db()).pendingRedeemedPoints(plan.row.localId);
        if (!pending)
            return pending.error();
        const qint64 cap = ctx.rules().offline.redemptionCapPoints;
        if (pending.value() + plan.points > cap)
            return makeError(
                ErrorCode::Refused,
                Till::tr("The till is offline: at most %1 points per member can be redeemed until it is back "
                         "online (%2 already used). Try a smaller reward.")
                    .arg(cap)
                    .arg(pending.value()));
        // ...and never more than the server last confirmed, less what was redeemed here since: other
        // tills may have spent the rest.
        auto synced = SyncStore(ctx.db()).syncedBalance(plan.row.localId);
        if (!synced)
            return synced.error();
        if (synced->has_value() && plan.points > synced->value() - pending.value())
            return makeError(
                ErrorCode::Refused,
                Till::tr("The till is offline: %1 can redeem at most %2 points until it is back online "
                         "(the balance the server last confirmed, less what was redeemed here since).")
                    .arg(plan.row.name)
                    .arg(qMax<qint64>(0, synced->value() - pending.value())));
    }
    return {};
}

// The purchase an earn records; a receipt another process took meanwhile is refused.
Result<PurchaseRow> insertPurchase(TillContext &ctx, const EarnRequest &request, const MemberRow &member,
                                   const EarnOutcome &out, qint64 now)
{
    PurchaseRow purchase;
    purchase.id = Uuid::createV7(ctx.clock());
    purchase.storeId = ctx.config().storeId;
    purchase.receipt = request.receipt.trimmed();
    purchase.member = member.localId;
    purchase.amountMinor = request.amountMinor;
    purchase.currency = ctx.config().currency;
    purchase.atMs = now;
    purchase.pointsEarned = out.breakdown.totalPoints;
    if (auto s = PurchaseStore(ctx.db()).insert(purchase); !s) {
        if (s.error().code == ErrorCode::Conflict)
            return makeError(ErrorCode::Conflict,
                             Till::tr("Receipt %1 already earned points. Points are given once per "
                                      "receipt.")
                                 .arg(purchase.receipt));
        return s.error();
    }
    return purchase;
}

// The earn's ledger entries (the points, then each gift, with the gifts and the birthday bonus marked
// as given), as its operation carries them.
Result<QList<sync::WireEntry>> appendEarnEntries(TillContext &ctx, const EarnOutcome &out,
                                                 const MemberRow &member, const PurchaseRow &purchase,
                                                 qint64 now)
{
    const std::optional<qint64> expiresAt =
        ctx.rules().expiry.months > 0 ? std::optional<qint64>(ctx.expiresAtFor(now)) : std::nullopt;
    QList<sync::WireEntry> entries;
    std::optional<qint64> earnEntry;
    if (out.breakdown.totalPoints > 0) {
        LedgerRow entry;
        entry.member = member.localId;
        entry.kind = ledgerKindId(LedgerKind::Earn);
        entry.points = out.breakdown.totalPoints;
        entry.atMs = now;
        entry.expiresAtMs = expiresAt;
        entry.purchase = purchase.localId;
        CP_TRY(ctx.appendEntry(entry));
        sync::WireEntry wire = TillContext::wireEntry(entry);
        if (out.breakdown.birthdayBonusApplied) // so other tills know this period's bonus is spent
            wire.birthdayBonus = out.breakdown.birthdayPeriod;
        entries.append(wire);
        earnEntry = entry.localId;
    }
    GiftStore gifts(ctx.db());
    for (const GiftGrant &gift : std::as_const(out.gifts)) {
        LedgerRow entry;
        entry.member = member.localId;
        entry.kind = ledgerKindId(giftLedgerKind(gift.kind));
        entry.points = gift.points;
        entry.atMs = now;
        entry.expiresAtMs = expiresAt;
        entry.purchase = purchase.localId;
        CP_TRY(ctx.appendEntry(entry));
        auto granted = gifts.grant(member.localId, giftKindId(gift.kind), gift.period, entry.localId, now);
        if (!granted)
            return granted.error();
        if (!granted.value())
            return makeError(ErrorCode::Internal,
                             Till::tr("A gift was about to be given twice; nothing was saved."));
        entries.append(TillContext::wireEntry(entry));
    }
    if (out.breakdown.birthdayBonusApplied) {
        auto marked = gifts.grant(member.localId, QStringLiteral("birthday_bonus"),
                                  out.breakdown.birthdayPeriod, earnEntry, now);
        if (!marked)
            return marked.error();
    }

    return entries;
}

// An earn that lifts the member's tier writes the change with it.
Result<std::optional<sync::WireTierChange>> upgradeTier(TillContext &ctx, const EarnOutcome &out,
                                                        const MemberRow &member, qint64 now)
{
    if (out.tierAfter == out.tierBefore)
        return std::optional<sync::WireTierChange>();
    const Uuid changeId = Uuid::createV7(ctx.clock());
    CP_TRY(MemberStore(ctx.db()).setTier(member.localId, out.tierAfter, now, now));
    CP_TRY(TierChangeStore(ctx.db()).insert(changeId, member.localId, out.tierBefore, out.tierAfter, now,
                                            QStringLiteral("upgrade"), ctx.rules().version));
    return std::optional<sync::WireTierChange>(
        sync::WireTierChange{changeId.toString(), out.tierBefore, out.tierAfter, QStringLiteral("upgrade")});
}

// The request's own checks: a receipt number, an amount, an excluded part within it.
Status checkEarnRequest(const EarnRequest &request)
{
    const QString receipt = request.receipt.trimmed();
    if (receipt.isEmpty())
        return makeError(ErrorCode::InvalidInput, Till::tr("Type the receipt number."));
    if (receipt.size() > MaxReceiptLength)
        return makeError(ErrorCode::InvalidInput, Till::tr("That receipt number is too long."));
    if (request.amountMinor <= 0)
        return makeError(ErrorCode::InvalidInput, Till::tr("The amount must be more than zero."));
    if (request.amountMinor > qint64(100'000'000) * 100)
        return makeError(ErrorCode::InvalidInput, Till::tr("That amount is too large for one receipt."));
    if (request.excludedMinor < 0 || request.excludedMinor > request.amountMinor)
        return makeError(ErrorCode::InvalidInput,
                         Till::tr("The part that earns no points cannot be more than the receipt total."));
    return {};
}

// What the earn rules need to know of the member; `period` is this year's birthday period when today
// is in it.
Result<MemberFacts> memberFacts(TillContext &ctx, const MemberRow &row, QString &period)
{
    const LoyaltyRules &rules = ctx.rules();
    const QDate today = ctx.today();
    MemberFacts facts;
    facts.tierId = row.tier;
    facts.birthMonth = row.birthMonth;
    facts.birthDay = row.birthDay;
    auto hasPurchased = PurchaseStore(ctx.db()).hasPurchases(row.localId);
    if (!hasPurchased)
        return hasPurchased.error();
    facts.hasPurchased = hasPurchased.value();
    if (row.birthMonth && row.birthDay) {
        period = birthdayPeriod(rules.birthday, *row.birthMonth, *row.birthDay, today);
        if (!period.isEmpty()) {
            auto used = GiftStore(ctx.db()).isGranted(row.localId, QStringLiteral("birthday_bonus"), period);
            if (!used)
                return used.error();
            facts.birthdayBonusUsedThisYear = used.value();
        }
    }
    return facts;
}

// The gifts this purchase brings: the first purchase's, and the birthday gift once a period.
Status addPurchaseGifts(TillContext &ctx, const MemberRow &row, const MemberFacts &facts,
                        const QString &period, EarnOutcome &out)
{
    const LoyaltyRules &rules = ctx.rules();
    GiftStore gifts(ctx.db());
    if (!facts.hasPurchased && rules.gifts.firstPurchasePoints > 0) {
        auto granted = gifts.isGranted(row.localId, QStringLiteral("first_purchase"), QStringLiteral("once"));
        if (!granted)
            return granted.error();
        if (!granted.value())
            out.gifts.append(
                GiftGrant{GiftKind::FirstPurchase, rules.gifts.firstPurchasePoints, QStringLiteral("once")});
    }
    if (!period.isEmpty() && rules.birthday.giftPoints > 0) {
        auto granted = gifts.isGranted(row.localId, QStringLiteral("birthday"), period);
        if (!granted)
            return granted.error();
        if (!granted.value())
            out.gifts.append(GiftGrant{GiftKind::Birthday, rules.birthday.giftPoints, period});
    }
    return {};
}

// Works out everything an earn does, without writing. earn() writes exactly this plan.
Result<EarnPlan> planEarn(TillContext &ctx, const EarnRequest &request)
{
    CP_TRY(checkEarnRequest(request));
    auto row = ctx.resolveRow(request.member);
    if (!row)
        return row.error();
    CP_TRY(PointsService::receiptNotEarned(ctx, request.receipt.trimmed()));

    const LoyaltyRules &rules = ctx.rules();
    const qint64 now = ctx.clock().nowMs();
    const QDate today = ctx.today();
    QString period;
    auto facts = memberFacts(ctx, row.value(), period);
    if (!facts)
        return facts.error();

    EarnPlan plan;
    plan.member = row.value();
    plan.eligibleMinor = request.amountMinor - request.excludedMinor;
    EarnOutcome &out = plan.outcome;
    out.breakdown = computeEarn(rules, facts.value(), plan.eligibleMinor, today);
    if (out.breakdown.amountTooLarge)
        return makeError(ErrorCode::InvalidInput, Till::tr("That amount is too large to earn points on."));
    out.isMemberDay = out.breakdown.memberDayMultiplierPercent > 100;

    CP_TRY(addPurchaseGifts(ctx, row.value(), facts.value(), period, out));
    out.totalPoints = out.breakdown.totalPoints;
    for (const GiftGrant &g : std::as_const(out.gifts))
        out.totalPoints += g.points;

    // The record as it will be with this purchase in it: its spend, and a visit today.
    CP_TRY_ASSIGN(TierRecord record, ctx.tierRecord(row->localId, now));
    record.spendMinor += request.amountMinor;
    if (rules.tiers.countsVisits())
        record.visitDays.append(today);
    out.tierBefore = row->tier;
    out.tierAfter = tierAfterPurchase(rules, row->tier, record, today);
    out.member = TillContext::toMember(plan.member);
    return plan;
}

// A refund worked out inside its transaction: what is refunded, of which purchase, whose points move.
struct RefundPlan {
    QString store;
    QString receipt;
    QString reason;
    QString approvedBy;
    bool approved = false;
    PurchaseRow purchase;
    MemberRow owner;
    qint64 amount = 0;
    bool full = false;
};

// The receipt, store and reason of a refund, as typed.
Result<RefundPlan> startRefund(TillContext &ctx, const RefundRequest &request)
{
    RefundPlan plan;
    plan.receipt = request.receipt.trimmed();
    plan.store = request.storeId.trimmed().isEmpty() ? ctx.config().storeId : request.storeId.trimmed();
    plan.reason = request.reason.trimmed();
    if (plan.receipt.isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         Till::tr("Type the receipt number of the purchase to refund."));
    return plan;
}

// A manager's PIN is checked before the transaction: a wrong PIN must count towards the manager's
// lockout although the refund is then refused and its transaction rolled back.
Status approveLargeRefund(TillContext &ctx, const RefundRequest &request,
                          const std::optional<ManagerApproval> &approval, RefundPlan &plan)
{
    auto early = PurchaseStore(ctx.db()).byReceipt(plan.store, plan.receipt);
    if (!early)
        return early.error();
    if (early->has_value()) {
        const qint64 earlyLeft = early->value().amountMinor - early->value().refundedMinor;
        const qint64 earlyAmount = request.amountMinor.value_or(earlyLeft);
        if (earlyAmount > 0 && earlyAmount <= earlyLeft &&
            earlyAmount > ctx.config().cashierRefundLimitMinor) {
            CP_TRY(ctx.requireManager(
                approval, Till::tr("A refund above %1").arg(ctx.money(ctx.config().cashierRefundLimitMinor)),
                &plan.approvedBy));
            plan.approved = true;
        }
    }
    return {};
}

// The purchase and what is left of it, the manager's approval for a large refund, and its member.
Status planRefund(TillContext &ctx, const RefundRequest &request,
                  const std::optional<ManagerApproval> &approval, RefundPlan &plan)
{
    const QString &receipt = plan.receipt;
    auto found = PurchaseStore(ctx.db()).byReceipt(plan.store, receipt);
    if (!found)
        return found.error();
    if (!found->has_value())
        return makeError(ErrorCode::NotFound,
                         Till::tr("No member purchase has receipt %1 at this store.").arg(receipt));
    plan.purchase = found->value();
    const qint64 left = plan.purchase.amountMinor - plan.purchase.refundedMinor;
    if (left <= 0)
        return makeError(ErrorCode::Refused,
                         Till::tr("Receipt %1 has already been refunded in full.").arg(receipt));
    plan.amount = request.amountMinor.value_or(left);
    if (plan.amount <= 0)
        return makeError(ErrorCode::InvalidInput, Till::tr("The refund must be more than zero."));
    if (plan.amount > left)
        return makeError(ErrorCode::Refused,
                         Till::tr("Only %1 of receipt %2 is left to refund.").arg(ctx.money(left), receipt));
    if (plan.amount > ctx.config().cashierRefundLimitMinor && !plan.approved)
        CP_TRY(ctx.requireManager(
            approval, Till::tr("A refund above %1").arg(ctx.money(ctx.config().cashierRefundLimitMinor)),
            &plan.approvedBy));

    auto member = MemberStore(ctx.db()).byLocalId(plan.purchase.member);
    if (!member)
        return member.error();
    if (!member->has_value())
        return makeError(ErrorCode::Internal,
                         Till::tr("The purchase's member is missing; nothing was changed."));
    plan.owner = member->value();
    plan.full = plan.purchase.refundedMinor + plan.amount == plan.purchase.amountMinor;
    return {};
}

// One entry of a refund, taking back `reverses` (or restoring what it names).
LedgerRow refundEntry(const RefundPlan &plan, LedgerKind kind, qint64 points, std::optional<qint64> reverses,
                      qint64 now)
{
    LedgerRow entry;
    entry.member = plan.owner.localId;
    entry.kind = ledgerKindId(kind);
    entry.points = points;
    entry.atMs = now;
    entry.reverses = reverses;
    entry.reason = plan.reason;
    entry.approvedBy = plan.approvedBy;
    return entry;
}

// The points a refund moves, worked out before anything is written: the purchase's points taken back in
// proportion and, on a full refund, the gifts it brought and (when the rules say so) the points redeemed
// on its receipt given back. The refund writes exactly these; its preview shows them.
struct RefundMoves {
    qint64 reversal = 0;
    std::optional<qint64> earnEntry;
    QList<std::pair<qint64, qint64>> gifts;    // (entry, points) taken back with the purchase
    QList<std::pair<qint64, qint64>> restores; // (redemption entry, points) given back
};

Result<RefundMoves> refundMoves(TillContext &ctx, const RefundPlan &plan)
{
    RefundMoves moves;
    const PurchaseRow &p = plan.purchase;
    moves.reversal =
        refundReversal(p.pointsEarned, p.amountMinor, p.refundedMinor, plan.amount, p.pointsReversed);
    auto linked = TillQueries(ctx.db()).entriesForPurchase(p.localId);
    if (!linked)
        return linked.error();
    for (const auto &e : linked.value()) {
        if (e.kind == ledgerKindId(LedgerKind::Earn))
            moves.earnEntry = e.localId;
        else if (plan.full && (e.kind == ledgerKindId(LedgerKind::FirstPurchaseGift) ||
                               e.kind == ledgerKindId(LedgerKind::BirthdayGift)))
            moves.gifts.append({e.localId, e.points});
    }
    if (plan.full && ctx.rules().redemption.refundRestoresRedeemed) {
        auto spent = TillQueries(ctx.db()).redeemedOnReceipt(plan.owner.localId, plan.store, plan.receipt);
        if (!spent)
            return spent.error();
        moves.restores = spent.value();
    }
    return moves;
}

// What a refund of `moves` does to the points, for the outcome and the preview alike.
void countMoves(const RefundMoves &moves, RefundOutcome &out)
{
    out.pointsReversed = moves.reversal;
    for (const auto &gift : moves.gifts)
        out.pointsReversed += gift.second;
    out.pointsRestored = 0;
    for (const auto &restore : moves.restores)
        out.pointsRestored += restore.second;
}

// The ledger entries of a refund: reversals of the earn and the gifts, then the restored redemptions.
Status appendRefundMoves(TillContext &ctx, const RefundPlan &plan, const RefundMoves &moves, qint64 now,
                         QList<sync::WireEntry> &entries)
{
    auto append = [&](LedgerRow entry) -> Status {
        CP_TRY(ctx.appendEntry(entry));
        entries.append(TillContext::wireEntry(entry));
        return {};
    };
    if (moves.reversal > 0) {
        LedgerRow entry =
            refundEntry(plan, LedgerKind::RefundReversal, -moves.reversal, moves.earnEntry, now);
        entry.purchase = plan.purchase.localId;
        CP_TRY(append(entry));
    }
    for (const auto &[entryId, points] : moves.gifts) {
        LedgerRow entry = refundEntry(plan, LedgerKind::RefundReversal, -points, entryId, now);
        entry.purchase = plan.purchase.localId;
        CP_TRY(append(entry));
    }
    for (const auto &[entryId, points] : moves.restores) {
        LedgerRow entry = refundEntry(plan, LedgerKind::RedeemRestore, points, entryId, now);
        if (ctx.rules().expiry.months > 0)
            entry.expiresAtMs = ctx.expiresAtFor(now);
        entry.storeId = plan.store;
        entry.receipt = plan.receipt;
        CP_TRY(append(entry));
    }
    return {};
}

// As for refunds: a manager's PIN is checked before the transaction, so a wrong one counts towards
// the lockout. Sets `approvedBy` and returns true when it asked for one.
Result<bool> approveOthersVoid(TillContext &ctx, const QString &memberRef,
                               const std::optional<ManagerApproval> &approval, QString &approvedBy)
{
    auto early = ctx.resolveRow(memberRef);
    if (!early)
        return early.error();
    auto last = TillQueries(ctx.db()).lastVoidableAction(early->localId);
    if (!last)
        return last.error();
    if (last->has_value() && last->value().cashier != ctx.currentOperator().id &&
        ctx.clock().nowMs() - last->value().atMs <= qint64(ctx.config().voidWindowMinutes) * 60'000) {
        CP_TRY(ctx.requireManager(approval, Till::tr("Voiding another cashier's transaction"), &approvedBy));
        return true;
    }
    return false;
}

// The member's last earn or redemption, still within the void window.
Result<TillQueries::LastAction> voidableAction(TillContext &ctx, const MemberRow &row)
{
    auto last = TillQueries(ctx.db()).lastVoidableAction(row.localId);
    if (!last)
        return last.error();
    if (!last->has_value())
        return makeError(ErrorCode::Refused,
                         Till::tr("%1 has no earn or redemption that can be voided.").arg(row.name));
    const auto action = last->value();
    if (ctx.clock().nowMs() - action.atMs > qint64(ctx.config().voidWindowMinutes) * 60'000)
        return makeError(ErrorCode::Refused,
                         Till::tr("The last transaction is older than %n minute(s) and can no longer be "
                                  "voided. Use a refund instead.",
                                  nullptr, ctx.config().voidWindowMinutes));
    return action;
}

// The entries a void takes back: an earn's, with its purchase's gifts and refunds, or the redemption.
Result<QList<TillQueries::LinkedEntry>> entriesToVoid(TillContext &ctx, const TillQueries::LastAction &action,
                                                      VoidOutcome &out)
{
    QList<TillQueries::LinkedEntry> toReverse;
    if (action.purchase) {
        auto linked = TillQueries(ctx.db()).entriesForPurchase(*action.purchase);
        if (!linked)
            return linked.error();
        toReverse = linked.value();
        out.voidedKind = ledgerKindId(LedgerKind::Earn);
    } else {
        auto entry = LedgerStore(ctx.db()).byLocalId(action.entryLocalId);
        if (!entry)
            return entry.error();
        if (!entry->has_value())
            return makeError(ErrorCode::Internal,
                             Till::tr("The transaction to void is missing; nothing was changed."));
        toReverse.append(
            TillQueries::LinkedEntry{action.entryLocalId, entry->value().kind, entry->value().points});
        out.voidedKind = ledgerKindId(LedgerKind::Redeem);
    }
    return toReverse;
}

// The void's entries: each taking back one the action wrote.
Result<QList<sync::WireEntry>> appendVoidEntries(TillContext &ctx, const MemberRow &row,
                                                 const QList<TillQueries::LinkedEntry> &toReverse,
                                                 std::optional<qint64> purchase, const QString &reason,
                                                 const QString &approvedBy, qint64 now, VoidOutcome &out)
{
    QList<sync::WireEntry> entries;
    for (const auto &e : toReverse) {
        // Only what the action itself wrote; later refunds of the purchase are reversed with it.
        LedgerRow entry;
        entry.member = row.localId;
        entry.kind = ledgerKindId(LedgerKind::Void);
        entry.points = -e.points;
        entry.atMs = now;
        entry.purchase = purchase;
        entry.reverses = e.localId;
        entry.reason = reason;
        entry.approvedBy = approvedBy;
        CP_TRY(ctx.appendEntry(entry));
        entries.append(TillContext::wireEntry(entry));
        out.pointsReversed += e.points;
    }
    return entries;
}

// A voided purchase is marked so, and its gifts may be given again on a real first purchase. Returns
// the purchase's id, which the server must learn.
Result<QString> voidPurchase(TillContext &ctx, const MemberRow &row, qint64 purchase, qint64 now)
{
    CP_TRY(PurchaseStore(ctx.db()).markVoided(purchase, now));
    CP_TRY(TillQueries(ctx.db()).revokeGiftsForPurchase(row.localId, purchase));
    auto p = PurchaseStore(ctx.db()).byLocalId(purchase);
    if (!p)
        return p.error();
    return p->has_value() ? p->value().id.toString() : QString();
}

} // namespace

// A receipt earns once per store: a second earn names who earned it and when.
Status PointsService::receiptNotEarned(TillContext &ctx, const QString &receipt)
{
    Database &db = ctx.db();
    auto earlier = PurchaseStore(db).byReceipt(ctx.config().storeId, receipt);
    if (!earlier)
        return earlier.error();
    if (earlier->has_value()) {
        const PurchaseRow &p = earlier->value();
        auto owner = MemberStore(db).byLocalId(p.member);
        const QString who = owner.ok() && owner->has_value() ? owner->value().name : QString();
        const QString when = QDateTime::fromMSecsSinceEpoch(p.atMs, QTimeZone(ctx.config().timeZone))
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        return makeError(
            ErrorCode::Conflict,
            Till::tr("Receipt %1 already earned %2 points for %3 on %4. Points are given once per "
                     "receipt.")
                .arg(receipt)
                .arg(p.pointsEarned)
                .arg(who, when));
    }
    return {};
}

Result<EarnOutcome> PointsService::previewEarn(const EarnRequest &request)
{
    auto plan = planEarn(m_ctx, request);
    if (!plan)
        return plan.error();
    EarnOutcome out = plan->outcome;
    out.member.balance += out.totalPoints;
    out.member.tier = out.tierAfter;
    return out;
}

Result<EarnOutcome> PointsService::earn(const EarnRequest &request)
{
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    // Planned inside the transaction (BEGIN IMMEDIATE holds the write lock), so another process
    // cannot earn on the same receipt between the check and the write.
    auto plan = planEarn(m_ctx, request);
    if (!plan)
        return plan.error();
    EarnOutcome out = plan->outcome;
    const MemberRow &member = plan->member;
    const qint64 now = m_ctx.clock().nowMs();
    auto inserted = insertPurchase(m_ctx, request, member, out, now);
    if (!inserted)
        return inserted.error();
    const PurchaseRow &purchase = inserted.value();
    out.purchaseId = purchase.id;
    auto entries = appendEarnEntries(m_ctx, out, member, purchase, now);
    if (!entries)
        return entries.error();
    auto tierChange = upgradeTier(m_ctx, out, member, now);
    if (!tierChange)
        return tierChange.error();

    sync::ParsedOp op;
    op.kind = sync::OpKind::Earn;
    op.entries = entries.value();
    op.purchase = sync::WirePurchase{purchase.id.toString(), purchase.receipt,  purchase.amountMinor,
                                     plan->eligibleMinor,    purchase.currency, purchase.atMs};
    op.tierChange = tierChange.value();
    CP_TRY(m_ctx.enqueue(member.id, op));
    CP_TRY(m_ctx.audit(QStringLiteral("points.earn"), member.localId, {}, {},
                       QJsonObject{{QStringLiteral("receipt"), purchase.receipt},
                                   {QStringLiteral("amountMinor"), purchase.amountMinor},
                                   {QStringLiteral("points"), out.totalPoints}}));
    // Read back before the commit: a failed read then undoes the earn instead of showing a stale
    // balance for a committed one.
    auto after = MemberStore(m_ctx.db()).byLocalId(member.localId);
    if (!after)
        return after.error();
    CP_TRY(tx.commit());
    if (after->has_value())
        out.member = TillContext::toMember(after->value());
    return out;
}

Result<RedeemOutcome> PointsService::redeem(const RedeemRequest &request)
{
    if (request.quantity < 1 || request.quantity > 100)
        return makeError(ErrorCode::InvalidInput, Till::tr("The quantity must be between 1 and 100."));
    const QString receipt = request.receipt.trimmed();
    if (receipt.size() > MaxReceiptLength)
        return makeError(ErrorCode::InvalidInput, tr("That receipt number is too long."));

    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    auto row = m_ctx.resolveRow(request.member);
    if (!row)
        return row.error();
    RedeemPlan plan;
    plan.row = row.value();
    plan.holdId = request.holdId;
    CP_TRY(priceRedemption(m_ctx, request, plan));
    CP_TRY(checkRedeemBalance(m_ctx, plan));
    bool recorded = false; // a wrong answer or a try while locked: its audit row stays
    if (Status card = CardSpending(m_ctx).check(plan.row, request, plan.points, recorded); !card) {
        if (recorded)
            CP_TRY(tx.commit());
        return card.error();
    }
    const qint64 points = plan.points;
    const qint64 discount = plan.discount;
    const qint64 now = m_ctx.clock().nowMs();
    RedeemOutcome out;
    out.rewardId = plan.rewardId;

    LedgerRow entry;
    entry.member = row->localId;
    entry.kind = ledgerKindId(LedgerKind::Redeem);
    entry.points = -points;
    entry.atMs = now;
    entry.reward = out.rewardId;
    if (discount > 0)
        entry.discountMinor = discount;
    if (!receipt.isEmpty()) {
        entry.storeId = m_ctx.config().storeId;
        entry.receipt = receipt;
    }
    CP_TRY(m_ctx.appendEntry(entry));
    sync::ParsedOp op;
    op.kind = sync::OpKind::Redeem;
    op.redeemPoints = points;
    op.offline = m_ctx.isOffline();
    op.entries = {TillContext::wireEntry(entry)};
    CP_TRY(m_ctx.enqueue(row->id, op));
    CP_TRY(m_ctx.audit(QStringLiteral("points.redeem"), row->localId, {}, {},
                       QJsonObject{{QStringLiteral("reward"), out.rewardId},
                                   {QStringLiteral("points"), points},
                                   {QStringLiteral("discountMinor"), discount}}));
    auto after = MemberStore(m_ctx.db()).byLocalId(row->localId);
    if (!after)
        return after.error();
    CP_TRY(tx.commit());
    out.points = points;
    out.discountMinor = discount;
    out.member = TillContext::toMember(after->has_value() ? after->value() : row.value());
    return out;
}

Result<RedeemOutcome> PointsService::previewRedeem(const RedeemRequest &request)
{
    if (request.quantity < 1 || request.quantity > 100)
        return makeError(ErrorCode::InvalidInput, Till::tr("The quantity must be between 1 and 100."));
    ReadTransaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    RedeemPlan plan;
    CP_TRY_ASSIGN(plan.row, m_ctx.resolveRow(request.member));
    plan.holdId = request.holdId;
    CP_TRY(priceRedemption(m_ctx, request, plan));
    CP_TRY(checkRedeemBalance(m_ctx, plan));
    RedeemOutcome out;
    out.member = TillContext::toMember(plan.row);
    out.member.balance -= plan.points;
    out.points = plan.points;
    out.discountMinor = plan.discount;
    out.rewardId = plan.rewardId;
    return out;
}

Result<QString> PointsService::phoneDigitsQuestion(const RedeemRequest &request)
{
    ReadTransaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    RedeemPlan plan;
    CP_TRY_ASSIGN(plan.row, m_ctx.resolveRow(request.member));
    CP_TRY(priceRedemption(m_ctx, request, plan));
    return CardSpending(m_ctx).question(plan.row, request, plan.points);
}

Result<RefundOutcome> PointsService::previewRefund(const RefundRequest &request)
{
    CP_TRY_ASSIGN(RefundPlan plan, startRefund(m_ctx, request));
    plan.approved = true; // a preview asks nobody: the refund itself asks for the manager
    ReadTransaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    CP_TRY(planRefund(m_ctx, request, std::nullopt, plan));
    CP_TRY_ASSIGN(const RefundMoves moves, refundMoves(m_ctx, plan));
    RefundOutcome out;
    out.refundedMinor = plan.amount;
    countMoves(moves, out);
    out.member = TillContext::toMember(plan.owner);
    out.member.balance += out.pointsRestored - out.pointsReversed;
    return out;
}

Result<RefundOutcome> PointsService::refund(const RefundRequest &request,
                                            const std::optional<ManagerApproval> &approval)
{
    CP_TRY_ASSIGN(RefundPlan plan, startRefund(m_ctx, request));
    CP_TRY(approveLargeRefund(m_ctx, request, approval, plan));

    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    CP_TRY(planRefund(m_ctx, request, approval, plan));
    const PurchaseRow &purchase = plan.purchase;
    const qint64 amount = plan.amount;
    const qint64 now = m_ctx.clock().nowMs();
    RefundOutcome out;
    out.refundedMinor = amount;
    CP_TRY_ASSIGN(const RefundMoves moves, refundMoves(m_ctx, plan));
    countMoves(moves, out);
    QList<sync::WireEntry> entries;
    CP_TRY(appendRefundMoves(m_ctx, plan, moves, now, entries));
    const qint64 reversal = moves.reversal;

    const Uuid refundId = Uuid::createV7(m_ctx.clock());
    CP_TRY(
        PurchaseStore(m_ctx.db()).addRefund(purchase.localId, refundId, amount, reversal, now, plan.reason));
    sync::ParsedOp op;
    op.kind = sync::OpKind::Refund;
    op.entries = entries;
    op.refund = sync::WireRefund{refundId.toString(), purchase.id.toString(), amount, now};
    CP_TRY(m_ctx.enqueue(plan.owner.id, op));
    CP_TRY(m_ctx.audit(QStringLiteral("points.refund"), plan.owner.localId, plan.reason, plan.approvedBy,
                       QJsonObject{{QStringLiteral("receipt"), plan.receipt},
                                   {QStringLiteral("amountMinor"), amount},
                                   {QStringLiteral("pointsReversed"), out.pointsReversed},
                                   {QStringLiteral("pointsRestored"), out.pointsRestored}}));
    auto after = MemberStore(m_ctx.db()).byLocalId(plan.owner.localId);
    if (!after)
        return after.error();
    CP_TRY(tx.commit());
    out.member = TillContext::toMember(after->has_value() ? after->value() : plan.owner);
    return out;
}

Result<Member> PointsService::adjust(const QString &memberRef, qint64 points, const QString &reason,
                                     const std::optional<ManagerApproval> &approval)
{
    const QString why = reason.simplified();
    if (points == 0)
        return makeError(ErrorCode::InvalidInput, tr("An adjustment must add or take away some points."));
    if (points > MaxAdjustPoints || points < -MaxAdjustPoints)
        return makeError(ErrorCode::InvalidInput,
                         tr("An adjustment is at most %1 points.").arg(MaxAdjustPoints));
    if (why.size() < 3)
        return makeError(ErrorCode::InvalidInput, tr("Write the reason for the adjustment."));
    QString approvedBy;
    CP_TRY(m_ctx.requireManager(approval, tr("Adjusting points"), &approvedBy));

    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    auto row = m_ctx.resolveRow(memberRef);
    if (!row)
        return row.error();
    // A manager corrects points; a correction never creates a debt (a refund may, an adjustment not).
    if (points < 0 && row->balance + points < 0)
        return makeError(ErrorCode::Refused, tr("%1 has %2 points; an adjustment can take away at most that.")
                                                 .arg(row->name)
                                                 .arg(row->balance));
    const qint64 now = m_ctx.clock().nowMs();
    LedgerRow entry;
    entry.member = row->localId;
    entry.kind = ledgerKindId(LedgerKind::Adjust);
    entry.points = points;
    entry.atMs = now;
    if (points > 0 && m_ctx.rules().expiry.months > 0)
        entry.expiresAtMs = m_ctx.expiresAtFor(now);
    entry.reason = why;
    entry.approvedBy = approvedBy.isEmpty() ? m_ctx.currentOperator().id : approvedBy;
    CP_TRY(m_ctx.appendEntry(entry));
    sync::ParsedOp op;
    op.kind = sync::OpKind::Adjust;
    op.entries = {TillContext::wireEntry(entry)};
    CP_TRY(m_ctx.enqueue(row->id, op));
    CP_TRY(m_ctx.audit(QStringLiteral("points.adjust"), row->localId, why, entry.approvedBy,
                       QJsonObject{{QStringLiteral("points"), points}}));
    auto after = MemberStore(m_ctx.db()).byLocalId(row->localId);
    if (!after)
        return after.error();
    CP_TRY(tx.commit());
    return TillContext::toMember(after->has_value() ? after->value() : row.value());
}

Result<VoidOutcome> PointsService::voidLast(const QString &memberRef, const QString &reason,
                                            const std::optional<ManagerApproval> &approval)
{
    QString approvedBy;
    auto approved = approveOthersVoid(m_ctx, memberRef, approval, approvedBy);
    if (!approved)
        return approved.error();

    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    auto row = m_ctx.resolveRow(memberRef);
    if (!row)
        return row.error();
    auto action = voidableAction(m_ctx, row.value());
    if (!action)
        return action.error();
    const qint64 now = m_ctx.clock().nowMs();
    if (action->cashier != m_ctx.currentOperator().id && !approved.value())
        CP_TRY(m_ctx.requireManager(approval, tr("Voiding another cashier's transaction"), &approvedBy));

    VoidOutcome out;
    auto toReverse = entriesToVoid(m_ctx, action.value(), out);
    if (!toReverse)
        return toReverse.error();
    const std::optional<qint64> purchase = action->purchase;
    auto entries = appendVoidEntries(m_ctx, row.value(), toReverse.value(), purchase, reason.simplified(),
                                     approvedBy, now, out);
    if (!entries)
        return entries.error();
    sync::ParsedOp op;
    op.kind = sync::OpKind::Void;
    op.entries = entries.value();
    if (purchase) {
        auto voided = voidPurchase(m_ctx, row.value(), *purchase, now);
        if (!voided)
            return voided.error();
        if (!voided->isEmpty())
            op.voidedPurchase = voided.value();
    }
    CP_TRY(m_ctx.enqueue(row->id, op));
    CP_TRY(m_ctx.audit(QStringLiteral("points.void"), row->localId, reason.simplified(), approvedBy,
                       QJsonObject{{QStringLiteral("voided"), out.voidedKind},
                                   {QStringLiteral("points"), out.pointsReversed}}));
    auto after = MemberStore(m_ctx.db()).byLocalId(row->localId);
    if (!after)
        return after.error();
    CP_TRY(tx.commit());
    out.member = TillContext::toMember(after->has_value() ? after->value() : row.value());
    return out;
}

Result<QList<HistoryItem>> PointsService::history(const Uuid &memberId, int limit)
{
    auto row = m_ctx.rowById(memberId);
    if (!row)
        return row.error();
    auto rows = TillQueries(m_ctx.db()).history(row->localId, limit);
    if (!rows)
        return rows.error();
    QList<HistoryItem> items;
    for (const HistoryRow &r : rows.value()) {
        HistoryItem item;
        item.id = Uuid::fromBytes(r.entryId);
        item.atMs = r.atMs;
        item.kind = r.kind;
        item.points = r.points;
        item.receipt = r.receipt;
        item.amountMinor = r.amountMinor;
        item.reward = r.reward;
        item.reason = r.reason;
        item.cashier = r.cashier;
        items.append(item);
    }
    return items;
}

Result<std::optional<PurchaseSummary>> PointsService::purchaseOnReceipt(const Uuid &memberId,
                                                                        const QString &receipt)
{
    ReadTransaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    CP_TRY_ASSIGN(const MemberRow row, m_ctx.rowById(memberId));
    CP_TRY_ASSIGN(const auto found,
                  PurchaseStore(m_ctx.db()).byReceipt(m_ctx.config().storeId, receipt.trimmed()));
    if (!found || found->member != row.localId)
        return std::optional<PurchaseSummary>();
    CP_TRY_ASSIGN(const auto linked, TillQueries(m_ctx.db()).entriesForPurchase(found->localId));
    qint64 gifts = 0;
    for (const auto &e : linked) {
        if (e.kind == ledgerKindId(LedgerKind::FirstPurchaseGift) ||
            e.kind == ledgerKindId(LedgerKind::BirthdayGift))
            gifts += e.points;
    }
    const PurchaseRow &p = *found;
    return std::optional<PurchaseSummary>(PurchaseSummary{p.id, p.storeId, p.receipt, p.atMs, p.amountMinor,
                                                          p.refundedMinor, p.pointsEarned,
                                                          p.voidedAtMs.has_value(), gifts});
}

Result<QList<PurchaseSummary>> PointsService::purchases(const Uuid &memberId, int limit)
{
    auto row = m_ctx.rowById(memberId);
    if (!row)
        return row.error();
    auto rows = PurchaseStore(m_ctx.db()).forMember(row->localId, limit);
    if (!rows)
        return rows.error();
    auto gifts = TillQueries(m_ctx.db()).giftPointsByPurchase(row->localId);
    if (!gifts)
        return gifts.error();
    QList<PurchaseSummary> out;
    for (const PurchaseRow &p : rows.value()) {
        out.append(PurchaseSummary{p.id, p.storeId, p.receipt, p.atMs, p.amountMinor, p.refundedMinor,
                                   p.pointsEarned, p.voidedAtMs.has_value(), gifts->value(p.localId)});
    }
    return out;
}

} // namespace counterpart
