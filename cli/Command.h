#pragma once

// One counterpart-admin command, in the manner of KeePassXC's CLI: its name, its words for --help, its
// options, what CliApp prepares before it runs, and run(). Each command lives in
// cli/commands/<Name>Command.cpp with its options; cli/commands/Commands.h lists them.

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace counterpart::cli {

class Context;

// What CliApp opens before run().
enum class Database {
    Open,              // the till database, which must exist
    OpenForBulkWrites, // the same, with fast writes and on a clock the command moves (seed)
    NotOpened,         // nothing: the command creates or replaces the file itself (init, restore)
};

// The words a command takes besides its options.
enum class FreeArguments {
    None,
    OneText, // one text (lookup's search, restore's file)
    UpToTwo, // sync-sign's METHOD PATH
};

// What a command is, declared as data in its constructor: its name and words for --help, its options,
// what the command line must give and what CliApp opens before run().
struct CommandSpec {
    QString name;
    QString summary;
    QString synopsis;
    QList<QCommandLineOption> options;
    QStringList required; // options that must be given
    QStringList oneOf;    // exactly one of these (or, with free arguments, a free text)
    FreeArguments arguments = FreeArguments::None;
    Database database = Database::Open;
};

class Command : public CommandSpec
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    virtual ~Command() = default;
    // Runs with the database opened as `database` says and the command line checked against the
    // fields of its spec; returns the exit code.
    virtual int run(Context &c, const QCommandLineParser &p) const = 0;

    int maxArguments() const { return arguments == FreeArguments::UpToTwo ? 2 : 1; }

protected:
    explicit Command(CommandSpec spec)
        : CommandSpec(std::move(spec))
    {}
    // --member, which several commands take.
    static QString memberValueName();
    static QCommandLineOption memberOption();
};

QCommandLineOption valueOption(const QString &name, const QString &description, const QString &valueName);
QCommandLineOption flagOption(const QString &name, const QString &description);

} // namespace counterpart::cli
