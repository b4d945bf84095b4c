#include "app/MemberCsv.h"

#include "app/Till.h"
#include "app/TillContext.h"
#include "storage/Database.h"
#include "storage/Stores.h"

#include <QDateTime>
#include <QHash>
#include <QIODevice>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>

namespace counterpart {

namespace {

constexpr int ImportBatchRows = 500;
constexpr int ExportFlushRows = 1000;

// Characters a spreadsheet reads as the start of a formula. A text field that starts with one is
// written with a leading apostrophe (which spreadsheets hide), and import takes it off again.
bool startsLikeFormula(const QString &text)
{
    if (text.isEmpty())
        return false;
    const QChar c = text.front();
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@') ||
           c == QLatin1Char('\t') || c == QLatin1Char('\r');
}

// RFC 4180 with what spreadsheets really write: either line ending, spaces before an opening quote,
// blank lines skipped. One character at a time; the state is where in a field the reader is.
class CsvReader
{
public:
    CsvReader(const QString &text, QChar delimiter)
        : m_text(text)
        , m_delimiter(delimiter)
    {}

    Result<QList<CsvRecord>> read()
    {
        for (m_at = 0; m_at < m_text.size(); ++m_at) {
            if (m_inQuotes)
                quotedCharacter(m_text.at(m_at));
            else
                CP_TRY(plainCharacter(m_text.at(m_at)));
        }
        if (m_inQuotes)
            return makeError(
                ErrorCode::InvalidInput,
                Csv::tr("The quoted field that starts on line %1 is never closed.").arg(m_quoteLine));
        if (!m_fields.isEmpty() || !m_field.isEmpty() || m_quoted)
            endRecord();
        return m_records;
    }

private:
    QChar next() const { return m_at + 1 < m_text.size() ? m_text.at(m_at + 1) : QChar(); }

    // \r\n, \r or \n: true when c starts a line break (a \r\n is taken whole).
    bool lineBreak(QChar c)
    {
        if (c != QLatin1Char('\r') && c != QLatin1Char('\n'))
            return false;
        if (c == QLatin1Char('\r') && next() == QLatin1Char('\n'))
            ++m_at;
        ++m_line;
        return true;
    }

    void quotedCharacter(QChar c)
    {
        if (c == QLatin1Char('"') && next() == QLatin1Char('"')) {
            m_field.append(c);
            ++m_at;
        } else if (c == QLatin1Char('"')) {
            m_inQuotes = false;
            m_afterQuote = true;
        } else if (lineBreak(c)) {
            m_field.append(QLatin1Char('\n')); // kept inside a field, as "\n" whatever the file uses
        } else {
            m_field.append(c);
        }
    }

    Status plainCharacter(QChar c)
    {
        if (c == m_delimiter) {
            endField();
        } else if (lineBreak(c)) {
            endRecord();
            m_recordLine = m_line;
        } else if (m_afterQuote) {
            if (!c.isSpace())
                return makeError(ErrorCode::InvalidInput,
                                 Csv::tr("Line %1 has text after a closing quote. A quote inside a quoted "
                                         "field is written twice (\"\").")
                                     .arg(m_line));
        } else if (c == QLatin1Char('"') && m_field.trimmed().isEmpty()) {
            // Spaces before an opening quote are tolerated (some programs write `, "text"`).
            m_field.clear();
            m_inQuotes = true;
            m_quoted = true;
            m_quoteLine = m_line;
        } else {
            m_field.append(c);
        }
        return {};
    }

    void endField()
    {
        m_fields.append(m_field);
        m_field.clear();
        m_quoted = false;
        m_afterQuote = false;
    }

    void endRecord()
    {
        const bool blank = m_fields.isEmpty() && m_field.isEmpty() && !m_quoted;
        endField();
        if (!blank)
            m_records.append(CsvRecord{m_recordLine, m_fields});
        m_fields.clear();
    }

