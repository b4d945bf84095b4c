// The batch driver: claims a push's ops, reads ahead what they ask, runs each through its applier and
// records the answers (docs/sync-protocol.md, "Push").

#include "server/apply/Apply.h"

#include "server/Dialect.h"
#include "server/Log.h"
#include "sync/protocol/Hlc.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimeZone>

namespace counterpart::server {

using namespace counterpart::sync;

bool hlcNewer(const QString &candidate, const QString &stored)
{
    if (stored.isEmpty())
        return true;
    const Hlc a = Hlc::parse(candidate);
    const Hlc b = Hlc::parse(stored);
    if (b.isNull())
        return true;
    return b < a;
}

void Apply::start(PushOutcome &out)
{
    m_log.clear();
    m_facts.reset();
    m_now = m_clock.nowMs();
    m_rules.reset();
    m_points.emplace(m_c, m_terminal.store);
    m_budget.emplace(m_c, m_terminal.id, m_dayPointsBudget);
    out.response = {};
    out.applied = out.duplicates = out.rejected = 0;
}

// Claims every opId of the batch first: an op claimed by an earlier push (or by another server right
// now, which we then wait for) is a duplicate, answered as it was (`earlier`). Returns the ids claimed now.
Result<QSet<QString>> Apply::claimBatch(const PushRequest &request, QHash<QString, QJsonObject> &earlier)
{
    QStringList ids;
    QStringList kinds;
    QSet<QString> inBatch;
    for (const PushOp &op : request.ops) {
        const QString id = op.opId.toLower();
        if (inBatch.contains(id))
            continue;
        inBatch.insert(id);
        ids << id;
        kinds << op.op.left(32);
    }
    const Dialect &d = m_c.dialect();
    CP_TRY_ASSIGN(const QSet<QString> claimed, d.claimOps(m_c, ids, kinds, m_terminal.id, m_now));
    QStringList earlierIds;
    for (const QString &id : std::as_const(ids)) {
        if (!claimed.contains(id))
            earlierIds << id;
    }
    CP_TRY_ASSIGN(earlier, d.earlierResults(m_c, earlierIds, m_terminal.id));
    return claimed;
}

// Which ops are applied now (the first copy of an op claimed by this push), and their payloads.
std::vector<Apply::Item> Apply::itemsOf(const PushRequest &request, const QSet<QString> &claimed) const
{
    std::vector<Item> items;
    items.reserve(size_t(request.ops.size()));
    QSet<QString> done;
    for (const PushOp &op : request.ops) {
        Item item;
        item.op = &op;
        const QString id = op.opId.toLower();
        if (done.contains(id) || !claimed.contains(id)) {
            item.duplicate = true;
        } else {
            done.insert(id);
            item.early = precheck(op);
            if (!item.early) {
                auto parsed = parseOp(op.raw, QStringLiteral("op"));
                if (parsed)
                    item.parsed = std::move(parsed.value());
                else
                    item.early = Rejection{reason::Invalid, parsed.error().message};
            }
        }
        items.push_back(std::move(item));
    }
    return items;
}

// Reads ahead for the op `first` and the ones after it, up to the next that reads rows itself, or with
// `wholeBatch` all of them: every member the batch names is read (and on PostgreSQL locked, in id order)
// before any op runs.
Status Apply::readAheadFrom(const std::vector<Item> &items, size_t first, bool wholeBatch)
{
    QList<const ParsedOp *> run;
    for (size_t j = first; j < items.size(); ++j) {
        if (items[j].duplicate || !items[j].parsed)
            continue;
        if (!wholeBatch && readsRowsItself(*items[j].parsed))
            break;
        run.append(&*items[j].parsed);
    }
    return m_facts.readAhead(run);
}

Result<OpOutcome> Apply::decide(const std::vector<Item> &items, size_t i)
{
    const Item &item = items[i];
    if (item.early)
        return reject(item.early->reason, item.early->message);
    if (readsRowsItself(*item.parsed)) {
        CP_TRY(m_facts.forgetFacts());
        auto outcome = applyOne(*item.parsed);
        if (outcome)
            CP_TRY(m_facts.forgetFacts());
        return outcome;
    }
    if (!m_facts.read())
        CP_TRY(readAheadFrom(items, i, false));
    return applyOne(*item.parsed);
}

Status Apply::answer(const Item &item, const OpOutcome &outcome, OpResult &result, PushOutcome &out)
{
    if (outcome.rejected) {
        result.status = OpStatus::Rejected;
        result.reason = outcome.rejected->reason;
        result.message = outcome.rejected->message;
        ++out.rejected;
        qCInfo(lcServer).noquote() << "rejected op" << logText(result.opId, 40) << logText(item.op->op, 32)
                                   << "from terminal" << m_terminal.id << "reason"
                                   << logText(result.reason, 64);
        return {};
    }
    result.flags = outcome.flags;
    result.mergedInto = outcome.mergedInto;
    CP_TRY(chargeBudget(*item.parsed, outcome.balance, result));
    CP_TRY(flagSwitchedOffStaff(*item.parsed, outcome.balance, result));
    ++out.applied;
    return {};
}

Status Apply::run(const PushRequest &request, PushOutcome &out)
{
    start(out);
    QHash<QString, QJsonObject> earlier;
    CP_TRY_ASSIGN(const QSet<QString> claimed, claimBatch(request, earlier));
    const std::vector<Item> items = itemsOf(request, claimed);
    CP_TRY(readAheadFrom(items, 0, true));
    QList<RecordedOp> record;
    for (size_t i = 0; i < items.size(); ++i) {
        const Item &item = items[i];
        OpResult result;
        result.opId = item.op->opId.toLower();
        if (item.duplicate) {
            duplicateOf(earlier.value(result.opId), result);
            ++out.duplicates;
            out.response.results.append(result);
            continue;
        }
        const qsizetype mark = m_log.mark();
        CP_TRY_ASSIGN(const OpOutcome outcome, decide(items, i));
        // Every rejection is decided before the op writes anything (checked here through the change
        // log, which every write feeds), so nothing needs undoing but the claim's status.
        if (outcome.rejected && m_log.mark() != mark)
            return makeError(ErrorCode::Internal, QStringLiteral("An operation was rejected after writing."));
        CP_TRY(answer(item, outcome, result, out));
        record.append(recorded(item, result));
        out.response.results.append(result);
    }
    CP_TRY(m_facts.flush());
    CP_TRY(m_budget->save());
    CP_TRY(m_c.dialect().recordResults(m_c, record, m_terminal.id));
    return m_log.commit(m_c);
}

// The answer with who made the op, about whom and when, as far as the op could be read.
RecordedOp Apply::recorded(const Item &item, const OpResult &result)
{
    RecordedOp r{result, item.op->raw.value(QStringLiteral("operator")).toString().left(64), {}, item.op->at};
    if (item.parsed)
        r.member = item.parsed->kind == OpKind::MemberRegister && item.parsed->profile
                       ? item.parsed->profile->id
                       : item.parsed->member;
    return r;
}

// Refunds, voids, profile and phone changes, closings and tier changes read and update rows with their own
// statements.
bool Apply::readsRowsItself(const ParsedOp &p)
{
    return p.kind == OpKind::Refund || p.kind == OpKind::Void || p.kind == OpKind::MemberUpdate ||
           p.kind == OpKind::MemberPhone || p.kind == OpKind::MemberErase || p.kind == OpKind::MemberClose ||
           p.kind == OpKind::TierChange || p.tierChange.has_value();
}

// What is wrong with an op before its payload is read: a broken envelope, another terminal's op, or a
// clock stamp the server does not trust.
std::optional<Rejection> Apply::precheck(const PushOp &op) const
{
    if (op.envelopeError)
        return Rejection{reason::Invalid, op.envelopeError->message};
    if (op.terminal != m_terminal.id)
        return Rejection{reason::WrongTerminal,
                         QStringLiteral("The operation names another terminal than the one that sent it.")};
    if (op.store != m_terminal.store)
        return Rejection{reason::WrongTerminal,
                         QStringLiteral("The operation names store %1, but this terminal belongs to %2.")
                             .arg(op.store, m_terminal.store)};
    if (auto refused = checkStamp(op.hlc, m_terminal.id, m_now))
        return Rejection{refused->reason, refused->message};
    return std::nullopt;
}

// Counts the points an applied op credits against the terminal's budget for the store's day (by the
// server's clock: a till cannot move its credits to another day) and flags the op that goes past it.
Status Apply::chargeBudget(const ParsedOp &p, qint64 balance, OpResult &result)
{
    qint64 credit = 0;
    for (const WireEntry &e : p.entries)
        credit += std::max<qint64>(e.points, 0);
    if (credit == 0 || m_dayPointsBudget <= 0)
        return {};
    CP_TRY_ASSIGN(const QTimeZone zone, m_points->timeZone());
    const QString day = QDateTime::fromMSecsSinceEpoch(m_now, zone).date().toString(Qt::ISODate);
    CP_TRY_ASSIGN(const bool crossed, m_budget->add(credit, day));
    if (!crossed)
        return {};
    const QString member = p.kind == OpKind::MemberRegister ? p.profile->id : p.member;
    CP_TRY(flag(QStringLiteral("budget_exceeded"), member, p, balance));
    result.flags << QStringLiteral("budget_exceeded");
    qCInfo(lcServer).noquote() << "terminal" << m_terminal.id << "credited" << m_budget->dayTotal()
                               << "points on" << day << "budget" << m_dayPointsBudget;
    return {};
}

// A duplicate answers with what the first answer said (reason, flags, mergedInto), so a till that
// lost the first answer still learns that its op was rejected, or merged.
void Apply::duplicateOf(const QJsonObject &first, OpResult &result)
{
    result.status = OpStatus::Duplicate;
    auto parsed = OpResult::fromJsonObject(first, {});
    if (!parsed)
        return; // within the same batch: the first copy's answer is right before this one
    result.reason = parsed->reason;
    result.message = parsed->message;
    result.flags = parsed->flags;
    result.mergedInto = parsed->mergedInto;
}

Result<OpOutcome> Apply::reject(const QString &reason, const QString &message)
{
    OpOutcome o;
    o.rejected = Rejection{reason, message};
    return o;
}

// A check's answer as the op's outcome: its error, or its refusal as a rejection.
Result<OpOutcome> Apply::refusedBy(const Result<std::optional<Refusal>> &refused)
{
    if (!refused)
        return refused.error();
    return reject(refused->value().reason, refused->value().message);
}

const LoyaltyRules &Apply::rules()
{
    if (!m_rules) {
        auto rows = m_c.query(QStringLiteral("SELECT document FROM rules WHERE active = 1"));
        if (rows && !rows->isEmpty()) {
            auto parsed = LoyaltyRules::fromJson(rows->text(0, 0).toUtf8());
            if (parsed)
                m_rules = parsed.value();
        }
        if (!m_rules)
            m_rules = LoyaltyRules::defaults();
    }
    return *m_rules;
}

// A registration makes its member; every other op is about a member the server knows (an alias resolves
// to the member it was merged into), locked.
Result<OpOutcome> Apply::applyOne(const ParsedOp &p)
{
    if (p.kind == OpKind::MemberRegister)
        return registerMember(p);
    CP_TRY_ASSIGN(std::optional<MemberRecord> member, m_facts.target(p.member));
    if (!member)
        return reject(reason::UnknownMember,
                      QStringLiteral("The server does not know member %1.").arg(p.member));
    if (p.kind == OpKind::MemberUpdate)
        return updateMember(p, *member);
    if (p.kind == OpKind::MemberPhone)
        return changePhone(p, *member);
    if (p.kind == OpKind::MemberErase)
        return eraseMember(p, *member);
    if (p.kind == OpKind::MemberClose)
        return closeMember(p, *member);
    if (member->status == QLatin1String("closed"))
        return applyToClosed(p, *member);
    return applyPoints(p, *member);
}

Result<PushOutcome> ServerStore::push(const TerminalRecord &terminal, const PushRequest &request)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    PushOutcome out;
    Apply apply(c, m_clock, terminal, m_dayPointsBudget);
    QElapsedTimer timer;
    timer.start();
    Status s = write(
        c, [&]() -> Status { return apply.run(request, out); }, &out.attempts);
    if (!s)
        return s.error();
    out.response.serverTime = m_clock.nowMs();
    qCInfo(lcServer).noquote() << "push from terminal" << terminal.id << "ops" << request.ops.size()
                               << "applied" << out.applied << "duplicate" << out.duplicates << "rejected"
                               << out.rejected << "in" << timer.elapsed() << "ms"
                               << (out.attempts > 1 ? QStringLiteral("(retried)") : QString());
    return out;
}

} // namespace counterpart::server
