// Clock stamps more than Hlc::MaxAheadMs ahead of this till's clock, written before the till refused
// them (docs/sync-protocol.md, "Hybrid logical clock"): its own last stamp, or a member's field stamp
// pulled from a server that had accepted one. Listed, and repaired by clamping to the till's present.

#include "app/Till.h"
#include "app/TillInternal.h"
#include "storage/Database.h"
#include "storage/SyncStore.h"
#include "sync/protocol/Hlc.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace counterpart {

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

Result<QList<StampAhead>> Till::stampsAhead(bool repair)
{
    SyncStore sync(*m_db);
    CP_TRY_ASSIGN(const auto state, sync.hlcState());
    const qint64 wall = m_clock.nowMs() + state.clockOffsetMs;
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
    CP_TRY(TillInternal::requireManager(*this, std::nullopt, tr("Repairing clock stamps")));
    Transaction tx(*m_db);
    CP_TRY(tx.begin());
    if (clamped(state.lastHlc, wall))
        CP_TRY(sync.setSetting(SyncKeys::LastHlc, found.front().repairedTo));
    for (auto it = repaired.cbegin(); it != repaired.cend(); ++it)
        CP_TRY(sync.setMemberFieldStamps(it.key(), QJsonDocument(it.value()).toJson(QJsonDocument::Compact)));
    CP_TRY(TillInternal::audit(*this, QStringLiteral("stamps_repaired"), std::nullopt, QString(), QString(),
                               QJsonObject{{QStringLiteral("stamps"), qint64(found.size())},
                                           {QStringLiteral("members"), qint64(repaired.size())}}));
    CP_TRY(tx.commit());
    return found;
}

} // namespace counterpart
