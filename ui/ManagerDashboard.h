#pragma once

// The store manager's view (behind the manager PIN): today's, a chosen day's or a range's member figures
// next to the period before, the 30-day trend and the tiers as charts, the lists of members to call with
// their phone numbers and a CSV export, and the one-page report as PDF. The figures come from maintained
// aggregates and are read on the UI thread (well under the 300 ms budget at chain size, see
// docs/benchmarks.md); the lists, which may read many members, load on a thread of their own.

#include "app/Statistics.h"
#include "ui/Dialogs.h"
#include "ui/TillSession.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>
#include <QPointer>

class QChartView;
class QComboBox;
class QDateEdit;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTableView;

namespace counterpart {

class BackgroundTask;

// One list of members to act on, as a table: name, phone (in full), tier, last visit, visits, and what
// the list is about (spend, expiring points, birthday, joining day).
class MemberListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    MemberListModel(const Till &till, QObject *parent = nullptr);

    void reset(MemberList list, const QList<ListMember> &rows);
    void append(const QList<ListMember> &rows);
    MemberList list() const { return m_list; }
    const ListMember &member(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    enum class Column {
        Name,
        Phone,
        Tier,
        LastVisit,
        Visits,
        Spend,
        Expiring,
        Worth,
        ExpiresOn,
        Birthday,
        Joined,
        Code
    };
    QList<Column> columnsFor(MemberList list) const;

    const Till &m_till;
    MemberList m_list = MemberList::Champions;
    QList<Column> m_columns;
    QList<ListMember> m_rows;
};

class ManagerDashboard : public TillDialog
{
    Q_OBJECT

public:
    ManagerDashboard(const TillSession &session, const Operator &manager, QWidget *parent);
    ~ManagerDashboard() override;

    enum Tab { FiguresTab = 0, ChartsTab = 1, ListsTab = 2 };
    void showTab(Tab tab);
    // What the period picker does: the figures of local days [from, to].
    void showPeriod(const QDate &from, const QDate &to);
    void showList(MemberList list);
    // The one-page report of the period shown, as PDF (what the report button does after its file dialog).
    bool writeReport(const QString &path);
    // The list shown, as CSV, in the background (what the export button does after its file dialog).
    void exportList(const QString &path);

    const Dashboard &dashboard() const { return m_dashboard; }
    MemberListModel *listModel() const { return m_model; }
    bool isListLoading() const;
    bool areCountsLoaded() const { return m_summaries.size() == Statistics::allLists().size(); }
    QList<ListSummary> listSummaries() const;

signals:
    void figuresShown();
    void listLoaded();
    void countsLoaded();
    void exportFinished(bool ok, const QString &message);

private:
    struct Card {
        QLabel *value = nullptr;
        QLabel *compare = nullptr;
        QLabel *detail = nullptr;
    };
    QHBoxLayout *buildTopRow();
    QWidget *buildFigures();
    QWidget *buildCharts();
    QWidget *buildLists();
    Card addCard(QGridLayout *grid, int row, int column, const QString &key, const QString &title);
    void setCard(const QString &key, const QString &value, qint64 now, qint64 before,
                 const QString &beforeText, bool upIsGood, const QString &detail = {});
    void periodChosen(int index);
    void scopeChosen();
    void refresh();
    void showCharts();
    void loadList(bool more);
    void loadCounts();
    void updateListChoice();
    QString listExplanation(MemberList list) const;
    void chooseReportFile();
    void chooseExportFile();
    void showStatus(const QString &text, bool ok);

    TillSession m_session;
    Operator m_manager;
    Dashboard m_dashboard;
    StatsScope m_scope = StatsScope::Store;
    QComboBox *m_scopeChoice = nullptr;
    QComboBox *m_period = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QLabel *m_periodText = nullptr;
    QTabWidget *m_tabs = nullptr;
    QHash<QString, Card> m_cards;
    QComboBox *m_trendKind = nullptr;
    QChartView *m_trendView = nullptr;
    QChartView *m_tierView = nullptr;
    QListWidget *m_listChoice = nullptr;
    QLabel *m_listTitle = nullptr;
    QLabel *m_listExplanation = nullptr;
    QTableView *m_table = nullptr;
    MemberListModel *m_model = nullptr;
    QLabel *m_listStatus = nullptr;
    QPushButton *m_more = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_status = nullptr;
    QPointer<BackgroundTask> m_listTask;
    QPointer<BackgroundTask> m_countsTask;
    int m_listGeneration = 0;
    int m_nextOffset = 0;
    QDate m_listDate;
    QHash<int, ListSummary> m_summaries; // by MemberList
};

} // namespace counterpart
