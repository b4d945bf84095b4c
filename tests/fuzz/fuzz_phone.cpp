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
        // libphonenumber accepts national numbers of up to 17 digits after a country code of up to 3
        // (longer than E.164's 15 for a few countries' valid ranges): '+' and 4..20 digits.
        if (!e164.startsWith(QLatin1Char('+')) || e164.size() < 5 || e164.size() > 21)
            std::abort();
        for (qsizetype i = 1; i < e164.size(); ++i) {
            if (e164[i] < QLatin1Char('0') || e164[i] > QLatin1Char('9'))
                std::abort();
        }
        auto again = PhoneNumber::parse(e164, region);
        if (!again || again->e164() != e164)
            std::abort();
        (void)parsed->masked(region);
        (void)parsed->formatted(region);
    }
    return 0;
}
