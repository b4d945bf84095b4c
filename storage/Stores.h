#pragma once

// Row types and the small stores that read and write them. Stores run single statements; the app
// layer groups them into one Transaction per user action.

#include "core/Result.h"
#include "core/Uuid.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace counterpart {

class Database;

struct MemberRow {
    qint64 localId = 0;
    Uuid id;
    QString code;  // MemberCode digits
    QString phone; // E.164
    QString name;
    QString gender; // "", "female", "male", "other"
    std::optional<int> birthMonth;
    std::optional<int> birthDay;
    QByteArray birthDateEnc; // encrypted "YYYY-MM-DD", may be empty
    QByteArray idNumberEnc;  // encrypted, may be empty
    QString tier;
    qint64 tierSinceMs = 0;
    qint64 balance = 0;
    QString status = QStringLiteral("active");
    QString channel = QStringLiteral("till");
    bool marketingConsent = false;
    std::optional<qint64> consentAtMs;
    QString note;
    QString storeId;
    QString terminalId;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    std::optional<qint64> firstPurchaseAtMs;
    std::optional<qint64> lastVisitAtMs;
    int visits = 0;
    std::optional<qint64> erasedAtMs; // personal data erased (status closed; name, phone, profile empty)
};

// What a member list export shows of a member (app/MemberCsv.cpp).
struct MemberExportRow {
    QString code;
    QString phone;
    QString name;
    QString gender;
    std::optional<qint64> birthMonth;
    std::optional<qint64> birthDay;
    QString tier;
    qint64 balance = 0;
    bool marketingConsent = false;
    qint64 createdAtMs = 0;
    QString note;
};

// A number a member had before a phone change, still finding them until `untilMs`.
struct PreviousPhoneRow {
    QString phone; // E.164
    qint64 untilMs = 0;

    friend bool operator==(const PreviousPhoneRow &, const PreviousPhoneRow &) = default;
};

class MemberStore
{
public:
    explicit MemberStore(Database &db)
        : m_db(db)
    {}
    // Inserts the member and its name tokens; sets row.localId.
    Status insert(MemberRow &row);
    Result<std::optional<MemberRow>> byLocalId(qint64 localId);
    Result<std::optional<MemberRow>> byId(const Uuid &id);
    Result<std::optional<MemberRow>> byActivePhone(const QString &e164);
    Result<std::optional<MemberRow>> byCode(const QString &codeDigits);
    Result<QList<MemberRow>> byLast4(const QString &last4, int limit);
    // Members any word of whose name starts with `prefix` (case-insensitive), best first.
    Result<QList<MemberRow>> byNamePrefix(const QString &prefix, int limit);
    Status addToBalance(qint64 localId, qint64 delta, qint64 nowMs);
    Status setTier(qint64 localId, const QString &tier, qint64 sinceMs, qint64 nowMs);
    // Counts one more live purchase made at atMs (docs/design.md, "The member's counters").
    Status recordVisit(qint64 localId, qint64 atMs);
    Status setNote(qint64 localId, const QString &note, qint64 nowMs);
    // The details a member can correct: name (and its search words), gender, birthday, ID number, note.
    Status updateProfile(const MemberRow &row, qint64 nowMs);
    // The name search's words for a member, replaced by those of `name`.
    Status rewriteNameTokens(qint64 localId, const QString &name);
    // The name search's words of members whose names an older version indexed without pinyin (names
    // with characters beyond ASCII), `limit` after `afterLocalId`, added; the members looked at, by local
    // id (empty at the end).
    Result<QList<qint64>> addMissingNameTokens(qint64 afterLocalId, int limit);
    Status setConsent(qint64 localId, bool consent, qint64 nowMs);
    // Members after `afterLocalId` with an ID number or full birth date sealed with the till's own key
    // (format 1: KeyRing::isTillSealed), by local id.
    Result<QList<MemberRow>> tillSealed(qint64 afterLocalId, int limit);
    // The sealed fields alone, as they are (re-sealed under the chain's key): no stamp or time changes.
    Status setSealedFields(qint64 localId, const QByteArray &birthDateEnc, const QByteArray &idNumberEnc);

    // Phone history (MemberPhones.cpp). A new number for the member; `previous`, if given, is the old one
    // and how long it still finds them. Fails (Conflict) when another active member holds the number.
    Status changePhone(qint64 localId, const QString &e164, const std::optional<PreviousPhoneRow> &previous,
                       qint64 nowMs);
    // The active member who had this number before a change and is still found by it at `nowMs`, unless an
    // active member holds it now (byActivePhone finds that one).
    Result<std::optional<MemberRow>> byPreviousPhone(const QString &e164, qint64 nowMs);
    // The member's previous numbers still findable at `nowMs`, the newest change first.
    Result<QList<PreviousPhoneRow>> previousPhones(qint64 localId, qint64 nowMs);
    // The member's previous numbers replaced by `phones` (the server's list).
    Status setPreviousPhones(qint64 localId, const QList<PreviousPhoneRow> &phones);

