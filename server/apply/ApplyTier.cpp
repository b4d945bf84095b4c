// The applier of a tier change (tier.change, or one an earn carries).

#include "core/Loyalty.h"
#include "server/apply/Apply.h"

namespace counterpart::server {

using namespace counterpart::sync;

// Upgrades always apply (the highest tier wins); a downgrade applies when its HLC is newer than the
// tier's. Returns whether the tier changed.
Result<bool> Apply::applyTier(MemberRecord &member, const WireTierChange &tc, const ParsedOp &p)
{
    // clang-format off
    auto inserted = m_c.query(QStringLiteral(R"(
INSERT INTO tier_changes (id, member, from_tier, to_tier, reason, hlc, applied, op_id)
VALUES ($1, $2, $3, $4, $5, $6, 0, $7) ON CONFLICT DO NOTHING RETURNING id)"),
                              {tc.id, member.id, tc.from, tc.to, tc.reason, p.hlc, p.opId});
    // clang-format on
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
    CP_TRY(
        m_c.exec(QStringLiteral("UPDATE members SET tier = $2, tier_since = $3, tier_hlc = $4 WHERE id = $1"),
                 {member.id, tc.to, p.at, hlc}));
    CP_TRY(m_c.exec(QStringLiteral("UPDATE tier_changes SET applied = 1 WHERE id = $1"), {tc.id}));
    member.tier = tc.to;
    member.tierHlc = hlc;
    m_log.member(member.id);
    return true;
}

} // namespace counterpart::server
