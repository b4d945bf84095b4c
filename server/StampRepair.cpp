// Clock stamps written before the server refused stamps from the future (docs/sync-protocol.md, "Hybrid
// logical clock"): listing them, and clamping them to the server's time so honest edits win again.

#include "server/ChangeLog.h"
#include "server/Log.h"
#include "server/ServerStore.h"
#include "sync/protocol/Hlc.h"

namespace counterpart::server {

namespace {

// The stamps of one member row beyond the bound at `now`, with what each becomes.
QList<StampAhead> aheadIn(const QString &member, const QJsonObject &fieldHlc, const QString &tierHlc,
                          qint64 now)
{
    QList<StampAhead> out;
    auto consider = [&](const QString &field, const QString &text) {
        const sync::Hlc stamp = sync::Hlc::parse(text);
        if (!stamp.isNull() && stamp.isAheadOf(now))
            out.append({member, field, text, sync::Hlc(now, 0, stamp.terminal()).toString()});
    };
    for (auto it = fieldHlc.constBegin(); it != fieldHlc.constEnd(); ++it)
        consider(it.key(), it.value().toString());
    consider(QStringLiteral("tier"), tierHlc);
    return out;
}

} // namespace

Result<QList<StampAhead>> ServerStore::stampsAhead(bool repair)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    const qint64 now = m_clock.nowMs();
    auto rows = c.query(QStringLiteral("SELECT id, field_hlc, tier_hlc FROM members ORDER BY id"));
    if (!rows)
        return rows.error();
    QList<StampAhead> found;
    QStringList members;
    for (qsizetype r = 0; r < rows->size(); ++r) {
        const auto ahead =
            aheadIn(rows->text(r, 0), parseStoredJson(rows->text(r, 1)), rows->text(r, 2), now);
        if (!ahead.isEmpty())
            members << rows->text(r, 0);
        found += ahead;
    }
    if (!repair || found.isEmpty())
        return found;
    Status s = write(c, [&]() -> Status {
        found.clear();
        ChangeLog log;
        for (const QString &id : std::as_const(members)) {
            auto locked = readMember(c, id, true); // as it stands now, under its lock
            if (!locked)
                return locked.error();
            if (!locked->has_value())
                continue;
            MemberRecord m = locked->value();
            const QList<StampAhead> ahead = aheadIn(id, m.fieldHlc, m.tierHlc, now);
            for (const StampAhead &a : ahead) {
                if (a.field == QLatin1String("tier"))
                    m.tierHlc = a.repairedTo;
                else
                    m.fieldHlc.insert(a.field, a.repairedTo);
                CP_TRY(
                    c.exec(QStringLiteral("INSERT INTO stamp_repairs (member, field, stamp, repaired_to, at) "
                                          "VALUES ($1, $2, $3, $4, $5)"),
                           {id, a.field, a.stamp, a.repairedTo, now}));
            }
            if (ahead.isEmpty())
                continue;
            CP_TRY(c.exec(QStringLiteral("UPDATE members SET field_hlc = $2, tier_hlc = $3 WHERE id = $1"),
                          {id, QString::fromUtf8(compactJson(m.fieldHlc)), m.tierHlc}));
            log.member(id);
            found += ahead;
        }
        return log.commit(c);
    });
    if (!s)
        return s.error();
    qCInfo(lcServer).noquote() << "repaired" << found.size() << "clock stamps ahead of the server's clock";
    return found;
}

} // namespace counterpart::server
