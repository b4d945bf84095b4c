#include "tests/support/TestSupport.h"

#include <QFile>

namespace counterpart::test {

QDateTime utc(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    return t.toUTC();
}

QDateTime local(const QString &iso, const QByteArray &zone)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone(zone));
    return t;
}

qint64 utcMs(const QString &iso)
{
    return utc(iso).toMSecsSinceEpoch();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("<unreadable>");
    return f.readAll();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

TempDir::TempDir()
{
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("COUNTERPART_KEEP_TEST_FILES"));
}

} // namespace counterpart::test
