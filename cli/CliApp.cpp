#include "cli/CliApp.h"

#include "cli/commands/Commands.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTranslator>

namespace counterpart::cli {

namespace {

// What run() learns before the translator is installed: where the command is, the language, --help.
struct Scan {
    int commandIndex = -1;
    QString language;
    bool help = false;
};

// The command is the first word that is not an option or a global option's value.
Scan scanCommandLine(const QStringList &args)
{
    const QStringList globalsWithValue = {QStringLiteral("db"), QStringLiteral("key-file"),
                                          QStringLiteral("now"), QStringLiteral("lang")};
    Scan scan;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--"))
            break;
        if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            QString name = a.mid(a.startsWith(QLatin1String("--")) ? 2 : 1);
            QString value;
            const qsizetype eq = name.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                value = name.mid(eq + 1);
                name = name.left(eq);
            } else if (globalsWithValue.contains(name) && i + 1 < args.size()) {
                value = args[++i];
            }
            if (name == QLatin1String("lang"))
                scan.language = value;
            scan.help = scan.help || name == QLatin1String("help") || name == QLatin1String("h");
            continue;
        }
        scan.commandIndex = i;
        break;
    }
    return scan;
}

QString databasePath(const QCommandLineParser &parser)
{
    QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        path = qEnvironmentVariable("COUNTERPART_DB");
    if (path.isEmpty())
        path = QStringLiteral("counterpart.db");
    return path;
}

} // namespace

CliApp::CliApp(const Io &io)
    : m_context(io)
{}

CliApp::~CliApp()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

QList<QCommandLineOption> CliApp::globalOptions() const
{
    return {
        QCommandLineOption(QStringLiteral("db"),
                           tr("The till database (default: $COUNTERPART_DB, else ./counterpart.db)."),
                           tr("FILE")),
        QCommandLineOption(QStringLiteral("key-file"),
                           tr("The key for encrypted fields (default: $COUNTERPART_KEY_FILE, else "
                              "Counterpart/keys/<database id>.key in the user's data folder)."),
                           tr("FILE")),
        QCommandLineOption(QStringLiteral("json"), tr("Print one JSON document on standard output.")),
        QCommandLineOption(QStringLiteral("now"),
                           tr("Run as if it were this time (ISO 8601; without an offset, the store's local "
                              "time). For scripts and tests."),
                           tr("TIME")),
        QCommandLineOption(QStringLiteral("lang"), tr("Language of messages: en or zh_CN."), tr("LANG")),
        QCommandLineOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help.")),
    };
}

int CliApp::run(const QStringList &arguments)
{
    // The library logs what it did for the till's log file; a command-line tool says it in words.
    QLoggingCategory::setFilterRules(QStringLiteral("counterpart.*.debug=false\ncounterpart.*.info=false"));

    const QStringList args = arguments.mid(1);
    const Scan scan = scanCommandLine(args);
    installTranslator(scan.language);
    if (scan.commandIndex < 0) {
        if (scan.help) {
            printGeneralHelp();
            return ExitOk;
        }
        return m_context.usageError(nullptr, tr("say which command to run."));
    }
    const QString name = args[scan.commandIndex];
    if (name == QLatin1String("help")) {
        printGeneralHelp();
        return ExitOk;
    }
    const auto all = allCommands();
    const auto found =
        std::find_if(all.cbegin(), all.cend(), [&](const auto &command) { return command->name == name; });
    if (found == all.cend())
        return m_context.usageError(nullptr, tr("there is no command \"%1\".").arg(name.left(40)));

    QStringList rest = args;
    rest.removeAt(scan.commandIndex);
    rest.prepend(programName());
    return runCommand(**found, rest);
}

int CliApp::runCommand(const Command &command, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(globalOptions());
    parser.addOptions(command.options);
    if (!parser.parse(arguments))
        return m_context.usageError(&command, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        printCommandHelp(command, parser);
        return ExitOk;
    }
    m_context.setJson(parser.isSet(QStringLiteral("json")));
    if (const int checked = checkCommandLine(command, parser); checked != ExitOk)
        return checked;
    m_context.setDbPath(databasePath(parser));
    if (const int opened = openDatabase(command, parser); opened != ExitOk)
        return opened;
    return command.run(m_context, parser);
}

