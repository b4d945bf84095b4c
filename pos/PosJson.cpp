#include "pos/PosJson.h"

#include "core/MemberCode.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QSet>

#include <cmath>

namespace counterpart::pos {

namespace {

// Reads one request object strictly: every field read is ticked off, and finish() refuses the rest.
class Fields
{
public:
    explicit Fields(QJsonObject object)
        : m_object(std::move(object))
    {}

    Result<QString> text(const QString &name, bool required, int maxLength = 200)
    {
        m_read.insert(name);
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return missing(name);
            return QString();
        }
        if (!v.isString())
            return wrongType(name, QCoreApplication::translate("PosLink", "text"));
        if (v.toString().size() > maxLength)
            return makeError(
                ErrorCode::InvalidInput,
                QCoreApplication::translate("PosLink", "The field \"%1\" is longer than %2 characters.")
                    .arg(name)
                    .arg(maxLength));
        return v.toString();
    }

    Result<qint64> integer(const QString &name, bool required, qint64 fallback = 0)
    {
        m_read.insert(name);
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return missing(name);
            return fallback;
        }
        const double d = v.toDouble(std::nan(""));
        // Money and points are whole numbers in minor units; doubles hold integers exactly up to 2^53.
        if (!v.isDouble() || std::trunc(d) != d || std::fabs(d) > 9007199254740992.0)
            return wrongType(name, QCoreApplication::translate("PosLink", "a whole number"));
        return qint64(d);
    }

    Result<double> number(const QString &name, double fallback)
    {
        m_read.insert(name);
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isDouble())
            return wrongType(name, QCoreApplication::translate("PosLink", "a number"));
        return v.toDouble();
    }

    Result<QJsonArray> array(const QString &name, bool required)
    {
        m_read.insert(name);
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return missing(name);
            return QJsonArray();
        }
        if (!v.isArray())
            return wrongType(name, QCoreApplication::translate("PosLink", "a list"));
        return v.toArray();
    }

    Result<QJsonObject> object(const QString &name)
    {
        m_read.insert(name);
        const QJsonValue v = m_object.value(name);
        if (v.isUndefined() || v.isNull())
            return QJsonObject();
        if (!v.isObject())
            return wrongType(name, QCoreApplication::translate("PosLink", "an object"));
        return v.toObject();
    }

    Status finish(const QString &where) const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!m_read.contains(it.key()))
                return makeError(ErrorCode::InvalidInput,
                                 QCoreApplication::translate("PosLink", "Unknown field \"%1\" in %2.")
                                     .arg(it.key(), where));
        }
        return {};
    }

private:
    static Error missing(const QString &name)
    {
        return makeError(ErrorCode::InvalidInput,
                         QCoreApplication::translate("PosLink", "The field \"%1\" is missing.").arg(name));
    }
    static Error wrongType(const QString &name, const QString &what)
    {
        return makeError(
            ErrorCode::InvalidInput,
            QCoreApplication::translate("PosLink", "The field \"%1\" must be %2.").arg(name, what));
    }

    QJsonObject m_object;
    QSet<QString> m_read;
};

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(ErrorCode::InvalidInput,
                         QCoreApplication::translate("PosLink", "The request's body is not a JSON object."),
                         QStringLiteral("json: %1 at %2").arg(error.errorString()).arg(error.offset));
    return doc.object();
}

Result<QList<BasketLine>> readLines(const QJsonArray &array)
{
    QList<BasketLine> lines;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isObject())
            return makeError(
                ErrorCode::InvalidInput,
                QCoreApplication::translate("PosLink", "Each line of \"lines\" must be an object."));
        Fields f(array[i].toObject());
        BasketLine line;
        CP_TRY_ASSIGN(line.sku, f.text(QStringLiteral("sku"), false, 64));
        CP_TRY_ASSIGN(line.category, f.text(QStringLiteral("category"), false, 64));
        CP_TRY_ASSIGN(line.quantity, f.number(QStringLiteral("quantity"), 1.0));
        CP_TRY_ASSIGN(line.amountMinor, f.integer(QStringLiteral("amountMinor"), true));
        CP_TRY(f.finish(QCoreApplication::translate("PosLink", "line %1").arg(i + 1)));
        lines.append(line);
    }
    return lines;
}

QJsonObject giftJson(const GiftGrant &g)
{
    return {{QStringLiteral("kind"), giftKindId(g.kind)}, {QStringLiteral("points"), g.points}};
}

} // namespace

Result<QString> decodeIdentify(const QByteArray &body)
{
    CP_TRY_ASSIGN(const QJsonObject o, parseObject(body));
    Fields f(o);
    CP_TRY_ASSIGN(const QString query, f.text(QStringLiteral("query"), true));
    CP_TRY(f.finish(QStringLiteral("identify")));
    return query;
}

