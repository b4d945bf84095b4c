// The till's performance budget (ARCHITECTURE.md) measured on a database of realistic size.
//
//   bench_till --db FILE [--members 1000000] [--entries-per-member 10] [--samples 20000] [--earns 2000]
//              [--cache-kib N] [--mmap-mib N]
//
// Seeds the database once (bench/BulkSeed.h: straight into the till's schema; reused when the file
// already holds enough members), then measures lookups by full phone (three typed forms), member code, QR
// payload, last four digits and name prefix (Latin and Chinese), the member card after a lookup, and
// earn transactions (synchronous=FULL, one transaction each, and NORMAL for comparison), and prints a
// Markdown table for docs/benchmarks.md with the file size per member and the resident memory.
// --cache-kib / --mmap-mib try other SQLite memory settings than the till's own (OpenOptions).

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
#include <ctime>
#include <functional>
#include <sys/resource.h>
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
    double cpuP50Us = 0; // on-CPU time of the thread: what the code costs without the waits for the CPU
    double cpuP99Us = 0;
    qint64 preempted = 0; // involuntary context switches during the run: other programs took the CPU
    QString budget;
};

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 involuntarySwitches()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_nivcsw;
}

Stats measure(const QString &name, const QString &budget, int iterations, const std::function<void(int)> &op)
{
    std::vector<qint64> ns;
    std::vector<qint64> cpu;
    ns.reserve(size_t(iterations));
    cpu.reserve(size_t(iterations));
    const qint64 switchesBefore = involuntarySwitches();
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer t;
        const qint64 cpuStart = threadCpuNs();
        t.start();
        op(i);
        ns.push_back(t.nsecsElapsed());
        cpu.push_back(threadCpuNs() - cpuStart);
    }
    const qint64 elapsed = total.nsecsElapsed();
    std::sort(ns.begin(), ns.end());
    std::sort(cpu.begin(), cpu.end());
    auto pct = [](const std::vector<qint64> &v, double p) {
        return double(v[size_t(double(v.size() - 1) * p)]) / 1000.0;
    };
    Stats s;
    s.name = name;
    s.count = iterations;
    s.p50Us = pct(ns, 0.50);
    s.p99Us = pct(ns, 0.99);
    s.maxUs = double(ns.back()) / 1000.0;
    s.perSecond = double(iterations) * 1e9 / double(elapsed);
    s.cpuP50Us = pct(cpu, 0.50);
    s.cpuP99Us = pct(cpu, 0.99);
    s.preempted = involuntarySwitches() - switchesBefore;
    s.budget = budget;
    return s;
}

