// PostgreSQL's side of the Dialect: a batch in one statement per table, through unnest of array
// parameters (one round trip for the whole batch instead of one per row).

#include "server/Dialect.h"
#include "server/Sql.h"

#include <map>
#include <type_traits>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

// clang-format off
const QString InsertMembers = QStringLiteral(R"(
INSERT INTO members (id, code, phone, status, merged_into, profile, field_hlc, tier, tier_since, tier_hlc,
    channel, store, terminal, created_at, balance)
SELECT m_id, NULLIF(m_code, ''), m_phone, m_status, NULLIF(m_into, ''), m_profile, m_hlc, m_tier, m_since,
    m_tier_hlc, m_channel, m_store, m_terminal, m_created, 0
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::bigint[])
    AS u(m_id, m_code, m_phone, m_status, m_into, m_profile, m_hlc, m_tier, m_since, m_tier_hlc, m_channel,
    m_store, m_terminal, m_created))");

const QString InsertPurchases = QStringLiteral(R"(
INSERT INTO purchases (id, store, receipt, member, amount, eligible, currency, at, terminal)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[],
    $8::bigint[], $9::text[]))");

const QString InsertEntries = QStringLiteral(R"(
INSERT INTO entries (id, member, kind, points, at, expires_at, terminal, store, op_id, purchase, data)
SELECT e_id, e_member, e_kind, e_points, e_at, NULLIF(e_expires, '')::bigint, NULLIF(e_terminal, ''),
    NULLIF(e_store, ''), NULLIF(e_op, ''), NULLIF(e_purchase, ''), e_data
FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[],
    $8::text[], $9::text[], $10::text[], $11::text[])
    AS u(e_id, e_member, e_kind, e_points, e_at, e_expires, e_terminal, e_store, e_op, e_purchase, e_data))");

const QString AddToBalances = QStringLiteral(R"(
UPDATE members m SET balance = m.balance + u.delta
FROM unnest($1::text[], $2::bigint[]) AS u(member, delta) WHERE m.id = u.member)");

const QString ClaimOps = QStringLiteral(R"(
INSERT INTO applied_ops (op_id, terminal, kind, status, result, at)
SELECT u.id, $3, u.kind, 'applied', '{}', $4 FROM unnest($1::text[], $2::text[]) AS u(id, kind)
ON CONFLICT DO NOTHING RETURNING op_id)");

const QString EarlierResults = QStringLiteral(R"(
SELECT op_id, result FROM applied_ops WHERE terminal = $2 AND op_id = ANY($1::text[]))");

const QString RecordResults = QStringLiteral(R"(
UPDATE applied_ops a SET status = u.status, reason = NULLIF(u.reason, ''), result = u.result,
    operator = NULLIF(u.operator, ''), member = NULLIF(u.member, ''), op_at = NULLIF(u.at, 0)
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
    AS u(id, status, reason, result, operator, member, at)
WHERE a.terminal = $8 AND a.op_id = u.id)");

const QString InsertChanges = QStringLiteral(R"(
INSERT INTO changes (seq, type, payload) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]))");

// %1: entries, members or purchases.
const QString StampSeq = QStringLiteral(R"(
UPDATE %1 t SET seq = u.seq FROM unnest($1::text[], $2::bigint[]) AS u(id, seq)
WHERE t.id = u.id AND t.seq IS NULL)");
// clang-format on

enum ColumnType { Text, Bigint };

// The array parameters of an unnest, one per column (text[] or bigint[]), filled a row at a time.
class ArrayColumns
{
public:
    explicit ArrayColumns(QList<ColumnType> types)
        : m_types(std::move(types))
        , m_values(m_types.size())
    {}
    void add(const QVariantList &row)
    {
        for (qsizetype i = 0; i < m_types.size(); ++i)
            m_values[i].append(row.at(i));
    }
    SqlParams params() const
    {
        SqlParams out;
        for (qsizetype i = 0; i < m_types.size(); ++i)
            out.append(m_types.at(i) == Text ? arrayOf<QString>(m_values.at(i))
                                             : arrayOf<qint64>(m_values.at(i)));
        return out;
    }

private:
    template<typename T>
    static QString arrayOf(const QVariantList &values)
    {
        QList<T> list;
        list.reserve(values.size());
        for (const QVariant &v : values)
            list.append(v.value<T>());
        if constexpr (std::is_same_v<T, QString>)
            return pgTextArray(list);
        else
            return pgBigintArray(list);
    }
    QList<ColumnType> m_types;
    QList<QVariantList> m_values;
};

class PostgresDialect final : public Dialect
{
public:
    QString inList(int n) const override { return QStringLiteral("= ANY($%1::text[])").arg(n); }
    QVariant listValue(const QStringList &values) const override { return pgTextArray(values); }

    Result<QSet<QString>> claimOps(SqlConnection &c, const QStringList &ids, const QStringList &kinds,
                                   const QString &terminal, qint64 now) const override
    {
        auto rows = c.query(ClaimOps, {pgTextArray(ids), pgTextArray(kinds), terminal, now});
        if (!rows)
            return rows.error();
        QSet<QString> claimed;
        for (qsizetype r = 0; r < rows->size(); ++r)
            claimed.insert(rows->text(r, 0));
        return claimed;
    }

