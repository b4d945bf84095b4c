#include "ui/Dialogs.h"

#include "app/Language.h"
#include "core/MemberCode.h"
#include "print/QrCode.h"
#include "ui/BackgroundTask.h"
#include "ui/Models.h"
#include "ui/NumberPad.h"
#include "ui/StaffPicker.h"
#include "ui/TillInfoPanel.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace counterpart {

// --- base ----------------------------------------------------------------------------------------

TillDialog::TillDialog(const QString &objectName, const QString &title, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(objectName);
    setWindowTitle(title);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(20, 16, 20, 16);
    outer->setSpacing(12);
    auto *heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("dialogTitle"));
    QFont f = heading->font();
    f.setPointSize(15);
    f.setBold(true);
    heading->setFont(f);
    outer->addWidget(heading);
    // The body, and beside it the number pad when the dialog has one (at the top: it never moves when a
    // message appears under the body).
    auto *row = new QHBoxLayout;
    row->setSpacing(20);
    m_body = new QVBoxLayout;
    m_body->setSpacing(10);
    row->addLayout(m_body, 1);
    m_side = new QVBoxLayout;
    row->addLayout(m_side);
    outer->addLayout(row, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("dialogMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    outer->addWidget(m_message);
    m_buttons = new QHBoxLayout;
    m_buttons->addStretch();
    outer->addLayout(m_buttons);
}

void TillDialog::setVisible(bool visible)
{
    // QDialog would make the first push button in the focus chain the default one, so Enter in a line
    // edit would also press, say, Cancel. Only a button made default on purpose is; Enter on a focused
    // button presses that button (eventFilter).
    if (visible) {
        const auto buttons = findChildren<QPushButton *>();
        for (QPushButton *b : buttons) {
            if (!b->isDefault() && b->autoDefault()) {
                b->setAutoDefault(false);
                b->installEventFilter(this);
            }
        }
    }
    QDialog::setVisible(visible);
}

bool TillDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        auto *button = qobject_cast<QPushButton *>(watched);
        if (button && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers() == Qt::NoModifier) {
            if (button->isEnabled())
                button->click();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

NumberPad *TillDialog::addNumberPad(NumberPad::Keys keys)
{
    auto *pad = new NumberPad(this, keys, QSize(72, 56), this);
    m_side->addWidget(pad, 0, Qt::AlignTop);
    m_side->addStretch();
    return pad;
}

QFormLayout *TillDialog::addForm()
{
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setVerticalSpacing(8);
    m_body->addLayout(form);
    return form;
}

QLineEdit *TillDialog::addLineEdit(QFormLayout *form, const QString &label, const char *objectName,
                                   const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QString::fromLatin1(objectName));
    edit->setPlaceholderText(placeholder);
    edit->setMinimumHeight(theme::TouchTarget);
    form->addRow(label, edit);
    return edit;
}

QPushButton *TillDialog::addButton(const QString &label, const QKeySequence &key, const char *objectName,
                                   bool primary)
{
    auto *button = new QPushButton(UiText::withShortcut(label, key), this);
    button->setObjectName(QString::fromLatin1(objectName));
    button->setMinimumSize(120, 52);
    button->setProperty("primary", primary);
    m_buttons->addWidget(button);
    return button;
}

QPushButton *TillDialog::addCancelButton()
{
    QPushButton *cancel = addButton(tr("Cancel"), QKeySequence(Qt::Key_Escape), "cancelButton", false);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    return cancel;
}

void TillDialog::showMessage(const QString &text, theme::Tone tone)
{
    m_message->setStyleSheet(theme::bannerStyle(tone));
    m_message->setText(text);
    m_message->show();
}

void TillDialog::showError(const Error &error)
{
    showMessage(UiText::error(error), theme::Tone::Error);
}

void TillDialog::clearMessage()
{
    m_message->clear();
    m_message->hide();
}

// --- manager approval ----------------------------------------------------------------------------

ManagerApprovalDialog::ManagerApprovalDialog(Till &till, const QString &why, QWidget *parent, Verify verify)
    : TillDialog(QStringLiteral("managerPinDialog"), tr("A manager's PIN"), parent)
    , m_till(till)
    , m_verify(std::move(verify))
{
    auto *explain = new QLabel(why, this);
    explain->setObjectName(QStringLiteral("managerPinReason"));
    explain->setWordWrap(true);
    body()->addWidget(explain);
    QFormLayout *form = addForm();
    m_id = addLineEdit(form, tr("Manager's staff id"), "managerIdEdit");
    m_pin = addLineEdit(form, tr("PIN"), "managerPinEdit");
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), m_pin));
    // The managers by name, so a till without a keyboard never types an id; then the PIN on the pad.
    auto *managers = new StaffPicker(this);
    if (auto staff = till.staffToPick(true))
        managers->setStaff(staff.value());
    body()->insertWidget(1, managers);
    managers->fills(m_id, m_pin);
    addNumberPad(NumberPad::Keys::Digits);
    addCancelButton();
    m_ok = addButton(tr("Approve"), QKeySequence(Qt::Key_Enter), "confirmButton", true);
    connect(m_ok, &QPushButton::clicked, this, &ManagerApprovalDialog::confirm);
    connect(m_id, &QLineEdit::returnPressed, m_pin, qOverload<>(&QWidget::setFocus));
    connect(m_pin, &QLineEdit::returnPressed, this, &ManagerApprovalDialog::confirm);
    setMinimumWidth(720);
}

