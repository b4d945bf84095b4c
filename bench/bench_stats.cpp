// The manager dashboard's budget (ARCHITECTURE.md: a day or 30 days in <= 300 ms on 1,000,000 members and
// 10,000,000 ledger entries), measured on a database of that size.
//
//   bench_stats --db FILE [--members 1000000] [--repeat 30] [--earns 300]
//
// Seeds the database when it has fewer members (bench/BulkSeed.h). A database of an older schema is
// migrated first and the migration -- the backfill of the aggregates from every row -- is timed on its
// own. Then: the dashboard for one day and for 30 days (figures, previous period, tiers, 30-day trend),
// the first page and the size of every list, the check of the aggregates against a full recomputation,
// and durable earns (which now also write the aggregates). Prints Markdown for docs/benchmarks.md.

#include "app/Statistics.h"
#include "app/Till.h"
#include "bench/BulkSeed.h"
#include "core/Clock.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "storage/StatsStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace counterpart;

namespace {

struct Timing {
    QString name;
    int count = 0;
    double firstMs = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
};

[[noreturn]] void fail(const QString &what, const Error &e)
{
    std::fprintf(stderr, "bench_stats: %s: %s (%s)\n", qPrintable(what), qPrintable(e.message),
                 qPrintable(e.detail));
    std::exit(1);
}

// The first column of every row, as text.
QStringList textRows(Database &db, const QString &sql)
{
    QStringList out;
    auto st = db.prepare(sql);
    if (!st)
        return out;
    while (st->next())
        out << st->text(0);
    return out;
}

Timing measure(const QString &name, int iterations, const std::function<void()> &op)
{
    std::vector<qint64> ns;
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer t;
        t.start();
        op();
        ns.push_back(t.nsecsElapsed());
    }
    Timing timing;
    timing.name = name;
    timing.count = iterations;
    timing.firstMs = double(ns.front()) / 1e6;
    std::sort(ns.begin(), ns.end());
    auto pct = [&](double p) { return double(ns[size_t(double(ns.size() - 1) * p)]) / 1e6; };
    timing.p50Ms = pct(0.5);
    timing.p99Ms = pct(0.99);
    timing.maxMs = double(ns.back()) / 1e6;
    return timing;
}

