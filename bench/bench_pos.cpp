// The POS link's round trip on a till of realistic size (docs/benchmarks.md, "The POS link").
//
//   bench_pos --db FILE [--members 1000000] [--sales 2000]
//
// Seeds the file once as bench_till does (the same members, so both use one file), opens the till as in
// service, and times a POS's identify + quote + commit over HTTP on loopback: the till serving on its
// own thread's event loop, the POS a blocking client on another thread with one kept-alive connection.
// In the same run the same three steps through the till's use cases directly (no HTTP, no JSON) give
// the floor: the difference is what the POS link adds.

#include "app/PosLink.h"
#include "app/Till.h"
#include "bench/BulkSeed.h"
#include "core/Clock.h"
#include "pos/PosServer.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace counterpart;

namespace {

void fail(const QString &what, const Error &e)
{
    std::fprintf(stderr, "bench_pos: %s: %s (%s)\n", qPrintable(what), qPrintable(e.message),
                 qPrintable(e.detail));
    std::exit(1);
}

struct Sample {
    QString phone; // as a cashier types it: 11 digits
    QString code;
};

struct Timings {
    std::vector<qint64> identify, quote, commit, total;
};

QString row(const QString &name, std::vector<qint64> ns)
{
    std::sort(ns.begin(), ns.end());
    auto pct = [&](double p) { return double(ns[size_t(double(ns.size() - 1) * p)]) / 1e6; };
    return QStringLiteral("| %1 | %2 | %3 ms | %4 ms | %5 ms |")
        .arg(name)
        .arg(ns.size())
        .arg(pct(0.5), 0, 'f', 3)
        .arg(pct(0.99), 0, 'f', 3)
        .arg(double(ns.back()) / 1e6, 0, 'f', 2);
}

QJsonArray basket(int i)
{
    return {QJsonObject{{QStringLiteral("sku"), QStringLiteral("6901234567890")},
                        {QStringLiteral("category"), QStringLiteral("food")},
                        {QStringLiteral("quantity"), 2},
                        {QStringLiteral("amountMinor"), 4000 + (i % 50) * 100}},
            QJsonObject{{QStringLiteral("sku"), QStringLiteral("6909999000001")},
                        {QStringLiteral("category"), QStringLiteral("tobacco")},
                        {QStringLiteral("amountMinor"), 3000}},
            QJsonObject{{QStringLiteral("sku"), QStringLiteral("6905555000002")},
                        {QStringLiteral("category"), QStringLiteral("household")},
                        {QStringLiteral("amountMinor"), 1990}}};
}

// One blocking HTTP/1.1 call on a kept-alive connection; the answer's status.
int call(QTcpSocket &socket, const QByteArray &request, QByteArray &buffer)
{
    socket.write(request);
    socket.waitForBytesWritten(5000);
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const qsizetype at = buffer.indexOf("Content-Length: ");
            const qsizetype lineEnd = buffer.indexOf("\r\n", at);
            const qint64 length = buffer.mid(at + 16, lineEnd - at - 16).toLongLong();
            if (buffer.size() >= end + 4 + length) {
                const int status = buffer.mid(9, 3).toInt();
                buffer.remove(0, end + 4 + length);
                return status;
            }
        }
        if (!socket.waitForReadyRead(10'000))
            return 0;
        buffer += socket.readAll();
    }
}

QByteArray post(quint16 port, const QByteArray &token, const QByteArray &path, const QJsonObject &body)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
           "\r\nAuthorization: Bearer " + token +
           "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) +
           "\r\n\r\n" + json;
}

// The POS: identify by phone, quote by the code identify gave, commit; every step timed.
Timings drivePos(quint16 port, const QByteArray &token, const QList<Sample> &samples, const QString &run)
{
    Timings t;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return t;
    QByteArray buffer;
    for (int i = 0; i < samples.size(); ++i) {
        const Sample &s = samples[i];
        const QJsonObject sale{{QStringLiteral("member"), s.code},
                               {QStringLiteral("receipt"), QStringLiteral("POS-%1-%2").arg(run).arg(i)},
                               {QStringLiteral("lines"), basket(i)}};
        QElapsedTimer timer;
        timer.start();
        int st =
            call(socket, post(port, token, "/v1/pos/identify", {{QStringLiteral("query"), s.phone}}), buffer);
        const qint64 a = timer.nsecsElapsed();
        if (st == 200)
            st = call(socket, post(port, token, "/v1/pos/quote", sale), buffer);
        const qint64 b = timer.nsecsElapsed();
        if (st == 200)
            st = call(socket, post(port, token, "/v1/pos/sales", sale), buffer);
        const qint64 c = timer.nsecsElapsed();
        if (st != 201) {
            std::fprintf(stderr, "bench_pos: sale %d answered %d\n", i, st);
            std::exit(1);
        }
        t.identify.push_back(a);
        t.quote.push_back(b - a);
        t.commit.push_back(c - b);
        t.total.push_back(c);
    }
    return t;
}