    // Personal data erased at the member's request: closed, and name (with its search words), phone,
    // gender, birthday, ID number, note, consent and previous numbers gone. Id, code, entries and purchases
    // stay. Erasing twice changes nothing.
    Status erase(qint64 localId, qint64 nowMs);
    // Closed for good: not found by phone or card any more, its phone free for a new registration.
    Status close(qint64 localId, qint64 nowMs);
    // A closing undone (the server refused it): active again, unless its phone now belongs to another
    // active member (then it stays closed, and the phone with that member).
    Status reopen(qint64 localId, qint64 nowMs);
    Result<qint64> count();
    Result<qint64> activeCount();
    // Every active member, oldest first, one row at a time (the list does not fit in memory at a
    // chain's size); stops at, and returns, the first error `each` returns.
    Status forEachActive(const std::function<Status(const MemberExportRow &)> &each);
    // Highest sequence used in codes made by this terminal number (for the next code).
    Result<int> maxCodeSequence(int terminalNumber);

    // Name tokens: case-folded words of a name; a run of CJK characters is one word.
    static QList<QString> nameTokens(const QString &name);

private:
    Status forgetPosRequests(qint64 localId);
    Status addNameTokens(qint64 localId, const QString &name);

    Database &m_db;
};

struct PurchaseRow {
    qint64 localId = 0;
    Uuid id;
    QString storeId;
    QString receipt;
    qint64 member = 0;
    qint64 amountMinor = 0;
    QString currency;
    qint64 atMs = 0;
    qint64 refundedMinor = 0;
    qint64 pointsEarned = 0;
    qint64 pointsReversed = 0;
    std::optional<qint64> voidedAtMs;
};

class PurchaseStore
{
public:
    explicit PurchaseStore(Database &db)
        : m_db(db)
    {}
    // Also counts a live purchase in its member's visits. A live (store, receipt) pair already there:
    // ErrorCode::Conflict.
    Status insert(PurchaseRow &row);
    Result<std::optional<PurchaseRow>> byReceipt(const QString &storeId,
                                                 const QString &receipt); // not voided
    Result<std::optional<PurchaseRow>> byLocalId(qint64 localId);
    Result<QList<PurchaseRow>> forMember(qint64 member, int limit); // newest first, voided included
    Status setPointsEarned(qint64 localId, qint64 points);
    Status addRefund(qint64 localId, const Uuid &refundId, qint64 amountMinor, qint64 pointsReversed,
                     qint64 atMs, const QString &reason);
    Status markVoided(qint64 localId, qint64 atMs);
    // Spend (amount - refunded) of live purchases with at >= sinceMs.
    Result<qint64> spendSince(qint64 member, qint64 sinceMs);
    // The same spend, and when the oldest purchase still counting towards it was made (a live purchase
    // not wholly refunded; nullopt when none): what the member card needs, in one range of
    // purchases_member_at instead of reading every purchase the member ever made.
    struct WindowSpend {
        qint64 spendMinor = 0;
        std::optional<qint64> oldestCountedAtMs;
    };
    Result<WindowSpend> windowSpend(qint64 member, qint64 sinceMs);
    // When each live purchase with at >= sinceMs was made, oldest first: the member's visits in a tier
    // window (a visit is a purchase not voided, as the statistics count it).
    Result<QList<qint64>> visitTimesSince(qint64 member, qint64 sinceMs);
    Result<bool> hasPurchases(qint64 member);

private:
    Database &m_db;
};

struct LedgerRow {
    qint64 localId = 0;
    Uuid id;
    qint64 member = 0;
    QString kind; // see the CHECK in 0001_initial.sql
    qint64 points = 0;
    qint64 atMs = 0;
    std::optional<qint64> expiresAtMs;
    std::optional<qint64> purchase;
    std::optional<qint64> reverses;
    QString reward;
    std::optional<qint64> discountMinor;
    QString rulesVersion;
    QString terminalId;
    QString cashier;
    QString reason;
    QString approvedBy;
    QString storeId; // schema 2: redemptions name the receipt they were spent on
    QString receipt;
};

class LedgerStore
{
public:
    explicit LedgerStore(Database &db)
        : m_db(db)
    {}
    Status insert(LedgerRow &row);
    Result<QList<LedgerRow>> forMember(qint64 member, int limit = -1, bool newestFirst = true);
    Result<std::optional<LedgerRow>> byLocalId(qint64 localId);
    Result<qint64> sumForMember(qint64 member);
    // Members whose cached balance differs from their ledger sum: (localId, cached, sum).
    struct Mismatch {
        qint64 member;
        qint64 cached;
        qint64 sum;
    };
    Result<QList<Mismatch>> balanceMismatches(int limit);
    Result<qint64> count();

private:
    Database &m_db;
};

