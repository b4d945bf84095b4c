#include "storage/Schema.h"

#include "core/Clock.h"
#include "core/Uuid.h"
#include "storage/Backup.h"
#include "storage/Database.h"
#include "storage/Log.h"
#include "storage/Stores.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>

#include <sqlite3.h>

namespace counterpart {

namespace {

const QString MigrationsDir = QStringLiteral(":/counterpart/storage/migrations");

// The compiled-in migrations, by version: index 0 is version 1. Only an unbroken run from 0001 counts,
// so a missing file can never be skipped over.
const QStringList &migrationFiles()
{
    static const QStringList files = [] {
        QStringList byVersion;
        const QStringList names =
            QDir(MigrationsDir).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
        for (const QString &name : names) {
            bool ok = false;
            const int version = name.left(4).toInt(&ok);
            if (!ok || version != byVersion.size() + 1) {
                qCWarning(lcStorage).noquote() << "migration" << name << "is out of sequence; ignored";
                break;
            }
            byVersion.append(MigrationsDir + QLatin1Char('/') + name);
        }
        return byVersion;
    }();
    return files;
}

bool isDamageCode(int extendedCode)
{
    const int primary = extendedCode & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

Status setUserVersion(Database &db, int version)
{
    return db.execute(QStringLiteral("PRAGMA user_version = %1").arg(version));
}

// Every database knows its own id: the encryption key file is named after it, and the server tells tills
// apart by it.
Status ensureDatabaseId(Database &db)
{
    const QString sql = QStringLiteral(
        "INSERT INTO settings(key, value) VALUES ('database_id', ?1) ON CONFLICT(key) DO NOTHING");
    CP_TRY_ASSIGN(auto st, db.prepareOnce(sql));
    const SystemClock clock;
    st.bind(1, Uuid::createV7(clock).toString());
    return st.exec();
}

Result<bool> hasDatabaseId(Database &db)
{
    const QString sql = QStringLiteral("SELECT 1 FROM settings WHERE key = 'database_id'");
    CP_TRY_ASSIGN(auto st, db.prepareOnce(sql));
    const bool found = st.next();
    if (!st.ok())
        return st.error();
    return found;
}

// Copies the database file (and its WAL, which holds the latest commits) beside it, never replacing a
// file. The WAL copy gets the name SQLite looks for, so the copy opens with everything in it.
bool keepDamagedCopy(const QString &path, QString *copyPath, QString *problem)
{
    const QString base = path + QStringLiteral(".damaged-") +
                         QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = base;
    for (int n = 2; QFileInfo::exists(target) || QFileInfo::exists(target + QStringLiteral("-wal")); ++n)
        target = base + QLatin1Char('-') + QString::number(n);

    if (!QFile::copy(path, target)) {
        *problem = QStringLiteral("copying the database file to %1 failed").arg(target);
        return false;
    }
    const QString wal = path + QStringLiteral("-wal");
    // An empty WAL (any open connection makes one) holds nothing worth keeping.
    if (QFileInfo(wal).size() > 0 && !QFile::copy(wal, target + QStringLiteral("-wal"))) {
        *problem = QStringLiteral("copying the WAL file to %1-wal failed").arg(target);
        *copyPath = target; // the main file was kept; say so
        return false;
    }
    *copyPath = target;
    qCWarning(lcStorage).noquote() << "the database is damaged; a copy was kept at" << target;
    return true;
}

Error damagedError(const QString &path, const QString &copyPath, const QString &detail, bool notADatabase)
{
    QString message;
    if (notADatabase) {
        message = QCoreApplication::translate(
                      "Schema", "The file at %1 is not a Counterpart database, or it is damaged "
                                "beyond reading, so the till did not open it.")
                      .arg(path);
    } else {
        message = QCoreApplication::translate(
                      "Schema", "The member database at %1 is damaged, so the till did not open it.")
                      .arg(path);
    }
    message += QLatin1Char(' ');
    if (!copyPath.isEmpty()) {
        message += QCoreApplication::translate("Schema", "A copy was kept at %1 and nothing was deleted.")
                       .arg(copyPath);
    } else {
        message += QCoreApplication::translate(
            "Schema", "A copy could not be kept beside it (is the disk full?); nothing "
                      "was deleted.");
    }
    message += QLatin1Char(' ');
    message += QCoreApplication::translate("Schema",
                                           "Technician: keep both files, run `counterpart-admin check` for "
                                           "details, then restore this till from the server or a backup.");
    return makeError(ErrorCode::Storage, message, detail);
}

} // namespace

namespace Schema {

int latestVersion()
{
    return int(migrationFiles().size());
}

Result<int> currentVersion(Database &db)
{
    CP_TRY_ASSIGN(auto st, db.prepareOnce(QStringLiteral("PRAGMA user_version")));
    if (!st.next()) {
        if (!st.ok())
            return st.error();
        return makeError(ErrorCode::Internal,
                         QCoreApplication::translate("Schema", "Internal error: no schema version."),
                         QStringLiteral("PRAGMA user_version returned no row"));
    }
    return st.int32(0);
}

namespace {

const QString BulkLoadKey = QStringLiteral("bulk_load_deferred"); // JSON array of CREATE statements

// Indexes the bulk load neither reads nor needs for correctness, whose upkeep is random writes.
const QStringList DeferredIndexes = {
    QStringLiteral("ledger_at"),          QStringLiteral("ledger_expiring"),
    QStringLiteral("ledger_receipt"),     QStringLiteral("ledger_reverses"),
    QStringLiteral("purchases_at"),       QStringLiteral("purchases_at_member"),
    QStringLiteral("members_created_at"), QStringLiteral("members_last_visit"),
    QStringLiteral("members_birthday"),   QStringLiteral("members_last4"),
};

} // namespace

Result<bool> bulkLoadWorkDeferred(Database &db)
{
    CP_TRY_ASSIGN(auto saved, SettingsStore(db).get(BulkLoadKey));
    return saved.has_value();
}

Status deferBulkLoadWork(Database &db)
{
    CP_TRY_ASSIGN(auto already, bulkLoadWorkDeferred(db));
    if (already)
        return {};
    const QString sql =
        QStringLiteral("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type = 'index'"
                       " AND name IN (SELECT value FROM json_each(?1)) ORDER BY name");
    CP_TRY_ASSIGN(auto st, db.prepare(sql));
    st.bindUtf8(1, QJsonDocument(QJsonArray::fromStringList(DeferredIndexes)).toJson(QJsonDocument::Compact));
    QJsonArray creates;
    QStringList drops;
    while (st.next()) {
        creates.append(st.text(1));
        drops << QStringLiteral("DROP INDEX %1;").arg(st.text(0));
    }
    if (!st.ok())
        return st.error(QStringLiteral("bulk load: schema"));
    CP_TRY(SettingsStore(db).set(BulkLoadKey,
                                 QString::fromUtf8(QJsonDocument(creates).toJson(QJsonDocument::Compact))));
    return db.execute(drops.join(QLatin1Char(' ')));
}

Status restoreBulkLoadWork(Database &db)
{
    CP_TRY_ASSIGN(auto saved, SettingsStore(db).get(BulkLoadKey));
    if (!saved.has_value())
        return {};
    const QJsonArray creates = QJsonDocument::fromJson(saved.value().toUtf8()).array();
    for (const QJsonValue &create : creates)
        CP_TRY(db.execute(create.toString()));
    return SettingsStore(db).remove(BulkLoadKey);
}

Status finishBulkLoad(Database &db)
{
    CP_TRY_ASSIGN(auto deferred, bulkLoadWorkDeferred(db));
    if (!deferred)
        return {};
    // CREATE INDEX sorts millions of rows: in temporary files, not memory (hundreds of MiB for a
    // million members with temp_store=MEMORY, ~20 MiB with files). Set outside the transaction, as
    // SQLite requires, and put back after.
    qint64 before = 0;
    {
        CP_TRY_ASSIGN(auto mode, db.prepare(QStringLiteral("PRAGMA temp_store")));
        if (mode.next())
            before = mode.int64(0);
    } // the statement resets here, before the pragmas below
    CP_TRY(db.execute(QStringLiteral("PRAGMA temp_store=FILE")));
    Status restored = [&]() -> Status {
        Transaction tx(db);
        CP_TRY(tx.begin());
        CP_TRY(restoreBulkLoadWork(db));
        return tx.commit();
    }();
    CP_TRY(db.execute(QStringLiteral("PRAGMA temp_store=%1").arg(before)));
    return restored;
}

Status migrate(Database &db)
{
    return migrateTo(db, latestVersion());
}

namespace {

// A version this program can migrate the file at `current` to, outside a transaction.
Status checkMigrationTarget(Database &db, int current, int version)
{
    const int latest = latestVersion();
    if (current > latest) {
        // Written by a newer program: its tables may mean things this program does not know. Refuse
        // before writing anything, so the newer program can still use it.
        return makeError(ErrorCode::Storage,
                         QCoreApplication::translate(
                             "Schema", "This database was written by a newer version of Counterpart "
                                       "(schema %1; this program knows up to %2). Install the newer "
                                       "version; the file has not been changed.")
                             .arg(current)
                             .arg(latest),
                         QStringLiteral("user_version %1 > latest %2").arg(current).arg(latest));
    }
    if (version < 0 || version > latest || version < current) {
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("Schema", "Internal error: cannot migrate to that schema version."),
            QStringLiteral("migrateTo(%1) from %2, latest %3").arg(version).arg(current).arg(latest));
    }
    if (db.inTransaction()) {
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("Schema", "Internal error: migration inside a transaction."),
            QStringLiteral("migrateTo called inside a transaction"));
    }
    return {};
}

Result<QString> migrationSql(int step)
{
    const QString file = migrationFiles().at(step - 1);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("Schema", "Internal error: a schema migration is missing."),
            QStringLiteral("cannot read %1").arg(file));
    }
    return QString::fromUtf8(f.readAll());
}

