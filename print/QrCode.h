#pragma once

#include <QImage>
#include <QPixmap>
#include <QString>

namespace counterpart {

// A QR code of `payload` (error correction M), `moduleSize` pixels per module, with the standard
// quiet zone of four modules. A null image when the payload cannot be encoded.
QImage qrCodeImage(const QString &payload, int moduleSize);
// The same for the screen: `moduleSize` logical pixels per module, sharp at the device pixel ratio.
QPixmap qrCodePixmap(const QString &payload, int moduleSize, qreal devicePixelRatio);

} // namespace counterpart
