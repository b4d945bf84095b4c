#pragma once

// Members: registering, finding (lookup, by phone, code, card, name) and showing them, and the few
// changes a member's record takes at the till (note, consent). Till's "members" use cases.

#include "app/Till.h"

namespace counterpart {

class TillContext;
struct MemberRow;

class MemberService
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    explicit MemberService(TillContext &ctx)
        : m_ctx(ctx)
    {}

    Result<RegisterOutcome> registerMember(const RegisterRequest &request);

    Result<LookupResult> lookup(const QString &text);
    Result<std::optional<Member>> findByPhone(const QString &phoneText);
    Result<std::optional<Member>> findByPhone(const PhoneNumber &phone);
    // A member who had this number before a phone change and is still found by it.
    Result<std::optional<Member>> findByPreviousPhone(const PhoneNumber &phone);
    Result<QList<Member>> findByLast4(const QString &digits, int limit = 20);
    Result<QList<Member>> findByNamePrefix(const QString &prefix, int limit = 20);
    Result<std::optional<Member>> findByCode(const QString &code);
    Result<std::optional<Member>> findByScan(const QString &payload);
    Result<std::optional<Member>> findById(const Uuid &id);
    Result<qint64> memberCount();
    Result<Member> resolve(const QString &reference, bool includeClosed = false);

    Result<MemberCard> card(const Uuid &memberId);
    Status setNote(const Uuid &memberId, const QString &note);
    Status setMarketingConsent(const Uuid &memberId, bool consent);
    Result<Member> updateProfile(const Uuid &memberId, const ProfileChange &change,
                                 const std::optional<ManagerApproval> &approval);
    Result<Member> changePhone(const Uuid &memberId, const QString &phoneText,
                               const std::optional<ManagerApproval> &approval);
    Result<QStringList> previousPhones(const Uuid &memberId);
    Result<ClosedMembership> closeMembership(const Uuid &memberId, const QString &reason,
                                             const std::optional<ManagerApproval> &approval);
    Result<ClosedMembership> eraseMember(const Uuid &memberId,
                                         const std::optional<ManagerApproval> &approval);
    Result<std::pair<std::optional<QDate>, QString>>
    privateDetails(const Uuid &memberId, const std::optional<ManagerApproval> &approval);

private:
    Result<qint64> closeInTransaction(const MemberRow &row, const QString &why, const QString &approvedBy);

    TillContext &m_ctx;
};

} // namespace counterpart
