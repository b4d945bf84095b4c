// history: a member's points history, newest first.

#include "cli/Context.h"
#include "cli/commands/Commands.h"

#include <QJsonArray>

namespace counterpart::cli {

namespace {

// The ledger kind in words.
QString kindWords(const QString &kind)
{
    static const QList<std::pair<const char *, const char *>> words = {
        {"earn", QT_TRANSLATE_NOOP("cli", "Purchase")},
        {"welcome_gift", QT_TRANSLATE_NOOP("cli", "Welcome gift")},
        {"first_purchase_gift", QT_TRANSLATE_NOOP("cli", "First purchase gift")},
        {"birthday_gift", QT_TRANSLATE_NOOP("cli", "Birthday gift")},
        {"redeem", QT_TRANSLATE_NOOP("cli", "Redeemed")},
        {"redeem_restore", QT_TRANSLATE_NOOP("cli", "Points given back")},
        {"refund_reversal", QT_TRANSLATE_NOOP("cli", "Refund")},
        {"adjust", QT_TRANSLATE_NOOP("cli", "Adjustment")},
        {"void", QT_TRANSLATE_NOOP("cli", "Voided")},
        {"expire", QT_TRANSLATE_NOOP("cli", "Expired")},
    };
    for (const auto &[id, text] : words) {
        if (kind == QLatin1String(id))
            return QCoreApplication::translate("cli", text);
    }
    return kind;
}

class HistoryCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    HistoryCommand();
    int run(Context &c, const QCommandLineParser &p) const override;

private:
    static QJsonObject json(Context &c, const Member &m, const QList<HistoryItem> &items);
    static void print(Context &c, const Member &m, const QList<HistoryItem> &items);
};

HistoryCommand::HistoryCommand()
    : Command({
          .name = QStringLiteral("history"),
          .summary = tr("Show a member's points history, newest first."),
          .synopsis = QStringLiteral("--member %1 [--limit N]").arg(memberValueName()),
          .options = {memberOption(),
                      valueOption(QStringLiteral("limit"), tr("How many entries (default 20)."), tr("N"))},
          .required = {QStringLiteral("member")},
      })
{}

int HistoryCommand::run(Context &c, const QCommandLineParser &p) const
{
    qint64 limit = 20;
    if (Status read = c.integerOption(p, QStringLiteral("limit"), 1, 10'000, limit); !read)
        return c.fail(read.error());
    auto m = c.member(p);
    if (!m)
        return c.fail(m.error());
    return c.outcome(
        c.till().history(m->id, int(limit)),
        [&](const QList<HistoryItem> &items) { return json(c, m.value(), items); },
        [&](const QList<HistoryItem> &items) { print(c, m.value(), items); });
}

QJsonObject HistoryCommand::json(Context &c, const Member &m, const QList<HistoryItem> &items)
{
    QJsonArray entries;
    for (const HistoryItem &h : items) {
        QJsonObject e{{QStringLiteral("id"), h.id.toString()}, {QStringLiteral("at"), c.isoUtc(h.atMs)},
                      {QStringLiteral("kind"), h.kind},        {QStringLiteral("points"), h.points},
                      {QStringLiteral("receipt"), h.receipt},  {QStringLiteral("amountMinor"), h.amountMinor},
                      {QStringLiteral("reward"), h.reward},    {QStringLiteral("reason"), h.reason},
                      {QStringLiteral("cashier"), h.cashier}};
        entries.append(e);
    }
    return QJsonObject{{QStringLiteral("member"), c.memberJson(m)}, {QStringLiteral("entries"), entries}};
}

void HistoryCommand::print(Context &c, const Member &m, const QList<HistoryItem> &items)
{
    c.line(tr("%1 (%2), %3 — newest first:").arg(m.name, m.code.grouped(), c.points(m.balance)));
    QList<QStringList> rows;
    for (const HistoryItem &h : items) {
        QString detail = h.reward.isEmpty() ? h.reason : c.rewardName(h.reward);
        if (!h.reward.isEmpty() && !h.reason.isEmpty())
            detail += QStringLiteral(" (%1)").arg(h.reason);
        rows.append({c.localTime(h.atMs), kindWords(h.kind),
                     (h.points > 0 ? QStringLiteral("+") : QString()) + c.number(h.points), h.receipt,
                     h.amountMinor != 0 ? c.money(h.amountMinor) : QString(), detail});
    }
    if (rows.isEmpty())
        c.line(tr("No points history yet."));
    else
        c.table({tr("When"), tr("What"), tr("Points"), tr("Receipt"), tr("Amount"), tr("Details")}, rows,
                {2, 4});
}

} // namespace

std::unique_ptr<Command> makeHistoryCommand()
{
    return std::make_unique<HistoryCommand>();
}

} // namespace counterpart::cli
