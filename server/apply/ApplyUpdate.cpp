// The applier of member.update: last writer wins per profile field, by HLC.

#include "server/apply/Apply.h"

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

bool sealedField(const QString &key)
{
    return key == QLatin1String("birthDateEnc") || key == QLatin1String("idNumberEnc");
}

} // namespace

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
        // Last writer wins per field, by HLC; the terminal id inside the HLC breaks ties. The same stamp
        // again is the writer restating its own write: a field it sealed with its own key, now sealed
        // with the chain's (docs/security.md, "Keys for a chain"); the stamp names the sender (checked
        // for every op), and a later edit keeps its newer stamp.
        const QString stored = member.fieldHlc.value(it.key()).toString();
        const bool sameWrite = p.hlc == stored && sealedField(it.key());
        if (!sameWrite && !hlcNewer(p.hlc, stored))
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
