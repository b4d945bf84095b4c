#include "server/TerminalTrust.h"

#include "core/MemberCode.h"
#include "sync/protocol/Hlc.h"
#include "sync/protocol/Wire.h"

#include <QDateTime>
#include <QTimeZone>

namespace counterpart::server {

namespace {

// The member `id` lives on now: itself, or the member its alias chain ends at.
Result<QString> livesOn(SqlConnection &c, const QString &id)
{
    QString current = id;
    for (int hop = 0; hop < 4; ++hop) {
        auto rows = c.query(QStringLiteral("SELECT merged_into FROM members WHERE id = $1"), {current});
        if (!rows)
            return rows.error();
        if (rows->isEmpty() || rows->isNull(0, 0))
            return current;
        current = rows->text(0, 0);
    }
    return current;
}

} // namespace

std::optional<Refusal> checkStamp(const QString &hlc, const QString &terminal, qint64 nowMs)
{
    const sync::Hlc stamp = sync::Hlc::parse(hlc);
    if (stamp.terminal() != terminal)
        return Refusal{sync::reason::HlcTerminal,
                       QStringLiteral("The operation's clock stamp names another terminal than the one that "
                                      "sent it.")};
    if (stamp.isAheadOf(nowMs))
        return Refusal{
            sync::reason::ClockAhead,
            QStringLiteral("The operation's clock stamp (%1) is more than %2 minutes ahead of the server's "
                           "clock (%3). Correct the till's clock and make the change again.")
                .arg(QDateTime::fromMSecsSinceEpoch(stamp.ms(), QTimeZone::utc()).toString(Qt::ISODate),
                     QString::number(sync::Hlc::MaxAheadMs / 60'000),
                     QDateTime::fromMSecsSinceEpoch(nowMs, QTimeZone::utc()).toString(Qt::ISODate))};
    return std::nullopt;
}

Result<std::optional<Refusal>> checkPurchaseOwner(SqlConnection &c, const QString &purchaseId,
                                                  const QString &store, const QString &member)
{
    auto rows = c.query(QStringLiteral("SELECT store, member FROM purchases WHERE id = $1"), {purchaseId});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<Refusal>();
    if (rows->text(0, 0) != store)
        return std::optional<Refusal>(
            Refusal{sync::reason::ForeignPurchase,
                    QStringLiteral("Purchase %1 was made at store %2; only that store can undo or refund it.")
                        .arg(purchaseId, rows->text(0, 0))});
    const QString buyer = rows->text(0, 1);
    if (buyer == member)
        return std::optional<Refusal>();
    auto buyerNow = livesOn(c, buyer);
    if (!buyerNow)
        return buyerNow.error();
    if (buyerNow.value() == member)
        return std::optional<Refusal>();
    return std::optional<Refusal>(
        Refusal{sync::reason::WrongMember,
                QStringLiteral("Purchase %1 belongs to another member than the one named.").arg(purchaseId)});
}

Result<CodeVerdict> checkMemberCode(SqlConnection &c, const QString &code, const QString &hlc,
                                    const QString &terminal, int number, qint64 enrolledAt)
{
    CodeVerdict verdict;
    auto parsed = MemberCode::parse(code);
    if (code.isEmpty() || !parsed || parsed->terminalNumber() == number)
        return verdict; // no code, or the till's own; parseOp has checked the digits already
    const int prefix = parsed->terminalNumber();
    if (sync::Hlc::parse(hlc).ms() >= enrolledAt + sync::Hlc::MaxAheadMs) {
        verdict.refusal = Refusal{
            sync::reason::ForeignCode,
            QStringLiteral("Member code %1 is made under terminal number %2, but this till is terminal %3 "
                           "since its enrolment.")
                .arg(parsed->grouped())
                .arg(prefix)
                .arg(number)};
        return verdict;
    }
    verdict.foreign = true;
    auto other = c.query(QStringLiteral("SELECT id FROM terminals WHERE number = $1 AND id <> $2"),
                         {qint64(prefix), terminal});
    if (!other)
        return other.error();
    verdict.withhold = !other->isEmpty();
    return verdict;
}

} // namespace counterpart::server
