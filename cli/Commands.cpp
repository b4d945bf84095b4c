// The commands of counterpart-admin: each reads its options, runs one app-layer use case and prints
// the outcome.

#include "app/DemoSeeder.h"
#include "app/MemberCsv.h"
#include "cli/CliApp.h"
#include "core/Money.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimeZone>

#include <csignal>

namespace counterpart::cli {

namespace {

// Ctrl-C during a long operation (seed, import) stops it cleanly between rows or batches; a second
// Ctrl-C ends the program at once.
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void onInterrupt(int)
{
    g_interrupted = 1;
    std::signal(SIGINT, SIG_DFL);
}

class InterruptScope
{
public:
    InterruptScope()
    {
        g_interrupted = 0;
        m_previous = std::signal(SIGINT, onInterrupt);
    }
    ~InterruptScope() { std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous); }
    InterruptScope(const InterruptScope &) = delete;
    InterruptScope &operator=(const InterruptScope &) = delete;
    static bool interrupted() { return g_interrupted != 0; }

private:
    void (*m_previous)(int) = nullptr;
};

QCommandLineOption valueOption(const QString &name, const QString &description, const QString &valueName)
{
    return QCommandLineOption(name, description, valueName);
}

QCommandLineOption flagOption(const QString &name, const QString &description)
{
    return QCommandLineOption(name, description);
}

constexpr qint64 MaxImportBytes = qint64(512) * 1024 * 1024;

} // namespace