// Migration `step` in a transaction of its own, with the version it sets.
Status applyMigration(Database &db, int step)
{
    CP_TRY_ASSIGN(const QString sql, migrationSql(step));
    Transaction tx(db);
    CP_TRY(tx.begin());
    // Another program (the admin CLI, a second till window) may have migrated while this one waited
    // for the write lock.
    CP_TRY_ASSIGN(auto now, currentVersion(db));
    if (now >= step)
        return {};
    if (Status s = db.execute(sql); !s) {
        Error e = s.error();
        e.detail = QStringLiteral("migration %1: ").arg(step) + e.detail;
        return e;
    }
    CP_TRY(setUserVersion(db, step));
    if (step == 1)
        CP_TRY(ensureDatabaseId(db));
    CP_TRY(tx.commit());
    qCInfo(lcStorage) << "migrated the database to schema version" << step;
    return {};
}

// A database made before ids existed, or whose id row was lost: give it one now.
Status ensureDatabaseIdOnce(Database &db)
{
    CP_TRY_ASSIGN(auto has, hasDatabaseId(db));
    if (has)
        return {};
    Transaction tx(db);
    CP_TRY(tx.begin());
    CP_TRY(ensureDatabaseId(db));
    return tx.commit();
}

} // namespace

Status migrateTo(Database &db, int version)
{
    CP_TRY_ASSIGN(auto current, currentVersion(db));
    CP_TRY(checkMigrationTarget(db, current, version));
    // A bulk load cut short (a till stopped mid-bootstrap) left indexes aside: a migration sees the
    // whole schema.
    if (current >= 1 && current < version)
        CP_TRY(finishBulkLoad(db));
    for (int step = current + 1; step <= version; ++step)
        CP_TRY(applyMigration(db, step));
    if (version >= 1)
        CP_TRY(ensureDatabaseIdOnce(db));
    return {};
}

} // namespace Schema

