// Backups of a till in service and putting one back: copies made while the till writes, verified and
// kept to the last N; a damaged copy deleted and reported with the older ones kept; a folder that cannot
// be written; the copy before a schema upgrade; restore keeping the current file aside and refusing
// while the till runs.

#include "core/Uuid.h"
#include "storage/Backup.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "tests/unit/app/TillTestSupport.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

namespace {

qint64 membersIn(const QString &path)
{
    auto db = Database::open(path);
    if (!db)
        return -1;
    return scalar(*db.value(), QStringLiteral("SELECT count(*) FROM members"));
}

QStringList copiesIn(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("till-*")}, QDir::Files, QDir::Name);
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Till> m_till;

    QString dbPath() const { return m_dir->file(QStringLiteral("till.db")); }
    QString backups() const { return m_dir->file(QStringLiteral("backups")); }

    void join(int n)
    {
        RegisterRequest request;
        request.phone = QStringLiteral("1380013%1").arg(8000 + n);
        request.name = QStringLiteral("Member %1").arg(n);
        auto r = m_till->registerMember(request);
        QVERIFY2(r.ok(), r ? "" : qPrintable(r.error().message));
    }

private slots:
    void initTestCase() { quietInfoLogs(); }
    void init()
    {
        m_dir = std::make_unique<TempDir>();
        m_clock = std::make_unique<ManualClock>(at("2026-03-02T10:00:00"));
        auto till = openTill(dbPath(), *m_clock, m_dir->file(QStringLiteral("till.key")));
        CP_VERIFY_OK(till);
        m_till = std::move(till.value());
        for (int i = 0; i < 3; ++i)
            join(i);
    }
    void cleanup()
    {
        m_till.reset();
        m_clock.reset();
        m_dir.reset();
    }

    void copiesWhileServingAndKeepsTheLastN()
    {
        for (int i = 0; i < 4; ++i) {
            auto copy = m_till->backup(QStringLiteral("daily"), backups(), 2);
            CP_VERIFY_OK(copy);
            QCOMPARE(membersIn(copy->path), qint64(3 + i));
            join(10 + i); // the till goes on writing between copies
            m_clock->advanceMs(1000);
        }
        const QStringList kept = copiesIn(backups());
        QCOMPARE(kept.size(), 2);
        QVERIFY(kept.at(1).startsWith(QStringLiteral("till-20260302-020003")));
    }

    void damagedCopyIsDeletedAndOlderOnesKept()
    {
        CP_VERIFY_OK(m_till->backup(QStringLiteral("daily"), backups(), 7));
        m_clock->advanceMs(1000);
        BackupOptions options;
        options.beforeVerify = [](const QString &partial) {
            QFile f(partial);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 size = f.size();
            f.seek(4096); // every page after the first: the tables' b-trees
            f.write(QByteArray(size - 4096, '\x5a'));
        };
        auto damaged =
            Backup::create(dbPath(), backups(), QStringLiteral("daily"), m_clock->nowMs(), options);
        QVERIFY(!damaged);
        QVERIFY2(damaged.error().message.contains(QStringLiteral("failed its check")),
                 qPrintable(damaged.error().message));
        QCOMPARE(copiesIn(backups()).size(), 1);
        QCOMPARE(membersIn(QDir(backups()).filePath(copiesIn(backups()).at(0))), qint64(3));
    }

    void folderThatCannotBeWritten()
    {
        QFile blocker(m_dir->file(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        auto copy =
            m_till->backup(QStringLiteral("daily"), blocker.fileName() + QStringLiteral("/backups"), 7);
        QVERIFY(!copy);
        QVERIFY2(copy.error().message.contains(QStringLiteral("cannot be written to")),
                 qPrintable(copy.error().message));
    }

    // A copy of an older schema is kept before the upgrade touches it.
    void copyBeforeAnUpgrade()
    {
        m_till.reset();
        const QString old = m_dir->file(QStringLiteral("old.db"));
        {
            auto db = Database::open(old);
            CP_VERIFY_OK(db);
            CP_VERIFY_OK(Schema::migrateTo(*db.value(), Schema::latestVersion() - 1));
        }
        auto till = openTill(old, *m_clock, m_dir->file(QStringLiteral("till.key")));
        CP_VERIFY_OK(till);
        const QStringList kept = copiesIn(backups());
        QCOMPARE(kept.size(), 1);
        QVERIFY(kept.at(0).endsWith(QStringLiteral("-before-schema-%1.db").arg(Schema::latestVersion())));
        auto copy = Database::open(QDir(backups()).filePath(kept.at(0)));
        CP_VERIFY_OK(copy);
        QCOMPARE(scalar(*copy.value(), QStringLiteral("PRAGMA user_version")),
                 qint64(Schema::latestVersion() - 1));
    }

    void restoreKeepsTheCurrentFileAside()
    {
        auto copy = m_till->backup(QStringLiteral("daily"), backups(), 7);
        CP_VERIFY_OK(copy);
        join(20);
        {
            QLockFile running(Backup::runLockPath(dbPath()));
            QVERIFY(running.tryLock(0));
            QString aside;
            const Status refused = Backup::restore(copy->path, dbPath(), m_clock->nowMs(), &aside);
            QVERIFY(!refused);
            QVERIFY(refused.error().message.contains(QStringLiteral("Close it first")));
        }
        m_till.reset();
        QString aside;
        CP_VERIFY_OK(Backup::restore(copy->path, dbPath(), m_clock->nowMs(), &aside));
        QCOMPARE(membersIn(aside), qint64(4));
        auto till = openTill(dbPath(), *m_clock, m_dir->file(QStringLiteral("till.key")));
        CP_VERIFY_OK(till);
        QCOMPARE(scalar(till.value()->database(), QStringLiteral("SELECT count(*) FROM members")), qint64(3));
        auto check = till.value()->check(true);
        CP_VERIFY_OK(check);
        QVERIFY2(check->ok, qPrintable(check->problems.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
