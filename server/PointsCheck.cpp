#include "server/PointsCheck.h"

#include "core/Loyalty.h"
#include "core/Points.h"

#include <QDateTime>

#include <algorithm>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

std::optional<Refusal> refuse(const QString &message)
{
    return Refusal{reason::PointsRefused, message};
}

// The ledger kinds each operation may carry (what the till app writes; docs/sync-protocol.md).
bool kindBelongs(OpKind op, const QString &kind)
{
    auto is = [&](const char *k) { return kind == QLatin1String(k); };
    switch (op) {
    case OpKind::MemberRegister:
        return is("welcome_gift");
    case OpKind::Earn:
        return is("earn") || is("first_purchase_gift") || is("birthday_gift");
    case OpKind::Redeem:
        return is("redeem");
    case OpKind::Refund:
        return is("refund_reversal") || is("redeem_restore");
    case OpKind::Adjust:
    case OpKind::MemberClose: // the balance left, forfeited
        return is("adjust");
    case OpKind::Expire:
        return is("expire");
    case OpKind::Void:
        return is("void");
    case OpKind::MemberUpdate:
    case OpKind::MemberPhone:
    case OpKind::MemberErase:
    case OpKind::TierChange:
        return false;
    }
    return false;
}

QString versionOf(const WireEntry &e, const ParsedOp &p)
{
    return e.rulesVersion.isEmpty() ? p.rulesVersion : e.rulesVersion;
}

} // namespace

PointsCheck::PointsCheck(SqlConnection &c, QString store)
    : m_c(c)
    , m_store(std::move(store))
{}

Result<std::optional<Refusal>> PointsCheck::check(const ParsedOp &p, const MemberRecord &member)
{
    qint64 credit = 0;
    qint64 debit = 0;
    for (const WireEntry &e : p.entries) {
        if (!kindBelongs(p.kind, e.kind))
            return refuse(QStringLiteral("A %1 entry does not belong in a %2 operation.")
                              .arg(e.kind, opKindName(p.kind)));
        auto rules = rulesFor(versionOf(e, p));
        if (!rules)
            return rules.error();
        if (!rules.value())
            return refuse(QStringLiteral("The server does not know loyalty rules version %1.")
                              .arg(versionOf(e, p).left(64)));
        (e.points > 0 ? credit : debit) += e.points; // each |points| <= 10^12, at most 1,000 entries
    }
    if (!addPoints(member.balance, credit) || !addPoints(member.balance, debit))
        return refuse(QStringLiteral("A balance cannot pass %1 points.").arg(MaxBalancePoints));
    switch (p.kind) {
    case OpKind::MemberRegister:
        for (const WireEntry &e : p.entries) {
            auto rules = rulesFor(versionOf(e, p));
            if (!rules)
                return rules.error();
            if (p.entries.size() > 1 || e.points != rules.value()->gifts.welcomePoints)
                return refuse(QStringLiteral("The welcome gift is %1 points under rules %2.")
                                  .arg(rules.value()->gifts.welcomePoints)
                                  .arg(rules.value()->version));
        }
        return std::optional<Refusal>();
    case OpKind::Earn:
        return checkEarn(p, member);
    case OpKind::Void:
        return checkVoid(p, member);
    case OpKind::Refund:
        return checkRefund(p, member);
    case OpKind::Adjust:
    case OpKind::MemberClose:
        return checkAdjust(p);
    default:
        return std::optional<Refusal>();
    }
}

QStringList PointsCheck::flagsFor(const ParsedOp &p) const
{
    if (p.kind != OpKind::Adjust && (p.kind != OpKind::MemberClose || p.entries.isEmpty()))
        return {};
    qint64 total = 0;
    for (const WireEntry &e : p.entries)
        total += e.points;
    QStringList flags;
    if (p.kind == OpKind::Adjust && (total > AdjustFlagPoints || total < -AdjustFlagPoints))
        flags << QStringLiteral("large_adjust");
    if (!m_managers || m_managers->isEmpty())
        flags << QStringLiteral("unregistered_approver");
    return flags;
}

