#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

namespace counterpart {

using namespace storesupport;

Result<bool> GiftStore::isGranted(qint64 member, const QString &gift, const QString &period)
{
    auto st = m_db.prepare(QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM gift_grants WHERE member = ?1 AND gift = ?2 AND period = ?3)"));
    if (!st)
        return st.error();
    st->bind(1, member).bind(2, gift).bind(3, period);
    Result<qint64> r = fetchInt(*st, "gift_grants.isGranted");
    if (!r)
        return r.error();
    return *r != 0;
}

Result<bool> GiftStore::grant(qint64 member, const QString &gift, const QString &period,
                              std::optional<qint64> entry, qint64 atMs)
{
    // The primary key (member, gift, period) makes "once per period" hold even if two code paths race.
    auto st = m_db.prepare(
        QStringLiteral("INSERT INTO gift_grants(member, gift, period, entry, at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(member, gift, period) DO NOTHING"));
    if (!st)
        return st.error();
    st->bind(1, member).bind(2, gift).bind(3, period).bind(4, entry).bind(5, atMs);
    if (Status s = run(*st, "gift_grants.grant"); !s)
        return s.error();
    return m_db.changes() == 1;
}

} // namespace counterpart
