#include "ui/ManagerDashboard.h"

#include "core/Money.h"
#include "ui/BackgroundTask.h"
#include "ui/StatsCharts.h"
#include "ui/StatsReport.h"
#include "ui/Theme.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace counterpart {

namespace {

constexpr int PageSize = 100;

QString changeText(qint64 now, qint64 before)
{
    return UiText::change(now, before, ManagerDashboard::tr("no change"));
}

using widgets::button;

} // namespace

// --- the list model -------------------------------------------------------------------------------------

MemberListModel::MemberListModel(const Till &till, QObject *parent)
    : QAbstractTableModel(parent)
    , m_till(till)
{
    m_columns = columnsFor(m_list);
}

QList<MemberListModel::Column> MemberListModel::columnsFor(MemberList list) const
{
    QList<Column> columns = {Column::Name, Column::Phone, Column::Tier};
    switch (list) {
    case MemberList::Champions:
    case MemberList::Loyal:
    case MemberList::AtRisk:
    case MemberList::Lost:
        columns << Column::LastVisit << Column::Visits << Column::Spend;
        break;
    case MemberList::ExpiringPoints:
        columns << Column::Expiring << Column::Worth << Column::ExpiresOn;
        break;
    case MemberList::Birthdays:
        columns << Column::Birthday << Column::LastVisit;
        break;
    case MemberList::NewNotBack:
        columns << Column::Joined << Column::Visits;
        break;
    }
    return columns; // the member code is in the CSV; on screen the phone is what counts
}

void MemberListModel::reset(MemberList list, const QList<ListMember> &rows)
{
    beginResetModel();
    m_list = list;
    m_columns = columnsFor(list);
    m_rows = rows;
    endResetModel();
}

void MemberListModel::append(const QList<ListMember> &rows)
{
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.append(rows);
    endInsertRows();
}

int MemberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MemberListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    const ListMember &m = m_rows.at(index.row());
    const Column column = m_columns.at(index.column());
    if (role == Qt::TextAlignmentRole) {
        switch (column) {
        case Column::Visits:
        case Column::Spend:
        case Column::Expiring:
        case Column::Worth:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (column) {
    case Column::Name:
        return m.name;
    case Column::Phone:
        return m.phoneDisplay;
    case Column::Tier:
        return m.tierName;
    case Column::LastVisit:
        return m.lastVisit.isValid() ? UiText::day(m_till, m.lastVisit) : tr("never");
    case Column::Visits:
        return UiText::points(m.visits);
    case Column::Spend:
        return UiText::money(m_till, m.spendMinor);
    case Column::Expiring:
        return UiText::points(m.expiringPoints);
    case Column::Worth:
        return UiText::money(m_till, m.expiringWorthMinor);
    case Column::ExpiresOn:
        return UiText::day(m_till, m.expiresOn);
    case Column::Birthday:
        return QLocale().toString(m.birthday, tr("ddd d MMM"));
    case Column::Joined:
        return UiText::day(m_till, m.joined);
    case Column::Code:
        return m.code;
    }
    return {};
}

QVariant MemberListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= m_columns.size())
        return {};
    switch (m_columns.at(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Phone:
        return tr("Phone");
    case Column::Tier:
        return tr("Tier");
    case Column::LastVisit:
        return tr("Last visit");
    case Column::Visits:
        return tr("Visits");
    case Column::Spend:
        return tr("Spent (12 months)");
    case Column::Expiring:
        return tr("Points expiring");
    case Column::Worth:
        return tr("Worth");
    case Column::ExpiresOn:
        return tr("Expiring from");
    case Column::Birthday:
        return tr("Birthday");
    case Column::Joined:
        return tr("Joined");
    case Column::Code:
        return tr("Member code");
    }
    return {};
}

// --- the dashboard --------------------------------------------------------------------------------------

namespace {

// The figures of the scope the manager chose; the store's when the chain's are not theirs to see.
Statistics scoped(Till &till, StatsScope scope)
{
    Statistics statistics(till);
    (void)statistics.setScope(scope);
    return statistics;
}

} // namespace

