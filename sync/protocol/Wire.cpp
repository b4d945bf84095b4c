#include "sync/protocol/Wire.h"

#include "core/MemberCode.h"
#include "sync/protocol/Hlc.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>
#include <limits>

namespace counterpart::sync {

namespace {

constexpr double MaxExactDouble = 9007199254740991.0; // 2^53 - 1: integers beyond lose digits in JSON
constexpr int MaxIdText = 64;
constexpr int MaxNoteLength = 2000;
constexpr int MaxBlobText = 4096;
constexpr int MaxShortText = 64;
constexpr int MaxReasonLength = 500;
constexpr int MaxHlcLength = 100;

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

QString join(const QString &field, const QString &key)
{
    return field.isEmpty() ? key : field + QLatin1Char('.') + key;
}

QString indexed(const QString &field, qsizetype i)
{
    return field + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

// Reads fields of one JSON object and remembers the first problem. Every getter returns a harmless
// default after a failure, so a parser reads on and checks ok() once.
class Reader
{
public:
    Reader(const QJsonObject &o, QString field)
        : m_o(o)
        , m_field(std::move(field))
    {}

    bool ok() const { return !m_error.has_value(); }
    const Error &error() const { return *m_error; }
    void fail(const QString &key, const QString &what)
    {
        if (!m_error)
            m_error = invalid(join(m_field, key) + QLatin1Char(' ') + what);
    }
    QString path(const QString &key) const { return join(m_field, key); }
    bool has(const QString &key) const { return m_o.contains(key); }
    bool isNull(const QString &key) const { return m_o.value(key).isNull(); }
    QJsonValue value(const QString &key) const { return m_o.value(key); }

    QString string(const QString &key, int minLength, int maxLength, bool required = true)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(key, QStringLiteral("is missing"));
            return {};
        }
        if (!v.isString()) {
            fail(key, QStringLiteral("must be a string"));
            return {};
        }
        QString s = v.toString();
        if (s.size() < minLength) {
            fail(key, minLength == 1 ? QStringLiteral("must not be empty")
                                     : QStringLiteral("must have at least %1 characters").arg(minLength));
            return {};
        }
        if (s.size() > maxLength) {
            fail(key, QStringLiteral("is too long (at most %1 characters)").arg(maxLength));
            return {};
        }
        for (const QChar c : std::as_const(s)) {
            // Control characters have no place in any field; they are how log lines get forged.
            if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\t')) {
                fail(key, QStringLiteral("contains a control character"));
                return {};
            }
        }
        return s;
    }
    std::optional<QString> optionalString(const QString &key, int maxLength)
    {
        if (!has(key))
            return std::nullopt;
        QString s = string(key, 0, maxLength);
        if (!ok())
            return std::nullopt;
        return s;
    }
    QString uuid(const QString &key, bool required = true)
    {
        if (!required && !has(key))
            return {};
        const QString s = string(key, 1, MaxIdText);
        if (!ok())
            return {};
        if (!isUuidText(s)) {
            fail(key, QStringLiteral("must be a UUID"));
            return {};
        }
        return s.toLower();
    }
    qint64 integer(const QString &key, qint64 min, qint64 max, bool required = true, qint64 fallback = 0)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(key, QStringLiteral("is missing"));
            return fallback;
        }
        if (!v.isDouble()) {
            fail(key, QStringLiteral("must be an integer"));
            return fallback;
        }
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > MaxExactDouble) {
            fail(key, QStringLiteral("must be an integer"));
            return fallback;
        }
        const qint64 n = v.toInteger(qint64(d));
        if (n < min || n > max) {
            if (min == 0 && n < 0)
                fail(key, QStringLiteral("must not be negative"));
            else
                fail(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
            return fallback;
        }
        return n;
    }
    std::optional<qint64> optionalInteger(const QString &key, qint64 min, qint64 max)
    {
        if (!has(key) || isNull(key))
            return std::nullopt;
        const qint64 n = integer(key, min, max);
        if (!ok())
            return std::nullopt;
        return n;
    }
    qint64 time(const QString &key, bool required = true)
    {
        return integer(key, MinTimeMs, MaxTimeMs, required, 0);
    }
    bool boolean(const QString &key, bool required = true, bool fallback = false)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(key, QStringLiteral("is missing"));
            return fallback;
        }
        if (!v.isBool()) {
            fail(key, QStringLiteral("must be true or false"));
            return fallback;
        }
        return v.toBool();
    }
    QJsonObject object(const QString &key, bool required = true)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(key, QStringLiteral("is missing"));
            return {};
        }
        if (!v.isObject()) {
            fail(key, QStringLiteral("must be an object"));
            return {};
        }
        return v.toObject();
    }
    QJsonArray array(const QString &key, qsizetype maxItems, bool required = true)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined()) {
            if (required)
                fail(key, QStringLiteral("is missing"));
            return {};
        }
        if (!v.isArray()) {
            fail(key, QStringLiteral("must be an array"));
            return {};
        }
        QJsonArray a = v.toArray();
        if (a.size() > maxItems) {
            fail(key, QStringLiteral("has too many items (at most %1)").arg(maxItems));
            return {};
        }
        return a;
    }
    template<typename T>
    void take(const Result<T> &r, T &out)
    {
        if (!r) {
            if (!m_error)
                m_error = r.error();
            return;
        }
        out = r.value();
    }
    template<typename T>
    void take(const Result<T> &r, std::optional<T> &out)
    {
        if (!r) {
            if (!m_error)
                m_error = r.error();
            return;
        }
        out = r.value();
    }
    void oneOf(const QString &key, const QString &value, std::initializer_list<const char *> allowed)
    {
        for (const char *a : allowed) {
            if (value == QLatin1String(a))
                return;
        }
        QStringList names;
        for (const char *a : allowed)
            names << QLatin1Char('"') + QLatin1String(a) + QLatin1Char('"');
        fail(key, QStringLiteral("must be one of %1").arg(names.join(QStringLiteral(", "))));
    }

private:
    const QJsonObject &m_o;
    QString m_field;
    std::optional<Error> m_error;
};

bool allChars(const QString &text, bool (*accept)(QChar))
{
    for (const QChar c : text) {
        if (!accept(c))
            return false;
    }
    return true;
}

bool isHexDigit(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
           (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

bool isBase64Text(const QString &text)
{
    return allChars(text, [](QChar c) {
        return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
               (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('+') ||
               c == QLatin1Char('/') || c == QLatin1Char('=');
    });
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Sign of points each ledger kind may carry (docs/design.md, "The ledger").
enum class Sign { Credit, Debit, Any };
struct KindInfo {
    const char *name;
    Sign sign;
    bool serverOnly;
};
constexpr KindInfo LedgerKinds[] = {
    {"earn", Sign::Credit, false},
    {"welcome_gift", Sign::Credit, false},
    {"first_purchase_gift", Sign::Credit, false},
    {"birthday_gift", Sign::Credit, false},
    {"redeem", Sign::Debit, false},
    {"refund_reversal", Sign::Debit, false},
    {"redeem_restore", Sign::Credit, false},
    {"adjust", Sign::Any, false},
    {"expire", Sign::Debit, false},
    {"void", Sign::Any, false},
    {"opening", Sign::Any, true},
    {"merge_correction", Sign::Debit, true},
};

const KindInfo *ledgerKind(const QString &kind)
{
    for (const KindInfo &k : LedgerKinds) {
        if (kind == QLatin1String(k.name))
            return &k;
    }
    return nullptr;
}

} // namespace

// ---- validators --------------------------------------------------------------------------------------

bool isUuidText(const QString &text)
{
    if (text.size() != 36)
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != QLatin1Char('-'))
                return false;
        } else if (!isHexDigit(c)) {
            return false;
        }
    }
    return true;
}

