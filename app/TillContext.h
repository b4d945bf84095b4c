#pragma once

// What every use case of the till shares: the open database, the field cipher, the clock, the till's
// settings and rules, who is signed in, and the plumbing every action writes through (the role check,
// the audit row, the outbox operation, ledger entries, member references). One TillContext per Till;
// the services (MemberService, PointsService, ...) each hold a reference to it. Not part of the app
// layer's interface: ui/ and cli/ go through Till.

#include "app/Till.h"
#include "sync/protocol/Wire.h"

#include <QJsonObject>

#include <memory>

namespace counterpart {

struct LedgerRow;
struct MemberRow;
class WalCheckpointer;
class KeyRing;

class TillContext
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    TillContext(std::unique_ptr<Database> db, const Clock &clock);
    ~TillContext();
    TillContext(const TillContext &) = delete;
    TillContext &operator=(const TillContext &) = delete;

    // --- state ------------------------------------------------------------------------------------
    Database &db() { return *m_db; }
    // The till's own key and the chain's keys this till holds (read again when a sync brought new ones).
    KeyRing &cipher();
    const Clock &clock() const { return m_clock; }
    const TillConfig &config() const { return m_config; }
    void setConfig(const TillConfig &config) { m_config = config; }
    const LoyaltyRules &rules() const { return m_rules; }
    void setRules(const LoyaltyRules &rules) { m_rules = rules; }
    const Operator &currentOperator() const { return m_operator; }
    void setOperator(const Operator &op) { m_operator = op; }
    bool isOffline() const { return m_offline; }
    void setOffline(bool offline) { m_offline = offline; }
    bool isEnrolled() const { return m_enrolled; }
    void setEnrolled(bool enrolled) { m_enrolled = enrolled; }
    const QString &keyFile() const { return m_keyFile; }
    void setKeyFile(const QString &keyFile) { m_keyFile = keyFile; }
    // Why personal fields cannot be encrypted or read now; empty when they can.
    const QString &cipherProblem() const { return m_cipherProblem; }
    // Copies the log into the database file from a thread of its own (TillOptions::backgroundCheckpoints).
    Status startCheckpointer(const QString &path);
    qint64 backgroundCheckpoints() const;

    // Reads the till's settings into config(); loads the field cipher's key (a missing or foreign key
    // leaves cipherProblem() saying so).
    Status loadConfig();
    Status loadCipher(const QString &keyFile);

    // --- roles and records ------------------------------------------------------------------------
    // Passes when the operator is a manager (or the system), or the approval is a manager's valid PIN.
    // Returns the approving manager's id through `approvedBy` (empty when the operator is a manager).
    Status requireManager(const std::optional<ManagerApproval> &approval, const QString &what,
                          QString *approvedBy = nullptr);
    // Every action's audit row, in the action's transaction: refused (and with it the action) when head
    // office has switched off the person on shift since they signed in (requireActiveOperator).
    Status audit(const QString &action, std::optional<qint64> member, const QString &reason,
                 const QString &approvedBy, const QJsonObject &details);
    // PermissionDenied, in words, when the operator's staff row is switched off (a sync brought it).
    Status requireActiveOperator();
    Status auditAs(const Operator &op, const QString &action, std::optional<qint64> member,
                   const QString &reason, const QString &approvedBy, const QJsonObject &details);
    // One outbox operation: what the server must apply, exactly once, for this action. `op` carries its
    // kind and what the kind carries; this fills in the envelope (ids, store, terminal, operator, time,
    // rules version, HLC, and the member `entity` when `op` does not name one) and writes it through the
    // wire codec.
    // `sameWrite`: the stamp of the write this op restates (a field re-sealed under the chain's key,
    // docs/security.md): the op carries it instead of a new one, and the field's stamp stays.
    Status enqueue(const Uuid &entity, sync::ParsedOp op, const QString &sameWrite = {});

    // --- members and ledger -----------------------------------------------------------------------
    static Member toMember(const MemberRow &row);
    // `includeClosed`: a closed (or erased) membership too, for what is done to one (an erasure).
    Result<MemberRow> resolveRow(const QString &reference, bool includeClosed = false);
    Result<MemberRow> rowById(const Uuid &id);
    // A merged member's row leads to the member it was merged into (sync merges); others are returned
    // as they are.
    Result<MemberRow> followMerge(const MemberRow &row);
    // Writes a ledger entry and moves the cached balance in the same transaction (the caller's).
    Status appendEntry(LedgerRow &entry);
    static sync::WireEntry wireEntry(const LedgerRow &entry); // as an operation carries it

    // --- the store's calendar and wording ---------------------------------------------------------
    QDate today() const;
    QDate localDate(qint64 ms) const;
    // The first millisecond of a store day (23 or 25 hours long across a daylight-saving change).
    qint64 dayStartMs(const QDate &date) const;
    qint64 expiresAtFor(qint64 earnedAtMs) const;
    qint64 localMidnightMs(const QDate &date) const;
    qint64 addMonthsLocal(qint64 ms, int months) const;
    // A member's record in the rules' tier window ending at `nowMs` (core/Loyalty.h TierRecord): what
    // tierEarned decides on. The visits are read only when some tier asks about them.
    Result<TierRecord> tierRecord(qint64 memberLocalId, qint64 nowMs);
    QString money(qint64 minor) const;
    QString phoneForDisplay(const PhoneNumber &phone) const;

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<KeyRing> m_cipher;
    const Clock &m_clock;
    TillConfig m_config;
    LoyaltyRules m_rules;
    Operator m_operator;
    bool m_offline = false;
    bool m_enrolled = false;
    QString m_keyFile;       // as opened; the sync engine reads the terminal secret with it
    QString m_cipherProblem; // why personal fields cannot be encrypted or read, when they cannot
    std::unique_ptr<WalCheckpointer> m_checkpointer; // after m_db: stopped before the connection closes
};

// Acts as `op` until the scope ends, then puts back whoever was acting before: the system's jobs, and a
// POS's request acting for the cashier it names (docs/pos-api.md).
class OperatorScope
{
public:
    OperatorScope(TillContext &ctx, const Operator &op);
    ~OperatorScope();
    OperatorScope(const OperatorScope &) = delete;
    OperatorScope &operator=(const OperatorScope &) = delete;

    static Operator system();

private:
    TillContext &m_ctx;
    Operator m_previous;
};

} // namespace counterpart
