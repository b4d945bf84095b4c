#include "ui/ManagerAuditPage.h"

#include "ui/Theme.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

namespace counterpart {

namespace {

enum Column { Time, Staff, Action, MemberName, Reason, ApprovedBy, ColumnCount };

} // namespace

ManagerAuditPage::ManagerAuditPage(const TillSession &session, const std::optional<Member> &member,
                                   QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_member(member)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildFilters());
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Time"), tr("Staff"), tr("What"), tr("Member"), tr("Reason"), tr("Approved by")});
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(theme::TouchTarget);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Time, staff, member and approver as wide as they are; what and why share the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Action, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Reason, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("auditStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
}

// Read when shown: opening the manager functions for something else does not query the trail.
void ManagerAuditPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

QWidget *ManagerAuditPage::buildFilters()
{
    auto *box = new QWidget(this);
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    const QString today = m_session.till->today().toString(Qt::ISODate);
    m_from = widgets::lineEdit(box, "auditFromEdit", tr("first day"));
    m_from->setText(m_session.till->today().addDays(-6).toString(Qt::ISODate));
    m_to = widgets::lineEdit(box, "auditToEdit", tr("last day"));
    m_to->setText(today);
    m_staff = widgets::lineEdit(box, "auditStaffEdit", tr("staff id, or empty for everyone"));
    m_onlyMember = new QCheckBox(
        m_member ? tr("Only %1").arg(m_member->name) : tr("Only the open member (none is open)"), box);
    m_onlyMember->setObjectName(QStringLiteral("auditOnlyMember"));
    m_onlyMember->setEnabled(m_member.has_value());
    QPushButton *show = widgets::button(box, tr("Show"), "auditShowButton");
    QPushButton *save = widgets::button(box, tr("Export CSV…"), "auditExportButton");
    grid->addWidget(new QLabel(tr("From"), box), 0, 0);
    grid->addWidget(m_from, 0, 1);
    grid->addWidget(new QLabel(tr("to"), box), 0, 2);
    grid->addWidget(m_to, 0, 3);
    grid->addWidget(m_staff, 1, 0, 1, 2);
    grid->addWidget(m_onlyMember, 1, 2, 1, 2);
    grid->addWidget(show, 0, 4);
    grid->addWidget(save, 1, 4);
    connect(show, &QPushButton::clicked, this, &ManagerAuditPage::reload);
    connect(save, &QPushButton::clicked, this, &ManagerAuditPage::chooseExportFile);
    for (QLineEdit *edit : {m_from, m_to, m_staff})
        connect(edit, &QLineEdit::returnPressed, this, &ManagerAuditPage::reload);
    return box;
}

std::optional<AuditFilter> ManagerAuditPage::filter()
{
    const auto from = UiText::parseDate(m_from->text());
    const auto to = UiText::parseDate(m_to->text());
    if (!from || !to) {
        showStatus(tr("Type the days as year-month-day, e.g. 2026-05-20."), false);
        (from ? m_to : m_from)->setFocus();
        return std::nullopt;
    }
    AuditFilter f;
    f.from = *from;
    f.to = *to;
    f.staffId = m_staff->text().trimmed();
    if (m_member && m_onlyMember->isChecked())
        f.member = m_member->id;
    return f;
}

void ManagerAuditPage::reload()
{
    const auto f = filter();
    if (!f)
        return;
    auto found = AuditTrail(*m_session.till).read(*f);
    if (!found) {
        showStatus(UiText::error(found.error()), false);
        return;
    }
    m_table->setRowCount(int(found->size()));
    for (int row = 0; row < found->size(); ++row) {
        const AuditLine &l = found->at(row);
        const QStringList cells = {UiText::dateTime(*m_session.till, l.atMs),
                                   l.staffId,
                                   actionText(l.action),
                                   l.memberName,
                                   l.reason,
                                   l.approvedBy};
        for (int column = 0; column < ColumnCount; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells[column]));
    }
    showStatus(found->isEmpty() ? tr("Nothing in the audit trail for these days.")
                                : tr("%n line(s), newest first.", nullptr, int(found->size())),
               true);
}