ManagerDashboard::ManagerDashboard(const TillSession &session, const Operator &manager, QWidget *parent)
    : TillDialog(QStringLiteral("managerDashboard"), tr("Store figures"), parent)
    , m_session(session)
    , m_manager(manager)
{
    m_model = new MemberListModel(*session.till, this);

    QHBoxLayout *top = buildTopRow();
    QPushButton *report = button(this, tr("Report (PDF)…"), "reportButton");
    report->setToolTip(tr("The one-page report of these figures, to print or send"));
    top->addWidget(report);
    body()->addLayout(top);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("dashboardTabs"));
    m_tabs->addTab(buildFigures(), tr("Figures"));
    m_tabs->addTab(buildCharts(), tr("Trends and tiers"));
    m_tabs->addTab(buildLists(), tr("Members to call"));
    body()->addWidget(m_tabs, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    body()->addWidget(m_status);

    QPushButton *close = addButton(tr("Close"), QKeySequence(Qt::Key_Escape), "closeButton", false);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    connect(report, &QPushButton::clicked, this, &ManagerDashboard::chooseReportFile);
    connect(m_period, &QComboBox::currentIndexChanged, this, &ManagerDashboard::periodChosen);
    connect(m_scopeChoice, &QComboBox::currentIndexChanged, this, &ManagerDashboard::scopeChosen);
    for (QDateEdit *edit : {m_from, m_to}) {
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            if (m_period->currentIndex() != m_period->count() - 1) {
                const QSignalBlocker block(m_period);
                m_period->setCurrentIndex(m_period->count() - 1); // the days were chosen by hand
            }
            refresh();
        });
    }

    periodChosen(0);
    loadCounts();
    // As large as the till's window (over the manager functions), at least the smallest screen's worth.
    QWidget *tillWindow = parent;
    while (tillWindow && tillWindow->parentWidget())
        tillWindow = tillWindow->parentWidget();
    const QSize smallest(theme::MinimumWidth - 16, theme::MinimumHeight - 40);
    resize(tillWindow ? (tillWindow->size() - QSize(16, 40)).expandedTo(smallest) : smallest);
}

// Whose figures and which days: scope, period, first and last day, what they are compared with.
QHBoxLayout *ManagerDashboard::buildTopRow()
{
    auto *top = new QHBoxLayout;
    top->setSpacing(8);
    // Whose figures: this store's; the chain's too when the chain's rules let managers see them.
    m_scopeChoice = new QComboBox(this);
    m_scopeChoice->setObjectName(QStringLiteral("scopeCombo"));
    m_scopeChoice->setMinimumHeight(theme::TouchTarget);
    const TillConfig &config = m_session.till->config();
    m_scopeChoice->addItem(
        tr("This store: %1").arg(config.storeName.isEmpty() ? config.storeId : config.storeName),
        int(StatsScope::Store));
    if (Statistics(*m_session.till).chainViewAllowed())
        m_scopeChoice->addItem(tr("The whole chain"), int(StatsScope::Chain));
    // A long store name must not push the row past the smallest screen.
    m_scopeChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_scopeChoice->setMinimumContentsLength(14);
    top->addWidget(m_scopeChoice);
    if (m_scopeChoice->count() == 1) {
        // Nothing to choose: the store's name, in plain readable text rather than a greyed-out box.
        m_scopeChoice->hide();
        auto *store = new QLabel(m_scopeChoice->itemText(0), this);
        store->setObjectName(QStringLiteral("scopeText"));
        store->setStyleSheet(theme::textStyle(theme::Colour::Text, true));
        top->addWidget(store);
    }
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("periodCombo"));
    m_period->setMinimumHeight(theme::TouchTarget);
    m_period->addItems({tr("Today"), tr("Yesterday"), tr("Last 7 days"), tr("Last 30 days"), tr("This month"),
                        tr("Last month"), tr("Choose days")});
    top->addWidget(m_period);
    for (QDateEdit **edit : {&m_from, &m_to}) {
        *edit = new QDateEdit(this);
        (*edit)->setCalendarPopup(true);
        (*edit)->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        (*edit)->setMinimumHeight(theme::TouchTarget);
        // The whole date and the touch-sized arrow beside it.
        (*edit)->setMinimumWidth((*edit)->fontMetrics().horizontalAdvance(QStringLiteral("2026-12-31")) +
                                 theme::TouchTarget + 28);
        (*edit)->setMaximumDate(m_session.till->today().addYears(1));
    }
    m_from->setObjectName(QStringLiteral("fromDate"));
    m_to->setObjectName(QStringLiteral("toDate"));
    top->addWidget(m_from);
    top->addWidget(new QLabel(QStringLiteral("–"), this));
    top->addWidget(m_to);
    m_periodText = new QLabel(this);
    m_periodText->setObjectName(QStringLiteral("periodText"));
    m_periodText->setStyleSheet(theme::textStyle(theme::Colour::Secondary));
    m_periodText->setWordWrap(true); // two lines rather than a row wider than the smallest screen
    top->addWidget(m_periodText, 1);
    return top;
}