QList<CliApp::Command> CliApp::commands() const
{
    const QString memberValue = tr("ID|CODE|PHONE");
    const auto member =
        valueOption(QStringLiteral("member"),
                    tr("The member: phone number, member code, card payload or member id."), memberValue);
    QList<Command> all;

    all.append(Command{
        QStringLiteral("init"),
        tr("Set up a new till database."),
        QStringLiteral("[--store ID] [--store-name NAME] [--terminal-number N] [--region CN] "
                       "[--timezone Asia/Shanghai] [--currency CNY]"),
        {valueOption(QStringLiteral("store"), tr("Store id (default S001)."), tr("ID")),
         valueOption(QStringLiteral("store-name"), tr("Store name, for people."), tr("NAME")),
         valueOption(QStringLiteral("terminal-number"),
                     tr("This till's number, 10000-99999, unique in the chain (default: random)."), tr("N")),
         valueOption(QStringLiteral("region"), tr("Where phone numbers are read (default CN)."), tr("CC")),
         valueOption(QStringLiteral("timezone"), tr("The store's time zone (default Asia/Shanghai)."),
                     tr("ZONE")),
         valueOption(QStringLiteral("currency"), tr("ISO 4217 currency (default CNY)."), tr("CODE"))},
        {},
        {},
        false,
        true,
        &CliApp::cmdInit,
    });
    all.append(Command{
        QStringLiteral("seed"),
        tr("Fill the database with realistic demo members and history."),
        QStringLiteral("--members N [--seed S] [--months 18] [--force]"),
        {valueOption(QStringLiteral("members"), tr("How many demo members."), tr("N")),
         valueOption(QStringLiteral("seed"),
                     tr("Random seed: the same seed gives the same data (default 1)."), tr("S")),
         valueOption(QStringLiteral("months"), tr("Months of history (default 18)."), tr("N")),
         flagOption(QStringLiteral("force"), tr("Seed even though the database already has members."))},
        {QStringLiteral("members")},
        {},
        false,
        false,
        &CliApp::cmdSeed,
    });
    all.append(Command{
        QStringLiteral("register"),
        tr("Register a new member."),
        QStringLiteral("--phone P --name N [--gender G] [--birthday YYYY-MM-DD] [--id-number X] [--consent] "
                       "[--note TEXT]"),
        {valueOption(QStringLiteral("phone"), tr("Mobile number, as typed."), tr("P")),
         valueOption(QStringLiteral("name"), tr("The member's name."), tr("N")),
         valueOption(QStringLiteral("gender"), tr("female, male or other."), tr("G")),
         valueOption(QStringLiteral("birthday"), tr("Birth date (kept encrypted; month and day are used)."),
                     tr("YYYY-MM-DD")),
         valueOption(QStringLiteral("id-number"), tr("ID number (kept encrypted)."), tr("X")),
         flagOption(QStringLiteral("consent"), tr("The member agrees to marketing messages.")),
         valueOption(QStringLiteral("note"), tr("A note for cashiers."), tr("TEXT"))},
        {QStringLiteral("phone"), QStringLiteral("name")},
        {},
        false,
        false,
        &CliApp::cmdRegister,
    });
    all.append(Command{
        QStringLiteral("lookup"),
        tr("Find members by phone, last four digits, name, code, card, or any of these as text."),
        QStringLiteral("(--phone P | --last4 NNNN | --name PREFIX | --code CODE | --scan PAYLOAD | TEXT)"),
        {valueOption(QStringLiteral("phone"), tr("Full phone number."), tr("P")),
         valueOption(QStringLiteral("last4"), tr("Last four digits of the phone number."), tr("NNNN")),
         valueOption(QStringLiteral("name"), tr("First letters of the name."), tr("PREFIX")),
         valueOption(QStringLiteral("code"), tr("12-digit member code."), tr("CODE")),
         valueOption(QStringLiteral("scan"), tr("What the scanner read from a card (CP1:...)."),
                     tr("PAYLOAD"))},
        {},
        {QStringLiteral("phone"), QStringLiteral("last4"), QStringLiteral("name"), QStringLiteral("code"),
         QStringLiteral("scan")},
        true,
        false,
        &CliApp::cmdLookup,
    });
    all.append(Command{
        QStringLiteral("earn"),
        tr("Give points for a purchase."),
        QStringLiteral("--member %1 --amount 12.34 --receipt R [--excluded 3.00] [--preview]")
            .arg(memberValue),
        {member, valueOption(QStringLiteral("amount"), tr("The receipt total."), tr("AMOUNT")),
         valueOption(QStringLiteral("receipt"), tr("Receipt number (earns once per store)."), tr("R")),
         valueOption(QStringLiteral("excluded"), tr("Part of the total that earns no points (tobacco...)."),
                     tr("AMOUNT")),
         flagOption(QStringLiteral("preview"), tr("Show what would be earned, and save nothing."))},
        {QStringLiteral("member"), QStringLiteral("amount"), QStringLiteral("receipt")},
        {},
        false,
        false,
        &CliApp::cmdEarn,
    });
    all.append(Command{
        QStringLiteral("redeem"),
        tr("Spend points on a reward or on money off the bill."),
        QStringLiteral("--member %1 (--reward ID [--quantity N] | --points N) [--receipt R] [--offline]")
            .arg(memberValue),
        {member,
         valueOption(QStringLiteral("reward"), tr("Catalogue reward id (see: rules --show)."), tr("ID")),
         valueOption(QStringLiteral("quantity"), tr("How many of the reward (default 1)."), tr("N")),
         valueOption(QStringLiteral("points"), tr("Points to take off the bill."), tr("N")),
         valueOption(QStringLiteral("receipt"),
                     tr("The receipt the points are spent on (a full refund gives them back)."), tr("R")),
         flagOption(QStringLiteral("offline"), tr("Apply the offline redemption cap."))},
        {QStringLiteral("member")},
        {QStringLiteral("reward"), QStringLiteral("points")},
        false,
        false,
        &CliApp::cmdRedeem,
    });
    all.append(Command{
        QStringLiteral("refund"),
        tr("Refund a purchase, in full or in part, and take back its points."),
        QStringLiteral("--receipt R [--amount 5.00] [--reason TEXT] [--store ID]"),
        {valueOption(QStringLiteral("receipt"), tr("Receipt number of the purchase."), tr("R")),
         valueOption(QStringLiteral("amount"), tr("Amount refunded (default: all that is left)."),
                     tr("AMOUNT")),
         valueOption(QStringLiteral("reason"), tr("Why."), tr("TEXT")),
         valueOption(QStringLiteral("store"), tr("The store of the purchase (default: this one)."),
                     tr("ID"))},
        {QStringLiteral("receipt")},
        {},
        false,
        false,
        &CliApp::cmdRefund,
    });
    all.append(Command{
        QStringLiteral("adjust"),
        tr("Add or take away points, with a reason."),
        QStringLiteral("--member %1 --points N --reason TEXT").arg(memberValue),
        {member,
         valueOption(QStringLiteral("points"), tr("Points to add (negative: to take away)."), tr("N")),
         valueOption(QStringLiteral("reason"), tr("Why (kept in the audit trail)."), tr("TEXT"))},
        {QStringLiteral("member"), QStringLiteral("points"), QStringLiteral("reason")},
        {},
        false,
        false,
        &CliApp::cmdAdjust,
    });
    all.append(Command{
        QStringLiteral("void"),
        tr("Take back the member's last earn or redemption, within the void window."),
        QStringLiteral("--member %1 [--reason TEXT]").arg(memberValue),
        {member, valueOption(QStringLiteral("reason"), tr("Why."), tr("TEXT"))},
        {QStringLiteral("member")},
        {},
        false,
        false,
        &CliApp::cmdVoid,
    });
    all.append(Command{
        QStringLiteral("history"),
        tr("Show a member's points history, newest first."),
        QStringLiteral("--member %1 [--limit N]").arg(memberValue),
        {member, valueOption(QStringLiteral("limit"), tr("How many entries (default 20)."), tr("N"))},
        {QStringLiteral("member")},
        {},
        false,
        false,
        &CliApp::cmdHistory,
    });
    all.append(Command{
        QStringLiteral("card"),
        tr("Show everything the member card shows."),
        QStringLiteral("--member %1").arg(memberValue),
        {member},
        {QStringLiteral("member")},
        {},
        false,
        false,
        &CliApp::cmdCard,
    });
    all.append(Command{
        QStringLiteral("expire"),
        tr("Expire points that are past their date (normally run by the till every day)."),
        QString(),
        {},
        {},
        {},
        false,
        false,
        &CliApp::cmdExpire,
    });
    all.append(Command{
        QStringLiteral("evaluate-tiers"),
        tr("Run the scheduled tier evaluation (downgrades after the grace period)."),
        QString(),
        {},
        {},
        {},
        false,
        false,
        &CliApp::cmdEvaluateTiers,
    });
    all.append(Command{
        QStringLiteral("check"),
        tr("Check the database: integrity, balances against the ledger, statistics and member counters "
           "against the records, sync queue."),
        QStringLiteral("[--full] [--repair]"),
        {flagOption(QStringLiteral("full"), tr("Full integrity check (slower).")),
         flagOption(QStringLiteral("repair"),
                    tr("First mend the members' visit counters (visits, first purchase, last visit) from "
                       "their purchases."))},
        {},
        {},
        false,
        false,
        &CliApp::cmdCheck,
    });
    all.append(Command{
        QStringLiteral("export"),
        tr("Export members to a CSV file (personal data: keep it safe)."),
        QStringLiteral("--out FILE.csv"),
        {valueOption(QStringLiteral("out"), tr("The CSV file to write (- for standard output)."),
                     tr("FILE"))},
        {QStringLiteral("out")},
        {},
        false,
        false,
        &CliApp::cmdExport,
    });
    all.append(Command{
        QStringLiteral("import"),
        tr("Register members from a CSV file; bad rows are reported by line and skipped."),
        QStringLiteral("--in FILE.csv [--all-or-nothing]"),
        {valueOption(QStringLiteral("in"), tr("The CSV file to read (- for standard input)."), tr("FILE")),
         flagOption(QStringLiteral("all-or-nothing"), tr("Import nothing if any row has a problem."))},
        {QStringLiteral("in")},
        {},
        false,
        false,
        &CliApp::cmdImport,
    });
    all.append(Command{
        QStringLiteral("rules"),
        tr("Show the loyalty rules, or install a new rules document."),
        QStringLiteral("(--show | --install FILE)"),
        {flagOption(QStringLiteral("show"), tr("Show the active rules.")),
         valueOption(QStringLiteral("install"), tr("Install this rules document (JSON)."), tr("FILE"))},
        {},
        {QStringLiteral("show"), QStringLiteral("install")},
        false,
        false,
        &CliApp::cmdRules,
    });
    all.append(Command{
        QStringLiteral("staff-add"),
        tr("Add a cashier or manager (the PIN is read from standard input unless --pin is given)."),
        QStringLiteral("--id ID --name NAME --role cashier|manager [--pin PIN]"),
        {valueOption(QStringLiteral("id"), tr("Staff id used to log in."), tr("ID")),
         valueOption(QStringLiteral("name"), tr("Full name."), tr("NAME")),
         valueOption(QStringLiteral("role"), tr("cashier or manager."), tr("ROLE")),
         valueOption(QStringLiteral("pin"),
                     tr("4 to 8 digits (visible to other users of this computer: "
                        "prefer standard input)."),
                     tr("PIN"))},
        {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("role")},
        {},
        false,
        false,
        &CliApp::cmdStaffAdd,
    });
    all.append(syncCommands());
    all.append(jobCommands());
    all.append(statsCommands());
    return all;
}

// --- init ------------------------------------------------------------------------------------------------

