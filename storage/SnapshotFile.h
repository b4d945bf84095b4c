#pragma once

// A snapshot file: a till database as of one cursor of the server's change feed, built beside the
// server (counterpart-snapshot) from the same snapshot pages a till would apply, and copied whole into a
// new till's database instead of writing a million members row by row (docs/sync-client.md, "Bootstrap
// from a snapshot file"). Only the tables the server's data makes are copied; the till's own settings,
// staff, outbox, audit trail and rules stay its own.

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace counterpart {

class Database;

namespace SnapshotFile {

// The tables copied, in the order they are copied.
QStringList tables();

// What the file says besides its rows.
struct Contents {
    qint64 cursor = 0; // the change feed position the file is as of
    QString lastHlc;   // the newest HLC the file's data carries
    QString rulesVersion;
    QByteArray rulesDocument; // the active rules, empty when the file has none
    qint64 members = 0;
};

// Checks that `path` is a finished snapshot file with exactly this till's schema, and that none of the
// copied tables of `db` holds a row (a till with data of its own bootstraps from the change feed). Then
// copies the tables in one transaction of `db`'s, with `then` run inside it before the commit (the
// caller stores the cursor, rules and HLC there, so rows and cursor commit together). SQLite copies a
// table whole, index pages included, when the destination is empty and has no triggers (its "transfer
// optimization"): the destination's triggers are dropped for the copy and made again before the commit.
// Must be called outside a transaction. On any failure nothing of `db` has changed.
Result<Contents> copyInto(Database &db, const QString &path,
                          const std::function<Status(const Contents &)> &then);

} // namespace SnapshotFile
} // namespace counterpart
