#include "sync/client/HttpClient.h"

#include "sync/client/Log.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslError>
#include <QSslSocket>

#include <algorithm>
#include <memory>
#include <openssl/evp.h>

namespace counterpart::sync {

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
    , m_tls(QSslConfiguration::defaultConfiguration())
{}

HttpClient::~HttpClient()
{
    abortAll();
}

bool HttpClient::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Status HttpClient::setServer(const QString &url, const QString &caFile)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return makeError(
            ErrorCode::InvalidInput,
            tr("'%1' is not a server address. Write it as https://host:port.").arg(url.left(80)));
    if (scheme == QLatin1String("http") && !isLoopbackHost(parsed.host()))
        return makeError(ErrorCode::InvalidInput,
                         tr("The server must be reached over https (plain http is allowed only on this "
                            "computer, for tests)."));
    if (!parsed.query().isEmpty() || !parsed.fragment().isEmpty() || !parsed.userInfo().isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         tr("Give the server address without user, query or fragment: https://host:port."));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (scheme == QLatin1String("https")) {
        if (!QSslSocket::supportsSsl())
            return makeError(ErrorCode::Internal,
                             tr("TLS is not available on this computer (OpenSSL is missing), so the till "
                                "cannot talk to the server safely."));
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!caFile.isEmpty()) {
            if (!QFileInfo(caFile).isReadable())
                return makeError(ErrorCode::InvalidInput, tr("The CA file %1 cannot be read.").arg(caFile));
            const QList<QSslCertificate> certificates = QSslCertificate::fromPath(caFile, QSsl::Pem);
            if (certificates.isEmpty())
                return makeError(ErrorCode::InvalidInput,
                                 tr("The CA file %1 holds no PEM certificate.").arg(caFile));
            tls.addCaCertificates(certificates);
        }
    }
    m_tls = tls;
    QUrl server = parsed;
    QString path = server.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    server.setPath(path);
    m_server = server;
    // A till behind a shop's proxy uses it for the chain's server; the loopback never goes through one.
    m_manager->setProxy(isLoopbackHost(parsed.host()) ? QNetworkProxy(QNetworkProxy::NoProxy)
                                                      : QNetworkProxy(QNetworkProxy::DefaultProxy));
    return {};
}

QByteArray HttpClient::fullPath(const QByteArray &pathAndQuery) const
{
    return m_server.path(QUrl::FullyEncoded).toUtf8() + pathAndQuery;
}

namespace {

using Failure = HttpReply::Failure;

Failure tlsFailure(const QList<QSslError> &errors)
{
    Failure found = Failure::Tls;
    for (const QSslError &e : errors) {
        switch (e.error()) {
        case QSslError::HostNameMismatch:
            return Failure::CertificateName; // the address is wrong whoever signed the certificate
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::CertificateUntrusted:
            found = Failure::CertificateUntrusted;
            break;
        case QSslError::CertificateExpired:
        case QSslError::CertificateNotYetValid:
            if (found == Failure::Tls)
                found = Failure::CertificateDates;
            break;
        default:
            break;
        }
    }
    return found;
}

// The TLS errors of a reply, kept until it finishes (Qt reports them before the handshake fails).
std::shared_ptr<QList<QSslError>> watchTls(QObject *context, QNetworkReply *reply)
{
    auto errors = std::make_shared<QList<QSslError>>();
    QObject::connect(reply, &QNetworkReply::sslErrors, context,
                     [errors](const QList<QSslError> &e) { *errors = e; });
    return errors;
}

void fillFailure(QNetworkReply *reply, HttpReply &result, const QList<QSslError> &tlsErrors = {})
{
    result.networkError = reply->errorString();
    result.timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                      reply->error() == QNetworkReply::TimeoutError;
    result.tlsFailed = reply->error() == QNetworkReply::SslHandshakeFailedError || !tlsErrors.isEmpty();
    if (result.tlsFailed)
        result.failure = tlsFailure(tlsErrors);
    else if (result.timedOut)
        result.failure = Failure::TimedOut;
    else if (reply->error() == QNetworkReply::ConnectionRefusedError)
        result.failure = Failure::Refused;
    else if (reply->error() == QNetworkReply::HostNotFoundError)
        result.failure = Failure::HostNotFound;
    else
        result.failure = Failure::Other;
}

} // namespace

QNetworkRequest HttpClient::makeRequest(const QByteArray &pathAndQuery, const Headers &headers) const
{
    QUrl origin = m_server;
    origin.setPath(QString());
    const QUrl url = QUrl::fromEncoded(origin.toEncoded() + fullPath(pathAndQuery), QUrl::StrictMode);
    QNetworkRequest request(url);
    // An inactivity timeout: a long download that keeps receiving is not cut off.
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (url.scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_tls);
    request.setRawHeader("Accept", "application/json");
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return request;
}

