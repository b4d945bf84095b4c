#include "sync/client/Backoff.h"

#include <QRandomGenerator>

namespace counterpart::sync {

Backoff::Backoff(std::function<qint64(qint64)> uniform)
    : m_uniform(std::move(uniform))
{
    if (!m_uniform) {
        m_uniform = [](qint64 bound) { return QRandomGenerator::global()->bounded(bound + 1); };
    }
}

qint64 Backoff::ceilingMs(int attempt)
{
    if (attempt < 0)
        attempt = 0;
    // 2^9 s already passes the cap; never shift further (no overflow however long the outage).
    if (attempt >= 9)
        return CapMs;
    return qMin(CapMs, BaseMs << attempt);
}

qint64 Backoff::nextDelayMs()
{
    const qint64 ceiling = ceilingMs(m_attempt);
    if (m_attempt < 1000)
        ++m_attempt;
    return qBound(qint64(0), m_uniform(ceiling), ceiling);
}

} // namespace counterpart::sync
