#pragma once

// The sync protocol's wire types and their JSON codec, shared by the till's sync engine and the server
// (docs/sync-protocol.md is the contract). Every wire type has its one codec here, both directions
// (`toJson`/`fromJson` for whole bodies, `toJsonObject`/`fromJsonObject` for parts): the till, the server
// and the tests spell the keys only through it. Parsing is strict: wrong types, out-of-range numbers,
// huge strings, unknown kinds and malformed ids are refused with a message that names the field
// ("ops[3].entries[0].points must be an integer"). Unknown *keys* are ignored (a newer peer may add
// optional fields), except in member.update's `fields`, where an unknown field would be silently lost.
//
// Free of OpenSSL and of storage, so the fuzz build can compile it with core alone.

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace counterpart::sync {

// Limits every peer enforces.
constexpr qsizetype MaxBodyBytes = 8 * 1024 * 1024; // a request body larger than this is answered 413
constexpr int MaxOpsPerPush = 500;
constexpr int MaxEntriesPerOp = 1000;
constexpr int MaxChangesPerPage = 5000;
constexpr int DefaultChangesPerPage = 1000;
constexpr int MaxSnapshotMembersPerPage = 2000;
constexpr int DefaultSnapshotMembersPerPage = 500;
// A snapshot page stops adding members before it would pass this many bytes (at least one member a page),
// so a store whose members carry a year of purchases each still fits every page under MaxBodyBytes. A
// till may ask for smaller pages (`bytes`); never larger.
constexpr qsizetype MaxSnapshotPageBytes = MaxBodyBytes / 2;
constexpr qsizetype MinSnapshotPageBytes = 1024;
constexpr qint64 MaxPoints = 1'000'000'000'000;      // |points| of one entry
constexpr qint64 MaxAmountMinor = 1'000'000'000'000; // 10 billion yuan in fen: far beyond any receipt
constexpr int MaxPreviousPhones = 20;                // old numbers a member change carries
constexpr int MaxNameLength = 200;                   // a person's or a store's name
constexpr qint64 MinTimeMs = 946'684'800'000;        // 2000-01-01: no till clock is earlier than this
constexpr qint64 MaxTimeMs = 4'102'444'800'000;      // 2100-01-01

// ---- small validators, also used by the server for query parameters ----------------------------------

bool isUuidText(const QString &text);     // "0193f5e4-7a1c-7d2e-8f00-0123456789ab" (lowercase or upper)
bool isStoreId(const QString &text);      // 1..32 of [A-Za-z0-9_-]
bool isE164(const QString &text);         // "+8613800138000"
bool isCurrencyCode(const QString &text); // 3 upper-case letters
bool isTierId(const QString &text);       // 1..64 of [a-z0-9_-]

// Parses a JSON document whose top level must be an object.
Result<QJsonObject> parseJsonObject(const QByteArray &json);

// ---- errors ------------------------------------------------------------------------------------------

// Every non-2xx answer: {"error": "<code>", "message": "<plain words>"}; a 401 `stale` also carries
// serverTime so the till can correct its offset.
struct ErrorBody {
    QString error;
    QString message;
    std::optional<qint64> serverTime;

    QByteArray toJson() const;
    static Result<ErrorBody> fromJson(const QByteArray &json);
};

// ---- enrolment ---------------------------------------------------------------------------------------

struct EnrolRequest {
    QString code;       // "K7QM-4XTA-9PDR" (dashes and case do not matter)
    QString name;       // the till's name, 0..100 characters
    QString databaseId; // optional: the till database's id (UUID), for the server's records

    QByteArray toJson() const;
    static Result<EnrolRequest> fromJson(const QByteArray &json);
};

struct StoreInfo {
    QString id;
    QString name;
    QString region;   // ISO 3166 region for phone numbers, "CN"
    QString timeZone; // IANA, "Asia/Shanghai"
    QString currency; // ISO 4217, "CNY"

    QJsonObject toJsonObject() const;
    static Result<StoreInfo> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct EnrolResponse {
    QString terminalId;     // UUID
    int terminalNumber = 0; // 10000..99999, the first digits of the member codes this till makes
    QByteArray secret;      // 32 raw bytes; base64 on the wire
    StoreInfo store;
    qint64 serverTime = 0;

    QByteArray toJson() const;
    static Result<EnrolResponse> fromJson(const QByteArray &json);
};

// ---- push --------------------------------------------------------------------------------------------

enum class OpKind {
    MemberRegister,
    MemberUpdate,
    MemberClose,
    Earn,
    Redeem,
    Refund,
    Adjust,
    Expire,
    Void,
    TierChange,
    MemberPhone,
    MemberErase
};
QString opKindName(OpKind kind); // "member.register", ...
std::optional<OpKind> opKindFromName(const QString &name);
// Whether operations of this kind carry ledger entries (profile, phone and tier changes do not).
bool carriesEntries(OpKind kind);

// One operation of a push, as the till's outbox holds it. The envelope is parsed; the rest is kept as
// sent (`raw`) and parsed by parseOp() when the server applies it. An op whose envelope is invalid but
// whose opId is a UUID is still carried (with `envelopeError`), so the server can answer it `rejected`
// instead of refusing the whole batch: one bad operation must not block a till's queue.
struct PushOp {
    QString opId; // always a valid UUID
    QString op;   // kind name
    QString hlc;  // "<13-digit ms>-<4-digit counter>-<terminal>"
    qint64 at = 0;
    QString store;
    QString terminal;
    QJsonObject raw;
    std::optional<Error> envelopeError;

    // An op as the till's outbox holds it (ParsedOp::toJsonObject). Ops written before every op carried
    // its hlc, opId and member are given them here: `hlc`, the outbox row's id, its entity (if any).
    static PushOp fromOutbox(QJsonObject raw, const QString &opId, const QString &hlc, const QString &member);
};

struct PushRequest {
    QList<PushOp> ops; // 1..MaxOpsPerPush

    QByteArray toJson() const; // writes `raw` of each op
    // Refuses the whole request only when it cannot be answered op by op: not an object, no `ops`
    // array, too many ops, an op that is not an object or whose opId is not a UUID.
    static Result<PushRequest> fromJson(const QByteArray &json);
};

// Duplicate: the opId was seen before and nothing changed now. A duplicate of an op that was *rejected*
// carries the first answer's reason and message (and a duplicate of an applied one its flags and
// mergedInto): a till that lost the first answer must treat a duplicate with a reason as rejected.
enum class OpStatus { Applied, Duplicate, Rejected };
QString opStatusName(OpStatus status);

// Reasons the server gives for a rejection (OpResult::reason). The till shows its own translated text
// for each and falls back to `message` for reasons it does not know.
namespace reason {
inline const QString Invalid = QStringLiteral("invalid"); // the op failed validation
inline const QString ReceiptTaken =
    QStringLiteral("receipt_taken"); // (store, receipt) belongs to another purchase
inline const QString UnknownMember = QStringLiteral("unknown_member"); // no such member at the server
inline const QString UnknownPurchase =
    QStringLiteral("unknown_purchase");                        // refund/void of an unknown purchase
inline const QString CodeTaken = QStringLiteral("code_taken"); // member code held by another member
inline const QString WrongTerminal =
    QStringLiteral("wrong_terminal");                       // envelope terminal/store is not the signer's
inline const QString Conflict = QStringLiteral("conflict"); // id reused with different content
inline const QString ForeignPurchase =
    QStringLiteral("foreign_purchase"); // void/refund of another store's purchase
inline const QString WrongMember =
    QStringLiteral("wrong_member"); // void/refund naming another member than the purchase's
inline const QString PointsRefused =
    QStringLiteral("points_refused"); // points that the loyalty rules or the server's records do not give
inline const QString ClockAhead =
    QStringLiteral("clock_ahead"); // the op's HLC is further ahead of the server's clock than Hlc::MaxAheadMs
inline const QString HlcTerminal =
    QStringLiteral("hlc_terminal"); // the op's HLC names another terminal than the one that signed
inline const QString ForeignCode =
    QStringLiteral("foreign_code"); // member code of another terminal number, made after enrolment
inline const QString TierRefused =
    QStringLiteral("tier_refused"); // a tier upgrade the member's spend at the server does not reach
// An adjustment approved by a staff id not registered as the store's manager.
inline const QString UnknownApprover = QStringLiteral("unknown_approver");
// member.close of a membership already closed (at another till); member.phone of a closed one.
inline const QString MemberClosed = QStringLiteral("member_closed");
// member.phone to a number another active member holds at the server.
inline const QString PhoneTaken = QStringLiteral("phone_taken");
// member.update of a member whose personal data was erased: it is not written again.
inline const QString MemberErased = QStringLiteral("member_erased");
} // namespace reason

struct OpResult {
    QString opId;
    OpStatus status = OpStatus::Applied;
    QString reason;     // rejected only
    QString message;    // rejected only: plain words, no personal data
    QStringList flags;  // e.g. "overdraw"
    QString mergedInto; // member.register that became an alias: the member it was merged into

    QJsonObject toJsonObject() const;
    static Result<OpResult> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct PushResponse {
    QList<OpResult> results; // one per op, in the request's order
    qint64 serverTime = 0;

    QByteArray toJson() const;
    static Result<PushResponse> fromJson(const QByteArray &json);
};

// ---- op payloads -------------------------------------------------------------------------------------

// A ledger entry as an operation or an `entry` change carries it. Points are signed.
struct WireEntry {
    QString id; // UUID
    QString kind;
    qint64 points = 0;
    qint64 at = 0;
    std::optional<qint64> expiresAt;
    QString rulesVersion;
    QString reward;
    std::optional<qint64> discountMinor;
    QString reason;
    QString approvedBy;
    QString receipt;
    // An earn that used the member's birthday bonus multiplier: the birthday period it used (the rules'
    // period id, e.g. "2026"), so every till knows the bonus of that period is spent.
    QString birthdayBonus;

    QJsonObject toJsonObject() const;
    // The optional details alone (rulesVersion, reward, discountMinor, reason, approvedBy, receipt,
    // birthdayBonus; only those that are set): what the server keeps of an entry beside its columns.
    QJsonObject detailsJsonObject() const;
    // `allowServerKinds`: accept `opening` and `merge_correction` (entries the server makes; a till
    // must never push them).
    static Result<WireEntry> fromJsonObject(const QJsonObject &o, const QString &field,
                                            bool allowServerKinds);
};
bool isLedgerKind(const QString &kind);
bool isServerOnlyLedgerKind(const QString &kind); // opening, merge_correction

// Profile fields that are last-writer-wins (member.update `fields`; also present in member.register).
// Absent = not part of this update.
struct MemberFields {
    std::optional<QString> name;   // 1..200 characters
    std::optional<QString> gender; // "", female, male, other
    std::optional<QString> note;   // 0..2000 characters
    std::optional<bool> marketingConsent;
    std::optional<qint64> consentAt;
    std::optional<int> birthMonth;       // 1..12, or JSON null to clear
    std::optional<int> birthDay;         // 1..31
    std::optional<QString> birthDateEnc; // base64 of the till's ciphertext, opaque to the server
    std::optional<QString> idNumberEnc;  // same
    bool clearBirthday = false;          // birthMonth/birthDay sent as null

    static QStringList names(); // the keys, in a stable order
    bool isEmpty() const;
    QJsonObject toJsonObject() const; // only the present fields
    static Result<MemberFields> fromJsonObject(const QJsonObject &o, const QString &field, bool onlyKnown);
};

struct MemberProfile { // member.register `member`
    QString id;        // UUID
    QString code;      // 12 digits with a valid check digit
    QString phone;     // E.164
    QString tier;
    QString channel; // till, online, import
    qint64 createdAt = 0;
    MemberFields fields; // name is required here

    QJsonObject toJsonObject() const;
    static Result<MemberProfile> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct WirePurchase { // earn `purchase`
    QString id;
    QString receipt; // 1..64 characters
    qint64 amountMinor = 0;
    qint64 eligibleMinor = 0; // <= amountMinor
    QString currency;
    qint64 at = 0;

    QJsonObject toJsonObject() const;
    static Result<WirePurchase> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct WireRefund { // refund `refund`
    QString id;
    QString purchase;       // the purchase's id
    qint64 amountMinor = 0; // > 0
    qint64 at = 0;

    QJsonObject toJsonObject() const;
    static Result<WireRefund> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct WireTierChange { // earn / tier.change `tierChange`
    QString id;
    QString from;
    QString to;
    QString reason; // upgrade (default: not written), evaluation, adjust

    QJsonObject toJsonObject() const;
    static Result<WireTierChange> fromJsonObject(const QJsonObject &o, const QString &field);
};

// An operation with its payload parsed and validated for its kind; also what the till writes to its
// outbox (toJsonObject), so both ends spell an operation the same way.
struct ParsedOp {
    OpKind kind = OpKind::Adjust;
    QString opId;
    QString hlc;
    qint64 at = 0;
    QString store;
    QString terminal;
    QString operatorId;
    QString rulesVersion;

    QString member; // the member id the op is about (member.register: the new member's id)
    std::optional<MemberProfile> profile;     // member.register
    std::optional<MemberFields> fields;       // member.update
    QList<WireEntry> entries;                 // register, earn, redeem, refund, adjust, expire, void
    std::optional<WirePurchase> purchase;     // earn
    QString voidedPurchase;                   // void: the purchase that never happened, may be empty
    std::optional<WireRefund> refund;         // refund
    std::optional<WireTierChange> tierChange; // tier.change (required), earn (optional)
    QString closeReason;                      // member.close: why, as the manager wrote it (0..500)
    QString phone;                            // member.phone: the new number (E.164)
    QString previousPhone;                    // member.phone: the number it replaces (E.164)
    qint64 redeemPoints = 0;                  // redeem: > 0
    bool offline = false;                     // redeem: made while the till was offline

    // The whole operation: the envelope (operator and rulesVersion always, empty or not), then what its
    // kind carries (entries always for the kinds that have them, even none).
    QJsonObject toJsonObject() const;
    // The keys of the profile fields this operation writes (member.update's fields, member.register's
    // profile), for the till's field stamps.
    QStringList writtenFields() const;
};

// `field` prefixes messages, e.g. "ops[3]". Checks everything the server relies on: ids, kinds, signs
// of points per entry kind, amounts, lengths, and that the HLC is well formed.
Result<ParsedOp> parseOp(const QJsonObject &op, const QString &field = QStringLiteral("op"));

// ---- pull --------------------------------------------------------------------------------------------

enum class ChangeType { Member, Entry, Purchase, Merge, Rules, Flag };
QString changeTypeName(ChangeType type);
std::optional<ChangeType> changeTypeFromName(const QString &name);

// One numbered change. On the wire the payload sits under the key named by the type:
// {"seq": 1042, "type": "entry", "entry": {...}}.
struct Change {
    qint64 seq = 0;
    ChangeType type = ChangeType::Member;
    QJsonObject payload;

    QJsonObject toJsonObject() const;
    static Result<Change> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct ChangesPage {
    QList<Change> changes; // ascending seq
    qint64 next = 0;       // the cursor to store: the last change's seq, or `after` when empty
    bool more = false;     // more changes are waiting: ask again at once
    qint64 serverTime = 0;

    QByteArray toJson() const;
    static Result<ChangesPage> fromJson(const QByteArray &json);
};

// A change as the server keeps it: its payload already compact JSON (Change::payload, written once when
// the change was made).
struct StoredChange {
    qint64 seq = 0;
    QByteArray type;    // changeTypeName
    QByteArray payload; // compact JSON object
};

// A changes page spliced from stored changes without parsing their payloads again: the pull's hot path.
// ChangesPage::fromJson reads it as it reads ChangesPage::toJson (the keys come in another order).
QByteArray writeChangesPage(const QList<StoredChange> &changes, qint64 next, bool more, qint64 serverTime);

// A number a member had before a phone change, findable until `until` (the rules' members.oldPhoneDays
// after the change).
struct PreviousPhone {
    QString phone; // E.164
    qint64 until = 0;

    friend bool operator==(const PreviousPhone &, const PreviousPhone &) = default;
};

// Typed views of change payloads, for the till.
struct MemberChange { // type member; also a snapshot member
    QString id;
    QString code;   // empty when the server keeps the member without the code (flag code_taken)
    QString phone;  // E.164; empty only for an erased member
    QString status; // active, merged, closed
    QString mergedInto;
    QString tier;
    qint64 tierSince = 0;
    QString channel;
    QString store;
    qint64 createdAt = 0;
    qint64 balance = 0; // the server's balance when the change was made
    MemberFields fields;
    QJsonObject fieldHlc;                // field name -> HLC text
    QList<PreviousPhone> previousPhones; // at most MaxPreviousPhones; absent on the wire when none
    std::optional<qint64> erasedAt;      // personal data erased (status closed, no profile fields)

    QJsonObject toJsonObject() const; // `code`, `mergedInto`, `previousPhones` only when set
    static Result<MemberChange> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct EntryChange { // type entry
    WireEntry entry;
    QString member;
    QString terminal; // empty for server-made entries
    QString store;
    QString purchase; // the purchase an earn, gift or refund entry belongs to, if any

    QJsonObject toJsonObject() const;
    static Result<EntryChange> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct PurchaseChange { // type purchase
    WirePurchase purchase;
    QString store;
    QString member;
    qint64 refundedMinor = 0;
    bool voided = false;

    QJsonObject toJsonObject() const;
    static Result<PurchaseChange> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct MergeChange { // type merge
    QString from;    // the alias
    QString into;    // the member that stays
    QJsonObject toJsonObject() const;
    static Result<MergeChange> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct RulesChange { // type rules; `document` is validated by LoyaltyRules::fromJson at the till
    QString version;
    QJsonObject document;
    QJsonObject toJsonObject() const;
    static Result<RulesChange> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct FlagChange { // type flag
    QString id;     // the flag's id (UUID)
    QString kind;   // overdraw
    QString member;
    QString opId;
    QString terminal;
    qint64 balance = 0; // the balance after the op
    qint64 at = 0;
    QJsonObject toJsonObject() const; // opId and terminal only when set
    static Result<FlagChange> fromJsonObject(const QJsonObject &o, const QString &field);
};

// ---- snapshot ----------------------------------------------------------------------------------------

// An open credit lot of a member, written at the till as one `opening` ledger entry. The id is made
// by the server from (member, lot, cursor), so every till bootstrapped at the same cursor holds the same
// entries. A member in debt has one lot with negative points and no expiry.
struct SnapshotLot {
    QString id;
    qint64 points = 0;
    qint64 at = 0;
    std::optional<qint64> expiresAt;

    QJsonObject toJsonObject() const;
    static Result<SnapshotLot> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct SnapshotMember {
    QJsonObject member;           // as a `member` change payload (MemberChange); balance as of the cursor
    QList<SnapshotLot> lots;      // sum == balance
    QList<QJsonObject> purchases; // the last 12 months, as `purchase` change payloads

    QByteArray toJson() const; // compact: what it adds to a page, byte for byte
    // Checks the member (MemberChange), that the lots add up to its balance, and each purchase.
    static Result<SnapshotMember> fromJsonObject(const QJsonObject &o, const QString &field);
};

struct SnapshotPage {
    QList<SnapshotMember> members; // ascending member id
    qint64 cursor = 0; // pull changes after this once every page is written; pass it to later pages
    QString next;      // pass as `after` for the next page
    bool more = false;
    std::optional<RulesChange> rules; // the active rules (first page only)
    qint64 serverTime = 0;

    QByteArray toJson() const;
    // The same bytes, with every member already written (SnapshotMember::toJson, in `members` order):
    // a server that measured its members for the page's byte limit writes each of them once.
    QByteArray toJson(const QList<QByteArray> &writtenMembers) const;
    static Result<SnapshotPage> fromJson(const QByteArray &json);
};

// ---- staff (GET /v1/staff) ---------------------------------------------------------------------------

bool isStaffId(const QString &text); // 1..32 of [A-Za-z0-9._-]

// A person of the till's store as head office registered them (docs/sync-protocol.md, "Staff"). A person
// switched off (or moved to another store) is listed without a PIN, so their tills refuse them.
struct StaffEntry {
    QString id;
    QString name;
    QString role; // "cashier" or "manager"
    bool active = true;
    QByteArray pinHash; // PBKDF2-HMAC-SHA256 of the PIN; empty when not active
    QByteArray pinSalt;
    int pinIterations = 0;
    qint64 changedAt = 0; // when head office last changed them (Unix ms)

    QJsonObject toJsonObject() const;
    static Result<StaffEntry> fromJsonObject(const QJsonObject &o, const QString &field);
    friend bool operator==(const StaffEntry &, const StaffEntry &) = default;
};

struct StaffRoster {
    QString store;
    QString version; // changes whenever the store's list does; the till sends it back as `?version=`
    // The store's staff; nothing when the list is still the version the till named.
    std::optional<QList<StaffEntry>> staff;
    qint64 serverTime = 0;

    QByteArray toJson() const;
    static Result<StaffRoster> fromJson(const QByteArray &json);
};

// ---- chain keys (GET /v1/keys) ------------------------------------------------------------------------

// One of the chain's data keys, wrapped for the terminal that asked (sync/protocol/KeyWrap.h).
struct WrappedChainKey {
    qint64 kid = 0;     // 1, 2, ...: a new one each time the keys are rotated
    QByteArray wrapped; // the key, wrapped with the terminal's secret
    bool operator==(const WrappedChainKey &) const = default;
};

struct ChainKeySet {
    QList<WrappedChainKey> keys; // every key of the chain, oldest first; the last one seals new values
    qint64 serverTime = 0;

    QByteArray toJson() const;
    static Result<ChainKeySet> fromJson(const QByteArray &json);
};

// ---- health ------------------------------------------------------------------------------------------

struct HealthResponse {
    QString status;   // ok
    QString version;  // server version
    QString database; // ok, or what is wrong
    QByteArray toJson() const;
    static Result<HealthResponse> fromJson(const QByteArray &json);
};

} // namespace counterpart::sync
