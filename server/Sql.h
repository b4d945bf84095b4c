#pragma once

// The little SQL the server needs, over SQLite or PostgreSQL. Statements use $1, $2 ... placeholders
// (the SQLite connection rewrites them to ?1, ?2). Parameters are qint64 / int / bool (stored as 0/1),
// QString, or a null QVariant for SQL NULL. Results are read as text or integers.

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

namespace counterpart::server {

class Dialect;

using SqlParams = QList<QVariant>;

class SqlRows
{
public:
    qsizetype size() const { return m_rows.size(); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    bool isNull(qsizetype row, int column) const { return !m_rows.at(row).at(column).has_value(); }
    QString text(qsizetype row, int column) const { return m_rows.at(row).at(column).value_or(QString()); }
    qint64 int64(qsizetype row, int column) const;
    std::optional<qint64> optionalInt64(qsizetype row, int column) const;

    void appendRow(QList<std::optional<QString>> row) { m_rows.append(std::move(row)); }

private:
    QList<QList<std::optional<QString>>> m_rows;
};

// PostgreSQL array literals for bulk statements (unnest($1::text[]), id = ANY($1::text[])): one round
// trip for a whole batch instead of one per row.
QString pgTextArray(const QStringList &values);
QString pgBigintArray(const QList<qint64> &values);

// One connection, used by one thread at a time.
class SqlConnection
{
public:
    virtual ~SqlConnection() = default;
    // The SQL that differs between PostgreSQL and SQLite (server/Dialect.h).
    virtual const Dialect &dialect() const = 0;

    virtual Result<SqlRows> query(const QString &sql, const SqlParams &params = {}) = 0;
    Status exec(const QString &sql, const SqlParams &params = {});
    // Several statements without parameters (migrations).
    virtual Status script(const QString &sql) = 0;

    // A writing transaction: SQLite BEGIN IMMEDIATE (takes the write lock first); PostgreSQL READ
    // COMMITTED, with the row locks the callers take explicitly (forUpdate()).
    virtual Status begin() = 0;
    // A reading transaction with one consistent view (PostgreSQL REPEATABLE READ; SQLite BEGIN).
    virtual Status beginRead() = 0;
    Status commit() { return script(QStringLiteral("COMMIT")); }
    void rollback();

    // " FOR UPDATE" on PostgreSQL; empty on SQLite, where BEGIN IMMEDIATE already serialises writers.
    virtual QString forUpdate() const = 0;
    // The last failure was a serialization failure, a deadlock or a unique violation caused by a
    // concurrent transaction: run the whole transaction again.
    virtual bool lastErrorRetryable() const = 0;
    // The connection is unusable (server gone): the pool replaces it.
    virtual bool broken() const = 0;
};

} // namespace counterpart::server
