#pragma once

// Head office's staff list at the till (docs/sync-client.md, "Staff"): each sync fetches the store's list
// (GET /v1/staff) and this applies it in one transaction with its version and an audit row per person
// whose access changed.

#include "core/Result.h"
#include "sync/client/Applier.h"

namespace counterpart {
class Database;
}

namespace counterpart::sync {

struct StaffRoster;

// The settings key holding the version of the list this till last applied.
extern const QString StaffVersionKey;

struct StaffApplied {
    int added = 0;       // new at this till
    int changed = 0;     // name, role or PIN changed, or switched on again
    int switchedOff = 0; // switched off, moved away, or (once head office lists the store) made here
};

// Applies `roster` (nothing when it carries no list: unchanged since the version the till sent). Once
// the list names anyone, it is who may sign in here: people made at this till are switched off too.
Result<StaffApplied> applyStaffRoster(Database &db, const StaffRoster &roster, const ApplyEnv &env);

} // namespace counterpart::sync
