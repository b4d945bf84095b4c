#include "ui/MainWindow.h"

#include "app/PosLink.h"
#include "core/Loyalty.h"
#include "pos/PosServer.h"
#include "sync/client/SyncService.h"
#include "ui/CloseMembershipDialog.h"
#include "ui/CustomerDisplay.h"
#include "ui/Dialogs.h"
#include "ui/ElidedLabel.h"
#include "ui/LoginScreen.h"
#include "ui/LookupField.h"
#include "ui/ManagerDialog.h"
#include "ui/MemberCardView.h"
#include "ui/MemberDetailsDialog.h"
#include "ui/Models.h"
#include "ui/NumberPad.h"
#include "ui/PointsDialogs.h"
#include "ui/QrCardDialog.h"
#include "ui/RecentMembersView.h"
#include "ui/RegisterDialog.h"
#include "ui/ResultPanel.h"
#include "ui/SetupWizard.h"
#include "ui/SyncStatusView.h"
#include "ui/Theme.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressDialog>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace counterpart {

namespace {

// Before anyone signs in, the till acts for nobody: a cashier without an id can do nothing a
// manager's role would allow.
Operator nobody()
{
    return Operator{QString(), QString(), Role::Cashier};
}

QString roleText(Role role)
{
    return role == Role::Manager ? MainWindow::tr("manager") : MainWindow::tr("cashier");
}

} // namespace

