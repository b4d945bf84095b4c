#include "ui/SetupWizard.h"

#include "app/Language.h"
#include "storage/Database.h"
#include "sync/client/SyncService.h"
#include "ui/LoginScreen.h"
#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStorageInfo>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace counterpart {

namespace {

QPushButton *bigButton(const char *name, QWidget *parent, int height = 56)
{
    auto *b = new QPushButton(parent);
    b->setObjectName(QString::fromLatin1(name));
    b->setMinimumHeight(height);
    b->setAutoDefault(true); // Enter presses the focused button, as in a dialog
    return b;
}

// The button that takes a page forward: marked primary, bottom right (pageLayout).
QPushButton *primaryButton(const char *name, QWidget *parent, int height = 56)
{
    QPushButton *b = bigButton(name, parent, height);
    b->setProperty("primary", true);
    return b;
}

// A page's column: what it shows from the top, space, and its forward button at the bottom right.
QVBoxLayout *pageLayout(QWidget *page, std::initializer_list<QWidget *> top, QPushButton *forward)
{
    auto *layout = new QVBoxLayout(page);
    for (QWidget *w : top)
        layout->addWidget(w);
    layout->addStretch();
    layout->addWidget(forward, 0, Qt::AlignRight);
    return layout;
}

QLineEdit *field(const char *name, QWidget *parent)
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(QString::fromLatin1(name));
    e->setMinimumHeight(theme::TouchTarget + 4);
    return e;
}

QLabel *message(const char *name, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(QString::fromLatin1(name));
    l->setWordWrap(true);
    l->hide();
    return l;
}

void say(QLabel *label, const QString &text, theme::Tone tone)
{
    label->setStyleSheet(theme::bannerStyle(tone));
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

// "2 h 5 min", "3 min", "45 s": how far two clocks are apart.
QString duration(qint64 ms)
{
    const qint64 s = qAbs(ms) / 1000;
    if (s >= 3600)
        return SetupWizard::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    if (s >= 60)
        return SetupWizard::tr("%1 min").arg(s / 60);
    return SetupWizard::tr("%1 s").arg(s);
}

} // namespace

SetupWizard::SetupWizard(Till &till, QWidget *parent)
    : QWidget(parent)
    , m_till(till)
    , m_client(new sync::EnrolClient(this))
{
    setObjectName(QStringLiteral("setupWizard"));
    // Whoever stands at a till without staff sets it up (as they create its first manager): the steps
    // before that manager exists are recorded as the setup's, like the CLI's system operator.
    m_till.setOperator(Operator{QStringLiteral("setup"), QStringLiteral("Setup"), Role::System});
    m_freeSpace = [path = till.database().path()] {
        return QStorageInfo(QFileInfo(path).absolutePath()).bytesAvailable();
    };
    auto *panel = new QFrame(this);
    panel->setProperty("panel", true);
    panel->setMaximumWidth(860);
    m_title = new QLabel(panel);
    m_title->setObjectName(QStringLiteral("setupTitle"));
    QFont f = m_title->font();
    f.setPointSize(20);
    f.setBold(true);
    m_title->setFont(f);
    m_subtitle = new QLabel(panel);
    m_subtitle->setObjectName(QStringLiteral("setupSubtitle"));
    m_subtitle->setWordWrap(true);
    m_pages = new QStackedWidget(panel);
    m_pages->addWidget(buildLanguagePage());
    m_pages->addWidget(buildChoicePage());
    m_pages->addWidget(buildJoinPage());
    m_pages->addWidget(buildAlonePage());
    m_pages->addWidget(buildJoinedPage());
    m_managerForm = new LoginScreen(m_till, m_pages);
    connect(m_managerForm, &LoginScreen::signedIn, this, &SetupWizard::managerCreated);
    m_pages->addWidget(m_managerForm);
    m_pages->addWidget(buildSyncPage());
    m_back = bigButton("setupBackButton", panel, theme::TouchTarget);
    m_back->setFocusPolicy(Qt::NoFocus);
    connect(m_back, &QPushButton::clicked, this, &SetupWizard::back);

    auto *inner = new QVBoxLayout(panel);
    inner->setContentsMargins(28, 24, 28, 24);
    inner->addWidget(m_title);
    inner->addWidget(m_subtitle);
    inner->addWidget(m_pages, 1);
    inner->addWidget(m_back, 0, Qt::AlignLeft);
    auto *centre = new QHBoxLayout;
    centre->addStretch();
    centre->addWidget(panel, 1);
    centre->addStretch();
    auto *outer = new QVBoxLayout(this);
    outer->addStretch();
    outer->addLayout(centre, 10);
    outer->addStretch();

    // Enter: a focused button presses itself (autoDefault), a field goes to the next or submits.
    connect(m_server, &QLineEdit::returnPressed, m_code, qOverload<>(&QWidget::setFocus));
    for (QLineEdit *e : {m_code, m_caFile})
        connect(e, &QLineEdit::returnPressed, this, &SetupWizard::join);
    const QList<QLineEdit *> alone = {m_storeId, m_storeName, m_region, m_timeZone, m_currency};
    for (qsizetype i = 0; i < alone.size(); ++i) {
        if (i + 1 < alone.size())
            connect(alone.at(i), &QLineEdit::returnPressed, alone.at(i + 1), qOverload<>(&QWidget::setFocus));
        else
            connect(alone.at(i), &QLineEdit::returnPressed, this, &SetupWizard::saveAlone);
    }
    retranslate();
    go(Step::Language);
}

