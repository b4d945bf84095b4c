// counterpart-till: the till's program. Parses its options, opens the database, shows the main window.

#include "app/JobRunner.h"
#include "app/Language.h"
#include "app/Till.h"
#include "storage/Database.h"
#include "sync/client/SyncService.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"
#include "ui/UiText.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLockFile>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <optional>
#include <unistd.h>
#include <variant>

using namespace counterpart;

namespace {

// Milliseconds since the kernel started this process (Linux: /proc/self/stat field 22 against
// CLOCK_BOOTTIME), so the start-up figure includes loading the program and its libraries; -1 elsewhere.
qint64 msSinceProcessStart()
{
#ifdef Q_OS_LINUX
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' '); // from field 3
    if (fields.size() < 20)
        return -1;
    const double startedS = fields.at(19).toDouble() / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return qint64((double(now.tv_sec) + double(now.tv_nsec) / 1e9 - startedS) * 1000.0);
#else
    return -1;
#endif
}

// Start-up probe (bench/startup.sh): once the window has painted and the event loop has nothing left
// to do, prints how long that took and quits.
class StartupProbe : public QObject
{
public:
    StartupProbe(QWidget *window, const QElapsedTimer &sinceMain)
        : QObject(window)
        , m_sinceMain(sinceMain)
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, this, [this] {
                std::printf("startup: window usable %lld ms after the process started (%lld ms after main)\n",
                            msSinceProcessStart(), m_sinceMain.elapsed());
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer &m_sinceMain;
    bool m_done = false;
};

// What the command line asked for.
struct TillArguments {
    QString path;
    QString keyFile;
    std::optional<QString> language;
    bool probe = false;
    bool customerDisplay = false;
};

TillArguments parseArguments(QApplication &app)
{
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
    QCommandLineOption probe(QStringLiteral("startup-probe"),
                             QStringLiteral("Print the time to a usable window, then quit (benchmarks)."));
    probe.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption customer(QStringLiteral("customer-display"),
                                      QCoreApplication::translate("main",
                                                                  "Show the customer display: on a second "
                                                                  "screen, else in a window of its own."));
    parser.addOptions({db, keyFile, language, probe, customer});
    parser.process(app);
    TillArguments arguments{parser.value(db), parser.value(keyFile), std::nullopt, parser.isSet(probe),
                            parser.isSet(customer)};
    if (parser.isSet(language))
        arguments.language = parser.value(language);
    return arguments;
}

void cannotStart(const QString &why)
{
    QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Counterpart cannot start"), why);
}

// Opens the till's database in the language asked for; says why it cannot and gives the exit code.
std::variant<std::unique_ptr<Till>, int> openTill(const TillArguments &arguments, const Clock &clock,
                                                  const TillOptions &options)
{
    Database::makePrivateFolder(QFileInfo(arguments.path).absolutePath()); // 0700: till.db holds credentials
    auto till = Till::open(arguments.path, clock, options);
    if (!till) {
        cannotStart(UiText::error(till.error()));
        return 1;
    }
    if (arguments.language) {
        if (Status s = till.value()->setLanguage(*arguments.language); !s) {
            cannotStart(s.error().message);
            return 2;
        }
    }
    i18n::install(till.value()->config().language);
    return std::move(till.value());
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("counterpart-till"));
    QApplication::setOrganizationName(QStringLiteral("Counterpart"));
    QApplication::setApplicationVersion(QStringLiteral(COUNTERPART_VERSION));
    const TillArguments arguments = parseArguments(app);

    theme::apply(app);
    SystemClock clock;
    TillOptions options;
    options.keyFile = arguments.keyFile;
    options.backgroundCheckpoints = true;
    auto opened = openTill(arguments, clock, options);
    if (const int *code = std::get_if<int>(&opened))
        return *code;
    Till &till = *std::get<std::unique_ptr<Till>>(opened);

    // An enrolled till syncs in the background (its own thread and connection); the window shows how
    // it goes in the status bar. A till that is not enrolled works on its own and says so quietly.
    std::unique_ptr<sync::SyncService> syncService;
    if (till.isEnrolled()) {
        sync::SyncEngineOptions syncOptions;
        syncOptions.keyFile = options.keyFile;
        syncService = std::make_unique<sync::SyncService>(arguments.path, clock, syncOptions);
    }
    // Expiry, tier evaluation and backups run by themselves on a thread of their own (app/JobRunner.h).
    QLockFile running(Backup::runLockPath(arguments.path)); // counterpart-admin restore waits for this till
    running.tryLock(0);
    JobRunner jobs(arguments.path, clock, options);
    jobs.start();
    MainWindow window(TillSession{&till, arguments.path, options, &clock, syncService.get()});
    if (arguments.probe)
        new StartupProbe(&window, sinceMain);
    window.show();
    if (arguments.customerDisplay)
        window.startCustomerDisplay(true);
    if (syncService)
        syncService->start();
    const int code = app.exec();
    syncService.reset(); // stops the engine and joins its thread before the window and the till go
    return code;
}
