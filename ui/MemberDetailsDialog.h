#pragma once

// A member's details at the counter (F8): the cashier's note first, then name, gender and marketing
// consent to correct; a new phone number, birthday or ID number, which need a manager's PIN. Only what
// changed is written, as one correction the whole chain receives. Closing the membership starts here too.

#include "ui/Dialogs.h"

class QCheckBox;

namespace counterpart {

class MemberDetailsDialog : public TillDialog
{
    Q_OBJECT

public:
    MemberDetailsDialog(Till &till, const Member &member, QWidget *parent);

signals:
    void saved();
    // "Close membership…": the counter asks for it (CloseMembershipDialog) once this dialog is gone.
    void closeRequested();

private:
    void save(const std::optional<ManagerApproval> &approval);
    Result<Member> savePhone(const std::optional<ManagerApproval> &approval);
    // The corrections the fields ask for; nothing (and a message) when one is not readable.
    std::optional<ProfileChange> change();
    void addPersonalFields(QFormLayout *form);

    Till &m_till;
    Member m_member;
    QLineEdit *m_note = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_gender = nullptr;
    QCheckBox *m_consent = nullptr;
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_birthday = nullptr;
    QLineEdit *m_idNumber = nullptr;
};

} // namespace counterpart
