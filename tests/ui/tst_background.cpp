// Slow work on a worker thread with a Till of its own: results reach the UI thread, Cancel stops it,
// the UI thread keeps running meanwhile; CSV import and demo members from the manager functions.

#include "tests/ui/UiTestSupport.h"
#include "ui/BackgroundTask.h"
#include "ui/ManagerDialog.h"

#include <QFile>
#include <QProgressDialog>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>
#include <QTimer>

using namespace counterpart;
using namespace counterpart::test;

class TestBackground : public QObject
{
    Q_OBJECT

private:
    UiTill m_ui;
    int m_databases = 0;

private slots:
    void initTestCase() { setUpUiTests(m_ui.dir); }

    void init() { QVERIFY(m_ui.open(QStringLiteral("bg-%1.db").arg(++m_databases))); }

    void cleanup()
    {
        m_ui.window.reset();
        m_ui.till.reset();
    }

    void runsOnItsOwnThreadAndTill()
    {
        QThread *uiThread = QThread::currentThread();
        BackgroundTask::Options options;
        options.actingAs = Operator{QStringLiteral("m1"), QStringLiteral("Mei Manager"), Role::Manager};
        BackgroundTask task(
            m_ui.session, options,
            [uiThread](Till &till, ManualClock *clock, const BackgroundTask::Progress &) -> Result<QString> {
                if (QThread::currentThread() == uiThread || clock)
                    return makeError(ErrorCode::Internal, QStringLiteral("wrong thread or clock"));
                RegisterRequest r;
                r.phone = QStringLiteral("138 0013 8000");
                r.name = QStringLiteral("Worker Made");
                auto outcome = till.registerMember(r);
                if (!outcome)
                    return outcome.error();
                return till.currentOperator().id;
            });
        QSignalSpy finished(&task, &BackgroundTask::finished);
        task.start();
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("m1"));
        // The UI thread's till sees what the worker's till committed.
        auto found = m_ui.till->findByPhone(QStringLiteral("13800138000"));
        QVERIFY(found && found->has_value());
        QCOMPARE(found->value().name, QStringLiteral("Worker Made"));
    }

    void uiThreadKeepsRunning()
    {
        QSemaphore gate;
        BackgroundTask task(
            m_ui.session, {},
            [&gate](Till &, ManualClock *, const BackgroundTask::Progress &) -> Result<QString> {
                gate.acquire(); // slow work: it waits until the test lets it go
                return QStringLiteral("done");
            });
        QSignalSpy finished(&task, &BackgroundTask::finished);
        task.start();
        // The event loop goes on (timers fire) while the work is still going.
        int ticks = 0;
        QTimer timer;
        connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
        timer.start(1);
        QTRY_VERIFY(ticks >= 3);
        QVERIFY(task.isRunning());
        QCOMPARE(finished.size(), 0);
        gate.release();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toString(), QStringLiteral("done"));
    }

    void cancelFromTheProgressDialog()
    {
        std::atomic<int> reached{0};
        auto work = [&reached](Till &, ManualClock *,
                               const BackgroundTask::Progress &progress) -> Result<QString> {
            for (int i = 0; i < 100000; ++i) {
                reached = i;
                if (!progress(i, 100000))
                    return QStringLiteral("stopped");
                QThread::msleep(1);
            }
            return QStringLiteral("ran to the end");
        };
        bool done = false;
        QString message;
        BackgroundTask::runWithProgress(m_ui.window.get(), m_ui.session, {}, work, QStringLiteral("Working"),
                                        true, [&](bool, const QString &m) {
                                            done = true;
                                            message = m;
                                        });
        QProgressDialog *progress = nullptr;
        QTRY_VERIFY((progress = m_ui.window->findChild<QProgressDialog *>(QStringLiteral("progressDialog"))));
        QTRY_VERIFY(progress->isVisible());
        QTRY_VERIFY(progress->maximum() == 100000 && reached > 0);
        auto *cancel = progress->findChild<QPushButton *>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY(done);
        QCOMPARE(message, QStringLiteral("stopped"));
        QTRY_VERIFY(!m_ui.window->findChild<QProgressDialog *>(QStringLiteral("progressDialog")));
    }

    void importAndDemoMembersFromManagerFunctions()
    {
        QString csv = QStringLiteral("phone,name,gender,birthday\n");
        for (int i = 0; i < 40; ++i)
            csv += QStringLiteral("1390000%1,Member %2,female,1990-01-%3\n")
                       .arg(i, 4, 10, QLatin1Char('0'))
                       .arg(i)
                       .arg(i % 28 + 1, 2, 10, QLatin1Char('0'));
        csv += QStringLiteral("not a phone,Broken Row,,\n");
        const QString path = m_ui.dir.file(QStringLiteral("members-%1.csv").arg(m_databases));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(csv.toUtf8());
        file.close();

        const Operator manager{QStringLiteral("m1"), QStringLiteral("Mei Manager"), Role::Manager};
        auto *dialog = new ManagerDialog(m_ui.session, manager, std::nullopt, m_ui.window.get());
        dialog->open();
        dialog->importFile(path);
        auto *result = UiTill::in<QLabel>(dialog, "managerResult");
        QTRY_VERIFY_WITH_TIMEOUT(result->isVisible(), 60000);
        QVERIFY2(result->text().contains(QStringLiteral("40 of 41 rows imported")),
                 qPrintable(result->text()));
        QVERIFY2(result->text().contains(QStringLiteral("Line 42")), qPrintable(result->text()));
        auto found = m_ui.till->findByPhone(QStringLiteral("13900000007"));
        QVERIFY(found && found->has_value());
        QCOMPARE(found->value().name, QStringLiteral("Member 7"));

        result->hide();
        dialog->addDemoMembers(15);
        QTRY_VERIFY_WITH_TIMEOUT(result->isVisible(), 120000);
        QVERIFY2(result->text().contains(QStringLiteral("15 demo members")), qPrintable(result->text()));
        auto check = m_ui.till->check(false);
        QVERIFY(check);
        QVERIFY2(check->ok, qPrintable(check->problems.join(QStringLiteral("; "))));
        QCOMPARE(check->members, qint64(55));
        dialog->close();
    }

    // The manager sees when each job that runs by itself last ran and when it runs next.
    void jobsLastAndNextRun()
    {
        const Operator manager{QStringLiteral("m1"), QStringLiteral("Mei Manager"), Role::Manager};
        auto ran = m_ui.till->runDueJobs();
        QVERIFY(ran);
        auto *dialog = new ManagerDialog(m_ui.session, manager, std::nullopt, m_ui.window.get());
        dialog->open();
        auto *jobs = UiTill::in<QLabel>(dialog, "jobsStatusLabel");
        const QString text = jobs->text();
        QVERIFY2(
            text.contains(QStringLiteral("Points expiry: last ran 2026-03-10 10:00; next 2026-03-11 03:30.")),
            qPrintable(text));
        QVERIFY2(text.contains(
                     QStringLiteral("Tier evaluation: last ran 2026-03-10 10:00; next 2026-04-01 04:00.")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Backup: last ran")), qPrintable(text));
        dialog->close();
    }
};

QTEST_MAIN(TestBackground)
#include "tst_background.moc"
