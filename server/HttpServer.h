#pragma once

// HTTP/1.1 over TLS with Boost.Beast: keep-alive, an 8 MiB body limit (413; 16 KiB for requests that are
// not signed), a short deadline for the TLS handshake and each request's header and a longer one for the
// whole request, a cap on connections (in all and per address) below the open-file limit, I/O threads
// apart from the request workers, and a graceful stop (stop accepting, answer what is in flight, close).

#include "core/Result.h"

#include <QString>

#include <memory>

namespace counterpart::server {

class Api;

struct HttpOptions {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8443;           // 0: any free port
    QString certFile;              // PEM chain
    QString keyFile;               // PEM private key
    bool insecureHttp = false;     // plain HTTP, for tests on loopback only
    int threads = 2;               // request workers: each holds at most one database connection
    int ioThreads = 2;             // TLS, reading and writing; never wait on the database
    int readTimeoutSeconds = 30;   // a whole request, from its header to its last byte; each answer
    int headerTimeoutSeconds = 10; // the TLS handshake; a request's header (also an idle kept-alive wait)
    int maxConnections = 0;        // 0: from the open-file limit (what it leaves after a reserve)
    int maxConnectionsPerAddress = 64;
    qint64 unsignedBodyBytes = 16 * 1024; // bodies of requests without a signature (enrolment)
    int acceptPauseMs = 250; // after a failed accept (out of file descriptors), before trying again
    int shutdownGraceSeconds = 30;
};

class HttpServer
{
public:
    HttpServer(Api &api, HttpOptions options);
    ~HttpServer();

    // Loads the certificate, binds and listens. Returns the port actually bound.
    Result<quint16> listen();
    // Serves until SIGINT/SIGTERM (or stop()), then finishes in-flight requests and returns.
    void run();
    void stop();

    struct Impl; // public so the connection classes in HttpServer.cpp can name it

private:
    std::unique_ptr<Impl> d;
};

} // namespace counterpart::server