    const QString &m_text;
    const QChar m_delimiter;
    qsizetype m_at = 0;
    QList<CsvRecord> m_records;
    QStringList m_fields;
    QString m_field;
    int m_line = 1;
    int m_recordLine = 1;
    int m_quoteLine = 0;
    bool m_inQuotes = false;
    bool m_quoted = false;     // the current field was quoted
    bool m_afterQuote = false; // the current field's closing quote was read
};

} // namespace

Result<QList<CsvRecord>> Csv::parse(const QByteArray &data)
{
    if (data.contains('\0'))
        return makeError(ErrorCode::InvalidInput, tr("This is not a CSV text file (it holds binary data)."));
    QByteArrayView bytes(data);
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.sliced(3);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return makeError(ErrorCode::InvalidInput,
                         tr("The file is not UTF-8 text. Save it from the spreadsheet as \"CSV UTF-8\" "
                            "and try again."));
    // Spreadsheets in some languages separate with semicolons or tabs: decide from the first line.
    const QString first = text.left(text.indexOf(QLatin1Char('\n')));
    QChar delimiter = QLatin1Char(',');
    if (!first.contains(QLatin1Char(','))) {
        if (first.contains(QLatin1Char(';')))
            delimiter = QLatin1Char(';');
        else if (first.contains(QLatin1Char('\t')))
            delimiter = QLatin1Char('\t');
    }
    return CsvReader(text, delimiter).read();
}

QString Csv::quote(const QString &field)
{
    static const QRegularExpression needsQuotes(QStringLiteral("[\",\\r\\n]|^\\s|\\s$"));
    if (!needsQuotes.match(field).hasMatch())
        return field;
    QString out = field;
    out.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

Status Csv::write(QIODevice &out, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    if (out.write(bytes) != bytes.size())
        return makeError(ErrorCode::Storage, tr("Cannot write the export file: %1").arg(out.errorString()));
    return {};
}

QString Csv::escapeFormula(const QString &text)
{
    return startsLikeFormula(text) ? QLatin1Char('\'') + text : text;
}

QString Csv::unescapeFormula(const QString &text)
{
    if (text.size() > 1 && text.front() == QLatin1Char('\'') && startsLikeFormula(text.mid(1)))
        return text.mid(1);
    return text;
}

QString Csv::line(const QStringList &fields)
{
    QString out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out.append(QLatin1Char(','));
        out.append(quote(fields[i]));
    }
    out.append(QLatin1String("\r\n"));
    return out;
}

// --- export -----------------------------------------------------------------------------------------

QStringList MemberCsv::exportColumns()
{
    return {QStringLiteral("code"),       QStringLiteral("phone"),       QStringLiteral("name"),
            QStringLiteral("gender"),     QStringLiteral("birth_month"), QStringLiteral("birth_day"),
            QStringLiteral("tier"),       QStringLiteral("balance"),     QStringLiteral("marketing_consent"),
            QStringLiteral("created_at"), QStringLiteral("note")};
}

Result<ExportReport> MemberCsv::exportMembers(Till &till, QIODevice &out,
                                              const std::function<bool(int, int)> &progress)
{
    CP_TRY(till.context().requireManager(std::nullopt, tr("Exporting members")));
    Database &db = till.database();
    ExportReport report;

    {
        // One read transaction: the file is a consistent snapshot, and in WAL mode it does not hold
        // up the till's writes while it runs.
        ReadTransaction read(db);
        CP_TRY(read.begin());

        MemberStore members(db);
        CP_TRY_ASSIGN(const qint64 count, members.activeCount());
        const int total = int(count);

        // A byte-order mark, so spreadsheets read Chinese names as UTF-8.
        QString buffer = QString(QChar(0xFEFF)) + Csv::line(exportColumns());
        const auto optionalNumber = [](std::optional<qint64> v) {
            return v ? QString::number(*v) : QString();
        };
        const auto writeRow = [&](const MemberExportRow &m) -> Status {
            buffer += Csv::line({
                m.code,
                m.phone,
                Csv::escapeFormula(m.name),
                m.gender,
                optionalNumber(m.birthMonth),
                optionalNumber(m.birthDay),
                m.tier,
                QString::number(m.balance),
                m.marketingConsent ? QStringLiteral("yes") : QStringLiteral("no"),
                QDateTime::fromMSecsSinceEpoch(m.createdAtMs, Qt::UTC).toString(Qt::ISODate),
                Csv::escapeFormula(m.note),
            });
            ++report.members;
            if (report.members % ExportFlushRows == 0) {
                CP_TRY(Csv::write(out, buffer));
                buffer.clear();
                if (progress && !progress(report.members, total))
                    return makeError(ErrorCode::Refused, tr("The export was cancelled."));
            }
            return {};
        };
        CP_TRY(members.forEachActive(writeRow));
        CP_TRY(Csv::write(out, buffer));
        if (progress)
            progress(report.members, total);
    }

    // Personal data left the till: say who took it, and how much.
    Transaction tx(db);
    CP_TRY(tx.begin());
    CP_TRY(till.context().audit(QStringLiteral("members.export"), std::nullopt, {}, {},
                                QJsonObject{{QStringLiteral("members"), report.members}}));
    CP_TRY(tx.commit());
    return report;
}

// --- import -----------------------------------------------------------------------------------------

namespace {

enum class Column { Phone, Name, Gender, Birthday, Consent, Note };

std::optional<Column> columnFor(const QString &header)
{
    QString key = header.trimmed().toLower();
    key.replace(QLatin1Char(' '), QLatin1Char('_'));
    key.replace(QLatin1Char('-'), QLatin1Char('_'));
    static const QHash<QString, Column> names = {
        {QStringLiteral("phone"), Column::Phone},
        {QStringLiteral("mobile"), Column::Phone},
        {QStringLiteral("phone_number"), Column::Phone},
        {QStringLiteral("手机"), Column::Phone},
        {QStringLiteral("手机号"), Column::Phone},
        {QStringLiteral("name"), Column::Name},
        {QStringLiteral("姓名"), Column::Name},
        {QStringLiteral("gender"), Column::Gender},
        {QStringLiteral("性别"), Column::Gender},
        {QStringLiteral("birthday"), Column::Birthday},
        {QStringLiteral("birth_date"), Column::Birthday},
        {QStringLiteral("生日"), Column::Birthday},
        {QStringLiteral("marketing_consent"), Column::Consent},
        {QStringLiteral("consent"), Column::Consent},
        {QStringLiteral("note"), Column::Note},
        {QStringLiteral("notes"), Column::Note},
        {QStringLiteral("备注"), Column::Note},
    };
    auto it = names.constFind(key);
    if (it == names.constEnd())
        return std::nullopt;
    return it.value();
}

std::optional<QString> genderFor(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty())
        return QString();
    if (t == QLatin1String("female") || t == QLatin1String("f") || t == QStringLiteral("女"))
        return QStringLiteral("female");
    if (t == QLatin1String("male") || t == QLatin1String("m") || t == QStringLiteral("男"))
        return QStringLiteral("male");
    if (t == QLatin1String("other") || t == QLatin1String("o") || t == QStringLiteral("其他"))
        return QStringLiteral("other");
    return std::nullopt;
}

std::optional<bool> consentFor(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("no") || t == QLatin1String("n") || t == QLatin1String("0") ||
        t == QLatin1String("false") || t == QStringLiteral("否"))
        return false;
    if (t == QLatin1String("yes") || t == QLatin1String("y") || t == QLatin1String("1") ||
        t == QLatin1String("true") || t == QStringLiteral("是"))
        return true;
    return std::nullopt;
}

