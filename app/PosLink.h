#pragma once

// What a point-of-sale system may do at this till (docs/pos-api.md): identify a member, quote a basket,
// commit a sale, hold points and capture or release them, refund by receipt, and read the member's
// summary for the receipt. Each call acts for a cashier of this till and goes through the till's own use
// cases, so offline it works exactly as they do (one transaction with the ledger, the outbox and the
// audit row). What changes anything is done once per key: the same request again gets the same answer.
// The HTTP side (pos/) turns requests into these calls; nothing here knows about JSON or sockets.

#include "app/Till.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace counterpart {

// A POS allowed to call, as a manager lists them.
struct PosClient {
    QString name;
    qint64 createdAtMs = 0;
    QString createdBy;
    std::optional<qint64> revokedAtMs;
    std::optional<qint64> lastUsedAtMs;
};

// The POS a request came from (its token checked).
struct PosCaller {
    qint64 clientId = 0;
    QString name;
};

// One line of a basket as the POS rang it up. Money in minor units; a line in one of the rules'
// excluded categories earns nothing.
struct BasketLine {
    QString sku;
    QString category;
    double quantity = 1;
    qint64 amountMinor = 0; // the line's total after its discounts
};

struct PosSale {
    QString member;  // what identified the member: a code, QR payload, phone or member id
    QString receipt; // the POS's receipt number: a sale earns once per store and receipt
    QList<BasketLine> lines;
    QString cashier; // a staff id of this till; empty: whoever is signed in at the till
};

struct PosQuote {
    qint64 totalMinor = 0;
    qint64 excludedMinor = 0; // lines in excluded categories
    QStringList excludedSkus; // which lines those were
    EarnOutcome earn;         // what committing the sale would give (the member's balance after it)
};

struct PosHoldRequest {
    QString member;
    QString receipt;
    qint64 discountPoints = 0; // points for money off, or
    QString rewardId;          // a catalogue reward
    int quantity = 1;
    int minutes = 15; // how long the hold lasts unless captured or released (1 to 120)
    QString cashier;
};

struct PosHold {
    QString id;
    qint64 points = 0;
    qint64 discountMinor = 0;
    QString rewardId;
    qint64 expiresAtMs = 0;
    Member member;               // balance as it stands (the held points are still in it)
    qint64 availablePoints = 0;  // what other redemptions may still take
    QString phoneDigitsQuestion; // non-empty: capture needs the member's answer (spending by card)
};

struct PosRefund {
    QString receipt;         // the sale's receipt
    QString refundId;        // the POS's return document number: a refund is done once per id
    QList<BasketLine> lines; // what is returned; empty: whatever is left of the sale
    QString reason;
    QString cashier;
    std::optional<ManagerApproval> approval; // above the cashier's refund limit
};

// Where the till's window serves the POS link (settings pos_listen, pos_cert, pos_key).
struct PosListen {
    QString listen;   // "127.0.0.1:8765"; empty: the window does not serve it
    QString certFile; // PEM, for an address other than loopback
    QString keyFile;
};

// The answer to a call that changes something: what the POS layer encoded the first time, and whether
// this is that same answer again.
struct PosAnswer {
    QByteArray body;
    bool replayed = false;
};

class PosLink
{
    Q_DECLARE_TR_FUNCTIONS(PosLink)

public:
    explicit PosLink(Till &till);

    // --- tokens (a manager at the till) ---------------------------------------------------------------
    // Makes a POS and returns its token, shown this once: only its hash is kept.
    Result<QString> addClient(const QString &name, const std::optional<ManagerApproval> &approval = {});
    Result<QList<PosClient>> clients();
    Status revokeClient(const QString &name, const std::optional<ManagerApproval> &approval = {});
    Result<PosListen> listenSetting();
    // Validated by the caller (pos::PosServerOptions::parse) before it is kept. Manager only.
    Status setListen(const PosListen &listen, const std::optional<ManagerApproval> &approval = {});
    // The POS whose token this is; refused in words for an unknown or revoked token.
    Result<PosCaller> authenticate(const QByteArray &token);

    // --- calls ----------------------------------------------------------------------------------------
    Result<LookupResult> identify(const QString &query);
    Result<PosQuote> quote(const PosSale &sale);
    // The receipt QR to print for the sale (member or not): its total and the part that earns.
    Result<QString> receiptQr(const PosSale &sale);
    // The work for a key done once. `encode` turns the outcome into the answer's body.
    Result<PosAnswer> commit(const PosCaller &caller, const PosSale &sale, const QByteArray &fingerprint,
                             const std::function<QByteArray(const EarnOutcome &)> &encode);
    Result<PosHold> hold(const PosCaller &caller, const PosHoldRequest &request);
    Result<PosAnswer> capture(const PosCaller &caller, const QString &holdId, const QString &phoneDigits,
                              const QString &cashier, const QByteArray &fingerprint,
                              const std::function<QByteArray(const RedeemOutcome &)> &encode);
    Status release(const PosCaller &caller, const QString &holdId, const QString &cashier);
    Result<PosAnswer> refund(const PosCaller &caller, const PosRefund &request, const QByteArray &fingerprint,
                             const std::function<QByteArray(const RefundOutcome &)> &encode);
    Result<MemberCard> summary(const QString &member);

    static QByteArray hashToken(const QByteArray &token);
    // Who a call acts for: the staff id given, with a cashier's rights, or else the person signed in
    // at the till; refused in words when neither works here.
    Result<Operator> actingCashier(const QString &cashier);

private:
    // `work` in one transaction, when the operator is a manager or `approval` is a manager's PIN.
    Status asManager(const QString &what, const std::optional<ManagerApproval> &approval,
                     const std::function<Status(const QString &approvedBy)> &work);
    Result<PosAnswer> once(const PosCaller &caller, const QString &key, const QByteArray &fingerprint,
                           const QString &cashier, const std::function<Result<QByteArray>()> &work);
    Result<std::pair<qint64, qint64>> basketTotals(const QList<BasketLine> &lines, QStringList *excluded);

    Till &m_till;
};

} // namespace counterpart
