#pragma once

// Pulled changes and snapshot members, from the wire codec's types (strictly parsed) to what the
// storage layer applies.

#include "core/Result.h"
#include "storage/SyncStore.h"

#include <QJsonObject>

namespace counterpart::sync {

Result<PulledMember> toPulledMember(const QJsonObject &payload, const QString &field);
Result<PulledEntry> toPulledEntry(const QJsonObject &payload, const QString &field);
Result<PulledPurchase> toPulledPurchase(const QJsonObject &payload, const QString &field);

} // namespace counterpart::sync
