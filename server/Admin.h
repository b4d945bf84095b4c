#pragma once

// `counterpart-server ... admin COMMAND`: the administrator's commands, against either backend.

#include <QStringList>
#include <QTextStream>

namespace counterpart::server {

class ServerStore;

// Returns the process exit code: 0 done, 1 failed, 2 wrong usage.
int runAdmin(ServerStore &store, const QStringList &words, QTextStream &out, QTextStream &err);

} // namespace counterpart::server
