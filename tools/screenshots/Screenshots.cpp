// counterpart-screenshots: opens every screen and dialog of the till on a demo database, in each
// shipped language, and saves what it shows as PNG files (scripts/screenshots.sh runs it under Xvfb).
// Dialogs are drawn over the dimmed main window, as a cashier sees them.

#include "app/Language.h"
#include "app/ReceiptSlip.h"
#include "app/Till.h"
#include "print/SlipPainter.h"
#include "storage/SyncStore.h"
#include "sync/client/Applier.h"
#include "sync/client/EnrolClient.h"
#include "sync/client/SyncService.h"
#include "ui/BackgroundTask.h"
#include "ui/CustomerDisplay.h"
#include "ui/Dialogs.h"
#include "ui/LoginScreen.h"
#include "ui/MainWindow.h"
#include "ui/ManagerAuditPage.h"
#include "ui/ManagerDashboard.h"
#include "ui/ManagerDialog.h"
#include "ui/ManagerSyncPage.h"
#include "ui/SetupWizard.h"
#include "ui/StatsReport.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProgressDialog>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSemaphore>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <cstdio>
#include <functional>
#include <utility>

using namespace counterpart;

namespace {

const QString ManagerId = QStringLiteral("m01");
const QString ManagerPin = QStringLiteral("2468");
const QString CashierId = QStringLiteral("c01");
const QString CashierPin = QStringLiteral("1357");

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

// Lets layouts, timers and queued calls run, so what is grabbed is what a person would see.
void settle(int ms = 150)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

class Shooter
{
public:
    Shooter(const QString &dir)
        : m_dir(dir)
    {
        QDir().mkpath(dir);
    }

    void window(QWidget *w, const QString &name) { save(w->grab().toImage(), name); }

    // The window dimmed, with the dialogs (each over the one before) in the middle.
    void dialogs(QWidget *w, const QList<QWidget *> &dialogs, const QString &name)
    {
        QImage base = w->grab().toImage();
        QPainter p(&base);
        for (QWidget *d : dialogs) {
            p.fillRect(base.rect(), QColor(0, 0, 0, 80));
            const QPixmap shot = d->grab();
            const QSize logical = shot.deviceIndependentSize().toSize();
            const QPoint at((w->width() - logical.width()) / 2,
                            qMax(0, (w->height() - logical.height()) / 2));
            p.fillRect(QRect(at + QPoint(3, 4), logical), QColor(0, 0, 0, 60));
            p.drawPixmap(at, shot);
            p.setPen(QColor(0x8a, 0x94, 0x9e));
            p.drawRect(QRect(at, logical).adjusted(0, 0, -1, -1));
        }
        p.end();
        save(base, name);
    }
    void dialog(QWidget *w, QWidget *d, const QString &name) { dialogs(w, {d}, name); }
    void image(const QImage &image, const QString &name) { save(image, name); }
    QString nextPath(const QString &name, const QString &suffix) const
    {
        return QDir(m_dir).filePath(
            QStringLiteral("%1-%2.%3").arg(m_count + 1, 2, 10, QLatin1Char('0')).arg(name, suffix));
    }

    QStringList saved() const { return m_saved; }

private:
    void save(const QImage &image, const QString &name)
    {
        const QString file = QDir(m_dir).filePath(
            QStringLiteral("%1-%2.png").arg(++m_count, 2, 10, QLatin1Char('0')).arg(name));
        if (image.save(file))
            m_saved << file;
        else
            out() << "could not write " << file << Qt::endl;
    }

