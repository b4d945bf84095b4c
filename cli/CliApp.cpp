#include "cli/CliApp.h"

#include "core/Money.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimeZone>
#include <QTranslator>

#ifdef Q_OS_UNIX
#include <termios.h>
#include <unistd.h>
#endif

namespace counterpart::cli {

namespace {

// Terminal columns a string takes: East Asian wide characters (Chinese names) take two, so tables
// stay aligned.
int displayWidth(const QString &text)
{
    int width = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isLowSurrogate())
            continue;
        const char32_t u = c.isHighSurrogate() && i + 1 < text.size()
                               ? QChar::surrogateToUcs4(c, text.at(i + 1))
                               : char32_t(c.unicode());
        const auto category = QChar::category(u);
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing || u == 0x200B)
            continue;
        const bool wide =
            (u >= 0x1100 && u <= 0x115F) || (u >= 0x2E80 && u <= 0xA4CF) || (u >= 0xAC00 && u <= 0xD7A3) ||
            (u >= 0xF900 && u <= 0xFAFF) || (u >= 0xFE30 && u <= 0xFE4F) || (u >= 0xFF00 && u <= 0xFF60) ||
            (u >= 0xFFE0 && u <= 0xFFE6) || (u >= 0x1F300 && u <= 0x1FAFF) || (u >= 0x20000 && u <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

QString pad(const QString &text, int width, bool right = false)
{
    const QString spaces(qMax(0, width - displayWidth(text)), QLatin1Char(' '));
    return right ? spaces + text : text + spaces;
}

// One line for a table cell: line breaks in notes or reasons would break the layout.
QString oneLine(const QString &text)
{
    QString out = text;
    out.replace(QLatin1Char('\n'), QLatin1Char(' '));
    out.replace(QLatin1Char('\r'), QLatin1Char(' '));
    out.replace(QLatin1Char('\t'), QLatin1Char(' '));
    return out;
}

QString errorCodeId(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return QStringLiteral("invalid_input");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Refused:
        return QStringLiteral("refused");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission_denied");
    case ErrorCode::Storage:
        return QStringLiteral("storage");
    case ErrorCode::Crypto:
        return QStringLiteral("crypto");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

} // namespace

CliApp::CliApp(const Io &io)
    : m_io(io)
    , m_out(io.out)
    , m_err(io.err)
{}

CliApp::~CliApp()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

QList<QCommandLineOption> CliApp::globalOptions() const
{
    return {
        QCommandLineOption(QStringLiteral("db"),
                           tr("The till database (default: $COUNTERPART_DB, else ./counterpart.db)."),
                           tr("FILE")),
        QCommandLineOption(QStringLiteral("key-file"),
                           tr("The key for encrypted fields (default: $COUNTERPART_KEY_FILE, else "
                              "Counterpart/keys/<database id>.key in the user's data folder)."),
                           tr("FILE")),
        QCommandLineOption(QStringLiteral("json"), tr("Print one JSON document on standard output.")),
        QCommandLineOption(QStringLiteral("now"),
                           tr("Run as if it were this time (ISO 8601; without an offset, the store's local "
                              "time). For scripts and tests."),
                           tr("TIME")),
        QCommandLineOption(QStringLiteral("lang"), tr("Language of messages: en or zh_CN."), tr("LANG")),
        QCommandLineOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, tr("Show this help.")),
    };
}

int CliApp::run(const QStringList &arguments)
{
    // The library logs what it did for the till's log file; a command-line tool says it in words.
    QLoggingCategory::setFilterRules(QStringLiteral("counterpart.*.debug=false\ncounterpart.*.info=false"));

    const QStringList args = arguments.mid(1);
    const QStringList globalsWithValue = {QStringLiteral("db"), QStringLiteral("key-file"),
                                          QStringLiteral("now"), QStringLiteral("lang")};
    // The command is the first word that is not an option or a global option's value.
    int commandIndex = -1;
    QString language;
    bool help = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--"))
            break;
        if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            QString name = a.mid(a.startsWith(QLatin1String("--")) ? 2 : 1);
            QString value;
            const qsizetype eq = name.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                value = name.mid(eq + 1);
                name = name.left(eq);
            } else if (globalsWithValue.contains(name) && i + 1 < args.size()) {
                value = args[++i];
            }
            if (name == QLatin1String("lang"))
                language = value;
            help = help || name == QLatin1String("help") || name == QLatin1String("h");
            continue;
        }
        commandIndex = i;
        break;
    }
    installTranslator(language);

    if (commandIndex < 0) {
        if (help) {
            printGeneralHelp();
            return ExitOk;
        }
        return usageError(nullptr, tr("say which command to run."));
    }
    QString name = args[commandIndex];
    if (name == QLatin1String("help")) {
        printGeneralHelp();
        return ExitOk;
    }
    const QList<Command> all = commands();
    const Command *command = nullptr;
    for (const Command &c : all) {
        if (c.name == name)
            command = &c;
    }
    if (!command)
        return usageError(nullptr, tr("there is no command \"%1\".").arg(name.left(40)));

    QStringList rest = args;
    rest.removeAt(commandIndex);
    rest.prepend(programName());
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions(globalOptions());
    parser.addOptions(command->options);
    if (!parser.parse(rest))
        return usageError(command, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        printCommandHelp(*command, parser);
        return ExitOk;
    }
    m_json = parser.isSet(QStringLiteral("json"));
    if (parser.isSet(QStringLiteral("lang"))) {
        const QString lang = parser.value(QStringLiteral("lang"));
        if (lang != QLatin1String("en") && lang != QLatin1String("zh_CN"))
            return usageError(command, tr("--lang is en or zh_CN."));
        m_language = lang;
    }
    const QStringList positional = parser.positionalArguments();
    if (!command->positional && !positional.isEmpty())
        return usageError(command, tr("unexpected argument \"%1\".").arg(positional.front().left(40)));
    if (positional.size() > command->maxPositional)
        return usageError(command, command->maxPositional == 1
                                       ? tr("give the text to search as one argument (in quotes).")
                                       : tr("too many arguments."));
    for (const QString &option : command->required) {
        if (!parser.isSet(option))
            return usageError(command, tr("--%1 is required.").arg(option));
    }
    if (!command->oneOf.isEmpty()) {
        int given = int(positional.size());
        for (const QString &option : command->oneOf)
            given += parser.isSet(option) ? 1 : 0;
        if (given != 1) {
            QStringList names;
            for (const QString &option : command->oneOf)
                names << QStringLiteral("--") + option;
            return usageError(command, command->positional
                                           ? tr("give one of %1, or a text to search.").arg(names.join(u", "))
                                           : tr("give one of %1.").arg(names.join(u", ")));
        }
    }

    m_dbPath = parser.value(QStringLiteral("db"));
    if (m_dbPath.isEmpty())
        m_dbPath = qEnvironmentVariable("COUNTERPART_DB");
    if (m_dbPath.isEmpty())
        m_dbPath = QStringLiteral("counterpart.db");

    if (!command->createsDatabase) {
        if (!QFileInfo::exists(m_dbPath))
            return failMessage(tr("There is no till database at %1. Set one up with: %2 --db %1 init")
                                   .arg(QDir::toNativeSeparators(m_dbPath), programName()),
                               ErrorCode::NotFound);
        if (Status opened = openTill(*command, parser); !opened)
            return fail(opened.error());
    }
    return (this->*command->handler)(parser);
}

