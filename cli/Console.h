#pragma once

// What counterpart-admin says: for people (aligned tables, plain words) on standard output, failures
// and progress on standard error, or one JSON document (--json). Every command speaks through it.

#include "core/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <utility>

class QIODevice;

namespace counterpart::cli {

class Command;

// Exit codes.
enum Exit { ExitOk = 0, ExitRefused = 1, ExitUsage = 2 };

inline QString programName()
{
    return QStringLiteral("counterpart-admin");
}

class Console
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    struct Io {
        QIODevice *out = nullptr;
        QIODevice *err = nullptr;
        QIODevice *in = nullptr;
        bool errIsTerminal = false; // progress is shown only on a terminal
        bool inIsTerminal = false;  // a PIN typed at a terminal is not echoed
    };

    explicit Console(const Io &io);
    Console(const Console &) = delete;
    Console &operator=(const Console &) = delete;

    const Io &io() const { return m_io; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }

    // Failures: the message on standard error (and as JSON with --json); the exit code to return.
    int usageError(const Command *command, const QString &message);
    int fail(const Error &error);
    int failMessage(const QString &message, ErrorCode code = ErrorCode::Refused);
    // "counterpart-admin: message" on standard error after the outcome was printed; ExitRefused.
    int refused(const QString &message);
    int printJson(QJsonObject object);

    // Output for people.
    void line(const QString &text = {});
    // Writes out what line() buffered (a long-running command whose output a script reads as it comes).
    void flush();
    void keyValues(const QList<std::pair<QString, QString>> &rows);
    void table(const QStringList &header, const QList<QStringList> &rows,
               const QList<int> &rightAligned = {});
    // A closing message: on standard error when the data itself went to standard output.
    void note(const QString &message, bool dataOnStdout);

    // Writes through `write` to standard output ("-") or into the file `path`, completely or not at
    // all: a half file would look like a short member list.
    Status writeOut(const QString &path, const std::function<Status(QIODevice &)> &write);

    QString readSecret(const QString &prompt);
    void progress(const QString &what, int done, int total);
    void endProgress();

private:
    Io m_io;
    QTextStream m_out;
    QTextStream m_err;
    bool m_json = false;
    bool m_progressShown = false;
};

} // namespace counterpart::cli
