#pragma once

#include "server/Dialect.h"
#include "server/Sql.h"

#include <QHash>

#include <memory>

struct pg_conn;

namespace counterpart::server {

// PostgreSQL through libpq. Statements are prepared once per connection (named by a counter) and run
// with text parameters. Nothing is kept between requests except the prepared statements.
class PostgresConnection final : public SqlConnection
{
public:
    // `url`: "postgresql://user:pass@host:port/db" or "postgresql://" (then PGHOST, PGPORT, PGUSER,
    // PGPASSWORD, PGDATABASE from the environment).
    static Result<std::unique_ptr<PostgresConnection>> open(const QString &url);
    ~PostgresConnection() override;

    const Dialect &dialect() const override { return postgresDialect(); }
    Result<SqlRows> query(const QString &sql, const SqlParams &params = {}) override;
    Status script(const QString &sql) override;
    Status begin() override;
    Status beginRead() override;
    QString forUpdate() const override { return QStringLiteral(" FOR UPDATE"); }
    bool lastErrorRetryable() const override { return m_retryable; }
    bool broken() const override;

private:
    PostgresConnection() = default;
    Error failure(const QString &context, const char *sqlState, const char *message);
    pg_conn *m_conn = nullptr;
    QHash<QString, QByteArray> m_prepared; // SQL -> statement name
    bool m_retryable = false;
};

} // namespace counterpart::server
