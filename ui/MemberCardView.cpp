#include "ui/MemberCardView.h"

#include "core/Loyalty.h"
#include "ui/Models.h"
#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace counterpart {

MemberCardView::MemberCardView(const Till &till, QWidget *parent)
    : QFrame(parent)
    , m_till(till)
{
    setObjectName(QStringLiteral("memberCard"));
    setProperty("panel", true);
    setFocusPolicy(Qt::NoFocus);

    m_name = label("memberName", 20, true);
    m_tierBadge = label("tierBadge", 11, true);
    m_tierBadge->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_phone = label("memberPhone", 12);
    m_code = label("memberCode", 12);
    m_code->setTextInteractionFlags(Qt::NoTextInteraction);
    m_balance = label("balance", 26, true);
    m_balance->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_balanceCaption = label("balanceCaption", 10);
    m_balanceCaption->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_progressText = label("tierProgress", 12);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("tierProgressBar"));
    m_progress->setTextVisible(false);
    m_progress->setRange(0, 1000);
    m_rewardsText = label("rewardsText");
    m_rewardsText->setWordWrap(false);
    m_expiring = label("expiring");
    m_expiring->setStyleSheet(theme::bannerStyle(theme::Tone::Warning));
    m_birthday = label("birthdayMarker");
    m_birthday->setStyleSheet(theme::bannerStyle(theme::Tone::Moment));
    m_memberDay = label("memberDayMarker");
    m_memberDay->setStyleSheet(theme::bannerStyle(theme::Tone::Info));
    m_gifts = label("giftStatus");
    m_note = label("memberNote");
    m_note->setStyleSheet(
        QStringLiteral("background:%1; border:1px dashed %2; border-radius:6px; padding:6px 10px; color:%3;")
            .arg(theme::hex(theme::Colour::NoteSurface), theme::hex(theme::Colour::NoteBorder),
                 theme::hex(theme::Colour::NoteText)));
    m_visitsTitle = label("visitsTitle", 0, true);
    m_visits = label("recentVisits");
    m_visits->setTextFormat(Qt::RichText);
    m_visits->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layOut();
}

// The labels made above, top to bottom: who and the points, tier progress, rewards, markers and the rest.
void MemberCardView::layOut()
{
    auto *header = new QHBoxLayout;
    auto *who = new QVBoxLayout;
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name);
    nameRow->addSpacing(8);
    nameRow->addWidget(m_tierBadge);
    nameRow->addStretch();
    who->addLayout(nameRow);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_phone);
    idRow->addSpacing(16);
    idRow->addWidget(m_code);
    idRow->addStretch();
    who->addLayout(idRow);
    header->addLayout(who, 1);
    auto *points = new QVBoxLayout;
    points->addWidget(m_balance);
    points->addWidget(m_balanceCaption);
    header->addLayout(points);

    auto *markers = new QHBoxLayout;
    markers->addWidget(m_birthday);
    markers->addWidget(m_memberDay);
    markers->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 14);
    layout->setSpacing(8);
    layout->addLayout(header);
    layout->addWidget(m_progressText);
    layout->addWidget(m_progress);
    m_rewardsRow = new QHBoxLayout;
    m_rewardsRow->setSpacing(8);
    m_rewardsRow->addWidget(m_rewardsText);
    m_rewardsRow->addStretch();
    layout->addLayout(m_rewardsRow);
    layout->addWidget(m_expiring);
    layout->addLayout(markers);
    layout->addWidget(m_gifts);
    layout->addWidget(m_note);
    layout->addWidget(m_visitsTitle);
    layout->addWidget(m_visits, 1);
}

QLabel *MemberCardView::label(const char *objectName, int pointSize, bool bold)
{
    auto *l = new QLabel(this);
    l->setObjectName(QString::fromLatin1(objectName));
    l->setWordWrap(true);
    l->setFocusPolicy(Qt::NoFocus);
    if (pointSize > 0 || bold) {
        QFont f = l->font();
        if (pointSize > 0)
            f.setPointSize(pointSize);
        f.setBold(bold);
        l->setFont(f);
    }
    return l;
}

