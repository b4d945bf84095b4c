// libFuzzer target: PhoneNumber::parse must never crash, and what it accepts must round-trip.
#include "core/PhoneNumber.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using counterpart::PhoneNumber;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const QString &region : {QStringLiteral("CN"), QStringLiteral("US"), QStringLiteral("GB")}) {
        auto parsed = PhoneNumber::parse(text, region);
        if (!parsed) {
            if (parsed.error().message.isEmpty())
                std::abort(); // every refusal says why
            continue;
        }
        const QString e164 = parsed->e164();
        if (!e164.startsWith(QLatin1Char('+')) || e164.size() < 8 || e164.size() > 16)
            std::abort();
        auto again = PhoneNumber::parse(e164, region);
        if (!again || again->e164() != e164)
            std::abort();
        (void)parsed->masked(region);
        (void)parsed->formatted(region);
    }
    return 0;
}
