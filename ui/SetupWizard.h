#pragma once

#include "app/Till.h"
#include "sync/client/EnrolClient.h"
#include "sync/client/SyncTypes.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace counterpart {

class LoginScreen;
namespace sync {
class SyncService;
}

// A new till's first start, at the screen (docs/user-guide.md, "Setting up a new till"): language →
// join the chain's server (address, enrolment code, optional CA file) or work on its own (the store)
// → the first manager (the sign-in screen's own setup form) → the first sync with its progress.
// Keyboard (Enter goes on, Esc goes back, F1/F2 choose) and touch (44 px or more) alike.
class SetupWizard : public QWidget
{
    Q_OBJECT

public:
    enum class Step { Language, Choice, Join, Alone, Joined, Manager, FirstSync };

    explicit SetupWizard(Till &till, QWidget *parent = nullptr);
    Step step() const { return m_step; }
    // The engine main window started after the enrolment: the first sync page follows it.
    void watchSync(sync::SyncService *service);
    // Free bytes on the database's disk (tests replace it: a full disk cannot be made on demand).
    void setFreeSpaceProbe(std::function<qint64()> probe) { m_freeSpace = std::move(probe); }
    static constexpr qint64 MinFreeBytes = 300LL * 1024 * 1024;
    // The words for an enrolment's problem on this screen, with the way forward.
    QString problemText(sync::EnrolProblem problem, const QString &detail) const;

signals:
    void enrolled();                                     // start the sync engine now
    void finished(const counterpart::Operator &manager); // the till is ready: the counter opens

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QWidget *buildLanguagePage();
    QWidget *buildChoicePage();
    QWidget *buildJoinPage();
    QWidget *buildAlonePage();
    QWidget *buildJoinedPage();
    QWidget *buildSyncPage();
    void retranslate();
    void go(Step step);
    void back();
    void chooseLanguage(const QString &language);
    void join();
    void cancelJoin();
    void joinFailed(const QString &text);
    void joinSucceeded(const EnrolmentOutcome &outcome);
    void saveAlone();
    void managerCreated(const Operator &op);
    void showSyncStatus(const sync::SyncStatus &status);
    void showSyncReport(const sync::CycleReport &report);
    void setBusy(bool busy);

    Till &m_till;
    Step m_step = Step::Language;
    bool m_joined = false;
    std::optional<Operator> m_manager;
    std::optional<sync::CycleReport> m_report;
    sync::SyncService *m_sync = nullptr;
    sync::EnrolClient *m_client = nullptr;
    std::function<qint64()> m_freeSpace;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QStackedWidget *m_pages = nullptr;
    QPushButton *m_english = nullptr;
    QPushButton *m_chinese = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_join = nullptr;
    QPushButton *m_alone = nullptr;
    QLabel *m_joinHint = nullptr;
    QLabel *m_aloneHint = nullptr;
    QLineEdit *m_server = nullptr;
    QLineEdit *m_code = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_chooseCa = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_codeLabel = nullptr;
    QLabel *m_caLabel = nullptr;
    QLabel *m_joinMessage = nullptr;
    QPushButton *m_enrol = nullptr;
    QPushButton *m_cancel = nullptr;
    QLineEdit *m_storeId = nullptr;
    QLineEdit *m_storeName = nullptr;
    QLineEdit *m_region = nullptr;
    QLineEdit *m_timeZone = nullptr;
    QLineEdit *m_currency = nullptr;
    QList<QLabel *> m_aloneLabels;
    QLabel *m_aloneMessage = nullptr;
    QPushButton *m_aloneSave = nullptr;
    QLabel *m_joinedText = nullptr;
    QLabel *m_clockWarning = nullptr;
    QPushButton *m_joinedNext = nullptr;
    LoginScreen *m_managerForm = nullptr;
    QLabel *m_syncText = nullptr;
    QProgressBar *m_syncProgress = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_back = nullptr;
    EnrolmentOutcome m_outcome;
};

} // namespace counterpart
