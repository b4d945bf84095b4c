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

QString escapeFormula(const QString &text)
{
    return startsLikeFormula(text) ? QLatin1Char('\'') + text : text;
}

QString unescapeFormula(const QString &text)
{
    if (text.size() > 1 && text.front() == QLatin1Char('\'') && startsLikeFormula(text.mid(1)))
        return text.mid(1);
    return text;
}

Result<QList<CsvRecord>> parseWith(const QString &text, QChar delimiter)
{
    QList<CsvRecord> records;
    QStringList fields;
    QString field;
    int line = 1;
    int recordLine = 1;
    int quoteLine = 0;
    bool inQuotes = false;
    bool quoted = false;     // the current field was quoted
    bool afterQuote = false; // the current field's closing quote was read

    auto endField = [&] {
        fields.append(field);
        field.clear();
        quoted = false;
        afterQuote = false;
    };
    auto endRecord = [&] {
        const bool blank = fields.isEmpty() && field.isEmpty() && !quoted;
        endField();
        if (!blank)
            records.append(CsvRecord{recordLine, fields});
        fields.clear();
    };

    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        const QChar next = i + 1 < n ? text.at(i + 1) : QChar();
        if (inQuotes) {
            if (c == QLatin1Char('"')) {
                if (next == QLatin1Char('"')) {
                    field.append(c);
                    ++i;
                } else {
                    inQuotes = false;
                    afterQuote = true;
                }
            } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
                // A line break inside a field is kept, as "\n" whatever the file uses.
                if (c == QLatin1Char('\r') && next == QLatin1Char('\n'))
                    ++i;
                field.append(QLatin1Char('\n'));
                ++line;
            } else {
                field.append(c);
            }
            continue;
        }
        if (c == delimiter) {
            endField();
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && next == QLatin1Char('\n'))
                ++i;
            endRecord();
            ++line;
            recordLine = line;
        } else if (afterQuote) {
            if (!c.isSpace())
                return makeError(ErrorCode::InvalidInput,
                                 Csv::tr("Line %1 has text after a closing quote. A quote inside a quoted "
                                         "field is written twice (\"\").")
                                     .arg(line));
        } else if (c == QLatin1Char('"') && field.trimmed().isEmpty()) {
            // Spaces before an opening quote are tolerated (some programs write `, "text"`).
            field.clear();
            inQuotes = true;
            quoted = true;
            quoteLine = line;
        } else {
            field.append(c);
        }
    }
    if (inQuotes)
        return makeError(ErrorCode::InvalidInput,
                         Csv::tr("The quoted field that starts on line %1 is never closed.").arg(quoteLine));
    if (!fields.isEmpty() || !field.isEmpty() || quoted)
        endRecord();
    return records;
}

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
    return parseWith(text, delimiter);
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

    auto writeOut = [&](const QString &text) -> Status {
        const QByteArray bytes = text.toUtf8();
        if (out.write(bytes) != bytes.size())
            return makeError(ErrorCode::Storage,
                             tr("Cannot write the export file: %1").arg(out.errorString()));
        return {};
    };

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
                escapeFormula(m.name),
                m.gender,
                optionalNumber(m.birthMonth),
                optionalNumber(m.birthDay),
                m.tier,
                QString::number(m.balance),
                m.marketingConsent ? QStringLiteral("yes") : QStringLiteral("no"),
                QDateTime::fromMSecsSinceEpoch(m.createdAtMs, Qt::UTC).toString(Qt::ISODate),
                escapeFormula(m.note),
            });
            ++report.members;
            if (report.members % ExportFlushRows == 0) {
                CP_TRY(writeOut(buffer));
                buffer.clear();
                if (progress && !progress(report.members, total))
                    return makeError(ErrorCode::Refused, tr("The export was cancelled."));
            }
            return {};
        };
        CP_TRY(members.forEachActive(writeRow));
        CP_TRY(writeOut(buffer));
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

} // namespace

