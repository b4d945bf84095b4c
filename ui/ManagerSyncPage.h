#pragma once

// The manager's view of the till's sync (Manager functions → Sync with the server): where the till
// stands with the chain's server, "Sync now", the changes the server refused with its reason, and what
// it flagged (an offline redemption that overdrew a balance). Opening it marks the flags as seen.

#include "ui/TillSession.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace counterpart {

class ManagerSyncPage : public QWidget
{
    Q_OBJECT

public:
    ManagerSyncPage(const TillSession &session, QWidget *parent);

    // Reads the overview again (the page does when it is shown and when the engine reports).
    void reload();
    QTableWidget *rejectedList() const { return m_rejected; }
    QTableWidget *flagList() const { return m_flags; }

    // A refusal's reason and an operation's kind in a cashier's words.
    static QString reasonText(const QString &reason, const QString &message);
    static QString operationText(const QString &kind);
    static QString flagText(const QString &kind);

protected:
    void showEvent(QShowEvent *event) override;

private:
    TillSession m_session;
    QLabel *m_summary = nullptr;
    QPushButton *m_syncNow = nullptr;
    QLabel *m_rejectedTitle = nullptr;
    QTableWidget *m_rejected = nullptr;
    QLabel *m_flagsTitle = nullptr;
    QTableWidget *m_flags = nullptr;
};

} // namespace counterpart
