#include "bench/bench_sync_seed.h"

#include "core/Clock.h"
#include "core/MemberCode.h"
#include "core/Uuid.h"
#include "sync/protocol/Hlc.h"
#include "sync/protocol/Wire.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <sqlite3.h>

namespace counterpart::bench {

namespace {

constexpr qint64 DayMs = 86'400'000;
constexpr qint64 ExpiryMs = 730 * DayMs; // the default rules: points expire after 24 months
constexpr int MembersPerTransaction = 20'000;
constexpr int CodesPerTerminal = 900'000; // a member code has six digits of sequence per terminal
// The terminals that "registered" the seeded members (not enrolled: nobody signs with them).
const char *const SeedTerminal = "0193aaaa-0000-7000-8000-00000000beef";

Error sqliteError(sqlite3 *db, const char *what)
{
    return makeError(
        ErrorCode::Storage, QStringLiteral("seeding the server database failed"),
        QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db))));
}

// A statement prepared once and bound by position for each row.
class Insert
{
public:
    Insert(sqlite3 *db, const char *sql)
        : m_db(db)
    {
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK)
            m_stmt = nullptr;
    }
    ~Insert() { sqlite3_finalize(m_stmt); }
    Insert(const Insert &) = delete;
    Insert &operator=(const Insert &) = delete;
    bool ok() const { return m_stmt != nullptr; }

    Insert &text(const QByteArray &value)
    {
        sqlite3_bind_text(m_stmt, ++m_column, value.constData(), int(value.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Insert &text(const QString &value) { return text(value.toUtf8()); }
    Insert &integer(qint64 value)
    {
        sqlite3_bind_int64(m_stmt, ++m_column, value);
        return *this;
    }
    Insert &null()
    {
        sqlite3_bind_null(m_stmt, ++m_column);
        return *this;
    }
    bool run()
    {
        m_column = 0;
        const int rc = sqlite3_step(m_stmt);
        sqlite3_reset(m_stmt);
        return rc == SQLITE_DONE;
    }

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    int m_column = 0;
};

QString seededPhone(qint64 i)
{
    // 139 and 8 digits: i times a number prime to 10^8 keeps every phone distinct and scatters them
    // over the phone index the way real registrations do.
    return QStringLiteral("+86139%1").arg((i * 7'919 + 1'234'567) % 100'000'000, 8, 10, QLatin1Char('0'));
}

QString seededName(QRandomGenerator &rng)
{
    static const QString family =
        QStringLiteral("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏");
    static const QString given = QStringLiteral("伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚桂英华建国红");
    QString name = family.at(rng.bounded(int(family.size())));
    const int length = 1 + int(rng.bounded(2));
    for (int k = 0; k < length; ++k)
        name += given.at(rng.bounded(int(given.size())));
    return name;
}

bool exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

} // namespace

Result<ServerSeedReport> seedServerDatabase(const QString &serverDb, int members, int entriesPerMember,
                                            qint64 nowMs, const std::function<void(qint64 done)> &progress)
{
    QElapsedTimer timer;
    timer.start();
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(serverDb.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        Error e = sqliteError(db, "open");
        sqlite3_close(db);
        return e;
    }
    std::unique_ptr<sqlite3, int (*)(sqlite3 *)> guard(db, sqlite3_close);
    // A fixture that is thrown away if the run dies: no fsyncs while it is written.
    if (!exec(db, "PRAGMA synchronous=OFF") || !exec(db, "PRAGMA cache_size=-524288"))
        return sqliteError(db, "pragma");

    ServerSeedReport report;
    {
        Insert member(db,
                      "INSERT INTO members (id, code, phone, status, profile, field_hlc, tier, tier_since, "
                      "tier_hlc, channel, store, terminal, created_at, balance, seq) "
                      "VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, 'till', 'S001', ?, ?, ?, 1)");
        Insert entry(db,
                     "INSERT INTO entries (id, member, kind, points, at, expires_at, terminal, store, op_id, "
                     "purchase, data, seq) VALUES (?, ?, ?, ?, ?, ?, ?, 'S001', ?, ?, ?, 1)");
        Insert purchase(db,
                        "INSERT INTO purchases (id, store, receipt, member, amount, eligible, currency, at, "
                        "terminal, seq) VALUES (?, 'S001', ?, ?, ?, ?, 'CNY', ?, ?, 1)");
        if (!member.ok() || !entry.ok() || !purchase.ok())
            return sqliteError(db, "prepare");

        QRandomGenerator rng(20261203u);
        ManualClock idClock(nowMs);
        const qint64 historyStart = nowMs - 540 * DayMs;
        const qint64 yearAgo = nowMs - 365 * DayMs;
        const QByteArray terminal(SeedTerminal);
        const QByteArray rulesData = QByteArrayLiteral("{\"rulesVersion\":\"default-2026.1\"}");
        for (int i = 0; i < members; ++i) {
            if (i % MembersPerTransaction == 0) {
                if (i > 0 && !exec(db, "COMMIT"))
                    return sqliteError(db, "commit");
                if (!exec(db, "BEGIN"))
                    return sqliteError(db, "begin");
                if (progress)
                    progress(i);
            }
            // Registered in order over the first 15 months, so ids (UUIDv7) ascend like real ones.
            const qint64 createdAt = historyStart + qint64(i) * (450 * DayMs / qMax(1, members));
            idClock.setMs(createdAt);
            const QString id = Uuid::createV7(idClock).toString();
            const QString hlc = sync::Hlc(createdAt, 0, QLatin1String(SeedTerminal)).toString();
            sync::MemberFields fields;
            fields.name = seededName(rng);
            fields.gender =
                QStringList{QString(), QStringLiteral("female"), QStringLiteral("male")}.at(rng.bounded(3));
            fields.marketingConsent = rng.bounded(2) == 1;
            if (rng.bounded(10) < 6) {
                fields.birthMonth = 1 + int(rng.bounded(12));
                fields.birthDay = 1 + int(rng.bounded(28));
            }
            const QJsonObject profile = fields.toJsonObject();
            QJsonObject fieldHlc;
            for (auto it = profile.begin(); it != profile.end(); ++it)
                fieldHlc.insert(it.key(), hlc);

            // The ledger: a welcome gift, then earns (each with its purchase) and now and then a
            // redemption of what the member has, at random times between registration and now.
            const int count = qMax(1, entriesPerMember - 2 + int(rng.bounded(5)));
            QList<qint64> times;
            for (int k = 1; k < count; ++k)
                times.append(createdAt + qint64(rng.generateDouble() * double(nowMs - createdAt)));
            std::sort(times.begin(), times.end());
            qint64 balance = 0;
            qint64 spend = 0;
            auto addEntry = [&](const QString &kind, qint64 points, qint64 at, const QString &purchaseId) {
                idClock.setMs(at);
                entry.text(Uuid::createV7(idClock).toString())
                    .text(id)
                    .text(kind)
                    .integer(points)
                    .integer(at);
                if (points > 0)
                    entry.integer(at + ExpiryMs);
                else
                    entry.null();
                entry.text(terminal).text(Uuid::createV7(idClock).toString());
                if (purchaseId.isEmpty())
                    entry.null();
                else
                    entry.text(purchaseId);
                entry.text(rulesData);
                balance += points;
                ++report.entries;
                return entry.run();
            };
            if (!addEntry(QStringLiteral("welcome_gift"), 100, createdAt, {}))
                return sqliteError(db, "entry");
            for (qsizetype k = 0; k < times.size(); ++k) {
                const qint64 at = times.at(k);
                if (balance >= 300 && rng.bounded(5) == 0) {
                    if (!addEntry(QStringLiteral("redeem"), -(balance / 200) * 100, at, {}))
                        return sqliteError(db, "entry");
                    continue;
                }
                const qint64 amount = 2'000 + qint64(rng.bounded(48'000)); // 20 to 500 yuan, in fen
                idClock.setMs(at);
                const QString purchaseId = Uuid::createV7(idClock).toString();
                purchase.text(purchaseId)
                    .text(QStringLiteral("B%1-%2").arg(i).arg(k))
                    .text(id)
                    .integer(amount)
                    .integer(amount)
                    .integer(at)
                    .text(terminal);
                if (!purchase.run())
                    return sqliteError(db, "purchase");
                ++report.purchases;
                if (at >= yearAgo)
                    ++report.purchasesLastYear;
                spend += amount;
                if (!addEntry(QStringLiteral("earn"), amount / 100, at, purchaseId))
                    return sqliteError(db, "entry");
            }
            const QString tier = spend >= 600'000   ? QStringLiteral("gold")
                                 : spend >= 200'000 ? QStringLiteral("silver")
                                                    : QStringLiteral("member");
            const int terminalNumber = 10'001 + i / CodesPerTerminal;
            member.text(id)
                .text(MemberCode::make(terminalNumber, 1 + i % CodesPerTerminal)->digits())
                .text(seededPhone(i))
                .text(QJsonDocument(profile).toJson(QJsonDocument::Compact))
                .text(QJsonDocument(fieldHlc).toJson(QJsonDocument::Compact))
                .text(tier)
                .integer(createdAt)
                .text(hlc)
                .text(terminal)
                .integer(createdAt)
                .integer(balance);
            if (!member.run())
                return sqliteError(db, "member");
            report.balanceSum += balance;
            ++report.members;
        }
    }
    if (!exec(db, "COMMIT"))
        return sqliteError(db, "commit");
    // Every seeded row carries change number 1: the counter must be at least there.
    if (!exec(db, "UPDATE change_counter SET value = MAX(value, 1) WHERE id = 1") ||
        !exec(db, "PRAGMA wal_checkpoint(TRUNCATE)"))
        return sqliteError(db, "finish");
    if (progress)
        progress(members);
    report.elapsedMs = timer.elapsed();
    return report;
}

} // namespace counterpart::bench
