#pragma once

// Read queries the till's use cases need beyond the basic stores: history, void candidates, expiry
// candidates and lots, redemption limits.

#include "core/Loyalty.h"
#include "core/Result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace counterpart {

class Database;

struct HistoryRow {
    QByteArray entryId;
    qint64 atMs = 0;
    QString kind;
    qint64 points = 0;
    QString receipt;        // of the linked purchase, if any
    qint64 amountMinor = 0; // of the linked purchase, if any
    QString reward;
    QString reason;
    QString cashier;
};

class TillQueries
{
public:
    explicit TillQueries(Database &db)
        : m_db(db)
    {}

    Result<QList<HistoryRow>> history(qint64 member, int limit);
    // Every credit (points > 0) of a member as an expiry lot and every debit, in ledger order.
    Status lotsAndDebits(qint64 member, QList<PointsLot> &lots, QList<PointsDebit> &debits);
    // Members holding credits that expire in (afterMs, untilMs].
    Result<QList<qint64>> membersWithCreditsExpiring(qint64 afterMs, qint64 untilMs);
    // Points redeemed for `reward` (empty: for anything) by the member since `sinceMs` (not voided).
    Result<qint64> redeemedQuantitySince(qint64 member, const QString &reward, qint64 sinceMs);
    // Redemptions of the member still waiting in the outbox: what was redeemed while offline.
    Result<qint64> pendingRedeemedPoints(qint64 member);
    // The member's newest earn or redeem entry (not already voided).
    struct LastAction {
        qint64 entryLocalId = 0;
        QString kind;
        qint64 atMs = 0;
        std::optional<qint64> purchase;
        QString cashier;
    };
    Result<std::optional<LastAction>> lastVoidableAction(qint64 member);
    // Ledger entries linked to a purchase (earn and gifts), with their points.
    struct LinkedEntry {
        qint64 localId = 0;
        QString kind;
        qint64 points = 0;
    };
    Result<QList<LinkedEntry>> entriesForPurchase(qint64 purchase);
    // The gift points (first purchase, birthday) each of the member's purchases brought: purchase local
    // id -> points. What the earn gave with the purchase, so a visit shows what the cashier promised.
    Result<QHash<qint64, qint64>> giftPointsByPurchase(qint64 member);
    // Members above the entry tier (candidates for a scheduled downgrade), in local id order.
    Result<QList<qint64>> membersAboveTier(const QString &entryTier, qint64 afterLocalId, int limit);
    Result<qint64> maxPendingOutboxSeq();
    // Redemptions of the member on a receipt that are neither voided nor restored yet:
    // (entry local id, points spent as a positive number).
    Result<QList<std::pair<qint64, qint64>>> redeemedOnReceipt(qint64 member, const QString &storeId,
                                                               const QString &receipt);
    // A voided purchase never happened: the gifts it brought may be given again.
    Status revokeGiftsForPurchase(qint64 member, qint64 purchase);

private:
    Database &m_db;
};

} // namespace counterpart
