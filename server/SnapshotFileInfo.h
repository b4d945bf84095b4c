#pragma once

// The store's snapshot file as counterpart-snapshot published it: DIR/<store>.json names the file
// (DIR/<store>-<cursor>.db) and what a till checks it against. The server only reads this; it never
// opens the file as a database (it serves its bytes).

#include "core/Result.h"

#include <QString>

#include <optional>

namespace counterpart::server {

struct SnapshotFileInfo {
    QString store;
    QString file; // the file's name inside the directory
    qint64 cursor = 0;
    QString sha256; // lowercase hex
    qint64 bytes = 0;
    int schema = 0; // the till schema version (PRAGMA user_version) it was built with
    qint64 members = 0;
    qint64 builtAt = 0; // ms since the epoch, UTC

    // The published file of `store` in `dir`, if any; an unreadable description or a missing or
    // wrong-sized file is an error (the server then answers as if there were none, and logs why).
    static Result<std::optional<SnapshotFileInfo>> read(const QString &dir, const QString &store);
    // Writes DIR/<store>.json atomically (a new file renamed over the old one).
    Status write(const QString &dir) const;
    QString path(const QString &dir) const;
};

} // namespace counterpart::server
