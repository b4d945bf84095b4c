#include "sync/protocol/Hlc.h"

#include <algorithm>

namespace counterpart::sync {

namespace {

qint64 boundedMs(qint64 ms)
{
    return std::clamp<qint64>(ms, 0, Hlc::MaxMs);
}

} // namespace

Hlc Hlc::parse(const QString &text)
{
    // 13 digits, '-', 4 digits, '-', terminal (non-empty)
    if (text.size() < 20 || text.at(13) != QLatin1Char('-') || text.at(18) != QLatin1Char('-'))
        return {};
    bool okMs = false;
    bool okCounter = false;
    const qint64 ms = text.left(13).toLongLong(&okMs);
    const int counter = text.mid(14, 4).toInt(&okCounter);
    if (!okMs || !okCounter || ms < 0 || counter < 0)
        return {};
    return Hlc(ms, counter, text.mid(19));
}

QString Hlc::toString() const
{
    return QStringLiteral("%1-%2-%3")
        .arg(m_ms, 13, 10, QLatin1Char('0'))
        .arg(m_counter, 4, 10, QLatin1Char('0'))
        .arg(m_terminal);
}

Hlc Hlc::next(const Hlc &last, qint64 wallMs, const QString &terminal)
{
    const qint64 wall = boundedMs(wallMs);
    const qint64 lastMs = boundedMs(last.m_ms);
    if (wall > lastMs)
        return Hlc(wall, 0, terminal);
    if (last.m_counter < MaxCounter)
        return Hlc(lastMs, last.m_counter + 1, terminal);
    // Counter exhausted within one millisecond: borrow the next millisecond, up to the last one there is.
    if (lastMs < MaxMs)
        return Hlc(lastMs + 1, 0, terminal);
    return Hlc(MaxMs, MaxCounter, terminal);
}

Hlc Hlc::observe(const Hlc &last, const Hlc &remote, qint64 wallMs, const QString &terminal)
{
    if (remote.isAheadOf(wallMs))
        return next(last, wallMs, terminal);
    const Hlc &newer = last < remote ? remote : last;
    return next(Hlc(newer.m_ms, newer.m_counter, terminal), wallMs, terminal);
}

} // namespace counterpart::sync
