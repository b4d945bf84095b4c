#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

namespace counterpart {

using namespace storesupport;

Result<bool> GiftStore::isGranted(qint64 member, const QString &gift, const QString &period)
{
    const QString sql = QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM gift_grants WHERE member = ?1 AND gift = ?2 AND period = ?3)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(member, gift, period);
    CP_TRY_ASSIGN(auto r, st.scalar("gift_grants.isGranted"));
    return r != 0;
}

Result<bool> GiftStore::grant(qint64 member, const QString &gift, const QString &period,
                              std::optional<qint64> entry, qint64 atMs)
{
    // The primary key (member, gift, period) makes "once per period" hold even if two code paths race.
    const QString sql =
        QStringLiteral("INSERT INTO gift_grants(member, gift, period, entry, at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(member, gift, period) DO NOTHING");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(member, gift, period, entry, atMs);
    CP_TRY(st.run("gift_grants.grant"));
    return m_db.changes() == 1;
}

} // namespace counterpart
