#include "server/ChangeLog.h"

#include "server/Dialect.h"
#include "server/Log.h"

#include <QJsonDocument>
#include <QTimeZone>

namespace counterpart::server {

const QString MemberColumns = QStringLiteral(
    "id, code, phone, status, merged_into, profile, field_hlc, tier, tier_since, tier_hlc, channel, store, "
    "created_at, balance, previous_phones, erased_at");

QByteArray compactJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject parseStoredJson(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

MemberRecord MemberRecord::fromRow(const SqlRows &rows, qsizetype r)
{
    MemberRecord m;
    m.id = rows.text(r, 0);
    m.code = rows.text(r, 1);
    m.phone = rows.text(r, 2);
    m.status = rows.text(r, 3);
    m.mergedInto = rows.text(r, 4);
    m.profile = parseStoredJson(rows.text(r, 5));
    m.fieldHlc = parseStoredJson(rows.text(r, 6));
    m.tier = rows.text(r, 7);
    m.tierSince = rows.int64(r, 8);
    m.tierHlc = rows.text(r, 9);
    m.channel = rows.text(r, 10);
    m.store = rows.text(r, 11);
    m.createdAt = rows.int64(r, 12);
    m.balance = rows.int64(r, 13);
    m.previousPhones = QJsonDocument::fromJson(rows.text(r, 14).toUtf8()).array();
    m.erasedAt = rows.optionalInt64(r, 15);
    return m;
}

sync::MemberChange MemberRecord::change() const
{
    sync::MemberChange m;
    m.id = id;
    m.code = code;
    m.phone = phone;
    m.status = status;
    m.mergedInto = mergedInto;
    m.tier = tier;
    m.tierSince = tierSince;
    m.channel = channel;
    m.store = store;
    m.createdAt = createdAt;
    m.balance = balance;
    m.fieldHlc = fieldHlc;
    m.fields = fields();
    m.previousPhones = previousPhoneList();
    m.erasedAt = erasedAt;
    return m;
}

QList<sync::PreviousPhone> MemberRecord::previousPhoneList() const
{
    QList<sync::PreviousPhone> out;
    for (const QJsonValue &v : previousPhones) {
        const QJsonObject o = v.toObject();
        const QString number = o.value(QStringLiteral("phone")).toString();
        if (sync::isE164(number))
            out.append({number, o.value(QStringLiteral("until")).toInteger()});
    }
    // The newest changes, as many as a member change carries.
    return out.mid(std::max<qsizetype>(0, out.size() - sync::MaxPreviousPhones));
}

sync::MemberFields MemberRecord::fields() const
{
    // The profile was written through MemberFields (register, update), so it reads back whole; a row
    // edited by hand into something else loses the fields it spoiled rather than stop every till.
    auto fields = sync::MemberFields::fromJsonObject(profile, QStringLiteral("profile"), false);
    if (fields)
        return fields.value();
    qCWarning(lcServer).noquote() << "member" << id << "has a damaged profile:" << fields.error().message;
    return {};
}

QJsonObject MemberRecord::payload() const
{
    return change().toJsonObject();
}

Result<qint64> spendSince(SqlConnection &c, const QString &member, qint64 sinceMs)
{
    auto rows = c.query(QStringLiteral("SELECT COALESCE(SUM(amount - refunded), 0) FROM purchases "
                                       "WHERE member = $1 AND at >= $2 AND voided = 0"),
                        {member, sinceMs});
    if (!rows)
        return rows.error();
    return rows->int64(0, 0);
}

Result<TierRecord> tierRecord(SqlConnection &c, const QString &member, const TierRules &rules,
                              const QDateTime &asOf)
{
    const qint64 since = asOf.addMonths(-rules.windowMonths).toMSecsSinceEpoch();
    TierRecord record;
    CP_TRY_ASSIGN(record.spendMinor, spendSince(c, member, since));
    if (!rules.countsVisits())
        return record;
    auto rows =
        c.query(QStringLiteral("SELECT at FROM purchases WHERE member = $1 AND at >= $2 AND voided = 0 "
                               "ORDER BY at"),
                {member, since});
    if (!rows)
        return rows.error();
    record.visitDays.reserve(rows->size());
    for (qsizetype r = 0; r < rows->size(); ++r)
        record.visitDays.append(QDateTime::fromMSecsSinceEpoch(rows->int64(r, 0), asOf.timeZone()).date());
    return record;
}

Status requireStore(SqlConnection &c, const QString &store)
{
    auto rows = c.query(QStringLiteral("SELECT id FROM stores WHERE id = $1"), {store});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("There is no store %1. Add it first with admin store-add.").arg(store));
    return {};
}

Result<std::optional<MemberRecord>> readMember(SqlConnection &c, const QString &id, bool forUpdate)
{
    auto rows =
        c.query(QStringLiteral("SELECT ") + MemberColumns + QStringLiteral(" FROM members WHERE id = $1") +
                    (forUpdate ? c.forUpdate() : QString()),
                {id});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<MemberRecord>();
    return std::optional<MemberRecord>(MemberRecord::fromRow(*rows, 0));
}

namespace {

const QString PurchaseSelect = QStringLiteral(
    "SELECT id, receipt, amount, eligible, currency, at, store, member, refunded, voided FROM purchases");

QJsonObject purchasePayload(const SqlRows &rows, qsizetype r)
{
    sync::PurchaseChange p;
    p.purchase.id = rows.text(r, 0);
    p.purchase.receipt = rows.text(r, 1);
    p.purchase.amountMinor = rows.int64(r, 2);
    p.purchase.eligibleMinor = rows.int64(r, 3);
    p.purchase.currency = rows.text(r, 4);
    p.purchase.at = rows.int64(r, 5);
    p.store = rows.text(r, 6);
    p.member = rows.text(r, 7);
    p.refundedMinor = rows.int64(r, 8);
    p.voided = rows.int64(r, 9) != 0;
    return p.toJsonObject();
}

} // namespace

Result<std::optional<QJsonObject>> readPurchasePayload(SqlConnection &c, const QString &id)
{
    auto rows = c.query(PurchaseSelect + QStringLiteral(" WHERE id = $1"), {id});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<QJsonObject>();
    return std::optional<QJsonObject>(purchasePayload(*rows, 0));
}

void ChangeLog::member(const QString &id)
{
    if (m_memberAt.contains(id))
        return;
    m_memberAt.insert(id, m_items.size());
    m_items.append({sync::ChangeType::Member, id, {}});
}

void ChangeLog::purchase(const QString &id)
{
    if (m_purchaseAt.contains(id))
        return;
    m_purchaseAt.insert(id, m_items.size());
    m_items.append({sync::ChangeType::Purchase, id, {}});
}

void ChangeLog::entry(const QString &id, const QJsonObject &payload)
{
    m_items.append({sync::ChangeType::Entry, id, payload});
}

void ChangeLog::add(sync::ChangeType type, const QJsonObject &payload)
{
    m_items.append({type, {}, payload});
}

void ChangeLog::rollbackTo(qsizetype mark)
{
    while (m_items.size() > mark) {
        const Item &item = m_items.constLast();
        if (item.type == sync::ChangeType::Member)
            m_memberAt.remove(item.id);
        else if (item.type == sync::ChangeType::Purchase)
            m_purchaseAt.remove(item.id);
        m_items.removeLast();
    }
}

void ChangeLog::clear()
{
    m_items.clear();
    m_memberAt.clear();
    m_purchaseAt.clear();
}

Status ChangeLog::readPayloads(SqlConnection &c)
{
    QStringList members, purchases;
    for (const Item &item : std::as_const(m_items)) {
        if (item.type == sync::ChangeType::Member)
            members << item.id;
        else if (item.type == sync::ChangeType::Purchase)
            purchases << item.id;
    }
    const Dialect &d = c.dialect();
    QHash<QString, QJsonObject> payloads;
    if (!members.isEmpty()) {
        auto rows = c.query(QStringLiteral("SELECT ") + MemberColumns +
                                QStringLiteral(" FROM members WHERE id ") + d.inList(1),
                            {d.listValue(members)});
        if (!rows)
            return rows.error();
        for (qsizetype r = 0; r < rows->size(); ++r)
            payloads.insert(rows->text(r, 0), MemberRecord::fromRow(*rows, r).payload());
    }
    if (!purchases.isEmpty()) {
        auto rows =
            c.query(PurchaseSelect + QStringLiteral(" WHERE id ") + d.inList(1), {d.listValue(purchases)});
        if (!rows)
            return rows.error();
        for (qsizetype r = 0; r < rows->size(); ++r)
            payloads.insert(rows->text(r, 0), purchasePayload(*rows, r));
    }
    for (Item &item : m_items) {
        if (item.type != sync::ChangeType::Member && item.type != sync::ChangeType::Purchase)
            continue;
        if (!payloads.contains(item.id))
            return makeError(ErrorCode::Internal, QStringLiteral("A changed row disappeared."));
        item.payload = payloads.value(item.id);
    }
    return {};
}

Status ChangeLog::commit(SqlConnection &c)
{
    if (m_items.isEmpty())
        return {};
    CP_TRY(readPayloads(c));
    // Last in the transaction: the counter's row lock is then held only for the inserts below, and
    // numbers are handed out in commit order.
    auto counter =
        c.query(QStringLiteral("UPDATE change_counter SET value = value + $1 WHERE id = 1 RETURNING value"),
                {qint64(m_items.size())});
    if (!counter)
        return counter.error();
    if (counter->isEmpty())
        return makeError(ErrorCode::Internal, QStringLiteral("The change counter row is missing."));
    const qint64 first = counter->int64(0, 0) - m_items.size() + 1;
    return c.dialect().insertChanges(c, first, m_items);
}

} // namespace counterpart::server
