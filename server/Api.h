#pragma once

// The protocol's endpoints (docs/sync-protocol.md), independent of the transport: a request in, a
// response out. HttpServer feeds it from Boost.Beast.

#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>

namespace counterpart::server {

class ServerStore;
class Throttle;
struct TerminalRecord;

struct ApiRequest {
    QByteArray method;
    QByteArray target;                     // path and query, exactly as sent (it is signed)
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QString peer; // address, for logs
};

struct ApiResponse {
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QString filePath; // when set, the body is this file's bytes (streamed), not `body`
    qint64 fileBytes = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
};

class Api
{
public:
    explicit Api(ServerStore &store);
    ~Api();

    ApiResponse handle(const ApiRequest &request);
    // Before a signed push's body is read (up to 8 MiB): a refusal unless its headers name an enrolled,
    // enabled terminal and a time within the signature window. The signature is checked by handle().
    std::optional<ApiResponse> admitLargeBody(const QHash<QByteArray, QByteArray> &headers,
                                              const QString &peer);
    // While shutting down every request is answered 503 busy; in-flight ones finish.
    void setStopping() { m_stopping.store(true); }
    // Where counterpart-snapshot publishes the stores' snapshot files (empty: none are served).
    void setSnapshotsDir(const QString &dir) { m_snapshotsDir = dir; }
    // Enrolment attempts allowed a minute from one address and on one code (429 beyond).
    void setEnrolLimits(int perAddressPerMinute, int perCodePerMinute);

    static ApiResponse error(int status, const QString &code, const QString &message,
                             std::optional<qint64> serverTime = std::nullopt);

private:
    ApiResponse health();
    ApiResponse enrol(const ApiRequest &request);
    std::optional<ApiResponse> enrolThrottled(const ApiRequest &request, const QString &code);
    ApiResponse push(const ApiRequest &request, const TerminalRecord &terminal);
    ApiResponse changes(const QByteArray &query);
    ApiResponse snapshot(const QByteArray &query);
    ApiResponse chainKeys(const TerminalRecord &t);
    ApiResponse staff(const QByteArray &query, const TerminalRecord &t);
    ApiResponse manageStaff(const ApiRequest &request, const TerminalRecord &t);
    ApiResponse stats(const QByteArray &query, const TerminalRecord &t);
    ApiResponse snapshotFile(const TerminalRecord &terminal);
    ApiResponse storageFailure(const Error &error, const char *what);
    // The signed request's terminal (docs/sync-protocol.md, "Signed requests"), or the refusal.
    std::variant<TerminalRecord, ApiResponse> authenticate(const ApiRequest &request, const QByteArray &path);

    ServerStore &m_store;
    std::atomic<bool> m_stopping{false};
    QString m_snapshotsDir;
    // The last integrity check (it reads the whole file: at most once every few minutes).
    std::mutex m_checkMutex;
    qint64 m_checkedAtMs = 0;
    bool m_intact = true;
    std::unique_ptr<Throttle> m_enrolByAddress;
    std::unique_ptr<Throttle> m_enrolByCode;
};

} // namespace counterpart::server
