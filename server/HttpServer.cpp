#include "server/HttpServer.h"

#include "server/Api.h"
#include "server/Log.h"
#include "server/Throttle.h"
#include "sync/protocol/Wire.h"

#include <QElapsedTimer>

#include <array>
#include <atomic>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <map>
#include <mutex>
#include <optional>
#include <sys/resource.h>
#include <thread>
#include <unordered_map>
#include <vector>

namespace counterpart::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

class SessionBase
{
public:
    virtual ~SessionBase() = default;
    virtual void closeIfIdle() = 0;
    // Nothing in flight: a TLS handshake, a wait for a request's header, or a kept-alive connection.
    bool idle() const { return !m_busy.load(); }

protected:
    std::atomic<bool> m_busy{false};

public:
    bool evicted = false; // guarded by Impl::sessionsMutex
};

void warnLimited(LogLimiter &limiter, const QString &what)
{
    qint64 suppressed = 0;
    if (!limiter.allow(&suppressed))
        return;
    if (suppressed > 0)
        qCWarning(lcServer).noquote() << what << QStringLiteral("(and %1 more like it)").arg(suppressed);
    else
        qCWarning(lcServer).noquote() << what;
}

} // namespace

struct HttpServer::Impl {
    Impl(Api &a, HttpOptions o)
        : api(a)
        , options(std::move(o))
        , ioc(std::max(1, options.ioThreads))
        , workers(std::size_t(std::max(1, options.threads)))
        , tls(ssl::context::tls_server)
        , acceptor(asio::make_strand(ioc))
        , acceptPause(acceptor.get_executor())
        , signalSet(ioc, SIGINT, SIGTERM)
        , deadline(asio::make_strand(ioc))
    {}

    Api &api;
    HttpOptions options;
    asio::io_context ioc;
    asio::thread_pool workers; // Api::handle runs here, never on an I/O thread
    ssl::context tls;
    tcp::acceptor acceptor;
    asio::steady_timer acceptPause;
    asio::signal_set signalSet;
    asio::steady_timer deadline;
    std::atomic<bool> stopping{false};
    int connectionCap = 0;
    LogLimiter acceptLog, refusedLog, evictedLog;

    struct Entry {
        std::weak_ptr<SessionBase> session;
        std::string address; // addressKey() of its peer
    };
    std::mutex sessionsMutex;
    std::map<quint64, Entry> sessions; // by id: oldest first
    std::unordered_map<std::string, int> perAddress;
    quint64 nextSession = 1;

    quint64 add(const std::shared_ptr<SessionBase> &s, const std::string &address)
    {
        std::lock_guard lock(sessionsMutex);
        const quint64 id = nextSession++;
        sessions.emplace(id, Entry{s, address});
        ++perAddress[address];
        return id;
    }
    void remove(quint64 id)
    {
        bool last = false;
        {
            std::lock_guard lock(sessionsMutex);
            if (auto it = sessions.find(id); it != sessions.end()) {
                if (auto a = perAddress.find(it->second.address); a != perAddress.end() && --a->second <= 0)
                    perAddress.erase(a);
                sessions.erase(it);
            }
            last = sessions.empty();
        }
        if (last && stopping.load())
            asio::post(deadline.get_executor(), [this] { deadline.cancel(); });
    }
    // At the cap, the connection idle the longest makes room (a flood of idle connections churns
    // itself, a till's request still gets in). Called with sessionsMutex held. Every session it looks
    // at stays referenced in `seen` until the caller has let go of the mutex: a session whose other
    // owners finished meanwhile is destroyed there, and its destructor takes the mutex (remove()).
    std::shared_ptr<SessionBase> oldestIdleLocked(std::vector<std::shared_ptr<SessionBase>> &seen)
    {
        for (auto &[id, entry] : sessions) {
            auto s = entry.session.lock();
            if (s && !s->evicted && s->idle()) {
                s->evicted = true;
                return s;
            }
            if (s)
                seen.push_back(std::move(s));
        }
        return nullptr;
    }

    void accept();
    void admit(tcp::socket socket);
    void setConnectionCap();
    Status setUpTls();
    void beginShutdown();
};

