#pragma once

// counterpart-admin: the technician's and scripts' tool. A thin layer over the app layer's use cases:
// it parses a command line, calls Till, and prints the outcome for people (aligned, plain words,
// phone numbers masked) or as one JSON document (--json).

#include "app/Till.h"
#include "core/Clock.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

class QIODevice;
class QTranslator;

namespace counterpart::cli {

// Exit codes.
enum Exit { ExitOk = 0, ExitRefused = 1, ExitUsage = 2 };

class CliApp
{
    Q_DECLARE_TR_FUNCTIONS(cli)

public:
    struct Io {
        QIODevice *out = nullptr;
        QIODevice *err = nullptr;
        QIODevice *in = nullptr;
        bool errIsTerminal = false; // progress is shown only on a terminal
        bool inIsTerminal = false;  // a PIN typed at a terminal is not echoed
    };

    explicit CliApp(const Io &io);
    ~CliApp();
    CliApp(const CliApp &) = delete;
    CliApp &operator=(const CliApp &) = delete;

    // arguments[0] is the program name, as in QCoreApplication::arguments(). Returns the exit code.
    int run(const QStringList &arguments);

    static QString programName() { return QStringLiteral("counterpart-admin"); }

private:
    using Handler = int (CliApp::*)(const QCommandLineParser &);
    struct Command {
        QString name;
        QString summary;
        QString synopsis;
        QList<QCommandLineOption> options;
        QStringList required;    // options that must be given
        QStringList oneOf;       // exactly one of these (lookup: or a free text)
        bool positional = false; // takes free text
        bool createsDatabase = false;
        Handler handler = nullptr;
        int maxPositional = 1; // with `positional`: how many free arguments
    };
    QList<Command> commands() const;
    QList<QCommandLineOption> globalOptions() const;

    // --- plumbing (CliApp.cpp) --------------------------------------------------------------------
    int usageError(const Command *command, const QString &message);
    int fail(const Error &error);
    int failMessage(const QString &message, ErrorCode code = ErrorCode::Refused);
    int printJson(QJsonObject object);
    void printGeneralHelp();
    void printCommandHelp(const Command &command, const QCommandLineParser &parser);
    void installTranslator(const QString &language);
    Status openTill(const Command &command, const QCommandLineParser &parser);
    Status openTillWith(const QCommandLineParser &parser, const std::optional<TillConfig> &initial,
                        bool fastWrites);
    Result<qint64> parseNow(const QString &text, const QByteArray &zone) const;
    QString readSecret(const QString &prompt);
    void progress(const QString &what, int done, int total);
    void endProgress();

    // Output for people.
    void line(const QString &text = {});
    void keyValues(const QList<std::pair<QString, QString>> &rows);
    void table(const QStringList &header, const QList<QStringList> &rows,
               const QList<int> &rightAligned = {});

    // Formatting with the till's settings.
    QString money(qint64 minor) const;
    QString points(qint64 points) const;
    QString number(qint64 n) const;
    QString localTime(qint64 ms) const;
    static QString isoUtc(qint64 ms);
    QString tierName(const QString &tierId) const;
    QString rewardName(const QString &rewardId) const;
    QString maskedPhone(const Member &member) const;
    // "1234 5678 9012", or "none" for a member the server keeps without a code.
    QString memberNumber(const Member &member) const;
    QString kindWords(const QString &ledgerKind) const;
    QJsonObject memberJson(const Member &member) const;
    void printMember(const Member &member, const QList<std::pair<QString, QString>> &more = {});
    void printMemberRows(const QList<Member> &members);
    Result<qint64> parseMoney(const QString &text) const;
    Result<qint64> parseInteger(const QString &text, const QString &what, qint64 min, qint64 max) const;
    Result<Member> member(const QCommandLineParser &parser);

    // --- commands (Commands.cpp) ------------------------------------------------------------------
    int cmdInit(const QCommandLineParser &p);
    int cmdSeed(const QCommandLineParser &p);
    int cmdRegister(const QCommandLineParser &p);
    int cmdLookup(const QCommandLineParser &p);
    int cmdEarn(const QCommandLineParser &p);
    int cmdRedeem(const QCommandLineParser &p);
    int cmdRefund(const QCommandLineParser &p);
    int cmdAdjust(const QCommandLineParser &p);
    int cmdVoid(const QCommandLineParser &p);
    int cmdHistory(const QCommandLineParser &p);
    int cmdCard(const QCommandLineParser &p);
    int cmdExpire(const QCommandLineParser &p);
    int cmdEvaluateTiers(const QCommandLineParser &p);
    int cmdCheck(const QCommandLineParser &p);
    // check --repair: mends the members' cached counters and says what it mended (into `json` with
    // --json); an exit code.
    int repairCounters(QJsonObject *json);
    int cmdExport(const QCommandLineParser &p);
    int cmdImport(const QCommandLineParser &p);
    int cmdRules(const QCommandLineParser &p);
    int cmdStaffAdd(const QCommandLineParser &p);

    // --- sync (SyncCommands.cpp) ------------------------------------------------------------------
    QList<Command> syncCommands() const;
    int cmdEnrol(const QCommandLineParser &p);
    int cmdSync(const QCommandLineParser &p);
    int cmdSyncStatus(const QCommandLineParser &p);
    int cmdSyncSign(const QCommandLineParser &p);
    int cmdStampsAhead(const QCommandLineParser &p);
    int cmdRepairStamps(const QCommandLineParser &p);
    int stamps(bool repair);

    // --- jobs and backups (JobCommands.cpp) ------------------------------------------------------
    QList<Command> jobCommands() const;
    int cmdJobs(const QCommandLineParser &p);
    int cmdBackup(const QCommandLineParser &p);
    int cmdRestore(const QCommandLineParser &p);

    // --- statistics (StatsCommands.cpp) -----------------------------------------------------------
    QList<Command> statsCommands() const;
    int cmdStats(const QCommandLineParser &p);

    Io m_io;
    QTextStream m_out;
    QTextStream m_err;
    bool m_json = false;
    QString m_dbPath;
    QString m_language = QStringLiteral("en"); // of tier and reward names: --lang
    SystemClock m_systemClock;
    ManualClock m_manualClock;
    bool m_useManualClock = false;
    std::unique_ptr<Till> m_till;
    std::unique_ptr<QTranslator> m_translator;
    bool m_progressShown = false;
};

} // namespace counterpart::cli
