#pragma once

#include <QDateTime>
#include <QString>
#include <QTemporaryDir>
#include <QTimeZone>

namespace counterpart::test {

// A UTC instant from "2026-03-08T10:00:00Z"-style text.
QDateTime utc(const QString &iso);
// A local instant in `zone` ("Asia/Shanghai") from "2026-03-08T10:00:00".
QDateTime local(const QString &iso, const QByteArray &zone = QByteArrayLiteral("Asia/Shanghai"));
qint64 utcMs(const QString &iso);

// A file's bytes, or "<unreadable>" (so a comparison fails with a readable message).
QByteArray readAll(const QString &path);
// Replaces a file's bytes; false when it could not be written whole.
bool writeAll(const QString &path, const QByteArray &data);

// A fresh temporary folder for a test's database files, removed afterwards (kept on failure when
// COUNTERPART_KEEP_TEST_FILES is set).
class TempDir
{
public:
    TempDir();
    QString path() const { return m_dir.path(); }
    QString file(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

} // namespace counterpart::test
