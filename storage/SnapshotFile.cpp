#include "storage/SnapshotFile.h"

#include "storage/Database.h"
#include "storage/StatsStore.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace counterpart::SnapshotFile {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("counterpart::SnapshotFile", text);
}

Error unusable(const QString &why)
{
    return makeError(ErrorCode::InvalidInput, tr("The store's snapshot file cannot be used here."),
                     QStringLiteral("snapshot file: ") + why);
}

Result<std::optional<QString>> oneText(Database &db, const QString &sql, const QString &bind = {})
{
    CP_TRY_ASSIGN(auto st, db.prepareOnce(sql));
    if (!bind.isNull())
        st.bind(1, bind);
    if (st.next())
        return std::optional<QString>(st.isNull(0) ? QString() : st.text(0));
    if (!st.ok())
        return st.error(QStringLiteral("snapshot file"));
    return std::optional<QString>();
}

// ATTACHed for the lifetime of this object (ATTACH and DETACH must run outside a transaction).
class Attached
{
public:
    explicit Attached(Database &db)
        : m_db(db)
    {}
    ~Attached()
    {
        if (m_attached)
            (void)m_db.execute(QStringLiteral("DETACH DATABASE snap"));
    }
    Status attach(const QString &path)
    {
        CP_TRY_ASSIGN(auto st, m_db.prepareOnce(QStringLiteral("ATTACH DATABASE ?1 AS snap")));
        st.bind(1, path);
        CP_TRY(st.exec());
        m_attached = true;
        return {};
    }

private:
    Database &m_db;
    bool m_attached = false;
};

// PRAGMA foreign_keys is a no-op inside a transaction: set before, put back after.
class ForeignKeysOff
{
public:
    explicit ForeignKeysOff(Database &db)
        : m_db(db)
    {}
    ~ForeignKeysOff()
    {
        if (m_was)
            (void)m_db.execute(QStringLiteral("PRAGMA foreign_keys=ON"));
    }
    Status turnOff()
    {
        CP_TRY_ASSIGN(auto on, oneText(m_db, QStringLiteral("PRAGMA foreign_keys")));
        m_was = on.value_or(QString()) == QLatin1String("1");
        return m_db.execute(QStringLiteral("PRAGMA foreign_keys=OFF"));
    }

private:
    Database &m_db;
    bool m_was = false;
};

Result<Contents> readContents(Database &db)
{
    Contents c;
    auto setting = [&](const char *key) {
        return oneText(db, QStringLiteral("SELECT value FROM snap.settings WHERE key = ?1"),
                       QLatin1String(key));
    };
    auto cursor = setting("sync_cursor");
    auto unfinished = setting("sync_snapshot_cursor");
    auto deferred = setting("bulk_load_deferred");
    auto hlc = setting("hlc_last");
    for (const auto *r : {&cursor, &unfinished, &deferred, &hlc}) {
        if (!r->ok())
            return r->error();
    }
    bool number = false;
    c.cursor = cursor->value_or(QString()).toLongLong(&number);
    if (!cursor->has_value() || !number || c.cursor < 0 || unfinished->has_value() || deferred->has_value())
        return unusable(QStringLiteral("not a finished snapshot (no cursor, or a bootstrap in progress)"));
    c.lastHlc = hlc->value_or(QString());
    const QString sql = QStringLiteral("SELECT version, document FROM snap.rules_versions WHERE active = 1");
    CP_TRY_ASSIGN(auto st, db.prepareOnce(sql));
    if (st.next()) {
        c.rulesVersion = st.text(0);
        c.rulesDocument = st.text(1).toUtf8();
    }
    if (!st.ok())
        return st.error(QStringLiteral("snapshot file: rules"));
    CP_TRY_ASSIGN(auto members, oneText(db, QStringLiteral("SELECT COUNT(*) FROM snap.members")));
    c.members = members.value_or(QString()).toLongLong();
    return c;
}

