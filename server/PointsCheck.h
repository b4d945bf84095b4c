#pragma once

// What the server checks of every points-bearing operation before it writes anything
// (docs/sync-protocol.md, "What the server checks of points"): the points must be what the chain's
// loyalty rules give — the version each entry says it was computed under — against the server's own
// records of the member and the purchase. A till's word is not enough: one stolen till secret must not
// mint points redeemable at every store.
//
// One PointsCheck lives for one push transaction. Earns and gifts are decided from what Apply already
// read ahead (the member row with its balance, tier and birthday, the gifts) plus the rules and the
// store's time zone, read once per push; voids and refunds (which read their rows directly anyway) read
// the purchase's linked entries. What this push accepted is remembered here, so two copies in one batch
// are decided as they would be one push at a time.

#include "core/LoyaltyRules.h"
#include "core/Result.h"
#include "server/ChangeLog.h"
#include "server/Sql.h"
#include "server/TerminalTrust.h"
#include "sync/protocol/Wire.h"

#include <QHash>
#include <QSet>
#include <QTimeZone>

#include <optional>

namespace counterpart::server {

// Adjustments: larger than this are refused (the till's own limit); above the threshold they stand but
// head office is told (flag `large_adjust`). The approver must be a registered manager of the store
// (`admin managers`) once the store has any; until then every adjustment is flagged
// `unregistered_approver`.
inline constexpr qint64 MaxAdjustPoints = 1'000'000;
inline constexpr qint64 AdjustFlagPoints = 10'000;

class PointsCheck
{
public:
    PointsCheck(SqlConnection &c, QString store);

    // Before op `p` writes anything; `member` is the member its entries go to (aliases resolved), as the
    // batch knows it (balance included the batch's queued moves). Nothing: the op may go on.
    Result<std::optional<Refusal>> check(const sync::ParsedOp &p, const MemberRecord &member);

    // A tier upgrade (tier.change, or an earn's tierChange) at the server's time `nowMs`: only as far as
    // the member's spend over the rules' window, as the server's records have it, reaches. The tables
    // must hold every earlier op of the push (Apply writes its queue before such an op).
    Result<std::optional<Refusal>> checkTier(const sync::ParsedOp &p, const MemberRecord &member,
                                             qint64 nowMs);

    // The flags an accepted op raises for head office (after check() passed it).
    QStringList flagsFor(const sync::ParsedOp &p) const;

    // The store's time zone (UTC when it has none that Qt knows), read once a push.
    Result<QTimeZone> timeZone();

private:
    Result<const LoyaltyRules *> rulesFor(const QString &version);
    Result<const QSet<QString> *> managers(); // the store's registered managers, read once a push
    Result<std::optional<Refusal>> checkAdjust(const sync::ParsedOp &p);
    Result<std::optional<Refusal>> checkEarn(const sync::ParsedOp &p, const MemberRecord &member);
    Result<std::optional<Refusal>> checkVoid(const sync::ParsedOp &p, const MemberRecord &member);
    Result<std::optional<Refusal>> checkRefund(const sync::ParsedOp &p, const MemberRecord &member);
    Result<bool> birthdayUsed(const QString &member, const QString &kindOrBonus, const QString &period,
                              const BirthdayRules &rules, int month, int day, const QTimeZone &zone);

    SqlConnection &m_c;
    QString m_store;
    QHash<QString, std::optional<LoyaltyRules>> m_rules; // version -> rules (nothing: unknown)
    std::optional<QTimeZone> m_zone;
    std::optional<QSet<QString>> m_managers;
    QSet<QString> m_birthdayGranted; // member + '\n' + kind + '\n' + period, accepted in this push
};

} // namespace counterpart::server
