#include "server/Admin.h"

#include "core/LogText.h"
#include "server/AdminStaff.h"
#include "server/ServerStore.h"
#include "sync/protocol/Hlc.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
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

// One admin command as typed: its options, positional words and where it answers.
struct AdminCall {
    ServerStore &store;
    QString command;
    QHash<QString, QString> o;
    QStringList positional;
    bool run = false; // --run, --json and --head-office, the flags without a value
    bool json = false;
    bool headOffice = false;
    QTextStream &out;
    QTextStream &err;

    int fail(const Error &e) const
    {
        err << e.message << Qt::endl;
        if (!e.detail.isEmpty() && e.code != ErrorCode::Conflict)
            err << "  (" << e.detail << ")" << Qt::endl;
        return 1;
    }
    bool require(const QStringList &keys) const
    {
        for (const QString &k : keys) {
            if (o.value(k).isEmpty()) {
                err << command << " needs --" << k << Qt::endl;
                return false;
            }
        }
        return true;
    }
    QString value(const char *key) const { return o.value(QLatin1String(key)); }
};

// A listing: its header line (if any), then a line a record written by `line`.
template<typename T, typename Line>
int listing(const AdminCall &a, const Result<QList<T>> &records, const char *header, Line line)
{
    if (!records)
        return a.fail(records.error());
    if (header)
        a.out << header << Qt::endl;
    for (const T &r : records.value()) {
        line(r);
        a.out << Qt::endl;
    }
    return 0;
}

// What is wrong with a store's fields, in words for the administrator; empty when nothing is.
QString storeProblem(const sync::StoreInfo &s)
{
    if (!sync::isStoreId(s.id))
        return QStringLiteral("--id must be 1 to 32 letters, digits, '_' or '-'");
    if (s.region.size() != 2)
        return QStringLiteral("--region must be a two-letter region code such as CN");
    if (!QTimeZone(s.timeZone.toUtf8()).isValid())
        return QStringLiteral("--timezone %1 is not a time zone (e.g. Asia/Shanghai)").arg(s.timeZone);
    if (!sync::isCurrencyCode(s.currency))
        return QStringLiteral("--currency must be an ISO 4217 code such as CNY");
    return {};
}

int storeAdd(const AdminCall &a)
{
    if (!a.require({QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("region"),
                    QStringLiteral("timezone"), QStringLiteral("currency")}))
        return 2;
    const sync::StoreInfo s{a.value("id"), a.value("name"), a.value("region").toUpper(), a.value("timezone"),
                            a.value("currency").toUpper()};
    if (const QString problem = storeProblem(s); !problem.isEmpty()) {
        a.err << problem << Qt::endl;
        return 2;
    }
    if (Status st = a.store.addStore(s); !st)
        return a.fail(st.error());
    a.out << "store " << s.id << " saved" << Qt::endl;
    return 0;
}

int listStores(const AdminCall &a)
{
    return listing(a, a.store.stores(), nullptr, [&](const sync::StoreInfo &s) {
        a.out << s.id << '\t' << logText(s.name) << '\t' << s.region << '\t' << s.timeZone << '\t'
              << s.currency;
    });
}

int enrolCode(const AdminCall &a)
{
    if (!a.require({QStringLiteral("store")}))
        return 2;
    bool ok = true;
    const int hours = a.o.contains(QStringLiteral("valid-hours")) ? a.value("valid-hours").toInt(&ok) : 24;
    if (!ok) {
        a.err << "--valid-hours must be a number" << Qt::endl;
        return 2;
    }
    auto code = a.store.createEnrolCode(a.value("store"), hours, a.headOffice);
    if (!code)
        return a.fail(code.error());
    a.out << code.value() << Qt::endl;
    return 0;
}

int listTerminals(const AdminCall &a)
{
    return listing(a, a.store.terminals(), "id\tstore\tnumber\tstatus\tenrolled\tlast seen\tname",
                   [&](const TerminalRecord &t) {
                       a.out << t.id << '\t' << t.store << '\t' << t.number << '\t'
                             << (t.disabled ? "disabled" : "active") << (t.headOffice ? " (head office)" : "")
                             << '\t' << time(t.createdAt) << '\t'
                             << (t.lastSeenAt ? time(*t.lastSeenAt) : QStringLiteral("-")) << '\t'
                             << logText(t.name);
                   });
}

int disableTerminal(const AdminCall &a)
{
    if (a.positional.size() != 1) {
        a.err << a.command << " needs the terminal id" << Qt::endl;
        return 2;
    }
    const bool disable = a.command == QLatin1String("disable-terminal");
    if (Status st = a.store.setTerminalDisabled(a.positional.first(), disable); !st)
        return a.fail(st.error());
    a.out << "terminal " << a.positional.first() << (disable ? " disabled" : " enabled") << Qt::endl;
    return 0;
}

