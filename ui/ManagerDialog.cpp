#include "ui/ManagerDialog.h"

#include "app/DemoSeeder.h"
#include "app/MemberCsv.h"
#include "ui/BackgroundTask.h"
#include "ui/ManagerAuditPage.h"
#include "ui/ManagerDashboard.h"
#include "ui/ManagerSyncPage.h"
#include "ui/NumberPad.h"
#include "ui/Theme.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace counterpart {

namespace {

QVBoxLayout *column(QWidget *page)
{
    return static_cast<QVBoxLayout *>(page->layout());
}

// The page's big button, under what is already on it.
QPushButton *pageAction(QWidget *page, const QString &label, const char *objectName)
{
    QPushButton *b = widgets::actionButton(page, label, objectName);
    column(page)->addWidget(b);
    return b;
}

QFormLayout *pageForm(QWidget *page)
{
    auto *form = new QFormLayout;
    column(page)->addLayout(form);
    return form;
}

QSpinBox *spinBox(QWidget *parent, const char *objectName, int minimum, int maximum)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(QString::fromLatin1(objectName));
    spin->setRange(minimum, maximum);
    spin->setMinimumHeight(theme::TouchTarget);
    return spin;
}

} // namespace

ManagerDialog::ManagerDialog(const TillSession &session, const Operator &manager,
                             const std::optional<Member> &member, QWidget *parent)
    : TillDialog(QStringLiteral("managerDialog"), tr("Manager functions"), parent)
    , m_session(session)
    , m_manager(manager)
    , m_member(member)
{
    auto *who = new QLabel(
        member ? tr("%1 is approving. Open member: %2 (%3).")
                     .arg(manager.name, member->name, member->code.grouped())
               : tr("%1 is approving. No member is open: member functions need one.").arg(manager.name),
        this);
    who->setObjectName(QStringLiteral("managerWho"));
    who->setWordWrap(true);
    body()->addWidget(who);

    auto *row = new QHBoxLayout;
    m_menu = new QVBoxLayout;
    m_menu->setSpacing(6);
    m_pages = new QStackedWidget(this);
    row->addLayout(m_menu);
    row->addWidget(m_pages, 1);
    body()->addLayout(row, 1);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("managerResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->hide();
    body()->addWidget(m_result);

    addStatsPage();
    addSyncPage();
    addAdjustPage();
    addVoidPage();
    addPrivatePage();
    addStaffPage();
    addImportPage();
    if (m_session.till->isDemo()) // made-up members never sit beside real ones
        addDemoPage();
    addJobsPage();
    addAuditPage();
    m_menu->addStretch();
    for (QPushButton *b : std::as_const(m_functions)) {
        if (b->isEnabled()) {
            b->click();
            break;
        }
    }

    QPushButton *close = addButton(tr("Close"), QKeySequence(Qt::Key_Escape), "closeButton", false);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    resize(900, 600);
}

// The store's figures and the lists of members to call (ui/ManagerDashboard.h).
void ManagerDialog::addStatsPage()
{
    QWidget *p = page(tr("Store figures"),
                      tr("Today's, a day's or a range's member figures next to the period before, the trends "
                         "of the last 30 days, and the members to call: champions, members slipping away, "
                         "points about to expire, birthdays. Exports and a one-page report."));
    connect(pageAction(p, tr("Open store figures"), "statsButton"), &QPushButton::clicked, this,
            &ManagerDialog::openStatistics);
    addFunction(tr("Store figures"), "statsFunction", p, false);
}

// Who did what at this till (ui/ManagerAuditPage.h).
void ManagerDialog::addAuditPage()
{
    QWidget *p = page(tr("Audit trail"), tr("Who did what at this till, when, about which member and with "
                                            "whose approval. Export it for head office as CSV."));
    m_auditPage = new ManagerAuditPage(m_session, m_member, p);
    column(p)->addWidget(m_auditPage, 1);
    addFunction(tr("Audit trail"), "auditFunction", p, false, false);
}

// Sync with the chain's server: what it refused and flagged (ui/ManagerSyncPage.h).
void ManagerDialog::addSyncPage()
{
    QWidget *p = page(tr("Sync with the server"),
                      tr("Changes made at this till go to the chain's server in the background. Here "
                         "are the ones it refused, with the reason, and what it flagged for a "
                         "manager."));
    m_syncPage = new ManagerSyncPage(m_session, p);
    column(p)->addWidget(m_syncPage, 1);
    addFunction(tr("Sync with the server"), "syncFunction", p, false, false);
}

void ManagerDialog::addAdjustPage()
{
    QWidget *p =
        page(tr("Adjust points"), tr("Adds or takes away points, with a reason. It is a new entry in "
                                     "the member's history; nothing is ever edited."));
    QFormLayout *form = pageForm(p);
    m_adjustPoints = spinBox(p, "adjustPointsSpin", -1'000'000, 1'000'000);
    form->addRow(tr("Points (+ or −)"), widgets::stepper(m_adjustPoints));
    m_adjustReason = widgets::lineEdit(p, "adjustReasonEdit", tr("e.g. points missed on receipt 1234"));
    form->addRow(tr("Reason"), m_adjustReason);
    connect(pageAction(p, tr("Adjust"), "adjustButton"), &QPushButton::clicked, this, &ManagerDialog::adjust);
    connect(m_adjustReason, &QLineEdit::returnPressed, this, &ManagerDialog::adjust);
    addFunction(tr("Adjust points"), "adjustFunction", p, true);
}

void ManagerDialog::addVoidPage()
{
    QWidget *p = page(tr("Undo the last earn or redemption"),
                      tr("Takes back the member's last earn or redemption, if it was made in the last few "
                         "minutes. Its receipt can then be used again."));
    m_voidReason = widgets::lineEdit(p, "voidReasonEdit", tr("e.g. wrong member"));
    pageForm(p)->addRow(tr("Reason"), m_voidReason);
    connect(pageAction(p, tr("Undo last transaction"), "voidButton"), &QPushButton::clicked, this,
            &ManagerDialog::voidLast);
    connect(m_voidReason, &QLineEdit::returnPressed, this, &ManagerDialog::voidLast);
    addFunction(tr("Undo last transaction"), "voidFunction", p, true);
}

void ManagerDialog::addPrivatePage()
{
    QWidget *p = page(tr("ID number and birth date"),
                      tr("These are stored encrypted. Looking at them is recorded in the audit log."));
    m_private = new QLabel(p);
    m_private->setObjectName(QStringLiteral("privateDetails"));
    m_private->setWordWrap(true);
    column(p)->addWidget(m_private);
    connect(pageAction(p, tr("Show"), "privateButton"), &QPushButton::clicked, this,
            &ManagerDialog::showPrivate);
    addFunction(tr("ID number and birth date"), "privateFunction", p, true);
}

void ManagerDialog::addStaffPage()
{
    QWidget *p = page(tr("Add staff"), tr("Cashiers and managers sign in with a staff id and a PIN of 4 to 8 "
                                          "digits. The same id again sets a new PIN."));
    m_staffId = widgets::lineEdit(p, "newStaffIdEdit", tr("e.g. c02"));
    m_staffName = widgets::lineEdit(p, "newStaffNameEdit");
    m_staffRole = new QComboBox(p);
    m_staffRole->setObjectName(QStringLiteral("newStaffRoleCombo"));
    m_staffRole->setMinimumHeight(theme::TouchTarget);
    m_staffRole->addItem(tr("Cashier"), QStringLiteral("cashier"));
    m_staffRole->addItem(tr("Manager"), QStringLiteral("manager"));
    auto *pins = new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,8}")), p);
    m_staffPin = widgets::lineEdit(p, "newStaffPinEdit");
    m_staffPinAgain = widgets::lineEdit(p, "newStaffPinAgainEdit");
    for (QLineEdit *pin : {m_staffPin, m_staffPinAgain}) {
        pin->setEchoMode(QLineEdit::Password);
        pin->setValidator(pins);
    }
    // The form, and beside it a number pad for the PINs.
    auto *row = new QHBoxLayout;
    auto *form = new QFormLayout;
    row->addLayout(form, 1);
    row->addWidget(new NumberPad(p, NumberPad::Keys::Digits, QSize(64, 52), p), 0, Qt::AlignTop);
    column(p)->addLayout(row);
    form->addRow(tr("Staff id"), m_staffId);
    form->addRow(tr("Name"), m_staffName);
    form->addRow(tr("Role"), m_staffRole);
    form->addRow(tr("PIN"), m_staffPin);
    form->addRow(tr("PIN again"), m_staffPinAgain);
    connect(pageAction(p, tr("Add staff"), "addStaffButton"), &QPushButton::clicked, this,
            &ManagerDialog::addStaff);
    addFunction(tr("Add staff"), "staffFunction", p, false);
}