bool isStoreId(const QString &text)
{
    return !text.isEmpty() && text.size() <= 32 && allChars(text, [](QChar c) {
        return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
               (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') ||
               c == QLatin1Char('-');
    });
}

bool isStaffId(const QString &text)
{
    return !text.isEmpty() && text.size() <= 32 && allChars(text, [](QChar c) {
        return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
               (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') ||
               c == QLatin1Char('-') || c == QLatin1Char('.');
    });
}

bool isE164(const QString &text)
{
    if (text.size() < 8 || text.size() > 16 || text.at(0) != QLatin1Char('+') ||
        text.at(1) == QLatin1Char('0'))
        return false;
    return allChars(text.mid(1), [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); });
}

bool isCurrencyCode(const QString &text)
{
    return text.size() == 3 &&
           allChars(text, [](QChar c) { return c >= QLatin1Char('A') && c <= QLatin1Char('Z'); });
}

bool isTierId(const QString &text)
{
    return !text.isEmpty() && text.size() <= 64 && allChars(text, [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') ||
               c == QLatin1Char('-');
    });
}

bool isLedgerKind(const QString &kind)
{
    return ledgerKind(kind) != nullptr;
}

bool isServerOnlyLedgerKind(const QString &kind)
{
    const KindInfo *k = ledgerKind(kind);
    return k && k->serverOnly;
}

Result<QJsonObject> parseJsonObject(const QByteArray &json)
{
    if (json.size() > MaxBodyBytes)
        return invalid(QStringLiteral("the body is larger than %1 bytes").arg(MaxBodyBytes));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return invalid(QStringLiteral("the body is not valid JSON: %1 at character %2")
                           .arg(error.errorString())
                           .arg(error.offset));
    if (!doc.isObject())
        return invalid(QStringLiteral("the body must be a JSON object"));
    return doc.object();
}

// ---- errors ------------------------------------------------------------------------------------------

QByteArray ErrorBody::toJson() const
{
    QJsonObject o{{QStringLiteral("error"), error}, {QStringLiteral("message"), message}};
    if (serverTime)
        o.insert(QStringLiteral("serverTime"), *serverTime);
    return compact(o);
}

Result<ErrorBody> ErrorBody::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    ErrorBody b;
    b.error = r.string(QStringLiteral("error"), 1, MaxShortText);
    b.message = r.string(QStringLiteral("message"), 0, MaxReasonLength * 4);
    b.serverTime = r.optionalInteger(QStringLiteral("serverTime"), 0, MaxTimeMs);
    if (!r.ok())
        return r.error();
    return b;
}

// ---- enrolment ---------------------------------------------------------------------------------------

QByteArray EnrolRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("code"), code}, {QStringLiteral("name"), name}};
    if (!databaseId.isEmpty())
        o.insert(QStringLiteral("databaseId"), databaseId);
    return compact(o);
}

Result<EnrolRequest> EnrolRequest::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    EnrolRequest e;
    e.code = r.string(QStringLiteral("code"), 1, 32);
    e.name = r.string(QStringLiteral("name"), 0, 100, false);
    e.databaseId = r.uuid(QStringLiteral("databaseId"), false);
    if (!r.ok())
        return r.error();
    return e;
}

QJsonObject StoreInfo::toJsonObject() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("region"), region},
            {QStringLiteral("timeZone"), timeZone},
            {QStringLiteral("currency"), currency}};
}

Result<StoreInfo> StoreInfo::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    StoreInfo s;
    s.id = r.string(QStringLiteral("id"), 1, 32);
    if (r.ok() && !isStoreId(s.id))
        r.fail(QStringLiteral("id"), QStringLiteral("must be letters, digits, '_' or '-'"));
    s.name = r.string(QStringLiteral("name"), 0, MaxNameLength);
    s.region = r.string(QStringLiteral("region"), 2, 2);
    s.timeZone = r.string(QStringLiteral("timeZone"), 1, MaxShortText);
    s.currency = r.string(QStringLiteral("currency"), 3, 3);
    if (r.ok() && !isCurrencyCode(s.currency))
        r.fail(QStringLiteral("currency"), QStringLiteral("must be three capital letters (ISO 4217)"));
    if (!r.ok())
        return r.error();
    return s;
}

QByteArray EnrolResponse::toJson() const
{
    return compact({{QStringLiteral("terminalId"), terminalId},
                    {QStringLiteral("terminalNumber"), terminalNumber},
                    {QStringLiteral("secret"), QString::fromLatin1(secret.toBase64())},
                    {QStringLiteral("store"), store.toJsonObject()},
                    {QStringLiteral("serverTime"), serverTime}});
}

Result<EnrolResponse> EnrolResponse::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    EnrolResponse e;
    e.terminalId = r.uuid(QStringLiteral("terminalId"));
    e.terminalNumber =
        int(r.integer(QStringLiteral("terminalNumber"), MemberCode::MinTerminal, MemberCode::MaxTerminal));
    const QString secret = r.string(QStringLiteral("secret"), 1, 100);
    if (r.ok()) {
        e.secret = QByteArray::fromBase64(secret.toLatin1());
        if (!isBase64Text(secret) || e.secret.size() != 32)
            r.fail(QStringLiteral("secret"), QStringLiteral("must be 32 bytes in base64"));
    }
    r.take(StoreInfo::fromJsonObject(r.object(QStringLiteral("store")), r.path(QStringLiteral("store"))),
           e.store);
    e.serverTime = r.integer(QStringLiteral("serverTime"), 0, MaxTimeMs);
    if (!r.ok())
        return r.error();
    return e;
}

// ---- push --------------------------------------------------------------------------------------------

namespace {
struct OpKindName {
    OpKind kind;
    const char *name;
};
constexpr OpKindName OpKindNames[] = {
    {OpKind::MemberRegister, "member.register"},
    {OpKind::MemberUpdate, "member.update"},
    {OpKind::MemberClose, "member.close"},
    {OpKind::Earn, "earn"},
    {OpKind::Redeem, "redeem"},
    {OpKind::Refund, "refund"},
    {OpKind::Adjust, "adjust"},
    {OpKind::Expire, "expire"},
    {OpKind::Void, "void"},
    {OpKind::TierChange, "tier.change"},
    {OpKind::MemberPhone, "member.phone"},
    {OpKind::MemberErase, "member.erase"},
};
} // namespace

QString opKindName(OpKind kind)
{
    for (const OpKindName &k : OpKindNames) {
        if (k.kind == kind)
            return QLatin1String(k.name);
    }
    return {};
}

bool carriesEntries(OpKind kind)
{
    return kind != OpKind::MemberUpdate && kind != OpKind::TierChange && kind != OpKind::MemberPhone &&
           kind != OpKind::MemberErase;
}

std::optional<OpKind> opKindFromName(const QString &name)
{
    for (const OpKindName &k : OpKindNames) {
        if (name == QLatin1String(k.name))
            return k.kind;
    }
    return std::nullopt;
}

PushOp PushOp::fromOutbox(QJsonObject raw, const QString &opId, const QString &hlc, const QString &member)
{
    if (!raw.contains(QStringLiteral("hlc")))
        raw.insert(QStringLiteral("hlc"), hlc);
    if (!raw.contains(QStringLiteral("opId")))
        raw.insert(QStringLiteral("opId"), opId);
    if (!raw.contains(QStringLiteral("member")) && !member.isEmpty())
        raw.insert(QStringLiteral("member"), member);
    PushOp op;
    op.opId = raw.value(QStringLiteral("opId")).toString();
    op.raw = std::move(raw);
    return op;
}

QByteArray PushRequest::toJson() const
{
    QJsonArray a;
    for (const PushOp &op : ops)
        a.append(op.raw);
    return compact({{QStringLiteral("ops"), a}});
}

Result<PushRequest> PushRequest::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    const QJsonArray ops = r.array(QStringLiteral("ops"), MaxOpsPerPush);
    if (!r.ok())
        return r.error();
    if (ops.isEmpty())
        return invalid(QStringLiteral("ops must not be empty"));
    PushRequest request;
    request.ops.reserve(ops.size());
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const QString field = indexed(QStringLiteral("ops"), i);
        if (!ops.at(i).isObject())
            return invalid(field + QStringLiteral(" must be an object"));
        PushOp op;
        op.raw = ops.at(i).toObject();
        Reader opReader(op.raw, field);
        op.opId = opReader.uuid(QStringLiteral("opId"));
        if (!opReader.ok())
            return opReader.error();
        op.op = opReader.string(QStringLiteral("op"), 1, MaxShortText);
        if (opReader.ok() && !opKindFromName(op.op))
            opReader.fail(QStringLiteral("op"), QStringLiteral("is not a known operation"));
        op.hlc = opReader.string(QStringLiteral("hlc"), 20, MaxHlcLength);
        if (opReader.ok() && Hlc::parse(op.hlc).isNull())
            opReader.fail(QStringLiteral("hlc"),
                          QStringLiteral("must be <13-digit ms>-<4-digit counter>-<terminal>"));
        op.at = opReader.time(QStringLiteral("at"));
        op.store = opReader.string(QStringLiteral("store"), 1, 32);
        if (opReader.ok() && !isStoreId(op.store))
            opReader.fail(QStringLiteral("store"), QStringLiteral("must be letters, digits, '_' or '-'"));
        op.terminal = opReader.uuid(QStringLiteral("terminal"));
        if (!opReader.ok())
            op.envelopeError = opReader.error();
        request.ops.append(std::move(op));
    }
    return request;
}

