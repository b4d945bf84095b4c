#pragma once

// The POS link's listener: HTTP/1.1 on the till's own thread and event loop, so a POS's sale is one
// more action of this till on its one connection (docs/pos-api.md, "Why the till serves it"). On
// loopback by default; on a LAN address only with TLS (a certificate and key in PEM). Connections are
// capped, idle ones closed, and a malformed or oversized request answered and closed.

#include "core/Result.h"
#include "pos/PosApi.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>

class QTcpServer;
class QTcpSocket;

namespace counterpart {
class Till;
}

namespace counterpart::pos {

struct PosServerOptions {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8765; // 0: any free port
    QString certFile;    // PEM; required unless the address is loopback
    QString keyFile;
    int maxConnections = 32;
    int idleTimeoutMs = 30'000;

    // "HOST:PORT" or "PORT" (loopback).
    static Result<PosServerOptions> parse(const QString &listen);
    bool isLoopback() const;
};

class PosServer : public QObject
{
    Q_OBJECT

public:
    PosServer(Till &till, PosServerOptions options, QObject *parent = nullptr);
    ~PosServer() override;

    // Binds and listens; returns the port bound. Refused in words for a LAN address without TLS, a bad
    // certificate, or an address in use.
    Result<quint16> listen();
    void close();
    quint16 port() const;

signals:
    void event(const counterpart::pos::PosEvent &event);

private:
    struct Connection;
    void accept();
    void readFrom(QTcpSocket *socket);
    void drop(QTcpSocket *socket);

    Till &m_till;
    PosServerOptions m_options;
    PosApi m_api;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
};

} // namespace counterpart::pos
