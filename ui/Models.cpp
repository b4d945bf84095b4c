#include "ui/Models.h"

#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QBrush>
#include <QColor>

namespace counterpart {

namespace {

QVariant numberAlignment()
{
    return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
}

} // namespace

// --- the tables' common part ---------------------------------------------------------------------

TillTableModel::TillTableModel(const Till &till, int columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_till(till)
    , m_columns(columns)
{}

int TillTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows());
}

int TillTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant TillTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    const QStringList texts = headers();
    return section >= 0 && section < texts.size() ? QVariant(texts.at(section)) : QVariant();
}

bool TillTableModel::isRow(const QModelIndex &index) const
{
    return index.isValid() && !index.parent().isValid() && index.row() >= 0 && index.row() < rows() &&
           index.column() >= 0 && index.column() < m_columns;
}

// --- candidates ----------------------------------------------------------------------------------

CandidateModel::CandidateModel(const Till &till, QObject *parent)
    : TillTableModel(till, ColumnCount, parent)
{}

void CandidateModel::setMembers(const QList<Member> &members)
{
    replaceRows(m_members, members);
}

QStringList CandidateModel::headers() const
{
    return {tr("Name"), tr("Phone"), tr("Tier"), tr("Member number"), tr("Points"), tr("Last visit")};
}

QString CandidateModel::cell(const Member &m, int column) const
{
    switch (column) {
    case Name:
        return m.name;
    case Phone:
        return m.phone.masked(m_till.config().region);
    case Tier:
        return UiText::tierName(m_till, m.tier);
    case Code:
        return UiText::memberNumber(m.code);
    case Balance:
        return UiText::points(m.balance);
    case LastVisit:
        return m.lastVisitAtMs ? UiText::day(m_till, m_till.localDate(*m.lastVisitAtMs)) : tr("no visit yet");
    default:
        return {};
    }
}

QVariant CandidateModel::data(const QModelIndex &index, int role) const
{
    if (!isRow(index))
        return {};
    const Member &m = m_members.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return cell(m, index.column());
    case Qt::AccessibleTextRole: {
        QStringList all;
        for (int column = 0; column < ColumnCount; ++column)
            all << cell(m, column);
        return all.join(QStringLiteral(", "));
    }
    case Qt::TextAlignmentRole:
        return index.column() == Balance ? numberAlignment() : QVariant();
    case MemberIdRole:
        return m.id.toString();
    default:
        return {};
    }
}

// --- history -------------------------------------------------------------------------------------

HistoryModel::HistoryModel(const Till &till, QObject *parent)
    : TillTableModel(till, ColumnCount, parent)
{}

void HistoryModel::setItems(const QList<HistoryItem> &items)
{
    replaceRows(m_items, items);
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!isRow(index))
        return {};
    const HistoryItem &item = m_items.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case When:
            return UiText::dateTime(m_till, item.atMs);
        case What:
            return UiText::historyKind(item.kind);
        case Points:
            return item.points > 0 ? QStringLiteral("+") + UiText::points(item.points)
                                   : UiText::points(item.points);
        case Details: {
            QStringList parts;
            if (!item.receipt.isEmpty())
                parts << tr("receipt %1").arg(item.receipt);
            if (item.amountMinor > 0)
                parts << UiText::money(m_till, item.amountMinor);
            if (!item.reward.isEmpty())
                parts << UiText::rewardName(m_till, item.reward);
            if (!item.reason.isEmpty())
                parts << item.reason;
            return parts.join(QStringLiteral(" · "));
        }
        case Cashier:
            return item.cashier;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() == Points)
        return numberAlignment();
    if (role == Qt::ForegroundRole && index.column() == Points)
        return QBrush(theme::colour(item.points < 0 ? theme::Colour::Loss : theme::Colour::Gain));
    return {};
}

QStringList HistoryModel::headers() const
{
    return {tr("When"), tr("What"), tr("Points"), tr("Details"), tr("Staff")};
}

// --- purchases -----------------------------------------------------------------------------------

PurchaseModel::PurchaseModel(const Till &till, QObject *parent)
    : TillTableModel(till, ColumnCount, parent)
{}

void PurchaseModel::setPurchases(const QList<PurchaseSummary> &purchases)
{
    replaceRows(m_purchases, purchases);
}

