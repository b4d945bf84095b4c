#include "server/SnapshotFileInfo.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace counterpart::server {

namespace {

QString metaPath(const QString &dir, const QString &store)
{
    return QDir(dir).filePath(store + QStringLiteral(".json"));
}

Error broken(const QString &why)
{
    return makeError(ErrorCode::Storage, QStringLiteral("The store's snapshot file is not usable."),
                     QStringLiteral("snapshot file: ") + why);
}

} // namespace

QString SnapshotFileInfo::path(const QString &dir) const
{
    return QDir(dir).filePath(file);
}

Result<std::optional<SnapshotFileInfo>> SnapshotFileInfo::read(const QString &dir, const QString &store)
{
    if (dir.isEmpty())
        return std::optional<SnapshotFileInfo>();
    QFile f(metaPath(dir, store));
    if (!f.exists())
        return std::optional<SnapshotFileInfo>();
    if (!f.open(QIODevice::ReadOnly))
        return broken(QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString()));
    const QJsonObject o = QJsonDocument::fromJson(f.read(64 * 1024)).object();
    SnapshotFileInfo info;
    info.store = o.value(QStringLiteral("store")).toString();
    info.file = o.value(QStringLiteral("file")).toString();
    info.cursor = o.value(QStringLiteral("cursor")).toInteger(-1);
    info.sha256 = o.value(QStringLiteral("sha256")).toString();
    info.bytes = o.value(QStringLiteral("bytes")).toInteger(-1);
    info.schema = o.value(QStringLiteral("schema")).toInt();
    info.members = o.value(QStringLiteral("members")).toInteger();
    info.builtAt = o.value(QStringLiteral("builtAt")).toInteger();
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_-]{1,32}-[0-9]{1,19}\\.db$"));
    if (info.store != store || !name.match(info.file).hasMatch() || info.cursor < 0 ||
        !hex.match(info.sha256).hasMatch() || info.bytes <= 0)
        return broken(QStringLiteral("%1 is malformed").arg(f.fileName()));
    const QFileInfo data(info.path(dir));
    if (!data.isFile() || data.size() != info.bytes)
        return broken(QStringLiteral("%1 is missing or not %2 bytes").arg(data.filePath()).arg(info.bytes));
    return std::optional<SnapshotFileInfo>(info);
}

Status SnapshotFileInfo::write(const QString &dir) const
{
    const QJsonObject o{{QStringLiteral("store"), store},     {QStringLiteral("file"), file},
                        {QStringLiteral("cursor"), cursor},   {QStringLiteral("sha256"), sha256},
                        {QStringLiteral("bytes"), bytes},     {QStringLiteral("schema"), schema},
                        {QStringLiteral("members"), members}, {QStringLiteral("builtAt"), builtAt}};
    QSaveFile f(metaPath(dir, store));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit())
        return makeError(ErrorCode::Storage, QStringLiteral("Cannot write the snapshot file's description."),
                         f.fileName() + QStringLiteral(": ") + f.errorString());
    return {};
}

} // namespace counterpart::server
