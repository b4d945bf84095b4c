#include "ui/CloseMembershipDialog.h"

#include "ui/UiText.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace counterpart {

CloseMembershipDialog::CloseMembershipDialog(Till &till, const Member &member, QWidget *parent)
    : TillDialog(QStringLiteral("closeMembershipDialog"), tr("Close the membership of %1").arg(member.name),
                 parent)
    , m_till(till)
    , m_member(member)
{
    const QString points =
        member.balance > 0
            ? tr("%Ln point(s) left will be forfeited. If the member wants them, redeem them first.", nullptr,
                 int(std::min<qint64>(member.balance, INT_MAX)))
            : tr("No points are left to forfeit.");
    auto *what = new QLabel(tr("The member card stops working and the phone number can be used for a new "
                               "membership. This cannot be undone.") +
                                QStringLiteral("\n") + points,
                            this);
    what->setObjectName(QStringLiteral("closeExplanation"));
    what->setWordWrap(true);
    body()->insertWidget(0, what);
    QFormLayout *form = addForm();
    m_reason = addLineEdit(form, tr("Reason"), "closeReasonEdit", tr("optional, e.g. moving away"));
    m_reason->setMaxLength(200);
    // What the member may ask for beside the closing (PIPL, GDPR): their data gone everywhere.
    m_erase =
        new QCheckBox(tr("Also erase their personal data (name, phone number, birthday, ID number, note) "
                         "in every store"),
                      this);
    m_erase->setObjectName(QStringLiteral("eraseCheck"));
    form->addRow(QString(), m_erase);
    addCancelButton();
    QPushButton *ok = addButton(tr("Close membership"), QKeySequence(), "confirmButton", true);
    connect(ok, &QPushButton::clicked, this, [this] { confirm(std::nullopt); });
    connect(m_erase, &QCheckBox::toggled, this, [this, ok](bool erase) {
        ok->setText(erase ? tr("Close and erase") : tr("Close membership"));
        m_reason->setEnabled(!erase); // an erasure keeps no words about the member
    });
    setMinimumWidth(560);
    m_reason->setFocus();
}

void CloseMembershipDialog::confirm(const std::optional<ManagerApproval> &approval)
{
    auto outcome = m_erase->isChecked() ? m_till.eraseMember(m_member.id, approval)
                                        : m_till.closeMembership(m_member.id, m_reason->text(), approval);
    if (!outcome && outcome.error().code == ErrorCode::PermissionDenied && !approval) {
        auto *pin = new ManagerApprovalDialog(m_till, outcome.error().message, this);
        connect(pin, &ManagerApprovalDialog::approved, this,
                [this](const ManagerApproval &a) { confirm(a); });
        pin->open();
        return;
    }
    if (!outcome) {
        showError(outcome.error());
        return;
    }
    accept();
    emit closed(outcome.value());
}

} // namespace counterpart