QWidget *SetupWizard::buildLanguagePage()
{
    auto *page = new QWidget(this);
    // Each language in its own words, so anyone can find theirs.
    m_english = bigButton("setupEnglish", page, 64);
    m_english->setText(QStringLiteral("English"));
    m_chinese = bigButton("setupChinese", page, 64);
    m_chinese->setText(QString::fromUtf8("简体中文"));
    for (QPushButton *b : {m_english, m_chinese}) {
        b->setCheckable(true);
        QFont bf = b->font();
        bf.setPointSize(16);
        b->setFont(bf);
    }
    connect(m_english, &QPushButton::clicked, this, [this] { chooseLanguage(QStringLiteral("en")); });
    connect(m_chinese, &QPushButton::clicked, this, [this] { chooseLanguage(QStringLiteral("zh_CN")); });
    m_next = primaryButton("setupNextButton", page);
    connect(m_next, &QPushButton::clicked, this, [this] { go(Step::Choice); });
    pageLayout(page, {m_english, m_chinese}, m_next);
    return page;
}

QWidget *SetupWizard::buildChoicePage()
{
    auto *page = new QWidget(this);
    m_join = primaryButton("setupJoinButton", page, 72);
    m_alone = bigButton("setupAloneButton", page, 72);

    m_joinHint = new QLabel(page);
    m_aloneHint = new QLabel(page);
    for (QLabel *l : {m_joinHint, m_aloneHint})
        l->setWordWrap(true);
    connect(m_join, &QPushButton::clicked, this, [this] { go(Step::Join); });
    connect(m_alone, &QPushButton::clicked, this, [this] { go(Step::Alone); });
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_join);
    layout->addWidget(m_joinHint);
    layout->addSpacing(16);
    layout->addWidget(m_alone);
    layout->addWidget(m_aloneHint);
    layout->addStretch();
    return page;
}