    QString m_dir;
    int m_count = 0;
    QStringList m_saved;
};

template<typename T = QWidget>
T *child(QObject *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}

// The open dialog with this object name.
QDialog *openDialog(QWidget *w, const char *name)
{
    settle();
    const auto all = w->findChildren<QDialog *>(QString::fromLatin1(name));
    for (QDialog *d : all) {
        if (d->isVisible())
            return d;
    }
    return nullptr;
}

void closeDialog(QDialog *d)
{
    if (d)
        d->reject();
    settle();
}

// A seeded member whose card shows the most: points expiring, a next tier to reach, recent visits.
std::optional<Member> showcaseMember(Till &till)
{
    std::optional<Member> best;
    int bestScore = -1;
    for (const QString &prefix :
         {QStringLiteral("王"), QStringLiteral("李"), QStringLiteral("张"), QStringLiteral("刘"),
          QStringLiteral("陈"), QStringLiteral("杨"), QStringLiteral("黄")}) {
        auto found = till.findByNamePrefix(prefix, 40);
        if (!found)
            continue;
        for (const Member &m : found.value()) {
            auto card = till.card(m.id);
            if (!card)
                continue;
            const int score = (card->expiringSoonPoints > 0 ? 4 : 0) +
                              (card->tierSpendDeadline.isValid() ? 2 : 0) +
                              (card->recentPurchases.size() >= 4 ? 2 : 0) + (m.balance >= 800 ? 1 : 0) +
                              (card->memberDay || card->birthdayWindow ? 1 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = m;
            }
        }
    }
    return best;
}

// Waits (with the event loop running) until `done` or a few seconds have passed.
bool settleUntil(const std::function<bool()> &done, int ms = 15000)
{
    QDeadlineTimer deadline(ms);
    while (!done() && !deadline.hasExpired())
        settle(50);
    return done();
}

// The PIN is checked in the background: wait for the answer.
void signIn(QWidget *w, const QString &id, const QString &pin)
{
    child<QLineEdit>(w, "staffIdEdit")->setText(id);
    child<QLineEdit>(w, "pinEdit")->setText(pin);
    child<QPushButton>(w, "signInButton")->click();
    auto *login = child<LoginScreen>(w, "loginScreen");
    settleUntil([login] { return !login->isChecking(); });
    settle();
}

// Types the manager's PIN into the open PIN dialog and waits for Manager functions.
ManagerDialog *approveAsManager(QWidget *w, QDialog *pin)
{
    child<QLineEdit>(pin, "managerIdEdit")->setText(ManagerId);
    child<QLineEdit>(pin, "managerPinEdit")->setText(ManagerPin);
    child<QPushButton>(pin, "confirmButton")->click();
    ManagerDialog *manager = nullptr;
    settleUntil([&] {
        const auto all = w->findChildren<ManagerDialog *>(QStringLiteral("managerDialog"));
        for (ManagerDialog *d : all) {
            if (d->isVisible())
                manager = d;
        }
        return manager != nullptr;
    });
    settle();
    return manager;
}

// F9 and the manager's PIN: the manager functions, or null when they did not open.
ManagerDialog *openManagerFunctions(MainWindow &w)
{
    w.openManager();
    QDialog *pin = openDialog(&w, "managerPinDialog");
    return pin ? approveAsManager(&w, pin) : nullptr;
}

// What the manager's sync page lists, on the demo till: it looks enrolled with a server, the newest
// earn of another member was refused by it (and taken back here), and an offline redemption was flagged.
void prepareSyncShowcase(Till &till, const Member &showcase)
{
    Database &db = till.database();
    SyncStore store(db);
    (void)store.setSetting(SyncKeys::ServerUrl, QStringLiteral("https://members.example.com"));
    auto ops = store.pendingOps(100000);
    auto env = sync::ApplyEnv::load(db, till.clock());
    if (ops && env) {
        for (auto op = ops->crbegin(); op != ops->crend(); ++op) {
            if (op->kind != QLatin1String("earn") || op->entity == showcase.id)
                continue;
            sync::PushResponse response;
            sync::OpResult refused;
            refused.opId = op->id.toString();
            refused.status = sync::OpStatus::Rejected;
            refused.reason = QStringLiteral("receipt_taken");
            refused.message = QStringLiteral("Receipt already earned points for another member at S001.");
            response.results.append(refused);
            if (auto applied = sync::applyPushResults(db, {*op}, response, env.value()); !applied)
                out() << "could not refuse an operation: " << applied.error().message << Qt::endl;
            break;
        }
        // Everything else was sent and applied a minute ago, as on a till that is online: the manager's
        // page then says what the status bar in the pictures says.
        if (auto rest = store.pendingOps(100000); rest && !rest->isEmpty()) {
            sync::PushResponse response;
            for (const PendingOp &op : rest.value()) {
                sync::OpResult applied;
                applied.opId = op.id.toString();
                applied.status = sync::OpStatus::Applied;
                response.results.append(applied);
            }
            if (auto applied = sync::applyPushResults(db, rest.value(), response, env.value()); !applied)
                out() << "could not mark the operations sent: " << applied.error().message << Qt::endl;
        }
        (void)store.setSetting(SyncKeys::LastSuccessMs, QString::number(till.clock().nowMs() - 60 * 1000));
    }
    auto others = till.findByNamePrefix(QStringLiteral("张"), 5);
    if (others && !others->isEmpty()) {
        const Member &m = others->constLast();
        const qint64 now = till.clock().nowMs();
        (void)store.addFlag(Uuid::createV7(till.clock()), QStringLiteral("overdraw"),
                            Uuid::createV7(till.clock()), m.id, -120, now - 2 * 3600 * 1000, now);
    }
}

// The status bar as the sync engine reports it: online, offline with changes waiting, one refused.
void shootSyncStates(const TillSession &session, MainWindow &w, const Member &showcase, Shooter &shoot)
{
    const qint64 now = session.clock->nowMs();
    w.openMember(showcase.id);
    sync::SyncStatus online;
    online.enrolled = true;
    online.online = true;
    online.lastSuccessMs = now - 60 * 1000;
    w.showSyncStatus(online);
    settle();
    shoot.window(&w, QStringLiteral("sync-online"));
    sync::SyncStatus offline = online;
    offline.online = false;
    offline.lastSuccessMs = now - 40 * 60 * 1000;
    offline.pendingOps = 3;
    offline.lastError = QStringLiteral("Cannot reach the server: Connection refused");
    w.showSyncStatus(offline);
    settle();
    shoot.window(&w, QStringLiteral("sync-offline-waiting"));
    sync::SyncStatus refused = online;
    refused.rejectedOps = 1;
    refused.unseenFlags = 1;
    w.showSyncStatus(refused);
    settle();
    shoot.window(&w, QStringLiteral("sync-refused"));

    // The manager's list of what the server refused and flagged.
    ManagerDialog *manager = openManagerFunctions(w);
    if (!manager)
        return;
    manager->showSync();
    settle(300);
    shoot.dialog(&w, manager, QStringLiteral("manager-sync"));
    closeDialog(manager);

    // A new till's first cycle, fetching the store's members from the snapshot file.
    sync::SyncStatus bootstrap;
    bootstrap.enrolled = true;
    bootstrap.online = true;
    bootstrap.syncing = true;
    bootstrap.loading = sync::SyncStatus::Loading::Downloading;
    bootstrap.loadedBytes = 1'100'000'000;
    bootstrap.totalBytes = 2'635'000'000;
    w.showSyncStatus(bootstrap);
    settle();
    shoot.window(&w, QStringLiteral("sync-new-till"));
    w.showSyncStatus(sync::SyncStatus{});
}

void shootManagerStatistics(const TillSession &session, MainWindow &w, Shooter &shoot)
{
    w.openManager();
    QDialog *pin = openDialog(&w, "managerPinDialog");
    if (!pin)
        return;
    ManagerDialog *manager = approveAsManager(&w, pin);
    if (!manager)
        return;
    ManagerDashboard *dashboard = manager->openStatistics();
    settleUntil([dashboard] { return dashboard->areCountsLoaded(); });
    settle(300);
    shoot.dialogs(&w, {dashboard}, QStringLiteral("manager-figures-today"));
    child<QComboBox>(dashboard, "periodCombo")->setCurrentIndex(3); // the last 30 days
    settle();
    shoot.dialogs(&w, {dashboard}, QStringLiteral("manager-figures-30-days"));
    dashboard->showTab(ManagerDashboard::ChartsTab);
    settle(300);
    shoot.dialogs(&w, {dashboard}, QStringLiteral("manager-trends-and-tiers"));
    // Three lists; the expiring points only when the demo's history is long enough to have some.
    QList<MemberList> lists{MemberList::AtRisk, MemberList::Champions, MemberList::Birthdays};
    for (const ListSummary &s : dashboard->listSummaries()) {
        if (s.list == MemberList::ExpiringPoints && s.members > 0)
            lists[1] = MemberList::ExpiringPoints;
    }
    for (MemberList list : std::as_const(lists)) {
        dashboard->showList(list);
        settleUntil([dashboard] { return !dashboard->isListLoading(); });
        settle(200);
        shoot.dialogs(&w, {dashboard},
                      QStringLiteral("manager-list-") + Statistics::listId(list).replace(u'_', u'-'));
    }
    // The one-page report: the PDF itself, and the same page as an image to look at.
    child<QComboBox>(dashboard, "periodCombo")->setCurrentIndex(0);
    settle();
    const QString pdf = shoot.nextPath(QStringLiteral("manager-report"), QStringLiteral("pdf"));
    dashboard->writeReport(pdf);
    ReportInput input;
    input.dashboard = dashboard->dashboard();
    input.lists = dashboard->listSummaries();
    input.preparedBy = session.till->currentOperator().name;
    input.preparedAtMs = session.clock->nowMs();
    shoot.image(StatsReport::render(*session.till, input), QStringLiteral("manager-report"));
    closeDialog(dashboard);
    closeDialog(manager);
}

// A stand-in for the chain's server on loopback that answers POST /v1/enrol from a list, one answer a
// request: the setup screens then show what the wizard makes of those answers. (tst_setup_flow drives
// the same screens against the real server.)
class EnrolAnswers : public QObject
{
public:
    explicit EnrolAnswers(QList<std::pair<int, QByteArray>> answers)
        : m_answers(std::move(answers))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &request = m_requests[socket];
        request += socket->readAll();
        const qsizetype headerEnd = request.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        static const QRegularExpression length(QStringLiteral("content-length:\\s*(\\d+)"),
                                               QRegularExpression::CaseInsensitiveOption);
        const auto match = length.match(QString::fromLatin1(request.left(headerEnd)));
        if (request.size() < headerEnd + 4 + (match.hasMatch() ? match.captured(1).toLongLong() : 0))
            return;
        m_requests.remove(socket);
        const auto [status, body] =
            m_answers.isEmpty() ? std::pair{503, QByteArray("{}")} : m_answers.takeFirst();
        socket->write(
            "HTTP/1.1 " + QByteArray::number(status) + " Answer\r\nContent-Type: application/json\r\n" +
            "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QList<std::pair<int, QByteArray>> m_answers;
    QHash<QTcpSocket *, QByteArray> m_requests;
};

// What the chain's server answers a till that joins with a fresh code.
QByteArray enrolAnswer(const Clock &clock)
{
    sync::EnrolResponse response;
    response.terminalId = Uuid::createV7(clock).toString();
    response.terminalNumber = 10002;
    response.secret = QByteArray(32, '\x5a');
    response.store = {QStringLiteral("S001"), QStringLiteral("Demo Store"), QStringLiteral("CN"),
                      QStringLiteral("Asia/Shanghai"), QStringLiteral("CNY")};
    response.serverTime = clock.nowMs();
    return response.toJson();
}

const QString ShownServer = QStringLiteral("https://members.example.com:8443");

// Language, join or on its own, the join form, a used code, and the code that works.
void shootSetupStart(MainWindow &w, SetupWizard *wizard, const EnrolAnswers &server, Shooter &shoot)
{
    shoot.window(&w, QStringLiteral("setup-language"));
    child<QPushButton>(wizard, "setupNextButton")->click();
    settle();
    shoot.window(&w, QStringLiteral("setup-join-or-alone"));
    child<QPushButton>(wizard, "setupAloneButton")->click();
    settle();
    shoot.window(&w, QStringLiteral("setup-on-its-own"));
    child<QPushButton>(wizard, "setupBackButton")->click();
    settle();
    child<QPushButton>(wizard, "setupJoinButton")->click();
    auto *address = child<QLineEdit>(wizard, "setupServerEdit");
    auto *code = child<QLineEdit>(wizard, "setupCodeEdit");
    address->setText(ShownServer);
    code->setText(QStringLiteral("K7QM-2XDP-9RTA"));
    settle();
    shoot.window(&w, QStringLiteral("setup-join"));

    // The pictures show a server's name; the answers come from loopback (the words name no address).
    auto *enrol = child<QPushButton>(wizard, "setupEnrolButton");
    auto *message = child<QLabel>(wizard, "setupJoinMessage");
    address->setText(server.url());
    enrol->click();
    settleUntil(
        [&] { return enrol->isEnabled() && message->styleSheet() != theme::bannerStyle(theme::Tone::Info); });
    address->setText(ShownServer);
    settle();
    shoot.window(&w, QStringLiteral("setup-code-used"));
    address->setText(server.url());
    code->setText(QStringLiteral("H4TN-8WCE-3JXB"));
    enrol->click();
    settleUntil([wizard] { return wizard->step() == SetupWizard::Step::Joined; });
    settle();
    shoot.window(&w, QStringLiteral("setup-joined"));
}

// The first manager, the first sync as the engine reports it, and Settings' connection test.
void shootSetupEnd(MainWindow &w, SetupWizard *wizard, sync::SyncService &engine, Till &till, Shooter &shoot)
{
    child<QPushButton>(wizard, "setupJoinedNextButton")->click();
    settle();
    child<QLineEdit>(wizard, "staffIdEdit")->setText(ManagerId);
    child<QLineEdit>(wizard, "staffNameEdit")->setText(QStringLiteral("Mei Wang"));
    child<QLineEdit>(wizard, "pinEdit")->setText(ManagerPin);
    child<QLineEdit>(wizard, "pinAgainEdit")->setText(ManagerPin);
    settle();
    shoot.window(&w, QStringLiteral("setup-first-manager-of-a-new-till"));
    child<QPushButton>(wizard, "signInButton")->click();
    settleUntil([wizard] { return wizard->step() == SetupWizard::Step::FirstSync; });

    sync::SyncStatus loading;
    loading.enrolled = true;
    loading.online = true;
    loading.syncing = true;
    loading.loading = sync::SyncStatus::Loading::Downloading;
    loading.loadedBytes = 1'100'000;
    loading.totalBytes = 2'635'000;
    Q_EMIT engine.statusChanged(loading);
    settle();
    shoot.window(&w, QStringLiteral("setup-first-sync"));
    sync::CycleReport report;
    report.ok = true;
    report.bootstrapped = true;
    Q_EMIT engine.cycleFinished(report);
    sync::SyncStatus online = loading;
    online.syncing = false;
    online.loading = sync::SyncStatus::Loading::None;
    online.lastSuccessMs = till.clock().nowMs();
    Q_EMIT engine.statusChanged(online);
    settle();
    shoot.window(&w, QStringLiteral("setup-first-sync-done"));
    child<QPushButton>(wizard, "setupStartButton")->click();
    settle(300);

    (void)SyncStore(till.database()).setSetting(SyncKeys::ServerUrl, ShownServer);
    (void)SyncStore(till.database())
        .setSetting(SyncKeys::LastSuccessMs, QString::number(online.lastSuccessMs));
    sync::ConnectionTest tested;
    tested.ok = true;
    tested.serverVersion = QStringLiteral("0.1.0");
    tested.roundTripMs = 38;
    sync::HttpReply noAnswer;
    noAnswer.failure = sync::HttpReply::Failure::TimedOut;
    sync::ConnectionTest failed;
    failed.message = sync::describeFailure(noAnswer);
    for (const auto &[result, name] :
         {std::pair{tested, "settings-connection-test"}, std::pair{failed, "settings-connection-failed"}}) {
        w.openSettings();
        QDialog *settings = openDialog(&w, "settingsDialog");
        Q_EMIT engine.connectionTested(result);
        settle();
        shoot.dialog(&w, settings, QString::fromLatin1(name));
        closeDialog(settings);
    }
}

// A new till's first start at the screen, on a copy of `setupDb` (members, no staff, no server).
void shootSetup(const QString &setupDb, const TillSession &demo, const QString &language, Shooter &shoot)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new-till.db"));
    if (!QFile::copy(setupDb, path)) {
        out() << "could not copy " << setupDb << Qt::endl;
        return;
    }
    auto till = Till::open(path, *demo.clock, demo.options);
    if (!till) {
        out() << "could not open the new till: " << till.error().message << Qt::endl;
        return;
    }
    till.value()->setOperator(Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System});
    (void)till.value()->setLanguage(language);
    sync::SyncEngineOptions engineOptions;
    engineOptions.keyFile = demo.options.keyFile;
    // Never started: what it reports is sent from here, as in shootSyncStates.
    sync::SyncService engine(path, *demo.clock, engineOptions);
    const TillSession session{till.value().get(), path, demo.options, demo.clock, &engine};
    EnrolAnswers server(
        {{409, QByteArrayLiteral("{\"error\":\"code_used\",\"message\":\"code already used\"}")},
         {200, enrolAnswer(*demo.clock)}});
    MainWindow w(session);
    w.resize(theme::MinimumWidth, theme::MinimumHeight);
    w.show();
    settle(400);
    auto *wizard = child<SetupWizard>(&w, "setupWizard");
    if (!wizard) {
        out() << "the new till shows no setup" << Qt::endl;
        return;
    }
    shootSetupStart(w, wizard, server, shoot);
    if (wizard->step() == SetupWizard::Step::Joined)
        shootSetupEnd(w, wizard, engine, *till.value(), shoot);
}

