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

QString pgTextArray(const QStringList &values)
{
    QString out = QStringLiteral("{");
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        QString v = values.at(i);
        v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        v.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        out += QLatin1Char('"') + v + QLatin1Char('"');
    }
    return out + QLatin1Char('}');
}

QString pgBigintArray(const QList<qint64> &values)
{
    QStringList parts;
    parts.reserve(values.size());
    for (qint64 v : values)
        parts << QString::number(v);
    return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
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
