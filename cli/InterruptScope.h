#pragma once

// Ctrl-C during a long operation (seed, import) stops it cleanly between rows or batches; a second
// Ctrl-C ends the program at once.

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
};

} // namespace counterpart::cli