QWidget *SetupWizard::buildJoinPage()
{
    auto *page = new QWidget(this);
    m_server = field("setupServerEdit", page);
    m_server->setPlaceholderText(QStringLiteral("https://sync.example.com:8443"));
    m_code = field("setupCodeEdit", page);
    m_code->setPlaceholderText(QStringLiteral("K7QM-4XTA-9PDR"));
    m_caFile = field("setupCaFileEdit", page);
    m_chooseCa = bigButton("setupChooseCaButton", page, theme::TouchTarget + 4);
    connect(m_chooseCa, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("The server's CA file"), QString(),
                                                          tr("Certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    auto *ca = new QHBoxLayout;
    ca->addWidget(m_caFile, 1);
    ca->addWidget(m_chooseCa);
    m_serverLabel = new QLabel(page);
    m_codeLabel = new QLabel(page);
    m_caLabel = new QLabel(page);
    auto *form = new QFormLayout;
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_codeLabel, m_code);
    form->addRow(m_caLabel, ca);
    m_joinMessage = message("setupJoinMessage", page);
    m_enrol = primaryButton("setupEnrolButton", page);
    m_cancel = bigButton("setupCancelButton", page);
    m_cancel->hide();
    connect(m_enrol, &QPushButton::clicked, this, &SetupWizard::join);
    connect(m_cancel, &QPushButton::clicked, this, &SetupWizard::cancelJoin);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_enrol);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_joinMessage);
    layout->addStretch();
    layout->addLayout(buttons);
    return page;
}

QWidget *SetupWizard::buildAlonePage()
{
    auto *page = new QWidget(this);
    const TillConfig &c = m_till.config();
    m_storeId = field("setupStoreIdEdit", page);
    m_storeId->setText(c.storeId);
    m_storeName = field("setupStoreNameEdit", page);
    m_storeName->setText(c.storeName);
    m_region = field("setupRegionEdit", page);
    m_region->setText(c.region);
    m_region->setMaxLength(2);
    m_timeZone = field("setupTimeZoneEdit", page);
    m_timeZone->setText(QString::fromLatin1(c.timeZone));
    m_currency = field("setupCurrencyEdit", page);
    m_currency->setText(c.currency);
    m_currency->setMaxLength(3);
    auto *form = new QFormLayout;
    for (QLineEdit *e : {m_storeId, m_storeName, m_region, m_timeZone, m_currency}) {
        auto *label = new QLabel(page);
        m_aloneLabels.append(label);
        form->addRow(label, e);
    }
    m_aloneMessage = message("setupAloneMessage", page);
    m_aloneSave = primaryButton("setupAloneSaveButton", page);
    connect(m_aloneSave, &QPushButton::clicked, this, &SetupWizard::saveAlone);
    pageLayout(page, {m_aloneMessage}, m_aloneSave)->insertLayout(0, form);
    return page;
}

QWidget *SetupWizard::buildJoinedPage()
{
    auto *page = new QWidget(this);
    m_joinedText = new QLabel(page);
    m_joinedText->setObjectName(QStringLiteral("setupJoinedText"));
    m_joinedText->setWordWrap(true);
    m_joinedText->setStyleSheet(theme::bannerStyle(theme::Tone::Success));
    m_clockWarning = message("setupClockWarning", page);
    m_joinedNext = primaryButton("setupJoinedNextButton", page);
    connect(m_joinedNext, &QPushButton::clicked, this, [this] { go(Step::Manager); });
    pageLayout(page, {m_joinedText, m_clockWarning}, m_joinedNext);
    return page;
}

QWidget *SetupWizard::buildSyncPage()
{
    auto *page = new QWidget(this);
    m_syncText = new QLabel(page);
    m_syncText->setObjectName(QStringLiteral("setupSyncText"));
    m_syncText->setWordWrap(true);
    m_syncProgress = new QProgressBar(page);
    m_syncProgress->setObjectName(QStringLiteral("setupSyncProgress"));
    m_syncProgress->setMinimumHeight(theme::TouchTarget);
    m_syncProgress->setRange(0, 0);
    m_retry = bigButton("setupRetryButton", page);
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_report.reset();
        m_retry->hide();
        if (m_sync)
            m_sync->syncNow();
        go(Step::FirstSync);
    });
    m_start = primaryButton("setupStartButton", page);
    connect(m_start, &QPushButton::clicked, this, [this] {
        if (m_manager)
            emit finished(*m_manager);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_retry);
    buttons->addWidget(m_start);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_syncText);
    layout->addWidget(m_syncProgress);
    layout->addStretch();
    layout->addLayout(buttons);
    return page;
}

