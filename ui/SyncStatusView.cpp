#include "ui/SyncStatusView.h"

#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimeZone>
#include <QTimer>

namespace counterpart {

namespace {

QLabel *statusLabel(QWidget *parent, const char *objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(objectName));
    label->hide();
    return label;
}

const QString OnlineStyle = theme::textStyle(theme::Colour::Success, true);
const QString OfflineStyle = theme::textStyle(theme::Colour::Secondary);
const QString QuietStyle = theme::textStyle(theme::Colour::Quiet);
const QString ProblemStyle = theme::textStyle(theme::Colour::Problem, true);

} // namespace

SyncStatusView::SyncStatusView(const Till &till, QWidget *parent)
    : QWidget(parent)
    , m_till(till)
{
    setObjectName(QStringLiteral("syncStatus"));
    m_state = statusLabel(this, "syncStateLabel");
    m_syncing = statusLabel(this, "syncingIndicator");
    m_synced = statusLabel(this, "syncedLabel");
    m_waiting = statusLabel(this, "syncWaitingLabel");
    m_waiting->setStyleSheet(OfflineStyle);
    m_refused = statusLabel(this, "syncRefusedLabel");
    m_refused->setStyleSheet(ProblemStyle);
    m_refused->setToolTip(tr("The server refused these changes. A manager sees them, with the reason, in "
                             "Manager functions (F9) under Sync with the server."));
    m_syncNow =
        new QPushButton(tr("Sync now (%1)").arg(syncNowKey().toString(QKeySequence::NativeText)), this);
    m_syncNow->setObjectName(QStringLiteral("syncNowButton"));
    m_syncNow->setFocusPolicy(Qt::NoFocus); // the lookup field keeps the focus
    m_syncNow->setToolTip(tr("Send the waiting changes and fetch the other tills' now."));
    m_syncNow->hide();
    connect(m_syncNow, &QPushButton::clicked, this, &SyncStatusView::syncNowRequested);
    m_spinner = new QTimer(this);
    m_spinner->setInterval(150);
    connect(m_spinner, &QTimer::timeout, this, &SyncStatusView::spin);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (QWidget *w : {static_cast<QWidget *>(m_state), static_cast<QWidget *>(m_syncing),
                       static_cast<QWidget *>(m_synced), static_cast<QWidget *>(m_waiting),
                       static_cast<QWidget *>(m_refused), static_cast<QWidget *>(m_syncNow)})
        layout->addWidget(w);
    showNotConnected();
}

QKeySequence SyncStatusView::syncNowKey()
{
    return QKeySequence(Qt::Key_F11);
}

void SyncStatusView::showNotConnected()
{
    m_state->setText(tr("Not connected to a server"));
    m_state->setStyleSheet(QuietStyle);
    m_state->setToolTip(tr("This till works on its own. A technician connects it to the chain's server "
                           "with an enrolment code."));
    m_state->show();
    for (QWidget *w : {static_cast<QWidget *>(m_syncing), static_cast<QWidget *>(m_synced),
                       static_cast<QWidget *>(m_waiting), static_cast<QWidget *>(m_refused),
                       static_cast<QWidget *>(m_syncNow)})
        w->hide();
    m_spinner->stop();
}

void SyncStatusView::showStatus(const sync::SyncStatus &status)
{
    if (!status.enrolled) {
        showNotConnected();
        return;
    }
    QString tip;
    if (status.needsEnrolment) {
        m_state->setText(tr("This till must be enrolled again — call the technician"));
        m_state->setStyleSheet(ProblemStyle);
    } else if (status.online) {
        m_state->setText(tr("Online"));
        m_state->setStyleSheet(OnlineStyle);
        tip = tr("Connected to the chain's server. Points and members are shared with the other tills.");
    } else {
        m_state->setText(tr("Offline — working locally"));
        m_state->setStyleSheet(OfflineStyle);
        tip = tr("Everything keeps working and is sent when the server can be reached again. Until then a "
                 "member can redeem at most %1.")
                  .arg(UiText::pointsPhrase(m_till.rules().offline.redemptionCapPoints));
    }
    if (!status.lastError.isEmpty())
        tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + status.lastError;
    m_state->setToolTip(tip);
    m_state->show();

    showActivity(status);
    m_syncing->setVisible(status.syncing);
    if (status.syncing && !m_spinner->isActive()) {
        m_frame = 0;
        showFrame();
        m_spinner->start();
    } else if (!status.syncing) {
        m_spinner->stop();
    }

    if (status.lastSuccessMs > 0) {
        const QTimeZone zone(m_till.config().timeZone);
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(status.lastSuccessMs, zone);
        const QDate today = QDateTime::fromMSecsSinceEpoch(m_till.clock().nowMs(), zone).date();
        const QString time = QLocale().toString(at.time(), QStringLiteral("HH:mm"));
        m_synced->setText(at.date() == today ? tr("Synced %1").arg(time)
                                             : tr("Synced %1 %2").arg(UiText::day(m_till, at.date()), time));
        m_synced->setToolTip(
            tr("Last synced with the server: %1").arg(QLocale().toString(at, QLocale::LongFormat)));
    } else {
        m_synced->setText(tr("Never synced"));
        m_synced->setToolTip({});
    }
    m_synced->setStyleSheet(OfflineStyle);
    // A new till fetching the store says so instead (the bar is narrow).
    m_synced->setVisible(status.loading == sync::SyncStatus::Loading::None);

    m_waiting->setText(tr("%n waiting", nullptr, int(qMin<qint64>(status.pendingOps, INT_MAX))));
    m_waiting->setToolTip(tr("Changes made at this till that the server has not received yet."));
    m_waiting->setVisible(status.pendingOps > 0);
    m_refused->setText(
        tr("%n refused — see manager", nullptr, int(qMin<qint64>(status.rejectedOps, INT_MAX))));
    m_refused->setVisible(status.rejectedOps > 0);
    m_syncNow->show();
    m_syncNow->setEnabled(!status.syncing);
}

void SyncStatusView::showActivity(const sync::SyncStatus &status)
{
    using Loading = sync::SyncStatus::Loading;
    const QLocale locale;
    const QString fetching = tr("This new till is fetching every member of the store, once. Until it is "
                                "done, a member registered at another till may not be found here yet.");
    switch (status.loading) {
    case Loading::None:
        m_activity = tr("Syncing…");
        m_syncing->setToolTip({});
        break;
    case Loading::Downloading:
        m_activity =
            status.totalBytes > 0
                ? tr("Getting members… %1%")
                      .arg(qBound(qint64(0), status.loadedBytes * 100 / status.totalBytes, qint64(100)))
                : tr("Getting members… %1 MB").arg(locale.toString(status.loadedBytes / 1'000'000));
        m_syncing->setToolTip(fetching);
        break;
    case Loading::Installing:
        m_activity = tr("Setting up members…");
        m_syncing->setToolTip(tr("This new till is taking in every member of the store, once. Until it is "
                                 "done, registering and points may have to wait a moment."));
        break;
    case Loading::Writing:
        m_activity = tr("Getting members… %1").arg(locale.toString(status.loadedMembers));
        m_syncing->setToolTip(fetching);
        break;
    }
    showFrame();
}

void SyncStatusView::showFrame()
{
    static const QString frames[] = {QStringLiteral("◐"), QStringLiteral("◓"), QStringLiteral("◑"),
                                     QStringLiteral("◒")};
    m_syncing->setText(QStringLiteral("%1 %2").arg(frames[m_frame % 4], m_activity));
}

void SyncStatusView::spin()
{
    ++m_frame;
    showFrame();
}

} // namespace counterpart
