// The counter screen driven by the keyboard, as a cashier and a scanner would: register, find by scan,
// earn, redeem, refund, history; lookup focus and Esc; sign-in lockout, screen lock, manager PIN,
// language switching and touch-sized controls. Every step is checked on the screen and in the
// database (through the app layer).

#include "app/DemoSeeder.h"
#include "app/Language.h"
#include "app/PosLink.h"
#include "storage/Database.h"
#include "tests/pos/PosClient.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/CustomerDisplay.h"
#include "ui/ManagerAuditPage.h"
#include "ui/ManagerDialog.h"
#include "ui/Models.h"
#include "ui/QrCardDialog.h"
#include "ui/SetupWizard.h"
#include "ui/UiText.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QKeyEvent>
#include <QListView>
#include <QPointer>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>

using namespace counterpart;
using namespace counterpart::test;

class TestCounter : public QObject
{
    Q_OBJECT

private:
    UiTill m_ui;
    int m_databases = 0;

    Till &till() { return *m_ui.till; }

    LookupResult::Kind lookupKind(const QString &text)
    {
        auto r = till().lookup(text);
        return r ? r->kind : LookupResult::Kind::None;
    }

    // Mei the manager (m1) types her id and PIN into the PIN dialog and presses Enter.
    static void approveAsManager(QDialog *pin)
    {
        QTest::keyClicks(UiTill::in(pin, "managerIdEdit"), QStringLiteral("m1"));
        QTest::keyClicks(UiTill::in(pin, "managerPinEdit"), QStringLiteral("2468"));
        QTest::keyClick(UiTill::in(pin, "managerPinEdit"), Qt::Key_Return);
    }

    QWidget *lookupField() { return m_ui.find<QWidget>("lookupField"); }

    // The register dialog is open with `phone` filled in; Esc closes it and the lookup field has the focus.
    void registerDialogOffers(const QString &phone)
    {
        QVERIFY(m_ui.waitDialog("registerDialog"));
        QCOMPARE(UiTill::in<QLineEdit>(m_ui.dialog("registerDialog"), "phoneEdit")->text(), phone);
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("registerDialog"));
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
    }

    // The member's card open and F8 pressed: their details dialog.
    QDialog *openDetailsOf(const Member &m)
    {
        m_ui.window->openMember(m.id);
        if (!QTest::qWaitFor([&] { return QApplication::focusWidget() == lookupField(); }))
            return nullptr;
        pressIntoFocus(Qt::Key_F8);
        return m_ui.waitDialog("detailsDialog");
    }

