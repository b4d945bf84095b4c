#pragma once

#include <QLoggingCategory>

// The sync engine's logging category ("counterpart.sync"). Never logs the secret, signatures or
// personal data: ids, counts, HTTP statuses and error codes only.
Q_DECLARE_LOGGING_CATEGORY(lcSync)
