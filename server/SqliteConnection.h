#pragma once

#include "server/Dialect.h"
#include "server/Sql.h"

#include <memory>

namespace counterpart {
class Database;
}

namespace counterpart::server {

// SQLite through the shared wrapper (storage/Database.h): WAL, synchronous=FULL (an acknowledged push
// is money the till was told is safe), statements prepared once per connection.
class SqliteConnection final : public SqlConnection
{
public:
    static Result<std::unique_ptr<SqliteConnection>> open(const QString &path);
    ~SqliteConnection() override;

    const Dialect &dialect() const override { return sqliteDialect(); }
    Result<SqlRows> query(const QString &sql, const SqlParams &params = {}) override;
    Status script(const QString &sql) override;
    Status begin() override;
    Status beginRead() override;
    QString forUpdate() const override { return {}; }
    bool lastErrorRetryable() const override { return m_retryable; }
    bool broken() const override { return false; }

private:
    SqliteConnection() = default;
    std::unique_ptr<Database> m_db;
    bool m_retryable = false;
};

} // namespace counterpart::server
