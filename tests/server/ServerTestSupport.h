#pragma once

// Shared by the server's integration tests: a real counterpart-server process on loopback (TLS with a
// certificate made for the test), a small HTTPS client (Boost.Beast, synchronous), and a "till" that
// signs requests and builds operations the way the till app does.

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace counterpart::test {

// Which backend the tests run against: COUNTERPART_TEST_BACKEND=postgres (run-with-postgres.sh sets it)
// or SQLite otherwise.
bool usePostgres();
// A fresh, empty PostgreSQL database on the server pg_virtualenv started; returns its URL.
QString createPostgresDatabase(QString *error);
// Runs SQL directly against a server database (a postgresql:// URL, or a SQLite file through the
// sqlite3 command): for tests that need a state no request can make (an expired code, a newer schema).
bool execSql(const QString &database, const QString &sqliteFile, const QString &sql, QString *error);

struct HttpResponse {
    int status = 0; // 0: no answer (connection failed)
    QByteArray body;
    QJsonObject json() const;
};

class HttpClient
{
public:
    HttpClient(quint16 port, const QString &caFile); // caFile empty: plain HTTP
    ~HttpClient();
    // One request on a kept-alive connection (reconnects when needed).
    HttpResponse request(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                         const QHash<QByteArray, QByteArray> &headers = {});
    void disconnect();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

class ServerProcess
{
public:
    // dataDir: the server's --data; database: empty (SQLite in dataDir) or a postgresql:// URL.
    ServerProcess(QString dataDir, QString database, bool tls = true);
    ~ServerProcess();

    bool start(const QStringList &extra = {}); // waits for "listening on"
    // The open-file limit (soft and hard) the next start() gives the server; 0: inherited.
    void setOpenFileLimit(int files) { m_openFileLimit = files; }
    quint16 port() const { return m_port; }
    QString caFile() const { return m_tls ? m_cert : QString(); }
    // SIGTERM and wait; returns the exit code (-1 on crash or timeout).
    int terminate(int timeoutMs = 30'000);
    QByteArray log() const; // the server's log (stderr) so far, all its runs
    QString logFile() const;
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    qint64 pid() const { return m_process.processId(); }

    // Runs `counterpart-server ... admin <words>`; returns stdout, or sets *exitCode.
    QString admin(const QStringList &words, int *exitCode = nullptr, QString *errorText = nullptr) const;
    std::unique_ptr<HttpClient> client() const { return std::make_unique<HttpClient>(m_port, caFile()); }

    static QString executable();
    QStringList databaseArgs() const;

private:
    QString m_dataDir;
    QString m_database;
    bool m_tls = true;
    QString m_cert;
    QString m_key;
    QProcess m_process;
    quint16 m_port = 0;
    int m_openFileLimit = 0;
};

// A server suite's initTestCase: false when the openssl command that makes the test certificate is
// missing; logs which backend runs.
bool serverSuiteReady();
// A server suite's cleanup: stops the server, which must exit cleanly, and shows its log when the
// test failed.
void stopServer(std::unique_ptr<ServerProcess> &server);

// A till enrolled with the server: signs requests, makes ids and HLCs with its own (skewable) clock.
class TestTill
{
public:
    TestTill() = default;
    // Enrols with a fresh code for `store` (headOffice: as a head-office client, not a till).
    bool enrol(ServerProcess &server, const QString &store = QStringLiteral("S001"), bool headOffice = false);

    QString terminalId;
    QByteArray secret;
    QString store;
    int terminalNumber = 0;
    qint64 clockSkewMs = 0;    // the till's wall clock minus real time (for HLCs and entry times)
    qint64 serverOffsetMs = 0; // learned from `stale`: what to add to the wall clock when signing

    qint64 wallMs() const;
    QString nextHlc();
    void observe(const QString &hlc);
    QString newId();
    int nextCode() { return ++m_codeSequence; }

    HttpResponse signedRequest(HttpClient &client, const QByteArray &method, const QByteArray &target,
                               const QByteArray &body = {});
    HttpResponse push(HttpClient &client, const QJsonArray &ops);
    // Pulls every change after `after`, page by page; returns them (and the last cursor).
    QJsonArray pullAll(HttpClient &client, qint64 after, qint64 *next = nullptr, int limit = 1000);

    // Operations as the till's outbox holds them.
    QJsonObject envelope(const QString &op);
    QJsonObject registerOp(const QString &memberId, const QString &phone, const QString &name,
                           int welcomePoints, QString *welcomeEntryId = nullptr);
    // An earn of `points`; with `firstPurchaseGift` > 0 the op also carries that till's first-purchase gift.
    QJsonObject earnOp(const QString &memberId, const QString &receipt, qint64 amountMinor, qint64 points,
                       qint64 firstPurchaseGift = 0);
    QJsonObject redeemOp(const QString &memberId, qint64 points, bool offline = false);
    QJsonObject updateOp(const QString &memberId, const QJsonObject &fields);
    QJsonObject tierOp(const QString &memberId, const QString &from, const QString &to,
                       const QString &reason);
    QJsonObject entry(const QString &kind, qint64 points, std::optional<qint64> expiresAt = std::nullopt);

private:
    QString m_lastHlc;
    int m_codeSequence = 0;
};

// Sums points of `entry` changes per member.
QHash<QString, qint64> balancesFromChanges(const QJsonArray &changes);

} // namespace counterpart::test