QString opStatusName(OpStatus status)
{
    switch (status) {
    case OpStatus::Applied:
        return QStringLiteral("applied");
    case OpStatus::Duplicate:
        return QStringLiteral("duplicate");
    case OpStatus::Rejected:
        return QStringLiteral("rejected");
    }
    return {};
}

QJsonObject OpResult::toJsonObject() const
{
    QJsonObject o{{QStringLiteral("opId"), opId}, {QStringLiteral("status"), opStatusName(status)}};
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (!message.isEmpty())
        o.insert(QStringLiteral("message"), message);
    if (!flags.isEmpty())
        o.insert(QStringLiteral("flags"), QJsonArray::fromStringList(flags));
    if (!mergedInto.isEmpty())
        o.insert(QStringLiteral("mergedInto"), mergedInto);
    return o;
}

Result<OpResult> OpResult::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    OpResult res;
    res.opId = r.uuid(QStringLiteral("opId"));
    const QString status = r.string(QStringLiteral("status"), 1, MaxShortText);
    if (r.ok()) {
        if (status == QLatin1String("applied"))
            res.status = OpStatus::Applied;
        else if (status == QLatin1String("duplicate"))
            res.status = OpStatus::Duplicate;
        else if (status == QLatin1String("rejected"))
            res.status = OpStatus::Rejected;
        else
            r.fail(QStringLiteral("status"),
                   QStringLiteral("must be one of \"applied\", \"duplicate\", \"rejected\""));
    }
    res.reason = r.string(QStringLiteral("reason"), 1, MaxShortText, res.status == OpStatus::Rejected);
    res.message = r.string(QStringLiteral("message"), 0, MaxReasonLength * 4, false);
    const QJsonArray flags = r.array(QStringLiteral("flags"), 16, false);
    for (qsizetype i = 0; i < flags.size() && r.ok(); ++i) {
        if (!flags.at(i).isString() || flags.at(i).toString().isEmpty() ||
            flags.at(i).toString().size() > MaxShortText)
            r.fail(indexed(QStringLiteral("flags"), i), QStringLiteral("must be a short string"));
        else
            res.flags << flags.at(i).toString();
    }
    res.mergedInto = r.uuid(QStringLiteral("mergedInto"), false);
    if (!r.ok())
        return r.error();
    return res;
}

QByteArray PushResponse::toJson() const
{
    QJsonArray a;
    for (const OpResult &res : results)
        a.append(res.toJsonObject());
    return compact({{QStringLiteral("results"), a}, {QStringLiteral("serverTime"), serverTime}});
}

Result<PushResponse> PushResponse::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    PushResponse p;
    const QJsonArray results = r.array(QStringLiteral("results"), MaxOpsPerPush);
    p.serverTime = r.integer(QStringLiteral("serverTime"), 0, MaxTimeMs);
    if (!r.ok())
        return r.error();
    for (qsizetype i = 0; i < results.size(); ++i) {
        const QString field = indexed(QStringLiteral("results"), i);
        if (!results.at(i).isObject())
            return invalid(field + QStringLiteral(" must be an object"));
        auto res = OpResult::fromJsonObject(results.at(i).toObject(), field);
        if (!res)
            return res.error();
        p.results.append(res.value());
    }
    return p;
}

// ---- op payloads -------------------------------------------------------------------------------------

QJsonObject WireEntry::toJsonObject() const
{
    QJsonObject o = detailsJsonObject();
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("points"), points);
    o.insert(QStringLiteral("at"), at);
    o.insert(QStringLiteral("rulesVersion"), rulesVersion); // even when empty
    if (expiresAt)
        o.insert(QStringLiteral("expiresAt"), *expiresAt);
    return o;
}

QJsonObject WireEntry::detailsJsonObject() const
{
    QJsonObject o;
    if (!rulesVersion.isEmpty())
        o.insert(QStringLiteral("rulesVersion"), rulesVersion);
    if (!reward.isEmpty())
        o.insert(QStringLiteral("reward"), reward);
    if (discountMinor)
        o.insert(QStringLiteral("discountMinor"), *discountMinor);
    if (!reason.isEmpty())
        o.insert(QStringLiteral("reason"), reason);
    if (!approvedBy.isEmpty())
        o.insert(QStringLiteral("approvedBy"), approvedBy);
    if (!receipt.isEmpty())
        o.insert(QStringLiteral("receipt"), receipt);
    if (!birthdayBonus.isEmpty())
        o.insert(QStringLiteral("birthdayBonus"), birthdayBonus);
    return o;
}

Result<WireEntry> WireEntry::fromJsonObject(const QJsonObject &o, const QString &field, bool allowServerKinds)
{
    Reader r(o, field);
    WireEntry e;
    e.id = r.uuid(QStringLiteral("id"));
    e.kind = r.string(QStringLiteral("kind"), 1, MaxShortText);
    const KindInfo *info = r.ok() ? ledgerKind(e.kind) : nullptr;
    if (r.ok() && (!info || (info->serverOnly && !allowServerKinds)))
        r.fail(QStringLiteral("kind"), QStringLiteral("is not a ledger entry kind a till may send"));
    e.points = r.integer(QStringLiteral("points"), -MaxPoints, MaxPoints);
    if (r.ok() && info) {
        if (info->sign == Sign::Credit && e.points < 0)
            r.fail(QStringLiteral("points"), QStringLiteral("must not be negative for %1").arg(e.kind));
        else if (info->sign == Sign::Debit && e.points > 0)
            r.fail(QStringLiteral("points"), QStringLiteral("must not be positive for %1").arg(e.kind));
    }
    e.at = r.time(QStringLiteral("at"));
    e.expiresAt = r.optionalInteger(QStringLiteral("expiresAt"), MinTimeMs, MaxTimeMs * 2);
    e.rulesVersion = r.string(QStringLiteral("rulesVersion"), 0, MaxShortText, false);
    e.reward = r.string(QStringLiteral("reward"), 0, MaxShortText, false);
    e.discountMinor = r.optionalInteger(QStringLiteral("discountMinor"), 0, MaxAmountMinor);
    e.reason = r.string(QStringLiteral("reason"), 0, MaxReasonLength, false);
    e.approvedBy = r.string(QStringLiteral("approvedBy"), 0, MaxShortText, false);
    e.receipt = r.string(QStringLiteral("receipt"), 0, MaxShortText, false);
    e.birthdayBonus = r.string(QStringLiteral("birthdayBonus"), 0, MaxShortText, false);
    if (r.ok() && !e.birthdayBonus.isEmpty() && e.kind != QLatin1String("earn"))
        r.fail(QStringLiteral("birthdayBonus"), QStringLiteral("belongs to an earn entry only"));
    if (!r.ok())
        return r.error();
    return e;
}

QStringList MemberFields::names()
{
    return {QStringLiteral("name"),       QStringLiteral("gender"),
            QStringLiteral("note"),       QStringLiteral("marketingConsent"),
            QStringLiteral("consentAt"),  QStringLiteral("birthMonth"),
            QStringLiteral("birthDay"),   QStringLiteral("birthDateEnc"),
            QStringLiteral("idNumberEnc")};
}

bool MemberFields::isEmpty() const
{
    return !name && !gender && !note && !marketingConsent && !consentAt && !birthMonth && !birthDay &&
           !birthDateEnc && !idNumberEnc && !clearBirthday;
}