// The manager's audit trail of the last seven days: the demo's own work and the shots' above.
void shootAuditTrail(MainWindow &w, Shooter &shoot)
{
    ManagerDialog *manager = openManagerFunctions(w);
    if (!manager)
        return;
    manager->showAudit();
    settle(300);
    shoot.dialog(&w, manager, QStringLiteral("manager-audit-trail"));
    closeDialog(manager);
}

// "Close membership…" from the member's details: what closing means, before anyone confirms it.
void shootCloseMembership(MainWindow &w, const Member &showcase, Shooter &shoot)
{
    w.openMember(showcase.id);
    settle();
    w.openDetails();
    QDialog *details = openDialog(&w, "detailsDialog");
    child<QPushButton>(details, "closeMembershipButton")->click();
    QDialog *closing = openDialog(&w, "closeMembershipDialog");
    shoot.dialog(&w, closing, QStringLiteral("close-membership"));
    closeDialog(closing);
}

// Spending more than a card alone may: the redeem dialog asks for 4 digits of the member's phone.
void shootCardSpending(MainWindow &w, const Member &showcase, Shooter &shoot)
{
    w.openMember(showcase.id); // opened from a list, not by the full phone number: as by card
    settle();
    w.openRedeem();
    QDialog *redeem = openDialog(&w, "redeemDialog");
    auto *catalogue = child<QTableView>(redeem, "catalogueView");
    catalogue->setFocus();
    catalogue->selectRow(1); // the tote bag, 800 points: above what a card spends alone
    settle(300);
    shoot.dialog(&w, redeem, QStringLiteral("redeem-by-card-asks-phone-digits"));
    closeDialog(redeem);
}

