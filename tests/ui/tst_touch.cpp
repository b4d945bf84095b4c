// The counter by touch alone, on the smallest screen: every control of every screen and dialog at least
// 44 px in both directions (tabs, scroll bars, the steppers that replace spin arrows, table rows), a
// number pad wherever a number or PIN is typed that types exactly as the keyboard would and stays put
// when a message appears, and staff picked by name rather than typed.

#include "UiTestSupport.h"
#include "app/Language.h"
#include "ui/ManagerDashboard.h"
#include "ui/ManagerDialog.h"
#include "ui/NumberPad.h"
#include "ui/StaffPicker.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QScrollBar>
#include <QSpinBox>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>

using namespace counterpart;
using namespace counterpart::test;

namespace {

QString nameOf(const QWidget *w)
{
    return QStringLiteral("%1 '%2' in %3")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
             w->window() ? w->window()->objectName() : QString());
}

// The arrow part of a combo box, or of a date box that opens a calendar (drawn as a combo box).
QRect dropDown(QWidget *w)
{
    QStyleOptionComboBox option;
    option.initFrom(w);
    option.editable = qobject_cast<QDateEdit *>(w) != nullptr;
    option.subControls = QStyle::SC_All;
    return w->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxArrow, w);
}

// Every target a finger has to hit in `root` that is smaller than 44 px: one line each.
QStringList smallTargets(QWidget *root)
{
    QStringList small;
    auto check = [&small](const QWidget *, QSize size, const QString &what) {
        if (size.width() < theme::TouchTarget || size.height() < theme::TouchTarget)
            small << QStringLiteral("%1: %2×%3").arg(what).arg(size.width()).arg(size.height());
    };
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisible() || w->window() != root->window())
            continue;
        if (qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w) ||
            (qobject_cast<QAbstractSpinBox *>(w) && !qobject_cast<QDateEdit *>(w))) {
            if (!qobject_cast<QAbstractSpinBox *>(w->parentWidget())) // a spin box's own line edit
                check(w, w->size(), nameOf(w));
        } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
            check(w, combo->size(), nameOf(w));
            check(w, dropDown(combo).size(), nameOf(w) + QStringLiteral(" drop-down"));
        } else if (auto *date = qobject_cast<QDateEdit *>(w); date && date->calendarPopup()) {
            check(w, date->size(), nameOf(w));
            check(w, dropDown(date).size(), nameOf(w) + QStringLiteral(" drop-down"));
        } else if (auto *bar = qobject_cast<QScrollBar *>(w)) {
            const int thickness = bar->orientation() == Qt::Vertical ? bar->width() : bar->height();
            check(w, QSize(thickness, thickness), nameOf(w));
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                check(w, tabs->tabRect(i).size(), nameOf(w) + QStringLiteral(" tab ") + tabs->tabText(i));
        } else if (auto *table = qobject_cast<QTableView *>(w)) {
            if (table->selectionMode() != QAbstractItemView::NoSelection && table->model() &&
                table->model()->rowCount() > 0)
                check(w, QSize(theme::TouchTarget, table->rowHeight(0)), nameOf(w) + QStringLiteral(" row"));
        }
    }
    return small;
}

} // namespace

class TestTouch : public QObject
{
    Q_OBJECT

    UiTill m_ui;
    int m_databases = 0;
    int m_shots = 0;
    Member m_member;

    QWidget *lookupField() const { return m_ui.find<QWidget>("lookupField"); }

    void verifyTouchSized(QWidget *root)
    {
        QVERIFY(root);
        QTest::qWait(0);
        // COUNTERPART_TOUCH_SHOTS=<folder> keeps a picture of each screen checked, to look at.
        if (const QString shots = qEnvironmentVariable("COUNTERPART_TOUCH_SHOTS"); !shots.isEmpty())
            root->grab().save(
                QStringLiteral("%1/%2-%3.png").arg(shots).arg(++m_shots).arg(root->objectName()));
        const QStringList small = smallTargets(root);
        QVERIFY2(small.isEmpty(), qPrintable(small.join(QLatin1Char('\n'))));
    }

    // Opens a dialog of the counter with its key, checks it, and closes it with Esc.
    void checkDialog(Qt::Key key, const char *name)
    {
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(key);
        QDialog *dialog = m_ui.waitDialog(name);
        QVERIFY2(dialog, name);
        verifyTouchSized(dialog);
        dialog->reject();
        QTRY_VERIFY(!m_ui.dialog(name));
    }

