// Display preferences of the till's screens.

#include "app/Language.h"
#include "app/Till.h"

namespace counterpart {

Status Till::setLanguage(const QString &language)
{
    if (!i18n::shippedLanguages().contains(language))
        return makeError(ErrorCode::InvalidInput,
                         tr("The till speaks %1.").arg(i18n::shippedLanguages().join(QStringLiteral(", "))));
    if (m_config.language == language)
        return {};
    TillConfig changed = m_config;
    changed.language = language;
    return updateConfig(changed);
}

} // namespace counterpart
