#pragma once

// Hybrid logical clock for last-writer-wins profile fields (docs/sync-protocol.md).

#include <QString>

namespace counterpart::sync {

class Hlc
{
public:
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

    // The next timestamp for a local event at wall time `wallMs`, after `last`.
    static Hlc next(const Hlc &last, qint64 wallMs, const QString &terminal);
    // The clock after seeing a remote timestamp: never behind what was seen.
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
