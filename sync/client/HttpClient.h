#pragma once

// HTTP for the sync engine and enrolment: one QNetworkAccessManager, TLS that verifies the server (with
// an extra CA file for a lab or self-signed setup), a transfer timeout, and replies reduced to what the
// engine decides on.

#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <functional>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;

namespace counterpart::sync {

struct HttpReply {
    // Why there was no answer, when status == 0: what the technician is told to do differs for each.
    enum class Failure {
        None,
        Refused,              // nothing listens at that address and port
        HostNotFound,         // the name does not resolve
        TimedOut,             // no answer in time (a firewall that drops, a server that hangs)
        CertificateName,      // the certificate is for another name than the address
        CertificateUntrusted, // signed by nobody this till trusts (self-signed, a lab CA)
        CertificateDates,     // expired or not yet valid (often this till's own date)
        Tls,                  // another TLS failure
        Other,
    };
    int status = 0; // the HTTP status; 0 = no answer (network error, timeout, TLS failure)
    QByteArray body;
    QString networkError; // Qt's words when status == 0, for the log (never shown as they are)
    bool timedOut = false;
    bool tlsFailed = false;
    Failure failure = Failure::None;
    int retryAfterS = 0; // the answer's Retry-After in seconds (a 429 or 503); 0: none given

    bool ok() const { return status >= 200 && status < 300; }
};

// A download streamed to a file: the bytes of a 2xx answer go to the file as they arrive (with their
// SHA-256 computed on the way), never all into memory; any other answer's body is kept in `reply.body`.
struct DownloadReply {
    HttpReply reply;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    qint64 bytes = 0;                      // written to the file
    QByteArray sha256Hex;                  // of what was written
    QString fileError;                     // the file could not be written (disk full, ...): plain words
};

class HttpClient : public QObject
{
    Q_OBJECT

public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    // The server: https://host[:port][/prefix], or http:// to a loopback address only (the server's
    // --insecure-http exists for tests on loopback). `caFile`: PEM certificates trusted in addition to
    // the system's. Refused with a plain-words error when unusable.
    Status setServer(const QString &url, const QString &caFile);
    const QUrl &server() const { return m_server; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // The path as the server sees it (the server's prefix + "/v1/..."): what a signature covers.
    QByteArray fullPath(const QByteArray &pathAndQuery) const;

    using Headers = QList<std::pair<QByteArray, QByteArray>>;
    using Callback = std::function<void(const HttpReply &)>;
    // Sends one request; `done` runs in this object's thread when the answer (or the failure) is in.
    void send(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body,
              const Headers &headers, Callback done);
    using DownloadCallback = std::function<void(const DownloadReply &)>;
    // (bytes written so far, bytes the answer announced or 0): after each piece of a 2xx answer.
    using ProgressCallback = std::function<void(qint64 written, qint64 total)>;
    // GET into `filePath` (created or truncated); `done` runs when the answer is complete or failed.
    void download(const QByteArray &pathAndQuery, const Headers &headers, const QString &filePath,
                  DownloadCallback done, ProgressCallback progress = {});
    // Drops every request in flight (their callbacks do not run).
    void abortAll();

    static bool isLoopbackHost(const QString &host);

private:
    QNetworkRequest makeRequest(const QByteArray &pathAndQuery, const Headers &headers) const;

    QNetworkAccessManager *m_manager = nullptr;
    QUrl m_server;
    QSslConfiguration m_tls;
    int m_timeoutMs = 30'000;
    QList<QNetworkReply *> m_inFlight;
};

} // namespace counterpart::sync
