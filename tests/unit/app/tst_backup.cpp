// Backups of a till in service and putting one back: copies made while the till writes, verified and
// kept to the last N; a damaged copy deleted and reported with the older ones kept; a folder that cannot
// be written; the copy before a schema upgrade; restore keeping the current file aside and refusing
// while the till runs; a copying process killed in the middle (the nearest to a power cut a test can
// cause) leaving every earlier copy as it was.

#include "app/Language.h"
#include "core/Uuid.h"
#include "storage/Backup.h"
#include "storage/Database.h"
#include "storage/Schema.h"
#include "tests/support/TillFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTest>
#include <QThread>

#include <csignal>
#include <unistd.h>

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
    return QDir(dir).entryList({QStringLiteral("till-*.db")}, QDir::Files, QDir::Name);
}

QByteArray contentsOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The copy being written, once it holds more than its first steps; empty if none appears in 20 s.
QString partialUnderWay(const QString &dir)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20'000) {
        const QStringList found = QDir(dir).entryList({QStringLiteral("*.partial")}, QDir::Files);
        if (!found.isEmpty() && QFileInfo(QDir(dir).filePath(found.first())).size() > 256 * 1024)
            return QDir(dir).filePath(found.first());
        QThread::msleep(2);
    }
    return {};
}

// What powerCutDuringABackup runs in a child process: a slow copy (small steps, pauses between them),
// so the test can kill it in the middle.
int backupChild(char **argv)
{
    BackupOptions slow;
    slow.pagesPerStep = 8;
    slow.pauseMs = 5;
    const auto copy = Backup::create(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                                     QStringLiteral("daily"), QByteArray(argv[4]).toLongLong(), slow);
    return copy ? 0 : 1;
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TillFixture> m_fx;

    QString dbPath() const { return m_fx->dbPath(); }
    QString backups() const { return m_fx->dir.file(QStringLiteral("backups")); }

    void join(int n)
    {
        RegisterRequest request;
        request.phone = QStringLiteral("1380013%1").arg(8000 + n);
        request.name = QStringLiteral("Member %1").arg(n);
        auto r = m_fx->till->registerMember(request);
        QVERIFY2(r.ok(), r ? "" : qPrintable(r.error().message));
    }

private slots:
    void initTestCase() { quietInfoLogs(); }
    void init()
    {
        m_fx = std::make_unique<TillFixture>();
        CP_VERIFY_OK(m_fx->open());
        for (int i = 0; i < 3; ++i)
            join(i);
    }
    void cleanup() { m_fx.reset(); }

    void copiesWhileServingAndKeepsTheLastN()
    {
        for (int i = 0; i < 4; ++i) {
            auto copy = m_fx->till->backup(QStringLiteral("daily"), backups(), 2);
            CP_VERIFY_OK(copy);
            QCOMPARE(membersIn(copy->path), qint64(3 + i));
            join(10 + i); // the till goes on writing between copies
            m_fx->clock.advanceMs(1000);
        }
        const QStringList kept = copiesIn(backups());
        QCOMPARE(kept.size(), 2);
        QVERIFY(kept.at(1).startsWith(QStringLiteral("till-20260302-020003")));
    }

    void damagedCopyIsDeletedAndOlderOnesKept()
    {
        CP_VERIFY_OK(m_fx->till->backup(QStringLiteral("daily"), backups(), 7));
        m_fx->clock.advanceMs(1000);
        BackupOptions options;
        options.beforeVerify = [](const QString &partial) {
            QFile f(partial);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 size = f.size();
            f.seek(4096); // every page after the first: the tables' b-trees
            f.write(QByteArray(size - 4096, '\x5a'));
        };
        auto damaged =
            Backup::create(dbPath(), backups(), QStringLiteral("daily"), m_fx->clock.nowMs(), options);
        QVERIFY(!damaged);
        QVERIFY2(damaged.error().message.contains(QStringLiteral("failed its check")),
                 qPrintable(damaged.error().message));
        QCOMPARE(copiesIn(backups()).size(), 1);
        QCOMPARE(membersIn(QDir(backups()).filePath(copiesIn(backups()).at(0))), qint64(3));
    }

    // The process making a copy dies in the middle: the earlier copy is byte for byte as it was, the
    // unfinished one never counts as a copy, and a later backup clears it away.
    void powerCutDuringABackup()
    {
        auto first = m_fx->till->backup(QStringLiteral("daily"), backups(), 7);
        CP_VERIFY_OK(first);
        const QByteArray before = contentsOf(first->path);
        {
            auto db = Database::open(dbPath());
            CP_VERIFY_OK(db);
            // 20 MB more to copy, in 8-page steps: long enough to be cut short.
            CP_VERIFY_OK(db.value()->execute(QStringLiteral(
                "CREATE TABLE ballast (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                "FROM n WHERE i < 5000) INSERT INTO ballast SELECT randomblob(4000) FROM n")));
        }
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--backup-child"), dbPath(), backups(),
                     QString::number(m_fx->clock.nowMs() + 60'000)});
        QVERIFY(child.waitForStarted());
        const QString partial = partialUnderWay(backups());
        QVERIFY2(!partial.isEmpty(), "the child's copy never got under way");
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10'000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        QCOMPARE(copiesIn(backups()), QStringList{QFileInfo(first->path).fileName()});
        QCOMPARE(contentsOf(first->path), before);
        QCOMPARE(membersIn(first->path), qint64(3));
        QVERIFY(QFile::exists(partial));

        // An hour later the unfinished copy is a leftover, and the next backup removes it.
        QFile left(partial);
        QVERIFY(left.open(QIODevice::ReadWrite));
        QVERIFY(
            left.setFileTime(QDateTime::currentDateTime().addSecs(-7200), QFileDevice::FileModificationTime));
        left.close();
        m_fx->clock.advanceMs(120'000);
        auto next = m_fx->till->backup(QStringLiteral("daily"), backups(), 7);
        CP_VERIFY_OK(next);
        QVERIFY(!QFile::exists(partial));
        QCOMPARE(copiesIn(backups()).size(), 2);
        QCOMPARE(membersIn(next->path), qint64(3));
    }

    void folderThatCannotBeWritten()
    {
        QFile blocker(m_fx->dir.file(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        auto copy =
            m_fx->till->backup(QStringLiteral("daily"), blocker.fileName() + QStringLiteral("/backups"), 7);
        QVERIFY(!copy);
        QVERIFY2(copy.error().message.contains(QStringLiteral("cannot be written to")),
                 qPrintable(copy.error().message));

        // A Chinese till says it in Chinese (the message's context is the one lupdate records).
        QVERIFY(i18n::install(QStringLiteral("zh_CN")));
        auto inChinese =
            m_fx->till->backup(QStringLiteral("daily"), blocker.fileName() + QStringLiteral("/backups"), 7);
        i18n::install(QStringLiteral("en"));
        QVERIFY(!inChinese);
        QVERIFY2(!inChinese.error().message.contains(QStringLiteral("cannot be written to")),
                 qPrintable(inChinese.error().message));
    }

    // A copy of an older schema is kept before the upgrade touches it.
    void copyBeforeAnUpgrade()
    {
        m_fx->till.reset();
        const QString old = m_fx->dir.file(QStringLiteral("old.db"));
        {
            auto db = Database::open(old);
            CP_VERIFY_OK(db);
            CP_VERIFY_OK(Schema::migrateTo(*db.value(), Schema::latestVersion() - 1));
        }
        auto till = m_fx->openFile(old);
        CP_VERIFY_OK(till);
        const QStringList kept = copiesIn(backups());
        QCOMPARE(kept.size(), 1);
        QVERIFY(kept.at(0).endsWith(QStringLiteral("-before-schema-%1.db").arg(Schema::latestVersion())));
        auto copy = Database::open(QDir(backups()).filePath(kept.at(0)));
        CP_VERIFY_OK(copy);
        QCOMPARE(scalar(*copy.value(), QStringLiteral("PRAGMA user_version")),
                 qint64(Schema::latestVersion() - 1));
    }

    // The disk is full when an upgrade wants its copy (a 64 KiB tmpfs as the backup folder: a real
    // ENOSPC): nothing is migrated, the file is byte for byte as the older program left it, and the
    // message says why. With room again, the same file upgrades.
    void fullDiskDuringAnUpgrade()
    {
        if (geteuid() != 0)
            QSKIP("mounting a small tmpfs needs root (scripts/test.sh and CI run as root)");
        m_fx->till.reset();
        const QString old = m_fx->dir.file(QStringLiteral("old.db"));
        {
            auto db = Database::open(old);
            CP_VERIFY_OK(db);
            CP_VERIFY_OK(Schema::migrateTo(*db.value(), Schema::latestVersion() - 1));
            CP_VERIFY_OK(db.value()->execute(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        const QByteArray before = contentsOf(old);
        QVERIFY(QDir().mkpath(backups()));
        auto mount = [](const QStringList &args) { return QProcess::execute(QStringLiteral("mount"), args); };
        if (mount({QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                   QStringLiteral("size=64k"), QStringLiteral("tmpfs"), backups()}) != 0)
            QSKIP("this machine does not allow mounting a tmpfs");
        auto unmount = qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {backups()}); });

        auto full = m_fx->openFile(old);
        QVERIFY(!full);
        QVERIFY2(full.error().message.contains(QStringLiteral("nothing was changed")) &&
                     full.error().message.contains(QStringLiteral("disk is full")),
                 qPrintable(full.error().message));
        QCOMPARE(contentsOf(old), before);
        QVERIFY(copiesIn(backups()).isEmpty());
        QVERIFY(QDir(backups()).entryList({QStringLiteral("*.partial")}, QDir::Files).isEmpty());

        QCOMPARE(mount({QStringLiteral("-o"), QStringLiteral("remount,size=16m"), backups()}), 0);
        auto roomy = m_fx->openFile(old);
        CP_VERIFY_OK(roomy);
        QCOMPARE(copiesIn(backups()).size(), 1);
        roomy.value().reset();
        auto db = Database::open(old);
        CP_VERIFY_OK(db);
        QCOMPARE(scalar(*db.value(), QStringLiteral("PRAGMA user_version")), qint64(Schema::latestVersion()));
    }

    void restoreKeepsTheCurrentFileAside()
    {
        auto copy = m_fx->till->backup(QStringLiteral("daily"), backups(), 7);
        CP_VERIFY_OK(copy);
        join(20);
        {
            QLockFile running(Backup::runLockPath(dbPath()));
            QVERIFY(running.tryLock(0));
            QString aside;
            const Status refused = Backup::restore(copy->path, dbPath(), m_fx->clock.nowMs(), &aside);
            QVERIFY(!refused);
            QVERIFY(refused.error().message.contains(QStringLiteral("Close it first")));
        }
        m_fx->till.reset();
        QString aside;
        CP_VERIFY_OK(Backup::restore(copy->path, dbPath(), m_fx->clock.nowMs(), &aside));
        QCOMPARE(membersIn(aside), qint64(4));
        auto till = m_fx->openFile(dbPath());
        CP_VERIFY_OK(till);
        QCOMPARE(scalar(till.value()->database(), QStringLiteral("SELECT count(*) FROM members")), qint64(3));
        auto check = till.value()->check(true);
        CP_VERIFY_OK(check);
        QVERIFY2(check->ok, qPrintable(check->problems.join(u'\n')));
    }
};

int main(int argc, char **argv)
{
    if (argc == 5 && qstrcmp(argv[1], "--backup-child") == 0) {
        QCoreApplication app(argc, argv);
        return backupChild(argv);
    }
    QCoreApplication app(argc, argv);
    TestBackup test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_backup.moc"
