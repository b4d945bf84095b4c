#pragma once

// Server-internal helpers shared by the push, pull, snapshot and admin code: reading member and
// purchase rows as change payloads, and numbering a transaction's changes at its end.

#include "core/Loyalty.h"
#include "server/Sql.h"
#include "sync/protocol/Wire.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace counterpart::server {

// The member columns every reader selects, in this order.
extern const QString MemberColumns;

// A row of the server's members table (the till's own member row is storage's MemberRow).
struct MemberRecord {
    QString id;
    QString code;
    QString phone;
    QString status;
    QString mergedInto;
    QJsonObject profile;
    QJsonObject fieldHlc;
    QString tier;
    qint64 tierSince = 0;
    QString tierHlc;
    QString channel;
    QString store;
    qint64 createdAt = 0;
    qint64 balance = 0;
    QJsonArray previousPhones{}; // [{"phone", "until"}], oldest first
    std::optional<qint64> erasedAt{};

    static MemberRecord fromRow(const SqlRows &rows, qsizetype r);
    sync::MemberChange change() const;
    QList<sync::PreviousPhone> previousPhoneList() const;
    // The profile through the wire codec (a profile spoiled by hand reads as no fields, and is logged).
    sync::MemberFields fields() const;
    QJsonObject payload() const; // a `member` change payload: change().toJsonObject()
};

// Reads a member (and, with forUpdate, locks its row until the transaction ends).
Result<std::optional<MemberRecord>> readMember(SqlConnection &c, const QString &id, bool forUpdate);
Result<std::optional<QJsonObject>> readPurchasePayload(SqlConnection &c, const QString &id);
// The member's qualifying spend since `sinceMs`, what tiers are decided by: what the till's
// PurchaseStore::spendSince counts, purchases less their refunds, voided purchases left out.
Result<qint64> spendSince(SqlConnection &c, const QString &member, qint64 sinceMs);
// The member's record in the tier window ending at `asOf` (its zone's calendar dates the visits): what
// core's tierEarned decides on, counted as the till's TillContext::tierRecord counts it. The visits
// are read only when some tier asks about them; both reads are one range of purchases_member.
Result<TierRecord> tierRecord(SqlConnection &c, const QString &member, const TierRules &rules,
                              const QDateTime &asOf);
// NotFound, in words for the administrator, when the chain has no store `store`.
Status requireStore(SqlConnection &c, const QString &store);

// One change of a transaction, before it is numbered.
struct LoggedChange {
    sync::ChangeType type;
    QString id; // member / purchase / entry id
    QJsonObject payload;
};

// A transaction's changes, in the order they happened. Member and purchase changes are built from the
// row as it stands at the end of the transaction and appear once, at their first position.
class ChangeLog
{
public:
    void member(const QString &id);
    void purchase(const QString &id);
    void entry(const QString &id, const QJsonObject &payload);
    void add(sync::ChangeType type, const QJsonObject &payload);

    qsizetype mark() const { return m_items.size(); }
    void rollbackTo(qsizetype mark); // forget what an op that was rolled back to its savepoint added
    bool isEmpty() const { return m_items.isEmpty(); }
    void clear();

    // Numbers the changes from the one-row counter (its row lock is held until commit, so numbers are
    // handed out in commit order), writes them, and stamps `seq` on new entries, members and purchases.
    // Call last in the transaction.
    Status commit(SqlConnection &c);

private:
    using Item = LoggedChange;
    // Member and purchase changes carry their rows as they stand now.
    Status readPayloads(SqlConnection &c);
    QList<Item> m_items;
    QHash<QString, qsizetype> m_memberAt;
    QHash<QString, qsizetype> m_purchaseAt;
};

QByteArray compactJson(const QJsonObject &o);
QJsonObject parseStoredJson(const QString &text);

} // namespace counterpart::server