QJsonObject MemberFields::toJsonObject() const
{
    QJsonObject o;
    if (name)
        o.insert(QStringLiteral("name"), *name);
    if (gender)
        o.insert(QStringLiteral("gender"), *gender);
    if (note)
        o.insert(QStringLiteral("note"), *note);
    if (marketingConsent)
        o.insert(QStringLiteral("marketingConsent"), *marketingConsent);
    if (consentAt)
        o.insert(QStringLiteral("consentAt"), *consentAt);
    if (clearBirthday) {
        o.insert(QStringLiteral("birthMonth"), QJsonValue());
        o.insert(QStringLiteral("birthDay"), QJsonValue());
    } else {
        if (birthMonth)
            o.insert(QStringLiteral("birthMonth"), *birthMonth);
        if (birthDay)
            o.insert(QStringLiteral("birthDay"), *birthDay);
    }
    if (birthDateEnc)
        o.insert(QStringLiteral("birthDateEnc"), *birthDateEnc);
    if (idNumberEnc)
        o.insert(QStringLiteral("idNumberEnc"), *idNumberEnc);
    return o;
}

Result<MemberFields> MemberFields::fromJsonObject(const QJsonObject &o, const QString &field, bool onlyKnown)
{
    Reader r(o, field);
    if (onlyKnown) {
        const QStringList known = names();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key())) {
                r.fail(it.key().left(MaxShortText),
                       QStringLiteral("is not a member field that can be updated"));
                break;
            }
        }
    }
    MemberFields f;
    f.name = r.optionalString(QStringLiteral("name"), MaxNameLength);
    if (f.name && f.name->trimmed().isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("must not be empty"));
    f.gender = r.optionalString(QStringLiteral("gender"), 10);
    if (f.gender && r.ok())
        r.oneOf(QStringLiteral("gender"), *f.gender, {"", "female", "male", "other"});
    f.note = r.optionalString(QStringLiteral("note"), MaxNoteLength);
    if (r.has(QStringLiteral("marketingConsent")))
        f.marketingConsent = r.boolean(QStringLiteral("marketingConsent"));
    f.consentAt = r.optionalInteger(QStringLiteral("consentAt"), MinTimeMs, MaxTimeMs);
    const bool monthNull = r.has(QStringLiteral("birthMonth")) && r.isNull(QStringLiteral("birthMonth"));
    const bool dayNull = r.has(QStringLiteral("birthDay")) && r.isNull(QStringLiteral("birthDay"));
    if (const auto m = r.optionalInteger(QStringLiteral("birthMonth"), 1, 12))
        f.birthMonth = int(*m);
    if (const auto d = r.optionalInteger(QStringLiteral("birthDay"), 1, 31))
        f.birthDay = int(*d);
    if (monthNull && dayNull)
        f.clearBirthday = true;
    else if (monthNull != dayNull || f.birthMonth.has_value() != f.birthDay.has_value())
        r.fail(QStringLiteral("birthDay"), QStringLiteral("must come together with birthMonth"));
    for (const QString &key : {QStringLiteral("birthDateEnc"), QStringLiteral("idNumberEnc")}) {
        auto blob = r.optionalString(key, MaxBlobText);
        if (blob && !isBase64Text(*blob))
            r.fail(key, QStringLiteral("must be base64"));
        (key == QLatin1String("birthDateEnc") ? f.birthDateEnc : f.idNumberEnc) = blob;
    }
    if (!r.ok())
        return r.error();
    return f;
}

QJsonObject MemberProfile::toJsonObject() const
{
    QJsonObject o = fields.toJsonObject();
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("code"), code);
    o.insert(QStringLiteral("phone"), phone);
    o.insert(QStringLiteral("tier"), tier);
    o.insert(QStringLiteral("channel"), channel);
    o.insert(QStringLiteral("createdAt"), createdAt);
    return o;
}

Result<MemberProfile> MemberProfile::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    MemberProfile p;
    p.id = r.uuid(QStringLiteral("id"));
    p.code = r.string(QStringLiteral("code"), MemberCode::Length, MemberCode::Length);
    if (r.ok()) {
        auto code = MemberCode::parse(p.code);
        if (!code || code->digits() != p.code)
            r.fail(QStringLiteral("code"), QStringLiteral("must be 12 digits with a valid check digit"));
    }
    p.phone = r.string(QStringLiteral("phone"), 1, 16);
    if (r.ok() && !isE164(p.phone))
        r.fail(QStringLiteral("phone"), QStringLiteral("must be an E.164 number (+8613800138000)"));
    p.tier = r.string(QStringLiteral("tier"), 1, 64);
    if (r.ok() && !isTierId(p.tier))
        r.fail(QStringLiteral("tier"), QStringLiteral("must be a tier id (a-z, 0-9, '_', '-')"));
    p.channel = r.string(QStringLiteral("channel"), 1, 16, false);
    if (p.channel.isEmpty())
        p.channel = QStringLiteral("till");
    else if (r.ok())
        r.oneOf(QStringLiteral("channel"), p.channel, {"till", "online", "import"});
    p.createdAt = r.time(QStringLiteral("createdAt"));
    if (!r.has(QStringLiteral("name")))
        r.fail(QStringLiteral("name"), QStringLiteral("is missing"));
    if (!r.ok())
        return r.error();
    auto fields = MemberFields::fromJsonObject(o, field, false);
    if (!fields)
        return fields.error();
    p.fields = fields.value();
    return p;
}

QJsonObject WirePurchase::toJsonObject() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("receipt"), receipt},
            {QStringLiteral("amountMinor"), amountMinor},
            {QStringLiteral("eligibleMinor"), eligibleMinor},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("at"), at}};
}

Result<WirePurchase> WirePurchase::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    WirePurchase p;
    p.id = r.uuid(QStringLiteral("id"));
    p.receipt = r.string(QStringLiteral("receipt"), 1, MaxShortText);
    if (r.ok() && p.receipt.trimmed().isEmpty())
        r.fail(QStringLiteral("receipt"), QStringLiteral("must not be empty"));
    p.amountMinor = r.integer(QStringLiteral("amountMinor"), 0, MaxAmountMinor);
    p.eligibleMinor = r.integer(QStringLiteral("eligibleMinor"), 0, MaxAmountMinor, false, p.amountMinor);
    if (r.ok() && p.eligibleMinor > p.amountMinor)
        r.fail(QStringLiteral("eligibleMinor"), QStringLiteral("must not be more than amountMinor"));
    p.currency = r.string(QStringLiteral("currency"), 3, 3);
    if (r.ok() && !isCurrencyCode(p.currency))
        r.fail(QStringLiteral("currency"), QStringLiteral("must be three capital letters (ISO 4217)"));
    p.at = r.time(QStringLiteral("at"));
    if (!r.ok())
        return r.error();
    return p;
}

QJsonObject WireRefund::toJsonObject() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("purchase"), purchase},
            {QStringLiteral("amountMinor"), amountMinor},
            {QStringLiteral("at"), at}};
}

Result<WireRefund> WireRefund::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    WireRefund f;
    f.id = r.uuid(QStringLiteral("id"));
    f.purchase = r.uuid(QStringLiteral("purchase"));
    f.amountMinor = r.integer(QStringLiteral("amountMinor"), 1, MaxAmountMinor);
    f.at = r.time(QStringLiteral("at"));
    if (!r.ok())
        return r.error();
    return f;
}

QJsonObject WireTierChange::toJsonObject() const
{
    QJsonObject o{{QStringLiteral("id"), id}, {QStringLiteral("from"), from}, {QStringLiteral("to"), to}};
    if (!reason.isEmpty() && reason != QLatin1String("upgrade")) // the default goes without saying
        o.insert(QStringLiteral("reason"), reason);
    return o;
}

Result<WireTierChange> WireTierChange::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    WireTierChange t;
    t.id = r.uuid(QStringLiteral("id"));
    t.from = r.string(QStringLiteral("from"), 1, 64);
    t.to = r.string(QStringLiteral("to"), 1, 64);
    if (r.ok() && (!isTierId(t.from) || !isTierId(t.to)))
        r.fail(QStringLiteral("to"), QStringLiteral("must be a tier id (a-z, 0-9, '_', '-')"));
    t.reason = r.string(QStringLiteral("reason"), 1, MaxShortText, false);
    if (t.reason.isEmpty())
        t.reason = QStringLiteral("upgrade");
    else if (r.ok())
        r.oneOf(QStringLiteral("reason"), t.reason, {"upgrade", "evaluation", "adjust"});
    if (!r.ok())
        return r.error();
    return t;
}

