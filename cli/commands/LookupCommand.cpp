// lookup: finds members by phone, last four digits, name, code, card or free text.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QJsonArray>

namespace counterpart::cli {

namespace {

class LookupCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    LookupCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static int print(Context &c, const LookupResult &result);
};

LookupCommand::LookupCommand()
    : Command({
          .name = QStringLiteral("lookup"),
          .summary =
              tr("Find members by phone, last four digits, name, code, card, or any of these as text."),
          .synopsis = QStringLiteral(
              "(--phone P | --last4 NNNN | --name PREFIX | --code CODE | --scan PAYLOAD | TEXT)"),
          .options = {valueOption(QStringLiteral("phone"), tr("Full phone number."), tr("P")),
                      valueOption(QStringLiteral("last4"), tr("Last four digits of the phone number."),
                                  tr("NNNN")),
                      valueOption(QStringLiteral("name"), tr("First letters of the name."), tr("PREFIX")),
                      valueOption(QStringLiteral("code"), tr("12-digit member code."), tr("CODE")),
                      valueOption(QStringLiteral("scan"), tr("What the scanner read from a card (CP1:...)."),
                                  tr("PAYLOAD"))},
          .oneOf = {QStringLiteral("phone"), QStringLiteral("last4"), QStringLiteral("name"),
                    QStringLiteral("code"), QStringLiteral("scan")},
          .arguments = FreeArguments::OneText,
      })
{}

int LookupCommand::run(Context &c, const QCommandLineParser &p) const
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
        error = one(c.till().findByPhone(p.value(QStringLiteral("phone"))),
                    tr("No member has that phone number."));
    } else if (p.isSet(QStringLiteral("last4"))) {
        const QString digits = p.value(QStringLiteral("last4"));
        error = many(c.till().findByLast4(digits),
                     tr("No member's phone number ends in %1.").arg(digits.trimmed()));
    } else if (p.isSet(QStringLiteral("name"))) {
        const QString prefix = p.value(QStringLiteral("name"));
        error = many(c.till().findByNamePrefix(prefix),
                     tr("No member's name starts with \"%1\".").arg(prefix.simplified().left(40)));
    } else if (p.isSet(QStringLiteral("code"))) {
        error = one(c.till().findByCode(p.value(QStringLiteral("code"))), tr("No member has that code."));
    } else if (p.isSet(QStringLiteral("scan"))) {
        error =
            one(c.till().findByScan(p.value(QStringLiteral("scan"))), tr("No member has the scanned card."));
    } else {
        auto found = c.till().lookup(p.positionalArguments().front());
        if (!found)
            return c.fail(found.error());
        result = found.value();
        if (result.kind == LookupResult::Kind::None)
            error = makeError(ErrorCode::NotFound, result.explanation);
    }
    if (error)
        return c.fail(*error);
    return print(c, result);
}

int LookupCommand::print(Context &c, const LookupResult &result)
{
    if (c.json()) {
        QJsonArray members;
        for (const Member &m : std::as_const(result.members))
            members.append(c.memberJson(m));
        QJsonObject out{{QStringLiteral("kind"), result.kind == LookupResult::Kind::Member
                                                     ? QStringLiteral("member")
                                                     : QStringLiteral("candidates")},
                        {QStringLiteral("members"), members}};
        if (!result.explanation.isEmpty())
            out.insert(QStringLiteral("note"), result.explanation);
        return c.printJson(out);
    }
    if (result.kind == LookupResult::Kind::Member) {
        if (!result.explanation.isEmpty()) // found by a number the member had before
            c.line(result.explanation);
        c.printMember(result.members.front());
    } else {
        c.line(result.members.size() == 1 ? tr("1 member matches:")
                                          : tr("%1 members match:").arg(c.number(result.members.size())));
        c.printMemberRows(result.members);
    }
    return ExitOk;
}

} // namespace

std::unique_ptr<Command> makeLookupCommand()
{
    return std::make_unique<LookupCommand>();
}

} // namespace counterpart::cli
