// Pull, snapshot, rules and the expiry sweep (docs/sync-protocol.md, "Pull", "Snapshot", "Expiry").

#include "core/Loyalty.h"
#include "core/LoyaltyRules.h"
#include "core/Uuid.h"
#include "server/ChangeLog.h"
#include "server/Log.h"
#include "server/ServerStore.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

constexpr qint64 SnapshotPurchaseWindowMs = qint64(366) * 86'400'000;
constexpr int ExpireBatch = 200;

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
        if (cursor) {
            page.cursor = *cursor;
        } else {
            auto counter = c.query(QStringLiteral("SELECT value FROM change_counter WHERE id = 1"));
            if (!counter)
                return counter.error();
            page.cursor = counter->int64(0, 0);
        }
        if (afterMember.isEmpty()) {
            auto rules = c.query(QStringLiteral("SELECT version, document FROM rules WHERE active = 1"));
            if (!rules)
                return rules.error();
            if (!rules->isEmpty())
                page.rules = RulesChange{rules->text(0, 0), parseStoredJson(rules->text(0, 1))};
        }
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
        const QString first = members->text(0, 0); // the page's members, before a byte limit cuts it
        const QString last = members->text(n - 1, 0);
        auto entries = c.query(
            QStringLiteral("SELECT member, id, points, at, expires_at FROM entries "
                           "WHERE member >= $1 AND member <= $2 AND seq <= $3 ORDER BY member, at, id"),
            {first, last, page.cursor});
        if (!entries)
            return entries.error();
        QHash<QString, QList<EntryFact>> byMember;
        for (qsizetype r = 0; r < entries->size(); ++r)
            byMember[entries->text(r, 0)].append(
                {entries->text(r, 1), entries->int64(r, 2), entries->int64(r, 3), entries->int64(r, 4)});
        auto purchases =
            c.query(QStringLiteral(
                        "SELECT member, id, receipt, amount, eligible, currency, at, store, refunded, voided "
                        "FROM purchases WHERE member >= $1 AND member <= $2 AND seq <= $3 AND at >= $4 "
                        "ORDER BY member, at, id"),
                    {first, last, page.cursor, now - SnapshotPurchaseWindowMs});
        if (!purchases)
            return purchases.error();
        QHash<QString, QList<QJsonObject>> purchasesByMember;
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
            purchasesByMember[pc.member].append(pc.toJsonObject());
        }
        qsizetype bytes = PageBytes;
        if (page.rules)
            bytes += QJsonDocument(page.rules->document).toJson(QJsonDocument::Compact).size();
        for (qsizetype r = 0; r < n; ++r) {
            MemberRow m = MemberRow::fromRow(*members, r);
            const QList<EntryFact> facts = byMember.value(m.id);
            qint64 balance = 0;
            for (const EntryFact &f : facts)
                balance += f.points;
            m.balance = balance; // as of the cursor, not as of now
            SnapshotMember sm;
            sm.member = m.payload();
            sm.lots = openLots(m.id, facts, page.cursor);
            sm.purchases = purchasesByMember.value(m.id);
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
        if (!page.more)
            page.next.clear();
        return {};
    });
    if (!s)
        return s.error();
    page.serverTime = now;
    return page.toJson(written);
}

Result<QString> ServerStore::installRules(const QByteArray &json)
{
    auto rules = LoyaltyRules::fromJson(json);
    if (!rules)
        return rules.error();
    const QJsonObject document = QJsonDocument::fromJson(json).object();
    const QString version = rules->version;
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    Status s = write(c, [&]() -> Status {
        ChangeLog log;
        auto existing = c.query(QStringLiteral("SELECT document FROM rules WHERE version = $1"), {version});
        if (!existing)
            return existing.error();
        if (!existing->isEmpty() && parseStoredJson(existing->text(0, 0)) != document) {
            return makeError(
                ErrorCode::Conflict,
                QStringLiteral("Rules version %1 is already installed with different contents. Give "
                               "the new rules a new version.")
                    .arg(version));
        }
        CP_TRY(c.exec(QStringLiteral("UPDATE rules SET active = 0 WHERE active = 1")));
        if (existing->isEmpty()) {
            CP_TRY(c.exec(QStringLiteral("INSERT INTO rules (version, document, installed_at, active) "
                                         "VALUES ($1, $2, $3, 1)"),
                          {version, QString::fromUtf8(compactJson(document)), m_clock.nowMs()}));
        } else {
            CP_TRY(c.exec(QStringLiteral("UPDATE rules SET active = 1 WHERE version = $1"), {version}));
        }
        log.add(ChangeType::Rules, RulesChange{version, document}.toJsonObject());
        return log.commit(c);
    });
    if (!s)
        return s.error();
    qCInfo(lcServer).noquote() << "installed loyalty rules version" << version;
    return version;
}