void SetupWizard::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void SetupWizard::keyPressEvent(QKeyEvent *event)
{
    // Keys reach here from the focused field or button (not QShortcuts: the counter's F2 and the
    // sign-in screen's live in the same window, and this page's keys are this page's only).
    if (event->key() == Qt::Key_Escape)
        return back();
    if (m_step == Step::Choice && event->key() == Qt::Key_F1)
        return m_join->click();
    if (m_step == Step::Choice && event->key() == Qt::Key_F2)
        return m_alone->click();
    QWidget::keyPressEvent(event);
}

void SetupWizard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Shown (first, or again after the window was rebuilt): the step's field or button has the keys.
    QTimer::singleShot(0, this, [this] { go(m_step); });
}

void SetupWizard::retranslate()
{
    m_next->setText(UiText::withShortcut(tr("Next"), QKeySequence(Qt::Key_Enter)));
    m_join->setText(UiText::withShortcut(tr("Join the chain's server"), QKeySequence(Qt::Key_F1)));
    m_alone->setText(UiText::withShortcut(tr("Work on its own"), QKeySequence(Qt::Key_F2)));
    m_joinHint->setText(tr("Members, points and rules are shared with every till of the chain. You need the "
                           "server's address and an enrolment code from head office."));
    m_aloneHint->setText(tr("This till keeps its own members. It can join a server later (counterpart-admin "
                            "enrol)."));
    m_serverLabel->setText(tr("Server address"));
    m_codeLabel->setText(tr("Enrolment code"));
    m_caLabel->setText(tr("CA file (if any)"));
    m_caFile->setPlaceholderText(tr("Only for a lab or self-signed server"));
    m_chooseCa->setText(tr("Choose…"));
    m_enrol->setText(UiText::withShortcut(tr("Join"), QKeySequence(Qt::Key_Enter)));
    m_cancel->setText(UiText::withShortcut(tr("Cancel"), QKeySequence(Qt::Key_Escape)));
    const QStringList alone = {tr("Store id"), tr("Store name"), tr("Region (country code)"), tr("Time zone"),
                               tr("Currency")};
    for (int i = 0; i < m_aloneLabels.size(); ++i)
        m_aloneLabels.at(i)->setText(alone.at(i));
    m_aloneSave->setText(UiText::withShortcut(tr("Continue"), QKeySequence(Qt::Key_Enter)));
    m_joinedNext->setText(UiText::withShortcut(tr("Continue"), QKeySequence(Qt::Key_Enter)));
    m_retry->setText(tr("Try again"));
    m_back->setText(tr("Back (Esc)"));
    go(m_step); // the title and the page's own words
}

