// The till's performance budget (ARCHITECTURE.md) measured on a database of realistic size.
//
//   bench_till --db FILE [--members 1000000] [--entries 10000000] [--samples 20000] [--earns 2000]
//
// Seeds the database once (bench/BulkSeed.h: straight into the till's schema; reused when the file
// already holds enough members), then measures lookups by full phone, last four digits, name prefix and
// member code, and durable earn transactions (synchronous=FULL, one transaction each), and prints a Markdown
// table for docs/benchmarks.md.

#include "app/Till.h"
#include "bench/BulkSeed.h"
#include "core/Clock.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace counterpart;

namespace {

struct Stats {
    QString name;
    qint64 count = 0;
    double p50Us = 0;
    double p99Us = 0;
    double maxUs = 0;
    double perSecond = 0;
    QString budget;
};

Stats measure(const QString &name, const QString &budget, int iterations, const std::function<void(int)> &op)
{
    std::vector<qint64> ns;
    ns.reserve(size_t(iterations));
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer t;
        t.start();
        op(i);
        ns.push_back(t.nsecsElapsed());
    }
    const qint64 elapsed = total.nsecsElapsed();
    std::sort(ns.begin(), ns.end());
    auto pct = [&](double p) { return double(ns[size_t(double(ns.size() - 1) * p)]) / 1000.0; };
    Stats s;
    s.name = name;
    s.count = iterations;
    s.p50Us = pct(0.50);
    s.p99Us = pct(0.99);
    s.maxUs = double(ns.back()) / 1000.0;
    s.perSecond = double(iterations) * 1e9 / double(elapsed);
    s.budget = budget;
    return s;
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

qint64 scalar(Database &db, const QString &sql)
{
    auto st = db.prepareOnce(sql);
    if (!st || !st->next())
        return -1;
    return st->int64(0);
}

void fail(const QString &what, const Error &e)
{
    std::fprintf(stderr, "bench_till: %s: %s (%s)\n", qPrintable(what), qPrintable(e.message),
                 qPrintable(e.detail));
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Counterpart till benchmark"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"), QStringLiteral("Database file (reused if already seeded)."),
                      QStringLiteral("file"), QStringLiteral("bench-till.db")});
    parser.addOption({QStringLiteral("members"), QStringLiteral("Members to seed."), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("samples"), QStringLiteral("Lookups per kind."), QStringLiteral("n"),
                      QStringLiteral("20000")});
    parser.addOption({QStringLiteral("earns"), QStringLiteral("Durable earn transactions to time."),
                      QStringLiteral("n"), QStringLiteral("2000")});
    parser.process(app);

    const QString path = parser.value(QStringLiteral("db"));
    const int members = parser.value(QStringLiteral("members")).toInt();
    const int samples = parser.value(QStringLiteral("samples")).toInt();
    const int earns = parser.value(QStringLiteral("earns")).toInt();
    qputenv("COUNTERPART_KEY_FILE", QFile::encodeName(path + QStringLiteral(".key")));
    QTextStream out(stdout);

    // 1. Seed (once).
    SystemClock systemClock;
    {
        TillOptions fast;
        fast.unsafeFastWrites = true;
        ManualClock seedClock(systemClock.nowMs());
        TillConfig config;
        config.terminalNumber = 10001;
        auto till = Till::open(path, seedClock, fast, config);
        if (!till)
            fail(QStringLiteral("open"), till.error());
        const qint64 have = scalar(till.value()->database(), QStringLiteral("SELECT COUNT(*) FROM members"));
        if (have < members) {
            QElapsedTimer t;
            t.start();
            auto seeded = bulkSeed(*till.value(), int(members - have), 10, 20261123u + quint32(have),
                                   [&](qint64 done, qint64 total) {
                                       std::fprintf(stderr, "\rseeding %lld / %lld (%.0f s)", done, total,
                                                    double(t.elapsed()) / 1000.0);
                                   });
            if (!seeded)
                fail(QStringLiteral("seed"), seeded.error());
            std::fprintf(stderr, "\nseeded %lld members, %lld entries in %.1f s\n", seeded->members,
                         seeded->entries, double(t.elapsed()) / 1000.0);
        }
    }

    // 2. Measure on a till opened as in service: synchronous=FULL. Opening is part of "start to a
    // usable window".
    QElapsedTimer openTimer;
    openTimer.start();
    auto opened = Till::open(path, systemClock);
    const qint64 openMs = openTimer.elapsed();
    if (!opened)
        fail(QStringLiteral("open"), opened.error());
    Till &till = *opened.value();
    Database &db = till.database();
    const qint64 memberCount = scalar(db, QStringLiteral("SELECT COUNT(*) FROM members"));
    const qint64 entryCount = scalar(db, QStringLiteral("SELECT COUNT(*) FROM ledger"));
    const qint64 purchaseCount = scalar(db, QStringLiteral("SELECT COUNT(*) FROM purchases"));
    const qint64 fileBytes = QFileInfo(path).size();

    // Samples of real keys, drawn at random.
    QRandomGenerator rng(7);
    QStringList phones, codes, last4s, names;
    {
        const qint64 maxId = scalar(db, QStringLiteral("SELECT MAX(local_id) FROM members"));
        while (phones.size() < samples) {
            auto st = db.prepare(QStringLiteral("SELECT phone, code, name FROM members WHERE local_id = ?1"));
            st->bind(1, qint64(rng.bounded(quint64(maxId)) + 1));
            if (st->next()) {
                phones << st->text(0);
                codes << st->text(1);
                last4s << st->text(0).right(4);
                const QString name = st->text(2);
                // What a cashier types: the first character of a Chinese name, three letters of an English
                // one.
                names << (name.at(0).unicode() >= 0x3000 ? name.left(1) : name.left(3));
            }
        }
    }
    // Typed the way cashiers type: national format with spaces.
    for (QString &p : phones)
        p = QStringLiteral("0") + p.mid(3, 3) + QLatin1Char(' ') + p.mid(6, 4) + QLatin1Char(' ') + p.mid(10);

    QList<Stats> results;
    int misses = 0;
    results << measure(QStringLiteral("full phone → member"), QStringLiteral("p99 ≤ 1 ms"), samples,
                       [&](int i) {
                           auto r = till.lookup(phones[i]);
                           if (!r || r->kind != LookupResult::Kind::Member)
                               ++misses;
                       });
    results << measure(QStringLiteral("member code → member"), QStringLiteral("p99 ≤ 1 ms"), samples,
                       [&](int i) {
                           auto r = till.lookup(codes[i]);
                           if (!r || r->kind != LookupResult::Kind::Member)
                               ++misses;
                       });
    results << measure(QStringLiteral("QR scan → member"), QStringLiteral("p99 ≤ 1 ms"), samples, [&](int i) {
        auto r = till.lookup(QStringLiteral("CP1:") + codes[i]);
        if (!r || r->kind != LookupResult::Kind::Member)
            ++misses;
    });
    results << measure(QStringLiteral("last four digits → candidates"), QStringLiteral("p99 ≤ 5 ms"), samples,
                       [&](int i) {
                           auto r = till.findByLast4(last4s[i]);
                           if (!r || r->isEmpty())
                               ++misses;
                       });
    results << measure(QStringLiteral("name prefix → candidates"), QStringLiteral("p99 ≤ 20 ms"), samples,
                       [&](int i) {
                           auto r = till.findByNamePrefix(names[i]);
                           if (!r || r->isEmpty())
                               ++misses;
                       });
    results << measure(QStringLiteral("member card (tier, expiry, gifts)"), QStringLiteral("—"), samples / 4,
                       [&](int i) {
                           auto m = till.findByCode(codes[i]);
                           if (!m || !m->has_value() || !till.card(m->value().id))
                               ++misses;
                       });

    // Durable earns: each one its own transaction, fsynced (synchronous=FULL).
    const QString run = QString::number(systemClock.nowMs());
    results << measure(QStringLiteral("earn, one durable transaction"), QStringLiteral("p99 ≤ 5 ms; ≥ 500/s"),
                       earns, [&](int i) {
                           EarnRequest req;
                           req.member = codes[i % codes.size()];
                           req.amountMinor = 1000 + (i % 50) * 137;
                           req.receipt = QStringLiteral("B") + run + QLatin1Char('-') + QString::number(i);
                           if (!till.earn(req))
                               ++misses;
                       });

    // The same earns without an fsync per commit (synchronous=NORMAL: safe from a crashed program, not
    // from a power cut), to show what the durable setting costs on this disk.
    if (!till.database().execute(QStringLiteral("PRAGMA synchronous=NORMAL")))
        fail(QStringLiteral("pragma"), Error{});
    results << measure(QStringLiteral("earn, synchronous=NORMAL (for comparison)"), QStringLiteral("—"),
                       earns, [&](int i) {
                           EarnRequest req;
                           req.member = codes[(i + 7) % codes.size()];
                           req.amountMinor = 1000 + (i % 50) * 137;
                           req.receipt = QStringLiteral("N") + run + QLatin1Char('-') + QString::number(i);
                           if (!till.earn(req))
                               ++misses;
                       });
    if (!till.database().execute(QStringLiteral("PRAGMA synchronous=FULL")))
        fail(QStringLiteral("pragma"), Error{});

    out << "| operation | n | p50 | p99 | max | per second | budget |\n";
    out << "| --- | ---: | ---: | ---: | ---: | ---: | --- |\n";
    for (const Stats &s : std::as_const(results)) {
        out << "| " << s.name << " | " << s.count << " | " << QString::number(s.p50Us, 'f', 1) << " µs | "
            << QString::number(s.p99Us, 'f', 1) << " µs | " << QString::number(s.maxUs, 'f', 1) << " µs | "
            << QString::number(s.perSecond, 'f', 0) << " | " << s.budget << " |\n";
    }
    out << "\n";
    out << "members: " << memberCount << ", ledger entries: " << entryCount
        << ", purchases: " << purchaseCount << "\n";
    out << "database file: " << QString::number(double(fileBytes) / 1048576.0, 'f', 1) << " MiB, "
        << (memberCount > 0 ? fileBytes / memberCount : 0) << " bytes per member\n";
    out << "opening the till database (Till::open): " << openMs << " ms\n";
    out << "resident memory after the run: " << residentKb() / 1024 << " MiB\n";
    out << "lookups that found nothing or failed: " << misses << "\n";
    out.flush();
    return misses == 0 ? 0 : 1;
}