// The slip a receipt printer prints for the member (print/SlipPainter: the same layout as the PDF).
void shootSlip(Till &till, const Member &showcase, Shooter &shoot)
{
    QString receipt;
    if (auto bought = till.purchases(showcase.id, 1); bought && !bought->isEmpty())
        receipt = bought->first().receipt;
    if (auto slip = ReceiptSlip::make(till, showcase.code.digits(), receipt))
        shoot.image(print::slipImage(slip.value()), QStringLiteral("receipt-slip"));
}

// The earn dialog for the open member, filled in with a new receipt of `amount`.
QDialog *openEarnFor(MainWindow &w, const QString &amount)
{
    w.openEarn();
    QDialog *earn = openDialog(&w, "earnDialog");
    child<QLineEdit>(earn, "receiptEdit")
        ->setText(QStringLiteral("R-%1").arg(QRandomGenerator::global()->bounded(100000, 999999)));
    child<QLineEdit>(earn, "amountEdit")->setText(amount);
    settle();
    return earn;
}

// The customer display (ui/CustomerDisplay.h) as a 1024×600 second screen: the welcome with the join
// code, then the showcase member after an earn at the counter.
void shootCustomerDisplay(MainWindow &w, Till &till, const Member &showcase, Shooter &shoot)
{
    const ManagerApproval manager{ManagerId, ManagerPin};
    if (Status s =
            till.setCustomerDisplay({true, QStringLiteral("https://members.example.com/join")}, manager);
        !s)
        return;
    w.startCustomerDisplay(true);
    CustomerDisplay *display = w.customerDisplay();
    display->resize(1024, 600);
    w.closeMember();
    settle(300);
    shoot.window(display, QStringLiteral("customer-display-welcome"));
    w.openMember(showcase.id);
    settle();
    QDialog *earn = openEarnFor(w, QStringLiteral("306.00"));
    child<QPushButton>(earn, "confirmButton")->click();
    settle(300);
    shoot.window(display, QStringLiteral("customer-display-member"));
    display->hide();
}