// The same schema version, and each copied table defined exactly alike (column order included: rows are
// copied with SELECT *).
Status checkSchema(Database &db)
{
    auto mine = oneText(db, QStringLiteral("PRAGMA main.user_version"));
    auto theirs = oneText(db, QStringLiteral("PRAGMA snap.user_version"));
    if (!mine)
        return mine.error();
    if (!theirs)
        return theirs.error();
    if (mine.value() != theirs.value())
        return unusable(QStringLiteral("schema version %1, this till has %2")
                            .arg(theirs->value_or(QString()), mine->value_or(QString())));
    for (const QString &table : tables()) {
        const QString sql =
            QStringLiteral("SELECT sql FROM %1.sqlite_master WHERE type = 'table' AND name = ?1");
        auto a = oneText(db, sql.arg(QStringLiteral("main")), table);
        auto b = oneText(db, sql.arg(QStringLiteral("snap")), table);
        if (!a)
            return a.error();
        if (!b)
            return b.error();
        if (!a->has_value() || a.value() != b.value())
            return unusable(QStringLiteral("table %1 differs").arg(table));
    }
    return {};
}

} // namespace

QStringList tables()
{
    return {QStringLiteral("members"),
            QStringLiteral("member_names"),
            QStringLiteral("purchases"),
            QStringLiteral("refunds"),
            QStringLiteral("ledger"),
            QStringLiteral("gift_grants"),
            QStringLiteral("tier_changes"),
            QStringLiteral("sync_flags"),
            QStringLiteral("stats_buckets"),
            QStringLiteral("stats_totals"),
            QStringLiteral("member_visits_here")};
}

Result<Contents> copyInto(Database &db, const QString &path,
                          const std::function<Status(const Contents &)> &then)
{
    if (db.inTransaction())
        return makeError(ErrorCode::Internal,
                         tr("Internal error: a snapshot file was copied inside a transaction."));
    if (!QFileInfo(path).isFile())
        return unusable(QStringLiteral("no file"));
    Attached attached(db);
    CP_TRY(attached.attach(path));
    CP_TRY(checkSchema(db));
    CP_TRY_ASSIGN(auto contents, readContents(db));
    for (const QString &table : tables()) {
        CP_TRY_ASSIGN(auto any, oneText(db, QStringLiteral("SELECT 1 FROM main.%1 LIMIT 1").arg(table)));
        if (any.has_value())
            return unusable(QStringLiteral("this till already holds rows of %1").arg(table));
    }

    ForeignKeysOff foreignKeys(db);
    CP_TRY(foreignKeys.turnOff());
    Transaction tx(db);
    CP_TRY(tx.begin());
    QStringList quoted;
    for (const QString &table : tables())
        quoted << QLatin1Char('\'') + table + QLatin1Char('\'');
    QStringList triggers;
    QStringList drops;
    {
        const QString sql = QStringLiteral("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' "
                                           "AND tbl_name IN (%1) ORDER BY name")
                                .arg(quoted.join(QLatin1Char(',')));
        CP_TRY_ASSIGN(auto st, db.prepareOnce(sql));
        while (st.next()) {
            drops << QStringLiteral("DROP TRIGGER main.\"%1\";").arg(st.text(0));
            triggers << st.text(1) + QLatin1Char(';');
        }
        if (!st.ok())
            return st.error(QStringLiteral("snapshot file: triggers"));
    }
    if (!drops.isEmpty())
        CP_TRY(db.execute(drops.join(QLatin1Char(' '))));
    for (const QString &table : tables())
        CP_TRY(db.execute(QStringLiteral("INSERT INTO main.%1 SELECT * FROM snap.%1").arg(table)));
    for (const QString &create : std::as_const(triggers))
        CP_TRY(db.execute(create));
    // The file's aggregates of "this store" are its store's (counterpart-snapshot names it); a till of
    // another store recomputes its own.
    CP_TRY_ASSIGN(auto fileStore,
                  oneText(db, QStringLiteral("SELECT value FROM snap.settings WHERE key = 'store_id'")));
    CP_TRY_ASSIGN(auto tillStore,
                  oneText(db, QStringLiteral("SELECT value FROM main.settings WHERE key = 'store_id'")));
    if (fileStore != tillStore)
        CP_TRY(StatsStore(db).rebuild());
    if (then)
        CP_TRY(then(contents));
    CP_TRY(tx.commit());
    return contents;
}

} // namespace counterpart::SnapshotFile
