#pragma once

#include "app/Till.h"

#include <QWidget>

class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace counterpart {

class StaffPicker;

// Sign in with staff id and PIN (the app layer hashes, counts failures and locks), unlock a locked
// screen, or, on a till without staff, set up its first manager. A number pad for touch screens.
class LoginScreen : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { SignIn, Unlock, Setup };

    LoginScreen(Till &till, QWidget *parent = nullptr);
    Mode mode() const { return m_mode; }
    void showSignIn(const QString &message = {});
    void showUnlock(const Operator &onShift);
    void showSetup();
    void focusFirstField();
    // A PIN is being checked (hashed off the UI thread): the fields wait.
    bool isChecking() const;

signals:
    void signedIn(const Operator &op);

private:
    // The constructor's parts: the fields, the buttons under them, Enter and focus.
    QFormLayout *buildForm(QWidget *panel);
    QHBoxLayout *buildButtons(QWidget *panel);
    void connectFields();
    void submit();
    void setChecking(bool checking);
    void finish(const Result<Operator> &op);
    void setMessage(const QString &text, bool error);
    void showMode(Mode mode, const QString &title, const QString &subtitle, const QString &submit);

    Till &m_till;
    Mode m_mode = Mode::SignIn;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLineEdit *m_staffId = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_pin = nullptr;
    QLineEdit *m_pinAgain = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_pinAgainLabel = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_submit = nullptr;
    QPushButton *m_someoneElse = nullptr;
    StaffPicker *m_picker = nullptr;
};

} // namespace counterpart
