#include "cli/Command.h"

namespace counterpart::cli {

QString Command::memberValueName()
{
    return tr("ID|CODE|PHONE");
}

QCommandLineOption Command::memberOption()
{
    return valueOption(QStringLiteral("member"),
                       tr("The member: phone number, member code, card payload or member id."),
                       memberValueName());
}

QCommandLineOption valueOption(const QString &name, const QString &description, const QString &valueName)
{
    return QCommandLineOption(name, description, valueName);
}

QCommandLineOption flagOption(const QString &name, const QString &description)
{
    return QCommandLineOption(name, description);
}

} // namespace counterpart::cli
