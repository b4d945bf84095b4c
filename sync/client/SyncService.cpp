#include "sync/client/SyncService.h"

#include <QMetaObject>

namespace counterpart::sync {

SyncService::SyncService(const QString &databasePath, const Clock &clock, SyncEngineOptions options,
                         QObject *parent)
    : QObject(parent)
    , m_engine(new SyncEngine(databasePath, clock, std::move(options)))
{
    m_thread.setObjectName(QStringLiteral("counterpart-sync"));
    m_engine->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &SyncEngine::statusChanged, this, [this](const SyncStatus &status) {
        m_status = status;
        Q_EMIT statusChanged(status);
    });
    connect(m_engine, &SyncEngine::onlineChanged, this, &SyncService::onlineChanged);
    connect(m_engine, &SyncEngine::cycleFinished, this, &SyncService::cycleFinished);
    connect(m_engine, &SyncEngine::dataChanged, this, &SyncService::dataChanged);
    connect(m_engine, &SyncEngine::rulesChanged, this, &SyncService::rulesChanged);
    connect(m_engine, &SyncEngine::connectionTested, this, &SyncService::connectionTested);
    m_thread.start();
}

SyncService::~SyncService()
{
    stop();
    m_thread.quit();
    m_thread.wait();
}

void SyncService::start()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::start, Qt::QueuedConnection);
}

void SyncService::syncNow()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::syncNow, Qt::QueuedConnection);
}

void SyncService::refreshStatus()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::refreshStatus, Qt::QueuedConnection);
}

void SyncService::testConnection()
{
    QMetaObject::invokeMethod(m_engine, &SyncEngine::testConnection, Qt::QueuedConnection);
}

void SyncService::stop()
{
    if (m_thread.isRunning())
        QMetaObject::invokeMethod(m_engine, &SyncEngine::stop, Qt::BlockingQueuedConnection);
}

} // namespace counterpart::sync
