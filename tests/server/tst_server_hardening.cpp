// counterpart-server stays up and closes the small holes: the real process on loopback, a flood of idle
// connections, oversized unsigned bodies, enrolment guesses, forged log lines, TLS suites, a damaged
// database and file permissions. SQLite, or PostgreSQL through run-with-postgres.sh where it applies.

#include "server/ChangeLog.h"
#include "server/Config.h"
#include "server/Dialect.h"
#include "server/PostgresConnection.h"
#include "server/SqliteConnection.h"
#include "server/Throttle.h"
#include "tests/server/ServerTestSupport.h"
#include "tests/support/TestSupport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace counterpart;
using namespace counterpart::test;

namespace {

// A TCP connection from a chosen loopback address (127.0.0.0/8 is all loopback on Linux), so one test
// can look like many clients. -1 when it fails.
int connectFrom(const QByteArray &source, quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    inet_pton(AF_INET, source.constData(), &local.sin_addr);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr *>(&remote), sizeof remote) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Sends `request` on plain HTTP and reads until the answer's header and declared body are in (or the
// server closes, or 20 s pass).
QByteArray exchange(quint16 port, const QByteArray &request, const QByteArray &source = "127.0.0.1")
{
    const int fd = connectFrom(source, port);
    if (fd < 0)
        return {};
    if (::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL) != request.size()) {
        ::close(fd);
        return {};
    }
    QByteArray answer;
    static const QRegularExpression length(QStringLiteral("(?i)content-length: *(\\d+)"));
    for (int rounds = 0; rounds < 200; ++rounds) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        answer.append(buffer, n);
        const qsizetype end = answer.indexOf("\r\n\r\n");
        const auto m = length.match(QString::fromLatin1(answer.left(end)));
        if (end >= 0 && m.hasMatch() && answer.size() >= end + 4 + m.captured(1).toLongLong())
            break;
    }
    ::close(fd);
    return answer;
}

int statusOf(const QByteArray &answer)
{
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0;
}

QByteArray headerOf(const QByteArray &answer, const QByteArray &name)
{
    for (const QByteArray &line : answer.left(answer.indexOf("\r\n\r\n")).split('\n')) {
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return line.mid(name.size() + 1).trimmed();
    }
    return {};
}

QByteArray enrolRequest(const QString &code, const QString &name = QStringLiteral("till"))
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("name"), name}})
            .toJson(QJsonDocument::Compact);
    return "POST /v1/enrol HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
           "application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// `count` new members with distinct phones, as one push.
QJsonArray registrations(TestTill &till, int count)
{
    QJsonArray ops;
    for (int i = 0; i < count; ++i)
        ops.append(till.registerOp(till.newId(), QStringLiteral("+86138%1").arg(10000000 + i),
                                   QStringLiteral("Member %1").arg(i), 0));
    return ops;
}

qsizetype lines(const QByteArray &log)
{
    return log.count('\n');
}

// Runs SQL on a SQLite file with the sqlite3 command; its standard output (a query's rows).
QString sqlite3(const QString &file, const QByteArray &sql)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {file});
    p.write(sql);
    p.closeWriteChannel();
    p.waitForFinished(30'000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

int schemaOf(const QString &file)
{
    return sqlite3(file, "SELECT MAX(version) FROM schema_version;").toInt();
}

} // namespace

