#include "server/Admin.h"

#include "core/LogText.h"
#include "server/ServerStore.h"
#include "sync/protocol/Hlc.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTimeZone>

namespace counterpart::server {

namespace {

// "--id S001 --name N" -> {id: S001, name: N}; positional words in `positional`.
bool parseOptions(const QStringList &words, QHash<QString, QString> &options, QStringList &positional,
                  QString &problem)
{
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &w = words.at(i);
        if (!w.startsWith(QLatin1String("--"))) {
            positional << w;
            continue;
        }
        if (i + 1 >= words.size()) {
            problem = QStringLiteral("%1 needs a value").arg(w);
            return false;
        }
        options.insert(w.mid(2), words.at(++i));
    }
    return true;
}

QString time(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

// `jobs`: each job's last run and next due time; `jobs --run`: runs what is due (the timer's command).
int runJobs(ServerStore &store, bool run, QTextStream &out, QTextStream &err)
{
    if (run) {
        auto reports = store.runDueJobs();
        if (!reports) {
            err << reports.error().message << Qt::endl;
            return 1;
        }
        bool ok = true;
        for (const ServerJobReport &r : reports.value()) {
            out << jobId(r.job) << ' ' << r.period << ": "
                << (!r.ran ? "skipped, "
                    : r.ok ? "done, "
                           : "FAILED, ")
                << r.detail << Qt::endl;
            ok = ok && r.ok;
        }
        if (reports->isEmpty())
            out << "nothing due" << Qt::endl;
        return ok ? 0 : 1;
    }
    auto statuses = store.jobStatus();
    if (!statuses) {
        err << statuses.error().message << Qt::endl;
        return 1;
    }
    out << "job\tlast period\tlast outcome\tlast finished\tdue period\tnext due\tdetail" << Qt::endl;
    for (const ServerJobStatus &s : statuses.value()) {
        const bool has = s.last.has_value();
        out << jobId(s.job) << '\t' << (has ? s.last->period : QStringLiteral("-")) << '\t'
            << (has ? s.last->outcome : QStringLiteral("never run")) << '\t'
            << (has && s.last->finishedAt ? time(*s.last->finishedAt) : QStringLiteral("-")) << '\t'
            << s.due.key << (s.done ? " (done)" : " (due now)") << '\t' << time(s.nextDueMs) << '\t'
            << (has ? s.last->detail : QString()) << Qt::endl;
    }
    return 0;
}

// `managers add|remove --store S --staff ID`, `managers list [--store S]`.
int runManagers(ServerStore &store, const QString &action, const QHash<QString, QString> &o, QTextStream &out,
                QTextStream &err)
{
    const QString storeId = o.value(QStringLiteral("store"));
    const QString staff = o.value(QStringLiteral("staff"));
    if (action == QLatin1String("list")) {
        auto list = store.managers(storeId);
        if (!list) {
            err << list.error().message << Qt::endl;
            return 1;
        }
        out << "store\tstaff\tadded" << Qt::endl;
        for (const ManagerRecord &m : list.value())
            out << m.store << '\t' << logText(m.staff) << '\t' << time(m.addedAt) << Qt::endl;
        return 0;
    }
    if (action != QLatin1String("add") && action != QLatin1String("remove")) {
        err << "managers needs add, remove or list" << Qt::endl;
        return 2;
    }
    if (storeId.isEmpty() || staff.isEmpty()) {
        err << "managers " << action << " needs --store and --staff" << Qt::endl;
        return 2;
    }
    const bool add = action == QLatin1String("add");
    if (Status s = store.setManager(storeId, staff, add); !s) {
        err << s.error().message << Qt::endl;
        return 1;
    }
    out << "manager " << logText(staff) << (add ? " added to" : " removed from") << " store " << storeId
        << Qt::endl;
    return 0;
}

} // namespace

int runAdmin(ServerStore &store, const QStringList &words, QTextStream &out, QTextStream &err)
{
    const QString command = words.value(0);
    QHash<QString, QString> o;
    QStringList positional;
    QString problem;
    QStringList rest = words.mid(1);
    const bool run = rest.removeAll(QStringLiteral("--run")) > 0; // the one flag without a value
    if (!parseOptions(rest, o, positional, problem)) {
        err << problem << Qt::endl;
        return 2;
    }
    auto fail = [&](const Error &e) {
        err << e.message << Qt::endl;
        if (!e.detail.isEmpty() && e.code != ErrorCode::Conflict)
            err << "  (" << e.detail << ")" << Qt::endl;
        return 1;
    };
    auto require = [&](const QStringList &keys) {
        for (const QString &k : keys) {
            if (o.value(k).isEmpty()) {
                err << command << " needs --" << k << Qt::endl;
                return false;
            }
        }
        return true;
    };

    if (command == QLatin1String("store-add")) {
        if (!require({QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("region"),
                      QStringLiteral("timezone"), QStringLiteral("currency")}))
            return 2;
        sync::StoreInfo s{o.value(QStringLiteral("id")), o.value(QStringLiteral("name")),
                          o.value(QStringLiteral("region")).toUpper(), o.value(QStringLiteral("timezone")),
                          o.value(QStringLiteral("currency")).toUpper()};
        if (!sync::isStoreId(s.id)) {
            err << "--id must be 1 to 32 letters, digits, '_' or '-'" << Qt::endl;
            return 2;
        }
        if (s.region.size() != 2) {
            err << "--region must be a two-letter region code such as CN" << Qt::endl;
            return 2;
        }
        if (!QTimeZone(s.timeZone.toUtf8()).isValid()) {
            err << "--timezone " << s.timeZone << " is not a time zone (e.g. Asia/Shanghai)" << Qt::endl;
            return 2;
        }
        if (!sync::isCurrencyCode(s.currency)) {
            err << "--currency must be an ISO 4217 code such as CNY" << Qt::endl;
            return 2;
        }
        if (Status st = store.addStore(s); !st)
            return fail(st.error());
        out << "store " << s.id << " saved" << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("stores")) {
        auto stores = store.stores();
        if (!stores)
            return fail(stores.error());
        for (const auto &s : stores.value())
            out << s.id << '\t' << logText(s.name) << '\t' << s.region << '\t' << s.timeZone << '\t'
                << s.currency << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("enrol-code")) {
        if (!require({QStringLiteral("store")}))
            return 2;
        bool ok = true;
        const int hours = o.contains(QStringLiteral("valid-hours"))
                              ? o.value(QStringLiteral("valid-hours")).toInt(&ok)
                              : 24;
        if (!ok) {
            err << "--valid-hours must be a number" << Qt::endl;
            return 2;
        }
        auto code = store.createEnrolCode(o.value(QStringLiteral("store")), hours);
        if (!code)
            return fail(code.error());
        out << code.value() << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("terminals")) {
        auto list = store.terminals();
        if (!list)
            return fail(list.error());
        out << "id\tstore\tnumber\tstatus\tenrolled\tlast seen\tname" << Qt::endl;
        for (const auto &t : list.value()) {
            out << t.id << '\t' << t.store << '\t' << t.number << '\t' << (t.disabled ? "disabled" : "active")
                << '\t' << time(t.createdAt) << '\t'
                << (t.lastSeenAt ? time(*t.lastSeenAt) : QStringLiteral("-")) << '\t' << logText(t.name)
                << Qt::endl;
        }
        return 0;
    }
    if (command == QLatin1String("disable-terminal") || command == QLatin1String("enable-terminal")) {
        if (positional.size() != 1) {
            err << command << " needs the terminal id" << Qt::endl;
            return 2;
        }
        const bool disable = command == QLatin1String("disable-terminal");
        if (Status st = store.setTerminalDisabled(positional.first(), disable); !st)
            return fail(st.error());
        out << "terminal " << positional.first() << (disable ? " disabled" : " enabled") << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("rules-install")) {
        if (positional.size() != 1) {
            err << "rules-install needs the rules file" << Qt::endl;
            return 2;
        }
        QFile f(positional.first());
        if (!f.open(QIODevice::ReadOnly)) {
            err << "Cannot read " << positional.first() << Qt::endl;
            return 1;
        }
        auto version = store.installRules(f.readAll());
        if (!version)
            return fail(version.error());
        out << "rules " << version.value() << " installed and active" << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("expire")) {
        auto outcome = store.expire();
        if (!outcome)
            return fail(outcome.error());
        out << "expired " << outcome->points << " points of " << outcome->members << " members" << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("evaluate-tiers")) {
        auto outcome = store.evaluateTiers();
        if (!outcome)
            return fail(outcome.error());
        out << "evaluated " << outcome->evaluated << " members: " << outcome->upgraded << " up, "
            << outcome->downgraded << " down" << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("jobs"))
        return runJobs(store, run, out, err);
    if (command == QLatin1String("managers"))
        return runManagers(store, positional.value(0), o, out, err);
    if (command == QLatin1String("flags")) {
        auto list = store.flags();
        if (!list)
            return fail(list.error());
        out << "at\tkind\tmember\tbalance\tterminal\top" << Qt::endl;
        for (const auto &f : list.value())
            out << time(f.at) << '\t' << logText(f.kind) << '\t' << f.member << '\t' << f.balance << '\t'
                << f.terminal << '\t' << f.opId << Qt::endl;
        return 0;
    }
    if (command == QLatin1String("stamps-ahead") || command == QLatin1String("repair-stamps")) {
        const bool repair = command == QLatin1String("repair-stamps");
        auto list = store.stampsAhead(repair);
        if (!list)
            return fail(list.error());
        out << "member\tfield\tstamp\t" << (repair ? "repaired to" : "would become") << Qt::endl;
        QSet<QString> members;
        for (const auto &a : list.value()) {
            out << a.member << '\t' << logText(a.field) << '\t' << logText(a.stamp) << '\t'
                << logText(a.repairedTo) << Qt::endl;
            members.insert(a.member);
        }
        out << (repair ? "repaired " : "found ") << list->size() << " stamps of " << members.size()
            << " members more than " << sync::Hlc::MaxAheadMs / 60'000
            << " minutes ahead of the server's clock" << Qt::endl;
        return 0;
    }
    err << "Unknown admin command " << command << ". Commands: store-add, stores, enrol-code, terminals, "
        << "disable-terminal, enable-terminal, managers, rules-install, expire, evaluate-tiers, jobs "
           "[--run], "
        << "flags, "
        << "stamps-ahead, repair-stamps." << Qt::endl;
    return 2;
}

} // namespace counterpart::server