int rulesInstall(const AdminCall &a)
{
    if (a.positional.size() != 1) {
        a.err << "rules-install needs the rules file" << Qt::endl;
        return 2;
    }
    QFile f(a.positional.first());
    if (!f.open(QIODevice::ReadOnly)) {
        a.err << "Cannot read " << a.positional.first() << Qt::endl;
        return 1;
    }
    auto version = a.store.installRules(f.readAll());
    if (!version)
        return a.fail(version.error());
    a.out << "rules " << version.value() << " installed and active" << Qt::endl;
    return 0;
}

int expire(const AdminCall &a)
{
    auto outcome = a.store.expire();
    if (!outcome)
        return a.fail(outcome.error());
    a.out << "expired " << outcome->points << " points of " << outcome->members << " members" << Qt::endl;
    return 0;
}

int evaluateTiers(const AdminCall &a)
{
    auto outcome = a.store.evaluateTiers();
    if (!outcome)
        return a.fail(outcome.error());
    a.out << "evaluated " << outcome->evaluated << " members: " << outcome->upgraded << " up, "
          << outcome->downgraded << " down" << Qt::endl;
    return 0;
}

int listFlags(const AdminCall &a)
{
    return listing(a, a.store.flags(), "at\tkind\tmember\tbalance\tterminal\top", [&](const FlagRecord &f) {
        a.out << time(f.at) << '\t' << logText(f.kind) << '\t' << f.member << '\t' << f.balance << '\t'
              << f.terminal << '\t' << f.opId;
    });
}

// A member's personal data erased at head office, at their request.
int eraseMember(const AdminCall &a)
{
    if (a.positional.size() != 1) {
        a.err << "erase-member needs the member's id, member code or phone number (+8613912345678)"
              << Qt::endl;
        return 2;
    }
    auto erased = a.store.eraseMember(a.positional.first());
    if (!erased)
        return a.fail(erased.error());
    if (erased->already) {
        a.out << "member " << erased->id << " was erased before; nothing changed" << Qt::endl;
        return 0;
    }
    a.out << "erased the personal data of member " << erased->id << "; every till erases it at its next sync";
    if (erased->balance != 0)
        a.out << "; " << erased->balance << " points stay on the anonymised record";
    a.out << Qt::endl;
    return 0;
}

// The chain's data keys (never the keys themselves), or a new one that seals from now on.
int chainKeys(const AdminCall &a)
{
    if (a.command == QLatin1String("rotate-keys")) {
        auto kid = a.store.rotateChainKeys(QStringLiteral("rotate"));
        if (!kid)
            return a.fail(kid.error());
        a.out << "chain key " << kid.value()
              << " made: tills seal with it once they sync; they keep the older keys to read what was "
                 "sealed before"
              << Qt::endl;
        return 0;
    }
    return listing(a, a.store.chainKeys(), "key\tmade\treason", [&](const ChainKeyRecord &k) {
        a.out << k.kid << '\t' << time(k.createdAt) << '\t' << logText(k.reason);
    });
}

int stampsAhead(const AdminCall &a)
{
    const bool repair = a.command == QLatin1String("repair-stamps");
    auto list = a.store.stampsAhead(repair);
    if (!list)
        return a.fail(list.error());
    a.out << "member\tfield\tstamp\t" << (repair ? "repaired to" : "would become") << Qt::endl;
    QSet<QString> members;
    for (const auto &s : list.value()) {
        a.out << s.member << '\t' << logText(s.field) << '\t' << logText(s.stamp) << '\t'
              << logText(s.repairedTo) << Qt::endl;
        members.insert(s.member);
    }
    a.out << (repair ? "repaired " : "found ") << list->size() << " stamps of " << members.size()
          << " members more than " << sync::Hlc::MaxAheadMs / 60'000 << " minutes ahead of the server's clock"
          << Qt::endl;
    return 0;
}

int jobs(const AdminCall &a)
{
    return runJobs(a.store, a.run, a.out, a.err);
}

