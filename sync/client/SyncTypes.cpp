#include "sync/client/SyncTypes.h"

// The types cross threads in queued signals: registered once, before the first connection.
namespace {
const int registered = [] {
    qRegisterMetaType<counterpart::sync::SyncStatus>();
    qRegisterMetaType<counterpart::sync::CycleReport>();
    return 0;
}();
} // namespace
