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
    auto state = sync.hlcState();
    if (!state)
        return state.error();
    const qint64 wall = m_clock.nowMs() + state->clockOffsetMs;
    QList<StampAhead> found;
    if (auto to = clamped(state->lastHlc, wall))
        found.append({{}, QStringLiteral("clock"), state->lastHlc, *to});
    auto st =
        m_db->prepare(QStringLiteral("SELECT local_id, code, field_hlc FROM members WHERE field_hlc IS NOT "
                                     "NULL AND field_hlc <> '{}'"));
    if (!st)
        return st.error();
    QHash<qint64, QJsonObject> repaired;
    while (st->next()) {
        QJsonObject stamps = parseObject(st->blob(2));
        for (auto it = stamps.begin(); it != stamps.end(); ++it) {
            const auto to = clamped(it.value().toString(), wall);
            if (!to)
                continue;
            found.append({st->isNull(1) ? QString() : st->text(1), it.key(), it.value().toString(), *to});
            it.value() = *to;
            repaired.insert(st->int64(0), stamps);
        }
    }
    if (!st->ok())
        return st->error(QStringLiteral("members.stampsAhead"));
    if (!repair || found.isEmpty())
        return found;
    CP_TRY(TillInternal::requireManager(*this, std::nullopt, tr("Repairing clock stamps")));
    Transaction tx(*m_db);
    CP_TRY(tx.begin());
    if (clamped(state->lastHlc, wall))
        CP_TRY(sync.setSetting(SyncKeys::LastHlc, found.front().repairedTo));
    for (auto it = repaired.cbegin(); it != repaired.cend(); ++it) {
        auto update = m_db->prepare(QStringLiteral("UPDATE members SET field_hlc = ?2 WHERE local_id = ?1"));
        if (!update)
            return update.error();
        update->bind(1, it.key()).bindUtf8(2, QJsonDocument(it.value()).toJson(QJsonDocument::Compact));
        while (update->next()) {
        }
        if (!update->ok())
            return update->error(QStringLiteral("members.repairStamps"));
    }
    CP_TRY(TillInternal::audit(*this, QStringLiteral("stamps_repaired"), std::nullopt, QString(), QString(),
                               QJsonObject{{QStringLiteral("stamps"), qint64(found.size())},
                                           {QStringLiteral("members"), qint64(repaired.size())}}));
    CP_TRY(tx.commit());
    return found;
}

} // namespace counterpart
