#include "sync/client/EnrolClient.h"

#include "sync/client/HttpClient.h"
#include "sync/client/Log.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace counterpart::sync {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Sync", text);
}
} // namespace

QString describeFailure(int status, const QByteArray &body, const QString &networkError, bool tlsFailed)
{
    if (status == 0) {
        if (tlsFailed)
            return tr("The server's certificate is not trusted (%1). Check the address, or give the lab's "
                      "CA file with --ca-file.")
                .arg(networkError);
        return tr("Cannot reach the server: %1").arg(networkError);
    }
    auto error = ErrorBody::fromJson(body);
    const QString code = error.ok() ? error->error : QString();
    const QString message = error.ok() ? error->message : QString();
    if (code == QLatin1String("code_used"))
        return tr("This enrolment code has been used already. Ask for a new one.");
    if (code == QLatin1String("code_expired"))
        return tr("This enrolment code is too old. Ask for a new one.");
    if (code == QLatin1String("terminal_disabled"))
        return tr("An administrator disabled this terminal at the server.");
    if (status == 401)
        return tr("The server no longer accepts this till (%1). Enrol it again.").arg(code);
    if (status >= 500 || status == 429)
        return tr("The server is busy or failing (HTTP %1). The till tries again later.").arg(status);
    if (!message.isEmpty())
        return tr("The server refused: %1 (HTTP %2)").arg(message.left(200)).arg(status);
    return tr("The server refused the request (HTTP %1).").arg(status);
}

EnrolClient::EnrolClient(QObject *parent)
    : QObject(parent)
    , m_http(new HttpClient(this))
{}

void EnrolClient::enrol(const QString &serverUrl, const QString &caFile, const EnrolRequest &request,
                        Callback done)
{
    if (Status s = m_http->setServer(serverUrl, caFile); !s) {
        done(s.error());
        return;
    }
    m_http->send("POST", "/v1/enrol", request.toJson(), {}, [done](const HttpReply &reply) {
        if (!reply.ok()) {
            qCWarning(lcSync) << "enrolment failed, HTTP" << reply.status << reply.networkError;
            done(makeError(reply.status == 409 || reply.status == 404 ? ErrorCode::Refused
                                                                      : ErrorCode::Storage,
                           describeFailure(reply.status, reply.body, reply.networkError, reply.tlsFailed)));
            return;
        }
        auto response = EnrolResponse::fromJson(reply.body);
        if (!response) {
            done(makeError(
                ErrorCode::InvalidInput,
                tr("The server's answer to the enrolment cannot be read: %1").arg(response.error().message)));
            return;
        }
        done(response.value());
    });
}

Result<EnrolResponse> EnrolClient::enrolBlocking(const QString &serverUrl, const QString &caFile,
                                                 const EnrolRequest &request, int timeoutMs)
{
    EnrolClient client;
    client.m_http->setTimeoutMs(timeoutMs);
    std::optional<Result<EnrolResponse>> outcome;
    QEventLoop loop;
    client.enrol(serverUrl, caFile, request, [&](const Result<EnrolResponse> &r) {
        outcome = r;
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return *outcome;
}

} // namespace counterpart::sync
