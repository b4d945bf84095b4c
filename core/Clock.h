#pragma once

#include <QDateTime>
#include <QTimeZone>

#include <atomic>

namespace counterpart {

// The only way the program learns the time. Every time rule (expiry, tiers, birthdays, member days,
// void windows) takes it from here, so tests can set the time.
class Clock
{
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    QDateTime nowUtc() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }
};

// A clock that only moves when told to. For tests, demo seeding and replays.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 ms = 0)
        : m_ms(ms)
    {}
    explicit ManualClock(const QDateTime &t)
        : m_ms(t.toMSecsSinceEpoch())
    {}
    qint64 nowMs() const override { return m_ms.load(); }
    void setMs(qint64 ms) { m_ms.store(ms); }
    void set(const QDateTime &t) { m_ms.store(t.toMSecsSinceEpoch()); }
    void advanceMs(qint64 ms) { m_ms.fetch_add(ms); }
    void advanceDays(int days) { m_ms.fetch_add(qint64(days) * 86'400'000); }

private:
    std::atomic<qint64> m_ms;
};

} // namespace counterpart
