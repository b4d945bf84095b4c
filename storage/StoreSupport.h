#pragma once

// Each store of storage/Stores.h is written in a file of its own name (storage/MemberStore.cpp,
// storage/PurchaseStore.cpp, ...). What every one of them does the same way: run a statement, read one
// row, all rows or one number, and turn SQLite's failure into an Error that names what was being done.
// Internal to storage/: nothing outside it includes this.

#include "core/Result.h"
#include "storage/Database.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace counterpart::storesupport {

// SQLite says "constraint" for several different things; the stores know which one they hit.
Error refine(const Statement &st, const char *context);
Status run(Statement &st, const char *context);
// For UPDATEs of one row by key: no row changed means there was no such row.
Status runOnOneRow(Database &db, Statement &st, const char *context);
Result<qint64> fetchInt(Statement &st, const char *context);
Error missingId(const char *context);
// NOT NULL text columns: an unset QString is bound as '' rather than NULL.
QString orEmpty(const QString &s);
// Optional text columns: '' is stored as NULL.
QString orNull(const QString &s);
QByteArray orNull(const QByteArray &b);
std::optional<int> optionalInt(const Statement &st, int column);
std::optional<qint64> toOptional64(std::optional<int> v);

template<typename Row, typename Read>
Result<std::optional<Row>> fetchOne(Statement &st, Read read, const char *context)
{
    if (st.next())
        return std::optional<Row>(read(st));
    if (!st.ok())
        return refine(st, context);
    return std::optional<Row>{};
}

template<typename Row, typename Read>
Result<QList<Row>> fetchAll(Statement &st, Read read, const char *context)
{
    QList<Row> rows;
    while (st.next())
        rows.append(read(st));
    if (!st.ok())
        return refine(st, context);
    return rows;
}

} // namespace counterpart::storesupport