int CliApp::cmdInit(const QCommandLineParser &p)
{
    TillConfig config;
    if (p.isSet(QStringLiteral("store")))
        config.storeId = p.value(QStringLiteral("store")).trimmed();
    config.storeName = p.value(QStringLiteral("store-name")).trimmed();
    if (p.isSet(QStringLiteral("terminal-number"))) {
        auto n = parseInteger(p.value(QStringLiteral("terminal-number")), QStringLiteral("--terminal-number"),
                              MemberCode::MinTerminal, MemberCode::MaxTerminal);
        if (!n)
            return fail(n.error());
        config.terminalNumber = int(n.value());
    }
    if (p.isSet(QStringLiteral("region"))) {
        config.region = p.value(QStringLiteral("region")).trimmed().toUpper();
        if (config.region.size() != 2 || !config.region[0].isLetter() || !config.region[1].isLetter())
            return failMessage(tr("--region is a two-letter country code such as CN."),
                               ErrorCode::InvalidInput);
    }
    if (p.isSet(QStringLiteral("timezone"))) {
        config.timeZone = p.value(QStringLiteral("timezone")).trimmed().toLatin1();
        if (!QTimeZone(config.timeZone).isValid())
            return failMessage(tr("\"%1\" is not a time zone this system knows (for example Asia/Shanghai).")
                                   .arg(p.value(QStringLiteral("timezone"))),
                               ErrorCode::InvalidInput);
    }
    if (p.isSet(QStringLiteral("currency")))
        config.currency = p.value(QStringLiteral("currency")).trimmed().toUpper();
    if (config.storeId.isEmpty())
        return failMessage(tr("--store needs a store id."), ErrorCode::InvalidInput);
    config.language = m_language;

    const QFileInfo info(m_dbPath);
    if (info.exists())
        return failMessage(tr("There is already a database at %1. Nothing was changed.")
                               .arg(QDir::toNativeSeparators(m_dbPath)),
                           ErrorCode::Conflict);
    if (Status opened = openTillWith(p, config, false); !opened) {
        // A half-made database would make the next init refuse: leave nothing behind.
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(m_dbPath + suffix);
        return fail(opened.error());
    }
    const TillConfig &c = m_till->config();
    if (m_json) {
        return printJson(QJsonObject{{QStringLiteral("database"), QFileInfo(m_dbPath).absoluteFilePath()},
                                     {QStringLiteral("storeId"), c.storeId},
                                     {QStringLiteral("storeName"), c.storeName},
                                     {QStringLiteral("terminalId"), c.terminalId},
                                     {QStringLiteral("terminalNumber"), c.terminalNumber},
                                     {QStringLiteral("region"), c.region},
                                     {QStringLiteral("timeZone"), QString::fromLatin1(c.timeZone)},
                                     {QStringLiteral("currency"), c.currency},
                                     {QStringLiteral("rulesVersion"), m_till->rules().version}});
    }
    line(tr("Set up %1.").arg(QDir::toNativeSeparators(m_dbPath)));
    keyValues({
        {tr("Store"),
         c.storeName.isEmpty() ? c.storeId : QStringLiteral("%1 (%2)").arg(c.storeId, c.storeName)},
        {tr("Terminal"), QString::number(c.terminalNumber)},
        {tr("Region"), c.region},
        {tr("Time zone"), QString::fromLatin1(c.timeZone)},
        {tr("Currency"), c.currency},
        {tr("Rules"), m_till->rules().version},
    });
    line(tr("Back up the encryption key file with the database: without it, ID numbers and birth dates "
            "cannot be read."));
    return ExitOk;
}

// --- seed ------------------------------------------------------------------------------------------------

int CliApp::cmdSeed(const QCommandLineParser &p)
{
    auto members =
        parseInteger(p.value(QStringLiteral("members")), QStringLiteral("--members"), 0, 1'000'000);
    if (!members)
        return fail(members.error());
    auto seed =
        parseInteger(p.isSet(QStringLiteral("seed")) ? p.value(QStringLiteral("seed")) : QStringLiteral("1"),
                     QStringLiteral("--seed"), 0, 4'294'967'295LL);
    if (!seed)
        return fail(seed.error());
    auto months = parseInteger(p.isSet(QStringLiteral("months")) ? p.value(QStringLiteral("months"))
                                                                 : QStringLiteral("18"),
                               QStringLiteral("--months"), 0, 120);
    if (!months)
        return fail(months.error());
    if (!p.isSet(QStringLiteral("force"))) {
        auto report = m_till->check(false);
        if (!report)
            return fail(report.error());
        if (report->members > 0)
            return failMessage(
                tr("This database already has %1 members. Demo members and purchases would sync "
                   "to head office like real ones: use a new database, or add --force.")
                    .arg(number(report->members)));
    }

    InterruptScope interrupt;
    SeedOptions options;
    options.members = int(members.value());
    options.randomSeed = quint32(seed.value());
    options.monthsOfHistory = int(months.value());
    options.progress = [&](int done, int total) {
        progress(tr("Seeding demo data..."), done, total);
        return !InterruptScope::interrupted();
    };
    auto seeded = DemoSeeder::seed(*m_till, m_manualClock, options);
    endProgress();
    if (!seeded)
        return fail(seeded.error());
    const SeedReport &r = seeded.value();
    const double seconds = qMax<qint64>(1, r.elapsedMs) / 1000.0;
    const double perSecond = r.members / seconds;

    if (m_json) {
        QJsonObject tiers;
        for (auto it = r.membersByTier.cbegin(); it != r.membersByTier.cend(); ++it)
            tiers.insert(it.key(), it.value());
        QJsonObject out{{QStringLiteral("members"), r.members},
                        {QStringLiteral("purchases"), r.purchases},
                        {QStringLiteral("redemptions"), r.redemptions},
                        {QStringLiteral("refunds"), r.refunds},
                        {QStringLiteral("spentMinor"), r.spentMinor},
                        {QStringLiteral("pointsEarned"), r.pointsEarned},
                        {QStringLiteral("pointsRedeemed"), r.pointsRedeemed},
                        {QStringLiteral("pointsExpired"), r.pointsExpired},
                        {QStringLiteral("tiers"), tiers},
                        {QStringLiteral("birthdaysThisWeek"), r.birthdaysThisWeek},
                        {QStringLiteral("elapsedMs"), r.elapsedMs},
                        {QStringLiteral("membersPerSecond"), qRound(perSecond)},
                        {QStringLiteral("cancelled"), r.cancelled}};
        if (r.cancelled) {
            out.insert(QStringLiteral("ok"), false);
            printJson(out);
            m_err << programName() << ": " << tr("Seeding was stopped; what was done so far was kept.")
                  << '\n';
            return ExitRefused;
        }
        return printJson(out);
    }
    line(tr("Seeded %1 members in %2 s (%3 members a second).")
             .arg(number(r.members))
             .arg(seconds, 0, 'f', 1)
             .arg(number(qRound64(perSecond))));
    QStringList tierParts;
    for (const Tier &tier : m_till->rules().tiers.tiers)
        tierParts << QStringLiteral("%1 %2").arg(tier.name.text(m_language),
                                                 number(r.membersByTier.value(tier.id)));
    keyValues({
        {tr("Purchases"), QStringLiteral("%1 (%2)").arg(number(r.purchases), money(r.spentMinor))},
        {tr("Redemptions"), number(r.redemptions)},
        {tr("Refunds"), number(r.refunds)},
        {tr("Points"), tr("%1 earned, %2 redeemed, %3 expired")
                           .arg(number(r.pointsEarned), number(r.pointsRedeemed), number(r.pointsExpired))},
        {tr("Tiers"), tierParts.join(QStringLiteral(", "))},
        {tr("Birthdays"), tr("%1 this week").arg(number(r.birthdaysThisWeek))},
    });
    if (r.cancelled) {
        m_err << programName() << ": " << tr("Seeding was stopped; what was done so far was kept.") << '\n';
        return ExitRefused;
    }
    return ExitOk;
}

// --- members ---------------------------------------------------------------------------------------------

int CliApp::cmdRegister(const QCommandLineParser &p)
{
    RegisterRequest request;
    request.phone = p.value(QStringLiteral("phone"));
    request.name = p.value(QStringLiteral("name"));
    request.gender = p.value(QStringLiteral("gender")).trimmed().toLower();
    if (p.isSet(QStringLiteral("birthday"))) {
        const QDate date = QDate::fromString(p.value(QStringLiteral("birthday")).trimmed(), Qt::ISODate);
        if (!date.isValid())
            return failMessage(tr("--birthday is a date written as YYYY-MM-DD."), ErrorCode::InvalidInput);
        request.birthDate = date;
    }
    request.idNumber = p.value(QStringLiteral("id-number"));
    request.marketingConsent = p.isSet(QStringLiteral("consent"));
    request.note = p.value(QStringLiteral("note"));
    auto registered = m_till->registerMember(request);
    if (!registered)
        return fail(registered.error());
    const Member &m = registered->member;
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("member"), memberJson(m)},
                                     {QStringLiteral("welcomePoints"), registered->welcomePoints}});
    line(tr("Registered %1: member %2 (%3), phone %4.")
             .arg(m.name, memberNumber(m), tierName(m.tier), maskedPhone(m)));
    if (registered->welcomePoints > 0)
        line(tr("Welcome gift: %1.").arg(points(registered->welcomePoints)));
    return ExitOk;
}

