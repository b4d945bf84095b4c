#include "app/PosLink.h"

#include "app/TillContext.h"
#include "core/Staff.h"
#include "core/Uuid.h"
#include "storage/Crypto.h"
#include "storage/Database.h"
#include "storage/PosStore.h"
#include "storage/Stores.h"

#include <QCryptographicHash>
#include <QJsonObject>

namespace counterpart {

namespace {

constexpr int MaxLines = 500;
constexpr int MaxTextLength = 64;
constexpr int MaxNameLength = 40;

} // namespace

PosLink::PosLink(Till &till)
    : m_till(till)
{}

QByteArray PosLink::hashToken(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

// --- tokens -------------------------------------------------------------------------------------------

Status PosLink::asManager(const QString &what, const std::optional<ManagerApproval> &approval,
                          const std::function<Status(const QString &approvedBy)> &work)
{
    TillContext &ctx = m_till.context();
    QString approvedBy;
    CP_TRY(ctx.requireManager(approval, what, &approvedBy));
    Transaction tx(ctx.db());
    CP_TRY(tx.begin());
    CP_TRY(work(approvedBy));
    return tx.commit();
}

Result<QString> PosLink::addClient(const QString &name, const std::optional<ManagerApproval> &approval)
{
    TillContext &ctx = m_till.context();
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > MaxNameLength)
        return makeError(ErrorCode::InvalidInput, tr("Give the POS a name of 1 to %1 characters, such as "
                                                     "\"Counter 1\".")
                                                      .arg(MaxNameLength));
    const QByteArray secret = secureRandomBytes(32);
    if (secret.size() != 32)
        return makeError(ErrorCode::Crypto, tr("The till could not make a token. Nothing was saved."));
    const QString token =
        QStringLiteral("cpp_") +
        QString::fromLatin1(secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    CP_TRY(asManager(tr("Connecting a POS"), approval, [&](const QString &approvedBy) -> Status {
        PosStore store(ctx.db());
        CP_TRY_ASSIGN(const auto existing, store.clientByName(trimmed));
        if (existing)
            return makeError(
                ErrorCode::Conflict,
                tr("A POS named %1 is already connected. Choose another name, or revoke it first.")
                    .arg(trimmed));
        PosClientRow row;
        row.name = trimmed;
        row.tokenHash = hashToken(token.toLatin1());
        row.createdAtMs = ctx.clock().nowMs();
        row.createdBy = approvedBy.isEmpty() ? ctx.currentOperator().id : approvedBy;
        CP_TRY_ASSIGN(const qint64 id, store.addClient(row));
        Q_UNUSED(id);
        return ctx.audit(QStringLiteral("pos.connect"), std::nullopt, {}, approvedBy,
                         QJsonObject{{QStringLiteral("pos"), trimmed}});
    }));
    return token;
}

Result<QList<PosClient>> PosLink::clients()
{
    CP_TRY_ASSIGN(const QList<PosClientRow> rows, PosStore(m_till.context().db()).clients());
    QList<PosClient> out;
    for (const PosClientRow &r : rows)
        out.append(PosClient{r.name, r.createdAtMs, r.createdBy, r.revokedAtMs, r.lastUsedAtMs});
    return out;
}

Status PosLink::revokeClient(const QString &name, const std::optional<ManagerApproval> &approval)
{
    TillContext &ctx = m_till.context();
    return asManager(tr("Disconnecting a POS"), approval, [&](const QString &approvedBy) -> Status {
        PosStore store(ctx.db());
        CP_TRY_ASSIGN(const auto client, store.clientByName(name.trimmed()));
        if (!client || client->revokedAtMs)
            return makeError(ErrorCode::NotFound, tr("No connected POS is named %1.").arg(name.trimmed()));
        CP_TRY(store.revokeClient(client->id, ctx.clock().nowMs()));
        return ctx.audit(QStringLiteral("pos.revoke"), std::nullopt, {}, approvedBy,
                         QJsonObject{{QStringLiteral("pos"), client->name}});
    });
}

Result<PosListen> PosLink::listenSetting()
{
    SettingsStore settings(m_till.context().db());
    PosListen out;
    CP_TRY_ASSIGN(const auto listen, settings.get(QStringLiteral("pos_listen")));
    CP_TRY_ASSIGN(const auto cert, settings.get(QStringLiteral("pos_cert")));
    CP_TRY_ASSIGN(const auto key, settings.get(QStringLiteral("pos_key")));
    out.listen = listen.value_or(QString());
    out.certFile = cert.value_or(QString());
    out.keyFile = key.value_or(QString());
    return out;
}

Status PosLink::setListen(const PosListen &listen, const std::optional<ManagerApproval> &approval)
{
    TillContext &ctx = m_till.context();
    return asManager(tr("Setting up the POS link"), approval, [&](const QString &approvedBy) -> Status {
        SettingsStore settings(ctx.db());
        const std::pair<const char *, QString> values[] = {{"pos_listen", listen.listen.trimmed()},
                                                           {"pos_cert", listen.certFile},
                                                           {"pos_key", listen.keyFile}};
        for (const auto &[key, value] : values) {
            if (value.isEmpty())
                CP_TRY(settings.remove(QString::fromLatin1(key)));
            else
                CP_TRY(settings.set(QString::fromLatin1(key), value));
        }
        return ctx.audit(QStringLiteral("pos.listen"), std::nullopt, {}, approvedBy,
                         QJsonObject{{QStringLiteral("listen"), listen.listen.trimmed()}});
    });
}

Result<PosCaller> PosLink::authenticate(const QByteArray &token)
{
    TillContext &ctx = m_till.context();
    if (token.isEmpty())
        return makeError(ErrorCode::PermissionDenied,
                         tr("The request carries no POS token. A manager makes one at the till."));
    CP_TRY_ASSIGN(const auto client, PosStore(ctx.db()).clientByTokenHash(hashToken(token)));
    if (!client)
        return makeError(ErrorCode::PermissionDenied,
                         tr("This POS token is not known at this till. A manager makes one at the till."));
    if (client->revokedAtMs)
        return makeError(ErrorCode::PermissionDenied,
                         tr("The POS %1 has been disconnected from this till.").arg(client->name));
    // Last use to the minute is enough to list, and spares a write on every request.
    const qint64 now = ctx.clock().nowMs();
    if (!client->lastUsedAtMs || now - *client->lastUsedAtMs > 60'000)
        CP_TRY(PosStore(ctx.db()).touchClient(client->id, now));
    return PosCaller{client->id, client->name};
}

// --- who acts ------------------------------------------------------------------------------------------

// A POS acts for a cashier of this till, never with more than a cashier's rights: the staff id it names,
// or else the person signed in at the till.
Result<Operator> PosLink::actingCashier(const QString &cashier)
{
    TillContext &ctx = m_till.context();
    if (!cashier.trimmed().isEmpty()) {
        CP_TRY_ASSIGN(const auto row, CashierStore(ctx.db()).byId(cashier.trimmed()));
        if (!row || !row->active)
            return makeError(ErrorCode::PermissionDenied,
                             tr("Staff id %1 cannot work at this till.").arg(cashier.trimmed()));
        return Operator{row->id, row->name, Role::Cashier};
    }
    const Operator &on = ctx.currentOperator();
    if (on.id.isEmpty() || on.role == Role::System)
        return makeError(ErrorCode::Refused,
                         tr("Nobody is signed in at the till, and the POS named no cashier."));
    return Operator{on.id, on.name, Role::Cashier};
}

Result<PosAnswer> PosLink::once(const PosCaller &caller, const QString &key, const QByteArray &fingerprint,
                                const QString &cashier, const std::function<Result<QByteArray>()> &work)
{
    TillContext &ctx = m_till.context();
    CP_TRY_ASSIGN(const Operator acting, actingCashier(cashier));
    const OperatorScope scope(ctx, acting);
    Transaction tx(ctx.db());
    CP_TRY(tx.begin());
    PosStore store(ctx.db());
    CP_TRY_ASSIGN(const auto earlier, store.request(key));
    if (earlier) {
        if (earlier->fingerprint != fingerprint)
            return makeError(ErrorCode::Conflict,
                             tr("This was already sent with other content (%1). Nothing was changed; send a "
                                "new number for a new sale or return.")
                                 .arg(key));
        return PosAnswer{earlier->response, true};
    }
    auto body = work();
    if (!body) {
        // What the use case chose to keep (a wrong answer to the phone question) stays.
        CP_TRY(tx.commit());
        return body.error();
    }
    const qint64 now = ctx.clock().nowMs();
    CP_TRY(store.addRequest(PosRequestRow{key, caller.clientId, fingerprint, body.value(), now}));
    CP_TRY(ctx.audit(QStringLiteral("pos.request"), std::nullopt, {}, {},
                     QJsonObject{{QStringLiteral("pos"), caller.name}, {QStringLiteral("key"), key}}));
    CP_TRY(tx.commit());
    return PosAnswer{body.value(), false};
}

// --- the sale ------------------------------------------------------------------------------------------

Result<std::pair<qint64, qint64>> PosLink::basketTotals(const QList<BasketLine> &lines, QStringList *excluded)
{
    if (lines.isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("The basket has no lines."));
    if (lines.size() > MaxLines)
        return makeError(ErrorCode::InvalidInput, tr("A basket has at most %1 lines.").arg(MaxLines));
    const QList<QString> &categories = m_till.rules().earning.excludedCategories;
    qint64 total = 0;
    qint64 excludedMinor = 0;
    for (const BasketLine &line : lines) {
        if (line.sku.size() > MaxTextLength || line.category.size() > MaxTextLength)
            return makeError(ErrorCode::InvalidInput,
                             tr("A line's SKU and category have at most %1 characters.").arg(MaxTextLength));
        if (!(line.quantity > 0) || line.amountMinor < 0 || line.amountMinor > 1'000'000'000'000LL)
            return makeError(
                ErrorCode::InvalidInput,
                tr("Line %1 needs a quantity above 0 and an amount of 0 or more.").arg(line.sku));
        total += line.amountMinor;
        const bool isExcluded = std::any_of(categories.begin(), categories.end(), [&](const QString &c) {
            return c.compare(line.category, Qt::CaseInsensitive) == 0;
        });
        if (isExcluded) {
            excludedMinor += line.amountMinor;
            if (excluded)
                excluded->append(line.sku);
        }
    }
    return std::pair{total, excludedMinor};
}

Result<LookupResult> PosLink::identify(const QString &query)
{
    if (query.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         tr("Send a phone number, a member code or a scanned QR code."));
    return m_till.lookup(query);
}

Result<PosQuote> PosLink::quote(const PosSale &sale)
{
    PosQuote out;
    CP_TRY_ASSIGN(const auto totals, basketTotals(sale.lines, &out.excludedSkus));
    out.totalMinor = totals.first;
    out.excludedMinor = totals.second;
    CP_TRY_ASSIGN(out.earn,
                  m_till.previewEarn(EarnRequest{sale.member, totals.first, totals.second, sale.receipt}));
    return out;
}

Result<QString> PosLink::receiptQr(const PosSale &sale)
{
    CP_TRY_ASSIGN(const auto totals, basketTotals(sale.lines, nullptr));
    return m_till.receiptQr(sale.receipt, totals.first, totals.first - totals.second);
}

Result<PosAnswer> PosLink::commit(const PosCaller &caller, const PosSale &sale, const QByteArray &fingerprint,
                                  const std::function<QByteArray(const EarnOutcome &)> &encode)
{
    CP_TRY_ASSIGN(const auto totals, basketTotals(sale.lines, nullptr));
    if (sale.receipt.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("Send the sale's receipt number."));
    const QString key = QStringLiteral("sale:") + sale.receipt.trimmed();
    return once(caller, key, fingerprint, sale.cashier, [&]() -> Result<QByteArray> {
        CP_TRY_ASSIGN(const EarnOutcome out,
                      m_till.earn(EarnRequest{sale.member, totals.first, totals.second, sale.receipt}));
        return encode(out);
    });
}

// --- points held for a sale -------------------------------------------------------------------------------

Result<PosHold> PosLink::hold(const PosCaller &caller, const PosHoldRequest &request)
{
    TillContext &ctx = m_till.context();
    if (request.minutes < 1 || request.minutes > 120)
        return makeError(ErrorCode::InvalidInput, tr("A hold lasts 1 to 120 minutes."));
    if (request.receipt.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput, tr("Send the receipt number the points are for."));
    CP_TRY_ASSIGN(const Operator acting, actingCashier(request.cashier));
    const OperatorScope scope(ctx, acting);
    RedeemRequest redeem;
    redeem.member = request.member;
    redeem.rewardId = request.rewardId;
    redeem.discountPoints = request.discountPoints;
    redeem.quantity = request.quantity;
    redeem.receipt = request.receipt.trimmed();
    Transaction tx(ctx.db());
    CP_TRY(tx.begin());
    CP_TRY_ASSIGN(const RedeemOutcome priced, m_till.previewRedeem(redeem));
    CP_TRY_ASSIGN(const Member member, m_till.resolve(request.member));
    CP_TRY_ASSIGN(const MemberRow row, ctx.rowById(member.id));
    PosHold out;
    CP_TRY_ASSIGN(out.phoneDigitsQuestion, m_till.phoneDigitsQuestion(redeem));
    const qint64 now = ctx.clock().nowMs();
    PosHoldRow hold;
    hold.id = Uuid::createV7(ctx.clock()).toString();
    hold.client = caller.clientId;
    hold.member = row.localId;
    hold.points = priced.points;
    hold.discountMinor = priced.discountMinor;
    hold.reward = request.rewardId; // empty for points off the bill
    hold.quantity = request.quantity;
    hold.receipt = redeem.receipt;
    hold.foundWith = request.member;
    hold.createdAtMs = now;
    hold.expiresAtMs = now + qint64(request.minutes) * 60'000;
    CP_TRY(PosStore(ctx.db()).addHold(hold));
    CP_TRY(ctx.audit(QStringLiteral("pos.hold"), row.localId, {}, {},
                     QJsonObject{{QStringLiteral("pos"), caller.name},
                                 {QStringLiteral("receipt"), hold.receipt},
                                 {QStringLiteral("points"), hold.points}}));
    CP_TRY_ASSIGN(const qint64 held, PosStore(ctx.db()).heldPoints(row.localId, now));
    CP_TRY(tx.commit());
    out.id = hold.id;
    out.points = hold.points;
    out.discountMinor = hold.discountMinor;
    out.rewardId = hold.reward;
    out.expiresAtMs = hold.expiresAtMs;
    out.member = member;
    out.availablePoints = qMax<qint64>(0, member.balance - held);
    return out;
}

Result<PosAnswer> PosLink::capture(const PosCaller &caller, const QString &holdId, const QString &phoneDigits,
                                   const QString &cashier, const QByteArray &fingerprint,
                                   const std::function<QByteArray(const RedeemOutcome &)> &encode)
{
    TillContext &ctx = m_till.context();
    const QString key = QStringLiteral("capture:") + holdId.trimmed();
    return once(caller, key, fingerprint, cashier, [&]() -> Result<QByteArray> {
        PosStore store(ctx.db());
        CP_TRY_ASSIGN(const auto hold, store.hold(holdId.trimmed()));
        if (!hold || hold->client != caller.clientId)
            return makeError(ErrorCode::NotFound, tr("This POS holds no points under %1.").arg(holdId));
        if (hold->state == QLatin1String("released"))
            return makeError(ErrorCode::Conflict, tr("That hold was released; hold the points again."));
        const qint64 now = ctx.clock().nowMs();
        if (hold->state != QLatin1String("held") || hold->expiresAtMs <= now)
            return makeError(ErrorCode::Refused, tr("That hold ran out; hold the points again."));
        RedeemRequest redeem;
        redeem.member = hold->foundWith;
        redeem.foundWith = hold->foundWith;
        redeem.rewardId = hold->reward;
        redeem.discountPoints = hold->reward.isEmpty() ? hold->points : 0;
        redeem.quantity = hold->quantity;
        redeem.receipt = hold->receipt;
        redeem.phoneDigits = phoneDigits;
        redeem.holdId = hold->id;
        CP_TRY_ASSIGN(const RedeemOutcome out, m_till.redeem(redeem));
        CP_TRY(store.endHold(hold->id, QStringLiteral("captured"), now));
        return encode(out);
    });
}

Status PosLink::release(const PosCaller &caller, const QString &holdId, const QString &cashier)
{
    TillContext &ctx = m_till.context();
    CP_TRY_ASSIGN(const Operator acting, actingCashier(cashier));
    const OperatorScope scope(ctx, acting);
    Transaction tx(ctx.db());
    CP_TRY(tx.begin());
    PosStore store(ctx.db());
    CP_TRY_ASSIGN(const auto hold, store.hold(holdId.trimmed()));
    if (!hold || hold->client != caller.clientId)
        return makeError(ErrorCode::NotFound, tr("This POS holds no points under %1.").arg(holdId));
    if (hold->state == QLatin1String("captured"))
        return makeError(ErrorCode::Conflict,
                         tr("Those points were already spent on the sale; refund it instead."));
    if (hold->state == QLatin1String("released"))
        return {}; // released twice: the same outcome
    CP_TRY(store.endHold(hold->id, QStringLiteral("released"), ctx.clock().nowMs()));
    CP_TRY(ctx.audit(QStringLiteral("pos.release"), hold->member, {}, {},
                     QJsonObject{{QStringLiteral("pos"), caller.name},
                                 {QStringLiteral("receipt"), hold->receipt},
                                 {QStringLiteral("points"), hold->points}}));
    return tx.commit();
}

// --- refunds and the receipt ----------------------------------------------------------------------------

Result<PosAnswer> PosLink::refund(const PosCaller &caller, const PosRefund &request,
                                  const QByteArray &fingerprint,
                                  const std::function<QByteArray(const RefundOutcome &)> &encode)
{
    if (request.refundId.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         tr("Send the return's document number: a return is done once "
                            "per number."));
    std::optional<qint64> amount;
    if (!request.lines.isEmpty()) {
        CP_TRY_ASSIGN(const auto totals, basketTotals(request.lines, nullptr));
        amount = totals.first;
    }
    const QString key = QStringLiteral("refund:") + request.refundId.trimmed();
    return once(caller, key, fingerprint, request.cashier, [&]() -> Result<QByteArray> {
        RefundRequest refund;
        refund.receipt = request.receipt;
        refund.amountMinor = amount;
        refund.reason = request.reason.isEmpty() ? tr("Return %1 at the POS").arg(request.refundId.trimmed())
                                                 : request.reason;
        CP_TRY_ASSIGN(const RefundOutcome out, m_till.refund(refund, request.approval));
        return encode(out);
    });
}

Result<MemberCard> PosLink::summary(const QString &member)
{
    CP_TRY_ASSIGN(const Member m, m_till.resolve(member));
    return m_till.card(m.id);
}

} // namespace counterpart