ManagerDashboard::~ManagerDashboard() = default;

void ManagerDashboard::scopeChosen()
{
    m_scope = StatsScope(m_scopeChoice->currentData().toInt());
    refresh();
    loadCounts();
    loadList(false);
}

bool ManagerDashboard::isListLoading() const
{
    return !m_listTask.isNull();
}

QWidget *ManagerDashboard::buildFigures()
{
    auto *page = new QWidget(this);
    auto *grid = new QGridLayout(page);
    grid->setContentsMargins(4, 8, 4, 4);
    grid->setSpacing(8);
    const QList<std::pair<QString, QString>> cards = {
        {QStringLiteral("newMembers"), tr("New members")},
        {QStringLiteral("visits"), tr("Visits")},
        {QStringLiteral("buyers"), tr("Members who bought")},
        {QStringLiteral("sales"), tr("Member sales")},
        {QStringLiteral("ticket"), tr("Average ticket")},
        {QStringLiteral("issued"), tr("Points issued")},
        {QStringLiteral("redeemed"), tr("Points redeemed")},
        {QStringLiteral("expired"), tr("Points expired")},
        {QStringLiteral("outstanding"), tr("Outstanding points")},
        {QStringLiteral("gifts"), tr("Gifts granted")},
        {QStringLiteral("upgrades"), tr("Tier upgrades")},
        {QStringLiteral("downgrades"), tr("Tier downgrades")},
    };
    for (int i = 0; i < cards.size(); ++i)
        m_cards.insert(cards[i].first, addCard(grid, i / 4, i % 4, cards[i].first, cards[i].second));
    for (int c = 0; c < 4; ++c)
        grid->setColumnStretch(c, 1);
    return page;
}

ManagerDashboard::Card ManagerDashboard::addCard(QGridLayout *grid, int row, int column, const QString &key,
                                                 const QString &title)
{
    auto *frame = new QFrame(grid->parentWidget());
    frame->setObjectName(QStringLiteral("card_") + key);
    frame->setStyleSheet(
        QStringLiteral("QFrame#card_%1 { background:%2; border:1px solid %3; border-radius:8px; }")
            .arg(key, theme::hex(theme::Colour::Surface), theme::hex(theme::Colour::Border)));
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    auto *heading = new QLabel(title, frame);
    heading->setStyleSheet(theme::textStyle(theme::Colour::Secondary));
    widgets::setFontSize(heading, 10);
    Card card;
    card.value = new QLabel(frame);
    card.value->setObjectName(QStringLiteral("value_") + key);
    widgets::setFontSize(card.value, 20, true);
    card.compare = new QLabel(frame);
    card.compare->setObjectName(QStringLiteral("compare_") + key);
    card.compare->setTextFormat(Qt::RichText);
    card.detail = new QLabel(frame);
    card.detail->setObjectName(QStringLiteral("detail_") + key);
    card.detail->setWordWrap(true);
    card.detail->setStyleSheet(theme::textStyle(theme::Colour::Secondary));
    for (QLabel *l : {card.compare, card.detail})
        widgets::setFontSize(l, 9);
    layout->addWidget(heading);
    layout->addWidget(card.value);
    layout->addWidget(card.compare);
    layout->addWidget(card.detail);
    layout->addStretch();
    grid->addWidget(frame, row, column);
    return card;
}

