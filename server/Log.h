#pragma once

#include <QLoggingCategory>

// The server's logging category ("counterpart.server"). Never log names, phones or bodies: terminal
// ids, op ids, counts and reasons only.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
