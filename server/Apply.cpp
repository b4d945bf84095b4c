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

#include "core/Loyalty.h"
#include "core/LoyaltyRules.h"
#include "core/Uuid.h"
#include "server/ChangeLog.h"
#include "server/Log.h"
#include "server/PointsBudget.h"
#include "server/PointsCheck.h"
#include "server/ServerStore.h"
#include "server/TerminalTrust.h"
#include "sync/protocol/Hlc.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

struct Rejection {
    QString reason;
    QString message;
};

struct OpOutcome {
    std::optional<Rejection> rejected;
    QStringList flags;
    QString mergedInto;
    qint64 balance = 0; // the member's balance after the op, where it moved points
};

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

} // namespace

// Friend of ServerStore: one push, inside ServerStore::write's transaction.
//
// How a batch reaches the database. Deciding an op needs facts (its member, the phone's holder, whether
// an entry, a purchase or a receipt is already there, the member's gifts); writing it adds rows and moves
// a balance. Asked and written one op at a time, that is five or six statements an op, each a round trip
// to PostgreSQL: 3,000 for a batch of 500, most of the push's time. So the facts for a run of ops are
// read in a few statements with list parameters (PostgreSQL arrays, SQLite json_each), the members
// among them locked in id order, and kept in `Facts`; each op decides against them exactly as it would
// against the tables, and what it writes is queued in `Pending` and updates the facts. The queue goes
// to the database in one statement per table (PostgreSQL unnest; SQLite a prepared statement a row)
// before anything reads the tables directly and at the end of the batch. Refunds, voids, profile
// updates and tier changes read and write rows directly: the queue is flushed before them and the facts
// are forgotten after them, so the next run of ops reads them again. A fact not read ahead (an id in
// another case, the member an alias's alias was merged into) is read when it is needed. Nothing here is
// kept between transactions; a retried transaction starts empty.
class Apply
{
public:
    Apply(SqlConnection &c, const Clock &clock, const TerminalRecord &terminal, qint64 dayPointsBudget)
        : m_c(c)
        , m_clock(clock)
        , m_terminal(terminal)
        , m_dayPointsBudget(dayPointsBudget)
    {}