void ManagerDialog::addImportPage()
{
    QWidget *p = page(tr("Import members from a CSV file"),
                      tr("Columns: phone and name, and optionally gender, birthday (YYYY-MM-DD), "
                         "marketing_consent and note. Numbers that are already members are skipped. It "
                         "runs in the background; Cancel keeps the rows imported so far."));
    m_allOrNothing = new QCheckBox(tr("All or nothing: keep no row if any row is wrong"), p);
    m_allOrNothing->setObjectName(QStringLiteral("allOrNothingCheck"));
    column(p)->addWidget(m_allOrNothing);
    connect(pageAction(p, tr("Choose a CSV file…"), "importButton"), &QPushButton::clicked, this,
            &ManagerDialog::chooseImportFile);
    addFunction(tr("Import members"), "importFunction", p, false);
}

void ManagerDialog::addDemoPage()
{
    QWidget *p = page(tr("Demo members"), tr("Adds made-up members with 18 months of purchases, for training "
                                             "and trade shows. Never on a till in service."));
    m_demoCount = spinBox(p, "demoCountSpin", 10, 100000);
    m_demoCount->setValue(200);
    pageForm(p)->addRow(tr("Members"), widgets::stepper(m_demoCount));
    connect(pageAction(p, tr("Add demo members"), "demoButton"), &QPushButton::clicked, this,
            [this] { addDemoMembers(m_demoCount->value()); });
    addFunction(tr("Demo members"), "demoFunction", p, false);
}

