#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

namespace counterpart {

using namespace storesupport;

Result<std::optional<QString>> SettingsStore::get(const QString &key)
{
    auto st = m_db.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?1"));
    if (!st)
        return st.error();
    st->bind(1, key);
    return fetchOne<QString>(
        *st, [](const Statement &s) { return s.text(0); }, "settings.get");
}

Status SettingsStore::set(const QString &key, const QString &value)
{
    auto st = m_db.prepare(QStringLiteral("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) "
                                          "DO UPDATE SET value = excluded.value"));
    if (!st)
        return st.error();
    st->bind(1, key).bind(2, orEmpty(value));
    return run(*st, "settings.set");
}

Status SettingsStore::remove(const QString &key)
{
    auto st = m_db.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?1"));
    if (!st)
        return st.error();
    st->bind(1, key);
    return run(*st, "settings.remove");
}

} // namespace counterpart
