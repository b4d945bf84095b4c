#pragma once

#include "app/Till.h"

#include <QFrame>

class QLabel;

namespace counterpart {

// What the last earn, redemption or refund did, in one place above the card: the points moved, the
// balance after and what it is worth in the largest text ("+4,450 points · balance 4,550 · ≈ ¥45.50"),
// then one line with what to tell the customer (gifts included, so it agrees with the visit line).
class ResultPanel : public QFrame
{
    Q_OBJECT

public:
    explicit ResultPanel(QWidget *parent = nullptr);

    void showEarn(const Till &till, const EarnOutcome &outcome);
    void showRedeem(const Till &till, const RedeemOutcome &outcome);
    void showRefund(const Till &till, const RefundOutcome &outcome);

private:
    void showResult(const QStringList &moved, const Till &till, const Member &after, const QString &tell);
    static QString earnTell(const Till &till, const EarnOutcome &outcome);

    QLabel *m_headline = nullptr;
    QLabel *m_tell = nullptr;
};

} // namespace counterpart
