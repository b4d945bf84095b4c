#include "ui/UiText.h"

#include "app/Statistics.h"
#include "core/Money.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

namespace counterpart {

QString UiText::money(const Till &till, qint64 minor)
{
    return Money(minor, till.config().currency).toDisplayString();
}

QString UiText::points(qint64 points)
{
    return QLocale().toString(points);
}

QString UiText::pointsPhrase(qint64 points)
{
    return tr("%1 points").arg(UiText::points(points));
}

QString UiText::pointsWorth(const Till &till, qint64 points)
{
    return money(till, points * till.rules().redemption.pointValueMinor);
}

QString UiText::multiplier(int percent)
{
    QString text = QString::number(percent / 100);
    if (int rest = percent % 100; rest != 0) {
        QString decimals = QString::number(rest).rightJustified(2, QLatin1Char('0'));
        while (decimals.endsWith(QLatin1Char('0')))
            decimals.chop(1);
        text += QLocale().decimalPoint() + decimals;
    }
    return text + QChar(0x00D7);
}

QString UiText::memberNumber(const MemberCode &code)
{
    return code.isEmpty() ? tr("no member number") : code.grouped();
}

QString UiText::tierName(const Till &till, const QString &tierId)
{
    const Tier *tier = till.rules().tier(tierId);
    return tier ? tier->name.text(till.config().language) : tierId;
}

QString UiText::rewardName(const Till &till, const QString &rewardId)
{
    if (rewardId == QLatin1String("discount"))
        return tr("Points off the bill");
    const Reward *reward = till.rules().reward(rewardId);
    return reward ? reward->name.text(till.config().language) : rewardId;
}

QString UiText::day(const Till &till, const QDate &date)
{
    if (!date.isValid())
        return {};
    //: Date format of a day in this year, for QDate::toString (31 Dec).
    const QString sameYear = tr("d MMM");
    //: Date format of a day in another year, for QDate::toString (31 Dec 2027).
    const QString otherYear = tr("d MMM yyyy");
    return QLocale().toString(date, date.year() == till.today().year() ? sameYear : otherYear);
}

QString UiText::monthDay(int month, int day)
{
    // 2000 is a leap year, so 29 February is a date.
    return QLocale().toString(QDate(2000, month, day), tr("d MMM"));
}

QString UiText::dateTime(const Till &till, qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(till.config().timeZone))
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

std::optional<QDate> UiText::parseDate(const QString &text)
{
    static const QRegularExpression separated(
        QStringLiteral("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?$"));
    static const QRegularExpression compact(QStringLiteral("^(\\d{4})(\\d{2})(\\d{2})$"));
    const QString t = text.trimmed();
    QRegularExpressionMatch m = separated.match(t);
    if (!m.hasMatch())
        m = compact.match(t);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    return date;
}

QString UiText::change(qint64 now, qint64 before, const QString &same)
{
    if (now == before)
        return same;
    const auto percent = Statistics::percentChange(now, before);
    if (!percent)
        return now > 0 ? QStringLiteral("▲") : QStringLiteral("▼");
    return (*percent > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ ")) +
           QLocale().toString(qAbs(*percent), 'f', qAbs(*percent) < 10 ? 1 : 0) + QStringLiteral("%");
}

QString UiText::historyKind(const QString &kind)
{
    if (kind == QLatin1String("earn"))
        return tr("Purchase");
    if (kind == QLatin1String("welcome_gift"))
        return tr("Welcome gift");
    if (kind == QLatin1String("first_purchase_gift"))
        return tr("First-purchase gift");
    if (kind == QLatin1String("birthday_gift"))
        return tr("Birthday gift");
    if (kind == QLatin1String("redeem"))
        return tr("Redeemed");
    if (kind == QLatin1String("refund_reversal"))
        return tr("Refund");
    if (kind == QLatin1String("redeem_restore"))
        return tr("Points given back");
    if (kind == QLatin1String("adjust"))
        return tr("Adjustment");
    if (kind == QLatin1String("expire"))
        return tr("Expired");
    if (kind == QLatin1String("void"))
        return tr("Voided");
    return kind;
}

QString UiText::gender(const QString &gender)
{
    if (gender == QLatin1String("female"))
        return tr("Female");
    if (gender == QLatin1String("male"))
        return tr("Male");
    if (gender == QLatin1String("other"))
        return tr("Other");
    return tr("Not given");
}

QString UiText::nextTierSteps(const Till &till, const MemberCard &card)
{
    const TierProgress &p = card.progress;
    if (p.nextTier.isEmpty())
        return {};
    const QString next = tierName(till, p.nextTier);
    const QString more = money(till, p.moreToSpendMinor);
    QStringList said;
    if (p.moreToSpendMinor > 0 || (p.moreVisits == 0 && p.maxDaysBetweenVisits == 0))
        said << (card.tierSpendDeadline.isValid()
                     ? tr("Spend %1 more by %2 for %3.").arg(more, day(till, card.tierSpendDeadline), next)
                     : tr("Spend %1 more for %2.").arg(more, next));
    if (p.moreVisits > 0)
        said << tr("%n more visit(s) for %1.", nullptr, p.moreVisits).arg(next);
    if (p.maxDaysBetweenVisits > 0)
        said
            << tr("%1 asks for a visit at least every %n day(s).", nullptr, p.maxDaysBetweenVisits).arg(next);
    return said.join(QLatin1Char(' '));
}

int UiText::nextTierPermille(const Till &till, const TierProgress &p)
{
    const Tier *nextTier = p.nextTier.isEmpty() ? nullptr : till.rules().tier(p.nextTier);
    if (!nextTier)
        return 1000;
    const qint64 threshold = nextTier->thresholdSpendMinor;
    const qint64 visits = nextTier->thresholdVisits;
    return threshold > 0 ? int(qBound(qint64(0), p.spendInWindowMinor * 1000 / threshold, qint64(1000)))
           : visits > 0  ? int(qBound(qint64(0), p.visitsInWindow * qint64(1000) / visits, qint64(1000)))
                         : 0;
}

QString UiText::withShortcut(const QString &label, const QKeySequence &key)
{
    if (key.isEmpty())
        return label;
    return label + QLatin1Char('\n') + key.toString(QKeySequence::NativeText);
}

QString UiText::error(const Error &error)
{
    switch (error.code) {
    case ErrorCode::Storage:
        return tr("%1 Nothing was changed. Try once more; if it happens again, call a technician.")
            .arg(error.message);
    case ErrorCode::Crypto:
        return tr("%1 Finding members, earning and redeeming still work.").arg(error.message);
    case ErrorCode::Internal:
        return tr("Something went wrong inside the till (%1). Nothing was changed; please call a "
                  "technician.")
            .arg(error.message);
    default:
        return error.message;
    }
}

} // namespace counterpart
