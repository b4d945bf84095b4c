#include "bench/BulkSeed.h"

#include "app/Till.h"
#include "core/Loyalty.h"
#include "core/MemberCode.h"
#include "storage/Database.h"
#include "storage/Stores.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include <cstdio>

namespace counterpart {

namespace {

constexpr qint64 DayMs = 86'400'000;
constexpr int MembersPerTransaction = 5000;
constexpr int Terminals = 40; // a chain's worth of tills made these members

const QStringList &mobilePrefixes()
{
    static const QStringList all =
        QStringLiteral("130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 "
                       "158 159 166 176 177 178 180 181 182 183 185 186 187 188 189 199")
            .split(QLatin1Char(' '));
    return all;
}

QString phoneFor(qint64 i)
{
    // A bijection from i to (prefix, 8 digits): unique phones with no lookups.
    const QStringList &prefixes = mobilePrefixes();
    const qint64 p = i % prefixes.size();
    const qint64 rest = ((i / prefixes.size()) * 48'271 + 12'345) % 100'000'000;
    return QStringLiteral("+86") + prefixes[p] + QStringLiteral("%1").arg(rest, 8, 10, QLatin1Char('0'));
}

QString nameFor(QRandomGenerator &rng)
{
    static const QString surnames =
        QStringLiteral("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹");
    static const QStringList given =
        QStringLiteral("芳 娜 敏 静 丽 强 磊 军 洋 勇 杰 涛 明 超 浩 子轩 浩然 雨桐 梓萱 "
                       "思雨 佳怡 晓燕 秀英 建华 志强 一诺 欣怡 文博 家豪")
            .split(QLatin1Char(' '));
    static const QStringList first =
        QStringLiteral("Emma Olivia Sophia Grace Chloe Lucy James Oliver Henry Jack "
                       "Daniel Lucas Samuel Thomas")
            .split(QLatin1Char(' '));
    static const QStringList last =
        QStringLiteral("Wilson Smith Brown Taylor Johnson Walker Clarke Hall Wright Green Evans Baker")
            .split(QLatin1Char(' '));
    if (rng.bounded(100) < 85)
        return surnames.at(rng.bounded(int(surnames.size()))) + given.at(rng.bounded(int(given.size())));
    return first.at(rng.bounded(int(first.size()))) + QLatin1Char(' ') +
           last.at(rng.bounded(int(last.size())));
}

// Store k of the bench chain: the till's own first, then S002, S003, ...
QString storeName(const TillConfig &config, int k)
{
    return k == 0 ? config.storeId : QStringLiteral("S%1").arg(k + 1, 3, 10, QLatin1Char('0'));
}

} // namespace

Result<BulkSeedReport> bulkSeed(Till &till, int members, int entriesPerMember, quint32 seed,
                                const std::function<void(qint64 done, qint64 total)> &progress, int stores)
{
    QElapsedTimer timer;
    timer.start();
    Database &db = till.database();
    const LoyaltyRules &rules = till.rules();
    const TillConfig &config = till.config();
    const qint64 now = till.clock().nowMs();
    const qint64 historyStart = now - 540 * DayMs; // 18 months
    QRandomGenerator rng(seed);
    MemberStore memberStore(db);
    PurchaseStore purchaseStore(db);
    LedgerStore ledgerStore(db);
    GiftStore gifts(db);
    BulkSeedReport report;

    auto firstMember = memberStore.count();
    if (!firstMember)
        return firstMember.error();
    const qint64 offset = firstMember.value();

    for (int start = 0; start < members; start += MembersPerTransaction) {
        Transaction tx(db);
        CP_TRY(tx.begin());
        for (int i = start; i < qMin(members, start + MembersPerTransaction); ++i) {
            const qint64 n = offset + i;
            const qint64 joined = historyStart + qint64(rng.bounded(500)) * DayMs + rng.bounded(DayMs);
            auto code = MemberCode::make(10001 + int(n % Terminals), int(n / Terminals) + 1);
            // The chain's stores: member n joined at store n % stores (the till's is the first); with one
            // store no random draw is added, so older fixtures seed the same members.
            const QString home = storeName(config, int(n % qMax(1, stores)));
            QString entryStore = home;
            if (!code)
                return code.error();
            MemberRow m;
            m.id = Uuid::createV7(till.clock());
            m.code = code->digits();
            m.phone = phoneFor(n);
            m.name = nameFor(rng);
            m.gender = rng.bounded(2) ? QStringLiteral("female") : QStringLiteral("male");
            if (rng.bounded(100) < 70) {
                m.birthMonth = 1 + int(rng.bounded(12));
                m.birthDay = 1 + int(rng.bounded(28));
            }
            m.tier = rules.entryTier().id;
            m.tierSinceMs = joined;
            m.marketingConsent = rng.bounded(100) < 60;
            m.consentAtMs = joined;
            m.storeId = home;
            m.terminalId = config.terminalId;
            m.createdAtMs = joined;
            m.updatedAtMs = joined;
            CP_TRY(memberStore.insert(m));

            auto credit = [&](const QString &kind, qint64 points, qint64 at,
                              std::optional<qint64> purchase) -> Status {
                LedgerRow e;
                e.id = Uuid::createV7(till.clock());
                e.member = m.localId;
                e.kind = kind;
                e.points = points;
                e.atMs = at;
                if (points > 0)
                    e.expiresAtMs = at + 730 * DayMs;
                e.purchase = purchase;
                e.rulesVersion = rules.version;
                e.terminalId = config.terminalId;
                e.storeId = entryStore;
                e.cashier = QStringLiteral("bulk");
                if (kind == QLatin1String("redeem"))
                    e.reward = QStringLiteral("coffee");
                CP_TRY(ledgerStore.insert(e));
                m.balance += points;
                ++report.entries;
                return {};
            };

            CP_TRY(credit(QStringLiteral("welcome_gift"), rules.gifts.welcomePoints, joined, std::nullopt));
            // About entriesPerMember entries on average: the welcome gift, a first-purchase gift, 1 to
            // 2 * entriesPerMember - 6 purchases (mean entriesPerMember - 2.5), and a redemption for about
            // 60% of members (10 a member gives ~10,100,000 entries for 1,000,000 members).
            const int purchases = 1 + int(rng.bounded(qMax(1, 2 * entriesPerMember - 6)));
            qint64 at = joined;
            qint64 spend = 0;
            const int spender = int(rng.bounded(100)); // a few big spenders reach the top tiers
            for (int k = 0; k < purchases; ++k) {
                at += qint64(1 + rng.bounded(qMax<qint64>(1, (now - at) / DayMs / (purchases - k + 1) + 1))) *
                      DayMs;
                if (at >= now)
                    at = now - qint64(rng.bounded(DayMs));
                const qint64 amount = (spender < 5 ? 20000 + rng.bounded(200000) : 1500 + rng.bounded(40000));
                const qint64 points = roundDiv(amount * rules.earning.pointsPerUnit, rules.earning.unitMinor,
                                               rules.earning.rounding);
                // Three purchases in ten at another store of the chain.
                entryStore =
                    stores > 1 && rng.bounded(100) < 30 ? storeName(config, int(rng.bounded(stores))) : home;
                PurchaseRow p;
                p.id = Uuid::createV7(till.clock());
                p.storeId = entryStore;
                p.receipt = QStringLiteral("B%1-%2").arg(n).arg(k);
                p.member = m.localId;
                p.amountMinor = amount;
                p.currency = config.currency;
                p.atMs = at;
                p.pointsEarned = points;
                CP_TRY(purchaseStore.insert(p));
                ++report.purchases;
                CP_TRY(credit(QStringLiteral("earn"), points, at, p.localId));
                if (k == 0) {
                    CP_TRY(credit(QStringLiteral("first_purchase_gift"), rules.gifts.firstPurchasePoints, at,
                                  p.localId));
                    m.firstPurchaseAtMs = at;
                }
                spend += amount;
            }
            entryStore = home;
            if (m.balance >= 300 && rng.bounded(100) < 60)
                CP_TRY(credit(QStringLiteral("redeem"), -300, at + 60'000, std::nullopt));
            auto welcome = gifts.grant(m.localId, QStringLiteral("welcome"), QStringLiteral("once"),
                                       std::nullopt, joined);
            if (!welcome)
                return welcome.error();
            auto first = gifts.grant(m.localId, QStringLiteral("first_purchase"), QStringLiteral("once"),
                                     std::nullopt, m.firstPurchaseAtMs.value_or(joined));
            if (!first)
                return first.error();
            CP_TRY(memberStore.addToBalance(m.localId, m.balance, at));
            // Spend only: the seeded purchases are not visits a tier could count.
            const QString tier = tierEarned(rules, TierRecord{spend, {}}, QDate()).id;
            if (tier != m.tier)
                CP_TRY(memberStore.setTier(m.localId, tier, at, at));
            ++report.members;
        }
        CP_TRY(tx.commit());
        if (progress)
            progress(qMin(members, start + MembersPerTransaction), members);
    }
    report.elapsedMs = timer.elapsed();
    return report;
}

Result<BulkSeedReport> seedFileTo(const QString &path, qint64 members, int entriesPerMember, quint32 seed,
                                  int stores)
{
    SystemClock systemClock;
    ManualClock seedClock(systemClock.nowMs());
    TillOptions fast;
    fast.unsafeFastWrites = true;
    TillConfig config;
    config.terminalNumber = 10001;
    CP_TRY_ASSIGN(auto till, Till::open(path, seedClock, fast, config));
    const qint64 have = scalar(till->database(), QStringLiteral("SELECT COUNT(*) FROM members"));
    if (have >= members)
        return BulkSeedReport{};
    // Seeding inserts into a dozen indexes at random places: with the till's page cache, the second half
    // of a million members spends most of its time re-reading index pages.
    CP_TRY(till->database().execute(QStringLiteral("PRAGMA cache_size=-2097152")));
    QElapsedTimer t;
    t.start();
    CP_TRY_ASSIGN(auto report, bulkSeed(
                                   *till, int(members - have), entriesPerMember, seed + quint32(have),
                                   [&](qint64 done, qint64 total) {
                                       std::fprintf(stderr, "\rseeding %lld / %lld (%.0f s)", done, total,
                                                    double(t.elapsed()) / 1000.0);
                                   },
                                   stores));
    std::fprintf(stderr, "\nseeded %lld members, %lld entries in %.1f s\n", report.members, report.entries,
                 double(t.elapsed()) / 1000.0);
    return report;
}

qint64 scalar(Database &db, const QString &sql)
{
    auto st = db.prepareOnce(sql);
    if (!st || !st->next())
        return -1;
    return st->int64(0);
}

} // namespace counterpart