QJsonObject ParsedOp::toJsonObject() const
{
    QJsonObject o{{QStringLiteral("opId"), opId},
                  {QStringLiteral("op"), opKindName(kind)},
                  {QStringLiteral("hlc"), hlc},
                  {QStringLiteral("at"), at},
                  {QStringLiteral("store"), store},
                  {QStringLiteral("terminal"), terminal},
                  {QStringLiteral("operator"), operatorId},
                  {QStringLiteral("rulesVersion"), rulesVersion}};
    if (kind == OpKind::MemberRegister && profile)
        o.insert(QStringLiteral("member"), profile->toJsonObject());
    else
        o.insert(QStringLiteral("member"), member);
    if (carriesEntries(kind)) {
        QJsonArray a;
        for (const WireEntry &e : entries)
            a.append(e.toJsonObject());
        o.insert(QStringLiteral("entries"), a);
    }
    if (fields)
        o.insert(QStringLiteral("fields"), fields->toJsonObject());
    if (purchase)
        o.insert(QStringLiteral("purchase"), purchase->toJsonObject());
    else if (!voidedPurchase.isEmpty())
        o.insert(QStringLiteral("purchase"), voidedPurchase);
    if (refund)
        o.insert(QStringLiteral("refund"), refund->toJsonObject());
    if (tierChange)
        o.insert(QStringLiteral("tierChange"), tierChange->toJsonObject());
    if (kind == OpKind::MemberClose)
        o.insert(QStringLiteral("reason"), closeReason);
    if (kind == OpKind::MemberPhone) {
        o.insert(QStringLiteral("phone"), phone);
        o.insert(QStringLiteral("previous"), previousPhone);
    }
    if (kind == OpKind::Redeem) {
        o.insert(QStringLiteral("points"), redeemPoints);
        o.insert(QStringLiteral("offline"), offline);
    }
    return o;
}

QStringList ParsedOp::writtenFields() const
{
    if (kind == OpKind::MemberPhone)
        return {QStringLiteral("phone")};
    if (fields)
        return fields->toJsonObject().keys();
    if (profile)
        return profile->toJsonObject().keys();
    return {};
}

namespace {

// opId, op, hlc, at, store, terminal, operator, rulesVersion: what every operation carries.
void readOpHeader(Reader &r, ParsedOp &op)
{
    op.opId = r.uuid(QStringLiteral("opId"));
    const QString kind = r.string(QStringLiteral("op"), 1, MaxShortText);
    if (r.ok()) {
        if (const auto k = opKindFromName(kind))
            op.kind = *k;
        else
            r.fail(QStringLiteral("op"), QStringLiteral("is not a known operation"));
    }
    op.hlc = r.string(QStringLiteral("hlc"), 20, MaxHlcLength);
    if (r.ok() && Hlc::parse(op.hlc).isNull())
        r.fail(QStringLiteral("hlc"), QStringLiteral("must be <13-digit ms>-<4-digit counter>-<terminal>"));
    op.at = r.time(QStringLiteral("at"));
    op.store = r.string(QStringLiteral("store"), 1, 32);
    if (r.ok() && !isStoreId(op.store))
        r.fail(QStringLiteral("store"), QStringLiteral("must be letters, digits, '_' or '-'"));
    op.terminal = r.uuid(QStringLiteral("terminal"));
    op.operatorId = r.string(QStringLiteral("operator"), 0, MaxShortText, false);
    op.rulesVersion = r.string(QStringLiteral("rulesVersion"), 0, MaxShortText, false);
}

// The member: a registration carries the whole profile, every other operation its id.
void readOpMember(Reader &r, ParsedOp &op)
{
    if (op.kind != OpKind::MemberRegister) {
        op.member = r.uuid(QStringLiteral("member"));
        return;
    }
    r.take(
        MemberProfile::fromJsonObject(r.object(QStringLiteral("member")), r.path(QStringLiteral("member"))),
        op.profile);
    if (op.profile)
        op.member = op.profile->id;
}

void readOpEntries(Reader &r, ParsedOp &op)
{
    const QJsonArray entries =
        r.array(QStringLiteral("entries"), MaxEntriesPerOp, op.kind != OpKind::MemberRegister);
    for (qsizetype i = 0; i < entries.size() && r.ok(); ++i) {
        const QString entryField = indexed(r.path(QStringLiteral("entries")), i);
        if (!entries.at(i).isObject()) {
            r.fail(indexed(QStringLiteral("entries"), i), QStringLiteral("must be an object"));
            break;
        }
        WireEntry entry;
        r.take(WireEntry::fromJsonObject(entries.at(i).toObject(), entryField, false), entry);
        op.entries.append(entry);
    }
}

// Every entry of one op has its own id: a repeated id would be counted once, silently.
void checkEntryIdsUnique(Reader &r, const ParsedOp &op)
{
    QSet<QString> ids;
    for (const WireEntry &e : op.entries) {
        if (ids.contains(e.id)) {
            r.fail(QStringLiteral("entries"), QStringLiteral("contains the same entry id twice"));
            return;
        }
        ids.insert(e.id);
    }
}

void readTierChange(Reader &r, ParsedOp &op)
{
    r.take(WireTierChange::fromJsonObject(r.object(QStringLiteral("tierChange")),
                                          r.path(QStringLiteral("tierChange"))),
           op.tierChange);
}

void readMemberUpdate(Reader &r, ParsedOp &op)
{
    r.take(MemberFields::fromJsonObject(r.object(QStringLiteral("fields")), r.path(QStringLiteral("fields")),
                                        true),
           op.fields);
    if (op.fields && op.fields->isEmpty())
        r.fail(QStringLiteral("fields"), QStringLiteral("must name at least one field"));
}

// A new number for the member; the old one stays findable for a while (docs/sync-protocol.md).
void readMemberPhone(Reader &r, ParsedOp &op)
{
    for (const auto &[key, out] : {std::pair(QStringLiteral("phone"), &op.phone),
                                   std::pair(QStringLiteral("previous"), &op.previousPhone)}) {
        *out = r.string(key, 1, 16);
        if (r.ok() && !isE164(*out))
            r.fail(key, QStringLiteral("must be an E.164 number"));
    }
    if (r.ok() && op.phone == op.previousPhone)
        r.fail(QStringLiteral("phone"), QStringLiteral("must differ from previous"));
}

// The balance left is forfeited by the op's own entries (one adjust debit, or none when it was zero).
void readMemberClose(Reader &r, ParsedOp &op)
{
    op.closeReason = r.string(QStringLiteral("reason"), 0, MaxReasonLength, false);
    for (const WireEntry &e : op.entries) {
        if (e.kind != QLatin1String("adjust") || e.points > 0)
            r.fail(QStringLiteral("entries"),
                   QStringLiteral("may only take the balance left away (adjust, <= 0)"));
    }
    if (op.entries.size() > 1)
        r.fail(QStringLiteral("entries"), QStringLiteral("holds at most one entry"));
}

void readEarn(Reader &r, ParsedOp &op)
{
    r.take(WirePurchase::fromJsonObject(r.object(QStringLiteral("purchase")),
                                        r.path(QStringLiteral("purchase"))),
           op.purchase);
    if (r.has(QStringLiteral("tierChange")))
        readTierChange(r, op);
}

void readRedeem(Reader &r, ParsedOp &op)
{
    op.redeemPoints = r.integer(QStringLiteral("points"), 1, MaxPoints);
    op.offline = r.boolean(QStringLiteral("offline"), false);
}

void readRefund(Reader &r, ParsedOp &op)
{
    r.take(WireRefund::fromJsonObject(r.object(QStringLiteral("refund")), r.path(QStringLiteral("refund"))),
           op.refund);
}

void readVoid(Reader &r, ParsedOp &op)
{
    op.voidedPurchase = r.uuid(QStringLiteral("purchase"), false);
}

// The part each kind carries besides its member and entries (docs/sync-protocol.md, "Operations"). A
// kind not listed (register, adjust, expire) carries none.
struct KindParts {
    OpKind kind;
    void (*read)(Reader &, ParsedOp &);
};
constexpr KindParts PartsOfKind[] = {
    {OpKind::MemberUpdate, readMemberUpdate},
    {OpKind::MemberClose, readMemberClose},
    {OpKind::Earn, readEarn},
    {OpKind::Redeem, readRedeem},
    {OpKind::Refund, readRefund},
    {OpKind::Void, readVoid},
    {OpKind::TierChange, readTierChange},
    {OpKind::MemberPhone, readMemberPhone},
};

void readKindParts(Reader &r, ParsedOp &op)
{
    for (const KindParts &parts : PartsOfKind) {
        if (parts.kind == op.kind)
            parts.read(r, op);
    }
}

} // namespace