// YYYY-MM-DD; spreadsheets also turn dates into 1990/5/3, which is read too.
std::optional<QDate> dateFor(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})$"));
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QDate d(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!d.isValid())
        return std::nullopt;
    return d;
}

bool isEnvironmentError(const Error &e)
{
    return e.code == ErrorCode::Storage || e.code == ErrorCode::Crypto || e.code == ErrorCode::Internal;
}

// Where each known column is in the first line; the names the import does not read go to `ignored`.
Result<QHash<Column, int>> readHeader(const QStringList &header, QStringList &ignored)
{
    QHash<Column, int> index;
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header[i].trimmed();
        const auto column = columnFor(name);
        if (!column) {
            if (!name.isEmpty())
                ignored.append(name);
            continue;
        }
        if (index.contains(*column))
            return makeError(ErrorCode::InvalidInput,
                             MemberCsv::tr("The column \"%1\" appears twice in the first line.").arg(name));
        index.insert(*column, i);
    }
    if (!index.contains(Column::Phone) || !index.contains(Column::Name))
        return makeError(ErrorCode::InvalidInput,
                         MemberCsv::tr("The first line of the file must name the columns, with at least "
                                       "\"phone\" and \"name\" (and optionally gender, birthday, "
                                       "marketing_consent, note). Nothing was imported."));
    return index;
}

