#include "server/Throttle.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cmath>

namespace counterpart::server {

namespace {
const QString Overflow = QStringLiteral("(overflow)");
}

QString addressKey(const QString &address)
{
    boost::system::error_code ec;
    const auto a = boost::asio::ip::make_address(address.toStdString(), ec);
    if (ec || !a.is_v6())
        return address;
    auto v6 = a.to_v6();
    if (v6.is_v4_mapped())
        return QString::fromStdString(
            boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string());
    auto bytes = v6.to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), static_cast<unsigned char>(0));
    return QString::fromStdString(boost::asio::ip::address_v6(bytes).to_string()) + QStringLiteral("/64");
}

Throttle::Throttle(int perMinute, int maxKeys)
    : m_perMinute(std::max(1, perMinute))
    , m_maxKeys(std::max(1, maxKeys))
{}

void Throttle::refill(Bucket &b, qint64 nowMs) const
{
    const double elapsed = double(std::max<qint64>(0, nowMs - b.atMs));
    b.tokens = std::min(double(m_perMinute), b.tokens + elapsed * m_perMinute / 60'000.0);
    b.atMs = std::max(b.atMs, nowMs);
}

void Throttle::prune(qint64 nowMs)
{
    // Buckets that have refilled completely carry no information: drop them.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        refill(it.value(), nowMs);
        if (it.value().tokens >= m_perMinute && it.key() != Overflow)
            it = m_buckets.erase(it);
        else
            ++it;
    }
}

int Throttle::take(const QString &key, qint64 nowMs)
{
    std::lock_guard lock(m_mutex);
    QString k = key;
    if (!m_buckets.contains(k) && m_buckets.size() >= m_maxKeys) {
        prune(nowMs);
        if (m_buckets.size() >= m_maxKeys)
            k = Overflow;
    }
    auto it = m_buckets.find(k);
    if (it == m_buckets.end())
        it = m_buckets.insert(k, Bucket{double(m_perMinute), nowMs});
    Bucket &b = it.value();
    refill(b, nowMs);
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    const double msToNext = (1.0 - b.tokens) * 60'000.0 / m_perMinute;
    return std::max(1, int(std::ceil(msToNext / 1000.0)));
}

} // namespace counterpart::server
