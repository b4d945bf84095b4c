#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

namespace counterpart {

using namespace storesupport;

Status TierChangeStore::insert(const Uuid &id, qint64 member, const QString &from, const QString &to,
                               qint64 atMs, const QString &reason, const QString &rulesVersion)
{
    if (id.isNull())
        return missingId("tier_changes.insert");
    const QString sql =
        QStringLiteral("INSERT INTO tier_changes(id, member, from_tier, to_tier, at, reason, rules_version)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(id.bytes(), member, orEmpty(from), to, atMs, reason, rulesVersion);
    return st.run("tier_changes.insert");
}

} // namespace counterpart
