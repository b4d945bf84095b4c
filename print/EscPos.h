#pragma once

// A slip (app/ReceiptSlip.h) as ESC/POS bytes for a receipt printer: text in GB18030 (Chinese mode on,
// as the printers sold in China expect), labels left and values right within the paper's columns
// (a Chinese character takes two), the heading centred and large, the member's QR code printed by the
// printer itself (GS ( k, model 2, error correction M), then a feed and a partial cut.

#include "app/ReceiptSlip.h"
#include "core/Result.h"

#include <QByteArray>

namespace counterpart::print {

struct EscPosOptions {
    int columns = 32; // 58 mm paper; 48 for 80 mm
    int qrModule = 6; // dots per QR module (1-16)
    bool cut = true;
};

// Refused only when this build cannot write GB18030.
Result<QByteArray> escPos(const Slip &slip, const EscPosOptions &options = {});

// Columns `text` takes on a receipt printer: two for a CJK character, one otherwise.
int printColumns(const QString &text);

} // namespace counterpart::print
