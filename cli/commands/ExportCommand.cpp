// export: the members to a CSV file or standard output.

#include "app/MemberCsv.h"
#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QDir>
#include <QFileInfo>

namespace counterpart::cli {

namespace {

class ExportCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    ExportCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

ExportCommand::ExportCommand()
    : Command({
          .name = QStringLiteral("export"),
          .summary = tr("Export members to a CSV file (personal data: keep it safe)."),
          .synopsis = QStringLiteral("--out FILE.csv"),
          .options = {valueOption(QStringLiteral("out"), tr("The CSV file to write (- for standard output)."),
                                  tr("FILE"))},
          .required = {QStringLiteral("out")},
      })
{}

int ExportCommand::run(Context &c, const QCommandLineParser &p) const
{
    const QString path = p.value(QStringLiteral("out"));
    const bool toStdout = path == QLatin1String("-");
    if (toStdout && c.json())
        return c.usageError(nullptr, tr("--json and --out - both write to standard output; choose one."));
    auto progressTo = [&](int done, int total) {
        c.progress(tr("Exporting..."), done, total);
        return true;
    };
    int members = 0;
    const Status written = c.writeOut(path, [&](QIODevice &device) -> Status {
        auto exported = MemberCsv::exportMembers(c.till(), device, progressTo);
        if (!exported)
            return exported.error();
        members = exported->members;
        return {};
    });
    c.endProgress();
    if (!written)
        return c.fail(written.error());
    if (c.json())
        return c.printJson(QJsonObject{{QStringLiteral("members"), members},
                                       {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()}});
    c.note(tr("Exported %1 members to %2. The file holds personal data: keep it safe and delete "
              "it when it is no longer needed.")
               .arg(c.number(members), toStdout ? tr("standard output") : QDir::toNativeSeparators(path)),
           toStdout);
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeExportCommand()
{
    return std::make_unique<ExportCommand>();
}

} // namespace counterpart::cli