// `stats [--store S] [--date D | --from D --to D] [--json]`: each store's figures for its own local days,
// then the chain's (server/Figures.cpp). Without dates: yesterday, the last whole day.
int stats(const AdminCall &a)
{
    const bool hasDate = !a.value("date").isEmpty();
    const QString fromText = hasDate ? a.value("date") : a.value("from");
    const QString toText = hasDate ? a.value("date") : a.value("to");
    if ((hasDate && (!a.value("from").isEmpty() || !a.value("to").isEmpty())) ||
        fromText.isEmpty() != toText.isEmpty()) {
        a.err << "stats takes --date YYYY-MM-DD, or --from and --to together" << Qt::endl;
        return 2;
    }
    const QDate yesterday = QDate::currentDate().addDays(-1);
    const QDate from = fromText.isEmpty() ? yesterday : QDate::fromString(fromText, Qt::ISODate);
    const QDate to = toText.isEmpty() ? yesterday : QDate::fromString(toText, Qt::ISODate);
    if (!from.isValid() || !to.isValid()) {
        a.err << "write days as YYYY-MM-DD" << Qt::endl;
        return 2;
    }
    auto figures = a.store.figures(a.value("store"), from, to);
    if (!figures)
        return a.fail(figures.error());
    if (a.json) {
        QJsonArray rows;
        for (const StoreFigures &f : figures.value())
            rows.append(f.toJson());
        a.out << QJsonDocument(QJsonObject{{QStringLiteral("from"), from.toString(Qt::ISODate)},
                                           {QStringLiteral("to"), to.toString(Qt::ISODate)},
                                           {QStringLiteral("stores"), rows}})
                     .toJson(QJsonDocument::Indented);
        return 0;
    }
    a.out
        << "store\tnew members\tvisits\tvisiting members\tsales (minor, net)\trefunded (minor)\tpoints issued"
           "\tpoints redeemed\tpoints expired\tpoints adjusted\tactive members now\toutstanding points now"
        << Qt::endl;
    for (const StoreFigures &f : figures.value())
        a.out << (f.store.isEmpty() ? QStringLiteral("(chain)") : f.store) << '\t' << f.newMembers << '\t'
              << f.visits << '\t' << f.visitingMembers << '\t' << f.salesMinor << '\t' << f.refundedMinor
              << '\t' << f.pointsIssued << '\t' << f.pointsRedeemed << '\t' << f.pointsExpired << '\t'
              << f.pointsAdjusted << '\t' << f.activeMembers << '\t' << f.outstandingPoints << Qt::endl;
    return 0;
}

int managers(const AdminCall &a)
{
    return runManagers(a.store, a.positional.value(0), a.o, a.out, a.err);
}

int staff(const AdminCall &a)
{
    return runStaff(a.store, a.positional.value(0), a.o, a.json, a.out, a.err);
}

int activity(const AdminCall &a)
{
    return runActivity(a.store, a.o, a.json, a.out, a.err);
}

struct AdminCommand {
    const char *name;
    int (*run)(const AdminCall &);
};

constexpr AdminCommand Commands[] = {
    {"store-add", storeAdd},
    {"stores", listStores},
    {"enrol-code", enrolCode},
    {"terminals", listTerminals},
    {"disable-terminal", disableTerminal},
    {"enable-terminal", disableTerminal},
    {"rules-install", rulesInstall},
    {"expire", expire},
    {"evaluate-tiers", evaluateTiers},
    {"jobs", jobs},
    {"managers", managers},
    {"staff", staff},
    {"activity", activity},
    {"stats", stats},
    {"flags", listFlags},
    {"keys", chainKeys},
    {"erase-member", eraseMember},
    {"rotate-keys", chainKeys},
    {"stamps-ahead", stampsAhead},
    {"repair-stamps", stampsAhead},
};

} // namespace

int runAdmin(ServerStore &store, const QStringList &words, QTextStream &out, QTextStream &err)
{
    AdminCall call{store, words.value(0), {}, {}, false, false, false, out, err};
    QStringList rest = words.mid(1);
    call.run = rest.removeAll(QStringLiteral("--run")) > 0;
    call.json = rest.removeAll(QStringLiteral("--json")) > 0;
    call.headOffice = rest.removeAll(QStringLiteral("--head-office")) > 0;
    QString problem;
    if (!parseOptions(rest, call.o, call.positional, problem)) {
        err << problem << Qt::endl;
        return 2;
    }
    for (const AdminCommand &c : Commands) {
        if (call.command == QLatin1String(c.name))
            return c.run(call);
    }
    err << "Unknown admin command " << call.command
        << ". Commands: store-add, stores, enrol-code, terminals, "
        << "disable-terminal, enable-terminal, managers, staff, activity, rules-install, expire, "
           "evaluate-tiers, jobs "
           "[--run], stats, "
        << "flags, keys, rotate-keys, erase-member, "
        << "stamps-ahead, repair-stamps." << Qt::endl;
    return 2;
}

} // namespace counterpart::server
