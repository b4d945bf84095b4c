// stamps-ahead and repair-stamps: clock stamps more than 5 minutes ahead of this till's clock, listed or
// set back to the present. One class for the pair: they differ only in whether they repair.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QJsonArray>

namespace counterpart::cli {

namespace {

class StampsCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    explicit StampsCommand(bool repair)
        : Command(repair ? CommandSpec{.name = QStringLiteral("repair-stamps"),
                                       .summary = tr("Set clock stamps more than 5 minutes ahead back to the "
                                                     "present, and record it in the audit.")}
                         : CommandSpec{.name = QStringLiteral("stamps-ahead"),
                                       .summary = tr("List clock stamps more than 5 minutes ahead of this "
                                                     "till's clock (its own, and members' fields).")})
        , m_repair(repair)
    {}

    int run(Context &c, const QCommandLineParser &p) const override;

private:
    bool m_repair = false;
};

int StampsCommand::run(Context &c, const QCommandLineParser &) const
{
    const bool repair = m_repair;
    auto found = c.till().stampsAhead(repair);
    if (!found)
        return c.fail(found.error());
    if (c.json()) {
        QJsonArray list;
        for (const StampAhead &a : found.value())
            list.append(QJsonObject{{QStringLiteral("member"), a.memberCode},
                                    {QStringLiteral("field"), a.field},
                                    {QStringLiteral("stamp"), a.stamp},
                                    {QStringLiteral("repairedTo"), a.repairedTo}});
        return c.printJson({{QStringLiteral("repaired"), repair}, {QStringLiteral("stamps"), list}});
    }
    if (found->isEmpty()) {
        c.line(tr("No clock stamp is more than 5 minutes ahead of this till's clock."));
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const StampAhead &a : found.value()) {
        const QString field = a.field == QLatin1String("clock") ? tr("this till's clock") : a.field;
        rows.append(
            {a.memberCode.isEmpty() ? QStringLiteral("-") : a.memberCode, field, a.stamp, a.repairedTo});
    }
    c.table({tr("Member"), tr("Stamp of"), tr("Stamp"), repair ? tr("Repaired to") : tr("Would become")},
            rows);
    c.line(repair ? tr("Repaired %n clock stamps.", nullptr, int(found->size()))
                  : tr("%n clock stamps are ahead. Repair them with \"%1 repair-stamps\".", nullptr,
                       int(found->size()))
                        .arg(programName()));
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeStampsAheadCommand()
{
    return std::make_unique<StampsCommand>(false);
}

std::unique_ptr<Command> makeRepairStampsCommand()
{
    return std::make_unique<StampsCommand>(true);
}

} // namespace counterpart::cli
