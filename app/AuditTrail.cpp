#include "app/AuditTrail.h"

#include "app/MemberCsv.h"
#include "app/TillContext.h"
#include "storage/Database.h"
#include "storage/Stores.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTimeZone>

namespace counterpart {

namespace {

AuditLine toLine(const AuditEntry &e)
{
    AuditLine line;
    line.atMs = e.row.atMs;
    line.staffId = e.row.actor;
    line.role = e.row.role;
    line.terminalId = e.row.terminalId;
    line.action = e.row.action;
    line.memberCode = e.memberCode;
    line.memberName = e.memberName;
    line.reason = e.row.reason;
    line.approvedBy = e.row.approvedBy;
    line.details = QJsonDocument::fromJson(e.row.details).object();
    return line;
}

} // namespace

AuditTrail::AuditTrail(Till &till)
    : m_till(till)
{}

QStringList AuditTrail::csvColumns()
{
    return {QStringLiteral("time"),        QStringLiteral("staff"),  QStringLiteral("role"),
            QStringLiteral("till"),        QStringLiteral("action"), QStringLiteral("member_code"),
            QStringLiteral("member_name"), QStringLiteral("reason"), QStringLiteral("approved_by"),
            QStringLiteral("details")};
}

Result<QList<AuditLine>> AuditTrail::read(const AuditFilter &filter,
                                          const std::optional<ManagerApproval> &approval)
{
    CP_TRY(m_till.context().requireManager(approval, tr("Reading the audit trail")));
    return lines(filter);
}

Result<QList<AuditLine>> AuditTrail::lines(const AuditFilter &filter)
{
    if (!filter.from.isValid() || !filter.to.isValid() || filter.from > filter.to)
        return makeError(ErrorCode::InvalidInput, tr("The first day must come before the last day."));
    if (filter.limit < 1 || filter.limit > MaxLines)
        return makeError(ErrorCode::InvalidInput, tr("Show from 1 to %1 lines at a time.").arg(MaxLines));
    AuditQuery query;
    query.fromMs = m_till.context().dayStartMs(filter.from);
    query.toMs = m_till.context().dayStartMs(filter.to.addDays(1));
    query.actor = filter.staffId.trimmed();
    query.limit = filter.limit;
    if (filter.member) {
        CP_TRY_ASSIGN(const MemberRow row, m_till.context().rowById(*filter.member));
        query.member = row.localId;
    }
    CP_TRY_ASSIGN(const QList<AuditEntry> entries, AuditStore(m_till.database()).find(query));
    QList<AuditLine> out;
    out.reserve(entries.size());
    for (const AuditEntry &e : entries)
        out.append(toLine(e));
    return out;
}

Result<int> AuditTrail::exportCsv(const AuditFilter &filter, QIODevice &out,
                                  const std::optional<ManagerApproval> &approval)
{
    QString approvedBy;
    CP_TRY(m_till.context().requireManager(approval, tr("Exporting the audit trail"), &approvedBy));
    CP_TRY_ASSIGN(const QList<AuditLine> found, lines(filter));
    const QTimeZone zone(m_till.config().timeZone);
    QString text = QString(QChar(0xFEFF)) + Csv::line(csvColumns());
    for (const AuditLine &l : found) {
        text += Csv::line({QDateTime::fromMSecsSinceEpoch(l.atMs, zone).toString(Qt::ISODateWithMs),
                           l.staffId, l.role, l.terminalId, l.action, l.memberCode,
                           Csv::escapeFormula(l.memberName), Csv::escapeFormula(l.reason), l.approvedBy,
                           QString::fromUtf8(QJsonDocument(l.details).toJson(QJsonDocument::Compact))});
    }
    CP_TRY(Csv::write(out, text));
    // The trail left the till: say who took it.
    Transaction tx(m_till.database());
    CP_TRY(tx.begin());
    CP_TRY(m_till.context().audit(QStringLiteral("audit.export"), std::nullopt, {}, approvedBy,
                                  QJsonObject{{QStringLiteral("lines"), int(found.size())}}));
    CP_TRY(tx.commit());
    return int(found.size());
}

} // namespace counterpart
