// init: sets up a new till database.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

#include <variant>

namespace counterpart::cli {

namespace {

class InitCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    InitCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static std::variant<TillConfig, int> config(Context &c, const QCommandLineParser &p);
    static int report(Context &c);
};

InitCommand::InitCommand()
    : Command({
          .name = QStringLiteral("init"),
          .summary = tr("Set up a new till database."),
          .synopsis = QStringLiteral("[--store ID] [--store-name NAME] [--terminal-number N] [--region CN] "
                                     "[--timezone Asia/Shanghai] [--currency CNY]"),
          .options =
              {valueOption(QStringLiteral("store"), tr("Store id (default S001)."), tr("ID")),
               valueOption(QStringLiteral("store-name"), tr("Store name, for people."), tr("NAME")),
               valueOption(QStringLiteral("terminal-number"),
                           tr("This till's number, 10000-99999, unique in the chain (default: random)."),
                           tr("N")),
               valueOption(QStringLiteral("region"), tr("Where phone numbers are read (default CN)."),
                           tr("CC")),
               valueOption(QStringLiteral("timezone"), tr("The store's time zone (default Asia/Shanghai)."),
                           tr("ZONE")),
               valueOption(QStringLiteral("currency"), tr("ISO 4217 currency (default CNY)."), tr("CODE"))},
          .database = Database::NotOpened,
      })
{}

// The configuration the options ask for, or the failure's exit code.
std::variant<TillConfig, int> InitCommand::config(Context &c, const QCommandLineParser &p)
{
    TillConfig config;
    if (p.isSet(QStringLiteral("store")))
        config.storeId = p.value(QStringLiteral("store")).trimmed();
    config.storeName = p.value(QStringLiteral("store-name")).trimmed();
    qint64 terminal = config.terminalNumber;
    if (Status read = c.integerOption(p, QStringLiteral("terminal-number"), MemberCode::MinTerminal,
                                      MemberCode::MaxTerminal, terminal);
        !read)
        return c.fail(read.error());
    config.terminalNumber = int(terminal);
    if (p.isSet(QStringLiteral("region"))) {
        config.region = p.value(QStringLiteral("region")).trimmed().toUpper();
        if (config.region.size() != 2 || !config.region[0].isLetter() || !config.region[1].isLetter())
            return c.failMessage(tr("--region is a two-letter country code such as CN."),
                                 ErrorCode::InvalidInput);
    }
    if (p.isSet(QStringLiteral("timezone"))) {
        config.timeZone = p.value(QStringLiteral("timezone")).trimmed().toLatin1();
        if (!QTimeZone(config.timeZone).isValid())
            return c.failMessage(
                tr("\"%1\" is not a time zone this system knows (for example Asia/Shanghai).")
                    .arg(p.value(QStringLiteral("timezone"))),
                ErrorCode::InvalidInput);
    }
    if (p.isSet(QStringLiteral("currency")))
        config.currency = p.value(QStringLiteral("currency")).trimmed().toUpper();
    if (config.storeId.isEmpty())
        return c.failMessage(tr("--store needs a store id."), ErrorCode::InvalidInput);
    config.language = c.language();
    return config;
}

int InitCommand::run(Context &c, const QCommandLineParser &p) const
{
    auto wanted = config(c, p);
    if (const int *failed = std::get_if<int>(&wanted))
        return *failed;
    const QFileInfo info(c.dbPath());
    if (info.exists())
        return c.failMessage(tr("There is already a database at %1. Nothing was changed.")
                                 .arg(QDir::toNativeSeparators(c.dbPath())),
                             ErrorCode::Conflict);
    if (Status opened = c.openTill(p, std::get<TillConfig>(wanted), false); !opened) {
        // A half-made database would make the next init refuse: leave nothing behind.
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(c.dbPath() + suffix);
        return c.fail(opened.error());
    }
    return report(c);
}

int InitCommand::report(Context &c)
{
    const TillConfig &made = c.till().config();
    if (c.json()) {
        return c.printJson(QJsonObject{{QStringLiteral("database"), QFileInfo(c.dbPath()).absoluteFilePath()},
                                       {QStringLiteral("storeId"), made.storeId},
                                       {QStringLiteral("storeName"), made.storeName},
                                       {QStringLiteral("terminalId"), made.terminalId},
                                       {QStringLiteral("terminalNumber"), made.terminalNumber},
                                       {QStringLiteral("region"), made.region},
                                       {QStringLiteral("timeZone"), QString::fromLatin1(made.timeZone)},
                                       {QStringLiteral("currency"), made.currency},
                                       {QStringLiteral("rulesVersion"), c.till().rules().version}});
    }
    c.line(tr("Set up %1.").arg(QDir::toNativeSeparators(c.dbPath())));
    c.keyValues({
        {tr("Store"), made.storeName.isEmpty() ? made.storeId
                                               : QStringLiteral("%1 (%2)").arg(made.storeId, made.storeName)},
        {tr("Terminal"), QString::number(made.terminalNumber)},
        {tr("Region"), made.region},
        {tr("Time zone"), QString::fromLatin1(made.timeZone)},
        {tr("Currency"), made.currency},
        {tr("Rules"), c.till().rules().version},
    });
    c.line(tr("Back up the encryption key file with the database: without it, ID numbers and birth dates "
              "cannot be read."));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeInitCommand()
{
    return std::make_unique<InitCommand>();
}

} // namespace counterpart::cli
