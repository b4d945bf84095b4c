#pragma once

// The chain's data keys on the server (docs/security.md, "Keys for a chain").

#include "core/Result.h"
#include "server/Sql.h"

namespace counterpart::server {

// Adds the next key (32 random bytes) inside the caller's writing transaction; returns its id.
// `reason` is kept with it: "first", "rotate", "terminal_disabled:<id>".
Result<qint64> addChainKey(SqlConnection &c, qint64 nowMs, const QString &reason);

} // namespace counterpart::server
