#include "storage/Database.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

#include <QCoreApplication>

namespace counterpart {

using namespace storesupport;

Result<std::optional<QByteArray>> RulesStore::active()
{
    const QString sql = QStringLiteral("SELECT document FROM rules_versions WHERE active = 1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    return st.one([](const Statement &s) { return s.blob(0); }, "rules_versions.active");
}

Status RulesStore::activate(const QString &version, const QByteArray &document, qint64 atMs)
{
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    bool exists = false;
    {
        // Ledger entries name the rules version they were computed under; one version must mean one
        // document, or those entries could no longer be explained.
        const QString sql = QStringLiteral("SELECT document FROM rules_versions WHERE version = ?1");
        CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
        st.bind(1, version);
        CP_TRY_ASSIGN(auto stored,
                      st.one([](const Statement &s) { return s.blob(0); }, "rules_versions.byVersion"));
        if (stored.has_value()) {
            if (*stored != document) {
                return makeError(
                    ErrorCode::Conflict,
                    QCoreApplication::translate(
                        "Stores", "Loyalty rules version %1 is already stored with different content.")
                        .arg(version),
                    QStringLiteral("rules_versions.activate: same version, different document"));
            }
            exists = true;
        }
    }
    {
        // The partial unique index allows one active version: switch the old one off first.
        const QString sql = QStringLiteral("UPDATE rules_versions SET active = 0 WHERE active = 1");
        CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
        if (Status s = st.run("rules_versions.deactivate"); !s)
            return s;
    }
    {
        CP_TRY_ASSIGN(
            auto st,
            exists ? m_db.prepare(QStringLiteral("UPDATE rules_versions SET active = 1 WHERE version = ?1"))
                   : m_db.prepare(QStringLiteral("INSERT INTO rules_versions(version, document, received_at,"
                                                 " active) VALUES (?1, ?2, ?3, 1)")));
        st.bind(1, version);
        if (!exists)
            st.bindUtf8(2, document).bind(3, atMs);
        if (Status s = st.run("rules_versions.activate"); !s)
            return s;
    }
    return tx.commit();
}

} // namespace counterpart
