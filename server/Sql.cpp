#include "server/Sql.h"

namespace counterpart::server {

qint64 SqlRows::int64(qsizetype row, int column) const
{
    const auto &v = m_rows.at(row).at(column);
    if (!v)
        return 0;
    bool ok = false;
    const qint64 n = v->toLongLong(&ok);
    if (ok)
        return n;
    // PostgreSQL sums of BIGINT are NUMERIC and may print as "12.0" in some casts.
    return qint64(v->toDouble());
}

std::optional<qint64> SqlRows::optionalInt64(qsizetype row, int column) const
{
    if (isNull(row, column))
        return std::nullopt;
    return int64(row, column);
}

Status SqlConnection::exec(const QString &sql, const SqlParams &params)
{
    auto rows = query(sql, params);
    if (!rows)
        return rows.error();
    return {};
}

void SqlConnection::rollback()
{
    (void)script(QStringLiteral("ROLLBACK"));
}

} // namespace counterpart::server
