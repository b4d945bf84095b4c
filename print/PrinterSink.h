#pragma once

// Where printed bytes go (docs/pos-api.md, "Points on the receipt"):
//   tcp:HOST[:PORT]   a network receipt printer (port 9100 by default)
//   cups:QUEUE        a CUPS queue, sent raw (lp -o raw)
//   file:PATH         a device (/dev/usb/lp0, a serial port set up by the system) or a file
// Everything is written or nothing is said to be printed: a printer that is off, unplugged or out of
// reach is a plain error.

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace counterpart::print {

Status sendToPrinter(const QByteArray &bytes, const QString &target, int timeoutMs = 5000);

} // namespace counterpart::print