    Status run(const PushRequest &request, PushOutcome &out)
    {
        m_log.clear();
        forget();
        m_pending = {};
        m_now = m_clock.nowMs();
        m_rules.reset();
        m_points.emplace(m_c, m_terminal.store);
        m_budget.emplace(m_c, m_terminal.id, m_dayPointsBudget);
        out.response = {};
        out.applied = out.duplicates = out.rejected = 0;

        // Claim every opId of the batch first: an op claimed by an earlier push (or by another server
        // right now, which we then wait for) is a duplicate.
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
        auto claimed = claim(ids, kinds);
        if (!claimed)
            return claimed.error();
        QStringList earlierIds;
        for (const QString &id : std::as_const(ids)) {
            if (!claimed->contains(id))
                earlierIds << id;
        }
        auto earlier = earlierResults(earlierIds);
        if (!earlier)
            return earlier.error();

        // Which ops are applied now (the first copy of an op claimed by this push), and their payloads.
        struct Item {
            const PushOp *op = nullptr;
            bool duplicate = false;
            std::optional<Rejection> early;
            std::optional<ParsedOp> parsed;
        };
        std::vector<Item> items;
        items.reserve(size_t(request.ops.size()));
        QSet<QString> done;
        for (const PushOp &op : request.ops) {
            Item item;
            item.op = &op;
            const QString id = op.opId.toLower();
            if (done.contains(id) || !claimed->contains(id)) {
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

        // Every member the batch names is read (and on PostgreSQL locked, in id order) before any op runs.
        QList<const ParsedOp *> all;
        for (const Item &item : items) {
            if (!item.duplicate && item.parsed)
                all.append(&*item.parsed);
        }
        CP_TRY(readAhead(all));
        m_factsRead = true;

        QList<OpResult> record;
        for (size_t i = 0; i < items.size(); ++i) {
            const Item &item = items[i];
            OpResult result;
            result.opId = item.op->opId.toLower();
            if (item.duplicate) {
                duplicateOf(earlier->value(result.opId), result);
                ++out.duplicates;
                out.response.results.append(result);
                continue;
            }
            const qsizetype mark = m_log.mark();
            Result<OpOutcome> outcome = OpOutcome{};
            if (item.early) {
                outcome = reject(item.early->reason, item.early->message);
            } else if (readsRowsItself(*item.parsed)) {
                CP_TRY(forgetFacts());
                outcome = applyOne(*item.parsed);
                if (outcome)
                    CP_TRY(forgetFacts());
            } else {
                if (!m_factsRead) {
                    // Read ahead for this op and the ones after it, up to the next that reads rows itself.
                    QList<const ParsedOp *> run;
                    for (size_t j = i; j < items.size(); ++j) {
                        if (items[j].duplicate || !items[j].parsed)
                            continue;
                        if (readsRowsItself(*items[j].parsed))
                            break;
                        run.append(&*items[j].parsed);
                    }
                    CP_TRY(readAhead(run));
                    m_factsRead = true;
                }
                outcome = applyOne(*item.parsed);
            }
            if (!outcome)
                return outcome.error();
            if (outcome->rejected) {
                // Every rejection is decided before the op writes anything (checked here through the
                // change log, which every write feeds), so nothing needs undoing but the claim's status.
                if (m_log.mark() != mark)
                    return makeError(ErrorCode::Internal,
                                     QStringLiteral("An operation was rejected after writing."));
                result.status = OpStatus::Rejected;
                result.reason = outcome->rejected->reason;
                result.message = outcome->rejected->message;
                ++out.rejected;
                qCInfo(lcServer).noquote()
                    << "rejected op" << logText(result.opId, 40) << logText(item.op->op, 32)
                    << "from terminal" << m_terminal.id << "reason" << logText(result.reason, 64);
            } else {
                result.flags = outcome->flags;
                result.mergedInto = outcome->mergedInto;
                CP_TRY(chargeBudget(*item.parsed, outcome->balance, result));
                ++out.applied;
            }
            record.append(result);
            out.response.results.append(result);
        }
        CP_TRY(flush());
        CP_TRY(m_budget->save());
        CP_TRY(recordResults(record));
        return m_log.commit(m_c);
    }

private:
    // ---- what is known, and what is waiting to be written -------------------------------------------

    struct GiftEntry {
        QString id;
        QString kind;
        QString opId;
        bool voided = false;
    };

    // Facts about rows as they stand, this batch's queued writes included. A key that is absent was not
    // read yet; a key that is present is true whether the answer was "yes" or "no".
    struct Facts {
        QHash<QString, MemberRow> members;   // locked rows (PostgreSQL), balance included the queued moves
        QSet<QString> noMember;              // ids read and not found
        QHash<QString, QString> phoneHolder; // E.164 -> the active member holding it, or "" for none
        QHash<QString, bool> codeTaken;
        QHash<QString, bool> purchaseKnown;     // purchase id -> present
        QHash<QString, QString> liveReceipt;    // store + '\n' + receipt -> the live purchase, or ""
        QHash<QString, bool> entryKnown;        // entry id -> present
        QHash<QString, QList<GiftEntry>> gifts; // member -> its welcome and first-purchase gifts
    };

    struct PendingMember {
        MemberRow row;
        QString terminal;
    };
    struct PendingPurchase {
        WirePurchase purchase;
        QString store;
        QString member;
        QString terminal;
    };
    struct PendingEntry {
        QString id;
        QString member;
        QString kind;
        qint64 points = 0;
        qint64 at = 0;
        std::optional<qint64> expiresAt;
        QString terminal; // "" for NULL (the server's own entries)
        QString store;
        QString opId;
        QString purchase;
        QString data;
    };
    struct Pending {
        QList<PendingMember> members;
        QList<PendingPurchase> purchases;
        QList<PendingEntry> entries;
        QMap<QString, qint64> balance; // member -> points to add (a map: updated in id order)
    };

    static QString receiptKey(const QString &store, const QString &receipt)
    {
        return store + QLatin1Char('\n') + receipt;
    }

    static bool isGiftKind(const QString &kind)
    {
        return kind == QLatin1String("welcome_gift") || kind == QLatin1String("first_purchase_gift");
    }

    // Refunds, voids, profile and tier changes read and update rows with their own statements.
    static bool readsRowsItself(const ParsedOp &p)
    {
        return p.kind == OpKind::Refund || p.kind == OpKind::Void || p.kind == OpKind::MemberUpdate ||
               p.kind == OpKind::TierChange || p.tierChange.has_value();
    }

    // A list parameter: `column IN list` as `= ANY($n::text[])` on PostgreSQL and through json_each on
    // SQLite, with the values to bind.
    QString inList(int n) const
    {
        return m_c.dialect() == SqlDialect::Postgres
                   ? QStringLiteral("= ANY($%1::text[])").arg(n)
                   : QStringLiteral("IN (SELECT value FROM json_each($%1))").arg(n);
    }
    QVariant listValue(const QStringList &values) const
    {
        if (m_c.dialect() == SqlDialect::Postgres)
            return pgTextArray(values);
        return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
    }

    void forget()
    {
        m_facts = {};
        m_factsRead = false;
    }

    Status forgetFacts()
    {
        CP_TRY(flush());
        forget();
        return {};
    }

    void remember(const MemberRow &row) { m_facts.members.insert(row.id, row); }

    // Reads, in a handful of statements, what the ops of a run will ask: their members (with the members
    // aliases were merged into and the active holders of the phones being registered; on PostgreSQL
    // locked in id order, so two servers applying batches that share members wait for each other instead
    // of deadlocking), the codes being registered, their purchases and receipts, their entry ids, and the
    // gifts of every member read.
    Status readAhead(const QList<const ParsedOp *> &ops)
    {
        QSet<QString> ids, phones, codes, purchases, receipts, entries;
        for (const ParsedOp *p : ops) {
            if (p->kind == OpKind::MemberRegister) {
                ids.insert(p->profile->id);
                phones.insert(p->profile->phone);
                if (!p->profile->code.isEmpty())
                    codes.insert(p->profile->code);
            } else {
                ids.insert(p->member);
            }
            if (p->purchase) {
                purchases.insert(p->purchase->id);
                receipts.insert(p->purchase->receipt);
            }
            for (const WireEntry &e : p->entries)
                entries.insert(e.id);
        }
        auto list = [](const QSet<QString> &values) { return QStringList(values.begin(), values.end()); };

        if (!ids.isEmpty() || !phones.isEmpty()) {
            auto related = m_c.query(QStringLiteral("SELECT merged_into FROM members WHERE id ") + inList(1) +
                                         QStringLiteral(" AND merged_into IS NOT NULL UNION "
                                                        "SELECT id FROM members WHERE phone ") +
                                         inList(2) + QStringLiteral(" AND status = 'active'"),
                                     {listValue(list(ids)), listValue(list(phones))});
            if (!related)
                return related.error();
            QSet<QString> all = ids;
            for (qsizetype r = 0; r < related->size(); ++r)
                all.insert(related->text(r, 0));
            auto rows = m_c.query(QStringLiteral("SELECT ") + MemberColumns +
                                      QStringLiteral(" FROM members WHERE id ") + inList(1) +
                                      QStringLiteral(" ORDER BY id") + m_c.forUpdate(),
                                  {listValue(list(all))});
            if (!rows)
                return rows.error();
            for (const QString &phone : std::as_const(phones))
                m_facts.phoneHolder.insert(phone, QString());
            for (qsizetype r = 0; r < rows->size(); ++r) {
                const MemberRow row = MemberRow::fromRow(*rows, r);
                if (row.status == QLatin1String("active") && phones.contains(row.phone))
                    m_facts.phoneHolder.insert(row.phone, row.id);
                remember(row);
            }
            for (const QString &id : std::as_const(ids)) {
                if (!m_facts.members.contains(id))
                    m_facts.noMember.insert(id);
            }
        }
        CP_TRY(readPresence(QStringLiteral("SELECT code FROM members WHERE code "), list(codes),
                            m_facts.codeTaken));
        if (!purchases.isEmpty()) {
            auto rows =
                m_c.query(QStringLiteral("SELECT id, store, receipt, voided FROM purchases WHERE id ") +
                              inList(1) + QStringLiteral(" OR (store = $3 AND voided = 0 AND receipt ") +
                              inList(2) + QLatin1Char(')'),
                          {listValue(list(purchases)), listValue(list(receipts)), m_terminal.store});
            if (!rows)
                return rows.error();
            for (const QString &id : std::as_const(purchases))
                m_facts.purchaseKnown.insert(id, false);
            for (const QString &receipt : std::as_const(receipts))
                m_facts.liveReceipt.insert(receiptKey(m_terminal.store, receipt), QString());
            notePurchases(*rows);
        }
        CP_TRY(readPresence(QStringLiteral("SELECT id FROM entries WHERE id "), list(entries),
                            m_facts.entryKnown));
        QStringList giftsOf;
        for (auto it = m_facts.members.cbegin(); it != m_facts.members.cend(); ++it) {
            if (!m_facts.gifts.contains(it.key()))
                giftsOf << it.key();
        }
        return readGifts(giftsOf);
    }

    // Notes each of `values` in `known` as present or not; `select` returns the present ones with
    // `IN list` to follow.
    Status readPresence(const QString &select, const QStringList &values, QHash<QString, bool> &known)
    {
        if (values.isEmpty())
            return {};
        auto rows = m_c.query(select + inList(1), {listValue(values)});
        if (!rows)
            return rows.error();
        for (const QString &v : values)
            known.insert(v, false);
        for (qsizetype r = 0; r < rows->size(); ++r)
            known.insert(rows->text(r, 0), true);
        return {};
    }

    // Rows of (id, store, receipt, voided) from purchases: present, and holding their receipt if live.
    void notePurchases(const SqlRows &rows)
    {
        for (qsizetype r = 0; r < rows.size(); ++r) {
            m_facts.purchaseKnown.insert(rows.text(r, 0), true);
            if (rows.int64(r, 3) == 0)
                m_facts.liveReceipt.insert(receiptKey(rows.text(r, 1), rows.text(r, 2)), rows.text(r, 0));
        }
    }

    // The welcome and first-purchase gifts of these members, with whether their purchase was voided.
    Status readGifts(const QStringList &members)
    {
        if (members.isEmpty())
            return {};
        auto rows = m_c.query(
            QStringLiteral("SELECT e.member, e.kind, e.id, e.op_id, COALESCE(pu.voided, 0) FROM entries e "
                           "LEFT JOIN purchases pu ON pu.id = e.purchase WHERE e.member ") +
                inList(1) + QStringLiteral(" AND e.kind IN ('welcome_gift', 'first_purchase_gift')"),
            {listValue(members)});
        if (!rows)
            return rows.error();
        for (const QString &m : members)
            m_facts.gifts.insert(m, {});
        for (qsizetype r = 0; r < rows->size(); ++r)
            m_facts.gifts[rows->text(r, 0)].append(
                {rows->text(r, 2), rows->text(r, 1), rows->text(r, 3), rows->int64(r, 4) != 0});
        // Gifts still queued for these members (read after the queue was last written) are facts too.
        for (const PendingEntry &e : std::as_const(m_pending.entries)) {
            if (isGiftKind(e.kind) && members.contains(e.member))
                m_facts.gifts[e.member].append({e.id, e.kind, e.opId, false});
        }
        return {};
    }

    // The member row (locked), read if not known yet.
    Result<std::optional<MemberRow>> member(const QString &id)
    {
        if (auto it = m_facts.members.constFind(id); it != m_facts.members.constEnd())
            return std::optional<MemberRow>(*it);
        if (m_facts.noMember.contains(id))
            return std::optional<MemberRow>();
        auto m = readMember(m_c, id, true);
        if (!m)
            return m.error();
        if (m->has_value())
            remember(m->value());
        else
            m_facts.noMember.insert(id);
        return m;
    }

    Result<QString> phoneHolder(const QString &phone)
    {
        if (auto it = m_facts.phoneHolder.constFind(phone); it != m_facts.phoneHolder.constEnd())
            return *it;
        auto rows = m_c.query(QStringLiteral("SELECT ") + MemberColumns +
                                  QStringLiteral(" FROM members WHERE phone = $1 AND status = 'active'") +
                                  m_c.forUpdate(),
                              {phone});
        if (!rows)
            return rows.error();
        QString holder;
        if (!rows->isEmpty()) {
            const MemberRow row = MemberRow::fromRow(*rows, 0);
            holder = row.id;
            if (!m_facts.members.contains(row.id))
                remember(row);
        }
        m_facts.phoneHolder.insert(phone, holder);
        return holder;
    }

    Result<bool> codeTaken(const QString &code)
    {
        if (!m_facts.codeTaken.contains(code))
            CP_TRY(readPresence(QStringLiteral("SELECT code FROM members WHERE code "), {code},
                                m_facts.codeTaken));
        return m_facts.codeTaken.value(code);
    }

    Result<bool> entryKnown(const QString &id)
    {
        if (!m_facts.entryKnown.contains(id))
            CP_TRY(
                readPresence(QStringLiteral("SELECT id FROM entries WHERE id "), {id}, m_facts.entryKnown));
        return m_facts.entryKnown.value(id);
    }

    // Whether the purchase is already here, and the live purchase holding its receipt at its store.
    struct PurchaseFacts {
        bool known = false;
        QString receiptHolder;
    };
    Result<PurchaseFacts> purchaseFacts(const WirePurchase &pur, const QString &store)
    {
        const QString key = receiptKey(store, pur.receipt);
        if (!m_facts.purchaseKnown.contains(pur.id) || !m_facts.liveReceipt.contains(key)) {
            auto rows =
                m_c.query(QStringLiteral("SELECT id, store, receipt, voided FROM purchases WHERE id = $1 OR "
                                         "(store = $2 AND receipt = $3 AND voided = 0)"),
                          {pur.id, store, pur.receipt});
            if (!rows)
                return rows.error();
            m_facts.purchaseKnown.insert(pur.id, false);
            m_facts.liveReceipt.insert(key, QString());
            notePurchases(*rows);
        }
        return PurchaseFacts{m_facts.purchaseKnown.value(pur.id), m_facts.liveReceipt.value(key)};
    }

    Result<QList<GiftEntry>> giftsOf(const QString &memberId)
    {
        if (!m_facts.gifts.contains(memberId))
            CP_TRY(readGifts({memberId}));
        return m_facts.gifts.value(memberId);
    }

    // Writes what is queued: members, purchases, entries, then balances (rows others refer to first).
    // A row that another server wrote meanwhile (same phone, receipt or id) fails the statement with a
    // unique violation, and the whole transaction is run again: it then reads that row.
    Status flush()
    {
        const bool pg = m_c.dialect() == SqlDialect::Postgres;
        Pending p = std::move(m_pending);
        m_pending = {};
        if (!p.members.isEmpty()) {
            if (pg) {
                QStringList id, code, phone, status, into, profile, hlc, tier, tierHlc, channel, store,
                    terminal;
                QList<qint64> since, created;
                for (const PendingMember &n : std::as_const(p.members)) {
                    const MemberRow &m = n.row;
                    id << m.id;
                    code << m.code;
                    phone << m.phone;
                    status << m.status;
                    into << m.mergedInto;
                    profile << QString::fromUtf8(compactJson(m.profile));
                    hlc << QString::fromUtf8(compactJson(m.fieldHlc));
                    tier << m.tier;
                    since << m.tierSince;
                    tierHlc << m.tierHlc;
                    channel << m.channel;
                    store << m.store;
                    terminal << n.terminal;
                    created << m.createdAt;
                }
                CP_TRY(m_c.exec(
                    QStringLiteral(
                        "INSERT INTO members (id, code, phone, status, merged_into, profile, field_hlc, "
                        "tier, "
                        "tier_since, tier_hlc, channel, store, terminal, created_at, balance) "
                        "SELECT m_id, NULLIF(m_code, ''), m_phone, m_status, NULLIF(m_into, ''), m_profile, "
                        "m_hlc, m_tier, m_since, m_tier_hlc, m_channel, m_store, m_terminal, m_created, 0 "
                        "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
                        "$7::text[], $8::text[], $9::bigint[], $10::text[], $11::text[], $12::text[], "
                        "$13::text[], $14::bigint[]) AS u(m_id, m_code, m_phone, m_status, m_into, "
                        "m_profile, "
                        "m_hlc, m_tier, m_since, m_tier_hlc, m_channel, m_store, m_terminal, m_created)"),
                    {pgTextArray(id), pgTextArray(code), pgTextArray(phone), pgTextArray(status),
                     pgTextArray(into), pgTextArray(profile), pgTextArray(hlc), pgTextArray(tier),
                     pgBigintArray(since), pgTextArray(tierHlc), pgTextArray(channel), pgTextArray(store),
                     pgTextArray(terminal), pgBigintArray(created)}));
            } else {
                for (const PendingMember &n : std::as_const(p.members)) {
                    const MemberRow &m = n.row;
                    CP_TRY(
                        m_c.exec(QStringLiteral(
                                     "INSERT INTO members (id, code, phone, status, merged_into, profile, "
                                     "field_hlc, tier, tier_since, tier_hlc, channel, store, terminal, "
                                     "created_at, balance) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                                     "$11, $12, $13, $14, 0)"),
                                 {m.id, m.code.isEmpty() ? QVariant() : QVariant(m.code), m.phone, m.status,
                                  m.mergedInto.isEmpty() ? QVariant() : QVariant(m.mergedInto),
                                  QString::fromUtf8(compactJson(m.profile)),
                                  QString::fromUtf8(compactJson(m.fieldHlc)), m.tier, m.tierSince, m.tierHlc,
                                  m.channel, m.store, n.terminal, m.createdAt}));
                }
            }
        }
        if (!p.purchases.isEmpty()) {
            if (pg) {
                QStringList id, store, receipt, member, currency, terminal;
                QList<qint64> amount, eligible, at;
                for (const PendingPurchase &n : std::as_const(p.purchases)) {
                    id << n.purchase.id;
                    store << n.store;
                    receipt << n.purchase.receipt;
                    member << n.member;
                    amount << n.purchase.amountMinor;
                    eligible << n.purchase.eligibleMinor;
                    currency << n.purchase.currency;
                    at << n.purchase.at;
                    terminal << n.terminal;
                }
                CP_TRY(m_c.exec(
                    QStringLiteral(
                        "INSERT INTO purchases (id, store, receipt, member, amount, eligible, currency, "
                        "at, terminal) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], "
                        "$4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::bigint[], $9::text[])"),
                    {pgTextArray(id), pgTextArray(store), pgTextArray(receipt), pgTextArray(member),
                     pgBigintArray(amount), pgBigintArray(eligible), pgTextArray(currency), pgBigintArray(at),
                     pgTextArray(terminal)}));
            } else {
                for (const PendingPurchase &n : std::as_const(p.purchases)) {
                    CP_TRY(m_c.exec(
                        QStringLiteral("INSERT INTO purchases (id, store, receipt, member, amount, eligible, "
                                       "currency, at, terminal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"),
                        {n.purchase.id, n.store, n.purchase.receipt, n.member, n.purchase.amountMinor,
                         n.purchase.eligibleMinor, n.purchase.currency, n.purchase.at, n.terminal}));
                }
            }
        }
        if (!p.entries.isEmpty()) {
            if (pg) {
                QStringList id, member, kind, expires, terminal, store, opId, purchase, data;
                QList<qint64> points, at;
                for (const PendingEntry &e : std::as_const(p.entries)) {
                    id << e.id;
                    member << e.member;
                    kind << e.kind;
                    points << e.points;
                    at << e.at;
                    expires << (e.expiresAt ? QString::number(*e.expiresAt) : QString());
                    terminal << e.terminal;
                    store << e.store;
                    opId << e.opId;
                    purchase << e.purchase;
                    data << e.data;
                }
                CP_TRY(m_c.exec(
                    QStringLiteral(
                        "INSERT INTO entries (id, member, kind, points, at, expires_at, terminal, store, "
                        "op_id, "
                        "purchase, data) SELECT e_id, e_member, e_kind, e_points, e_at, "
                        "NULLIF(e_expires, '')::bigint, NULLIF(e_terminal, ''), NULLIF(e_store, ''), "
                        "NULLIF(e_op, ''), NULLIF(e_purchase, ''), e_data FROM unnest($1::text[], "
                        "$2::text[], "
                        "$3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], "
                        "$9::text[], "
                        "$10::text[], $11::text[]) AS u(e_id, e_member, e_kind, e_points, e_at, e_expires, "
                        "e_terminal, e_store, e_op, e_purchase, e_data)"),
                    {pgTextArray(id), pgTextArray(member), pgTextArray(kind), pgBigintArray(points),
                     pgBigintArray(at), pgTextArray(expires), pgTextArray(terminal), pgTextArray(store),
                     pgTextArray(opId), pgTextArray(purchase), pgTextArray(data)}));
            } else {
                auto orNull = [](const QString &s) { return s.isEmpty() ? QVariant() : QVariant(s); };
                for (const PendingEntry &e : std::as_const(p.entries)) {
                    CP_TRY(m_c.exec(
                        QStringLiteral(
                            "INSERT INTO entries (id, member, kind, points, at, expires_at, terminal, "
                            "store, op_id, purchase, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                            "$9, $10, $11)"),
                        {e.id, e.member, e.kind, e.points, e.at,
                         e.expiresAt ? QVariant(*e.expiresAt) : QVariant(), orNull(e.terminal),
                         orNull(e.store), orNull(e.opId), orNull(e.purchase), e.data}));
                }
            }
        }
        if (!p.balance.isEmpty()) {
            if (pg) {
                QStringList ids;
                QList<qint64> deltas;
                for (auto it = p.balance.cbegin(); it != p.balance.cend(); ++it) {
                    ids << it.key();
                    deltas << it.value();
                }
                CP_TRY(m_c.exec(QStringLiteral("UPDATE members m SET balance = m.balance + u.delta FROM "
                                               "unnest($1::text[], $2::bigint[]) AS u(member, delta) "
                                               "WHERE m.id = u.member"),
                                {pgTextArray(ids), pgBigintArray(deltas)}));
            } else {
                for (auto it = p.balance.cbegin(); it != p.balance.cend(); ++it) {
                    CP_TRY(m_c.exec(QStringLiteral("UPDATE members SET balance = balance + $2 WHERE id = $1"),
                                    {it.key(), it.value()}));
                }
            }
        }
        return {};
    }

    // ---- the batch's bookkeeping ------------------------------------------------------------------------

    // What is wrong with an op before its payload is read: a broken envelope, another terminal's op, or a
    // clock stamp the server does not trust.
    std::optional<Rejection> precheck(const PushOp &op) const
    {
        if (op.envelopeError)
            return Rejection{reason::Invalid, op.envelopeError->message};
        if (op.terminal != m_terminal.id)
            return Rejection{
                reason::WrongTerminal,
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
    Status chargeBudget(const ParsedOp &p, qint64 balance, OpResult &result)
    {
        qint64 credit = 0;
        for (const WireEntry &e : p.entries)
            credit += std::max<qint64>(e.points, 0);
        if (credit == 0 || m_dayPointsBudget <= 0)
            return {};
        auto zone = m_points->timeZone();
        if (!zone)
            return zone.error();
        const QString day = QDateTime::fromMSecsSinceEpoch(m_now, zone.value()).date().toString(Qt::ISODate);
        auto crossed = m_budget->add(credit, day);
        if (!crossed)
            return crossed.error();
        if (!crossed.value())
            return {};
        const QString member = p.kind == OpKind::MemberRegister ? p.profile->id : p.member;
        CP_TRY(flag(QStringLiteral("budget_exceeded"), member, p, balance));
        result.flags << QStringLiteral("budget_exceeded");
        qCInfo(lcServer).noquote() << "terminal" << m_terminal.id << "credited" << m_budget->dayTotal()
                                   << "points on" << day << "budget" << m_dayPointsBudget;
        return {};
    }

    // Inserts the claims; returns the ids claimed now (the others were claimed before).
    Result<QSet<QString>> claim(const QStringList &ids, const QStringList &kinds)
    {
        QSet<QString> claimed;
        if (m_c.dialect() == SqlDialect::Postgres) {
            auto rows = m_c.query(
                QStringLiteral("INSERT INTO applied_ops (op_id, terminal, kind, status, result, at) "
                               "SELECT u.id, $3, u.kind, 'applied', '{}', $4 "
                               "FROM unnest($1::text[], $2::text[]) AS u(id, kind) "
                               "ON CONFLICT DO NOTHING RETURNING op_id"),
                {pgTextArray(ids), pgTextArray(kinds), m_terminal.id, m_now});
            if (!rows)
                return rows.error();
            for (qsizetype r = 0; r < rows->size(); ++r)
                claimed.insert(rows->text(r, 0));
            return claimed;
        }
        for (qsizetype i = 0; i < ids.size(); ++i) {
            auto rows = m_c.query(
                QStringLiteral("INSERT INTO applied_ops (op_id, terminal, kind, status, result, at) "
                               "VALUES ($1, $2, $3, 'applied', '{}', $4) "
                               "ON CONFLICT DO NOTHING RETURNING op_id"),
                {ids.at(i), m_terminal.id, kinds.at(i), m_now});
            if (!rows)
                return rows.error();
            if (!rows->isEmpty())
                claimed.insert(ids.at(i));
        }
        return claimed;
    }

    Result<QHash<QString, QJsonObject>> earlierResults(const QStringList &ids)
    {
        QHash<QString, QJsonObject> out;
        if (ids.isEmpty())
            return out;
        if (m_c.dialect() == SqlDialect::Postgres) {
            auto rows =
                m_c.query(QStringLiteral("SELECT op_id, result FROM applied_ops WHERE terminal = $2 AND "
                                         "op_id = ANY($1::text[])"),
                          {pgTextArray(ids), m_terminal.id});
            if (!rows)
                return rows.error();
            for (qsizetype r = 0; r < rows->size(); ++r)
                out.insert(rows->text(r, 0), parseStoredJson(rows->text(r, 1)));
            return out;
        }
        for (const QString &id : ids) {
            auto rows =
                m_c.query(QStringLiteral("SELECT result FROM applied_ops WHERE terminal = $2 AND op_id = $1"),
                          {id, m_terminal.id});
            if (!rows)
                return rows.error();
            if (!rows->isEmpty())
                out.insert(id, parseStoredJson(rows->text(0, 0)));
        }
        return out;
    }

    // A duplicate answers with what the first answer said (reason, flags, mergedInto), so a till that
    // lost the first answer still learns that its op was rejected, or merged.
    static void duplicateOf(const QJsonObject &first, OpResult &result)
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

    Status recordResults(const QList<OpResult> &results)
    {
        auto statusText = [](const OpResult &r) {
            return r.status == OpStatus::Rejected ? QStringLiteral("rejected") : QStringLiteral("applied");
        };
        if (m_c.dialect() == SqlDialect::Postgres) {
            if (results.isEmpty())
                return {};
            QStringList ids, statuses, reasons, texts;
            for (const OpResult &r : results) {
                ids << r.opId;
                statuses << statusText(r);
                reasons << r.reason;
                texts << QString::fromUtf8(compactJson(r.toJsonObject()));
            }
            return m_c.exec(
                QStringLiteral("UPDATE applied_ops a SET status = u.status, reason = NULLIF(u.reason, ''), "
                               "result = u.result FROM unnest($1::text[], $2::text[], $3::text[], "
                               "$4::text[]) AS u(id, status, reason, result) WHERE a.terminal = $5 AND "
                               "a.op_id = u.id"),
                {pgTextArray(ids), pgTextArray(statuses), pgTextArray(reasons), pgTextArray(texts),
                 m_terminal.id});
        }
        for (const OpResult &r : results) {
            CP_TRY(
                m_c.exec(QStringLiteral(
                             "UPDATE applied_ops SET status = $2, reason = $3, result = $4 WHERE op_id = $1 "
                             "AND terminal = $5"),
                         {r.opId, statusText(r), r.reason.isEmpty() ? QVariant() : QVariant(r.reason),
                          QString::fromUtf8(compactJson(r.toJsonObject())), m_terminal.id}));
        }
        return {};
    }

    static Result<OpOutcome> reject(const QString &reason, const QString &message)
    {
        OpOutcome o;
        o.rejected = Rejection{reason, message};
        return o;
    }

    const LoyaltyRules &rules()
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

    // The member an op is about, locked; an alias resolves to the member it was merged into.
    Result<std::optional<MemberRow>> target(const QString &id)
    {
        QString current = id;
        for (int hop = 0; hop < 4; ++hop) {
            auto m = member(current);
            if (!m || !m->has_value() || m->value().status != QLatin1String("merged") ||
                m->value().mergedInto.isEmpty())
                return m;
            current = m->value().mergedInto;
        }
        return makeError(ErrorCode::Internal, QStringLiteral("A chain of merged members is too long."));
    }

    Result<OpOutcome> applyOne(const ParsedOp &p)
    {
        switch (p.kind) {
        case OpKind::MemberRegister:
            return registerMember(p);
        case OpKind::MemberUpdate:
            return updateMember(p);
        default:
            break;
        }
        auto m = target(p.member);
        if (!m)
            return m.error();
        if (!m->has_value())
            return reject(reason::UnknownMember,
                          QStringLiteral("The server does not know member %1.").arg(p.member));
        MemberRow member = m->value();
        // A void or refund touches only its own store's purchase of its own member (TerminalTrust).
        const QString actedOn = p.kind == OpKind::Refund ? p.refund->purchase
                                : p.kind == OpKind::Void ? p.voidedPurchase
                                                         : QString();
        if (!actedOn.isEmpty()) {
            auto refused = checkPurchaseOwner(m_c, actedOn, p.store, member.id);
            if (!refused)
                return refused.error();
            if (refused->has_value())
                return reject(refused->value().reason, refused->value().message);
        }
        // Points and tier upgrades only as the rules and the server's records give them (PointsCheck).
        if (auto refused = m_points->check(p, member); !refused || refused->has_value())
            return refused ? reject(refused->value().reason, refused->value().message)
                           : Result<OpOutcome>(refused.error());
        if (auto refused = m_points->checkTier(p, member, m_now); !refused || refused->has_value())
            return refused ? reject(refused->value().reason, refused->value().message)
                           : Result<OpOutcome>(refused.error());
        OpOutcome outcome;
        QString purchaseId;
        switch (p.kind) {
        case OpKind::Earn: {
            const WirePurchase &pur = *p.purchase;
            purchaseId = pur.id;
            // This purchase already here (another op carried it), or its receipt taken by another.
            auto facts = purchaseFacts(pur, p.store);
            if (!facts)
                return facts.error();
            if (!facts->known) {
                if (!facts->receiptHolder.isEmpty())
                    return reject(
                        reason::ReceiptTaken,
                        QStringLiteral("Receipt %1 at %2 already earned points for another purchase.")
                            .arg(pur.receipt, p.store));
                m_pending.purchases.append({pur, p.store, member.id, p.terminal});
                m_facts.purchaseKnown.insert(pur.id, true);
                m_facts.liveReceipt.insert(receiptKey(p.store, pur.receipt), pur.id);
                m_log.purchase(pur.id);
            }
            break;
        }
        case OpKind::Refund: {
            const WireRefund &refund = *p.refund;
            purchaseId = refund.purchase;
            auto pur = m_c.query(QStringLiteral("SELECT amount, refunded FROM purchases WHERE id = $1") +
                                     m_c.forUpdate(),
                                 {refund.purchase});
            if (!pur)
                return pur.error();
            if (pur->isEmpty())
                return reject(reason::UnknownPurchase,
                              QStringLiteral("The server does not know purchase %1.").arg(refund.purchase));
            auto inserted = m_c.query(
                QStringLiteral("INSERT INTO refunds (id, purchase, amount, at, terminal, op_id) "
                               "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id"),
                {refund.id, refund.purchase, refund.amountMinor, refund.at, p.terminal, p.opId});
            if (!inserted)
                return inserted.error();
            if (!inserted->isEmpty()) {
                const qint64 refunded = std::min(pur->int64(0, 0), pur->int64(0, 1) + refund.amountMinor);
                CP_TRY(m_c.exec(QStringLiteral("UPDATE purchases SET refunded = $2 WHERE id = $1"),
                                {refund.purchase, refunded}));
                m_log.purchase(refund.purchase);
            }
            break;
        }
        case OpKind::Void:
            if (!p.voidedPurchase.isEmpty()) {
                purchaseId = p.voidedPurchase;
                auto voided = m_c.query(
                    QStringLiteral(
                        "UPDATE purchases SET voided = 1 WHERE id = $1 AND voided = 0 RETURNING id"),
                    {p.voidedPurchase});
                if (!voided)
                    return voided.error();
                if (!voided->isEmpty())
                    m_log.purchase(p.voidedPurchase);
            }
            break;
        default:
            break;
        }
        QStringList gifts;
        auto delta = insertEntries(p, member.id, purchaseId, &gifts);
        if (!delta)
            return delta.error();
        auto corrected = takeBackRepeatedGifts(p, member.id, gifts, p.member);
        if (!corrected)
            return corrected.error();
        auto balance = moveBalance(member.id, delta.value() + corrected.value());
        if (!balance)
            return balance.error();
        outcome.balance = balance.value();
        if (p.tierChange) {
            auto changed = applyTier(member, *p.tierChange, p);
            if (!changed)
                return changed.error();
        }
        if (p.kind == OpKind::Redeem && balance.value() < 0) {
            // The goods are gone: the redemption stands, and the manager is told.
            CP_TRY(flag(QStringLiteral("overdraw"), member.id, p, balance.value()));
            outcome.flags << QStringLiteral("overdraw");
        }
        for (const QString &kind : m_points->flagsFor(p)) { // for head office: adjustments
            CP_TRY(flag(kind, member.id, p, balance.value()));
            outcome.flags << kind;
        }
        return outcome;
    }

    // Inserts the op's entries by id (a repeated id is ignored: never counted twice) against `member`.
    // Returns the sum of the points of the entries that were new.
    Result<qint64> insertEntries(const ParsedOp &p, const QString &member, const QString &purchase,
                                 QStringList *newGiftIds = nullptr)
    {
        qint64 delta = 0;
        for (const WireEntry &e : p.entries) {
            auto known = entryKnown(e.id);
            if (!known)
                return known.error();
            if (known.value())
                continue;
            queueEntry({e.id, member, e.kind, e.points, e.at, e.expiresAt, p.terminal, p.store, p.opId,
                        purchase, QString::fromUtf8(compactJson(e.detailsJsonObject()))});
            delta += e.points;
            EntryChange change;
            change.entry = e;
            change.member = member;
            change.terminal = p.terminal;
            change.store = p.store;
            change.purchase = purchase;
            m_log.entry(e.id, change.toJsonObject());
            if (newGiftIds &&
                (e.kind == QLatin1String("welcome_gift") || e.kind == QLatin1String("first_purchase_gift")))
                newGiftIds->append(e.id);
        }
        return delta;
    }

    // One welcome gift and one first-purchase gift per person. Tills that did not know of each other (the
    // same phone registered offline at two of them) may each have granted them; the member that stays
    // keeps the gifts the server saw first, and each later one (of `from`, now part of `member`) is taken
    // back with a merge correction. A gift whose purchase was voided does not count.
    // Returns the sum of the corrections' points (zero or negative).
    Result<qint64> takeBackRepeatedGifts(const ParsedOp &p, const QString &member, const QStringList &giftIds,
                                         const QString &from)
    {
        qint64 total = 0;
        for (const QString &giftId : giftIds) {
            const WireEntry *gift = nullptr;
            for (const WireEntry &e : p.entries) {
                if (e.id == giftId)
                    gift = &e;
            }
            if (!gift)
                continue;
            auto had = giftsOf(member);
            if (!had)
                return had.error();
            // Another gift of the kind that counts: not this one, not of this op, its purchase not voided.
            const bool before = std::any_of(had->cbegin(), had->cend(), [&](const GiftEntry &g) {
                return g.kind == gift->kind && g.id != gift->id && g.opId != p.opId && !g.voided;
            });
            if (!before)
                continue;
            WireEntry correction;
            correction.id = Uuid::createV7(m_clock).toString();
            correction.kind = QStringLiteral("merge_correction");
            correction.points = -gift->points;
            correction.at = m_now;
            correction.reason =
                QStringLiteral("merge: %1 %2 of %3 taken back").arg(gift->kind, gift->id, from);
            queueEntry({correction.id, member, correction.kind, correction.points, correction.at,
                        std::nullopt, QString(), QString(), p.opId, QString(),
                        QString::fromUtf8(compactJson(correction.detailsJsonObject()))});
            EntryChange change;
            change.entry = correction;
            change.member = member;
            m_log.entry(correction.id, change.toJsonObject());
            total += correction.points;
        }
        return total;
    }

    // Whether `p` carries a welcome gift the server has not seen while `member` already holds one (a
    // registration sent again with new entries must not bring a second).
    Result<bool> welcomeAgain(const ParsedOp &p, const QString &member)
    {
        auto had = giftsOf(member);
        if (!had)
            return had.error();
        const bool holds = std::any_of(had->cbegin(), had->cend(), [](const GiftEntry &g) {
            return g.kind == QLatin1String("welcome_gift") && !g.voided;
        });
        for (const WireEntry &e : p.entries) {
            auto known = entryKnown(e.id);
            if (!known)
                return known.error();
            if (holds && !known.value())
                return true;
        }
        return false;
    }

    // Queues an entry and makes it a fact (and, for a gift, one of its member's gifts if those are known).
    void queueEntry(PendingEntry e)
    {
        m_facts.entryKnown.insert(e.id, true);
        if (isGiftKind(e.kind)) {
            if (auto it = m_facts.gifts.find(e.member); it != m_facts.gifts.end())
                it->append({e.id, e.kind, e.opId, false});
        }
        m_pending.entries.append(std::move(e));
    }

    // Moves the (locked, known) member's balance; returns the new balance.
    Result<qint64> moveBalance(const QString &memberId, qint64 delta)
    {
        auto it = m_facts.members.find(memberId);
        if (it == m_facts.members.end())
            return makeError(ErrorCode::Internal, QStringLiteral("The member disappeared."));
        it->balance += delta;
        if (delta != 0)
            m_pending.balance[memberId] += delta;
        return it->balance;
    }

    Status flag(const QString &kind, const QString &member, const ParsedOp &p, qint64 balance)
    {
        FlagChange f;
        f.id = Uuid::createV7(m_clock).toString();
        f.kind = kind;
        f.member = member;
        f.opId = p.opId;
        f.terminal = p.terminal;
        f.balance = balance;
        f.at = m_now;
        CP_TRY(m_c.exec(QStringLiteral("INSERT INTO flags (id, kind, member, op_id, terminal, balance, at) "
                                       "VALUES ($1, $2, $3, $4, $5, $6, $7)"),
                        {f.id, f.kind, f.member, f.opId, f.terminal, f.balance, f.at}));
        m_log.add(ChangeType::Flag, f.toJsonObject());
        qCInfo(lcServer).noquote() << "flagged" << kind << "op" << p.opId << "terminal" << p.terminal;
        return {};
    }

    // Upgrades always apply (the highest tier wins); a downgrade applies when its HLC is newer than the
    // tier's. Returns whether the tier changed.
    Result<bool> applyTier(MemberRow &member, const WireTierChange &tc, const ParsedOp &p)
    {
        auto inserted =
            m_c.query(QStringLiteral("INSERT INTO tier_changes (id, member, from_tier, to_tier, reason, hlc, "
                                     "applied, op_id) VALUES ($1, $2, $3, $4, $5, $6, 0, $7) "
                                     "ON CONFLICT DO NOTHING RETURNING id"),
                      {tc.id, member.id, tc.from, tc.to, tc.reason, p.hlc, p.opId});
        if (!inserted)
            return inserted.error();
        if (inserted->isEmpty() || tc.to == member.tier)
            return false;
        const int rankTo = tierRank(rules(), tc.to);
        const int rankNow = tierRank(rules(), member.tier);
        const bool upgrade = rankTo > rankNow;
        if (!upgrade && !hlcNewer(p.hlc, member.tierHlc))
            return false;
        const QString hlc = hlcNewer(p.hlc, member.tierHlc) ? p.hlc : member.tierHlc;
        CP_TRY(m_c.exec(
            QStringLiteral("UPDATE members SET tier = $2, tier_since = $3, tier_hlc = $4 WHERE id = $1"),
            {member.id, tc.to, p.at, hlc}));
        CP_TRY(m_c.exec(QStringLiteral("UPDATE tier_changes SET applied = 1 WHERE id = $1"), {tc.id}));
        member.tier = tc.to;
        member.tierHlc = hlc;
        m_log.member(member.id);
        return true;
    }

    Result<OpOutcome> registerMember(const ParsedOp &p)
    {
        const MemberProfile &profile = *p.profile;
        OpOutcome outcome;
        if (auto refused = m_points->check(p, MemberRow{}); !refused || refused->has_value())
            return refused ? reject(refused->value().reason, refused->value().message)
                           : Result<OpOutcome>(refused.error());
        auto existing = member(profile.id);
        if (!existing)
            return existing.error();
        if (existing->has_value()) {
            // Registered before under another op id (a till re-sent it): only entries can be new.
            auto t = target(profile.id);
            if (!t)
                return t.error();
            const QString into = t->has_value() ? t->value().id : profile.id;
            auto again = welcomeAgain(p, into);
            if (!again)
                return again.error();
            if (again.value())
                return reject(reason::PointsRefused,
                              QStringLiteral("Member %1 received the welcome gift already.").arg(into));
            auto delta = insertEntries(p, into, {});
            if (!delta)
                return delta.error();
            auto balance = moveBalance(into, delta.value());
            if (!balance)
                return balance.error();
            if (into != profile.id)
                outcome.mergedInto = into;
            return outcome;
        }
        // Codes only under the till's own terminal number; one made before enrolment once (TerminalTrust).
        auto verdict =
            checkMemberCode(m_c, profile.code, p.hlc, m_terminal.id, m_terminal.number, m_terminal.createdAt);
        if (!verdict)
            return verdict.error();
        if (verdict->refusal)
            return reject(verdict->refusal->reason, verdict->refusal->message);
        auto holder = phoneHolder(profile.phone);
        if (!holder)
            return holder.error();
        QString code = profile.code;
        auto taken = verdict->withhold ? Result<bool>(true) : codeTaken(code);
        if (!taken)
            return taken.error();
        if (taken.value()) {
            // Codes made before enrolment can collide. The member is kept (their points are real); the
            // till keeps finding them by id, and the manager is told.
            code.clear();
            outcome.flags << QStringLiteral("code_taken");
        }
        QJsonObject fields = profile.fields.toJsonObject();
        QJsonObject fieldHlc;
        for (auto it = fields.begin(); it != fields.end(); ++it)
            fieldHlc.insert(it.key(), p.hlc);
        const bool alias = !holder->isEmpty();
        const QString into = holder.value();
        MemberRow row;
        row.id = profile.id;
        row.code = code;
        row.phone = profile.phone;
        row.status = alias ? QStringLiteral("merged") : QStringLiteral("active");
        row.mergedInto = into;
        row.profile = fields;
        row.fieldHlc = fieldHlc;
        row.tier = profile.tier;
        row.tierSince = profile.createdAt;
        row.tierHlc = p.hlc;
        row.channel = profile.channel;
        row.store = p.store;
        row.createdAt = profile.createdAt;
        m_pending.members.append({row, p.terminal});
        remember(row);
        m_facts.noMember.remove(row.id);
        m_facts.gifts.insert(row.id, {}); // a new member has no gifts but the ones queued from now on
        if (!code.isEmpty())
            m_facts.codeTaken.insert(code, true);
        if (!alias)
            m_facts.phoneHolder.insert(row.phone, row.id);
        m_log.member(profile.id);
        if (verdict->foreign) { // head office sees every code a till made before it enrolled
            CP_TRY(flag(QStringLiteral("foreign_code"), profile.id, p, 0));
            outcome.flags << QStringLiteral("foreign_code");
        }
        if (!alias) {
            auto delta = insertEntries(p, profile.id, {});
            if (!delta)
                return delta.error();
            auto balance = moveBalance(profile.id, delta.value());
            if (!balance)
                return balance.error();
            outcome.balance = balance.value();
            return outcome;
        }

        // The same phone was registered first elsewhere: this member becomes an alias of that one.
        auto intoRow = member(into);
        if (!intoRow)
            return intoRow.error();
        m_log.member(into);
        QStringList gifts;
        auto delta = insertEntries(p, into, {}, &gifts);
        if (!delta)
            return delta.error();
        qint64 total = delta.value();
        auto corrected = takeBackRepeatedGifts(p, into, gifts, profile.id);
        if (!corrected)
            return corrected.error();
        total += corrected.value();
        auto balance = moveBalance(into, total);
        if (!balance)
            return balance.error();
        outcome.balance = balance.value();
        m_log.add(ChangeType::Merge, MergeChange{profile.id, into}.toJsonObject());
        qCInfo(lcServer).noquote() << "merged member" << profile.id << "into" << into << "op" << p.opId;
        outcome.mergedInto = into;
        return outcome;
    }

    Result<OpOutcome> updateMember(const ParsedOp &p)
    {
        auto m = target(p.member);
        if (!m)
            return m.error();
        if (!m->has_value())
            return reject(reason::UnknownMember,
                          QStringLiteral("The server does not know member %1.").arg(p.member));
        MemberRow member = m->value();
        const QJsonObject sent = p.fields ? p.fields->toJsonObject() : QJsonObject();
        bool changed = false;
        for (auto it = sent.begin(); it != sent.end(); ++it) {
            // Last writer wins per field, by HLC; the terminal id inside the HLC breaks ties.
            if (!hlcNewer(p.hlc, member.fieldHlc.value(it.key()).toString()))
                continue;
            member.profile.insert(it.key(), it.value());
            member.fieldHlc.insert(it.key(), p.hlc);
            changed = true;
        }
        if (changed) {
            CP_TRY(m_c.exec(QStringLiteral("UPDATE members SET profile = $2, field_hlc = $3 WHERE id = $1"),
                            {member.id, QString::fromUtf8(compactJson(member.profile)),
                             QString::fromUtf8(compactJson(member.fieldHlc))}));
            m_log.member(member.id);
        }
        return OpOutcome{};
    }

    SqlConnection &m_c;
    const Clock &m_clock;
    const TerminalRecord &m_terminal;
    ChangeLog m_log;
    qint64 m_now = 0;
    std::optional<LoyaltyRules> m_rules;
    std::optional<PointsCheck> m_points; // one per transaction: it remembers what it accepted
    qint64 m_dayPointsBudget = 0;
    std::optional<PointsBudget> m_budget;
    Facts m_facts;
    bool m_factsRead = false;
    Pending m_pending;
};

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
