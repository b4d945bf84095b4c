#pragma once

// What a push has decided to write and not written yet: rows queued by the appliers, written in one
// statement per table (PostgreSQL) or one prepared statement a row (SQLite) by the dialect's writer.

#include "server/ChangeLog.h"
#include "sync/protocol/Wire.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace counterpart::server {

struct PendingMember {
    MemberRecord row;
    QString terminal;
};

struct PendingPurchase {
    sync::WirePurchase purchase;
    QString store;
    QString member;
    QString terminal;
};

struct PendingEntry {
    QString id;
    QString member;
    QString kind;
    qint64 points = 0;
    qint64 at = 0;
    std::optional<qint64> expiresAt;
    QString terminal; // "" for NULL (the server's own entries)
    QString store;
    QString opId;
    QString purchase;
    QString data;
};

// An op's answer as applied_ops keeps it, with who made it, about whom and when (`admin activity`).
struct RecordedOp {
    sync::OpResult result;
    QString operatorId; // as the till sent it; empty when the op could not be read
    QString member;
    qint64 at = 0; // the till's stamp; 0 when unknown
};

struct Pending {
    QList<PendingMember> members;
    QList<PendingPurchase> purchases;
    QList<PendingEntry> entries;
    QMap<QString, qint64> balance; // member -> points to add (a map: updated in id order)
};

} // namespace counterpart::server
