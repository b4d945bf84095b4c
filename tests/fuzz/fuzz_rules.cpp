// libFuzzer target: the loyalty rules parser must never crash, and accepted rules must round-trip.
#include "core/LoyaltyRules.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using counterpart::LoyaltyRules;
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    auto rules = LoyaltyRules::fromJson(json);
    if (!rules) {
        if (rules.error().message.isEmpty())
            std::abort();
        return 0;
    }
    const QByteArray once = rules->toJson();
    auto again = LoyaltyRules::fromJson(once);
    if (!again || again->toJson() != once)
        std::abort();
    return 0;
}