class GiftStore
{
public:
    explicit GiftStore(Database &db)
        : m_db(db)
    {}
    Result<bool> isGranted(qint64 member, const QString &gift, const QString &period);
    // false when already granted (nothing written).
    Result<bool> grant(qint64 member, const QString &gift, const QString &period, std::optional<qint64> entry,
                       qint64 atMs);

private:
    Database &m_db;
};

class TierChangeStore
{
public:
    explicit TierChangeStore(Database &db)
        : m_db(db)
    {}
    Status insert(const Uuid &id, qint64 member, const QString &from, const QString &to, qint64 atMs,
                  const QString &reason, const QString &rulesVersion);

private:
    Database &m_db;
};

struct OutboxRow {
    qint64 seq = 0;
    Uuid id;
    QString kind;
    Uuid entity;
    QByteArray payload; // JSON
    qint64 createdAtMs = 0;
    QString status = QStringLiteral("pending");
    int attempts = 0;
    QString lastError;
};

class OutboxStore
{
public:
    explicit OutboxStore(Database &db)
        : m_db(db)
    {}
    Status enqueue(OutboxRow &row);
    Result<QList<OutboxRow>> pending(int limit);
    Result<qint64> pendingCount();
    Status markApplied(qint64 seq);
    Status markRejected(qint64 seq, const QString &reason);
    // The personal fields taken out of the member's answered operations (an erasure: name, phone and
    // profile of their registration, edits and phone changes). Pending ones are still to be sent.
    Status scrubAnswered(const Uuid &member);

private:
    Database &m_db;
};

struct AuditRow {
    Uuid id;
    qint64 atMs = 0;
    QString actor;
    QString role;
    QString terminalId;
    QString action;
    std::optional<qint64> member;
    QString reason;
    QString approvedBy;
    QByteArray details = QByteArrayLiteral("{}"); // JSON, nothing personal
};

// Which audit rows to read: a time range [fromMs, toMs), optionally one member or one staff id.
struct AuditQuery {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    std::optional<qint64> member; // members.local_id
    QString actor;                // staff id; empty for everyone
    int limit = 200;
};

// An audit row with the member it is about, as the trail shows it.
struct AuditEntry {
    AuditRow row;
    QString memberCode; // empty when the row is about no member (or one without a code)
    QString memberName;
};

class AuditStore
{
public:
    explicit AuditStore(Database &db)
        : m_db(db)
    {}
    Status append(const AuditRow &row);
    Result<qint64> count();
    // Lockouts of a staff id since its last good PIN, counting from `sinceMs` on.
    Result<qint64> locksSinceLastLogin(const QString &staffId, qint64 sinceMs);
    // The rows `query` names, newest first.
    Result<QList<AuditEntry>> find(const AuditQuery &query);
    // How many rows of `action` are about the member after `afterMs`, and when the latest was.
    struct Tally {
        qint64 count = 0;
        qint64 latestMs = 0; // 0 when there is none
    };
    Result<Tally> tally(qint64 member, const QString &action, qint64 afterMs);

private:
    Database &m_db;
};

struct CashierRow {
    QString id;
    QString name;
    QString role; // "cashier" | "manager"
    QByteArray pinHash;
    QByteArray pinSalt;
    int pinIterations = 0;
    int failedAttempts = 0;
    std::optional<qint64> lockedUntilMs;
    bool active = true;
    qint64 createdAtMs = 0;
    QString source = QStringLiteral("local"); // "local" (made at this till) | "chain" (head office's list)
    std::optional<qint64> deactivatedAtMs{};  // when the switch-off reached this till
};

class CashierStore
{
public:
    explicit CashierStore(Database &db)
        : m_db(db)
    {}
    Status upsert(const CashierRow &row);
    Result<std::optional<CashierRow>> byId(const QString &id);
    Result<QList<CashierRow>> all();
    Status setFailures(const QString &id, int failedAttempts, std::optional<qint64> lockedUntilMs);

private:
    Database &m_db;
};

class SettingsStore
{
public:
    explicit SettingsStore(Database &db)
        : m_db(db)
    {}
    Result<std::optional<QString>> get(const QString &key);
    Status set(const QString &key, const QString &value);
    Status remove(const QString &key);

private:
    Database &m_db;
};

class RulesStore
{
public:
    explicit RulesStore(Database &db)
        : m_db(db)
    {}
    // The active rules document, if any.
    Result<std::optional<QByteArray>> active();
    // Stores a version and makes it the active one.
    Status activate(const QString &version, const QByteArray &document, qint64 atMs);

private:
    Database &m_db;
};

} // namespace counterpart