Result<ParsedOp> parseOp(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    ParsedOp op;
    readOpHeader(r, op);
    if (!r.ok())
        return r.error();
    const bool hasEntries = carriesEntries(op.kind);
    readOpMember(r, op);
    if (hasEntries)
        readOpEntries(r, op);
    readKindParts(r, op);
    if (r.ok() && hasEntries)
        checkEntryIdsUnique(r, op);
    if (!r.ok())
        return r.error();
    return op;
}

// ---- pull --------------------------------------------------------------------------------------------

namespace {
struct ChangeTypeName {
    ChangeType type;
    const char *name;
};
constexpr ChangeTypeName ChangeTypeNames[] = {
    {ChangeType::Member, "member"}, {ChangeType::Entry, "entry"}, {ChangeType::Purchase, "purchase"},
    {ChangeType::Merge, "merge"},   {ChangeType::Rules, "rules"}, {ChangeType::Flag, "flag"},
};
} // namespace

QString changeTypeName(ChangeType type)
{
    for (const ChangeTypeName &t : ChangeTypeNames) {
        if (t.type == type)
            return QLatin1String(t.name);
    }
    return {};
}

std::optional<ChangeType> changeTypeFromName(const QString &name)
{
    for (const ChangeTypeName &t : ChangeTypeNames) {
        if (name == QLatin1String(t.name))
            return t.type;
    }
    return std::nullopt;
}

QJsonObject Change::toJsonObject() const
{
    const QString name = changeTypeName(type);
    return {{QStringLiteral("seq"), seq}, {QStringLiteral("type"), name}, {name, payload}};
}

Result<Change> Change::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    Change c;
    c.seq = r.integer(QStringLiteral("seq"), 1, qint64(MaxExactDouble));
    const QString type = r.string(QStringLiteral("type"), 1, MaxShortText);
    if (r.ok()) {
        if (const auto t = changeTypeFromName(type))
            c.type = *t;
        else
            r.fail(QStringLiteral("type"), QStringLiteral("is not a known change type"));
    }
    if (r.ok())
        c.payload = r.object(type);
    if (!r.ok())
        return r.error();
    return c;
}

QByteArray ChangesPage::toJson() const
{
    QJsonArray a;
    for (const Change &c : changes)
        a.append(c.toJsonObject());
    return compact({{QStringLiteral("changes"), a},
                    {QStringLiteral("next"), next},
                    {QStringLiteral("more"), more},
                    {QStringLiteral("serverTime"), serverTime}});
}

Result<ChangesPage> ChangesPage::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    ChangesPage p;
    const QJsonArray changes = r.array(QStringLiteral("changes"), MaxChangesPerPage);
    p.next = r.integer(QStringLiteral("next"), 0, qint64(MaxExactDouble));
    p.more = r.boolean(QStringLiteral("more"));
    p.serverTime = r.integer(QStringLiteral("serverTime"), 0, MaxTimeMs);
    if (!r.ok())
        return r.error();
    qint64 last = 0;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QString field = indexed(QStringLiteral("changes"), i);
        if (!changes.at(i).isObject())
            return invalid(field + QStringLiteral(" must be an object"));
        auto c = Change::fromJsonObject(changes.at(i).toObject(), field);
        if (!c)
            return c.error();
        if (c->seq <= last)
            return invalid(field + QStringLiteral(".seq must be higher than the one before"));
        last = c->seq;
        p.changes.append(c.value());
    }
    if (last > p.next)
        return invalid(QStringLiteral("next must not be lower than the last change's seq"));
    return p;
}

QByteArray writeChangesPage(const QList<StoredChange> &changes, qint64 next, bool more, qint64 serverTime)
{
    QByteArray out;
    out.reserve(64 + changes.size() * 256);
    out += "{\"changes\":[";
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const StoredChange &c = changes.at(i);
        if (i > 0)
            out += ',';
        out += "{\"seq\":" + QByteArray::number(c.seq) + ",\"type\":\"" + c.type + "\",\"" + c.type +
               "\":" + c.payload + '}';
    }
    out += "],\"next\":" + QByteArray::number(next) + ",\"more\":" + (more ? "true" : "false") +
           ",\"serverTime\":" + QByteArray::number(serverTime) + '}';
    return out;
}

QJsonObject MemberChange::toJsonObject() const
{
    QJsonObject o = fields.toJsonObject();
    o.insert(QStringLiteral("id"), id);
    if (!code.isEmpty())
        o.insert(QStringLiteral("code"), code);
    o.insert(QStringLiteral("phone"), phone);
    o.insert(QStringLiteral("status"), status);
    if (!mergedInto.isEmpty())
        o.insert(QStringLiteral("mergedInto"), mergedInto);
    o.insert(QStringLiteral("tier"), tier);
    o.insert(QStringLiteral("tierSince"), tierSince);
    o.insert(QStringLiteral("channel"), channel);
    o.insert(QStringLiteral("store"), store);
    o.insert(QStringLiteral("createdAt"), createdAt);
    o.insert(QStringLiteral("balance"), balance);
    o.insert(QStringLiteral("fieldHlc"), fieldHlc);
    if (erasedAt)
        o.insert(QStringLiteral("erasedAt"), *erasedAt);
    if (!previousPhones.isEmpty()) {
        QJsonArray a;
        for (const PreviousPhone &p : previousPhones)
            a.append(QJsonObject{{QStringLiteral("phone"), p.phone}, {QStringLiteral("until"), p.until}});
        o.insert(QStringLiteral("previousPhones"), a);
    }
    return o;
}

namespace {

QList<PreviousPhone> readPreviousPhones(Reader &r)
{
    QList<PreviousPhone> out;
    const QJsonArray a = r.array(QStringLiteral("previousPhones"), MaxPreviousPhones, false);
    for (qsizetype i = 0; i < a.size() && r.ok(); ++i) {
        const QString key = indexed(QStringLiteral("previousPhones"), i);
        if (!a.at(i).isObject()) {
            r.fail(key, QStringLiteral("must be an object"));
            break;
        }
        const QJsonObject o = a.at(i).toObject(); // Reader keeps a reference
        Reader item(o, r.path(key));
        PreviousPhone p;
        p.phone = item.string(QStringLiteral("phone"), 1, 16);
        if (item.ok() && !isE164(p.phone))
            item.fail(QStringLiteral("phone"), QStringLiteral("must be an E.164 number"));
        p.until = item.integer(QStringLiteral("until"), 0, MaxTimeMs);
        if (!item.ok()) {
            r.take(Result<PreviousPhone>(item.error()), p);
            break;
        }
        out.append(p);
    }
    return out;
}

} // namespace

Result<MemberChange> MemberChange::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    MemberChange m;
    m.id = r.uuid(QStringLiteral("id"));
    // Absent when the till's code was already another member's (the server then keeps the member without it).
    m.code = r.string(QStringLiteral("code"), MemberCode::Length, MemberCode::Length, false);
    if (r.has(QStringLiteral("erasedAt")))
        m.erasedAt = r.integer(QStringLiteral("erasedAt"), 0, MaxTimeMs);
    m.phone = r.string(QStringLiteral("phone"), m.erasedAt ? 0 : 1, 16);
    if (r.ok() && !(m.erasedAt && m.phone.isEmpty()) && !isE164(m.phone))
        r.fail(QStringLiteral("phone"), QStringLiteral("must be an E.164 number"));
    m.status = r.string(QStringLiteral("status"), 1, 16);
    if (r.ok())
        r.oneOf(QStringLiteral("status"), m.status, {"active", "merged", "closed"});
    if (r.ok() && m.erasedAt && m.status != QLatin1String("closed"))
        r.fail(QStringLiteral("status"), QStringLiteral("must be closed for an erased member"));
    m.mergedInto = r.uuid(QStringLiteral("mergedInto"), false);
    if (r.ok() && m.status == QLatin1String("merged") && m.mergedInto.isEmpty())
        r.fail(QStringLiteral("mergedInto"), QStringLiteral("is missing for a merged member"));
    m.tier = r.string(QStringLiteral("tier"), 1, 64);
    m.tierSince = r.integer(QStringLiteral("tierSince"), 0, MaxTimeMs);
    m.channel = r.string(QStringLiteral("channel"), 0, 16, false);
    m.store = r.string(QStringLiteral("store"), 0, 32, false);
    m.createdAt = r.integer(QStringLiteral("createdAt"), 0, MaxTimeMs);
    m.balance = r.integer(QStringLiteral("balance"), -MaxPoints * 1000, MaxPoints * 1000);
    m.fieldHlc = r.object(QStringLiteral("fieldHlc"), false);
    m.previousPhones = readPreviousPhones(r);
    if (!r.ok())
        return r.error();
    auto fields = MemberFields::fromJsonObject(o, field, false);
    if (!fields)
        return fields.error();
    m.fields = fields.value();
    return m;
}

