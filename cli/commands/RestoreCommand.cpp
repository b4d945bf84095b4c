// restore: puts a backup in place of the till's database.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QDateTime>
#include <QDir>

namespace counterpart::cli {

namespace {

class RestoreCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    RestoreCommand();
    int run(Context &c, const QCommandLineParser &p) const override;
};

RestoreCommand::RestoreCommand()
    : Command({
          .name = QStringLiteral("restore"),
          .summary = tr("Put a backup in place of the till's database; the current file is kept aside. The "
                        "till must be closed."),
          .synopsis = QStringLiteral("FILE"),
          .arguments = FreeArguments::OneText,
          .database = Database::NotOpened,
      })
{}

int RestoreCommand::run(Context &c, const QCommandLineParser &p) const
{
    if (p.positionalArguments().isEmpty())
        return c.usageError(nullptr, tr("name the backup file to restore."));
    const QString file = p.positionalArguments().front();
    QString aside;
    if (Status s = Backup::restore(file, c.dbPath(), QDateTime::currentMSecsSinceEpoch(), &aside); !s)
        return c.fail(s.error());
    if (!aside.isEmpty())
        c.line(tr("The database that was in place is kept at %1.").arg(QDir::toNativeSeparators(aside)));
    c.line(tr("Restored %1. An enrolled till sends again what it had not sent at the time of the backup (the "
              "server ignores repeats) and gets everything newer back at its next sync.")
               .arg(QDir::toNativeSeparators(file)));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeRestoreCommand()
{
    return std::make_unique<RestoreCommand>();
}

} // namespace counterpart::cli