namespace {

template<class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>>
{
public:
    static constexpr bool Tls = !std::is_same_v<Stream, beast::tcp_stream>;

    Session(HttpServer::Impl &server, tcp::socket &&socket, QString peer, std::string addressKey)
        : m_server(server)
        , m_stream(makeStream(server, std::move(socket)))
        , m_peer(std::move(peer))
        , m_addressKey(std::move(addressKey))
    {}
    ~Session() override { m_server.remove(m_id); }

    void start()
    {
        m_id = m_server.add(this->shared_from_this(), m_addressKey);
        asio::dispatch(m_stream.get_executor(), [self = this->shared_from_this()] { self->handshake(); });
    }

    void closeIfIdle() override
    {
        asio::post(m_stream.get_executor(), [self = this->shared_from_this()] {
            if (!self->m_busy)
                self->close();
        });
    }

private:
    static Stream makeStream(HttpServer::Impl &server, tcp::socket &&socket)
    {
        if constexpr (Tls)
            return Stream(std::move(socket), server.tls);
        else
            return Stream(std::move(socket));
    }

    void handshake()
    {
        if constexpr (Tls) {
            beast::get_lowest_layer(m_stream).expires_after(
                std::chrono::seconds(m_server.options.headerTimeoutSeconds));
            m_stream.async_handshake(
                ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
                    if (ec) {
                        qCDebug(lcServer).noquote() << "TLS handshake failed from" << self->m_peer
                                                    << QString::fromStdString(ec.message());
                        return;
                    }
                    self->read();
                });
        } else {
            read();
        }
    }