// ",,,," lines that spreadsheets leave at the end.
bool isBlank(const CsvRecord &record)
{
    return std::all_of(record.fields.cbegin(), record.fields.cend(),
                       [](const QString &f) { return f.trimmed().isEmpty(); });
}

bool hasExtraValues(const CsvRecord &record, qsizetype columns)
{
    for (qsizetype i = columns; i < record.fields.size(); ++i)
        if (!record.fields[i].trimmed().isEmpty())
            return true;
    return false;
}

// The registration a data row asks for, or why the row cannot be imported (the report's words).
Result<RegisterRequest> requestFor(const CsvRecord &record, const QHash<Column, int> &index,
                                   qsizetype columns)
{
    const auto value = [&](Column c) -> QString {
        const int i = index.value(c, -1);
        return i >= 0 && i < record.fields.size() ? record.fields[i].trimmed() : QString();
    };
    const auto refuse = [](const QString &reason) { return makeError(ErrorCode::InvalidInput, reason); };
    if (hasExtraValues(record, columns))
        return refuse(MemberCsv::tr("it has more values than the first line has columns (a comma inside a "
                                    "value needs quotes)."));
    RegisterRequest request;
    request.channel = QStringLiteral("import");
    request.phone = value(Column::Phone);
    request.name = Csv::unescapeFormula(value(Column::Name));
    request.note = Csv::unescapeFormula(value(Column::Note));
    const auto gender = genderFor(value(Column::Gender));
    if (!gender)
        return refuse(MemberCsv::tr("the gender \"%1\" is not female, male or other.")
                          .arg(value(Column::Gender).left(20)));
    request.gender = *gender;
    const auto consent = consentFor(value(Column::Consent));
    if (!consent)
        return refuse(
            MemberCsv::tr("marketing_consent \"%1\" is not yes or no.").arg(value(Column::Consent).left(20)));
    request.marketingConsent = *consent;
    if (const QString birthday = value(Column::Birthday); !birthday.isEmpty()) {
        request.birthDate = dateFor(birthday);
        if (!request.birthDate)
            return refuse(MemberCsv::tr("the birthday \"%1\" is not a date written as YYYY-MM-DD.")
                              .arg(birthday.left(20)));
    }
    if (request.phone.isEmpty())
        return refuse(MemberCsv::tr("the phone number is missing."));
    return request;
}

// A row registerMember refused for the row's own sake: a phone already registered, or a bad value.
ImportProblem refusal(Till &till, const Error &e, const CsvRecord &record, const QString &phone)
{
    if (e.code != ErrorCode::Conflict)
        return ImportProblem{record.line, e.message};
    auto owner = till.findByPhone(phone);
    if (!owner.ok() || !owner->has_value())
        return ImportProblem{record.line,
                             MemberCsv::tr("this phone number is already registered; row skipped.")};
    const MemberCode &code = owner->value().code;
    return ImportProblem{record.line,
                         MemberCsv::tr("this phone number is already registered (member %1); row skipped.")
                             .arg(code.isEmpty() ? MemberCsv::tr("no number") : code.grouped())};
}

