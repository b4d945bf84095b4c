#include "tests/server/ServerTestSupport.h"

#include "core/Clock.h"
#include "core/MemberCode.h"
#include "core/Uuid.h"
#include "sync/protocol/Hlc.h"
#include "sync/protocol/Signing.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <csignal>
#include <libpq-fe.h>
#include <sys/resource.h>

namespace counterpart::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

bool usePostgres()
{
    return qgetenv("COUNTERPART_TEST_BACKEND") == "postgres";
}

bool serverSuiteReady()
{
    qInfo("backend: %s", usePostgres() ? "postgresql" : "sqlite");
    return !QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty();
}

void stopServer(std::unique_ptr<ServerProcess> &server)
{
    if (server && server->running())
        QCOMPARE(server->terminate(), 0);
    if (QTest::currentTestFailed() && server)
        qWarning("server log:\n%s", server->log().right(6000).constData());
    server.reset();
}

QString createPostgresDatabase(QString *error)
{
    PGconn *c = PQconnectdb("");
    if (PQstatus(c) != CONNECTION_OK) {
        *error = QString::fromUtf8(PQerrorMessage(c));
        PQfinish(c);
        return {};
    }
    const QString name = QStringLiteral("cp_test_%1_%2")
                             .arg(QDateTime::currentMSecsSinceEpoch())
                             .arg(QRandomGenerator::global()->bounded(1'000'000));
    PGresult *r = PQexec(c, QStringLiteral("CREATE DATABASE %1").arg(name).toUtf8().constData());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        *error = QString::fromUtf8(PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
    // Host, port, user and password come from the PG* variables pg_virtualenv set.
    return ok ? QStringLiteral("postgresql:///") + name : QString();
}

bool execSql(const QString &database, const QString &sqliteFile, const QString &sql, QString *error)
{
    if (database.startsWith(QLatin1String("postgresql:"))) {
        PGconn *c = PQconnectdb(database.toUtf8().constData());
        PGresult *r = PQexec(c, sql.toUtf8().constData());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        if (!ok)
            *error = QString::fromUtf8(PQerrorMessage(c));
        PQclear(r);
        PQfinish(c);
        return ok;
    }
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), {sqliteFile, sql});
    if (!sqlite.waitForFinished(30'000) || sqlite.exitCode() != 0) {
        *error = QString::fromUtf8(sqlite.readAllStandardError());
        return false;
    }
    return true;
}

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

// ---- HttpClient ------------------------------------------------------------------------------------------

struct HttpClient::Impl {
    asio::io_context ioc;
    ssl::context ctx{ssl::context::tls_client};
    quint16 port = 0;
    bool tls = false;
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
    std::unique_ptr<beast::tcp_stream> plain;
    beast::flat_buffer buffer;

    beast::tcp_stream &lowest() { return tls ? beast::get_lowest_layer(*secure) : *plain; }
    bool connected() const { return tls ? secure != nullptr : plain != nullptr; }

    bool connect()
    {
        beast::error_code ec;
        tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
        buffer.clear();
        if (tls) {
            secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(ioc, ctx);
            // Verify the chain against the test's certificate and the name in it.
            secure->set_verify_mode(ssl::verify_peer);
            secure->set_verify_callback(ssl::host_name_verification("localhost"));
            beast::get_lowest_layer(*secure).expires_after(std::chrono::seconds(60));
            beast::get_lowest_layer(*secure).connect(endpoint, ec);
            if (!ec)
                secure->handshake(ssl::stream_base::client, ec);
            if (ec) {
                secure.reset();
                return false;
            }
        } else {
            plain = std::make_unique<beast::tcp_stream>(ioc);
            plain->expires_after(std::chrono::seconds(60));
            plain->connect(endpoint, ec);
            if (ec) {
                plain.reset();
                return false;
            }
        }
        return true;
    }

    template<class Stream>
    HttpResponse exchange(Stream &stream, http::request<http::string_body> &req, bool &retryable)
    {
        HttpResponse out;
        beast::error_code ec;
        lowest().expires_after(std::chrono::seconds(120));
        http::write(stream, req, ec);
        if (ec) {
            qDebug("write failed: %s", ec.message().c_str());
            retryable = true;
            return out;
        }
        http::response_parser<http::string_body> parser;
        parser.body_limit(std::uint64_t(1) << 40);
        http::read(stream, buffer, parser, ec);
        if (ec) {
            qDebug("read failed: %s", ec.message().c_str());
            // A kept-alive connection the server had closed: nothing was read, so sending again is safe.
            retryable = ec == http::error::end_of_stream || ec == asio::error::eof ||
                        ec == asio::error::connection_reset;
            return out;
        }
        const auto &res = parser.get();
        out.status = int(res.result_int());
        out.body = QByteArray(res.body().data(), qsizetype(res.body().size()));
        if (!res.keep_alive())
            drop();
        return out;
    }

