// Operations made by someone head office switched off (docs/sync-protocol.md, "Staff"). A till learns of
// a deactivation at its next sync; what it did offline before then is real (the customer paid, the
// points were given), so it is kept, and flagged for head office to look at.

#include "server/apply/Apply.h"

namespace counterpart::server {

using namespace counterpart::sync;

Status Apply::flagSwitchedOffStaff(const ParsedOp &p, qint64 balance, OpResult &result)
{
    if (p.operatorId.isEmpty())
        return {};
    if (!m_switchedOffAt.contains(p.operatorId)) {
        auto rows = m_c.query(QStringLiteral("SELECT deactivated_at FROM staff WHERE id = $1 AND active = 0"),
                              {p.operatorId});
        if (!rows)
            return rows.error();
        m_switchedOffAt.insert(p.operatorId, rows->isEmpty() ? std::nullopt : rows->optionalInt64(0, 0));
    }
    const std::optional<qint64> since = m_switchedOffAt.value(p.operatorId);
    if (!since || p.at < *since)
        return {};
    const QString member = p.kind == OpKind::MemberRegister && p.profile ? p.profile->id : p.member;
    CP_TRY(flag(QStringLiteral("staff_switched_off"), member, p, balance));
    result.flags << QStringLiteral("staff_switched_off");
    return {};
}

} // namespace counterpart::server