// An adjustment: within the bound (a closing forfeits whatever is left: no bound), and approved by a
// manager of the store. Which staff are managers is the server's registry once head office fills it for
// the store; a chain that has not set it up keeps working, each adjustment flagged for head office
// instead.
Result<std::optional<Refusal>> PointsCheck::checkAdjust(const ParsedOp &p)
{
    auto known = managers();
    if (!known)
        return known.error();
    for (const WireEntry &e : p.entries) {
        if (p.kind == OpKind::Adjust && (e.points > MaxAdjustPoints || e.points < -MaxAdjustPoints))
            return refuse(QStringLiteral("An adjustment is at most %1 points.").arg(MaxAdjustPoints));
        if (e.approvedBy.isEmpty())
            return refuse(QStringLiteral("An adjustment must name the manager who approved it."));
        if (!known.value()->isEmpty() && !known.value()->contains(e.approvedBy))
            return std::optional<Refusal>(
                Refusal{reason::UnknownApprover,
                        QStringLiteral("Staff %1 is not registered at the server as a manager of store %2.")
                            .arg(e.approvedBy.left(64), m_store)});
    }
    return std::optional<Refusal>();
}

Result<const QSet<QString> *> PointsCheck::managers()
{
    if (!m_managers) {
        // The approver-only registry (`admin managers`) and the store's active managers (`admin staff`).
        auto rows =
            m_c.query(QStringLiteral("SELECT staff FROM store_managers WHERE store = $1 UNION SELECT id "
                                     "FROM staff WHERE store = $1 AND role = 'manager' AND active = 1"),
                      {m_store});
        if (!rows)
            return rows.error();
        QSet<QString> staff;
        for (qsizetype r = 0; r < rows->size(); ++r)
            staff.insert(rows->text(r, 0));
        m_managers = std::move(staff);
    }
    return &*m_managers;
}

// An earn: at most what the entry's rules give for the eligible amount on the purchase's local date, with
// the member's tier on the server, that date's member day, and the birthday bonus only in the member's
// birthday window (their birthday as the server holds it) and once per occurrence; gifts exactly as the
// rules say, a birthday gift once per occurrence. (A first-purchase gift given twice by tills that did
// not know of each other is taken back by Apply, as before.)
Result<std::optional<Refusal>> PointsCheck::checkEarn(const ParsedOp &p, const MemberRecord &member)
{
    auto zone = timeZone();
    if (!zone)
        return zone.error();
    const WirePurchase &pur = *p.purchase;
    const QDate date = QDateTime::fromMSecsSinceEpoch(pur.at, zone.value()).date();
    const MemberFields fields = member.fields();
    const std::optional<int> month = fields.birthMonth;
    const std::optional<int> day = fields.birthDay;
    QSet<QString> seen;
    QStringList granted; // remembered once the whole op passes
    for (const WireEntry &e : p.entries) {
        if (seen.contains(e.kind))
            return refuse(QStringLiteral("An earn carries one %1 entry at most.").arg(e.kind));
        seen.insert(e.kind);
        auto found = rulesFor(versionOf(e, p));
        if (!found)
            return found.error();
        const LoyaltyRules &rules = *found.value();
        const QString period = month && day ? birthdayPeriod(rules.birthday, *month, *day, date) : QString();
        const bool birthdayClaim = e.kind == QLatin1String("birthday_gift") || !e.birthdayBonus.isEmpty();
        if (birthdayClaim) {
            if (period.isEmpty() || (!e.birthdayBonus.isEmpty() && e.birthdayBonus != period))
                return refuse(QStringLiteral("The purchase is not in the member's birthday window."));
            const QString what = e.kind == QLatin1String("earn") ? QStringLiteral("bonus") : e.kind;
            auto used = birthdayUsed(member.id, what, period, rules.birthday, *month, *day, zone.value());
            if (!used)
                return used.error();
            if (used.value())
                return refuse(QStringLiteral("The birthday %1 of %2 was given already.").arg(what, period));
            granted << member.id + QLatin1Char('\n') + what + QLatin1Char('\n') + period;
        }
        if (e.kind == QLatin1String("earn")) {
            MemberFacts facts;
            facts.tierId = member.tier;
            facts.birthMonth = month;
            facts.birthDay = day;
            facts.hasPurchased = true;
            facts.birthdayBonusUsedThisYear = e.birthdayBonus.isEmpty();
            const EarnBreakdown most = computeEarn(rules, facts, pur.eligibleMinor, date);
            if (most.amountTooLarge || e.points > most.totalPoints)
                return refuse(QStringLiteral("%1 points is more than rules %2 give for %3 (at most %4).")
                                  .arg(e.points)
                                  .arg(rules.version)
                                  .arg(pur.eligibleMinor)
                                  .arg(most.totalPoints));
        } else {
            const qint64 gift = e.kind == QLatin1String("first_purchase_gift")
                                    ? rules.gifts.firstPurchasePoints
                                    : rules.birthday.giftPoints;
            if (e.points != gift)
                return refuse(QStringLiteral("The %1 is %2 points under rules %3.")
                                  .arg(e.kind)
                                  .arg(gift)
                                  .arg(rules.version));
        }
    }
    for (const QString &g : std::as_const(granted))
        m_birthdayGranted.insert(g);
    return std::optional<Refusal>();
}

