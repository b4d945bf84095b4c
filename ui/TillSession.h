#pragma once

#include "app/Till.h"

#include <QString>

namespace counterpart {

namespace sync {
class SyncService;
}

// What the screens need to reach the till: the UI thread's own Till, how background work opens a Till
// of its own on the same database file (a Till is used from one thread only), and the sync engine.
struct TillSession {
    Till *till = nullptr;
    QString databasePath;
    TillOptions options;
    const Clock *clock = nullptr;
    // The sync engine in the background, when the till is enrolled (main.cpp starts it); else null.
    sync::SyncService *sync = nullptr;
};

} // namespace counterpart
