#pragma once

// Exponential back-off with full jitter (docs/sync-protocol.md, Errors): the n-th retry waits a random
// time in [0, min(cap, base × 2ⁿ)]. Full jitter spreads the tills of a chain that all lost the server at
// the same moment, so they do not come back in one wave.

#include <QtGlobal>

#include <functional>

namespace counterpart::sync {

class Backoff
{
public:
    static constexpr qint64 BaseMs = 1000;
    static constexpr qint64 CapMs = 300'000;

    // `uniform(bound)` returns a random integer in [0, bound]; the default draws from
    // QRandomGenerator::global(). Tests pass a fixed one.
    explicit Backoff(std::function<qint64(qint64)> uniform = {});

    // The upper bound of the wait before retry number `attempt` (0-based).
    static qint64 ceilingMs(int attempt);
    // The wait before the next retry; counts the attempt.
    qint64 nextDelayMs();
    void reset() { m_attempt = 0; }
    int attempt() const { return m_attempt; }

private:
    std::function<qint64(qint64)> m_uniform;
    int m_attempt = 0;
};

} // namespace counterpart::sync
