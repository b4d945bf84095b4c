#pragma once

// Runs the real counterpart-admin executable (COUNTERPART_ADMIN, set by tests/cli/CMakeLists.txt) as a
// technician or a script would, for the suites in tests/cli.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace counterpart::test {

struct AdminRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    QString outText() const { return QString::fromUtf8(out); }
    QString errText() const { return QString::fromUtf8(err); }
};

// counterpart-admin `arguments` in `workDir`, with the key file `keyFile`, no database from the
// environment, and `input` on standard input.
inline AdminRun runAdmin(const QStringList &arguments, const QString &workDir, const QString &keyFile,
                         const QByteArray &input = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("COUNTERPART_KEY_FILE"), keyFile);
    env.remove(QStringLiteral("COUNTERPART_DB"));
    env.remove(QStringLiteral("COUNTERPART_DEBUG"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(workDir);
    process.start(QStringLiteral(COUNTERPART_ADMIN), arguments);
    if (!process.waitForStarted(10'000))
        qFatal("counterpart-admin did not start");
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120'000))
        qFatal("counterpart-admin did not finish");
    AdminRun r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

} // namespace counterpart::test