qint64 residentKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &l : lines) {
        if (l.startsWith("VmRSS:"))
            return l.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

QString ms(double v)
{
    return QString::number(v, 'f', v < 10 ? 2 : 1) + QStringLiteral(" ms");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Counterpart manager statistics benchmark"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("Database file (seeded when it has fewer members)."),
                      QStringLiteral("file"), QStringLiteral("bench-stats.db")});
    parser.addOption({QStringLiteral("members"), QStringLiteral("Members to seed."), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption(
        {QStringLiteral("stores"),
         QStringLiteral("Stores of the chain a new file is seeded with (the till's is the first)."),
         QStringLiteral("n"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("repeat"), QStringLiteral("Dashboard openings per kind."),
                      QStringLiteral("n"), QStringLiteral("30")});
    parser.addOption({QStringLiteral("earns"), QStringLiteral("Durable earn transactions to time."),
                      QStringLiteral("n"), QStringLiteral("300")});
    parser.process(app);
    const QString path = parser.value(QStringLiteral("db"));
    const int members = parser.value(QStringLiteral("members")).toInt();
    const int repeat = qMax(1, parser.value(QStringLiteral("repeat")).toInt());
    const int earns = qMax(0, parser.value(QStringLiteral("earns")).toInt());
    qputenv("COUNTERPART_KEY_FILE", QFile::encodeName(path + QStringLiteral(".key")));
    QTextStream out(stdout);

    // 1. Migrate an older database on its own, timed: the backfill reads every row once.
    double migrationS = -1;
    int fromVersion = 0;
    if (QFileInfo::exists(path)) {
        auto db = Database::open(path);
        if (!db)
            fail(QStringLiteral("open"), db.error());
        auto version = Schema::currentVersion(*db.value());
        if (!version)
            fail(QStringLiteral("schema version"), version.error());
        fromVersion = version.value();
        if (fromVersion > 0 && fromVersion < Schema::latestVersion()) {
            std::fprintf(stderr, "migrating schema %d -> %d...\n", fromVersion, Schema::latestVersion());
            QElapsedTimer t;
            t.start();
            if (Status s = Schema::migrate(*db.value()); !s)
                fail(QStringLiteral("migrate"), s.error());
            migrationS = double(t.elapsed()) / 1000.0;
        }
    }

    // 2. Seed when needed.
    const int stores = qMax(1, parser.value(QStringLiteral("stores")).toInt());
    if (auto seeded = seedFileTo(path, members, 10, 20261123u, stores); !seeded)
        fail(QStringLiteral("seed"), seeded.error());

    // 3. The till as it starts, with "now" just after the newest purchase: today is the busiest day.
    ManualClock clock(0);
    TillOptions options; // synchronous=FULL, as in service
    QElapsedTimer openTimer;
    openTimer.start();
    auto opened = Till::open(path, clock, options);
    if (!opened)
        fail(QStringLiteral("open"), opened.error());
    const double openMs = double(openTimer.nsecsElapsed()) / 1e6;
    Till &till = *opened.value();
    Database &db = till.database();
    clock.setMs(scalar(db, QStringLiteral("SELECT MAX(at) FROM purchases")) + 60'000);
    till.setOperator(Operator{QStringLiteral("bench"), QStringLiteral("Bench"), Role::System});
    const QDate today = till.today();

    Statistics stats(till);
    QList<Timing> timings;
    Dashboard lastDay;
    Dashboard last30;
    timings << measure(QStringLiteral("dashboard: today"), repeat, [&] {
        auto d = stats.dashboard(today, today);
        if (!d)
            fail(QStringLiteral("dashboard"), d.error());
        lastDay = d.value();
    });
    timings << measure(QStringLiteral("dashboard: last 30 days"), repeat, [&] {
        auto d = stats.dashboard(today.addDays(-29), today);
        if (!d)
            fail(QStringLiteral("dashboard"), d.error());
        last30 = d.value();
    });
    timings << measure(QStringLiteral("dashboard: a day 6 months ago"), repeat, [&] {
        auto d = stats.dashboard(today.addMonths(-6), today.addMonths(-6));
        if (!d)
            fail(QStringLiteral("dashboard"), d.error());
    });
    timings << measure(QStringLiteral("dashboard: a month 6 months ago"), repeat, [&] {
        const QDate first(today.addMonths(-6).year(), today.addMonths(-6).month(), 1);
        auto d = stats.dashboard(first, first.addMonths(1).addDays(-1));
        if (!d)
            fail(QStringLiteral("dashboard"), d.error());
    });
    // The chain's view (head office; bench/BulkSeed spreads members over --stores stores).
    Statistics chainStats(till);
    if (Status s = chainStats.setScope(StatsScope::Chain); !s)
        fail(QStringLiteral("chain scope"), s.error());
    Dashboard chainDay;
    timings << measure(QStringLiteral("chain dashboard: today"), repeat, [&] {
        auto d = chainStats.dashboard(today, today);
        if (!d)
            fail(QStringLiteral("dashboard"), d.error());
        chainDay = d.value();
    });
    timings << measure(QStringLiteral("chain dashboard: last 30 days"), repeat, [&] {
        auto d = chainStats.dashboard(today.addDays(-29), today);
        if (!d)
            fail(QStringLiteral("dashboard"), d.error());
    });
    out << "today: store " << lastDay.current.visits << " visits, chain " << chainDay.current.visits
        << " visits\n";

    QList<QStringList> lists;
    for (MemberList list : Statistics::allLists()) {
        qint64 rows = 0;
        const Timing page = measure(Statistics::listId(list), 3, [&] {
            auto p = stats.list(list, today, 0, 100);
            if (!p)
                fail(Statistics::listId(list), p.error());
            rows = p->rows.size();
        });
        qint64 size = 0;
        const Timing whole = measure(Statistics::listId(list), 1, [&] {
            auto s = stats.summary(list, today);
            if (!s)
                fail(Statistics::listId(list), s.error());
            size = s->members;
        });
        lists << QStringList{
            Statistics::listTitle(list), QString::number(rows), ms(page.firstMs), ms(page.p50Ms),
            QString::number(size),       ms(whole.firstMs)};
    }

    const qint64 rssBeforeCheckKb = residentKb();
    QElapsedTimer verifyTimer;
    verifyTimer.start();
    auto verified = stats.verify();
    if (!verified)
        fail(QStringLiteral("verify"), verified.error());
    const double verifyS = double(verifyTimer.elapsed()) / 1000.0;

    // Earns write the aggregates too (triggers in the same transaction).
    Timing earnTiming;
    Timing floorTiming;
    if (earns > 0) {
        // Random members, as at the counter: each earn touches its own member's pages.
        const qint64 highest = scalar(db, QStringLiteral("SELECT MAX(local_id) FROM members"));
        QStringList who;
        quint32 rng = 12345;
        while (who.size() < earns) {
            rng = rng * 1664525u + 1013904223u;
            auto st = db.prepare(
                QStringLiteral("SELECT id FROM members WHERE local_id = ?1 AND status = 'active'"));
            if (!st)
                fail(QStringLiteral("member"), st.error());
            st->bind(1, qint64(1 + rng % quint32(highest)));
            if (st->next())
                who << Uuid::fromBytes(st->blob(0)).toString();
        }
        int n = 0;
        const qint64 base = clock.nowMs();
        auto timeEarns = [&](const QString &name) {
            const int first = n;
            return measure(name, earns, [&] {
                clock.setMs(base + qint64(n) * 1000);
                auto r = till.earn(
                    EarnRequest{who[n - first], 1234, 0, QStringLiteral("BENCH-S-%1-%2").arg(base).arg(n)});
                ++n;
                if (!r)
                    fail(QStringLiteral("earn"), r.error());
            });
        };
        earnTiming = timeEarns(QStringLiteral("earn, one durable transaction (with the aggregates)"));
        // The peer in the same run: the same earns on other members' pages without the aggregates'
        // triggers, which are then made again and the aggregates rebuilt.
        const QStringList names =
            textRows(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                        " AND (name LIKE 'stats_%' OR name LIKE 'member_visits_here_%')"));
        const QStringList creates =
            textRows(db, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger'"
                                        " AND (name LIKE 'stats_%' OR name LIKE 'member_visits_here_%')"));
        for (const QString &name : names)
            if (Status s = db.execute(QStringLiteral("DROP TRIGGER \"%1\"").arg(name)); !s)
                fail(QStringLiteral("drop trigger"), s.error());
        std::reverse(who.begin(), who.end());
        floorTiming = timeEarns(QStringLiteral("earn, one durable transaction (no aggregates: the floor)"));
        if (Status s = db.execute(QStringLiteral("BEGIN")); !s)
            fail(QStringLiteral("begin"), s.error());
        for (const QString &create : creates)
            if (Status s = db.execute(create); !s)
                fail(QStringLiteral("create trigger"), s.error());
        if (Status s = StatsStore(db).rebuild(); !s)
            fail(QStringLiteral("rebuild"), s.error());
        if (Status s = db.execute(QStringLiteral("COMMIT")); !s)
            fail(QStringLiteral("commit"), s.error());
    }

    out << "members: " << scalar(db, QStringLiteral("SELECT COUNT(*) FROM members"))
        << ", ledger entries: " << scalar(db, QStringLiteral("SELECT COUNT(*) FROM ledger"))
        << ", purchases: " << scalar(db, QStringLiteral("SELECT COUNT(*) FROM purchases"))
        << ", aggregate rows: " << scalar(db, QStringLiteral("SELECT COUNT(*) FROM stats_buckets")) << "\n";
    out << "database file: " << QString::number(double(QFileInfo(path).size()) / 1048576.0, 'f', 1)
        << " MiB\n";
    if (migrationS >= 0)
        out << "migration from schema " << fromVersion
            << " (backfill and indexes): " << QString::number(migrationS, 'f', 1) << " s\n";
    out << "open the till: " << ms(openMs) << "; today is " << today.toString(Qt::ISODate) << ": "
        << lastDay.current.visits << " visits, " << lastDay.current.visitingMembers
        << " members; last 30 days: " << last30.current.visits << " visits, "
        << last30.current.visitingMembers << " members\n\n";
    out << "| operation | n | first | p50 | p99 | max | budget |\n| --- | ---: | ---: | ---: | ---: | ---: | "
           "--- |\n";
    for (const Timing &t : std::as_const(timings))
        out << "| " << t.name << " | " << t.count << " | " << ms(t.firstMs) << " | " << ms(t.p50Ms) << " | "
            << ms(t.p99Ms) << " | " << ms(t.maxMs) << " | ≤ 300 ms |\n";
    for (const Timing &t : {earnTiming, floorTiming}) {
        if (earns > 0)
            out << "| " << t.name << " | " << t.count << " | " << ms(t.firstMs) << " | " << ms(t.p50Ms)
                << " | " << ms(t.p99Ms) << " | " << ms(t.maxMs) << " | p99 ≤ 5 ms |\n";
    }
    out << "\n| list | first page rows | first page | again | members in list | counting them |\n"
           "| --- | ---: | ---: | ---: | ---: | ---: |\n";
    for (const QStringList &row : std::as_const(lists))
        out << "| " << row.join(QStringLiteral(" | ")) << " |\n";
    out << "\ncheck of the aggregates against a full recomputation: " << QString::number(verifyS, 'f', 1)
        << " s, " << verified->bucketRows << " rows, " << verified->mismatchCount << " differences\n";
    out << "resident memory after the dashboards and lists: " << rssBeforeCheckKb / 1024
        << " MiB; after the check: " << residentKb() / 1024 << " MiB\n";
    return verified->mismatchCount == 0 ? 0 : 1;
}
