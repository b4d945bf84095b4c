// bench_sync: the sync budgets of ARCHITECTURE.md against a real counterpart-server on loopback, over TLS
// (docs/benchmarks.md, "Sync").
//
//   push       a till makes N operations through the app layer (registrations, earns, redemptions:
//              the outbox is the real one), enrols through POST /v1/enrol, and one sync cycle pushes
//              them; the push phase is timed from the engine's own clock (CycleReport).
//   bootstrap  a server holding M members (seeded straight into its SQLite tables once, see
//              bench_sync_seed.h) and a new, empty till that enrols and takes the snapshot; wall time,
//              rows written and the till process's peak resident memory. When the store's snapshot file
//              was published (counterpart-snapshot --data WORK/server-MxE --store S001), the till loads
//              that, as a new till does; --pages measures the snapshot pages instead.
//
// The server runs as its own process (as in production); this process is the till.

#include "app/Till.h"
#include "bench/bench_sync_seed.h"
#include "core/Clock.h"
#include "storage/Database.h"
#include "storage/SyncStore.h"
#include "sync/client/SyncEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>

using namespace counterpart;

namespace {

QProcess *g_server = nullptr; // the running server, stopped by fail() too

[[noreturn]] void fail(const QString &what, const QString &why)
{
    std::fprintf(stderr, "bench_sync: %s: %s\n", qPrintable(what), qPrintable(why));
    if (g_server) {
        g_server->kill();
        g_server->waitForFinished(5'000);
    }
    std::exit(1);
}

[[noreturn]] void fail(const QString &what, const Error &error)
{
    fail(what, error.message + QStringLiteral(" (") + error.detail + QLatin1Char(')'));
}

void removeDatabase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", ".key"})
        QFile::remove(path + QLatin1String(suffix));
}

// The till side's peak resident set (VmHWM), in MiB; resetPeak() starts a new measurement.
double peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

// CPU seconds (user + system) of this process, or of its children that were waited for (the server).
double cpuSeconds(int who)
{
    rusage u{};
    getrusage(who, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The resident set now, split into anonymous memory (heap: page cache, pages) and file pages (the
// memory-mapped database, which the OS can drop), in MiB.
QString residentSplit()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return {};
    QStringList parts;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("RssAnon:") || line.startsWith("RssFile:"))
            parts << QStringLiteral("%1 %2 MiB")
                         .arg(QString::fromLatin1(line.left(7)))
                         .arg(qRound(line.mid(8).trimmed().split(' ').value(0).toDouble() / 1024.0));
    }
    return parts.join(QStringLiteral(", "));
}

void resetPeak()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5"); // Linux: resets VmHWM to the current RSS
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().split(' ').value(0)) : QString();
}

double percentile(QList<qint64> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype i =
        qBound<qsizetype>(0, qsizetype(p * double(values.size() - 1) + 0.5), values.size() - 1);
    return double(values.at(i));
}

qint64 scalar(Database &db, const QString &sql)
{
    auto st = db.prepareOnce(sql);
    if (!st)
        fail(sql, st.error());
    if (!st->next())
        fail(sql, QStringLiteral("no row"));
    return st->int64(0);
}

// counterpart-server as its own process, with a self-signed certificate for 127.0.0.1.
class Server
{
public:
    Server(QString executable, QString dataDir, QString database)
        : m_exe(std::move(executable))
        , m_dir(std::move(dataDir))
        , m_database(std::move(database))
    {
        QDir().mkpath(m_dir);
    }
    ~Server() { stop(); }

    QStringList databaseArgs() const
    {
        QStringList args{QStringLiteral("--data"), m_dir};
        if (!m_database.isEmpty())
            args << QStringLiteral("--database") << m_database;
        return args;
    }

