// Who did what at which till, chain-wide (`admin activity`, docs/server.md "Staff"): the operations the
// tills sent, with the operator, the member and the till's time stamp each carried, and the answer.

#include "core/Uuid.h"
#include "server/ChangeLog.h"
#include "server/ServerStore.h"

#include <QJsonArray>

namespace counterpart::server {

namespace {

ActivityRecord activityFromRow(const SqlRows &rows, qsizetype r)
{
    ActivityRecord a;
    a.at = rows.int64(r, 0);
    a.store = rows.text(r, 1);
    a.terminal = rows.text(r, 2);
    a.terminalNumber = int(rows.int64(r, 3));
    a.terminalName = rows.text(r, 4);
    a.staff = rows.text(r, 5);
    a.kind = rows.text(r, 6);
    a.member = rows.text(r, 7);
    a.status = rows.text(r, 8);
    a.reason = rows.text(r, 9);
    for (const QJsonValue &f : parseStoredJson(rows.text(r, 10)).value(QStringLiteral("flags")).toArray())
        a.flags << f.toString();
    return a;
}

// A member named by id or by member code, as its id; the text itself when no member has that code.
Result<QString> memberId(SqlConnection &c, const QString &text)
{
    if (text.isEmpty() || !Uuid::fromString(text).isNull())
        return text.toLower();
    auto rows = c.query(QStringLiteral("SELECT id FROM members WHERE code = $1"), {text});
    if (!rows)
        return rows.error();
    return rows->isEmpty() ? text : rows->text(0, 0);
}

} // namespace

Result<QList<ActivityRecord>> ServerStore::activity(const ActivityQuery &q)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    if (!q.store.isEmpty())
        CP_TRY(requireStore(c, q.store));
    CP_TRY_ASSIGN(const QString member, memberId(c, q.member));
    auto rows = c.query(
        QStringLiteral(
            "SELECT a.op_at, t.store, a.terminal, t.number, t.name, a.operator, a.kind, a.member, a.status, "
            "a.reason, a.result FROM applied_ops a JOIN terminals t ON t.id = a.terminal "
            "WHERE a.op_at >= $1 AND a.op_at < $2 AND ($3 = '' OR t.store = $3) "
            "AND ($4 = '' OR a.operator = $4) AND ($5 = '' OR a.member = $5) "
            "AND ($6 = '' OR a.terminal = $6) ORDER BY a.op_at DESC, a.op_id LIMIT $7"),
        {q.fromMs, q.toMs, q.store, q.staff, member, q.terminal, qint64(std::clamp(q.limit, 1, 10000))});
    if (!rows)
        return rows.error();
    QList<ActivityRecord> out;
    out.reserve(rows->size());
    for (qsizetype r = 0; r < rows->size(); ++r)
        out.append(activityFromRow(*rows, r));
    return out;
}

} // namespace counterpart::server
