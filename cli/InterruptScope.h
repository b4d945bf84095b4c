#pragma once

// Ctrl-C (or the service manager's SIGTERM) during a long operation (seed, import, pos-serve) stops it
// cleanly between rows, batches or requests; a second one ends the program at once.

namespace counterpart::cli {

class InterruptScope
{
public:
    InterruptScope();
    ~InterruptScope();
    InterruptScope(const InterruptScope &) = delete;
    InterruptScope &operator=(const InterruptScope &) = delete;
    static bool interrupted();

private:
    void (*m_previous)(int) = nullptr;
    void (*m_previousTerm)(int) = nullptr;
};

} // namespace counterpart::cli
