#pragma once

// Item models of the till's lists. Each holds a copy of what the app layer returned; the screens call
// set...() again after anything changes.

#include "app/Till.h"

#include <QAbstractTableModel>

namespace counterpart {

enum ModelRole {
    MemberIdRole = Qt::UserRole + 1, // QString: the member's uuid
    ReceiptRole,                     // QString
    RemainingMinorRole,              // qint64: what is left of a purchase to refund
    RefundableRole,                  // bool
    RewardIdRole,                    // QString
    CostPointsRole,                  // int
    AffordableRole,                  // bool
};

// A flat table of rows the app layer returned: the row and column counts, the headers and the row check
// every table here shares. A subclass gives its column count, its rows' count and its headers
// (translated, in column order).
class TillTableModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    TillTableModel(const Till &till, int columns, QObject *parent);
    virtual qsizetype rows() const = 0;
    virtual QStringList headers() const = 0;
    // Quietly false for an index that is not one of this table's rows (views and the model tester ask
    // about invalid indexes on purpose).
    bool isRow(const QModelIndex &index) const;
    template<typename List>
    void replaceRows(List &rows, const List &with)
    {
        beginResetModel();
        rows = with;
        endResetModel();
    }

    const Till &m_till;

private:
    const int m_columns;
};

// Members a last-four or name search found, to pick one by arrow keys or touch: one row each, in
// columns that line up (name, masked phone, tier, member number, balance, last visit).
class CandidateModel : public TillTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Phone, Tier, Code, Balance, LastVisit, ColumnCount };
    explicit CandidateModel(const Till &till, QObject *parent = nullptr);
    void setMembers(const QList<Member> &members);
    const QList<Member> &members() const { return m_members; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    qsizetype rows() const override { return m_members.size(); }
    QStringList headers() const override;
    QString cell(const Member &m, int column) const;
    QList<Member> m_members;
};

// A member's points history, newest first.
class HistoryModel : public TillTableModel
{
    Q_OBJECT

public:
    enum Column { When, What, Points, Details, Cashier, ColumnCount };
    explicit HistoryModel(const Till &till, QObject *parent = nullptr);
    void setItems(const QList<HistoryItem> &items);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    qsizetype rows() const override { return m_items.size(); }
    QStringList headers() const override;
    QList<HistoryItem> m_items;
};

// A member's purchases, to pick the one to refund. Voided and fully refunded ones cannot be picked.
class PurchaseModel : public TillTableModel
{
    Q_OBJECT

public:
    enum Column { When, Receipt, Amount, Refunded, Points, State, ColumnCount };
    explicit PurchaseModel(const Till &till, QObject *parent = nullptr);
    void setPurchases(const QList<PurchaseSummary> &purchases);
    const QList<PurchaseSummary> &purchases() const { return m_purchases; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    qsizetype rows() const override { return m_purchases.size(); }
    QStringList headers() const override;
    QList<PurchaseSummary> m_purchases;
};

// The redemption catalogue, with what the member's balance can buy now.
class CatalogueModel : public TillTableModel
{
    Q_OBJECT

public:
    enum Column { Reward, Cost, Status, ColumnCount };
    explicit CatalogueModel(const Till &till, QObject *parent = nullptr);
    // Reloads the catalogue from the till's rules and marks what `balance` affords.
    void setBalance(qint64 balance);
    bool isAffordable(int row) const;
    // Whether `balance` buys `reward` now: the member card's rewards and the redeem dialog agree.
    static bool affords(const LoyaltyRules &rules, qint64 balance, const counterpart::Reward &reward);
    // The row of the reward with this id, or -1.
    int rowOf(const QString &rewardId) const;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    qsizetype rows() const override { return m_rewards.size(); }
    QStringList headers() const override;
    QList<counterpart::Reward> m_rewards;
    qint64 m_balance = 0;
};

} // namespace counterpart