    void drop()
    {
        beast::error_code ec;
        if (secure)
            beast::get_lowest_layer(*secure).socket().close(ec);
        if (plain)
            plain->socket().close(ec);
        secure.reset();
        plain.reset();
    }
};

HttpClient::HttpClient(quint16 port, const QString &caFile)
    : d(std::make_unique<Impl>())
{
    d->port = port;
    d->tls = !caFile.isEmpty();
    if (d->tls)
        d->ctx.load_verify_file(caFile.toStdString());
}

HttpClient::~HttpClient()
{
    d->drop();
}

void HttpClient::disconnect()
{
    d->drop();
}

HttpResponse HttpClient::request(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                 const QHash<QByteArray, QByteArray> &headers)
{
    http::request<http::string_body> req(http::string_to_verb(std::string(method.constData())),
                                         std::string(target.constData(), size_t(target.size())), 11);
    req.set(http::field::host, "localhost");
    req.set(http::field::content_type, "application/json");
    for (auto it = headers.begin(); it != headers.end(); ++it)
        req.set(std::string(it.key().constData()), std::string(it.value().constData()));
    req.body().assign(body.constData(), size_t(body.size()));
    req.keep_alive(true);
    req.prepare_payload();
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!d->connected() && !d->connect())
            return {};
        bool retryable = false;
        HttpResponse r =
            d->tls ? d->exchange(*d->secure, req, retryable) : d->exchange(*d->plain, req, retryable);
        if (r.status != 0)
            return r;
        d->drop();
        if (!retryable)
            return r;
    }
    return {};
}

// ---- ServerProcess ---------------------------------------------------------------------------------------

QString ServerProcess::executable()
{
    return QStringLiteral(COUNTERPART_SERVER_EXE);
}

ServerProcess::ServerProcess(QString dataDir, QString database, bool tls)
    : m_dataDir(std::move(dataDir))
    , m_database(std::move(database))
    , m_tls(tls)
{
    m_cert = QDir(m_dataDir).filePath(QStringLiteral("cert.pem"));
    m_key = QDir(m_dataDir).filePath(QStringLiteral("key.pem"));
}

