#pragma once

// Hybrid logical clock for last-writer-wins profile fields (docs/sync-protocol.md).

#include <QString>

namespace counterpart::sync {

class Hlc
{
public:
    // The text form has room for 13 digits of milliseconds (up to November 2286) and a 4-digit counter;
    // the clock saturates there instead of growing a digit (a longer stamp is not an HLC any more).
    static constexpr qint64 MaxMs = 9'999'999'999'999;
    static constexpr int MaxCounter = 9999;
    // How far a stamp may run ahead of a wall clock (the server's, or a till's corrected by the
    // server's offset) and still be trusted: the server refuses an op stamped further ahead
    // (`clock_ahead`), and a till does not adopt such a stamp into its clock. Five minutes covers clock
    // drift between syncs; a stamp beyond it would freeze a field against every honest edit.
    static constexpr qint64 MaxAheadMs = 5 * 60'000;

    Hlc() = default;
    Hlc(qint64 ms, int counter, QString terminal)
        : m_ms(ms)
        , m_counter(counter)
        , m_terminal(std::move(terminal))
    {}

    // "<13-digit ms>-<4-digit counter>-<terminal>"; an empty or malformed text gives a null Hlc.
    static Hlc parse(const QString &text);
    QString toString() const;
    bool isNull() const { return m_terminal.isEmpty() && m_ms == 0; }

    qint64 ms() const { return m_ms; }
    int counter() const { return m_counter; }
    const QString &terminal() const { return m_terminal; }

    // More than MaxAheadMs ahead of the wall time `wallMs`.
    bool isAheadOf(qint64 wallMs) const { return m_ms - MaxAheadMs > wallMs; }

    // The next timestamp for a local event at wall time `wallMs`, after `last`. Never beyond
    // (MaxMs, MaxCounter): there it stays.
    static Hlc next(const Hlc &last, qint64 wallMs, const QString &terminal);
    // The clock after seeing a remote timestamp: never behind what was seen, unless what was seen is
    // further ahead of `wallMs` than MaxAheadMs: such a stamp is not adopted (the clock ticks as for a
    // local event).
    static Hlc observe(const Hlc &last, const Hlc &remote, qint64 wallMs, const QString &terminal);

    friend bool operator==(const Hlc &a, const Hlc &b) = default;
    friend bool operator<(const Hlc &a, const Hlc &b)
    {
        if (a.m_ms != b.m_ms)
            return a.m_ms < b.m_ms;
        if (a.m_counter != b.m_counter)
            return a.m_counter < b.m_counter;
        return a.m_terminal < b.m_terminal;
    }

private:
    qint64 m_ms = 0;
    int m_counter = 0;
    QString m_terminal;
};

} // namespace counterpart::sync
