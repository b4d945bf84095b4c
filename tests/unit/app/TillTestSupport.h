#pragma once

// Helpers shared by the app layer's tests (unit and integration): a till on a real SQLite file in a
// temporary folder with an injected clock, small rules documents, and raw reads of the database that
// go straight through the sqlite3 API, so they never count against Database::failAfter().

#include "app/Till.h"
#include "core/Clock.h"
#include "core/LoyaltyRules.h"
#include "storage/Database.h"
#include "tests/support/TestSupport.h"

#include <QByteArray>
#include <QDir>
#include <QLoggingCategory>
#include <QStringList>
#include <QTest>

#include <memory>
#include <sqlite3.h>

namespace counterpart::test {

// The till's informational log lines (migrations, new key files) on every test would bury the results.
inline void quietInfoLogs()
{
    QLoggingCategory::setFilterRules(QStringLiteral("counterpart.*.info=false"));
}

template<typename R>
QByteArray describe(const R &r)
{
    if (r.ok())
        return QByteArrayLiteral("ok");
    return (QStringLiteral("error %1: %2 [%3]")
                .arg(int(r.error().code))
                .arg(r.error().message, r.error().detail))
        .toUtf8();
}

// The fixed configuration of the tills under test: member codes start with 12345.
inline TillConfig testConfig()
{
    TillConfig c;
    c.storeId = QStringLiteral("S001");
    c.storeName = QStringLiteral("Test store");
    c.terminalNumber = 12345;
    c.region = QStringLiteral("CN");
    c.timeZone = QByteArrayLiteral("Asia/Shanghai");
    c.currency = QStringLiteral("CNY");
    c.language = QStringLiteral("en");
    c.voidWindowMinutes = 10;
    c.cashierRefundLimitMinor = 50000;
    return c;
}

inline Result<std::unique_ptr<Till>> openTill(const QString &dbPath, const Clock &clock,
                                              const QString &keyFile, bool fast = false)
{
    TillOptions options;
    options.keyFile = keyFile;
    options.unsafeFastWrites = fast;
    return Till::open(dbPath, clock, options, testConfig());
}

// Milliseconds of a local time in the store's zone (Asia/Shanghai, UTC+8, no daylight saving).
inline qint64 at(const char *isoLocal)
{
    return local(QString::fromLatin1(isoLocal)).toMSecsSinceEpoch();
}

inline LocalizedText text(const char *en, const char *zh)
{
    return LocalizedText{QString::fromUtf8(en), QString::fromUtf8(zh)};
}

// A small rules document whose numbers are easy to follow: 1 point per full yuan (floor), no minimum
// spend, three tiers, no member days, no birthday bonus, no gifts, no expiry.
inline LoyaltyRules plainRules()
{
    LoyaltyRules r = LoyaltyRules::defaults();
    r.version = QStringLiteral("test-plain");
    r.currency = QStringLiteral("CNY");
    r.earning = EarningRules{};
    r.earning.pointsPerUnit = 1;
    r.earning.unitMinor = 100;
    r.earning.rounding = Rounding::Floor;
    r.earning.minimumSpendMinor = 0;
    r.tiers.tiers = {
        Tier{QStringLiteral("member"), text("Member", "会员"), 0, 100, {}},
        Tier{QStringLiteral("silver"), text("Silver", "银卡"), 100000, 150, {}},
        Tier{QStringLiteral("gold"), text("Gold", "金卡"), 300000, 200, {}},
    };
    r.tiers.windowMonths = 12;
    r.tiers.evaluationDayOfMonth = 1;
    r.tiers.graceDays = 30;
    r.memberDays.clear();
    r.bonusStacking = BonusStacking::Highest;
    r.birthday = BirthdayRules{BirthdayWindow::Day, 100, 0};
    r.gifts = GiftRules{0, 0};
    r.redemption.catalogue = {
        Reward{QStringLiteral("coffee"), text("Coffee", "咖啡"), 300, 1},
        Reward{QStringLiteral("bag"), text("Bag", "袋子"), 800, 0},
    };
    r.redemption.minimumBalance = 0;
    r.redemption.pointValueMinor = 1;
    r.redemption.pointsForDiscountStep = 10;
    r.redemption.refundRestoresRedeemed = true;
    r.expiry = ExpiryRules{0, 30};
    r.offline = OfflineRules{2000};
    return r;
}

// Installs `rules` under a version of its own (the rules table keys documents by version).
inline Status install(Till &till, LoyaltyRules rules)
{
    static int counter = 0;
    rules.version = rules.version + QStringLiteral("-") + QString::number(++counter);
    return till.installRules(rules.toJson());
}

// --- raw reads ------------------------------------------------------------------------------------

inline QString columnText(sqlite3_stmt *st, int i)
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

// Every row of the query, each as "col|col|...". Straight through sqlite3: never fault-injected.
inline QStringList rows(sqlite3 *db, const QString &sql)
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

inline QStringList rows(Database &db, const QString &sql)
{
    return rows(db.handle(), sql);
}

// The first column of the first row as a number (-999999 when there is no row or it failed).
inline qint64 scalar(Database &db, const QString &sql)
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

inline qint64 count(Database &db, const char *table, const char *where = nullptr)
{
    QString sql = QStringLiteral("SELECT COUNT(*) FROM ") + QString::fromLatin1(table);
    if (where)
        sql += QStringLiteral(" WHERE ") + QString::fromUtf8(where);
    return scalar(db, sql);
}

// The whole content of every table, sorted, as text: two dumps are equal exactly when the data is.
inline QStringList dump(Database &db)
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

// SUM(members.balance) and SUM(ledger.points) agree, and so does every member's own pair.
inline bool balancesMatchLedger(Database &db, QString *why)
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

// Fails the test function (with the error's message) unless the Status / Result is ok.
#define CP_VERIFY_OK(expr)                                                                                   \
    do {                                                                                                     \
        const auto &cpVerifyResult_ = (expr);                                                                \
        QVERIFY2(cpVerifyResult_.ok(), counterpart::test::describe(cpVerifyResult_).constData());            \
    } while (false)

// Fails the test function unless the Status / Result failed with `errorCode`.
#define CP_VERIFY_FAILS(expr, errorCode)                                                                     \
    do {                                                                                                     \
        const auto &cpVerifyResult_ = (expr);                                                                \
        QVERIFY2(!cpVerifyResult_.ok(), "expected a failure, got success");                                  \
        QCOMPARE(int(cpVerifyResult_.error().code), int(errorCode));                                         \
    } while (false)
