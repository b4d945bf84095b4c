#include "sync/client/ChangeMapping.h"

#include "sync/protocol/Wire.h"

namespace counterpart::sync {

Result<PulledMember> toPulledMember(const QJsonObject &payload, const QString &field)
{
    auto parsed = MemberChange::fromJsonObject(payload, field);
    if (!parsed)
        return parsed.error();
    const MemberChange &c = parsed.value();
    PulledMember m;
    m.id = Uuid::fromString(c.id);
    m.code = c.code;
    m.phone = c.phone;
    m.status = c.status;
    m.mergedInto = Uuid::fromString(c.mergedInto);
    m.tier = c.tier;
    m.tierSinceMs = c.tierSince;
    m.channel = c.channel;
    m.storeId = c.store;
    m.createdAtMs = c.createdAt;
    const MemberFields &f = c.fields;
    m.name = f.name;
    m.gender = f.gender;
    m.note = f.note;
    m.marketingConsent = f.marketingConsent;
    m.consentAtMs = f.consentAt;
    m.birthMonth = f.birthMonth;
    m.birthDay = f.birthDay;
    m.clearBirthday = f.clearBirthday;
    if (f.birthDateEnc)
        m.birthDateEnc = QByteArray::fromBase64(f.birthDateEnc->toLatin1());
    if (f.idNumberEnc)
        m.idNumberEnc = QByteArray::fromBase64(f.idNumberEnc->toLatin1());
    for (auto it = c.fieldHlc.constBegin(); it != c.fieldHlc.constEnd(); ++it) {
        if (it.value().isString())
            m.fieldHlc.insert(it.key(), it.value().toString());
    }
    for (const PreviousPhone &p : c.previousPhones)
        m.previousPhones.append({p.phone, p.until});
    m.erasedAtMs = c.erasedAt;
    return m;
}

Result<PulledEntry> toPulledEntry(const QJsonObject &payload, const QString &field)
{
    auto parsed = EntryChange::fromJsonObject(payload, field);
    if (!parsed)
        return parsed.error();
    const EntryChange &c = parsed.value();
    PulledEntry e;
    e.id = Uuid::fromString(c.entry.id);
    e.member = Uuid::fromString(c.member);
    e.kind = c.entry.kind;
    e.points = c.entry.points;
    e.atMs = c.entry.at;
    e.expiresAtMs = c.entry.expiresAt;
    e.rulesVersion = c.entry.rulesVersion;
    e.terminalId = c.terminal;
    e.storeId = c.store;
    e.purchase = Uuid::fromString(c.purchase);
    e.reward = c.entry.reward;
    e.discountMinor = c.entry.discountMinor;
    e.reason = c.entry.reason;
    e.approvedBy = c.entry.approvedBy;
    e.receipt = c.entry.receipt;
    e.birthdayBonus = c.entry.birthdayBonus;
    return e;
}

Result<PulledPurchase> toPulledPurchase(const QJsonObject &payload, const QString &field)
{
    auto parsed = PurchaseChange::fromJsonObject(payload, field);
    if (!parsed)
        return parsed.error();
    const PurchaseChange &c = parsed.value();
    PulledPurchase p;
    p.id = Uuid::fromString(c.purchase.id);
    p.member = Uuid::fromString(c.member);
    p.storeId = c.store;
    p.receipt = c.purchase.receipt;
    p.amountMinor = c.purchase.amountMinor;
    p.currency = c.purchase.currency;
    p.atMs = c.purchase.at;
    p.refundedMinor = c.refundedMinor;
    p.voided = c.voided;
    return p;
}

} // namespace counterpart::sync
