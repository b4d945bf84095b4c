#pragma once

// HTTP/1.1 over TLS with Boost.Beast: keep-alive, an 8 MiB body limit (413), a 30 s limit for a request
// to arrive, a pool of threads, and a graceful stop (stop accepting, answer what is in flight, close).

#include "core/Result.h"

#include <QString>

#include <memory>

namespace counterpart::server {

class Api;

struct HttpOptions {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8443;       // 0: any free port
    QString certFile;          // PEM chain
    QString keyFile;           // PEM private key
    bool insecureHttp = false; // plain HTTP, for tests on loopback only
    int threads = 2;
    int readTimeoutSeconds = 30;
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
