// Spending by card: when a redemption asks for four digits of the member's phone, whether they are
// right, and the lock after too many wrong answers.

#include "app/CardSpending.h"

#include "app/TillContext.h"
#include "storage/Stores.h"
#include "storage/TillQueries.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimeZone>

namespace counterpart {

namespace {

constexpr int MaxWrongAnswers = 5;
constexpr qint64 WrongAnswerWindowMs = 15 * 60 * 1000; // wrong answers count this long
constexpr qint64 CardLockMs = 15 * 60 * 1000;          // and lock spending by card this long

const QString WrongAction = QStringLiteral("points.redeem_digits_wrong");
const QString LockAction = QStringLiteral("points.redeem_card_locked");
const QString WhileLockedAction = QStringLiteral("points.redeem_while_locked");

// The digits as the cashier typed them: ASCII or full-width (a Chinese input method), spaces ignored.
// Empty when anything else is in them.
QString typedDigits(const QString &text)
{
    QString out;
    for (QChar c : text) {
        const ushort u = c.unicode();
        if (u >= 0xFF10 && u <= 0xFF19)
            c = QChar(u - 0xFF10 + '0');
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            out.append(c);
        else if (!c.isSpace())
            return {};
    }
    return out;
}

} // namespace

Result<QString> CardSpending::question(const MemberRow &row, const RedeemRequest &request, qint64 points)
{
    if (foundByPhone(row, request))
        return QString();
    CP_TRY_ASSIGN(const std::optional<qint64> until, lockedUntil(row));
    if (until)
        return lockedError(*until);
    CP_TRY_ASSIGN(const bool asked, asks(row, points));
    return asked ? askText(row) : QString();
}

Status CardSpending::check(const MemberRow &row, const RedeemRequest &request, qint64 points, bool &recorded)
{
    recorded = false;
    if (foundByPhone(row, request))
        return {};
    CP_TRY_ASSIGN(const std::optional<qint64> until, lockedUntil(row));
    if (until) {
        CP_TRY(m_ctx.audit(WhileLockedAction, row.localId, {}, {},
                           QJsonObject{{QStringLiteral("points"), points}}));
        recorded = true;
        return lockedError(*until);
    }
    CP_TRY_ASSIGN(const bool asked, asks(row, points));
    if (!asked)
        return {};
    const QString expected = PhoneNumber::fromE164(row.phone).askedDigits();
    if (request.phoneDigits.trimmed().isEmpty() || expected.isEmpty())
        return makeError(ErrorCode::SecondFactorNeeded, askText(row));
    const QString given = typedDigits(request.phoneDigits);
    if (given.size() != expected.size())
        return makeError(ErrorCode::InvalidInput, tr("Type the 4 digits the member gives, digits only."));
    if (given == expected)
        return {};
    recorded = true;
    return wrongAnswer(row);
}

// Knowing the member's full number is the proof: the number that found them is their phone now. A
// number they had before does not count (it may be someone else's by now), nor does anything else.
bool CardSpending::foundByPhone(const MemberRow &row, const RedeemRequest &request) const
{
    const QString with = request.foundWith.trimmed().isEmpty() ? request.member : request.foundWith;
    if (row.phone.isEmpty())
        return false;
    auto phone = PhoneNumber::parse(with, m_ctx.config().region);
    return phone.ok() && phone->e164() == row.phone;
}

// Until when spending by card is locked for the member on this till, if it is.
Result<std::optional<qint64>> CardSpending::lockedUntil(const MemberRow &row)
{
    const qint64 now = m_ctx.clock().nowMs();
    CP_TRY_ASSIGN(const AuditStore::Tally locks,
                  AuditStore(m_ctx.db()).tally(row.localId, LockAction, now - CardLockMs));
    if (locks.count == 0)
        return std::optional<qint64>();
    return std::optional<qint64>(locks.latestMs + CardLockMs);
}

// Whether `points`, with what the member already redeemed today (at any till, whoever found them), is
// more than a card alone may spend in a day.
Result<bool> CardSpending::asks(const MemberRow &row, qint64 points)
{
    const qint64 allowance = m_ctx.rules().redemption.confirmAbovePoints;
    if (points > allowance)
        return true;
    CP_TRY_ASSIGN(
        const qint64 today,
        TillQueries(m_ctx.db()).redeemedQuantitySince(row.localId, {}, m_ctx.localMidnightMs(m_ctx.today())));
    return today + points > allowance;
}

// Records a wrong answer; the fifth within the window locks spending by card for the member.
Status CardSpending::wrongAnswer(const MemberRow &row)
{
    const qint64 now = m_ctx.clock().nowMs();
    CP_TRY(m_ctx.audit(WrongAction, row.localId, {}, {}, QJsonObject{}));
    CP_TRY_ASSIGN(const AuditStore::Tally wrong,
                  AuditStore(m_ctx.db()).tally(row.localId, WrongAction, now - WrongAnswerWindowMs));
    if (wrong.count >= MaxWrongAnswers) {
        CP_TRY(m_ctx.audit(LockAction, row.localId, {}, {},
                           QJsonObject{{QStringLiteral("minutes"), int(CardLockMs / 60000)}}));
        return makeError(
            ErrorCode::Refused,
            tr("Those digits are wrong again. After %1 wrong answers, spending by card is locked "
               "for this member on this till until %2. To spend now, find them by their full "
               "phone number; earning still works.")
                .arg(MaxWrongAnswers)
                .arg(QDateTime::fromMSecsSinceEpoch(now + CardLockMs, QTimeZone(m_ctx.config().timeZone))
                         .toString(QStringLiteral("HH:mm"))));
    }
    return makeError(ErrorCode::Refused,
                     tr("Those digits do not match the member's phone number. Nothing was redeemed. Wrong "
                        "answers left before spending by card is locked for 15 minutes: %1.")
                         .arg(MaxWrongAnswers - wrong.count));
}

Error CardSpending::lockedError(qint64 untilMs) const
{
    const QString until = QDateTime::fromMSecsSinceEpoch(untilMs, QTimeZone(m_ctx.config().timeZone))
                              .toString(QStringLiteral("HH:mm"));
    return makeError(ErrorCode::Refused,
                     tr("Spending by card is locked for this member on this till until %1, after %2 wrong "
                        "answers about their phone number. To spend now, find them by their full phone "
                        "number; earning still works.")
                         .arg(until)
                         .arg(MaxWrongAnswers));
}

// What to ask, and why, in the cashier's words.
QString CardSpending::askText(const MemberRow &row) const
{
    const PhoneNumber phone = PhoneNumber::fromE164(row.phone);
    const int allowance = m_ctx.rules().redemption.confirmAbovePoints;
    if (phone.askedDigits().isEmpty())
        return tr("Found by card, not by phone number. To spend this, find the member by their full phone "
                  "number: there are no phone digits to ask them for.");
    if (phone.askedDigitsAreFirst())
        return allowance > 0
                   ? tr("Found by card, not by phone number. To spend more than %1 points today, ask "
                        "the member for the first 4 digits of their phone number: a card can be "
                        "photographed.")
                         .arg(allowance)
                   : tr("Found by card, not by phone number. To spend points, ask the member for "
                        "the first 4 digits of their phone number: a card can be photographed.");
    return allowance > 0
               ? tr("Found by card, not by phone number. To spend more than %1 points today, ask the "
                    "member for the 4 digits before the last four of their phone number: a card "
                    "can be photographed.")
                     .arg(allowance)
               : tr("Found by card, not by phone number. To spend points, ask the member for the 4 "
                    "digits before the last four of their phone number: a card can be "
                    "photographed.");
}

} // namespace counterpart
