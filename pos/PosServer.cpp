#include "pos/PosServer.h"

#include "app/Till.h"
#include "pos/HttpMessage.h"
#include "pos/PosJson.h"

#include <QFile>
#include <QHostAddress>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace counterpart::pos {

struct PosServer::Connection {
    QByteArray buffer;
    HttpRequestParser parser;
    QTimer idle;
};

namespace {

Result<QSslConfiguration> tlsConfiguration(const PosServerOptions &options)
{
    QFile certFile(options.certFile);
    QFile keyFile(options.keyFile);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::InvalidInput,
                         QCoreApplication::translate(
                             "PosLink", "The POS link's certificate or key file cannot be read: %1, %2.")
                             .arg(options.certFile, options.keyFile));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    const QSslKey key(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
    if (chain.isEmpty() || key.isNull())
        return makeError(
            ErrorCode::InvalidInput,
            QCoreApplication::translate(
                "PosLink", "The POS link's certificate or key is not a PEM certificate and RSA key."));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

} // namespace

Result<PosServerOptions> PosServerOptions::parse(const QString &listen)
{
    PosServerOptions out;
    const QString text = listen.trimmed();
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    QString portText = colon < 0 ? text : text.mid(colon + 1);
    if (colon >= 0) {
        out.host = text.left(colon);
        if (out.host.startsWith(QLatin1Char('[')) && out.host.endsWith(QLatin1Char(']')))
            out.host = out.host.mid(1, out.host.size() - 2);
    }
    bool ok = false;
    const int port = portText.toInt(&ok);
    if (!ok || port < 0 || port > 65535 || QHostAddress(out.host).isNull())
        return makeError(ErrorCode::InvalidInput,
                         QCoreApplication::translate(
                             "PosLink",
                             "Give the POS link's address as HOST:PORT with an IP address, such as "
                             "127.0.0.1:8765."));
    out.port = quint16(port);
    return out;
}

bool PosServerOptions::isLoopback() const
{
    return QHostAddress(host).isLoopback();
}

PosServer::PosServer(Till &till, PosServerOptions options, QObject *parent)
    : QObject(parent)
    , m_till(till)
    , m_options(std::move(options))
    , m_api(till)
{}

PosServer::~PosServer()
{
    close();
}

Result<quint16> PosServer::listen()
{
    close();
    if (!m_options.isLoopback()) {
        if (m_options.certFile.isEmpty() || m_options.keyFile.isEmpty())
            return makeError(ErrorCode::Refused,
                             QCoreApplication::translate(
                                 "PosLink",
                                 "The POS link listens on a network address only with TLS: give it a "
                                 "certificate and key, or use 127.0.0.1."));
        CP_TRY_ASSIGN(const QSslConfiguration tls, tlsConfiguration(m_options));
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(tls);
        m_server = ssl;
    } else {
        m_server = new QTcpServer(this);
    }
    m_server->setMaxPendingConnections(m_options.maxConnections);
    if (!m_server->listen(QHostAddress(m_options.host), m_options.port)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return makeError(ErrorCode::Refused,
                         QCoreApplication::translate("PosLink", "The POS link cannot listen on %1:%2: %3.")
                             .arg(m_options.host)
                             .arg(m_options.port)
                             .arg(why));
    }
    const quint16 bound = m_server->serverPort();
    const QByteArray port = QByteArray::number(bound);
    QList<QByteArray> hosts{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port};
    if (!m_options.isLoopback())
        hosts.append(m_options.host.toUtf8() + ':' + port);
    m_api.setAllowedHosts(hosts);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &PosServer::accept);
    return bound;
}

void PosServer::close()
{
    for (QTcpSocket *socket : m_connections.keys())
        socket->abort();
    m_connections.clear();
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
}

quint16 PosServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void PosServer::accept()
{
    while (m_server && m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (m_connections.size() >= m_options.maxConnections) {
            const Error busy =
                makeError(ErrorCode::Storage,
                          QCoreApplication::translate("PosLink", "Too many POS connections; try again."));
            socket->write(HttpResponse{503, toBody(encodeError(busy)), {}}.serialize(false));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        auto conn = std::make_shared<Connection>();
        conn->idle.setSingleShot(true);
        conn->idle.setInterval(m_options.idleTimeoutMs);
        connect(&conn->idle, &QTimer::timeout, socket, [this, socket] { drop(socket); });
        conn->idle.start();
        m_connections.insert(socket, conn);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
        readFrom(socket); // bytes may have come with the connection
    }
}

void PosServer::readFrom(QTcpSocket *socket)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    std::shared_ptr<Connection> conn = found.value();
    conn->buffer += socket->readAll();
    conn->idle.start();
    for (;;) {
        const auto state = conn->parser.feed(conn->buffer);
        if (state == HttpRequestParser::State::NeedMore)
            return;
        if (state == HttpRequestParser::State::Failed) {
            const Error bad = makeError(
                ErrorCode::InvalidInput,
                QCoreApplication::translate("PosLink", "The request is not HTTP the POS link reads: %1.")
                    .arg(conn->parser.failureText()));
            socket->write(
                HttpResponse{conn->parser.failureStatus(), toBody(encodeError(bad)), {}}.serialize(false));
            socket->disconnectFromHost();
            return;
        }
        const HttpRequest request = conn->parser.take();
        PosEvent happened;
        const HttpResponse response = m_api.handle(request, &happened);
        socket->write(response.serialize(request.keepAlive));
        if (!happened.text.isEmpty())
            emit event(happened);
        if (!request.keepAlive) {
            socket->disconnectFromHost();
            return;
        }
        if (!m_connections.contains(socket))
            return;
    }
}

void PosServer::drop(QTcpSocket *socket)
{
    if (m_connections.remove(socket) == 0)
        return;
    socket->abort();
    socket->deleteLater();
}

} // namespace counterpart::pos