void ManagerAuditPage::chooseExportFile()
{
    const QString name =
        QStringLiteral("counterpart-audit-%1.csv").arg(m_session.till->today().toString(Qt::ISODate));
    auto *dialog = new QFileDialog(this, tr("Export the audit trail"), QDir::home().filePath(name),
                                   tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { exportTo(path); });
    dialog->open();
}

bool ManagerAuditPage::exportTo(const QString &path)
{
    const auto f = filter();
    if (!f)
        return false;
    QSaveFile file(path);
    Result<int> written =
        makeError(ErrorCode::Storage,
                  tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.open(QIODevice::WriteOnly))
        written = AuditTrail(*m_session.till).exportCsv(*f, file);
    if (written && !file.commit())
        written =
            makeError(ErrorCode::Storage,
                      tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (!written) {
        showStatus(UiText::error(written.error()), false);
        return false;
    }
    showStatus(tr("%n line(s) written to %1. The file names members: keep it safe.", nullptr, written.value())
                   .arg(QDir::toNativeSeparators(path)),
               true);
    return true;
}

void ManagerAuditPage::showStatus(const QString &text, bool ok)
{
    m_status->setStyleSheet(theme::bannerStyle(ok ? theme::Tone::Info : theme::Tone::Error));
    m_status->setText(text);
}

QString ManagerAuditPage::actionText(const QString &action)
{
    static const std::pair<const char *, const char *> words[] = {
        {"member.register", QT_TR_NOOP("Registered a member")},
        {"member.profile", QT_TR_NOOP("Corrected a member's details")},
        {"member.note", QT_TR_NOOP("Wrote a note")},
        {"member.consent", QT_TR_NOOP("Recorded SMS consent")},
        {"member.private_details", QT_TR_NOOP("Read ID number and birthday")},
        {"member.close", QT_TR_NOOP("Closed a membership")},
        {"login", QT_TR_NOOP("Signed in")},
        {"login.failed", QT_TR_NOOP("Wrong PIN")},
        {"login.locked", QT_TR_NOOP("Locked out after wrong PINs")},
        {"points.earn", QT_TR_NOOP("Points for a purchase")},
        {"points.redeem", QT_TR_NOOP("Redeemed points")},
        {"points.redeem_digits_wrong", QT_TR_NOOP("Wrong phone digits to spend by card")},
        {"points.redeem_card_locked", QT_TR_NOOP("Spending by card locked after wrong phone digits")},
        {"points.redeem_while_locked", QT_TR_NOOP("Tried to spend by card while locked")},
        {"points.refund", QT_TR_NOOP("Refund")},
        {"points.void", QT_TR_NOOP("Undid a transaction")},
        {"points.adjust", QT_TR_NOOP("Adjusted points")},
        {"points.expire", QT_TR_NOOP("Expired points")},
        {"tier.evaluate", QT_TR_NOOP("Evaluated tiers")},
        {"staff.set", QT_TR_NOOP("Added or changed staff")},
        {"staff.from_head_office", QT_TR_NOOP("Staff added or changed by head office")},
        {"staff.switched_off", QT_TR_NOOP("Staff switched off by head office")},
        {"settings.update", QT_TR_NOOP("Changed settings")},
        {"settings.customer_display", QT_TR_NOOP("Set up the customer display")},
        {"pos.connect", QT_TR_NOOP("Connected a POS")},
        {"pos.revoke", QT_TR_NOOP("Disconnected a POS")},
        {"pos.listen", QT_TR_NOOP("Set up the POS link")},
        {"pos.request", QT_TR_NOOP("Request from the POS")},
        {"pos.hold", QT_TR_NOOP("Points held by the POS")},
        {"pos.release", QT_TR_NOOP("Held points released")},
        {"rules.install", QT_TR_NOOP("New loyalty rules")},
        {"sync.enrol", QT_TR_NOOP("Joined the chain's server")},
        {"keys.received", QT_TR_NOOP("Received the chain's key for ID numbers")},
        {"keys.resealed", QT_TR_NOOP("ID numbers made readable at every till")},
        {"members.export", QT_TR_NOOP("Exported all members")},
        {"stats.export", QT_TR_NOOP("Exported a member list")},
        {"audit.export", QT_TR_NOOP("Exported the audit trail")},
    };
    for (const auto &[id, text] : words) {
        if (action == QLatin1String(id))
            return tr(text);
    }
    return action;
}

} // namespace counterpart
