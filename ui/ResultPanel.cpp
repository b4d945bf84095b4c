#include "ui/ResultPanel.h"

#include "ui/Theme.h"
#include "ui/UiText.h"
#include "ui/Widgets.h"

#include <QLabel>
#include <QVBoxLayout>

#include <limits>

namespace counterpart {

namespace {

int count(qint64 points)
{
    return int(qBound(qint64(0), points, qint64(std::numeric_limits<int>::max())));
}

} // namespace

ResultPanel::ResultPanel(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("resultPanel"));
    // The banner's colours on the panel alone: its labels inside draw no box of their own.
    setStyleSheet(
        QStringLiteral("#resultPanel { %1 } #resultPanel QLabel { %1 background: transparent; border: none;"
                       " padding: 0; }")
            .arg(theme::bannerStyle(theme::Tone::Success)));
    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("resultHeadline"));
    m_headline->setWordWrap(true);
    widgets::setFontSize(m_headline, 22, true);
    m_tell = new QLabel(this);
    m_tell->setObjectName(QStringLiteral("resultTell"));
    m_tell->setWordWrap(true);
    widgets::setFontSize(m_tell, 14);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(4);
    layout->addWidget(m_headline);
    layout->addWidget(m_tell);
    hide();
}

void ResultPanel::showResult(const QStringList &moved, const Till &till, const Member &after,
                             const QString &tell)
{
    QStringList parts = moved;
    parts << tr("balance %1").arg(UiText::points(after.balance));
    if (after.balance > 0)
        parts << tr("≈ %1").arg(UiText::pointsWorth(till, after.balance));
    m_headline->setText(parts.join(QStringLiteral(" · ")));
    m_tell->setText(tell);
    show();
}

QString ResultPanel::earnTell(const Till &till, const EarnOutcome &o)
{
    const Member &m = o.member;
    QStringList gifts;
    for (const GiftGrant &g : o.gifts) {
        if (g.kind == GiftKind::Birthday)
            gifts << tr("the birthday gift of %1").arg(UiText::pointsPhrase(g.points));
        else if (g.kind == GiftKind::FirstPurchase)
            gifts << tr("the first-purchase gift of %1").arg(UiText::pointsPhrase(g.points));
    }
    QString tell = gifts.isEmpty() ? tr("Tell %1: this purchase earned %2; they have %3 now.")
                                         .arg(m.name, UiText::pointsPhrase(o.totalPoints),
                                              UiText::pointsPhrase(m.balance))
                                   : tr("Tell %1: this purchase earned %2, including %3; they have %4 now.")
                                         .arg(m.name, UiText::pointsPhrase(o.totalPoints),
                                              gifts.join(tr(" and ")), UiText::pointsPhrase(m.balance));
    if (o.tierAfter != o.tierBefore) {
        const Tier *tier = till.rules().tier(o.tierAfter);
        const QString benefits = tier ? tier->benefits.text(till.config().language) : QString();
        const QString name = UiText::tierName(till, o.tierAfter);
        const QString news = benefits.isEmpty() ? tr("Good news: they are now %1!").arg(name)
                                                : tr("Good news: they are now %1: %2.").arg(name, benefits);
        tell = tr("%1 %2", "one sentence after another").arg(tell, news);
    }
    return tell;
}

void ResultPanel::showEarn(const Till &till, const EarnOutcome &o)
{
    showResult({tr("+%Ln point(s)", nullptr, count(o.totalPoints))}, till, o.member, earnTell(till, o));
}

void ResultPanel::showRedeem(const Till &till, const RedeemOutcome &o)
{
    const QString used = UiText::pointsPhrase(o.points);
    const QString left = UiText::pointsPhrase(o.member.balance);
    const QString tell = o.discountMinor > 0
                             ? tr("Take %1 off the bill. Tell %2: %3 used, %4 left.")
                                   .arg(UiText::money(till, o.discountMinor), o.member.name, used, left)
                             : tr("Hand over: %1. Tell %2: %3 used, %4 left.")
                                   .arg(UiText::rewardName(till, o.rewardId), o.member.name, used, left);
    showResult({tr("−%Ln point(s)", nullptr, count(o.points))}, till, o.member, tell);
}

void ResultPanel::showRefund(const Till &till, const RefundOutcome &o)
{
    QStringList moved{tr("−%Ln point(s)", nullptr, count(o.pointsReversed))};
    const QString money = UiText::money(till, o.refundedMinor);
    const QString back = UiText::pointsPhrase(o.pointsReversed);
    const QString now = UiText::pointsPhrase(o.member.balance);
    QString tell;
    if (o.pointsRestored > 0) {
        moved << tr("%Ln point(s) given back", nullptr, count(o.pointsRestored));
        tell = tr("Refunded %1. Tell %2: %3 taken back, the %4 spent on that receipt given back; %5 now.")
                   .arg(money, o.member.name, back, UiText::pointsPhrase(o.pointsRestored), now);
    } else {
        tell = tr("Refunded %1. Tell %2: %3 taken back; %4 now.").arg(money, o.member.name, back, now);
    }
    showResult(moved, till, o.member, tell);
}

} // namespace counterpart