    static void tap(QWidget *parent, const char *name)
    {
        auto *button = UiTill::in<QAbstractButton>(parent, name);
        QVERIFY2(button && button->isVisible(), name);
        QTest::mouseClick(button, Qt::LeftButton);
    }

    static void tapDigits(QWidget *parent, const QString &digits)
    {
        for (QChar c : digits)
            tap(parent, qPrintable(QStringLiteral("padKey_") + c));
    }

    // Opens the manager's functions by touch: the manager picked by name, the PIN on the pad.
    QDialog *openManagerByTouch()
    {
        if (!QTest::qWaitFor([&] { return QApplication::focusWidget() == lookupField(); }))
            return nullptr;
        pressIntoFocus(Qt::Key_F9);
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        if (!pin)
            return nullptr;
        tap(pin, "staffPick_m1");
        tapDigits(pin, QStringLiteral("2468"));
        tap(pin, "confirmButton");
        return m_ui.waitDialog("managerDialog");
    }

private slots:
    void initTestCase()
    {
        setUpUiTests(m_ui.dir);
        QVERIFY(i18n::install(QStringLiteral("en")));
    }

    void init()
    {
        QVERIFY(m_ui.open(QStringLiteral("touch-%1.db").arg(++m_databases)));
        m_ui.window->resize(theme::MinimumWidth, theme::MinimumHeight);
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(m_ui.window->isSignedIn());
        m_member = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        for (int i = 0; i < 30; ++i) // enough purchases and history to scroll
            CP_VERIFY_OK(m_ui.earn(m_member, 1000 + i, QStringLiteral("R-%1").arg(100 + i)));
        m_ui.window->openMember(m_member.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
    }

    void cleanup()
    {
        m_ui.window.reset();
        m_ui.till.reset();
    }

    void theCounterAndItsDialogsAreTouchSized()
    {
        verifyTouchSized(m_ui.window.get());
        checkDialog(Qt::Key_F3, "earnDialog");
        checkDialog(Qt::Key_F4, "redeemDialog");
        checkDialog(Qt::Key_F5, "refundDialog");
        checkDialog(Qt::Key_F6, "historyDialog");
        checkDialog(Qt::Key_F7, "qrCardDialog");
        checkDialog(Qt::Key_F8, "detailsDialog");
        checkDialog(Qt::Key_F2, "registerDialog");
        checkDialog(Qt::Key_F10, "settingsDialog");
        checkDialog(Qt::Key_F9, "managerPinDialog");
    }

    void theManagersScreensAreTouchSized()
    {
        QDialog *manager = openManagerByTouch();
        QVERIFY(manager);
        const auto functions = manager->findChildren<QPushButton *>();
        int pages = 0;
        for (QPushButton *function : functions) {
            if (!function->objectName().endsWith(QLatin1String("Function")) || !function->isVisible())
                continue;
            QTest::mouseClick(function, Qt::LeftButton);
            verifyTouchSized(manager);
            ++pages;
        }
        QVERIFY(pages >= 6);
        auto *figures = static_cast<ManagerDialog *>(manager)->openStatistics();
        QTRY_VERIFY(figures->isVisible());
        auto *tabs = figures->findChild<QTabWidget *>();
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            verifyTouchSized(figures);
        }
    }

