#pragma once

#include "sync/client/SyncTypes.h"
#include "ui/Theme.h"
#include "ui/TillSession.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QHBoxLayout;
class QLabel;
class QVBoxLayout;
class QTableView;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace counterpart {

namespace pos {
class PosServer;
struct PosEvent;
} // namespace pos

class CandidateModel;
class CustomerDisplay;
class LoginScreen;
class LookupField;
class MemberCardView;
class RecentMembersView;
class ResultPanel;
class SetupWizard;
class SyncStatusView;
class TillDialog;

// The till's main window: sign-in and lock screens, and the counter screen - the lookup field (which
// has the focus whenever no dialog is open), the member card, and the actions with their keys.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const TillSession &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // --- what the screen is doing (for tests and the screenshot tool) ------------------------------
    bool isSignedIn() const { return m_signedIn; }
    bool isLocked() const { return m_locked; }
    std::optional<Member> currentMember() const;
    QDialog *currentDialog() const { return m_dialog; }
    int autoLockMinutes() const { return m_autoLockMinutes; }
    // The port the POS link listens on (0 when it is not served: docs/pos-api.md).
    quint16 posLinkPort() const;
    // The customer display (null when it is off): see startCustomerDisplay.
    CustomerDisplay *customerDisplay() const;
    // Shows the customer display on a screen other than this window's, full screen, and follows screens
    // plugged in and unplugged (an unplugged display is hidden, never moved over the cashier's screen).
    // `orInAWindow`: with no second screen, show it as a window of its own (trying it out, demos).
    // The till's window starts it by itself when a manager turned it on (counterpart-admin
    // customer-display --on).
    void startCustomerDisplay(bool orInAWindow);

    // --- what the buttons and keys do ---------------------------------------------------------------
    void lookup(const QString &text);
    void openMember(const Uuid &memberId);
    void closeMember();
    void openRegister(const QString &phone = {});
    void openEarn();
    void openRedeem(const QString &rewardId = {});
    void openRefund();
    void openHistory();
    void openQrCard();
    void openDetails();
    void openCloseMembership();
    void openManager();
    void openSettings();
    void lock();
    void signOut();
    void setAutoLockMinutes(int minutes);
    // Starts a sync cycle now (the "Sync now" button and F11), when the till is enrolled.
    void syncNow();
    // Shows the sync engine's status in the status bar (SyncService::statusChanged lands here).
    void showSyncStatus(const sync::SyncStatus &status);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString birthdayGreeting(const MemberCard &card) const;
    void buildUi();
    QWidget *buildCounterPage();
    // buildCounterPage's parts, in the order the widgets are made (it is the keyboard's Tab order).
    QHBoxLayout *buildCounterTop();
    void buildBanners();
    QWidget *buildIdlePage();
    QWidget *buildCandidatePage();
    QVBoxLayout *buildMemberActions();
    QPushButton *actionButton(const QString &label, const QKeySequence &key, const char *objectName,
                              std::function<void()> action);
    void signedIn(const Operator &op);
    void showCounter();
    void showLogin();
    void updateStatus();
    void updateActions();
    void refreshCard();
    void showCard(const MemberCard &card, bool greet);
    void showBanner(const QString &text, theme::Tone tone);
    void clearBanner();
    void showMoment(const QString &text);
    void focusLookup();
    void keepLookupFocus();
    void lookupEntered();
    void escape();
    void moveCandidate(int delta);
    void openDialog(TillDialog *dialog);
    void openManagerAs(const Operator &manager);
    void closeDialogs();
    void restartIdleTimer();
    void connectSync();
    void startSetup();
    void startSync();
    void finishSetup(const Operator &manager);
    void updateManagerBadge();
    // The POS link (docs/pos-api.md), when a manager set an address for it.
    void startPosLink();
    void showPosEvent(const pos::PosEvent &event);
    void placeCustomerDisplay();
    // What the customer should see now: the open member after what was just done, else the welcome.
    void updateCustomerDisplay();

    TillSession m_session;
    Till &m_till;
    bool m_signedIn = false;
    bool m_locked = false;
    bool m_rebuildPending = false;
    int m_autoLockMinutes = 5;
    std::optional<MemberCard> m_card;
    // What the lookup found the open member with (RedeemRequest::foundWith): their full phone number
    // lets them spend without the phone digits. Empty when they were opened from a list or the recent
    // members; kept in memory only, while their card is open.
    QString m_foundWith;
    QString m_candidateQuery; // the text whose candidates are listed
    QString m_unknownPhone;   // a phone the lookup did not find: F2 registers it
    QPointer<QDialog> m_dialog;

    QStackedWidget *m_stack = nullptr;
    LoginScreen *m_login = nullptr;
    QWidget *m_counter = nullptr;
    LookupField *m_lookup = nullptr;
    QLabel *m_banner = nullptr;
    QPushButton *m_registerUnknown = nullptr; // after "not found" for a phone: register it
    QLabel *m_moment = nullptr;
    ResultPanel *m_result = nullptr; // what the last earn, redemption or refund did
    QStackedWidget *m_memberArea = nullptr;
    QWidget *m_idlePage = nullptr;
    QLabel *m_idleToday = nullptr;
    RecentMembersView *m_recent = nullptr; // members served since sign-in, on the idle page
    QWidget *m_candidatePage = nullptr;
    QLabel *m_candidateHint = nullptr;
    QTableView *m_candidates = nullptr;
    CandidateModel *m_candidateModel = nullptr;
    MemberCardView *m_cardView = nullptr;
    QList<QPushButton *> m_memberActions;
    QPushButton *m_managerButton = nullptr;
    QLabel *m_shiftLabel = nullptr;
    QLabel *m_storeLabel = nullptr;
    SyncStatusView *m_syncView = nullptr;
    sync::SyncStatus m_syncStatus; // the last status the engine reported
    QPushButton *m_signOutButton = nullptr;
    QTimer *m_idleTimer = nullptr;
    // A new till's first start (no staff, not enrolled): kept across a rebuild, deleted when done.
    SetupWizard *m_setup = nullptr;
    // The engine started by the setup's enrolment (main.cpp starts it for a till already enrolled).
    std::unique_ptr<sync::SyncService> m_ownSync;
    std::unique_ptr<pos::PosServer> m_pos;
    QString m_posProblem; // why the POS link did not start (told to whoever signs in)
    QPointer<CustomerDisplay> m_customer;
    bool m_customerInAWindow = false;
    qint64 m_moved = 0; // the points the last earn, redemption or refund moved, for the customer display
};

} // namespace counterpart
