#include "storage/StoreSupport.h"

#include <QCoreApplication>

namespace counterpart::storesupport {

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
