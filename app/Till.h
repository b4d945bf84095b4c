#pragma once

// The till's use cases. One Till owns one database connection and is used from one thread; every
// action that changes anything is one SQLite transaction writing its domain rows, ledger entries, one
// outbox operation and one audit row together, or nothing at all. Till is the front door: each use
// case lives in a service (MemberService, PointsService, StaffService, SettingsService,
// ChainSyncService, MaintenanceService) over the till's shared TillContext.

#include "core/Clock.h"
#include "core/JobSchedule.h"
#include "core/LedgerKind.h"
#include "core/Loyalty.h"
#include "core/LoyaltyRules.h"
#include "core/Member.h"
#include "core/MemberCode.h"
#include "core/PhoneNumber.h"
#include "core/Result.h"
#include "core/Staff.h"
#include "core/Uuid.h"
#include "storage/Backup.h"
#include "storage/JobRuns.h"
#include "storage/MemberCounters.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace counterpart {

class Database;
class FieldCipher;
class TillContext;
struct MemberRow;
namespace sync {
struct EnrolResponse;
struct EnrolRequest;
struct CycleReport;
struct SyncStatus;
} // namespace sync

// This till's place in the chain. Kept in the settings table; made by Till::initialise().
struct TillConfig {
    QString storeId = QStringLiteral("S001");
    QString storeName;
    QString terminalId;                    // global id of this terminal
    int terminalNumber = 0;                // 10000..99999, the first digits of the member codes it makes
    QString region = QStringLiteral("CN"); // phone numbers are read as typed in this region
    QByteArray timeZone = QByteArrayLiteral("Asia/Shanghai"); // "today", birthdays, member days
    QString currency = QStringLiteral("CNY");
    QString language = QStringLiteral("en"); // "en" or "zh_CN"
    int voidWindowMinutes = 10;              // the last transaction can be voided this long
    qint64 cashierRefundLimitMinor = 50000;  // larger refunds need a manager
};

// The customer display (a second screen facing the customer): on or off, and the web address its
// join QR code opens when no member is attached (empty: the display asks them to join at the counter).
struct CustomerDisplaySetting {
    bool on = false;
    QString joinUrl;
};

// A PIN check in three steps, so the slow hash (PBKDF2, about 0.2 s) can run off the UI thread:
// Till::startLogin reads the staff row here, Till::hashPin runs on any thread, Till::finishLogin
// records the outcome (failures, lockout, audit) here. Till::login does all three at once.
struct PinCheck {
    QString staffId;
    QByteArray salt;
    int iterations = 0;
};

// A new PIN hashed with a fresh salt (Till::hashNewPin, any thread), for Till::createOperator.
struct PinHash {
    QByteArray salt;
    int iterations = 0;
    QByteArray hash;
};

// A manager's approval for an action the operator's role cannot do alone.
struct ManagerApproval {
    QString managerId;
    QString pin;
    // The PIN already hashed off the UI thread (startLogin + hashPin): checking it is then quick.
    std::optional<std::pair<PinCheck, QByteArray>> hashed = std::nullopt;
};

struct RegisterRequest {
    QString phone; // as typed
    QString name;
    QString gender;                 // "", "female", "male", "other"
    std::optional<QDate> birthDate; // full date; month+day stay searchable, the rest is encrypted
    QString idNumber;               // optional; encrypted at rest
    bool marketingConsent = false;
    QString note;
    QString channel = QStringLiteral("till"); // till | online | import
};

// Corrections to a member's details: only the fields given change. The birthday and the ID number
// are personal data a cashier cannot read back, so changing them needs a manager.
struct ProfileChange {
    std::optional<QString> name;
    std::optional<QString> gender;                 // "", "female", "male", "other"
    std::optional<std::optional<QDate>> birthDate; // a date, or an empty optional to remove it
    std::optional<QString> idNumber;               // "" removes it
    std::optional<QString> note;

    bool isEmpty() const { return !name && !gender && !birthDate && !idNumber && !note; }
};

// A membership closed at the member's request: what the balance left came to.
struct ClosedMembership {
    Member member;
    qint64 pointsForfeited = 0;
};

struct RegisterOutcome {
    Member member;
    qint64 welcomePoints = 0;
};

struct EarnRequest {
    QString member;           // member id, code, QR payload or phone, as typed/scanned
    qint64 amountMinor = 0;   // the receipt total
    qint64 excludedMinor = 0; // part of the total in excluded categories (tobacco...)
    QString receipt;          // receipt number; (store, receipt) earns once
};