    void read()
    {
        if (m_server.stopping.load()) {
            close();
            return;
        }
        m_parser.emplace();
        m_bodyLimit = sync::MaxBodyBytes;
        m_parser->body_limit(std::uint64_t(m_bodyLimit));
        m_parser->header_limit(16 * 1024);
        // The header must arrive soon (a connection that only holds a slot is closed); the rest of the
        // request within the longer request deadline. An idle kept-alive connection closes at the first.
        beast::get_lowest_layer(m_stream).expires_after(
            std::chrono::seconds(m_server.options.headerTimeoutSeconds));
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                                    if (ec) {
                                        self->onRead(ec);
                                        return;
                                    }
                                    self->onHeader();
                                });
    }

    // Only a push carries a real body, and only a signed one may be large: everything else (enrolment,
    // a request without a signature) gets what enrolment needs, refused from its declared length before
    // a byte of the body is read.
    void onHeader()
    {
        // From its header on, a request is in flight: a shutdown waits for it.
        m_busy = true;
        const auto &header = m_parser->get();
        const bool mayBeLarge = header.method() == http::verb::post && header.target() == "/v1/push" &&
                                header.count("x-cp-terminal") > 0 && header.count("x-cp-signature") > 0;
        const auto declared = m_parser->content_length();
        if (!mayBeLarge) {
            m_bodyLimit = std::min<qint64>(m_bodyLimit, m_server.options.unsignedBodyBytes);
            if (declared && *declared > std::uint64_t(m_bodyLimit)) {
                respondTooLarge(header.version());
                return;
            }
            m_parser->body_limit(std::uint64_t(m_bodyLimit));
        } else if (!declared || *declared > std::uint64_t(m_server.options.unsignedBodyBytes)) {
            admitLargeBody(header);
            return;
        }
        readBody();
    }

    // Signature headers are easy to forge, and the signature covers the body, so it cannot be checked
    // before the body is in: a large body is read only for a terminal the server knows and has not
    // disabled, at a time within the signature window (Api::admitLargeBody, on a worker: it reads the
    // database). Anything else is answered from the header and the connection closed unread.
    void admitLargeBody(const http::request_header<> &header)
    {
        QHash<QByteArray, QByteArray> headers;
        for (const char *name : {"x-cp-terminal", "x-cp-timestamp"}) {
            const auto value = header[name];
            headers.insert(name, QByteArray(value.data(), qsizetype(value.size())));
        }
        asio::post(m_server.workers, [self = this->shared_from_this(), headers, version = header.version(),
                                      guard = asio::make_work_guard(m_server.ioc)]() mutable {
            std::optional<ApiResponse> refusal = self->m_server.api.admitLargeBody(headers, self->m_peer);
            asio::post(self->m_stream.get_executor(),
                       [self, refusal = std::move(refusal), version]() mutable {
                           if (refusal)
                               self->respond(std::move(*refusal), false, version);
                           else
                               self->readBody();
                       });
        });
    }

    void readBody()
    {
        beast::get_lowest_layer(m_stream).expires_after(
            std::chrono::seconds(m_server.options.readTimeoutSeconds));
        http::async_read(
            m_stream, m_buffer, *m_parser,
            [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->onRead(ec); });
    }

    void respondTooLarge(unsigned version)
    {
        respond(Api::error(413, QStringLiteral("too_large"),
                           QStringLiteral("The request is larger than %1 bytes. Send smaller batches.")
                               .arg(m_bodyLimit)),
                false, version);
    }

    void onRead(beast::error_code ec)
    {
        if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
            ec == beast::error::timeout || ec == asio::error::eof || ec == asio::error::connection_reset) {
            close();
            return;
        }
        if (ec == http::error::body_limit) {
            respondTooLarge(11);
            return;
        }
        if (ec) {
            if (ec.category() == http::make_error_code(http::error::bad_target).category() ||
                ec == http::error::header_limit) {
                respond(Api::error(400, QStringLiteral("bad_request"),
                                   QStringLiteral("The HTTP request is malformed.")),
                        false, 11);
            } else {
                close();
            }
            return;
        }
        m_busy = true;
        auto request = m_parser->release();
        ApiRequest r;
        r.method = QByteArray(request.method_string().data(), qsizetype(request.method_string().size()));
        r.target = QByteArray(request.target().data(), qsizetype(request.target().size()));
        for (const auto &field : request) {
            r.headers.insert(
                QByteArray(field.name_string().data(), qsizetype(field.name_string().size())).toLower(),
                QByteArray(field.value().data(), qsizetype(field.value().size())));
        }
        r.body = QByteArray(request.body().data(), qsizetype(request.body().size()));
        r.peer = m_peer;
        work(std::move(r), request.keep_alive(), request.version());
    }

    // The request runs on a worker, so a slow push never holds up the I/O threads (and with them every
    // other connection); its answer is written back on this connection's strand.
    void work(ApiRequest r, bool keepAlive, unsigned version)
    {
        asio::post(m_server.workers, [self = this->shared_from_this(), r = std::move(r), keepAlive, version,
                                      guard = asio::make_work_guard(m_server.ioc)]() mutable {
            QElapsedTimer timer;
            timer.start();
            ApiResponse response = self->m_server.api.handle(r);
            const qsizetype q = r.target.indexOf('?');
            qCInfo(lcServer).noquote()
                << logText(r.method, 16) << logText(q < 0 ? r.target : r.target.left(q), 80)
                << response.status << "in" << timer.elapsed() << "ms from" << self->m_peer;
            asio::post(self->m_stream.get_executor(),
                       [self, response = std::move(response), keepAlive, version]() mutable {
                           self->respond(std::move(response), keepAlive, version);
                       });
        });
    }

    // A file (a store's snapshot file, gigabytes) is streamed from disk, never read into memory: the
    // header, then the bytes in 1 MiB writes (Beast's file_body reads 4 KiB at a time, which made a
    // 2.6 GB download take 16 s on loopback). Its deadline grows with its size: a till on a slow link
    // gets 256 KiB/s at least before it is cut off.
    struct FileSend {
        beast::file file;
        http::response<http::empty_body> header;
        std::optional<http::response_serializer<http::empty_body>> serializer;
        std::vector<char> buffer = std::vector<char>(1024 * 1024);
        std::uint64_t left = 0;
    };

    void respondWithFile(const ApiResponse &response, bool keepAlive, unsigned version)
    {
        auto send = std::make_shared<FileSend>();
        beast::error_code openError;
        send->file.open(response.filePath.toLocal8Bit().constData(), beast::file_mode::read, openError);
        std::uint64_t size = 0;
        if (!openError)
            size = send->file.size(openError);
        if (openError || size != std::uint64_t(response.fileBytes)) {
            qCWarning(lcServer).noquote()
                << "cannot send" << response.filePath << QString::fromStdString(openError.message());
            respond(Api::error(
                        404, QStringLiteral("no_snapshot_file"),
                        QStringLiteral("There is no snapshot file for this store; use the snapshot pages.")),
                    keepAlive, version);
            return;
        }
        http::response<http::empty_body> &res = send->header;
        res.result(http::status(response.status));
        res.version(version);
        res.set(http::field::server, "counterpart-server");
        res.set(http::field::content_type, std::string(response.contentType.constData()));
        res.set(http::field::cache_control, "no-store");
        for (const auto &[name, value] : response.headers)
            res.set(std::string(name.constData()), std::string(value.constData()));
        res.keep_alive(keepAlive && !m_server.stopping.load());
        res.content_length(size);
        send->left = size;
        send->serializer.emplace(res);
        const auto seconds = std::chrono::seconds(m_server.options.readTimeoutSeconds) +
                             std::chrono::seconds(response.fileBytes / (256 * 1024));
        beast::get_lowest_layer(m_stream).expires_after(seconds);
        http::async_write_header(m_stream, *send->serializer,
                                 [self = this->shared_from_this(), send](beast::error_code ec, std::size_t) {
                                     if (ec) {
                                         self->m_busy = false;
                                         self->close();
                                         return;
                                     }
                                     self->sendFileChunk(send);
                                 });
    }

    void sendFileChunk(const std::shared_ptr<FileSend> &send)
    {
        if (send->left == 0) {
            m_busy = false;
            if (!send->header.keep_alive()) {
                close();
                return;
            }
            read();
            return;
        }
        beast::error_code ec;
        const std::size_t want = std::size_t(std::min<std::uint64_t>(send->left, send->buffer.size()));
        const std::size_t got = send->file.read(send->buffer.data(), want, ec);
        if (ec || got == 0) {
            qCWarning(lcServer) << "reading a snapshot file failed; the connection is closed";
            m_busy = false;
            close();
            return;
        }
        send->left -= got;
        asio::async_write(m_stream, asio::buffer(send->buffer.data(), got),
                          [self = this->shared_from_this(), send](beast::error_code writeError, std::size_t) {
                              if (writeError) {
                                  self->m_busy = false;
                                  self->close();
                                  return;
                              }
                              self->sendFileChunk(send);
                          });
    }

    void respond(ApiResponse response, bool keepAlive, unsigned version)
    {
        m_busy = true;
        if (!response.filePath.isEmpty()) {
            respondWithFile(response, keepAlive, version);
            return;
        }
        auto res =
            std::make_shared<http::response<http::string_body>>(http::status(response.status), version);
        res->set(http::field::server, "counterpart-server");
        res->set(http::field::content_type, std::string(response.contentType.constData()));
        res->set(http::field::cache_control, "no-store");
        for (const auto &[name, value] : response.headers)
            res->set(std::string(name.constData()), std::string(value.constData()));
        res->keep_alive(keepAlive && !m_server.stopping.load() && response.status != 413);
        res->body().assign(response.body.constData(), size_t(response.body.size()));
        res->prepare_payload();
        beast::get_lowest_layer(m_stream).expires_after(
            std::chrono::seconds(m_server.options.readTimeoutSeconds));
        http::async_write(m_stream, *res,
                          [self = this->shared_from_this(), res](beast::error_code ec, std::size_t) {
                              self->m_busy = false;
                              if (!ec && res->result() == http::status::payload_too_large) {
                                  self->drain(0);
                                  return;
                              }
                              if (ec || !res->keep_alive()) {
                                  self->close();
                                  return;
                              }
                              self->read();
                          });
    }

    // After a 413 the client is usually still sending its body: read and drop it (up to 64 MiB, for at
    // most the read timeout) so the client gets to read the answer instead of a broken pipe.
    void drain(std::size_t total)
    {
        if (total > 64u * 1024 * 1024 || m_server.stopping.load()) {
            close();
            return;
        }
        if (!m_drainBuffer)
            m_drainBuffer = std::make_unique<std::array<char, 65536>>();
        m_stream.async_read_some(asio::buffer(*m_drainBuffer), [self = this->shared_from_this(),
                                                                total](beast::error_code ec, std::size_t n) {
            if (ec) {
                self->close();
                return;
            }
            self->drain(total + n);
        });
    }

    void close()
    {
        if (m_closed)
            return;
        m_closed = true;
        beast::error_code ec;
        auto &socket = beast::get_lowest_layer(m_stream).socket();
        socket.shutdown(tcp::socket::shutdown_both, ec);
        socket.close(ec);
    }

    HttpServer::Impl &m_server;
    Stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    QString m_peer;
    std::string m_addressKey;
    quint64 m_id = 0;
    qint64 m_bodyLimit = sync::MaxBodyBytes;
    std::unique_ptr<std::array<char, 65536>> m_drainBuffer;
    bool m_closed = false;
};

} // namespace

