// Smoke test of the cross-built libphonenumber: parse, validate and format.
#include <cstdio>
#include <phonenumbers/phonenumberutil.h>
#include <string>
int main()
{
    using i18n::phonenumbers::PhoneNumber;
    using i18n::phonenumbers::PhoneNumberUtil;
    const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
    const char *inputs[] = {"138 0013 8000", "\xEF\xBC\x91\xEF\xBC\x93\xEF\xBC\x98 0013 8000",
                            "+1 650-253-0000", "12"};
    int bad = 0;
    for (const char *in : inputs) {
        PhoneNumber n;
        std::string out;
        const bool parsed = util.Parse(in, "CN", &n) == PhoneNumberUtil::NO_PARSING_ERROR;
        if (parsed)
            util.Format(n, PhoneNumberUtil::E164, &out);
        const bool valid = parsed && util.IsValidNumber(n);
        std::printf("%s -> %s valid=%d\n", in, out.c_str(), valid ? 1 : 0);
        bad += !valid;
    }
    return bad == 1 ? 0 : 1; // only "12" is invalid
}
