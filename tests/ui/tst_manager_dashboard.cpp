// The manager view driven on the offscreen platform, as a manager would: F9 at the counter, the manager's
// PIN, "Store figures"; the figures of today and yesterday on the cards, a chosen range, the charts, the
// lists loading in the background, the CSV export and the PDF report; and what a cashier cannot see.

#include "app/Statistics.h"
#include "storage/Database.h"
#include "storage/SyncStore.h"
#include "tests/support/TestRules.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/ManagerDashboard.h"
#include "ui/ManagerDialog.h"
#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QListWidget>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>

using namespace counterpart;
using namespace counterpart::test;

class TestManagerDashboard : public QObject
{
    Q_OBJECT

private:
    UiTill m_ui;
    int m_databases = 0;

    Till &till() { return *m_ui.till; }

    void earn(const Member &m, qint64 amount, const QString &receipt)
    {
        auto r = till().earn(EarnRequest{m.id.toString(), amount, 0, receipt});
        if (!r)
            qWarning() << r.error().message;
    }

    // Yesterday (Monday 9 March): Ann joins and buys for 100.00. Today (Tuesday 10 March): Bo joins and
    // buys for 50.00, Ann comes back for 200.00. Shipped rules: welcome 100, first purchase 50, 1 point
    // per yuan, no member day on either day. Ann's birthday is on Saturday.
    void buildDays()
    {
        const qint64 now = m_ui.clock.nowMs();
        m_ui.clock.set(local(QStringLiteral("2026-03-09T15:00:00")));
        const Member ann =
            m_ui.join(QStringLiteral("139 0000 0001"), QStringLiteral("Ann"), QDate(1990, 3, 14));
        earn(ann, 10000, QStringLiteral("R1"));
        m_ui.clock.set(local(QStringLiteral("2026-03-10T09:00:00")));
        const Member bo = m_ui.join(QStringLiteral("139 0000 0002"), QStringLiteral("Bo"));
        earn(bo, 5000, QStringLiteral("R2"));
        m_ui.clock.set(local(QStringLiteral("2026-03-10T09:30:00")));
        earn(ann, 20000, QStringLiteral("R3"));
        m_ui.clock.setMs(now);
    }

    // F9, the manager's PIN, and "Store figures".
    ManagerDashboard *openDashboard()
    {
        m_ui.window->setFocus();
        if (!QTest::qWaitFor(
                [&] { return QApplication::focusWidget() == m_ui.find<QWidget>("lookupField"); }))
            return nullptr;
        pressIntoFocus(Qt::Key_F9);
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        if (!pin)
            return nullptr;
        QTest::keyClicks(UiTill::in(pin, "managerIdEdit"), QStringLiteral("m1"));
        QTest::keyClicks(UiTill::in(pin, "managerPinEdit"), QStringLiteral("2468"));
        QTest::keyClick(UiTill::in(pin, "managerPinEdit"), Qt::Key_Return);
        QDialog *manager = m_ui.waitDialog("managerDialog");
        if (!manager)
            return nullptr;
        QTest::mouseClick(UiTill::in<QPushButton>(manager, "statsFunction"), Qt::LeftButton);
        QTest::mouseClick(UiTill::in<QPushButton>(manager, "statsButton"), Qt::LeftButton);
        return qobject_cast<ManagerDashboard *>(m_ui.waitDialog("managerDashboard"));
    }

    static QString text(QWidget *parent, const char *name)
    {
        auto *label = UiTill::in<QLabel>(parent, name);
        return label ? label->text() : QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
    }

private slots:
    void initTestCase() { setUpUiTests(m_ui.dir); }

    void init()
    {
        QVERIFY(m_ui.open(QStringLiteral("dashboard-%1.db").arg(++m_databases)));
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(m_ui.window->isSignedIn());
    }

    void cleanup()
    {
        m_ui.window.reset();
        m_ui.till.reset();
    }

