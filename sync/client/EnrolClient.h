#pragma once

// POST /v1/enrol: a one-time code gives this till its terminal id, number and secret. Not signed (the
// code is the credential).

#include "core/Result.h"
#include "sync/client/HttpClient.h"
#include "sync/protocol/Wire.h"

#include <QObject>

#include <functional>

namespace counterpart::sync {

// Why an enrolment did not succeed, one value per way forward the technician is offered
// (docs/sync-protocol.md, Errors; the till's setup screen words each one).
enum class EnrolProblem {
    None,
    BadAddress,           // not an https://host:port address, or the CA file is unusable
    CodeUnknown,          // 409 code_unknown: mistyped, or made by another server
    CodeUsed,             // 409 code_used
    CodeExpired,          // 409 code_expired
    Refused,              // nothing listens at that port
    HostNotFound,         // the name does not resolve
    TimedOut,             // no answer in time
    CertificateName,      // the certificate is for another name
    CertificateUntrusted, // nobody this till trusts signed it: give the CA file
    CertificateDates,     // expired or not yet valid: often this till's date
    Tls,                  // another TLS failure
    TooManyTries,         // 429 too_many_attempts: the server throttles enrolment; wait Retry-After
    ServerFailing,        // 5xx, 429 busy
    NotAServer,           // an answer that is not counterpart-server's (404, unreadable)
    Other,
};

// The problem a failed reply to POST /v1/enrol shows.
EnrolProblem enrolProblem(const HttpReply &reply);

class EnrolClient : public QObject
{
    Q_OBJECT

public:
    explicit EnrolClient(QObject *parent = nullptr);

    // `problem` is None on success; on failure the error's message is in plain words (the CLI's).
    using Callback = std::function<void(const Result<EnrolResponse> &, EnrolProblem problem)>;
    void enrol(const QString &serverUrl, const QString &caFile, const EnrolRequest &request, Callback done);
    // Drops the request in flight: its callback does not run. (If the server already took the code, it
    // is used: the technician asks for another.)
    void cancel();
    void setTimeoutMs(int ms);

    // The same, waiting in a local event loop (the CLI; never the UI thread).
    static Result<EnrolResponse> enrolBlocking(const QString &serverUrl, const QString &caFile,
                                               const EnrolRequest &request, int timeoutMs = 30'000);

private:
    HttpClient *m_http = nullptr;
};

// A reply that is not a success, in plain words for the technician (never Qt's or OpenSSL's words).
QString describeFailure(const HttpReply &reply);

} // namespace counterpart::sync
