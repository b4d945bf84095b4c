#include "cli/InterruptScope.h"

#include <csignal>

namespace counterpart::cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void onInterrupt(int)
{
    g_interrupted = 1;
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

} // namespace

InterruptScope::InterruptScope()
{
    g_interrupted = 0;
    m_previous = std::signal(SIGINT, onInterrupt);
    m_previousTerm = std::signal(SIGTERM, onInterrupt);
}

InterruptScope::~InterruptScope()
{
    std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous);
    std::signal(SIGTERM, m_previousTerm == SIG_ERR ? SIG_DFL : m_previousTerm);
}

bool InterruptScope::interrupted()
{
    return g_interrupted != 0;
}

} // namespace counterpart::cli