// What a receipt QR says (ReceiptCodes::read), checked: what the earn dialog fills in.
struct ReceiptClaim {
    QString receipt;
    qint64 totalMinor = 0;
    qint64 excludedMinor = 0; // total less the part that earns
    qint64 atMs = 0;          // the time of sale
};

struct EarnOutcome {
    Member member; // after the earn
    Uuid purchaseId;
    EarnBreakdown breakdown;
    QList<GiftGrant> gifts;
    qint64 totalPoints = 0; // breakdown.totalPoints + gift points
    QString tierBefore;
    QString tierAfter; // differs from tierBefore on an upgrade
    bool isMemberDay = false;
};

struct RedeemRequest {
    QString member;
    QString rewardId;          // a catalogue reward, or empty for points-for-discount
    qint64 discountPoints = 0; // points-for-discount: a multiple of pointsForDiscountStep
    int quantity = 1;
    QString receipt; // optional: the receipt the points were spent on (a full refund gives them back)
    // What found the member, as typed or scanned (empty: `member` itself). Their full phone number
    // proves enough; anything else (card, QR, code, last four digits, name, a list) may be a photographed
    // card, and spending more than the rules' redemption.confirmAbovePoints in a day then needs
    // `phoneDigits` (docs/security.md, "Spending by card").
    QString foundWith;
    QString phoneDigits; // the digits the member gave when asked (PhoneNumber::askedDigits)
    // The POS hold this redemption captures (docs/pos-api.md): its own points are not counted as held.
    QString holdId;
};

struct RedeemOutcome {
    Member member;
    qint64 points = 0;        // spent (positive)
    qint64 discountMinor = 0; // money off, for points-for-discount
    QString rewardId;
};

struct RefundRequest {
    QString receipt;
    QString storeId;                   // empty: this store
    std::optional<qint64> amountMinor; // empty: whatever is left of the purchase
    QString reason;
};

struct RefundOutcome {
    Member member;
    qint64 refundedMinor = 0;
    qint64 pointsReversed = 0; // taken back (positive)
    qint64 pointsRestored = 0; // redeemed points given back on a full refund, per the rules
};

struct VoidOutcome {
    Member member;
    QString voidedKind;        // "earn" or "redeem"
    qint64 pointsReversed = 0; // net points taken back (negative when points were given back)
};

struct HistoryItem {
    Uuid id;
    qint64 atMs = 0;
    QString kind;
    qint64 points = 0;
    QString receipt;
    qint64 amountMinor = 0;
    QString reward;
    QString reason;
    QString cashier;
};

struct PurchaseSummary {
    Uuid id;
    QString storeId;
    QString receipt;
    qint64 atMs = 0;
    qint64 amountMinor = 0;
    qint64 refundedMinor = 0;
    qint64 pointsEarned = 0;
    bool voided = false;
    qint64 giftPoints = 0; // first-purchase and birthday gifts the purchase brought
};

// Everything the member card shows.
struct MemberCard {
    Member member;
    TierProgress progress;
    QDate tierWindowEnd; // spend counted until this day for progress
    // Spend progress.moreToSpendMinor by this day to reach the next tier: the day after it, the oldest
    // purchase still counted leaves the rolling window. Invalid when no purchase counts yet.
    QDate tierSpendDeadline;
    qint64 expiringSoonPoints = 0;
    QDate expiringBy;                 // the horizon of "soon"
    qint64 expiringWorthMinor = 0;    // money value of the expiring points
    QString expiringAffordableReward; // the best reward the balance buys now, empty if none
    bool birthdayWindow = false;      // today is in the member's birthday window
    bool birthdayGiftAvailable = false;
    bool memberDay = false;
    int memberDayMultiplierPercent = 100;
    bool welcomeGiftGranted = false;
    bool firstPurchaseGiftGranted = false;
    QList<PurchaseSummary> recentPurchases;
};

struct LookupResult {
    enum class Kind { Member, Candidates, None };
    Kind kind = Kind::None;
    QList<Member> members; // one for Member, several for Candidates
    QString explanation;   // for None: why nothing matched; for Member: how it matched, if not plainly
};

struct SweepOutcome {
    int members = 0;
    qint64 points = 0;
    bool serverExpires = false; // an enrolled till does not sweep: the server does, once for the chain
};