// Scheduled jobs and the check.
void ManagerDialog::addJobsPage()
{
    QWidget *p = page(tr("Expiry, tiers and the points check"),
                      tr("These run by themselves on schedule; run them now after changing the rules or "
                         "the clock. They run in the background."));
    m_jobs = new QLabel(p);
    m_jobs->setObjectName(QStringLiteral("jobsStatusLabel"));
    m_jobs->setWordWrap(true);
    column(p)->addWidget(m_jobs);
    showJobs();
    QPushButton *expire = pageAction(p, tr("Expire old points now"), "expireButton");
    QPushButton *tiers = pageAction(p, tr("Evaluate tiers now"), "tiersButton");
    QPushButton *check = pageAction(p, tr("Check every balance against its history"), "checkButton");
    connect(expire, &QPushButton::clicked, this, &ManagerDialog::expireNow);
    connect(tiers, &QPushButton::clicked, this, &ManagerDialog::evaluateTiersNow);
    connect(check, &QPushButton::clicked, this, &ManagerDialog::checkNow);
    addFunction(tr("Expiry, tiers, check"), "jobsFunction", p, false);
}

void ManagerDialog::expireNow()
{
    runTask(tr("Expiring old points…"), false,
            [](Till &till, ManualClock *, const auto &) -> Result<QString> {
                auto r = till.expirePoints();
                if (!r)
                    return r.error();
                return tr("%1 expired from %n member(s).", nullptr, r->members)
                    .arg(UiText::pointsPhrase(r->points));
            });
}

void ManagerDialog::evaluateTiersNow()
{
    runTask(tr("Evaluating tiers…"), false, [](Till &till, ManualClock *, const auto &) -> Result<QString> {
        auto r = till.evaluateTiers();
        if (!r)
            return r.error();
        if (r->serverEvaluates)
            return tr("The chain's server evaluates tiers for every till; its changes arrive with the next "
                      "sync.");
        return tr("%1 members evaluated: %2 moved up, %3 moved down.")
            .arg(r->evaluated)
            .arg(r->upgraded)
            .arg(r->downgraded);
    });
}

void ManagerDialog::checkNow()
{
    runTask(tr("Checking every balance…"), false,
            [](Till &till, ManualClock *, const auto &) -> Result<QString> {
                auto r = till.check(false);
                if (!r)
                    return r.error();
                if (r->ok)
                    return tr("All %1 members' balances match their histories. %2 changes wait to be "
                              "sent.")
                        .arg(r->members)
                        .arg(r->pendingOutbox);
                return makeError(ErrorCode::Storage,
                                 tr("Problems found: %1").arg(r->problems.join(QStringLiteral("; "))));
            });
}

QWidget *ManagerDialog::page(const QString &title, const QString &explanation)
{
    auto *p = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(p);
    layout->setContentsMargins(16, 0, 0, 0);
    layout->addWidget(widgets::heading(p, title, 13));
    layout->addWidget(widgets::explanation(p, explanation));
    return p;
}