Status CliApp::openTill(const Command &command, const QCommandLineParser &parser)
{
    return openTillWith(parser, std::nullopt, command.name == QLatin1String("seed"));
}

Status CliApp::openTillWith(const QCommandLineParser &parser, const std::optional<TillConfig> &initial,
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

Result<qint64> CliApp::parseNow(const QString &text, const QByteArray &zone) const
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

void CliApp::installTranslator(const QString &language)
{
    // An unknown language is reported once the command line is parsed; messages before that are English.
    // English loads its file too: it holds the plural forms of counted messages ("1 row", "2 rows").
    const QString lang = language == QLatin1String("zh_CN") ? language : QStringLiteral("en");
    // The compiled translations are embedded in the app layer's resources.
    auto translator = std::make_unique<QTranslator>();
    if (translator->load(QStringLiteral(":/counterpart/i18n/counterpart_") + lang + QStringLiteral(".qm"))) {
        QCoreApplication::installTranslator(translator.get());
        m_translator = std::move(translator);
    }
}

// --- output ---------------------------------------------------------------------------------------------

int CliApp::usageError(const Command *command, const QString &message)
{
    endProgress();
    m_err << programName() << ": " << message << '\n';
    if (command) {
        m_err << tr("Usage: %1 [global options] %2 %3").arg(programName(), command->name, command->synopsis)
              << '\n';
        m_err << tr("Run \"%1 %2 --help\" for more.").arg(programName(), command->name) << '\n';
    } else {
        m_err << tr("Usage: %1 [--db FILE] [--json] COMMAND [options]").arg(programName()) << '\n';
        m_err << tr("Run \"%1 --help\" for the list of commands.").arg(programName()) << '\n';
    }
    m_err.flush();
    return ExitUsage;
}

int CliApp::fail(const Error &error)
{
    endProgress();
    QString message = error.message.simplified();
    if (message.isEmpty())
        message = tr("Something went wrong (%1).").arg(errorCodeId(error.code));
    if (m_json) {
        m_out << QJsonDocument(QJsonObject{{QStringLiteral("ok"), false},
                                           {QStringLiteral("error"),
                                            QJsonObject{{QStringLiteral("code"), errorCodeId(error.code)},
                                                        {QStringLiteral("message"), message}}}})
                     .toJson(QJsonDocument::Indented);
        m_out.flush();
    }
    m_err << programName() << ": " << message << '\n';
    // For support: the technical detail (an SQLite result code, never personal data) on request.
    if (!error.detail.isEmpty() && qEnvironmentVariableIsSet("COUNTERPART_DEBUG"))
        m_err << programName() << ": (" << error.detail << ")\n";
    m_err.flush();
    return ExitRefused;
}

int CliApp::failMessage(const QString &message, ErrorCode code)
{
    return fail(makeError(code, message));
}

int CliApp::printJson(QJsonObject object)
{
    if (!object.contains(QStringLiteral("ok")))
        object.insert(QStringLiteral("ok"), true);
    m_out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    m_out.flush();
    return ExitOk;
}

void CliApp::printGeneralHelp()
{
    m_out << tr("Usage: %1 [global options] COMMAND [options]").arg(programName()) << "\n\n";
    m_out << tr("The technician's tool for a Counterpart till database.") << "\n\n";
    m_out << tr("Commands:") << '\n';
    const QList<Command> all = commands();
    int width = 0;
    for (const Command &c : all)
        width = qMax(width, int(c.name.size()));
    for (const Command &c : all)
        m_out << "  " << pad(c.name, width + 2) << c.summary << '\n';
    m_out << '\n' << tr("Global options:") << '\n';
    m_out << "  --db FILE        "
          << tr("the till database (default: $COUNTERPART_DB, else ./counterpart.db)") << '\n';
    m_out << "  --key-file FILE  " << tr("the key for encrypted fields (default: $COUNTERPART_KEY_FILE)")
          << '\n';
    m_out << "  --json           " << tr("print one JSON document on standard output") << '\n';
    m_out << "  --now TIME       " << tr("run as if it were this time (ISO 8601), for scripts and tests")
          << '\n';
    m_out << "  --lang LANG      " << tr("en or zh_CN") << '\n';
    m_out << '\n'
          << tr("Exit status: 0 done, 1 refused or invalid request, 2 wrong command line.") << '\n'
          << tr("Run \"%1 COMMAND --help\" for a command's options.").arg(programName()) << '\n';
    m_out.flush();
}

void CliApp::printCommandHelp(const Command &command, const QCommandLineParser &parser)
{
    m_out << tr("Usage: %1 [global options] %2 %3").arg(programName(), command.name, command.synopsis)
          << "\n\n"
          << command.summary << "\n\n";
    // QCommandLineParser's own list of options, without its usage line (which names no command).
    const QString text = parser.helpText();
    const qsizetype options = text.indexOf(QLatin1String("Options:"));
    m_out << (options >= 0 ? text.mid(options) : text);
    m_out.flush();
}

void CliApp::line(const QString &text)
{
    m_out << text << '\n';
}

void CliApp::keyValues(const QList<std::pair<QString, QString>> &rows)
{
    int width = 0;
    for (const auto &row : rows)
        width = qMax(width, displayWidth(row.first));
    for (const auto &row : rows)
        m_out << "  " << pad(row.first, width + 2) << oneLine(row.second) << '\n';
}

void CliApp::table(const QStringList &header, const QList<QStringList> &rows, const QList<int> &rightAligned)
{
    QList<int> widths(header.size(), 0);
    for (int c = 0; c < header.size(); ++c)
        widths[c] = displayWidth(header[c]);
    for (const QStringList &row : rows) {
        for (int c = 0; c < header.size() && c < row.size(); ++c)
            widths[c] = qMax(widths[c], displayWidth(oneLine(row[c])));
    }
    auto print = [&](const QStringList &cells) {
        QString text;
        for (int c = 0; c < header.size(); ++c) {
            const QString cell = c < cells.size() ? oneLine(cells[c]) : QString();
            const bool last = c == header.size() - 1;
            text += last && !rightAligned.contains(c) ? cell : pad(cell, widths[c], rightAligned.contains(c));
            if (!last)
                text += QStringLiteral("  ");
        }
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        m_out << text << '\n';
    };
    print(header);
    for (const QStringList &row : rows)
        print(row);
}

void CliApp::progress(const QString &what, int done, int total)
{
    if (!m_io.errIsTerminal || total <= 0)
        return;
    const int percent = int(qint64(done) * 100 / total);
    m_err << '\r' << what << ' ' << percent << "%  ";
    m_err.flush();
    m_progressShown = true;
}

void CliApp::endProgress()
{
    if (!m_progressShown)
        return;
    m_err << '\n';
    m_err.flush();
    m_progressShown = false;
}

QString CliApp::readSecret(const QString &prompt)
{
    QString text;
#ifdef Q_OS_UNIX
    if (m_io.inIsTerminal) {
        m_err << prompt;
        m_err.flush();
        termios saved{};
        const bool haveTerminal = tcgetattr(STDIN_FILENO, &saved) == 0;
        if (haveTerminal) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        text = QString::fromUtf8(m_io.in->readLine()).trimmed();
        if (haveTerminal)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        m_err << '\n';
        m_err.flush();
        return text;
    }
#else
    if (m_io.inIsTerminal) {
        m_err << prompt;
        m_err.flush();
    }
#endif
    if (m_io.in)
        text = QString::fromUtf8(m_io.in->readLine()).trimmed();
    return text;
}

// --- formatting ------------------------------------------------------------------------------------------

QString CliApp::number(qint64 n) const
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(n);
}

