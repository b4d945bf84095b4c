#include "ui/CustomerDisplay.h"

#include "app/ReceiptSlip.h"
#include "print/QrCode.h"
#include "ui/Theme.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QLabel>
#include <QProgressBar>
#include <QScreen>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace counterpart {

namespace {

QLabel *centred(QWidget *parent, const char *name, int pointSize, bool bold = false)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    widgets::setFontSize(label, pointSize, bold);
    return label;
}

} // namespace

CustomerDisplay::CustomerDisplay(const Till &till, const QString &joinUrl, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_till(till)
    , m_joinUrl(joinUrl)
{
    setObjectName(QStringLiteral("customerDisplay"));
    setWindowTitle(tr("Customer display"));
    setAttribute(Qt::WA_ShowWithoutActivating); // the cashier's window keeps the keyboard
    setFocusPolicy(Qt::NoFocus);
    setStyleSheet(QStringLiteral("QWidget#customerDisplay { background: %1; }")
                      .arg(theme::hex(theme::Colour::Surface)));
    m_pages = new QStackedWidget(this);
    m_welcome = buildWelcome();
    m_member = buildMember();
    m_pages->addWidget(m_welcome);
    m_pages->addWidget(m_member);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->addWidget(m_pages);
    resize(1024, 600);
    showWelcome();
}

QWidget *CustomerDisplay::buildWelcome()
{
    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    auto *store = centred(page, "customerStore", 30, true);
    store->setText(m_till.config().storeName);
    layout->addStretch();
    layout->addWidget(store);
    auto *invite = centred(page, "customerInvite", 20);
    layout->addWidget(invite);
    auto *qr = new QLabel(page);
    qr->setObjectName(QStringLiteral("customerJoinQr"));
    qr->setAlignment(Qt::AlignCenter);
    layout->addWidget(qr);
    if (m_joinUrl.isEmpty()) {
        invite->setText(
            tr("Not a member yet? Join at the counter: points on every purchase, and a welcome gift."));
        qr->hide();
    } else {
        invite->setText(tr("Not a member yet? Scan to join: points on every purchase, and a welcome gift."));
        qr->setPixmap(qrCodePixmap(m_joinUrl, 7, devicePixelRatioF()));
    }
    layout->addStretch();
    return page;
}

QWidget *CustomerDisplay::buildMember()
{
    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    layout->setSpacing(14);
    m_greeting = centred(page, "customerGreeting", 26, true);
    m_moved = centred(page, "customerMoved", 40, true);
    m_balance = centred(page, "customerBalance", 34, true);
    m_worth = centred(page, "customerWorth", 18);
    m_worth->setStyleSheet(theme::textStyle(theme::Colour::Secondary));
    m_tier = centred(page, "customerTier", 18, true);
    m_tierBar = new QProgressBar(page);
    m_tierBar->setObjectName(QStringLiteral("customerTierBar"));
    m_tierBar->setRange(0, 1000);
    m_tierBar->setTextVisible(false);
    m_tierBar->setMinimumWidth(480);
    m_tierBar->setMaximumWidth(560);
    m_tierNext = centred(page, "customerTierNext", 16);
    m_expiring = centred(page, "customerExpiring", 16);
    m_expiring->setStyleSheet(theme::textStyle(theme::Colour::Moment));
    layout->addStretch();
    for (QWidget *w : std::initializer_list<QWidget *>{m_greeting, m_moved, m_balance, m_worth, m_tier})
        layout->addWidget(w);
    layout->addWidget(m_tierBar, 0, Qt::AlignHCenter);
    layout->addWidget(m_tierNext);
    layout->addWidget(m_expiring);
    layout->addStretch();
    return page;
}

void CustomerDisplay::showWelcome()
{
    m_pages->setCurrentWidget(m_welcome);
}

bool CustomerDisplay::isShowingMember() const
{
    return m_pages->currentWidget() == m_member;
}

void CustomerDisplay::showMember(const MemberCard &card, qint64 moved)
{
    const Member &m = card.member;
    m_greeting->setText(greeting(card));
    m_moved->setVisible(moved != 0);
    m_moved->setText((moved > 0 ? QStringLiteral("+") : QStringLiteral("−")) +
                     UiText::pointsPhrase(std::abs(moved)));
    m_moved->setStyleSheet(theme::textStyle(moved > 0 ? theme::Colour::Gain : theme::Colour::Text, true));
    m_balance->setText(tr("Your points: %1").arg(UiText::points(m.balance)));
    m_worth->setText(tr("worth %1 off a purchase").arg(UiText::pointsWorth(m_till, m.balance)));
    showTier(card);
    m_expiring->setVisible(card.expiringSoonPoints > 0);
    m_expiring->setText(tr("%1 expire by %2 (worth %3): use them before then.")
                            .arg(UiText::pointsPhrase(card.expiringSoonPoints),
                                 UiText::day(m_till, card.expiringBy),
                                 UiText::money(m_till, card.expiringWorthMinor)));
    m_pages->setCurrentWidget(m_member);
}

// "Welcome back, 王*!"; on the birthday itself "Happy birthday", in the birthday window "Happy birthday
// week". The name masked: the screen faces the shop, not only the member.
QString CustomerDisplay::greeting(const MemberCard &card) const
{
    const Member &m = card.member;
    const QString name = ReceiptSlip::maskedName(m.name);
    const QDate today = m_till.today();
    if (m.birthMonth == today.month() && m.birthDay == today.day())
        return tr("Happy birthday, %1!").arg(name);
    if (card.birthdayWindow)
        return tr("Happy birthday week, %1!").arg(name);
    return tr("Welcome back, %1!").arg(name);
}

void CustomerDisplay::showTier(const MemberCard &card)
{
    const QString tier = UiText::tierName(m_till, card.member.tier);
    const QString steps = UiText::nextTierSteps(m_till, card);
    m_tier->setText(tr("Member level: %1").arg(tier));
    m_tierBar->setValue(UiText::nextTierPermille(m_till, card.progress));
    m_tierBar->setVisible(!steps.isEmpty());
    m_tierNext->setText(steps.isEmpty() ? tr("Our top level: thank you for shopping with us.") : steps);
}

QScreen *CustomerDisplay::customerScreen(const QList<QScreen *> &screens, const QScreen *cashier)
{
    for (QScreen *s : screens) {
        if (s != cashier)
            return s;
    }
    return nullptr;
}

} // namespace counterpart
