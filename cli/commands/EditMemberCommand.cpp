// edit-member: corrects a member's details (the till's "Edit details"), the phone number among them.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

namespace counterpart::cli {

namespace {

class EditMemberCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    EditMemberCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    // The change the options ask for, or why they cannot be read.
    static Result<ProfileChange> change(Context &c, const QCommandLineParser &p);
};

EditMemberCommand::EditMemberCommand()
    : Command({
          .name = QStringLiteral("edit-member"),
          .summary = tr("Correct a member's name, phone number, gender, birthday, ID number or note; only "
                        "what is given changes."),
          .synopsis =
              QStringLiteral("--member %1 [--name N] [--phone P] [--gender G] [--birthday YYYY-MM-DD | "
                             "--no-birthday] [--id-number X | --no-id-number] [--note TEXT]")
                  .arg(memberValueName()),
          .options =
              {memberOption(), valueOption(QStringLiteral("name"), tr("The member's name."), tr("N")),
               valueOption(QStringLiteral("phone"),
                           tr("A new phone number; the old one still finds the member for a while."),
                           tr("P")),
               valueOption(QStringLiteral("gender"), tr("female, male or other; \"\" for none."), tr("G")),
               valueOption(QStringLiteral("birthday"), tr("Birth date (kept encrypted)."), tr("YYYY-MM-DD")),
               flagOption(QStringLiteral("no-birthday"), tr("Remove the birthday.")),
               valueOption(QStringLiteral("id-number"), tr("ID number (kept encrypted)."), tr("X")),
               flagOption(QStringLiteral("no-id-number"), tr("Remove the ID number.")),
               valueOption(QStringLiteral("note"), tr("A note for cashiers; \"\" removes it."), tr("TEXT"))},
          .required = {QStringLiteral("member")},
      })
{}

Result<ProfileChange> EditMemberCommand::change(Context &c, const QCommandLineParser &p)
{
    const auto both = [&](const char *value, const char *none) {
        return p.isSet(QLatin1String(value)) && p.isSet(QLatin1String(none));
    };
    if (both("birthday", "no-birthday") || both("id-number", "no-id-number"))
        return makeError(ErrorCode::InvalidInput,
                         tr("Give a new value or remove it, not both (--birthday with --no-birthday, "
                            "--id-number with --no-id-number)."));
    ProfileChange change;
    const auto text = [&](const char *name, std::optional<QString> &field) {
        if (p.isSet(QLatin1String(name)))
            field = p.value(QLatin1String(name));
    };
    text("name", change.name);
    text("gender", change.gender);
    text("id-number", change.idNumber);
    text("note", change.note);
    if (change.gender)
        change.gender = change.gender->trimmed().toLower();
    std::optional<QDate> birthday;
    CP_TRY(c.dateOption(p, QStringLiteral("birthday"), birthday));
    if (birthday || p.isSet(QStringLiteral("no-birthday")))
        change.birthDate = birthday;
    if (p.isSet(QStringLiteral("no-id-number")))
        change.idNumber = QString();
    if (change.isEmpty() && !p.isSet(QStringLiteral("phone")))
        return makeError(ErrorCode::InvalidInput,
                         tr("Say what to change: --name, --phone, --gender, --birthday, --no-birthday, "
                            "--id-number, --no-id-number or --note."));
    return change;
}

int EditMemberCommand::run(Context &c, const QCommandLineParser &p) const
{
    auto m = c.member(p);
    if (!m)
        return c.fail(m.error());
    auto wanted = change(c, p);
    if (!wanted)
        return c.fail(wanted.error());
    // The number first: a number that cannot be taken leaves the rest unchanged too.
    Result<Member> saved = m.value();
    if (p.isSet(QStringLiteral("phone")))
        saved = c.till().changePhone(m->id, p.value(QStringLiteral("phone")), std::nullopt);
    if (saved && !wanted->isEmpty())
        saved = c.till().updateProfile(m->id, wanted.value(), std::nullopt);
    return c.outcome(
        saved,
        [&c](const Member &after) {
            return QJsonObject{{QStringLiteral("member"), c.memberJson(after)}};
        },
        [&c](const Member &after) {
            c.line(tr("Saved the details of member %1.").arg(c.memberNumber(after)));
            c.printMember(after);
        });
}

} // namespace

std::unique_ptr<Command> makeEditMemberCommand()
{
    return std::make_unique<EditMemberCommand>();
}

} // namespace counterpart::cli