// ID numbers and full birth dates this till sealed with its own key, sealed again with the chain's
// key so every till of the chain can open them (docs/security.md, "Keys for a chain").
struct ResealOutcome {
    int resealed = 0; // members whose fields now open at every till, sent to the server
    int kept = 0;     // members whose fields stay readable here only (below)
};

// Enrolment with the central server (docs/sync-protocol.md, Enrolment).
struct EnrolmentRequest {
    QString serverUrl; // https://host:port
    QString code;      // the one-time code, "K7QM-4XTA-9PDR"
    QString caFile;    // PEM file trusted in addition to the system's (lab, self-signed); may be empty
    QString tillName;  // how the server lists this till; empty: the store name and terminal number
};

struct EnrolmentOutcome {
    QString terminalId;
    int terminalNumber = 0;
    QString storeId;
    QString storeName;
    qint64 clockOffsetMs = 0; // server time minus this till's time at enrolment
    qint64 pendingOps = 0;    // operations made before enrolment, now waiting to be pushed
};

// Where the till stands with the central server (counterpart-admin sync-status, the manager's screen).
struct SyncOverview {
    bool enrolled = false;
    QString serverUrl;
    QString caFile;
    QString terminalId;
    int terminalNumber = 0;
    qint64 pendingOps = 0;
    std::optional<qint64> oldestPendingMs;
    qint64 rejectedOps = 0;
    struct Rejected {
        QString opId;
        QString kind;
        qint64 atMs = 0;
        std::optional<qint64> answeredAtMs;
        QString reason;     // the server's code, e.g. receipt_taken
        QString message;    // the server's words
        QString memberCode; // the member the operation was about, when this till has them
    };
    QList<Rejected> rejected; // newest first
    struct Flag {
        QString kind; // overdraw, rules_refused
        QString memberCode;
        std::optional<qint64> balance;
        qint64 atMs = 0;
        bool seen = false;
    };
    QList<Flag> flags; // newest first
    qint64 unseenFlags = 0;
    std::optional<qint64> cursor;
    bool bootstrapping = false; // a snapshot is half way
    qint64 lastSuccessMs = 0;
    QString lastError;
    qint64 clockOffsetMs = 0;
};

// A clock stamp more than 5 minutes ahead of the till's clock (counterpart-admin stamps-ahead).
struct StampAhead {
    QString memberCode; // empty for the till's own clock, or a member without a code
    QString field;      // "clock" (the till's own last stamp) or a profile field
    QString stamp;
    QString repairedTo; // clamped to the till's present (its clock corrected by the server's offset)
};

struct TierEvaluationOutcome {
    int evaluated = 0;
    int upgraded = 0;
    int downgraded = 0;
    // An enrolled till does not evaluate: the server does, once for the chain, and its tier changes
    // come down with the members at the next sync.
    bool serverEvaluates = false;
};

// A job that runs by itself, as the manager screen and `counterpart-admin jobs` show it.
struct JobStatus {
    Job job = Job::Expiry;
    bool ownedHere = true;      // false: the chain's server runs it (an enrolled till); nothing runs here
    std::optional<JobRun> last; // the latest run recorded at this till
    JobPeriod due;              // the period that has fallen due most recently
    bool overdue = false;       // owned here and `due` has no successful run yet
    qint64 nextDueMs = 0;
};

// One run done by Till::runDueJobs.
struct JobRunReport {
    Job job = Job::Expiry;
    QString period;
    bool ok = false;
    QString detail; // what it did, or the error's message
};

struct CheckReport {
    bool ok = true;
    int schemaVersion = 0;
    bool integrityOk = true;
    QString integrityProblems;
    qint64 members = 0;
    qint64 ledgerEntries = 0;
    qint64 balanceMismatches = 0;
    qint64 pendingOutbox = 0;
    qint64 statsMismatches = 0;   // maintained statistics that differ from a recomputation
    qint64 counterMismatches = 0; // members whose visits, first or last purchase differ from their purchases
    qint64 chainKey = 0;          // the chain key new ID numbers are sealed with; 0: the till's own key
    QStringList problems;         // plain words, no personal data
};

struct TillOptions {
    QString keyFile;               // empty: FieldCipher::defaultKeyFile(database id)
    bool unsafeFastWrites = false; // seeding and benchmarks only
    bool fullIntegrityCheck = false;
    // The till's window: the log is copied into the database file from a thread of its own instead of
    // by every ~1,000th commit (WalCheckpointer), which keeps the earn's tail short.
    bool backgroundCheckpoints = false;
};