void MemberCardView::setCard(const MemberCard &card)
{
    m_card = card;
    showIdentity(card.member);
    showTierProgress(card);
    showRewards(card.member);
    showExpiring(card);
    showMarkers(card);
    showGifts(card);
    // The cashier's note.
    m_note->setText(card.member.note.isEmpty()
                        ? tr("No note yet. F8 adds one: preferred name, what they like.")
                        : tr("Note: %1").arg(card.member.note));
    showVisits(card);
}

void MemberCardView::showIdentity(const Member &m)
{
    const LoyaltyRules &rules = m_till.rules();
    const QString region = m_till.config().region;
    m_name->setText(m.name);
    const int rank = tierRank(rules, m.tier);
    m_tierBadge->setText(UiText::tierName(m_till, m.tier));
    m_tierBadge->setStyleSheet(
        QStringLiteral("background:%1; color:%2; border-radius:10px; padding:3px 12px;")
            .arg(theme::tierColour(qMax(rank, 0)).name(), theme::hex(theme::Colour::Surface)));
    m_phone->setText(tr("Phone %1").arg(m.phone.masked(region)));
    // A member without a code (kept so by the server when two tills made the same one) is found by
    // phone; the card says so instead of showing an empty number.
    m_code->setText(m.code.isEmpty() ? tr("No member number: find by phone")
                                     : tr("Member %1").arg(m.code.grouped()));
    m_balance->setText(UiText::points(m.balance));
    m_balanceCaption->setText(
        m.balance > 0 ? tr("points, worth %1").arg(UiText::pointsWorth(m_till, m.balance)) : tr("points"));
}

// The catalogue's rewards the balance buys now, each a button that opens the redemption for it; when
// none, how far the first one is.
void MemberCardView::showRewards(const Member &m)
{
    qDeleteAll(m_rewardButtons);
    m_rewardButtons.clear();
    const LoyaltyRules &rules = m_till.rules();
    const Reward *cheapest = nullptr;
    for (const Reward &r : rules.redemption.catalogue) {
        if (!cheapest || r.costPoints < cheapest->costPoints)
            cheapest = &r;
        if (!CatalogueModel::affords(rules, m.balance, r))
            continue;
        auto *button = new QPushButton(
            tr("%1 · %2").arg(r.name.text(m_till.config().language), UiText::pointsPhrase(r.costPoints)),
            this);
        button->setObjectName(QStringLiteral("rewardButton"));
        button->setProperty("rewardId", r.id);
        button->setFocusPolicy(Qt::NoFocus); // the lookup field keeps the keyboard
        button->setMinimumHeight(theme::TouchTarget);
        connect(button, &QPushButton::clicked, this, [this, id = r.id] { emit redeemRequested(id); });
        m_rewardsRow->insertWidget(m_rewardsRow->count() - 1, button);
        m_rewardButtons.append(button);
    }
    if (!m_rewardButtons.isEmpty()) {
        m_rewardsText->setText(tr("The balance buys now:"));
    } else if (cheapest) {
        const qint64 needed = qMax<qint64>(cheapest->costPoints, rules.redemption.minimumBalance) - m.balance;
        m_rewardsText->setText(
            tr("%1 more for %2, the first reward.")
                .arg(UiText::pointsPhrase(needed), cheapest->name.text(m_till.config().language)));
    }
    m_rewardsText->setVisible(cheapest != nullptr);
}

// Tier progress in plain words.
void MemberCardView::showTierProgress(const MemberCard &card)
{
    const Member &m = card.member;
    const TierProgress &p = card.progress;
    if (p.nextTier.isEmpty()) {
        m_progressText->setText(tr("%1 is the top tier. Thank the member for their loyalty.")
                                    .arg(UiText::tierName(m_till, m.tier)));
        m_progress->setValue(1000);
    } else {
        m_progressText->setText(UiText::nextTierSteps(m_till, card));
        m_progress->setValue(UiText::nextTierPermille(m_till, p));
    }
}

