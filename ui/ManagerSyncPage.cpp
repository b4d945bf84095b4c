#include "ui/ManagerSyncPage.h"

#include "core/MemberCode.h"
#include "sync/client/SyncService.h"
#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace counterpart {

namespace {

QTableWidget *table(QWidget *parent, const char *objectName, const QStringList &headers)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(QString::fromLatin1(objectName));
    t->setHorizontalHeaderLabels(headers);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setWordWrap(true);
    t->verticalHeader()->hide();
    t->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->verticalHeader()->setMinimumSectionSize(theme::TouchTarget);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

void setRow(QTableWidget *t, int row, const QStringList &cells)
{
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells.at(column));
        item->setToolTip(cells.at(column));
        t->setItem(row, column, item);
    }
}

QString memberText(const QString &code)
{
    if (code.isEmpty())
        return QStringLiteral("—");
    auto parsed = MemberCode::parse(code);
    return parsed ? parsed->grouped() : code;
}

} // namespace

ManagerSyncPage::ManagerSyncPage(const TillSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("managerSyncPage"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("syncSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_syncNow = new QPushButton(tr("Sync now"), this);
    m_syncNow->setObjectName(QStringLiteral("managerSyncNowButton"));
    m_syncNow->setProperty("primary", true);
    m_syncNow->setMinimumHeight(52);
    m_rejectedTitle = new QLabel(this);
    m_rejectedTitle->setObjectName(QStringLiteral("rejectedTitle"));
    m_rejectedTitle->setWordWrap(true);
    m_rejected = table(this, "rejectedList", {tr("When"), tr("What"), tr("Member"), tr("Why")});
    m_flagsTitle = new QLabel(this);
    m_flagsTitle->setObjectName(QStringLiteral("flagsTitle"));
    m_flagsTitle->setWordWrap(true);
    m_flags = table(this, "flagList", {tr("When"), tr("What"), tr("Member"), tr("Balance")});
    // The reason and the flag take the room that is left and wrap; the other columns fit their text,
    // so the tables need no sideways scrolling at 1024 px.
    for (auto [t, wide] : {std::pair{m_rejected, 3}, std::pair{m_flags, 1}}) {
        t->horizontalHeader()->setStretchLastSection(false);
        t->horizontalHeader()->setSectionResizeMode(wide, QHeaderView::Stretch);
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_syncNow);
    layout->addWidget(m_rejectedTitle);
    layout->addWidget(m_rejected, 2);
    layout->addWidget(m_flagsTitle);
    layout->addWidget(m_flags, 1);

    if (sync::SyncService *service = m_session.sync) {
        connect(m_syncNow, &QPushButton::clicked, service, &sync::SyncService::syncNow);
        // The engine reports after every cycle (through queued signals): the lists follow.
        connect(service, &sync::SyncService::statusChanged, this, [this] {
            if (isVisible())
                reload();
        });
    }
    reload();
}

void ManagerSyncPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
    // The manager has now seen what the server flagged: the badge on the manager button goes.
    auto overview = m_session.till->syncOverview(0);
    if (overview && overview->unseenFlags > 0 && m_session.till->markSyncFlagsSeen() && m_session.sync)
        m_session.sync->refreshStatus();
}

void ManagerSyncPage::reload()
{
    Till &till = *m_session.till;
    auto overview = till.syncOverview(100);
    if (!overview) {
        m_summary->setText(UiText::error(overview.error()));
        return;
    }
    const SyncOverview &o = overview.value();
    m_syncNow->setVisible(o.enrolled && m_session.sync);
    if (!o.enrolled) {
        m_summary->setText(tr("This till is not connected to a server: it works on its own, and nothing is "
                              "sent anywhere. A technician connects it with an enrolment code."));
    } else {
        QStringList lines;
        lines << tr("Server: %1 · till %2").arg(o.serverUrl).arg(o.terminalNumber);
        lines << (o.lastSuccessMs > 0 ? tr("Last synced: %1").arg(UiText::dateTime(till, o.lastSuccessMs))
                                      : tr("Not synced yet."));
        if (o.pendingOps > 0)
            lines << tr("%n change(s) waiting to be sent.", nullptr, int(o.pendingOps));
        else
            lines << tr("Nothing waiting to be sent.");
        if (!o.lastError.isEmpty())
            lines << tr("Last problem: %1").arg(o.lastError);
        m_summary->setText(lines.join(QLatin1Char('\n')));
    }

    m_rejectedTitle->setText(
        o.rejected.isEmpty()
            ? tr("Refused by the server: none.")
            : tr("Refused by the server: %n change(s). The till has taken them back (balances match the "
                 "server's); redo the ones that were right.",
                 nullptr, int(o.rejectedOps)));
    m_rejected->setRowCount(int(o.rejected.size()));
    for (int row = 0; row < o.rejected.size(); ++row) {
        const SyncOverview::Rejected &r = o.rejected.at(row);
        setRow(m_rejected, row,
               {UiText::dateTime(till, r.atMs), operationText(r.kind), memberText(r.memberCode),
                reasonText(r.reason, r.message)});
    }
    m_rejected->setVisible(!o.rejected.isEmpty());

    m_flagsTitle->setText(o.flags.isEmpty() ? tr("Flagged by the server: nothing.")
                                            : tr("Flagged by the server, for a manager to follow up:"));
    m_flags->setRowCount(int(o.flags.size()));
    for (int row = 0; row < o.flags.size(); ++row) {
        const SyncOverview::Flag &f = o.flags.at(row);
        setRow(m_flags, row,
               {UiText::dateTime(till, f.atMs), flagText(f.kind), memberText(f.memberCode),
                f.balance ? UiText::pointsPhrase(*f.balance) : QStringLiteral("—")});
    }
    m_flags->setVisible(!o.flags.isEmpty());
}

QString ManagerSyncPage::reasonText(const QString &reason, const QString &message)
{
    if (reason == QLatin1String("receipt_taken"))
        return tr("This receipt already earned points for another member at this store.");
    if (reason == QLatin1String("unknown_member"))
        return tr("The server does not know this member.");
    if (reason == QLatin1String("unknown_purchase"))
        return tr("The server does not know the purchase this refund is for.");
    if (reason == QLatin1String("foreign_purchase"))
        return tr("The purchase was made at another store; only that store can undo or refund it.");
    if (reason == QLatin1String("points_refused"))
        return tr("The server refused the points: they are not what the loyalty rules give (%1).")
            .arg(message);
    if (reason == QLatin1String("wrong_member"))
        return tr("The purchase belongs to another member than the one named.");
    if (reason == QLatin1String("wrong_terminal"))
        return tr("The change named another till or store. Call the technician.");
    if (reason == QLatin1String("invalid"))
        return tr("The server could not read the change (%1). Call the technician.").arg(message);
    if (reason == QLatin1String("clock_ahead"))
        return tr("The till's clock was ahead of the server's when the change was made. Set the till's "
                  "clock right and make the change again.");
    if (reason == QLatin1String("hlc_terminal"))
        return tr("The change was stamped with another till's name. Call the technician.");
    if (reason == QLatin1String("foreign_code"))
        return tr("The member number was made under another till's number after this till joined the "
                  "chain. Call the technician.");
    if (reason == QLatin1String("unknown_approver"))
        return tr("The manager who approved this adjustment is not registered at head office as a "
                  "manager of this store.");
    if (reason == QLatin1String("tier_refused"))
        return tr("The server refused the tier upgrade: the member's spending it knows of does not reach "
                  "that tier (%1).")
            .arg(message);
    return message.isEmpty() ? reason : message;
}

QString ManagerSyncPage::operationText(const QString &kind)
{
    if (kind == QLatin1String("member.register"))
        return tr("Registration");
    if (kind == QLatin1String("member.update"))
        return tr("Member details");
    if (kind == QLatin1String("earn"))
        return tr("Earn");
    if (kind == QLatin1String("redeem"))
        return tr("Redemption");
    if (kind == QLatin1String("refund"))
        return tr("Refund");
    if (kind == QLatin1String("adjust"))
        return tr("Adjustment");
    if (kind == QLatin1String("expire"))
        return tr("Expiry");
    if (kind == QLatin1String("void"))
        return tr("Undo");
    if (kind == QLatin1String("tier.change"))
        return tr("Tier change");
    return kind;
}

QString ManagerSyncPage::flagText(const QString &kind)
{
    static const std::pair<const char *, const char *> words[] = {
        {"overdraw", QT_TR_NOOP("An offline redemption took the balance below zero")},
        {"rules_refused",
         QT_TR_NOOP("Loyalty rules from the server did not fit this till and were not installed")},
        {"code_taken", QT_TR_NOOP("A member code made here was already in use")},
        {"clock_ahead",
         QT_TR_NOOP("A change from the server was stamped with a time far ahead; it was not trusted")},
        {"hlc_terminal", QT_TR_NOOP("A change was stamped with another till's name")},
        {"large_adjust", QT_TR_NOOP("A large points adjustment, for head office to check")},
        {"foreign_code", QT_TR_NOOP("A member number made before this till joined the chain")},
        {"unregistered_approver",
         QT_TR_NOOP("A points adjustment in a store whose managers are not registered at head office")},
        {"budget_exceeded", QT_TR_NOOP("A till gave more points today than its daily budget")},
        {"closed_member", QT_TR_NOOP("A sale or change for a membership that was already closed")},
        {"erased_with_points", QT_TR_NOOP("A member's data was erased while they still had points")},
        {"staff_switched_off",
         QT_TR_NOOP("Made by someone head office had already switched off (the till had not synced yet)")},
    };
    for (const auto &[id, text] : words) {
        if (kind == QLatin1String(id))
            return tr(text);
    }
    return kind;
}

} // namespace counterpart
