#pragma once

// The customer display: a window for a second screen that faces the customer. With no member attached
// it invites them to join (a QR code of the chain's join page when one is set); with a member it greets
// them by a masked name and shows their points, what they are worth, what the purchase just did, their
// tier's progress and a birthday greeting. It shows nothing else: no controls, no other member, no phone
// number, no cashier's message. It follows the till's window (MainWindow tells it what happens).

#include "app/Till.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QScreen;
class QStackedWidget;

namespace counterpart {

class CustomerDisplay : public QWidget
{
    Q_OBJECT

public:
    CustomerDisplay(const Till &till, const QString &joinUrl, QWidget *parent = nullptr);

    // No member attached: the invitation to join.
    void showWelcome();
    // The member the cashier opened. `moved`: the points the last earn, redemption or refund moved
    // (0: none yet), shown as "+4,450 points".
    void showMember(const MemberCard &card, qint64 moved = 0);
    bool isShowingMember() const;

    // The screen the display belongs on: one that is not the cashier's; null when there is none.
    static QScreen *customerScreen(const QList<QScreen *> &screens, const QScreen *cashier);

private:
    QWidget *buildWelcome();
    QWidget *buildMember();
    QString greeting(const MemberCard &card) const;
    void showTier(const MemberCard &card);

    const Till &m_till;
    QString m_joinUrl;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_welcome = nullptr;
    QWidget *m_member = nullptr;
    QLabel *m_greeting = nullptr;
    QLabel *m_moved = nullptr;
    QLabel *m_balance = nullptr;
    QLabel *m_worth = nullptr;
    QLabel *m_tier = nullptr;
    QProgressBar *m_tierBar = nullptr;
    QLabel *m_tierNext = nullptr;
    QLabel *m_expiring = nullptr;
};

} // namespace counterpart
