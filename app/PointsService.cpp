// Earning, redeeming, refunds, adjustments and voids: every points change is a ledger entry written in
// one transaction with its outbox operation and its audit row.

#include "app/PointsService.h"

#include "app/TillContext.h"
#include "core/Money.h"
#include "storage/Database.h"
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

} // namespace

// Works out everything an earn does, without writing. earn() writes exactly this plan.
static Result<EarnPlan> planEarn(TillContext &ctx, const EarnRequest &request)
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

    auto row = ctx.resolveRow(request.member);
    if (!row)
        return row.error();
    Database &db = ctx.db();
    PurchaseStore purchases(db);
    auto earlier = purchases.byReceipt(ctx.config().storeId, receipt);
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

    const LoyaltyRules &rules = ctx.rules();
    const qint64 now = ctx.clock().nowMs();
    const QDate today = ctx.today();
    GiftStore gifts(db);

    MemberFacts facts;
    facts.tierId = row->tier;
    facts.birthMonth = row->birthMonth;
    facts.birthDay = row->birthDay;
    auto hasPurchased = purchases.hasPurchases(row->localId);
    if (!hasPurchased)
        return hasPurchased.error();
    facts.hasPurchased = hasPurchased.value();
    QString period;
    if (row->birthMonth && row->birthDay) {
        period = birthdayPeriod(rules.birthday, *row->birthMonth, *row->birthDay, today);
        if (!period.isEmpty()) {
            auto used = gifts.isGranted(row->localId, QStringLiteral("birthday_bonus"), period);
            if (!used)
                return used.error();
            facts.birthdayBonusUsedThisYear = used.value();
        }
    }

    EarnPlan plan;
    plan.member = row.value();
    plan.eligibleMinor = request.amountMinor - request.excludedMinor;
    EarnOutcome &out = plan.outcome;
    out.breakdown = computeEarn(rules, facts, plan.eligibleMinor, today);
    if (out.breakdown.amountTooLarge)
        return makeError(ErrorCode::InvalidInput, Till::tr("That amount is too large to earn points on."));
    out.isMemberDay = out.breakdown.memberDayMultiplierPercent > 100;

    if (!facts.hasPurchased && rules.gifts.firstPurchasePoints > 0) {
        auto granted =
            gifts.isGranted(row->localId, QStringLiteral("first_purchase"), QStringLiteral("once"));
        if (!granted)
            return granted.error();
        if (!granted.value())
            out.gifts.append(
                GiftGrant{GiftKind::FirstPurchase, rules.gifts.firstPurchasePoints, QStringLiteral("once")});
    }
    if (!period.isEmpty() && rules.birthday.giftPoints > 0) {
        auto granted = gifts.isGranted(row->localId, QStringLiteral("birthday"), period);
        if (!granted)
            return granted.error();
        if (!granted.value())
            out.gifts.append(GiftGrant{GiftKind::Birthday, rules.birthday.giftPoints, period});
    }
    out.totalPoints = out.breakdown.totalPoints;
    for (const GiftGrant &g : std::as_const(out.gifts))
        out.totalPoints += g.points;

    auto spend = purchases.spendSince(row->localId, ctx.addMonthsLocal(now, -rules.tiers.windowMonths));
    if (!spend)
        return spend.error();
    out.tierBefore = row->tier;
    out.tierAfter = tierAfterPurchase(rules, row->tier, spend.value() + request.amountMinor);
    out.member = TillContext::toMember(plan.member);
    return plan;
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
    const std::optional<qint64> expiresAt =
        m_ctx.rules().expiry.months > 0 ? std::optional<qint64>(m_ctx.expiresAtFor(now)) : std::nullopt;

    PurchaseRow purchase;
    purchase.id = Uuid::createV7(m_ctx.clock());
    purchase.storeId = m_ctx.config().storeId;
    purchase.receipt = request.receipt.trimmed();
    purchase.member = member.localId;
    purchase.amountMinor = request.amountMinor;
    purchase.currency = m_ctx.config().currency;
    purchase.atMs = now;
    purchase.pointsEarned = out.breakdown.totalPoints;
    if (auto s = PurchaseStore(m_ctx.db()).insert(purchase); !s) {
        if (s.error().code == ErrorCode::Conflict)
            return makeError(ErrorCode::Conflict,
                             tr("Receipt %1 already earned points. Points are given once per "
                                "receipt.")
                                 .arg(purchase.receipt));
        return s.error();
    }
    out.purchaseId = purchase.id;

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
        CP_TRY(m_ctx.appendEntry(entry));
        sync::WireEntry wire = TillContext::wireEntry(entry);
        if (out.breakdown.birthdayBonusApplied) // so other tills know this period's bonus is spent
            wire.birthdayBonus = out.breakdown.birthdayPeriod;
        entries.append(wire);
        earnEntry = entry.localId;
    }
    GiftStore gifts(m_ctx.db());
    for (const GiftGrant &gift : std::as_const(out.gifts)) {
        LedgerRow entry;
        entry.member = member.localId;
        entry.kind = ledgerKindId(giftLedgerKind(gift.kind));
        entry.points = gift.points;
        entry.atMs = now;
        entry.expiresAtMs = expiresAt;
        entry.purchase = purchase.localId;
        CP_TRY(m_ctx.appendEntry(entry));
        auto granted = gifts.grant(member.localId, giftKindId(gift.kind), gift.period, entry.localId, now);
        if (!granted)
            return granted.error();
        if (!granted.value())
            return makeError(ErrorCode::Internal,
                             tr("A gift was about to be given twice; nothing was saved."));
        entries.append(TillContext::wireEntry(entry));
    }
    if (out.breakdown.birthdayBonusApplied) {
        auto marked = gifts.grant(member.localId, QStringLiteral("birthday_bonus"),
                                  out.breakdown.birthdayPeriod, earnEntry, now);
        if (!marked)
            return marked.error();
    }

    sync::ParsedOp op;
    op.kind = sync::OpKind::Earn;
    op.entries = entries;
    op.purchase = sync::WirePurchase{purchase.id.toString(), purchase.receipt,  purchase.amountMinor,
                                     plan->eligibleMinor,    purchase.currency, purchase.atMs};
    if (out.tierAfter != out.tierBefore) {
        const Uuid changeId = Uuid::createV7(m_ctx.clock());
        CP_TRY(MemberStore(m_ctx.db()).setTier(member.localId, out.tierAfter, now, now));
        CP_TRY(TierChangeStore(m_ctx.db())
                   .insert(changeId, member.localId, out.tierBefore, out.tierAfter, now,
                           QStringLiteral("upgrade"), m_ctx.rules().version));
        op.tierChange = sync::WireTierChange{changeId.toString(), out.tierBefore, out.tierAfter,
                                             QStringLiteral("upgrade")};
    }
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
    const RedemptionRules &rr = m_ctx.rules().redemption;
    const qint64 now = m_ctx.clock().nowMs();

    RedeemOutcome out;
    qint64 points = 0;
    qint64 discount = 0;
    QString rewardName;
    if (!request.rewardId.isEmpty()) {
        const Reward *reward = m_ctx.rules().reward(request.rewardId);
        if (!reward)
            return makeError(ErrorCode::NotFound,
                             tr("There is no reward '%1' in the catalogue.").arg(request.rewardId));
        points = qint64(reward->costPoints) * request.quantity;
        rewardName = reward->name.text(m_ctx.config().language);
        if (reward->limitPerDay > 0) {
            auto used =
                TillQueries(m_ctx.db())
                    .redeemedQuantitySince(row->localId, reward->id, m_ctx.localMidnightMs(m_ctx.today()));
            if (!used)
                return used.error();
            // The query gives points; a redemption of several counts each one.
            const qint64 usedQuantity = (used.value() + reward->costPoints - 1) / reward->costPoints;
            if (usedQuantity + request.quantity > reward->limitPerDay)
                return makeError(ErrorCode::Refused,
                                 tr("%1 can be redeemed %n time(s) a day per member; that is used "
                                    "up for today.",
                                    nullptr, reward->limitPerDay)
                                     .arg(rewardName));
        }
        out.rewardId = reward->id;
    } else {
        if (request.discountPoints <= 0)
            return makeError(ErrorCode::InvalidInput,
                             tr("Choose a reward or the points to take off the bill."));
        if (rr.pointsForDiscountStep > 0 && request.discountPoints % rr.pointsForDiscountStep != 0)
            return makeError(ErrorCode::InvalidInput,
                             tr("Points come off the bill in steps of %1.").arg(rr.pointsForDiscountStep));
        points = request.discountPoints;
        discount = points * rr.pointValueMinor;
        out.rewardId = QStringLiteral("discount");
    }

    if (row->balance < rr.minimumBalance)
        return makeError(ErrorCode::Refused, tr("%1 has %2 points; rewards start at %3 points.")
                                                 .arg(row->name)
                                                 .arg(row->balance)
                                                 .arg(rr.minimumBalance));
    if (points > row->balance)
        return makeError(ErrorCode::Refused,
                         tr("This needs %1 points; %2 has %3.").arg(points).arg(row->name).arg(row->balance));
    if (m_ctx.isOffline()) {
        // Offline, the till cannot know what other tills spent: cap what it lets go.
        auto pending = TillQueries(m_ctx.db()).pendingRedeemedPoints(row->localId);
        if (!pending)
            return pending.error();
        const qint64 cap = m_ctx.rules().offline.redemptionCapPoints;
        if (pending.value() + points > cap)
            return makeError(
                ErrorCode::Refused,
                tr("The till is offline: at most %1 points per member can be redeemed until it is back "
                   "online (%2 already used). Try a smaller reward.")
                    .arg(cap)
                    .arg(pending.value()));
        // ...and never more than the server last confirmed, less what was redeemed here since: other
        // tills may have spent the rest.
        auto synced = SyncStore(m_ctx.db()).syncedBalance(row->localId);
        if (!synced)
            return synced.error();
        if (synced->has_value() && points > synced->value() - pending.value())
            return makeError(
                ErrorCode::Refused,
                tr("The till is offline: %1 can redeem at most %2 points until it is back online "
                   "(the balance the server last confirmed, less what was redeemed here since).")
                    .arg(row->name)
                    .arg(qMax<qint64>(0, synced->value() - pending.value())));
    }

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