void HttpServer::Impl::accept()
{
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec) {
            if (ec == asio::error::operation_aborted || stopping.load())
                return;
            // Out of file descriptors (or memory) the next accept fails at once too: re-arming now would
            // spin a core and write the same line without end. Wait, then try again.
            warnLimited(acceptLog, QStringLiteral("accept failed: %1; trying again in %2 ms")
                                       .arg(QString::fromStdString(ec.message()))
                                       .arg(options.acceptPauseMs));
            acceptPause.expires_after(std::chrono::milliseconds(options.acceptPauseMs));
            acceptPause.async_wait([this](beast::error_code waitError) {
                if (!waitError && !stopping.load())
                    accept();
            });
            return;
        }
        if (stopping.load())
            return;
        admit(std::move(socket));
        accept();
    });
}

void HttpServer::Impl::admit(tcp::socket socket)
{
    beast::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    if (ec)
        return; // already gone; the socket closes with this scope
    const QString peer = QString::fromStdString(remote.address().to_string());
    const std::string key = addressKey(peer).toStdString();
    std::shared_ptr<SessionBase> victim;
    std::vector<std::shared_ptr<SessionBase>> seen; // released after the lock (oldestIdleLocked)
    QString refusal;
    {
        std::lock_guard lock(sessionsMutex);
        if (auto it = perAddress.find(key);
            it != perAddress.end() && it->second >= options.maxConnectionsPerAddress)
            refusal = QStringLiteral("%1 connections from %2 already").arg(it->second).arg(logText(peer));
        else if (int(sessions.size()) >= connectionCap && !(victim = oldestIdleLocked(seen)))
            refusal = QStringLiteral("%1 connections already, all busy").arg(sessions.size());
    }
    if (!refusal.isEmpty()) {
        warnLimited(refusedLog, QStringLiteral("refused a connection: ") + refusal);
        return;
    }
    if (victim) {
        victim->closeIfIdle();
        warnLimited(
            evictedLog,
            QStringLiteral("at the cap of %1 connections: closed the longest idle one").arg(connectionCap));
    }
    if (options.insecureHttp)
        std::make_shared<Session<beast::tcp_stream>>(*this, std::move(socket), peer, key)->start();
    else
        std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(*this, std::move(socket), peer, key)
            ->start();
}