// Points about to expire, what they are worth, and what they could still become.
void MemberCardView::showExpiring(const MemberCard &card)
{
    if (card.expiringSoonPoints > 0) {
        const QString what = UiText::pointsPhrase(card.expiringSoonPoints);
        const QString by = UiText::day(m_till, card.expiringBy);
        const QString worth = UiText::money(m_till, card.expiringWorthMinor);
        m_expiring->setText(
            card.expiringAffordableReward.isEmpty()
                ? tr("%1 expire by %2 (worth %3).").arg(what, by, worth)
                : tr("%1 expire by %2 (worth %3). The balance buys a %4 now: suggest redeeming.")
                      .arg(what, by, worth, card.expiringAffordableReward));
        m_expiring->show();
    } else {
        m_expiring->hide();
    }
}

void MemberCardView::showMarkers(const MemberCard &card)
{
    if (card.birthdayWindow) {
        m_birthday->setText(tr("Birthday week"));
        m_birthday->show();
    } else {
        m_birthday->hide();
    }
    if (card.memberDay) {
        m_memberDay->setText(
            tr("Member day: %1 points today").arg(UiText::multiplier(card.memberDayMultiplierPercent)));
        m_memberDay->show();
    } else {
        m_memberDay->hide();
    }
}

void MemberCardView::showGifts(const MemberCard &card)
{
    const Member &m = card.member;
    const LoyaltyRules &rules = m_till.rules();
    QStringList gifts;
    if (rules.gifts.welcomePoints > 0 || card.welcomeGiftGranted)
        gifts << (card.welcomeGiftGranted ? tr("welcome gift given") : tr("no welcome gift"));
    if (rules.gifts.firstPurchasePoints > 0)
        gifts << (card.firstPurchaseGiftGranted
                      ? tr("first-purchase gift given")
                      : tr("%1 waiting for the first purchase")
                            .arg(UiText::pointsPhrase(rules.gifts.firstPurchasePoints)));
    if (rules.birthday.giftPoints > 0) {
        if (!m.birthMonth)
            gifts << tr("no birthday on file");
        else if (card.birthdayWindow)
            gifts << (card.birthdayGiftAvailable ? tr("birthday gift waiting") : tr("birthday gift given"));
        else
            gifts << tr("birthday %1").arg(UiText::monthDay(*m.birthMonth, m.birthDay.value_or(1)));
    }
    m_gifts->setText(tr("Gifts: %1").arg(gifts.join(QStringLiteral(" · "))));
}

void MemberCardView::showVisits(const MemberCard &card)
{
    const Member &m = card.member;
    m_visitsTitle->setText(m.lastVisitAtMs ? tr("Recent visits (%n in all, last on %1)", nullptr, m.visits)
                                                 .arg(UiText::day(m_till, m_till.localDate(*m.lastVisitAtMs)))
                                           : tr("Recent visits"));
    if (card.recentPurchases.isEmpty()) {
        m_visits->setText(tr("No purchases yet."));
    } else {
        QString html = QStringLiteral("<table cellspacing='0' cellpadding='3' width='100%'>");
        for (const PurchaseSummary &v : card.recentPurchases) {
            QString state;
            if (v.voided)
                state = tr("voided");
            else if (v.refundedMinor >= v.amountMinor)
                state = tr("refunded");
            else if (v.refundedMinor > 0)
                state = tr("part refunded");
            html +=
                QStringLiteral("<tr><td>%1</td><td>%2</td><td align='right'>%3</td><td align='right'>%4</td>"
                               "<td>%5</td></tr>")
                    .arg(UiText::dateTime(m_till, v.atMs), v.receipt.toHtmlEscaped(),
                         UiText::money(m_till, v.amountMinor),
                         tr("+%1 pts").arg(UiText::points(v.pointsEarned + v.giftPoints)), state);
        }
        html += QStringLiteral("</table>");
        m_visits->setText(html);
    }
}

} // namespace counterpart