bool ManagerApprovalDialog::isChecking() const
{
    return !m_pin->isEnabled();
}

void ManagerApprovalDialog::setChecking(bool checking)
{
    m_id->setEnabled(!checking);
    m_pin->setEnabled(!checking);
    m_ok->setEnabled(!checking);
    if (checking)
        showMessage(tr("Checking…"), theme::Tone::Info);
    else
        clearMessage();
}

void ManagerApprovalDialog::confirm()
{
    if (isChecking())
        return;
    if (m_id->text().trimmed().isEmpty() || m_pin->text().isEmpty()) {
        showMessage(tr("Type the manager's staff id and PIN."), theme::Tone::Warning);
        (m_id->text().trimmed().isEmpty() ? m_id : m_pin)->setFocus();
        return;
    }
    const ManagerApproval approval{m_id->text().trimmed(), m_pin->text()};
    setChecking(true);
    hashPinInBackground(m_till, this, approval,
                        [this](const Result<ManagerApproval> &hashed) { this->hashed(hashed); });
}

void ManagerApprovalDialog::hashed(const Result<ManagerApproval> &approval)
{
    setChecking(false);
    std::optional<Error> problem;
    if (!approval)
        problem = approval.error();
    else if (m_verify)
        problem = m_verify(approval.value());
    if (problem) {
        showError(*problem);
        m_pin->clear();
        m_pin->setFocus();
        return;
    }
    accept();
    emit approved(approval.value());
}

// --- history -------------------------------------------------------------------------------------

