#pragma once

// Runs the till's jobs by themselves (Till::runDueJobs) on a thread of its own, with a Till of its own on
// the same database file (a Till belongs to one thread): at start, catching up with whatever fell due
// while the till was off, then once a minute. The cashier's thread never waits for a sweep.

#include "app/Till.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace counterpart {

class JobRunner : public QObject
{
    Q_OBJECT

public:
    JobRunner(const QString &databasePath, const Clock &clock, const TillOptions &options,
              QObject *parent = nullptr);
    ~JobRunner() override; // stops the thread after the job at hand
    void start(int intervalMs = 60'000);

signals:
    // A job ran (on the worker thread; connect queued).
    void ran(const counterpart::JobRunReport &report);
    // The worker's Till could not be opened or a run could not be recorded.
    void failed(const QString &message);

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
};

} // namespace counterpart
