#pragma once

#include "ui/Dialogs.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace counterpart {

// Registers a member in well under 30 seconds, by keyboard alone: phone (checked as it is typed; a
// number that is already a member's offers that member's card), name, gender, birthday, an optional
// ID number (masked), marketing consent.
class RegisterDialog : public TillDialog
{
    Q_OBJECT

public:
    RegisterDialog(Till &till, const QString &phone, QWidget *parent);

signals:
    void registered(const RegisterOutcome &outcome);
    void openExisting(const Uuid &memberId);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void checkPhone();
    void confirm();
    void next(QWidget *from);

    Till &m_till;
    QLineEdit *m_phone = nullptr;
    QLabel *m_phoneStatus = nullptr;
    QPushButton *m_openExisting = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_gender = nullptr;
    QLineEdit *m_birthday = nullptr;
    QLineEdit *m_idNumber = nullptr;
    QPushButton *m_showId = nullptr;
    QCheckBox *m_consent = nullptr;
    QPushButton *m_confirm = nullptr;
    Uuid m_existing;
};

} // namespace counterpart
