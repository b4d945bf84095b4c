#pragma once

#include <QString>
#include <QStringList>

namespace counterpart::i18n {

// The languages that ship: "en" (the source language) and "zh_CN".
QStringList shippedLanguages();
// Installs Counterpart's and Qt's own translations for `language` on the running application,
// replacing those installed before. "en" removes them. false when the language does not ship.
bool install(const QString &language);

} // namespace counterpart::i18n
