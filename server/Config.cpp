#include "server/Config.h"

#include <QFileInfo>
#include <QSettings>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <array>

namespace counterpart::server {

namespace {

Error bad(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

Status parseListen(const QString &text, ServerConfig &c)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return bad(QStringLiteral("--listen must be HOST:PORT, e.g. 127.0.0.1:8443 or 0.0.0.0:8443"));
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return bad(QStringLiteral("--listen: %1 is not a port number").arg(text.mid(colon + 1)));
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    c.listenHost = host;
    c.listenPort = quint16(port);
    return {};
}

Status number(const QString &key, const QString &value, int min, int max, int &out)
{
    bool ok = false;
    const int n = value.toInt(&ok);
    if (!ok || n < min || n > max)
        return bad(QStringLiteral("%1 must be a number from %2 to %3").arg(key).arg(min).arg(max));
    out = n;
    return {};
}

bool truthy(const QString &v)
{
    return v == QLatin1String("1") || v.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 ||
           v.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0 ||
           v.compare(QLatin1String("on"), Qt::CaseInsensitive) == 0;
}

// The settings that are a path or a word, taken as written.
struct TextSetting {
    const char *key;
    QString ServerConfig::*field;
};
constexpr TextSetting TextSettings[] = {
    {"data", &ServerConfig::dataDir},
    {"database", &ServerConfig::database},
    {"snapshots", &ServerConfig::snapshotsDir},
    {"cert", &ServerConfig::certFile},
    {"key", &ServerConfig::keyFile},
};

// The settings that are a whole number within bounds.
struct NumberSetting {
    const char *key;
    int min;
    int max;
    int ServerConfig::*field;
};
constexpr NumberSetting NumberSettings[] = {
    {"threads", 0, 256, &ServerConfig::threads},
    {"io-threads", 1, 64, &ServerConfig::ioThreads},
    {"max-connections", 16, 1'000'000, &ServerConfig::maxConnections},
    {"max-connections-per-address", 1, 1'000'000, &ServerConfig::maxConnectionsPerAddress},
    {"header-timeout", 1, 3600, &ServerConfig::headerTimeoutSeconds},
    {"request-timeout", 1, 3600, &ServerConfig::requestTimeoutSeconds},
    {"enrol-attempts-per-address", 1, 100'000, &ServerConfig::enrolPerAddressPerMinute},
    {"enrol-attempts-per-code", 1, 100'000, &ServerConfig::enrolPerCodePerMinute},
    {"terminal-day-points", 0, 1'000'000'000, &ServerConfig::terminalDayPoints},
};

// The settings that take one of a few words.
struct ChoiceSetting {
    const char *key;
    std::array<const char *, 3> choices;
    QString ServerConfig::*field;
};
constexpr ChoiceSetting ChoiceSettings[] = {
    {"log-level", {"warning", "info", "debug"}, &ServerConfig::logLevel},
    {"database-tls", {"off", "verify-ca", "verify-full"}, &ServerConfig::databaseTls},
};

Status applyChoice(ServerConfig &c, const ChoiceSetting &setting, const QString &value)
{
    const auto &[first, second, third] = setting.choices;
    if (value != QLatin1String(first) && value != QLatin1String(second) && value != QLatin1String(third))
        return bad(QStringLiteral("%1 must be %2, %3 or %4")
                       .arg(QLatin1String(setting.key), QLatin1String(first), QLatin1String(second),
                            QLatin1String(third)));
    c.*setting.field = value;
    return {};
}

Status apply(ServerConfig &c, const QString &key, const QString &value)
{
    if (key == QLatin1String("listen"))
        return parseListen(value, c);
    if (key == QLatin1String("insecure-http")) {
        c.insecureHttp = truthy(value);
        return {};
    }
    for (const TextSetting &setting : TextSettings) {
        if (key == QLatin1String(setting.key)) {
            c.*setting.field = value;
            return {};
        }
    }
    for (const NumberSetting &setting : NumberSettings) {
        if (key == QLatin1String(setting.key))
            return number(key, value, setting.min, setting.max, c.*setting.field);
    }
    for (const ChoiceSetting &setting : ChoiceSettings) {
        if (key == QLatin1String(setting.key))
            return applyChoice(c, setting, value);
    }
    return bad(QStringLiteral("unknown setting %1").arg(key));
}

bool isLocalHost(const QString &host)
{
    return host.isEmpty() || host.startsWith(QLatin1Char('/')) || host == QLatin1String("localhost") ||
           host == QLatin1String("127.0.0.1") || host == QLatin1String("::1");
}

} // namespace

Result<QString> ServerConfig::postgresUrlWithTls(const QString &url, const QString &databaseTls)
{
    const QUrl parsed(url);
    const QUrlQuery query(parsed);
    const QString given = query.queryItemValue(QStringLiteral("sslmode"));
    const QStringList verified{QStringLiteral("disable"), QStringLiteral("verify-ca"),
                               QStringLiteral("verify-full")};
    if (!given.isEmpty() && !verified.contains(given))
        return bad(
            QStringLiteral("The database URL asks for sslmode=%1, which does not check the database "
                           "server's certificate. Use sslmode=verify-full (or database-tls = verify-full), "
                           "or sslmode=disable for a database on this host.")
                .arg(given));
    QString mode;
    if (!databaseTls.isEmpty())
        mode = databaseTls == QLatin1String("off") ? QStringLiteral("disable") : databaseTls;
    if (!given.isEmpty() && !mode.isEmpty() && given != mode)
        return bad(QStringLiteral("The database URL says sslmode=%1 but database-tls says %2: say it once.")
                       .arg(given, databaseTls));
    if (!given.isEmpty())
        return url;
    if (mode.isEmpty()) {
        QString host = parsed.host();
        if (host.isEmpty())
            host = query.queryItemValue(QStringLiteral("host"));
        if (host.isEmpty())
            host = qEnvironmentVariable("PGHOST");
        mode = isLocalHost(host) ? QStringLiteral("disable") : QStringLiteral("verify-full");
    }
    return QString(url + (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                   QStringLiteral("sslmode=") + mode);
}

QString ServerConfig::usage()
{
    return QStringLiteral(
        "Usage: counterpart-server [--config FILE] [--data DIR] [--database URL] [--listen HOST:PORT]\n"
        "                          [--cert FILE --key FILE | --insecure-http] [--threads N]\n"
        "       counterpart-server [--data DIR | --database URL] admin COMMAND ...\n"
        "\n"
        "Serves the Counterpart sync protocol over HTTPS.\n"
        "  --data DIR         folder for the embedded database (DIR/server.db)\n"
        "  --database URL     postgresql://user:password@host:port/dbname (or postgresql:// with PG* "
        "variables),\n"
        "                     or sqlite:PATH\n"
        "  --listen HOST:PORT where to listen (default 127.0.0.1:8443; port 0 picks a free one)\n"
        "  --cert, --key      TLS certificate chain and private key (PEM)\n"
        "  --insecure-http    plain HTTP, for tests on loopback only\n"
        "  --threads N        request threads (default: one per CPU core)\n"
        "  --snapshots DIR    where counterpart-snapshot publishes the stores' snapshot files\n"
        "                     (default DATA/snapshots)\n"
        "  --database-tls off|verify-ca|verify-full   TLS to PostgreSQL (default: off on this host,\n"
        "                     verify-full to any other)\n"
        "  --max-connections N, --max-connections-per-address N, --io-threads N,\n"
        "  --header-timeout S, --request-timeout S, --enrol-attempts-per-address N,\n"
        "  --enrol-attempts-per-code N, --terminal-day-points N,\n"
        "  --log-level warning|info|debug   see docs/server.md\n"
        "  --config FILE      INI file with the same keys as the flags (listen, data, database, ...);\n"
        "                     flags override it\n"
        "\n"
        "Admin commands:\n"
        "  admin store-add --id ID --name NAME --region CN --timezone Asia/Shanghai --currency CNY\n"
        "  admin stores\n"
        "  admin enrol-code --store ID [--valid-hours 24]\n"
        "  admin terminals\n"
        "  admin disable-terminal ID | admin enable-terminal ID\n"
        "  admin rules-install FILE\n"
        "  admin expire                 the expiry sweep, now\n"
        "  admin evaluate-tiers         the tier evaluation, now\n"
        "  admin jobs [--run]           the scheduled jobs; --run runs what is due (the timer's command)\n"
        "  admin flags\n"
        "  admin keys | admin rotate-keys   the chain's keys for ID numbers and birth dates\n"
        "  admin erase-member ID|CODE|+PHONE  a member's personal data, at their request\n");
}

Result<ServerConfig> ServerConfig::fromArguments(const QStringList &arguments)
{
    ServerConfig c;
    // The config file first, so flags given anywhere override it.
    for (qsizetype i = 0; i + 1 < arguments.size(); ++i) {
        if (arguments.at(i) == QLatin1String("admin"))
            break;
        if (arguments.at(i) != QLatin1String("--config"))
            continue;
        const QString file = arguments.at(i + 1);
        if (!QFileInfo(file).isReadable())
            return bad(QStringLiteral("Cannot read the configuration file %1.").arg(file));
        QSettings ini(file, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError)
            return bad(QStringLiteral("The configuration file %1 is not a valid INI file.").arg(file));
        for (const QString &key : ini.allKeys()) {
            const QString name = key.startsWith(QLatin1String("General/")) ? key.mid(8) : key;
            CP_TRY(apply(c, name, ini.value(key).toString()));
        }
    }
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("admin")) {
            c.admin = arguments.mid(i + 1);
            if (c.admin.isEmpty())
                return bad(QStringLiteral("admin needs a command.\n\n") + usage());
            break;
        }
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            c.help = true;
            continue;
        }
        if (a == QLatin1String("--insecure-http")) {
            c.insecureHttp = true;
            continue;
        }
        if (!a.startsWith(QLatin1String("--")))
            return bad(QStringLiteral("Unexpected argument %1.\n\n").arg(a) + usage());
        QString key = a.mid(2);
        QString value;
        const qsizetype eq = key.indexOf(QLatin1Char('='));
        if (eq >= 0) {
            value = key.mid(eq + 1);
            key = key.left(eq);
        } else {
            if (i + 1 >= arguments.size())
                return bad(QStringLiteral("%1 needs a value.").arg(a));
            value = arguments.at(++i);
        }
        if (key == QLatin1String("config"))
            continue;
        CP_TRY(apply(c, key, value));
    }
    if (c.database.startsWith(QLatin1String("postgres"))) {
        auto url = postgresUrlWithTls(c.database, c.databaseTls);
        if (!url)
            return url.error();
        c.database = url.value();
    } else if (!c.databaseTls.isEmpty() && !c.database.isEmpty() && c.databaseTls != QLatin1String("off")) {
        return bad(QStringLiteral("database-tls applies to a PostgreSQL database only."));
    }
    if (c.threads == 0)
        c.threads = std::max(1, QThread::idealThreadCount());
    if (c.snapshotsDir.isEmpty() && !c.dataDir.isEmpty())
        c.snapshotsDir = c.dataDir + QStringLiteral("/snapshots");
    return c;
}

} // namespace counterpart::server
