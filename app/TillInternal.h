#pragma once

// Shared plumbing of the use cases in Till*.cpp. Not part of the app layer's interface.

#include "app/Till.h"
#include "sync/protocol/Wire.h"

#include <QJsonObject>

namespace counterpart {

struct LedgerRow;
struct MemberRow;

struct TillInternal {
    static Status loadConfig(Till &till);
    static Status loadCipher(Till &till, const QString &keyFile);

    // Passes when the operator is a manager (or the system), or the approval is a manager's valid PIN.
    // Returns the approving manager's id through `approvedBy` (empty when the operator is a manager).
    static Status requireManager(Till &till, const std::optional<ManagerApproval> &approval,
                                 const QString &what, QString *approvedBy = nullptr);

    static Status audit(Till &till, const QString &action, std::optional<qint64> member,
                        const QString &reason, const QString &approvedBy, const QJsonObject &details);
    static Status auditAs(Till &till, const Operator &op, const QString &action, std::optional<qint64> member,
                          const QString &reason, const QString &approvedBy, const QJsonObject &details);
    // One outbox operation: what the server must apply, exactly once, for this action. `op` carries its
    // kind and what the kind carries; this fills in the envelope (ids, store, terminal, operator, time,
    // rules version, HLC, and the member `entity` when `op` does not name one) and writes it through the
    // wire codec.
    static Status enqueue(Till &till, const Uuid &entity, sync::ParsedOp op);

    static Member toMember(const MemberRow &row);
    static Result<MemberRow> resolveRow(Till &till, const QString &reference);
    static Result<MemberRow> rowById(Till &till, const Uuid &id);
    // A merged member's row leads to the member it was merged into (sync merges); others are returned
    // as they are.
    static Result<MemberRow> followMerge(Till &till, const MemberRow &row);

    // Writes a ledger entry and moves the cached balance in the same transaction (the caller's).
    static Status appendEntry(Till &till, LedgerRow &entry);
    static sync::WireEntry wireEntry(const LedgerRow &entry); // as an operation carries it

    static qint64 expiresAtFor(const Till &till, qint64 earnedAtMs);
    static qint64 localMidnightMs(const Till &till, const QDate &date);
    static qint64 addMonthsLocal(const Till &till, qint64 ms, int months);
    static QString money(const Till &till, qint64 minor);
    static QString phoneForDisplay(const Till &till, const PhoneNumber &phone);
};

} // namespace counterpart
