// Enrolment with the central server, and what the sync engine asks of the till (docs/sync-client.md).

#include "app/Till.h"
#include "app/TillInternal.h"
#include "storage/Crypto.h"
#include "storage/Database.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "sync/client/Credentials.h"
#include "sync/client/EnrolClient.h"
#include "sync/client/SyncEngine.h"
#include "sync/protocol/Wire.h"

#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>

Q_DECLARE_LOGGING_CATEGORY(lcTill)

namespace counterpart {

Result<EnrolmentOutcome> Till::enrol(const EnrolmentRequest &request)
{
    auto wire = enrolmentRequest(request);
    if (!wire)
        return wire.error();
    auto response =
        sync::EnrolClient::enrolBlocking(request.serverUrl.trimmed(), request.caFile, wire.value());
    if (!response)
        return response.error();
    return applyEnrolment(response.value(), request.serverUrl.trimmed(), request.caFile);
}

Result<sync::EnrolRequest> Till::enrolmentRequest(const EnrolmentRequest &request)
{
    CP_TRY(TillInternal::requireManager(*this, std::nullopt, tr("Enrolling the till")));
    if (!m_cipher->isValid())
        return makeError(ErrorCode::Crypto, m_cipherProblem);
    const QString code = request.code.trimmed();
    if (code.isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("Type the enrolment code the administrator gave you."));
    sync::EnrolRequest wire;
    wire.code = code;
    wire.name = request.tillName.trimmed().isEmpty()
                    ? tr("%1 till %2")
                          .arg(m_config.storeName.isEmpty() ? m_config.storeId : m_config.storeName)
                          .arg(m_config.terminalNumber)
                    : request.tillName.trimmed();
    wire.name = wire.name.left(100);
    auto databaseId = SettingsStore(*m_db).get(QStringLiteral("database_id"));
    if (!databaseId)
        return databaseId.error();
    wire.databaseId = databaseId->value_or(QString());
    return wire;
}

Result<EnrolmentOutcome> Till::applyEnrolment(const sync::EnrolResponse &response, const QString &serverUrl,
                                              const QString &caFile)
{
    CP_TRY(TillInternal::requireManager(*this, std::nullopt, tr("Enrolling the till")));
    if (!m_cipher->isValid())
        return makeError(ErrorCode::Crypto, m_cipherProblem);
    if (response.secret.size() < 16 || response.terminalId.isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("The server's enrolment answer is incomplete."));

    TillConfig next = m_config;
    next.storeId = response.store.id;
    next.storeName = response.store.name;
    next.terminalId = response.terminalId;
    next.terminalNumber = response.terminalNumber;
    if (!response.store.region.isEmpty())
        next.region = response.store.region;
    if (!response.store.timeZone.isEmpty())
        next.timeZone = response.store.timeZone.toLatin1();
    if (!response.store.currency.isEmpty())
        next.currency = response.store.currency;
    auto sealed = sync::sealSecret(*m_cipher, response.secret, response.terminalId);
    if (!sealed)
        return sealed.error();

    const TillConfig previous = m_config;
    const bool first = !m_enrolled;
    const qint64 now = m_clock.nowMs();
    SyncStore store(*m_db);
    Transaction tx(*m_db);
    CP_TRY(tx.begin());
    auto written = [&]() -> Status {
        CP_TRY(updateConfig(next));
        // Operations made before enrolment were never sent; they go out under this terminal and store.
        // Purchases made under the old store id move with the till on its first enrolment only.
        CP_TRY(store.rewriteForEnrolment(first ? previous.storeId : next.storeId, next.storeId,
                                         next.terminalId));
        CP_TRY(store.setSetting(SyncKeys::ServerUrl, serverUrl));
        if (caFile.isEmpty())
            CP_TRY(store.removeSetting(SyncKeys::CaFile));
        else
            CP_TRY(store.setSetting(SyncKeys::CaFile, caFile));
        CP_TRY(store.setSetting(SyncKeys::Secret, sealed.value()));
        CP_TRY(store.setSetting(SyncKeys::EnrolledAt, QString::number(now)));
        CP_TRY(store.setSetting(SyncKeys::ClockOffsetMs, QString::number(response.serverTime - now)));
        CP_TRY(TillInternal::audit(*this, QStringLiteral("sync.enrol"), std::nullopt, {}, {},
                                   QJsonObject{{QStringLiteral("store"), next.storeId},
                                               {QStringLiteral("terminalNumber"), next.terminalNumber},
                                               {QStringLiteral("first"), first}}));
        return tx.commit();
    }();
    if (!written) {
        m_config = previous;
        return written.error();
    }
    m_enrolled = true;
    m_offline = true; // until the sync engine reaches the server
    qCInfo(lcTill) << "enrolled as terminal" << next.terminalNumber << "of store" << next.storeId;

    EnrolmentOutcome out;
    out.terminalId = next.terminalId;
    out.terminalNumber = next.terminalNumber;
    out.storeId = next.storeId;
    out.storeName = next.storeName;
    out.clockOffsetMs = response.serverTime - now;
    auto pending = store.pendingCount();
    if (pending)
        out.pendingOps = pending.value();
    return out;
}

Status Till::reloadRules()
{
    auto active = RulesStore(*m_db).active();
    if (!active)
        return active.error();
    if (!active->has_value())
        return {};
    auto rules = LoyaltyRules::fromJson(active->value());
    if (!rules)
        return rules.error();
    m_rules = rules.value();
    return {};
}

Result<SyncOverview> Till::syncOverview(int listLimit)
{
    SyncOverview o;
    SyncStore store(*m_db);
    auto get = [&](const QString &key) -> QString {
        auto v = store.setting(key);
        return v.ok() ? v->value_or(QString()) : QString();
    };
    o.serverUrl = get(SyncKeys::ServerUrl);
    o.enrolled = !o.serverUrl.isEmpty();
    o.caFile = get(SyncKeys::CaFile);
    o.terminalId = m_config.terminalId;
    o.terminalNumber = m_config.terminalNumber;
    o.lastSuccessMs = get(SyncKeys::LastSuccessMs).toLongLong();
    o.lastError = get(SyncKeys::LastError);
    o.clockOffsetMs = get(SyncKeys::ClockOffsetMs).toLongLong();
    o.bootstrapping = !get(SyncKeys::SnapshotCursor).isEmpty();
    auto cursor = store.cursor();
    if (!cursor)
        return cursor.error();
    o.cursor = cursor.value();
    auto pending = store.pendingCount();
    if (!pending)
        return pending.error();
    o.pendingOps = pending.value();
    auto oldest = store.oldestPendingMs();
    if (!oldest)
        return oldest.error();
    o.oldestPendingMs = oldest.value();
    auto rejectedCount = store.rejectedCount();
    if (!rejectedCount)
        return rejectedCount.error();
    o.rejectedOps = rejectedCount.value();
    auto rejected = store.rejectedOps(listLimit);
    if (!rejected)
        return rejected.error();
    MemberStore members(*m_db);
    auto codeOf = [&members](const Uuid &member) -> QString {
        if (member.isNull())
            return {};
        auto m = members.byId(member);
        return m.ok() && m->has_value() ? m->value().code : QString();
    };
    for (const AnsweredOp &op : rejected.value())
        o.rejected.append(SyncOverview::Rejected{op.id.toString(), op.kind, op.createdAtMs, op.answeredAtMs,
                                                 op.reason, op.message, codeOf(op.entity)});
    auto unseen = store.unseenFlagCount();
    if (!unseen)
        return unseen.error();
    o.unseenFlags = unseen.value();
    auto flags = store.flags(false, listLimit);
    if (!flags)
        return flags.error();
    for (const SyncFlagRow &f : flags.value())
        o.flags.append(SyncOverview::Flag{f.kind, codeOf(f.member), f.balance, f.atMs, f.seen});
    return o;
}

Status Till::markSyncFlagsSeen()
{
    CP_TRY(TillInternal::requireManager(*this, std::nullopt, tr("Marking the server's flags as seen")));
    return SyncStore(*m_db).markFlagsSeen(m_clock.nowMs());
}

sync::CycleReport Till::syncOnce(const std::function<void(const sync::SyncStatus &)> &onStatus)
{
    sync::SyncEngineOptions options;
    options.keyFile = m_keyFile;
    options.schedule = false;
    sync::SyncEngine engine(m_db->path(), m_clock, options);
    QString installedRules;
    QObject::connect(&engine, &sync::SyncEngine::rulesChanged, &engine,
                     [&](const QString &version) { installedRules = version; });
    if (onStatus)
        QObject::connect(&engine, &sync::SyncEngine::statusChanged, &engine, onStatus);
    sync::CycleReport report = engine.runOnce();
    if (report.ok || engine.status().enrolled)
        m_offline = !report.ok;
    if (!installedRules.isEmpty()) {
        if (Status s = reloadRules(); !s)
            qCWarning(lcTill) << "rules from the server could not be loaded:" << s.error().detail;
    }
    return report;
}

Result<QList<std::pair<QByteArray, QByteArray>>>
Till::signRequest(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body)
{
    CP_TRY(TillInternal::requireManager(*this, std::nullopt, tr("Signing a request as this till")));
    auto credentials = sync::loadCredentials(*m_db, m_keyFile);
    if (!credentials)
        return credentials.error();
    // The server's path prefix, if the address has one, is part of what is signed.
    QUrl server(credentials->serverUrl);
    QByteArray prefix = server.path(QUrl::FullyEncoded).toUtf8();
    while (prefix.endsWith('/'))
        prefix.chop(1);
    return sync::signedHeaders(credentials.value(), method.toUpper(), prefix + pathAndQuery, body,
                               m_clock.nowMs());
}

} // namespace counterpart
