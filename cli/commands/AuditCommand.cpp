// audit: the audit trail — who did what, when, at which till, about which member — filtered, or as CSV.

#include "app/AuditTrail.h"
#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace counterpart::cli {

namespace {

class AuditCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    AuditCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    // The filter the options name (default: today, everyone, 200 lines).
    static Result<AuditFilter> filter(Context &c, const QCommandLineParser &p);
    static int exportCsv(Context &c, const QString &path, const AuditFilter &filter);
    static QJsonObject json(Context &c, const QList<AuditLine> &lines);
    static void print(Context &c, const QList<AuditLine> &lines);
};

AuditCommand::AuditCommand()
    : Command({
          .name = QStringLiteral("audit"),
          .summary = tr("Show the audit trail: who did what, when, at which till, about which member and "
                        "with whose approval; or write it as CSV."),
          .synopsis = QStringLiteral("[--member %1] [--staff ID] [--from YYYY-MM-DD] [--to YYYY-MM-DD] "
                                     "[--limit N] [--out FILE.csv]")
                          .arg(memberValueName()),
          .options = {memberOption(),
                      valueOption(QStringLiteral("staff"), tr("Only what this staff id did."), tr("ID")),
                      valueOption(QStringLiteral("from"), tr("The first day (default: today)."), tr("DATE")),
                      valueOption(QStringLiteral("to"), tr("The last day (default: today)."), tr("DATE")),
                      valueOption(QStringLiteral("limit"),
                                  tr("At most this many lines, newest first (default "
                                     "200)."),
                                  tr("N")),
                      valueOption(QStringLiteral("out"),
                                  tr("Write CSV to this file (- for standard output)."), tr("FILE"))},
      })
{}

Result<AuditFilter> AuditCommand::filter(Context &c, const QCommandLineParser &p)
{
    AuditFilter f;
    std::optional<QDate> from;
    std::optional<QDate> to;
    CP_TRY(c.dateOption(p, QStringLiteral("from"), from));
    CP_TRY(c.dateOption(p, QStringLiteral("to"), to));
    f.to = to.value_or(c.till().today());
    f.from = from.value_or(f.to);
    qint64 limit = f.limit;
    CP_TRY(c.integerOption(p, QStringLiteral("limit"), 1, AuditTrail::MaxLines, limit));
    f.limit = int(limit);
    f.staffId = p.value(QStringLiteral("staff"));
    if (p.isSet(QStringLiteral("member"))) {
        CP_TRY_ASSIGN(const Member m, c.member(p));
        f.member = m.id;
    }
    return f;
}

int AuditCommand::run(Context &c, const QCommandLineParser &p) const
{
    auto f = filter(c, p);
    if (!f)
        return c.fail(f.error());
    if (p.isSet(QStringLiteral("out"))) {
        if (p.value(QStringLiteral("out")) == QLatin1String("-") && c.json())
            return c.usageError(this, tr("--json and --out - both write to standard output; choose one."));
        return exportCsv(c, p.value(QStringLiteral("out")), f.value());
    }
    return c.outcome(
        AuditTrail(c.till()).read(f.value()), [&c](const QList<AuditLine> &lines) { return json(c, lines); },
        [&c](const QList<AuditLine> &lines) { print(c, lines); });
}

int AuditCommand::exportCsv(Context &c, const QString &path, const AuditFilter &filter)
{
    int lines = 0;
    const Status written = c.writeOut(path, [&](QIODevice &device) -> Status {
        CP_TRY_ASSIGN(lines, AuditTrail(c.till()).exportCsv(filter, device));
        return {};
    });
    if (!written)
        return c.fail(written.error());
    const bool toStdout = path == QLatin1String("-");
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("lines"), lines},
                                       {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}});
    c.note(tr("%1 lines of the audit trail written to %2.")
               .arg(c.number(lines), toStdout ? tr("standard output") : QDir::toNativeSeparators(path)),
           toStdout);
    return ExitOk;
}

QJsonObject AuditCommand::json(Context &c, const QList<AuditLine> &lines)
{
    QJsonArray out;
    for (const AuditLine &l : lines)
        out.append(QJsonObject{{QStringLiteral("at"), c.isoUtc(l.atMs)},
                               {QStringLiteral("staff"), l.staffId},
                               {QStringLiteral("role"), l.role},
                               {QStringLiteral("till"), l.terminalId},
                               {QStringLiteral("action"), l.action},
                               {QStringLiteral("memberCode"), l.memberCode},
                               {QStringLiteral("reason"), l.reason},
                               {QStringLiteral("approvedBy"), l.approvedBy},
                               {QStringLiteral("details"), l.details}});
    return QJsonObject{{QStringLiteral("lines"), out}};
}

void AuditCommand::print(Context &c, const QList<AuditLine> &lines)
{
    if (lines.isEmpty()) {
        c.line(tr("Nothing in the audit trail for these days."));
        return;
    }
    QList<QStringList> rows;
    for (const AuditLine &l : lines)
        rows.append({c.localTime(l.atMs), l.staffId, l.terminalId.left(8), l.action,
                     l.memberCode.isEmpty() ? QString() : l.memberName, l.reason, l.approvedBy});
    c.table(
        {tr("Time"), tr("Staff"), tr("Till"), tr("Action"), tr("Member"), tr("Reason"), tr("Approved by")},
        rows);
}

} // namespace

std::unique_ptr<Command> makeAuditCommand()
{
    return std::make_unique<AuditCommand>();
}

} // namespace counterpart::cli