private slots:
    void initTestCase()
    {
        setUpUiTests(m_ui.dir);
        QVERIFY(i18n::install(QStringLiteral("en"))); // as the till starts: English plurals ("1 point")
    }

    void init()
    {
        // Each test starts on a database of its own, signed in as the cashier.
        QVERIFY(m_ui.open(QStringLiteral("till-%1.db").arg(++m_databases)));
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(m_ui.window->isSignedIn());
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
    }

    void cleanup()
    {
        m_ui.window.reset();
        m_ui.till.reset();
        i18n::install(QStringLiteral("en"));
    }

    void registerScanEarnRedeemRefundHistory()
    {
        auto *shift = m_ui.find<QLabel>("shiftLabel");
        QVERIFY(shift->text().contains(QStringLiteral("Chen Cashier")));

        // Register, by keyboard alone.
        pressIntoFocus(Qt::Key_F2);
        QDialog *reg = m_ui.waitDialog("registerDialog");
        QVERIFY(reg);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(reg, "phoneEdit"));
        typeIntoFocus(QStringLiteral("139 1234 5678"));
        QTRY_VERIFY(UiTill::in<QLabel>(reg, "phoneStatus")->text().contains(QStringLiteral("new number")));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(reg, "nameEdit"));
        typeIntoFocus(QStringLiteral("Li Na"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(reg, "genderCombo"));
        typeIntoFocus(QStringLiteral("F"));
        QCOMPARE(UiTill::in<QComboBox>(reg, "genderCombo")->currentData().toString(),
                 QStringLiteral("female"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(reg, "birthdayEdit"));
        typeIntoFocus(QStringLiteral("1990-05-20"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(reg, "idNumberEdit"));
        typeIntoFocus(QStringLiteral("110101199005201234"));
        QCOMPARE(UiTill::in<QLineEdit>(reg, "idNumberEdit")->echoMode(), QLineEdit::Password);
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(reg, "consentCheck"));
        pressIntoFocus(Qt::Key_Space);
        QVERIFY(UiTill::in<QCheckBox>(reg, "consentCheck")->isChecked());
        pressIntoFocus(Qt::Key_Return);

        // The welcome moment, with the gift.
        QDialog *welcome = m_ui.waitDialog("welcomeDialog");
        QVERIFY(welcome);
        QVERIFY(UiTill::in<QLabel>(welcome, "welcomeGift")->text().contains(QStringLiteral("100 points")));
        QTRY_VERIFY(welcome->isAncestorOf(QApplication::focusWidget()));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("welcomeDialog"));
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        QCOMPARE(m_ui.find<QLabel>("memberName")->text(), QStringLiteral("Li Na"));

        // ... and in the database.
        auto found = till().findByPhone(QStringLiteral("13912345678"));
        QVERIFY(found && found->has_value());
        const Member member = found->value();
        QCOMPARE(member.balance, qint64(100));
        QCOMPARE(member.gender, QStringLiteral("female"));
        QCOMPARE(member.birthMonth.value_or(0), 5);
        QVERIFY(member.marketingConsent);
        auto details =
            till().privateDetails(member.id, ManagerApproval{QStringLiteral("m1"), QStringLiteral("2468")});
        QVERIFY(details);
        QCOMPARE(details->second, QStringLiteral("110101199005201234"));
        QCOMPARE(details->first.value_or(QDate()), QDate(1990, 5, 20));

        // Esc goes back to lookup; a scan (fast keystrokes and Enter) opens the card.
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.window->currentMember());
        QCOMPARE(m_ui.find<QStackedWidget>("memberArea")->currentWidget()->objectName(),
                 QStringLiteral("idlePage"));
        QCOMPARE(QApplication::focusWidget(), lookupField());
        typeIntoFocus(QStringLiteral("CP1:") + member.code.digits());
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(m_ui.window->currentMember());
        QCOMPARE(m_ui.window->currentMember()->id, member.id);
        QCOMPARE(m_ui.find<QLabel>("memberName")->text(), QStringLiteral("Li Na"));
        QCOMPARE(m_ui.find<QLabel>("memberPhone")->text(), QStringLiteral("Phone *** **** 5678"));
        QCOMPARE(m_ui.find<QLabel>("balance")->text(), QStringLiteral("100"));
        QVERIFY(m_ui.find<QLabel>("tierProgress")->text().contains(QStringLiteral("more for Silver")));
        QCOMPARE(lookupField()->property("text").toString(), QString());

        // Earn: receipt, Enter, amount - the breakdown shows - Enter earns.
        pressIntoFocus(Qt::Key_F3);
        QDialog *earn = m_ui.waitDialog("earnDialog");
        QVERIFY(earn);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(earn, "receiptEdit"));
        typeIntoFocus(QStringLiteral("R-1001"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(earn, "amountEdit"));
        typeIntoFocus(QStringLiteral("268.00"));
        const QString preview = UiTill::in<QLabel>(earn, "earnPreview")->text();
        QVERIFY2(preview.contains(QStringLiteral("+268")), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("First-purchase gift")), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("318")), qPrintable(preview));
        QCOMPARE(till().card(member.id)->member.balance, qint64(100)); // nothing written yet
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("earnDialog"));
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        // One result: the points, the balance and its worth largest, then what to tell Li Na - the gift
        // included, as in the dialog and on the visit line.
        QCOMPARE(m_ui.find<QLabel>("resultHeadline")->text(),
                 QStringLiteral("+318 points · balance 418 · ≈ ¥4.18"));
        QCOMPARE(m_ui.find<QLabel>("resultTell")->text(),
                 QStringLiteral("Tell Li Na: this purchase earned 318 points, including the first-purchase "
                                "gift of 50 points; they have 418 points now."));
        QCOMPARE(m_ui.bannerText(), QString());
        QVERIFY(m_ui.find<QLabel>("resultHeadline")->font().pointSize() >
                m_ui.find<QLabel>("resultTell")->font().pointSize());
        QCOMPARE(m_ui.find<QLabel>("balance")->text(), QStringLiteral("418"));
        QCOMPARE(till().card(member.id)->member.balance, qint64(418));
        const QString visits = m_ui.find<QLabel>("recentVisits")->text();
        QVERIFY2(visits.contains(QStringLiteral("R-1001")) && visits.contains(QStringLiteral("+318 pts")),
                 qPrintable(visits));

        // The same receipt again is refused in words a cashier understands.
        pressIntoFocus(Qt::Key_F3);
        earn = m_ui.waitDialog("earnDialog");
        QVERIFY(earn);
        QTest::keyClicks(UiTill::in(earn, "receiptEdit"), QStringLiteral("R-1001"));
        QTest::keyClicks(UiTill::in(earn, "amountEdit"), QStringLiteral("10"));
        QVERIFY(UiTill::in<QLabel>(earn, "earnPreview")->text().contains(QStringLiteral("already earned")));
        QVERIFY(!UiTill::in<QPushButton>(earn, "confirmButton")->isEnabled());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("earnDialog"));
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());

        // Redeem: the catalogue shows what 418 points afford; a coffee, spent on receipt R-1001.
        pressIntoFocus(Qt::Key_F4);
        QDialog *redeem = m_ui.waitDialog("redeemDialog");
        QVERIFY(redeem);
        auto *catalogue = UiTill::in<QTableView>(redeem, "catalogueView");
        QCOMPARE(catalogue->currentIndex().data(RewardIdRole).toString(), QStringLiteral("coffee"));
        QVERIFY(catalogue->currentIndex().data(AffordableRole).toBool());
        QVERIFY(!catalogue->model()->index(1, 0).data(AffordableRole).toBool()); // tote bag: 800
        QVERIFY(catalogue->model()->index(1, 2).data().toString().contains(QStringLiteral("382 more")));
        auto *redeemReceipt = UiTill::in<QLineEdit>(redeem, "receiptEdit");
        QCOMPARE(UiTill::in<QPushButton>(redeem, "confirmButton")->text(),
                 QStringLiteral("Redeem 300 points · balance 118\nEnter"));
        QTest::keyClicks(redeemReceipt, QStringLiteral("R-1001"));
        QTest::keyClick(redeemReceipt, Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("redeemDialog"));
        QCOMPARE(m_ui.resultText(), QStringLiteral("−300 points · balance 118 · ≈ ¥1.18\nHand over: Coffee. "
                                                   "Tell Li Na: 300 points used, 118 points left."));
        QCOMPARE(m_ui.find<QLabel>("balance")->text(), QStringLiteral("118"));
        QCOMPARE(till().card(member.id)->member.balance, qint64(118));

        // Refund the purchase picked from the history: its points go back, the coffee's come back.
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F5);
        QDialog *refund = m_ui.waitDialog("refundDialog");
        QVERIFY(refund);
        auto *purchases = UiTill::in<QTableView>(refund, "purchaseView");
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(purchases));
        QCOMPARE(purchases->currentIndex().data(ReceiptRole).toString(), QStringLiteral("R-1001"));
        // Before anything is done, the dialog says what the points will do.
        QCOMPARE(
            UiTill::in<QLabel>(refund, "refundSummary")->text(),
            QStringLiteral("Refund ¥268.00 of receipt R-1001. 318 points taken back. 300 points redeemed "
                           "on it given back. Balance after: 100 points."));
        QCOMPARE(UiTill::in<QPushButton>(refund, "confirmButton")->text(),
                 QStringLiteral("Refund −18 points · balance 100\nEnter"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(refund, "amountEdit"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(refund, "reasonEdit"));
        typeIntoFocus(QStringLiteral("wrong size"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("refundDialog"));
        QCOMPARE(m_ui.resultText(),
                 QStringLiteral("−318 points · 300 points given back · balance 100 · ≈ ¥1.00\n"
                                "Refunded ¥268.00. Tell Li Na: 318 points taken back, the 300 points spent "
                                "on that receipt given back; 100 points now."));
        auto card = till().card(member.id);
        QVERIFY(card);
        QCOMPARE(card->member.balance, qint64(100)); // 118 - 268 - 50 (first-purchase gift) + 300 (coffee)
        QCOMPARE(m_ui.find<QLabel>("balance")->text(), QStringLiteral("100"));
        QCOMPARE(card->recentPurchases.first().refundedMinor, qint64(26800));

        // History lists every entry, newest first.
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F6);
        QDialog *history = m_ui.waitDialog("historyDialog");
        QVERIFY(history);
        auto *view = UiTill::in<QTableView>(history, "historyView");
        auto items = till().history(member.id, 200);
        QVERIFY(items);
        QCOMPARE(view->model()->rowCount(), int(items->size()));
        // welcome, earn, first-purchase gift, redeem; the refund: the earn and the gift back, the coffee
        // restored
        QCOMPARE(items->size(), qsizetype(7));
        QCOMPARE(view->model()->index(0, HistoryModel::What).data().toString(),
                 UiText::historyKind(items->first().kind));
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("historyDialog"));
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
    }

    // Opens the member's card by scanning their QR code into the lookup field.
    void scanMember(const Member &m)
    {
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        typeIntoFocus(QStringLiteral("CP1:") + m.code.digits());
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(m_ui.window->currentMember() && m_ui.window->currentMember()->id == m.id);
    }

    qsizetype ledgerEntries(const Member &m)
    {
        auto items = till().history(m.id, 200);
        return items ? items->size() : -1;
    }

    qsizetype purchaseCount(const Member &m)
    {
        auto rows = till().purchases(m.id, 200);
        return rows ? rows->size() : -1;
    }

    // With the POS link set up, the window serves it: the member the POS identifies opens on the screen,
    // and the sale it commits shows in the card and in one line saying what happened.
    void thePosAttachesAMemberAndEarns()
    {
        const Member m = m_ui.join(QStringLiteral("138 2222 5555"), QStringLiteral("Sun Li"));
        till().setOperator(Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System});
        auto token = PosLink(till()).addClient(QStringLiteral("Counter 1"));
        QVERIFY(token);
        QVERIFY(PosLink(till()).setListen(PosListen{QStringLiteral("127.0.0.1:0"), {}, {}}));
        m_ui.window.reset(); // the window starts the link as it opens
        m_ui.window = std::make_unique<MainWindow>(m_ui.session);
        m_ui.window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_ui.window.get()));
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(m_ui.window->isSignedIn());
        QVERIFY(m_ui.window->posLinkPort() != 0);
        m_ui.window->startCustomerDisplay(true); // the customer sees what the POS did too

        PosTestClient pos(m_ui.window->posLinkPort(), token->toLatin1());
        QCOMPARE(
            pos.post("/v1/pos/identify", {{QStringLiteral("query"), QStringLiteral("13822225555")}}).status,
            200);
        QTRY_VERIFY(m_ui.window->currentMember() && m_ui.window->currentMember()->id == m.id);
        auto *moment = m_ui.find<QLabel>("momentBanner");
        QTRY_VERIFY(moment->text().contains(QStringLiteral("Counter 1 attached a member")));

        const QJsonObject sale{
            {QStringLiteral("member"), m.code.digits()},
            {QStringLiteral("receipt"), QStringLiteral("R-9001")},
            {QStringLiteral("lines"), QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("A1")},
                                                             {QStringLiteral("amountMinor"), 10000}}}}};
        const PosReply sold = pos.post("/v1/pos/sales", sale);
        QCOMPARE(sold.status, 201);
        const qint64 balance = sold.json()
                                   .value(QStringLiteral("member"))
                                   .toObject()
                                   .value(QStringLiteral("balance"))
                                   .toInteger();
        QTRY_COMPARE(m_ui.find<QLabel>("balance")->text(), QString::number(balance));
        QTRY_VERIFY2(moment->text().contains(QStringLiteral("receipt R-9001 earned")),
                     qPrintable(moment->text()));
        QCOMPARE(purchaseCount(m), qsizetype(1));
        CustomerDisplay *display = m_ui.window->customerDisplay();
        QVERIFY(display->isShowingMember());
        QCOMPARE(UiTill::in<QLabel>(display, "customerMoved")->text(),
                 QStringLiteral("+%1 points").arg(sold.json().value(QStringLiteral("points")).toInteger()));
    }

    // A receipt QR the POS printed, scanned into the receipt field, fills in what the POS signed; the
    // same code again, or an altered one, is refused in words and earns nothing.
    void scanningAReceiptCodeFillsTheEarn()
    {
        const Member m = m_ui.join(QStringLiteral("138 2222 4444"), QStringLiteral("Sun Li"));
        auto code = till().receiptQr(QStringLiteral("R-7001"), 15800, 12800);
        QVERIFY(code);
        scanMember(m);
        pressIntoFocus(Qt::Key_F3);
        QPointer<QDialog> earn = m_ui.waitDialog("earnDialog");
        QVERIFY(earn);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(earn, "receiptEdit"));
        typeIntoFocus(code.value());
        auto *receipt = UiTill::in<QLineEdit>(earn, "receiptEdit");
        QCOMPARE(receipt->text(), QStringLiteral("R-7001"));
        QCOMPARE(UiTill::in<QLineEdit>(earn, "amountEdit")->text(), QStringLiteral("158.00"));
        QCOMPARE(UiTill::in<QLineEdit>(earn, "excludedEdit")->text(), QStringLiteral("30.00"));
        QVERIFY(receipt->isReadOnly());
        const QString preview = UiTill::in<QLabel>(earn, "earnPreview")->text();
        QVERIFY2(preview.contains(QStringLiteral("Read from the receipt")), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("128.00 that earns points")), qPrintable(preview));
        pressIntoFocus(Qt::Key_Return); // the scanner's own Enter
        QTRY_VERIFY(!m_ui.dialog("earnDialog"));
        QCOMPARE(purchaseCount(m), qsizetype(1));

        // The same code again, then one with its total changed.
        for (const QString &again :
             {code.value(),
              QString(code.value()).replace(QStringLiteral(":15800:"), QStringLiteral(":95800:"))}) {
            QTRY_COMPARE(QApplication::focusWidget(), lookupField());
            pressIntoFocus(Qt::Key_F3);
            earn = m_ui.waitDialog("earnDialog");
            QVERIFY(earn);
            QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(earn, "receiptEdit"));
            typeIntoFocus(again);
            const QString said = UiTill::in<QLabel>(earn, "earnPreview")->text();
            QVERIFY2(said.contains(again == code.value() ? QStringLiteral("already earned")
                                                         : QStringLiteral("altered")),
                     qPrintable(said));
            QCOMPARE(UiTill::in<QLineEdit>(earn, "receiptEdit")->text(), QString());
            QVERIFY(!UiTill::in<QPushButton>(earn, "confirmButton")->isEnabled());
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
            QTRY_VERIFY(!m_ui.dialog("earnDialog"));
        }
        QCOMPARE(purchaseCount(m), qsizetype(1));
    }

    // Enter earns once the form is valid, and however many Enters follow (a scanner's trailing one, a
    // double press, one arriving while the earn is written) there is exactly one earn.
    void enterEarnsExactlyOnce()
    {
        const Member m = m_ui.join(QStringLiteral("138 2222 3333"), QStringLiteral("Sun Li"));
        scanMember(m);
        QCOMPARE(ledgerEntries(m), qsizetype(1)); // the welcome gift

        // A scanned receipt's Enter goes on to the amount; Enter in the amount earns, the second one and
        // an Enter in the lookup field afterwards change nothing.
        pressIntoFocus(Qt::Key_F3);
        QPointer<QDialog> earn = m_ui.waitDialog("earnDialog");
        QVERIFY(earn);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(earn, "receiptEdit"));
        typeIntoFocus(QStringLiteral("R-3001"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(earn, "amountEdit"));
        QCOMPARE(purchaseCount(m), qsizetype(0));
        typeIntoFocus(QStringLiteral("100"));
        QPointer<QWidget> amount = UiTill::in(earn, "amountEdit");
        QTest::keyClick(amount, Qt::Key_Return);
        if (amount)
            QTest::keyClick(amount, Qt::Key_Return); // pressed twice
        QTRY_VERIFY(!m_ui.dialog("earnDialog"));
        QCOMPARE(purchaseCount(m), qsizetype(1));
        QCOMPARE(ledgerEntries(m), qsizetype(3)); // welcome, earn, first-purchase gift
        const QString said = m_ui.resultText();
        QVERIFY2(said.startsWith(QStringLiteral("+150 points")), qPrintable(said));
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_Return); // the scanner's Enter lands after the dialog closed
        QCOMPARE(m_ui.resultText(), said);

        // Amount first, then the receipt scanned with its Enter: the form is valid, so that Enter earns;
        // a second Enter queued behind it (it arrived while the earn was being written) does nothing.
        pressIntoFocus(Qt::Key_F3);
        earn = m_ui.waitDialog("earnDialog");
        QVERIFY(earn);
        QTest::keyClicks(UiTill::in(earn, "amountEdit"), QStringLiteral("50"));
        auto *receipt = UiTill::in<QLineEdit>(earn, "receiptEdit");
        QTest::keyClicks(receipt, QStringLiteral("R-3002"));
        for (int i = 0; i < 2; ++i)
            QCoreApplication::postEvent(receipt,
                                        new QKeyEvent(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier));
        QCoreApplication::sendPostedEvents(receipt, QEvent::KeyPress);
        QVERIFY(earn); // not deleted yet: the second Enter reached the dialog after the earn
        QCOMPARE(UiTill::in<QLabel>(earn, "dialogMessage")->text(), QString()); // no "already earned"
        QTRY_VERIFY(!m_ui.dialog("earnDialog"));
        QCOMPARE(purchaseCount(m), qsizetype(2));
        QCOMPARE(ledgerEntries(m), qsizetype(4));
        QCOMPARE(till().card(m.id)->member.balance, qint64(100 + 100 + 50 + 50));
    }

    // The card says what the points are worth and which rewards they buy now; one tap redeems one.
    // Found by their card, the member spends more than the rules let a card alone spend in a day (300
    // points by default) only with the 4 digits before the last four of their phone: the dialog says what
    // to ask and why, takes the digits, refuses wrong ones; found by their full number, nothing is asked.
    void redeemByCardAsksForPhoneDigits()
    {
        const Member m = m_ui.join(QStringLiteral("138 1234 5678"), QStringLiteral("Zhao Lei"));
        QVERIFY(till().adjust(m.id.toString(), 2000, QStringLiteral("opening balance"),
                              ManagerApproval{QStringLiteral("m1"), QStringLiteral("2468")}));
        scanMember(m);
        pressIntoFocus(Qt::Key_F4);
        QDialog *redeem = m_ui.waitDialog("redeemDialog");
        QVERIFY(redeem);
        auto *box = UiTill::in(redeem, "phoneDigitsBox");
        auto *catalogue = UiTill::in<QTableView>(redeem, "catalogueView");
        QCOMPARE(catalogue->currentIndex().data(RewardIdRole).toString(), QStringLiteral("coffee"));
        QVERIFY(!box->isVisible()); // 300 points: within what a card spends

        // The tote bag (800): the question shows as soon as it is chosen.
        pressIntoFocus(Qt::Key_Down);
        QCOMPARE(catalogue->currentIndex().data(RewardIdRole).toString(), QStringLiteral("tote-bag"));
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(
            UiTill::in<QLabel>(redeem, "phoneDigitsQuestion")->text(),
            QStringLiteral("Found by card, not by phone number. To spend more than 300 points today, ask "
                           "the member for the 4 digits before the last four of their phone number: a "
                           "card can be photographed."));
        auto *digits = UiTill::in<QLineEdit>(redeem, "phoneDigitsEdit");
        QVERIFY(digits->height() >= theme::TouchTarget);
        QCOMPARE(digits->text(), QString()); // the till never fills them in
        // Nowhere in the dialog is the phone number more than its last four digits.
        for (const QLabel *label : redeem->findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(QStringLiteral("1234")), qPrintable(label->text()));

        // Enter without the digits: the field takes the keyboard, nothing is spent.
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(digits));
        QCOMPARE(till().card(m.id)->member.balance, qint64(2100));
        // Letters do not go in; wrong digits are refused in words and cleared for another try.
        typeIntoFocus(QStringLiteral("ab"));
        QCOMPARE(digits->text(), QString());
        typeIntoFocus(QStringLiteral("5678"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(
            UiTill::in<QLabel>(redeem, "dialogMessage")->text().contains(QStringLiteral("do not match")));
        QCOMPARE(digits->text(), QString());
        QCOMPARE(till().card(m.id)->member.balance, qint64(2100));
        // One Enter, one answer in the audit trail.
        QCOMPARE(count(m_ui.db(), "audit", "action = 'points.redeem_digits_wrong'"), qint64(1));
        // The right ones spend.
        typeIntoFocus(QStringLiteral("1234"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("redeemDialog"));
        QCOMPARE(till().card(m.id)->member.balance, qint64(1300));

        // Found by the full phone number: nothing to ask.
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.window->currentMember());
        typeIntoFocus(QStringLiteral("138 1234 5678"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(m_ui.window->currentMember() && m_ui.window->currentMember()->id == m.id);
        pressIntoFocus(Qt::Key_F4);
        redeem = m_ui.waitDialog("redeemDialog");
        QVERIFY(redeem);
        pressIntoFocus(Qt::Key_Down);
        QCOMPARE(
            UiTill::in<QTableView>(redeem, "catalogueView")->currentIndex().data(RewardIdRole).toString(),
            QStringLiteral("tote-bag"));
        QVERIFY(!UiTill::in(redeem, "phoneDigitsBox")->isVisible());
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("redeemDialog"));
        QCOMPARE(till().card(m.id)->member.balance, qint64(500));
    }

    void cardOffersTheRewardsTheBalanceBuys()
    {
        const Member m = m_ui.join(QStringLiteral("138 4444 5555"), QStringLiteral("Zhao Lei"));
        scanMember(m);
        QCOMPARE(m_ui.find<QLabel>("balanceCaption")->text(), QStringLiteral("points, worth ¥1.00"));
        QCOMPARE(m_ui.window->findChildren<QPushButton *>(QStringLiteral("rewardButton")).size(), 0);
        QCOMPARE(m_ui.find<QLabel>("rewardsText")->text(),
                 QStringLiteral("200 points more for Coffee, the first reward."));

        EarnRequest e;
        e.member = m.id.toString();
        e.receipt = QStringLiteral("R-4001");
        e.amountMinor = 100000; // 1,000 points and the first-purchase gift of 50: 1,150
        QVERIFY(till().earn(e));
        pressIntoFocus(Qt::Key_Escape);
        scanMember(m);
        QCOMPARE(m_ui.find<QLabel>("balanceCaption")->text(), QStringLiteral("points, worth ¥11.50"));
        QCOMPARE(m_ui.find<QLabel>("rewardsText")->text(), QStringLiteral("The balance buys now:"));
        auto offered = m_ui.window->findChildren<QPushButton *>(QStringLiteral("rewardButton"));
        QCOMPARE(offered.size(), 2);
        QCOMPARE(offered.at(0)->text(), QStringLiteral("Coffee · 300 points"));
        QCOMPARE(offered.at(1)->text(), QStringLiteral("Tote bag · 800 points"));
        QVERIFY(offered.at(1)->height() >= theme::TouchTarget);

        // One tap: the redemption opens on the tote bag, Enter redeems it - found by card, 800 points
        // need the 4 digits before the last four of the phone (redeemByCardAsksForPhoneDigits).
        QTest::mouseClick(offered.at(1), Qt::LeftButton);
        QDialog *redeem = m_ui.waitDialog("redeemDialog");
        QVERIFY(redeem);
        QCOMPARE(
            UiTill::in<QTableView>(redeem, "catalogueView")->currentIndex().data(RewardIdRole).toString(),
            QStringLiteral("tote-bag"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(redeem, "phoneDigitsEdit"));
        typeIntoFocus(QStringLiteral("4444"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("redeemDialog"));
        QCOMPARE(till().card(m.id)->member.balance, qint64(350));
        QVERIFY2(m_ui.resultText().contains(QStringLiteral("Hand over: Tote bag.")),
                 qPrintable(m_ui.resultText()));
        offered = m_ui.window->findChildren<QPushButton *>(QStringLiteral("rewardButton"));
        QCOMPARE(offered.size(), 1); // 350 still buys a coffee
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
    }

    // The idle screen lists the members served since sign-in, most recent first; a tap opens one.
    void recentMembersOnTheIdleScreen()
    {
        auto *recent = m_ui.find<QWidget>("recentMembers");
        auto *list = m_ui.find<QTableView>("recentList");
        QVERIFY(recent && list);
        QVERIFY(!recent->isVisible()); // nobody served yet
        const Member first = m_ui.join(QStringLiteral("138 6666 1111"), QStringLiteral("Qian Yu"));
        const Member second = m_ui.join(QStringLiteral("138 6666 2222"), QStringLiteral("Sun Hao"));
        for (const auto &[m, receipt] :
             {std::pair{first, QStringLiteral("R-6001")}, std::pair{second, QStringLiteral("R-6002")}}) {
            scanMember(m);
            pressIntoFocus(Qt::Key_F3);
            QDialog *earn = m_ui.waitDialog("earnDialog");
            QVERIFY(earn);
            QTest::keyClicks(UiTill::in(earn, "receiptEdit"), receipt);
            QTest::keyClicks(UiTill::in(earn, "amountEdit"), QStringLiteral("20"));
            QTest::keyClick(UiTill::in(earn, "amountEdit"), Qt::Key_Return);
            QTRY_VERIFY(!m_ui.dialog("earnDialog"));
            QTRY_COMPARE(QApplication::focusWidget(), lookupField());
            pressIntoFocus(Qt::Key_Escape);
            QTRY_VERIFY(!m_ui.window->currentMember());
        }
        // Looked at but not served: not listed.
        const Member browsed = m_ui.join(QStringLiteral("138 6666 3333"), QStringLiteral("Li Wei"));
        scanMember(browsed);
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.window->currentMember());

        QTRY_VERIFY(recent->isVisible());
        QCOMPARE(list->model()->rowCount(), 2);
        QCOMPARE(list->model()->index(0, CandidateModel::Name).data().toString(), QStringLiteral("Sun Hao"));
        QCOMPARE(list->model()->index(1, CandidateModel::Name).data().toString(), QStringLiteral("Qian Yu"));
        QCOMPARE(list->model()->index(1, CandidateModel::Phone).data().toString(),
                 QStringLiteral("*** **** 1111")); // masked, as in the candidate list
        QCOMPARE(list->model()->index(1, CandidateModel::Balance).data().toString(), QStringLiteral("170"));

        // One tap opens the member; the keyboard stays in the lookup field.
        const QRect row = list->visualRect(list->model()->index(1, CandidateModel::Name));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
        QTRY_VERIFY(m_ui.window->currentMember());
        QCOMPARE(m_ui.window->currentMember()->id, first.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());

        // Someone else signing in starts with an empty list.
        m_ui.window->signOut();
        m_ui.signInByKeyboard(QStringLiteral("m1"), QStringLiteral("2468"));
        QTRY_VERIFY(m_ui.window->isSignedIn());
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        QVERIFY(!recent->isVisible());
    }

    void candidatesByArrowsAndEsc()
    {
        const Member a = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Wang Fang"));
        const Member b = m_ui.join(QStringLiteral("139 0013 8000"), QStringLiteral("Wang Wei"));
        const Member c = m_ui.join(QStringLiteral("137 0013 8000"), QStringLiteral("Zhang Min"));
        QVERIFY(!a.id.isNull() && !b.id.isNull() && !c.id.isNull());
        EarnRequest e;
        e.member = a.id.toString();
        e.receipt = QStringLiteral("R-5001");
        e.amountMinor = 10000;
        QVERIFY(till().earn(e)); // Wang Fang has shopped: 100 points, the gift of 50, a last visit

        typeIntoFocus(QStringLiteral("8000"));
        pressIntoFocus(Qt::Key_Return);
        auto *list = m_ui.find<QTableView>("candidateList");
        QTRY_VERIFY(list->isVisible());
        QCOMPARE(list->model()->rowCount(), 3);
        // In columns that line up, with the balance and the last visit to tell them apart.
        QCOMPARE(list->model()->columnCount(), int(CandidateModel::ColumnCount));
        QCOMPARE(list->model()->headerData(CandidateModel::Balance, Qt::Horizontal).toString(),
                 QStringLiteral("Points"));
        for (int row = 0; row < 3; ++row)
            QCOMPARE(list->columnViewportPosition(CandidateModel::Balance),
                     list->visualRect(list->model()->index(row, CandidateModel::Balance)).x());
        for (int row = 0; row < 3; ++row) {
            const QAbstractItemModel *model = list->model();
            const bool shopped = model->index(row, 0).data(MemberIdRole).toString() == a.id.toString();
            QCOMPARE(model->index(row, CandidateModel::Balance).data().toString(),
                     shopped ? QStringLiteral("250") : QStringLiteral("100"));
            QCOMPARE(model->index(row, CandidateModel::LastVisit).data().toString(),
                     shopped ? UiText::day(till(), till().today()) : QStringLiteral("no visit yet"));
        }
        QCOMPARE(list->currentIndex().row(), 0);
        QCOMPARE(QApplication::focusWidget(), lookupField()); // the list never takes the focus
        pressIntoFocus(Qt::Key_Down);
        pressIntoFocus(Qt::Key_Down);
        pressIntoFocus(Qt::Key_Down); // stops at the last one
        QCOMPARE(list->currentIndex().row(), 2);
        pressIntoFocus(Qt::Key_Up);
        const QString chosen = list->currentIndex().data(MemberIdRole).toString();
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(m_ui.window->currentMember());
        QCOMPARE(m_ui.window->currentMember()->id.toString(), chosen);

        // A name prefix lists candidates too; Esc leaves the list, a second Esc the card.
        typeIntoFocus(QStringLiteral("Wang"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(list->isVisible());
        QCOMPARE(list->model()->rowCount(), 2);
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!list->isVisible());
        QCOMPARE(m_ui.find<QLineEdit>("lookupField")->text(), QString());
        QVERIFY(m_ui.window->currentMember()); // the card that was open is back
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.window->currentMember());
        QCOMPARE(QApplication::focusWidget(), lookupField());

        // Touch: tapping a candidate opens it.
        typeIntoFocus(QStringLiteral("8000"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(list->isVisible());
        const QRect second = list->visualRect(list->model()->index(1, 0));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, second.center());
        QTRY_VERIFY(m_ui.window->currentMember());
        QCOMPARE(m_ui.window->currentMember()->id.toString(),
                 list->model()->index(1, 0).data(MemberIdRole).toString());
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());

        // Nothing found: the reason, and for a phone number the way to register it.
        typeIntoFocus(QStringLiteral("136 5555 0000"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(m_ui.bannerText().contains(QStringLiteral("F2 registers")));
        pressIntoFocus(Qt::Key_F2);
        registerDialogOffers(QStringLiteral("136 5555 0000"));
        // By touch: the typed number stays in the field (a typo is fixed there), and one large button
        // registers it; a member found next hides it.
        QCOMPARE(m_ui.find<QLineEdit>("lookupField")->text(), QStringLiteral("136 5555 0000"));
        auto *registerIt = m_ui.find<QPushButton>("registerUnknownButton");
        QVERIFY(registerIt->isVisible());
        QVERIFY2(registerIt->text().contains(QStringLiteral("136 5555 0000")),
                 qPrintable(registerIt->text()));
        QVERIFY(registerIt->height() >= 44);
        QTest::mouseClick(registerIt, Qt::LeftButton);
        registerDialogOffers(QStringLiteral("136 5555 0000"));
        m_ui.find<QLineEdit>("lookupField")->clear();
        typeIntoFocus(QStringLiteral("8000"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!registerIt->isVisible());
    }

    void lookupKeepsFocus()
    {
        // Pressing a button with the mouse or finger does not take the focus from the lookup field.
        QTest::mouseClick(m_ui.find<QPushButton>("settingsButton"), Qt::LeftButton);
        QVERIFY(m_ui.waitDialog("settingsDialog"));
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("settingsDialog"));
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        // Something else taking the focus gives it back.
        m_ui.find<QWidget>("memberArea")->setFocusPolicy(Qt::StrongFocus);
        m_ui.find<QWidget>("memberArea")->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        // A scan that lands after stray typing is still the scan.
        const Member m = m_ui.join(QStringLiteral("138 1111 2222"), QStringLiteral("Zhou Jie"));
        typeIntoFocus(QStringLiteral("12"));
        typeIntoFocus(QStringLiteral("CP1:") + m.code.digits());
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(m_ui.window->currentMember());
        QCOMPARE(m_ui.window->currentMember()->id, m.id);
    }

    void registerOffersTheExistingCard()
    {
        const Member owner = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        pressIntoFocus(Qt::Key_F2);
        QDialog *reg = m_ui.waitDialog("registerDialog");
        QVERIFY(reg);
        QTRY_COMPARE(QApplication::focusWidget(), UiTill::in(reg, "phoneEdit"));
        typeIntoFocus(QStringLiteral("13800138000"));
        auto *status = UiTill::in<QLabel>(reg, "phoneStatus");
        QVERIFY2(status->text().contains(QStringLiteral("already Li Na's number")),
                 qPrintable(status->text()));
        QVERIFY(UiTill::in<QPushButton>(reg, "openExistingButton")->isVisible());
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("registerDialog"));
        QTRY_VERIFY(m_ui.window->currentMember());
        QCOMPARE(m_ui.window->currentMember()->id, owner.id);
        auto count = till().findByLast4(QStringLiteral("8000"));
        QCOMPARE(count->size(), qsizetype(1)); // no duplicate customer
    }

    void signInLockout()
    {
        m_ui.window->signOut();
        QTRY_VERIFY(m_ui.find<QLineEdit>("staffIdEdit")->isVisible());
        auto *message = m_ui.find<QLabel>("loginMessage");
        for (int i = 0; i < 4; ++i) {
            m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("0000"));
            QTRY_VERIFY(message->text().contains(QStringLiteral("do not match")));
        }
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("0000"));
        QTRY_VERIFY2(message->text().contains(QStringLiteral("locked")), qPrintable(message->text()));
        // Even the right PIN is refused while locked.
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(message->text().contains(QStringLiteral("Too many wrong PINs")));
        QVERIFY(!m_ui.window->isSignedIn());
        // Five minutes later it works.
        m_ui.clock.advanceMs(6 * 60 * 1000);
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(m_ui.window->isSignedIn());
        QCOMPARE(till().currentOperator().id, QStringLiteral("c1"));
    }

    // The PIN is hashed off the UI thread: the field waits with "Checking…" until the answer comes back
    // (through the event loop, so it cannot have come before the key press returns).
    void pinIsCheckedInTheBackground()
    {
        m_ui.window->signOut();
        auto *pinEdit = m_ui.find<QLineEdit>("pinEdit");
        auto *message = m_ui.find<QLabel>("loginMessage");
        QTRY_VERIFY(pinEdit->isVisible());
        m_ui.find<QLineEdit>("staffIdEdit")->setText(QStringLiteral("m1"));
        QTest::keyClicks(pinEdit, QStringLiteral("2468"));
        QTest::keyClick(pinEdit, Qt::Key_Return);
        QVERIFY(!pinEdit->isEnabled());
        QVERIFY(!m_ui.find<QPushButton>("signInButton")->isEnabled());
        QCOMPARE(message->text(), QStringLiteral("Checking…"));
        QVERIFY(!m_ui.window->isSignedIn());
        QTRY_VERIFY(m_ui.window->isSignedIn());
        QCOMPARE(till().currentOperator().id, QStringLiteral("m1"));

        // A manager adds a cashier: the new PIN is hashed in the background too, then it signs in.
        pressIntoFocus(Qt::Key_F9);
        QDialog *manager = m_ui.waitDialog("managerDialog");
        QVERIFY(manager);
        QTest::mouseClick(UiTill::in<QPushButton>(manager, "staffFunction"), Qt::LeftButton);
        QTest::keyClicks(UiTill::in(manager, "newStaffIdEdit"), QStringLiteral("c9"));
        QTest::keyClicks(UiTill::in(manager, "newStaffNameEdit"), QStringLiteral("Zhou Min"));
        QTest::keyClicks(UiTill::in(manager, "newStaffPinEdit"), QStringLiteral("9753"));
        QTest::keyClicks(UiTill::in(manager, "newStaffPinAgainEdit"), QStringLiteral("9753"));
        QTest::mouseClick(UiTill::in<QPushButton>(manager, "addStaffButton"), Qt::LeftButton);
        QVERIFY(!UiTill::in(manager, "newStaffPinEdit")->isEnabled());
        QTRY_VERIFY(
            UiTill::in<QLabel>(manager, "managerResult")->text().contains(QStringLiteral("can now sign in")));
        QVERIFY(UiTill::in(manager, "newStaffPinEdit")->isEnabled());
        QTest::keyClick(manager, Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("managerDialog"));
        m_ui.window->signOut();
        m_ui.signInByKeyboard(QStringLiteral("c9"), QStringLiteral("9753"));
        QTRY_VERIFY(m_ui.window->isSignedIn());
        QCOMPARE(till().currentOperator().name, QStringLiteral("Zhou Min"));
    }

    // A till with no staff and no server: the setup screens (here "on its own") end with the sign-in
    // screen's own form for the first manager, who is then signed in.
    void firstManagerOnANewTill()
    {
        m_ui.window->hide();
        UiTill fresh;
        QVERIFY(fresh.open(QStringLiteral("fresh-%1.db").arg(++m_databases), false));
        auto *wizard = fresh.find<SetupWizard>("setupWizard");
        QVERIFY(wizard && wizard->isVisible());
        auto in = [wizard](const char *name) {
            return wizard->findChild<QWidget *>(QString::fromLatin1(name));
        };
        QTest::mouseClick(qobject_cast<QPushButton *>(in("setupNextButton")), Qt::LeftButton);
        QTest::mouseClick(qobject_cast<QPushButton *>(in("setupAloneButton")), Qt::LeftButton);
        QTest::mouseClick(qobject_cast<QPushButton *>(in("setupAloneSaveButton")), Qt::LeftButton);
        QTRY_COMPARE(wizard->step(), SetupWizard::Step::Manager);
        QTRY_VERIFY(in("staffNameEdit")->isVisible());
        QVERIFY(wizard->findChild<QLabel *>(QStringLiteral("loginSubtitle"))
                    ->text()
                    .contains(QStringLiteral("no staff yet")));
        QTest::keyClicks(in("staffIdEdit"), QStringLiteral("m7"));
        QTest::keyClicks(in("staffNameEdit"), QStringLiteral("Wang Fang"));
        QTest::keyClicks(in("pinEdit"), QStringLiteral("2580"));
        QTest::keyClicks(in("pinAgainEdit"), QStringLiteral("2580"));
        QTest::mouseClick(qobject_cast<QPushButton *>(in("signInButton")), Qt::LeftButton);
        // The wizard (and this label in it) is deleted once the manager is signed in.
        QPointer<QLabel> message = wizard->findChild<QLabel *>(QStringLiteral("loginMessage"));
        const auto said = [&] { return message ? message->text() : QString(); };
        const auto answered = [&] {
            return fresh.window->isSignedIn() || (!said().isEmpty() && said() != QStringLiteral("Checking…"));
        };
        QTRY_VERIFY_WITH_TIMEOUT(answered(), 10000);
        QVERIFY2(fresh.window->isSignedIn(), qPrintable(said()));
        QCOMPARE(fresh.till->currentOperator().id, QStringLiteral("m7"));
        QCOMPARE(fresh.till->currentOperator().role, Role::Manager);
        QTRY_VERIFY(!fresh.find<SetupWizard>("setupWizard"));
        // Signed out, the same manager signs in with the PIN just set.
        fresh.window->signOut();
        QTRY_VERIFY(fresh.find<QLineEdit>("pinEdit")->isVisible());
        QVERIFY(!fresh.find<QLineEdit>("staffNameEdit")->isVisible());
    }

    // A database opened with another database's key file: whoever signs in is told, and a birthday
    // cannot be saved (the message says what to do).
    void wrongKeyFileIsToldAtSignIn()
    {
        const QString name = QStringLiteral("till-%1.db").arg(++m_databases);
        {
            auto other = m_ui.openFile(m_ui.dir.file(name), m_ui.dir.file(QStringLiteral("other.key")));
            QVERIFY(other.ok());
        }
        QVERIFY(m_ui.open(name));
        QVERIFY(!till().keyProblem().isEmpty());
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("1357"));
        auto *banner = m_ui.find<QLabel>("messageBanner");
        QVERIFY(banner);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("does not belong to this database")),
                 qPrintable(banner->text()));
        RegisterRequest r;
        r.phone = QStringLiteral("13800138123");
        r.name = QStringLiteral("Wang Li");
        r.birthDate = QDate(1990, 5, 17);
        auto outcome = till().registerMember(r);
        QVERIFY(!outcome);
        QVERIFY(outcome.error().message.contains(QStringLiteral("Restore the right key")));
    }

    void screenLock()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        m_ui.window->openMember(m.id);
        pressIntoFocus(Qt::Key_F12);
        QTRY_VERIFY(m_ui.window->isLocked());
        QVERIFY(m_ui.find<QLabel>("loginTitle")->isVisible());
        QVERIFY(m_ui.find<QLabel>("shiftLabel")->text().contains(QStringLiteral("locked")));
        // The counter's keys do nothing while locked.
        pressIntoFocus(Qt::Key_F3);
        QVERIFY(!m_ui.dialog("earnDialog"));
        QCOMPARE(m_ui.find<QLineEdit>("staffIdEdit")->text(), QStringLiteral("c1"));
        QTRY_COMPARE(QApplication::focusWidget(), m_ui.find<QWidget>("pinEdit"));
        typeIntoFocus(QStringLiteral("1357"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.window->isLocked());
        QCOMPARE(m_ui.window->currentMember()->id, m.id); // the same cashier carries on
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
    }

    void managerFunctionsBehindPin()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        m_ui.window->openMember(m.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F9);
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        QVERIFY(pin);
        // A cashier's own PIN does not open them.
        QTest::keyClicks(UiTill::in(pin, "managerIdEdit"), QStringLiteral("c1"));
        QTest::keyClicks(UiTill::in(pin, "managerPinEdit"), QStringLiteral("1357"));
        QTest::keyClick(UiTill::in(pin, "managerPinEdit"), Qt::Key_Return);
        QTRY_VERIFY(
            UiTill::in<QLabel>(pin, "dialogMessage")->text().contains(QStringLiteral("is a cashier")));
        QVERIFY(m_ui.dialog("managerPinDialog"));
        UiTill::in<QLineEdit>(pin, "managerIdEdit")->setText(QStringLiteral("m1"));
        QTest::keyClicks(UiTill::in(pin, "managerPinEdit"), QStringLiteral("2468"));
        QTest::keyClick(UiTill::in(pin, "managerPinEdit"), Qt::Key_Return);
        QVERIFY(m_ui.waitDialog("managerDialog"));
        QCOMPARE(till().currentOperator().id, QStringLiteral("m1")); // acting for these functions

        QDialog *manager = m_ui.dialog("managerDialog");
        QTest::mouseClick(UiTill::in<QPushButton>(manager, "adjustFunction"), Qt::LeftButton);
        UiTill::in<QSpinBox>(manager, "adjustPointsSpin")->setValue(50);
        QTest::keyClicks(UiTill::in(manager, "adjustReasonEdit"), QStringLiteral("points missed on R-9"));
        QTest::mouseClick(UiTill::in<QPushButton>(manager, "adjustButton"), Qt::LeftButton);
        QTRY_VERIFY(
            UiTill::in<QLabel>(manager, "managerResult")->text().contains(QStringLiteral("150 points")));
        QCOMPARE(m_ui.find<QLabel>("balance")->text(), QStringLiteral("150"));
        auto history = till().history(m.id);
        QCOMPARE(history->first().kind, QStringLiteral("adjust"));
        QCOMPARE(history->first().points, qint64(50));

        QTest::keyClick(manager, Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("managerDialog"));
        QCOMPARE(till().currentOperator().id, QStringLiteral("c1")); // back to the cashier
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());

        // The role is the app layer's rule: the cashier alone cannot adjust.
        auto refused = till().adjust(m.id.toString(), 10, QStringLiteral("try"));
        QVERIFY(!refused);
        QCOMPARE(int(refused.error().code), int(ErrorCode::PermissionDenied));
    }

    // "Demo members" makes up members: only a demo database (one the seeder filled) offers it.
    void demoMembersOnlyOnADemoTill()
    {
        const Operator manager{QStringLiteral("m1"), QStringLiteral("Mei Manager"), Role::Manager};
        auto menuOffersDemo = [&] {
            auto *dialog = new ManagerDialog(m_ui.session, manager, std::nullopt, m_ui.window.get());
            dialog->open();
            const bool offered = UiTill::in<QPushButton>(dialog, "demoFunction") != nullptr;
            dialog->close();
            return offered;
        };
        m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        QVERIFY(!till().isDemo());
        QVERIFY(!menuOffersDemo());

        SeedOptions options;
        options.members = 10;
        options.monthsOfHistory = 1;
        auto seeded = DemoSeeder::seed(till(), m_ui.clock, options);
        QVERIFY2(seeded, qPrintable(seeded ? QString() : seeded.error().message));
        QVERIFY(till().isDemo());
        QVERIFY(menuOffersDemo());
        QTRY_VERIFY(!m_ui.dialog("managerDialog"));
    }

    void largeRefundAsksForManager()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        EarnRequest e;
        e.member = m.id.toString();
        e.amountMinor = 80000; // above the cashier's 500.00 refund limit
        e.receipt = QStringLiteral("R-2001");
        QVERIFY(till().earn(e));
        m_ui.window->openMember(m.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F5);
        QDialog *refund = m_ui.waitDialog("refundDialog");
        QVERIFY(refund);
        QTest::mouseClick(UiTill::in<QPushButton>(refund, "confirmButton"), Qt::LeftButton);
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        QVERIFY(pin);
        QVERIFY(UiTill::in<QLabel>(pin, "managerPinReason")->text().contains(QStringLiteral("manager")));
        approveAsManager(pin);
        QTRY_VERIFY(!m_ui.dialog("refundDialog"));
        QVERIFY2(m_ui.resultText().contains(QStringLiteral("Refunded ¥800.00")),
                 qPrintable(m_ui.resultText()));
        QCOMPARE(till().purchases(m.id)->first().refundedMinor, qint64(80000));
        QCOMPARE(till().currentOperator().id, QStringLiteral("c1"));
    }

    void qrCardPrintsToPdf()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        m_ui.window->openMember(m.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F7);
        auto *dialog = static_cast<QrCardDialog *>(m_ui.waitDialog("qrCardDialog"));
        QVERIFY(dialog);
        QCOMPARE(UiTill::in<QLabel>(dialog, "qrCode")->text(), m.code.grouped());
        QVERIFY(!UiTill::in<QLabel>(dialog, "qrImage")->pixmap().isNull());
        const QString pdf = m_ui.dir.file(QStringLiteral("card.pdf"));
        QVERIFY(dialog->saveAsPdf(pdf));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(4) == "%PDF");
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("qrCardDialog"));
    }

    // A member the server keeps without a code: the card says so, a phone still finds them, and the
    // QR card (nothing to scan) is explained instead of opened.
    void memberWithoutCode()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8001"), QStringLiteral("Wang Fang"));
        QVERIFY(till().database().execute(QStringLiteral("UPDATE members SET code = NULL")).ok());
        QCOMPARE(lookupKind(QStringLiteral("13800138001")), LookupResult::Kind::Member);
        m_ui.window->openMember(m.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        QCOMPARE(m_ui.find<QLabel>("memberCode")->text(), QStringLiteral("No member number: find by phone"));
        pressIntoFocus(Qt::Key_F7);
        QTRY_VERIFY(m_ui.bannerText().contains(QStringLiteral("no member number")));
        QVERIFY(!m_ui.dialog("qrCardDialog"));
    }

    void noteIsSaved()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        m_ui.window->openMember(m.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F8);
        QVERIFY(m_ui.waitDialog("detailsDialog"));
        typeIntoFocus(QStringLiteral("likes to be called Nana; oat milk"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("detailsDialog"));
        QVERIFY(m_ui.find<QLabel>("memberNote")->text().contains(QStringLiteral("oat milk")));
        QCOMPARE(till().card(m.id)->member.note, QStringLiteral("likes to be called Nana; oat milk"));
    }

    // The birthday greeting says "today" only on the day itself; in the rest of the birthday week it
    // names the date.
    void birthdayGreetingSaysWhichDay()
    {
        QCOMPARE(till().today(), QDate(2026, 3, 10)); // the programme's clock (UiTestSupport.h)
        const Member now =
            m_ui.join(QStringLiteral("138 0013 8001"), QStringLiteral("Li Na"), QDate(1990, 3, 10));
        const Member soon =
            m_ui.join(QStringLiteral("138 0013 8002"), QStringLiteral("Wang Fang"), QDate(1991, 3, 11));
        auto *moment = m_ui.find<QLabel>("momentBanner");
        m_ui.window->openMember(now.id);
        QTRY_VERIFY(moment->isVisible());
        QVERIFY2(moment->text().startsWith(QStringLiteral("Today is Li Na's birthday")),
                 qPrintable(moment->text()));
        m_ui.window->openMember(soon.id);
        QTRY_VERIFY2(moment->text().startsWith(QStringLiteral("Wang Fang's birthday is on 11 Mar")),
                     qPrintable(moment->text()));
        QVERIFY(!moment->text().contains(QStringLiteral("Today")));
    }

    // The customer display: the welcome (with the join code once a manager set its address), the member
    // by a masked name with their points after each action, birthday words; the welcome again when the
    // screen locks or the member is closed; never a control, a phone number or a full name.
    void theCustomerDisplayShowsTheCustomerTheirOwnPointsOnly()
    {
        // No second screen on this platform: not shown, unless asked for in a window.
        m_ui.window->startCustomerDisplay(false);
        QVERIFY(m_ui.window->customerDisplay());
        QVERIFY(!m_ui.window->customerDisplay()->isVisible());
        QCOMPARE(CustomerDisplay::customerScreen(QGuiApplication::screens(), m_ui.window->screen()), nullptr);
        m_ui.window->startCustomerDisplay(true);
        CustomerDisplay *display = m_ui.window->customerDisplay();
        QTRY_VERIFY(display->isVisible());
        QVERIFY(!display->isShowingMember());
        QVERIFY(UiTill::in<QLabel>(display, "customerInvite")
                    ->text()
                    .contains(QStringLiteral("Join at the counter")));
        QVERIFY(!UiTill::in<QLabel>(display, "customerJoinQr")->isVisible());
        QVERIFY(display->findChildren<QAbstractButton *>().isEmpty());
        QVERIFY(display->findChildren<QLineEdit *>().isEmpty());
        QTRY_COMPARE(QApplication::focusWidget(), lookupField()); // the cashier keeps the keyboard

        // Only a manager sets the join address; an address that is not a web page is refused.
        CP_VERIFY_FAILS(till().setCustomerDisplay({true, QStringLiteral("https://example.com/join")}),
                        ErrorCode::PermissionDenied);
        const ManagerApproval manager{QStringLiteral("m1"), QStringLiteral("2468")};
        CP_VERIFY_FAILS(till().setCustomerDisplay({true, QStringLiteral("javascript:alert(1)")}, manager),
                        ErrorCode::InvalidInput);
        CP_VERIFY_OK(till().setCustomerDisplay({true, QStringLiteral("https://example.com/join")}, manager));
        m_ui.window->startCustomerDisplay(true);
        display = m_ui.window->customerDisplay();
        QTRY_VERIFY(display->isVisible());
        QVERIFY(UiTill::in<QLabel>(display, "customerJoinQr")->isVisible());
        QVERIFY(!UiTill::in<QLabel>(display, "customerJoinQr")->pixmap().isNull());

        const Member m =
            m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"), QDate(1990, 3, 10));
        m_ui.window->openMember(m.id);
        QTRY_VERIFY(display->isShowingMember());
        QCOMPARE(UiTill::in<QLabel>(display, "customerGreeting")->text(),
                 QStringLiteral("Happy birthday, L* N*!"));
        QCOMPARE(UiTill::in<QLabel>(display, "customerBalance")->text(), QStringLiteral("Your points: 100"));
        QVERIFY(!UiTill::in<QLabel>(display, "customerMoved")->isVisible());

        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F3);
        QDialog *earn = m_ui.waitDialog("earnDialog");
        QVERIFY(earn);
        typeIntoFocus(QStringLiteral("R-77"));
        pressIntoFocus(Qt::Key_Return);
        typeIntoFocus(QStringLiteral("30"));
        pressIntoFocus(Qt::Key_Return);
        QTRY_VERIFY(!m_ui.dialog("earnDialog"));
        const qint64 balance = till().card(m.id)->member.balance;
        QCOMPARE(UiTill::in<QLabel>(display, "customerMoved")->text(),
                 QStringLiteral("+%1 points").arg(balance - 100));
        QCOMPARE(UiTill::in<QLabel>(display, "customerBalance")->text(),
                 QStringLiteral("Your points: %1").arg(UiText::points(balance)));
        const auto labels = display->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            QVERIFY2(!label->text().contains(QStringLiteral("Li Na")), qPrintable(label->text()));
            QVERIFY2(!label->text().contains(QStringLiteral("8000")), qPrintable(label->text()));
        }

        m_ui.window->lock();
        QTRY_VERIFY(!display->isShowingMember());
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(!m_ui.window->isLocked());
        QTRY_VERIFY(display->isShowingMember());
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_Escape);
        QTRY_VERIFY(!display->isShowingMember());
    }

    // F8, "Close membership…": the window says what is forfeited, a manager approves, the card goes
    // and the counter says what happened.
    void membershipClosedFromTheDetails()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        m_ui.window->openMember(m.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F8);
        QDialog *details = m_ui.waitDialog("detailsDialog");
        QVERIFY(details);
        QTest::mouseClick(UiTill::in<QPushButton>(details, "closeMembershipButton"), Qt::LeftButton);
        QDialog *closing = m_ui.waitDialog("closeMembershipDialog");
        QVERIFY(closing);
        QVERIFY(!m_ui.dialog("detailsDialog"));
        const qint64 balance = till().card(m.id)->member.balance;
        const QString explanation = UiTill::in<QLabel>(closing, "closeExplanation")->text();
        QVERIFY2(balance > 0 ? explanation.contains(QLocale().toString(balance))
                             : explanation.contains(QStringLiteral("No points")),
                 qPrintable(explanation));
        UiTill::in<QLineEdit>(closing, "closeReasonEdit")->setText(QStringLiteral("moving away"));
        QTest::mouseClick(UiTill::in<QPushButton>(closing, "confirmButton"), Qt::LeftButton);
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        QVERIFY(pin);
        QCOMPARE(till().card(m.id)->member.status, QStringLiteral("active"));
        approveAsManager(pin);
        QTRY_VERIFY(!m_ui.dialog("closeMembershipDialog"));
        auto found = till().findById(m.id);
        QVERIFY(found && found->has_value());
        QCOMPARE(found->value().status, QStringLiteral("closed"));
        QCOMPARE(found->value().balance, qint64(0));
        QTRY_VERIFY2(m_ui.bannerText().contains(QStringLiteral("is closed")), qPrintable(m_ui.bannerText()));
        QCOMPARE(till().currentOperator().id, QStringLiteral("c1"));
    }

    // "Also erase their personal data": the button says so, the reason (words about the member) is off;
    // after the PIN the record keeps no name or number and the counter says what happened.
    void personalDataErasedFromTheCloseDialog()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8001"), QStringLiteral("Li Na"));
        QDialog *details = openDetailsOf(m);
        QVERIFY(details);
        QTest::mouseClick(UiTill::in<QPushButton>(details, "closeMembershipButton"), Qt::LeftButton);
        QDialog *closing = m_ui.waitDialog("closeMembershipDialog");
        QVERIFY(closing);
        UiTill::in<QCheckBox>(closing, "eraseCheck")->setChecked(true);
        QCOMPARE(UiTill::in<QPushButton>(closing, "confirmButton")->text(),
                 QStringLiteral("Close and erase"));
        QVERIFY(!UiTill::in<QLineEdit>(closing, "closeReasonEdit")->isEnabled());
        QTest::mouseClick(UiTill::in<QPushButton>(closing, "confirmButton"), Qt::LeftButton);
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        QVERIFY(pin);
        approveAsManager(pin);
        QTRY_VERIFY(!m_ui.dialog("closeMembershipDialog"));
        const Member after = till().findById(m.id)->value();
        QVERIFY(after.erasedAtMs.has_value());
        QVERIFY(after.name.isEmpty());
        QTRY_VERIFY2(m_ui.bannerText().contains(QStringLiteral("Li Na")) &&
                         m_ui.bannerText().contains(QStringLiteral("erased")),
                     qPrintable(m_ui.bannerText()));
    }

    // F8, "New phone number": a manager's PIN, then the new number is the member's and the old one
    // still opens the card, with a banner saying which number is theirs now.
    void phoneChangedFromTheDetails()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8002"), QStringLiteral("Li Na"));
        QDialog *details = openDetailsOf(m);
        QVERIFY(details);
        UiTill::in<QLineEdit>(details, "phoneEdit")->setText(QStringLiteral("139 0013 9002"));
        QTest::mouseClick(UiTill::in<QPushButton>(details, "confirmButton"), Qt::LeftButton);
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        QVERIFY(pin);
        approveAsManager(pin);
        QTRY_VERIFY(!m_ui.dialog("detailsDialog"));
        QCOMPARE(till().findById(m.id)->value().phone.e164(), QStringLiteral("+8613900139002"));
        m_ui.window->lookup(QStringLiteral("13800138002"));
        QTRY_VERIFY2(m_ui.bannerText().contains(QStringLiteral("before")), qPrintable(m_ui.bannerText()));
    }

    void detailsCorrectedAndBirthdayNeedsAManager()
    {
        const Member m = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        m_ui.window->openMember(m.id);
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F8);
        QDialog *details = m_ui.waitDialog("detailsDialog");
        QVERIFY(details);
        auto *name = UiTill::in<QLineEdit>(details, "nameEdit");
        QCOMPARE(name->text(), QStringLiteral("Li Na"));
        name->setText(QStringLiteral("Li Nana"));
        UiTill::in<QLineEdit>(details, "birthdayEdit")->setText(QStringLiteral("1990年5月20日"));
        QTest::keyClick(UiTill::in(details, "birthdayEdit"), Qt::Key_Return);
        // The cashier (c1) may fix the name but not the birthday: a manager's PIN is asked, then both save.
        QDialog *pin = m_ui.waitDialog("managerPinDialog");
        QVERIFY(pin);
        QCOMPARE(till().card(m.id)->member.name, QStringLiteral("Li Na"));
        approveAsManager(pin);
        QTRY_VERIFY(!m_ui.dialog("detailsDialog"));
        const Member after = till().card(m.id)->member;
        QCOMPARE(after.name, QStringLiteral("Li Nana"));
        QCOMPARE(after.birthMonth, std::optional<int>(5));
        QCOMPARE(after.birthDay, std::optional<int>(20));
        QCOMPARE(till().currentOperator().id, QStringLiteral("c1"));
        QTRY_VERIFY(m_ui.find<QLabel>("memberName")->text().contains(QStringLiteral("Li Nana")));

        // The manager sees it in the audit trail, with who approved, and exports it.
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        pressIntoFocus(Qt::Key_F9);
        pin = m_ui.waitDialog("managerPinDialog");
        QVERIFY(pin);
        approveAsManager(pin);
        QVERIFY(m_ui.waitDialog("managerDialog"));
        auto *manager = qobject_cast<ManagerDialog *>(m_ui.dialog("managerDialog"));
        QVERIFY(manager);
        ManagerAuditPage *audit = manager->showAudit();
        UiTill::in<QCheckBox>(audit, "auditOnlyMember")->setChecked(true);
        QTest::mouseClick(UiTill::in<QPushButton>(audit, "auditShowButton"), Qt::LeftButton);
        QTableWidget *lines = audit->lines();
        QCOMPARE(lines->rowCount(), 2);
        QCOMPARE(lines->item(0, 2)->text(), QStringLiteral("Corrected a member's details"));
        QCOMPARE(lines->item(0, 1)->text(), QStringLiteral("c1"));
        QCOMPARE(lines->item(0, 5)->text(), QStringLiteral("m1"));
        QCOMPARE(lines->item(1, 2)->text(), QStringLiteral("Registered a member"));
        const QString csv = m_ui.dir.file(QStringLiteral("audit.csv"));
        QVERIFY(audit->exportTo(csv));
        QVERIFY(readAll(csv).contains("member.profile"));
        QTest::keyClick(manager, Qt::Key_Escape);
        QTRY_VERIFY(!m_ui.dialog("managerDialog"));
    }

    void languageSwitchesInSettings()
    {
        QCOMPARE(m_ui.find<QPushButton>("earnButton")->text(), QStringLiteral("Earn\nF3"));
        pressIntoFocus(Qt::Key_F10);
        QDialog *settings = m_ui.waitDialog("settingsDialog");
        QVERIFY(settings);
        auto *combo = UiTill::in<QComboBox>(settings, "languageCombo");
        combo->setCurrentIndex(combo->findData(QStringLiteral("zh_CN")));
        QTest::mouseClick(UiTill::in<QPushButton>(settings, "confirmButton"), Qt::LeftButton);
        QTRY_VERIFY(!m_ui.dialog("settingsDialog"));
        // The window is rebuilt in Chinese, in the same state.
        QTRY_COMPARE(m_ui.find<QPushButton>("earnButton")->text(), QString::fromUtf8("积分\nF3"));
        QCOMPARE(till().config().language, QStringLiteral("zh_CN"));
        QVERIFY(m_ui.window->isSignedIn());
        QTRY_COMPARE(QApplication::focusWidget(), lookupField());
        // ... and back.
        QVERIFY(till().setLanguage(QStringLiteral("en")));
        i18n::install(QStringLiteral("en"));
        QTRY_COMPARE(m_ui.find<QPushButton>("earnButton")->text(), QStringLiteral("Earn\nF3"));
        // English counts in words too: one change, two changes (the plural forms of counterpart_en.ts).
        QCOMPARE(QCoreApplication::translate("counterpart::ManagerSyncPage",
                                             "%n change(s) waiting to be sent.", nullptr, 1),
                 QStringLiteral("1 change waiting to be sent."));
        QCOMPARE(QCoreApplication::translate("counterpart::ManagerSyncPage",
                                             "%n change(s) waiting to be sent.", nullptr, 2),
                 QStringLiteral("2 changes waiting to be sent."));
    }

    void touchTargetsAndSmallestScreen()
    {
        QCOMPARE(m_ui.window->minimumSize(), QSize(theme::MinimumWidth, theme::MinimumHeight));
        m_ui.window->resize(theme::MinimumWidth, theme::MinimumHeight);
        const Member m = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        m_ui.window->openMember(m.id);
        QTest::qWait(0);
        const auto buttons = m_ui.window->findChildren<QPushButton *>();
        int checked = 0;
        for (QPushButton *b : buttons) {
            if (!b->isVisible())
                continue;
            QVERIFY2(b->height() >= theme::TouchTarget && b->width() >= theme::TouchTarget,
                     qPrintable(b->objectName()));
            // The key is on the button.
            if (b->objectName().endsWith(QLatin1String("Button")) && b->property("action").toBool())
                QVERIFY2(b->text().contains(QLatin1Char('\n')), qPrintable(b->objectName()));
            ++checked;
        }
        QVERIFY(checked >= 10);
        QVERIFY(lookupField()->height() >= theme::TouchTarget);
    }
};

QTEST_MAIN(TestCounter)
#include "tst_counter.moc"
