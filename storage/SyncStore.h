#pragma once

// The till's side of sync in SQL (docs/sync-client.md): the outbox as the engine pushes it and the
// server's answers, pulled changes applied by id and by HLC, merges, the snapshot's opening entries, the
// cursor and the engine's settings. The sync engine (sync/client) groups the calls into transactions:
// one per push answer, one per pulled page together with its cursor.

#include "core/Result.h"
#include "core/Uuid.h"
#include "storage/Stores.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace counterpart {

class Clock;
class Database;
struct BirthdayRules;
struct MemberRow;

// The engine's state in the settings table.
namespace SyncKeys {
inline const QString ServerUrl = QStringLiteral("sync_server_url");
inline const QString CaFile = QStringLiteral("sync_ca_file");
inline const QString Secret = QStringLiteral("sync_secret"); // AES-256-GCM with the till's key, base64
inline const QString EnrolledAt = QStringLiteral("sync_enrolled_at");
inline const QString Cursor = QStringLiteral("sync_cursor");
inline const QString SnapshotCursor = QStringLiteral("sync_snapshot_cursor"); // a bootstrap in progress
inline const QString SnapshotAfter = QStringLiteral("sync_snapshot_after");
inline const QString ClockOffsetMs = QStringLiteral("sync_clock_offset_ms"); // server time - till time
inline const QString LastSuccessMs = QStringLiteral("sync_last_success_ms");
inline const QString LastError = QStringLiteral("sync_last_error");
inline const QString LastHlc = QStringLiteral("hlc_last");
} // namespace SyncKeys

// Profile fields that are last-writer-wins, by their wire names.
QStringList lwwFieldNames();

struct PendingOp {
    qint64 seq = 0;
    Uuid id;
    QString kind;
    Uuid entity;
    QByteArray payload; // JSON, as the use case wrote it
    qint64 createdAtMs = 0;
};

struct AnsweredOp {
    qint64 seq = 0;
    Uuid id;
    QString kind;
    Uuid entity;
    qint64 createdAtMs = 0;
    QString status;  // applied, rejected
    QString reason;  // the server's reason code
    QString message; // the server's words
    std::optional<qint64> answeredAtMs;
};

struct SyncFlagRow {
    qint64 localId = 0;
    QString kind;
    Uuid opId;
    Uuid member;
    std::optional<qint64> balance;
    qint64 atMs = 0;
    qint64 receivedAtMs = 0;
    bool seen = false;
};

// A member as the server sends it (a `member` change or a snapshot member).
struct PulledMember {
    Uuid id;
    QString code;
    QString phone; // E.164
    QString status = QStringLiteral("active");
    Uuid mergedInto;
    QString tier;
    qint64 tierSinceMs = 0;
    QString channel;
    QString storeId;
    qint64 createdAtMs = 0;
    // Last-writer-wins fields; absent = not sent.
    std::optional<QString> name;
    std::optional<QString> gender;
    std::optional<QString> note;
    std::optional<bool> marketingConsent;
    std::optional<qint64> consentAtMs;
    std::optional<int> birthMonth;
    std::optional<int> birthDay;
    bool clearBirthday = false;
    std::optional<QByteArray> birthDateEnc; // ciphertext as the registering till wrote it
    std::optional<QByteArray> idNumberEnc;
    QHash<QString, QString> fieldHlc;       // wire field name -> HLC text
    QList<PreviousPhoneRow> previousPhones; // the server's list: replaces the till's
    std::optional<qint64> erasedAtMs;       // personal data erased (phone empty, status closed)
};

struct PulledEntry {
    Uuid id;
    Uuid member;
    QString kind;
    qint64 points = 0;
    qint64 atMs = 0;
    std::optional<qint64> expiresAtMs;
    QString rulesVersion;
    QString terminalId; // empty for the server's own entries
    QString storeId;
    Uuid purchase;
    QString reward;
    std::optional<qint64> discountMinor;
    QString reason;
    QString approvedBy;
    QString receipt;
    QString birthdayBonus; // an earn that used the birthday bonus of this period (at whichever till)
};

struct PulledPurchase {
    Uuid id;
    Uuid member;
    QString storeId;
    QString receipt;
    qint64 amountMinor = 0;
    QString currency;
    qint64 atMs = 0;
    qint64 refundedMinor = 0;
    bool voided = false;
};

struct OpeningLot {
    Uuid id;
    qint64 points = 0;
    qint64 atMs = 0;
    std::optional<qint64> expiresAtMs;
};