// Whether the member's birthday gift (`what` birthday_gift) or birthday bonus (`what` bonus) of `period`
// was given before: in this push, or in the ledger.
Result<bool> PointsCheck::birthdayUsed(const QString &member, const QString &what, const QString &period,
                                       const BirthdayRules &rules, int month, int day, const QTimeZone &zone)
{
    if (m_birthdayGranted.contains(member + QLatin1Char('\n') + what + QLatin1Char('\n') + period))
        return true;
    if (what == QLatin1String("bonus")) {
        auto rows = m_c.query(QStringLiteral("SELECT id FROM entries WHERE member = $1 AND kind = 'earn' AND "
                                             "data LIKE $2"),
                              {member, QStringLiteral("%\"birthdayBonus\":\"%1\"%").arg(period)});
        if (!rows)
            return rows.error();
        return !rows->isEmpty();
    }
    auto rows = m_c.query(
        QStringLiteral("SELECT at FROM entries WHERE member = $1 AND kind = 'birthday_gift'"), {member});
    if (!rows)
        return rows.error();
    for (qsizetype r = 0; r < rows->size(); ++r) {
        const QDate at = QDateTime::fromMSecsSinceEpoch(rows->int64(r, 0), zone).date();
        if (birthdayPeriod(rules, month, day, at) == period)
            return true;
    }
    return false;
}

// A void gives back exactly what the voided action wrote: the negatives of the purchase's linked entries
// (a purchase voided once, known to the server), or, without a purchase, one redemption not voided yet.
Result<std::optional<Refusal>> PointsCheck::checkVoid(const ParsedOp &p, const MemberRecord &member)
{
    QList<qint64> undone;
    for (const WireEntry &e : p.entries)
        undone << -e.points;
    std::sort(undone.begin(), undone.end());
    if (p.voidedPurchase.isEmpty()) {
        for (qint64 points : std::as_const(undone)) {
            auto rows = m_c.query(QStringLiteral("SELECT kind, COUNT(*) FROM entries WHERE member = $1 AND "
                                                 "((kind = 'redeem' AND points = $2) OR (kind = 'void' AND "
                                                 "purchase IS NULL AND points = $3)) GROUP BY kind"),
                                  {member.id, points, -points});
            if (!rows)
                return rows.error();
            qint64 open = 0;
            for (qsizetype r = 0; r < rows->size(); ++r)
                open += rows->text(r, 0) == QLatin1String("redeem") ? rows->int64(r, 1) : -rows->int64(r, 1);
            if (points >= 0 || open <= 0 || undone.size() > 1)
                return refuse(QStringLiteral("The void does not match a redemption of this member."));
        }
        return std::optional<Refusal>();
    }
    auto purchase =
        m_c.query(QStringLiteral("SELECT voided FROM purchases WHERE id = $1"), {p.voidedPurchase});
    if (!purchase)
        return purchase.error();
    if (purchase->isEmpty())
        return std::optional<Refusal>(
            Refusal{reason::UnknownPurchase,
                    QStringLiteral("The server does not know purchase %1.").arg(p.voidedPurchase)});
    if (purchase->int64(0, 0) != 0)
        return refuse(QStringLiteral("Purchase %1 was voided already.").arg(p.voidedPurchase));
    auto linked =
        m_c.query(QStringLiteral("SELECT points FROM entries WHERE purchase = $1"), {p.voidedPurchase});
    if (!linked)
        return linked.error();
    QList<qint64> wrote;
    for (qsizetype r = 0; r < linked->size(); ++r)
        wrote << linked->int64(r, 0);
    std::sort(wrote.begin(), wrote.end());
    if (wrote != undone)
        return refuse(QStringLiteral("A void must take back exactly the entries of purchase %1.")
                          .arg(p.voidedPurchase));
    return std::optional<Refusal>();
}