void ManagerDashboard::setCard(const QString &key, const QString &value, qint64 now, qint64 before,
                               const QString &beforeText, bool upIsGood, const QString &detail)
{
    const Card card = m_cards.value(key);
    if (!card.value)
        return;
    card.value->setText(value);
    const bool oneDay = m_dashboard.current.days == 1;
    const QString colour = theme::hex(theme::trendColour(now, before, upIsGood));
    card.compare->setText(
        (oneDay ? tr("Day before: %1") : tr("Period before: %1")).arg(beforeText).toHtmlEscaped() +
        QStringLiteral("  <span style=\"color:%1\">%2</span>")
            .arg(colour, changeText(now, before).toHtmlEscaped()));
    card.detail->setText(detail);
    card.detail->setVisible(!detail.isEmpty());
}

QWidget *ManagerDashboard::buildCharts()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 8, 4, 4);
    auto *row = new QHBoxLayout;
    m_trendKind = new QComboBox(page);
    m_trendKind->setObjectName(QStringLiteral("trendCombo"));
    m_trendKind->setMinimumHeight(theme::TouchTarget);
    for (StatsCharts::Trend t :
         {StatsCharts::Trend::VisitsAndNewMembers, StatsCharts::Trend::Sales, StatsCharts::Trend::Points})
        m_trendKind->addItem(StatsCharts::trendTitle(t), int(t));
    row->addWidget(m_trendKind);
    row->addStretch();
    layout->addLayout(row);
    auto *charts = new QHBoxLayout;
    m_trendView = new QChartView(page);
    m_trendView->setObjectName(QStringLiteral("trendChart"));
    m_trendView->setRenderHint(QPainter::Antialiasing);
    m_tierView = new QChartView(page);
    m_tierView->setObjectName(QStringLiteral("tierChart"));
    m_tierView->setRenderHint(QPainter::Antialiasing);
    charts->addWidget(m_trendView, 3);
    charts->addWidget(m_tierView, 2);
    layout->addLayout(charts, 1);
    connect(m_trendKind, &QComboBox::currentIndexChanged, this, &ManagerDashboard::showCharts);
    return page;
}

