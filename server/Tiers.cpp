// The scheduled tier evaluation at the server (docs/sync-protocol.md, "Jobs"): the till's
// Till::evaluateTiers for the whole chain, run once a period by the job runner (server/Jobs.cpp).

#include "core/Loyalty.h"
#include "core/Uuid.h"
#include "server/ChangeLog.h"
#include "server/Log.h"
#include "server/ServerStore.h"
#include "sync/protocol/Hlc.h"

#include <QDateTime>
#include <QTimeZone>

namespace counterpart::server {

namespace {

constexpr int TierBatch = 200;

// The terminal part of the HLCs the server stamps on what it originates itself. No till has it: a
// terminal id is a UUID the server made at enrolment.
const QString ServerHlcTerminal = QStringLiteral("server");

struct Evaluation {
    const LoyaltyRules &rules;
    QTimeZone zone; // the member's home store's
    qint64 now = 0;
};

// Evaluates one member (locked); a change is written, recorded in tier_changes and logged. Returns the
// rank step: +1 up, -1 down, 0 unchanged.
Result<int> evaluateMember(SqlConnection &c, const Evaluation &e, const QString &id, ChangeLog &log,
                           const Clock &clock)
{
    auto row = readMember(c, id, true);
    if (!row)
        return row.error();
    if (!row->has_value() || row->value().status != QLatin1String("active"))
        return 0;
    const MemberRecord &m = row->value();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(e.now, e.zone);
    CP_TRY_ASSIGN(const TierRecord record, tierRecord(c, id, e.rules.tiers, local));
    const QDate since = QDateTime::fromMSecsSinceEpoch(m.tierSince, e.zone).date();
    const QString target = tierAtEvaluation(e.rules, m.tier, since, record, local.date());
    if (target == m.tier)
        return 0;
    // Newer than the tier's HLC whatever the clocks say, so every till takes it (last writer wins).
    const QString hlc = sync::Hlc::next(sync::Hlc::parse(m.tierHlc), e.now, ServerHlcTerminal).toString();
    CP_TRY(
        c.exec(QStringLiteral("UPDATE members SET tier = $2, tier_since = $3, tier_hlc = $4 WHERE id = $1"),
               {id, target, e.now, hlc}));
    CP_TRY(c.exec(QStringLiteral("INSERT INTO tier_changes (id, member, from_tier, to_tier, reason, hlc, "
                                 "applied, op_id) VALUES ($1, $2, $3, $4, 'evaluation', $5, 1, $6)"),
                  {Uuid::createV7(clock).toString(), id, m.tier, target, hlc, ServerHlcTerminal}));
    log.member(id);
    return tierRank(e.rules, target) > tierRank(e.rules, m.tier) ? 1 : -1;
}

} // namespace

Result<TierEvaluationOutcome> ServerStore::evaluateTiers()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    auto basis = jobBasis(c);
    if (!basis)
        return basis.error();
    const LoyaltyRules &rules = basis->rules;
    const qint64 now = m_clock.nowMs();
    TierEvaluationOutcome outcome;
    QString after;
    while (true) {
        auto page = c.query(
            QStringLiteral("SELECT m.id, COALESCE(s.time_zone, '') FROM members m LEFT JOIN stores s "
                           "ON s.id = m.store WHERE m.status = 'active' AND m.tier <> $1 AND m.id > $2 "
                           "ORDER BY m.id LIMIT $3"),
            {rules.entryTier().id, after, qint64(TierBatch)});
        if (!page)
            return page.error();
        if (page->isEmpty())
            break;
        TierEvaluationOutcome batch;
        Status s = write(c, [&]() -> Status {
            batch = {};
            ChangeLog log;
            for (qsizetype r = 0; r < page->size(); ++r) {
                const QTimeZone home(page->text(r, 1).toUtf8());
                const Evaluation e{rules, home.isValid() ? home : basis->zone, now};
                auto step = evaluateMember(c, e, page->text(r, 0), log, m_clock);
                if (!step)
                    return step.error();
                ++batch.evaluated;
                batch.upgraded += step.value() > 0 ? 1 : 0;
                batch.downgraded += step.value() < 0 ? 1 : 0;
            }
            return log.commit(c);
        });
        if (!s)
            return s.error();
        outcome.evaluated += batch.evaluated;
        outcome.upgraded += batch.upgraded;
        outcome.downgraded += batch.downgraded;
        after = page->text(page->size() - 1, 0);
    }
    qCInfo(lcServer).noquote() << "tier evaluation:" << outcome.evaluated << "members," << outcome.upgraded
                               << "up," << outcome.downgraded << "down";
    return outcome;
}

} // namespace counterpart::server
