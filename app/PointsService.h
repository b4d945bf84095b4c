#pragma once

// Points: earning, redeeming, refunds, adjustments and voids, and the history they leave. Every
// points change is a ledger entry written in one transaction with its outbox operation and audit row.

#include "app/Till.h"

namespace counterpart {

class TillContext;

class PointsService
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    explicit PointsService(TillContext &ctx)
        : m_ctx(ctx)
    {}

    // A receipt earns once per store: refused, naming who earned it and when, if it did already.
    static Status receiptNotEarned(TillContext &ctx, const QString &receipt);

    Result<EarnOutcome> previewEarn(const EarnRequest &request);
    Result<EarnOutcome> earn(const EarnRequest &request);
    Result<RedeemOutcome> redeem(const RedeemRequest &request);
    // What redeem() would take, checked the same way (balance, holds, offline cap), writing nothing.
    Result<RedeemOutcome> previewRedeem(const RedeemRequest &request);
    Result<QString> phoneDigitsQuestion(const RedeemRequest &request);
    Result<RefundOutcome> refund(const RefundRequest &request,
                                 const std::optional<ManagerApproval> &approval);
    // What refund() would move and the balance after, writing nothing and asking for no manager.
    Result<RefundOutcome> previewRefund(const RefundRequest &request);
    Result<Member> adjust(const QString &member, qint64 points, const QString &reason,
                          const std::optional<ManagerApproval> &approval);
    Result<VoidOutcome> voidLast(const QString &member, const QString &reason,
                                 const std::optional<ManagerApproval> &approval);

    Result<QList<HistoryItem>> history(const Uuid &memberId, int limit);
    Result<QList<PurchaseSummary>> purchases(const Uuid &memberId, int limit);
    // The member's purchase on `receipt` at this store, however old; empty when they have none there.
    Result<std::optional<PurchaseSummary>> purchaseOnReceipt(const Uuid &memberId, const QString &receipt);

private:
    TillContext &m_ctx;
};

} // namespace counterpart