int CliApp::cmdLookup(const QCommandLineParser &p)
{
    LookupResult result;
    auto one = [&](const Result<std::optional<Member>> &found,
                   const QString &notFound) -> std::optional<Error> {
        if (!found)
            return found.error();
        if (!found->has_value())
            return makeError(ErrorCode::NotFound, notFound);
        result.kind = LookupResult::Kind::Member;
        result.members = {found->value()};
        return std::nullopt;
    };
    auto many = [&](const Result<QList<Member>> &found, const QString &notFound) -> std::optional<Error> {
        if (!found)
            return found.error();
        if (found->isEmpty())
            return makeError(ErrorCode::NotFound, notFound);
        result.kind = LookupResult::Kind::Candidates;
        result.members = found.value();
        return std::nullopt;
    };
    std::optional<Error> error;
    if (p.isSet(QStringLiteral("phone"))) {
        error = one(m_till->findByPhone(p.value(QStringLiteral("phone"))),
                    tr("No member has that phone number."));
    } else if (p.isSet(QStringLiteral("last4"))) {
        const QString digits = p.value(QStringLiteral("last4"));
        error = many(m_till->findByLast4(digits),
                     tr("No member's phone number ends in %1.").arg(digits.trimmed()));
    } else if (p.isSet(QStringLiteral("name"))) {
        const QString prefix = p.value(QStringLiteral("name"));
        error = many(m_till->findByNamePrefix(prefix),
                     tr("No member's name starts with \"%1\".").arg(prefix.simplified().left(40)));
    } else if (p.isSet(QStringLiteral("code"))) {
        error = one(m_till->findByCode(p.value(QStringLiteral("code"))), tr("No member has that code."));
    } else if (p.isSet(QStringLiteral("scan"))) {
        error =
            one(m_till->findByScan(p.value(QStringLiteral("scan"))), tr("No member has the scanned card."));
    } else {
        auto found = m_till->lookup(p.positionalArguments().front());
        if (!found)
            return fail(found.error());
        result = found.value();
        if (result.kind == LookupResult::Kind::None)
            error = makeError(ErrorCode::NotFound, result.explanation);
    }
    if (error)
        return fail(*error);

    if (m_json) {
        QJsonArray members;
        for (const Member &m : std::as_const(result.members))
            members.append(memberJson(m));
        return printJson(QJsonObject{{QStringLiteral("kind"), result.kind == LookupResult::Kind::Member
                                                                  ? QStringLiteral("member")
                                                                  : QStringLiteral("candidates")},
                                     {QStringLiteral("members"), members}});
    }
    if (result.kind == LookupResult::Kind::Member) {
        printMember(result.members.front());
    } else {
        line(result.members.size() == 1 ? tr("1 member matches:")
                                        : tr("%1 members match:").arg(number(result.members.size())));
        printMemberRows(result.members);
    }
    return ExitOk;
}

// --- points ----------------------------------------------------------------------------------------------

int CliApp::cmdEarn(const QCommandLineParser &p)
{
    EarnRequest request;
    request.member = p.value(QStringLiteral("member"));
    request.receipt = p.value(QStringLiteral("receipt"));
    auto amount = parseMoney(p.value(QStringLiteral("amount")));
    if (!amount)
        return fail(amount.error());
    request.amountMinor = amount.value();
    if (p.isSet(QStringLiteral("excluded"))) {
        auto excluded = parseMoney(p.value(QStringLiteral("excluded")));
        if (!excluded)
            return fail(excluded.error());
        request.excludedMinor = excluded.value();
    }
    const bool preview = p.isSet(QStringLiteral("preview"));
    auto earned = preview ? m_till->previewEarn(request) : m_till->earn(request);
    if (!earned)
        return fail(earned.error());
    const EarnOutcome &o = earned.value();
    const EarnBreakdown &b = o.breakdown;

    if (m_json) {
        QJsonArray gifts;
        for (const GiftGrant &g : o.gifts)
            gifts.append(QJsonObject{{QStringLiteral("kind"), giftKindId(g.kind)},
                                     {QStringLiteral("points"), g.points},
                                     {QStringLiteral("period"), g.period}});
        QJsonObject out{
            {QStringLiteral("preview"), preview},
            {QStringLiteral("member"), memberJson(o.member)},
            {QStringLiteral("receipt"), request.receipt.trimmed()},
            {QStringLiteral("amountMinor"), request.amountMinor},
            {QStringLiteral("excludedMinor"), request.excludedMinor},
            {QStringLiteral("points"), b.totalPoints},
            {QStringLiteral("totalPoints"), o.totalPoints},
            {QStringLiteral("gifts"), gifts},
            {QStringLiteral("breakdown"),
             QJsonObject{{QStringLiteral("eligibleMinor"), b.eligibleMinor},
                         {QStringLiteral("basePoints"), b.basePoints},
                         {QStringLiteral("tierMultiplierPercent"), b.tierMultiplierPercent},
                         {QStringLiteral("tierExtraPoints"), b.tierExtraPoints},
                         {QStringLiteral("bonusMultiplierPercent"), b.bonusMultiplierPercent},
                         {QStringLiteral("bonusExtraPoints"), b.bonusExtraPoints},
                         {QStringLiteral("birthdayBonusApplied"), b.birthdayBonusApplied},
                         {QStringLiteral("belowMinimumSpend"), b.belowMinimumSpend}}},
            {QStringLiteral("memberDay"), o.isMemberDay},
            {QStringLiteral("tierBefore"), o.tierBefore},
            {QStringLiteral("tierAfter"), o.tierAfter},
            {QStringLiteral("balance"), o.member.balance},
        };
        if (!preview)
            out.insert(QStringLiteral("purchaseId"), o.purchaseId.toString());
        return printJson(out);
    }
    const QString what =
        preview ? tr("Would earn %1 for %2 on receipt %3 (%4).") : tr("Earned %1 for %2 on receipt %3 (%4).");
    line(what.arg(points(o.totalPoints), o.member.name, request.receipt.trimmed(),
                  money(request.amountMinor)));
    QList<std::pair<QString, QString>> rows;
    if (b.belowMinimumSpend)
        rows.append({tr("Purchase"), tr("below the minimum spend of %1: no points")
                                         .arg(money(m_till->rules().earning.minimumSpendMinor))});
    else
        rows.append({tr("Purchase"), tr("%1 on %2").arg(points(b.basePoints), money(b.eligibleMinor))});
    if (b.tierExtraPoints > 0)
        rows.append({tr("Tier bonus"), tr("+%1 (%2, %3%)")
                                           .arg(number(b.tierExtraPoints), tierName(o.tierBefore))
                                           .arg(b.tierMultiplierPercent)});
    if (b.bonusExtraPoints > 0)
        rows.append({b.birthdayBonusApplied ? tr("Birthday bonus") : tr("Member day"),
                     tr("+%1 (%2%)").arg(number(b.bonusExtraPoints)).arg(b.bonusMultiplierPercent)});
    for (const GiftGrant &g : o.gifts) {
        const QString name = g.kind == GiftKind::FirstPurchase ? tr("First purchase gift")
                             : g.kind == GiftKind::Birthday    ? tr("Birthday gift")
                                                               : tr("Welcome gift");
        rows.append({name, QStringLiteral("+%1").arg(number(g.points))});
    }
    if (o.tierAfter != o.tierBefore)
        rows.append({tr("Tier"), tr("up from %1 to %2").arg(tierName(o.tierBefore), tierName(o.tierAfter))});
    rows.append({preview ? tr("Balance after") : tr("Balance"), points(o.member.balance)});
    keyValues(rows);
    if (preview)
        line(tr("Nothing was saved."));
    return ExitOk;
}

