#pragma once

// Builds a store's snapshot file (storage/SnapshotFile.h) from the server's database: the snapshot pages
// a new till would pull, applied by the till's own code (sync/client/Applier) to a till database, which
// is then compacted (VACUUM INTO), hashed and published in the snapshot directory next to the server
// (server/SnapshotFileInfo.h). A job beside the server, not the server: it is the one place where the
// server's data meets the till's schema, so counterpart-server itself never links the till's storage.

#include "core/Result.h"
#include "server/SnapshotFileInfo.h"
#include "sync/protocol/Wire.h"

#include <functional>

namespace counterpart {
class Clock;
}

namespace counterpart::server {

class ServerStore;

struct BuildReport {
    SnapshotFileInfo info;
    qint64 applyMs = 0;   // the pages, written
    qint64 compactMs = 0; // VACUUM INTO
    qint64 hashMs = 0;
};

// Builds and publishes the file for `store` in `dir` (made if missing); the file published before stays
// until the next build, so a till that is downloading it can finish. `progress` gets the members written.
Result<BuildReport> buildSnapshotFile(ServerStore &server, const sync::StoreInfo &store, const QString &dir,
                                      const Clock &clock, const std::function<void(qint64)> &progress = {});

} // namespace counterpart::server
