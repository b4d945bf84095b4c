#include "ui/RegisterDialog.h"

#include "ui/Theme.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>

namespace counterpart {

RegisterDialog::RegisterDialog(Till &till, const QString &phone, QWidget *parent)
    : TillDialog(QStringLiteral("registerDialog"), tr("Register a member"), parent)
    , m_till(till)
{
    QFormLayout *form = addForm();
    m_phone = addLineEdit(form, tr("Phone"), "phoneEdit", tr("e.g. 138 0013 8000"));
    m_phoneStatus = new QLabel(this);
    m_phoneStatus->setObjectName(QStringLiteral("phoneStatus"));
    m_phoneStatus->setWordWrap(true);
    m_openExisting = new QPushButton(this);
    m_openExisting->setObjectName(QStringLiteral("openExistingButton"));
    m_openExisting->setMinimumHeight(theme::TouchTarget);
    m_openExisting->hide();
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_phoneStatus, 1);
    statusRow->addWidget(m_openExisting);
    form->addRow(QString(), statusRow);
    m_name = addLineEdit(form, tr("Name"), "nameEdit", tr("as the member likes it written"));
    m_name->setMaxLength(60);
    m_gender = widgets::genderCombo(this);
    form->addRow(tr("Gender"), m_gender);
    m_birthday =
        addLineEdit(form, tr("Birthday"), "birthdayEdit", tr("year-month-day, e.g. 1990-05-20 (optional)"));
    m_showId = new QPushButton(tr("Show"), this);
    m_showId->setObjectName(QStringLiteral("showIdButton"));
    m_showId->setCheckable(true);
    m_showId->setFocusPolicy(Qt::NoFocus);
    auto *idRow = new QHBoxLayout;
    m_idNumber = new QLineEdit(this);
    m_idNumber->setObjectName(QStringLiteral("idNumberEdit"));
    m_idNumber->setPlaceholderText(tr("optional; stored encrypted"));
    m_idNumber->setMinimumHeight(theme::TouchTarget);
    m_idNumber->setEchoMode(QLineEdit::Password);
    m_idNumber->setMaxLength(32);
    idRow->addWidget(m_idNumber, 1);
    idRow->addWidget(m_showId);
    form->addRow(tr("ID number"), idRow);
    connect(m_showId, &QPushButton::toggled, this, [this](bool shown) {
        m_idNumber->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_showId->setText(shown ? tr("Hide") : tr("Show"));
    });
    m_consent = new QCheckBox(tr("Agrees to receive offers by SMS"), this);
    m_consent->setObjectName(QStringLiteral("consentCheck"));
    form->addRow(QString(), m_consent);

    auto *keys = new QLabel(tr("Enter goes to the next field; Enter on the last one registers."), this);
    keys->setObjectName(QStringLiteral("keysHint"));
    keys->setStyleSheet(theme::textStyle(theme::Colour::Hint));
    body()->addWidget(keys);
    addNumberPad(NumberPad::Keys::Digits); // the phone, and the birthday as 19900520

    addCancelButton();
    m_confirm = addButton(tr("Register"), QKeySequence(Qt::CTRL | Qt::Key_Enter), "confirmButton", true);
    connect(m_confirm, &QPushButton::clicked, this, &RegisterDialog::confirm);
    auto *confirmKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(confirmKey, &QShortcut::activated, this, &RegisterDialog::confirm);
    connect(m_openExisting, &QPushButton::clicked, this, [this] {
        if (m_existing.isNull())
            return;
        const Uuid id = m_existing;
        accept();
        emit openExisting(id);
    });
    connect(m_phone, &QLineEdit::textChanged, this, &RegisterDialog::checkPhone);

    m_phone->setText(phone);
    m_phone->setFocus();
    setMinimumWidth(940);
}

void RegisterDialog::checkPhone()
{
    m_existing = Uuid();
    m_openExisting->hide();
    const QString text = m_phone->text().trimmed();
    if (text.isEmpty()) {
        m_phoneStatus->clear();
        return;
    }
    const QString region = m_till.config().region;
    auto phone = PhoneNumber::parse(text, region);
    if (!phone) {
        m_phoneStatus->setStyleSheet(theme::textStyle(theme::Colour::Hint));
        m_phoneStatus->setText(phone.error().message);
        return;
    }
    auto found = m_till.findByPhone(text);
    if (!found) {
        m_phoneStatus->setStyleSheet(theme::bannerStyle(theme::Tone::Error));
        m_phoneStatus->setText(UiText::error(found.error()));
        return;
    }
    if (found->has_value()) {
        const Member &owner = found->value();
        m_existing = owner.id;
        m_phoneStatus->setStyleSheet(theme::bannerStyle(theme::Tone::Warning));
        m_phoneStatus->setText(
            tr("%1 is already %2's number (%3). Open that card?")
                .arg(phone->formatted(region), owner.name, UiText::tierName(m_till, owner.tier)));
        m_openExisting->setText(
            UiText::withShortcut(tr("Open %1's card").arg(owner.name), QKeySequence(Qt::Key_Enter)));
        m_openExisting->show();
        return;
    }
    m_phoneStatus->setStyleSheet(theme::bannerStyle(theme::Tone::Success));
    m_phoneStatus->setText(tr("%1 is a new number.").arg(phone->formatted(region)));
}

void RegisterDialog::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (!enter || event->modifiers() & Qt::ControlModifier) {
        TillDialog::keyPressEvent(event);
        return;
    }
    QWidget *focus = focusWidget();
    if (focus == m_phone && !m_existing.isNull()) {
        m_openExisting->click();
        return;
    }
    if (focus == m_confirm || focus == m_consent) {
        confirm();
        return;
    }
    if (focus && qobject_cast<QPushButton *>(focus)) {
        static_cast<QPushButton *>(focus)->click();
        return;
    }
    focusNextChild();
}

void RegisterDialog::confirm()
{
    clearMessage();
    RegisterRequest request;
    request.phone = m_phone->text();
    request.name = m_name->text();
    request.gender = m_gender->currentData().toString();
    if (!m_birthday->text().trimmed().isEmpty()) {
        const auto date = UiText::parseDate(m_birthday->text());
        if (!date) {
            showMessage(tr("Type the birthday as year-month-day, e.g. 1990-05-20, or leave it empty."),
                        theme::Tone::Warning);
            m_birthday->setFocus();
            m_birthday->selectAll();
            return;
        }
        request.birthDate = *date;
    }
    request.idNumber = m_idNumber->text();
    request.marketingConsent = m_consent->isChecked();
    auto outcome = m_till.registerMember(request);
    if (!outcome) {
        showError(outcome.error());
        // Put the cashier where the problem is.
        if (outcome.error().code == ErrorCode::InvalidInput && request.name.trimmed().isEmpty())
            m_name->setFocus();
        else if (outcome.error().code == ErrorCode::Conflict ||
                 !PhoneNumber::parse(request.phone, m_till.config().region))
            m_phone->setFocus();
        return;
    }
    accept();
    emit registered(outcome.value());
}

} // namespace counterpart
