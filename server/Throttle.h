#pragma once

// Per-key attempt budgets (token buckets) for what an unauthenticated client may try: enrolment
// guesses per address and per code. In memory and per process: with several processes behind a
// balancer the chain-wide budget is the process count times this one, still far from guessing speed.

#include <QHash>
#include <QString>

#include <mutex>

namespace counterpart::server {

// The key an address is budgeted under: an IPv4 address as is, an IPv6 address by its /64 (one
// customer's network), so rotating through one's own prefix does not multiply the budget.
QString addressKey(const QString &address);

class Throttle
{
public:
    // `perMinute` attempts a minute, up to `perMinute` at once; at most `maxKeys` keys are tracked
    // (beyond that, new keys share one budget, so a flood of addresses cannot grow the table).
    explicit Throttle(int perMinute, int maxKeys = 10'000);

    // Takes one attempt for `key` at `nowMs`. 0: allowed; otherwise the seconds until the next one is.
    int take(const QString &key, qint64 nowMs);

private:
    struct Bucket {
        double tokens = 0;
        qint64 atMs = 0;
    };
    void refill(Bucket &b, qint64 nowMs) const;
    void prune(qint64 nowMs);

    const int m_perMinute;
    const int m_maxKeys;
    std::mutex m_mutex;
    QHash<QString, Bucket> m_buckets;
};

} // namespace counterpart::server
