// The applier of member.update: last writer wins per profile field, by HLC.

#include "server/apply/Apply.h"

namespace counterpart::server {

using namespace counterpart::sync;

Result<OpOutcome> Apply::updateMember(const ParsedOp &p, MemberRecord member)
{
    // A till that edited the member offline before it heard of the erasure: nothing comes back.
    if (member.erasedAt)
        return reject(reason::MemberErased,
                      QStringLiteral("The member's personal data was erased at their request; it is not "
                                     "written again."));
    const QJsonObject sent = p.fields ? p.fields->toJsonObject() : QJsonObject();
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

} // namespace counterpart::server
