#include "server/Api.h"

#include "server/Log.h"
#include "server/ServerStore.h"
#include "server/SnapshotFileInfo.h"
#include "server/Throttle.h"
#include "sync/protocol/Signing.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrlQuery>

namespace counterpart::server {

using namespace counterpart::sync;

namespace {

const QString Version = QStringLiteral(COUNTERPART_VERSION);

ApiResponse json(int status, QByteArray body)
{
    ApiResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

// Strict query parsing: only the named keys, each at most once, decimal integers in range.
struct Query {
    QHash<QString, QString> values;
    QString problem;

    static Query parse(const QByteArray &query, const QStringList &allowed)
    {
        Query q;
        if (query.isEmpty())
            return q;
        for (const QByteArray &pair : query.split('&')) {
            const qsizetype eq = pair.indexOf('=');
            const QString key = QString::fromUtf8(QByteArray::fromPercentEncoding(pair.left(eq)));
            const QString value =
                eq < 0 ? QString() : QString::fromUtf8(QByteArray::fromPercentEncoding(pair.mid(eq + 1)));
            if (!allowed.contains(key)) {
                q.problem = QStringLiteral("unknown query parameter %1").arg(key.left(32));
                return q;
            }
            if (q.values.contains(key)) {
                q.problem = QStringLiteral("query parameter %1 is given twice").arg(key);
                return q;
            }
            q.values.insert(key, value);
        }
        return q;
    }

    std::optional<qint64> integer(const QString &key, qint64 min, qint64 max, qint64 fallback)
    {
        if (!values.contains(key))
            return fallback;
        const QString text = values.value(key);
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        if (!ok || text.size() > 19 || n < min || n > max || text.startsWith(QLatin1Char('+'))) {
            problem = QStringLiteral("%1 must be an integer between %2 and %3").arg(key).arg(min).arg(max);
            return std::nullopt;
        }
        return n;
    }
};

} // namespace

Api::Api(ServerStore &store)
    : m_store(store)
{
    setEnrolLimits(10, 5);
}

Api::~Api() = default;

void Api::setEnrolLimits(int perAddressPerMinute, int perCodePerMinute)
{
    m_enrolByAddress = std::make_unique<Throttle>(perAddressPerMinute);
    m_enrolByCode = std::make_unique<Throttle>(perCodePerMinute);
}

ApiResponse Api::error(int status, const QString &code, const QString &message,
                       std::optional<qint64> serverTime)
{
    ErrorBody body{code, message, serverTime};
    return json(status, body.toJson());
}

ApiResponse Api::storageFailure(const Error &e, const char *what)
{
    qCWarning(lcServer).noquote() << what << "failed:" << logText(e.message, 500) << logText(e.detail, 500);
    return error(
        500, QStringLiteral("internal"),
        QStringLiteral("The server could not complete the request. It was not applied; try again later."));
}

std::variant<TerminalRecord, ApiResponse> Api::authenticate(const ApiRequest &request, const QByteArray &path)
{
    SignedHeaders h;
    h.terminal = request.headers.value("x-cp-terminal");
    h.timestamp = request.headers.value("x-cp-timestamp");
    h.nonce = request.headers.value("x-cp-nonce");
    h.signature = request.headers.value("x-cp-signature");
    const qint64 now = m_store.clock().nowMs();
    auto refuse = [&](const QString &code, const QString &message,
                      std::optional<qint64> serverTime = std::nullopt) {
        // The terminal id is logged only when it is a well-formed id: a hostile header is not echoed.
        const QString who = isUuidText(QString::fromLatin1(h.terminal))
                                ? QString::fromLatin1(h.terminal).toLower()
                                : QStringLiteral("(none)");
        qCWarning(lcServer).noquote() << "refused" << logText(request.method, 16) << logText(path, 80)
                                      << "terminal" << who << "reason" << code << "from" << request.peer;
        return error(code == QLatin1String("terminal_disabled") ? 403 : 401, code, message, serverTime);
    };
    if (h.terminal.isEmpty() || h.timestamp.isEmpty() || h.nonce.isEmpty() || h.signature.isEmpty())
        return refuse(QStringLiteral("unsigned"), QStringLiteral("The request is not signed."));
    if (!isUuidText(QString::fromLatin1(h.terminal)))
        return refuse(QStringLiteral("unknown_terminal"), QStringLiteral("This terminal is not enrolled."));
    auto terminal = m_store.terminal(QString::fromLatin1(h.terminal));
    if (!terminal)
        return storageFailure(terminal.error(), "looking up a terminal");
    if (!terminal->has_value())
        return refuse(QStringLiteral("unknown_terminal"), QStringLiteral("This terminal is not enrolled."));
    const TerminalRecord t = terminal->value();
    switch (verifyRequest(h, t.secret, request.method, request.target, request.body, now)) {
    case SignatureCheck::Ok:
        break;
    case SignatureCheck::Unsigned:
        return refuse(QStringLiteral("unsigned"), QStringLiteral("The request is not signed."));
    case SignatureCheck::Stale:
        return refuse(
            QStringLiteral("stale"),
            QStringLiteral("The request's time is too far from the server's. Sign with the server's time."),
            now);
    case SignatureCheck::BadSignature:
        return refuse(QStringLiteral("bad_signature"), QStringLiteral("The request's signature is wrong."));
    }
    if (t.disabled)
        return refuse(QStringLiteral("terminal_disabled"),
                      QStringLiteral("An administrator disabled this terminal. Ask head office."));
    auto fresh = m_store.rememberNonce(t.id, QString::fromLatin1(h.nonce).toLower());
    if (!fresh)
        return storageFailure(fresh.error(), "recording a nonce");
    if (!fresh.value())
        return refuse(QStringLiteral("replayed"), QStringLiteral("This request was already received."));
    return t;
}

ApiResponse Api::handle(const ApiRequest &request)
{
    const qsizetype q = request.target.indexOf('?');
    const QByteArray path = q < 0 ? request.target : request.target.left(q);
    const QByteArray query = q < 0 ? QByteArray() : request.target.mid(q + 1);
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";

    if (m_stopping.load())
        return error(503, QStringLiteral("busy"),
                     QStringLiteral("The server is shutting down. Try again shortly."));

    if (path == "/v1/health") {
        if (!get)
            return error(405, QStringLiteral("method_not_allowed"), QStringLiteral("Use GET."));
        return health();
    }
    if (path == "/v1/enrol") {
        if (!post)
            return error(405, QStringLiteral("method_not_allowed"), QStringLiteral("Use POST."));
        return enrol(request);
    }
    const bool signedPath = path == "/v1/push" || path == "/v1/changes" || path == "/v1/snapshot" ||
                            path == "/v1/snapshot/file" || path == "/v1/stats" || path == "/v1/staff" ||
                            path == "/v1/keys";
    if (!signedPath)
        return error(404, QStringLiteral("not_found"), QStringLiteral("There is no such path."));
    const bool methodAllowed = path == "/v1/staff" ? get || post : path == "/v1/push" ? post : get;
    if (!methodAllowed)
        return error(405, QStringLiteral("method_not_allowed"),
                     path == "/v1/staff"  ? QStringLiteral("Use GET or POST.")
                     : path == "/v1/push" ? QStringLiteral("Use POST.")
                                          : QStringLiteral("Use GET."));

    auto authenticated = authenticate(request, path);
    if (auto *refusal = std::get_if<ApiResponse>(&authenticated))
        return *refusal;
    const TerminalRecord &t = std::get<TerminalRecord>(authenticated);
    if (t.headOffice && path != "/v1/staff" && path != "/v1/stats")
        return error(
            403, QStringLiteral("head_office_client"),
            QStringLiteral("A head-office client does not sync: it manages staff (/v1/staff) and reads "
                           "figures (/v1/stats)."));
    if (path == "/v1/staff" && post)
        return manageStaff(request, t);
    if (path == "/v1/push")
        return push(request, t);
    if (path == "/v1/changes")
        return changes(query);
    if (path == "/v1/snapshot/file")
        return snapshotFile(t);
    if (path == "/v1/stats")
        return stats(query, t);
    if (path == "/v1/staff")
        return staff(query, t);
    if (path == "/v1/keys")
        return chainKeys(t);
    return snapshot(query);
}

// Head office adds, changes, moves and switches off a person (docs/sync-protocol.md, "Staff"): the body
// names the action and the fields, as `admin staff` takes them; the PIN travels inside TLS and is hashed
// at once. A till is refused: it is trusted for its own store's sync only.
ApiResponse Api::manageStaff(const ApiRequest &request, const TerminalRecord &t)
{
    if (!t.headOffice)
        return error(
            403, QStringLiteral("head_office_only"),
            QStringLiteral("Only a head-office client manages staff; a till takes its store's list."));
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return error(400, QStringLiteral("bad_request"), QStringLiteral("The body is a JSON object."));
    QHash<QString, QString> fields;
    const QJsonObject o = doc.object();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (!it.value().isString())
            return error(400, QStringLiteral("bad_request"),
                         QStringLiteral("%1 must be text").arg(it.key().left(32)));
        fields.insert(it.key(), it.value().toString());
    }
    const QString action = fields.take(QStringLiteral("action"));
    auto change = StaffChange::forAction(action, fields);
    const Status done =
        change ? m_store.setStaff(change.value(), action == QLatin1String("add")) : change.error();
    if (!done) {
        const ErrorCode code = done.error().code;
        if (code != ErrorCode::InvalidInput && code != ErrorCode::NotFound && code != ErrorCode::Conflict)
            return storageFailure(done.error(), "changing staff");
        return error(code == ErrorCode::NotFound   ? 404
                     : code == ErrorCode::Conflict ? 409
                                                   : 400,
                     code == ErrorCode::NotFound   ? QStringLiteral("not_found")
                     : code == ErrorCode::Conflict ? QStringLiteral("staff_id_taken")
                                                   : QStringLiteral("bad_request"),
                     done.error().message);
    }
    qCInfo(lcServer).noquote() << "head-office client" << t.id << "staff" << action;
    return json(200,
                QJsonDocument(QJsonObject{{QStringLiteral("done"), action}}).toJson(QJsonDocument::Compact));
}

// The staff of the signing till's store (docs/sync-protocol.md, "Staff"); only the version when the till
// already holds the list it names.
ApiResponse Api::staff(const QByteArray &query, const TerminalRecord &t)
{
    Query q = Query::parse(query, {t.headOffice ? QStringLiteral("store") : QStringLiteral("version")});
    if (!q.problem.isEmpty())
        return error(400, QStringLiteral("bad_request"), q.problem);
    if (t.headOffice) { // head office's view: the people of one store or all, without PIN hashes
        auto people = m_store.staff(q.values.value(QStringLiteral("store")));
        if (!people)
            return storageFailure(people.error(), "reading staff");
        QJsonArray list;
        for (const StaffRecord &s : people.value())
            list.append(s.toJson());
        return json(
            200, QJsonDocument(QJsonObject{{QStringLiteral("staff"), list}}).toJson(QJsonDocument::Compact));
    }
    auto roster = m_store.staffRoster(t.store, q.values.value(QStringLiteral("version")));
    if (!roster)
        return storageFailure(roster.error(), "reading the staff list");
    return json(200, roster->toJson());
}

// The chain's data keys, each wrapped with the signing till's own secret (docs/sync-protocol.md, "Chain
// keys"): any enrolled till opens the ID numbers and birth dates any till of the chain sealed.
ApiResponse Api::chainKeys(const TerminalRecord &t)
{
    auto keys = m_store.chainKeysFor(t);
    if (!keys)
        return storageFailure(keys.error(), "reading the chain keys");
    return json(200, keys->toJson());
}

// The figures of the signing till's own store for local days [from, to] (default: yesterday). A till is
// trusted for its store only: naming another store is refused.
ApiResponse Api::stats(const QByteArray &query, const TerminalRecord &t)
{
    Query q = Query::parse(query, {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("store")});
    if (!q.problem.isEmpty())
        return error(400, QStringLiteral("bad_request"), q.problem);
    const QString store = q.values.value(QStringLiteral("store"), t.headOffice ? QString() : t.store);
    if (store != t.store && !t.headOffice)
        return error(403, QStringLiteral("other_store"),
                     QStringLiteral("A till reads the figures of its own store only (%1).").arg(t.store));
    const QDate yesterday =
        QDateTime::fromMSecsSinceEpoch(m_store.clock().nowMs(), QTimeZone::utc()).date().addDays(-1);
    const QString fromText = q.values.value(QStringLiteral("from"));
    const QString toText = q.values.value(QStringLiteral("to"), fromText);
    const QDate from = fromText.isEmpty() ? yesterday : QDate::fromString(fromText, Qt::ISODate);
    const QDate to = toText.isEmpty() ? yesterday : QDate::fromString(toText, Qt::ISODate);
    if (!from.isValid() || !to.isValid() || from > to || from.daysTo(to) > 366)
        return error(400, QStringLiteral("bad_request"),
                     QStringLiteral(
                         "from and to are days written YYYY-MM-DD, from not after to, at most a year apart"));
    auto figures = m_store.figures(store, from, to);
    if (!figures && figures.error().code == ErrorCode::NotFound)
        return error(404, QStringLiteral("unknown_store"), figures.error().message);
    if (!figures)
        return storageFailure(figures.error(), "reading figures");
    QJsonObject body{{QStringLiteral("from"), from.toString(Qt::ISODate)},
                     {QStringLiteral("to"), to.toString(Qt::ISODate)}};
    if (t.headOffice) { // every store named (or all), then the chain
        QJsonArray stores;
        for (const StoreFigures &f : figures.value())
            stores.append(f.toJson());
        body.insert(QStringLiteral("stores"), stores);
    } else {
        body.insert(QStringLiteral("figures"), figures->value(0).toJson());
    }
    return json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

std::optional<ApiResponse> Api::admitLargeBody(const QHash<QByteArray, QByteArray> &headers,
                                               const QString &peer)
{
    const QString terminalId = QString::fromLatin1(headers.value("x-cp-terminal"));
    bool numeric = false;
    const qint64 timestamp = headers.value("x-cp-timestamp").toLongLong(&numeric);
    const qint64 now = m_store.clock().nowMs();
    auto refuse = [&](int status, const QString &code, const QString &message) {
        qCWarning(lcServer).noquote() << "refused a large push body unread: reason" << code << "from" << peer;
        return error(status, code, message,
                     code == QLatin1String("stale") ? std::optional(now) : std::nullopt);
    };
    if (!isUuidText(terminalId))
        return refuse(401, QStringLiteral("unknown_terminal"),
                      QStringLiteral("This terminal is not enrolled."));
    if (!numeric || std::abs(timestamp - now) > sync::SignatureWindowMs)
        return refuse(
            401, QStringLiteral("stale"),
            QStringLiteral("The request's time is too far from the server's. Sign with the server's time."));
    auto terminal = m_store.terminal(terminalId);
    if (!terminal)
        return storageFailure(terminal.error(), "looking up a terminal");
    if (!terminal->has_value())
        return refuse(401, QStringLiteral("unknown_terminal"),
                      QStringLiteral("This terminal is not enrolled."));
    if (terminal->value().disabled)
        return refuse(403, QStringLiteral("terminal_disabled"),
                      QStringLiteral("An administrator disabled this terminal. Ask head office."));
    return std::nullopt;
}

ApiResponse Api::snapshotFile(const TerminalRecord &terminal)
{
    auto info = SnapshotFileInfo::read(m_snapshotsDir, terminal.store);
    if (!info)
        qCWarning(lcServer).noquote()
            << "snapshot file of store" << terminal.store << "not served:" << info.error().detail;
    if (!info || !info->has_value())
        return error(404, QStringLiteral("no_snapshot_file"),
                     QStringLiteral("There is no snapshot file for this store; use the snapshot pages."));
    const SnapshotFileInfo &f = info->value();
    ApiResponse r;
    r.contentType = "application/vnd.sqlite3";
    r.filePath = f.path(m_snapshotsDir);
    r.fileBytes = f.bytes;
    r.headers = {{"x-cp-snapshot-cursor", QByteArray::number(f.cursor)},
                 {"x-cp-snapshot-sha256", f.sha256.toLatin1()},
                 {"x-cp-snapshot-schema", QByteArray::number(f.schema)},
                 {"x-cp-snapshot-members", QByteArray::number(f.members)}};
    return r;
}

ApiResponse Api::health()
{
    HealthResponse h;
    h.version = Version;
    if (Status s = m_store.ping(); !s) {
        qCWarning(lcServer).noquote()
            << "health: the database is not answering:" << logText(s.error().detail, 500);
        h.status = QStringLiteral("unavailable");
        h.database = QStringLiteral("unavailable");
        return json(503, h.toJson());
    }
    bool intact = true;
    {
        // A balancer asks every few seconds; the quick check reads every page, so it runs every 5 minutes.
        std::lock_guard lock(m_checkMutex);
        const qint64 now = m_store.clock().nowMs();
        if (m_checkedAtMs == 0 || now - m_checkedAtMs >= 5 * 60'000 || now < m_checkedAtMs) {
            auto checked = m_store.intact();
            m_intact = checked.ok() && checked.value();
            m_checkedAtMs = now;
            if (!m_intact)
                qCCritical(lcServer)
                    << "health: the database failed its integrity check; restore it from a backup";
        }
        intact = m_intact;
    }
    if (!intact) {
        h.status = QStringLiteral("damaged");
        h.database = QStringLiteral("damaged");
        return json(503, h.toJson());
    }
    h.status = QStringLiteral("ok");
    h.database = QStringLiteral("ok");
    return json(200, h.toJson());
}

// Each attempt costs a write transaction and a guess: at most so many a minute from one address, and
// so many on one code from anywhere (a code is keyed by its digest, as it is stored).
std::optional<ApiResponse> Api::enrolThrottled(const ApiRequest &request, const QString &code)
{
    const qint64 now = m_store.clock().nowMs();
    int wait = m_enrolByAddress->take(addressKey(request.peer), now);
    if (wait == 0 && !code.isEmpty()) {
        QString normal = code.toUpper();
        normal.remove(QLatin1Char('-'));
        normal.remove(QLatin1Char(' '));
        wait = m_enrolByCode->take(
            QString::fromLatin1(
                QCryptographicHash::hash(normal.toUtf8(), QCryptographicHash::Sha256).toHex()),
            now);
    }
    if (wait == 0)
        return std::nullopt;
    qCWarning(lcServer).noquote() << "enrolment attempts from" << logText(request.peer) << "throttled for"
                                  << wait << "s";
    ApiResponse r = error(429, QStringLiteral("too_many_attempts"),
                          QStringLiteral("Too many enrolment attempts. Wait %1 seconds, then check the code "
                                         "and try again.")
                              .arg(wait));
    r.headers.append({"retry-after", QByteArray::number(wait)});
    return r;
}

ApiResponse Api::enrol(const ApiRequest &request)
{
    auto parsed = EnrolRequest::fromJson(request.body);
    if (auto throttled = enrolThrottled(request, parsed ? parsed->code : QString()))
        return *throttled;
    if (!parsed)
        return error(400, QStringLiteral("bad_request"), parsed.error().message);
    auto enrolled = m_store.enrol(parsed.value());
    if (!enrolled) {
        if (enrolled.error().code == ErrorCode::Conflict) {
            qCWarning(lcServer).noquote() << "refused enrolment from" << logText(request.peer) << "reason"
                                          << logText(enrolled.error().detail);
            return error(409, enrolled.error().detail, enrolled.error().message);
        }
        return storageFailure(enrolled.error(), "enrolment");
    }
    return json(200, enrolled->toJson());
}

ApiResponse Api::push(const ApiRequest &request, const TerminalRecord &terminal)
{
    auto parsed = PushRequest::fromJson(request.body);
    if (!parsed) {
        qCWarning(lcServer).noquote()
            << "bad push from terminal" << terminal.id << ":" << logText(parsed.error().message);
        return error(400, QStringLiteral("bad_request"), parsed.error().message);
    }
    auto outcome = m_store.push(terminal, parsed.value());
    if (!outcome)
        return storageFailure(outcome.error(), "push");
    return json(200, outcome->response.toJson());
}

ApiResponse Api::changes(const QByteArray &query)
{
    Query q = Query::parse(query, {QStringLiteral("after"), QStringLiteral("limit")});
    const auto after = q.integer(QStringLiteral("after"), 0, std::numeric_limits<qint64>::max(), 0);
    const auto limit = q.integer(QStringLiteral("limit"), 1, MaxChangesPerPage, DefaultChangesPerPage);
    if (!q.problem.isEmpty() || !after || !limit)
        return error(400, QStringLiteral("bad_request"), q.problem);
    auto page = m_store.changes(*after, int(*limit));
    if (!page)
        return storageFailure(page.error(), "reading changes");
    return json(200, page.value());
}

ApiResponse Api::snapshot(const QByteArray &query)
{
    Query q = Query::parse(query, {QStringLiteral("after"), QStringLiteral("limit"), QStringLiteral("cursor"),
                                   QStringLiteral("bytes")});
    const auto limit =
        q.integer(QStringLiteral("limit"), 1, MaxSnapshotMembersPerPage, DefaultSnapshotMembersPerPage);
    const auto bytes =
        q.integer(QStringLiteral("bytes"), MinSnapshotPageBytes, MaxSnapshotPageBytes, MaxSnapshotPageBytes);
    const auto cursor = q.integer(QStringLiteral("cursor"), 0, std::numeric_limits<qint64>::max(), -1);
    const QString after = q.values.value(QStringLiteral("after"));
    if (q.problem.isEmpty() && !after.isEmpty() && !isUuidText(after))
        q.problem = QStringLiteral("after must be a member id (UUID)");
    if (!q.problem.isEmpty() || !limit || !cursor || !bytes)
        return error(400, QStringLiteral("bad_request"), q.problem);
    if (!after.isEmpty() && *cursor < 0)
        return error(400, QStringLiteral("bad_request"),
                     QStringLiteral("cursor is missing: pass the first page's cursor to every later page"));
    auto page = m_store.snapshot(after.toLower(), int(*limit),
                                 *cursor >= 0 ? std::optional<qint64>(*cursor) : std::nullopt, *bytes);
    if (!page)
        return storageFailure(page.error(), "reading a snapshot");
    return json(200, page.value());
}

} // namespace counterpart::server