QVariant PurchaseModel::data(const QModelIndex &index, int role) const
{
    if (!isRow(index))
        return {};
    const PurchaseSummary &p = m_purchases.at(index.row());
    const qint64 remaining = p.voided ? 0 : p.amountMinor - p.refundedMinor;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case When:
            return UiText::dateTime(m_till, p.atMs);
        case Receipt:
            return p.receipt;
        case Amount:
            return UiText::money(m_till, p.amountMinor);
        case Refunded:
            return p.refundedMinor > 0 ? UiText::money(m_till, p.refundedMinor) : QString();
        case Points:
            return UiText::points(p.pointsEarned + p.giftPoints);
        case State:
            if (p.voided)
                return tr("Voided");
            if (remaining <= 0)
                return tr("Refunded in full");
            if (p.refundedMinor > 0)
                return tr("%1 left").arg(UiText::money(m_till, remaining));
            return tr("Can be refunded");
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Amount || index.column() == Refunded || index.column() == Points)
            return numberAlignment();
        return {};
    case ReceiptRole:
        return p.receipt;
    case RemainingMinorRole:
        return remaining;
    case RefundableRole:
        return remaining > 0;
    default:
        return {};
    }
}

QStringList PurchaseModel::headers() const
{
    return {tr("When"), tr("Receipt"), tr("Amount"), tr("Refunded"), tr("Points"), tr("Refund")};
}

Qt::ItemFlags PurchaseModel::flags(const QModelIndex &index) const
{
    if (!isRow(index))
        return Qt::NoItemFlags;
    const PurchaseSummary &p = m_purchases.at(index.row());
    const bool refundable = !p.voided && p.amountMinor > p.refundedMinor;
    return refundable ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                      : Qt::ItemNeverHasChildren;
}

// --- catalogue -----------------------------------------------------------------------------------

CatalogueModel::CatalogueModel(const Till &till, QObject *parent)
    : TillTableModel(till, ColumnCount, parent)
{}

void CatalogueModel::setBalance(qint64 balance)
{
    beginResetModel();
    m_rewards = m_till.rules().redemption.catalogue;
    m_balance = balance;
    endResetModel();
}

bool CatalogueModel::affords(const LoyaltyRules &rules, qint64 balance, const counterpart::Reward &reward)
{
    return balance >= reward.costPoints && balance >= rules.redemption.minimumBalance;
}

bool CatalogueModel::isAffordable(int row) const
{
    if (row < 0 || row >= m_rewards.size())
        return false;
    return affords(m_till.rules(), m_balance, m_rewards.at(row));
}

int CatalogueModel::rowOf(const QString &rewardId) const
{
    for (int row = 0; row < m_rewards.size(); ++row) {
        if (m_rewards.at(row).id == rewardId)
            return row;
    }
    return -1;
}

QVariant CatalogueModel::data(const QModelIndex &index, int role) const
{
    if (!isRow(index))
        return {};
    const counterpart::Reward &r = m_rewards.at(index.row());
    const bool affordable = isAffordable(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Reward:
            return r.name.text(m_till.config().language);
        case Cost:
            return UiText::points(r.costPoints);
        case Status: {
            if (affordable)
                return r.limitPerDay > 0 ? tr("Can redeem (%n a day)", nullptr, r.limitPerDay)
                                         : tr("Can redeem");
            const qint64 minimum = m_till.rules().redemption.minimumBalance;
            const qint64 needed = qMax<qint64>(r.costPoints, minimum) - m_balance;
            return tr("%1 more points needed").arg(UiText::points(needed));
        }
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Cost ? numberAlignment() : QVariant();
    case Qt::ForegroundRole:
        if (!affordable)
            return QBrush(theme::colour(theme::Colour::Disabled));
        return index.column() == Status ? QBrush(theme::colour(theme::Colour::Gain)) : QVariant();
    case RewardIdRole:
        return r.id;
    case CostPointsRole:
        return r.costPoints;
    case AffordableRole:
        return affordable;
    default:
        return {};
    }
}

QStringList CatalogueModel::headers() const
{
    return {tr("Reward"), tr("Points"), tr("Now")};
}

Qt::ItemFlags CatalogueModel::flags(const QModelIndex &index) const
{
    if (!isRow(index))
        return Qt::NoItemFlags;
    return isAffordable(index.row()) ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                                     : Qt::ItemNeverHasChildren;
}

} // namespace counterpart
