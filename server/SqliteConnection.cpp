#include "server/SqliteConnection.h"

#include "storage/Database.h"

#include <QRegularExpression>

#include <sqlite3.h>

namespace counterpart::server {

namespace {

// "$12" -> "?12": SQLite numbers "?NNN" parameters by their digits, whatever order they appear in.
QString toSqlitePlaceholders(const QString &sql)
{
    static const QRegularExpression dollar(QStringLiteral("\\$(\\d+)"));
    QString out = sql;
    out.replace(dollar, QStringLiteral("?\\1"));
    return out;
}

bool isBusy(int code)
{
    return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED;
}

} // namespace

SqliteConnection::~SqliteConnection() = default;

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const QString &path)
{
    OpenOptions options;
    options.busyTimeoutMs = 30'000; // writers queue behind BEGIN IMMEDIATE; a push may wait its turn
    options.cacheSizeKiB = 16 * 1024;
    auto db = Database::open(path, options);
    if (!db)
        return db.error();
    std::unique_ptr<SqliteConnection> c(new SqliteConnection);
    c->m_db = std::move(db).value();
    return c;
}

Result<SqlRows> SqliteConnection::query(const QString &sql, const SqlParams &params)
{
    m_retryable = false;
    auto stmt = m_db->prepare(toSqlitePlaceholders(sql));
    if (!stmt)
        return stmt.error();
    for (qsizetype i = 0; i < params.size(); ++i) {
        const QVariant &p = params.at(i);
        const int index = int(i + 1);
        if (!p.isValid() || p.typeId() == QMetaType::Nullptr) { // a null QString is text, not NULL
            stmt->bindNull(index);
            continue;
        }
        switch (p.typeId()) {
        case QMetaType::Bool:
            stmt->bind(index, p.toBool());
            break;
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Long:
            stmt->bind(index, p.toLongLong());
            break;
        default: {
            // The wrapper binds a null QString as NULL; here only an invalid QVariant means NULL.
            const QString text = p.toString();
            stmt->bind(index, text.isNull() ? QStringLiteral("") : text);
        } break;
        }
    }
    SqlRows rows;
    sqlite3_stmt *handle = stmt->handle();
    while (stmt->next()) {
        const int columns = sqlite3_column_count(handle);
        QList<std::optional<QString>> row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            if (stmt->isNull(c))
                row.append(std::nullopt);
            else
                row.append(stmt->text(c));
        }
        rows.appendRow(std::move(row));
    }
    if (!stmt->ok()) {
        m_retryable = isBusy(stmt->resultCode());
        return stmt->error(sql.simplified().left(120));
    }
    return rows;
}

Status SqliteConnection::script(const QString &sql)
{
    m_retryable = false;
    Status s = m_db->execute(sql);
    if (!s)
        m_retryable = isBusy(sqlite3_extended_errcode(m_db->handle()));
    return s;
}

Status SqliteConnection::begin()
{
    return script(QStringLiteral("BEGIN IMMEDIATE"));
}

Status SqliteConnection::beginRead()
{
    return script(QStringLiteral("BEGIN"));
}

} // namespace counterpart::server