HistoryDialog::HistoryDialog(Till &till, const Member &member, QWidget *parent)
    : TillDialog(QStringLiteral("historyDialog"), tr("History of %1").arg(member.name), parent)
{
    m_model = new HistoryModel(till, this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(theme::TouchTarget);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(HistoryModel::Details, QHeaderView::Stretch);
    m_view->setAlternatingRowColors(true);
    body()->addWidget(m_view);
    auto items = till.history(member.id, 200);
    if (items) {
        m_model->setItems(items.value());
        m_view->resizeColumnsToContents();
        m_view->horizontalHeader()->setSectionResizeMode(HistoryModel::Details, QHeaderView::Stretch);
        if (m_model->rowCount() > 0)
            m_view->selectRow(0);
    } else {
        showError(items.error());
    }
    auto *balance = new QLabel(tr("Balance now: %1").arg(UiText::pointsPhrase(member.balance)), this);
    balance->setObjectName(QStringLiteral("historyBalance"));
    body()->addWidget(balance);
    QPushButton *close = addButton(tr("Close"), QKeySequence(Qt::Key_Escape), "closeButton", true);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    close->setDefault(true);
    m_view->setFocus();
    resize(900, 560);
}

// --- welcome -------------------------------------------------------------------------------------

WelcomeDialog::WelcomeDialog(const Till &till, const RegisterOutcome &outcome, QWidget *parent)
    : TillDialog(QStringLiteral("welcomeDialog"), tr("Welcome, %1!").arg(outcome.member.name), parent)
{
    const Member &m = outcome.member;
    auto *row = new QHBoxLayout;
    auto *text = new QVBoxLayout;
    const QString store = till.config().storeName.isEmpty() ? tr("our store") : till.config().storeName;
    auto *greeting = new QLabel(tr("%1 is now a member of %2.").arg(m.name, store), this);
    greeting->setWordWrap(true);
    QFont big = greeting->font();
    big.setPointSize(14);
    greeting->setFont(big);
    text->addWidget(greeting);
    auto *gift = new QLabel(this);
    gift->setObjectName(QStringLiteral("welcomeGift"));
    gift->setWordWrap(true);
    gift->setStyleSheet(theme::bannerStyle(theme::Tone::Moment));
    gift->setText(outcome.welcomePoints > 0 ? tr("A welcome gift of %1 is already on the card.")
                                                  .arg(UiText::pointsPhrase(outcome.welcomePoints))
                                            : tr("Points start with today's purchase."));
    QFont giftFont = gift->font();
    giftFont.setPointSize(14);
    giftFont.setBold(true);
    gift->setFont(giftFont);
    text->addWidget(gift);
    const LoyaltyRules &rules = till.rules();
    QStringList next;
    if (rules.gifts.firstPurchasePoints > 0)
        next << tr("%1 more with the first purchase.")
                    .arg(UiText::pointsPhrase(rules.gifts.firstPurchasePoints));
    if (m.birthMonth && rules.birthday.giftPoints > 0)
        next << tr("A birthday gift every year around %1.")
                    .arg(UiText::monthDay(*m.birthMonth, m.birthDay.value_or(1)));
    const Tier &entry = rules.entryTier();
    if (!entry.benefits.text(till.config().language).isEmpty())
        next << tr("%1: %2.").arg(UiText::tierName(till, entry.id),
                                  entry.benefits.text(till.config().language));
    auto *more = new QLabel(next.join(QLatin1Char('\n')), this);
    more->setWordWrap(true);
    text->addWidget(more);
    auto *code = new QLabel(
        tr("Member code %1. Scan the QR code to save it, or show it next time.").arg(m.code.grouped()), this);
    code->setObjectName(QStringLiteral("welcomeCode"));
    code->setWordWrap(true);
    text->addWidget(code);
    text->addStretch();
    row->addLayout(text, 1);
    MemberQrPayload payload;
    payload.code = m.code;
    auto *qr = new QLabel(this);
    qr->setObjectName(QStringLiteral("welcomeQr"));
    qr->setPixmap(qrCodePixmap(payload.encode(), 6, devicePixelRatioF()));
    row->addWidget(qr, 0, Qt::AlignTop);
    body()->addLayout(row);
    QPushButton *start = addButton(tr("Open the card"), QKeySequence(Qt::Key_Enter), "confirmButton", true);
    connect(start, &QPushButton::clicked, this, &QDialog::accept);
    start->setDefault(true);
    start->setFocus();
    setMinimumWidth(700);
}

// --- settings ------------------------------------------------------------------------------------

SettingsDialog::SettingsDialog(Till &till, int autoLockMinutes, sync::SyncService *sync, QWidget *parent)
    : TillDialog(QStringLiteral("settingsDialog"), tr("Settings"), parent)
    , m_till(till)
{
    QFormLayout *form = addForm();
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->setMinimumHeight(theme::TouchTarget);
    // Each language in its own words, so anyone can find theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QString::fromUtf8("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(till.config().language)));
    form->addRow(tr("Language"), m_language);
    m_autoLock = new QSpinBox(this);
    m_autoLock->setObjectName(QStringLiteral("autoLockSpin"));
    m_autoLock->setMinimumHeight(theme::TouchTarget);
    m_autoLock->setRange(0, 120);
    m_autoLock->setValue(autoLockMinutes);
    m_autoLock->setSuffix(tr(" min"));
    m_autoLock->setSpecialValueText(tr("never"));
    form->addRow(tr("Lock the screen when idle for"), widgets::stepper(m_autoLock));
    auto *about = new QLabel(tr("Loyalty rules %1").arg(till.rules().version), this);
    about->setObjectName(QStringLiteral("aboutTill"));
    about->setWordWrap(true);
    body()->addWidget(about);
    body()->addWidget(new TillInfoPanel(till, sync, this));
    addCancelButton();
    QPushButton *ok = addButton(tr("Save"), QKeySequence(Qt::Key_Enter), "confirmButton", true);
    connect(ok, &QPushButton::clicked, this, &SettingsDialog::save);
    ok->setDefault(true);
    m_language->setFocus();
    setMinimumWidth(520);
}

void SettingsDialog::save()
{
    const QString language = m_language->currentData().toString();
    if (language != m_till.config().language) {
        if (Status s = m_till.setLanguage(language); !s) {
            showError(s.error());
            return;
        }
        i18n::install(language);
    }
    emit autoLockChanged(m_autoLock->value());
    accept();
}

} // namespace counterpart
