#pragma once

// The chain's data keys at the till (docs/security.md, "Keys for a chain"): each sync fetches them
// (GET /v1/keys); this opens each with the terminal's secret, re-seals it with the till's own key and
// keeps it, so the database alone opens nothing.

#include "core/Result.h"
#include "storage/Crypto.h"
#include "sync/client/Applier.h"

#include <QMap>

namespace counterpart {
class Database;
}

namespace counterpart::sync {

struct ChainKeySet;
struct Credentials;

// Keeps the keys this till does not hold yet, in one transaction with an audit row. A key that does
// not open with the terminal's secret, or whose id this till already holds with another key (a
// database of another chain, or a server whose database was replaced), is refused in plain words and
// nothing is kept. Returns how many keys are new.
Result<int> applyChainKeys(Database &db, const ChainKeySet &set, const Credentials &credentials,
                           const FieldCipher &local, const ApplyEnv &env);

// The chain keys this till holds, opened with its own key.
Result<QMap<qint64, FieldCipher>> openChainKeys(Database &db, const FieldCipher &local);

} // namespace counterpart::sync