ServerProcess::~ServerProcess()
{
    if (running()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QStringList ServerProcess::databaseArgs() const
{
    QStringList args{QStringLiteral("--data"), m_dataDir};
    if (!m_database.isEmpty())
        args << QStringLiteral("--database") << m_database;
    return args;
}

bool ServerProcess::start(const QStringList &extra)
{
    QDir().mkpath(m_dataDir);
    if (m_tls && !QFile::exists(m_cert)) {
        // A self-signed certificate for 127.0.0.1 / localhost, as docs/server.md shows for a lab setup.
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), m_key, QStringLiteral("-out"), m_cert,
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
        if (!openssl.waitForFinished(30'000) || openssl.exitCode() != 0) {
            qWarning("openssl could not make a certificate: %s", openssl.readAllStandardError().constData());
            return false;
        }
    }
    QStringList args = databaseArgs();
    args << QStringLiteral("--listen") << QStringLiteral("127.0.0.1:0") << QStringLiteral("--threads")
         << QStringLiteral("4");
    if (m_tls)
        args << QStringLiteral("--cert") << m_cert << QStringLiteral("--key") << m_key;
    else
        args << QStringLiteral("--insecure-http");
    args << extra;
    // The log goes to a file, not a pipe: nobody reads a pipe while a test waits on requests, and a
    // server blocked on a full pipe would hold its database locks (and hang every other server).
    m_process.setStandardErrorFile(logFile(), QIODevice::Append);
    const int files = m_openFileLimit;
    m_process.setChildProcessModifier([files] {
        if (files > 0) {
            const rlimit limit{rlim_t(files), rlim_t(files)};
            setrlimit(RLIMIT_NOFILE, &limit);
        }
    });
    m_process.start(executable(), args);
    if (!m_process.waitForStarted(10'000))
        return false;
    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    while (timer.elapsed() < 20'000) {
        m_process.waitForReadyRead(100);
        out += m_process.readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process.state() == QProcess::NotRunning)
            break;
    }
    qWarning("the server did not start: %s", QByteArray(out + log()).constData());
    return false;
}

int ServerProcess::terminate(int timeoutMs)
{
    if (!running())
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(timeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString ServerProcess::logFile() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("server.log"));
}

QByteArray ServerProcess::log() const
{
    QFile f(logFile());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString ServerProcess::admin(const QStringList &words, int *exitCode, QString *errorText) const
{
    QProcess p;
    p.start(executable(), databaseArgs() + QStringList{QStringLiteral("admin")} + words);
    p.waitForFinished(60'000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    if (errorText)
        *errorText = QString::fromUtf8(p.readAllStandardError());
    return QString::fromUtf8(p.readAllStandardOutput());
}

// ---- TestTill
// ----------------------------------------------------------------------------------------------

bool TestTill::enrol(ServerProcess &server, const QString &storeId, bool headOffice)
{
    QStringList words{QStringLiteral("enrol-code"), QStringLiteral("--store"), storeId};
    if (headOffice)
        words << QStringLiteral("--head-office");
    const QString code = server.admin(words).trimmed();
    if (code.size() != 14)
        return false;
    auto client = server.client();
    const HttpResponse r =
        client->request("POST", "/v1/enrol",
                        QJsonDocument(QJsonObject{{QStringLiteral("code"), code},
                                                  {QStringLiteral("name"), QStringLiteral("test till")}})
                            .toJson(QJsonDocument::Compact));
    if (r.status != 200)
        return false;
    const QJsonObject o = r.json();
    terminalId = o.value(QStringLiteral("terminalId")).toString();
    secret = QByteArray::fromBase64(o.value(QStringLiteral("secret")).toString().toLatin1());
    terminalNumber = o.value(QStringLiteral("terminalNumber")).toInt();
    store = o.value(QStringLiteral("store")).toObject().value(QStringLiteral("id")).toString();
    return !terminalId.isEmpty() && secret.size() == 32;
}

qint64 TestTill::wallMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + clockSkewMs;
}

QString TestTill::nextHlc()
{
    // As the till does: its wall clock corrected by the server's offset, once it has learned it.
    const sync::Hlc next =
        sync::Hlc::next(sync::Hlc::parse(m_lastHlc), wallMs() + serverOffsetMs, terminalId);
    m_lastHlc = next.toString();
    return m_lastHlc;
}

void TestTill::observe(const QString &hlc)
{
    m_lastHlc = sync::Hlc::observe(sync::Hlc::parse(m_lastHlc), sync::Hlc::parse(hlc),
                                   wallMs() + serverOffsetMs, terminalId)
                    .toString();
}

QString TestTill::newId()
{
    SystemClock clock;
    return Uuid::createV7(clock).toString();
}

HttpResponse TestTill::signedRequest(HttpClient &client, const QByteArray &method, const QByteArray &target,
                                     const QByteArray &body)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        const sync::SignedHeaders h =
            sync::signRequest(terminalId.toLatin1(), secret, method, target, body, wallMs() + serverOffsetMs);
        const HttpResponse r = client.request(method, target, body,
                                              {{"X-CP-Terminal", h.terminal},
                                               {"X-CP-Timestamp", h.timestamp},
                                               {"X-CP-Nonce", h.nonce},
                                               {"X-CP-Signature", h.signature}});
        if (r.status == 401 && r.json().value(QStringLiteral("error")).toString() == QLatin1String("stale")) {
            // The till's clock is off: sign with the server's time from now on.
            serverOffsetMs = qint64(r.json().value(QStringLiteral("serverTime")).toDouble()) - wallMs();
            continue;
        }
        return r;
    }
    return {};
}

HttpResponse TestTill::push(HttpClient &client, const QJsonArray &ops)
{
    return signedRequest(
        client, "POST", "/v1/push",
        QJsonDocument(QJsonObject{{QStringLiteral("ops"), ops}}).toJson(QJsonDocument::Compact));
}

QJsonArray TestTill::pullAll(HttpClient &client, qint64 after, qint64 *next, int limit)
{
    QJsonArray all;
    for (;;) {
        const HttpResponse r = signedRequest(client, "GET",
                                             QByteArray("/v1/changes?after=") + QByteArray::number(after) +
                                                 "&limit=" + QByteArray::number(limit));
        if (r.status != 200) {
            qWarning("pull failed: %d %s", r.status, r.body.constData());
            break;
        }
        const QJsonObject page = r.json();
        for (const QJsonValue &c : page.value(QStringLiteral("changes")).toArray())
            all.append(c);
        after = page.value(QStringLiteral("next")).toInteger();
        if (!page.value(QStringLiteral("more")).toBool())
            break;
    }
    if (next)
        *next = after;
    return all;
}

QJsonObject TestTill::envelope(const QString &op)
{
    return {{QStringLiteral("opId"), newId()},
            {QStringLiteral("op"), op},
            {QStringLiteral("hlc"), nextHlc()},
            {QStringLiteral("at"), wallMs()},
            {QStringLiteral("store"), store},
            {QStringLiteral("terminal"), terminalId},
            {QStringLiteral("operator"), QStringLiteral("c01")},
            {QStringLiteral("rulesVersion"), QStringLiteral("default-2026.1")}};
}

QJsonObject TestTill::entry(const QString &kind, qint64 points, std::optional<qint64> expiresAt)
{
    QJsonObject e{{QStringLiteral("id"), newId()},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("points"), points},
                  {QStringLiteral("at"), wallMs()},
                  {QStringLiteral("rulesVersion"), QStringLiteral("default-2026.1")}};
    if (expiresAt)
        e.insert(QStringLiteral("expiresAt"), *expiresAt);
    return e;
}

QJsonObject TestTill::registerOp(const QString &memberId, const QString &phone, const QString &name,
                                 int welcomePoints, QString *welcomeEntryId)
{
    QJsonObject op = envelope(QStringLiteral("member.register"));
    op.insert(
        QStringLiteral("member"),
        QJsonObject{{QStringLiteral("id"), memberId},
                    {QStringLiteral("code"), MemberCode::make(terminalNumber, nextCode()).value().digits()},
                    {QStringLiteral("phone"), phone},
                    {QStringLiteral("name"), name},
                    {QStringLiteral("gender"), QString()},
                    {QStringLiteral("tier"), QStringLiteral("member")},
                    {QStringLiteral("channel"), QStringLiteral("till")},
                    {QStringLiteral("marketingConsent"), false},
                    {QStringLiteral("createdAt"), wallMs()}});
    QJsonArray entries;
    if (welcomePoints > 0) {
        const QJsonObject e =
            entry(QStringLiteral("welcome_gift"), welcomePoints, wallMs() + qint64(365) * 86'400'000);
        if (welcomeEntryId)
            *welcomeEntryId = e.value(QStringLiteral("id")).toString();
        entries.append(e);
    }
    op.insert(QStringLiteral("entries"), entries);
    return op;
}

QJsonObject TestTill::earnOp(const QString &memberId, const QString &receipt, qint64 amountMinor,
                             qint64 points, qint64 firstPurchaseGift)
{
    QJsonObject op = envelope(QStringLiteral("earn"));
    op.insert(QStringLiteral("member"), memberId);
    op.insert(QStringLiteral("purchase"), QJsonObject{{QStringLiteral("id"), newId()},
                                                      {QStringLiteral("receipt"), receipt},
                                                      {QStringLiteral("amountMinor"), amountMinor},
                                                      {QStringLiteral("eligibleMinor"), amountMinor},
                                                      {QStringLiteral("currency"), QStringLiteral("CNY")},
                                                      {QStringLiteral("at"), wallMs()}});
    QJsonArray entries{entry(QStringLiteral("earn"), points, wallMs() + qint64(365) * 86'400'000)};
    if (firstPurchaseGift > 0)
        entries.append(entry(QStringLiteral("first_purchase_gift"), firstPurchaseGift,
                             wallMs() + qint64(365) * 86'400'000));
    op.insert(QStringLiteral("entries"), entries);
    return op;
}

QJsonObject TestTill::redeemOp(const QString &memberId, qint64 points, bool offline)
{
    QJsonObject op = envelope(QStringLiteral("redeem"));
    op.insert(QStringLiteral("member"), memberId);
    op.insert(QStringLiteral("points"), points);
    op.insert(QStringLiteral("offline"), offline);
    op.insert(QStringLiteral("entries"), QJsonArray{entry(QStringLiteral("redeem"), -points)});
    return op;
}

QJsonObject TestTill::updateOp(const QString &memberId, const QJsonObject &fields)
{
    QJsonObject op = envelope(QStringLiteral("member.update"));
    op.insert(QStringLiteral("member"), memberId);
    op.insert(QStringLiteral("fields"), fields);
    return op;
}

QJsonObject TestTill::tierOp(const QString &memberId, const QString &from, const QString &to,
                             const QString &reason)
{
    QJsonObject op = envelope(QStringLiteral("tier.change"));
    op.insert(QStringLiteral("member"), memberId);
    op.insert(QStringLiteral("tierChange"), QJsonObject{{QStringLiteral("id"), newId()},
                                                        {QStringLiteral("from"), from},
                                                        {QStringLiteral("to"), to},
                                                        {QStringLiteral("reason"), reason}});
    return op;
}

QHash<QString, qint64> balancesFromChanges(const QJsonArray &changes)
{
    QHash<QString, qint64> out;
    for (const QJsonValue &v : changes) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("type")).toString() != QLatin1String("entry"))
            continue;
        const QJsonObject e = c.value(QStringLiteral("entry")).toObject();
        out[e.value(QStringLiteral("member")).toString()] += e.value(QStringLiteral("points")).toInteger();
    }
    return out;
}

} // namespace counterpart::test