// A refund takes back the share of the purchase's earn that the till's own rule gives (refundReversal:
// proportional, the last part exactly what is left), and on the last part its gifts too; it gives back
// at most what was redeemed on the receipt and not given back yet, and only on the last part.
Result<std::optional<Refusal>> PointsCheck::checkRefund(const ParsedOp &p, const MemberRecord &member)
{
    const WireRefund &refund = *p.refund;
    auto pur =
        m_c.query(QStringLiteral("SELECT amount, refunded, receipt, member FROM purchases WHERE id = $1"),
                  {refund.purchase});
    if (!pur)
        return pur.error();
    if (pur->isEmpty())
        return std::optional<Refusal>(); // Apply answers unknown_purchase
    auto again = m_c.query(QStringLiteral("SELECT id FROM refunds WHERE id = $1"), {refund.id});
    if (!again)
        return again.error();
    if (!again->isEmpty())
        return refuse(QStringLiteral("Refund %1 was applied already.").arg(refund.id));
    const qint64 amount = pur->int64(0, 0);
    const qint64 refunded = pur->int64(0, 1);
    if (refund.amountMinor > amount - refunded)
        return refuse(QStringLiteral("Only %1 of purchase %2 is left to refund.")
                          .arg(amount - refunded)
                          .arg(refund.purchase));
    auto linked =
        m_c.query(QStringLiteral("SELECT kind, points FROM entries WHERE purchase = $1"), {refund.purchase});
    if (!linked)
        return linked.error();
    qint64 earned = 0, gifts = 0, reversed = 0;
    for (qsizetype r = 0; r < linked->size(); ++r) {
        const QString kind = linked->text(r, 0);
        const qint64 points = linked->int64(r, 1);
        if (kind == QLatin1String("earn"))
            earned += points;
        else if (kind == QLatin1String("first_purchase_gift") || kind == QLatin1String("birthday_gift"))
            gifts += points;
        else if (kind == QLatin1String("refund_reversal"))
            reversed -= points;
    }
    const bool last = refunded + refund.amountMinor == amount;
    const qint64 expected =
        refundReversal(earned, amount, refunded, refund.amountMinor, reversed) + (last ? gifts : 0);
    qint64 taken = 0, restored = 0;
    for (const WireEntry &e : p.entries)
        (e.kind == QLatin1String("refund_reversal") ? taken : restored) += e.points;
    if (-taken != expected)
        return refuse(QStringLiteral("This refund takes back %1 points of purchase %2.")
                          .arg(expected)
                          .arg(refund.purchase));
    if (restored == 0)
        return std::optional<Refusal>();
    auto redeemed =
        m_c.query(QStringLiteral("SELECT points, data FROM entries WHERE store = $1 AND member IN ($2, $3) "
                                 "AND kind IN ('redeem', 'redeem_restore')"),
                  {m_store, member.id, pur->text(0, 3)});
    if (!redeemed)
        return redeemed.error();
    qint64 open = 0;
    for (qsizetype r = 0; r < redeemed->size(); ++r) {
        if (parseStoredJson(redeemed->text(r, 1)).value(QStringLiteral("receipt")).toString() ==
            pur->text(0, 2))
            open -= redeemed->int64(r, 0);
    }
    if (!last || restored > open)
        return refuse(
            QStringLiteral("This refund gives back more points than were redeemed on its receipt."));
    return std::optional<Refusal>();
}

