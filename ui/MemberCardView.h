#pragma once

#include "app/Till.h"

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace counterpart {

// The member card: who the member is, their tier and how far the next one is, points and what they are
// worth, the rewards the balance buys now (a tap opens the redemption), what is about to expire,
// birthday and member-day markers, gifts, the cashier's note and recent visits.
class MemberCardView : public QFrame
{
    Q_OBJECT

public:
    explicit MemberCardView(const Till &till, QWidget *parent = nullptr);
    void setCard(const MemberCard &card);
    const MemberCard &card() const { return m_card; }

signals:
    // A reward the card offered was tapped: redeem it.
    void redeemRequested(const QString &rewardId);

private:
    QLabel *label(const char *objectName, int pointSize = 0, bool bold = false);
    void layOut();
    // setCard's parts, top to bottom.
    void showIdentity(const Member &m);
    void showTierProgress(const MemberCard &card);
    void showRewards(const Member &m);
    void showExpiring(const MemberCard &card);
    void showMarkers(const MemberCard &card);
    void showGifts(const MemberCard &card);
    void showVisits(const MemberCard &card);

    const Till &m_till;
    MemberCard m_card;
    QLabel *m_name = nullptr;
    QLabel *m_tierBadge = nullptr;
    QLabel *m_phone = nullptr;
    QLabel *m_code = nullptr;
    QLabel *m_balance = nullptr;
    QLabel *m_balanceCaption = nullptr;
    QLabel *m_progressText = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_rewardsText = nullptr;
    QHBoxLayout *m_rewardsRow = nullptr;
    QList<QPushButton *> m_rewardButtons;
    QLabel *m_expiring = nullptr;
    QLabel *m_birthday = nullptr;
    QLabel *m_memberDay = nullptr;
    QLabel *m_gifts = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_visitsTitle = nullptr;
    QLabel *m_visits = nullptr;
};

} // namespace counterpart
