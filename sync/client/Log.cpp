#include "sync/client/Log.h"

Q_LOGGING_CATEGORY(lcSync, "counterpart.sync", QtInfoMsg)