void HttpClient::send(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body,
                      const Headers &headers, Callback done)
{
    QNetworkRequest request = makeRequest(pathAndQuery, headers);
    if (!body.isEmpty() || method != "GET")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    QNetworkReply *reply =
        method == "GET" ? m_manager->get(request) : m_manager->sendCustomRequest(request, method, body);
    m_inFlight.append(reply);
    auto tlsErrors = watchTls(this, reply);
    connect(reply, &QNetworkReply::finished, this, [this, reply, tlsErrors, done = std::move(done)] {
        m_inFlight.removeAll(reply);
        reply->deleteLater();
        HttpReply result;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (status.isValid() && status.toInt() > 0) {
            result.status = status.toInt();
            result.body = reply->readAll();
            result.retryAfterS = std::max(0, reply->rawHeader("Retry-After").trimmed().toInt());
        } else {
            fillFailure(reply, result, *tlsErrors);
        }
        if (done)
            done(result);
    });
}

void HttpClient::download(const QByteArray &pathAndQuery, const Headers &headers, const QString &filePath,
                          DownloadCallback done, ProgressCallback progress)
{
    struct State {
        QFile file;
        std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> sha{EVP_MD_CTX_new(), EVP_MD_CTX_free};
        DownloadReply result;
    };
    auto state = std::make_shared<State>();
    state->file.setFileName(filePath);
    if (!state->file.open(QIODevice::WriteOnly | QIODevice::Truncate) || !state->sha ||
        EVP_DigestInit_ex(state->sha.get(), EVP_sha256(), nullptr) != 1) {
        state->result.fileError = tr("Cannot write %1: %2").arg(filePath, state->file.errorString());
        if (done)
            done(state->result);
        return;
    }
    QNetworkReply *reply = m_manager->get(makeRequest(pathAndQuery, headers));
    reply->setReadBufferSize(4 * 1024 * 1024); // what waits in memory while the disk catches up
    m_inFlight.append(reply);
    auto tlsErrors = watchTls(this, reply);
    auto drain = [reply, state, progress = std::move(progress)] {
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const bool success = status.isValid() && status.toInt() >= 200 && status.toInt() < 300;
        const qint64 before = state->result.bytes;
        while (reply->bytesAvailable() > 0) {
            const QByteArray chunk = reply->read(1024 * 1024);
            if (!success) {
                if (state->result.reply.body.size() < 64 * 1024)
                    state->result.reply.body += chunk;
                continue;
            }
            if (!state->result.fileError.isEmpty())
                continue;
            if (state->file.write(chunk) != chunk.size()) {
                state->result.fileError =
                    tr("Cannot write %1: %2").arg(state->file.fileName(), state->file.errorString());
                continue;
            }
            EVP_DigestUpdate(state->sha.get(), chunk.constData(), size_t(chunk.size()));
            state->result.bytes += chunk.size();
        }
        if (progress && state->result.bytes > before)
            progress(state->result.bytes,
                     qMax<qint64>(0, reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()));
    };
    connect(reply, &QNetworkReply::readyRead, this, drain);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, state, drain, tlsErrors, done = std::move(done)] {
                m_inFlight.removeAll(reply);
                reply->deleteLater();
                drain();
                DownloadReply &result = state->result;
                const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
                if (status.isValid() && status.toInt() > 0 && reply->error() == QNetworkReply::NoError) {
                    result.reply.status = status.toInt();
                } else if (status.isValid() && status.toInt() >= 400) {
                    result.reply.status = status.toInt(); // an error answer: its body says why
                } else {
                    fillFailure(reply, result.reply, *tlsErrors);
                }
                for (const auto &[name, value] : reply->rawHeaderPairs())
                    result.headers.insert(name.toLower(), value);
                if (!state->file.flush() && result.fileError.isEmpty())
                    result.fileError =
                        tr("Cannot write %1: %2").arg(state->file.fileName(), state->file.errorString());
                state->file.close();
                unsigned char digest[EVP_MAX_MD_SIZE];
                unsigned int length = 0;
                if (EVP_DigestFinal_ex(state->sha.get(), digest, &length) == 1)
                    result.sha256Hex =
                        QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
                if (done)
                    done(result);
            });
}

void HttpClient::abortAll()
{
    const QList<QNetworkReply *> replies = m_inFlight;
    m_inFlight.clear();
    for (QNetworkReply *reply : replies) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace counterpart::sync
