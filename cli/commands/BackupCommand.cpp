// backup: a checked copy of the till's database, keeping the last N.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QDir>

namespace counterpart::cli {

namespace {

class BackupCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    BackupCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

BackupCommand::BackupCommand()
    : Command({
          .name = QStringLiteral("backup"),
          .summary = tr("Copy the till's database now (safe while the till runs), verify the copy and keep "
                        "the last N."),
          .synopsis = QStringLiteral("[--dir DIR] [--keep N]"),
          .options = {valueOption(QStringLiteral("dir"),
                                  tr("The backup folder (default: backups beside the database)."), tr("DIR")),
                      valueOption(QStringLiteral("keep"), tr("How many copies to keep (default 7)."),
                                  tr("N"))},
      })
{}

int BackupCommand::run(Context &c, const QCommandLineParser &p) const
{
    return c.outcome(
        c.till().backup(QStringLiteral("manual"), p.value(QStringLiteral("dir")),
                        p.value(QStringLiteral("keep")).toInt()),
        [](const auto &copy) {
            return QJsonObject{{QStringLiteral("path"), copy.path}, {QStringLiteral("bytes"), copy.bytes}};
        },
        [&c](const auto &copy) {
            c.line(tr("Backed up to %1 (%2 bytes, checked).")
                       .arg(QDir::toNativeSeparators(copy.path))
                       .arg(copy.bytes));
            for (const QString &old : std::as_const(copy.removed))
                c.line(tr("Removed the older copy %1.").arg(QDir::toNativeSeparators(old)));
        });
}

} // namespace

std::unique_ptr<Command> makeBackupCommand()
{
    return std::make_unique<BackupCommand>();
}

} // namespace counterpart::cli
