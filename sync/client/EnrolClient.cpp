#include "sync/client/EnrolClient.h"

#include "sync/client/Log.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace counterpart::sync {

namespace {
// lupdate files these tr() calls under the namespace's name: the same context here, or they are never
// translated.
QString tr(const char *text)
{
    return QCoreApplication::translate("counterpart::sync", text);
}

QString networkFailure(HttpReply::Failure failure)
{
    using Failure = HttpReply::Failure;
    switch (failure) {
    case Failure::Refused:
        return tr("Cannot reach the server: nothing answers at that address and port. Check the port, and "
                  "that the server is running.");
    case Failure::HostNotFound:
        return tr("Cannot reach the server: its name is not known here. Check the address and this "
                  "computer's network.");
    case Failure::TimedOut:
        return tr("Cannot reach the server: it did not answer in time. Check the network and any firewall "
                  "between the till and the server.");
    case Failure::CertificateName:
        return tr("The server's certificate is for another name than the address. Use the name the "
                  "certificate was made for.");
    case Failure::CertificateUntrusted:
        return tr("The server's certificate is not trusted. Check the address, or give the certificate "
                  "authority's file (CA file) of a lab or self-signed server.");
    case Failure::CertificateDates:
        return tr("The server's certificate has expired or is not valid yet. Check this computer's date, "
                  "or ask for a new certificate.");
    case Failure::Tls:
        return tr("A safe connection to the server could not be made. Check the address.");
    case Failure::None:
    case Failure::Other:
        break;
    }
    return tr("Cannot reach the server. Check the address and the network.");
}
} // namespace

EnrolProblem enrolProblem(const HttpReply &reply)
{
    using Failure = HttpReply::Failure;
    if (reply.ok())
        return EnrolProblem::None;
    if (reply.status == 0) {
        switch (reply.failure) {
        case Failure::Refused:
            return EnrolProblem::Refused;
        case Failure::HostNotFound:
            return EnrolProblem::HostNotFound;
        case Failure::TimedOut:
            return EnrolProblem::TimedOut;
        case Failure::CertificateName:
            return EnrolProblem::CertificateName;
        case Failure::CertificateUntrusted:
            return EnrolProblem::CertificateUntrusted;
        case Failure::CertificateDates:
            return EnrolProblem::CertificateDates;
        case Failure::Tls:
            return EnrolProblem::Tls;
        case Failure::None:
        case Failure::Other:
            break;
        }
        return EnrolProblem::Other;
    }
    auto error = ErrorBody::fromJson(reply.body);
    const QString code = error.ok() ? error->error : QString();
    if (reply.status == 429 && code == QLatin1String("too_many_attempts"))
        return EnrolProblem::TooManyTries;
    if (reply.status >= 500 || reply.status == 429)
        return EnrolProblem::ServerFailing;
    if (code == QLatin1String("code_unknown"))
        return EnrolProblem::CodeUnknown;
    if (code == QLatin1String("code_used"))
        return EnrolProblem::CodeUsed;
    if (code == QLatin1String("code_expired"))
        return EnrolProblem::CodeExpired;
    if (code.isEmpty() || reply.status == 404)
        return EnrolProblem::NotAServer;
    return EnrolProblem::Other;
}

QString describeFailure(const HttpReply &reply)
{
    if (reply.status == 0)
        return networkFailure(reply.failure);
    auto error = ErrorBody::fromJson(reply.body);
    const QString code = error.ok() ? error->error : QString();
    const QString message = error.ok() ? error->message : QString();
    if (code == QLatin1String("code_unknown"))
        return tr("The server does not know this enrolment code. Check it, or ask for a new one.");
    if (code == QLatin1String("code_used"))
        return tr("This enrolment code has been used already. Ask for a new one.");
    if (code == QLatin1String("code_expired"))
        return tr("This enrolment code is too old. Ask for a new one.");
    if (code == QLatin1String("too_many_attempts"))
        return reply.retryAfterS > 0
                   ? tr("Too many tries: wait %1 s, then check the code and try again.")
                         .arg(reply.retryAfterS)
                   : tr("Too many tries: wait a minute, then check the code and try again.");
    if (code == QLatin1String("terminal_disabled"))
        return tr("An administrator disabled this terminal at the server.");
    if (code == QLatin1String("stale"))
        return tr("This computer's clock is too far from the server's. Set its date and time; the till "
                  "also corrects for it at the next sync.");
    if (reply.status == 401)
        return tr("The server no longer accepts this till (%1). Enrol it again.").arg(code);
    if (reply.status >= 500 || reply.status == 429)
        return tr("The server is busy or failing (HTTP %1). The till tries again later.").arg(reply.status);
    if (!message.isEmpty())
        return tr("The server refused: %1 (HTTP %2)").arg(message.left(200)).arg(reply.status);
    return tr("The server refused the request (HTTP %1).").arg(reply.status);
}

EnrolClient::EnrolClient(QObject *parent)
    : QObject(parent)
    , m_http(new HttpClient(this))
{}

void EnrolClient::setTimeoutMs(int ms)
{
    m_http->setTimeoutMs(ms);
}

void EnrolClient::cancel()
{
    m_http->abortAll();
}

void EnrolClient::enrol(const QString &serverUrl, const QString &caFile, const EnrolRequest &request,
                        Callback done)
{
    if (Status s = m_http->setServer(serverUrl, caFile); !s) {
        done(s.error(), EnrolProblem::BadAddress);
        return;
    }
    m_http->send("POST", "/v1/enrol", request.toJson(), {}, [done](const HttpReply &reply) {
        if (!reply.ok()) {
            qCWarning(lcSync) << "enrolment failed, HTTP" << reply.status << reply.networkError;
            done(makeError(reply.status == 409 || reply.status == 404 ? ErrorCode::Refused
                                                                      : ErrorCode::Storage,
                           describeFailure(reply)),
                 enrolProblem(reply));
            return;
        }
        auto response = EnrolResponse::fromJson(reply.body);
        if (!response) {
            qCWarning(lcSync) << "enrolment answer unreadable:" << response.error().message.left(200);
            done(makeError(ErrorCode::InvalidInput,
                           tr("The server's answer to the enrolment cannot be read: is this address a "
                              "Counterpart server?")),
                 EnrolProblem::NotAServer);
            return;
        }
        done(response.value(), EnrolProblem::None);
    });
}

Result<EnrolResponse> EnrolClient::enrolBlocking(const QString &serverUrl, const QString &caFile,
                                                 const EnrolRequest &request, int timeoutMs)
{
    EnrolClient client;
    client.m_http->setTimeoutMs(timeoutMs);
    std::optional<Result<EnrolResponse>> outcome;
    QEventLoop loop;
    client.enrol(serverUrl, caFile, request, [&](const Result<EnrolResponse> &r, EnrolProblem) {
        outcome = r;
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return *outcome;
}

} // namespace counterpart::sync