Result<PosSale> decodeSale(const QByteArray &body, bool memberRequired)
{
    CP_TRY_ASSIGN(const QJsonObject o, parseObject(body));
    Fields f(o);
    PosSale sale;
    CP_TRY_ASSIGN(sale.member, f.text(QStringLiteral("member"), memberRequired));
    CP_TRY_ASSIGN(sale.receipt, f.text(QStringLiteral("receipt"), true, 64));
    CP_TRY_ASSIGN(sale.cashier, f.text(QStringLiteral("cashier"), false, 64));
    CP_TRY_ASSIGN(const QJsonArray lines, f.array(QStringLiteral("lines"), true));
    CP_TRY_ASSIGN(sale.lines, readLines(lines));
    CP_TRY(f.finish(QStringLiteral("the sale")));
    return sale;
}

Result<PosHoldRequest> decodeHold(const QByteArray &body)
{
    CP_TRY_ASSIGN(const QJsonObject o, parseObject(body));
    Fields f(o);
    PosHoldRequest r;
    CP_TRY_ASSIGN(r.member, f.text(QStringLiteral("member"), true));
    CP_TRY_ASSIGN(r.receipt, f.text(QStringLiteral("receipt"), true, 64));
    CP_TRY_ASSIGN(r.discountPoints, f.integer(QStringLiteral("discountPoints"), false));
    CP_TRY_ASSIGN(r.rewardId, f.text(QStringLiteral("rewardId"), false, 64));
    CP_TRY_ASSIGN(const qint64 quantity, f.integer(QStringLiteral("quantity"), false, 1));
    CP_TRY_ASSIGN(const qint64 minutes, f.integer(QStringLiteral("minutes"), false, 15));
    CP_TRY_ASSIGN(r.cashier, f.text(QStringLiteral("cashier"), false, 64));
    CP_TRY(f.finish(QStringLiteral("the hold")));
    if ((r.discountPoints > 0) == !r.rewardId.isEmpty())
        return makeError(
            ErrorCode::InvalidInput,
            QCoreApplication::translate(
                "PosLink",
                "Send either \"discountPoints\" (points off the bill) or \"rewardId\", not both."));
    r.quantity = int(qBound<qint64>(qint64(0), quantity, qint64(1000)));
    r.minutes = int(qBound<qint64>(qint64(0), minutes, qint64(10000)));
    return r;
}

Result<CaptureRequest> decodeCapture(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return CaptureRequest{};
    CP_TRY_ASSIGN(const QJsonObject o, parseObject(body));
    Fields f(o);
    CaptureRequest r;
    CP_TRY_ASSIGN(r.phoneDigits, f.text(QStringLiteral("phoneDigits"), false, 8));
    CP_TRY_ASSIGN(r.cashier, f.text(QStringLiteral("cashier"), false, 64));
    CP_TRY(f.finish(QStringLiteral("the capture")));
    return r;
}

Result<QString> decodeRelease(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return QString();
    CP_TRY_ASSIGN(const QJsonObject o, parseObject(body));
    Fields f(o);
    CP_TRY_ASSIGN(const QString cashier, f.text(QStringLiteral("cashier"), false, 64));
    CP_TRY(f.finish(QStringLiteral("the release")));
    return cashier;
}

Result<PosRefund> decodeRefund(const QByteArray &body)
{
    CP_TRY_ASSIGN(const QJsonObject o, parseObject(body));
    Fields f(o);
    PosRefund r;
    CP_TRY_ASSIGN(r.receipt, f.text(QStringLiteral("receipt"), true, 64));
    CP_TRY_ASSIGN(r.refundId, f.text(QStringLiteral("refundId"), true, 64));
    CP_TRY_ASSIGN(r.reason, f.text(QStringLiteral("reason"), false));
    CP_TRY_ASSIGN(r.cashier, f.text(QStringLiteral("cashier"), false, 64));
    CP_TRY_ASSIGN(const QJsonArray lines, f.array(QStringLiteral("lines"), false));
    CP_TRY_ASSIGN(r.lines, readLines(lines));
    CP_TRY_ASSIGN(const QJsonObject approval, f.object(QStringLiteral("approval")));
    CP_TRY(f.finish(QStringLiteral("the refund")));
    if (!approval.isEmpty()) {
        Fields a(approval);
        ManagerApproval m;
        CP_TRY_ASSIGN(m.managerId, a.text(QStringLiteral("managerId"), true, 64));
        CP_TRY_ASSIGN(m.pin, a.text(QStringLiteral("pin"), true, 8));
        CP_TRY(a.finish(QStringLiteral("approval")));
        r.approval = m;
    }
    return r;
}

QJsonObject encodeMember(const Member &member, const QString &region)
{
    return {
        {QStringLiteral("id"), member.id.toString()}, {QStringLiteral("code"), member.code.digits()},
        {QStringLiteral("name"), member.name},        {QStringLiteral("phone"), member.phone.masked(region)},
        {QStringLiteral("tier"), member.tier},        {QStringLiteral("balance"), member.balance},
        {QStringLiteral("status"), member.status}};
}

QJsonObject encodeLookup(const LookupResult &result, const QString &region)
{
    QJsonArray members;
    for (const Member &m : result.members)
        members.append(encodeMember(m, region));
    static const char *const kinds[] = {"member", "candidates", "none"};
    QJsonObject out{{QStringLiteral("match"), QLatin1String(kinds[int(result.kind)])},
                    {QStringLiteral("members"), members}};
    if (!result.explanation.isEmpty())
        out.insert(QStringLiteral("explanation"), result.explanation);
    return out;
}

