// Installing the chain's loyalty rules (docs/sync-protocol.md, "Rules").

#include "core/LoyaltyRules.h"
#include "server/ChangeLog.h"
#include "server/Log.h"
#include "server/ServerStore.h"

#include <QJsonDocument>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

// Stores `document` as version `version` (or activates it again, when the same document is there) and
// logs a `rules` change. A version installed before with other contents is a conflict.
Status activateRules(SqlConnection &c, const QString &version, const QJsonObject &document, qint64 now)
{
    auto existing = c.query(QStringLiteral("SELECT document FROM rules WHERE version = $1"), {version});
    if (!existing)
        return existing.error();
    if (!existing->isEmpty() && parseStoredJson(existing->text(0, 0)) != document) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("Rules version %1 is already installed with different contents. Give "
                                        "the new rules a new version.")
                             .arg(version));
    }
    CP_TRY(c.exec(QStringLiteral("UPDATE rules SET active = 0 WHERE active = 1")));
    if (existing->isEmpty()) {
        CP_TRY(c.exec(
            QStringLiteral(
                R"(INSERT INTO rules (version, document, installed_at, active) VALUES ($1, $2, $3, 1))"),
            {version, QString::fromUtf8(compactJson(document)), now}));
    } else {
        CP_TRY(c.exec(QStringLiteral("UPDATE rules SET active = 1 WHERE version = $1"), {version}));
    }
    ChangeLog log;
    log.add(ChangeType::Rules, RulesChange{version, document}.toJsonObject());
    return log.commit(c);
}

} // namespace

Result<QString> ServerStore::installRules(const QByteArray &json)
{
    auto rules = LoyaltyRules::fromJson(json);
    if (!rules)
        return rules.error();
    const QJsonObject document = QJsonDocument::fromJson(json).object();
    const QString version = rules->version;
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    Status s = write(c, [&]() -> Status { return activateRules(c, version, document, m_clock.nowMs()); });
    if (!s)
        return s.error();
    qCInfo(lcServer).noquote() << "installed loyalty rules version" << version;
    return version;
}

} // namespace counterpart::server
