#include "cli/Context.h"

#include "core/Money.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace counterpart::cli {

Context::Context(const Io &io)
    : Console(io)
{}

Status Context::openTill(const QCommandLineParser &parser, const std::optional<TillConfig> &initial,
                         bool fastWrites)
{
    const QString now = parser.value(QStringLiteral("now"));
    // Seeding moves time itself, so it always runs on a clock it can set.
    m_useManualClock = !now.isEmpty() || fastWrites;
    m_manualClock.setMs(m_systemClock.nowMs());
    if (!now.isEmpty() && initial) {
        auto ms = parseNow(now, initial->timeZone);
        if (!ms)
            return ms.error();
        m_manualClock.setMs(ms.value());
    }
    TillOptions options;
    options.keyFile = parser.value(QStringLiteral("key-file"));
    options.unsafeFastWrites = fastWrites;
    const Clock &clock = m_useManualClock ? static_cast<const Clock &>(m_manualClock) : m_systemClock;
    auto till = Till::open(m_dbPath, clock, options, initial);
    if (!till)
        return till.error();
    m_till = std::move(till.value());
    if (!now.isEmpty() && !initial) {
        // Without an offset, --now is the store's local time, known once the till is open.
        auto ms = parseNow(now, m_till->config().timeZone);
        if (!ms)
            return ms.error();
        m_manualClock.setMs(ms.value());
    }
    return {};
}

Result<qint64> Context::parseNow(const QString &text, const QByteArray &zone) const
{
    const QTimeZone tz(zone);
    QDateTime t = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!t.isValid()) {
        const QDate d = QDate::fromString(text.trimmed(), Qt::ISODate);
        if (d.isValid())
            t = d.startOfDay(tz);
    }
    if (!t.isValid())
        return makeError(ErrorCode::InvalidInput,
                         tr("--now needs a time written as ISO 8601, such as 2026-03-08T10:00:00+08:00."));
    if (t.timeSpec() == Qt::LocalTime)
        t = QDateTime(t.date(), t.time(), tz);
    return t.toMSecsSinceEpoch();
}

QString Context::number(qint64 n) const
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(n);
}

QString Context::money(qint64 minor) const
{
    return Money(minor, m_till ? m_till->config().currency : QStringLiteral("CNY")).toDisplayString();
}

QString Context::points(qint64 n) const
{
    return n == 1 || n == -1 ? tr("%1 point").arg(number(n)) : tr("%1 points").arg(number(n));
}

