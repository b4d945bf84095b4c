// Enrolment with the central server, and what the sync engine asks of the till (docs/sync-client.md).

#include "app/ChainSyncService.h"

#include "app/KeyService.h"
#include "app/SettingsService.h"
#include "app/TillContext.h"
#include "storage/Crypto.h"
#include "storage/Database.h"
#include "storage/KeyRing.h"
#include "storage/Stores.h"
#include "storage/SyncStore.h"
#include "sync/client/Credentials.h"
#include "sync/client/EnrolClient.h"
#include "sync/client/SyncEngine.h"
#include "sync/protocol/Hlc.h"
#include "sync/protocol/Wire.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>

Q_DECLARE_LOGGING_CATEGORY(lcTill)

namespace counterpart {

Result<EnrolmentOutcome> ChainSyncService::enrol(const EnrolmentRequest &request)
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

Result<sync::EnrolRequest> ChainSyncService::enrolmentRequest(const EnrolmentRequest &request)
{
    CP_TRY(m_ctx.requireManager(std::nullopt, tr("Enrolling the till")));
    if (!m_ctx.cipher().local().isValid())
        return makeError(ErrorCode::Crypto, m_ctx.cipherProblem());
    const QString code = request.code.trimmed();
    if (code.isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("Type the enrolment code the administrator gave you."));
    sync::EnrolRequest wire;
    wire.code = code;
    wire.name =
        request.tillName.trimmed().isEmpty()
            ? tr("%1 till %2")
                  .arg(m_ctx.config().storeName.isEmpty() ? m_ctx.config().storeId : m_ctx.config().storeName)
                  .arg(m_ctx.config().terminalNumber)
            : request.tillName.trimmed();
    wire.name = wire.name.left(100);
    auto databaseId = SettingsStore(m_ctx.db()).get(QStringLiteral("database_id"));
    if (!databaseId)
        return databaseId.error();
    wire.databaseId = databaseId->value_or(QString());
    return wire;
}

Result<EnrolmentOutcome> ChainSyncService::applyEnrolment(const sync::EnrolResponse &response,
                                                          const QString &serverUrl, const QString &caFile)
{
    CP_TRY(m_ctx.requireManager(std::nullopt, tr("Enrolling the till")));
    if (!m_ctx.cipher().local().isValid())
        return makeError(ErrorCode::Crypto, m_ctx.cipherProblem());
    if (response.secret.size() < 16 || response.terminalId.isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("The server's enrolment answer is incomplete."));

    TillConfig next = m_ctx.config();
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
    auto sealed = sync::sealSecret(m_ctx.cipher().local(), response.secret, response.terminalId);
    if (!sealed)
        return sealed.error();

    const TillConfig previous = m_ctx.config();
    const bool first = !m_ctx.isEnrolled();
    const qint64 now = m_ctx.clock().nowMs();
    SyncStore store(m_ctx.db());
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    auto written = [&]() -> Status {
        // Operations made before enrolment were never sent; they go out under this terminal and store.
        // What the till did under the old store id moves with it on its first enrolment only. Then the
        // settings, whose store change rebuilds the store's figures from the rows as they now are.
        CP_TRY(store.rewriteForEnrolment(first ? previous.storeId : next.storeId, next.storeId,
                                         first ? previous.terminalId : QString(), next.terminalId));
        CP_TRY(SettingsService(m_ctx).updateConfig(next));
        CP_TRY(store.setSetting(SyncKeys::ServerUrl, serverUrl));
        if (caFile.isEmpty())
            CP_TRY(store.removeSetting(SyncKeys::CaFile));
        else
            CP_TRY(store.setSetting(SyncKeys::CaFile, caFile));
        CP_TRY(store.setSetting(SyncKeys::Secret, sealed.value()));
        CP_TRY(store.setSetting(SyncKeys::EnrolledAt, QString::number(now)));
        CP_TRY(store.setSetting(SyncKeys::ClockOffsetMs, QString::number(response.serverTime - now)));
        CP_TRY(m_ctx.audit(QStringLiteral("sync.enrol"), std::nullopt, {}, {},
                           QJsonObject{{QStringLiteral("store"), next.storeId},
                                       {QStringLiteral("terminalNumber"), next.terminalNumber},
                                       {QStringLiteral("first"), first}}));
        return tx.commit();
    }();
    if (!written) {
        m_ctx.setConfig(previous);
        return written.error();
    }
    m_ctx.setEnrolled(true);
    m_ctx.setOffline(true); // until the sync engine reaches the server
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

Status ChainSyncService::reloadRules()
{
    auto active = RulesStore(m_ctx.db()).active();
    if (!active)
        return active.error();
    if (!active->has_value())
        return {};
    auto rules = LoyaltyRules::fromJson(active->value());
    if (!rules)
        return rules.error();
    m_ctx.setRules(rules.value());
    return {};
}

Result<SyncOverview> ChainSyncService::syncOverview(int listLimit)
{
    SyncOverview o;
    SyncStore store(m_ctx.db());
    auto get = [&](const QString &key) -> QString {
        auto v = store.setting(key);
        return v.ok() ? v->value_or(QString()) : QString();
    };
    o.serverUrl = get(SyncKeys::ServerUrl);
    o.enrolled = !o.serverUrl.isEmpty();
    o.caFile = get(SyncKeys::CaFile);
    o.terminalId = m_ctx.config().terminalId;
    o.terminalNumber = m_ctx.config().terminalNumber;
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
    MemberStore members(m_ctx.db());
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

Status ChainSyncService::markSyncFlagsSeen()
{
    CP_TRY(m_ctx.requireManager(std::nullopt, tr("Marking the server's flags as seen")));
    return SyncStore(m_ctx.db()).markFlagsSeen(m_ctx.clock().nowMs());
}

sync::CycleReport ChainSyncService::syncOnce(const std::function<void(const sync::SyncStatus &)> &onStatus)
{
    sync::SyncEngineOptions options;
    options.keyFile = m_ctx.keyFile();
    options.schedule = false;
    sync::SyncEngine engine(m_ctx.db().path(), m_ctx.clock(), options);
    QString installedRules;
    QObject::connect(&engine, &sync::SyncEngine::rulesChanged, &engine,
                     [&](const QString &version) { installedRules = version; });
    if (onStatus)
        QObject::connect(&engine, &sync::SyncEngine::statusChanged, &engine, onStatus);
    sync::CycleReport report = engine.runOnce();
    if (report.ok || engine.status().enrolled)
        m_ctx.setOffline(!report.ok);
    if (!installedRules.isEmpty()) {
        if (Status s = reloadRules(); !s)
            qCWarning(lcTill) << "rules from the server could not be loaded:" << s.error().detail;
    }
    if (!report.ok)
        return report;
    // The chain's key came with this cycle: what this till sealed with its own key goes out sealed with
    // it, in a second cycle.
    auto resealed = KeyService(m_ctx).resealWithChainKey();
    if (!resealed)
        qCWarning(lcTill) << "re-sealing for the chain failed:" << resealed.error().detail;
    else if (resealed->resealed > 0)
        report = engine.runOnce();
    return report;
}

Result<QList<std::pair<QByteArray, QByteArray>>> ChainSyncService::signRequest(const QByteArray &method,
                                                                               const QByteArray &pathAndQuery,
                                                                               const QByteArray &body)
{
    CP_TRY(m_ctx.requireManager(std::nullopt, tr("Signing a request as this till")));
    auto credentials = sync::loadCredentials(m_ctx.db(), m_ctx.keyFile());
    if (!credentials)
        return credentials.error();
    // The server's path prefix, if the address has one, is part of what is signed.
    QUrl server(credentials->serverUrl);
    QByteArray prefix = server.path(QUrl::FullyEncoded).toUtf8();
    while (prefix.endsWith('/'))
        prefix.chop(1);
    return sync::signedHeaders(credentials.value(), method.toUpper(), prefix + pathAndQuery, body,
                               m_ctx.clock().nowMs());
}

// Clock stamps more than Hlc::MaxAheadMs ahead of this till's clock, written before the till refused
// them (docs/sync-protocol.md, "Hybrid logical clock"): its own last stamp, or a member's field stamp
// pulled from a server that had accepted one. Listed, and repaired by clamping to the till's present.

namespace {

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// The stamp clamped to `wallMs`, or nothing when it is within the bound.
std::optional<QString> clamped(const QString &text, qint64 wallMs)
{
    const sync::Hlc stamp = sync::Hlc::parse(text);
    if (stamp.isNull() || !stamp.isAheadOf(wallMs))
        return std::nullopt;
    return sync::Hlc(wallMs, 0, stamp.terminal()).toString();
}

} // namespace

Result<QList<StampAhead>> ChainSyncService::stampsAhead(bool repair)
{
    SyncStore sync(m_ctx.db());
    CP_TRY_ASSIGN(const auto state, sync.hlcState());
    const qint64 wall = m_ctx.clock().nowMs() + state.clockOffsetMs;
    QList<StampAhead> found;
    if (auto to = clamped(state.lastHlc, wall))
        found.append({{}, QStringLiteral("clock"), state.lastHlc, *to});
    CP_TRY_ASSIGN(const auto members, sync.memberFieldStamps());
    QHash<qint64, QJsonObject> repaired;
    for (const SyncStore::MemberStamps &member : members) {
        QJsonObject stamps = parseObject(member.fieldHlc);
        for (auto it = stamps.begin(); it != stamps.end(); ++it) {
            const auto to = clamped(it.value().toString(), wall);
            if (!to)
                continue;
            found.append({member.code, it.key(), it.value().toString(), *to});
            it.value() = *to;
            repaired.insert(member.localId, stamps);
        }
    }
    if (!repair || found.isEmpty())
        return found;
    CP_TRY(m_ctx.requireManager(std::nullopt, tr("Repairing clock stamps")));
    Transaction tx(m_ctx.db());
    CP_TRY(tx.begin());
    if (clamped(state.lastHlc, wall))
        CP_TRY(sync.setSetting(SyncKeys::LastHlc, found.front().repairedTo));
    for (auto it = repaired.cbegin(); it != repaired.cend(); ++it)
        CP_TRY(sync.setMemberFieldStamps(it.key(), QJsonDocument(it.value()).toJson(QJsonDocument::Compact)));
    CP_TRY(m_ctx.audit(QStringLiteral("stamps_repaired"), std::nullopt, QString(), QString(),
                       QJsonObject{{QStringLiteral("stamps"), qint64(found.size())},
                                   {QStringLiteral("members"), qint64(repaired.size())}}));
    CP_TRY(tx.commit());
    return found;
}

} // namespace counterpart
