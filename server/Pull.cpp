// Pull and snapshot (docs/sync-protocol.md, "Pull", "Snapshot").

#include "core/Loyalty.h"
#include "core/Uuid.h"
#include "server/ChangeLog.h"
#include "server/Log.h"
#include "server/ServerStore.h"

#include <QJsonDocument>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

constexpr qint64 SnapshotPurchaseWindowMs = qint64(366) * 86'400'000;

// An upper estimate of a snapshot page's own fields in compact JSON, in bytes (without the rules, which
// are counted exactly, as every member is: each is written once, measured, and spliced into the page).
constexpr qsizetype PageBytes = 1024;

// A UUID (version 8, RFC 9562 "custom") made from text: the same member, lot and cursor give the same
// id at every till.
QString derivedId(const QString &text)
{
    return Uuid::derived(text).toString();
}

struct EntryFact {
    QString id;
    qint64 points = 0;
    qint64 at = 0;
    qint64 expiresAt = 0;
};

// Open credit lots after every debit, oldest first (core/Loyalty.h), with the debt (if any) as a last,
// negative lot: the lots always add up to the balance.
QList<SnapshotLot> openLots(const QString &member, const QList<EntryFact> &entries, qint64 cursor)
{
    QList<PointsLot> lots;
    QList<PointsDebit> debits;
    qint64 balance = 0;
    qint64 lastAt = 0;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const EntryFact &e = entries.at(i);
        balance += e.points;
        lastAt = std::max(lastAt, e.at);
        if (e.points > 0)
            lots.append(PointsLot{i, e.points, e.at, e.expiresAt});
        else if (e.points < 0)
            debits.append(PointsDebit{-e.points, e.at, 0});
    }
    QList<SnapshotLot> out;
    qint64 open = 0;
    for (const LotRemainder &r : remainingLots(lots, debits)) {
        if (r.remaining <= 0)
            continue;
        const EntryFact &e = entries.at(r.entryId);
        SnapshotLot lot;
        lot.id = derivedId(QStringLiteral("opening|%1|%2|%3").arg(member, e.id).arg(cursor));
        lot.points = r.remaining;
        lot.at = e.at;
        if (r.expiresAtMs > 0)
            lot.expiresAt = r.expiresAtMs;
        open += r.remaining;
        out.append(lot);
    }
    if (balance != open) {
        SnapshotLot debt;
        debt.id = derivedId(QStringLiteral("opening|%1|balance|%2").arg(member).arg(cursor));
        debt.points = balance - open;
        debt.at = lastAt;
        out.append(debt);
    }
    return out;
}

} // namespace

Result<QByteArray> ServerStore::changes(qint64 after, int limit)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    auto rows = (*lease)->query(
        QStringLiteral("SELECT seq, type, payload FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2"),
        {after, qint64(limit) + 1});
    if (!rows)
        return rows.error();
    const bool more = rows->size() > limit;
    const qsizetype n = std::min<qsizetype>(rows->size(), limit);
    // Spliced, not re-parsed: the payloads were written as compact JSON by this program.
    QList<StoredChange> changes;
    changes.reserve(n);
    qint64 next = after;
    for (qsizetype r = 0; r < n; ++r) {
        changes.append({rows->int64(r, 0), rows->text(r, 1).toUtf8(), rows->text(r, 2).toUtf8()});
        next = changes.constLast().seq;
    }
    return writeChangesPage(changes, next, more, m_clock.nowMs());
}

