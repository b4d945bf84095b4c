#pragma once

// The POS link's JSON, both ways: one decoder per request and one encoder per answer
// (docs/pos-api.md). Decoding is strict: an unknown field, a wrong type or a missing required field is
// refused in words naming the field, so a POS developer's typo is found at once and not taken as "none".

#include "app/PosLink.h"
#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>

namespace counterpart::pos {

struct CaptureRequest {
    QString phoneDigits;
    QString cashier;
};

Result<QString> decodeIdentify(const QByteArray &body);
// A sale (identify's member required) or, with `memberRequired` false, a receipt to sign.
Result<PosSale> decodeSale(const QByteArray &body, bool memberRequired = true);
Result<PosHoldRequest> decodeHold(const QByteArray &body);
Result<CaptureRequest> decodeCapture(const QByteArray &body);
Result<QString> decodeRelease(const QByteArray &body); // the cashier, if named
Result<PosRefund> decodeRefund(const QByteArray &body);

// `region`: phone numbers are shown masked, as the till's region writes them.
QJsonObject encodeMember(const Member &member, const QString &region);
QJsonObject encodeLookup(const LookupResult &result, const QString &region);
QJsonObject encodeEarn(const EarnOutcome &earn, const QString &region);
QJsonObject encodeQuote(const PosQuote &quote, const QString &region);
QJsonObject encodeHold(const PosHold &hold, const QString &region);
QJsonObject encodeRedeem(const RedeemOutcome &redeem, const QString &region);
QJsonObject encodeRefund(const RefundOutcome &refund, const QString &region);
// What a receipt prints: the member masked, balance and its worth, tier, points expiring, the QR.
QJsonObject encodeSummary(const MemberCard &card, const LoyaltyRules &rules, const QString &region);
QJsonObject encodeError(const Error &error);

QByteArray toBody(const QJsonObject &object);
// The request's fingerprint for "done once": SHA-256 of its JSON written canonically (keys sorted).
QByteArray fingerprint(const QByteArray &body);

} // namespace counterpart::pos