int CliApp::cmdRedeem(const QCommandLineParser &p)
{
    RedeemRequest request;
    request.member = p.value(QStringLiteral("member"));
    request.receipt = p.value(QStringLiteral("receipt"));
    if (p.isSet(QStringLiteral("reward"))) {
        request.rewardId = p.value(QStringLiteral("reward")).trimmed();
        if (p.isSet(QStringLiteral("quantity"))) {
            auto quantity =
                parseInteger(p.value(QStringLiteral("quantity")), QStringLiteral("--quantity"), 1, 100);
            if (!quantity)
                return fail(quantity.error());
            request.quantity = int(quantity.value());
        }
    } else {
        if (p.isSet(QStringLiteral("quantity")))
            return usageError(nullptr, tr("--quantity goes with --reward."));
        auto pointsToUse =
            parseInteger(p.value(QStringLiteral("points")), QStringLiteral("--points"), 1, 100'000'000);
        if (!pointsToUse)
            return fail(pointsToUse.error());
        request.discountPoints = pointsToUse.value();
    }
    if (p.isSet(QStringLiteral("offline")))
        m_till->setOffline(true);
    auto redeemed = m_till->redeem(request);
    if (!redeemed)
        return fail(redeemed.error());
    const RedeemOutcome &o = redeemed.value();
    if (m_json)
        return printJson(
            QJsonObject{{QStringLiteral("member"), memberJson(o.member)},
                        {QStringLiteral("rewardId"), o.rewardId},
                        {QStringLiteral("rewardName"), rewardName(o.rewardId)},
                        {QStringLiteral("quantity"), request.rewardId.isEmpty() ? 1 : request.quantity},
                        {QStringLiteral("points"), o.points},
                        {QStringLiteral("discountMinor"), o.discountMinor},
                        {QStringLiteral("balance"), o.member.balance}});
    if (o.discountMinor > 0)
        line(tr("Took %1 off the bill for %2 (%3 off).")
                 .arg(points(o.points), o.member.name, money(o.discountMinor)));
    else
        line(tr("%1 redeemed %2 × %3 for %4.")
                 .arg(o.member.name, QString::number(request.quantity), rewardName(o.rewardId),
                      points(o.points)));
    keyValues({{tr("Balance"), points(o.member.balance)}});
    return ExitOk;
}

int CliApp::cmdRefund(const QCommandLineParser &p)
{
    RefundRequest request;
    request.receipt = p.value(QStringLiteral("receipt"));
    request.reason = p.value(QStringLiteral("reason"));
    request.storeId = p.value(QStringLiteral("store"));
    if (p.isSet(QStringLiteral("amount"))) {
        auto amount = parseMoney(p.value(QStringLiteral("amount")));
        if (!amount)
            return fail(amount.error());
        request.amountMinor = amount.value();
    }
    auto refunded = m_till->refund(request);
    if (!refunded)
        return fail(refunded.error());
    const RefundOutcome &o = refunded.value();
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("member"), memberJson(o.member)},
                                     {QStringLiteral("receipt"), request.receipt.trimmed()},
                                     {QStringLiteral("refundedMinor"), o.refundedMinor},
                                     {QStringLiteral("pointsReversed"), o.pointsReversed},
                                     {QStringLiteral("pointsRestored"), o.pointsRestored},
                                     {QStringLiteral("balance"), o.member.balance}});
    line(tr("Refunded %1 of receipt %2 for %3.")
             .arg(money(o.refundedMinor), request.receipt.trimmed(), o.member.name));
    QList<std::pair<QString, QString>> rows = {{tr("Points taken back"), number(o.pointsReversed)}};
    if (o.pointsRestored > 0)
        rows.append({tr("Redeemed points given back"), number(o.pointsRestored)});
    rows.append({tr("Balance"), points(o.member.balance)});
    keyValues(rows);
    return ExitOk;
}

int CliApp::cmdAdjust(const QCommandLineParser &p)
{
    auto delta =
        parseInteger(p.value(QStringLiteral("points")), QStringLiteral("--points"), -1'000'000, 1'000'000);
    if (!delta)
        return fail(delta.error());
    auto adjusted =
        m_till->adjust(p.value(QStringLiteral("member")), delta.value(), p.value(QStringLiteral("reason")));
    if (!adjusted)
        return fail(adjusted.error());
    const Member &m = adjusted.value();
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("member"), memberJson(m)},
                                     {QStringLiteral("points"), delta.value()},
                                     {QStringLiteral("balance"), m.balance}});
    line(delta.value() > 0 ? tr("Added %1 to %2.").arg(points(delta.value()), m.name)
                           : tr("Took %1 from %2.").arg(points(-delta.value()), m.name));
    keyValues(
        {{tr("Reason"), p.value(QStringLiteral("reason")).simplified()}, {tr("Balance"), points(m.balance)}});
    return ExitOk;
}

