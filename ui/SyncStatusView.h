#pragma once

// The sync engine's status in the main window's status bar (docs/sync-client.md, What the status bar
// shows): online or offline, a spinner while a cycle runs, the last success, operations waiting and
// refused, and "Sync now". A till that is not enrolled only says so, quietly.

#include "app/Till.h"
#include "sync/client/SyncTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;

namespace counterpart {

class SyncStatusView : public QWidget
{
    Q_OBJECT

public:
    SyncStatusView(const Till &till, QWidget *parent);

    // Not enrolled: "Not connected to a server", nothing else.
    void showNotConnected();
    void showStatus(const sync::SyncStatus &status);
    // The till's "Sync now" key (F11): shown on the button.
    static QKeySequence syncNowKey();

signals:
    void syncNowRequested();

private:
    // The words beside the spinner (and their tooltip) for what the cycle is doing.
    void showActivity(const sync::SyncStatus &status);
    void showFrame(); // the spinner's current frame and m_activity
    void spin();

    const Till &m_till;
    QLabel *m_state = nullptr;
    QLabel *m_syncing = nullptr;
    QLabel *m_synced = nullptr;
    QLabel *m_waiting = nullptr;
    QLabel *m_refused = nullptr;
    QPushButton *m_syncNow = nullptr;
    QTimer *m_spinner = nullptr;
    int m_frame = 0;
    QString m_activity; // beside the spinner: "Syncing…", or how far a new till's bootstrap is
};

} // namespace counterpart