// The import's transactions. All-or-nothing: one around everything. Otherwise batches of
// ImportBatchRows rows keep a large file fast; each row is still its own savepoint inside
// registerMember, so a bad row leaves nothing behind.
class ImportTransactions
{
public:
    ImportTransactions(Database &db, bool allOrNothing)
        : m_db(db)
        , m_allOrNothing(allOrNothing)
    {}

    Status begin()
    {
        if (!m_allOrNothing)
            return {};
        m_whole.emplace(m_db);
        return m_whole->begin();
    }

    Status beforeRow()
    {
        if (m_allOrNothing || m_batch)
            return {};
        m_batch.emplace(m_db);
        return m_batch->begin();
    }

    Status afterRow(bool imported)
    {
        m_importedInBatch += imported ? 1 : 0;
        return ++m_inBatch >= ImportBatchRows ? commitBatch() : Status{};
    }

    // Something outside the file failed (the disk, the key): the unfinished batch is rolled back.
    Error stop(const Error &e, int line)
    {
        if (m_allOrNothing)
            return makeError(e.code, MemberCsv::tr("%1 Nothing was imported.").arg(e.message), e.detail);
        m_batch.reset();
        return makeError(e.code,
                         MemberCsv::tr("%1 The import stopped at line %2; members imported before it were "
                                       "kept: %3.")
                             .arg(e.message, QString::number(line), QString::number(m_kept)),
                         e.detail);
    }

    // The last batch is committed; all-or-nothing keeps everything or, when a row failed or the
    // cashier cancelled, nothing.
    Status finish(ImportReport &report)
    {
        CP_TRY(commitBatch());
        if (!m_whole)
            return {};
        if (report.failed() == 0 && !report.cancelled)
            return m_whole->commit();
        m_whole->rollback();
        report.rolledBack = true;
        report.imported = 0;
        return {};
    }

private:
    Status commitBatch()
    {
        if (m_batch) {
            CP_TRY(m_batch->commit());
            m_batch.reset();
        }
        m_kept += m_importedInBatch;
        m_importedInBatch = 0;
        m_inBatch = 0;
        return {};
    }

    Database &m_db;
    const bool m_allOrNothing;
    std::optional<Transaction> m_whole;
    std::optional<Transaction> m_batch;
    int m_inBatch = 0;
    int m_importedInBatch = 0;
    int m_kept = 0; // imported in batches already committed
};

} // namespace

Result<ImportReport> MemberCsv::importMembers(Till &till, const QByteArray &csv, const ImportOptions &options)
{
    CP_TRY_ASSIGN(auto records, Csv::parse(csv));
    if (records.isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         tr("The file is empty. The first line must name the columns: phone, name, and "
                            "optionally gender, birthday, marketing_consent, note."));
    ImportReport report;
    const QStringList header = records.front().fields;
    CP_TRY_ASSIGN(auto index, readHeader(header, report.ignoredColumns));
    const QList<CsvRecord> rows = records.mid(1);
    const int total = int(rows.size());
    ImportTransactions transactions(till.database(), options.allOrNothing);
    CP_TRY(transactions.begin());

    int done = 0;
    for (const CsvRecord &record : rows) {
        ++done;
        if (isBlank(record))
            continue;
        ++report.rows;
        auto request = requestFor(record, index, header.size());
        if (!request) {
            report.problems.append(ImportProblem{record.line, request.error().message});
            continue;
        }
        CP_TRY(transactions.beforeRow());
        auto registered = till.registerMember(request.value());
        if (!registered && isEnvironmentError(registered.error()))
            return transactions.stop(registered.error(), record.line);
        if (registered)
            ++report.imported;
        else
            report.problems.append(refusal(till, registered.error(), record, request->phone));
        report.alreadyRegistered += !registered && registered.error().code == ErrorCode::Conflict ? 1 : 0;
        CP_TRY(transactions.afterRow(registered.ok()));
        if (options.progress && !options.progress(done, total)) {
            report.cancelled = true;
            break;
        }
    }
    CP_TRY(transactions.finish(report));
    if (options.progress && !report.cancelled)
        options.progress(total, total);
    return report;
}

} // namespace counterpart
