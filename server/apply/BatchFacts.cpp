#include "server/apply/BatchFacts.h"

#include "server/Dialect.h"
#include "server/Sql.h"

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

QStringList listOf(const QSet<QString> &values)
{
    return QStringList(values.begin(), values.end());
}

// clang-format off
const QString CodesSelect = QStringLiteral("SELECT code FROM members WHERE code ");
const QString EntriesSelect = QStringLiteral("SELECT id FROM entries WHERE id ");
// clang-format on

} // namespace

void BatchFacts::reset()
{
    m_facts = {};
    m_read = false;
    m_pending = {};
}

Status BatchFacts::forgetFacts()
{
    CP_TRY(flush());
    m_facts = {};
    m_read = false;
    return {};
}

bool BatchFacts::isGiftKind(const QString &kind)
{
    return kind == QLatin1String("welcome_gift") || kind == QLatin1String("first_purchase_gift");
}

QString BatchFacts::receiptKey(const QString &store, const QString &receipt)
{
    return store + QLatin1Char('\n') + receipt;
}

// What the ops of a run will ask: their members (with the members aliases were merged into and the
// active holders of the phones being registered; on PostgreSQL locked in id order, so two servers
// applying batches that share members wait for each other instead of deadlocking), the codes being
// registered, their purchases and receipts, their entry ids, and the gifts of every member read.
Status BatchFacts::readAhead(const QList<const ParsedOp *> &ops)
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
    CP_TRY(readMembers(ids, phones));
    CP_TRY(readPresence(CodesSelect, listOf(codes), m_facts.codeTaken));
    CP_TRY(readPurchases(purchases, receipts));
    CP_TRY(readPresence(EntriesSelect, listOf(entries), m_facts.entryKnown));
    QStringList giftsOf;
    for (auto it = m_facts.members.cbegin(); it != m_facts.members.cend(); ++it) {
        if (!m_facts.gifts.contains(it.key()))
            giftsOf << it.key();
    }
    CP_TRY(readGifts(giftsOf));
    m_read = true;
    return {};
}

Status BatchFacts::readMembers(const QSet<QString> &ids, const QSet<QString> &phones)
{
    if (ids.isEmpty() && phones.isEmpty())
        return {};
    const Dialect &d = m_c.dialect();
    auto related = m_c.query(QStringLiteral("SELECT merged_into FROM members WHERE id ") + d.inList(1) +
                                 QStringLiteral(" AND merged_into IS NOT NULL UNION "
                                                "SELECT id FROM members WHERE phone ") +
                                 d.inList(2) + QStringLiteral(" AND status = 'active'"),
                             {d.listValue(listOf(ids)), d.listValue(listOf(phones))});
    if (!related)
        return related.error();
    QSet<QString> all = ids;
    for (qsizetype r = 0; r < related->size(); ++r)
        all.insert(related->text(r, 0));
    auto rows =
        m_c.query(QStringLiteral("SELECT ") + MemberColumns + QStringLiteral(" FROM members WHERE id ") +
                      d.inList(1) + QStringLiteral(" ORDER BY id") + m_c.forUpdate(),
                  {d.listValue(listOf(all))});
    if (!rows)
        return rows.error();
    for (const QString &phone : phones)
        m_facts.phoneHolder.insert(phone, QString());
    for (qsizetype r = 0; r < rows->size(); ++r) {
        const MemberRecord row = MemberRecord::fromRow(*rows, r);
        if (row.status == QLatin1String("active") && phones.contains(row.phone))
            m_facts.phoneHolder.insert(row.phone, row.id);
        remember(row);
    }
    for (const QString &id : ids) {
        if (!m_facts.members.contains(id))
            m_facts.noMember.insert(id);
    }
    return {};
}

Status BatchFacts::readPurchases(const QSet<QString> &purchases, const QSet<QString> &receipts)
{
    if (purchases.isEmpty())
        return {};
    const Dialect &d = m_c.dialect();
    auto rows = m_c.query(QStringLiteral("SELECT id, store, receipt, voided FROM purchases WHERE id ") +
                              d.inList(1) + QStringLiteral(" OR (store = $3 AND voided = 0 AND receipt ") +
                              d.inList(2) + QLatin1Char(')'),
                          {d.listValue(listOf(purchases)), d.listValue(listOf(receipts)), m_store});
    if (!rows)
        return rows.error();
    for (const QString &id : purchases)
        m_facts.purchaseKnown.insert(id, false);
    for (const QString &receipt : receipts)
        m_facts.liveReceipt.insert(receiptKey(m_store, receipt), QString());
    notePurchases(*rows);
    return {};
}

// Notes each of `values` in `known` as present or not; `select` returns the present ones with
// `IN list` to follow.
Status BatchFacts::readPresence(const QString &select, const QStringList &values, QHash<QString, bool> &known)
{
    if (values.isEmpty())
        return {};
    auto rows = m_c.query(select + m_c.dialect().inList(1), {m_c.dialect().listValue(values)});
    if (!rows)
        return rows.error();
    for (const QString &v : values)
        known.insert(v, false);
    for (qsizetype r = 0; r < rows->size(); ++r)
        known.insert(rows->text(r, 0), true);
    return {};
}

// Rows of (id, store, receipt, voided) from purchases: present, and holding their receipt if live.
void BatchFacts::notePurchases(const SqlRows &rows)
{
    for (qsizetype r = 0; r < rows.size(); ++r) {
        m_facts.purchaseKnown.insert(rows.text(r, 0), true);
        if (rows.int64(r, 3) == 0)
            m_facts.liveReceipt.insert(receiptKey(rows.text(r, 1), rows.text(r, 2)), rows.text(r, 0));
    }
}

