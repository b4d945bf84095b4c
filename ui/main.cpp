// counterpart-till: the till's program. Parses its options, opens the database, shows the main window.

#include "app/Language.h"
#include "app/Till.h"
#include "sync/client/SyncService.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

using namespace counterpart;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("counterpart-till"));
    QApplication::setOrganizationName(QStringLiteral("Counterpart"));
    QApplication::setApplicationVersion(QStringLiteral(COUNTERPART_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Counterpart: the member till."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QString defaultDb = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                  .filePath(QStringLiteral("till.db"));
    const QCommandLineOption db(
        QStringLiteral("db"),
        QCoreApplication::translate("main", "The till's database (default: %1).").arg(defaultDb),
        QStringLiteral("FILE"), defaultDb);
    const QCommandLineOption keyFile(QStringLiteral("key-file"),
                                     QCoreApplication::translate("main",
                                                                 "The key for encrypted fields (default: "
                                                                 "$COUNTERPART_KEY_FILE, else beside the "
                                                                 "user's data)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption language(QStringLiteral("lang"),
                                      QCoreApplication::translate("main",
                                                                  "Language of the screens: en or zh_CN "
                                                                  "(kept as the till's language)."),
                                      QStringLiteral("LANG"));
    parser.addOptions({db, keyFile, language});
    parser.process(app);

    theme::apply(app);
    const QString path = parser.value(db);
    QDir().mkpath(QFileInfo(path).absolutePath());
    SystemClock clock;
    TillOptions options;
    options.keyFile = parser.value(keyFile);
    auto till = Till::open(path, clock, options);
    if (!till) {
        QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Counterpart cannot start"),
                              UiText::error(till.error()));
        return 1;
    }
    if (parser.isSet(language)) {
        if (Status s = till.value()->setLanguage(parser.value(language)); !s) {
            QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Counterpart cannot start"),
                                  s.error().message);
            return 2;
        }
    }
    i18n::install(till.value()->config().language);

    // An enrolled till syncs in the background (its own thread and connection); the window shows how
    // it goes in the status bar. A till that is not enrolled works on its own and says so quietly.
    std::unique_ptr<sync::SyncService> syncService;
    if (till.value()->isEnrolled()) {
        sync::SyncEngineOptions syncOptions;
        syncOptions.keyFile = options.keyFile;
        syncService = std::make_unique<sync::SyncService>(path, clock, syncOptions);
    }
    MainWindow window(TillSession{till.value().get(), path, options, &clock, syncService.get()});
    window.show();
    if (syncService)
        syncService->start();
    const int code = app.exec();
    syncService.reset(); // stops the engine and joins its thread before the window and the till go
    return code;
}