namespace {

// The page's members' entries (as of the cursor), by member, in order.
Result<QHash<QString, QList<EntryFact>>> entriesOf(SqlConnection &c, const QString &first,
                                                   const QString &last, qint64 cursor)
{
    auto entries = c.query(QStringLiteral(R"(SELECT member, id, points, at, expires_at FROM entries
        WHERE member >= $1 AND member <= $2 AND seq <= $3 ORDER BY member, at, id)"),
                           {first, last, cursor});
    if (!entries)
        return entries.error();
    QHash<QString, QList<EntryFact>> byMember;
    for (qsizetype r = 0; r < entries->size(); ++r)
        byMember[entries->text(r, 0)].append(
            {entries->text(r, 1), entries->int64(r, 2), entries->int64(r, 3), entries->int64(r, 4)});
    return byMember;
}

// The page's members' purchases of the last year (as of the cursor), as `purchase` payloads by member.
Result<QHash<QString, QList<QJsonObject>>> purchasesOf(SqlConnection &c, const QString &first,
                                                       const QString &last, qint64 cursor, qint64 now)
{
    auto purchases = c.query(
        QStringLiteral(R"(SELECT member, id, receipt, amount, eligible, currency, at, store, refunded, voided
        FROM purchases WHERE member >= $1 AND member <= $2 AND seq <= $3 AND at >= $4
        ORDER BY member, at, id)"),
        {first, last, cursor, now - SnapshotPurchaseWindowMs});
    if (!purchases)
        return purchases.error();
    QHash<QString, QList<QJsonObject>> byMember;
    for (qsizetype r = 0; r < purchases->size(); ++r) {
        PurchaseChange pc;
        pc.member = purchases->text(r, 0);
        pc.purchase.id = purchases->text(r, 1);
        pc.purchase.receipt = purchases->text(r, 2);
        pc.purchase.amountMinor = purchases->int64(r, 3);
        pc.purchase.eligibleMinor = purchases->int64(r, 4);
        pc.purchase.currency = purchases->text(r, 5);
        pc.purchase.at = purchases->int64(r, 6);
        pc.store = purchases->text(r, 7);
        pc.refundedMinor = purchases->int64(r, 8);
        pc.voided = purchases->int64(r, 9) != 0;
        byMember[pc.member].append(pc.toJsonObject());
    }
    return byMember;
}

// The page's cursor (the one asked for, or the newest change) and, on the first page, the rules.
Status pageHead(SqlConnection &c, SnapshotPage &page, bool firstPage, std::optional<qint64> cursor)
{
    if (cursor) {
        page.cursor = *cursor;
    } else {
        auto counter = c.query(QStringLiteral("SELECT value FROM change_counter WHERE id = 1"));
        if (!counter)
            return counter.error();
        page.cursor = counter->int64(0, 0);
    }
    if (!firstPage)
        return {};
    auto rules = c.query(QStringLiteral("SELECT version, document FROM rules WHERE active = 1"));
    if (!rules)
        return rules.error();
    if (!rules->isEmpty())
        page.rules = RulesChange{rules->text(0, 0), parseStoredJson(rules->text(0, 1))};
    return {};
}

// Fills the page with the first `n` of `members`, as many as fit in `maxBytes` (one at least); each
// member's JSON is written once, into `written`.
Status fillPage(SqlConnection &c, SnapshotPage &page, QList<QByteArray> &written, const SqlRows &members,
                qsizetype n, qsizetype maxBytes, qint64 now)
{
    const QString first = members.text(0, 0); // the page's members, before a byte limit cuts it
    const QString last = members.text(n - 1, 0);
    auto byMember = entriesOf(c, first, last, page.cursor);
    if (!byMember)
        return byMember.error();
    auto purchasesByMember = purchasesOf(c, first, last, page.cursor, now);
    if (!purchasesByMember)
        return purchasesByMember.error();
    qsizetype bytes = PageBytes;
    if (page.rules)
        bytes += QJsonDocument(page.rules->document).toJson(QJsonDocument::Compact).size();
    for (qsizetype r = 0; r < n; ++r) {
        MemberRecord m = MemberRecord::fromRow(members, r);
        const QList<EntryFact> facts = byMember->value(m.id);
        qint64 balance = 0;
        for (const EntryFact &f : facts)
            balance += f.points;
        m.balance = balance; // as of the cursor, not as of now
        SnapshotMember sm;
        sm.member = m.payload();
        sm.lots = openLots(m.id, facts, page.cursor);
        sm.purchases = purchasesByMember->value(m.id);
        QByteArray json = sm.toJson();
        bytes += json.size() + 1;
        if (bytes > maxBytes && r > 0) { // the rest on the next page
            page.more = true;
            break;
        }
        page.members.append(sm);
        written.append(std::move(json));
        page.next = m.id;
    }
    return {};
}

} // namespace

Result<QByteArray> ServerStore::snapshot(const QString &afterMember, int limit, std::optional<qint64> cursor,
                                         qsizetype maxBytes)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    SnapshotPage page;
    QList<QByteArray> written; // page.members, each written once
    const qint64 now = m_clock.nowMs();
    Status s = read(c, [&]() -> Status {
        page = {};
        written.clear();
        CP_TRY(pageHead(c, page, afterMember.isEmpty(), cursor));
        // Members known at the cursor (an alias too: its code still finds the member it was merged into).
        auto members =
            c.query(QStringLiteral("SELECT ") + MemberColumns +
                        QStringLiteral(" FROM members WHERE id > $1 AND seq <= $2 ORDER BY id LIMIT $3"),
                    {afterMember, page.cursor, qint64(limit) + 1});
        if (!members)
            return members.error();
        page.more = members->size() > limit;
        const qsizetype n = std::min<qsizetype>(members->size(), limit);
        if (n == 0)
            return {};
        CP_TRY(fillPage(c, page, written, *members, n, maxBytes, now));
        if (!page.more)
            page.next.clear();
        return {};
    });
    if (!s)
        return s.error();
    page.serverTime = now;
    return page.toJson(written);
}

} // namespace counterpart::server
