#pragma once

// Push: applying the tills' operations exactly once (docs/sync-protocol.md, "Push", "Merges").
//
// A push is one transaction. It first claims every opId of the batch in applied_ops (INSERT ... ON
// CONFLICT DO NOTHING: a second server applying the same op waits for the first to commit, then sees the
// claim and answers `duplicate`). An op is rejected only before it writes anything, and its rejection is
// recorded, so a retry is a `duplicate` of the rejection. The answer is sent only after the commit, so
// "applied" always means durable, and a failed commit leaves nothing behind (the till sends again).
//
// Every op that touches a member locks that member's row first (PostgreSQL: SELECT ... FOR UPDATE),
// so once-per-member gifts, balances and last-writer-wins fields are decided one op at a time per
// member, whichever server process runs it.
//
// The files: Apply.cpp drives a batch; BatchFacts reads ahead what the ops ask and queues what they
// write (the dialect's writer writes it); one applier per kind of operation: ApplyRegister.cpp,
// ApplyUpdate.cpp, ApplyPoints.cpp (earn, redeem, adjust and the entries every kind carries),
// ApplyPurchase.cpp (the purchase an earn, refund or void touches), ApplyTier.cpp.

#include "core/Clock.h"
#include "core/LoyaltyRules.h"
#include "server/ChangeLog.h"
#include "server/PointsBudget.h"
#include "server/PointsCheck.h"
#include "server/ServerStore.h"
#include "server/TerminalTrust.h"
#include "server/apply/BatchFacts.h"

namespace counterpart::server {

using Rejection = Refusal; // why an op is rejected: its reason code and plain words

struct OpOutcome {
    std::optional<Rejection> rejected;
    QStringList flags;
    QString mergedInto;
    qint64 balance = 0; // the member's balance after the op, where it moved points
};

// Whether the clock stamp `candidate` is newer than `stored` (none stored: it is).
bool hlcNewer(const QString &candidate, const QString &stored);

// One push, inside ServerStore::write's transaction. Refunds, voids, profile updates and tier changes
// read and write rows directly: the queue is flushed before them and the facts are forgotten after them,
// so the next run of ops reads them again.
class Apply
{
public:
    Apply(SqlConnection &c, const Clock &clock, const TerminalRecord &terminal, qint64 dayPointsBudget)
        : m_c(c)
        , m_clock(clock)
        , m_terminal(terminal)
        , m_dayPointsBudget(dayPointsBudget)
        , m_facts(c, terminal.store)
    {}

    Status run(const sync::PushRequest &request, PushOutcome &out);

private:
    // One op of the batch, as the driver sees it: a copy of an op claimed before (or earlier in the
    // batch), or the first copy, refused before its payload is read or parsed.
    struct Item {
        const sync::PushOp *op = nullptr;
        bool duplicate = false;
        std::optional<Rejection> early;
        std::optional<sync::ParsedOp> parsed;
    };

    // ---- the batch (Apply.cpp) ----
    void start(PushOutcome &out);
    Result<QSet<QString>> claimBatch(const sync::PushRequest &request, QHash<QString, QJsonObject> &earlier);
    std::vector<Item> itemsOf(const sync::PushRequest &request, const QSet<QString> &claimed) const;
    static RecordedOp recorded(const Item &item, const sync::OpResult &result);
    Status readAheadFrom(const std::vector<Item> &items, size_t first, bool wholeBatch);
    Result<OpOutcome> decide(const std::vector<Item> &items, size_t i);
    Status answer(const Item &item, const OpOutcome &outcome, sync::OpResult &result, PushOutcome &out);
    std::optional<Rejection> precheck(const sync::PushOp &op) const;
    Status chargeBudget(const sync::ParsedOp &p, qint64 balance, sync::OpResult &result);
    // Flags an op made by someone head office switched off before the op's time (apply/ApplyStaff.cpp).
    Status flagSwitchedOffStaff(const sync::ParsedOp &p, qint64 balance, sync::OpResult &result);
    static void duplicateOf(const QJsonObject &first, sync::OpResult &result);
    static bool readsRowsItself(const sync::ParsedOp &p);
    static Result<OpOutcome> reject(const QString &reason, const QString &message);
    static Result<OpOutcome> refusedBy(const Result<std::optional<Refusal>> &refused);
    const LoyaltyRules &rules();

    // ---- the appliers ----
    Result<OpOutcome> applyOne(const sync::ParsedOp &p);
    // ApplyPoints.cpp
    Result<OpOutcome> applyPoints(const sync::ParsedOp &p, MemberRecord &member);
    Result<std::optional<Rejection>> checkPoints(const sync::ParsedOp &p, const MemberRecord &member);
    Result<OpOutcome> credit(const sync::ParsedOp &p, MemberRecord &member, const QString &purchaseId);
    Result<qint64> insertEntries(const sync::ParsedOp &p, const QString &member, const QString &purchase,
                                 QStringList *newGiftIds = nullptr);
    Result<qint64> takeBackRepeatedGifts(const sync::ParsedOp &p, const QString &member,
                                         const QStringList &giftIds, const QString &from);
    Status flag(const QString &kind, const QString &member, const sync::ParsedOp &p, qint64 balance);
    // ApplyPurchase.cpp: each returns the purchase the op's entries belong to, or a rejection.
    struct Touched {
        QString purchase;
        std::optional<Rejection> rejected;
    };
    Result<Touched> touchPurchase(const sync::ParsedOp &p, const MemberRecord &member);
    Result<Touched> earnPurchase(const sync::ParsedOp &p, const MemberRecord &member);
    Result<Touched> refundPurchase(const sync::ParsedOp &p);
    Result<Touched> voidPurchase(const sync::ParsedOp &p);
    // ApplyRegister.cpp
    Result<OpOutcome> registerMember(const sync::ParsedOp &p);
    Result<OpOutcome> registerAgain(const sync::ParsedOp &p);
    Result<OpOutcome> registerAlias(const sync::ParsedOp &p, const QString &into, OpOutcome outcome);
    Result<bool> welcomeAgain(const sync::ParsedOp &p, const QString &member);
    // ApplyUpdate.cpp
    Result<OpOutcome> updateMember(const sync::ParsedOp &p, MemberRecord member);
    Result<OpOutcome> changePhone(const sync::ParsedOp &p, MemberRecord member);
    Result<OpOutcome> eraseMember(const sync::ParsedOp &p, MemberRecord member);
    // ApplyClose.cpp
    Result<OpOutcome> closeMember(const sync::ParsedOp &p, MemberRecord member);
    Result<OpOutcome> applyToClosed(const sync::ParsedOp &p, MemberRecord &member);
    // ApplyTier.cpp
    Result<bool> applyTier(MemberRecord &member, const sync::WireTierChange &tc, const sync::ParsedOp &p);

    SqlConnection &m_c;
    const Clock &m_clock;
    const TerminalRecord &m_terminal;
    ChangeLog m_log;
    qint64 m_now = 0;
    std::optional<LoyaltyRules> m_rules;
    std::optional<PointsCheck> m_points; // one per transaction: it remembers what it accepted
    qint64 m_dayPointsBudget = 0;
    QHash<QString, std::optional<qint64>> m_switchedOffAt; // staff id -> deactivated_at, for the batch
    std::optional<PointsBudget> m_budget;
    BatchFacts m_facts;
};

} // namespace counterpart::server
