#pragma once

// Pinyin for the name search (docs/user-guide.md, "Finding a member"): Chinese cashiers type "wangli" or
// "wl" for 王丽. ICU's Han-Latin transliterator with its surname readings (单 shan, 曾 zeng) gives the
// syllables; the till indexes them beside the characters.

#include <QStringList>

namespace counterpart {

// The full pinyin without tones or spaces ("wangli") and, for two syllables or more, the initials ("wl")
// of a word of Chinese characters; nothing when a character has no reading.
QStringList pinyinForms(const QString &hanWord);

} // namespace counterpart
