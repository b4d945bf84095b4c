#pragma once

#include "ui/Dialogs.h"
#include "ui/TillSession.h"

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace counterpart {

class ManagerAuditPage;
class ManagerDashboard;
class ManagerSyncPage;

// Manager functions, opened behind a manager's PIN: the store's figures, sync with the server (refused
// changes and flags), adjust points, void the last transaction, see an ID number, add staff, the audit
// trail, and the slow jobs (CSV import, demo members, expiry sweep, tier evaluation, the points check), which
// run in the background with progress and cancel.
class ManagerDialog : public TillDialog
{
    Q_OBJECT

public:
    ManagerDialog(const TillSession &session, const Operator &manager, const std::optional<Member> &member,
                  QWidget *parent);

    // Starts a CSV import of `path` in the background (what "Import members" does after the file
    // dialog); for tests and scripts too.
    void importFile(const QString &path);
    void addDemoMembers(int count);
    // Opens the store's figures (what "Open store figures" does).
    ManagerDashboard *openStatistics();
    // Shows the sync page (what "Sync with the server" does).
    ManagerSyncPage *showSync();
    // Shows the audit trail (what "Audit trail" does).
    ManagerAuditPage *showAudit();

signals:
    void memberChanged(); // the open member's points or details changed
    void dataChanged();   // many members may have changed (import, seeding, sweeps)

private:
    // One page per function, with its button in the menu on the left.
    void addStatsPage();
    void addSyncPage();
    void addAdjustPage();
    void addVoidPage();
    void addPrivatePage();
    void addStaffPage();
    void addImportPage();
    void addDemoPage();
    void addJobsPage();
    void addAuditPage();
    QWidget *page(const QString &title, const QString &explanation);
    void addFunction(const QString &label, const char *objectName, QWidget *page, bool needsMember,
                     bool stretch = true);
    void showResult(const QString &text, bool ok);
    void runTask(
        const QString &label, bool cancellable,
        std::function<Result<QString>(Till &, ManualClock *, const std::function<bool(int, int)> &)> work);

    void adjust();
    void voidLast();
    void showPrivate();
    void addStaff();
    void chooseImportFile();
    void expireNow();
    void evaluateTiersNow();
    void checkNow();

    TillSession m_session;
    Operator m_manager;
    std::optional<Member> m_member;
    QStackedWidget *m_pages = nullptr;
    class QVBoxLayout *m_menu = nullptr;
    QLabel *m_result = nullptr;
    QLabel *m_jobs = nullptr; // when each job last ran and runs next
    void showJobs();
    QList<QPushButton *> m_functions;

    QSpinBox *m_adjustPoints = nullptr;
    QLineEdit *m_adjustReason = nullptr;
    QLineEdit *m_voidReason = nullptr;
    QLabel *m_private = nullptr;
    QLineEdit *m_staffId = nullptr;
    QLineEdit *m_staffName = nullptr;
    QComboBox *m_staffRole = nullptr;
    QLineEdit *m_staffPin = nullptr;
    QLineEdit *m_staffPinAgain = nullptr;
    QCheckBox *m_allOrNothing = nullptr;
    QSpinBox *m_demoCount = nullptr;
    ManagerSyncPage *m_syncPage = nullptr;
    ManagerAuditPage *m_auditPage = nullptr;
};

} // namespace counterpart
