// import: registers members from a CSV file, reporting bad rows by line.

#include "app/MemberCsv.h"
#include "cli/Context.h"
#include "cli/InterruptScope.h"
#include "cli/commands/Commands.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace counterpart::cli {

namespace {

constexpr qint64 MaxImportBytes = qint64(512) * 1024 * 1024;

class ImportCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    ImportCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    // The CSV file's bytes (or standard input's) into `data`; ExitOk or the failure's exit code.
    static int read(Context &c, const QString &path, QByteArray *data);
    static void printJson(Context &c, const ImportReport &r);
    static void print(Context &c, const ImportReport &r);
    // Stopped, or rows left out: said on standard error after the report, and exit 1.
    static int outcome(Context &c, const ImportReport &r);
};

ImportCommand::ImportCommand()
    : Command({
          .name = QStringLiteral("import"),
          .summary = tr("Register members from a CSV file; bad rows are reported by line and skipped."),
          .synopsis = QStringLiteral("--in FILE.csv [--all-or-nothing]"),
          .options = {valueOption(QStringLiteral("in"), tr("The CSV file to read (- for standard input)."),
                                  tr("FILE")),
                      flagOption(QStringLiteral("all-or-nothing"),
                                 tr("Import nothing if any row has a problem."))},
          .required = {QStringLiteral("in")},
      })
{}

int ImportCommand::run(Context &c, const QCommandLineParser &p) const
{
    QByteArray data;
    if (const int read = ImportCommand::read(c, p.value(QStringLiteral("in")), &data); read != ExitOk)
        return read;
    InterruptScope interrupt;
    ImportOptions importOptions;
    importOptions.allOrNothing = p.isSet(QStringLiteral("all-or-nothing"));
    importOptions.progress = [&](int done, int total) {
        if (done % 100 == 0 || done == total)
            c.progress(tr("Importing..."), done, total);
        return !InterruptScope::interrupted();
    };
    auto imported = MemberCsv::importMembers(c.till(), data, importOptions);
    c.endProgress();
    if (!imported)
        return c.fail(imported.error());
    if (c.json())
        printJson(c, imported.value());
    else
        print(c, imported.value());
    c.out().flush();
    return outcome(c, imported.value());
}

int ImportCommand::read(Context &c, const QString &path, QByteArray *data)
{
    if (path == QLatin1String("-")) {
        *data = c.io().in ? c.io().in->readAll() : QByteArray();
        return ExitOk;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return c.failMessage(tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                             ErrorCode::NotFound);
    if (file.size() > MaxImportBytes)
        return c.failMessage(tr("%1 is larger than %2 MB; split it into smaller files.")
                                 .arg(QDir::toNativeSeparators(path))
                                 .arg(MaxImportBytes / (1024 * 1024)),
                             ErrorCode::InvalidInput);
    *data = file.readAll();
    return ExitOk;
}

void ImportCommand::printJson(Context &c, const ImportReport &r)
{
    QJsonArray problems;
    for (const ImportProblem &problem : r.problems)
        problems.append(
            QJsonObject{{QStringLiteral("line"), problem.line}, {QStringLiteral("reason"), problem.reason}});
    c.printJson(QJsonObject{{QStringLiteral("ok"), r.failed() == 0 && !r.cancelled},
                            {QStringLiteral("rows"), r.rows},
                            {QStringLiteral("imported"), r.imported},
                            {QStringLiteral("alreadyRegistered"), r.alreadyRegistered},
                            {QStringLiteral("failed"), r.failed()},
                            {QStringLiteral("rolledBack"), r.rolledBack},
                            {QStringLiteral("cancelled"), r.cancelled},
                            {QStringLiteral("ignoredColumns"), QJsonArray::fromStringList(r.ignoredColumns)},
                            {QStringLiteral("problems"), problems}});
}

void ImportCommand::print(Context &c, const ImportReport &r)
{
    if (r.rolledBack)
        c.line(
            tr("Nothing was imported: rows with problems: %1 (--all-or-nothing).").arg(c.number(r.failed())));
    else
        c.line(tr("Imported %1 of %2 rows.").arg(c.number(r.imported), c.number(r.rows)));
    if (r.alreadyRegistered > 0)
        c.line(tr("Rows with a phone number already registered: %1.").arg(c.number(r.alreadyRegistered)));
    for (const ImportProblem &problem : r.problems)
        c.line(tr("  line %1: %2").arg(problem.line).arg(problem.reason));
    if (!r.ignoredColumns.isEmpty())
        c.line(tr("Columns not imported: %1 (balances and tiers are never imported: points come only "
                  "from the ledger).")
                   .arg(r.ignoredColumns.join(QStringLiteral(", "))));
}

int ImportCommand::outcome(Context &c, const ImportReport &r)
{
    if (r.cancelled)
        return c.refused(r.rolledBack ? tr("The import was stopped; nothing was imported.")
                                      : tr("The import was stopped; the rows before it were kept."));
    const int failed = r.failed();
    if (failed > 0)
        return c.refused(failed == 1
                             ? tr("1 row was not imported; see the list above.")
                             : tr("%1 rows were not imported; see the list above.").arg(c.number(failed)));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeImportCommand()
{
    return std::make_unique<ImportCommand>();
}

} // namespace counterpart::cli
