#include "server/PostgresConnection.h"

#include <QCoreApplication>

#include <libpq-fe.h>
#include <vector>

namespace counterpart::server {

namespace {

// SQLSTATEs after which the whole transaction is simply run again: serialization failure, deadlock,
// and a unique violation (two servers inserting the same phone or receipt at the same moment; the
// second attempt sees the first's row and takes the regular path: alias, receipt_taken).
bool retryableState(const char *state)
{
    if (!state)
        return false;
    const QByteArray s(state);
    return s == "40001" || s == "40P01" || s == "23505";
}

struct ResultGuard {
    PGresult *r;
    ~ResultGuard() { PQclear(r); }
};

} // namespace

PostgresConnection::~PostgresConnection()
{
    if (m_conn)
        PQfinish(m_conn);
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::open(const QString &url)
{
    std::unique_ptr<PostgresConnection> c(new PostgresConnection);
    c->m_conn = PQconnectdb(url.toUtf8().constData());
    if (!c->m_conn || PQstatus(c->m_conn) != CONNECTION_OK) {
        const QString why = c->m_conn ? QString::fromUtf8(PQerrorMessage(c->m_conn)).trimmed()
                                      : QStringLiteral("out of memory");
        return makeError(
            ErrorCode::Storage,
            QStringLiteral("Cannot connect to the PostgreSQL database. Check --database and that "
                           "the database server is running."),
            QStringLiteral("libpq: ") + why);
    }
    // Quiet NOTICEs (e.g. "relation already exists, skipping") instead of printing them to stderr.
    PQsetNoticeProcessor(
        c->m_conn, [](void *, const char *) {}, nullptr);
    return c;
}

bool PostgresConnection::broken() const
{
    return !m_conn || PQstatus(m_conn) != CONNECTION_OK;
}

Error PostgresConnection::failure(const QString &context, const char *sqlState, const char *message)
{
    m_retryable = retryableState(sqlState);
    return makeError(ErrorCode::Storage, QStringLiteral("The database failed."),
                     QStringLiteral("postgres %1: %2: %3")
                         .arg(QString::fromLatin1(sqlState ? sqlState : "?????"),
                              QString::fromUtf8(message ? message : "").trimmed(), context));
}

Result<SqlRows> PostgresConnection::query(const QString &sql, const SqlParams &params)
{
    m_retryable = false;
    auto it = m_prepared.constFind(sql);
    QByteArray name;
    if (it == m_prepared.constEnd()) {
        name = "s" + QByteArray::number(m_prepared.size() + 1);
        ResultGuard prep{
            PQprepare(m_conn, name.constData(), sql.toUtf8().constData(), int(params.size()), nullptr)};
        if (PQresultStatus(prep.r) != PGRES_COMMAND_OK) {
            return failure(sql.simplified().left(120), PQresultErrorField(prep.r, PG_DIAG_SQLSTATE),
                           PQresultErrorMessage(prep.r));
        }
        m_prepared.insert(sql, name);
    } else {
        name = *it;
    }
    std::vector<QByteArray> values;
    std::vector<const char *> pointers;
    values.reserve(size_t(params.size()));
    pointers.reserve(size_t(params.size()));
    for (const QVariant &p : params) {
        if (!p.isValid() || p.typeId() == QMetaType::Nullptr) { // a null QString is text, not NULL
            values.emplace_back();
            pointers.push_back(nullptr);
            continue;
        }
        switch (p.typeId()) {
        case QMetaType::Bool:
            values.push_back(p.toBool() ? QByteArray("1") : QByteArray("0"));
            break;
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Long:
            values.push_back(QByteArray::number(p.toLongLong()));
            break;
        default:
            values.push_back(p.toString().toUtf8());
            break;
        }
        pointers.push_back(values.back().constData());
    }
    ResultGuard res{
        PQexecPrepared(m_conn, name.constData(), int(pointers.size()), pointers.data(), nullptr, nullptr, 0)};
    const ExecStatusType status = PQresultStatus(res.r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        if (broken())
            m_prepared.clear();
        return failure(sql.simplified().left(120), PQresultErrorField(res.r, PG_DIAG_SQLSTATE),
                       PQresultErrorMessage(res.r));
    }
    SqlRows rows;
    const int n = PQntuples(res.r);
    const int columns = PQnfields(res.r);
    for (int r = 0; r < n; ++r) {
        QList<std::optional<QString>> row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c) {
            if (PQgetisnull(res.r, r, c))
                row.append(std::nullopt);
            else
                row.append(QString::fromUtf8(PQgetvalue(res.r, r, c), PQgetlength(res.r, r, c)));
        }
        rows.appendRow(std::move(row));
    }
    return rows;
}

Status PostgresConnection::script(const QString &sql)
{
    m_retryable = false;
    ResultGuard res{PQexec(m_conn, sql.toUtf8().constData())};
    const ExecStatusType status = PQresultStatus(res.r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        return failure(sql.simplified().left(120), PQresultErrorField(res.r, PG_DIAG_SQLSTATE),
                       PQresultErrorMessage(res.r));
    return {};
}

Status PostgresConnection::begin()
{
    return script(QStringLiteral("BEGIN ISOLATION LEVEL READ COMMITTED"));
}

Status PostgresConnection::beginRead()
{
    return script(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
}

} // namespace counterpart::server