int CliApp::checkCommandLine(const Command &command, const QCommandLineParser &parser)
{
    if (parser.isSet(QStringLiteral("lang"))) {
        const QString lang = parser.value(QStringLiteral("lang"));
        if (lang != QLatin1String("en") && lang != QLatin1String("zh_CN"))
            return m_context.usageError(&command, tr("--lang is en or zh_CN."));
        m_context.setLanguage(lang);
    }
    const bool takesText = command.arguments != FreeArguments::None;
    const QStringList positional = parser.positionalArguments();
    if (!takesText && !positional.isEmpty())
        return m_context.usageError(&command,
                                    tr("unexpected argument \"%1\".").arg(positional.front().left(40)));
    if (positional.size() > command.maxArguments())
        return m_context.usageError(&command, command.maxArguments() == 1
                                                  ? tr("give the text to search as one argument (in quotes).")
                                                  : tr("too many arguments."));
    for (const QString &option : command.required) {
        if (!parser.isSet(option))
            return m_context.usageError(&command, tr("--%1 is required.").arg(option));
    }
    if (command.oneOf.isEmpty())
        return ExitOk;
    int given = int(positional.size());
    QStringList names;
    for (const QString &option : command.oneOf) {
        given += parser.isSet(option) ? 1 : 0;
        names << QStringLiteral("--") + option;
    }
    if (given == 1)
        return ExitOk;
    return m_context.usageError(&command,
                                takesText ? tr("give one of %1, or a text to search.").arg(names.join(u", "))
                                          : tr("give one of %1.").arg(names.join(u", ")));
}

int CliApp::openDatabase(const Command &command, const QCommandLineParser &parser)
{
    if (command.database == Database::NotOpened)
        return ExitOk;
    const QString &path = m_context.dbPath();
    if (!QFileInfo::exists(path))
        return m_context.failMessage(tr("There is no till database at %1. Set one up with: %2 --db %1 init")
                                         .arg(QDir::toNativeSeparators(path), programName()),
                                     ErrorCode::NotFound);
    const bool bulk = command.database == Database::OpenForBulkWrites;
    if (Status opened = m_context.openTill(parser, std::nullopt, bulk); !opened)
        return m_context.fail(opened.error());
    return ExitOk;
}

void CliApp::installTranslator(const QString &language)
{
    // An unknown language is reported once the command line is parsed; messages before that are English.
    // English loads its file too: it holds the plural forms of counted messages ("1 row", "2 rows").
    const QString lang = language == QLatin1String("zh_CN") ? language : QStringLiteral("en");
    // The compiled translations are embedded in the app layer's resources.
    auto translator = std::make_unique<QTranslator>();
    if (translator->load(QStringLiteral(":/counterpart/i18n/counterpart_") + lang + QStringLiteral(".qm"))) {
        QCoreApplication::installTranslator(translator.get());
        m_translator = std::move(translator);
    }
}

void CliApp::printGeneralHelp()
{
    QTextStream &out = m_context.out();
    out << tr("Usage: %1 [global options] COMMAND [options]").arg(programName()) << "\n\n";
    out << tr("The technician's tool for a Counterpart till database.") << "\n\n";
    out << tr("Commands:") << '\n';
    QList<std::pair<QString, QString>> rows;
    for (const auto &command : allCommands())
        rows.append({command->name, command->summary});
    m_context.keyValues(rows);
    out << '\n' << tr("Global options:") << '\n';
    out << "  --db FILE        " << tr("the till database (default: $COUNTERPART_DB, else ./counterpart.db)")
        << '\n';
    out << "  --key-file FILE  " << tr("the key for encrypted fields (default: $COUNTERPART_KEY_FILE)")
        << '\n';
    out << "  --json           " << tr("print one JSON document on standard output") << '\n';
    out << "  --now TIME       " << tr("run as if it were this time (ISO 8601), for scripts and tests")
        << '\n';
    out << "  --lang LANG      " << tr("en or zh_CN") << '\n';
    out << '\n'
        << tr("Exit status: 0 done, 1 refused or invalid request, 2 wrong command line.") << '\n'
        << tr("Run \"%1 COMMAND --help\" for a command's options.").arg(programName()) << '\n';
    out.flush();
}

void CliApp::printCommandHelp(const Command &command, const QCommandLineParser &parser)
{
    QTextStream &out = m_context.out();
    out << tr("Usage: %1 [global options] %2 %3").arg(programName(), command.name, command.synopsis) << "\n\n"
        << command.summary << "\n\n";
    // QCommandLineParser's own list of options, without its usage line (which names no command).
    const QString text = parser.helpText();
    const qsizetype options = text.indexOf(QLatin1String("Options:"));
    out << (options >= 0 ? text.mid(options) : text);
    out.flush();
}

} // namespace counterpart::cli
