#pragma once

#include "core/LogText.h"

#include <QLoggingCategory>

#include <chrono>
#include <mutex>

// The server's logging category ("counterpart.server"; info and up unless QT_LOGGING_RULES asks for
// debug). Never log names, phones or bodies: terminal ids, op ids, counts and reasons only, and
// anything a client sent through counterpart::logText().
Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace counterpart::server {

// At most one line per interval for one kind of event (a refused connection, a failed accept), so a
// flood cannot turn into a flood of log; the line that is written says how many were left out.
class LogLimiter
{
public:
    explicit LogLimiter(std::chrono::milliseconds interval = std::chrono::seconds(10))
        : m_interval(interval)
    {}

    // True when a line may be written now; then *suppressed is how many were left out before it.
    bool allow(qint64 *suppressed)
    {
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard lock(m_mutex);
        if (m_written && now - m_last < m_interval) {
            ++m_suppressed;
            return false;
        }
        m_written = true;
        m_last = now;
        *suppressed = m_suppressed;
        m_suppressed = 0;
        return true;
    }

private:
    const std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_last;
    qint64 m_suppressed = 0;
    bool m_written = false;
};

} // namespace counterpart::server
