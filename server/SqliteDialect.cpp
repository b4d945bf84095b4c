// SQLite's side of the Dialect: the database is in the process, so a batch is written one prepared
// statement a row; list parameters are JSON arrays read through json_each.

#include "server/Dialect.h"
#include "server/Sql.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

// An empty text as SQL NULL (the PostgreSQL statements say NULLIF(x, '') instead).
QVariant orNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

// clang-format off
const QString InsertMember = QStringLiteral(R"(
INSERT INTO members (id, code, phone, status, merged_into, profile, field_hlc, tier, tier_since, tier_hlc,
    channel, store, terminal, created_at, balance)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0))");

const QString InsertPurchase = QStringLiteral(R"(
INSERT INTO purchases (id, store, receipt, member, amount, eligible, currency, at, terminal)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9))");

const QString InsertEntry = QStringLiteral(R"(
INSERT INTO entries (id, member, kind, points, at, expires_at, terminal, store, op_id, purchase, data)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11))");

const QString AddToBalance = QStringLiteral(R"(
UPDATE members SET balance = balance + $2 WHERE id = $1)");

const QString ClaimOp = QStringLiteral(R"(
INSERT INTO applied_ops (op_id, terminal, kind, status, result, at) VALUES ($1, $2, $3, 'applied', '{}', $4)
ON CONFLICT DO NOTHING RETURNING op_id)");

const QString EarlierResult = QStringLiteral(R"(
SELECT result FROM applied_ops WHERE terminal = $2 AND op_id = $1)");

const QString RecordResult = QStringLiteral(R"(
UPDATE applied_ops SET status = $2, reason = $3, result = $4, operator = $6, member = $7, op_at = $8
WHERE op_id = $1 AND terminal = $5)");

const QString InsertChange = QStringLiteral(R"(
INSERT INTO changes (seq, type, payload) VALUES ($1, $2, $3))");

// %1: entries, members or purchases.
const QString StampSeq = QStringLiteral(R"(
UPDATE %1 SET seq = $1 WHERE id = $2 AND seq IS NULL)");
// clang-format on

class SqliteDialect final : public Dialect
{
public:
    QString inList(int n) const override
    {
        return QStringLiteral("IN (SELECT value FROM json_each($%1))").arg(n);
    }

    QVariant listValue(const QStringList &values) const override
    {
        return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
    }

    Result<QSet<QString>> claimOps(SqlConnection &c, const QStringList &ids, const QStringList &kinds,
                                   const QString &terminal, qint64 now) const override
    {
        QSet<QString> claimed;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            auto rows = c.query(ClaimOp, {ids.at(i), terminal, kinds.at(i), now});
            if (!rows)
                return rows.error();
            if (!rows->isEmpty())
                claimed.insert(ids.at(i));
        }
        return claimed;
    }

    Result<QHash<QString, QJsonObject>> earlierResults(SqlConnection &c, const QStringList &ids,
                                                       const QString &terminal) const override
    {
        QHash<QString, QJsonObject> out;
        for (const QString &id : ids) {
            auto rows = c.query(EarlierResult, {id, terminal});
            if (!rows)
                return rows.error();
            if (!rows->isEmpty())
                out.insert(id, parseStoredJson(rows->text(0, 0)));
        }
        return out;
    }

    Status recordResults(SqlConnection &c, const QList<RecordedOp> &ops,
                         const QString &terminal) const override
    {
        for (const RecordedOp &o : ops) {
            const OpResult &r = o.result;
            CP_TRY(c.exec(RecordResult,
                          {r.opId, appliedOpStatus(r), orNull(r.reason),
                           QString::fromUtf8(compactJson(r.toJsonObject())), terminal, orNull(o.operatorId),
                           orNull(o.member), o.at > 0 ? QVariant(o.at) : QVariant()}));
        }
        return {};
    }

    Status insertMembers(SqlConnection &c, const QList<PendingMember> &rows) const override
    {
        for (const PendingMember &n : rows) {
            const MemberRecord &m = n.row;
            CP_TRY(c.exec(InsertMember, {m.id, orNull(m.code), m.phone, m.status, orNull(m.mergedInto),
                                         QString::fromUtf8(compactJson(m.profile)),
                                         QString::fromUtf8(compactJson(m.fieldHlc)), m.tier, m.tierSince,
                                         m.tierHlc, m.channel, m.store, n.terminal, m.createdAt}));
        }
        return {};
    }

    Status insertPurchases(SqlConnection &c, const QList<PendingPurchase> &rows) const override
    {
        for (const PendingPurchase &n : rows) {
            CP_TRY(c.exec(InsertPurchase,
                          {n.purchase.id, n.store, n.purchase.receipt, n.member, n.purchase.amountMinor,
                           n.purchase.eligibleMinor, n.purchase.currency, n.purchase.at, n.terminal}));
        }
        return {};
    }

    Status insertEntries(SqlConnection &c, const QList<PendingEntry> &rows) const override
    {
        for (const PendingEntry &e : rows) {
            CP_TRY(c.exec(InsertEntry, {e.id, e.member, e.kind, e.points, e.at,
                                        e.expiresAt ? QVariant(*e.expiresAt) : QVariant(), orNull(e.terminal),
                                        orNull(e.store), orNull(e.opId), orNull(e.purchase), e.data}));
        }
        return {};
    }

    Status addToBalances(SqlConnection &c, const QMap<QString, qint64> &deltas) const override
    {
        for (auto it = deltas.cbegin(); it != deltas.cend(); ++it)
            CP_TRY(c.exec(AddToBalance, {it.key(), it.value()}));
        return {};
    }

    Status insertChanges(SqlConnection &c, qint64 firstSeq, const QList<LoggedChange> &changes) const override
    {
        qint64 seq = firstSeq;
        for (const LoggedChange &item : changes) {
            CP_TRY(c.exec(InsertChange,
                          {seq, changeTypeName(item.type), QString::fromUtf8(compactJson(item.payload))}));
            if (!item.id.isEmpty())
                CP_TRY(c.exec(StampSeq.arg(seqTable(item.type)), {seq, item.id}));
            ++seq;
        }
        return {};
    }

    Status lockForMigration(SqlConnection &) const override { return {}; }

    Result<bool> intact(SqlConnection &c) const override
    {
        auto rows = c.query(QStringLiteral("PRAGMA quick_check(1)"));
        if (!rows) // SQLITE_CORRUPT or SQLITE_NOTADB reading the pages is damage too
            return false;
        return !rows->isEmpty() && rows->text(0, 0) == QLatin1String("ok");
    }
};

} // namespace

const Dialect &sqliteDialect()
{
    static const SqliteDialect dialect;
    return dialect;
}

} // namespace counterpart::server
