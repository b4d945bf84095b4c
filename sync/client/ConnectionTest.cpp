// SyncEngine::testConnection: the Settings screen's "Test the connection", on the engine's thread with
// its credentials, apart from the sync cycles (its own HttpClient; nothing is written).

#include "storage/Database.h"
#include "storage/SyncStore.h"
#include "sync/client/EnrolClient.h"
#include "sync/client/HttpClient.h"
#include "sync/client/Log.h"
#include "sync/client/SyncEngine.h"
#include "sync/protocol/Wire.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <memory>

namespace counterpart::sync {

void SyncEngine::testConnection()
{
    auto report = [this](ConnectionTest result) { Q_EMIT connectionTested(result); };
    if (Status opened = openDatabase(); !opened)
        return report({false, opened.error().message, {}, 0});
    auto credentials = loadCredentials(*m_db, m_options.keyFile);
    if (!credentials)
        return report({false, credentials.error().message, {}, 0});
    auto cursor = SyncStore(*m_db).cursor();
    const qint64 after = cursor.ok() ? cursor->value_or(0) : 0;
    // Its own client, deleted when the test ends: a cycle's stop() does not cut the test short.
    auto *http = new HttpClient(this);
    http->setTimeoutMs(qMin(m_options.timeoutMs, 15'000));
    if (Status s = http->setServer(credentials->serverUrl, credentials->caFile); !s) {
        http->deleteLater();
        return report({false, s.error().message, {}, 0});
    }
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    const Credentials c = credentials.value();
    auto sign = [this, c, http](const QByteArray &pathAndQuery) {
        return signedHeaders(c, "GET", http->fullPath(pathAndQuery), {}, m_clock.nowMs());
    };
    http->send("GET", "/v1/health", {}, sign("/v1/health"), [=](const HttpReply &health) {
        if (!health.ok()) {
            qCWarning(lcSync) << "connection test: health HTTP" << health.status << health.networkError;
            http->deleteLater();
            return report({false, describeFailure(health), {}, 0});
        }
        const auto parsed = HealthResponse::fromJson(health.body);
        const QString version = parsed ? parsed->version : QString();
        const QByteArray changes = "/v1/changes?after=" + QByteArray::number(after) + "&limit=1";
        http->send("GET", changes, {}, sign(changes), [=](const HttpReply &signedReply) {
            http->deleteLater();
            if (!signedReply.ok()) {
                qCWarning(lcSync) << "connection test: signed request HTTP" << signedReply.status;
                return report({false, describeFailure(signedReply), version, 0});
            }
            report({true, {}, version, timer->elapsed()});
        });
    });
}

} // namespace counterpart::sync
