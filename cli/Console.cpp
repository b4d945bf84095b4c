#include "cli/Console.h"

#include "cli/Command.h"

#include <QDir>
#include <QIODevice>
#include <QJsonDocument>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace counterpart::cli {

namespace {

// Terminal columns a string takes: East Asian wide characters (Chinese names) take two, so tables
// stay aligned.
int displayWidth(const QString &text)
{
    int width = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isLowSurrogate())
            continue;
        const char32_t u = c.isHighSurrogate() && i + 1 < text.size()
                               ? QChar::surrogateToUcs4(c, text.at(i + 1))
                               : char32_t(c.unicode());
        const auto category = QChar::category(u);
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing || u == 0x200B)
            continue;
        const bool wide =
            (u >= 0x1100 && u <= 0x115F) || (u >= 0x2E80 && u <= 0xA4CF) || (u >= 0xAC00 && u <= 0xD7A3) ||
            (u >= 0xF900 && u <= 0xFAFF) || (u >= 0xFE30 && u <= 0xFE4F) || (u >= 0xFF00 && u <= 0xFF60) ||
            (u >= 0xFFE0 && u <= 0xFFE6) || (u >= 0x1F300 && u <= 0x1FAFF) || (u >= 0x20000 && u <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

QString pad(const QString &text, int width, bool right = false)
{
    const QString spaces(qMax(0, width - displayWidth(text)), QLatin1Char(' '));
    return right ? spaces + text : text + spaces;
}

// One line for a table cell: line breaks in notes or reasons would break the layout.
QString oneLine(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\n'), QLatin1Char(' '));
    out.replace(QLatin1Char('\r'), QLatin1Char(' '));
    out.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return out;
}

QString errorCodeId(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return QStringLiteral("invalid_input");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Refused:
        return QStringLiteral("refused");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission_denied");
    case ErrorCode::SecondFactorNeeded:
        return QStringLiteral("second_factor_needed");
    case ErrorCode::Storage:
        return QStringLiteral("storage");
    case ErrorCode::Crypto:
        return QStringLiteral("crypto");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace

Console::Console(const Io &io)
    : m_io(io)
    , m_out(io.out)
    , m_err(io.err)
{}

int Console::usageError(const Command *command, const QString &message)
{
    endProgress();
    m_err << programName() << ": " << message << '\n';
    if (command) {
        m_err << tr("Usage: %1 [global options] %2 %3").arg(programName(), command->name, command->synopsis)
              << '\n';
        m_err << tr("Run \"%1 %2 --help\" for more.").arg(programName(), command->name) << '\n';
    } else {
        m_err << tr("Usage: %1 [--db FILE] [--json] COMMAND [options]").arg(programName()) << '\n';
        m_err << tr("Run \"%1 --help\" for the list of commands.").arg(programName()) << '\n';
    }
    m_err.flush();
    return ExitUsage;
}

int Console::fail(const Error &error)
{
    endProgress();
    QString message = error.message.simplified();
    if (message.isEmpty())
        message = tr("Something went wrong (%1).").arg(errorCodeId(error.code));
    if (m_json) {
        m_out << QJsonDocument(QJsonObject{{QStringLiteral("ok"), false},
                                           {QStringLiteral("error"),
                                            QJsonObject{{QStringLiteral("code"), errorCodeId(error.code)},
                                                        {QStringLiteral("message"), message}}}})
                     .toJson(QJsonDocument::Indented);
        m_out.flush();
    }
    m_err << programName() << ": " << message << '\n';
    // For support: the technical detail (an SQLite result code, never personal data) on request.
    if (!error.detail.isEmpty() && qEnvironmentVariableIsSet("COUNTERPART_DEBUG"))
        m_err << programName() << ": (" << error.detail << ")\n";
    m_err.flush();
    return ExitRefused;
}

int Console::failMessage(const QString &message, ErrorCode code)
{
    return fail(makeError(code, message));
}

int Console::printJson(QJsonObject object)
{
    if (!object.contains(QStringLiteral("ok")))
        object.insert(QStringLiteral("ok"), true);
    m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    m_out.flush();
    return ExitOk;
}

void Console::line(const QString &text)
{
    m_out << text << '\n';
}

void Console::flush()
{
    m_out.flush();
}

void Console::keyValues(const QList<std::pair<QString, QString>> &rows)
{
    int width = 0;
    for (const auto &row : rows)
        width = qMax(width, displayWidth(row.first));
    for (const auto &row : rows)
        m_out << "  " << pad(row.first, width + 2) << oneLine(row.second) << '\n';
}

void Console::table(const QStringList &header, const QList<QStringList> &rows, const QList<int> &rightAligned)
{
    QList<int> widths(header.size(), 0);
    for (int c = 0; c < header.size(); ++c)
        widths[c] = displayWidth(header[c]);
    for (const QStringList &row : rows) {
        for (int c = 0; c < header.size() && c < row.size(); ++c)
            widths[c] = qMax(widths[c], displayWidth(oneLine(row[c])));
    }
    auto print = [&](const QStringList &cells) {
        QString text;
        for (int c = 0; c < header.size(); ++c) {
            const QString cell = c < cells.size() ? oneLine(cells[c]) : QString();
            const bool last = c == header.size() - 1;
            text += last && !rightAligned.contains(c) ? cell : pad(cell, widths[c], rightAligned.contains(c));
            if (!last)
                text += QStringLiteral("  ");
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        m_out << text << '\n';
    };
    print(header);
    for (const QStringList &row : rows)
        print(row);
}

void Console::progress(const QString &what, int done, int total)
{
    if (!m_io.errIsTerminal || total <= 0)
        return;
    const int percent = int(qint64(done) * 100 / total);
    m_err << '\r' << what << ' ' << percent << "%  ";
    m_err.flush();
    m_progressShown = true;
}

void Console::endProgress()
{
    if (!m_progressShown)
        return;
    m_err << '\n';
    m_err.flush();
    m_progressShown = false;
}

QString Console::readSecret(const QString &prompt)
{
    QString text;
#ifdef Q_OS_UNIX
    if (m_io.inIsTerminal) {
        m_err << prompt;
        m_err.flush();
        termios saved{};
        const bool haveTerminal = tcgetattr(STDIN_FILENO, &saved) == 0;
        if (haveTerminal) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        text = QString::fromUtf8(m_io.in->readLine()).trimmed();
        if (haveTerminal)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        m_err << '\n';
        m_err.flush();
        return text;
    }
#else
    if (m_io.inIsTerminal) {
        m_err << prompt;
        m_err.flush();
    }
#endif
    if (m_io.in)
        text = QString::fromUtf8(m_io.in->readLine()).trimmed();
    return text;
}

int Console::refused(const QString &message)
{
    m_err << programName() << ": " << message << '\n';
    m_err.flush();
    return ExitRefused;
}

void Console::note(const QString &message, bool dataOnStdout)
{
    if (dataOnStdout) {
        m_err << message << '\n';
        m_err.flush();
    } else {
        line(message);
    }
}

Status Console::writeOut(const QString &path, const std::function<Status(QIODevice &)> &write)
{
    if (path == QLatin1String("-")) {
        m_out.flush();
        return write(*m_io.out);
    }
    QSaveFile file(path);
    const auto cannotWrite = [&] {
        return makeError(ErrorCode::Storage,
                         tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    };
    if (!file.open(QIODevice::WriteOnly))
        return cannotWrite();
    if (Status written = write(file); !written)
        return written;
    if (!file.commit())
        return cannotWrite();
    return {};
}

} // namespace counterpart::cli