QJsonObject EntryChange::toJsonObject() const
{
    QJsonObject o = entry.toJsonObject();
    o.insert(QStringLiteral("member"), member);
    if (!terminal.isEmpty())
        o.insert(QStringLiteral("terminal"), terminal);
    if (!store.isEmpty())
        o.insert(QStringLiteral("store"), store);
    if (!purchase.isEmpty())
        o.insert(QStringLiteral("purchase"), purchase);
    return o;
}

Result<EntryChange> EntryChange::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    EntryChange c;
    r.take(WireEntry::fromJsonObject(o, field, true), c.entry);
    c.member = r.uuid(QStringLiteral("member"));
    c.terminal = r.uuid(QStringLiteral("terminal"), false);
    c.store = r.string(QStringLiteral("store"), 0, 32, false);
    c.purchase = r.uuid(QStringLiteral("purchase"), false);
    if (!r.ok())
        return r.error();
    return c;
}

QJsonObject PurchaseChange::toJsonObject() const
{
    QJsonObject o = purchase.toJsonObject();
    o.insert(QStringLiteral("store"), store);
    o.insert(QStringLiteral("member"), member);
    o.insert(QStringLiteral("refundedMinor"), refundedMinor);
    o.insert(QStringLiteral("voided"), voided);
    return o;
}

Result<PurchaseChange> PurchaseChange::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    PurchaseChange c;
    r.take(WirePurchase::fromJsonObject(o, field), c.purchase);
    c.store = r.string(QStringLiteral("store"), 1, 32);
    c.member = r.uuid(QStringLiteral("member"));
    c.refundedMinor = r.integer(QStringLiteral("refundedMinor"), 0, MaxAmountMinor);
    c.voided = r.boolean(QStringLiteral("voided"));
    if (!r.ok())
        return r.error();
    return c;
}

QJsonObject MergeChange::toJsonObject() const
{
    return {{QStringLiteral("from"), from}, {QStringLiteral("into"), into}};
}

Result<MergeChange> MergeChange::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    MergeChange m;
    m.from = r.uuid(QStringLiteral("from"));
    m.into = r.uuid(QStringLiteral("into"));
    if (r.ok() && m.from == m.into)
        r.fail(QStringLiteral("into"), QStringLiteral("must differ from `from`"));
    if (!r.ok())
        return r.error();
    return m;
}

QJsonObject RulesChange::toJsonObject() const
{
    return {{QStringLiteral("version"), version}, {QStringLiteral("document"), document}};
}

Result<RulesChange> RulesChange::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    RulesChange c;
    c.version = r.string(QStringLiteral("version"), 1, MaxShortText);
    c.document = r.object(QStringLiteral("document"));
    if (!r.ok())
        return r.error();
    return c;
}

QJsonObject FlagChange::toJsonObject() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("kind"), kind},
                  {QStringLiteral("member"), member},
                  {QStringLiteral("balance"), balance},
                  {QStringLiteral("at"), at}};
    if (!opId.isEmpty())
        o.insert(QStringLiteral("opId"), opId);
    if (!terminal.isEmpty())
        o.insert(QStringLiteral("terminal"), terminal);
    return o;
}

Result<FlagChange> FlagChange::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    FlagChange f;
    f.id = r.uuid(QStringLiteral("id"));
    f.kind = r.string(QStringLiteral("kind"), 1, MaxShortText);
    f.member = r.uuid(QStringLiteral("member"));
    f.opId = r.uuid(QStringLiteral("opId"), false);
    f.terminal = r.uuid(QStringLiteral("terminal"), false);
    f.balance = r.integer(QStringLiteral("balance"), -MaxPoints * 1000, MaxPoints * 1000, false);
    f.at = r.integer(QStringLiteral("at"), 0, MaxTimeMs, false);
    if (!r.ok())
        return r.error();
    return f;
}

// ---- snapshot ----------------------------------------------------------------------------------------

QJsonObject SnapshotLot::toJsonObject() const
{
    QJsonObject o{{QStringLiteral("id"), id}, {QStringLiteral("points"), points}, {QStringLiteral("at"), at}};
    if (expiresAt)
        o.insert(QStringLiteral("expiresAt"), *expiresAt);
    return o;
}

Result<SnapshotLot> SnapshotLot::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    SnapshotLot lot;
    lot.id = r.uuid(QStringLiteral("id"));
    lot.points = r.integer(QStringLiteral("points"), -MaxPoints * 1000, MaxPoints * 1000);
    lot.at = r.integer(QStringLiteral("at"), 0, MaxTimeMs);
    lot.expiresAt = r.optionalInteger(QStringLiteral("expiresAt"), 0, MaxTimeMs * 2);
    if (!r.ok())
        return r.error();
    return lot;
}

QByteArray SnapshotMember::toJson() const
{
    QJsonArray lotArray;
    for (const SnapshotLot &l : lots)
        lotArray.append(l.toJsonObject());
    QJsonArray purchaseArray;
    for (const QJsonObject &p : purchases)
        purchaseArray.append(p);
    return compact({{QStringLiteral("member"), member},
                    {QStringLiteral("lots"), lotArray},
                    {QStringLiteral("purchases"), purchaseArray}});
}

Result<SnapshotMember> SnapshotMember::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    SnapshotMember m;
    m.member = r.object(QStringLiteral("member"));
    MemberChange check;
    if (r.ok())
        r.take(MemberChange::fromJsonObject(m.member, r.path(QStringLiteral("member"))), check);
    const QJsonArray lots = r.array(QStringLiteral("lots"), 100'000);
    qint64 sum = 0;
    for (qsizetype j = 0; j < lots.size() && r.ok(); ++j) {
        const QString lotField = indexed(r.path(QStringLiteral("lots")), j);
        if (!lots.at(j).isObject())
            return invalid(lotField + QStringLiteral(" must be an object"));
        SnapshotLot lot;
        r.take(SnapshotLot::fromJsonObject(lots.at(j).toObject(), lotField), lot);
        sum += lot.points;
        m.lots.append(lot);
    }
    if (r.ok() && sum != check.balance)
        r.fail(QStringLiteral("lots"), QStringLiteral("do not add up to the member's balance"));
    const QJsonArray purchases = r.array(QStringLiteral("purchases"), 100'000);
    for (qsizetype j = 0; j < purchases.size() && r.ok(); ++j) {
        const QString pf = indexed(r.path(QStringLiteral("purchases")), j);
        if (!purchases.at(j).isObject())
            return invalid(pf + QStringLiteral(" must be an object"));
        PurchaseChange pc;
        r.take(PurchaseChange::fromJsonObject(purchases.at(j).toObject(), pf), pc);
        m.purchases.append(purchases.at(j).toObject());
    }
    if (!r.ok())
        return r.error();
    return m;
}

QByteArray SnapshotPage::toJson() const
{
    QList<QByteArray> written;
    written.reserve(members.size());
    for (const SnapshotMember &m : members)
        written.append(m.toJson());
    return toJson(written);
}

QByteArray SnapshotPage::toJson(const QList<QByteArray> &writtenMembers) const
{
    // The page's own keys are written by QJsonDocument, and the members spliced in at the place the
    // sorted keys give them ("cursor" < "members" < "more"): the bytes of one document of it all.
    QByteArray out = compact({{QStringLiteral("cursor"), cursor}});
    out.chop(1);
    qsizetype size = out.size() + 32;
    for (const QByteArray &m : writtenMembers)
        size += m.size() + 1;
    QJsonObject rest{{QStringLiteral("more"), more}, {QStringLiteral("serverTime"), serverTime}};
    if (!next.isEmpty())
        rest.insert(QStringLiteral("next"), next);
    if (rules)
        rest.insert(QStringLiteral("rules"), rules->toJsonObject());
    const QByteArray tail = compact(rest);
    out.reserve(size + tail.size());
    out += ",\"members\":[";
    for (qsizetype i = 0; i < writtenMembers.size(); ++i) {
        if (i > 0)
            out += ',';
        out += writtenMembers.at(i);
    }
    out += "],";
    out.append(tail.constData() + 1, tail.size() - 1); // without its '{'

    return out;
}

Result<SnapshotPage> SnapshotPage::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    SnapshotPage p;
    const QJsonArray members = r.array(QStringLiteral("members"), MaxSnapshotMembersPerPage);
    p.cursor = r.integer(QStringLiteral("cursor"), 0, qint64(MaxExactDouble));
    p.next = r.uuid(QStringLiteral("next"), false);
    p.more = r.boolean(QStringLiteral("more"));
    p.serverTime = r.integer(QStringLiteral("serverTime"), 0, MaxTimeMs);
    if (r.has(QStringLiteral("rules")))
        r.take(RulesChange::fromJsonObject(r.object(QStringLiteral("rules")), QStringLiteral("rules")),
               p.rules);
    if (r.ok() && p.more && p.next.isEmpty())
        r.fail(QStringLiteral("next"), QStringLiteral("is missing while more pages follow"));
    for (qsizetype i = 0; i < members.size() && r.ok(); ++i) {
        const QString field = indexed(QStringLiteral("members"), i);
        if (!members.at(i).isObject()) {
            r.fail(field, QStringLiteral("must be an object"));
            break;
        }
        SnapshotMember m;
        r.take(SnapshotMember::fromJsonObject(members.at(i).toObject(), field), m);
        p.members.append(m);
    }
    if (!r.ok())
        return r.error();
    return p;
}

