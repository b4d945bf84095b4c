#include "tests/support/TestSupport.h"

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

TempDir::TempDir()
{
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("COUNTERPART_KEEP_TEST_FILES"));
}

} // namespace counterpart::test
