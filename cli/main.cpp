// counterpart-admin: everything is in the counterpart_cli library, so tests can drive it too.

#include "cli/CliApp.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <unistd.h>
#endif

namespace {

bool isTerminal(FILE *stream)
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stream)) != 0;
#else
    return isatty(fileno(stream)) != 0;
#endif
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("counterpart-admin"));
    QCoreApplication::setOrganizationName(QStringLiteral("Counterpart"));
#ifdef Q_OS_WIN
    // Chinese names on the Windows console.
    SetConsoleOutputCP(CP_UTF8);
#endif

    QFile out;
    QFile err;
    QFile in;
    if (!out.open(stdout, QIODevice::WriteOnly, QFileDevice::DontCloseHandle) ||
        !err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered, QFileDevice::DontCloseHandle) ||
        !in.open(stdin, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return 1;

    counterpart::cli::CliApp::Io io;
    io.out = &out;
    io.err = &err;
    io.in = &in;
    io.errIsTerminal = isTerminal(stderr);
    io.inIsTerminal = isTerminal(stdin);
    counterpart::cli::CliApp cli(io);
    const int code = cli.run(QCoreApplication::arguments());
    out.flush();
    return code;
}
