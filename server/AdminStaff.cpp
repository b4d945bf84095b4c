#include "server/AdminStaff.h"

#include "core/LogText.h"
#include "server/ServerStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

namespace counterpart::server {

namespace {

// The PIN from a file (`/dev/stdin` for a pipe), so it never shows in the process list or shell history.
std::optional<QString> readPin(const QString &path, QTextStream &err)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        err << "Cannot read the PIN from " << path << ": " << f.errorString() << Qt::endl;
        return std::nullopt;
    }
    return QString::fromUtf8(f.readLine(64)).trimmed();
}

std::optional<QString> option(const QHash<QString, QString> &o, const char *key)
{
    const QString k = QString::fromLatin1(key);
    return o.contains(k) ? std::optional(o.value(k)) : std::nullopt;
}

int list(ServerStore &store, const QString &storeId, bool json, QTextStream &out, QTextStream &err)
{
    auto people = store.staff(storeId);
    if (!people) {
        err << people.error().message << Qt::endl;
        return 1;
    }
    QJsonArray rows;
    if (!json)
        out << "staff\tname\tstore\trole\tactive\tchanged" << Qt::endl;
    for (const StaffRecord &s : people.value()) {
        const QString changed =
            QDateTime::fromMSecsSinceEpoch(s.changedAt, QTimeZone::utc()).toString(Qt::ISODate);
        if (json)
            rows.append(QJsonObject{{QStringLiteral("staff"), s.id},
                                    {QStringLiteral("name"), s.name},
                                    {QStringLiteral("store"), s.store},
                                    {QStringLiteral("role"), s.role},
                                    {QStringLiteral("active"), s.active},
                                    {QStringLiteral("changedAt"), changed}});
        else
            out << s.id << '\t' << s.name << '\t' << s.store << '\t' << s.role << '\t'
                << (s.active ? "yes" : "no") << '\t' << changed << Qt::endl;
    }
    if (json)
        out << QJsonDocument(QJsonObject{{QStringLiteral("staff"), rows}}).toJson(QJsonDocument::Indented);
    return 0;
}

// What each action may change, from the options given.
std::optional<StaffChange> changeFor(const QString &action, const QHash<QString, QString> &o,
                                     QTextStream &err)
{
    StaffChange c;
    c.id = o.value(QStringLiteral("staff"));
    if (action == QLatin1String("deactivate") || action == QLatin1String("reactivate"))
        c.active = action == QLatin1String("reactivate");
    if (action == QLatin1String("move") && !o.contains(QStringLiteral("store"))) {
        err << "staff move needs --staff and --store (the store they move to)" << Qt::endl;
        return std::nullopt;
    }
    if (action != QLatin1String("deactivate")) {
        c.name = option(o, "name");
        c.store = option(o, "store");
        c.role = option(o, "role");
    }
    if (o.contains(QStringLiteral("pin-file"))) {
        c.pin = readPin(o.value(QStringLiteral("pin-file")), err);
        if (!c.pin)
            return std::nullopt;
    }
    return c;
}

} // namespace

int runStaff(ServerStore &store, const QString &action, const QHash<QString, QString> &o, bool json,
             QTextStream &out, QTextStream &err)
{
    if (action == QLatin1String("list"))
        return list(store, o.value(QStringLiteral("store")), json, out, err);
    static const QStringList actions{QStringLiteral("add"), QStringLiteral("change"), QStringLiteral("move"),
                                     QStringLiteral("deactivate"), QStringLiteral("reactivate")};
    if (!actions.contains(action)) {
        err << "staff needs add, change, move, deactivate, reactivate or list" << Qt::endl;
        return 2;
    }
    if (!o.contains(QStringLiteral("staff"))) {
        err << "staff " << action << " needs --staff ID" << Qt::endl;
        return 2;
    }
    const std::optional<StaffChange> change = changeFor(action, o, err);
    if (!change)
        return 2;
    if (Status s = store.setStaff(*change, action == QLatin1String("add")); !s) {
        err << s.error().message << Qt::endl;
        return 1;
    }
    out << "staff " << logText(change->id) << ": " << action
        << " done; the store's tills take it at their next sync" << Qt::endl;
    return 0;
}

} // namespace counterpart::server
