#include "app/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace counterpart::i18n {

namespace {
std::unique_ptr<QTranslator> s_app;
std::unique_ptr<QTranslator> s_qt;
} // namespace

QStringList shippedLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

bool install(const QString &language)
{
    const QString lang =
        language.startsWith(QLatin1String("zh"), Qt::CaseInsensitive) ? QStringLiteral("zh_CN") : language;
    if (!shippedLanguages().contains(lang))
        return false;
    if (s_app)
        QCoreApplication::removeTranslator(s_app.get());
    if (s_qt)
        QCoreApplication::removeTranslator(s_qt.get());
    s_app.reset();
    s_qt.reset();
    // English is the source language: its file holds only the plural forms of the counted messages
    // ("1 change" / "2 changes").
    auto app = std::make_unique<QTranslator>();
    if (!app->load(QStringLiteral(":/counterpart/i18n/counterpart_") + lang + QStringLiteral(".qm")))
        return false;
    QCoreApplication::installTranslator(app.get());
    s_app = std::move(app);
    if (lang == QLatin1String("en")) {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        return true;
    }
    // Qt's own strings (standard buttons, dialogs), from the system's Qt translations when present.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_") + lang, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        s_qt = std::move(qt);
    }
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    return true;
}

} // namespace counterpart::i18n