class Till
{
    Q_DECLARE_TR_FUNCTIONS(Till)

public:
    ~Till();
    Till(const Till &) = delete;
    Till &operator=(const Till &) = delete;

    // Opens (creating and migrating as needed) the database at `path`. A new database is initialised
    // with `initial` (a random terminal number when initial.terminalNumber is 0) and the default rules.
    static Result<std::unique_ptr<Till>> open(const QString &path, const Clock &clock,
                                              const TillOptions &options = {},
                                              const std::optional<TillConfig> &initial = std::nullopt);

    const TillConfig &config() const;
    Status updateConfig(const TillConfig &config);
    // The language of the till's screens and messages ("en" or "zh_CN"). Any operator may change it:
    // it is a display preference, not a store setting.
    Status setLanguage(const QString &language);
    const LoyaltyRules &rules() const;
    // Installs a new rules document (validated) and makes it active. Manager only.
    Status installRules(const QByteArray &json);
    // The demo seeder filled this database (SettingsService::isDemo): made-up members, for training.
    bool isDemo();
    Result<CustomerDisplaySetting> customerDisplay();
    Status setCustomerDisplay(const CustomerDisplaySetting &setting,
                              const std::optional<ManagerApproval> &approval = {});
    Database &database();
    // Checkpoints the background checkpointer has made (0 without TillOptions::backgroundCheckpoints).
    qint64 backgroundCheckpoints() const;
    const Clock &clock() const;

    // The till is offline from the central server: redemptions are capped. Set by the sync engine; an
    // enrolled till starts offline until the engine reaches the server.
    void setOffline(bool offline);
    bool isOffline() const;

    // --- operators --------------------------------------------------------------------------------
    Status createOperator(const QString &id, const QString &name, Role role, const QString &pin,
                          int iterations = 0);
    // Hashes a new PIN (4 to 8 digits) with a fresh salt; slow, safe on any thread.
    static Result<PinHash> hashNewPin(const QString &pin, int iterations = 0);
    Status createOperator(const QString &id, const QString &name, Role role, const PinHash &pin);
    // Checks the PIN; five wrong PINs in a row lock the operator for five minutes.
    Result<Operator> login(const QString &id, const QString &pin);
    // The same for an approval, using its hash when it has one.
    Result<Operator> login(const ManagerApproval &approval);
    // login() in three steps (see PinCheck). startLogin refuses a locked staff id at once; an unknown
    // id gets a check too, which finishLogin refuses like a wrong PIN.
    Result<PinCheck> startLogin(const QString &id);
    static QByteArray hashPin(const QString &pin, const PinCheck &check); // slow; any thread
    Result<Operator> finishLogin(const PinCheck &check, const QByteArray &hash);
    void setOperator(const Operator &op);
    const Operator &currentOperator() const;
    // Why the person on shift may no longer work here (head office switched them off and a sync brought
    // it), or nothing: the screen signs them out; every action refuses meanwhile.
    std::optional<QString> operatorSwitchedOff();
    bool hasOperators();
    Result<QList<Operator>> staffToPick(bool managersOnly = false);

