#pragma once

// A slip (app/ReceiptSlip.h) drawn for an office printer or the screen: as a PDF page 80 mm wide, or
// as an image (the documentation's picture of it). Needs a QGuiApplication (fonts).

#include "app/ReceiptSlip.h"
#include "core/Result.h"

#include <QByteArray>
#include <QImage>

class QPainter;

namespace counterpart::print {

QByteArray slipPdf(const Slip &slip);
QImage slipImage(const Slip &slip, int widthPixels = 576); // 576 dots: 80 mm at 203 dpi

} // namespace counterpart::print