// Every connection is a file descriptor, and so is each database file (SQLite: three per connection),
// each snapshot file being sent and each log: the cap leaves a reserve below the open-file limit, so
// accept() does not fail for want of one and a request does not fail to open its database.
void HttpServer::Impl::setConnectionCap()
{
    rlimit limit{};
    qint64 files = 1024;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        if (limit.rlim_cur < limit.rlim_max) { // the soft limit may be raised to the hard one freely
            rlimit raised = limit;
            raised.rlim_cur = limit.rlim_max;
            if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
                limit = raised;
        }
        files = limit.rlim_cur == RLIM_INFINITY ? qint64(1) << 20 : qint64(limit.rlim_cur);
    }
    const qint64 reserve = 64 + 4 * qint64(std::max(1, options.threads));
    const int fromLimit = int(std::clamp<qint64>(files - reserve, 16, 1'000'000));
    connectionCap = options.maxConnections > 0 ? std::min(options.maxConnections, fromLimit) : fromLimit;
    if (options.maxConnections > fromLimit)
        qCWarning(lcServer) << "max-connections" << options.maxConnections << "lowered to" << fromLimit
                            << "to stay below the open-file limit of" << files;
    qCInfo(lcServer) << "at most" << connectionCap << "connections," << options.maxConnectionsPerAddress
                     << "per address (open-file limit" << files << ")";
}

