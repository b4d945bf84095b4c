#pragma once

// Spending by card (docs/security.md, "Spending by card"): a member found by anything but their full
// phone number may be a photographed card. Beyond the rules' redemption.confirmAbovePoints in a day, a
// redemption then needs four digits of the member's phone (PhoneNumber::askedDigits). Five wrong answers
// within 15 minutes lock spending by card for that member on this till for 15 minutes. Wrong answers,
// locks and tries while locked are audit rows (never the digits), and the lock is counted from them.

#include "app/Till.h"

namespace counterpart {

class TillContext;
struct MemberRow;

class CardSpending
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    explicit CardSpending(TillContext &ctx)
        : m_ctx(ctx)
    {}

    // What the cashier must ask the member before `request` spends `points`: empty when nothing. Refused
    // while spending by card is locked for the member. Writes nothing.
    Result<QString> question(const MemberRow &row, const RedeemRequest &request, qint64 points);
    // Inside redeem()'s transaction: passes when nothing is asked or the digits are right. A wrong answer
    // or a try while locked writes its audit row and sets `recorded`: the caller commits that row before
    // it returns the error.
    Status check(const MemberRow &row, const RedeemRequest &request, qint64 points, bool &recorded);

private:
    bool foundByPhone(const MemberRow &row, const RedeemRequest &request) const;
    Result<std::optional<qint64>> lockedUntil(const MemberRow &row);
    Result<bool> asks(const MemberRow &row, qint64 points);
    Status wrongAnswer(const MemberRow &row);
    Error lockedError(qint64 untilMs) const;
    QString askText(const MemberRow &row) const;

    TillContext &m_ctx;
};

} // namespace counterpart