Result<IntegrityReport> checkIntegrity(Database &db, bool full)
{
    QStringList problems;
    auto st = db.prepareOnce(full ? QStringLiteral("PRAGMA integrity_check")
                                  : QStringLiteral("PRAGMA quick_check"));
    if (!st) {
        // A damaged schema page already fails the prepare.
        if (!isDamageCode(sqlite3_extended_errcode(db.handle())))
            return st.error();
        problems << st.error().detail;
    } else {
        while (st->next()) {
            const QString line = st->text(0);
            if (line != QLatin1String("ok"))
                problems << line;
        }
        if (!st->ok()) {
            if (!isDamageCode(st->resultCode()))
                return st->error();
            problems << st->error().detail;
        }
    }

    IntegrityReport report;
    if (problems.isEmpty())
        return report;

    report.ok = false;
    // SQLite lists up to 100 problems; the first few tell a technician what happened.
    constexpr int MaxLines = 20;
    constexpr int MaxChars = 4000;
    QString text = problems.mid(0, MaxLines).join(QLatin1Char('\n'));
    if (problems.size() > MaxLines || text.size() > MaxChars)
        text = text.left(MaxChars) +
               QStringLiteral("\n... (%1 problems in all; truncated)").arg(problems.size());
    report.problems = text;

    // Closing would checkpoint the WAL into the damaged file; keep both exactly as they were found.
    sqlite3_db_config(db.handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    if (db.path().isEmpty() || db.path() == QLatin1String(":memory:"))
        return report;
    QString copyPath;
    QString copyProblem;
    keepDamagedCopy(db.path(), &copyPath, &copyProblem);
    report.keptCopyPath = copyPath;
    if (!copyProblem.isEmpty())
        report.problems += QStringLiteral("\n") + copyProblem;
    return report;
}

Result<std::unique_ptr<Database>> openTillDatabase(const QString &path, const OpenOptions &options)
{
    int code = 0;
    Result<std::unique_ptr<Database>> db = Database::open(path, options, &code);
    if (!db) {
        // Not a database at all (or its first page is garbage): SQLite says so on the first statement.
        if (isDamageCode(code) && QFileInfo::exists(path)) {
            QString copyPath;
            QString copyProblem;
            keepDamagedCopy(path, &copyPath, &copyProblem);
            QString detail = db.error().detail;
            if (!copyProblem.isEmpty())
                detail += QStringLiteral("; ") + copyProblem;
            return damagedError(path, copyPath, detail, (code & 0xff) == SQLITE_NOTADB);
        }
        return db.error();
    }

    const qint64 size = QFileInfo(path).size();
    if (options.integrityCheckOnOpenMaxBytes < 0 || size <= options.integrityCheckOnOpenMaxBytes) {
        CP_TRY_ASSIGN(auto report, checkIntegrity(**db, false));
        if (!report.ok)
            return damagedError(path, report.keptCopyPath, report.problems, false);
    }

    // An upgrade copies the file first (storage/Backup.h): if the copy cannot be made (a full disk, a
    // folder that cannot be written) nothing is migrated and the file stays as the older program left it.
    CP_TRY_ASSIGN(auto current, Schema::currentVersion(**db));
    if (current >= 1 && current < Schema::latestVersion() && path != QLatin1String(":memory:")) {
        auto copy = Backup::create(path, Backup::defaultDir(path),
                                   QStringLiteral("before-schema-%1").arg(Schema::latestVersion()),
                                   QDateTime::currentMSecsSinceEpoch());
        if (!copy)
            return makeError(
                ErrorCode::Storage,
                QCoreApplication::translate("Schema", "The database needs upgrading, but a backup could not "
                                                      "be made first, so nothing was changed: %1")
                    .arg(copy.error().message),
                copy.error().detail);
    }
    if (Status s = Schema::migrate(**db); !s)
        return s.error();
    return std::move(db.value());
}

} // namespace counterpart
