#pragma once

// Raw reads of a till's database that go straight through the sqlite3 API, so they never count against
// Database::failAfter().

#include "storage/Database.h"

#include <QString>
#include <QStringList>

#include <sqlite3.h>

namespace counterpart::test {

// Every row of the query, each as "col|col|...". Straight through sqlite3: never fault-injected.
QStringList rows(sqlite3 *db, const QString &sql);
QStringList rows(Database &db, const QString &sql);

// The first column of the first row as a number (-999999 when there is no row or it failed).
qint64 scalar(Database &db, const QString &sql);

qint64 count(Database &db, const char *table, const char *where = nullptr);

// The whole content of every table, sorted, as text: two dumps are equal exactly when the data is.
QStringList dump(Database &db);

// SUM(members.balance) and SUM(ledger.points) agree, and so does every member's own pair.
bool balancesMatchLedger(Database &db, QString *why);

} // namespace counterpart::test
