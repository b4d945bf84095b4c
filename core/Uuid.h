#pragma once

#include <QByteArray>
#include <QString>

namespace counterpart {

class Clock;

// UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids made at any till are
// unique without asking anyone, and sort by creation time (good for B-tree inserts).
class Uuid
{
public:
    Uuid() = default;
    static Uuid createV7(const Clock &clock);
    static Uuid fromBytes(const QByteArray &bytes); // 16 bytes, else null
    static Uuid fromString(const QString &text);    // "0190f5e4-...", else null
    // Version 8 (RFC 9562 "custom") from SHA-256 of `text`: the same text gives the same id anywhere.
    static Uuid derived(const QString &text);

    bool isNull() const { return m_bytes.isEmpty(); }
    const QByteArray &bytes() const { return m_bytes; } // 16 bytes
    QString toString() const;                           // lowercase, with dashes
    qint64 timestampMs() const;

    friend bool operator==(const Uuid &, const Uuid &) = default;
    friend bool operator<(const Uuid &a, const Uuid &b) { return a.m_bytes < b.m_bytes; }

private:
    QByteArray m_bytes;
};

} // namespace counterpart
