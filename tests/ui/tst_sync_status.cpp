// The till's status bar and the manager's sync page, driven by the real sync engine (SyncService, its
// own thread and connection) against the real counterpart-server on loopback: online and synced, a
// change waiting, a change the server refuses, a flag from another till's offline redemption, the
// server gone (offline, working locally), and the manager's list of what was refused and flagged.

#include "UiTestSupport.h"
#include "sync/client/SyncService.h"
#include "tests/server/ServerTestSupport.h"
#include "ui/ManagerSyncPage.h"
#include "ui/SyncStatusView.h"

#include <QJsonArray>
#include <QTableWidget>

#include <tuple>

using namespace counterpart;
using namespace counterpart::test;

class TestSyncStatus : public QObject
{
    Q_OBJECT

private:
    UiTill m_ui;

    QLabel *label(const char *name) { return m_ui.find<QLabel>(name); }
    bool shows(const char *name, const QString &text)
    {
        QLabel *l = label(name);
        return l && l->isVisible() && l->text() == text;
    }

    void signIn(const QString &id, const QString &pin)
    {
        auto *staff = m_ui.find<QLineEdit>("staffIdEdit");
        auto *pinEdit = m_ui.find<QLineEdit>("pinEdit");
        QTRY_VERIFY(pinEdit->isEnabled());
        staff->setText(id);
        QTest::keyClicks(pinEdit, pin);
        QTest::keyClick(pinEdit, Qt::Key_Return);
    }

    // A real server on loopback (plain HTTP) with the store S001.
    static bool startWithStore(ServerProcess &server)
    {
        if (!server.start())
            return false;
        int code = -1;
        server.admin({QStringLiteral("store-add"), QStringLiteral("--id"), QStringLiteral("S001"),
                      QStringLiteral("--name"), QStringLiteral("Test store"), QStringLiteral("--region"),
                      QStringLiteral("CN"), QStringLiteral("--timezone"), QStringLiteral("Asia/Shanghai"),
                      QStringLiteral("--currency"), QStringLiteral("CNY")},
                     &code);
        return code == 0;
    }

    // The till `db`, enrolled with the server (the clock is the real one: requests are signed with it).
    bool openEnrolled(ServerProcess &server, const QString &db)
    {
        if (!m_ui.open(db))
            return false;
        m_ui.window.reset();
        m_ui.clock.setMs(QDateTime::currentMSecsSinceEpoch());
        m_ui.actAsSystem();
        EnrolmentRequest enrol;
        enrol.serverUrl = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
        enrol.code =
            server.admin({QStringLiteral("enrol-code"), QStringLiteral("--store"), QStringLiteral("S001")})
                .trimmed();
        auto enrolled = m_ui.till->enrol(enrol);
        if (!enrolled)
            qWarning("enrolment failed: %s", qPrintable(enrolled.error().message));
        return enrolled.ok();
    }

    // The till's window with its sync service (cycles only when asked, and the first), shown and active.
    std::unique_ptr<sync::SyncService> showWithSync()
    {
        sync::SyncEngineOptions options;
        options.keyFile = m_ui.dir.file(QStringLiteral("till.key"));
        options.intervalMs = 3'600'000;
        auto service = std::make_unique<sync::SyncService>(m_ui.session.databasePath, m_ui.clock, options);
        m_ui.session.sync = service.get();
        m_ui.window = std::make_unique<MainWindow>(m_ui.session);
        m_ui.window->resize(theme::MinimumWidth, theme::MinimumHeight);
        m_ui.window->show();
        if (!QTest::qWaitForWindowActive(m_ui.window.get()))
            qWarning("the till's window did not become active");
        return service;
    }

