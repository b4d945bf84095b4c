#pragma once

// counterpart-admin: the technician's and scripts' tool. A thin layer over the app layer's use cases:
// it parses a command line, finds the command (cli/commands/), opens what the command needs and runs
// it; the command prints the outcome for people (aligned, plain words, phone numbers masked) or as one
// JSON document (--json).

#include "cli/Context.h"

#include <QCommandLineOption>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QCommandLineParser;
class QTranslator;

namespace counterpart::cli {

class Command;

class CliApp
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    using Io = Console::Io;

    explicit CliApp(const Io &io);
    ~CliApp();
    CliApp(const CliApp &) = delete;
    CliApp &operator=(const CliApp &) = delete;

    // arguments[0] is the program name, as in QCoreApplication::arguments(). Returns the exit code.
    int run(const QStringList &arguments);

private:
    QList<QCommandLineOption> globalOptions() const;
    int runCommand(const Command &command, const QStringList &arguments);
    // --lang, the free arguments and the required and exclusive options; ExitOk or a usage error.
    int checkCommandLine(const Command &command, const QCommandLineParser &parser);
    int openDatabase(const Command &command, const QCommandLineParser &parser);
    void printGeneralHelp();
    void printCommandHelp(const Command &command, const QCommandLineParser &parser);
    void installTranslator(const QString &language);

    Context m_context;
    std::unique_ptr<QTranslator> m_translator;
};

} // namespace counterpart::cli
