#pragma once

// The sync engine in its own thread, for the till application: create it with the till's database path
// and clock, connect to its signals (delivered in the owner's thread), start() it, and call syncNow()
// from the "Sync now" button. The status bar shows status(): online or offline, last success, pending
// and rejected operations, the last error in plain words.
//
//   auto *sync = new SyncService(dbPath, clock, options, this);
//   connect(sync, &SyncService::onlineChanged, this, [till](bool online) { till->setOffline(!online); });
//   connect(sync, &SyncService::rulesChanged, this, [till] { till->reloadRules(); });
//   sync->start();

#include "core/Clock.h"
#include "sync/client/SyncEngine.h"
#include "sync/client/SyncTypes.h"

#include <QObject>
#include <QThread>

namespace counterpart::sync {

class SyncService : public QObject
{
    Q_OBJECT

public:
    SyncService(const QString &databasePath, const Clock &clock, SyncEngineOptions options = {},
                QObject *parent = nullptr);
    ~SyncService() override; // stops the engine and joins its thread

    const SyncStatus &status() const { return m_status; }

public Q_SLOTS:
    void start();
    void syncNow();
    void refreshStatus();
    void testConnection(); // connectionTested reports the outcome
    void stop();

Q_SIGNALS:
    void statusChanged(const counterpart::sync::SyncStatus &status);
    void onlineChanged(bool online);
    void cycleFinished(const counterpart::sync::CycleReport &report);
    void dataChanged();
    void rulesChanged(const QString &version);
    void connectionTested(const counterpart::sync::ConnectionTest &result);

private:
    QThread m_thread;
    SyncEngine *m_engine = nullptr; // lives in m_thread, deleted there
    SyncStatus m_status;
};

} // namespace counterpart::sync
