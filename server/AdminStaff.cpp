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
        const QJsonObject row = s.toJson(); // one spelling of a person, for the table and --json
        if (json)
            rows.append(row);
        else
            out << s.id << '\t' << s.name << '\t' << s.store << '\t' << s.role << '\t'
                << (s.active ? "yes" : "no") << '\t' << row.value(u"changedAt").toString() << Qt::endl;
    }
    if (json)
        out << QJsonDocument(QJsonObject{{QStringLiteral("staff"), rows}}).toJson(QJsonDocument::Indented);
    return 0;
}

// What the action changes: the options as given, the PIN read from --pin-file.
std::optional<StaffChange> changeFor(const QString &action, QHash<QString, QString> o, QTextStream &err)
{
    if (o.contains(QStringLiteral("pin"))) {
        err << "Give the PIN in a file (--pin-file, or --pin-file /dev/stdin for a pipe), not on the command "
               "line."
            << Qt::endl;
        return std::nullopt;
    }
    if (o.contains(QStringLiteral("pin-file"))) {
        const std::optional<QString> pin = readPin(o.take(QStringLiteral("pin-file")), err);
        if (!pin)
            return std::nullopt;
        o.insert(QStringLiteral("pin"), *pin);
    }
    auto change = StaffChange::forAction(action, o);
    if (!change) {
        err << change.error().message << Qt::endl;
        return std::nullopt;
    }
    return change.value();
}

QString utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

QJsonObject activityJson(const ActivityRecord &r)
{
    return {{QStringLiteral("at"), utc(r.at)},
            {QStringLiteral("store"), r.store},
            {QStringLiteral("terminal"), r.terminal},
            {QStringLiteral("terminalNumber"), r.terminalNumber},
            {QStringLiteral("till"), r.terminalName},
            {QStringLiteral("staff"), r.staff},
            {QStringLiteral("op"), r.kind},
            {QStringLiteral("member"), r.member},
            {QStringLiteral("status"), r.status},
            {QStringLiteral("reason"), r.reason},
            {QStringLiteral("flags"), QJsonArray::fromStringList(r.flags)}};
}

// [--from, --to] as UTC days, both included; the last 7 days without them.
std::optional<ActivityQuery> activityQuery(const QHash<QString, QString> &o, QTextStream &err)
{
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QString fromText = o.value(QStringLiteral("from"));
    const QString toText = o.value(QStringLiteral("to"));
    const QDate from = fromText.isEmpty() ? today.addDays(-6) : QDate::fromString(fromText, Qt::ISODate);
    const QDate to = toText.isEmpty() ? today : QDate::fromString(toText, Qt::ISODate);
    bool limitOk = true;
    const int limit =
        o.contains(QStringLiteral("limit")) ? o.value(QStringLiteral("limit")).toInt(&limitOk) : 200;
    if (!from.isValid() || !to.isValid() || from > to || !limitOk || limit < 1 || limit > 10000) {
        err << "activity takes --from and --to as YYYY-MM-DD (from not after to) and --limit 1 to 10000"
            << Qt::endl;
        return std::nullopt;
    }
    ActivityQuery q;
    q.fromMs = from.startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    q.toMs = to.addDays(1).startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    q.store = o.value(QStringLiteral("store"));
    q.staff = o.value(QStringLiteral("staff"));
    q.member = o.value(QStringLiteral("member"));
    q.terminal = o.value(QStringLiteral("terminal"));
    q.limit = limit;
    return q;
}

} // namespace

int runActivity(ServerStore &store, const QHash<QString, QString> &o, bool json, QTextStream &out,
                QTextStream &err)
{
    const std::optional<ActivityQuery> q = activityQuery(o, err);
    if (!q)
        return 2;
    auto lines = store.activity(*q);
    if (!lines) {
        err << lines.error().message << Qt::endl;
        return 1;
    }
    if (json) {
        QJsonArray rows;
        for (const ActivityRecord &r : lines.value())
            rows.append(activityJson(r));
        out << QJsonDocument(QJsonObject{{QStringLiteral("activity"), rows}}).toJson(QJsonDocument::Indented);
        return 0;
    }
    out << "at (UTC)\tstore\ttill\tstaff\top\tmember\tstatus\treason or flags" << Qt::endl;
    for (const ActivityRecord &r : lines.value())
        out << utc(r.at) << '\t' << r.store << '\t' << r.terminalNumber << ' ' << logText(r.terminalName, 40)
            << '\t' << logText(r.staff, 32) << '\t' << r.kind << '\t' << r.member << '\t' << r.status << '\t'
            << (r.reason.isEmpty() ? r.flags.join(QLatin1Char(',')) : r.reason) << Qt::endl;
    return 0;
}

int runStaff(ServerStore &store, const QString &action, const QHash<QString, QString> &o, bool json,
             QTextStream &out, QTextStream &err)
{
    if (action == QLatin1String("list"))
        return list(store, o.value(QStringLiteral("store")), json, out, err);
    if (!o.contains(QStringLiteral("staff"))) {
        err << "staff " << action
            << " needs --staff ID (actions: add, change, move, deactivate, reactivate, list)" << Qt::endl;
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
