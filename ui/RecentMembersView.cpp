#include "ui/RecentMembersView.h"

#include "ui/Models.h"
#include "ui/Widgets.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace counterpart {

namespace {

constexpr int RowHeight = 48;

} // namespace

RecentMembersView::RecentMembersView(Till &till, QWidget *parent)
    : QFrame(parent)
    , m_till(till)
{
    setObjectName(QStringLiteral("recentMembers"));
    m_title = new QLabel(tr("Served recently — tap to open"), this);
    m_title->setObjectName(QStringLiteral("recentTitle"));
    widgets::setFontSize(m_title, 13, true);
    m_model = new CandidateModel(till, this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("recentList"));
    m_view->setModel(m_model);
    m_view->setFocusPolicy(Qt::NoFocus); // the lookup field keeps the keyboard
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(RowHeight);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(CandidateModel::Name, QHeaderView::Stretch);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex &index) {
        emit openRequested(Uuid::fromString(index.data(MemberIdRole).toString()));
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_view);
    hide();
}

void RecentMembersView::remember(const Uuid &memberId)
{
    m_ids.removeAll(memberId);
    m_ids.prepend(memberId);
    while (m_ids.size() > Remembered)
        m_ids.removeLast();
}

void RecentMembersView::forget(const Uuid &memberId)
{
    m_ids.removeAll(memberId);
}

void RecentMembersView::clear()
{
    m_ids.clear();
    refresh();
}

void RecentMembersView::refresh()
{
    QList<Member> members;
    for (const Uuid &id : std::as_const(m_ids)) {
        auto found = m_till.findById(id);
        if (found && found->has_value() && found->value().status == QLatin1String("active"))
            members.append(found->value());
    }
    m_model->setMembers(members);
    // Every row shows: the list is short, and a scroll bar is one more thing to aim at.
    m_view->setFixedHeight(m_view->horizontalHeader()->sizeHint().height() + RowHeight * int(members.size()) +
                           2 * m_view->frameWidth());
    setVisible(!members.isEmpty());
}

} // namespace counterpart
