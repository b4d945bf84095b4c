// The server's registry of store managers (`counterpart-server admin managers`): the staff ids head
// office knows as managers of each store. PointsCheck holds an adjustment's approver against it.

#include "server/ChangeLog.h"
#include "server/ServerStore.h"

namespace counterpart::server {

Status ServerStore::setManager(const QString &store, const QString &staff, bool manager)
{
    if (staff.isEmpty() || staff.size() > 64)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("A staff id is 1 to 64 characters."));
    auto lease = acquire();
    if (!lease)
        return lease.error();
    SqlConnection &c = **lease;
    return write(c, [&]() -> Status {
        CP_TRY(requireStore(c, store));
        if (manager)
            return c.exec(
                QStringLiteral("INSERT INTO store_managers (store, staff, added_at) VALUES ($1, $2, "
                               "$3) ON CONFLICT DO NOTHING"),
                {store, staff, m_clock.nowMs()});
        auto removed = c.query(
            QStringLiteral("DELETE FROM store_managers WHERE store = $1 AND staff = $2 RETURNING staff"),
            {store, staff});
        if (!removed)
            return removed.error();
        if (removed->isEmpty())
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("%1 is not a registered manager of store %2.").arg(staff, store));
        return {};
    });
}

Result<QList<ManagerRecord>> ServerStore::managers(const QString &store)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    auto rows =
        (*lease)->query(QStringLiteral("SELECT store, staff, added_at FROM store_managers WHERE $1 = '' "
                                       "OR store = $1 ORDER BY store, staff"),
                        {store});
    if (!rows)
        return rows.error();
    QList<ManagerRecord> out;
    for (qsizetype r = 0; r < rows->size(); ++r)
        out.append({rows->text(r, 0), rows->text(r, 1), rows->int64(r, 2)});
    return out;
}

} // namespace counterpart::server
