// The applier of member.register: a new member, or (the phone registered first elsewhere) an alias of
// the member that holds it, or a registration sent again.

#include "server/Log.h"
#include "server/apply/Apply.h"

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

// The row of a newly registered member: every profile field stamped with the op's HLC; an alias of
// `into` when that member holds the phone already.
MemberRecord newMemberRow(const ParsedOp &p, const QString &code, const QString &into)
{
    const MemberProfile &profile = *p.profile;
    const QJsonObject fields = profile.fields.toJsonObject();
    QJsonObject fieldHlc;
    for (auto it = fields.begin(); it != fields.end(); ++it)
        fieldHlc.insert(it.key(), p.hlc);
    return MemberRecord{.id = profile.id,
                        .code = code,
                        .phone = profile.phone,
                        .status = into.isEmpty() ? QStringLiteral("active") : QStringLiteral("merged"),
                        .mergedInto = into,
                        .profile = fields,
                        .fieldHlc = fieldHlc,
                        .tier = profile.tier,
                        .tierSince = profile.createdAt,
                        .tierHlc = p.hlc,
                        .channel = profile.channel,
                        .store = p.store,
                        .createdAt = profile.createdAt};
}

} // namespace

Result<OpOutcome> Apply::registerMember(const ParsedOp &p)
{
    const MemberProfile &profile = *p.profile;
    if (auto refused = m_points->check(p, MemberRecord{}); !refused || refused->has_value())
        return refusedBy(refused);
    CP_TRY_ASSIGN(const std::optional<MemberRecord> existing, m_facts.member(profile.id));
    if (existing)
        return registerAgain(p);
    // Codes only under the till's own terminal number; one made before enrolment once (TerminalTrust).
    CP_TRY_ASSIGN(const CodeVerdict verdict, checkMemberCode(m_c, profile.code, p.hlc, m_terminal.id,
                                                             m_terminal.number, m_terminal.createdAt));
    if (verdict.refusal)
        return reject(verdict.refusal->reason, verdict.refusal->message);
    CP_TRY_ASSIGN(const QString into, m_facts.phoneHolder(profile.phone));
    OpOutcome outcome;
    QString code = profile.code;
    bool taken = verdict.withhold;
    if (!taken) {
        CP_TRY_ASSIGN(taken, m_facts.codeTaken(code));
    }
    if (taken) {
        // Codes made before enrolment can collide. The member is kept (their points are real); the
        // till keeps finding them by id, and the manager is told.
        code.clear();
        outcome.flags << QStringLiteral("code_taken");
    }
    m_facts.queueMember(newMemberRow(p, code, into), p.terminal);
    m_log.member(profile.id);
    if (verdict.foreign) { // head office sees every code a till made before it enrolled
        CP_TRY(flag(QStringLiteral("foreign_code"), profile.id, p, 0));
        outcome.flags << QStringLiteral("foreign_code");
    }
    if (!into.isEmpty())
        return registerAlias(p, into, std::move(outcome));
    CP_TRY_ASSIGN(const qint64 delta, insertEntries(p, profile.id, {}));
    CP_TRY_ASSIGN(outcome.balance, m_facts.moveBalance(profile.id, delta));
    return outcome;
}

// Registered before under another op id (a till re-sent it): only entries can be new.
Result<OpOutcome> Apply::registerAgain(const ParsedOp &p)
{
    const MemberProfile &profile = *p.profile;
    CP_TRY_ASSIGN(const std::optional<MemberRecord> t, m_facts.target(profile.id));
    const QString into = t ? t->id : profile.id;
    CP_TRY_ASSIGN(const bool again, welcomeAgain(p, into));
    if (again)
        return reject(reason::PointsRefused,
                      QStringLiteral("Member %1 received the welcome gift already.").arg(into));
    CP_TRY_ASSIGN(const qint64 delta, insertEntries(p, into, {}));
    CP_TRY(m_facts.moveBalance(into, delta));
    OpOutcome outcome;
    if (into != profile.id)
        outcome.mergedInto = into;
    return outcome;
}

// The same phone was registered first elsewhere: this member becomes an alias of that one (`into`),
// which takes its entries, less the gifts it had already.
Result<OpOutcome> Apply::registerAlias(const ParsedOp &p, const QString &into, OpOutcome outcome)
{
    const MemberProfile &profile = *p.profile;
    CP_TRY(m_facts.member(into));
    m_log.member(into);
    QStringList gifts;
    CP_TRY_ASSIGN(const qint64 delta, insertEntries(p, into, {}, &gifts));
    CP_TRY_ASSIGN(const qint64 corrected, takeBackRepeatedGifts(p, into, gifts, profile.id));
    CP_TRY_ASSIGN(outcome.balance, m_facts.moveBalance(into, delta + corrected));
    m_log.add(ChangeType::Merge, MergeChange{profile.id, into}.toJsonObject());
    qCInfo(lcServer).noquote() << "merged member" << profile.id << "into" << into << "op" << p.opId;
    outcome.mergedInto = into;
    return outcome;
}

// Whether `p` carries a welcome gift the server has not seen while `member` already holds one (a
// registration sent again with new entries must not bring a second).
Result<bool> Apply::welcomeAgain(const ParsedOp &p, const QString &member)
{
    CP_TRY_ASSIGN(const QList<BatchFacts::GiftEntry> had, m_facts.giftsOf(member));
    const bool holds = std::any_of(had.cbegin(), had.cend(), [](const BatchFacts::GiftEntry &g) {
        return g.kind == QLatin1String("welcome_gift") && !g.voided;
    });
    for (const WireEntry &e : p.entries) {
        CP_TRY_ASSIGN(const bool known, m_facts.entryKnown(e.id));
        if (holds && !known)
            return true;
    }
    return false;
}

} // namespace counterpart::server
