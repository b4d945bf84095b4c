#include "app/JobRunner.h"

#include <QTimer>

namespace counterpart {

class JobRunner::Worker : public QObject
{
public:
    Worker(JobRunner *owner, QString path, const Clock &clock, TillOptions options)
        : m_owner(owner)
        , m_path(std::move(path))
        , m_clock(clock)
        , m_options(std::move(options))
    {}

    void begin(int intervalMs)
    {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
        m_timer->start(intervalMs);
        tick();
    }

    void tick()
    {
        if (!m_till) {
            TillOptions options = m_options;
            options.backgroundCheckpoints = false; // the till's window runs the one checkpointer
            auto till = Till::open(m_path, m_clock, options);
            if (!till) {
                emit m_owner->failed(till.error().message);
                return;
            }
            m_till = std::move(till.value());
        }
        // Rules and enrolment may have changed since the last minute (the sync engine installs the
        // server's rules; a till can be enrolled while it runs).
        if (Status s = m_till->reloadRules(); !s) {
            emit m_owner->failed(s.error().message);
            return;
        }
        auto done = m_till->runDueJobs();
        if (!done) {
            emit m_owner->failed(done.error().message);
            return;
        }
        for (const JobRunReport &report : std::as_const(done.value()))
            emit m_owner->ran(report);
    }

    void stop()
    {
        delete m_timer;
        m_timer = nullptr;
        m_till.reset(); // closed on the thread that used it
    }

private:
    JobRunner *m_owner;
    QString m_path;
    const Clock &m_clock;
    TillOptions m_options;
    QTimer *m_timer = nullptr;
    std::unique_ptr<Till> m_till;
};

JobRunner::JobRunner(const QString &databasePath, const Clock &clock, const TillOptions &options,
                     QObject *parent)
    : QObject(parent)
    , m_worker(new Worker(this, databasePath, clock, options))
{
    qRegisterMetaType<counterpart::JobRunReport>();
    m_thread.setObjectName(QStringLiteral("counterpart-jobs"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
}

JobRunner::~JobRunner()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker] { w->stop(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    } else {
        delete m_worker;
    }
}

void JobRunner::start(int intervalMs)
{
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [w = m_worker, intervalMs] { w->begin(intervalMs); });
}

} // namespace counterpart
