#pragma once

// The POS link's tables (schema 12, docs/pos-api.md): the POS systems allowed to call, the requests
// already answered (a retry gets the same answer), and points held for a redemption until the sale is
// paid. Single statements; the app layer's PosLink groups them into the use case's transaction.

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace counterpart {

class Database;

struct PosClientRow {
    qint64 id = 0;
    QString name;
    QByteArray tokenHash; // SHA-256 of the token
    qint64 createdAtMs = 0;
    QString createdBy;
    std::optional<qint64> revokedAtMs;
    std::optional<qint64> lastUsedAtMs;
};

struct PosRequestRow {
    QString key;
    qint64 client = 0;
    QByteArray fingerprint;
    QByteArray response; // the JSON answered the first time
    qint64 atMs = 0;
};

struct PosHoldRow {
    QString id;
    qint64 client = 0;
    qint64 member = 0; // members.local_id
    qint64 points = 0;
    qint64 discountMinor = 0;
    QString reward;
    int quantity = 1;
    QString receipt;
    QString foundWith; // what found the member (spending by card: docs/security.md)
    qint64 createdAtMs = 0;
    qint64 expiresAtMs = 0;
    QString state = QStringLiteral("held"); // held, captured, released
    std::optional<qint64> endedAtMs;
};

class PosStore
{
public:
    explicit PosStore(Database &db)
        : m_db(db)
    {}

    Result<qint64> addClient(const PosClientRow &row);
    Result<std::optional<PosClientRow>> clientByName(const QString &name);
    Result<std::optional<PosClientRow>> clientByTokenHash(const QByteArray &hash);
    Result<QList<PosClientRow>> clients();
    Status revokeClient(qint64 id, qint64 nowMs);
    Status touchClient(qint64 id, qint64 nowMs);

    Result<std::optional<PosRequestRow>> request(const QString &key);
    Status addRequest(const PosRequestRow &row);

    Status addHold(const PosHoldRow &row);
    Result<std::optional<PosHoldRow>> hold(const QString &id);
    // Ends a live hold: `state` is captured or released. NotFound when it was not held.
    Status endHold(const QString &id, const QString &state, qint64 nowMs);
    // Points of the member's live holds (held, not past expires_at), leaving out `exceptHold`.
    Result<qint64> heldPoints(qint64 member, qint64 nowMs, const QString &exceptHold = {});

private:
    Database &m_db;
};

} // namespace counterpart
