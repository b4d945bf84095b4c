#include "core/Uuid.h"

#include "core/Clock.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <atomic>
#include <cstring>

namespace counterpart {

Uuid Uuid::createV7(const Clock &clock)
{
    // Monotonic within the process: if the clock stands still or steps back, keep counting up from
    // the last timestamp used, so ids made in one process always sort in creation order.
    static std::atomic<qint64> lastMs{0};
    qint64 ms = clock.nowMs();
    qint64 prev = lastMs.load();
    while (true) {
        const qint64 next = ms > prev ? ms : prev;
        if (lastMs.compare_exchange_weak(prev, next)) {
            ms = next;
            break;
        }
    }

    QByteArray b(16, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(b.data());
    for (int i = 0; i < 6; ++i)
        p[i] = static_cast<unsigned char>((quint64(ms) >> (8 * (5 - i))) & 0xff);
    quint32 random[3];
    QRandomGenerator::system()->fillRange(random);
    std::memcpy(p + 6, random, 10);
    p[6] = static_cast<unsigned char>(0x70 | (p[6] & 0x0f)); // version 7
    p[8] = static_cast<unsigned char>(0x80 | (p[8] & 0x3f)); // variant 10
    Uuid u;
    u.m_bytes = b;
    return u;
}

Uuid Uuid::fromBytes(const QByteArray &bytes)
{
    Uuid u;
    if (bytes.size() == 16)
        u.m_bytes = bytes;
    return u;
}

Uuid Uuid::derived(const QString &text)
{
    QByteArray h = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).left(16);
    h[6] = char((quint8(h.at(6)) & 0x0f) | 0x80);
    h[8] = char((quint8(h.at(8)) & 0x3f) | 0x80);
    return fromBytes(h);
}

Uuid Uuid::fromString(const QString &text)
{
    QString hex = text.trimmed();
    hex.remove(QLatin1Char('-'));
    if (hex.size() != 32)
        return {};
    for (const QChar c : std::as_const(hex)) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
              (c >= QLatin1Char('A') && c <= QLatin1Char('F'))))
            return {};
    }
    return fromBytes(QByteArray::fromHex(hex.toLatin1()));
}

QString Uuid::toString() const
{
    if (isNull())
        return {};
    const QByteArray h = m_bytes.toHex();
    return QString::fromLatin1(h.left(8) + '-' + h.mid(8, 4) + '-' + h.mid(12, 4) + '-' + h.mid(16, 4) + '-' +
                               h.mid(20));
}

qint64 Uuid::timestampMs() const
{
    if (isNull())
        return 0;
    qint64 ms = 0;
    for (int i = 0; i < 6; ++i)
        ms = (ms << 8) | static_cast<unsigned char>(m_bytes[i]);
    return ms;
}

} // namespace counterpart
