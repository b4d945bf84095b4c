// The purchase an op touches: an earn records its purchase (once; its receipt only once per store), a
// refund adds to what was refunded, a void voids it.

#include "server/apply/Apply.h"

namespace counterpart::server {

using namespace counterpart::sync;

Result<Apply::Touched> Apply::touchPurchase(const ParsedOp &p, const MemberRecord &member)
{
    switch (p.kind) {
    case OpKind::Earn:
        return earnPurchase(p, member);
    case OpKind::Refund:
        return refundPurchase(p);
    case OpKind::Void:
        if (!p.voidedPurchase.isEmpty())
            return voidPurchase(p);
        return Touched{};
    default:
        return Touched{};
    }
}

Result<Apply::Touched> Apply::earnPurchase(const ParsedOp &p, const MemberRecord &member)
{
    const WirePurchase &pur = *p.purchase;
    // This purchase already here (another op carried it), or its receipt taken by another.
    CP_TRY_ASSIGN(const BatchFacts::PurchaseFacts facts, m_facts.purchaseFacts(pur, p.store));
    if (!facts.known) {
        if (!facts.receiptHolder.isEmpty())
            return Touched{
                pur.id,
                Rejection{reason::ReceiptTaken,
                          QStringLiteral("Receipt %1 at %2 already earned points for another purchase.")
                              .arg(pur.receipt, p.store)}};
        m_facts.queuePurchase({pur, p.store, member.id, p.terminal});
        m_log.purchase(pur.id);
    }
    return Touched{pur.id, std::nullopt};
}

Result<Apply::Touched> Apply::refundPurchase(const ParsedOp &p)
{
    const WireRefund &refund = *p.refund;
    auto pur =
        m_c.query(QStringLiteral("SELECT amount, refunded FROM purchases WHERE id = $1") + m_c.forUpdate(),
                  {refund.purchase});
    if (!pur)
        return pur.error();
    if (pur->isEmpty())
        return Touched{
            refund.purchase,
            Rejection{reason::UnknownPurchase,
                      QStringLiteral("The server does not know purchase %1.").arg(refund.purchase)}};
    auto inserted =
        m_c.query(QStringLiteral(R"(INSERT INTO refunds (id, purchase, amount, at, terminal, op_id)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id)"),
                  {refund.id, refund.purchase, refund.amountMinor, refund.at, p.terminal, p.opId});
    if (!inserted)
        return inserted.error();
    if (!inserted->isEmpty()) {
        const qint64 refunded = std::min(pur->int64(0, 0), pur->int64(0, 1) + refund.amountMinor);
        CP_TRY(m_c.exec(QStringLiteral("UPDATE purchases SET refunded = $2 WHERE id = $1"),
                        {refund.purchase, refunded}));
        m_log.purchase(refund.purchase);
    }
    return Touched{refund.purchase, std::nullopt};
}

Result<Apply::Touched> Apply::voidPurchase(const ParsedOp &p)
{
    auto voided =
        m_c.query(QStringLiteral("UPDATE purchases SET voided = 1 WHERE id = $1 AND voided = 0 RETURNING id"),
                  {p.voidedPurchase});
    if (!voided)
        return voided.error();
    if (!voided->isEmpty())
        m_log.purchase(p.voidedPurchase);
    return Touched{p.voidedPurchase, std::nullopt};
}

} // namespace counterpart::server