int CliApp::cmdVoid(const QCommandLineParser &p)
{
    auto voided = m_till->voidLast(p.value(QStringLiteral("member")), p.value(QStringLiteral("reason")));
    if (!voided)
        return fail(voided.error());
    const VoidOutcome &o = voided.value();
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("member"), memberJson(o.member)},
                                     {QStringLiteral("voided"), o.voidedKind},
                                     {QStringLiteral("pointsReversed"), o.pointsReversed},
                                     {QStringLiteral("balance"), o.member.balance}});
    if (o.voidedKind == QLatin1String("earn"))
        line(tr("Voided %1's last purchase: %2 taken back.").arg(o.member.name, points(o.pointsReversed)));
    else
        line(tr("Voided %1's last redemption: %2 given back.").arg(o.member.name, points(-o.pointsReversed)));
    keyValues({{tr("Balance"), points(o.member.balance)}});
    return ExitOk;
}

int CliApp::cmdHistory(const QCommandLineParser &p)
{
    int limit = 20;
    if (p.isSet(QStringLiteral("limit"))) {
        auto n = parseInteger(p.value(QStringLiteral("limit")), QStringLiteral("--limit"), 1, 10'000);
        if (!n)
            return fail(n.error());
        limit = int(n.value());
    }
    auto m = member(p);
    if (!m)
        return fail(m.error());
    auto items = m_till->history(m->id, limit);
    if (!items)
        return fail(items.error());
    if (m_json) {
        QJsonArray entries;
        for (const HistoryItem &h : items.value()) {
            QJsonObject e{
                {QStringLiteral("id"), h.id.toString()}, {QStringLiteral("at"), isoUtc(h.atMs)},
                {QStringLiteral("kind"), h.kind},        {QStringLiteral("points"), h.points},
                {QStringLiteral("receipt"), h.receipt},  {QStringLiteral("amountMinor"), h.amountMinor},
                {QStringLiteral("reward"), h.reward},    {QStringLiteral("reason"), h.reason},
                {QStringLiteral("cashier"), h.cashier}};
            entries.append(e);
        }
        return printJson(QJsonObject{{QStringLiteral("member"), memberJson(m.value())},
                                     {QStringLiteral("entries"), entries}});
    }
    line(tr("%1 (%2), %3 — newest first:").arg(m->name, m->code.grouped(), points(m->balance)));
    QList<QStringList> rows;
    for (const HistoryItem &h : items.value()) {
        QString detail = h.reward.isEmpty() ? h.reason : rewardName(h.reward);
        if (!h.reward.isEmpty() && !h.reason.isEmpty())
            detail += QStringLiteral(" (%1)").arg(h.reason);
        rows.append({localTime(h.atMs), kindWords(h.kind),
                     (h.points > 0 ? QStringLiteral("+") : QString()) + number(h.points), h.receipt,
                     h.amountMinor != 0 ? money(h.amountMinor) : QString(), detail});
    }
    if (rows.isEmpty())
        line(tr("No points history yet."));
    else
        table({tr("When"), tr("What"), tr("Points"), tr("Receipt"), tr("Amount"), tr("Details")}, rows,
              {2, 4});
    return ExitOk;
}

int CliApp::cmdCard(const QCommandLineParser &p)
{
    auto m = member(p);
    if (!m)
        return fail(m.error());
    auto card = m_till->card(m->id);
    if (!card)
        return fail(card.error());
    const MemberCard &c = card.value();
    if (m_json) {
        QJsonArray recent;
        for (const PurchaseSummary &s : c.recentPurchases)
            recent.append(QJsonObject{{QStringLiteral("receipt"), s.receipt},
                                      {QStringLiteral("storeId"), s.storeId},
                                      {QStringLiteral("at"), isoUtc(s.atMs)},
                                      {QStringLiteral("amountMinor"), s.amountMinor},
                                      {QStringLiteral("refundedMinor"), s.refundedMinor},
                                      {QStringLiteral("pointsEarned"), s.pointsEarned},
                                      {QStringLiteral("voided"), s.voided}});
        return printJson(
            QJsonObject{{QStringLiteral("member"), memberJson(c.member)},
                        {QStringLiteral("progress"),
                         QJsonObject{{QStringLiteral("currentTier"), c.progress.currentTier},
                                     {QStringLiteral("nextTier"), c.progress.nextTier},
                                     {QStringLiteral("spendInWindowMinor"), c.progress.spendInWindowMinor},
                                     {QStringLiteral("moreToSpendMinor"), c.progress.moreToSpendMinor}}},
                        {QStringLiteral("expiringSoonPoints"), c.expiringSoonPoints},
                        {QStringLiteral("expiringBy"), c.expiringBy.toString(Qt::ISODate)},
                        {QStringLiteral("expiringWorthMinor"), c.expiringWorthMinor},
                        {QStringLiteral("affordableReward"), c.expiringAffordableReward},
                        {QStringLiteral("birthdayWindow"), c.birthdayWindow},
                        {QStringLiteral("birthdayGiftAvailable"), c.birthdayGiftAvailable},
                        {QStringLiteral("memberDay"), c.memberDay},
                        {QStringLiteral("memberDayMultiplierPercent"), c.memberDayMultiplierPercent},
                        {QStringLiteral("welcomeGiftGranted"), c.welcomeGiftGranted},
                        {QStringLiteral("firstPurchaseGiftGranted"), c.firstPurchaseGiftGranted},
                        {QStringLiteral("recentPurchases"), recent}});
    }
    QList<std::pair<QString, QString>> rows;
    if (c.progress.nextTier.isEmpty())
        rows.append({tr("Tier"), tr("%1, the top tier").arg(tierName(c.progress.currentTier))});
    else
        rows.append({tr("Tier"), tr("%1 more to spend for %2 (spent %3 in the last %4 months)")
                                     .arg(money(c.progress.moreToSpendMinor), tierName(c.progress.nextTier),
                                          money(c.progress.spendInWindowMinor))
                                     .arg(m_till->rules().tiers.windowMonths)});
    if (c.expiringSoonPoints > 0)
        rows.append({tr("Expiring"), tr("%1 (worth %2) by %3")
                                         .arg(points(c.expiringSoonPoints), money(c.expiringWorthMinor),
                                              c.expiringBy.toString(Qt::ISODate))});
    if (!c.expiringAffordableReward.isEmpty())
        rows.append({tr("Can redeem"), c.expiringAffordableReward});
    if (c.birthdayWindow)
        rows.append({tr("Birthday week"), c.birthdayGiftAvailable
                                              ? tr("this week, and the birthday gift is waiting")
                                              : tr("this week (gift already given)")});
    if (c.memberDay)
        rows.append({tr("Member day"), tr("today, %1% points").arg(c.memberDayMultiplierPercent)});
    printMember(c.member, rows);
    if (!c.recentPurchases.isEmpty()) {
        line();
        line(tr("Recent purchases:"));
        QList<QStringList> purchases;
        for (const PurchaseSummary &s : c.recentPurchases) {
            QString state;
            if (s.voided)
                state = tr("voided");
            else if (s.refundedMinor >= s.amountMinor)
                state = tr("refunded");
            else if (s.refundedMinor > 0)
                state = tr("%1 refunded").arg(money(s.refundedMinor));
            purchases.append(
                {localTime(s.atMs), s.receipt, money(s.amountMinor), number(s.pointsEarned), state});
        }
        table({tr("When"), tr("Receipt"), tr("Amount"), tr("Points"), QString()}, purchases, {2, 3});
    }
    return ExitOk;
}

// --- scheduled and maintenance ----------------------------------------------------------------------------

int CliApp::cmdExpire(const QCommandLineParser &)
{
    auto swept = m_till->expirePoints();
    if (!swept)
        return fail(swept.error());
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("members"), swept->members},
                                     {QStringLiteral("points"), swept->points},
                                     {QStringLiteral("serverExpires"), swept->serverExpires}});
    if (swept->serverExpires)
        line(tr("This till is enrolled with the server, which expires points for the whole chain; the "
                "expiries come down with the next sync."));
    else if (swept->points == 0)
        line(tr("No points were due to expire."));
    else
        line(swept->members == 1
                 ? tr("Expired %1 from 1 member.").arg(points(swept->points))
                 : tr("Expired %1 from %2 members.").arg(points(swept->points), number(swept->members)));
    return ExitOk;
}