    Result<QHash<QString, QJsonObject>> earlierResults(SqlConnection &c, const QStringList &ids,
                                                       const QString &terminal) const override
    {
        QHash<QString, QJsonObject> out;
        if (ids.isEmpty())
            return out;
        auto rows = c.query(EarlierResults, {pgTextArray(ids), terminal});
        if (!rows)
            return rows.error();
        for (qsizetype r = 0; r < rows->size(); ++r)
            out.insert(rows->text(r, 0), parseStoredJson(rows->text(r, 1)));
        return out;
    }

    Status recordResults(SqlConnection &c, const QList<RecordedOp> &ops,
                         const QString &terminal) const override
    {
        if (ops.isEmpty())
            return {};
        ArrayColumns columns({Text, Text, Text, Text, Text, Text, Bigint});
        for (const RecordedOp &o : ops) {
            const OpResult &r = o.result;
            columns.add({r.opId, appliedOpStatus(r), r.reason,
                         QString::fromUtf8(compactJson(r.toJsonObject())), o.operatorId, o.member, o.at});
        }
        return c.exec(RecordResults, columns.params() << terminal);
    }

    Status insertMembers(SqlConnection &c, const QList<PendingMember> &rows) const override;
    Status insertPurchases(SqlConnection &c, const QList<PendingPurchase> &rows) const override;
    Status insertEntries(SqlConnection &c, const QList<PendingEntry> &rows) const override;

    Status addToBalances(SqlConnection &c, const QMap<QString, qint64> &deltas) const override
    {
        return c.exec(AddToBalances, {pgTextArray(deltas.keys()), pgBigintArray(deltas.values())});
    }

    Status insertChanges(SqlConnection &c, qint64 firstSeq,
                         const QList<LoggedChange> &changes) const override;

    Status lockForMigration(SqlConnection &c) const override
    {
        return c.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7243101)"));
    }

    Result<bool> intact(SqlConnection &c) const override { return c.exec(QStringLiteral("SELECT 1")).ok(); }
};

Status PostgresDialect::insertMembers(SqlConnection &c, const QList<PendingMember> &rows) const
{
    ArrayColumns columns(
        {Text, Text, Text, Text, Text, Text, Text, Text, Bigint, Text, Text, Text, Text, Bigint});
    for (const PendingMember &n : rows) {
        const MemberRecord &m = n.row;
        columns.add({m.id, m.code, m.phone, m.status, m.mergedInto, QString::fromUtf8(compactJson(m.profile)),
                     QString::fromUtf8(compactJson(m.fieldHlc)), m.tier, m.tierSince, m.tierHlc, m.channel,
                     m.store, n.terminal, m.createdAt});
    }
    return c.exec(InsertMembers, columns.params());
}

Status PostgresDialect::insertPurchases(SqlConnection &c, const QList<PendingPurchase> &rows) const
{
    ArrayColumns columns({Text, Text, Text, Text, Bigint, Bigint, Text, Bigint, Text});
    for (const PendingPurchase &n : rows) {
        columns.add({n.purchase.id, n.store, n.purchase.receipt, n.member, n.purchase.amountMinor,
                     n.purchase.eligibleMinor, n.purchase.currency, n.purchase.at, n.terminal});
    }
    return c.exec(InsertPurchases, columns.params());
}

Status PostgresDialect::insertEntries(SqlConnection &c, const QList<PendingEntry> &rows) const
{
    ArrayColumns columns({Text, Text, Text, Bigint, Bigint, Text, Text, Text, Text, Text, Text});
    for (const PendingEntry &e : rows) {
        columns.add({e.id, e.member, e.kind, e.points, e.at,
                     e.expiresAt ? QString::number(*e.expiresAt) : QString(), e.terminal, e.store, e.opId,
                     e.purchase, e.data});
    }
    return c.exec(InsertEntries, columns.params());
}

Status PostgresDialect::insertChanges(SqlConnection &c, qint64 firstSeq,
                                      const QList<LoggedChange> &changes) const
{
    QList<qint64> seqs;
    QStringList types, texts;
    std::map<ChangeType, std::pair<QStringList, QList<qint64>>> stamps;
    qint64 seq = firstSeq;
    for (const LoggedChange &item : changes) {
        seqs << seq;
        types << changeTypeName(item.type);
        texts << QString::fromUtf8(compactJson(item.payload));
        if (!item.id.isEmpty()) {
            stamps[item.type].first << item.id;
            stamps[item.type].second << seq;
        }
        ++seq;
    }
    CP_TRY(c.exec(InsertChanges, {pgBigintArray(seqs), pgTextArray(types), pgTextArray(texts)}));
    for (const auto &[type, rows] : stamps) {
        CP_TRY(c.exec(StampSeq.arg(seqTable(type)), {pgTextArray(rows.first), pgBigintArray(rows.second)}));
    }
    return {};
}

} // namespace

const Dialect &postgresDialect()
{
    static const PostgresDialect dialect;
    return dialect;
}

} // namespace counterpart::server
