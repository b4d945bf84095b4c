#pragma once

// Members to and from CSV files (RFC 4180), for the technician's import and export. Import goes
// through Till::registerMember, so an imported member is exactly a member registered at the till.

#include "core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QIODevice;

namespace counterpart {

class Till;

// One record of a CSV file and the line of the file it starts on (1-based; a quoted field may span
// several lines).
struct CsvRecord {
    int line = 0;
    QStringList fields;
};

// RFC 4180 reading and writing. UTF-8 with or without a byte-order mark, CRLF or LF line ends,
// quoted fields holding commas, line breaks and doubled quotes.
class Csv
{
    Q_DECLARE_TR_FUNCTIONS(Csv)

public:
    // Every record of the file. Blank lines are skipped. A file that is not UTF-8 text, has NUL bytes,
    // or leaves a quoted field open is refused as a whole, naming the line.
    static Result<QList<CsvRecord>> parse(const QByteArray &data);
    // One field, quoted when it holds a comma, a quote, a line break or leading/trailing spaces.
    static QString quote(const QString &field);
    // Text a spreadsheet would take for a formula (=, +, -, @, tab, CR first) with a leading apostrophe,
    // which spreadsheets hide; unescapeFormula takes it off again when a file is read back.
    static QString escapeFormula(const QString &text);
    static QString unescapeFormula(const QString &text);
    // One record, fields joined by commas and ended by CRLF.
    static QString line(const QStringList &fields);
    // Text written to a file as UTF-8; a short write (a full disk) is a plain-words error.
    static Status write(QIODevice &out, const QString &text);
};

struct ExportReport {
    int members = 0;
};

struct ImportOptions {
    // Roll back every row when any row fails (a phone that is already registered is not a failure).
    bool allOrNothing = false;
    // Called as rows are done; return false to cancel. Without all-or-nothing, the rows imported
    // before the cancel stay (each one is complete).
    std::function<bool(int done, int total)> progress;
};

// A row that was not imported, and why, in plain words.
struct ImportProblem {
    int line = 0;
    QString reason;
};

struct ImportReport {
    int rows = 0;     // data rows in the file
    int imported = 0; // members registered (and kept: 0 after a roll-back)
    int alreadyRegistered = 0;
    QList<ImportProblem> problems; // bad rows and rows with a phone already registered, by line
    QStringList ignoredColumns;    // header columns the import does not read (code, balance...)
    bool rolledBack = false;       // all-or-nothing and a row failed: nothing was kept
    bool cancelled = false;
    int failed() const { return int(problems.size()) - alreadyRegistered; }
};

class MemberCsv
{
    Q_DECLARE_TR_FUNCTIONS(MemberCsv)

public:
    // The columns export writes, in order.
    static QStringList exportColumns();
    // Active members, oldest first: code, phone (E.164), name, gender, birth_month, birth_day, tier,
    // balance, marketing_consent, created_at (ISO 8601 UTC), note. Encrypted fields (full birth date,
    // ID number) are never exported. Manager only; the export is recorded in the audit table.
    static Result<ExportReport> exportMembers(Till &till, QIODevice &out,
                                              const std::function<bool(int done, int total)> &progress = {});

    // Registers the members of a CSV file with columns phone, name and optionally gender, birthday
    // (YYYY-MM-DD), marketing_consent (yes/no/1/0/true/false) and note, in any order. Each row is
    // validated and registered by Till::registerMember with channel "import", in its own
    // transaction. A file that cannot be read as CSV or lacks the phone or name column is an error and
    // nothing is imported.
    static Result<ImportReport> importMembers(Till &till, const QByteArray &csv,
                                              const ImportOptions &options);
};

} // namespace counterpart
