// A new till's first start at the screen, against the real counterpart-server on loopback (TLS with
// the test's own certificate): language (switching live) → join → a wrong code → the right code → the
// first manager → the first sync brings the chain's members. Then each failure the technician can meet,
// caused for real, with its own words; and a till set up to work on its own.

#include "UiTestSupport.h"
#include "app/Language.h"
#include "tests/server/ServerTestSupport.h"
#include "ui/SetupWizard.h"

#include <QDir>
#include <QJsonArray>
#include <QTcpServer>

using namespace counterpart;
using namespace counterpart::test;

class TestSetupFlow : public QObject
{
    Q_OBJECT

private:
    UiTill m_ui;
    std::unique_ptr<ServerProcess> m_server;
    QString m_url;

    QString newCode() const
    {
        return m_server
            ->admin({QStringLiteral("enrol-code"), QStringLiteral("--store"), QStringLiteral("S001")})
            .trimmed();
    }

    SetupWizard *wizard() const { return m_ui.find<SetupWizard>("setupWizard"); }

    template<typename T = QWidget>
    T *inWizard(const char *name) const
    {
        return wizard() ? wizard()->findChild<T *>(QString::fromLatin1(name)) : nullptr;
    }

    // A fresh till without staff, its clock `skewMs` from the real time (requests are signed with it).
    bool openNewTill(const QString &name, qint64 skewMs = 0)
    {
        m_ui.window.reset();
        m_ui.till.reset();
        m_ui.clock.setMs(QDateTime::currentMSecsSinceEpoch() + skewMs);
        return m_ui.open(name, false) && wizard() && wizard()->isVisible();
    }