// What applying needs besides the change itself.
struct SyncApplyContext {
    const Clock *clock = nullptr;            // ids and times of the entries the till writes itself
    QString terminalId;                      // this till
    QByteArray timeZone;                     // the store's, for birthday gift periods
    const BirthdayRules *birthday = nullptr; // the active rules' birthday window (may be null)
    QSet<qint64> *touchedMembers = nullptr;  // collects local ids whose synced balance must be refreshed
};

class SyncStore
{
public:
    explicit SyncStore(Database &db)
        : m_db(db)
    {}

    // --- settings -------------------------------------------------------------------------------------
    Result<std::optional<QString>> setting(const QString &key);
    Status setSetting(const QString &key, const QString &value);
    Status removeSetting(const QString &key);
    Result<std::optional<qint64>> cursor();
    Status setCursor(qint64 cursor);
    // The last HLC and the clock offset, read together (one statement per outbox operation).
    struct HlcState {
        QString lastHlc;
        qint64 clockOffsetMs = 0;
    };
    Result<HlcState> hlcState();
    // Members whose fields carry clock stamps (field_hlc), for the stamps-ahead check and its repair.
    struct MemberStamps {
        qint64 localId = 0;
        QString code;
        QByteArray fieldHlc; // the JSON document, as stored
    };
    Result<QList<MemberStamps>> memberFieldStamps();
    Status setMemberFieldStamps(qint64 localId, const QByteArray &fieldHlcJson);

    // --- the outbox -----------------------------------------------------------------------------------
    Result<QList<PendingOp>> pendingOps(int limit);
    Result<qint64> pendingCount();
    Result<qint64> rejectedCount();
    // Rejected operations, newest first.
    Result<QList<AnsweredOp>> rejectedOps(int limit);
    Result<std::optional<qint64>> oldestPendingMs();
    // The server applied the operation (now or before). false: it was not pending (already answered).
    Result<bool> markApplied(const Uuid &opId, qint64 nowMs, const SyncApplyContext &ctx);
    // The server refused the operation: it is kept as rejected with the reason, and its ledger effect is
    // taken back with local-only reversing entries (docs/sync-protocol.md, Push). Idempotent.
    Status markRejected(const Uuid &opId, const QString &reason, const QString &message,
                        const SyncApplyContext &ctx);
    // A batch the server could not read (400): the first operation carries the message for the
    // technician, and stays pending.
    Status noteProblem(const Uuid &opId, const QString &message);

    // --- pulled changes -------------------------------------------------------------------------------
    // Inserts a member, or applies its profile fields by HLC unless the member has work in the outbox.
    // Returns the member's local id.
    Result<qint64> applyMember(const PulledMember &member, const SyncApplyContext &ctx);
    // Inserts the entry unless it is already here (by id), moving the cached balance with it. Returns
    // whether it was new.
    Result<bool> applyEntry(const PulledEntry &entry, const SyncApplyContext &ctx);
    // Inserts the purchase, or takes the larger refunded amount and the void.
    Status applyPurchase(const PulledPurchase &purchase, const SyncApplyContext &ctx);
    // The member `from` is an alias of `into`: its entries, purchases, tier changes and gift grants move
    // to `into`, both cached balances are recomputed, and `from` is marked merged.
    Status applyMerge(const Uuid &from, const Uuid &into, const SyncApplyContext &ctx);
    // A snapshot member's open position: one `opening` entry per lot (by id).
    Status writeOpening(const Uuid &member, const QList<OpeningLot> &lots, const SyncApplyContext &ctx);
    // The same two for a member whose local id is known (the snapshot: no lookup per lot and purchase).
    Status writeOpeningFor(qint64 memberLocalId, const QList<OpeningLot> &lots, const SyncApplyContext &ctx);
    Status applyPurchaseFor(qint64 memberLocalId, const PulledPurchase &purchase,
                            const SyncApplyContext &ctx);
    // A snapshot member this till does not hold yet, in the fewest statements (a bootstrap writes a
    // million): the member row already carrying its balance, synced balance, visits and field HLCs, then
    // its opening lots and purchases, without a lookup or a balance update per row. Returns the local id,
    // or nothing (having written nothing) when the member row cannot go in as new (its phone or code is
    // already here): the caller then takes applyMember, writeOpeningFor and applyPurchaseFor.
    Result<std::optional<qint64>> insertSnapshotMember(const PulledMember &member,
                                                       const QList<OpeningLot> &lots,
                                                       const QList<PulledPurchase> &purchases,
                                                       const SyncApplyContext &ctx);
    // Things flagged for the manager. `id` or (kind, opId) make a flag unique.
    Status addFlag(const Uuid &id, const QString &kind, const Uuid &opId, const Uuid &member,
                   std::optional<qint64> balance, qint64 atMs, qint64 nowMs);