QWidget *ManagerDashboard::buildLists()
{
    auto *page = new QWidget(this);
    auto *row = new QHBoxLayout(page);
    row->setContentsMargins(4, 8, 4, 4);
    m_listChoice = new QListWidget(page);
    m_listChoice->setObjectName(QStringLiteral("listChoice"));
    m_listChoice->setFixedWidth(250);
    m_listChoice->setStyleSheet(QStringLiteral("QListWidget::item { min-height: 40px; }"));
    for (MemberList list : Statistics::allLists()) {
        auto *item = new QListWidgetItem(Statistics::listTitle(list), m_listChoice);
        item->setData(Qt::UserRole, int(list));
    }
    row->addWidget(m_listChoice);

    auto *right = new QVBoxLayout;
    m_listTitle = new QLabel(page);
    m_listTitle->setObjectName(QStringLiteral("listTitle"));
    QFont tf = m_listTitle->font();
    tf.setPointSize(13);
    tf.setBold(true);
    m_listTitle->setFont(tf);
    m_listExplanation = new QLabel(page);
    m_listExplanation->setObjectName(QStringLiteral("listExplanation"));
    m_listExplanation->setWordWrap(true);
    m_listExplanation->setStyleSheet(theme::textStyle(theme::Colour::Secondary));
    m_table = new QTableView(page);
    m_table->setObjectName(QStringLiteral("listTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(32);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QHBoxLayout;
    m_listStatus = new QLabel(page);
    m_listStatus->setObjectName(QStringLiteral("listStatus"));
    m_more = button(page, tr("Show more"), "moreButton");
    m_export = button(page, tr("Export CSV…"), "exportButton");
    m_export->setToolTip(
        tr("The whole list with full phone numbers, for calling. Recorded in the audit log."));
    buttons->addWidget(m_listStatus, 1);
    buttons->addWidget(m_more);
    buttons->addWidget(m_export);
    right->addWidget(m_listTitle);
    right->addWidget(m_listExplanation);
    right->addWidget(m_table, 1);
    right->addLayout(buttons);
    row->addLayout(right, 1);

    connect(m_listChoice, &QListWidget::currentRowChanged, this, [this] { loadList(false); });
    connect(m_more, &QPushButton::clicked, this, [this] { loadList(true); });
    connect(m_export, &QPushButton::clicked, this, &ManagerDashboard::chooseExportFile);
    m_listChoice->setCurrentRow(0);
    return page;
}

void ManagerDashboard::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void ManagerDashboard::periodChosen(int index)
{
    const QDate today = m_session.till->today();
    QDate from = today;
    QDate to = today;
    switch (index) {
    case 0:
        break;
    case 1:
        from = to = today.addDays(-1);
        break;
    case 2:
        from = today.addDays(-6);
        break;
    case 3:
        from = today.addDays(-29);
        break;
    case 4:
        from = QDate(today.year(), today.month(), 1);
        break;
    case 5:
        from = QDate(today.year(), today.month(), 1).addMonths(-1);
        to = QDate(today.year(), today.month(), 1).addDays(-1);
        break;
    default:
        m_from->setFocus();
        return; // the days as they are in the date fields
    }
    {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDate(from);
        m_to->setDate(to);
    }
    refresh();
}

void ManagerDashboard::showPeriod(const QDate &from, const QDate &to)
{
    {
        const QSignalBlocker blockPeriod(m_period);
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_period->setCurrentIndex(m_period->count() - 1);
        m_from->setDate(from);
        m_to->setDate(to);
    }
    refresh();
}

void ManagerDashboard::refresh()
{
    QDate from = m_from->date();
    QDate to = m_to->date();
    if (from > to) {
        showStatus(tr("The first day is after the last day."), false);
        return;
    }
    auto d = scoped(*m_session.till, m_scope).dashboard(from, to);
    if (!d) {
        showStatus(UiText::error(d.error()), false);
        return;
    }
    m_status->hide();
    m_dashboard = d.value();
    const PeriodFigures &c = m_dashboard.current;
    const PeriodFigures &b = m_dashboard.previous;
    const Till &till = *m_session.till;
    const QLocale locale;
    m_periodText->setText(
        c.days == 1 ? tr("%1, compared with the day before").arg(locale.toString(c.from, QLocale::LongFormat))
                    : tr("%n days, compared with the %n days before", nullptr, c.days));
    const auto count = [](qint64 v) { return UiText::points(v); };
    const auto cash = [&](qint64 v) { return UiText::money(till, v); };
    setCard(QStringLiteral("newMembers"), count(c.newMembers), c.newMembers, b.newMembers,
            count(b.newMembers), true,
            tr("At the till %1 · online %2 · imported %3")
                .arg(count(c.newMembersTill), count(c.newMembersOnline), count(c.newMembersImport)));
    setCard(QStringLiteral("visits"), count(c.visits), c.visits, b.visits, count(b.visits), true,
            tr("Purchases with a member card"));
    setCard(QStringLiteral("buyers"), count(c.visitingMembers), c.visitingMembers, b.visitingMembers,
            count(b.visitingMembers), true,
            tr("%1 returning, %2 new")
                .arg(count(c.returningMembers), count(c.visitingMembers - c.returningMembers)));
    setCard(QStringLiteral("sales"), cash(c.salesMinor), c.salesMinor, b.salesMinor, cash(b.salesMinor), true,
            c.refundedMinor > 0 ? tr("After %1 refunded").arg(cash(c.refundedMinor)) : QString());
    setCard(QStringLiteral("ticket"), cash(c.averageTicketMinor), c.averageTicketMinor, b.averageTicketMinor,
            cash(b.averageTicketMinor), true, tr("Member sales per visit"));
    setCard(QStringLiteral("issued"), count(c.pointsIssued), c.pointsIssued, b.pointsIssued,
            count(b.pointsIssued), true, tr("%1 of them gifts").arg(count(c.pointsGifts)));
    setCard(QStringLiteral("redeemed"), count(c.pointsRedeemed), c.pointsRedeemed, b.pointsRedeemed,
            count(b.pointsRedeemed), true,
            tr("Worth %1").arg(cash(c.pointsRedeemed * m_dashboard.pointValueMinor)));
    setCard(QStringLiteral("expired"), count(c.pointsExpired), c.pointsExpired, b.pointsExpired,
            count(b.pointsExpired), false);
    setCard(QStringLiteral("outstanding"), count(c.outstandingPoints), c.outstandingPoints,
            b.outstandingPoints, count(b.outstandingPoints), false,
            c.pointsAdjusted != 0
                ? tr("Worth %1 · adjusted %2").arg(cash(c.outstandingWorthMinor), count(c.pointsAdjusted))
                : tr("Worth %1").arg(cash(c.outstandingWorthMinor)));
    setCard(QStringLiteral("gifts"), count(c.giftsGranted), c.giftsGranted, b.giftsGranted,
            count(b.giftsGranted), true,
            tr("Welcome %1 · first purchase %2 · birthday %3")
                .arg(count(c.giftsWelcome), count(c.giftsFirstPurchase), count(c.giftsBirthday)));
    setCard(QStringLiteral("upgrades"), count(c.upgrades), c.upgrades, b.upgrades, count(b.upgrades), true);
    setCard(QStringLiteral("downgrades"), count(c.downgrades), c.downgrades, b.downgrades,
            count(b.downgrades), false);
    showCharts();
    emit figuresShown();
}

void ManagerDashboard::showCharts()
{
    const auto trend = StatsCharts::Trend(m_trendKind->currentData().toInt());
    const Till &till = *m_session.till;
    for (auto [view, chart] : {std::pair{m_trendView, StatsCharts::trendChart(till, m_dashboard, trend)},
                               std::pair{m_tierView, StatsCharts::tierChart(till, m_dashboard)}}) {
        QChart *old = view->chart();
        view->setChart(chart);
        delete old;
    }
}

QString ManagerDashboard::listExplanation(MemberList list) const
{
    const Statistics statistics(*m_session.till);
    const ListRules &r = statistics.listRules();
    const Till &till = *m_session.till;
    switch (list) {
    case MemberList::Champions:
        return tr("Bought in the last %1 days, %2 visits or more, and spent %3 or more in the last 12 "
                  "months. "
                  "Thank them; they bring others.")
            .arg(r.championDays)
            .arg(r.championMinVisits)
            .arg(UiText::money(till, statistics.championMinSpendMinor()));
    case MemberList::Loyal:
        return tr("Bought in the last %1 days and %2 visits or more (champions are listed once, above).")
            .arg(r.loyalDays)
            .arg(r.loyalMinVisits);
    case MemberList::AtRisk:
        return tr("Came %1 times or more, but not in the last %2 days (and within %3). Call them before they "
                  "are lost.")
            .arg(r.atRiskMinVisits)
            .arg(r.loyalDays)
            .arg(r.atRiskDays);
    case MemberList::Lost:
        return tr("Last bought more than %1 days ago, most recent first.").arg(r.atRiskDays);
    case MemberList::ExpiringPoints:
        return tr("Points that expire in the next %1 days and what they are worth, soonest first.")
            .arg(r.expiringDays);
    case MemberList::Birthdays:
        return tr("Birthdays today and in the next %1 days.").arg(r.birthdayDays - 1);
    case MemberList::NewNotBack:
        return tr("Joined %1 to %2 days ago and have not bought again since the day they joined.")
            .arg(r.notBackToDays)
            .arg(r.notBackFromDays);
    }
    return {};
}

void ManagerDashboard::showList(MemberList list)
{
    showTab(ListsTab);
    for (int i = 0; i < m_listChoice->count(); ++i) {
        if (m_listChoice->item(i)->data(Qt::UserRole).toInt() == int(list)) {
            if (m_listChoice->currentRow() == i)
                loadList(false);
            else
                m_listChoice->setCurrentRow(i);
            return;
        }
    }
}

void ManagerDashboard::loadList(bool more)
{
    QListWidgetItem *item = m_listChoice->currentItem();
    if (!item)
        return;
    const auto list = MemberList(item->data(Qt::UserRole).toInt());
    if (!more) {
        ++m_listGeneration;
        m_nextOffset = 0;
        m_listDate = m_session.till->today();
        m_model->reset(list, {});
        m_listTitle->setText(Statistics::listTitle(list));
        m_listExplanation->setText(listExplanation(list));
        m_table->resizeColumnsToContents();
    }
    const int generation = m_listGeneration;
    const int offset = m_nextOffset;
    const QDate asOf = m_listDate;
    auto page = std::make_shared<ListPage>();
    BackgroundTask::Options options;
    options.actingAs = m_manager;
    auto *task = new BackgroundTask(
        m_session, options,
        [list, asOf, offset, page, scope = m_scope](Till &till, ManualClock *,
                                                    const BackgroundTask::Progress &) -> Result<QString> {
            auto r = scoped(till, scope).list(list, asOf, offset, PageSize);
            if (!r)
                return r.error();
            *page = r.value();
            return QString();
        },
        this);
    m_listTask = task;
    m_more->setEnabled(false);
    m_listStatus->setText(tr("Loading…"));
    connect(task, &BackgroundTask::finished, this,
            [this, task, generation, page](bool ok, const QString &message) {
                task->deleteLater();
                if (m_listTask == task)
                    m_listTask = nullptr;
                if (generation != m_listGeneration)
                    return; // another list was chosen meanwhile
                if (!ok) {
                    m_listStatus->setText(message);
                    return;
                }
                const bool first = m_model->rowCount() == 0;
                m_model->append(page->rows);
                if (first)
                    m_table->resizeColumnsToContents();
                m_nextOffset = page->nextOffset;
                m_more->setEnabled(page->more);
                const auto summary = m_summaries.constFind(int(m_model->list()));
                if (m_model->rowCount() == 0)
                    m_listStatus->setText(tr("Nobody on this list today."));
                else if (summary != m_summaries.constEnd())
                    m_listStatus->setText(
                        tr("Showing %1 of %2.")
                            .arg(UiText::points(m_model->rowCount()), UiText::points(summary->members)));
                else
                    m_listStatus->setText(tr("Showing %1.").arg(UiText::points(m_model->rowCount())));
                emit listLoaded();
            });
    task->start();
}

void ManagerDashboard::loadCounts()
{
    auto summaries = std::make_shared<QList<ListSummary>>();
    const QDate asOf = m_session.till->today();
    BackgroundTask::Options options;
    options.actingAs = m_manager;
    auto *task = new BackgroundTask(
        m_session, options,
        [asOf, summaries, scope = m_scope](Till &till, ManualClock *,
                                           const BackgroundTask::Progress &progress) -> Result<QString> {
            Statistics statistics = scoped(till, scope);
            for (MemberList list : Statistics::allLists()) {
                auto s = statistics.summary(list, asOf);
                if (!s)
                    return s.error();
                summaries->append(s.value());
                if (!progress(int(summaries->size()), int(Statistics::allLists().size())))
                    break;
            }
            return QString();
        },
        this);
    m_countsTask = task;
    connect(task, &BackgroundTask::finished, this, [this, task, summaries](bool ok, const QString &message) {
        task->deleteLater();
        if (!ok) {
            m_listStatus->setText(message);
            return;
        }
        for (const ListSummary &s : std::as_const(*summaries))
            m_summaries.insert(int(s.list), s);
        updateListChoice();
        emit countsLoaded();
    });
    task->start();
}

void ManagerDashboard::updateListChoice()
{
    for (int i = 0; i < m_listChoice->count(); ++i) {
        QListWidgetItem *item = m_listChoice->item(i);
        const auto list = MemberList(item->data(Qt::UserRole).toInt());
        const auto summary = m_summaries.constFind(int(list));
        if (summary == m_summaries.constEnd())
            continue;
        item->setText(tr("%1 (%2)").arg(Statistics::listTitle(list), UiText::points(summary->members)));
    }
    if (!isListLoading() && m_model->rowCount() > 0) {
        const auto summary = m_summaries.constFind(int(m_model->list()));
        if (summary != m_summaries.constEnd())
            m_listStatus->setText(
                tr("Showing %1 of %2.")
                    .arg(UiText::points(m_model->rowCount()), UiText::points(summary->members)));
    }
}

QList<ListSummary> ManagerDashboard::listSummaries() const
{
    QList<ListSummary> all;
    for (MemberList list : Statistics::allLists()) {
        const auto summary = m_summaries.constFind(int(list));
        if (summary != m_summaries.constEnd())
            all.append(*summary);
    }
    return all;
}

void ManagerDashboard::chooseReportFile()
{
    auto *dialog =
        new QFileDialog(this, tr("Save the report"),
                        QDir::home().filePath(StatsReport::suggestedFileName(*m_session.till, m_dashboard)),
                        tr("PDF files (*.pdf)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("pdf"));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { writeReport(path); });
    dialog->open();
}

bool ManagerDashboard::writeReport(const QString &path)
{
    ReportInput input;
    input.dashboard = m_dashboard;
    input.lists = listSummaries();
    input.preparedBy = m_manager.name;
    input.preparedAtMs = m_session.till->clock().nowMs();
    if (Status s = StatsReport::writePdf(*m_session.till, input, path); !s) {
        showStatus(UiText::error(s.error()), false);
        return false;
    }
    showStatus(tr("The report was saved as %1.").arg(QDir::toNativeSeparators(path)), true);
    return true;
}

void ManagerDashboard::chooseExportFile()
{
    const QString name =
        QStringLiteral("counterpart-%1-%2.csv")
            .arg(Statistics::listId(m_model->list()), m_session.till->today().toString(Qt::ISODate));
    auto *dialog =
        new QFileDialog(this, tr("Export the list"), QDir::home().filePath(name), tr("CSV files (*.csv)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &ManagerDashboard::exportList);
    dialog->open();
}

void ManagerDashboard::exportList(const QString &path)
{
    const MemberList list = m_model->list();
    const QDate asOf = m_listDate.isValid() ? m_listDate : m_session.till->today();
    BackgroundTask::Options options;
    options.actingAs = m_manager;
    BackgroundTask::runWithProgress(
        this, m_session, options,
        [list, asOf, path, scope = m_scope](Till &till, ManualClock *,
                                            const BackgroundTask::Progress &progress) -> Result<QString> {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return makeError(
                    ErrorCode::Storage,
                    tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
            auto written = scoped(till, scope).exportCsv(list, asOf, file, [&progress](qint64 done) {
                return progress(int(done), 0);
            });
            if (!written)
                return written.error(); // the file is not kept
            if (!file.commit())
                return makeError(
                    ErrorCode::Storage,
                    tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
            return tr("%1: %2 members written to %3. The file holds phone numbers: keep it safe and delete "
                      "it when "
                      "the calls are done.")
                .arg(Statistics::listTitle(list), UiText::points(written.value()),
                     QDir::toNativeSeparators(path));
        },
        tr("Exporting the list…"), true,
        [this](bool ok, const QString &message) {
            showStatus(message, ok);
            emit exportFinished(ok, message);
        });
}

void ManagerDashboard::showStatus(const QString &text, bool ok)
{
    m_status->setStyleSheet(theme::bannerStyle(ok ? theme::Tone::Success : theme::Tone::Error));
    m_status->setText(text);
    m_status->show();
}

} // namespace counterpart