    // From the language page to the join page, by keyboard.
    void toJoinPage()
    {
        QCOMPARE(wizard()->step(), SetupWizard::Step::Language);
        QTRY_COMPARE(QApplication::focusWidget(), inWizard("setupNextButton"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(wizard()->step(), SetupWizard::Step::Choice);
        QTRY_COMPARE(QApplication::focusWidget(), inWizard("setupJoinButton"));
        pressIntoFocus(Qt::Key_F1);
        QTRY_COMPARE(wizard()->step(), SetupWizard::Step::Join);
    }

    // Types the address, CA file and code, presses Join, and returns what the screen then says.
    QString tryJoin(const QString &url, const QString &caFile, const QString &code)
    {
        for (auto [name, text] : {std::pair{"setupServerEdit", url}, std::pair{"setupCaFileEdit", caFile},
                                  std::pair{"setupCodeEdit", code}}) {
            auto *edit = inWizard<QLineEdit>(name);
            edit->clear();
            QTest::keyClicks(edit, text);
        }
        auto *enrol = inWizard<QPushButton>("setupEnrolButton");
        QTest::mouseClick(enrol, Qt::LeftButton);
        auto *message = inWizard<QLabel>("setupJoinMessage");
        if (!QTest::qWaitFor(
                [&] { return enrol->isEnabled() && message->text() != QStringLiteral("Asking the server…"); },
                30'000))
            return QStringLiteral("(still asking)");
        return wizard()->step() == SetupWizard::Step::Join ? message->text() : QString();
    }

private slots:
    void initTestCase()
    {
        setUpUiTests(m_ui.dir);
        if (!QFile::exists(ServerProcess::executable()))
            QSKIP("counterpart-server is not built");
        m_server = std::make_unique<ServerProcess>(m_ui.dir.file(QStringLiteral("server")), QString(), true);
        QVERIFY(m_server->start());
        m_url = QStringLiteral("https://127.0.0.1:%1").arg(m_server->port());
        int code = -1;
        m_server->admin({QStringLiteral("store-add"), QStringLiteral("--id"), QStringLiteral("S001"),
                         QStringLiteral("--name"), QStringLiteral("Nanjing Road"), QStringLiteral("--region"),
                         QStringLiteral("CN"), QStringLiteral("--timezone"), QStringLiteral("Asia/Shanghai"),
                         QStringLiteral("--currency"), QStringLiteral("CNY")},
                        &code);
        QCOMPARE(code, 0);
        // A member registered at another till of the chain: the new till must get her.
        TestTill other;
        QVERIFY(other.enrol(*m_server));
        auto client = m_server->client();
        const QString wang = other.newId();
        QCOMPARE(other
                     .push(*client, QJsonArray{other.registerOp(wang, QStringLiteral("+8613900139000"),
                                                                QStringLiteral("Wang Fang"), 0)})
                     .status,
                 200);
    }

    void cleanup()
    {
        m_ui.window.reset();
        m_ui.till.reset();
        i18n::install(QStringLiteral("en"));
    }

    // The words sync::describeFailure gives (CLI, Settings' connection test) come in the till's language.
    void failureWordsInChinese()
    {
        QVERIFY(i18n::install(QStringLiteral("zh_CN")));
        sync::HttpReply reply;
        reply.failure = sync::HttpReply::Failure::TimedOut;
        QCOMPARE(sync::describeFailure(reply),
                 QString::fromUtf8(
                     "连接不上服务器：服务器没有及时响应。请检查网络，以及收银台与服务器之间的防火墙。"));
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->terminate();
    }

    void wholeFlow()
    {
        QVERIFY(openNewTill(QStringLiteral("new.db")));
        // The language switches at once, and back.
        QTest::mouseClick(inWizard<QPushButton>("setupChinese"), Qt::LeftButton);
        QTRY_COMPARE(inWizard<QLabel>("setupTitle")->text(), QString::fromUtf8("欢迎使用 Counterpart"));
        QCOMPARE(m_ui.till->config().language, QStringLiteral("zh_CN"));
        QTest::mouseClick(inWizard<QPushButton>("setupEnglish"), Qt::LeftButton);
        QTRY_COMPARE(inWizard<QLabel>("setupTitle")->text(), QStringLiteral("Welcome to Counterpart"));
        for (const char *name : {"setupEnglish", "setupChinese", "setupNextButton"})
            QVERIFY(inWizard(name)->height() >= theme::TouchTarget);
        toJoinPage();

        QString said = tryJoin(m_url, m_server->caFile(), QStringLiteral("AAAA-BBBB-CCCC"));
        QVERIFY2(said.contains(QStringLiteral("does not know this code")), qPrintable(said));
        QVERIFY(!m_ui.till->isEnrolled());
        QCOMPARE(tryJoin(m_url, m_server->caFile(), newCode()), QString());
        QCOMPARE(wizard()->step(), SetupWizard::Step::Joined);
        QVERIFY(inWizard<QLabel>("setupJoinedText")->text().contains(QStringLiteral("Nanjing Road")));
        QVERIFY(!inWizard("setupClockWarning")->isVisible());
        QVERIFY(m_ui.till->isEnrolled());

        // The first manager, on the sign-in screen's own setup form.
        QTRY_COMPARE(QApplication::focusWidget(), inWizard("setupJoinedNextButton"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(wizard()->step(), SetupWizard::Step::Manager);
        QTest::keyClicks(inWizard("staffIdEdit"), QStringLiteral("m1"));
        QTest::keyClicks(inWizard("staffNameEdit"), QStringLiteral("Mei Manager"));
        QTest::keyClicks(inWizard("pinEdit"), QStringLiteral("2468"));
        QTest::keyClicks(inWizard("pinAgainEdit"), QStringLiteral("2468"));
        QTest::keyClick(inWizard("pinAgainEdit"), Qt::Key_Return);

        // The first sync: the member from the other till arrives.
        QTRY_COMPARE_WITH_TIMEOUT(wizard()->step(), SetupWizard::Step::FirstSync, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(inWizard<QLabel>("setupSyncText")->text().startsWith(QStringLiteral("Done")),
                                 30'000);
        QVERIFY2(inWizard<QLabel>("setupSyncText")->text().contains(QStringLiteral("1 member of the chain")),
                 qPrintable(inWizard<QLabel>("setupSyncText")->text()));
        QTest::mouseClick(inWizard<QPushButton>("setupStartButton"), Qt::LeftButton);
        QTRY_VERIFY(m_ui.window->isSignedIn());
        QTRY_VERIFY(!wizard());
        QCOMPARE(m_ui.till->currentOperator().role, Role::Manager);
        m_ui.window->lookup(QStringLiteral("139 0013 9000"));
        QTRY_VERIFY(m_ui.window->currentMember().has_value());
        QCOMPARE(m_ui.window->currentMember()->name, QStringLiteral("Wang Fang"));
    }

    // Every failure, caused for real, says what it is and what to do; the till stays unenrolled.
    void failuresInPlainWords()
    {
        QVERIFY(openNewTill(QStringLiteral("failures.db")));
        toJoinPage();
        const QString ca = m_server->caFile();
        const QString used = newCode();
        QCOMPARE(tryJoin(m_url, ca, used), QString());
        // Enrolled: the rest needs a new till.
        QVERIFY(openNewTill(QStringLiteral("failures2.db")));
        toJoinPage();
        QString said = tryJoin(m_url, ca, used);
        QVERIFY2(said.contains(QStringLiteral("used already")), qPrintable(said));

        const QString late = newCode();
        QString error;
        QVERIFY2(execSql(QString(),
                         QDir(m_ui.dir.file(QStringLiteral("server"))).filePath(QStringLiteral("server.db")),
                         QStringLiteral("UPDATE enrol_codes SET expires_at = 1 WHERE used_at IS NULL"),
                         &error),
                 qPrintable(error));
        said = tryJoin(m_url, ca, late);
        QVERIFY2(said.contains(QStringLiteral("too old")), qPrintable(said));

        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        said = tryJoin(QStringLiteral("https://127.0.0.1:%1").arg(closedPort), ca, newCode());
        QVERIFY2(said.startsWith(QStringLiteral("Nothing answers at 127.0.0.1:%1").arg(closedPort)),
                 qPrintable(said));

        said = tryJoin(m_url, QString(), newCode());
        QVERIFY2(said.contains(QStringLiteral("choose its CA file")), qPrintable(said));

        // A server that never answers: Cancel gives the screen back at once.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        auto *edit = inWizard<QLineEdit>("setupServerEdit");
        edit->setText(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        QTest::mouseClick(inWizard<QPushButton>("setupEnrolButton"), Qt::LeftButton);
        auto *cancel = inWizard<QPushButton>("setupCancelButton");
        QTRY_VERIFY(cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(inWizard<QLabel>("setupJoinMessage")->text().startsWith(QStringLiteral("Stopped.")));
        QVERIFY(inWizard("setupEnrolButton")->isEnabled());

        // A full disk cannot be made on demand: the probe says how much is free.
        wizard()->setFreeSpaceProbe([] { return qint64(20) * 1024 * 1024; });
        said = tryJoin(m_url, ca, newCode());
        QVERIFY2(said.contains(QStringLiteral("has only")), qPrintable(said));
        QVERIFY(!m_ui.till->isEnrolled());
    }

    // The server does not refuse a till whose clock is off, but the screen says by how much.
    void clockFarFromTheServers()
    {
        QVERIFY(openNewTill(QStringLiteral("skewed.db"), -2 * 3600 * 1000 - 5 * 60 * 1000));
        toJoinPage();
        QCOMPARE(tryJoin(m_url, m_server->caFile(), newCode()), QString());
        auto *warning = inWizard<QLabel>("setupClockWarning");
        QVERIFY(warning->isVisible());
        QVERIFY2(
            warning->text().startsWith(QStringLiteral("This till's clock is 2 h 5 min behind the server's.")),
            qPrintable(warning->text()));
    }

    void onItsOwn()
    {
        QVERIFY(openNewTill(QStringLiteral("alone.db")));
        QTest::mouseClick(inWizard<QPushButton>("setupNextButton"), Qt::LeftButton);
        QTRY_COMPARE(wizard()->step(), SetupWizard::Step::Choice);
        QTRY_COMPARE(QApplication::focusWidget(), inWizard("setupJoinButton"));
        pressIntoFocus(Qt::Key_F2);
        QTRY_COMPARE(wizard()->step(), SetupWizard::Step::Alone);
        auto *store = inWizard<QLineEdit>("setupStoreIdEdit");
        store->setText(QStringLiteral("S009"));
        inWizard<QLineEdit>("setupRegionEdit")->setText(QStringLiteral("C1"));
        QTest::mouseClick(inWizard<QPushButton>("setupAloneSaveButton"), Qt::LeftButton);
        QVERIFY(inWizard<QLabel>("setupAloneMessage")->text().contains(QStringLiteral("two-letter")));
        inWizard<QLineEdit>("setupRegionEdit")->setText(QStringLiteral("CN"));
        QTest::mouseClick(inWizard<QPushButton>("setupAloneSaveButton"), Qt::LeftButton);
        QTRY_COMPARE(wizard()->step(), SetupWizard::Step::Manager);
        QCOMPARE(m_ui.till->config().storeId, QStringLiteral("S009"));
        QTest::keyClicks(inWizard("staffIdEdit"), QStringLiteral("boss"));
        QTest::keyClicks(inWizard("staffNameEdit"), QStringLiteral("Bo Boss"));
        QTest::keyClicks(inWizard("pinEdit"), QStringLiteral("1234"));
        QTest::keyClicks(inWizard("pinAgainEdit"), QStringLiteral("1234"));
        QTest::keyClick(inWizard("pinAgainEdit"), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui.window->isSignedIn(), 20'000);
        QVERIFY(!wizard());
        QVERIFY(!m_ui.till->isEnrolled());
    }
};

QTEST_MAIN(TestSetupFlow)
#include "tst_setup_flow.moc"
