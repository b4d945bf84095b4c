#include "ui/TillInfoPanel.h"

#include "storage/Database.h"
#include "sync/client/SyncService.h"
#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace counterpart {

namespace {

QLabel *value(const QString &text, const char *name, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// The database file with its write-ahead log: what the till takes on the disk.
qint64 databaseBytes(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

} // namespace

TillInfoPanel::TillInfoPanel(Till &till, sync::SyncService *sync, QWidget *parent)
    : QWidget(parent)
    , m_sync(sync)
{
    setObjectName(QStringLiteral("tillInfo"));
    const TillConfig &c = till.config();
    const QString path = till.database().path();
    auto overview = till.syncOverview(0);
    const bool enrolled = overview.ok() && overview->enrolled;

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    form->addRow(tr("Version"), value(QStringLiteral(COUNTERPART_VERSION), "infoVersion", this));
    form->addRow(tr("Database"), value(tr("%1 (%2)").arg(QDir::toNativeSeparators(path),
                                                         QLocale().formattedDataSize(databaseBytes(path))),
                                       "infoDatabase", this));
    form->addRow(
        tr("Store"),
        value(c.storeName.isEmpty() ? c.storeId : QStringLiteral("%1 (%2)").arg(c.storeName, c.storeId),
              "infoStore", this));
    form->addRow(tr("Terminal"), value(QString::number(c.terminalNumber), "infoTerminal", this));
    form->addRow(tr("Server"), value(enrolled ? overview->serverUrl : tr("none: this till works on its own"),
                                     "infoServer", this));
    if (enrolled)
        form->addRow(
            tr("Last sync"),
            value(overview->lastSuccessMs > 0 ? UiText::dateTime(till, overview->lastSuccessMs) : tr("never"),
                  "infoLastSync", this));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    if (!enrolled)
        return;
    m_test = new QPushButton(tr("Test the connection"), this);
    m_test->setObjectName(QStringLiteral("testConnectionButton"));
    m_test->setMinimumHeight(theme::TouchTarget);
    m_test->setAutoDefault(false);
    m_test->setEnabled(m_sync != nullptr);
    if (!m_sync)
        m_test->setToolTip(tr("The sync engine is not running in this program."));
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("connectionResult"));
    m_result->setWordWrap(true);
    m_result->hide();
    layout->addWidget(m_test, 0, Qt::AlignLeft);
    layout->addWidget(m_result);
    connect(m_test, &QPushButton::clicked, this, &TillInfoPanel::testConnection);
    if (m_sync)
        connect(m_sync, &sync::SyncService::connectionTested, this, &TillInfoPanel::showTest);
}

void TillInfoPanel::testConnection()
{
    m_test->setEnabled(false);
    m_result->setStyleSheet(theme::bannerStyle(theme::Tone::Info));
    m_result->setText(tr("Asking the server…"));
    m_result->show();
    fitWindow();
    m_sync->testConnection(); // the engine's thread: the screen does not wait
}

void TillInfoPanel::showTest(const sync::ConnectionTest &result)
{
    m_test->setEnabled(true);
    m_result->setStyleSheet(theme::bannerStyle(result.ok ? theme::Tone::Success : theme::Tone::Error));
    m_result->setText(result.ok
                          ? tr("Connected: the server (version %1) answered in %2 ms and accepts this till.")
                                .arg(result.serverVersion)
                                .arg(result.roundTripMs)
                          : tr("Not connected. %1").arg(result.message));
    m_result->show();
    fitWindow();
}

// The dialog grows to the outcome's lines: a layout alone keeps its old height for wrapped words (Qt
// counts height-for-width only when the window is sized), and the rows above are squeezed instead.
void TillInfoPanel::fitWindow()
{
    if (QWidget *top = window(); top != this)
        top->adjustSize();
}

} // namespace counterpart