void ManagerDialog::addFunction(const QString &label, const char *objectName, QWidget *p, bool needsMember,
                                bool stretch)
{
    if (stretch)
        static_cast<QVBoxLayout *>(p->layout())->addStretch();
    m_pages->addWidget(p);
    auto *b = new QPushButton(label, this);
    b->setObjectName(QString::fromLatin1(objectName));
    b->setCheckable(true);
    b->setAutoExclusive(true);
    b->setMinimumSize(220, 48);
    b->setEnabled(!needsMember || m_member.has_value());
    m_menu->addWidget(b);
    connect(b, &QPushButton::clicked, this, [this, p] {
        m_pages->setCurrentWidget(p);
        m_result->hide();
    });
    m_functions.append(b);
}

void ManagerDialog::showResult(const QString &text, bool ok)
{
    m_result->setStyleSheet(theme::bannerStyle(ok ? theme::Tone::Success : theme::Tone::Error));
    m_result->setText(text);
    m_result->show();
}

void ManagerDialog::runTask(
    const QString &label, bool cancellable,
    std::function<Result<QString>(Till &, ManualClock *, const std::function<bool(int, int)> &)> work)
{
    BackgroundTask::Options options;
    options.actingAs = m_manager;
    options.manualClock = false;
    BackgroundTask::runWithProgress(this, m_session, options, std::move(work), label, cancellable,
                                    [this](bool ok, const QString &message) {
                                        showResult(message, ok);
                                        showJobs();
                                        emit dataChanged();
                                    });
}

void ManagerDialog::showJobs()
{
    auto status = m_session.till->jobStatus();
    if (!status) {
        m_jobs->setText(UiText::error(status.error()));
        return;
    }
    QStringList lines;
    for (const JobStatus &s : std::as_const(status.value())) {
        const QString name = s.job == Job::Expiry           ? tr("Points expiry")
                             : s.job == Job::TierEvaluation ? tr("Tier evaluation")
                                                            : tr("Backup");
        if (!s.ownedHere) {
            lines << tr("%1: run by the chain's server for every till.").arg(name);
            continue;
        }
        const QString last =
            !s.last ? tr("never run")
            : s.last->outcome == QLatin1String("failed")
                ? tr("failed %1 (%2)")
                      .arg(UiText::dateTime(*m_session.till, s.last->startedMs), s.last->detail)
                : tr("last ran %1").arg(UiText::dateTime(*m_session.till, s.last->startedMs));
        lines << tr("%1: %2; next %3.").arg(name, last, UiText::dateTime(*m_session.till, s.nextDueMs));
    }
    m_jobs->setText(lines.join(u'\n'));
}

void ManagerDialog::adjust()
{
    if (!m_member)
        return;
    if (m_adjustPoints->value() == 0) {
        showResult(tr("Type the points to add (or, with a minus, to take away)."), false);
        m_adjustPoints->setFocus();
        return;
    }
    auto r = m_session.till->adjust(m_member->id.toString(), m_adjustPoints->value(), m_adjustReason->text());
    if (!r) {
        showResult(UiText::error(r.error()), false);
        return;
    }
    m_member = r.value();
    showResult(tr("Done. %1 now has %2.").arg(r->name, UiText::pointsPhrase(r->balance)), true);
    m_adjustPoints->setValue(0);
    m_adjustReason->clear();
    emit memberChanged();
}

void ManagerDialog::voidLast()
{
    if (!m_member)
        return;
    auto r = m_session.till->voidLast(m_member->id.toString(), m_voidReason->text());
    if (!r) {
        showResult(UiText::error(r.error()), false);
        return;
    }
    m_member = r->member;
    showResult(
        r->voidedKind == QLatin1String("earn")
            ? tr("The last earn was undone: %1 taken back. Balance: %2.")
                  .arg(UiText::pointsPhrase(r->pointsReversed), UiText::pointsPhrase(r->member.balance))
            : tr("The last redemption was undone: %1 given back. Balance: %2.")
                  .arg(UiText::pointsPhrase(-r->pointsReversed), UiText::pointsPhrase(r->member.balance)),
        true);
    m_voidReason->clear();
    emit memberChanged();
}

void ManagerDialog::showPrivate()
{
    if (!m_member)
        return;
    auto r = m_session.till->privateDetails(m_member->id, std::nullopt);
    if (!r) {
        showResult(UiText::error(r.error()), false);
        return;
    }
    const QString birth = r->first ? QLocale().toString(*r->first, QLocale::LongFormat) : tr("not given");
    const QString id = r->second.isEmpty() ? tr("not given") : r->second;
    m_private->setText(tr("Birth date: %1\nID number: %2").arg(birth, id));
}

