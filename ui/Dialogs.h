#pragma once

// The base of the till's dialogs and the small ones: manager PIN, history, welcome, settings.
// Every dialog is opened with open() (window-modal, never a nested event loop), is deleted when it
// closes, closes on Esc, and lays its controls out for touch (44 px) and for the keyboard alone.

#include "app/Till.h"
#include "ui/NumberPad.h"
#include "ui/Theme.h"

#include <QDialog>

#include <functional>
#include <optional>

class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QComboBox;
class QTableView;
class QVBoxLayout;

namespace counterpart {

class HistoryModel;
namespace sync {
class SyncService;
}

class TillDialog : public QDialog
{
    Q_OBJECT

public:
    TillDialog(const QString &objectName, const QString &title, QWidget *parent);

    void setVisible(bool visible) override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    QVBoxLayout *body() const { return m_body; }
    QFormLayout *addForm();
    // A number pad beside the body, typing into the dialog's number fields (see NumberPad).
    NumberPad *addNumberPad(NumberPad::Keys keys);
    QLineEdit *addLineEdit(QFormLayout *form, const QString &label, const char *objectName,
                           const QString &placeholder = {});
    // A button in the row at the bottom, its key shown under its label.
    QPushButton *addButton(const QString &label, const QKeySequence &key, const char *objectName,
                           bool primary);
    QPushButton *addCancelButton();
    void showMessage(const QString &text, theme::Tone tone);
    void showError(const Error &error);
    void clearMessage();
    QLabel *message() const { return m_message; }

private:
    QVBoxLayout *m_body = nullptr;
    QVBoxLayout *m_side = nullptr;
    QHBoxLayout *m_buttons = nullptr;
    QLabel *m_message = nullptr;
};

// Asks for a manager's staff id and PIN for one action. The PIN is hashed off the UI thread (the field
// waits with "Checking…"); the approval it gives carries the hash, so the app layer checks it quickly.
class ManagerApprovalDialog : public TillDialog
{
    Q_OBJECT

public:
    // `verify`, when given, checks the PIN first: an error keeps the dialog open and shows why.
    using Verify = std::function<std::optional<Error>(const ManagerApproval &approval)>;
    ManagerApprovalDialog(Till &till, const QString &why, QWidget *parent, Verify verify = {});
    bool isChecking() const;

signals:
    void approved(const ManagerApproval &approval);

private:
    void confirm();
    void hashed(const Result<ManagerApproval> &approval);
    void setChecking(bool checking);
    Till &m_till;
    Verify m_verify;
    QLineEdit *m_id = nullptr;
    QLineEdit *m_pin = nullptr;
    QPushButton *m_ok = nullptr;
};

// A member's points history.
class HistoryDialog : public TillDialog
{
    Q_OBJECT

public:
    HistoryDialog(Till &till, const Member &member, QWidget *parent);
    HistoryModel *model() const { return m_model; }

private:
    HistoryModel *m_model = nullptr;
    QTableView *m_view = nullptr;
};

// The moment a member joins: their welcome gift and their card's QR code.
class WelcomeDialog : public TillDialog
{
    Q_OBJECT

public:
    WelcomeDialog(const Till &till, const RegisterOutcome &outcome, QWidget *parent);
};

// Language of the screens and the screen lock's idle time.
class SettingsDialog : public TillDialog
{
    Q_OBJECT

public:
    // `sync`: the engine, for "Test the connection" (null when the till works on its own).
    SettingsDialog(Till &till, int autoLockMinutes, sync::SyncService *sync, QWidget *parent);

signals:
    void autoLockChanged(int minutes);

private:
    void save();
    Till &m_till;
    QComboBox *m_language = nullptr;
    QSpinBox *m_autoLock = nullptr;
};

} // namespace counterpart