    void thePadTypesAsTheKeyboardWould()
    {
        pressIntoFocus(Qt::Key_F3);
        QDialog *earn = m_ui.waitDialog("earnDialog");
        QVERIFY(earn);
        tapDigits(earn, QStringLiteral("8801"));
        QCOMPARE(UiTill::in<QLineEdit>(earn, "receiptEdit")->text(), QStringLiteral("8801"));
        UiTill::in<QLineEdit>(earn, "amountEdit")->setFocus();
        tapDigits(earn, QStringLiteral("125.509"));
        tap(earn, "padKey_back");
        QCOMPARE(UiTill::in<QLineEdit>(earn, "amountEdit")->text(), QStringLiteral("125.50"));
        QTRY_VERIFY(UiTill::in<QPushButton>(earn, "confirmButton")->isEnabled());
        tap(earn, "confirmButton");
        QTRY_VERIFY(!m_ui.dialog("earnDialog"));
        QVERIFY(m_ui.resultText().startsWith(QStringLiteral("+125 points")));

        // Redeem: the steppers and the pad into a spin box.
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F4);
        QDialog *redeem = m_ui.waitDialog("redeemDialog");
        QVERIFY(redeem);
        auto *quantity = UiTill::in<QSpinBox>(redeem, "quantitySpin");
        QCOMPARE(quantity->value(), 1);
        tap(redeem, "quantitySpinMore");
        QCOMPARE(quantity->value(), 2);
        tap(redeem, "quantitySpinLess");
        QCOMPARE(quantity->value(), 1);
        auto *discount = UiTill::in<QSpinBox>(redeem, "discountSpin");
        discount->setFocus();
        tap(redeem, "padKey_clear");
        tapDigits(redeem, QStringLiteral("100"));
        QTRY_COMPARE(discount->value(), 100);
        QVERIFY(UiTill::in<QLabel>(redeem, "redeemSummary")->text().contains(QStringLiteral("100 points")));
        redeem->reject();
        QTRY_VERIFY(!m_ui.dialog("redeemDialog"));
    }

    void aMemberFoundByTouch()
    {
        m_ui.window->closeMember();
        QTRY_VERIFY(m_ui.find<QWidget>("idlePage")->isVisible());
        auto *idle = m_ui.find<QWidget>("idlePage");
        tapDigits(idle, QStringLiteral("13800138001")); // one digit wrong
        tap(idle, "padKey_back");
        tapDigits(idle, QStringLiteral("0"));
        QCOMPARE(static_cast<QLineEdit *>(lookupField())->text(), QStringLiteral("13800138000"));
        tap(idle, "padKey_enter");
        QTRY_VERIFY(m_ui.window->currentMember() && m_ui.window->currentMember()->id == m_member.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField()); // the keyboard and a scanner still work
    }

    void signInByTouchAloneAndThePadStaysPut()
    {
        m_ui.window->signOut();
        QTRY_VERIFY(m_ui.find<QWidget>("staffPicker")->isVisible());
        auto *picker = m_ui.find<StaffPicker>("staffPicker");
        QCOMPARE(picker->count(), 2); // the manager and the cashier, by name
        QWidget *login = m_ui.find<QWidget>("loginScreen");
        tap(login, "staffPick_c1");
        QCOMPARE(m_ui.find<QLineEdit>("staffIdEdit")->text(), QStringLiteral("c1"));
        QTRY_COMPARE(QApplication::focusWidget(), m_ui.find<QWidget>("pinEdit"));

        // A wrong PIN: the message appears, the keys stay where the finger is.
        auto *key = UiTill::in(login, "padKey_5");
        const QPoint before = key->mapToGlobal(QPoint(0, 0));
        tapDigits(login, QStringLiteral("0000"));
        tap(login, "signInButton");
        QTRY_VERIFY(m_ui.find<QLabel>("loginMessage")->isVisible());
        QCOMPARE(key->mapToGlobal(QPoint(0, 0)), before);

        QTRY_VERIFY(m_ui.find<QLineEdit>("pinEdit")->isEnabled());
        tap(login, "padKey_clear");
        tapDigits(login, QStringLiteral("1357"));
        tap(login, "signInButton");
        QTRY_VERIFY(m_ui.window->isSignedIn());
        QCOMPARE(till().currentOperator().id, QStringLiteral("c1"));
    }

    void theManagersPinByTouchAndItsPadStaysPut()
    {
        pressIntoFocus(Qt::Key_F9);
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        QVERIFY(pin);
        QCOMPARE(UiTill::in<StaffPicker>(pin, "staffPicker")->count(), 1); // managers only
        QVERIFY(!UiTill::in(pin, "staffPick_c1"));
        auto *key = UiTill::in(pin, "padKey_5");
        const QPoint before = key->mapToGlobal(QPoint(0, 0));
        tap(pin, "confirmButton"); // nothing typed: a message, and the pad has not moved
        QTRY_VERIFY(UiTill::in<QLabel>(pin, "dialogMessage")->isVisible());
        QCOMPARE(key->mapToGlobal(QPoint(0, 0)), before);
        pin->reject();
        QTRY_VERIFY(!m_ui.dialog("managerPinDialog"));
        QVERIFY(openManagerByTouch());
        QCOMPARE(till().currentOperator().id, QStringLiteral("m1"));
    }

private:
    Till &till() { return *m_ui.till; }
};

QTEST_MAIN(TestTouch)
#include "tst_touch.moc"
