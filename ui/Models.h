#pragma once

// Item models of the till's lists. Each holds a copy of what the app layer returned; the screens call
// set...() again after anything changes.

#include "app/Till.h"

#include <QAbstractListModel>
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

// Members a last-four or name search found, to pick one by arrow keys or touch.
class CandidateModel : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit CandidateModel(const Till &till, QObject *parent = nullptr);
    void setMembers(const QList<Member> &members);
    const QList<Member> &members() const { return m_members; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    const Till &m_till;
    QList<Member> m_members;
};

// A member's points history, newest first.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { When, What, Points, Details, Cashier, ColumnCount };
    explicit HistoryModel(const Till &till, QObject *parent = nullptr);
    void setItems(const QList<HistoryItem> &items);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const Till &m_till;
    QList<HistoryItem> m_items;
};

// A member's purchases, to pick the one to refund. Voided and fully refunded ones cannot be picked.
class PurchaseModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { When, Receipt, Amount, Refunded, Points, State, ColumnCount };
    explicit PurchaseModel(const Till &till, QObject *parent = nullptr);
    void setPurchases(const QList<PurchaseSummary> &purchases);
    const QList<PurchaseSummary> &purchases() const { return m_purchases; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    const Till &m_till;
    QList<PurchaseSummary> m_purchases;
};

// The redemption catalogue, with what the member's balance can buy now.
class CatalogueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Reward, Cost, Status, ColumnCount };
    explicit CatalogueModel(const Till &till, QObject *parent = nullptr);
    // Reloads the catalogue from the till's rules and marks what `balance` affords.
    void setBalance(qint64 balance);
    bool isAffordable(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    const Till &m_till;
    QList<counterpart::Reward> m_rewards;
    qint64 m_balance = 0;
};

} // namespace counterpart