QByteArray HealthResponse::toJson() const
{
    return compact({{QStringLiteral("status"), status},
                    {QStringLiteral("version"), version},
                    {QStringLiteral("database"), database}});
}

Result<HealthResponse> HealthResponse::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    HealthResponse h;
    h.status = r.string(QStringLiteral("status"), 1, MaxShortText);
    h.version = r.string(QStringLiteral("version"), 0, MaxShortText);
    h.database = r.string(QStringLiteral("database"), 0, MaxReasonLength);
    if (!r.ok())
        return r.error();
    return h;
}

// ---- staff -------------------------------------------------------------------------------------------

namespace {

constexpr int MaxStaffPerStore = 2000;
constexpr int MaxPinIterations = 10'000'000;

// Base64 of 16..64 bytes (a salt, a PBKDF2 output); `out` is left empty when it is not.
void readPinBytes(Reader &r, const QString &key, QByteArray &out)
{
    const QString text = r.string(key, 1, 100);
    if (!r.ok())
        return;
    out = QByteArray::fromBase64(text.toLatin1());
    if (!isBase64Text(text) || out.size() < 16 || out.size() > 64) {
        out.clear();
        r.fail(key, QStringLiteral("must be 16 to 64 bytes in base64"));
    }
}

} // namespace

QJsonObject StaffEntry::toJsonObject() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("role"), role},
                  {QStringLiteral("active"), active},
                  {QStringLiteral("changedAt"), changedAt}};
    if (active) {
        o.insert(QStringLiteral("pinHash"), QString::fromLatin1(pinHash.toBase64()));
        o.insert(QStringLiteral("pinSalt"), QString::fromLatin1(pinSalt.toBase64()));
        o.insert(QStringLiteral("pinIterations"), pinIterations);
    }
    return o;
}

Result<StaffEntry> StaffEntry::fromJsonObject(const QJsonObject &o, const QString &field)
{
    Reader r(o, field);
    StaffEntry e;
    e.id = r.string(QStringLiteral("id"), 1, 32);
    if (r.ok() && !isStaffId(e.id))
        r.fail(QStringLiteral("id"), QStringLiteral("must be letters, digits, '.', '_' or '-'"));
    e.name = r.string(QStringLiteral("name"), 1, MaxNameLength);
    e.role = r.string(QStringLiteral("role"), 1, 16);
    if (r.ok())
        r.oneOf(QStringLiteral("role"), e.role, {"cashier", "manager"});
    e.active = r.boolean(QStringLiteral("active"));
    e.changedAt = r.integer(QStringLiteral("changedAt"), 0, MaxTimeMs);
    if (r.ok() && e.active) {
        readPinBytes(r, QStringLiteral("pinHash"), e.pinHash);
        readPinBytes(r, QStringLiteral("pinSalt"), e.pinSalt);
        e.pinIterations = int(r.integer(QStringLiteral("pinIterations"), 1000, MaxPinIterations));
    }
    if (!r.ok())
        return r.error();
    return e;
}

QByteArray StaffRoster::toJson() const
{
    QJsonObject o{{QStringLiteral("store"), store},
                  {QStringLiteral("version"), version},
                  {QStringLiteral("serverTime"), serverTime}};
    if (staff) {
        QJsonArray a;
        for (const StaffEntry &e : *staff)
            a.append(e.toJsonObject());
        o.insert(QStringLiteral("staff"), a);
    }
    return compact(o);
}

Result<StaffRoster> StaffRoster::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    StaffRoster roster;
    roster.store = r.string(QStringLiteral("store"), 1, 32);
    roster.version = r.string(QStringLiteral("version"), 1, 128);
    roster.serverTime = r.integer(QStringLiteral("serverTime"), 0, MaxTimeMs);
    if (r.ok() && r.has(QStringLiteral("staff"))) {
        const QJsonArray a = r.array(QStringLiteral("staff"), MaxStaffPerStore);
        QList<StaffEntry> list;
        QSet<QString> seen;
        for (qsizetype i = 0; i < a.size() && r.ok(); ++i) {
            const QString at = QStringLiteral("staff[%1]").arg(i);
            std::optional<StaffEntry> e;
            r.take(StaffEntry::fromJsonObject(a.at(i).toObject(), r.path(at)), e);
            if (e && !seen.contains(e->id)) {
                seen.insert(e->id);
                list.append(*e);
            } else if (e) {
                r.fail(at, QStringLiteral("names a staff id twice"));
            }
        }
        roster.staff = list;
    }
    if (!r.ok())
        return r.error();
    return roster;
}

constexpr int MaxChainKeys = 10000; // a rotation per removed terminal: a chain's whole life

QByteArray ChainKeySet::toJson() const
{
    QJsonArray a;
    for (const WrappedChainKey &k : keys)
        a.append(QJsonObject{{QStringLiteral("kid"), k.kid},
                             {QStringLiteral("wrapped"), QString::fromLatin1(k.wrapped.toBase64())}});
    return compact(QJsonObject{{QStringLiteral("keys"), a}, {QStringLiteral("serverTime"), serverTime}});
}

Result<ChainKeySet> ChainKeySet::fromJson(const QByteArray &json)
{
    auto o = parseJsonObject(json);
    if (!o)
        return o.error();
    Reader r(*o, {});
    ChainKeySet set;
    set.serverTime = r.integer(QStringLiteral("serverTime"), 0, MaxTimeMs);
    const QJsonArray a = r.array(QStringLiteral("keys"), MaxChainKeys);
    for (qsizetype i = 0; i < a.size() && r.ok(); ++i) {
        const QString at = QStringLiteral("keys[%1]").arg(i);
        const QJsonObject item = a.at(i).toObject();
        Reader k(item, r.path(at));
        WrappedChainKey key;
        key.kid = k.integer(QStringLiteral("kid"), 1, std::numeric_limits<quint32>::max());
        const QString wrapped = k.string(QStringLiteral("wrapped"), 1, 256);
        if (k.ok() && !isBase64Text(wrapped))
            k.fail(QStringLiteral("wrapped"), QStringLiteral("must be base64"));
        key.wrapped = QByteArray::fromBase64(wrapped.toLatin1());
        if (!k.ok())
            return k.error();
        if (!set.keys.isEmpty() && key.kid <= set.keys.last().kid)
            r.fail(at, QStringLiteral("must come after the key before it (oldest first)"));
        set.keys.append(key);
    }
    if (!r.ok())
        return r.error();
    return set;
}

} // namespace counterpart::sync
