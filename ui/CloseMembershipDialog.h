#pragma once

// Closing a membership at the member's request: what it means said plainly (the points left are
// forfeited, the card stops working, it cannot be undone), a reason for the audit, and a manager's PIN.
// Ticking "Also erase their personal data" makes it an erasure (Till::eraseMember).

#include "ui/Dialogs.h"

class QCheckBox;

namespace counterpart {

class CloseMembershipDialog : public TillDialog
{
    Q_OBJECT

public:
    CloseMembershipDialog(Till &till, const Member &member, QWidget *parent);

signals:
    void closed(const ClosedMembership &outcome);

private:
    void confirm(const std::optional<ManagerApproval> &approval);

    Till &m_till;
    Member m_member;
    QLineEdit *m_reason = nullptr;
    QCheckBox *m_erase = nullptr;
};

} // namespace counterpart