    QString admin(const QStringList &words) const
    {
        QProcess p;
        p.start(m_exe, databaseArgs() + QStringList{QStringLiteral("admin")} + words);
        if (!p.waitForFinished(120'000) || p.exitCode() != 0)
            fail(QStringLiteral("counterpart-server admin ") + words.join(QLatin1Char(' ')),
                 QString::fromUtf8(p.readAllStandardError()));
        return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    }

    void start(int threads)
    {
        const QString cert = caFile();
        const QString key = QDir(m_dir).filePath(QStringLiteral("key.pem"));
        if (!QFile::exists(cert)) {
            QProcess openssl;
            openssl.start(QStringLiteral("openssl"),
                          {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                           QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                           QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                           QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                           QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"),
                           QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                           QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
            if (!openssl.waitForFinished(30'000) || openssl.exitCode() != 0)
                fail(QStringLiteral("openssl"), QString::fromUtf8(openssl.readAllStandardError()));
        }
        m_process.setStandardErrorFile(QDir(m_dir).filePath(QStringLiteral("server.log")), QIODevice::Append);
        m_process.start(m_exe, databaseArgs() +
                                   QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                               QStringLiteral("--threads"), QString::number(threads),
                                               QStringLiteral("--cert"), cert, QStringLiteral("--key"), key});
        static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60'000 && m_process.state() != QProcess::NotRunning) {
            m_process.waitForReadyRead(100);
            out += m_process.readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(out));
            if (match.hasMatch()) {
                m_port = match.captured(1).toInt();
                g_server = &m_process;
                return;
            }
        }
        fail(QStringLiteral("counterpart-server did not start"), QString::fromUtf8(out));
    }

    void stop()
    {
        if (g_server == &m_process)
            g_server = nullptr;
        if (m_process.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(30'000))
            m_process.kill();
        m_process.waitForFinished(5'000);
    }

    QString url() const { return QStringLiteral("https://127.0.0.1:%1").arg(m_port); }
    QString caFile() const { return QDir(m_dir).filePath(QStringLiteral("cert.pem")); }
    QString dataDir() const { return m_dir; }

private:
    QString m_exe;
    QString m_dir;
    QString m_database;
    QProcess m_process;
    int m_port = 0;
};

void addStore(const Server &server)
{
    server.admin({QStringLiteral("store-add"), QStringLiteral("--id"), QStringLiteral("S001"),
                  QStringLiteral("--name"), QStringLiteral("Bench"), QStringLiteral("--region"),
                  QStringLiteral("CN"), QStringLiteral("--timezone"), QStringLiteral("Asia/Shanghai"),
                  QStringLiteral("--currency"), QStringLiteral("CNY")});
}

std::unique_ptr<Till> openEnrolledTill(const Server &server, const QString &path, const Clock &clock,
                                       bool fast, const QString &name)
{
    removeDatabase(path);
    TillOptions options;
    options.keyFile = path + QStringLiteral(".key");
    options.unsafeFastWrites = fast;
    auto till = Till::open(path, clock, options);
    if (!till)
        fail(QStringLiteral("open ") + path, till.error());
    EnrolmentRequest request;
    request.serverUrl = server.url();
    request.code =
        server.admin({QStringLiteral("enrol-code"), QStringLiteral("--store"), QStringLiteral("S001")});
    request.caFile = server.caFile();
    request.tillName = name;
    auto enrolled = till.value()->enrol(request);
    if (!enrolled)
        fail(QStringLiteral("enrol"), enrolled.error());
    till.value()->setOffline(false); // the benchmark's operations are made "online"
    return std::move(till.value());
}

sync::CycleReport syncOnce(const QString &path, const Clock &clock)
{
    sync::SyncEngineOptions options;
    options.keyFile = path + QStringLiteral(".key");
    options.schedule = false;
    options.timeoutMs = 300'000;
    sync::SyncEngine engine(path, clock, options);
    sync::CycleReport report = engine.runOnce();
    if (!report.ok)
        fail(QStringLiteral("sync"), report.error);
    return report;
}

// ---- push ----

// Makes `count` outbox operations through the use cases: a quarter registrations, then earns, with a
// redemption every tenth operation where the member has the points.
void makeOperations(Till &till, int count, QTextStream &out)
{
    QRandomGenerator rng(7);
    const int registrations = count / 4;
    QList<QString> members;
    QElapsedTimer t;
    t.start();
    // New phones on every run (a PostgreSQL database may be pushed to twice): 13x and 8 digits.
    const QString phonePrefix = QStringLiteral("13%1").arg(QRandomGenerator::global()->bounded(5, 10));
    const qint64 phoneOffset = QRandomGenerator::global()->bounded(90'000'000);
    SyncStore outbox(till.database());
    int made = 0;
    for (int i = 0; made < count; ++i) {
        if (i < registrations) {
            RegisterRequest r;
            r.phone = phonePrefix + QStringLiteral("%1").arg(phoneOffset + i, 8, 10, QLatin1Char('0'));
            r.name = QStringLiteral("Bench member %1").arg(i);
            auto registered = till.registerMember(r);
            if (!registered)
                fail(QStringLiteral("register"), registered.error());
            members.append(registered->member.id.toString());
        } else if (i % 10 == 0) {
            RedeemRequest r;
            r.member = members.at(rng.bounded(int(members.size())));
            r.discountPoints = 100;
            auto redeemed = till.redeem(r);
            // Refused (the balance), or by id more than a card spends in a day without the phone's digits.
            if (!redeemed && redeemed.error().code != ErrorCode::Refused &&
                redeemed.error().code != ErrorCode::SecondFactorNeeded)
                fail(QStringLiteral("redeem"), redeemed.error());
        } else {
            EarnRequest e;
            e.member = members.at(rng.bounded(int(members.size())));
            e.amountMinor = 1'000 + qint64(rng.bounded(50'000));
            e.receipt = QStringLiteral("R%1").arg(i);
            auto earned = till.earn(e);
            if (!earned)
                fail(QStringLiteral("earn"), earned.error());
        }
        if (i % 100 == 99 || i + 1 >= registrations) {
            auto pending = outbox.pendingCount();
            if (!pending)
                fail(QStringLiteral("outbox"), pending.error());
            made = int(pending.value());
        }
    }
    auto kinds = till.database().prepareOnce(QStringLiteral(
        "SELECT kind, COUNT(*) FROM outbox WHERE status = 'pending' GROUP BY kind ORDER BY 2 DESC"));
    QStringList mix;
    while (kinds && kinds->next())
        mix << QStringLiteral("%1 %2").arg(kinds->int64(1)).arg(kinds->text(0));
    out << "outbox: " << made << " operations (" << mix.join(QStringLiteral(", ")) << ") made in "
        << t.elapsed() / 1000.0 << " s through the app layer\n";
}

void benchPush(const QString &serverExe, const QString &work, const QString &database, int count, int threads,
               QTextStream &out)
{
    const QString dir = work + QStringLiteral("/push-server");
    if (database.isEmpty())
        QDir(dir).removeRecursively();
    Server server(serverExe, dir, database);
    addStore(server);
    server.start(threads);
    out << "push: server " << (database.isEmpty() ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL"))
        << ", " << threads << " threads, TLS on 127.0.0.1\n";
    out.flush();
    SystemClock clock;
    const QString path = work + QStringLiteral("/push-till.db");
    {
        auto till = openEnrolledTill(server, path, clock, true, QStringLiteral("bench push"));
        makeOperations(*till, count, out);
    }
    out.flush();
    const sync::CycleReport r = syncOnce(path, clock);
    const double seconds = double(r.pushMs) / 1000.0;
    out << "push: " << r.pushedOps << " operations (" << r.applied << " applied, " << r.duplicates
        << " duplicates, " << r.rejected << " rejected) in " << r.pushBatchMs.size()
        << " batches: " << seconds << " s, " << qRound(double(r.pushedOps) / qMax(seconds, 0.001))
        << " ops/s; per batch p50 " << percentile(r.pushBatchMs, 0.5) << " ms, p99 "
        << percentile(r.pushBatchMs, 0.99) << " ms, max " << percentile(r.pushBatchMs, 1.0)
        << " ms  (budget: 10,000 in <= 5 s)\n";
    out << "      then the pull of the till's own " << r.pulledChanges << " changes: " << r.pullMs / 1000.0
        << " s\n";
    out.flush();
    server.stop();
}

// ---- bootstrap ----

void benchBootstrap(const QString &serverExe, const QString &work, int members, int entriesPerMember,
                    int snapshotPage, int threads, bool pagesOnly, QTextStream &out)
{
    const QString dir = work + QStringLiteral("/server-%1x%2").arg(members).arg(entriesPerMember);
    const QString marker = dir + QStringLiteral("/seeded");
    Server server(serverExe, dir, {});
    if (!QFile::exists(marker)) {
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
        addStore(server); // creates and migrates server.db
        QElapsedTimer t;
        t.start();
        auto seeded =
            bench::seedServerDatabase(dir + QStringLiteral("/server.db"), members, entriesPerMember,
                                      QDateTime::currentMSecsSinceEpoch(), [&](qint64 done) {
                                          std::fprintf(stderr, "\rseeding the server: %lld / %d (%.0f s)",
                                                       done, members, double(t.elapsed()) / 1000.0);
                                      });
        if (!seeded)
            fail(QStringLiteral("seed"), seeded.error());
        std::fprintf(stderr, "\n");
        QFile m(marker);
        if (!m.open(QIODevice::WriteOnly))
            fail(QStringLiteral("marker"), m.errorString());
        m.write(
            QStringLiteral("%1 members, %2 entries, %3 purchases (%4 in the last 12 months), balances %5\n")
                .arg(seeded->members)
                .arg(seeded->entries)
                .arg(seeded->purchases)
                .arg(seeded->purchasesLastYear)
                .arg(seeded->balanceSum)
                .toUtf8());
        out << "seeded the server in " << seeded->elapsedMs / 1000.0 << " s\n";
    }
    QFile m(marker);
    if (m.open(QIODevice::ReadOnly))
        out << "server holds: " << QString::fromUtf8(m.readAll()).trimmed() << "\n";
    out << "server.db: " << QFileInfo(dir + QStringLiteral("/server.db")).size() / 1048576 << " MiB\n";
    server.start(threads);
    out.flush();
    const double serverCpuBefore = cpuSeconds(RUSAGE_CHILDREN);

    SystemClock clock;
    const QString path = work + QStringLiteral("/boot-till.db");
    openEnrolledTill(server, path, clock, false, QStringLiteral("bench bootstrap"));
    resetPeak();
    const double rssBefore = peakRssMiB();
    const double tillCpuBefore = cpuSeconds(RUSAGE_SELF);
    sync::SyncEngineOptions options;
    options.keyFile = path + QStringLiteral(".key");
    options.schedule = false;
    options.timeoutMs = 300'000;
    options.snapshotFiles = !pagesOnly;
    if (snapshotPage > 0)
        options.snapshotLimit = snapshotPage;
    QElapsedTimer wall;
    wall.start();
    sync::CycleReport r;
    QString split;
    {
        sync::SyncEngine engine(path, clock, options);
        r = engine.runOnce();
        split = residentSplit();
    }
    const qint64 wallMs = wall.elapsed();
    const double peak = peakRssMiB();
    const double tillCpu = cpuSeconds(RUSAGE_SELF) - tillCpuBefore;
    if (!r.ok)
        fail(QStringLiteral("bootstrap"), r.error);
    server.stop(); // waited for: its CPU time is counted from here
    const double serverCpu = cpuSeconds(RUSAGE_CHILDREN) - serverCpuBefore;

    OpenOptions open;
    open.create = false;
    auto db = Database::open(path, open);
    if (!db)
        fail(QStringLiteral("reopen"), db.error());
    const qint64 tillMembers = scalar(**db, QStringLiteral("SELECT COUNT(*) FROM members"));
    const qint64 ledger = scalar(**db, QStringLiteral("SELECT COUNT(*) FROM ledger"));
    const qint64 purchases = scalar(**db, QStringLiteral("SELECT COUNT(*) FROM purchases"));
    const qint64 balances = scalar(**db, QStringLiteral("SELECT SUM(balance) FROM members"));
    const qint64 ledgerSum = scalar(**db, QStringLiteral("SELECT SUM(points) FROM ledger"));
    const qint64 rows = tillMembers + ledger + purchases;
    const double seconds = double(wallMs) / 1000.0;
    out << "bootstrap: " << r.snapshotMembers << " members in " << seconds << " s wall (snapshot "
        << r.snapshotMs / 1000.0 << " s, then pull " << r.pullMs / 1000.0
        << " s)  (budget: 1,000,000 in <= 60 s)\n";
    if (r.snapshotFileBytes > 0)
        out << "      from the store's snapshot file: " << r.snapshotFileBytes / 1048576
            << " MiB downloaded and copied in (counterpart-snapshot built it beforehand)\n";
    else
        out << "      from the snapshot pages (no snapshot file published for the store)\n";
    out << "      till wrote " << tillMembers << " members, " << ledger << " opening entries, " << purchases
        << " purchases = " << rows << " rows, " << qRound(double(rows) / seconds) << " rows/s, "
        << qRound(double(tillMembers) / seconds) << " members/s\n";
    out << "      balances " << balances << " = ledger sum " << ledgerSum
        << (balances == ledgerSum ? " (equal)" : " (DIFFER)") << "; till file "
        << QFileInfo(path).size() / 1048576 << " MiB\n";
    out << "      CPU: till " << tillCpu << " s, server " << serverCpu
        << " s (whole server run, enrolment included); load average then " << loadAverage() << "\n";
    out << "      till process peak RSS " << qRound(peak) << " MiB (" << qRound(rssBefore)
        << " MiB before); at the end " << split << "\n";
    out.flush();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Counterpart sync benchmark: push and bootstrap over loopback"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("work"), QStringLiteral("Folder for the server data and the tills."),
                      QStringLiteral("dir"), QDir::temp().filePath(QStringLiteral("bench-sync"))});
    parser.addOption({QStringLiteral("server"), QStringLiteral("The counterpart-server executable."),
                      QStringLiteral("file"), QStringLiteral(COUNTERPART_SERVER_EXE)});
    parser.addOption(
        {QStringLiteral("database"),
         QStringLiteral("Push against this PostgreSQL database (postgresql://...) instead of SQLite."),
         QStringLiteral("url")});
    parser.addOption({QStringLiteral("phase"), QStringLiteral("push, bootstrap or all."),
                      QStringLiteral("phase"), QStringLiteral("all")});
    parser.addOption({QStringLiteral("ops"), QStringLiteral("Operations to push."), QStringLiteral("n"),
                      QStringLiteral("10000")});
    parser.addOption({QStringLiteral("members"), QStringLiteral("Members on the server for the bootstrap."),
                      QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("entries-per-member"),
                      QStringLiteral("Ledger entries a seeded member has on average."), QStringLiteral("n"),
                      QStringLiteral("10")});
    parser.addOption({QStringLiteral("snapshot-page"),
                      QStringLiteral("Members per snapshot page (0: the engine's)."), QStringLiteral("n"),
                      QStringLiteral("0")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Server threads."), QStringLiteral("n"),
                      QStringLiteral("2")});
    parser.addOption(
        {QStringLiteral("pages"),
         QStringLiteral("Bootstrap from the snapshot pages even when the server has a snapshot file "
                        "(counterpart-snapshot --data WORK/server-NxE --store S001 publishes one).")});
    parser.process(app);

    const QString work = QDir(parser.value(QStringLiteral("work"))).absolutePath();
    QDir().mkpath(work);
    const QString phase = parser.value(QStringLiteral("phase"));
    const QString serverExe = parser.value(QStringLiteral("server"));
    const int threads = parser.value(QStringLiteral("threads")).toInt();
    QTextStream out(stdout);
    out.setRealNumberPrecision(3);
    out.setRealNumberNotation(QTextStream::SmartNotation);
    if (phase == QLatin1String("push") || phase == QLatin1String("all"))
        benchPush(serverExe, work, parser.value(QStringLiteral("database")),
                  parser.value(QStringLiteral("ops")).toInt(), threads, out);
    if (phase == QLatin1String("bootstrap") || phase == QLatin1String("all"))
        benchBootstrap(serverExe, work, parser.value(QStringLiteral("members")).toInt(),
                       parser.value(QStringLiteral("entries-per-member")).toInt(),
                       parser.value(QStringLiteral("snapshot-page")).toInt(), threads,
                       parser.isSet(QStringLiteral("pages")), out);
    return 0;
}