    // --- members ----------------------------------------------------------------------------------
    Result<RegisterOutcome> registerMember(const RegisterRequest &request);
    // What the lookup field does with whatever was typed or scanned: a member code or QR payload, a
    // full phone number, four digits, or a name prefix.
    Result<LookupResult> lookup(const QString &text);
    Result<std::optional<Member>> findByPhone(const QString &phoneText);
    Result<QList<Member>> findByLast4(const QString &digits, int limit = 20);
    Result<QList<Member>> findByNamePrefix(const QString &prefix, int limit = 20);
    Result<std::optional<Member>> findByCode(const QString &code);
    Result<std::optional<Member>> findByScan(const QString &payload);
    Result<std::optional<Member>> findById(const Uuid &id);
    // How many members the till holds (the setup screen's first sync says so).
    Result<qint64> memberCount();
    // A member from any reference a cashier or script gives: id, code, QR payload or phone.
    // A closed membership is refused unless `includeClosed` (what is done to a closed one: an erasure).
    Result<Member> resolve(const QString &reference, bool includeClosed = false);
    Result<MemberCard> card(const Uuid &memberId);
    Status setNote(const Uuid &memberId, const QString &note);
    Status setMarketingConsent(const Uuid &memberId, bool consent);
    // Writes the fields of `change` that differ from the member's (the member as it is now, unchanged
    // when nothing differs); one member.update carries them to the chain, last writer wins per field.
    Result<Member> updateProfile(const Uuid &memberId, const ProfileChange &change,
                                 const std::optional<ManagerApproval> &approval);
    // A new phone number for the member (manager only: the number is how the member is found and
    // recognised). The new number must not be another active member's; the old one still finds the member
    // for the rules' members.oldPhoneDays. One member.phone carries it; the server checks the number
    // against the whole chain, and a till whose change it refuses puts the old number back.
    Result<Member> changePhone(const Uuid &memberId, const QString &phone,
                               const std::optional<ManagerApproval> &approval);
    // The member's previous numbers that still find them, newest first, as shown to staff.
    Result<QStringList> previousPhones(const Uuid &memberId);
    // Closes the membership for good (manager only): the points left are forfeited by an adjustment in
    // the same transaction, the phone is free for a new registration, and every till of the chain
    // learns it at its next sync.
    Result<ClosedMembership> closeMembership(const Uuid &memberId, const QString &reason,
                                             const std::optional<ManagerApproval> &approval);
    // Erases the member's personal data at their request (manager only): an open membership is closed
    // as by closeMembership (its points forfeited), then name, phone, gender, birthday, ID number, note
    // and previous numbers are removed here, from this till's answered operations, and — by one
    // member.erase — at the server and every till. Ledger and purchases stay, anonymous. Final.
    Result<ClosedMembership> eraseMember(const Uuid &memberId,
                                         const std::optional<ManagerApproval> &approval);
    // The decrypted full birth date and ID number (manager only).
    Result<std::pair<std::optional<QDate>, QString>>
    privateDetails(const Uuid &memberId, const std::optional<ManagerApproval> &approval);

    // --- points -----------------------------------------------------------------------------------
    // The receipt QR a POS prints for a sale of this store (docs/pos-api.md, "The receipt QR").
    Result<QString> receiptQr(const QString &receipt, qint64 totalMinor, qint64 eligibleMinor);
    // A scanned receipt QR, checked (signature, store, date, not earned yet); refused in plain words.
    Result<ReceiptClaim> readReceiptQr(const QString &text);
    // What an earn would give, without writing anything (for the confirmation screen).
    Result<EarnOutcome> previewEarn(const EarnRequest &request);
    Result<EarnOutcome> earn(const EarnRequest &request);
    // Refuses with ErrorCode::SecondFactorNeeded, saying what to ask, when the member must give digits
    // of their phone (RedeemRequest::foundWith); wrong digits are refused and recorded in the audit trail.
    Result<RedeemOutcome> redeem(const RedeemRequest &request);
    // What redeem() would take (points, money off, the balance after), refused as it would be; writes
    // nothing.
    Result<RedeemOutcome> previewRedeem(const RedeemRequest &request);
    // What the cashier must ask the member before `request` can spend: empty when nothing. Refused while
    // too many wrong answers lock spending by card for the member. Writes nothing.
    Result<QString> phoneDigitsQuestion(const RedeemRequest &request);
    // What refund() would take back and give back, and the balance after; writes nothing.
    Result<RefundOutcome> previewRefund(const RefundRequest &request);
    Result<RefundOutcome> refund(const RefundRequest &request,
                                 const std::optional<ManagerApproval> &approval = {});
    Result<Member> adjust(const QString &member, qint64 points, const QString &reason,
                          const std::optional<ManagerApproval> &approval = {});
    // Takes back the member's last earn or redemption if it is within the void window.
    Result<VoidOutcome> voidLast(const QString &member, const QString &reason,
                                 const std::optional<ManagerApproval> &approval = {});
    Result<QList<HistoryItem>> history(const Uuid &memberId, int limit = 50);
    Result<QList<PurchaseSummary>> purchases(const Uuid &memberId, int limit = 50);
    Result<std::optional<PurchaseSummary>> purchaseOnReceipt(const Uuid &memberId, const QString &receipt);

