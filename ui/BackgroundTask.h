#pragma once

// Slow work (CSV import, demo seeding, the expiry sweep) runs on a thread of its own with its own Till
// opened on the same database file: a Till and its SQLite connection belong to one thread, and the UI
// thread must never wait for this work.

#include "ui/TillSession.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

class QProgressDialog;
class QThread;
class QWidget;

namespace counterpart {

class BackgroundTask : public QObject
{
    Q_OBJECT

public:
    // Reports progress; returns false when the work should stop at the next safe point.
    using Progress = std::function<bool(int done, int total)>;
    // Runs on the worker thread. `clock` is the worker's own ManualClock when Options::manualClock is
    // set (demo seeding moves time), else null. Returns a summary for the screen, or an error.
    using Work = std::function<Result<QString>(Till &till, ManualClock *clock, const Progress &progress)>;

    struct Options {
        Operator actingAs;        // recorded as the operator of everything the work does
        bool manualClock = false; // open the worker's Till on a ManualClock starting at "now"
    };

    BackgroundTask(const TillSession &session, const Options &options, Work work, QObject *parent = nullptr);
    ~BackgroundTask() override; // asks the work to stop and waits for the thread

    void start();
    void cancel();
    bool isCancelled() const { return m_cancel.load(); }
    bool isRunning() const;

    // Starts `work` with a window-modal progress dialog (object name "progressDialog") over `parent`.
    // Cancel asks the work to stop after what it is doing; `done` gets the outcome on the UI thread.
    static BackgroundTask *runWithProgress(QWidget *parent, const TillSession &session,
                                           const Options &options, Work work, const QString &label,
                                           bool cancellable,
                                           std::function<void(bool ok, const QString &message)> done);

signals:
    void progressed(int done, int total);
    void finished(bool ok, const QString &message);

private:
    void run();

    TillSession m_session;
    Options m_options;
    Work m_work;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
};

// Short pure work (hashing a PIN: no Till, no widgets) on a pool thread; `done` gets its result on
// `context`'s thread, and not at all when `context` is gone by then.
template<typename T>
void runOffUiThread(QObject *context, std::function<T()> work, std::function<void(const T &)> done)
{
    auto promise = std::make_shared<QPromise<T>>();
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, work = std::move(work)] {
        promise->start();
        promise->addResult(work());
        promise->finish();
    });
}

// A staff id and PIN made ready for Till::login(approval) without blocking the UI thread: the staff row
// is read here (a locked id is refused at once), the PIN hashed on a pool thread, and `done` gets the
// approval carrying its hash (or why not) on `context`'s thread.
void hashPinInBackground(Till &till, QObject *context, const ManagerApproval &approval,
                         std::function<void(const Result<ManagerApproval> &)> done);
// A new PIN hashed on a pool thread for Till::createOperator; `done` gets it on `context`'s thread.
void hashNewPinInBackground(QObject *context, const QString &pin,
                            std::function<void(const Result<PinHash> &)> done);

} // namespace counterpart
