#include "print/SlipPainter.h"

#include "print/QrCode.h"

#include <QBuffer>
#include <QFontMetrics>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace counterpart::print {

namespace {

constexpr qreal Margin = 0.05;   // of the width, each side
constexpr qreal TextSize = 0.04; // of the width

// Lays the slip out on `width` device pixels from the top; returns the height used. With a null painter
// it only measures.
int paint(QPainter *painter, const Slip &slip, int width)
{
    const int margin = int(width * Margin);
    const int inner = width - 2 * margin;
    QFont body(QStringLiteral("Noto Sans CJK SC"));
    body.setPixelSize(qMax(8, int(width * TextSize)));
    QFont heading = body;
    heading.setPixelSize(body.pixelSize() * 3 / 2);
    heading.setBold(true);
    QFont strong = body;
    strong.setBold(true);
    int y = margin;
    auto line = [&](const QFont &font, const QString &left, const QString &right, Qt::Alignment align) {
        const QFontMetrics fm(font);
        const QRect box(margin, y, inner, fm.height());
        if (painter) {
            painter->setFont(font);
            painter->drawText(box, align | Qt::AlignVCenter, left);
            if (!right.isEmpty())
                painter->drawText(box, Qt::AlignRight | Qt::AlignVCenter, right);
        }
        y += fm.height() + fm.height() / 4;
    };
    line(heading, slip.heading, {}, Qt::AlignHCenter);
    line(strong, slip.title, {}, Qt::AlignHCenter);
    y += body.pixelSize() / 2;
    for (const SlipLine &l : slip.lines)
        line(l.strong ? strong : body, l.label, l.value, Qt::AlignLeft);
    if (!slip.qrPayload.isEmpty()) {
        const QImage qr = qrCodeImage(slip.qrPayload, qMax(2, inner / 2 / 33));
        if (painter)
            painter->drawImage(QPoint((width - qr.width()) / 2, y), qr);
        y += qr.height();
    }
    if (!slip.footer.isEmpty())
        line(body, slip.footer, {}, Qt::AlignHCenter);
    return y + margin;
}

} // namespace

QByteArray slipPdf(const Slip &slip)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(300);
    pdf.setTitle(slip.title);
    pdf.setCreator(QStringLiteral("Counterpart"));
    const int width = int(80.0 / 25.4 * 300);
    const int height = paint(nullptr, slip, width);
    pdf.setPageSize(QPageSize(QSizeF(80.0, height * 25.4 / 300.0), QPageSize::Millimeter));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    QPainter painter(&pdf);
    paint(&painter, slip, width);
    painter.end();
    return bytes;
}

QImage slipImage(const Slip &slip, int widthPixels)
{
    const int height = paint(nullptr, slip, widthPixels);
    QImage image(widthPixels, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setPen(Qt::black);
    paint(&painter, slip, widthPixels);
    return image;
}

} // namespace counterpart::print