// The floor: the same three steps through the till's use cases, in process.
Timings driveTill(Till &till, const QList<Sample> &samples, const QString &run)
{
    Timings t;
    for (int i = 0; i < samples.size(); ++i) {
        const Sample &s = samples[i];
        const EarnRequest earn{s.code, 8000 + (i % 50) * 200 + 3000 + 1990, 3000,
                               QStringLiteral("TILL-%1-%2").arg(run).arg(i)};
        QElapsedTimer timer;
        timer.start();
        auto found = till.lookup(s.phone);
        const qint64 a = timer.nsecsElapsed();
        auto preview = till.previewEarn(earn);
        const qint64 b = timer.nsecsElapsed();
        auto done = till.earn(earn);
        const qint64 c = timer.nsecsElapsed();
        if (!found || !preview || !done)
            fail(QStringLiteral("direct earn"), !found     ? found.error()
                                                : !preview ? preview.error()
                                                           : done.error());
        t.identify.push_back(a);
        t.quote.push_back(b - a);
        t.commit.push_back(c - b);
        t.total.push_back(c);
    }
    return t;
}

QList<Sample> pickMembers(Database &db, int n, int offset)
{
    QList<Sample> out;
    auto st = db.prepare(QStringLiteral("SELECT phone, code FROM members WHERE status = 'active' AND "
                                        "local_id % 97 = ?1 LIMIT ?2"));
    if (!st)
        fail(QStringLiteral("members"), st.error());
    st->bindAll(offset, n);
    while (st->next())
        out.append(Sample{st->text(0).mid(3), st->text(1)}); // "+8613912345678" -> "13912345678"
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Counterpart POS link benchmark"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"), QStringLiteral("Database file (reused if already seeded)."),
                      QStringLiteral("file"), QStringLiteral("bench-till.db")});
    parser.addOption({QStringLiteral("members"), QStringLiteral("Members to seed."), QStringLiteral("n"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("sales"), QStringLiteral("Sales to time each way."), QStringLiteral("n"),
                      QStringLiteral("2000")});
    parser.process(app);
    const QString path = parser.value(QStringLiteral("db"));
    const int sales = parser.value(QStringLiteral("sales")).toInt();
    qputenv("COUNTERPART_KEY_FILE", QFile::encodeName(path + QStringLiteral(".key")));
    if (auto seeded = seedFileTo(path, parser.value(QStringLiteral("members")).toLongLong(), 10, 20261123u);
        !seeded)
        fail(QStringLiteral("seed"), seeded.error());

    SystemClock clock;
    TillOptions inService;
    inService.backgroundCheckpoints = true; // as counterpart-till opens it
    auto opened = Till::open(path, clock, inService);
    if (!opened)
        fail(QStringLiteral("open"), opened.error());
    Till &till = *opened.value();
    const QString run = QString::number(clock.nowMs());
    till.setOperator(Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System});
    auto token = PosLink(till).addClient(QStringLiteral("bench ") + run);
    if (!token)
        fail(QStringLiteral("token"), token.error());
    if (Status s = till.createOperator(QStringLiteral("b") + run.right(6), QStringLiteral("Bench"),
                                       Role::Cashier, QStringLiteral("1357"), 1000);
        !s)
        fail(QStringLiteral("cashier"), s.error());
    till.setOperator(Operator{QStringLiteral("b") + run.right(6), QStringLiteral("Bench"), Role::Cashier});

    const QList<Sample> direct = pickMembers(till.database(), sales, int(clock.nowMs() % 97));
    const QList<Sample> overHttp = pickMembers(till.database(), sales, int((clock.nowMs() + 50) % 97));
    const Timings floor = driveTill(till, direct, run);

    pos::PosServerOptions options;
    options.port = 0;
    pos::PosServer server(till, options);
    auto port = server.listen();
    if (!port)
        fail(QStringLiteral("listen"), port.error());
    Timings http;
    QThread *client = QThread::create([&] {
        http = drivePos(port.value(), token->toLatin1(), overHttp, run);
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    client->start();
    app.exec();
    client->wait();
    delete client;
    if (http.total.empty())
        fail(QStringLiteral("POS"), makeError(ErrorCode::Internal, QStringLiteral("no answer")));

    QTextStream out(stdout);
    out << "members " << scalar(till.database(), QStringLiteral("SELECT count(*) FROM members")) << ", sales "
        << sales << " each way\n\n";
    out << "| step | n | p50 | p99 | max |\n| --- | ---: | ---: | ---: | ---: |\n";
    out << row(QStringLiteral("POS link: identify by phone"), http.identify) << '\n'
        << row(QStringLiteral("POS link: quote (3 lines)"), http.quote) << '\n'
        << row(QStringLiteral("POS link: commit the sale"), http.commit) << '\n'
        << row(QStringLiteral("**POS link: identify + quote + commit**"), http.total) << '\n'
        << row(QStringLiteral("till directly: lookup"), floor.identify) << '\n'
        << row(QStringLiteral("till directly: previewEarn"), floor.quote) << '\n'
        << row(QStringLiteral("till directly: earn"), floor.commit) << '\n'
        << row(QStringLiteral("**till directly: the three**"), floor.total) << '\n';
    return 0;
}