QString CliApp::money(qint64 minor) const
{
    return Money(minor, m_till ? m_till->config().currency : QStringLiteral("CNY")).toDisplayString();
}

QString CliApp::points(qint64 n) const
{
    return n == 1 || n == -1 ? tr("%1 point").arg(number(n)) : tr("%1 points").arg(number(n));
}

QString CliApp::localTime(qint64 ms) const
{
    const QTimeZone zone(m_till ? m_till->config().timeZone : QByteArrayLiteral("UTC"));
    return QDateTime::fromMSecsSinceEpoch(ms, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString CliApp::isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString CliApp::tierName(const QString &tierId) const
{
    const Tier *tier = m_till ? m_till->rules().tier(tierId) : nullptr;
    return tier ? tier->name.text(m_language) : tierId;
}

QString CliApp::rewardName(const QString &rewardId) const
{
    if (rewardId == QLatin1String("discount"))
        return tr("Points off the bill");
    const Reward *reward = m_till ? m_till->rules().reward(rewardId) : nullptr;
    return reward ? reward->name.text(m_language) : rewardId;
}

QString CliApp::memberNumber(const Member &member) const
{
    return member.code.isEmpty() ? tr("none") : member.code.grouped();
}

QString CliApp::maskedPhone(const Member &member) const
{
    return member.phone.masked(m_till ? m_till->config().region : QStringLiteral("CN"));
}

QString CliApp::kindWords(const QString &kind) const
{
    static const QList<std::pair<const char *, const char *>> words = {
        {"earn", QT_TRANSLATE_NOOP("cli", "Purchase")},
        {"welcome_gift", QT_TRANSLATE_NOOP("cli", "Welcome gift")},
        {"first_purchase_gift", QT_TRANSLATE_NOOP("cli", "First purchase gift")},
        {"birthday_gift", QT_TRANSLATE_NOOP("cli", "Birthday gift")},
        {"redeem", QT_TRANSLATE_NOOP("cli", "Redeemed")},
        {"redeem_restore", QT_TRANSLATE_NOOP("cli", "Points given back")},
        {"refund_reversal", QT_TRANSLATE_NOOP("cli", "Refund")},
        {"adjust", QT_TRANSLATE_NOOP("cli", "Adjustment")},
        {"void", QT_TRANSLATE_NOOP("cli", "Voided")},
        {"expire", QT_TRANSLATE_NOOP("cli", "Expired")},
    };
    for (const auto &[id, text] : words) {
        if (kind == QLatin1String(id))
            return QCoreApplication::translate("cli", text);
    }
    return kind;
}

QJsonObject CliApp::memberJson(const Member &m) const
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

void CliApp::printMember(const Member &m, const QList<std::pair<QString, QString>> &more)
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

void CliApp::printMemberRows(const QList<Member> &members)
{
    QList<QStringList> rows;
    for (const Member &m : members)
        rows.append({memberNumber(m), m.name, maskedPhone(m), tierName(m.tier), number(m.balance)});
    table({tr("Code"), tr("Name"), tr("Phone"), tr("Tier"), tr("Points")}, rows, {4});
}

Result<qint64> CliApp::parseMoney(const QString &text) const
{
    auto parsed = Money::parse(text, m_till->config().currency);
    if (!parsed)
        return parsed.error();
    return parsed->minor();
}

Result<qint64> CliApp::parseInteger(const QString &text, const QString &what, qint64 min, qint64 max) const
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max)
        return makeError(ErrorCode::InvalidInput,
                         tr("%1 must be a whole number from %2 to %3.").arg(what, number(min), number(max)));
    return value;
}

Result<Member> CliApp::member(const QCommandLineParser &parser)
{
    return m_till->resolve(parser.value(QStringLiteral("member")));
}

} // namespace counterpart::cli
