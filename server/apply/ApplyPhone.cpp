// The applier of member.phone: a member's new number, checked against every active member of the chain.
// The old number joins the member's previous numbers, findable for the rules' members.oldPhoneDays.

#include "server/Log.h"
#include "server/apply/Apply.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

// The member's previous numbers after a change from `previous` to `current`: those still findable at
// `now`, never the current one, the one just left last (until = now + days).
QJsonArray previousAfter(const QJsonArray &before, const QString &previous, const QString &current,
                         qint64 now, int days)
{
    QJsonArray out;
    for (const QJsonValue &v : before) {
        const QString phone = v.toObject().value(QStringLiteral("phone")).toString();
        if (phone == previous || phone == current)
            continue;
        if (v.toObject().value(QStringLiteral("until")).toInteger() > now)
            out.append(v);
    }
    if (days > 0)
        out.append(QJsonObject{{QStringLiteral("phone"), previous},
                               {QStringLiteral("until"), now + qint64(days) * 86'400'000}});
    while (out.size() > MaxPreviousPhones)
        out.removeFirst();
    return out;
}

} // namespace

// One phone, one active member, as at registration: a number another member holds is refused, and the
// till that sent it puts the old number back. Two tills changing the same member's number: the later
// HLC wins, like a profile field.
Result<OpOutcome> Apply::changePhone(const ParsedOp &p, MemberRecord member)
{
    if (member.status != QLatin1String("active"))
        return reject(reason::MemberClosed,
                      QStringLiteral("The membership is closed; its phone number no longer changes."));
    const QString stamp = member.fieldHlc.value(QStringLiteral("phone")).toString();
    if (!hlcNewer(p.hlc, stamp) || member.phone == p.phone)
        return OpOutcome{}; // a later change won, or nothing to do
    auto holder = m_c.query(
        QStringLiteral("SELECT id FROM members WHERE phone = $1 AND status = 'active' AND id <> $2"),
        {p.phone, member.id});
    if (!holder)
        return holder.error();
    if (!holder->isEmpty())
        return reject(reason::PhoneTaken,
                      QStringLiteral("The new phone number belongs to another member of the chain."));
    const QJsonArray previous =
        previousAfter(member.previousPhones, member.phone, p.phone, m_now, rules().members.oldPhoneDays);
    member.fieldHlc.insert(QStringLiteral("phone"), p.hlc);
    CP_TRY(m_c.exec(QStringLiteral("UPDATE members SET phone = $2, previous_phones = $3, field_hlc = $4 "
                                   "WHERE id = $1"),
                    {member.id, p.phone,
                     QString::fromUtf8(QJsonDocument(previous).toJson(QJsonDocument::Compact)),
                     QString::fromUtf8(compactJson(member.fieldHlc))}));
    m_log.member(member.id);
    qCInfo(lcServer).noquote() << "terminal" << m_terminal.id << "changed a member's phone number";
    return OpOutcome{};
}

} // namespace counterpart::server