void ManagerDialog::addStaff()
{
    if (!m_staffPin->isEnabled())
        return; // a PIN is being hashed
    if (m_staffPin->text() != m_staffPinAgain->text()) {
        showResult(tr("The two PINs are different. Type the same PIN twice."), false);
        m_staffPinAgain->clear();
        m_staffPinAgain->setFocus();
        return;
    }
    const Role role =
        m_staffRole->currentData().toString() == QLatin1String("manager") ? Role::Manager : Role::Cashier;
    // The new PIN is hashed off the UI thread (about a fifth of a second); the fields wait meanwhile.
    const QList<QWidget *> fields = {m_staffId, m_staffName, m_staffRole, m_staffPin, m_staffPinAgain};
    for (QWidget *w : fields)
        w->setEnabled(false);
    showResult(tr("Saving…"), true);
    hashNewPinInBackground(this, m_staffPin->text(), [this, role, fields](const Result<PinHash> &pin) {
        for (QWidget *w : fields)
            w->setEnabled(true);
        Status s =
            pin ? m_session.till->createOperator(m_staffId->text(), m_staffName->text(), role, pin.value())
                : Status(pin.error());
        if (!s) {
            showResult(UiText::error(s.error()), false);
            return;
        }
        showResult(tr("%1 can now sign in with staff id %2.")
                       .arg(m_staffName->text().trimmed(), m_staffId->text().trimmed()),
                   true);
        for (QLineEdit *e : {m_staffId, m_staffName, m_staffPin, m_staffPinAgain})
            e->clear();
    });
}

void ManagerDialog::chooseImportFile()
{
    auto *dialog =
        new QFileDialog(this, tr("Import members"), QString(), tr("CSV files (*.csv);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &ManagerDialog::importFile);
    dialog->open();
}

void ManagerDialog::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showResult(tr("Cannot read %1. Check the file and try again.").arg(path), false);
        return;
    }
    const QByteArray csv = file.readAll();
    const bool allOrNothing = m_allOrNothing->isChecked();
    runTask(tr("Importing members…"), true,
            [csv, allOrNothing](Till &till, ManualClock *,
                                const std::function<bool(int, int)> &progress) -> Result<QString> {
                ImportOptions options;
                options.allOrNothing = allOrNothing;
                options.progress = progress;
                auto r = MemberCsv::importMembers(till, csv, options);
                if (!r)
                    return r.error();
                QString text = r->rolledBack
                                   ? tr("Nothing was imported: %n row(s) had problems.", nullptr, r->failed())
                                   : tr("%1 of %2 rows imported, %3 already members, %4 with problems.")
                                         .arg(r->imported)
                                         .arg(r->rows)
                                         .arg(r->alreadyRegistered)
                                         .arg(r->failed());
                if (r->cancelled)
                    text = tr("Stopped. %1").arg(text);
                for (int i = 0; i < qMin<qsizetype>(r->problems.size(), 5); ++i)
                    text += QLatin1Char('\n') +
                            tr("Line %1: %2").arg(r->problems.at(i).line).arg(r->problems.at(i).reason);
                return text;
            });
}

void ManagerDialog::addDemoMembers(int count)
{
    BackgroundTask::Options options;
    options.actingAs = m_manager;
    options.manualClock = true; // the seeder walks its own clock through the months of history
    const quint32 seed = QRandomGenerator::global()->generate();
    BackgroundTask::runWithProgress(
        this, m_session, options,
        [count, seed](Till &till, ManualClock *clock,
                      const std::function<bool(int, int)> &progress) -> Result<QString> {
            SeedOptions o;
            o.members = count;
            o.randomSeed = seed;
            o.progress = progress;
            auto r = DemoSeeder::seed(till, *clock, o);
            if (!r)
                return r.error();
            const QString text =
                tr("%1 demo members added with %2 purchases.").arg(r->members).arg(r->purchases);
            return r->cancelled ? tr("Stopped. %1").arg(text) : text;
        },
        tr("Adding demo members…"), true,
        [this](bool ok, const QString &message) {
            showResult(message, ok);
            emit dataChanged();
        });
}

ManagerSyncPage *ManagerDialog::showSync()
{
    if (auto *b = findChild<QPushButton *>(QStringLiteral("syncFunction")))
        b->click();
    return m_syncPage;
}

ManagerDashboard *ManagerDialog::openStatistics()
{
    auto *dashboard = new ManagerDashboard(m_session, m_manager, this);
    dashboard->open();
    return dashboard;
}

ManagerAuditPage *ManagerDialog::showAudit()
{
    if (auto *b = findChild<QPushButton *>(QStringLiteral("auditFunction")))
        b->click();
    return m_auditPage;
}

} // namespace counterpart