// The window ends at the op's time, as the till counted it, but a till cannot claim spend from further
// back than a month before the server's clock (a back-dated op would count purchases that have left the
// window); an earn's own purchase counts with it, as the till counts it (tierAfterPurchase).
Result<std::optional<Refusal>> PointsCheck::checkTier(const ParsedOp &p, const MemberRecord &member,
                                                      qint64 nowMs)
{
    if (!p.tierChange)
        return std::optional<Refusal>();
    const WireTierChange &tc = *p.tierChange;
    auto found = rulesFor(p.rulesVersion);
    if (!found)
        return found.error();
    const LoyaltyRules *rules = found.value();
    auto tierRefused = [](const QString &message) {
        return std::optional<Refusal>(Refusal{reason::TierRefused, message});
    };
    if (!rules)
        return tierRefused(QStringLiteral("The server does not know loyalty rules version %1.")
                               .arg(p.rulesVersion.left(64)));
    const int to = tierRank(*rules, tc.to);
    if (to < 0)
        return tierRefused(QStringLiteral("Rules %1 have no tier %2.").arg(rules->version, tc.to.left(64)));
    if (to <= tierRank(*rules, member.tier))
        return std::optional<Refusal>(); // not an upgrade of what the server holds: Apply decides by HLC
    auto zone = timeZone();
    if (!zone)
        return zone.error();
    constexpr qint64 MaxBackMs = qint64(31) * 86'400'000;
    const qint64 at = std::clamp(p.at, nowMs - MaxBackMs, nowMs);
    const QDateTime asOf = QDateTime::fromMSecsSinceEpoch(at, zone.value());
    CP_TRY_ASSIGN(TierRecord record, tierRecord(m_c, member.id, rules->tiers, asOf));
    if (p.purchase) {
        auto counted = m_c.query(QStringLiteral("SELECT id FROM purchases WHERE id = $1"), {p.purchase->id});
        if (!counted)
            return counted.error();
        if (counted->isEmpty()) {
            record.spendMinor += p.purchase->amountMinor;
            if (rules->tiers.countsVisits())
                record.visitDays.append(asOf.date());
        }
    }
    const Tier &reached = tierEarned(*rules, record, asOf.date());
    if (tierRank(*rules, reached.id) >= to)
        return std::optional<Refusal>();
    return tierRefused(
        QStringLiteral("The server records a spend of %1 and %2 visits over the last %3 months "
                       "for member %4, which reach tier %5, not %6.")
            .arg(record.spendMinor)
            .arg(record.visitDays.size())
            .arg(rules->tiers.windowMonths)
            .arg(member.id, reached.id, tc.to.left(64)));
}

Result<const LoyaltyRules *> PointsCheck::rulesFor(const QString &version)
{
    auto it = m_rules.find(version);
    if (it == m_rules.end()) {
        auto rows = m_c.query(QStringLiteral("SELECT document FROM rules WHERE version = $1"), {version});
        if (!rows)
            return rows.error();
        std::optional<LoyaltyRules> rules;
        if (!rows->isEmpty()) {
            auto parsed = LoyaltyRules::fromJson(rows->text(0, 0).toUtf8());
            if (parsed)
                rules = parsed.value();
        } else if (version == LoyaltyRules::defaults().version) {
            rules = LoyaltyRules::defaults(); // a till that never received the chain's rules
        }
        it = m_rules.insert(version, rules);
    }
    return it->has_value() ? &it->value() : nullptr;
}

Result<QTimeZone> PointsCheck::timeZone()
{
    if (!m_zone) {
        auto rows = m_c.query(QStringLiteral("SELECT time_zone FROM stores WHERE id = $1"), {m_store});
        if (!rows)
            return rows.error();
        const QTimeZone zone(rows->isEmpty() ? QByteArray() : rows->text(0, 0).toUtf8());
        m_zone = zone.isValid() ? zone : QTimeZone::utc();
    }
    return *m_zone;
}

} // namespace counterpart::server