// VmRSS, VmHWM, RssAnon (heap: SQLite's page cache, Qt) and RssFile (mapped files: libraries and
// SQLite's memory-mapped pages, which are the OS file cache) in KiB.
QString residentMemory()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    QStringList parts;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const char *key : {"VmRSS:", "VmHWM:", "RssAnon:", "RssFile:"}) {
        for (const QByteArray &l : lines) {
            if (l.startsWith(key)) {
                const qint64 kb = l.mid(qsizetype(qstrlen(key))).trimmed().split(' ').value(0).toLongLong();
                parts << QString::fromLatin1(key).chopped(1) + QLatin1Char(' ') + QString::number(kb / 1024) +
                             QStringLiteral(" MiB");
            }
        }
    }
    return parts.join(QStringLiteral(", "));
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
    parser.addOption({QStringLiteral("entries-per-member"),
                      QStringLiteral("Ledger entries a seeded member gets on average."), QStringLiteral("n"),
                      QStringLiteral("10")});
    parser.addOption({QStringLiteral("samples"), QStringLiteral("Lookups per kind."), QStringLiteral("n"),
                      QStringLiteral("20000")});
    parser.addOption({QStringLiteral("background-checkpoints"),
                      QStringLiteral("Open the till as counterpart-till does: checkpoints from a thread of "
                                     "their own.")});
    parser.addOption({QStringLiteral("wal-autocheckpoint"),
                      QStringLiteral("WAL pages after which a commit checkpoints, for the earns (default: "
                                     "SQLite's 1000)."),
                      QStringLiteral("n")});
    parser.addOption({QStringLiteral("earns"), QStringLiteral("Durable earn transactions to time."),
                      QStringLiteral("n"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("cache-kib"),
                      QStringLiteral("Page cache to try instead of the till's own (PRAGMA cache_size, KiB)."),
                      QStringLiteral("n")});
    parser.addOption({QStringLiteral("mmap-mib"),
                      QStringLiteral("Memory map to try instead of the till's own (PRAGMA mmap_size, MiB)."),
                      QStringLiteral("n")});
    parser.process(app);

    const QString path = parser.value(QStringLiteral("db"));
    const int members = parser.value(QStringLiteral("members")).toInt();
    const int entriesPerMember = parser.value(QStringLiteral("entries-per-member")).toInt();
    const int samples = parser.value(QStringLiteral("samples")).toInt();
    const int earns = parser.value(QStringLiteral("earns")).toInt();
    qputenv("COUNTERPART_KEY_FILE", QFile::encodeName(path + QStringLiteral(".key")));
    QTextStream out(stdout);

    // 1. Seed (once).
    SystemClock systemClock;
    if (auto seeded = seedFileTo(path, members, entriesPerMember, 20261123u); !seeded)
        fail(QStringLiteral("seed"), seeded.error());

    // 2. Measure on a till opened as in service: synchronous=FULL, the till's page cache and memory
    // map. Opening is part of "start to a usable window".
    QElapsedTimer openTimer;
    openTimer.start();
    TillOptions inService;
    inService.backgroundCheckpoints = parser.isSet(QStringLiteral("background-checkpoints"));
    auto opened = Till::open(path, systemClock, inService);
    const qint64 openMs = openTimer.elapsed();
    if (!opened)
        fail(QStringLiteral("open"), opened.error());
    Till &till = *opened.value();
    Database &db = till.database();
    const QString memoryAfterOpen = residentMemory();
    for (const char *option : {"cache-kib", "mmap-mib"}) {
        const QString name = QString::fromLatin1(option);
        if (!parser.isSet(name))
            continue;
        const qint64 value = parser.value(name).toLongLong();
        const QString sql = name == QLatin1String("cache-kib")
                                ? QStringLiteral("PRAGMA cache_size=-%1").arg(value)
                                : QStringLiteral("PRAGMA mmap_size=%1").arg(value * 1024 * 1024);
        if (Status st = db.execute(sql); !st)
            fail(sql, st.error());
    }
    const qint64 cacheSize = scalar(db, QStringLiteral("PRAGMA cache_size"));
    const qint64 mmapSize = scalar(db, QStringLiteral("PRAGMA mmap_size"));
    const qint64 memberCount = scalar(db, QStringLiteral("SELECT COUNT(*) FROM members"));
    const qint64 entryCount = scalar(db, QStringLiteral("SELECT COUNT(*) FROM ledger"));
    const qint64 purchaseCount = scalar(db, QStringLiteral("SELECT COUNT(*) FROM purchases"));
    const qint64 fileBytes = QFileInfo(path).size();

    // Samples of real keys, drawn at random.
    QRandomGenerator rng(7);
    QStringList phones, codes, last4s, latinNames, chineseNames;
    {
        const qint64 maxId = scalar(db, QStringLiteral("SELECT MAX(local_id) FROM members"));
        while (phones.size() < samples || latinNames.size() < samples || chineseNames.size() < samples) {
            auto st = db.prepare(QStringLiteral("SELECT phone, code, name FROM members WHERE local_id = ?1"));
            st->bind(1, qint64(rng.bounded(quint64(maxId)) + 1));
            if (st->next()) {
                if (phones.size() < samples) {
                    phones << st->text(0);
                    codes << st->text(1);
                    last4s << st->text(0).right(4);
                }
                // What a cashier types: the first character of a Chinese name, three letters of an English
                // one.
                const QString name = st->text(2);
                if (name.at(0).unicode() >= 0x3000) {
                    if (chineseNames.size() < samples)
                        chineseNames << name.left(1);
                } else if (latinNames.size() < samples) {
                    latinNames << name.left(3);
                }
            }
        }
    }
    // Phones the three ways they reach the till: spaced as cashiers read them out ("139 1234 5678"),
    // eleven digits in a row (a phone's contact card), and international ("+86 139 1234 5678").
    QStringList spaced, bare, international;
    for (const QString &p : std::as_const(phones)) {
        const QString national = p.mid(3);
        spaced << national.left(3) + QLatin1Char(' ') + national.mid(3, 4) + QLatin1Char(' ') +
                      national.mid(7);
        bare << national;
        international << QStringLiteral("+86 ") + spaced.last();
    }

    QList<Stats> results;
    int misses = 0;
    auto lookupMember = [&](const QString &text) -> std::optional<Member> {
        auto r = till.lookup(text);
        if (!r || r->kind != LookupResult::Kind::Member) {
            ++misses;
            return std::nullopt;
        }
        return r->members.first();
    };
    auto openCard = [&](const std::optional<Member> &m) {
        if (!m || !till.card(m->id))
            ++misses;
    };
    auto openCardById = [&](const Uuid &id) {
        if (!till.card(id))
            ++misses;
    };
    results << measure(QStringLiteral("phone \"139 1234 5678\" → member"), QStringLiteral("p99 ≤ 1 ms"),
                       samples, [&](int i) { lookupMember(spaced[i]); });
    results << measure(QStringLiteral("phone \"13912345678\" → member"), QStringLiteral("p99 ≤ 1 ms"),
                       samples, [&](int i) { lookupMember(bare[i]); });
    results << measure(QStringLiteral("phone \"+86 139 1234 5678\" → member"), QStringLiteral("p99 ≤ 1 ms"),
                       samples, [&](int i) { lookupMember(international[i]); });
    results << measure(QStringLiteral("member code → member"), QStringLiteral("p99 ≤ 1 ms"), samples,
                       [&](int i) { lookupMember(codes[i]); });
    results << measure(QStringLiteral("QR payload → member"), QStringLiteral("p99 ≤ 1 ms"), samples,
                       [&](int i) { lookupMember(QStringLiteral("CP1:") + codes[i]); });
    results << measure(QStringLiteral("last four digits → candidates"), QStringLiteral("p99 ≤ 5 ms"), samples,
                       [&](int i) {
                           auto r = till.lookup(last4s[i]);
                           if (!r || r->kind != LookupResult::Kind::Candidates)
                               ++misses;
                       });
    results << measure(QStringLiteral("name prefix, Latin (3 letters) → candidates"),
                       QStringLiteral("p99 ≤ 20 ms"), samples, [&](int i) {
                           auto r = till.findByNamePrefix(latinNames[i]);
                           if (!r || r->isEmpty())
                               ++misses;
                       });
    results << measure(QStringLiteral("name prefix, Chinese (surname) → candidates"),
                       QStringLiteral("p99 ≤ 20 ms"), samples, [&](int i) {
                           auto r = till.findByNamePrefix(chineseNames[i]);
                           if (!r || r->isEmpty())
                               ++misses;
                       });
    // What the window does after a lookup found one member: Till::card (MainWindow::openMember).
    QList<Uuid> ids;
    for (int i = 0; i < samples; ++i) {
        auto m = till.findByCode(codes[(i * 7919) % samples]);
        if (m && m->has_value())
            ids << m->value().id;
    }
    results << measure(QStringLiteral("member card alone (Till::card)"), QStringLiteral("—"), int(ids.size()),
                       [&](int i) { openCardById(ids[i]); });
    results << measure(QStringLiteral("phone → member card (lookup + card)"), QStringLiteral("p99 ≤ 1 ms"),
                       samples, [&](int i) { openCard(lookupMember(spaced[(i * 7919 + 13) % samples])); });
    results << measure(QStringLiteral("member code → member card (lookup + card)"),
                       QStringLiteral("p99 ≤ 1 ms"), samples,
                       [&](int i) { openCard(lookupMember(codes[(i * 7919 + 29) % samples])); });
    const QString memoryAfterLookups = residentMemory();

    // Durable earns: each one its own transaction, fsynced (synchronous=FULL), on members the lookups
    // above did not all touch.
    const QString run = QString::number(systemClock.nowMs());
    // --wal-autocheckpoint N: the WAL pages after which a commit also checkpoints (SQLite's default
    // 1000; 0 = never in the committing thread), to see what checkpoints add to the earn's tail.
    if (const QString pages = parser.value(QStringLiteral("wal-autocheckpoint")); !pages.isEmpty()) {
        if (!till.database().execute(QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(pages.toInt())))
            fail(QStringLiteral("pragma"), Error{});
        out << "wal_autocheckpoint=" << pages.toInt() << " for the earns\n";
    }
    results << measure(QStringLiteral("earn, one durable transaction (synchronous=FULL)"),
                       QStringLiteral("p99 ≤ 5 ms; ≥ 500/s"), earns, [&](int i) {
                           EarnRequest req;
                           req.member = codes[(i * 31) % codes.size()];
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
                           req.member = codes[(i * 31 + 7) % codes.size()];
                           req.amountMinor = 1000 + (i % 50) * 137;
                           req.receipt = QStringLiteral("N") + run + QLatin1Char('-') + QString::number(i);
                           if (!till.earn(req))
                               ++misses;
                       });
    if (!till.database().execute(QStringLiteral("PRAGMA synchronous=FULL")))
        fail(QStringLiteral("pragma"), Error{});

    // Wall-clock percentiles are what a cashier waits; "on CPU" leaves out the time the thread waited for
    // a core (other programs on a shared machine: "preempted" counts those waits) or for the disk.
    out << "| operation | n | p50 | p99 | max | per second | p50 on CPU | p99 on CPU | preempted | budget "
           "|\n";
    out << "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
    auto us = [](double v) -> QString {
        return QString::number(v, 'f', v < 100 ? 1 : 0) + QStringLiteral(" µs");
    };
    for (const Stats &s : std::as_const(results)) {
        out << "| " << s.name << " | " << s.count << " | " << us(s.p50Us) << " | " << us(s.p99Us) << " | "
            << us(s.maxUs) << " | " << QString::number(s.perSecond, 'f', 0) << " | " << us(s.cpuP50Us)
            << " | " << us(s.cpuP99Us) << " | " << s.preempted << " | " << s.budget << " |\n";
    }
    out << "\n";
    out << "members: " << memberCount << ", ledger entries: " << entryCount
        << ", purchases: " << purchaseCount << "\n";
    out << "database file: " << QString::number(double(fileBytes) / 1048576.0, 'f', 1) << " MiB, "
        << (memberCount > 0 ? fileBytes / memberCount : 0) << " bytes per member\n";
    out << "page cache: " << (cacheSize < 0 ? -cacheSize / 1024 : cacheSize)
        << (cacheSize < 0 ? " MiB" : " pages") << ", memory map: " << mmapSize / 1048576 << " MiB\n";
    out << "opening the till database (Till::open): " << openMs << " ms\n";
    out << "resident memory after opening: " << memoryAfterOpen << "\n";
    out << "resident memory after the lookups: " << memoryAfterLookups << "\n";
    out << "resident memory after the earns: " << residentMemory() << "\n";
    out << "lookups that found nothing or failed: " << misses << "\n";
    out.flush();
    return misses == 0 ? 0 : 1;
}