void shootLanguage(const TillSession &session, const Member &showcase, const QString &dir,
                   const QString &setupDb)
{
    Till &till = *session.till;
    Shooter shoot(dir);
    MainWindow w(session);
    w.resize(theme::MinimumWidth, theme::MinimumHeight);
    w.show();
    settle(400);

    // Sign-in, its error, and the first-run setup.
    auto *login = child<LoginScreen>(&w, "loginScreen");
    login->showSetup();
    settle();
    shoot.window(&w, QStringLiteral("setup-first-manager"));
    login->showSignIn();
    child<QLineEdit>(&w, "staffIdEdit")->setText(CashierId);
    settle();
    shoot.window(&w, QStringLiteral("sign-in"));
    signIn(&w, QStringLiteral("nobody"), QStringLiteral("0000"));
    shoot.window(&w, QStringLiteral("sign-in-wrong-pin"));
    signIn(&w, CashierId, CashierPin);

    // The counter, candidates, a card, nothing found.
    shoot.window(&w, QStringLiteral("counter-ready"));
    w.lookup(QStringLiteral("王"));
    settle();
    shoot.window(&w, QStringLiteral("candidates"));
    w.openMember(showcase.id);
    settle();
    shoot.window(&w, QStringLiteral("member-card"));
    w.closeMember();
    w.lookup(QStringLiteral("136 0000 0001"));
    settle();
    shoot.window(&w, QStringLiteral("not-found"));

    // Registering: a number that is a member already, then a new member with a birthday today.
    w.openRegister(showcase.phone.formatted(till.config().region));
    QDialog *reg = openDialog(&w, "registerDialog");
    shoot.dialog(&w, reg, QStringLiteral("register-existing-number"));
    closeDialog(reg);
    const QString phone =
        QStringLiteral("139%1").arg(QRandomGenerator::global()->bounded(10000000, 99999999));
    w.openRegister(phone);
    reg = openDialog(&w, "registerDialog");
    const bool chinese = till.config().language.startsWith(QLatin1String("zh"));
    child<QLineEdit>(reg, "nameEdit")->setText(chinese ? QString::fromUtf8("李娜") : QStringLiteral("Li Na"));
    child<QLineEdit>(reg, "birthdayEdit")->setText(till.today().addYears(-34).toString(Qt::ISODate));
    child<QLineEdit>(reg, "idNumberEdit")->setText(QStringLiteral("110101199005201234"));
    settle();
    shoot.dialog(&w, reg, QStringLiteral("register"));
    child<QPushButton>(reg, "confirmButton")->click();
    QDialog *welcome = openDialog(&w, "welcomeDialog");
    shoot.dialog(&w, welcome, QStringLiteral("welcome"));
    closeDialog(welcome);
    shoot.window(&w, QStringLiteral("birthday-greeting"));

    // Earning, with the breakdown, and the tier upgrade it brings.
    QDialog *earn = openEarnFor(w, QStringLiteral("2100.00"));
    shoot.dialog(&w, earn, QStringLiteral("earn"));
    child<QPushButton>(earn, "confirmButton")->click();
    settle();
    shoot.window(&w, QStringLiteral("tier-upgrade"));
    w.openRedeem();
    QDialog *redeem = openDialog(&w, "redeemDialog");
    shoot.dialog(&w, redeem, QStringLiteral("redeem"));
    closeDialog(redeem);

    // The showcase member's refund, history, QR card and note.
    w.openMember(showcase.id);
    settle();
    w.openRefund();
    QDialog *refund = openDialog(&w, "refundDialog");
    shoot.dialog(&w, refund, QStringLiteral("refund"));
    closeDialog(refund);
    w.openHistory();
    QDialog *history = openDialog(&w, "historyDialog");
    shoot.dialog(&w, history, QStringLiteral("history"));
    closeDialog(history);
    w.openQrCard();
    QDialog *qr = openDialog(&w, "qrCardDialog");
    shoot.dialog(&w, qr, QStringLiteral("qr-card"));
    closeDialog(qr);
    w.openDetails();
    QDialog *details = openDialog(&w, "detailsDialog");
    shoot.dialog(&w, details, QStringLiteral("details"));
    closeDialog(details);

    // Manager functions behind a manager's PIN, and a background job's progress.
    w.openManager();
    QDialog *pin = openDialog(&w, "managerPinDialog");
    child<QLineEdit>(pin, "managerIdEdit")->setText(ManagerId);
    settle();
    shoot.dialog(&w, pin, QStringLiteral("manager-pin"));
    QDialog *manager = approveAsManager(&w, pin);
    shoot.dialog(&w, manager, QStringLiteral("manager-functions"));
    child<QPushButton>(manager, "importFunction")->click();
    settle();
    QSemaphore gate;
    BackgroundTask::Options options;
    options.actingAs = till.currentOperator();
    BackgroundTask::runWithProgress(
        manager, session, options,
        [&gate](Till &, ManualClock *, const BackgroundTask::Progress &progress) -> Result<QString> {
            progress(1240, 3000);
            gate.acquire();
            return QString();
        },
        ManagerDialog::tr("Importing members…"), true, {});
    settle(400);
    auto *progress = manager->findChild<QProgressDialog *>(QStringLiteral("progressDialog"));
    if (progress)
        shoot.dialogs(&w, {manager, progress}, QStringLiteral("background-progress"));
    gate.release();
    settle(400);
    closeDialog(manager);

    w.openSettings();
    QDialog *settings = openDialog(&w, "settingsDialog");
    shoot.dialog(&w, settings, QStringLiteral("settings"));
    closeDialog(settings);

    w.lock();
    settle();
    shoot.window(&w, QStringLiteral("screen-locked"));

    // The store manager's figures (ui/ManagerDashboard.h), after everything above so the numbering of the
    // other screens stays as it is.
    signIn(&w, CashierId, CashierPin);
    shootManagerStatistics(session, w, shoot);
    // The sync engine's states in the status bar, and the manager's sync list (after the others too).
    shootSyncStates(session, w, showcase, shoot);
    // A new till's setup and Settings' connection test (after the others too).
    if (!setupDb.isEmpty())
        shootSetup(setupDb, session, till.config().language, shoot);
    // The audit trail (after the others too).
    shootAuditTrail(w, shoot);
    // Closing a membership, asked for and not confirmed (after the others too).
    shootCloseMembership(w, showcase, shoot);
    // Spending by card above the day's allowance (after the others too).
    shootCardSpending(w, showcase, shoot);
    shootSlip(till, showcase, shoot);
    shootCustomerDisplay(w, till, showcase, shoot);

    for (const QString &file : shoot.saved())
        out() << file << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("counterpart-screenshots"));
    QApplication::setOrganizationName(QStringLiteral("Counterpart"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("A demo database (seeded, with staff)."),
                                QStringLiteral("FILE"));
    const QCommandLineOption keyFile(QStringLiteral("key-file"), QStringLiteral("Its key file."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption outDir(QStringLiteral("out"),
                                    QStringLiteral("Where the PNG files go (one folder per language)."),
                                    QStringLiteral("DIR"), QStringLiteral("docs/screenshots"));
    const QCommandLineOption languages(QStringLiteral("lang"), QStringLiteral("Languages, comma separated."),
                                       QStringLiteral("LIST"),
                                       i18n::shippedLanguages().join(QLatin1Char(',')));
    const QCommandLineOption setupDb(
        QStringLiteral("setup-db"),
        QStringLiteral("A till with members but no staff and no server: the setup "
                       "screens run on a copy of it."),
        QStringLiteral("FILE"));
    parser.addOptions({db, keyFile, outDir, languages, setupDb});
    parser.process(app);
    if (!parser.isSet(db)) {
        std::fputs("counterpart-screenshots: --db is needed\n", stderr);
        return 2;
    }
    theme::apply(app);

    SystemClock clock;
    TillOptions options;
    options.keyFile = parser.value(keyFile);
    auto till = Till::open(parser.value(db), clock, options);
    if (!till) {
        std::fprintf(stderr, "counterpart-screenshots: %s\n", qPrintable(till.error().message));
        return 1;
    }
    // The staff the screens sign in as (the till acts as the system until someone signs in).
    for (const auto &[id, name, role, pin] :
         {std::tuple{ManagerId, QStringLiteral("Mei Wang"), Role::Manager, ManagerPin},
          std::tuple{CashierId, QStringLiteral("Chen Jie"), Role::Cashier, CashierPin}}) {
        if (!till.value()->login(id, pin))
            (void)till.value()->createOperator(id, name, role, pin);
    }
    const std::optional<Member> showcase = showcaseMember(*till.value());
    if (!showcase) {
        std::fputs("counterpart-screenshots: the database has no members; seed it first\n", stderr);
        return 1;
    }
    prepareSyncShowcase(*till.value(), *showcase);
    const TillSession session{till.value().get(), parser.value(db), options, &clock};
    for (const QString &language : parser.value(languages).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        till.value()->setOperator(Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System});
        if (!till.value()->setLanguage(language) || !i18n::install(language)) {
            std::fprintf(stderr, "counterpart-screenshots: %s is not a shipped language\n",
                         qPrintable(language));
            return 2;
        }
        shootLanguage(session, *showcase, QDir(parser.value(outDir)).filePath(language),
                      parser.value(setupDb));
    }
    till.value()->setOperator(Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System});
    (void)till.value()->setLanguage(QStringLiteral("en"));
    return 0;
}
