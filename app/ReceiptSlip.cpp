#include "app/ReceiptSlip.h"

#include "core/Money.h"

#include <QLocale>

namespace counterpart {

namespace {

QString points(qint64 n)
{
    return QLocale().toString(n);
}

QString money(const Till &till, qint64 minor)
{
    return Money(minor, till.config().currency).toDisplayString();
}

} // namespace

QString ReceiptSlip::maskedName(const QString &name)
{
    QStringList words;
    for (const QString &word : name.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString first = word.left(word.at(0).isHighSurrogate() ? 2 : 1);
        words.append(first + QString(qMax<qsizetype>(1, word.size() - first.size()), QLatin1Char('*')));
    }
    return words.join(QLatin1Char(' '));
}

Result<Slip> ReceiptSlip::make(Till &till, const QString &memberRef, const QString &receipt)
{
    CP_TRY_ASSIGN(const Member m, till.resolve(memberRef));
    CP_TRY_ASSIGN(const MemberCard card, till.card(m.id));
    const LoyaltyRules &rules = till.rules();
    Slip slip;
    slip.heading = till.config().storeName.isEmpty() ? till.config().storeId : till.config().storeName;
    slip.title = tr("Member points");
    slip.lines.append({tr("Member"), maskedName(m.name)});
    slip.lines.append({tr("Phone"), m.phone.masked(till.config().region)});
    if (!receipt.trimmed().isEmpty()) {
        CP_TRY_ASSIGN(const auto bought, till.purchaseOnReceipt(m.id, receipt));
        if (bought) {
            const PurchaseSummary &p = *bought;
            slip.lines.append({tr("Receipt %1").arg(p.receipt), money(till, p.amountMinor)});
            slip.lines.append({tr("Points for this purchase"), QStringLiteral("+") + points(p.pointsEarned)});
            if (p.giftPoints > 0)
                slip.lines.append({tr("Gifts"), QStringLiteral("+") + points(p.giftPoints)});
        }
    }
    const qint64 worth = m.balance * rules.redemption.pointValueMinor;
    slip.lines.append({tr("Balance"), points(m.balance), true});
    slip.lines.append({tr("Worth"), money(till, worth)});
    if (card.expiringSoonPoints > 0)
        slip.lines.append(
            {tr("Expiring by %1").arg(QLocale().toString(card.expiringBy, QLocale::ShortFormat)),
             tr("%1 (%2)").arg(points(card.expiringSoonPoints), money(till, card.expiringWorthMinor))});
    const Tier *tier = rules.tier(m.tier);
    const QString language = till.config().language;
    slip.lines.append({tr("Tier"), tier ? tier->name.text(language) : m.tier});
    if (const Tier *next = rules.tier(card.progress.nextTier); next && card.progress.moreToSpendMinor > 0)
        slip.lines.append({tr("Spend %1 more for %2")
                               .arg(money(till, card.progress.moreToSpendMinor), next->name.text(language)),
                           {}});
    slip.qrPayload = MemberQrPayload{MemberQrPayload::CurrentVersion, m.code}.encode();
    slip.footer = tr("Show this code at the till to collect points.");
    return slip;
}

} // namespace counterpart
