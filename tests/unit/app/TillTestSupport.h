#pragma once

// Kept only for tests/sync/SyncTestSupport.h until it includes tests/support/TillFixture.h itself: the
// helpers that lived here are in the compiled library tests/support (counterpart_till_testsupport). The
// includes below are the ones this header used to bring in, which the sync tests still rely on.

#include "core/LoyaltyRules.h"
#include "storage/Database.h"
#include "tests/support/TillFixture.h"

#include <QByteArray>
#include <QDir>
#include <QLoggingCategory>
#include <QStringList>
#include <QTest>

#include <memory>
#include <sqlite3.h>
