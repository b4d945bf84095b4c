#include "storage/Pinyin.h"

#include <memory>
#ifdef COUNTERPART_HAVE_ICU
#include <unicode/translit.h>
#include <unicode/unistr.h>
#endif

namespace counterpart {

#ifndef COUNTERPART_HAVE_ICU
QStringList pinyinForms(const QString &)
{
    return {}; // no ICU on this target (storage/CMakeLists.txt): characters and Latin words only
}
#else

namespace {

// One transliterator per thread: ICU's are not safe to share, and making one takes milliseconds.
const icu::Transliterator *transliterator()
{
    thread_local std::unique_ptr<icu::Transliterator> instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            "Han-Latin/Names; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    return instance.get();
}

} // namespace

QStringList pinyinForms(const QString &hanWord)
{
    const icu::Transliterator *t = transliterator();
    if (!t || hanWord.isEmpty())
        return {};
    icu::UnicodeString text(reinterpret_cast<const UChar *>(hanWord.utf16()), int32_t(hanWord.size()));
    t->transliterate(text);
    const QString latin =
        QString::fromUtf16(reinterpret_cast<const char16_t *>(text.getBuffer()), text.length());
    const QStringList syllables = latin.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString full;
    QString initials;
    for (const QString &s : syllables) {
        for (const QChar c : s) {
            if (c < QLatin1Char('a') || c > QLatin1Char('z'))
                return {}; // a character without a reading: no pinyin rather than half of one
        }
        full += s;
        initials += s.front();
    }
    if (full.isEmpty())
        return {};
    if (initials.size() < 2)
        return {full};
    return {full, initials};
}

#endif

} // namespace counterpart
