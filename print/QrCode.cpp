#include "print/QrCode.h"

#include <QPainter>
#include <qrencode.h>

#include <memory>

namespace counterpart {

QImage qrCodeImage(const QString &payload, int moduleSize)
{
    const QByteArray data = payload.toUtf8();
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(data.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code || moduleSize <= 0)
        return {};
    constexpr int QuietZone = 4;
    const int modules = code->width;
    const int side = (modules + 2 * QuietZone) * moduleSize;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    for (int y = 0; y < modules; ++y) {
        for (int x = 0; x < modules; ++x) {
            if (code->data[y * modules + x] & 1)
                painter.drawRect((x + QuietZone) * moduleSize, (y + QuietZone) * moduleSize, moduleSize,
                                 moduleSize);
        }
    }
    return image;
}

QPixmap qrCodePixmap(const QString &payload, int moduleSize, qreal devicePixelRatio)
{
    const int scale = qMax(1, qRound(devicePixelRatio));
    QPixmap pixmap = QPixmap::fromImage(qrCodeImage(payload, moduleSize * scale));
    pixmap.setDevicePixelRatio(scale);
    return pixmap;
}

} // namespace counterpart
