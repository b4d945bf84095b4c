#pragma once

// The facts a push decides its ops against, read ahead of a run of ops, and the rows it queued.
//
// Deciding an op needs facts (its member, the phone's holder, whether an entry, a purchase or a receipt
// is already there, the member's gifts); writing it adds rows and moves a balance. Asked and written one
// op at a time, that is five or six statements an op, each a round trip to PostgreSQL: 3,000 for a batch
// of 500, most of the push's time. So the facts for a run of ops are read in a few statements with list
// parameters (Dialect::inList), the members among them locked in id order, and kept here; each op decides
// against them exactly as it would against the tables, and what it writes is queued (Pending) and updates
// the facts. The queue goes to the database through the dialect's writer before anything reads the
// tables directly and at the end of the batch. A fact not read ahead (an id in another case, the member
// an alias's alias was merged into) is read when it is needed. Nothing here is kept between
// transactions; a retried transaction starts empty.

#include "server/ChangeLog.h"
#include "server/apply/Pending.h"
#include "sync/protocol/Wire.h"

#include <QHash>
#include <QSet>

namespace counterpart::server {

class SqlConnection;

class BatchFacts
{
public:
    struct GiftEntry {
        QString id;
        QString kind;
        QString opId;
        bool voided = false;
    };
    // Whether the purchase is already here, and the live purchase holding its receipt at its store.
    struct PurchaseFacts {
        bool known = false;
        QString receiptHolder;
    };

    BatchFacts(SqlConnection &c, const QString &store)
        : m_c(c)
        , m_store(store)
    {}

    // Starts a transaction: nothing known, nothing queued.
    void reset();
    // Whether the facts of the ops ahead were read (since the last forgetFacts()).
    bool read() const { return m_read; }
    // Reads, in a handful of statements, what the ops of a run will ask (see the .cpp).
    Status readAhead(const QList<const sync::ParsedOp *> &ops);
    // Writes the queue and forgets every fact: the next op reads the tables again.
    Status forgetFacts();
    // Writes what is queued: members, purchases, entries, then balances (rows others refer to first).
    Status flush();

    // The member row (locked), read if not known yet.
    Result<std::optional<MemberRecord>> member(const QString &id);
    // The member an op is about, locked; an alias resolves to the member it was merged into.
    Result<std::optional<MemberRecord>> target(const QString &id);
    // The active member holding `phone`, or "" for none.
    Result<QString> phoneHolder(const QString &phone);
    Result<bool> codeTaken(const QString &code);
    Result<bool> entryKnown(const QString &id);
    Result<PurchaseFacts> purchaseFacts(const sync::WirePurchase &pur, const QString &store);
    // The member's welcome and first-purchase gifts, with whether their purchase was voided.
    Result<QList<GiftEntry>> giftsOf(const QString &memberId);

    // Queue a row and make it a fact.
    void queueMember(const MemberRecord &row, const QString &terminal);
    void queuePurchase(const PendingPurchase &purchase);
    void queueEntry(PendingEntry e);
    // Moves the (locked, known) member's balance; returns the new balance.
    Result<qint64> moveBalance(const QString &memberId, qint64 delta);

    static bool isGiftKind(const QString &kind);

private:
    // Facts about rows as they stand, this batch's queued writes included. A key that is absent was not
    // read yet; a key that is present is true whether the answer was "yes" or "no".
    struct Facts {
        QHash<QString, MemberRecord> members; // locked rows (PostgreSQL), balance included the queued moves
        QSet<QString> noMember;               // ids read and not found
        QHash<QString, QString> phoneHolder;  // E.164 -> the active member holding it, or "" for none
        QHash<QString, bool> codeTaken;
        QHash<QString, bool> purchaseKnown;     // purchase id -> present
        QHash<QString, QString> liveReceipt;    // store + '\n' + receipt -> the live purchase, or ""
        QHash<QString, bool> entryKnown;        // entry id -> present
        QHash<QString, QList<GiftEntry>> gifts; // member -> its welcome and first-purchase gifts
    };

    static QString receiptKey(const QString &store, const QString &receipt);
    void remember(const MemberRecord &row) { m_facts.members.insert(row.id, row); }
    Status readMembers(const QSet<QString> &ids, const QSet<QString> &phones);
    Status readPurchases(const QSet<QString> &purchases, const QSet<QString> &receipts);
    Status readPresence(const QString &select, const QStringList &values, QHash<QString, bool> &known);
    void notePurchases(const SqlRows &rows);
    Status readGifts(const QStringList &members);

    SqlConnection &m_c;
    const QString &m_store; // the pushing terminal's
    Facts m_facts;
    bool m_read = false;
    Pending m_pending;
};

} // namespace counterpart::server
