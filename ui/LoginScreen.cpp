#include "ui/LoginScreen.h"

#include "ui/BackgroundTask.h"
#include "ui/NumberPad.h"
#include "ui/StaffPicker.h"
#include "ui/Theme.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace counterpart {

LoginScreen::LoginScreen(Till &till, QWidget *parent)
    : QWidget(parent)
    , m_till(till)
{
    setObjectName(QStringLiteral("loginScreen"));
    auto *panel = new QFrame(this);
    panel->setObjectName(QStringLiteral("loginPanel"));
    panel->setProperty("panel", true);
    panel->setMaximumWidth(860);

    m_title = new QLabel(panel);
    m_title->setObjectName(QStringLiteral("loginTitle"));
    widgets::setFontSize(m_title, 20, true);
    m_subtitle = new QLabel(panel);
    m_subtitle->setObjectName(QStringLiteral("loginSubtitle"));
    m_subtitle->setWordWrap(true);

    m_message = new QLabel(panel);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto *left = new QVBoxLayout;
    left->addWidget(m_title);
    left->addWidget(m_subtitle);
    left->addSpacing(8);
    m_picker = new StaffPicker(panel);
    left->addWidget(m_picker);
    left->addLayout(buildForm(panel));
    left->addWidget(m_message);
    left->addStretch();
    left->addLayout(buildButtons(panel));
    auto *inner = new QHBoxLayout(panel);
    inner->setContentsMargins(28, 24, 28, 24);
    inner->setSpacing(28);
    inner->addLayout(left, 1);
    inner->addWidget(new NumberPad(this, NumberPad::Keys::Digits, QSize(84, 60), panel), 0, Qt::AlignTop);

    // Anchored at the top, not centred: a message under the fields makes the panel taller, and the
    // number pad must stay where the finger is.
    auto *outer = new QVBoxLayout(this);
    outer->addSpacing(12);
    auto *centre = new QHBoxLayout;
    centre->addStretch();
    centre->addWidget(panel, 1);
    centre->addStretch();
    outer->addLayout(centre);
    outer->addStretch(2);

    connectFields();
    showSignIn();
}

QFormLayout *LoginScreen::buildForm(QWidget *panel)
{
    auto makeEdit = [panel](const char *name) {
        auto *e = new QLineEdit(panel);
        e->setObjectName(QString::fromLatin1(name));
        e->setMinimumHeight(theme::TouchTarget + 4);
        widgets::setFontSize(e, 14);
        return e;
    };
    auto *pinValidator =
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), this);
    m_staffId = makeEdit("staffIdEdit");
    m_staffId->setMaxLength(32);
    m_name = makeEdit("staffNameEdit");
    m_name->setMaxLength(60);
    m_pin = makeEdit("pinEdit");
    m_pin->setEchoMode(QLineEdit::Password);
    m_pin->setValidator(pinValidator);
    m_pinAgain = makeEdit("pinAgainEdit");
    m_pinAgain->setEchoMode(QLineEdit::Password);
    m_pinAgain->setValidator(pinValidator);

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->setVerticalSpacing(10);
    form->addRow(tr("Staff id"), m_staffId);
    m_nameLabel = new QLabel(tr("Name"), panel);
    form->addRow(m_nameLabel, m_name);
    form->addRow(tr("PIN"), m_pin);
    m_pinAgainLabel = new QLabel(tr("PIN again"), panel);
    form->addRow(m_pinAgainLabel, m_pinAgain);
    return form;
}

QHBoxLayout *LoginScreen::buildButtons(QWidget *panel)
{
    m_submit = new QPushButton(panel);
    m_submit->setObjectName(QStringLiteral("signInButton"));
    m_submit->setProperty("primary", true);
    m_submit->setMinimumHeight(56);
    m_someoneElse =
        new QPushButton(UiText::withShortcut(tr("Someone else"), QKeySequence(Qt::Key_F2)), panel);
    m_someoneElse->setObjectName(QStringLiteral("someoneElseButton"));
    m_someoneElse->setShortcut(QKeySequence(Qt::Key_F2));
    m_someoneElse->setMinimumHeight(56);
    m_someoneElse->setFocusPolicy(Qt::NoFocus);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_someoneElse);
    buttons->addStretch();
    buttons->addWidget(m_submit);

    return buttons;
}

void LoginScreen::connectFields()
{
    for (QLineEdit *e : {m_staffId, m_name, m_pin, m_pinAgain}) {
        connect(e, &QLineEdit::returnPressed, this, [this, e] {
            // Enter goes to the next visible field, and submits from the last one.
            const QList<QLineEdit *> order = {m_staffId, m_name, m_pin, m_pinAgain};
            for (qsizetype i = order.indexOf(e) + 1; i < order.size(); ++i) {
                if (order.at(i)->isVisibleTo(this) && order.at(i)->text().isEmpty()) {
                    order.at(i)->setFocus();
                    return;
                }
            }
            submit();
        });
    }
    m_picker->fills(m_staffId, m_pin);
    connect(m_submit, &QPushButton::clicked, this, &LoginScreen::submit);
    connect(m_someoneElse, &QPushButton::clicked, this, [this] { showSignIn(); });
}