QJsonObject encodeEarn(const EarnOutcome &earn, const QString &region)
{
    const EarnBreakdown &b = earn.breakdown;
    QJsonArray gifts;
    for (const GiftGrant &g : earn.gifts)
        gifts.append(giftJson(g));
    QJsonObject out{{QStringLiteral("member"), encodeMember(earn.member, region)},
                    {QStringLiteral("points"), earn.totalPoints},
                    {QStringLiteral("eligibleMinor"), b.eligibleMinor},
                    {QStringLiteral("basePoints"), b.basePoints},
                    {QStringLiteral("tierExtraPoints"), b.tierExtraPoints},
                    {QStringLiteral("bonusExtraPoints"), b.bonusExtraPoints},
                    {QStringLiteral("gifts"), gifts},
                    {QStringLiteral("memberDay"), earn.isMemberDay},
                    {QStringLiteral("tierBefore"), earn.tierBefore},
                    {QStringLiteral("tierAfter"), earn.tierAfter}};
    if (!earn.purchaseId.isNull())
        out.insert(QStringLiteral("purchaseId"), earn.purchaseId.toString());
    return out;
}

QJsonObject encodeQuote(const PosQuote &quote, const QString &region)
{
    QJsonObject out = encodeEarn(quote.earn, region);
    out.insert(QStringLiteral("totalMinor"), quote.totalMinor);
    out.insert(QStringLiteral("excludedMinor"), quote.excludedMinor);
    out.insert(QStringLiteral("excludedSkus"), QJsonArray::fromStringList(quote.excludedSkus));
    return out;
}

QJsonObject encodeHold(const PosHold &hold, const QString &region)
{
    QJsonObject out{{QStringLiteral("hold"), hold.id},
                    {QStringLiteral("points"), hold.points},
                    {QStringLiteral("discountMinor"), hold.discountMinor},
                    {QStringLiteral("expiresAt"), hold.expiresAtMs},
                    {QStringLiteral("availablePoints"), hold.availablePoints},
                    {QStringLiteral("member"), encodeMember(hold.member, region)}};
    if (!hold.rewardId.isEmpty())
        out.insert(QStringLiteral("rewardId"), hold.rewardId);
    if (!hold.phoneDigitsQuestion.isEmpty())
        out.insert(QStringLiteral("phoneDigitsQuestion"), hold.phoneDigitsQuestion);
    return out;
}

QJsonObject encodeRedeem(const RedeemOutcome &redeem, const QString &region)
{
    QJsonObject out{{QStringLiteral("points"), redeem.points},
                    {QStringLiteral("discountMinor"), redeem.discountMinor},
                    {QStringLiteral("member"), encodeMember(redeem.member, region)}};
    if (!redeem.rewardId.isEmpty())
        out.insert(QStringLiteral("rewardId"), redeem.rewardId);
    return out;
}

QJsonObject encodeRefund(const RefundOutcome &refund, const QString &region)
{
    return {{QStringLiteral("refundedMinor"), refund.refundedMinor},
            {QStringLiteral("pointsReversed"), refund.pointsReversed},
            {QStringLiteral("pointsRestored"), refund.pointsRestored},
            {QStringLiteral("member"), encodeMember(refund.member, region)}};
}

QJsonObject encodeSummary(const MemberCard &card, const LoyaltyRules &rules, const QString &region)
{
    const Member &m = card.member;
    QJsonObject out{{QStringLiteral("member"), encodeMember(m, region)},
                    {QStringLiteral("worthMinor"), m.balance * rules.redemption.pointValueMinor},
                    {QStringLiteral("qr"), MemberQrPayload{MemberQrPayload::CurrentVersion, m.code}.encode()},
                    {QStringLiteral("expiringPoints"), card.expiringSoonPoints},
                    {QStringLiteral("expiringWorthMinor"), card.expiringWorthMinor}};
    if (card.expiringSoonPoints > 0)
        out.insert(QStringLiteral("expiringBy"), card.expiringBy.toString(Qt::ISODate));
    if (!card.progress.nextTier.isEmpty()) {
        out.insert(QStringLiteral("nextTier"), card.progress.nextTier);
        out.insert(QStringLiteral("moreToSpendMinor"), card.progress.moreToSpendMinor);
    }
    return out;
}

QJsonObject encodeError(const Error &error)
{
    static const char *const codes[] = {
        "invalid_input",        "not_found", "conflict", "refused", "permission_denied",
        "second_factor_needed", "storage",   "crypto",   "internal"};
    return {{QStringLiteral("error"), QLatin1String(codes[int(error.code)])},
            {QStringLiteral("message"), error.message}};
}

QByteArray toBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray fingerprint(const QByteArray &body)
{
    // QJsonObject keeps its keys sorted: the same request with its fields in another order is the same.
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return QCryptographicHash::hash(doc.toJson(QJsonDocument::Compact), QCryptographicHash::Sha256);
}

} // namespace counterpart::pos
