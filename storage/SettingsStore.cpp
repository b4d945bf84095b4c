#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

namespace counterpart {

using namespace storesupport;

Result<std::optional<QString>> SettingsStore::get(const QString &key)
{
    CP_TRY_ASSIGN(auto st, m_db.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?1")));
    st.bind(1, key);
    return st.one([](const Statement &s) { return s.text(0); }, "settings.get");
}

Status SettingsStore::set(const QString &key, const QString &value)
{
    const QString sql = QStringLiteral("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) "
                                       "DO UPDATE SET value = excluded.value");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, key).bind(2, orEmpty(value));
    return st.run("settings.set");
}

Status SettingsStore::remove(const QString &key)
{
    CP_TRY_ASSIGN(auto st, m_db.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?1")));
    st.bind(1, key);
    return st.run("settings.remove");
}

} // namespace counterpart
