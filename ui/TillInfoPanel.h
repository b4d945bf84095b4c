#pragma once

#include "app/Till.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace counterpart {

namespace sync {
class SyncService;
struct ConnectionTest;
} // namespace sync

// What a technician asks about a till (Settings, F10): version, database file and size, store,
// terminal, server, last sync, and "Test the connection" - a signed request made by the sync engine on
// its own thread, with the outcome in plain words.
class TillInfoPanel : public QWidget
{
    Q_OBJECT

public:
    // `sync` may be null (a till on its own, or no engine running): then there is nothing to test.
    TillInfoPanel(Till &till, sync::SyncService *sync, QWidget *parent = nullptr);

private:
    void testConnection();
    void showTest(const sync::ConnectionTest &result);
    void fitWindow();

    sync::SyncService *m_sync = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace counterpart
