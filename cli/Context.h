#pragma once

// What a counterpart-admin command works with: the console it speaks through, the till database
// CliApp opened for it (or the means to open one), and the till's ways of writing money, points,
// times and members.

#include "app/Till.h"
#include "cli/Console.h"
#include "core/Clock.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <utility>

class QCommandLineParser;

namespace counterpart::cli {

class Context : public Console
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    explicit Context(const Io &io);

    Till &till() const { return *m_till; }
    const QString &dbPath() const { return m_dbPath; }
    void setDbPath(const QString &path) { m_dbPath = path; }
    const QString &language() const { return m_language; } // of tier and reward names: --lang
    void setLanguage(const QString &language) { m_language = language; }
    // The clock seed moves; also the one --now sets.
    ManualClock &manualClock() { return m_manualClock; }

    // Opens (with `initial`: creates) the database at dbPath(), on the clock --now asks for.
    Status openTill(const QCommandLineParser &parser, const std::optional<TillConfig> &initial,
                    bool fastWrites);

    // Formatting with the till's settings.
    QString money(qint64 minor) const;
    QString points(qint64 points) const;
    QString number(qint64 n) const;
    QString localTime(qint64 ms) const;
    static QString isoUtc(qint64 ms);
    // "+12 s": a clock offset.
    static QString signedOffset(qint64 ms);
    QString tierName(const QString &tierId) const;
    QString rewardName(const QString &rewardId) const;
    QString maskedPhone(const Member &member) const;
    // "1234 5678 9012", or "none" for a member the server keeps without a code.
    QString memberNumber(const Member &member) const;
    QJsonObject memberJson(const Member &member) const;
    void printMember(const Member &member, const QList<std::pair<QString, QString>> &more = {});
    void printMemberRows(const QList<Member> &members);

    // Reading the command line.
    Result<qint64> parseMoney(const QString &text) const;
    Result<qint64> parseInteger(const QString &text, const QString &what, qint64 min, qint64 max) const;
    // --`name` as money, or as a whole number from `min` to `max`, into `value`; when the option is not
    // given, `value` stays as it is.
    Status moneyOption(const QCommandLineParser &parser, const QString &name, qint64 &value) const;
    Status integerOption(const QCommandLineParser &parser, const QString &name, qint64 min, qint64 max,
                         qint64 &value) const;
    // --`name` as a date written YYYY-MM-DD, into `value`; untouched when the option is not given.
    Status dateOption(const QCommandLineParser &parser, const QString &name,
                      std::optional<QDate> &value) const;
    // The member --member names.
    Result<Member> member(const QCommandLineParser &parser);

    // A use case's outcome: its failure; else, with --json, the document `toJson` makes of it, or for
    // people what `print` says. The exit code.
    template<typename T, typename ToJson, typename Print>
    int outcome(const Result<T> &result, ToJson &&toJson, Print &&print)
    {
        if (!result)
            return fail(result.error());
        if (json())
            return printJson(toJson(result.value()));
        print(result.value());
        return ExitOk;
    }

private:
    Result<qint64> parseNow(const QString &text, const QByteArray &zone) const;

    QString m_dbPath;
    QString m_language = QStringLiteral("en");
    SystemClock m_systemClock;
    ManualClock m_manualClock;
    bool m_useManualClock = false;
    std::unique_ptr<Till> m_till;
};

} // namespace counterpart::cli
