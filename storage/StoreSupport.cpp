#include "storage/StoreSupport.h"

#include <QCoreApplication>

#include <sqlite3.h>

namespace counterpart::storesupport {

// SQLite says "constraint" for several different things; the stores know which one they hit.
Error refine(const Statement &st, const char *context)
{
    Error e = st.error(QLatin1String(context));
    switch (st.resultCode()) {
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
        e.code = ErrorCode::InvalidInput;
        e.message =
            QCoreApplication::translate("Stores", "A value is not allowed here (for example a negative "
                                                  "amount); nothing was saved.");
        break;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        e.code = ErrorCode::NotFound;
        e.message =
            QCoreApplication::translate("Stores", "What this refers to does not exist; nothing was saved.");
        break;
    default:
        break;
    }
    return e;
}

Status run(Statement &st, const char *context)
{
    while (st.next()) {
    }
    if (!st.ok())
        return refine(st, context);
    return {};
}

// For UPDATEs of one row by key: no row changed means there was no such row.
Status runOnOneRow(Database &db, Statement &st, const char *context)
{
    if (Status s = run(st, context); !s)
        return s;
    if (db.changes() == 0) {
        return makeError(ErrorCode::NotFound,
                         QCoreApplication::translate("Stores", "The record was not found."),
                         QLatin1String(context) + QStringLiteral(": no row changed"));
    }
    return {};
}

Result<qint64> fetchInt(Statement &st, const char *context)
{
    if (st.next())
        return st.int64(0);
    if (!st.ok())
        return refine(st, context);
    return makeError(ErrorCode::Internal, QCoreApplication::translate("Stores", "Internal error: no result."),
                     QLatin1String(context) + QStringLiteral(": no row"));
}

Error missingId(const char *context)
{
    return makeError(ErrorCode::Internal,
                     QCoreApplication::translate("Stores", "Internal error: a record has no id."),
                     QLatin1String(context) + QStringLiteral(": null id"));
}

// NOT NULL text columns: an unset QString is bound as '' rather than NULL.
QString orEmpty(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

// Optional text columns: '' is stored as NULL.
QString orNull(const QString &s)
{
    return s.isEmpty() ? QString() : s;
}

QByteArray orNull(const QByteArray &b)
{
    return b.isEmpty() ? QByteArray() : b;
}

std::optional<int> optionalInt(const Statement &st, int column)
{
    const std::optional<qint64> v = st.optionalInt64(column);
    if (!v)
        return std::nullopt;
    return int(*v);
}

std::optional<qint64> toOptional64(std::optional<int> v)
{
    if (!v)
        return std::nullopt;
    return qint64(*v);
}

} // namespace counterpart::storesupport