void LoginScreen::setMessage(const QString &text, bool error)
{
    m_message->setStyleSheet(theme::bannerStyle(error ? theme::Tone::Error : theme::Tone::Info));
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

// What every mode sets: its texts, the first manager's extra fields (setup only) and "someone else"
// (unlock only).
void LoginScreen::showMode(Mode mode, const QString &title, const QString &subtitle, const QString &submit)
{
    m_mode = mode;
    m_title->setText(title);
    m_subtitle->setText(subtitle);
    for (QWidget *w : std::initializer_list<QWidget *>{m_name, m_nameLabel, m_pinAgain, m_pinAgainLabel})
        w->setVisible(mode == Mode::Setup);
    m_someoneElse->setVisible(mode == Mode::Unlock);
    if (mode == Mode::SignIn) {
        auto staff = m_till.staffToPick();
        m_picker->setStaff(staff ? staff.value() : QList<Operator>());
    } else {
        m_picker->setStaff({});
    }
    m_submit->setText(UiText::withShortcut(submit, QKeySequence(Qt::Key_Enter)));
}

void LoginScreen::showSignIn(const QString &message)
{
    showMode(Mode::SignIn, tr("Sign in to the till"),
             tr("Tap your name or type your staff id, then your PIN. Five wrong PINs lock the staff id for "
                "five minutes."),
             tr("Sign in"));
    m_staffId->clear();
    m_staffId->setReadOnly(false);
    m_pin->clear();
    setMessage(message, false);
    m_staffId->setFocus();
}

void LoginScreen::showUnlock(const Operator &onShift)
{
    showMode(Mode::Unlock, tr("Screen locked"),
             tr("%1 is on shift. Type the PIN to unlock, or let someone else sign in.").arg(onShift.name),
             tr("Unlock"));
    m_staffId->setText(onShift.id);
    m_pin->clear();
    setMessage({}, false);
    m_pin->setFocus();
}

void LoginScreen::showSetup()
{
    showMode(Mode::Setup, tr("Set up this till"),
             tr("This till has no staff yet. Create the first manager: they add the cashiers "
                "from Manager functions."),
             tr("Create manager"));
    m_staffId->clear();
    m_name->clear();
    m_pin->clear();
    m_pinAgain->clear();
    setMessage({}, false);
    m_staffId->setFocus();
}

void LoginScreen::focusFirstField()
{
    if (m_mode == Mode::Unlock)
        m_pin->setFocus();
    else if (m_staffId->text().isEmpty())
        m_staffId->setFocus();
    else
        m_pin->setFocus();
}

void LoginScreen::submit()
{
    if (isChecking())
        return;
    const QString id = m_staffId->text().trimmed();
    if (id.isEmpty()) {
        setMessage(tr("Type your staff id."), true);
        m_staffId->setFocus();
        return;
    }
    if (m_mode == Mode::Setup) {
        if (m_name->text().trimmed().isEmpty()) {
            setMessage(tr("Type the manager's name."), true);
            m_name->setFocus();
            return;
        }
        if (m_pin->text() != m_pinAgain->text()) {
            setMessage(tr("The two PINs are different. Type the same PIN twice."), true);
            m_pinAgain->clear();
            m_pinAgain->setFocus();
            return;
        }
    }
    if (m_pin->text().isEmpty()) {
        setMessage(tr("Type your PIN."), true);
        m_pin->setFocus();
        return;
    }
    // The PIN is hashed off the UI thread (about a fifth of a second); the fields wait meanwhile.
    const QString pin = m_pin->text();
    m_pin->clear();
    m_pinAgain->clear();
    setChecking(true);
    if (m_mode == Mode::Setup) {
        hashNewPinInBackground(this, pin, [this, id, name = m_name->text()](const Result<PinHash> &hashed) {
            if (!hashed)
                return finish(hashed.error());
            if (Status created = m_till.createOperator(id, name, Role::Manager, hashed.value()); !created)
                return finish(created.error());
            // The new manager is signed in with the hash just made: the same salt, nothing to hash again.
            auto check = m_till.startLogin(id);
            if (!check)
                return finish(check.error());
            finish(m_till.finishLogin(check.value(), hashed->hash));
        });
        return;
    }
    hashPinInBackground(m_till, this, ManagerApproval{id, pin},
                        [this](const Result<ManagerApproval> &hashed) {
                            if (!hashed)
                                return finish(hashed.error());
                            finish(m_till.login(hashed.value()));
                        });
}

bool LoginScreen::isChecking() const
{
    return !m_pin->isEnabled();
}

void LoginScreen::setChecking(bool checking)
{
    for (QWidget *w : {static_cast<QWidget *>(m_staffId), static_cast<QWidget *>(m_name),
                       static_cast<QWidget *>(m_pin), static_cast<QWidget *>(m_pinAgain),
                       static_cast<QWidget *>(m_submit), static_cast<QWidget *>(m_someoneElse)})
        w->setEnabled(!checking);
    if (checking)
        setMessage(tr("Checking…"), false);
}

void LoginScreen::finish(const Result<Operator> &op)
{
    setChecking(false);
    if (!op) {
        setMessage(UiText::error(op.error()), true);
        m_pin->setFocus();
        return;
    }
    setMessage({}, false);
    emit signedIn(op.value());
}

} // namespace counterpart
