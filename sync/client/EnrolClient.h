#pragma once

// POST /v1/enrol: a one-time code gives this till its terminal id, number and secret. Not signed (the
// code is the credential).

#include "core/Result.h"
#include "sync/protocol/Wire.h"

#include <QObject>

#include <functional>

namespace counterpart::sync {

class HttpClient;

class EnrolClient : public QObject
{
    Q_OBJECT

public:
    explicit EnrolClient(QObject *parent = nullptr);

    using Callback = std::function<void(const Result<EnrolResponse> &)>;
    void enrol(const QString &serverUrl, const QString &caFile, const EnrolRequest &request, Callback done);

    // The same, waiting in a local event loop (the CLI; never the UI thread).
    static Result<EnrolResponse> enrolBlocking(const QString &serverUrl, const QString &caFile,
                                               const EnrolRequest &request, int timeoutMs = 30'000);

private:
    HttpClient *m_http = nullptr;
};

// A reply that is not a success, in plain words for the technician.
QString describeFailure(int status, const QByteArray &body, const QString &networkError, bool tlsFailed);

} // namespace counterpart::sync