Result<ExpireOutcome> ServerStore::expire()
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    const qint64 now = m_clock.nowMs();
    ExpireOutcome outcome;
    auto mark = c.query(QStringLiteral("SELECT value FROM server_state WHERE key = 'expire_swept_to'"));
    if (!mark)
        return mark.error();
    const qint64 from = mark->isEmpty() ? 0 : mark->text(0, 0).toLongLong();
    // Only members with a lot that expired since the last sweep: a lot's expiry never moves.
    auto candidates =
        c.query(QStringLiteral("SELECT DISTINCT member FROM entries WHERE expires_at IS NOT NULL AND "
                               "points > 0 AND expires_at > $1 AND expires_at <= $2 ORDER BY member"),
                {from, now});
    if (!candidates)
        return candidates.error();
    QStringList members;
    for (qsizetype r = 0; r < candidates->size(); ++r)
        members << candidates->text(r, 0);
    for (qsizetype start = 0; start < members.size(); start += ExpireBatch) {
        ExpireOutcome batch;
        Status s = write(c, [&]() -> Status {
            batch = {};
            ChangeLog log;
            for (qsizetype i = start; i < std::min<qsizetype>(members.size(), start + ExpireBatch); ++i) {
                const QString &member = members.at(i);
                auto locked = readMember(c, member, true);
                if (!locked)
                    return locked.error();
                auto rows =
                    c.query(QStringLiteral("SELECT points, at, expires_at FROM entries WHERE member = $1 "
                                           "ORDER BY at, id"),
                            {member});
                if (!rows)
                    return rows.error();
                QList<PointsLot> lots;
                QList<PointsDebit> debits;
                for (qsizetype r = 0; r < rows->size(); ++r) {
                    const qint64 points = rows->int64(r, 0);
                    if (points > 0)
                        lots.append(PointsLot{r, points, rows->int64(r, 1), rows->int64(r, 2)});
                    else if (points < 0)
                        debits.append(PointsDebit{-points, rows->int64(r, 1), 0});
                }
                const qint64 expired = expiredPoints(remainingLots(lots, debits), now);
                if (expired <= 0)
                    continue;
                WireEntry e;
                e.id = Uuid::createV7(m_clock).toString();
                e.kind = QStringLiteral("expire");
                e.points = -expired;
                e.at = now;
                CP_TRY(c.exec(QStringLiteral("INSERT INTO entries (id, member, kind, points, at, data) "
                                             "VALUES ($1, $2, 'expire', $3, $4, '{}')"),
                              {e.id, member, e.points, e.at}));
                CP_TRY(c.exec(QStringLiteral("UPDATE members SET balance = balance + $2 WHERE id = $1"),
                              {member, e.points}));
                EntryChange change;
                change.entry = e;
                change.member = member;
                log.entry(e.id, change.toJsonObject());
                ++batch.members;
                batch.points += expired;
            }
            return log.commit(c);
        });
        if (!s)
            return s.error();
        outcome.members += batch.members;
        outcome.points += batch.points;
    }
    Status s = write(c, [&]() -> Status {
        CP_TRY(c.exec(QStringLiteral("DELETE FROM server_state WHERE key = 'expire_swept_to'")));
        return c.exec(QStringLiteral("INSERT INTO server_state (key, value) VALUES ('expire_swept_to', $1)"),
                      {QString::number(now)});
    });
    if (!s)
        return s.error();
    qCInfo(lcServer).noquote() << "expiry sweep:" << outcome.points << "points of" << outcome.members
                               << "members";
    return outcome;
}

} // namespace counterpart::server