    // --- scheduled --------------------------------------------------------------------------------
    Result<SweepOutcome> expirePoints();
    // Re-seals under the chain's newest key what this till sealed with its own, once it has a chain
    // key; nothing to do otherwise. Run at open and after a sync brings keys.
    Result<ResealOutcome> resealWithChainKey();
    Result<TierEvaluationOutcome> evaluateTiers();
    // The jobs that run by themselves (MaintenanceService). Each job has one owner: an enrolled till leaves
    // expiry and tier evaluation to the chain's server (docs/design.md, "Jobs that run by themselves").
    static QList<Job> jobs();
    bool ownsJob(Job job) const;
    Result<QList<JobStatus>> jobStatus();
    // Runs every job this till owns whose latest period has no successful run: at start (catching up
    // after the till was off) and then every minute from JobRunner. A period's run is claimed in
    // job_runs first, so two processes on this file never both run it.
    Result<QList<JobRunReport>> runDueJobs();
    // Copies this till's database now, while it serves (the daily job, counterpart-admin backup): into
    // `dir`, else the folder in the settings (backup_dir), else `backups` beside the file; keeping `keep`
    // copies, else the settings' backup_keep, else 7.
    Result<BackupOutcome> backup(const QString &reason, const QString &dir = {}, int keep = 0);

    // --- maintenance ------------------------------------------------------------------------------
    Result<CheckReport> check(bool fullIntegrity);
    // Sets every member's cached visits, first purchase and last visit to what their live purchases say,
    // in one transaction with an audit row (counterpart-admin check --repair). Manager only. Returns what
    // it mended (the first `exampleLimit` members in full).
    Result<CounterReport> repairCounters(int exampleLimit);
    // One mismatch in plain words, for check's problems and what --repair mended (no personal data).
    static QString counterMismatchText(const CounterMismatch &m);

    // --- sync (ChainSyncService) -----------------------------------------------------------------
    // Enrols this till with the central server using a one-time code: waits for the server, so for the
    // CLI and background threads only. Manager only.
    Result<EnrolmentOutcome> enrol(const EnrolmentRequest &request);
    // The request to send for an enrolment (checked: a code, a usable key), for the UI's EnrolClient.
    Result<sync::EnrolRequest> enrolmentRequest(const EnrolmentRequest &request);
    // Stores an enrolment's answer: the terminal id and number, the secret (encrypted with the till's
    // key), the server and the store's settings. The UI sends the request itself (sync::EnrolClient).
    Result<EnrolmentOutcome> applyEnrolment(const sync::EnrolResponse &response, const QString &serverUrl,
                                            const QString &caFile);
    bool isEnrolled() const;
    // Re-reads the active rules after the sync engine installed the server's.
    Status reloadRules();
    Result<SyncOverview> syncOverview(int listLimit = 50);
    // Stamps beyond the bound: the till's own clock and members' field stamps. With `repair` (manager
    // only), each is clamped to the present in one transaction with an audit row.
    Result<QList<StampAhead>> stampsAhead(bool repair);
    // The manager has seen the flags (the badge on the manager button goes). Manager only.
    Status markSyncFlagsSeen();
    // The key file the till was opened with: the sync engine reads the terminal secret with it.
    const QString &keyFile() const;
    // Why ID numbers and birth dates cannot be read or saved now (the key file missing or another
    // database's), in words for the till's staff; empty when they can.
    const QString &keyProblem() const;
    // Runs one push + pull cycle now on a second connection and waits for it (CLI and scripts; the till
    // app runs sync::SyncService in the background instead). Afterwards the till is online or offline
    // as the cycle went, and its rules are reloaded. `onStatus` sees each status the engine reports
    // meanwhile (a new till's bootstrap: how far the store's members are).
    sync::CycleReport syncOnce(const std::function<void(const sync::SyncStatus &)> &onStatus = {});
    // The X-CP-* headers for a request signed as this terminal (a technician's curl).
    Result<QList<std::pair<QByteArray, QByteArray>>>
    signRequest(const QByteArray &method, const QByteArray &pathAndQuery, const QByteArray &body);

    // Local calendar date in the store's time zone.
    QDate today() const;
    QDate localDate(qint64 ms) const;

    // The state and plumbing the use cases share: for app/'s own services (Statistics, MemberCsv), not
    // for ui/ or cli/.
    TillContext &context();

private:
    Till(std::unique_ptr<Database> db, const Clock &clock);
    std::unique_ptr<TillContext> m_ctx; // each use case is a service over it (Till.cpp forwards)
};

} // namespace counterpart
