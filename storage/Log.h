#pragma once

#include <QLoggingCategory>

// The storage layer's logging category ("counterpart.storage"). Private to storage/.
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