Result<ImportReport> MemberCsv::importMembers(Till &till, const QByteArray &csv, const ImportOptions &options)
{
    CP_TRY_ASSIGN(auto parsed, Csv::parse(csv));
    const QList<CsvRecord> &records = parsed;
    if (records.isEmpty())
        return makeError(ErrorCode::InvalidInput,
                         tr("The file is empty. The first line must name the columns: phone, name, and "
                            "optionally gender, birthday, marketing_consent, note."));

    ImportReport report;
    QHash<Column, int> index;
    const QStringList &header = records.front().fields;
    for (int i = 0; i < header.size(); ++i) {
        const QString name = header[i].trimmed();
        const auto column = columnFor(name);
        if (!column) {
            if (!name.isEmpty())
                report.ignoredColumns.append(name);
            continue;
        }
        if (index.contains(*column))
            return makeError(ErrorCode::InvalidInput,
                             tr("The column \"%1\" appears twice in the first line.").arg(name));
        index.insert(*column, i);
    }
    if (!index.contains(Column::Phone) || !index.contains(Column::Name))
        return makeError(ErrorCode::InvalidInput,
                         tr("The first line of the file must name the columns, with at least \"phone\" and "
                            "\"name\" (and optionally gender, birthday, marketing_consent, note). Nothing "
                            "was imported."));

    const QList<CsvRecord> rows = records.mid(1);
    const int total = int(rows.size());
    Database &db = till.database();

    // All-or-nothing: one transaction around everything. Otherwise batches keep a large file fast;
    // each row is still its own savepoint inside registerMember, so a bad row leaves nothing behind.
    std::optional<Transaction> whole;
    if (options.allOrNothing) {
        whole.emplace(db);
        CP_TRY(whole->begin());
    }
    std::optional<Transaction> batch;
    int inBatch = 0;
    int importedInBatch = 0;
    int kept = 0; // imported in batches already committed
    auto commitBatch = [&]() -> Status {
        if (batch) {
            CP_TRY(batch->commit());
            batch.reset();
        }
        kept += importedInBatch;
        importedInBatch = 0;
        inBatch = 0;
        return {};
    };

    int done = 0;
    for (const CsvRecord &record : rows) {
        ++done;
        const auto value = [&](Column c) -> QString {
            const int i = index.value(c, -1);
            return i >= 0 && i < record.fields.size() ? record.fields[i].trimmed() : QString();
        };
        bool allEmpty = true;
        for (const QString &f : record.fields)
            allEmpty = allEmpty && f.trimmed().isEmpty();
        if (allEmpty)
            continue; // ",,,," lines that spreadsheets leave at the end
        ++report.rows;
        auto problem = [&](const QString &reason) {
            report.problems.append(ImportProblem{record.line, reason});
        };

        bool extra = false;
        for (qsizetype i = header.size(); i < record.fields.size(); ++i)
            extra = extra || !record.fields[i].trimmed().isEmpty();
        if (extra) {
            problem(tr("it has more values than the first line has columns (a comma inside a value needs "
                       "quotes)."));
            continue;
        }

        RegisterRequest request;
        request.channel = QStringLiteral("import");
        request.phone = value(Column::Phone);
        request.name = unescapeFormula(value(Column::Name));
        request.note = unescapeFormula(value(Column::Note));
        const auto gender = genderFor(value(Column::Gender));
        if (!gender) {
            problem(
                tr("the gender \"%1\" is not female, male or other.").arg(value(Column::Gender).left(20)));
            continue;
        }
        request.gender = *gender;
        const auto consent = consentFor(value(Column::Consent));
        if (!consent) {
            problem(tr("marketing_consent \"%1\" is not yes or no.").arg(value(Column::Consent).left(20)));
            continue;
        }
        request.marketingConsent = *consent;
        if (const QString birthday = value(Column::Birthday); !birthday.isEmpty()) {
            const auto date = dateFor(birthday);
            if (!date) {
                problem(
                    tr("the birthday \"%1\" is not a date written as YYYY-MM-DD.").arg(birthday.left(20)));
                continue;
            }
            request.birthDate = date;
        }
        if (request.phone.isEmpty()) {
            problem(tr("the phone number is missing."));
            continue;
        }

        if (!options.allOrNothing && !batch) {
            batch.emplace(db);
            CP_TRY(batch->begin());
        }
        auto registered = till.registerMember(request);
        if (!registered) {
            const Error &e = registered.error();
            if (isEnvironmentError(e)) {
                if (options.allOrNothing)
                    return makeError(e.code, tr("%1 Nothing was imported.").arg(e.message), e.detail);
                batch.reset(); // rolls back the unfinished batch
                return makeError(e.code,
                                 tr("%1 The import stopped at line %2; members imported before it were "
                                    "kept: %3.")
                                     .arg(e.message, QString::number(record.line), QString::number(kept)),
                                 e.detail);
            }
            if (e.code == ErrorCode::Conflict) {
                ++report.alreadyRegistered;
                auto owner = till.findByPhone(request.phone);
                if (owner.ok() && owner->has_value())
                    problem(tr("this phone number is already registered (member %1); row skipped.")
                                .arg(owner->value().code.isEmpty() ? tr("no number")
                                                                   : owner->value().code.grouped()));
                else
                    problem(tr("this phone number is already registered; row skipped."));
            } else {
                problem(e.message);
            }
        } else {
            ++report.imported;
            ++importedInBatch;
        }
        if (++inBatch >= ImportBatchRows)
            CP_TRY(commitBatch());
        if (options.progress && !options.progress(done, total)) {
            report.cancelled = true;
            break;
        }
    }
    CP_TRY(commitBatch());

    if (whole) {
        if (report.failed() > 0 || report.cancelled) {
            whole->rollback();
            report.rolledBack = true;
            report.imported = 0;
        } else {
            CP_TRY(whole->commit());
        }
    }
    if (options.progress && !report.cancelled)
        options.progress(total, total);
    return report;
}

} // namespace counterpart