    // Settings (F10): what a technician asks about an enrolled till, and "Test the connection", whose
    // answer comes from the engine's thread.
    void settingsTestTheConnection(const ServerProcess &server, bool reachable)
    {
        QTRY_COMPARE(QApplication::focusWidget(), m_ui.find<QWidget>("lookupField"));
        pressIntoFocus(Qt::Key_F10);
        QDialog *settings = m_ui.waitDialog("settingsDialog");
        QVERIFY(settings);
        QCOMPARE(UiTill::in<QLabel>(settings, "infoServer")->text(),
                 QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        QVERIFY(UiTill::in<QLabel>(settings, "infoStore")->text().contains(QStringLiteral("S001")));
        QVERIFY(!UiTill::in<QLabel>(settings, "infoVersion")->text().isEmpty());
        auto *test = UiTill::in<QPushButton>(settings, "testConnectionButton");
        QVERIFY(test && test->height() >= theme::TouchTarget);
        QTest::mouseClick(test, Qt::LeftButton);
        auto *result = UiTill::in<QLabel>(settings, "connectionResult");
        QTRY_VERIFY_WITH_TIMEOUT(test->isEnabled(), 30000);
        if (reachable)
            QVERIFY2(result->text().startsWith(QStringLiteral("Connected: the server (version ")),
                     qPrintable(result->text()));
        else
            QVERIFY2(result->text().startsWith(QStringLiteral("Not connected. Cannot reach the server")),
                     qPrintable(result->text()));
        QTest::keyClick(settings, Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("settingsDialog"));
    }

private slots:
    void initTestCase() { setUpUiTests(m_ui.dir); }

    // Not enrolled: one quiet line, no "Sync now".
    void notEnrolledIsQuiet()
    {
        QVERIFY(m_ui.open(QStringLiteral("alone.db")));
        QTRY_VERIFY(shows("syncStateLabel", QStringLiteral("Not connected to a server")));
        QVERIFY(!m_ui.find<QPushButton>("syncNowButton")->isVisible());
        QVERIFY(!label("syncWaitingLabel")->isVisible());
        QVERIFY(!label("syncRefusedLabel")->isVisible());
        // Settings says so too, with nothing to test.
        m_ui.window->openSettings();
        QDialog *settings = m_ui.waitDialog("settingsDialog");
        QVERIFY(settings);
        QVERIFY(UiTill::in<QLabel>(settings, "infoServer")->text().contains(QStringLiteral("on its own")));
        QCOMPARE(UiTill::in<QLabel>(settings, "infoTerminal")->text(), QStringLiteral("12345"));
        QVERIFY(UiTill::in<QLabel>(settings, "infoDatabase")->text().contains(QStringLiteral("alone.db")));
        QVERIFY(!UiTill::in<QPushButton>(settings, "testConnectionButton"));
        QTest::keyClick(settings, Qt::Key_Escape);
        m_ui.window.reset();
        m_ui.till.reset();
    }

    void statusBarFollowsTheEngine()
    {
        if (!QFile::exists(ServerProcess::executable()))
            QSKIP("counterpart-server is not built");
        ServerProcess server(m_ui.dir.file(QStringLiteral("server")), QString(), false);
        QVERIFY(startWithStore(server));
        QVERIFY(openEnrolled(server, QStringLiteral("enrolled.db")));
        const std::unique_ptr<sync::SyncService> owned = showWithSync();
        sync::SyncService &service = *owned;
        signIn(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(m_ui.window->isSignedIn());
        // Before the engine reaches the server, an enrolled till is offline.
        QVERIFY(m_ui.till->isOffline());
        service.start();

        // Online, synced just now.
        QTRY_VERIFY_WITH_TIMEOUT(shows("syncStateLabel", QStringLiteral("Online")), 30000);
        QTRY_VERIFY(label("syncedLabel")->text().startsWith(QStringLiteral("Synced ")));
        QVERIFY(label("syncedLabel")->toolTip().contains(QString::number(QDate::currentDate().year())));
        QVERIFY(!m_ui.till->isOffline());
        QVERIFY(m_ui.find<QPushButton>("syncNowButton")->isVisible());
        QVERIFY(m_ui.find<QPushButton>("syncNowButton")->height() >= theme::TouchTarget);
        settingsTestTheConnection(server, true);
        QVERIFY(!QTest::currentTestFailed());

        // A change made here waits until it is sent.
        const Member li = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        service.refreshStatus();
        QTRY_VERIFY(shows("syncWaitingLabel", QStringLiteral("1 waiting")));

        // Another till of the store: its member earns on receipt R-77, then redeems offline more than
        // they have (the server flags the overdraw for every till's manager).
        TestTill other;
        QVERIFY(other.enrol(server));
        auto client = server.client();
        const QString wang = other.newId();
        const HttpResponse pushed =
            other.push(*client, QJsonArray{other.registerOp(wang, QStringLiteral("+8613900139000"),
                                                            QStringLiteral("Wang Fang"), 0),
                                           other.earnOp(wang, QStringLiteral("R-77"), 5000, 50),
                                           other.redeemOp(wang, 500, true)});
        QCOMPARE(pushed.status, 200);

        // Here, Li Na earns on the same receipt: "Sync now" (F11) sends it and the server refuses it.
        const qint64 balanceBefore = m_ui.till->card(li.id)->member.balance;
        EarnRequest earn;
        earn.member = li.id.toString();
        earn.amountMinor = 3000;
        earn.receipt = QStringLiteral("R-77");
        QVERIFY(m_ui.till->earn(earn));
        QTRY_COMPARE(QApplication::focusWidget(), m_ui.find<QWidget>("lookupField"));
        pressIntoFocus(Qt::Key_F11);
        QTRY_VERIFY_WITH_TIMEOUT(shows("syncRefusedLabel", QStringLiteral("1 refused — see manager")), 30000);
        QTRY_VERIFY(!label("syncWaitingLabel")->isVisible());
        QTRY_VERIFY(m_ui.find<QPushButton>("managerButton")->text().contains(QStringLiteral("⚑1")));
        QCOMPARE(m_ui.till->card(li.id)->member.balance, balanceBefore); // the earn was taken back here

        // The server goes away: offline, working locally, the new change waits.
        QCOMPARE(server.terminate(), 0);
        m_ui.join(QStringLiteral("138 0013 8001"), QStringLiteral("Zhao Lei"));
        m_ui.find<QPushButton>("syncNowButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(shows("syncStateLabel", QStringLiteral("Offline — working locally")), 30000);
        QVERIFY(label("syncStateLabel")->toolTip().contains(QStringLiteral("redeem at most")));
        QTRY_VERIFY(shows("syncWaitingLabel", QStringLiteral("1 waiting")));
        QVERIFY(shows("syncRefusedLabel", QStringLiteral("1 refused — see manager")));
        QVERIFY(m_ui.till->isOffline());
        settingsTestTheConnection(server, false);
        QVERIFY(!QTest::currentTestFailed());

        // The manager's page lists the refusal with its reason, and the flag; seeing it clears the badge.
        QTRY_COMPARE(QApplication::focusWidget(), m_ui.find<QWidget>("lookupField"));
        pressIntoFocus(Qt::Key_F9);
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        QVERIFY(pin);
        QTest::keyClicks(UiTill::in(pin, "managerIdEdit"), QStringLiteral("m1"));
        QTest::keyClicks(UiTill::in(pin, "managerPinEdit"), QStringLiteral("2468"));
        QTest::keyClick(UiTill::in(pin, "managerPinEdit"), Qt::Key_Return);
        QDialog *manager = m_ui.waitDialog("managerDialog");
        QVERIFY(manager);
        QTest::mouseClick(UiTill::in<QPushButton>(manager, "syncFunction"), Qt::LeftButton);
        auto *rejected = UiTill::in<QTableWidget>(manager, "rejectedList");
        auto *flags = UiTill::in<QTableWidget>(manager, "flagList");
        QTRY_VERIFY(rejected->isVisible());
        QCOMPARE(rejected->rowCount(), 1);
        QCOMPARE(rejected->item(0, 1)->text(), QStringLiteral("Earn"));
        QCOMPARE(rejected->item(0, 2)->text(), li.code.grouped());
        QVERIFY2(rejected->item(0, 3)->text().contains(QStringLiteral("another member")),
                 qPrintable(rejected->item(0, 3)->text()));
        QCOMPARE(flags->rowCount(), 1);
        QVERIFY(flags->item(0, 1)->text().contains(QStringLiteral("below zero")));
        QCOMPARE(flags->item(0, 3)->text(), QStringLiteral("-450 points"));
        QVERIFY(UiTill::in<QLabel>(manager, "syncSummary")->text().contains(QStringLiteral("waiting")));
        QTRY_COMPARE(m_ui.find<QPushButton>("managerButton")->text(), QStringLiteral("Manager\nF9"));
        QTest::keyClick(manager, Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("managerDialog"));

        service.stop();
        m_ui.window.reset();
        m_ui.session.sync = nullptr;
        m_ui.till.reset();
    }

    // A new till's first cycle fetches the whole store: beside the spinner, how far it is.
    void newTillShowsHowFarItIs()
    {
        QVERIFY(m_ui.open(QStringLiteral("bootstrap.db")));
        m_ui.window.reset();
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        auto restore = qScopeGuard([&before] { QLocale::setDefault(before); });
        QWidget host;
        auto *view = new SyncStatusView(*m_ui.till, &host);
        host.show();
        QVERIFY(QTest::qWaitForWindowExposed(&host));
        auto *activity = view->findChild<QLabel *>(QStringLiteral("syncingIndicator"));
        QVERIFY(activity);

        using Loading = sync::SyncStatus::Loading;
        sync::SyncStatus status;
        status.enrolled = true;
        status.online = true;
        status.syncing = true;
        auto says = [&](const QString &words) {
            view->showStatus(status);
            return activity->isVisible() && activity->text().mid(2) == words;
        };
        QVERIFY(says(QStringLiteral("Syncing…")));
        QVERIFY(activity->toolTip().isEmpty());
        status.loading = Loading::Downloading;
        status.loadedBytes = 1'100'000'000;
        status.totalBytes = 2'600'000'000;
        QVERIFY(says(QStringLiteral("Getting members… 42%")));
        QVERIFY(activity->toolTip().contains(QStringLiteral("not be found here yet")));
        QVERIFY(!view->findChild<QLabel *>(QStringLiteral("syncedLabel"))->isVisible());
        status.totalBytes = 0; // the server did not say how large
        QVERIFY(says(QStringLiteral("Getting members… 1,100 MB")));
        status.loading = Loading::Installing;
        QVERIFY(says(QStringLiteral("Setting up members…")));
        QVERIFY(activity->toolTip().contains(QStringLiteral("wait a moment")));
        // The spinner turns on, the words stay.
        QTest::qWait(400);
        QCOMPARE(activity->text().mid(2), QStringLiteral("Setting up members…"));
        status.loading = Loading::Writing;
        status.loadedMembers = 120'000;
        QVERIFY(says(QStringLiteral("Getting members… 120,000")));
        status.loading = Loading::None;
        QVERIFY(says(QStringLiteral("Syncing…")));
        QVERIFY(view->findChild<QLabel *>(QStringLiteral("syncedLabel"))->isVisible());
        status.syncing = false;
        view->showStatus(status);
        QVERIFY(!activity->isVisible());
        m_ui.till.reset();
    }

    // Head office switches off the cashier on shift: at the next sync the till signs them out and says
    // why; their PIN no longer opens it.
    void switchedOffCashierIsSignedOut()
    {
        if (!QFile::exists(ServerProcess::executable()))
            QSKIP("counterpart-server is not built");
        ServerProcess server(m_ui.dir.file(QStringLiteral("server-staff")), QString(), false);
        QVERIFY(startWithStore(server));
        int code = -1;
        // Head office lists the till's two people, with the PINs they already use.
        const QString pinFile = m_ui.dir.file(QStringLiteral("pin.txt"));
        for (const auto &[id, role, pin] :
             {std::tuple("m1", "manager", "2468"), std::tuple("c1", "cashier", "1357")}) {
            QFile f(pinFile);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(pin) > 0);
            f.close();
            server.admin({QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("--staff"),
                          QLatin1String(id), QStringLiteral("--store"), QStringLiteral("S001"),
                          QStringLiteral("--name"), QLatin1String(id), QStringLiteral("--role"),
                          QLatin1String(role), QStringLiteral("--pin-file"), pinFile},
                         &code);
            QCOMPARE(code, 0);
        }

        QVERIFY(openEnrolled(server, QStringLiteral("staff.db")));
        const std::unique_ptr<sync::SyncService> owned = showWithSync();
        sync::SyncService &service = *owned;
        service.start();
        // "Online" comes with the first answer; head office's staff list is the cycle's last step.
        QTRY_VERIFY_WITH_TIMEOUT(label("syncedLabel")->text().startsWith(QStringLiteral("Synced ")), 60000);
        signIn(QStringLiteral("c1"), QStringLiteral("1357"));
        // Head office's PIN hash has the full 310,000 iterations: slow under the sanitizers.
        QTRY_VERIFY2_WITH_TIMEOUT(m_ui.window->isSignedIn(), qPrintable(label("loginMessage")->text()),
                                  60000);

        server.admin({QStringLiteral("staff"), QStringLiteral("deactivate"), QStringLiteral("--staff"),
                      QStringLiteral("c1")},
                     &code);
        QCOMPARE(code, 0);
        service.syncNow();
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui.window->isSignedIn(), 30000);
        QTRY_VERIFY(label("loginMessage")->isVisible());
        QVERIFY2(label("loginMessage")->text().contains(QStringLiteral("switched off")),
                 qPrintable(label("loginMessage")->text()));
        signIn(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(label("loginMessage")->text().contains(QStringLiteral("Head office has switched off")));
        QVERIFY(!m_ui.window->isSignedIn());
        service.stop();
        m_ui.window.reset();
        m_ui.session.sync = nullptr;
        m_ui.till.reset();
    }

    // The wording of what the server refuses and flags, for every reason it gives.
    void refusalsInPlainWords()
    {
        for (const char *reason : {"receipt_taken", "unknown_member", "unknown_purchase", "wrong_terminal",
                                   "clock_ahead", "hlc_terminal", "foreign_code", "unknown_approver"})
            QVERIFY(!ManagerSyncPage::reasonText(QString::fromLatin1(reason), QStringLiteral("x"))
                         .contains(QLatin1Char('_')));
        QVERIFY(ManagerSyncPage::reasonText(QStringLiteral("invalid"), QStringLiteral("ops[0].member"))
                    .contains(QStringLiteral("ops[0].member")));
        QCOMPARE(ManagerSyncPage::reasonText(QStringLiteral("new_reason"), QStringLiteral("Words.")),
                 QStringLiteral("Words."));
        QCOMPARE(ManagerSyncPage::operationText(QStringLiteral("member.register")),
                 QStringLiteral("Registration"));
        QVERIFY(ManagerSyncPage::reasonText(QStringLiteral("tier_refused"), QStringLiteral("gold"))
                    .contains(QStringLiteral("gold")));
        for (const char *flag : {"overdraw", "code_taken", "clock_ahead", "hlc_terminal", "large_adjust",
                                 "foreign_code", "unregistered_approver", "budget_exceeded"})
            QVERIFY(!ManagerSyncPage::flagText(QString::fromLatin1(flag)).contains(QLatin1Char('_')));
    }
};

QTEST_MAIN(TestSyncStatus)
#include "tst_sync_status.moc"