QString Context::localTime(qint64 ms) const
{
    const QTimeZone zone(m_till ? m_till->config().timeZone : QByteArrayLiteral("UTC"));
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString Context::isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString Context::tierName(const QString &tierId) const
{
    const Tier *tier = m_till ? m_till->rules().tier(tierId) : nullptr;
    return tier ? tier->name.text(m_language) : tierId;
}

QString Context::rewardName(const QString &rewardId) const
{
    if (rewardId == QLatin1String("discount"))
        return tr("Points off the bill");
    const Reward *reward = m_till ? m_till->rules().reward(rewardId) : nullptr;
    return reward ? reward->name.text(m_language) : rewardId;
}

QString Context::memberNumber(const Member &member) const
{
    return member.code.isEmpty() ? tr("none") : member.code.grouped();
}

QString Context::maskedPhone(const Member &member) const
{
    return member.phone.masked(m_till ? m_till->config().region : QStringLiteral("CN"));
}

QJsonObject Context::memberJson(const Member &m) const
{
    QJsonObject o{
        {QStringLiteral("id"), m.id.toString()},
        {QStringLiteral("code"), m.code.isEmpty() ? QJsonValue() : QJsonValue(m.code.digits())},
        {QStringLiteral("phone"), maskedPhone(m)},
        {QStringLiteral("phoneLast4"), m.phone.lastFour()},
        {QStringLiteral("name"), m.name},
        {QStringLiteral("gender"), m.gender},
        {QStringLiteral("tier"), m.tier},
        {QStringLiteral("tierName"), tierName(m.tier)},
        {QStringLiteral("balance"), m.balance},
        {QStringLiteral("status"), m.status},
        {QStringLiteral("channel"), m.channel},
        {QStringLiteral("marketingConsent"), m.marketingConsent},
        {QStringLiteral("note"), m.note},
        {QStringLiteral("visits"), m.visits},
        {QStringLiteral("createdAt"), isoUtc(m.createdAtMs)},
    };
    if (m.birthMonth && m.birthDay) {
        o.insert(QStringLiteral("birthMonth"), *m.birthMonth);
        o.insert(QStringLiteral("birthDay"), *m.birthDay);
    }
    if (m.lastVisitAtMs)
        o.insert(QStringLiteral("lastVisitAt"), isoUtc(*m.lastVisitAtMs));
    return o;
}

void Context::printMember(const Member &m, const QList<std::pair<QString, QString>> &more)
{
    line(QStringLiteral("%1  ·  %2").arg(m.name, tierName(m.tier)));
    QList<std::pair<QString, QString>> rows = {
        {tr("Member code"), memberNumber(m)},
        {tr("Phone"), maskedPhone(m)},
        {tr("Balance"), points(m.balance)},
        {tr("Joined"), localTime(m.createdAtMs).left(10)},
    };
    if (m.birthMonth && m.birthDay)
        rows.append({tr("Birthday"), QStringLiteral("%1-%2")
                                         .arg(*m.birthMonth, 2, 10, QLatin1Char('0'))
                                         .arg(*m.birthDay, 2, 10, QLatin1Char('0'))});
    if (m.lastVisitAtMs)
        rows.append({tr("Last visit"), localTime(*m.lastVisitAtMs)});
    if (!m.note.isEmpty())
        rows.append({tr("Note"), m.note});
    if (m.status != QLatin1String("active"))
        rows.append({tr("Status"), m.status});
    keyValues(rows + more);
}

void Context::printMemberRows(const QList<Member> &members)
{
    QList<QStringList> rows;
    for (const Member &m : members)
        rows.append({memberNumber(m), m.name, maskedPhone(m), tierName(m.tier), number(m.balance)});
    table({tr("Code"), tr("Name"), tr("Phone"), tr("Tier"), tr("Points")}, rows, {4});
}

Result<qint64> Context::parseMoney(const QString &text) const
{
    auto parsed = Money::parse(text, m_till->config().currency);
    if (!parsed)
        return parsed.error();
    return parsed->minor();
}

Result<qint64> Context::parseInteger(const QString &text, const QString &what, qint64 min, qint64 max) const
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        return makeError(ErrorCode::InvalidInput,
                         tr("%1 must be a whole number from %2 to %3.").arg(what, number(min), number(max)));
    return value;
}

QString Context::signedOffset(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    return (seconds >= 0 ? QStringLiteral("+") : QString()) + QString::number(seconds) + QStringLiteral(" s");
}

Status Context::moneyOption(const QCommandLineParser &parser, const QString &name, qint64 &value) const
{
    if (!parser.isSet(name))
        return {};
    CP_TRY_ASSIGN(value, parseMoney(parser.value(name)));
    return {};
}

Status Context::integerOption(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max,
                              qint64 &value) const
{
    if (!parser.isSet(name))
        return {};
    CP_TRY_ASSIGN(value, parseInteger(parser.value(name), QStringLiteral("--") + name, min, max));
    return {};
}

Status Context::dateOption(const QCommandLineParser &parser, const QString &name,
                           std::optional<QDate> &value) const
{
    if (!parser.isSet(name))
        return {};
    const QDate date = QDate::fromString(parser.value(name).trimmed(), Qt::ISODate);
    if (!date.isValid())
        return makeError(ErrorCode::InvalidInput, tr("--%1 is a date written as YYYY-MM-DD.").arg(name));
    value = date;
    return {};
}

Result<Member> Context::member(const QCommandLineParser &parser)
{
    return m_till->resolve(parser.value(QStringLiteral("member")));
}

} // namespace counterpart::cli
