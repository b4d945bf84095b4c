#pragma once

// The manager's view of the audit trail (Manager functions → Audit trail): who did what at this till,
// when, about which member and with whose approval, for the days and the person chosen, and its export
// as CSV for head office (app/AuditTrail.h).

#include "app/AuditTrail.h"
#include "ui/TillSession.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace counterpart {

class ManagerAuditPage : public QWidget
{
    Q_OBJECT

public:
    ManagerAuditPage(const TillSession &session, const std::optional<Member> &member, QWidget *parent);

    // Reads the trail again with the filters as they are (Show does).
    void reload();
    // Writes what the filters name as CSV into `path` (Export does, after the file dialog).
    bool exportTo(const QString &path);
    QTableWidget *lines() const { return m_table; }

    // An audit action in a manager's words ("member.register" -> "Registered a member").
    static QString actionText(const QString &action);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildFilters();
    // The filter the fields name; nothing (and a message) when a date cannot be read.
    std::optional<AuditFilter> filter();
    void chooseExportFile();
    void showStatus(const QString &text, bool ok);

    TillSession m_session;
    std::optional<Member> m_member;
    QCheckBox *m_onlyMember = nullptr;
    QLineEdit *m_staff = nullptr;
    QLineEdit *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace counterpart