Status BatchFacts::readGifts(const QStringList &members)
{
    if (members.isEmpty())
        return {};
    // clang-format off
    const QString select = QStringLiteral(R"(SELECT e.member, e.kind, e.id, e.op_id, COALESCE(pu.voided, 0)
        FROM entries e LEFT JOIN purchases pu ON pu.id = e.purchase
        WHERE e.kind IN ('welcome_gift', 'first_purchase_gift') AND e.member )");
    // clang-format on
    auto rows = m_c.query(select + m_c.dialect().inList(1), {m_c.dialect().listValue(members)});
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

Result<std::optional<MemberRecord>> BatchFacts::member(const QString &id)
{
    if (auto it = m_facts.members.constFind(id); it != m_facts.members.constEnd())
        return std::optional<MemberRecord>(*it);
    if (m_facts.noMember.contains(id))
        return std::optional<MemberRecord>();
    auto m = readMember(m_c, id, true);
    if (!m)
        return m.error();
    if (m->has_value())
        remember(m->value());
    else
        m_facts.noMember.insert(id);
    return m;
}

Result<std::optional<MemberRecord>> BatchFacts::target(const QString &id)
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

Result<QString> BatchFacts::phoneHolder(const QString &phone)
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
        const MemberRecord row = MemberRecord::fromRow(*rows, 0);
        holder = row.id;
        if (!m_facts.members.contains(row.id))
            remember(row);
    }
    m_facts.phoneHolder.insert(phone, holder);
    return holder;
}

Result<bool> BatchFacts::codeTaken(const QString &code)
{
    if (!m_facts.codeTaken.contains(code))
        CP_TRY(readPresence(CodesSelect, {code}, m_facts.codeTaken));
    return m_facts.codeTaken.value(code);
}

Result<bool> BatchFacts::entryKnown(const QString &id)
{
    if (!m_facts.entryKnown.contains(id))
        CP_TRY(readPresence(EntriesSelect, {id}, m_facts.entryKnown));
    return m_facts.entryKnown.value(id);
}

Result<BatchFacts::PurchaseFacts> BatchFacts::purchaseFacts(const WirePurchase &pur, const QString &store)
{
    const QString key = receiptKey(store, pur.receipt);
    if (!m_facts.purchaseKnown.contains(pur.id) || !m_facts.liveReceipt.contains(key)) {
        auto rows = m_c.query(QStringLiteral(R"(SELECT id, store, receipt, voided FROM purchases
            WHERE id = $1 OR (store = $2 AND receipt = $3 AND voided = 0))"),
                              {pur.id, store, pur.receipt});
        if (!rows)
            return rows.error();
        m_facts.purchaseKnown.insert(pur.id, false);
        m_facts.liveReceipt.insert(key, QString());
        notePurchases(*rows);
    }
    return PurchaseFacts{m_facts.purchaseKnown.value(pur.id), m_facts.liveReceipt.value(key)};
}

Result<QList<BatchFacts::GiftEntry>> BatchFacts::giftsOf(const QString &memberId)
{
    if (!m_facts.gifts.contains(memberId))
        CP_TRY(readGifts({memberId}));
    return m_facts.gifts.value(memberId);
}

// A new member: not one with no row any more, no gifts but the ones queued from now on; its code is
// taken, and unless it is an alias it holds its phone.
void BatchFacts::queueMember(const MemberRecord &row, const QString &terminal)
{
    m_pending.members.append({row, terminal});
    remember(row);
    m_facts.noMember.remove(row.id);
    m_facts.gifts.insert(row.id, {});
    if (!row.code.isEmpty())
        m_facts.codeTaken.insert(row.code, true);
    if (row.status == QLatin1String("active"))
        m_facts.phoneHolder.insert(row.phone, row.id);
}

void BatchFacts::queuePurchase(const PendingPurchase &purchase)
{
    m_pending.purchases.append(purchase);
    m_facts.purchaseKnown.insert(purchase.purchase.id, true);
    m_facts.liveReceipt.insert(receiptKey(purchase.store, purchase.purchase.receipt), purchase.purchase.id);
}

// For a gift, also one of its member's gifts if those are known.
void BatchFacts::queueEntry(PendingEntry e)
{
    m_facts.entryKnown.insert(e.id, true);
    if (isGiftKind(e.kind)) {
        if (auto it = m_facts.gifts.find(e.member); it != m_facts.gifts.end())
            it->append({e.id, e.kind, e.opId, false});
    }
    m_pending.entries.append(std::move(e));
}

Result<qint64> BatchFacts::moveBalance(const QString &memberId, qint64 delta)
{
    auto it = m_facts.members.find(memberId);
    if (it == m_facts.members.end())
        return makeError(ErrorCode::Internal, QStringLiteral("The member disappeared."));
    it->balance += delta;
    if (delta != 0)
        m_pending.balance[memberId] += delta;
    return it->balance;
}

// A row that another server wrote meanwhile (same phone, receipt or id) fails the statement with a
// unique violation, and the whole transaction is run again: it then reads that row.
Status BatchFacts::flush()
{
    const Dialect &d = m_c.dialect();
    Pending p = std::move(m_pending);
    m_pending = {};
    if (!p.members.isEmpty())
        CP_TRY(d.insertMembers(m_c, p.members));
    if (!p.purchases.isEmpty())
        CP_TRY(d.insertPurchases(m_c, p.purchases));
    if (!p.entries.isEmpty())
        CP_TRY(d.insertEntries(m_c, p.entries));
    if (!p.balance.isEmpty())
        CP_TRY(d.addToBalances(m_c, p.balance));
    return {};
}

} // namespace counterpart::server