int CliApp::cmdEvaluateTiers(const QCommandLineParser &)
{
    auto evaluated = m_till->evaluateTiers();
    if (!evaluated)
        return fail(evaluated.error());
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("evaluated"), evaluated->evaluated},
                                     {QStringLiteral("upgraded"), evaluated->upgraded},
                                     {QStringLiteral("downgraded"), evaluated->downgraded}});
    line(tr("Evaluated %1 members above the entry tier: %2 moved up, %3 moved down.")
             .arg(number(evaluated->evaluated), number(evaluated->upgraded), number(evaluated->downgraded)));
    return ExitOk;
}

int CliApp::repairCounters(QJsonObject *json)
{
    auto mended = m_till->repairCounters(20);
    if (!mended)
        return fail(mended.error());
    const qint64 n = mended->mismatchCount;
    if (m_json) {
        json->insert(QStringLiteral("countersRepaired"), n);
        return ExitOk;
    }
    if (n == 0) {
        line(tr("The member counters agreed with the purchases; nothing was mended."));
        return ExitOk;
    }
    line(tr("Mended the visit counters of %n member(s):", nullptr, int(qMin<qint64>(n, INT_MAX))));
    for (const CounterMismatch &m : std::as_const(mended->examples))
        line(QStringLiteral("  - ") + Till::counterMismatchText(m));
    if (n > mended->examples.size())
        line(QStringLiteral("  - ") +
             tr("and %1 more (counted in the audit row).").arg(number(n - mended->examples.size())));
    return ExitOk;
}

int CliApp::cmdCheck(const QCommandLineParser &p)
{
    QJsonObject repaired;
    if (p.isSet(QStringLiteral("repair"))) {
        if (const int rc = repairCounters(&repaired); rc != ExitOk)
            return rc;
    }
    auto checked = m_till->check(p.isSet(QStringLiteral("full")));
    if (!checked)
        return fail(checked.error());
    const CheckReport &r = checked.value();
    if (m_json) {
        QJsonObject o{{QStringLiteral("ok"), r.ok},
                      {QStringLiteral("schemaVersion"), r.schemaVersion},
                      {QStringLiteral("integrityOk"), r.integrityOk},
                      {QStringLiteral("members"), r.members},
                      {QStringLiteral("ledgerEntries"), r.ledgerEntries},
                      {QStringLiteral("balanceMismatches"), r.balanceMismatches},
                      {QStringLiteral("statsMismatches"), r.statsMismatches},
                      {QStringLiteral("counterMismatches"), r.counterMismatches},
                      {QStringLiteral("pendingOutbox"), r.pendingOutbox},
                      {QStringLiteral("problems"), QJsonArray::fromStringList(r.problems)}};
        for (auto it = repaired.constBegin(); it != repaired.constEnd(); ++it)
            o.insert(it.key(), it.value());
        printJson(o);
    } else {
        keyValues({
            {tr("Database"), QDir::toNativeSeparators(m_dbPath)},
            {tr("Schema"), tr("version %1").arg(r.schemaVersion)},
            {tr("Integrity"), r.integrityOk ? tr("ok") : tr("damaged")},
            {tr("Members"), number(r.members)},
            {tr("Ledger entries"), number(r.ledgerEntries)},
            {tr("Balances"), r.balanceMismatches == 0
                                 ? tr("all agree with the ledger")
                                 : tr("%1 do not agree with the ledger").arg(number(r.balanceMismatches))},
            {tr("Statistics"), r.statsMismatches == 0
                                   ? tr("agree with the records")
                                   : tr("%1 differ from the records").arg(number(r.statsMismatches))},
            {tr("Member counters"),
             r.counterMismatches == 0
                 ? tr("agree with the purchases")
                 : tr("%1 members differ from their purchases").arg(number(r.counterMismatches))},
            {tr("Waiting to sync"), number(r.pendingOutbox)},
        });
        for (const QString &problem : r.problems)
            line(QStringLiteral("  - ") + problem);
    }
    if (!r.ok) {
        m_err << programName() << ": "
              << (r.problems.size() == 1 ? tr("The check found 1 problem.")
                                         : tr("The check found %1 problems.").arg(r.problems.size()))
              << '\n';
        m_err.flush();
        return ExitRefused;
    }
    return ExitOk;
}

// --- CSV -------------------------------------------------------------------------------------------------

int CliApp::cmdExport(const QCommandLineParser &p)
{
    const QString path = p.value(QStringLiteral("out"));
    const bool toStdout = path == QLatin1String("-");
    if (toStdout && m_json)
        return usageError(nullptr, tr("--json and --out - both write to standard output; choose one."));
    auto progressTo = [&](int done, int total) {
        progress(tr("Exporting..."), done, total);
        return true;
    };
    Result<ExportReport> exported = ExportReport{};
    if (toStdout) {
        m_out.flush();
        exported = MemberCsv::exportMembers(*m_till, *m_io.out, progressTo);
    } else {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return failMessage(
                tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                ErrorCode::Storage);
        exported = MemberCsv::exportMembers(*m_till, file, progressTo);
        // Written completely or not at all: a half file would look like a short member list.
        if (exported && !file.commit())
            return failMessage(
                tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                ErrorCode::Storage);
    }
    endProgress();
    if (!exported)
        return fail(exported.error());
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("members"), exported->members},
                                     {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}});
    const QString message =
        tr("Exported %1 members to %2. The file holds personal data: keep it safe and delete "
           "it when it is no longer needed.")
            .arg(number(exported->members),
                 toStdout ? tr("standard output") : QDir::toNativeSeparators(path));
    if (toStdout) {
        m_err << message << '\n';
        m_err.flush();
    } else {
        line(message);
    }
    return ExitOk;
}