// TLS 1.2 with forward-secret AEAD suites only (CBC and SHA-1 MACs refused), or TLS 1.3.
Status HttpServer::Impl::setUpTls()
{
    tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use |
                    SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
    static const char *aead = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                              "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
    if (SSL_CTX_set_cipher_list(tls.native_handle(), aead) != 1)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("This OpenSSL has none of the TLS 1.2 AEAD suites."));
    beast::error_code ec;
    tls.use_certificate_chain_file(options.certFile.toStdString(), ec);
    if (ec)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Cannot load the certificate %1: %2")
                             .arg(options.certFile, QString::fromStdString(ec.message())));
    tls.use_private_key_file(options.keyFile.toStdString(), ssl::context::pem, ec);
    if (ec)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("Cannot load the private key %1: %2")
                             .arg(options.keyFile, QString::fromStdString(ec.message())));
    return {};
}

void HttpServer::Impl::beginShutdown()
{
    if (stopping.exchange(true))
        return;
    qCInfo(lcServer) << "shutting down: no new connections; finishing requests in flight";
    api.setStopping();
    asio::post(acceptor.get_executor(), [this] {
        beast::error_code ec;
        acceptor.close(ec);
        acceptPause.cancel();
    });
    signalSet.cancel();
    std::vector<std::shared_ptr<SessionBase>> live;
    {
        std::lock_guard lock(sessionsMutex);
        for (auto &[id, entry] : sessions) {
            if (auto s = entry.session.lock())
                live.push_back(std::move(s));
        }
    }
    for (auto &s : live)
        s->closeIfIdle();
    asio::post(deadline.get_executor(), [this, empty = live.empty()] {
        if (empty) {
            return; // nothing in flight: run() returns as soon as the acceptor is closed
        }
        deadline.expires_after(std::chrono::seconds(options.shutdownGraceSeconds));
        deadline.async_wait([this](beast::error_code ec) {
            if (!ec) {
                qCWarning(lcServer) << "requests still running after the grace period; stopping anyway";
                ioc.stop();
            }
        });
    });
}

HttpServer::HttpServer(Api &api, HttpOptions options)
    : d(std::make_unique<Impl>(api, std::move(options)))
{}

HttpServer::~HttpServer() = default;

Result<quint16> HttpServer::listen()
{
    if (!d->options.insecureHttp)
        CP_TRY(d->setUpTls());
    d->setConnectionCap();
    beast::error_code ec;
    const auto address = asio::ip::make_address(d->options.host.toStdString(), ec);
    if (ec)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is not an IP address.").arg(d->options.host));
    const tcp::endpoint endpoint(address, d->options.port);
    d->acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        d->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        d->acceptor.bind(endpoint, ec);
    if (!ec)
        d->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("Cannot listen on %1:%2: %3")
                                                      .arg(d->options.host)
                                                      .arg(d->options.port)
                                                      .arg(QString::fromStdString(ec.message())));
    return quint16(d->acceptor.local_endpoint().port());
}

void HttpServer::run()
{
    d->signalSet.async_wait([this](beast::error_code ec, int signal) {
        if (ec)
            return;
        qCInfo(lcServer) << "received signal" << signal;
        d->beginShutdown();
    });
    d->accept();
    std::vector<std::thread> threads;
    for (int i = 1; i < d->options.ioThreads; ++i)
        threads.emplace_back([this] { d->ioc.run(); });
    d->ioc.run();
    for (auto &t : threads)
        t.join();
    d->workers.join();
}

void HttpServer::stop()
{
    d->beginShutdown();
}

} // namespace counterpart::server
