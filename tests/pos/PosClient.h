#pragma once

// A POS as the tests drive it: HTTP/1.1 over one kept-alive loopback connection to a PosServer running
// on the test's own thread (so it waits by running the event loop, never by blocking).

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QThread>

namespace counterpart::test {

struct PosReply {
    int status = 0;
    QByteArray head;
    QByteArray body;
    bool closed = false; // the server closed the connection after this answer

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString error() const { return json().value(QStringLiteral("error")).toString(); }
    QString message() const { return json().value(QStringLiteral("message")).toString(); }
    bool hasHeader(const QByteArray &line) const { return head.contains(line); }
};

class PosTestClient
{
public:
    PosTestClient(quint16 port, QByteArray token)
        : m_port(port)
        , m_token(std::move(token))
    {}

    void setToken(const QByteArray &token) { m_token = token; }
    // Speaks TLS, trusting `authority` for `peerName` only (an empty list trusts nothing: the handshake
    // must fail).
    void useTls(const QList<QSslCertificate> &authority, const QString &peerName)
    {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setCaCertificates(authority);
        m_socket.setSslConfiguration(config);
        m_socket.setPeerVerifyName(peerName);
        m_tls = true;
    }

    PosReply post(const QByteArray &path, const QJsonObject &body)
    {
        return send(request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    }
    PosReply get(const QByteArray &path) { return send(request("GET", path, {})); }

    QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                       const QByteArray &host = {}) const
    {
        QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: " +
                         (host.isEmpty() ? "127.0.0.1:" + QByteArray::number(m_port) : host) + "\r\n";
        if (!m_token.isEmpty())
            out += "Authorization: Bearer " + m_token + "\r\n";
        if (!body.isEmpty())
            out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                   "\r\n";
        return out + "\r\n" + body;
    }

    // Sends raw bytes and reads one answer.
    PosReply send(const QByteArray &bytes)
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_socket.abort();
            m_buffer.clear();
            if (m_tls)
                m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port);
            else
                m_socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
            if (!waitFor([&] { return m_socket.state() == QAbstractSocket::ConnectedState; }))
                return {};
        }
        m_socket.write(bytes);
        PosReply reply;
        waitFor([&] { return parse(reply) || m_socket.state() != QAbstractSocket::ConnectedState; });
        if (reply.status == 0)
            parse(reply);
        reply.closed = reply.head.contains("Connection: close");
        return reply;
    }

private:
    template<typename Done>
    static bool waitFor(Done done)
    {
        QDeadlineTimer deadline(10'000);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            QThread::usleep(200);
        }
        return true;
    }

    bool parse(PosReply &reply)
    {
        m_buffer += m_socket.readAll();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = m_buffer.left(end);
        const qsizetype at = head.indexOf("Content-Length: ");
        const qint64 length = head.mid(at + 16, head.indexOf("\r\n", at) - at - 16).toLongLong();
        if (m_buffer.size() < end + 4 + length)
            return false;
        reply.head = head;
        reply.status = head.mid(9, 3).toInt();
        reply.body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        return true;
    }

    quint16 m_port;
    QByteArray m_token;
    QSslSocket m_socket; // plain TCP unless useTls()
    bool m_tls = false;
    QByteArray m_buffer;
};

} // namespace counterpart::test
