#pragma once

// The audit trail as a manager reads it at the till (docs/security.md, "The audit trail"): who did what,
// when, at which till, about which member, with whose approval, filtered by member, staff and store
// days, and exported as CSV. The rows hold no personal data of their own; the trail shows the member's
// name and code, which a manager may see anyway. Reading it needs a manager; an export is audited.

#include "app/Till.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

class QIODevice;

namespace counterpart {

// Store days [from, to], both included; optionally one member (by id) or one staff id.
struct AuditFilter {
    QDate from;
    QDate to;
    std::optional<Uuid> member;
    QString staffId;
    int limit = 200; // newest first
};

struct AuditLine {
    qint64 atMs = 0;
    QString staffId; // "system" for the till's own jobs
    QString role;
    QString terminalId;
    QString action; // "member.register", "points.adjust", ...
    QString memberCode;
    QString memberName;
    QString reason;
    QString approvedBy; // the manager who approved, when one had to
    QJsonObject details;
};

class AuditTrail
{
    Q_DECLARE_TR_FUNCTIONS(AuditTrail)

public:
    static constexpr int MaxLines = 10000;

    explicit AuditTrail(Till &till);

    Result<QList<AuditLine>> read(const AuditFilter &filter,
                                  const std::optional<ManagerApproval> &approval = {});
    // The lines `filter` names as CSV (UTF-8 with a byte-order mark) into `out`; returns how many.
    Result<int> exportCsv(const AuditFilter &filter, QIODevice &out,
                          const std::optional<ManagerApproval> &approval = {});
    static QStringList csvColumns();

private:
    Result<QList<AuditLine>> lines(const AuditFilter &filter);

    Till &m_till;
};

} // namespace counterpart
