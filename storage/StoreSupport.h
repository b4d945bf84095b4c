#pragma once

// Each store of storage/Stores.h is written in a file of its own name (storage/MemberStore.cpp,
// storage/PurchaseStore.cpp, ...). Running a statement and reading its rows is Statement's (run, one,
// all, scalar in storage/Database.h); what else every store does the same way is here.
// Internal to storage/: nothing outside it includes this.

#include "core/Result.h"
#include "storage/Database.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace counterpart::storesupport {

Error missingId(const char *context);
// NOT NULL text columns: an unset QString is bound as '' rather than NULL.
QString orEmpty(const QString &s);
// Optional text columns: '' is stored as NULL.
QString orNull(const QString &s);
QByteArray orNull(const QByteArray &b);
std::optional<int> optionalInt(const Statement &st, int column);
std::optional<qint64> toOptional64(std::optional<int> v);

} // namespace counterpart::storesupport