int CliApp::cmdImport(const QCommandLineParser &p)
{
    const QString path = p.value(QStringLiteral("in"));
    QByteArray data;
    if (path == QLatin1String("-")) {
        data = m_io.in ? m_io.in->readAll() : QByteArray();
    } else {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return failMessage(
                tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                ErrorCode::NotFound);
        if (file.size() > MaxImportBytes)
            return failMessage(tr("%1 is larger than %2 MB; split it into smaller files.")
                                   .arg(QDir::toNativeSeparators(path))
                                   .arg(MaxImportBytes / (1024 * 1024)),
                               ErrorCode::InvalidInput);
        data = file.readAll();
    }

    InterruptScope interrupt;
    ImportOptions options;
    options.allOrNothing = p.isSet(QStringLiteral("all-or-nothing"));
    options.progress = [&](int done, int total) {
        if (done % 100 == 0 || done == total)
            progress(tr("Importing..."), done, total);
        return !InterruptScope::interrupted();
    };
    auto imported = MemberCsv::importMembers(*m_till, data, options);
    endProgress();
    if (!imported)
        return fail(imported.error());
    const ImportReport &r = imported.value();
    const int failed = r.failed();
    const bool good = failed == 0 && !r.cancelled;

    if (m_json) {
        QJsonArray problems;
        for (const ImportProblem &problem : r.problems)
            problems.append(QJsonObject{{QStringLiteral("line"), problem.line},
                                        {QStringLiteral("reason"), problem.reason}});
        printJson(
            QJsonObject{{QStringLiteral("ok"), good},
                        {QStringLiteral("rows"), r.rows},
                        {QStringLiteral("imported"), r.imported},
                        {QStringLiteral("alreadyRegistered"), r.alreadyRegistered},
                        {QStringLiteral("failed"), failed},
                        {QStringLiteral("rolledBack"), r.rolledBack},
                        {QStringLiteral("cancelled"), r.cancelled},
                        {QStringLiteral("ignoredColumns"), QJsonArray::fromStringList(r.ignoredColumns)},
                        {QStringLiteral("problems"), problems}});
    } else {
        if (r.rolledBack)
            line(tr("Nothing was imported: rows with problems: %1 (--all-or-nothing).").arg(number(failed)));
        else
            line(tr("Imported %1 of %2 rows.").arg(number(r.imported), number(r.rows)));
        if (r.alreadyRegistered > 0)
            line(tr("Rows with a phone number already registered: %1.").arg(number(r.alreadyRegistered)));
        for (const ImportProblem &problem : r.problems)
            line(tr("  line %1: %2").arg(problem.line).arg(problem.reason));
        if (!r.ignoredColumns.isEmpty())
            line(tr("Columns not imported: %1 (balances and tiers are never imported: points come only "
                    "from the ledger).")
                     .arg(r.ignoredColumns.join(QStringLiteral(", "))));
    }
    m_out.flush();
    if (r.cancelled) {
        m_err << programName() << ": "
              << (r.rolledBack ? tr("The import was stopped; nothing was imported.")
                               : tr("The import was stopped; the rows before it were kept."))
              << '\n';
        m_err.flush();
        return ExitRefused;
    }
    if (failed > 0) {
        m_err << programName() << ": "
              << (failed == 1 ? tr("1 row was not imported; see the list above.")
                              : tr("%1 rows were not imported; see the list above.").arg(number(failed)))
              << '\n';
        m_err.flush();
        return ExitRefused;
    }
    return ExitOk;
}

// --- rules and staff -------------------------------------------------------------------------------------

int CliApp::cmdRules(const QCommandLineParser &p)
{
    if (p.isSet(QStringLiteral("install"))) {
        QFile file(p.value(QStringLiteral("install")));
        if (!file.open(QIODevice::ReadOnly))
            return failMessage(
                tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString()),
                ErrorCode::NotFound);
        if (Status installed = m_till->installRules(file.readAll()); !installed)
            return fail(installed.error());
        if (m_json)
            return printJson(QJsonObject{{QStringLiteral("version"), m_till->rules().version}});
        line(
            tr("Installed loyalty rules version %1. They apply from now on; earlier entries keep the version "
               "they were made under.")
                .arg(m_till->rules().version));
        return ExitOk;
    }

    const LoyaltyRules &rules = m_till->rules();
    if (m_json)
        return printJson(
            QJsonObject{{QStringLiteral("version"), rules.version},
                        {QStringLiteral("rules"), QJsonDocument::fromJson(rules.toJson()).object()}});
    keyValues({
        {tr("Version"), rules.version},
        {tr("Currency"), rules.currency},
        {tr("Earning"), tr("%1 per %2, from %3")
                            .arg(points(rules.earning.pointsPerUnit), money(rules.earning.unitMinor),
                                 money(rules.earning.minimumSpendMinor))},
        {tr("Gifts"), tr("welcome %1, first purchase %2, birthday %3")
                          .arg(number(rules.gifts.welcomePoints), number(rules.gifts.firstPurchasePoints),
                               number(rules.birthday.giftPoints))},
        {tr("Expiry"),
         rules.expiry.months > 0 ? tr("%1 months after earning").arg(rules.expiry.months) : tr("never")},
        {tr("Offline cap"), points(rules.offline.redemptionCapPoints)},
    });
    line();
    QList<QStringList> tiers;
    for (const Tier &t : rules.tiers.tiers)
        tiers.append({t.id, t.name.text(m_language), money(t.thresholdSpendMinor),
                      QStringLiteral("%1%").arg(t.multiplierPercent), t.benefits.text(m_language)});
    table({tr("Tier"), tr("Name"), tr("Spend (%1 months)").arg(rules.tiers.windowMonths), tr("Points"),
           tr("Benefits")},
          tiers, {2, 3});
    line();
    QList<QStringList> rewards;
    for (const Reward &r : rules.redemption.catalogue)
        rewards.append({r.id, r.name.text(m_language), number(r.costPoints),
                        r.limitPerDay > 0 ? tr("%1 a day").arg(r.limitPerDay) : QString()});
    table({tr("Reward"), tr("Name"), tr("Points"), tr("Limit")}, rewards, {2});
    return ExitOk;
}

int CliApp::cmdStaffAdd(const QCommandLineParser &p)
{
    const QString roleText = p.value(QStringLiteral("role")).trimmed().toLower();
    Role role;
    if (roleText == QLatin1String("cashier"))
        role = Role::Cashier;
    else if (roleText == QLatin1String("manager"))
        role = Role::Manager;
    else
        return failMessage(tr("--role is cashier or manager."), ErrorCode::InvalidInput);
    QString pin = p.value(QStringLiteral("pin"));
    if (!p.isSet(QStringLiteral("pin")))
        pin = readSecret(tr("PIN for %1: ").arg(p.value(QStringLiteral("name")).simplified()));
    if (Status created =
            m_till->createOperator(p.value(QStringLiteral("id")), p.value(QStringLiteral("name")), role, pin);
        !created)
        return fail(created.error());
    if (m_json)
        return printJson(QJsonObject{{QStringLiteral("id"), p.value(QStringLiteral("id")).trimmed()},
                                     {QStringLiteral("name"), p.value(QStringLiteral("name")).trimmed()},
                                     {QStringLiteral("role"), roleId(role)}});
    line(role == Role::Manager
             ? tr("Added manager %1 (staff id %2).")
                   .arg(p.value(QStringLiteral("name")).trimmed(), p.value(QStringLiteral("id")).trimmed())
             : tr("Added cashier %1 (staff id %2).")
                   .arg(p.value(QStringLiteral("name")).trimmed(), p.value(QStringLiteral("id")).trimmed()));
    return ExitOk;
}

} // namespace counterpart::cli