    // members.synced_balance = what the server holds: the balance minus entries still in the outbox.
    Status refreshSyncedBalance(qint64 memberLocalId);
    Status refreshSyncedBalances(const QSet<qint64> &memberLocalIds);

    // --- for the app layer ------------------------------------------------------------------------------
    Result<std::optional<qint64>> syncedBalance(qint64 memberLocalId);
    // The member a merged member now lives on (followed to the end), if it was merged.
    Result<std::optional<qint64>> survivorOf(qint64 memberLocalId);
    // Records the HLC of profile fields written locally (register, update).
    Status stampFieldHlc(const Uuid &member, const QStringList &fields, const QString &hlc);
    // The member's stamp per last-writer-wins field (empty when none was written through sync).
    Result<QJsonObject> fieldStamps(const Uuid &member);
    Result<bool> hasMembers();

    // The chain's data keys this till holds, each sealed with the till's own key (schema 11).
    Result<QMap<qint64, QByteArray>> chainKeys();
    Status addChainKey(qint64 kid, const QByteArray &sealed, qint64 nowMs);
    Result<QList<SyncFlagRow>> flags(bool unseenOnly, int limit);
    Result<qint64> unseenFlagCount();
    Status markFlagsSeen(qint64 nowMs);
    // Enrolment: operations never sent carry the store and terminal they were made under; the server
    // checks them against the signer. Purchases made under the old store id move with them.
    // On a first enrolment (`oldTerminal`, the provisional id, given) also the members' field stamps that
    // name it, so they match the stamps the server keeps.
    Status rewriteForEnrolment(const QString &oldStore, const QString &newStore, const QString &oldTerminal,
                               const QString &newTerminal);

    // The local id of a member by global id; with `followMerges`, the member it was merged into.
    Result<std::optional<qint64>> localId(const Uuid &member, bool followMerges);

private:
    Result<qint64> insertPulledMember(const PulledMember &member, const SyncApplyContext &ctx);
    Result<bool> hasPendingWork(const Uuid &member);
    // The profile fields of a pulled member that won over the local ones, with their stamps.
    Status writePulledProfile(const MemberRow &updated, const QJsonObject &fieldHlcs, qint64 nowMs);
    Status moveMemberRows(qint64 from, qint64 into, const Uuid &intoId, qint64 nowMs);
    Status undoPhoneChange(const PendingOp &op, const QJsonObject &payload, const SyncApplyContext &ctx);
    Status markMerged(qint64 memberLocalId, const Uuid &into, qint64 nowMs);
    // `from` made an alias of `into` here, its rows and balance moved to it.
    Status mergeLocal(qint64 from, qint64 into, const Uuid &intoId, const SyncApplyContext &ctx);
    Status adoptPhone(const MemberRow &local, const PulledMember &m, const SyncApplyContext &ctx);
    Status recomputeBalance(qint64 member, qint64 nowMs);
    // A rejected operation: its entries reversed, and what it did to its purchase undone.
    Status compensate(const PendingOp &op, const QString &reason, const SyncApplyContext &ctx);
    // Writes a reversal of each entry; returns the points of refund reversals of earns among them.
    Result<qint64> reverseEntries(const QJsonArray &entries, const QString &reason,
                                  const SyncApplyContext &ctx);
    Status undoPurchaseOf(const PendingOp &op, const QJsonObject &payload, qint64 earnShareReversed,
                          qint64 now);
    Status revokeGiftsOfPurchase(qint64 purchaseLocalId, const char *context);
    Result<std::optional<qint64>> purchaseLocalId(const Uuid &purchase);
    // One `opening` entry by id; false when it was already here.
    Result<bool> insertOpeningLot(qint64 memberLocalId, const OpeningLot &lot);
    // A purchase new to this till (a receipt used here too is a Conflict).
    Status insertPulledPurchase(qint64 memberLocalId, const PulledPurchase &purchase, qint64 nowMs);

    Database &m_db;
};

} // namespace counterpart
