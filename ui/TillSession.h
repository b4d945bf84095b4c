#pragma once

#include "app/Till.h"

#include <QString>

namespace counterpart {

// What the screens need to reach the till: the UI thread's own Till, and how background work opens a
// Till of its own on the same database file (a Till is used from one thread only).
struct TillSession {
    Till *till = nullptr;
    QString databasePath;
    TillOptions options;
    const Clock *clock = nullptr;
};

} // namespace counterpart
