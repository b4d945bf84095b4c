#pragma once

// A small HTTP-aware TCP proxy between a till and counterpart-server (plain HTTP on loopback) that
// injects the faults a shop's network and a busy server produce: the request never arrives, the server
// applies it but the answer is lost, the answer is cut in half, a 500 instead of the server's answer,
// a slow answer, no answer at all until the till gives up (a timeout, after the server applied it), and
// the same request delivered to the server twice at once (a retransmitting middlebox). One request per
// client connection; every answer says "Connection: close".

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <memory>

namespace counterpart::test {

class FaultProxy : public QObject
{
public:
    enum class Fault {
        None,
        DropRequest,
        DropAnswer,
        TruncateAnswer,
        Answer500,
        Delay,
        Stall,
        DuplicateRequest
    };

    explicit FaultProxy(quint16 targetPort)
        : m_target(targetPort)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                serve(client);
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port()); }
    void setTarget(quint16 port) { m_target = port; }
    // Decides the fault for each request from its request line ("POST /v1/push HTTP/1.1").
    void setChooser(std::function<Fault(const QByteArray &requestLine)> chooser)
    {
        m_chooser = std::move(chooser);
    }
    int count(Fault fault) const { return m_counts.value(int(fault)); }
    int requests() const { return m_requests; }

private:
    // The length of a complete HTTP message at the start of `data` (headers + Content-Length body), or
    // -1 while it is incomplete.
    static qsizetype messageLength(const QByteArray &data)
    {
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0)
            return -1;
        qsizetype length = 0;
        const QList<QByteArray> lines = data.left(end).split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        return data.size() >= end + 4 + length ? end + 4 + length : -1;
    }

    static QByteArray withConnectionClose(const QByteArray &message)
    {
        const qsizetype end = message.indexOf("\r\n\r\n");
        QList<QByteArray> lines = message.left(end).split('\n');
        QByteArray out;
        for (const QByteArray &line : lines) {
            if (line.trimmed().toLower().startsWith("connection:"))
                continue;
            out += line.trimmed() + "\r\n";
        }
        out += "Connection: close\r\n\r\n";
        return out + message.mid(end + 4);
    }

    void serve(QTcpSocket *client)
    {
        QPointer<QTcpSocket> guard(client);
        auto buffer = std::make_shared<QByteArray>();
        auto handled = std::make_shared<bool>(false);
        QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        QObject::connect(client, &QTcpSocket::readyRead, this, [this, guard, buffer, handled] {
            if (!guard || *handled)
                return;
            buffer->append(guard->readAll());
            const qsizetype length = messageLength(*buffer);
            if (length < 0)
                return;
            *handled = true;
            ++m_requests;
            const QByteArray request = buffer->left(length);
            const Fault fault = m_chooser ? m_chooser(request.left(request.indexOf('\r'))) : Fault::None;
            m_counts[int(fault)] += 1;
            if (fault == Fault::DropRequest) {
                guard->abort();
                return;
            }
            if (fault == Fault::Answer500) {
                const QByteArray body = "{\"error\":\"internal\",\"message\":\"injected by the test proxy\"}";
                guard->write("HTTP/1.1 500 Internal Server Error\r\nContent-Type: "
                             "application/json\r\nContent-Length: " +
                             QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                guard->disconnectFromHost();
                return;
            }
            if (fault == Fault::DuplicateRequest) {
                // The second copy's answer goes nowhere; the till reads the first one.
                forward(QPointer<QTcpSocket>(), request, Fault::None);
                forward(guard, request, Fault::None);
                return;
            }
            forward(guard, request, fault);
        });
    }

    void forward(QPointer<QTcpSocket> client, const QByteArray &request, Fault fault)
    {
        auto *upstream = new QTcpSocket(this);
        auto answer = std::make_shared<QByteArray>();
        auto done = std::make_shared<bool>(false);
        QObject::connect(upstream, &QTcpSocket::connected, upstream,
                         [upstream, request] { upstream->write(request); });
        auto finish = [client, upstream, answer, done, fault](bool complete) {
            if (*done)
                return;
            *done = true;
            upstream->abort();
            upstream->deleteLater();
            if (!client || fault == Fault::Stall)
                return; // stalled: the till's connection stays open and silent until it times out
            if (!complete || fault == Fault::DropAnswer) {
                client->abort(); // the server may well have applied it
                return;
            }
            const QByteArray message = withConnectionClose(*answer);
            if (fault == Fault::TruncateAnswer) {
                client->write(message.left(message.size() / 2));
                client->flush();
                client->abort();
                return;
            }
            auto send = [client, message] {
                if (!client)
                    return;
                client->write(message);
                client->disconnectFromHost();
            };
            if (fault == Fault::Delay)
                QTimer::singleShot(400, client, send);
            else
                send();
        };
        QObject::connect(upstream, &QTcpSocket::readyRead, upstream, [upstream, answer, finish] {
            answer->append(upstream->readAll());
            if (messageLength(*answer) >= 0)
                finish(true);
        });
        QObject::connect(upstream, &QTcpSocket::disconnected, upstream,
                         [answer, finish] { finish(messageLength(*answer) >= 0); });
        QObject::connect(upstream, &QTcpSocket::errorOccurred, upstream,
                         [answer, finish] { finish(messageLength(*answer) >= 0); });
        upstream->connectToHost(QHostAddress::LocalHost, m_target);
    }

    QTcpServer m_server;
    quint16 m_target = 0;
    std::function<Fault(const QByteArray &)> m_chooser;
    QHash<int, int> m_counts;
    int m_requests = 0;
};

} // namespace counterpart::test