MainWindow::MainWindow(const TillSession &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_till(*session.till)
{
    setObjectName(QStringLiteral("mainWindow"));
    setMinimumSize(theme::MinimumWidth, theme::MinimumHeight);
    m_till.setOperator(nobody());
    m_autoLockMinutes = QSettings().value(QStringLiteral("ui/autoLockMinutes"), 5).toInt();
    m_idleTimer = new QTimer(this);
    m_idleTimer->setSingleShot(true);
    connect(m_idleTimer, &QTimer::timeout, this, [this] {
        // Not in the middle of background work: its progress dialog stays visible until it ends.
        if (findChild<QProgressDialog *>(QStringLiteral("progressDialog")))
            restartIdleTimer();
        else
            lock();
    });
    qApp->installEventFilter(this);
    connect(qApp, &QApplication::focusChanged, this,
            [this] { QTimer::singleShot(0, this, &MainWindow::keepLookupFocus); });
    if (!m_till.hasOperators() && !m_till.isEnrolled())
        startSetup();
    buildUi();
    connectSync();
    startPosLink();
    if (auto display = m_till.customerDisplay(); display && display->on)
        startCustomerDisplay(false);
    showLogin();
}

CustomerDisplay *MainWindow::customerDisplay() const
{
    return m_customer;
}

void MainWindow::startCustomerDisplay(bool orInAWindow)
{
    m_customerInAWindow = orInAWindow;
    delete m_customer;
    auto setting = m_till.customerDisplay();
    m_customer = new CustomerDisplay(m_till, setting ? setting->joinUrl : QString(), this);
    // Screens come and go (a display unplugged, a cable loose): placed again once Qt has moved windows.
    connect(qApp, &QGuiApplication::screenAdded, m_customer,
            [this] { QTimer::singleShot(0, this, &MainWindow::placeCustomerDisplay); });
    connect(qApp, &QGuiApplication::screenRemoved, m_customer, [this](QScreen *gone) {
        // Hidden at once: Qt would otherwise move it, full screen, onto the cashier's screen.
        if (m_customer && m_customer->screen() == gone)
            m_customer->hide();
        QTimer::singleShot(0, this, &MainWindow::placeCustomerDisplay);
    });
    placeCustomerDisplay();
    updateCustomerDisplay();
}

void MainWindow::placeCustomerDisplay()
{
    if (!m_customer)
        return;
    if (QScreen *target = CustomerDisplay::customerScreen(QGuiApplication::screens(), screen())) {
        m_customer->setScreen(target);
        m_customer->setGeometry(target->geometry());
        m_customer->showFullScreen();
    } else if (m_customerInAWindow) {
        m_customer->showNormal();
    } else {
        m_customer->hide(); // no second screen: nothing over the cashier's
    }
}

void MainWindow::updateCustomerDisplay()
{
    if (!m_customer)
        return;
    if (m_signedIn && !m_locked && m_card)
        m_customer->showMember(*m_card, m_moved);
    else
        m_customer->showWelcome();
}

void MainWindow::startPosLink()
{
    auto listen = PosLink(m_till).listenSetting();
    if (!listen || listen->listen.isEmpty())
        return;
    auto options = pos::PosServerOptions::parse(listen->listen);
    Status started = options ? Status{} : Status{options.error()};
    if (options) {
        options->certFile = listen->certFile;
        options->keyFile = listen->keyFile;
        m_pos = std::make_unique<pos::PosServer>(m_till, options.value());
        if (auto port = m_pos->listen(); !port) {
            started = port.error();
            m_pos.reset();
        }
    }
    if (!started) {
        m_posProblem = started.error().message;
        return;
    }
    connect(m_pos.get(), &pos::PosServer::event, this, &MainWindow::showPosEvent);
}

quint16 MainWindow::posLinkPort() const
{
    return m_pos ? m_pos->port() : 0;
}

// What the POS did is shown where the cashier looks: the member it attached, and one line saying what
// happened. A dialog the cashier has open is left alone.
void MainWindow::showPosEvent(const pos::PosEvent &event)
{
    if (!m_signedIn || m_locked)
        return;
    if (!event.member.isNull() && !m_dialog) {
        if (!m_card || m_card->member.id != event.member || event.changed)
            openMember(event.member);
        if (m_card && m_card->member.id == event.member && event.moved != 0) {
            m_moved = event.moved; // the customer display says what the sale did
            updateCustomerDisplay();
        }
    }
    showMoment(event.text);
}

void MainWindow::startSetup()
{
    m_setup = new SetupWizard(m_till);
    connect(m_setup, &SetupWizard::enrolled, this, &MainWindow::startSync);
    connect(m_setup, &SetupWizard::finished, this, &MainWindow::finishSetup);
}

void MainWindow::startSync()
{
    updateStatus(); // the store and terminal number the enrolment gave
    if (!m_session.sync) {
        sync::SyncEngineOptions options;
        options.keyFile = m_session.options.keyFile;
        m_ownSync = std::make_unique<sync::SyncService>(m_session.databasePath, *m_session.clock, options);
        m_session.sync = m_ownSync.get();
        connectSync();
        m_ownSync->start();
    }
    if (m_setup)
        m_setup->watchSync(m_session.sync);
}

void MainWindow::finishSetup(const Operator &manager)
{
    m_stack->removeWidget(m_setup);
    m_setup->deleteLater();
    m_setup = nullptr;
    signedIn(manager);
}

void MainWindow::connectSync()
{
    sync::SyncService *service = m_session.sync;
    if (!service)
        return;
    // The service's signals come from its worker thread through queued connections: nothing here
    // waits for the network.
    connect(service, &sync::SyncService::statusChanged, this, &MainWindow::showSyncStatus);
    connect(service, &sync::SyncService::onlineChanged, this, [this](bool online) {
        m_till.setOffline(!online);
        updateStatus();
    });
    connect(service, &sync::SyncService::rulesChanged, this, [this] {
        if (Status s = m_till.reloadRules(); !s)
            showBanner(UiText::error(s.error()), theme::Tone::Error);
    });
    connect(service, &sync::SyncService::dataChanged, this, [this] {
        // The chain's key arrived: what this till sealed with its own key goes out sealed with it.
        if (auto resealed = m_till.resealWithChainKey(); !resealed)
            qWarning().noquote() << "re-sealing for the chain failed:" << resealed.error().detail;
        // Head office switched off the person on shift: they are signed out at once, and told why.
        if (m_signedIn) {
            if (const std::optional<QString> why = m_till.operatorSwitchedOff()) {
                signOut();
                m_login->showSignIn(*why);
                return;
            }
        }
        refreshCard();
    });
    if (service->status().enrolled)
        showSyncStatus(service->status());
}

void MainWindow::syncNow()
{
    if (m_session.sync)
        m_session.sync->syncNow();
}

void MainWindow::showSyncStatus(const sync::SyncStatus &status)
{
    m_syncStatus = status;
    if (m_syncView)
        m_syncView->showStatus(status);
    updateManagerBadge();
}

void MainWindow::updateManagerBadge()
{
    if (!m_managerButton)
        return;
    // Things the server flagged (an offline redemption that overdrew a balance) wait for a manager.
    const qint64 flags = m_syncStatus.unseenFlags;
    m_managerButton->setText(UiText::withShortcut(flags > 0 ? tr("Manager ⚑%1").arg(flags) : tr("Manager"),
                                                  QKeySequence(Qt::Key_F9)));
    m_managerButton->setToolTip(
        flags > 0 ? tr("%n thing(s) from the server for a manager to look at.", nullptr, int(flags))
                  : QString());
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
}

void MainWindow::buildUi()
{
    setWindowTitle(tr("Counterpart till"));
    if (m_setup) // out of the old stack, which setCentralWidget deletes (never a window of its own)
        m_setup->setParent(this);
    m_stack = new QStackedWidget(this);
    if (m_setup)
        m_stack->addWidget(m_setup);
    m_login = new LoginScreen(m_till, m_stack);
    connect(m_login, &LoginScreen::signedIn, this, &MainWindow::signedIn);
    m_stack->addWidget(m_login);
    m_counter = buildCounterPage();
    m_stack->addWidget(m_counter);
    setCentralWidget(m_stack); // deletes the previous one when the window is rebuilt

    auto *bar = new QStatusBar(this);
    bar->setObjectName(QStringLiteral("statusBar"));
    // At 1024 px the labels give way (cut short with "…") so the buttons always show whole.
    m_shiftLabel = new ElidedLabel(bar);
    m_shiftLabel->setObjectName(QStringLiteral("shiftLabel"));
    m_storeLabel = new ElidedLabel(bar);
    m_storeLabel->setObjectName(QStringLiteral("storeLabel"));
    m_syncView = new SyncStatusView(m_till, bar);
    connect(m_syncView, &SyncStatusView::syncNowRequested, this, &MainWindow::syncNow);
    m_signOutButton = new QPushButton(tr("Sign out"), bar);
    m_signOutButton->setObjectName(QStringLiteral("signOutButton"));
    m_signOutButton->setFocusPolicy(Qt::NoFocus);
    connect(m_signOutButton, &QPushButton::clicked, this, &MainWindow::signOut);
    bar->addWidget(m_shiftLabel, 1);
    bar->addWidget(m_syncView);
    bar->addPermanentWidget(m_storeLabel);
    bar->addPermanentWidget(m_signOutButton);
    setStatusBar(bar);
    if (m_syncStatus.enrolled)
        m_syncView->showStatus(m_syncStatus);
    else if (m_till.isEnrolled()) { // no engine running (the screenshot tool): offline until told
        sync::SyncStatus offline;
        offline.enrolled = true;
        m_syncView->showStatus(offline);
    }
    updateManagerBadge();
    updateStatus();
}

QPushButton *MainWindow::actionButton(const QString &label, const QKeySequence &key, const char *objectName,
                                      std::function<void()> action)
{
    auto *button = new QPushButton(UiText::withShortcut(label, key), m_counter);
    button->setObjectName(QString::fromLatin1(objectName));
    button->setProperty("action", true);
    button->setFocusPolicy(Qt::NoFocus); // the lookup field keeps the focus
    button->setMinimumSize(150, 56);
    connect(button, &QPushButton::clicked, this, std::move(action));
    // The key works whenever the button could be pressed: the counter screen shows, nothing covers it.
    auto *shortcut = new QShortcut(key, m_counter);
    connect(shortcut, &QShortcut::activated, this, [this, button] {
        if (m_stack->currentWidget() == m_counter && button->isEnabled() &&
            !QApplication::activeModalWidget())
            button->click();
    });
    return button;
}

QWidget *MainWindow::buildCounterPage()
{
    m_counter = new QWidget(m_stack);
    m_counter->setObjectName(QStringLiteral("counterScreen"));
    QHBoxLayout *top = buildCounterTop();
    buildBanners();

    // The member area: what to do, a list to pick from, or the card.
    m_memberArea = new QStackedWidget(m_counter);
    m_memberArea->setObjectName(QStringLiteral("memberArea"));
    m_memberArea->addWidget(buildIdlePage());
    m_memberArea->addWidget(buildCandidatePage());
    m_cardView = new MemberCardView(m_till, m_memberArea);
    connect(m_cardView, &MemberCardView::redeemRequested, this,
            [this](const QString &rewardId) { openRedeem(rewardId); });
    m_memberArea->addWidget(m_cardView);
    connect(m_memberArea, &QStackedWidget::currentChanged, this, [this] {
        if (m_memberArea->currentWidget() == m_idlePage)
            m_recent->refresh();
    });

    auto *middle = new QHBoxLayout;
    middle->addWidget(m_memberArea, 1);
    middle->addLayout(buildMemberActions());

    auto *layout = new QVBoxLayout(m_counter);
    layout->setContentsMargins(12, 12, 12, 8);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addWidget(m_banner);
    layout->addWidget(m_registerUnknown);
    layout->addWidget(m_moment);
    layout->addWidget(m_result);
    layout->addLayout(middle, 1);
    return m_counter;
}

// The lookup field and the counter's own buttons beside it.
QHBoxLayout *MainWindow::buildCounterTop()
{
    m_lookup = new LookupField(m_counter);
    m_lookup->setPlaceholderText(tr("Scan the card, or type a phone number, its last 4 digits, or a name"));
    connect(m_lookup, &QLineEdit::returnPressed, this, &MainWindow::lookupEntered);
    connect(m_lookup, &LookupField::escapePressed, this, &MainWindow::escape);
    connect(m_lookup, &LookupField::moveSelection, this, &MainWindow::moveCandidate);

    QPushButton *registerButton = actionButton(tr("Register"), QKeySequence(Qt::Key_F2), "registerButton",
                                               [this] { openRegister(m_unknownPhone); });
    QPushButton *settingsButton =
        actionButton(tr("Settings"), QKeySequence(Qt::Key_F10), "settingsButton", [this] { openSettings(); });
    QPushButton *lockButton =
        actionButton(tr("Lock"), QKeySequence(Qt::Key_F12), "lockButton", [this] { lock(); });
    // "Sync now" is a button in the status bar; its key works on the counter screen like the others.
    auto *syncKey = new QShortcut(SyncStatusView::syncNowKey(), m_counter);
    connect(syncKey, &QShortcut::activated, this, [this] {
        if (m_stack->currentWidget() == m_counter && !QApplication::activeModalWidget())
            syncNow();
    });
    for (QPushButton *b : {registerButton, settingsButton, lockButton})
        b->setMinimumWidth(110);

    auto *top = new QHBoxLayout;
    top->addWidget(m_lookup, 1);
    top->addWidget(registerButton);
    top->addWidget(settingsButton);
    top->addWidget(lockButton);

    return top;
}

void MainWindow::buildBanners()
{
    m_banner = new QLabel(m_counter);
    m_banner->setObjectName(QStringLiteral("messageBanner"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    m_moment = new QLabel(m_counter);
    m_moment->setObjectName(QStringLiteral("momentBanner"));
    m_moment->setWordWrap(true);
    m_moment->setStyleSheet(theme::bannerStyle(theme::Tone::Moment));
    widgets::setFontSize(m_moment, 14, true);
    m_moment->hide();
    m_result = new ResultPanel(m_counter);
    // After "not found" for a phone number: one large button to register it (the typed text stays in
    // the lookup field, so a typo is fixed there instead).
    m_registerUnknown = new QPushButton(m_counter);
    m_registerUnknown->setObjectName(QStringLiteral("registerUnknownButton"));
    m_registerUnknown->setProperty("primary", true);
    m_registerUnknown->setMinimumHeight(64);
    m_registerUnknown->setFocusPolicy(Qt::NoFocus); // the lookup field keeps the scanner's input
    widgets::setFontSize(m_registerUnknown, 16, true);
    m_registerUnknown->hide();
    connect(m_registerUnknown, &QPushButton::clicked, this, [this] { openRegister(m_unknownPhone); });
}

QWidget *MainWindow::buildIdlePage()
{
    m_idlePage = new QFrame(m_memberArea);
    m_idlePage->setObjectName(QStringLiteral("idlePage"));
    m_idlePage->setProperty("panel", true);
    auto *layout = new QHBoxLayout(m_idlePage);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(24);
    auto *hint = new QLabel(tr("Scan the member's card, or type their phone number, its last four digits, or "
                               "the first letters of their name, then press Enter."),
                            m_idlePage);
    hint->setObjectName(QStringLiteral("idleHint"));
    hint->setWordWrap(true);
    widgets::setFontSize(hint, 16);
    auto *keys = new QLabel(tr("Not a member yet? F2 registers them in half a minute. Esc always comes back "
                               "here."),
                            m_idlePage);
    keys->setWordWrap(true);
    keys->setStyleSheet(theme::textStyle(theme::Colour::Secondary));
    m_idleToday = new QLabel(m_idlePage);
    m_idleToday->setObjectName(QStringLiteral("idleToday"));
    m_idleToday->setWordWrap(true);
    m_idleToday->setStyleSheet(theme::bannerStyle(theme::Tone::Info));
    auto *recent = new RecentMembersView(m_till, m_idlePage);
    if (m_recent) // the window is being built again (a new language): the same members
        recent->restore(m_recent->members());
    m_recent = recent;
    connect(m_recent, &RecentMembersView::openRequested, this, &MainWindow::openMember);
    auto *text = new QVBoxLayout;
    text->addStretch();
    text->addWidget(hint);
    text->addSpacing(12);
    text->addWidget(keys);
    text->addSpacing(12);
    text->addWidget(m_idleToday);
    text->addSpacing(16);
    text->addWidget(m_recent);
    text->addStretch(2);
    layout->addLayout(text, 1);
    // A phone number or its last four digits by touch: the pad types into the lookup field, Find looks up.
    auto *pad = new NumberPad(m_idlePage, NumberPad::Keys::Digits, QSize(76, 56), m_idlePage, tr("Find"));
    pad->setTarget(m_lookup);
    layout->addWidget(pad, 0, Qt::AlignTop);
    return m_idlePage;
}

QWidget *MainWindow::buildCandidatePage()
{
    m_candidatePage = new QWidget(m_memberArea);
    auto *layout = new QVBoxLayout(m_candidatePage);
    layout->setContentsMargins(0, 0, 0, 0);
    m_candidateHint = new QLabel(m_candidatePage);
    m_candidateHint->setObjectName(QStringLiteral("candidateHint"));
    m_candidateHint->setWordWrap(true);
    m_candidateModel = new CandidateModel(m_till, m_candidatePage);
    // One row a member, in columns that line up: the cashier compares balances and last visits at a
    // glance.
    m_candidates = new QTableView(m_candidatePage);
    m_candidates->setObjectName(QStringLiteral("candidateList"));
    m_candidates->setModel(m_candidateModel);
    m_candidates->setFocusPolicy(Qt::NoFocus); // arrows in the lookup field move the selection
    m_candidates->setSelectionMode(QAbstractItemView::SingleSelection);
    m_candidates->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_candidates->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_candidates->setShowGrid(false);
    m_candidates->setWordWrap(false);
    m_candidates->verticalHeader()->hide();
    m_candidates->verticalHeader()->setDefaultSectionSize(48);
    m_candidates->horizontalHeader()->setHighlightSections(false);
    m_candidates->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_candidates->horizontalHeader()->setSectionResizeMode(CandidateModel::Name, QHeaderView::Stretch);
    widgets::setFontSize(m_candidates, 13);
    connect(m_candidates, &QTableView::clicked, this, [this](const QModelIndex &index) {
        openMember(Uuid::fromString(index.data(MemberIdRole).toString()));
    });
    layout->addWidget(m_candidateHint);
    layout->addWidget(m_candidates, 1);
    return m_candidatePage;
}

// The actions on the open member, each with its key, and the manager's.
QVBoxLayout *MainWindow::buildMemberActions()
{
    auto *actions = new QVBoxLayout;
    actions->setSpacing(8);
    m_memberActions = {
        actionButton(tr("Earn"), QKeySequence(Qt::Key_F3), "earnButton", [this] { openEarn(); }),
        actionButton(tr("Redeem"), QKeySequence(Qt::Key_F4), "redeemButton", [this] { openRedeem(); }),
        actionButton(tr("Refund"), QKeySequence(Qt::Key_F5), "refundButton", [this] { openRefund(); }),
        actionButton(tr("History"), QKeySequence(Qt::Key_F6), "historyButton", [this] { openHistory(); }),
        actionButton(tr("QR card"), QKeySequence(Qt::Key_F7), "qrButton", [this] { openQrCard(); }),
        actionButton(tr("Details"), QKeySequence(Qt::Key_F8), "detailsButton", [this] { openDetails(); }),
    };
    for (QPushButton *b : std::as_const(m_memberActions))
        actions->addWidget(b);
    actions->addStretch();
    m_managerButton =
        actionButton(tr("Manager"), QKeySequence(Qt::Key_F9), "managerButton", [this] { openManager(); });
    actions->addWidget(m_managerButton);

    return actions;
}

// --- state ---------------------------------------------------------------------------------------

std::optional<Member> MainWindow::currentMember() const
{
    if (!m_card)
        return std::nullopt;
    return m_card->member;
}

void MainWindow::showLogin()
{
    if (m_setup) {
        m_stack->setCurrentWidget(m_setup);
        m_idleTimer->stop();
        updateStatus();
        return;
    }
    if (!m_till.hasOperators())
        m_login->showSetup();
    else if (m_locked)
        m_login->showUnlock(m_till.currentOperator());
    else
        m_login->showSignIn();
    m_stack->setCurrentWidget(m_login);
    m_idleTimer->stop();
    updateStatus();
    m_login->focusFirstField();
}

void MainWindow::showCounter()
{
    m_stack->setCurrentWidget(m_counter);
    int percent = 100;
    const bool memberDay = isMemberDay(m_till.rules(), m_till.today(), &percent);
    m_idleToday->setText(
        memberDay ? tr("Today is a member day: %1 points on every purchase.").arg(UiText::multiplier(percent))
                  : tr("Today is %1.").arg(QLocale().toString(m_till.today(), QLocale::LongFormat)));
    updateActions();
    updateStatus();
    updateCustomerDisplay();
    restartIdleTimer();
    focusLookup();
}

void MainWindow::signedIn(const Operator &op)
{
    const bool sameShift = m_locked && op.id == m_till.currentOperator().id;
    m_till.setOperator(op);
    m_signedIn = true;
    m_locked = false;
    if (!sameShift) {
        // A new person at the till starts from an empty counter, and an empty list of members served.
        m_recent->clear();
        closeMember();
        clearBanner();
        // A key file lost or swapped is told to whoever signs in: nobody else would see it before a
        // member's birthday fails to save.
        if (!m_till.keyProblem().isEmpty())
            showBanner(m_till.keyProblem(), theme::Tone::Warning);
        else if (!m_posProblem.isEmpty())
            showBanner(tr("The POS cannot reach this till: %1").arg(m_posProblem), theme::Tone::Warning);
        else
            showBanner(tr("Hello, %1. Scan a member's card to begin.").arg(op.name), theme::Tone::Info);
    }
    showCounter();
}

void MainWindow::lock()
{
    if (!m_signedIn)
        return;
    closeDialogs();
    m_locked = true;
    updateCustomerDisplay();
    showLogin();
}

void MainWindow::signOut()
{
    closeDialogs();
    m_till.setOperator(nobody());
    m_signedIn = false;
    m_locked = false;
    closeMember();
    clearBanner();
    showLogin();
}

void MainWindow::closeDialogs()
{
    const QList<QDialog *> dialogs = findChildren<QDialog *>(Qt::FindDirectChildrenOnly);
    for (QDialog *d : dialogs) {
        if (d->isVisible() && d->objectName() != QLatin1String("progressDialog"))
            d->reject();
    }
}

void MainWindow::updateStatus()
{
    if (!m_shiftLabel)
        return;
    const Operator &op = m_till.currentOperator();
    if (!m_signedIn)
        m_shiftLabel->setText(tr("Nobody is signed in"));
    else if (m_locked)
        m_shiftLabel->setText(tr("On shift: %1 (%2) · screen locked").arg(op.name, roleText(op.role)));
    else
        m_shiftLabel->setText(tr("On shift: %1 (%2)").arg(op.name, roleText(op.role)));
    const TillConfig &c = m_till.config();
    m_storeLabel->setText(
        tr("%1 · till %2").arg(c.storeName.isEmpty() ? c.storeId : c.storeName).arg(c.terminalNumber));
    m_signOutButton->setVisible(m_signedIn);
}

void MainWindow::updateActions()
{
    const bool member = m_card.has_value() && m_memberArea->currentWidget() == m_cardView;
    for (QPushButton *b : std::as_const(m_memberActions))
        b->setEnabled(member);
}

// --- lookup --------------------------------------------------------------------------------------

void MainWindow::focusLookup()
{
    if (m_stack->currentWidget() != m_counter || QApplication::activeModalWidget())
        return;
    // After a dialog closes, the till's window takes the keyboard back, so the next scan lands here.
    if (isVisible() && !isActiveWindow())
        activateWindow();
    m_lookup->setFocus(Qt::OtherFocusReason);
}

void MainWindow::keepLookupFocus()
{
    // Whenever no dialog is open, typing and scanning go to the lookup field.
    if (!m_stack || m_stack->currentWidget() != m_counter || QApplication::activeModalWidget() ||
        QApplication::activePopupWidget())
        return;
    QWidget *active = QApplication::activeWindow();
    if (active && active != this)
        return;
    if (QApplication::focusWidget() != m_lookup)
        focusLookup();
}

void MainWindow::lookupEntered()
{
    const QString text = m_lookup->lookupText();
    // Enter alone (a scanner's trailing Enter, a second press after a dialog closed) leaves the screen as
    // it is: what the last action said stays readable.
    if (text.trimmed().isEmpty())
        return;
    // Enter on a listed candidate opens it.
    if (m_memberArea->currentWidget() == m_candidatePage && text == m_candidateQuery) {
        const QModelIndex current = m_candidates->currentIndex();
        if (current.isValid()) {
            openMember(Uuid::fromString(current.data(MemberIdRole).toString()));
            return;
        }
    }
    lookup(text);
}

void MainWindow::lookup(const QString &text)
{
    m_unknownPhone.clear();
    m_registerUnknown->hide();
    auto result = m_till.lookup(text);
    if (!result) {
        showBanner(UiText::error(result.error()), theme::Tone::Error);
        m_lookup->selectAll();
        return;
    }
    switch (result->kind) {
    case LookupResult::Kind::Member:
        openMember(result->members.first().id);
        m_foundWith = text.trimmed();
        if (!result->explanation.isEmpty()) // found by a number the member had before
            showBanner(result->explanation, theme::Tone::Info);
        return;
    case LookupResult::Kind::Candidates:
        m_candidateQuery = text.trimmed();
        m_candidateModel->setMembers(result->members);
        m_candidateHint->setText(
            tr("%n member(s) found. Up and down arrows choose, Enter opens, Esc goes back.", nullptr,
               int(result->members.size())));
        m_candidates->setCurrentIndex(m_candidateModel->index(0, 0));
        m_memberArea->setCurrentWidget(m_candidatePage);
        clearBanner();
        m_moment->hide();
        updateActions();
        return;
    case LookupResult::Kind::None:
        if (PhoneNumber::parse(text, m_till.config().region).ok()) {
            m_unknownPhone = text.trimmed();
            showBanner(tr("%1 F2 registers this number.").arg(result->explanation), theme::Tone::Warning);
            m_registerUnknown->setText(
                tr("Register %1 as a new member  (F2)")
                    .arg(
                        PhoneNumber::parse(text, m_till.config().region)->formatted(m_till.config().region)));
            m_registerUnknown->show();
        } else {
            showBanner(result->explanation, theme::Tone::Warning);
        }
        m_lookup->selectAll();
        return;
    }
}

void MainWindow::moveCandidate(int delta)
{
    if (m_memberArea->currentWidget() != m_candidatePage || m_candidateModel->rowCount() == 0)
        return;
    const int row = qBound(0, m_candidates->currentIndex().row() + delta, m_candidateModel->rowCount() - 1);
    m_candidates->setCurrentIndex(m_candidateModel->index(row, 0));
}

void MainWindow::escape()
{
    // Esc steps back: first the typed text and the candidate list, then the open card.
    if (m_memberArea->currentWidget() == m_candidatePage) {
        m_lookup->clear();
        m_memberArea->setCurrentWidget(m_card ? static_cast<QWidget *>(m_cardView) : m_idlePage);
        updateActions();
        return;
    }
    if (!m_lookup->text().isEmpty()) {
        m_lookup->clear();
        return;
    }
    closeMember();
    clearBanner();
}

void MainWindow::openMember(const Uuid &memberId)
{
    auto card = m_till.card(memberId);
    if (!card) {
        showBanner(UiText::error(card.error()), theme::Tone::Error);
        return;
    }
    m_lookup->clear();
    m_unknownPhone.clear();
    m_foundWith.clear();
    clearBanner();
    m_result->hide(); // it spoke of the member served before
    m_moved = 0;
    showCard(card.value(), true);
}

// The birthday window may be a week or a month: "today is their birthday" only on the day itself.
QString MainWindow::birthdayGreeting(const MemberCard &card) const
{
    const Member &m = card.member;
    const QString gift = UiText::pointsPhrase(m_till.rules().birthday.giftPoints);
    const QDate today = m_till.today();
    if (m.birthMonth == today.month() && m.birthDay == today.day()) {
        return card.birthdayGiftAvailable
                   ? tr("Today is %1's birthday! Wish them a happy birthday: their "
                        "birthday gift of %2 comes with today's purchase.")
                         .arg(m.name, gift)
                   : tr("Today is %1's birthday! Wish them a happy birthday.").arg(m.name);
    }
    const QString day = UiText::monthDay(m.birthMonth.value_or(1), m.birthDay.value_or(1));
    return card.birthdayGiftAvailable
               ? tr("%1's birthday is on %2: wish them a happy birthday. Their birthday "
                    "gift of %3 comes with today's purchase.")
                     .arg(m.name, day, gift)
               : tr("%1's birthday is on %2: wish them a happy birthday.").arg(m.name, day);
}

void MainWindow::showCard(const MemberCard &card, bool greet)
{
    m_card = card;
    m_cardView->setCard(card);
    m_memberArea->setCurrentWidget(m_cardView);
    if (greet) {
        m_moment->hide();
        if (card.birthdayWindow)
            showMoment(birthdayGreeting(card));
    }
    updateActions();
    updateCustomerDisplay();
}

void MainWindow::refreshCard()
{
    if (!m_card)
        return;
    auto card = m_till.card(m_card->member.id);
    if (!card) {
        showBanner(UiText::error(card.error()), theme::Tone::Error);
        return;
    }
    showCard(card.value(), false);
}

void MainWindow::closeMember()
{
    m_card.reset();
    m_foundWith.clear();
    m_moved = 0;
    updateCustomerDisplay();
    if (m_memberArea) {
        m_memberArea->setCurrentWidget(m_idlePage);
        m_recent->refresh();
        m_moment->hide();
        m_result->hide();
        m_lookup->clear();
        updateActions();
    }
}

void MainWindow::showBanner(const QString &text, theme::Tone tone)
{
    m_banner->setStyleSheet(theme::bannerStyle(tone));
    m_banner->setText(text);
    m_banner->show();
}

void MainWindow::clearBanner()
{
    m_banner->clear();
    m_banner->hide();
    m_registerUnknown->hide();
}

void MainWindow::showMoment(const QString &text)
{
    m_moment->setText(text);
    m_moment->show();
}

// --- dialogs -------------------------------------------------------------------------------------

void MainWindow::openDialog(TillDialog *dialog)
{
    m_dialog = dialog;
    connect(dialog, &QDialog::finished, this, [this] {
        restartIdleTimer();
        QTimer::singleShot(0, this, &MainWindow::focusLookup);
        // What the dialog did may wait to be sent: the status bar counts it (queued, in the engine).
        if (m_session.sync)
            m_session.sync->refreshStatus();
    });
    dialog->open();
}

void MainWindow::openRegister(const QString &phone)
{
    if (m_stack->currentWidget() != m_counter)
        return;
    auto *dialog = new RegisterDialog(m_till, phone, this);
    connect(dialog, &RegisterDialog::openExisting, this, &MainWindow::openMember);
    connect(dialog, &RegisterDialog::registered, this, [this](const RegisterOutcome &outcome) {
        m_recent->remember(outcome.member.id);
        openMember(outcome.member.id);
        m_foundWith = outcome.member.phone.e164(); // typed in full at the registration
        showBanner(tr("%1 is registered: member %2.").arg(outcome.member.name, outcome.member.code.grouped()),
                   theme::Tone::Success);
        // The moment of joining: the welcome screen with the gift, over the new card.
        QTimer::singleShot(0, this,
                           [this, outcome] { openDialog(new WelcomeDialog(m_till, outcome, this)); });
    });
    openDialog(dialog);
}

void MainWindow::openEarn()
{
    if (!m_card)
        return;
    auto *dialog = new EarnDialog(m_till, m_card->member, this);
    connect(dialog, &EarnDialog::earned, this, [this](const EarnOutcome &o) {
        m_moved = o.totalPoints;
        refreshCard();
        clearBanner();
        m_moment->hide();
        m_result->showEarn(m_till, o);
        m_recent->remember(o.member.id);
    });
    openDialog(dialog);
}

void MainWindow::openRedeem(const QString &rewardId)
{
    if (!m_card || QApplication::activeModalWidget())
        return;
    auto *dialog = new RedeemDialog(m_till, m_card->member, this, rewardId, m_foundWith);
    connect(dialog, &RedeemDialog::redeemed, this, [this](const RedeemOutcome &o) {
        m_moved = -o.points;
        refreshCard();
        clearBanner();
        m_moment->hide();
        m_result->showRedeem(m_till, o);
        m_recent->remember(o.member.id);
    });
    openDialog(dialog);
}

void MainWindow::openRefund()
{
    if (!m_card)
        return;
    auto *dialog = new RefundDialog(m_till, m_card->member, this);
    connect(dialog, &RefundDialog::refunded, this, [this](const RefundOutcome &o) {
        m_moved = o.pointsRestored - o.pointsReversed;
        refreshCard();
        clearBanner();
        m_moment->hide();
        m_result->showRefund(m_till, o);
        m_recent->remember(o.member.id);
    });
    openDialog(dialog);
}

void MainWindow::openHistory()
{
    if (m_card)
        openDialog(new HistoryDialog(m_till, m_card->member, this));
}

void MainWindow::openQrCard()
{
    if (!m_card)
        return;
    if (m_card->member.code.isEmpty()) {
        // No code, nothing to scan: a QR card would open nobody.
        showBanner(tr("%1 has no member number, so there is no QR card. Find them by phone number.")
                       .arg(m_card->member.name),
                   theme::Tone::Info);
        return;
    }
    openDialog(new QrCardDialog(m_till, m_card->member, this));
}

void MainWindow::openDetails()
{
    if (!m_card)
        return;
    auto *dialog = new MemberDetailsDialog(m_till, m_card->member, this);
    connect(dialog, &MemberDetailsDialog::saved, this, &MainWindow::refreshCard);
    connect(dialog, &MemberDetailsDialog::closeRequested, this, &MainWindow::openCloseMembership);
    openDialog(dialog);
}

void MainWindow::openCloseMembership()
{
    if (!m_card)
        return;
    auto *dialog = new CloseMembershipDialog(m_till, m_card->member, this);
    // The name as it was: an erasure has just removed it from the record.
    const QString name = m_card->member.name;
    connect(dialog, &CloseMembershipDialog::closed, this, [this, name](const ClosedMembership &outcome) {
        m_recent->forget(outcome.member.id);
        closeMember();
        QString text = outcome.pointsForfeited > 0
                           ? tr("The membership of %1 is closed (points forfeited: %2).")
                                 .arg(name, UiText::points(outcome.pointsForfeited))
                           : tr("The membership of %1 is closed.").arg(name);
        if (outcome.member.erasedAtMs)
            text += QLatin1Char(' ') + tr("Their personal data is erased.");
        showBanner(text, theme::Tone::Info);
    });
    openDialog(dialog);
}

void MainWindow::openManager()
{
    if (m_stack->currentWidget() != m_counter)
        return;
    const Operator &op = m_till.currentOperator();
    if (op.role == Role::Manager) {
        openManagerAs(op);
        return;
    }
    // A cashier at the till: a manager comes over and signs in for these functions only.
    auto verified = std::make_shared<std::optional<Operator>>();
    auto verify = [this, verified](const ManagerApproval &a) -> std::optional<Error> {
        auto manager = m_till.login(a); // quick: the dialog hashed the PIN in the background
        if (!manager)
            return manager.error();
        if (manager->role != Role::Manager)
            return makeError(ErrorCode::PermissionDenied,
                             tr("%1 is a cashier. Manager functions need a manager's staff id and PIN.")
                                 .arg(manager->name));
        *verified = manager.value();
        return std::nullopt;
    };
    auto *pin =
        new ManagerApprovalDialog(m_till,
                                  tr("Manager functions need a manager. A manager types their staff id and "
                                     "PIN; what they do is recorded in their name."),
                                  this, verify);
    connect(pin, &ManagerApprovalDialog::approved, this, [this, verified] {
        if (*verified)
            QTimer::singleShot(0, this, [this, op = verified->value()] { openManagerAs(op); });
    });
    openDialog(pin);
}

void MainWindow::openManagerAs(const Operator &manager)
{
    const Operator onShift = m_till.currentOperator();
    m_till.setOperator(manager);
    auto *dialog = new ManagerDialog(m_session, manager, currentMember(), this);
    connect(dialog, &ManagerDialog::memberChanged, this, &MainWindow::refreshCard);
    connect(dialog, &ManagerDialog::dataChanged, this, &MainWindow::refreshCard);
    connect(dialog, &QDialog::finished, this, [this, onShift] {
        m_till.setOperator(onShift);
        updateStatus();
    });
    openDialog(dialog);
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_till, m_autoLockMinutes, m_session.sync, this);
    connect(dialog, &SettingsDialog::autoLockChanged, this, &MainWindow::setAutoLockMinutes);
    openDialog(dialog);
}

void MainWindow::setAutoLockMinutes(int minutes)
{
    m_autoLockMinutes = qMax(0, minutes);
    QSettings().setValue(QStringLiteral("ui/autoLockMinutes"), m_autoLockMinutes);
    restartIdleTimer();
}

void MainWindow::restartIdleTimer()
{
    if (m_signedIn && !m_locked && m_autoLockMinutes > 0)
        m_idleTimer->start(m_autoLockMinutes * 60 * 1000);
    else
        m_idleTimer->stop();
}

// --- events --------------------------------------------------------------------------------------

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
        if (m_idleTimer->isActive())
            m_idleTimer->start();
        break;
    default:
        break;
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && !m_rebuildPending) {
        // Every text is made in the new language by building the window again, in the same state.
        m_rebuildPending = true;
        QTimer::singleShot(0, this, [this] {
            m_rebuildPending = false;
            const std::optional<MemberCard> card = m_card;
            const QString foundWith = m_foundWith;
            buildUi();
            if (m_customer)
                startCustomerDisplay(m_customerInAWindow); // its words in the new language too
            if (!m_signedIn || m_locked) {
                showLogin();
                return;
            }
            showCounter();
            if (card) {
                openMember(card->member.id);
                m_foundWith = foundWith;
            }
        });
    }
}

} // namespace counterpart