class TestServerHardening : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;

    ServerProcess &server(bool tls, const QStringList &extra = {}, int openFiles = 0)
    {
        m_dir = std::make_unique<TempDir>();
        QString database;
        if (usePostgres()) {
            QString error;
            database = createPostgresDatabase(&error);
            if (database.isEmpty())
                qFatal("cannot create a PostgreSQL database: %s", qPrintable(error));
        }
        m_server = std::make_unique<ServerProcess>(m_dir->path() + QStringLiteral("/data"), database, tls);
        int code = -1;
        m_server->admin({QStringLiteral("store-add"), QStringLiteral("--id"), QStringLiteral("S001"),
                         QStringLiteral("--name"), QStringLiteral("Store"), QStringLiteral("--region"),
                         QStringLiteral("CN"), QStringLiteral("--timezone"), QStringLiteral("Asia/Shanghai"),
                         QStringLiteral("--currency"), QStringLiteral("CNY")},
                        &code);
        if (code != 0)
            qFatal("store-add failed");
        m_server->setOpenFileLimit(openFiles);
        if (!m_server->start(extra))
            qFatal("the server did not start");
        return *m_server;
    }

    QString enrolCode()
    {
        return m_server
            ->admin({QStringLiteral("enrol-code"), QStringLiteral("--store"), QStringLiteral("S001")})
            .trimmed();
    }

    // Opens `count` idle connections, `perAddress` from each of 127.0.0.2, 127.0.0.3, ...
    static std::vector<int> flood(quint16 port, int count, int perAddress)
    {
        std::vector<int> fds;
        for (int i = 0; i < count; ++i) {
            const QByteArray source = "127.0.0." + QByteArray::number(2 + i / perAddress);
            const int fd = connectFrom(source, port);
            if (fd >= 0)
                fds.push_back(fd);
        }
        return fds;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(serverSuiteReady(), "the openssl command is needed to make a test certificate");
    }

    void cleanup()
    {
        stopServer(m_server);
        m_dir.reset();
    }

    // 1,100 idle connections (what took the server down) against a cap of 100, 20 per address: the
    // flood churns itself, a till's signed push and a health check are answered, and the log stays short.
    void idleFloodBeyondTheCap()
    {
        ServerProcess &s =
            server(true, {QStringLiteral("--max-connections"), QStringLiteral("100"),
                          QStringLiteral("--max-connections-per-address"), QStringLiteral("20")});
        TestTill till;
        QVERIFY(till.enrol(s));
        const qsizetype before = lines(s.log());
        std::vector<int> fds = flood(s.port(), 1100, 25);
        QCOMPARE(int(fds.size()), 1100);

        auto client = s.client();
        const QString member = till.newId();
        const HttpResponse pushed = till.push(
            *client, {till.registerOp(member, QStringLiteral("+8613800138000"), QStringLiteral("Li Na"), 0)});
        QCOMPARE(pushed.status, 200);
        QCOMPARE(pushed.json()
                     .value(QStringLiteral("results"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("status")),
                 QJsonValue(QStringLiteral("applied")));
        auto other = s.client();
        QCOMPARE(other->request("GET", "/v1/health").status, 200);
        for (int fd : fds)
            ::close(fd);
        QVERIFY(s.running());
        const QByteArray log = s.log();
        const qsizetype written = lines(log) - before;
        // Two requests and a few rate-limited warnings, not a line per connection.
        QVERIFY2(written <= 12, qPrintable(QStringLiteral("%1 log lines for the flood").arg(written)));
        QVERIFY(log.contains("refused a connection: 20 connections from 127.0.0."));
        QVERIFY(log.contains("closed the longest idle one"));
    }

    // Under an open-file limit of 200 the cap comes from the limit: accept never runs out of
    // descriptors (no spinning "Too many open files"), and requests are still answered.
    void capBelowTheOpenFileLimit()
    {
        ServerProcess &s = server(true, {}, 200);
        const QByteArray started = s.log();
        static const QRegularExpression capLine(QStringLiteral("at most (\\d+) connections"));
        const auto m = capLine.match(QString::fromUtf8(started));
        QVERIFY2(m.hasMatch(), started.constData());
        QVERIFY(m.captured(1).toInt() < 200);
        const qsizetype before = lines(started);
        std::vector<int> fds = flood(s.port(), 1100, 50);
        QCOMPARE(int(fds.size()), 1100);
        auto client = s.client();
        QCOMPARE(client->request("GET", "/v1/health").status, 200);
        for (int fd : fds)
            ::close(fd);
        const QByteArray log = s.log();
        QVERIFY2(!log.contains("Too many open files"), log.right(2000).constData());
        QVERIFY2(lines(log) - before <= 8, log.mid(started.size()).left(3000).constData());
    }

    // A body larger than enrolment needs is refused from its declared length: the answer comes before a
    // byte of it is sent, so nothing was buffered. A signed push may still be large.
    void unsignedBodiesRefusedEarly()
    {
        ServerProcess &s = server(false);
        for (const QByteArray &target :
             {QByteArray("/v1/enrol"), QByteArray("/v1/push"), QByteArray("/v1/nowhere")}) {
            const QByteArray answer =
                exchange(s.port(), "POST " + target +
                                       " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                                       "application/json\r\nContent-Length: 8388608\r\n\r\n");
            QCOMPARE(statusOf(answer), 413);
            QVERIFY(answer.contains("too_large"));
        }
        // Sent in full, 17 KiB of JSON to enrol is still too much; a small bad one is read and answered.
        const QByteArray big = "{\"code\":\"" + QByteArray(17 * 1024, 'A') + "\",\"name\":\"x\"}";
        QCOMPARE(statusOf(exchange(s.port(), "POST /v1/enrol HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                                 QByteArray::number(big.size()) + "\r\n\r\n" + big)),
                 413);
        QCOMPARE(statusOf(exchange(s.port(), enrolRequest(QStringLiteral("AAAA-BBBB-CCCC")))), 409);

        TestTill till;
        QVERIFY(till.enrol(s));
        auto client = s.client();
        const QJsonArray ops = registrations(till, 200);
        QVERIFY(QJsonDocument(ops).toJson(QJsonDocument::Compact).size() > 16 * 1024);
        QCOMPARE(till.push(*client, ops).status, 200);
    }

    // Signature headers cost nothing to forge: a push body larger than an unsigned one is read only for
    // an enrolled, enabled terminal at a time within the signature window. The others are answered from
    // the header alone (nothing of the 4 MiB body is sent); a known terminal with a wrong signature is
    // read and refused.
    void forgedPushHeadersGetNoLargeBody()
    {
        ServerProcess &s = server(false);
        TestTill till;
        QVERIFY(till.enrol(s));
        auto pushHeader = [](const QString &terminal, qint64 timestamp, qint64 length) -> QByteArray {
            return "POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-CP-Terminal: " +
                   terminal.toLatin1() + "\r\nX-CP-Timestamp: " + QByteArray::number(timestamp) +
                   "\r\nX-CP-Nonce: 0123456789abcdef0123456789abcdef\r\nX-CP-Signature: Zm9yZ2Vk\r\n"
                   "Content-Length: " +
                   QByteArray::number(length) + "\r\n\r\n";
        };
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const QByteArray stranger = exchange(
            s.port(), pushHeader(QStringLiteral("01a24616-7c1f-702a-84b5-332dc7e8d5f0"), now, 4 << 20));
        QCOMPARE(statusOf(stranger), 401);
        QVERIFY(stranger.contains("unknown_terminal"));
        const QByteArray stale = exchange(s.port(), pushHeader(till.terminalId, now - 3'600'000, 4 << 20));
        QCOMPARE(statusOf(stale), 401);
        QVERIFY(stale.contains("stale"));
        QVERIFY(s.log().contains("refused a large push body unread"));

        const QByteArray body(20 * 1024, ' ');
        const QByteArray forged = exchange(s.port(), pushHeader(till.terminalId, now, body.size()) + body);
        QCOMPARE(statusOf(forged), 401);
        QVERIFY(forged.contains("bad_signature"));
        int code = -1;
        s.admin({QStringLiteral("disable-terminal"), till.terminalId}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(statusOf(exchange(s.port(), pushHeader(till.terminalId, now, 4 << 20))), 403);
    }

    // Guessing codes: 429 with Retry-After beyond the budget of an address, and of a code from anywhere;
    // another address with the right code still enrols.
    void enrolmentThrottled()
    {
        ServerProcess &s = server(false, {QStringLiteral("--enrol-attempts-per-address"), QStringLiteral("5"),
                                          QStringLiteral("--enrol-attempts-per-code"), QStringLiteral("3")});
        for (int i = 0; i < 5; ++i)
            QCOMPARE(statusOf(exchange(s.port(), enrolRequest(QStringLiteral("AAAA-BBBB-%1").arg(1000 + i)),
                                       "127.0.0.2")),
                     409);
        const QByteArray throttled =
            exchange(s.port(), enrolRequest(QStringLiteral("AAAA-BBBB-2000")), "127.0.0.2");
        QCOMPARE(statusOf(throttled), 429);
        QVERIFY(headerOf(throttled, "Retry-After").toInt() >= 1);
        QVERIFY(throttled.contains("too_many_attempts"));

        // One code from three addresses uses its budget; the fourth try is throttled wherever it comes from.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(statusOf(exchange(s.port(), enrolRequest(QStringLiteral("ZZZZ-YYYY-XXXX")),
                                       "127.0.1." + QByteArray::number(i + 1))),
                     409);
        const QByteArray sameCode =
            exchange(s.port(), enrolRequest(QStringLiteral("zzzz yyyy xxxx")), "127.0.1.9");
        QCOMPARE(statusOf(sameCode), 429);
        QVERIFY(headerOf(sameCode, "Retry-After").toInt() >= 1);

        QCOMPARE(statusOf(exchange(s.port(), enrolRequest(enrolCode()), "127.0.2.1")), 200);
    }

    void throttleRefills()
    {
        server::Throttle t(2, 3);
        QCOMPARE(t.take(QStringLiteral("a"), 0), 0);
        QCOMPARE(t.take(QStringLiteral("a"), 0), 0);
        QCOMPARE(t.take(QStringLiteral("a"), 0), 30);
        QCOMPARE(t.take(QStringLiteral("a"), 30'000), 0);
        // Beyond maxKeys new keys share one budget instead of growing the table.
        QCOMPARE(t.take(QStringLiteral("b"), 30'000), 0);
        QCOMPARE(t.take(QStringLiteral("c"), 30'000), 0);
        QCOMPARE(t.take(QStringLiteral("d"), 30'000), 0);
        QCOMPARE(t.take(QStringLiteral("e"), 30'000), 0);
        QVERIFY(t.take(QStringLiteral("f"), 30'000) > 0);
        QCOMPARE(server::addressKey(QStringLiteral("2001:db8:1:2:3:4:5:6")),
                 QStringLiteral("2001:db8:1:2::/64"));
        QCOMPARE(server::addressKey(QStringLiteral("::ffff:10.0.0.1")), QStringLiteral("10.0.0.1"));
        QCOMPARE(server::addressKey(QStringLiteral("10.0.0.1")), QStringLiteral("10.0.0.1"));
    }

    // TLS 1.2 offers AEAD suites only: a client offering only CBC with SHA-1 gets no connection.
    void tlsRefusesCbcSha1()
    {
        ServerProcess &s = server(true);
        const auto handshake = [&](const QStringList &extra) {
            QProcess p;
            p.start(QStringLiteral("openssl"),
                    QStringList{QStringLiteral("s_client"), QStringLiteral("-connect"),
                                QStringLiteral("127.0.0.1:%1").arg(s.port()), QStringLiteral("-tls1_2")} +
                        extra);
            p.closeWriteChannel();
            p.waitForFinished(30'000);
            return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        };
        static const QRegularExpression negotiated(QStringLiteral("Cipher is (\\S+)"));
        for (const char *cbc : {"AES128-SHA", "ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384"}) {
            const QString out = handshake({QStringLiteral("-cipher"), QLatin1String(cbc)});
            const auto m = negotiated.match(out);
            QVERIFY2(!m.hasMatch() || m.captured(1) == QLatin1String("(NONE)"), qPrintable(out));
        }
        const QString gcm =
            handshake({QStringLiteral("-cipher"), QStringLiteral("ECDHE-ECDSA-AES128-GCM-SHA256")});
        QVERIFY2(gcm.contains(QLatin1String("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256")), qPrintable(gcm));
    }

    // What a till sends (its name, an op's kind) cannot forge a log line or a row of an admin listing.
    void tillTextCannotForgeLines()
    {
        ServerProcess &s = server(false);
        const QString forged = QStringLiteral("2026-12-05T09:00:00.000 info counterpart.server: FORGED");
        // Escape characters are refused at enrolment; a newline gets through and must not make a row.
        QCOMPARE(statusOf(exchange(s.port(), enrolRequest(enrolCode(), QStringLiteral("till\x1b[2J")))), 400);
        const QByteArray answer =
            exchange(s.port(), enrolRequest(enrolCode(), QStringLiteral("till\n") + forged));
        QCOMPARE(statusOf(answer), 200);
        const QJsonObject enrolled =
            QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4)).object();
        TestTill till;
        till.terminalId = enrolled.value(QStringLiteral("terminalId")).toString();
        till.secret = QByteArray::fromBase64(enrolled.value(QStringLiteral("secret")).toString().toLatin1());
        till.store = QStringLiteral("S001");
        auto client = s.client();
        QJsonObject op = till.envelope(QStringLiteral("member.register\n") + forged);
        QCOMPARE(till.push(*client, {op}).status, 200);
        // Bad requests echo their reason into the log too.
        exchange(s.port(), "GET /v1/changes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        const QByteArray listing = s.admin({QStringLiteral("terminals")}).toUtf8();
        QCOMPARE(listing.trimmed().split('\n').size(), 2); // the header and one terminal
        QVERIFY2(listing.contains("till\\n2026-12-05"), listing.constData());
        QVERIFY(!listing.contains('\x1b'));
        const QByteArray log = s.log();
        for (const QByteArray &line : log.split('\n'))
            QVERIFY2(!line.contains("FORGED") || !line.startsWith("2026-12-05T09:00:00.000"),
                     line.constData());
        QVERIFY(log.contains("rejected op"));
        QVERIFY(!log.contains('\x1b'));
    }

    // server.db holds the terminals' secrets: 0600 (with -wal and -shm), its folder 0700.
    void databaseFilesArePrivate()
    {
        if (usePostgres())
            QSKIP("SQLite files only");
        ServerProcess &s = server(false);
        const QString data = m_dir->path() + QStringLiteral("/data");
        const auto mode = [](const QString &path) {
            struct stat st {};
            return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
        };
        TestTill till;
        QVERIFY(till.enrol(s)); // the server holds its connection open: -wal and -shm exist
        QCOMPARE(mode(data + QStringLiteral("/server.db")), 0600);
        QCOMPARE(mode(data + QStringLiteral("/server.db-wal")), 0600);
        QCOMPARE(mode(data + QStringLiteral("/server.db-shm")), 0600);
        ServerProcess fresh(m_dir->path() + QStringLiteral("/fresh/data"), {}, false);
        int code = -1;
        fresh.admin({QStringLiteral("stores")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(mode(m_dir->path() + QStringLiteral("/fresh/data")), 0700);
        QCOMPARE(mode(m_dir->path() + QStringLiteral("/fresh/data/server.db")), 0600);
    }

    // A damaged database file is reported by health (503), not hidden behind "ok".
    void healthReportsADamagedDatabase()
    {
        if (usePostgres())
            QSKIP("PostgreSQL checks its own pages");
        ServerProcess &s = server(false);
        TestTill till;
        QVERIFY(till.enrol(s));
        auto client = s.client();
        const QJsonArray ops = registrations(till, 300);
        QCOMPARE(till.push(*client, ops).status, 200);
        QCOMPARE(client->request("GET", "/v1/health").status, 200);
        client->disconnect();
        QCOMPARE(s.terminate(), 0);

        // Scribble over the pages in the second half of the file; page 1 (the schema) stays readable.
        QFile file(m_dir->path() + QStringLiteral("/data/server.db"));
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 pages = file.size() / 4096;
        QVERIFY(pages > 8);
        for (qint64 page = pages / 2; page < pages; page += 2) {
            file.seek(page * 4096);
            file.write(QByteArray(4096, '\x5a'));
        }
        file.close();
        QVERIFY(s.start());
        auto again = s.client();
        const HttpResponse health = again->request("GET", "/v1/health");
        QCOMPARE(health.status, 503);
        QCOMPARE(health.json().value(QStringLiteral("database")).toString(), QStringLiteral("damaged"));
    }

    // libpq's sslmode is never left to its silent "prefer".
    // Upgrading a SQLite database keeps a copy of it first; without room for the copy nothing is
    // migrated and the message says so. (A PostgreSQL database is backed up with pg_dump beforehand.)
    void upgradeCopiesTheDatabaseFirst()
    {
        if (usePostgres())
            QSKIP("SQLite only: a PostgreSQL database is backed up with pg_dump (docs/server.md)");
        m_dir = std::make_unique<TempDir>();
        const QString data = m_dir->path() + QStringLiteral("/data");
        const QString db = data + QStringLiteral("/server.db");
        QVERIFY(QDir().mkpath(data));
        QFile first(qEnvironmentVariable("COUNTERPART_SOURCE_DIR") +
                    QStringLiteral("/server/migrations/sqlite/0001_initial.sql"));
        QVERIFY(first.open(QIODevice::ReadOnly));
        sqlite3(db, first.readAll() + "\nCREATE TABLE schema_version (version BIGINT NOT NULL);"
                                      "INSERT INTO schema_version VALUES (1);");
        QCOMPARE(schemaOf(db), 1);
        ServerProcess s(data, {}, false);

        QFile blocker(data + QStringLiteral("/backups")); // a file where the copies' folder would be
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        int code = 0;
        QString error;
        s.admin({QStringLiteral("stores")}, &code, &error);
        QVERIFY(code != 0);
        QVERIFY2(error.contains(QStringLiteral("Nothing was changed")), qPrintable(error));
        QCOMPARE(schemaOf(db), 1);

        QVERIFY(blocker.remove());
        s.admin({QStringLiteral("stores")}, &code, &error);
        QVERIFY2(code == 0, qPrintable(error));
        const QDir backups(data + QStringLiteral("/backups"));
        const QStringList copies =
            backups.entryList({QStringLiteral("server-*-before-schema-*.db")}, QDir::Files);
        QCOMPARE(copies.size(), 1);
        QCOMPARE(schemaOf(backups.filePath(copies.at(0))), 1);
        QCOMPARE(sqlite3(backups.filePath(copies.at(0)), "PRAGMA integrity_check;"), QStringLiteral("ok"));
        // Every migration ran: a migration file the program's SchemaVersion does not count would be skipped.
        const QStringList migrations =
            QDir(qEnvironmentVariable("COUNTERPART_SOURCE_DIR") + QStringLiteral("/server/migrations/sqlite"))
                .entryList({QStringLiteral("*.sql")}, QDir::Files);
        QCOMPARE(schemaOf(db), int(migrations.size()));
        QCOMPARE(QDir(qEnvironmentVariable("COUNTERPART_SOURCE_DIR") +
                      QStringLiteral("/server/migrations/postgres"))
                     .entryList({QStringLiteral("*.sql")}, QDir::Files)
                     .size(),
                 migrations.size());
        s.admin({QStringLiteral("stores")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(backups.entryList(QDir::Files).size(), 1); // nothing more to copy
    }

    // The dialect's list parameter (server/Dialect.h) finds exactly the listed values, quotes,
    // backslashes and commas included, and its integrity check and migration lock answer.
    void dialectListParameters()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::unique_ptr<server::SqlConnection> c;
        if (usePostgres()) {
            auto pg = server::PostgresConnection::open(QStringLiteral("postgresql://"));
            QVERIFY2(pg.ok(), qPrintable(pg ? QString() : pg.error().message));
            c = std::move(pg.value());
        } else {
            auto lite = server::SqliteConnection::open(dir.filePath(QStringLiteral("dialect.db")));
            QVERIFY2(lite.ok(), qPrintable(lite ? QString() : lite.error().message));
            c = std::move(lite.value());
        }
        const server::Dialect &d = c->dialect();
        QVERIFY(c->script(QStringLiteral("CREATE TEMP TABLE words (w TEXT NOT NULL)")).ok());
        const QStringList all{QStringLiteral("plain"),       QStringLiteral("say \"hi\""),
                              QStringLiteral("back\\slash"), QStringLiteral("a,b"),
                              QStringLiteral("{brace}"),     QStringLiteral("other")};
        for (const QString &w : all)
            QVERIFY(c->exec(QStringLiteral("INSERT INTO words (w) VALUES ($1)"), {w}).ok());
        const QStringList wanted = all.mid(0, 5) << QStringLiteral("absent");
        auto rows = c->query(QStringLiteral("SELECT w FROM words WHERE w ") + d.inList(1) +
                                 QStringLiteral(" ORDER BY w"),
                             {d.listValue(wanted)});
        QVERIFY(rows.ok());
        QStringList found;
        for (qsizetype r = 0; r < rows->size(); ++r)
            found << rows->text(r, 0);
        QStringList expected = all.mid(0, 5);
        std::sort(expected.begin(), expected.end());
        std::sort(found.begin(), found.end());
        QCOMPARE(found, expected);
        auto none = c->query(QStringLiteral("SELECT w FROM words WHERE w ") + d.inList(1), {d.listValue({})});
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
        auto intact = d.intact(*c);
        QVERIFY(intact.ok());
        QVERIFY(intact.value());
        QVERIFY(c->begin().ok());
        QVERIFY(d.lockForMigration(*c).ok());
        c->rollback();
    }

    // The server reads a member's profile through the wire codec: the birthday as numbers, and a
    // profile spoiled by hand as no fields at all.
    void memberRecordFieldsThroughTheCodec()
    {
        server::MemberRecord m;
        m.id = QStringLiteral("0190a3c4-0000-7000-8000-000000000001");
        m.profile = QJsonDocument::fromJson(R"({"name":"Li Na","birthMonth":3,"birthDay":14})").object();
        QCOMPARE(m.fields().birthMonth, std::optional<int>(3));
        QCOMPARE(m.fields().birthDay, std::optional<int>(14));
        m.profile = QJsonDocument::fromJson(R"({"name":"Li Na","birthMonth":13,"birthDay":14})").object();
        QVERIFY(!m.fields().birthMonth.has_value());
        QVERIFY(!m.fields().name.has_value());
    }

    void postgresTlsIsExplicit()
    {
        using server::ServerConfig;
        QCOMPARE(
            ServerConfig::postgresUrlWithTls(QStringLiteral("postgresql://u@db.internal/cp"), {}).value(),
            QStringLiteral("postgresql://u@db.internal/cp?sslmode=verify-full"));
        QCOMPARE(
            ServerConfig::postgresUrlWithTls(QStringLiteral("postgresql://u@localhost/cp?x=1"), {}).value(),
            QStringLiteral("postgresql://u@localhost/cp?x=1&sslmode=disable"));
        QCOMPARE(ServerConfig::postgresUrlWithTls(QStringLiteral("postgresql://u@localhost/cp"),
                                                  QStringLiteral("verify-ca"))
                     .value(),
                 QStringLiteral("postgresql://u@localhost/cp?sslmode=verify-ca"));
        for (const char *weak : {"prefer", "allow", "require"})
            QVERIFY(!ServerConfig::postgresUrlWithTls(
                QStringLiteral("postgresql://h/cp?sslmode=") + QLatin1String(weak), {}));
        QVERIFY(!ServerConfig::postgresUrlWithTls(QStringLiteral("postgresql://h/cp?sslmode=disable"),
                                                  QStringLiteral("verify-full")));
        auto config = ServerConfig::fromArguments(
            {QStringLiteral("--database"), QStringLiteral("postgresql://u@10.1.2.3/cp")});
        QVERIFY(config);
        QCOMPARE(config->database, QStringLiteral("postgresql://u@10.1.2.3/cp?sslmode=verify-full"));
        QCOMPARE(config->logLevel, QStringLiteral("info"));
        if (!usePostgres())
            return;
        // The test cluster has no certificate a till could verify: asked to verify, the server refuses to
        // start.
        QString error;
        const QString url = createPostgresDatabase(&error);
        QVERIFY2(!url.isEmpty(), qPrintable(error));
        QProcess p;
        p.start(ServerProcess::executable(),
                {QStringLiteral("--database"), url, QStringLiteral("--database-tls"),
                 QStringLiteral("verify-full"), QStringLiteral("admin"), QStringLiteral("stores")});
        QVERIFY(p.waitForFinished(60'000));
        QVERIFY(p.exitCode() != 0);
    }
};

QTEST_GUILESS_MAIN(TestServerHardening)
#include "tst_server_hardening.moc"
