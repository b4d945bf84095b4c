#include "tests/support/RawSql.h"

#include <QByteArray>

namespace counterpart::test {

namespace {

QString columnText(sqlite3_stmt *st, int i)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL:
        return QStringLiteral("NULL");
    case SQLITE_BLOB:
        return QStringLiteral("x'") +
               QString::fromLatin1(QByteArray(static_cast<const char *>(sqlite3_column_blob(st, i)),
                                              sqlite3_column_bytes(st, i))
                                       .toHex()) +
               QStringLiteral("'");
    default:
        return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, i)),
                                 sqlite3_column_bytes(st, i));
    }
}

} // namespace

QStringList rows(sqlite3 *db, const QString &sql)
{
    QStringList out;
    sqlite3_stmt *st = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &st, nullptr) != SQLITE_OK) {
        out << QStringLiteral("PREPARE FAILED: ") + QString::fromUtf8(sqlite3_errmsg(db));
        return out;
    }
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        QStringList cols;
        for (int i = 0; i < sqlite3_column_count(st); ++i)
            cols << columnText(st, i);
        out << cols.join(QLatin1Char('|'));
    }
    if (rc != SQLITE_DONE)
        out << QStringLiteral("STEP FAILED: ") + QString::fromUtf8(sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return out;
}

QStringList rows(Database &db, const QString &sql)
{
    return rows(db.handle(), sql);
}

qint64 scalar(Database &db, const QString &sql)
{
    sqlite3_stmt *st = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    qint64 value = -999999;
    if (sqlite3_prepare_v2(db.handle(), utf8.constData(), int(utf8.size()), &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return value;
}

qint64 count(Database &db, const char *table, const char *where)
{
    QString sql = QStringLiteral("SELECT COUNT(*) FROM ") + QString::fromLatin1(table);
    if (where)
        sql += QStringLiteral(" WHERE ") + QString::fromUtf8(where);
    return scalar(db, sql);
}

QStringList dump(Database &db)
{
    QStringList out;
    const QStringList tables =
        rows(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                "'sqlite_%' ORDER BY name"));
    for (const QString &table : tables) {
        QStringList content = rows(db, QStringLiteral("SELECT * FROM \"%1\"").arg(table));
        content.sort();
        for (const QString &row : std::as_const(content))
            out << table + QStringLiteral(": ") + row;
    }
    return out;
}

bool balancesMatchLedger(Database &db, QString *why)
{
    const qint64 balances = scalar(db, QStringLiteral("SELECT COALESCE(SUM(balance), 0) FROM members"));
    const qint64 ledger = scalar(db, QStringLiteral("SELECT COALESCE(SUM(points), 0) FROM ledger"));
    const qint64 mismatched = scalar(
        db, QStringLiteral("SELECT COUNT(*) FROM members m WHERE m.balance <> (SELECT COALESCE(SUM(points), "
                           "0) FROM ledger l WHERE l.member = m.local_id)"));
    if (balances == ledger && mismatched == 0)
        return true;
    *why = QStringLiteral("sum of balances %1, sum of ledger %2, members mismatched %3")
               .arg(balances)
               .arg(ledger)
               .arg(mismatched);
    return false;
}

} // namespace counterpart::test