Result<RefundOutcome> PointsService::refund(const RefundRequest &request,
                                            const std::optional<ManagerApproval> &approval)
{
    const QString receipt = request.receipt.trimmed();
    const QString store =
        request.storeId.trimmed().isEmpty() ? m_ctx.config().storeId : request.storeId.trimmed();
    if (receipt.isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("Type the receipt number of the purchase to refund."));

    // A manager's PIN is checked before the transaction: a wrong PIN must count towards the manager's
    // lockout although the refund is then refused and its transaction rolled back.
    QString approvedBy;
    bool approved = false;
    auto early = PurchaseStore(m_ctx.db()).byReceipt(store, receipt);
    if (!early)
        return early.error();
    if (early->has_value()) {
        const qint64 earlyLeft = early->value().amountMinor - early->value().refundedMinor;
        const qint64 earlyAmount = request.amountMinor.value_or(earlyLeft);
        if (earlyAmount > 0 && earlyAmount <= earlyLeft &&
            earlyAmount > m_ctx.config().cashierRefundLimitMinor) {
            CP_TRY(m_ctx.requireManager(
                approval, tr("A refund above %1").arg(m_ctx.money(m_ctx.config().cashierRefundLimitMinor)),
                &approvedBy));
            approved = true;
        }
    }

    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    PurchaseStore purchases(m_ctx.db());
    auto found = purchases.byReceipt(store, receipt);
    if (!found)
        return found.error();
    if (!found->has_value())
        return makeError(ErrorCode::NotFound,
                         tr("No member purchase has receipt %1 at this store.").arg(receipt));
    const PurchaseRow purchase = found->value();
    const qint64 left = purchase.amountMinor - purchase.refundedMinor;
    if (left <= 0)
        return makeError(ErrorCode::Refused,
                         tr("Receipt %1 has already been refunded in full.").arg(receipt));
    const qint64 amount = request.amountMinor.value_or(left);
    if (amount <= 0)
        return makeError(ErrorCode::InvalidInput, tr("The refund must be more than zero."));
    if (amount > left)
        return makeError(ErrorCode::Refused,
                         tr("Only %1 of receipt %2 is left to refund.").arg(m_ctx.money(left), receipt));
    if (amount > m_ctx.config().cashierRefundLimitMinor && !approved)
        CP_TRY(m_ctx.requireManager(
            approval, tr("A refund above %1").arg(m_ctx.money(m_ctx.config().cashierRefundLimitMinor)),
            &approvedBy));

    auto member = MemberStore(m_ctx.db()).byLocalId(purchase.member);
    if (!member)
        return member.error();
    if (!member->has_value())
        return makeError(ErrorCode::Internal, tr("The purchase's member is missing; nothing was changed."));
    const MemberRow owner = member->value();
    const qint64 now = m_ctx.clock().nowMs();
    const bool full = purchase.refundedMinor + amount == purchase.amountMinor;

    RefundOutcome out;
    out.refundedMinor = amount;
    QList<sync::WireEntry> entries;
    auto linked = TillQueries(m_ctx.db()).entriesForPurchase(purchase.localId);
    if (!linked)
        return linked.error();
    std::optional<qint64> earnEntry;
    for (const auto &e : linked.value()) {
        if (e.kind == ledgerKindId(LedgerKind::Earn))
            earnEntry = e.localId;
    }

    const qint64 reversal = refundReversal(purchase.pointsEarned, purchase.amountMinor,
                                           purchase.refundedMinor, amount, purchase.pointsReversed);
    if (reversal > 0) {
        LedgerRow entry;
        entry.member = owner.localId;
        entry.kind = ledgerKindId(LedgerKind::RefundReversal);
        entry.points = -reversal;
        entry.atMs = now;
        entry.purchase = purchase.localId;
        entry.reverses = earnEntry;
        entry.reason = request.reason.trimmed();
        entry.approvedBy = approvedBy;
        CP_TRY(m_ctx.appendEntry(entry));
        entries.append(TillContext::wireEntry(entry));
        out.pointsReversed += reversal;
    }
    if (full) {
        // The gifts the purchase brought (first purchase, birthday) go with it.
        for (const auto &e : linked.value()) {
            if (e.kind != ledgerKindId(LedgerKind::FirstPurchaseGift) &&
                e.kind != ledgerKindId(LedgerKind::BirthdayGift))
                continue;
            LedgerRow entry;
            entry.member = owner.localId;
            entry.kind = ledgerKindId(LedgerKind::RefundReversal);
            entry.points = -e.points;
            entry.atMs = now;
            entry.purchase = purchase.localId;
            entry.reverses = e.localId;
            entry.reason = request.reason.trimmed();
            entry.approvedBy = approvedBy;
            CP_TRY(m_ctx.appendEntry(entry));
            entries.append(TillContext::wireEntry(entry));
            out.pointsReversed += e.points;
        }
        if (m_ctx.rules().redemption.refundRestoresRedeemed) {
            auto spent = TillQueries(m_ctx.db()).redeemedOnReceipt(owner.localId, store, receipt);
            if (!spent)
                return spent.error();
            for (const auto &[entryId, points] : spent.value()) {
                LedgerRow entry;
                entry.member = owner.localId;
                entry.kind = ledgerKindId(LedgerKind::RedeemRestore);
                entry.points = points;
                entry.atMs = now;
                entry.reverses = entryId;
                if (m_ctx.rules().expiry.months > 0)
                    entry.expiresAtMs = m_ctx.expiresAtFor(now);
                entry.storeId = store;
                entry.receipt = receipt;
                entry.reason = request.reason.trimmed();
                entry.approvedBy = approvedBy;
                CP_TRY(m_ctx.appendEntry(entry));
                entries.append(TillContext::wireEntry(entry));
                out.pointsRestored += points;
            }
        }
    }
    const Uuid refundId = Uuid::createV7(m_ctx.clock());
    CP_TRY(purchases.addRefund(purchase.localId, refundId, amount, reversal, now, request.reason.trimmed()));
    sync::ParsedOp op;
    op.kind = sync::OpKind::Refund;
    op.entries = entries;
    op.refund = sync::WireRefund{refundId.toString(), purchase.id.toString(), amount, now};
    CP_TRY(m_ctx.enqueue(owner.id, op));
    CP_TRY(m_ctx.audit(QStringLiteral("points.refund"), owner.localId, request.reason.trimmed(), approvedBy,
                       QJsonObject{{QStringLiteral("receipt"), receipt},
                                   {QStringLiteral("amountMinor"), amount},
                                   {QStringLiteral("pointsReversed"), out.pointsReversed},
                                   {QStringLiteral("pointsRestored"), out.pointsRestored}}));
    auto after = MemberStore(m_ctx.db()).byLocalId(owner.localId);
    if (!after)
        return after.error();
    CP_TRY(tx.commit());
    out.member = TillContext::toMember(after->has_value() ? after->value() : owner);
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
    // As for refunds: a manager's PIN is checked before the transaction, so a wrong one counts towards
    // the lockout.
    QString approvedBy;
    bool approved = false;
    auto early = m_ctx.resolveRow(memberRef);
    if (!early)
        return early.error();
    {
        auto last = TillQueries(m_ctx.db()).lastVoidableAction(early->localId);
        if (!last)
            return last.error();
        if (last->has_value() && last->value().cashier != m_ctx.currentOperator().id &&
            m_ctx.clock().nowMs() - last->value().atMs <= qint64(m_ctx.config().voidWindowMinutes) * 60'000) {
            CP_TRY(m_ctx.requireManager(approval, tr("Voiding another cashier's transaction"), &approvedBy));
            approved = true;
        }
    }

    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    auto row = m_ctx.resolveRow(memberRef);
    if (!row)
        return row.error();
    TillQueries queries(m_ctx.db());
    auto last = queries.lastVoidableAction(row->localId);
    if (!last)
        return last.error();
    if (!last->has_value())
        return makeError(ErrorCode::Refused,
                         tr("%1 has no earn or redemption that can be voided.").arg(row->name));
    const auto action = last->value();
    const qint64 now = m_ctx.clock().nowMs();
    if (now - action.atMs > qint64(m_ctx.config().voidWindowMinutes) * 60'000)
        return makeError(ErrorCode::Refused,
                         tr("The last transaction is older than %n minute(s) and can no longer be "
                            "voided. Use a refund instead.",
                            nullptr, m_ctx.config().voidWindowMinutes));
    if (action.cashier != m_ctx.currentOperator().id && !approved)
        CP_TRY(m_ctx.requireManager(approval, tr("Voiding another cashier's transaction"), &approvedBy));

    VoidOutcome out;
    QList<sync::WireEntry> entries;
    QList<TillQueries::LinkedEntry> toReverse;
    std::optional<qint64> purchase = action.purchase;
    if (purchase) {
        auto linked = queries.entriesForPurchase(*purchase);
        if (!linked)
            return linked.error();
        toReverse = linked.value();
        out.voidedKind = ledgerKindId(LedgerKind::Earn);
    } else {
        auto entry = LedgerStore(m_ctx.db()).byLocalId(action.entryLocalId);
        if (!entry)
            return entry.error();
        if (!entry->has_value())
            return makeError(ErrorCode::Internal,
                             tr("The transaction to void is missing; nothing was changed."));
        toReverse.append(
            TillQueries::LinkedEntry{action.entryLocalId, entry->value().kind, entry->value().points});
        out.voidedKind = ledgerKindId(LedgerKind::Redeem);
    }
    for (const auto &e : std::as_const(toReverse)) {
        // Only what the action itself wrote; later refunds of the purchase are reversed with it.
        LedgerRow entry;
        entry.member = row->localId;
        entry.kind = ledgerKindId(LedgerKind::Void);
        entry.points = -e.points;
        entry.atMs = now;
        entry.purchase = purchase;
        entry.reverses = e.localId;
        entry.reason = reason.simplified();
        entry.approvedBy = approvedBy;
        CP_TRY(m_ctx.appendEntry(entry));
        entries.append(TillContext::wireEntry(entry));
        out.pointsReversed += e.points;
    }
    sync::ParsedOp op;
    op.kind = sync::OpKind::Void;
    op.entries = entries;
    if (purchase) {
        CP_TRY(PurchaseStore(m_ctx.db()).markVoided(*purchase, now));
        // The purchase never happened: its gifts may be given again on a real first purchase.
        CP_TRY(queries.revokeGiftsForPurchase(row->localId, *purchase));
        auto p = PurchaseStore(m_ctx.db()).byLocalId(*purchase);
        if (!p)
            return p.error(); // the server must learn which purchase never happened
        if (p->has_value())
            op.voidedPurchase = p->value().id.toString();
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

Result<QList<PurchaseSummary>> PointsService::purchases(const Uuid &memberId, int limit)
{
    auto row = m_ctx.rowById(memberId);
    if (!row)
        return row.error();
    auto rows = PurchaseStore(m_ctx.db()).forMember(row->localId, limit);
    if (!rows)
        return rows.error();
    QList<PurchaseSummary> out;
    for (const PurchaseRow &p : rows.value()) {
        out.append(PurchaseSummary{p.id, p.storeId, p.receipt, p.atMs, p.amountMinor, p.refundedMinor,
                                   p.pointsEarned, p.voidedAtMs.has_value()});
    }
    return out;
}

} // namespace counterpart