void SetupWizard::go(Step step)
{
    m_step = step;
    QWidget *focus = nullptr;
    switch (step) {
    case Step::Language:
        m_title->setText(tr("Welcome to Counterpart"));
        m_subtitle->setText(tr("Choose the language of this till's screens. You can change it later in "
                               "Settings (F10)."));
        m_english->setChecked(m_till.config().language == QLatin1String("en"));
        m_chinese->setChecked(m_till.config().language == QLatin1String("zh_CN"));
        focus = m_next;
        break;
    case Step::Choice:
        m_title->setText(tr("How will this till work?"));
        m_subtitle->setText(tr("Choose one. Ask head office if you are not sure."));
        focus = m_join;
        break;
    case Step::Join:
        m_title->setText(tr("Join the chain's server"));
        m_subtitle->setText(
            tr("Type the server's address and the enrolment code head office gave you. A code "
               "enrols one till and is valid for a day."));
        focus = m_server->text().isEmpty() ? m_server : m_code;
        break;
    case Step::Alone:
        m_title->setText(tr("This till on its own"));
        m_subtitle->setText(tr("Which store is this? Phone numbers are read in the region's format; "
                               "birthdays and member days follow the time zone."));
        focus = m_storeId;
        break;
    case Step::Joined:
        m_title->setText(tr("The till has joined the chain"));
        m_subtitle->clear();
        focus = m_joinedNext;
        break;
    case Step::Manager:
        m_title->setText(tr("The first manager"));
        m_subtitle->setText(tr("They sign in with this staff id and PIN, and add the cashiers."));
        if (m_managerForm->mode() != LoginScreen::Mode::Setup)
            m_managerForm->showSetup();
        break;
    case Step::FirstSync:
        m_title->setText(tr("Getting the chain's members"));
        m_subtitle->setText(tr("The till fetches every member from the server once. It can already serve "
                               "customers meanwhile: members still on the way are found when they arrive."));
        if (m_report)
            showSyncReport(*m_report);
        focus = m_start;
        break;
    }
    m_pages->setCurrentIndex(int(step));
    m_back->setVisible(step == Step::Choice || step == Step::Join || step == Step::Alone);
    if (focus)
        focus->setFocus();
    else if (step == Step::Manager)
        m_managerForm->focusFirstField();
}

void SetupWizard::back()
{
    if (m_cancel->isVisible())
        return cancelJoin();
    if (m_step == Step::Choice)
        go(Step::Language);
    else if (m_step == Step::Join || m_step == Step::Alone)
        go(Step::Choice);
}

void SetupWizard::chooseLanguage(const QString &language)
{
    if (Status s = m_till.setLanguage(language); !s)
        return;
    i18n::install(language); // every screen changes at once (QEvent::LanguageChange)
    m_english->setChecked(language == QLatin1String("en"));
    m_chinese->setChecked(language == QLatin1String("zh_CN"));
}

void SetupWizard::setBusy(bool busy)
{
    for (QWidget *w : {static_cast<QWidget *>(m_server), static_cast<QWidget *>(m_code),
                       static_cast<QWidget *>(m_caFile), static_cast<QWidget *>(m_chooseCa),
                       static_cast<QWidget *>(m_enrol), static_cast<QWidget *>(m_back)})
        w->setEnabled(!busy);
    m_cancel->setVisible(busy);
    if (busy)
        m_cancel->setFocus();
}

void SetupWizard::join()
{
    if (m_cancel->isVisible())
        return;
    const qint64 free = m_freeSpace ? m_freeSpace() : -1;
    if (free >= 0 && free < MinFreeBytes)
        return joinFailed(
            tr("This till's disk has only %1 free; the chain's members need at least %2. Free "
               "some space (or use a larger disk), then press Join again.")
                .arg(QLocale().formattedDataSize(free), QLocale().formattedDataSize(MinFreeBytes)));
    EnrolmentRequest request;
    request.serverUrl = m_server->text().trimmed();
    request.code = m_code->text().trimmed();
    request.caFile = m_caFile->text().trimmed();
    if (request.serverUrl.isEmpty()) {
        m_server->setFocus();
        return joinFailed(tr("Type the server's address, for example https://sync.example.com:8443."));
    }
    auto wire = m_till.enrolmentRequest(request);
    if (!wire) {
        m_code->setFocus();
        return joinFailed(UiText::error(wire.error()));
    }
    setBusy(true);
    say(m_joinMessage, tr("Asking the server…"), theme::Tone::Info);
    // A new client for each try: a connection kept from the last one would skip checking a certificate
    // against a CA file that has changed since.
    m_client->deleteLater();
    m_client = new sync::EnrolClient(this);
    // The request runs on the event loop: the screen keeps answering, and Cancel drops it.
    m_client->enrol(request.serverUrl, request.caFile, wire.value(),
                    [this, request](const Result<sync::EnrolResponse> &response, sync::EnrolProblem problem) {
                        setBusy(false);
                        if (!response)
                            return joinFailed(problemText(problem, response.error().message));
                        auto applied =
                            m_till.applyEnrolment(response.value(), request.serverUrl, request.caFile);
                        if (!applied) {
                            qWarning().noquote()
                                << "the enrolment could not be stored:" << applied.error().detail;
                            return joinFailed(UiText::error(applied.error()));
                        }
                        joinSucceeded(applied.value());
                    });
}

