// libFuzzer target: member codes, QR payloads and money amounts typed or scanned at the till.
#include "core/MemberCode.h"
#include "core/Money.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace counterpart;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    if (auto code = MemberCode::parse(text); code.ok()) {
        if (code->digits().size() != MemberCode::Length)
            std::abort();
        auto again = MemberCode::parse(code->grouped());
        if (!again || again->digits() != code->digits())
            std::abort();
    }
    if (auto qr = MemberQrPayload::decode(text); qr.ok()) {
        auto again = MemberQrPayload::decode(qr->encode());
        if (!again || again->code.digits() != qr->code.digits())
            std::abort();
    }
    for (const QString &currency : {QStringLiteral("CNY"), QStringLiteral("JPY"), QStringLiteral("KWD")}) {
        auto money = Money::parse(text, currency);
        if (!money)
            continue;
        if (money->minor() < 0)
            std::abort();
        auto again = Money::parse(money->toPlainString(), currency);
        if (!again || again->minor() != money->minor())
            std::abort();
    }
    return 0;
}
