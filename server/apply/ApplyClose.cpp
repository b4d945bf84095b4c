// The appliers of member.close and member.erase, and of the ops that reach a membership after it was closed.

#include "server/Log.h"
#include "server/apply/Apply.h"

namespace counterpart::server {

using namespace counterpart::sync;

// The balance left is forfeited by the op's entry (checked as an adjustment: a manager of the store
// approved it), then the membership is closed; every till learns it from the member's change. Closing
// is final: a second closing (another till, offline) is rejected, and that till takes its forfeit back.
Result<OpOutcome> Apply::closeMember(const ParsedOp &p, MemberRecord member)
{
    if (member.status != QLatin1String("active"))
        return reject(reason::MemberClosed, QStringLiteral("This membership was already closed."));
    CP_TRY_ASSIGN(OpOutcome outcome, applyPoints(p, member));
    if (outcome.rejected)
        return outcome;
    CP_TRY(m_c.exec(QStringLiteral("UPDATE members SET status = 'closed' WHERE id = $1"), {member.id}));
    m_log.member(member.id);
    qCInfo(lcServer).noquote() << "terminal" << m_terminal.id << "closed a membership";
    return outcome;
}

// Personal data erased at the member's request (docs/sync-protocol.md, "member.erase"): the membership is
// closed if it was not (the till sent its member.close, with the forfeit, just before), and the number,
// profile and previous numbers are gone. The id, code, entries and purchases stay, anonymous. Erasing
// twice is erasing once. Points the member still holds (a forfeit refused) are flagged for head office.
Result<OpOutcome> Apply::eraseMember(const ParsedOp &p, MemberRecord member)
{
    if (member.erasedAt)
        return OpOutcome{};
    CP_TRY(m_c.exec(
        QStringLiteral("UPDATE members SET status = 'closed', phone = '', profile = '{}', field_hlc = "
                       "'{}', previous_phones = '[]', erased_at = $2 WHERE id = $1"),
        {member.id, m_now}));
    m_log.member(member.id);
    qCInfo(lcServer).noquote() << "terminal" << m_terminal.id << "erased a member's personal data";
    OpOutcome outcome;
    outcome.balance = member.balance;
    if (member.balance != 0) {
        CP_TRY(flag(QStringLiteral("erased_with_points"), member.id, p, member.balance));
        outcome.flags << QStringLiteral("erased_with_points");
    }
    return outcome;
}

// An earn, a refund or any points op a till made before it learnt of the closing: the sale happened, so
// it applies (no point is lost), and head office is told.
Result<OpOutcome> Apply::applyToClosed(const ParsedOp &p, MemberRecord &member)
{
    CP_TRY_ASSIGN(OpOutcome outcome, applyPoints(p, member));
    if (outcome.rejected)
        return outcome;
    CP_TRY(flag(QStringLiteral("closed_member"), member.id, p, outcome.balance));
    outcome.flags << QStringLiteral("closed_member");
    return outcome;
}

} // namespace counterpart::server
