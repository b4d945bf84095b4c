#include "ui/BackgroundTask.h"

#include "ui/UiText.h"

#include <QProgressDialog>
#include <QThread>

namespace counterpart {

BackgroundTask::BackgroundTask(const TillSession &session, const Options &options, Work work, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_options(options)
    , m_work(std::move(work))
{}

BackgroundTask::~BackgroundTask()
{
    m_cancel.store(true);
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

void BackgroundTask::start()
{
    if (m_thread)
        return;
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("counterpart-background"));
    m_thread->start();
}

void BackgroundTask::cancel()
{
    m_cancel.store(true);
}

bool BackgroundTask::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void BackgroundTask::run()
{
    // Everything here runs on the worker thread; the outcome goes back to the UI thread as a queued
    // call, after the worker's Till is closed.
    bool ok = false;
    QString message;
    {
        std::optional<ManualClock> manual;
        if (m_options.manualClock)
            manual.emplace(m_session.clock->nowMs());
        const Clock &clock = manual ? static_cast<const Clock &>(*manual) : *m_session.clock;
        auto till = Till::open(m_session.databasePath, clock, m_session.options);
        if (!till) {
            message = UiText::error(till.error());
        } else {
            till.value()->setOperator(m_options.actingAs);
            const Progress progress = [this](int done, int total) {
                QMetaObject::invokeMethod(
                    this, [this, done, total] { emit progressed(done, total); }, Qt::QueuedConnection);
                return !m_cancel.load();
            };
            auto outcome = m_work(*till.value(), manual ? &*manual : nullptr, progress);
            ok = outcome.ok();
            message = ok ? outcome.value() : UiText::error(outcome.error());
        }
    }
    QMetaObject::invokeMethod(
        this, [this, ok, message] { emit finished(ok, message); }, Qt::QueuedConnection);
}

BackgroundTask *BackgroundTask::runWithProgress(QWidget *parent, const TillSession &session,
                                                const Options &options, Work work, const QString &label,
                                                bool cancellable,
                                                std::function<void(bool ok, const QString &message)> done)
{
    auto *task = new BackgroundTask(session, options, std::move(work), parent);
    auto *dialog = new QProgressDialog(parent);
    dialog->setObjectName(QStringLiteral("progressDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(label);
    dialog->setLabelText(label);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumWidth(460);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setRange(0, 0); // busy until the first progress report
    dialog->setMinimumDuration(0);
    if (cancellable)
        dialog->setCancelButtonText(UiText::tr("Cancel"));
    else
        dialog->setCancelButton(nullptr);

    QPointer<QProgressDialog> guard(dialog);
    QObject::connect(task, &BackgroundTask::progressed, dialog, [dialog](int value, int total) {
        if (total > 0) {
            dialog->setMaximum(total);
            dialog->setValue(qMin(value, total));
        }
    });
    QObject::connect(dialog, &QProgressDialog::canceled, task, [task, dialog] {
        task->cancel();
        dialog->setLabelText(UiText::tr("Stopping after the current step. What is done stays done."));
    });
    QObject::connect(task, &BackgroundTask::finished, task,
                     [task, guard, done = std::move(done)](bool ok, const QString &message) {
                         if (guard) {
                             // Closing must not count as a cancel.
                             QObject::disconnect(guard, &QProgressDialog::canceled, task, nullptr);
                             guard->close();
                         }
                         if (done)
                             done(ok, message);
                         task->deleteLater();
                     });
    dialog->show();
    task->start();
    return task;
}

void hashPinInBackground(Till &till, QObject *context, const ManagerApproval &approval,
                         std::function<void(const Result<ManagerApproval> &)> done)
{
    auto check = till.startLogin(approval.managerId);
    if (!check) {
        // Still queued, so the caller sees one way of finishing.
        QMetaObject::invokeMethod(
            context, [done, error = check.error()] { done(error); }, Qt::QueuedConnection);
        return;
    }
    const PinCheck pinCheck = check.value();
    runOffUiThread<QByteArray>(
        context, [pinCheck, pin = approval.pin] { return Till::hashPin(pin, pinCheck); },
        [approval, pinCheck, done = std::move(done)](const QByteArray &hash) {
            ManagerApproval hashed = approval;
            hashed.hashed = std::pair{pinCheck, hash};
            done(hashed);
        });
}

void hashNewPinInBackground(QObject *context, const QString &pin,
                            std::function<void(const Result<PinHash> &)> done)
{
    runOffUiThread<Result<PinHash>>(
        context, [pin] { return Till::hashNewPin(pin); }, std::move(done));
}

} // namespace counterpart
