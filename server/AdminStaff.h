#pragma once

// `counterpart-server ... admin staff ACTION`: head office's staff list, and `admin activity`: what each
// person did at which till (docs/server.md, "Staff").

#include <QHash>
#include <QString>
#include <QTextStream>

namespace counterpart::server {

class ServerStore;

// add|change|move|deactivate|reactivate --staff ID [--store S] [--name N] [--role cashier|manager]
// [--pin-file PATH], or list [--store S] [--json]. Returns 0 done, 1 failed, 2 wrong usage.
int runStaff(ServerStore &store, const QString &action, const QHash<QString, QString> &options, bool json,
             QTextStream &out, QTextStream &err);

// activity [--store S] [--staff ID] [--member ID|CODE] [--terminal ID] [--from D --to D] [--limit N]
// [--json]: who did what at which till, newest first (UTC days; default: the last 7).
int runActivity(ServerStore &store, const QHash<QString, QString> &options, bool json, QTextStream &out,
                QTextStream &err);

} // namespace counterpart::server
