#pragma once

// What the server lets a terminal do beyond a well-formed operation (docs/sync-protocol.md, "What the
// server refuses"): a terminal acts only for its own store. Each check answers a refusal (a protocol
// reason and plain words, no personal data) or nothing; Apply turns a refusal into `rejected`.

#include "core/Result.h"
#include "server/Sql.h"

#include <QString>

#include <optional>

namespace counterpart::server {

struct Refusal {
    QString reason;
    QString message;
};

// An op's clock stamp `hlc` (already parsed as an HLC), pushed by `terminal` at the server's time
// `nowMs`: it must name that terminal, and run at most Hlc::MaxAheadMs ahead of the server's clock. One
// stamp far in the future would otherwise win every later edit of the fields it touched, chain-wide.
std::optional<Refusal> checkStamp(const QString &hlc, const QString &terminal, qint64 nowMs);

// A void or refund of `purchaseId` by a terminal of `store`, for `member` (the op's member, aliases
// resolved): only a purchase made at that store, and only for the member who made it (or the member
// that member was merged into). An unknown purchase passes: the op's own handling says so.
Result<std::optional<Refusal>> checkPurchaseOwner(SqlConnection &c, const QString &purchaseId,
                                                  const QString &store, const QString &member);

// What the server makes of the member code of a member.register: a till makes codes under its own
// terminal number only. A code under another number is one the till made before it enrolled (a till on
// its own numbers itself at random, and the server gives it another number at enrolment): accepted, and
// flagged for head office, only for an op stamped before the terminal's enrolment (with the clock
// bound's slack), and kept without the code when the number is another enrolled terminal's, whose
// codes it would take. Any other code is refused.
struct CodeVerdict {
    std::optional<Refusal> refusal;
    bool foreign = false;  // made before enrolment under another number: flag `foreign_code`
    bool withhold = false; // the number is another terminal's: the member is kept without the code
};
Result<CodeVerdict> checkMemberCode(SqlConnection &c, const QString &code, const QString &hlc,
                                    const QString &terminal, int number, qint64 enrolledAt);

} // namespace counterpart::server