void SetupWizard::cancelJoin()
{
    m_client->cancel();
    setBusy(false);
    say(m_joinMessage,
        tr("Stopped. Nothing was changed on this till. If the server had already taken the code, ask for a "
           "new one."),
        theme::Tone::Warning);
    m_code->setFocus();
}

void SetupWizard::joinFailed(const QString &text)
{
    say(m_joinMessage, text, theme::Tone::Error);
}

void SetupWizard::joinSucceeded(const EnrolmentOutcome &outcome)
{
    m_joined = true;
    m_outcome = outcome;
    say(m_joinMessage, {}, theme::Tone::Info);
    m_joinedText->setText(tr("This till is terminal %1 of store %2. Next, create its first manager; the "
                             "chain's members come in meanwhile.")
                              .arg(outcome.terminalNumber)
                              .arg(outcome.storeName.isEmpty() ? outcome.storeId : outcome.storeName));
    // The server does not refuse a till whose clock is off (it signs with the server's time), but receipts,
    // "today" and birthdays follow this computer's clock.
    const qint64 offset = outcome.clockOffsetMs;
    if (qAbs(offset) > 60'000)
        say(m_clockWarning,
            (offset > 0 ? tr("This till's clock is %1 behind the server's.")
                        : tr("This till's clock is %1 ahead "
                             "of the server's."))
                    .arg(duration(offset)) +
                QLatin1Char(' ') +
                tr("Set this computer's date and time (or turn on network time), then restart the till. "
                   "Syncing works meanwhile."),
            theme::Tone::Warning);
    go(Step::Joined);
    emit enrolled();
}

void SetupWizard::saveAlone()
{
    TillConfig config = m_till.config();
    config.storeId = m_storeId->text().trimmed();
    config.storeName = m_storeName->text().trimmed();
    config.region = m_region->text().trimmed().toUpper();
    config.timeZone = m_timeZone->text().trimmed().toLatin1();
    config.currency = m_currency->text().trimmed().toUpper();
    if (config.region.size() != 2 || !config.region.at(0).isLetter() || !config.region.at(1).isLetter()) {
        m_region->setFocus();
        return say(m_aloneMessage, tr("The region is a two-letter country code, such as CN."),
                   theme::Tone::Error);
    }
    if (Status s = m_till.updateConfig(config); !s) {
        qWarning().noquote() << "the store could not be saved:" << s.error().detail;
        return say(m_aloneMessage, UiText::error(s.error()), theme::Tone::Error);
    }
    say(m_aloneMessage, {}, theme::Tone::Info);
    go(Step::Manager);
}

void SetupWizard::managerCreated(const Operator &op)
{
    m_manager = op;
    if (!m_joined)
        return emit finished(op);
    go(Step::FirstSync);
}

void SetupWizard::watchSync(sync::SyncService *service)
{
    m_sync = service;
    connect(service, &sync::SyncService::statusChanged, this, &SetupWizard::showSyncStatus);
    connect(service, &sync::SyncService::cycleFinished, this, [this](const sync::CycleReport &report) {
        if (m_report && m_report->ok)
            return; // the first sync is done; later cycles are the status bar's
        m_report = report;
        if (m_step == Step::FirstSync)
            showSyncReport(report);
    });
}

void SetupWizard::showSyncStatus(const sync::SyncStatus &status)
{
    if (m_report || m_step != Step::FirstSync)
        return;
    using Loading = sync::SyncStatus::Loading;
    const bool percent = status.loading == Loading::Downloading && status.totalBytes > 0;
    m_syncProgress->setRange(0, percent ? 100 : 0);
    if (percent)
        m_syncProgress->setValue(int(status.loadedBytes * 100 / status.totalBytes));
    switch (status.loading) {
    case Loading::Downloading:
        m_syncText->setText(tr("Downloading the store's members…"));
        break;
    case Loading::Installing:
        m_syncText->setText(tr("Setting up the members on this till…"));
        break;
    case Loading::Writing:
        m_syncText->setText(tr("%1 members so far…").arg(QLocale().toString(status.loadedMembers)));
        break;
    case Loading::None:
        m_syncText->setText(tr("Talking to the server…"));
        break;
    }
    m_start->setText(tr("Start without waiting"));
}

void SetupWizard::showSyncReport(const sync::CycleReport &report)
{
    m_syncProgress->setRange(0, 100);
    m_syncProgress->setValue(report.ok ? 100 : 0);
    m_retry->setVisible(!report.ok);
    if (report.ok) {
        auto count = m_till.memberCount();
        m_syncText->setText(tr("Done: the till has %n member(s) of the chain.", nullptr,
                               int(count.ok() ? count.value() : report.snapshotMembers)));
        m_start->setText(UiText::withShortcut(tr("Start"), QKeySequence(Qt::Key_Enter)));
    } else {
        m_syncText->setText(tr("The first sync did not finish: %1 You can start now; the till keeps trying "
                               "in the background.")
                                .arg(report.error));
        m_start->setText(tr("Start without waiting"));
    }
    m_start->setFocus();
}

QString SetupWizard::problemText(sync::EnrolProblem problem, const QString &detail) const
{
    const QString host = QUrl(m_server->text().trimmed()).authority();
    using P = sync::EnrolProblem;
    switch (problem) {
    case P::CodeUnknown:
        return tr("The server does not know this code. Check it letter by letter (case and dashes do not "
                  "matter), or ask head office for a new one.");
    case P::CodeUsed:
        return tr(
            "This code has been used already: each code enrols one till. Ask head office for a new one.");
    case P::CodeExpired:
        return tr("This code is too old: codes are valid for a day unless head office chose otherwise. Ask "
                  "for a new one.");
    case P::Refused:
        return tr("Nothing answers at %1. Check the port number, and that the server is running.").arg(host);
    case P::HostNotFound:
        return tr("The name %1 is not known on this network. Check the spelling, and that the till is "
                  "connected to the shop's network.")
            .arg(host);
    case P::TimedOut:
        return tr("The server at %1 did not answer in time. Check the till's network and any firewall "
                  "between the till and the server.")
            .arg(host);
    case P::CertificateName:
        return tr("The server's certificate is made for another name than %1. Type the address exactly as "
                  "the certificate names it (ask head office), not an IP address or another name.")
            .arg(host);
    case P::CertificateUntrusted:
        return tr("This till does not trust the server's certificate. If the chain uses its own certificate "
                  "authority, choose its CA file below and press Join again.");
    case P::CertificateDates:
        return tr("The server's certificate has expired or is not valid yet. Check this till's date and "
                  "time; if they are right, ask head office to renew the certificate.");
    case P::ServerFailing:
        return tr("The server is busy or has a problem. Wait a minute and press Join again; if it goes on, "
                  "call head office.");
    case P::NotAServer:
        return tr("Something answered at %1, but it is not a Counterpart server. Check the address and the "
                  "port.")
            .arg(host);
    case P::TooManyTries: // the wait the server asked for is in the words (sync::describeFailure)
    case P::BadAddress:
    case P::Tls:
    case P::Other:
    case P::None:
        break;
    }
    return detail; // already plain words (sync::describeFailure, HttpClient::setServer)
}

} // namespace counterpart