    // Green is good news in English; in Chinese red means up and green down, whatever the figure.
    void changesColouredAsEachLanguageReadsThem()
    {
        const QLocale before;
        auto restore = qScopeGuard([&before] { QLocale::setDefault(before); });
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QCOMPARE(theme::trendColour(12, 10, true), theme::Colour::TrendGreen);
        QCOMPARE(theme::trendColour(12, 10, false), theme::Colour::TrendRed); // more points expired
        QCOMPARE(theme::trendColour(8, 10, true), theme::Colour::TrendRed);
        QCOMPARE(theme::trendColour(10, 10, true), theme::Colour::Secondary);
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        QCOMPARE(theme::trendColour(12, 10, true), theme::Colour::TrendRed);
        QCOMPARE(theme::trendColour(12, 10, false), theme::Colour::TrendRed);
        QCOMPARE(theme::trendColour(8, 10, true), theme::Colour::TrendGreen);
        QCOMPARE(theme::trendColour(10, 10, false), theme::Colour::Secondary);
    }

    void figuresBehindThePin()
    {
        buildDays();
        ManagerDashboard *dashboard = openDashboard();
        QVERIFY(dashboard);
        QCOMPARE(till().currentOperator().id, QStringLiteral("m1"));

        // Today, compared with yesterday.
        QCOMPARE(text(dashboard, "value_newMembers"), QStringLiteral("1"));
        QCOMPARE(text(dashboard, "value_visits"), QStringLiteral("2"));
        QCOMPARE(text(dashboard, "value_buyers"), QStringLiteral("2"));
        QVERIFY2(text(dashboard, "detail_buyers").contains(QStringLiteral("1 returning, 1 new")),
                 qPrintable(text(dashboard, "detail_buyers")));
        QCOMPARE(text(dashboard, "value_sales"), UiText::money(till(), 25000));
        QCOMPARE(text(dashboard, "value_ticket"), UiText::money(till(), 12500));
        QCOMPARE(text(dashboard, "value_issued"), QStringLiteral("400")); // 100 + 50 + 50 + 200
        QVERIFY2(text(dashboard, "compare_issued").contains(QStringLiteral("Day before: 250")),
                 qPrintable(text(dashboard, "compare_issued")));
        QVERIFY(text(dashboard, "compare_issued").contains(QStringLiteral("▲ 60%")));
        QCOMPARE(text(dashboard, "value_outstanding"), QStringLiteral("650"));
        QVERIFY(text(dashboard, "compare_sales").contains(UiText::money(till(), 10000)));
        // The screen shows what the app layer computes.
        auto expected = Statistics(till()).dashboard(till().today(), till().today());
        QVERIFY(expected.ok());
        QCOMPARE(Statistics::toJson(dashboard->dashboard()), Statistics::toJson(expected.value()));

        // Yesterday from the period list, then a range typed in.
        auto *period = UiTill::in<QComboBox>(dashboard, "periodCombo");
        period->setCurrentIndex(1);
        QCOMPARE(dashboard->dashboard().current.from, QDate(2026, 3, 9));
        QCOMPARE(text(dashboard, "value_visits"), QStringLiteral("1"));
        QCOMPARE(text(dashboard, "value_issued"), QStringLiteral("250"));
        dashboard->showPeriod(QDate(2026, 3, 9), QDate(2026, 3, 10));
        QCOMPARE(text(dashboard, "value_newMembers"), QStringLiteral("2"));
        QCOMPARE(text(dashboard, "value_buyers"), QStringLiteral("2"));
        QCOMPARE(dashboard->dashboard().previous.to, QDate(2026, 3, 8));
        QVERIFY(text(dashboard, "periodText").contains(QStringLiteral("2 days")));

        // Trends and tiers.
        dashboard->showTab(ManagerDashboard::ChartsTab);
        auto *trend = UiTill::in<QChartView>(dashboard, "trendChart");
        auto *tiers = UiTill::in<QChartView>(dashboard, "tierChart");
        QVERIFY(trend && tiers);
        QTRY_VERIFY(trend->isVisible());
        QCOMPARE(trend->chart()->series().size(), 2);
        QCOMPARE(tiers->chart()->series().size(), 1);
        QVERIFY(trend->width() >= 400 && trend->height() >= 300);
        UiTill::in<QComboBox>(dashboard, "trendCombo")->setCurrentIndex(2);
        QCOMPARE(trend->chart()->series().size(), 2); // issued and redeemed

        // The lists load in the background; the counts too.
        QTRY_VERIFY(dashboard->areCountsLoaded());
        QSignalSpy loaded(dashboard, &ManagerDashboard::listLoaded);
        dashboard->showList(MemberList::Birthdays);
        QTRY_VERIFY(!loaded.isEmpty());
        QAbstractItemModelTester tester(dashboard->listModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(dashboard->listModel()->rowCount(), 1);
        QCOMPARE(dashboard->listModel()->data(dashboard->listModel()->index(0, 0)).toString(),
                 QStringLiteral("Ann"));
        QCOMPARE(dashboard->listModel()->data(dashboard->listModel()->index(0, 1)).toString(),
                 QStringLiteral("139 0000 0001")); // the full number, to call
        QVERIFY(text(dashboard, "listStatus").contains(QStringLiteral("1 of 1")));
        auto *choice = UiTill::in<QListWidget>(dashboard, "listChoice");
        QVERIFY(choice->currentItem()->text().contains(QStringLiteral("(1)")));

        // Export: the CSV is written in the background, with a progress dialog, and audited.
        const QString csv = m_ui.dir.file(QStringLiteral("birthdays-%1.csv").arg(m_databases));
        QSignalSpy exported(dashboard, &ManagerDashboard::exportFinished);
        dashboard->exportList(csv);
        QTRY_VERIFY(!exported.isEmpty());
        QVERIFY2(exported.first().at(0).toBool(), qPrintable(exported.first().at(1).toString()));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains("Ann,139 0000 0001,'+8613900000001"));
        QCOMPARE(content.count('\n'), 2);
        QVERIFY(text(dashboard, "dashboardStatus").contains(QStringLiteral("keep it safe")));

        // The one-page report.
        const QString pdf = m_ui.dir.file(QStringLiteral("report-%1.pdf").arg(m_databases));
        QVERIFY(dashboard->writeReport(pdf));
        QFile report(pdf);
        QVERIFY(report.open(QIODevice::ReadOnly));
        QVERIFY(report.read(5) == "%PDF-");
        QVERIFY(report.size() > 10'000);

        // Esc closes the view, then the manager functions: the cashier is back.
        QTest::keyClick(dashboard, Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("managerDashboard"));
        QDialog *manager = m_ui.dialog("managerDialog");
        QVERIFY(manager);
        QTest::keyClick(manager, Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("managerDialog"));
        QCOMPARE(till().currentOperator().id, QStringLiteral("c1"));
    }

    // The role is the app layer's: a view opened for a cashier shows nothing but why.
    void cashierSeesNoFigures()
    {
        buildDays();
        QCOMPARE(till().currentOperator().role, Role::Cashier);
        auto *dashboard = new ManagerDashboard(m_ui.session, till().currentOperator(), m_ui.window.get());
        dashboard->open();
        QTRY_VERIFY(dashboard->isVisible());
        QVERIFY(text(dashboard, "dashboardStatus").contains(QStringLiteral("manager")));
        QCOMPARE(text(dashboard, "value_visits"), QString());
        dashboard->showList(MemberList::Birthdays);
        QTRY_VERIFY(!dashboard->isListLoading());
        QCOMPARE(dashboard->listModel()->rowCount(), 0);
        QTRY_VERIFY(text(dashboard, "listStatus").contains(QStringLiteral("manager")));
        dashboard->reject();
    }

    // The first box says whose figures these are; the whole chain is there when the rules allow it, and
    // choosing it adds the purchases of the chain's other stores.
    void chainViewWhenTheRulesAllow()
    {
        buildDays();
        ManagerDashboard *dashboard = openDashboard();
        QVERIFY(dashboard);
        auto *scope = UiTill::in<QComboBox>(dashboard, "scopeCombo");
        QCOMPARE(scope->count(), 1);
        QVERIFY(!scope->isVisible());
        const QString whose = text(dashboard, "scopeText");
        QVERIFY(whose.contains(till().config().storeId) || whose.contains(till().config().storeName));
        dashboard->reject();
        m_ui.dialog("managerDialog")->reject();

        LoyaltyRules rules = till().rules();
        rules.version += QStringLiteral("-chain");
        rules.figures.chainView = FigureRules::ChainView::Managers;
        {
            const Operator cashier = till().currentOperator();
            auto manager = till().login(QStringLiteral("m1"), QStringLiteral("2468"));
            CP_VERIFY_OK(manager);
            till().setOperator(manager.value());
            CP_VERIFY_OK(install(till(), rules));
            till().setOperator(cashier);
        }
        // Ann also bought at store S002 today, as a pull brings it.
        auto ann = till().findByPhone(QStringLiteral("13900000001"));
        QVERIFY(ann && ann->has_value());
        PulledPurchase p;
        p.id = Uuid::createV7(m_ui.clock);
        p.member = ann->value().id;
        p.storeId = QStringLiteral("S002");
        p.receipt = QStringLiteral("S2-1");
        p.amountMinor = 7700;
        p.currency = QStringLiteral("CNY");
        p.atMs = local(QStringLiteral("2026-03-10T11:00:00")).toMSecsSinceEpoch();
        SyncApplyContext ctx;
        ctx.clock = &m_ui.clock;
        ctx.terminalId = till().config().terminalId;
        ctx.timeZone = till().config().timeZone;
        ctx.birthday = &rules.birthday;
        CP_VERIFY_OK(till().database().execute(QStringLiteral("BEGIN")));
        CP_VERIFY_OK(SyncStore(till().database()).applyPurchase(p, ctx));
        CP_VERIFY_OK(till().database().execute(QStringLiteral("COMMIT")));

        dashboard = openDashboard();
        QVERIFY(dashboard);
        scope = UiTill::in<QComboBox>(dashboard, "scopeCombo");
        QCOMPARE(scope->count(), 2);
        QVERIFY(scope->isVisible());
        const QString storeVisits = text(dashboard, "value_visits");
        scope->setCurrentIndex(1);
        QTRY_COMPARE(text(dashboard, "value_visits"), UiText::points(storeVisits.toLongLong() + 1));
        scope->setCurrentIndex(0);
        QTRY_COMPARE(text(dashboard, "value_visits"), storeVisits);
        QTRY_VERIFY(!dashboard->isListLoading());
        dashboard->reject();
        m_ui.dialog("managerDialog")->reject();
    }

    // Everything fits the smallest screen: the cards' numbers are not cut, the charts are of a readable size.
    void readableAt1024x768()
    {
        buildDays();
        ManagerDashboard *dashboard = openDashboard();
        QVERIFY(dashboard);
        QVERIFY(dashboard->width() <= theme::MinimumWidth && dashboard->height() <= theme::MinimumHeight);
        QVERIFY(dashboard->minimumSizeHint().width() <= theme::MinimumWidth);
        QVERIFY(dashboard->minimumSizeHint().height() <= theme::MinimumHeight);
        for (const char *key : {"value_newMembers", "value_sales", "value_outstanding", "value_downgrades"}) {
            auto *label = UiTill::in<QLabel>(dashboard, key);
            QVERIFY(label && label->isVisible());
            QVERIFY2(label->width() >= label->sizeHint().width(), key);
        }
        dashboard->showTab(ManagerDashboard::ChartsTab);
        auto *tiers = UiTill::in<QChartView>(dashboard, "tierChart");
        QTRY_VERIFY(tiers->isVisible());
        QVERIFY(tiers->width() >= 300 && tiers->height() >= 300);
        dashboard->showTab(ManagerDashboard::ListsTab);
        auto *table = UiTill::in<QTableView>(dashboard, "listTable");
        QTRY_VERIFY(table->isVisible());
        QVERIFY(table->height() >= 300);
        for (auto *button : dashboard->findChildren<QPushButton *>()) {
            if (button->isVisible())
                QVERIFY2(button->height() >= theme::TouchTarget, qPrintable(button->objectName()));
        }
        dashboard->reject();
        QTRY_VERIFY(!m_ui.dialog("managerDashboard"));
        m_ui.dialog("managerDialog")->reject();
    }
};

QTEST_MAIN(TestManagerDashboard)
#include "tst_manager_dashboard.moc"
