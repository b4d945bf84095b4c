#pragma once

// Earn, redeem and refund: each shows what will happen before the cashier confirms it.

#include "ui/Dialogs.h"

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace counterpart {

class CatalogueModel;
class PurchaseModel;

// Earn on a purchase: receipt and amount; the points and their breakdown show as they are typed.
// Enter earns as soon as the form is valid (from any field, or on the confirm button); before that it
// moves to the field still missing, so a scanned receipt's trailing Enter goes on to the amount. An earn
// is committed at most once per dialog, however many Enters follow.
class EarnDialog : public TillDialog
{
    Q_OBJECT

public:
    EarnDialog(Till &till, const Member &member, QWidget *parent);

signals:
    void earned(const EarnOutcome &outcome);

private:
    EarnRequest request(QString *problem) const;
    void readReceiptCode(const QString &text);
    void updatePreview();
    void enterPressed();
    void confirm();

    Till &m_till;
    Member m_member;
    QLineEdit *m_receipt = nullptr;
    QLineEdit *m_amount = nullptr;
    QLineEdit *m_excluded = nullptr;
    QLabel *m_preview = nullptr;
    QPushButton *m_confirm = nullptr;
    bool m_previewOk = false;
    bool m_committed = false;
    QString m_scanProblem; // why the receipt code scanned was refused
    QString m_fromCode;    // said under the preview when the receipt code filled the fields
};

// Redeem from the catalogue (what the balance affords now is selectable, the rest says how many
// points are missing), or points off the bill. `rewardId` (a reward the card offered) starts chosen.
// `foundWith` is what found the member (RedeemRequest::foundWith): when the redemption needs digits of
// the member's phone, the dialog says what to ask and why, and takes them in a field of its own.
class RedeemDialog : public TillDialog
{
    Q_OBJECT

public:
    RedeemDialog(Till &till, const Member &member, QWidget *parent, const QString &rewardId = {},
                 const QString &foundWith = {});
    CatalogueModel *model() const { return m_model; }

signals:
    void redeemed(const RedeemOutcome &outcome);

private:
    void buildAsk();
    void updateSummary();
    void setConfirm(qint64 points);
    void updateAsk();
    void showAsk(const QString &question);
    std::optional<RedeemRequest> request() const;
    void confirm();
    void refused(const Error &error);

    Till &m_till;
    Member m_member;
    QString m_foundWith;
    QWidget *m_askBox = nullptr; // the question and the digits field, shown when they are asked
    QLabel *m_ask = nullptr;
    QLineEdit *m_digits = nullptr;
    CatalogueModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QSpinBox *m_quantity = nullptr;
    QSpinBox *m_discount = nullptr;
    QLineEdit *m_receipt = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_confirm = nullptr;
};

// Refund a purchase picked from the member's history. A refund above the cashier's limit asks for a
// manager's PIN (the app layer decides).
class RefundDialog : public TillDialog
{
    Q_OBJECT

public:
    RefundDialog(Till &till, const Member &member, QWidget *parent);
    PurchaseModel *model() const { return m_model; }

signals:
    void refunded(const RefundOutcome &outcome);

private:
    void selectionChanged();
    Result<RefundRequest> request() const;
    QString refundText(const QString &receipt, const RefundOutcome &preview) const;
    void setConfirm(const std::optional<RefundOutcome> &preview);
    void confirm(const std::optional<ManagerApproval> &approval);

    Till &m_till;
    Member m_member;
    PurchaseModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLineEdit *m_amount = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace counterpart
