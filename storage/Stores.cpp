#include "storage/Stores.h"

#include "core/MemberCode.h"
#include "core/Points.h"
#include "storage/Database.h"

#include <QCoreApplication>

#include <sqlite3.h>
#include <string>

namespace counterpart {

namespace {

// ---- helpers: every failure becomes an Error that names what was being done ----

// SQLite says "constraint" for several different things; the stores know which one they hit.
Error refine(const Statement &st, const char *context)
{
    Error e = st.error(QLatin1String(context));
    switch (st.resultCode()) {
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
        e.code = ErrorCode::InvalidInput;
        e.message =
            QCoreApplication::translate("Stores", "A value is not allowed here (for example a negative "
                                                  "amount); nothing was saved.");
        break;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        e.code = ErrorCode::NotFound;
        e.message =
            QCoreApplication::translate("Stores", "What this refers to does not exist; nothing was saved.");
        break;
    default:
        break;
    }
    return e;
}

Status run(Statement &st, const char *context)
{
    while (st.next()) {
    }
    if (!st.ok())
        return refine(st, context);
    return {};
}

// For UPDATEs of one row by key: no row changed means there was no such row.
Status runOnOneRow(Database &db, Statement &st, const char *context)
{
    if (Status s = run(st, context); !s)
        return s;
    if (db.changes() == 0) {
        return makeError(ErrorCode::NotFound,
                         QCoreApplication::translate("Stores", "The record was not found."),
                         QLatin1String(context) + QStringLiteral(": no row changed"));
    }
    return {};
}

Result<qint64> fetchInt(Statement &st, const char *context)
{
    if (st.next())
        return st.int64(0);
    if (!st.ok())
        return refine(st, context);
    return makeError(ErrorCode::Internal, QCoreApplication::translate("Stores", "Internal error: no result."),
                     QLatin1String(context) + QStringLiteral(": no row"));
}

template<typename Row, typename Read>
Result<std::optional<Row>> fetchOne(Statement &st, Read read, const char *context)
{
    if (st.next())
        return std::optional<Row>(read(st));
    if (!st.ok())
        return refine(st, context);
    return std::optional<Row>{};
}

template<typename Row, typename Read>
Result<QList<Row>> fetchAll(Statement &st, Read read, const char *context)
{
    QList<Row> rows;
    while (st.next())
        rows.append(read(st));
    if (!st.ok())
        return refine(st, context);
    return rows;
}

Error missingId(const char *context)
{
    return makeError(ErrorCode::Internal,
                     QCoreApplication::translate("Stores", "Internal error: a record has no id."),
                     QLatin1String(context) + QStringLiteral(": null id"));
}

// NOT NULL text columns: an unset QString is bound as '' rather than NULL.
QString orEmpty(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

// Optional text columns: '' is stored as NULL.
QString orNull(const QString &s)
{
    return s.isEmpty() ? QString() : s;
}

QByteArray orNull(const QByteArray &b)
{
    return b.isEmpty() ? QByteArray() : b;
}

std::optional<int> optionalInt(const Statement &st, int column)
{
    const std::optional<qint64> v = st.optionalInt64(column);
    if (!v)
        return std::nullopt;
    return int(*v);
}

std::optional<qint64> toOptional64(std::optional<int> v)
{
    if (!v)
        return std::nullopt;
    return qint64(*v);
}

// ---- name search ----

bool isCjk(char32_t cp)
{
    if (cp == 0x30FC) // KATAKANA-HIRAGANA PROLONGED SOUND MARK sits inside katakana words
        return true;
    switch (QChar::script(cp)) {
    case QChar::Script_Han:
    case QChar::Script_Hiragana:
    case QChar::Script_Katakana:
    case QChar::Script_Hangul:
    case QChar::Script_Bopomofo:
        return true;
    default:
        return false;
    }
}

bool isSeparator(char32_t cp)
{
    // Spaces and punctuation: "·" (U+00B7) in transcribed names, "-", ",", ".", "'", full-width forms
    // (already folded to ASCII by NFKC).
    return QChar::isSpace(cp) || QChar::isPunct(cp);
}

QString searchForm(const QString &text)
{
    // QString::toCaseFolded is the simple (one-to-one) folding; "ß" is the one full folding that Latin
    // names meet, so "strasse" finds "Straße" too.
    QString folded = text.normalized(QString::NormalizationForm_KC).toCaseFolded();
    folded.replace(QChar(0x00DF), QLatin1String("ss"));
    return folded;
}

QString fromUcs4(const std::u32string &s)
{
    return QString::fromUcs4(s.data(), qsizetype(s.size()));
}

// The smallest string greater than every string that starts with `prefix` (code point order, which is
// the byte order of UTF-8 and so SQLite's BINARY order). Empty when there is none.
QString prefixUpperBound(const QString &prefix)
{
    std::u32string u;
    for (const char32_t cp : prefix.toUcs4())
        u.push_back(cp);
    while (!u.empty()) {
        char32_t &last = u.back();
        if (last < 0x10FFFF) {
            ++last;
            if (last >= 0xD800 && last <= 0xDFFF) // surrogates never occur in text; skip them
                last = 0xE000;
            return fromUcs4(u);
        }
        u.pop_back();
    }
    return {};
}

// ---- members ----

const QString &memberColumns()
{
    static const QString columns = QStringLiteral(
        "m.local_id, m.id, m.code, m.phone, m.name, m.gender, m.birth_month, m.birth_day, m.birth_date_enc,"
        " m.id_number_enc, m.tier, m.tier_since, m.balance, m.status, m.channel, m.marketing_consent,"
        " m.consent_at, m.note, m.store_id, m.terminal_id, m.created_at, m.updated_at, m.first_purchase_at,"
        " m.last_visit_at, m.visits");
    return columns;
}

MemberRow readMember(const Statement &st)
{
    MemberRow r;
    r.localId = st.int64(0);
    r.id = Uuid::fromBytes(st.blob(1));
    r.code = st.text(2);
    r.phone = st.text(3);
    r.name = st.text(4);
    r.gender = st.text(5);
    r.birthMonth = optionalInt(st, 6);
    r.birthDay = optionalInt(st, 7);
    r.birthDateEnc = st.blob(8);
    r.idNumberEnc = st.blob(9);
    r.tier = st.text(10);
    r.tierSinceMs = st.int64(11);
    r.balance = st.int64(12);
    r.status = st.text(13);
    r.channel = st.text(14);
    r.marketingConsent = st.int64(15) != 0;
    r.consentAtMs = st.optionalInt64(16);
    r.note = st.text(17);
    r.storeId = st.text(18);
    r.terminalId = st.text(19);
    r.createdAtMs = st.int64(20);
    r.updatedAtMs = st.int64(21);
    r.firstPurchaseAtMs = st.optionalInt64(22);
    r.lastVisitAtMs = st.optionalInt64(23);
    r.visits = st.int32(24);
    return r;
}

// The last four digits of an E.164 number, for the "last four digits" lookup.
QString last4Of(const QString &phone)
{
    QString digits;
    for (qsizetype i = phone.size() - 1; i >= 0 && digits.size() < 4; --i) {
        if (phone.at(i).isDigit())
            digits.prepend(phone.at(i));
    }
    return digits;
}

Result<std::optional<MemberRow>> memberWhere(Database &db, const QString &sql, const QString &key,
                                             const char *context)
{
    auto st = db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, key);
    return fetchOne<MemberRow>(*st, readMember, context);
}

} // namespace

// ---- MemberStore ----

QList<QString> MemberStore::nameTokens(const QString &name)
{
    const QString folded = searchForm(name);
    QList<QString> tokens;
    std::u32string current;
    std::u32string whole;
    bool currentIsCjk = false;
    auto flush = [&] {
        if (!current.empty())
            tokens.append(fromUcs4(current));
        current.clear();
    };
    for (const char32_t cp : folded.toUcs4()) {
        if (isSeparator(cp)) {
            flush();
            continue;
        }
        const bool cjk = isCjk(cp);
        // A run of CJK characters is one word ("李娜"); where Latin letters meet CJK ones, a word ends.
        if (!current.empty() && cjk != currentIsCjk)
            flush();
        currentIsCjk = cjk;
        current.push_back(cp);
        whole.push_back(cp);
    }
    flush();
    // The whole name without spaces, so "lin" and "li na" find "Li Na".
    if (!whole.empty())
        tokens.append(fromUcs4(whole));

    QList<QString> unique;
    for (const QString &t : std::as_const(tokens)) {
        if (!unique.contains(t))
            unique.append(t);
    }
    return unique;
}

Status MemberStore::insert(MemberRow &row)
{
    if (row.id.isNull())
        return missingId("members.insert");
    static const QString sql =
        QStringLiteral("INSERT INTO members(id, code, phone, phone_last4, name, gender, birth_month, "
                       "birth_day, birth_date_enc,"
                       " id_number_enc, tier, tier_since, balance, status, channel, marketing_consent, "
                       "consent_at, note, store_id,"
                       " terminal_id, created_at, updated_at, first_purchase_at, last_visit_at, visits)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                       "?18, ?19, ?20, ?21,"
                       " ?22, ?23, ?24, ?25)");
    // The member row and its name tokens go in together or not at all, also when called on its own.
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    {
        auto st = m_db.prepare(sql);
        if (!st)
            return st.error();
        st->bind(1, row.id.bytes());
        // A member the server keeps without a code (code_taken) has none here either: NULL, which
        // UNIQUE lets through any number of times.
        if (row.code.isEmpty())
            st->bindNull(2);
        else
            st->bind(2, row.code);
        st->bind(3, row.phone)
            .bind(4, last4Of(row.phone))
            .bind(5, row.name)
            .bind(6, orEmpty(row.gender))
            .bind(7, toOptional64(row.birthMonth))
            .bind(8, toOptional64(row.birthDay))
            .bind(9, orNull(row.birthDateEnc))
            .bind(10, orNull(row.idNumberEnc))
            .bind(11, row.tier)
            .bind(12, row.tierSinceMs)
            .bind(13, row.balance)
            .bind(14, row.status)
            .bind(15, row.channel)
            .bind(16, row.marketingConsent)
            .bind(17, row.consentAtMs)
            .bind(18, orEmpty(row.note))
            .bind(19, row.storeId)
            .bind(20, row.terminalId)
            .bind(21, row.createdAtMs)
            .bind(22, row.updatedAtMs)
            .bind(23, row.firstPurchaseAtMs)
            .bind(24, row.lastVisitAtMs)
            .bind(25, row.visits);
        if (Status s = run(*st, "members.insert"); !s) {
            Error e = s.error();
            if (st->resultCode() == SQLITE_CONSTRAINT_UNIQUE) {
                if (e.detail.contains(QLatin1String("members.phone"))) {
                    e.message = QCoreApplication::translate(
                        "Stores",
                        "This phone number already belongs to an active member; nothing was saved.");
                } else if (e.detail.contains(QLatin1String("members.code"))) {
                    e.message = QCoreApplication::translate(
                        "Stores", "This member code is already in use; nothing was saved.");
                }
            }
            return e;
        }
    }
    const qint64 localId = m_db.lastInsertRowId();
    const QList<QString> tokens = nameTokens(row.name);
    for (const QString &token : tokens) {
        auto st = m_db.prepare(QStringLiteral("INSERT INTO member_names(token, member) VALUES (?1, ?2)"));
        if (!st)
            return st.error();
        st->bind(1, token).bind(2, localId);
        if (Status s = run(*st, "member_names.insert"); !s)
            return s;
    }
    if (Status s = tx.commit(); !s)
        return s;
    row.localId = localId;
    return {};
}

Result<std::optional<MemberRow>> MemberStore::byLocalId(qint64 localId)
{
    static const QString sql =
        QStringLiteral("SELECT ") + memberColumns() + QStringLiteral(" FROM members m WHERE m.local_id = ?1");
    auto st = m_db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, localId);
    return fetchOne<MemberRow>(*st, readMember, "members.byLocalId");
}

Result<std::optional<MemberRow>> MemberStore::byId(const Uuid &id)
{
    static const QString sql =
        QStringLiteral("SELECT ") + memberColumns() + QStringLiteral(" FROM members m WHERE m.id = ?1");
    auto st = m_db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, id.bytes());
    return fetchOne<MemberRow>(*st, readMember, "members.byId");
}

Result<std::optional<MemberRow>> MemberStore::byActivePhone(const QString &e164)
{
    // Spelled like the partial index members_phone_active, so SQLite uses it.
    static const QString sql = QStringLiteral("SELECT ") + memberColumns() +
                               QStringLiteral(" FROM members m WHERE m.phone = ?1 AND m.status = 'active'");
    return memberWhere(m_db, sql, e164, "members.byActivePhone");
}

Result<std::optional<MemberRow>> MemberStore::byCode(const QString &codeDigits)
{
    static const QString sql =
        QStringLiteral("SELECT ") + memberColumns() + QStringLiteral(" FROM members m WHERE m.code = ?1");
    return memberWhere(m_db, sql, codeDigits, "members.byCode");
}

Result<QList<MemberRow>> MemberStore::byLast4(const QString &last4, int limit)
{
    const QString digits = last4.normalized(QString::NormalizationForm_KC).trimmed();
    if (digits.size() != 4)
        return QList<MemberRow>{};
    // members_last4 is (phone_last4, local_id) WHERE status = 'active': the condition repeats the index's
    // WHERE so the partial index applies. About one member in 10,000 shares four digits, so sorting the
    // few candidates by name costs nothing and helps the cashier pick.
    static const QString sql =
        QStringLiteral("SELECT ") + memberColumns() +
        QStringLiteral(" FROM members m WHERE m.phone_last4 = ?1 AND m.status = 'active'"
                       " ORDER BY m.name, m.local_id LIMIT ?2");
    auto st = m_db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, digits).bind(2, limit);
    return fetchAll<MemberRow>(*st, readMember, "members.byLast4");
}

Result<QList<MemberRow>> MemberStore::byNamePrefix(const QString &prefix, int limit)
{
    // The same folding as the tokens; separators are dropped, so "li na" finds the token "lina".
    std::u32string folded;
    for (const char32_t cp : searchForm(prefix).toUcs4()) {
        if (!isSeparator(cp))
            folded.push_back(cp);
    }
    if (folded.empty())
        return QList<MemberRow>{};
    const QString low = fromUcs4(folded);
    const QString high = prefixUpperBound(low);

    // The token range is read from member_names' primary key alone, the IN list deduplicates members,
    // and each member is fetched by its primary key. The work is proportional to the number of matching
    // tokens, so a one- or two-letter prefix on a large file ("l": 100 ms with 200,000 members) would
    // miss the 20 ms budget: at most NamePrefixCandidates tokens (the first in token order, so whole-word
    // matches before longer words) are looked at. Below that, the answer is exact: every match, by name.
    static const QString bounded =
        QStringLiteral("SELECT ") + memberColumns() +
        QStringLiteral(
            " FROM members m WHERE m.local_id IN (SELECT n.member FROM member_names n"
            " WHERE n.token >= ?1 AND n.token < ?2 ORDER BY n.token LIMIT ?4) AND m.status = 'active'"
            " ORDER BY m.name, m.local_id LIMIT ?3");
    static const QString unbounded =
        QStringLiteral("SELECT ") + memberColumns() +
        QStringLiteral(" FROM members m WHERE m.local_id IN (SELECT n.member FROM member_names n"
                       " WHERE n.token >= ?1 ORDER BY n.token LIMIT ?4) AND m.status = 'active'"
                       " ORDER BY m.name, m.local_id LIMIT ?3");
    constexpr int NamePrefixCandidates = 2000;
    auto st = m_db.prepare(high.isEmpty() ? unbounded : bounded);
    if (!st)
        return st.error();
    st->bind(1, low).bind(3, limit).bind(4, qMax(NamePrefixCandidates, limit));
    if (!high.isEmpty())
        st->bind(2, high);
    return fetchAll<MemberRow>(*st, readMember, "members.byNamePrefix");
}

Status MemberStore::addToBalance(qint64 localId, qint64 delta, qint64 nowMs)
{
    auto st = m_db.prepare(
        // The ceiling (core/Points.h) in the statement: a balance that would leave it changes no row.
        QStringLiteral("UPDATE members SET balance = balance + ?2, updated_at = ?3 WHERE local_id = ?1 "
                       "AND abs(balance + ?2) <= ?4"));
    if (!st)
        return st.error();
    const QString tooLarge =
        QCoreApplication::translate("Stores", "A balance cannot pass %1 points; nothing was saved.")
            .arg(MaxBalancePoints);
    if (!addPoints(0, delta))
        return makeError(ErrorCode::Refused, tooLarge);
    st->bind(1, localId).bind(2, delta).bind(3, nowMs).bind(4, MaxBalancePoints);
    Status s = runOnOneRow(m_db, *st, "members.addToBalance");
    if (s || s.error().code != ErrorCode::NotFound)
        return s;
    // No row changed: either no such member, or the ceiling held the row back.
    Result<std::optional<MemberRow>> member = byLocalId(localId);
    if (!member)
        return member.error();
    if (!member->has_value())
        return s;
    return makeError(ErrorCode::Refused, tooLarge, s.error().detail);
}

Status MemberStore::setTier(qint64 localId, const QString &tier, qint64 sinceMs, qint64 nowMs)
{
    auto st = m_db.prepare(
        QStringLiteral("UPDATE members SET tier = ?2, tier_since = ?3, updated_at = ?4 WHERE local_id = ?1"));
    if (!st)
        return st.error();
    st->bind(1, localId).bind(2, tier).bind(3, sinceMs).bind(4, nowMs);
    return runOnOneRow(m_db, *st, "members.setTier");
}

Status MemberStore::recordVisit(qint64 localId, qint64 atMs)
{
    // MIN() and MAX(): a purchase recorded late (pulled, replayed, imported) never moves the first visit
    // forwards or the last one backwards. A void or a merge afterwards is schema 7's trigger's business.
    auto st = m_db.prepare(QStringLiteral(
        "UPDATE members SET visits = visits + 1, last_visit_at = MAX(COALESCE(last_visit_at, ?2), ?2),"
        " first_purchase_at = MIN(COALESCE(first_purchase_at, ?2), ?2), updated_at = MAX(updated_at, ?2)"
        " WHERE local_id = ?1"));
    if (!st)
        return st.error();
    st->bind(1, localId).bind(2, atMs);
    return runOnOneRow(m_db, *st, "members.recordVisit");
}

Status MemberStore::setNote(qint64 localId, const QString &note, qint64 nowMs)
{
    auto st =
        m_db.prepare(QStringLiteral("UPDATE members SET note = ?2, updated_at = ?3 WHERE local_id = ?1"));
    if (!st)
        return st.error();
    st->bind(1, localId).bind(2, orEmpty(note)).bind(3, nowMs);
    return runOnOneRow(m_db, *st, "members.setNote");
}

Status MemberStore::setConsent(qint64 localId, bool consent, qint64 nowMs)
{
    auto st = m_db.prepare(QStringLiteral(
        "UPDATE members SET marketing_consent = ?2, consent_at = ?3, updated_at = ?3 WHERE local_id = ?1"));
    if (!st)
        return st.error();
    st->bind(1, localId).bind(2, consent).bind(3, nowMs);
    return runOnOneRow(m_db, *st, "members.setConsent");
}

Result<qint64> MemberStore::count()
{
    auto st = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM members"));
    if (!st)
        return st.error();
    return fetchInt(*st, "members.count");
}

Result<int> MemberStore::maxCodeSequence(int terminalNumber)
{
    if (terminalNumber < MemberCode::MinTerminal || terminalNumber > MemberCode::MaxTerminal) {
        return makeError(
            ErrorCode::InvalidInput,
            QCoreApplication::translate("Stores", "The terminal number must be between %1 and %2.")
                .arg(MemberCode::MinTerminal)
                .arg(MemberCode::MaxTerminal),
            QStringLiteral("maxCodeSequence(%1)").arg(terminalNumber));
    }
    // A string range on the UNIQUE index on code. The upper end is "TTTTT:" (':' follows '9'), not the
    // next terminal's number, which for 99999 would be "100000..." and sort before it. ORDER BY DESC
    // LIMIT 1 reads one index entry, whatever the number of codes.
    const QString terminal = QString::number(terminalNumber);
    auto st = m_db.prepare(
        QStringLiteral("SELECT code FROM members WHERE code >= ?1 AND code < ?2 ORDER BY code DESC LIMIT 1"));
    if (!st)
        return st.error();
    st->bind(1, terminal + QStringLiteral("000000")).bind(2, terminal + QLatin1Char(':'));
    if (!st->next()) {
        if (!st->ok())
            return refine(*st, "members.maxCodeSequence");
        return 0;
    }
    const QString code = st->text(0);
    bool ok = false;
    const int sequence = code.mid(5, 6).toInt(&ok);
    if (code.size() != MemberCode::Length || !ok) {
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("Stores", "Internal error: a stored member code is malformed."),
            QStringLiteral("maxCodeSequence: code of %1 characters").arg(code.size()));
    }
    return sequence;
}

// ---- PurchaseStore ----

namespace {

const QString &purchaseColumns()
{
    static const QString columns = QStringLiteral(
        "local_id, id, store_id, receipt, member, amount, currency, at, refunded, points_earned,"
        " points_reversed, voided_at");
    return columns;
}

PurchaseRow readPurchase(const Statement &st)
{
    PurchaseRow r;
    r.localId = st.int64(0);
    r.id = Uuid::fromBytes(st.blob(1));
    r.storeId = st.text(2);
    r.receipt = st.text(3);
    r.member = st.int64(4);
    r.amountMinor = st.int64(5);
    r.currency = st.text(6);
    r.atMs = st.int64(7);
    r.refundedMinor = st.int64(8);
    r.pointsEarned = st.int64(9);
    r.pointsReversed = st.int64(10);
    r.voidedAtMs = st.optionalInt64(11);
    return r;
}

} // namespace

Status PurchaseStore::insert(PurchaseRow &row)
{
    if (row.id.isNull())
        return missingId("purchases.insert");
    auto st = m_db.prepare(QStringLiteral(
        "INSERT INTO purchases(id, store_id, receipt, member, amount, currency, at, refunded, points_earned,"
        " points_reversed, voided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
    if (!st)
        return st.error();
    st->bind(1, row.id.bytes())
        .bind(2, row.storeId)
        .bind(3, row.receipt)
        .bind(4, row.member)
        .bind(5, row.amountMinor)
        .bind(6, row.currency)
        .bind(7, row.atMs)
        .bind(8, row.refundedMinor)
        .bind(9, row.pointsEarned)
        .bind(10, row.pointsReversed)
        .bind(11, row.voidedAtMs);
    if (Status s = run(*st, "purchases.insert"); !s) {
        Error e = s.error();
        if (st->resultCode() == SQLITE_CONSTRAINT_UNIQUE &&
            e.detail.contains(QLatin1String("purchases.receipt"))) {
            e.message = QCoreApplication::translate(
                "Stores", "Points were already earned on this receipt at this store; nothing was saved.");
        }
        return e;
    }
    row.localId = m_db.lastInsertRowId();
    if (row.voidedAtMs)
        return {};
    return MemberStore(m_db).recordVisit(row.member, row.atMs);
}

Result<std::optional<PurchaseRow>> PurchaseStore::byReceipt(const QString &storeId, const QString &receipt)
{
    // Spelled like the partial index purchases_receipt.
    static const QString sql = QStringLiteral("SELECT ") + purchaseColumns() +
                               QStringLiteral(" FROM purchases WHERE store_id = ?1 AND receipt = ?2"
                                              " AND voided_at IS NULL");
    auto st = m_db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, storeId).bind(2, receipt);
    return fetchOne<PurchaseRow>(*st, readPurchase, "purchases.byReceipt");
}

Result<std::optional<PurchaseRow>> PurchaseStore::byLocalId(qint64 localId)
{
    static const QString sql =
        QStringLiteral("SELECT ") + purchaseColumns() + QStringLiteral(" FROM purchases WHERE local_id = ?1");
    auto st = m_db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, localId);
    return fetchOne<PurchaseRow>(*st, readPurchase, "purchases.byLocalId");
}

Result<QList<PurchaseRow>> PurchaseStore::forMember(qint64 member, int limit)
{
    static const QString sql = QStringLiteral("SELECT ") + purchaseColumns() +
                               QStringLiteral(" FROM purchases WHERE member = ?1"
                                              " ORDER BY at DESC, local_id DESC LIMIT ?2");
    auto st = m_db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, member).bind(2, limit);
    return fetchAll<PurchaseRow>(*st, readPurchase, "purchases.forMember");
}

Status PurchaseStore::setPointsEarned(qint64 localId, qint64 points)
{
    auto st = m_db.prepare(QStringLiteral("UPDATE purchases SET points_earned = ?2 WHERE local_id = ?1"));
    if (!st)
        return st.error();
    st->bind(1, localId).bind(2, points);
    return runOnOneRow(m_db, *st, "purchases.setPointsEarned");
}

Status PurchaseStore::addRefund(qint64 localId, const Uuid &refundId, qint64 amountMinor,
                                qint64 pointsReversed, qint64 atMs, const QString &reason)
{
    if (refundId.isNull())
        return missingId("refunds.insert");
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    {
        // The CHECK (refunded <= amount) refuses a refund larger than what is left of the purchase.
        auto st = m_db.prepare(QStringLiteral(
            "UPDATE purchases SET refunded = refunded + ?2, points_reversed = points_reversed + ?3"
            " WHERE local_id = ?1 AND voided_at IS NULL"));
        if (!st)
            return st.error();
        st->bind(1, localId).bind(2, amountMinor).bind(3, pointsReversed);
        if (Status s = run(*st, "purchases.addRefund"); !s) {
            Error e = s.error();
            if (st->resultCode() == SQLITE_CONSTRAINT_CHECK) {
                e.code = ErrorCode::Refused;
                e.message = QCoreApplication::translate(
                    "Stores", "The refund is more than what is left of this purchase; nothing was saved.");
            }
            return e;
        }
        if (m_db.changes() == 0) {
            return makeError(
                ErrorCode::NotFound,
                QCoreApplication::translate("Stores", "The purchase was not found, or it was voided."),
                QStringLiteral("purchases.addRefund: no live purchase"));
        }
    }
    {
        auto st = m_db.prepare(QStringLiteral(
            "INSERT INTO refunds(id, purchase, amount, at, reason) VALUES (?1, ?2, ?3, ?4, ?5)"));
        if (!st)
            return st.error();
        st->bind(1, refundId.bytes())
            .bind(2, localId)
            .bind(3, amountMinor)
            .bind(4, atMs)
            .bind(5, orEmpty(reason));
        if (Status s = run(*st, "refunds.insert"); !s)
            return s;
    }
    return tx.commit();
}

Status PurchaseStore::markVoided(qint64 localId, qint64 atMs)
{
    auto st = m_db.prepare(
        QStringLiteral("UPDATE purchases SET voided_at = ?2 WHERE local_id = ?1 AND voided_at IS NULL"));
    if (!st)
        return st.error();
    st->bind(1, localId).bind(2, atMs);
    if (Status s = run(*st, "purchases.markVoided"); !s)
        return s;
    if (m_db.changes() == 1)
        return {};
    Result<std::optional<PurchaseRow>> existing = byLocalId(localId);
    if (!existing)
        return existing.error();
    if (existing->has_value()) {
        return makeError(ErrorCode::Conflict,
                         QCoreApplication::translate("Stores", "This purchase was already voided."),
                         QStringLiteral("purchases.markVoided: already voided"));
    }
    return makeError(ErrorCode::NotFound,
                     QCoreApplication::translate("Stores", "The purchase was not found."),
                     QStringLiteral("purchases.markVoided: no such purchase"));
}

Result<qint64> PurchaseStore::spendSince(qint64 member, qint64 sinceMs)
{
    // purchases_member_at (member, at) gives the range; voided purchases do not count.
    auto st = m_db.prepare(QStringLiteral("SELECT COALESCE(SUM(amount - refunded), 0) FROM purchases"
                                          " WHERE member = ?1 AND at >= ?2 AND voided_at IS NULL"));
    if (!st)
        return st.error();
    st->bind(1, member).bind(2, sinceMs);
    return fetchInt(*st, "purchases.spendSince");
}

Result<PurchaseStore::WindowSpend> PurchaseStore::windowSpend(qint64 member, qint64 sinceMs)
{
    auto st = m_db.prepare(QStringLiteral(
        "SELECT COALESCE(SUM(amount - refunded), 0), MIN(CASE WHEN amount > refunded THEN at END)"
        " FROM purchases WHERE member = ?1 AND at >= ?2 AND voided_at IS NULL"));
    if (!st)
        return st.error();
    st->bind(1, member).bind(2, sinceMs);
    const Result<std::optional<WindowSpend>> row = fetchOne<WindowSpend>(
        *st,
        [](const Statement &r) {
            return WindowSpend{r.int64(0), r.optionalInt64(1)};
        },
        "purchases.windowSpend");
    if (!row)
        return row.error();
    return row->value_or(WindowSpend{}); // an aggregate always returns its one row
}

Result<bool> PurchaseStore::hasPurchases(qint64 member)
{
    // Live purchases only: a voided sale never happened.
    auto st = m_db.prepare(
        QStringLiteral("SELECT EXISTS (SELECT 1 FROM purchases WHERE member = ?1 AND voided_at IS NULL)"));
    if (!st)
        return st.error();
    st->bind(1, member);
    Result<qint64> r = fetchInt(*st, "purchases.hasPurchases");
    if (!r)
        return r.error();
    return *r != 0;
}

// ---- LedgerStore ----

namespace {

const QString &ledgerColumns()
{
    static const QString columns = QStringLiteral(
        "local_id, id, member, kind, points, at, expires_at, purchase, reverses, reward, discount,"
        " rules_version, terminal_id, cashier, reason, approved_by, store_id, receipt");
    return columns;
}

LedgerRow readLedger(const Statement &st)
{
    LedgerRow r;
    r.localId = st.int64(0);
    r.id = Uuid::fromBytes(st.blob(1));
    r.member = st.int64(2);
    r.kind = st.text(3);
    r.points = st.int64(4);
    r.atMs = st.int64(5);
    r.expiresAtMs = st.optionalInt64(6);
    r.purchase = st.optionalInt64(7);
    r.reverses = st.optionalInt64(8);
    r.reward = st.text(9);
    r.discountMinor = st.optionalInt64(10);
    r.rulesVersion = st.text(11);
    r.terminalId = st.text(12);
    r.cashier = st.text(13);
    r.reason = st.text(14);
    r.approvedBy = st.text(15);
    r.storeId = st.text(16);
    r.receipt = st.text(17);
    return r;
}

} // namespace

Status LedgerStore::insert(LedgerRow &row)
{
    if (row.id.isNull())
        return missingId("ledger.insert");
    // Points are money: an entry must say under which rules, where and by whom it was made.
    if (row.rulesVersion.isEmpty() || row.terminalId.isEmpty() || row.cashier.isEmpty()) {
        return makeError(
            ErrorCode::Internal,
            QCoreApplication::translate("Stores", "Internal error: a points entry is incomplete."),
            QStringLiteral("ledger.insert: rules version, terminal or cashier missing"));
    }
    auto st = m_db.prepare(QStringLiteral(
        "INSERT INTO ledger(id, member, kind, points, at, expires_at, purchase, reverses, reward, discount,"
        " rules_version, terminal_id, cashier, reason, approved_by, store_id, receipt)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"));
    if (!st)
        return st.error();
    st->bind(1, row.id.bytes())
        .bind(2, row.member)
        .bind(3, row.kind)
        .bind(4, row.points)
        .bind(5, row.atMs)
        .bind(6, row.expiresAtMs)
        .bind(7, row.purchase)
        .bind(8, row.reverses)
        .bind(9, orNull(row.reward))
        .bind(10, row.discountMinor)
        .bind(11, row.rulesVersion)
        .bind(12, row.terminalId)
        .bind(13, row.cashier)
        .bind(14, orEmpty(row.reason))
        .bind(15, orNull(row.approvedBy))
        .bind(16, orNull(row.storeId)) // schema 2: the receipt a redemption was spent on
        .bind(17, orNull(row.receipt));
    if (Status s = run(*st, "ledger.insert"); !s)
        return s;
    row.localId = m_db.lastInsertRowId();
    return {};
}

Result<QList<LedgerRow>> LedgerStore::forMember(qint64 member, int limit, bool newestFirst)
{
    // ledger_member (member, local_id) serves both directions without a sort.
    static const QString newest =
        QStringLiteral("SELECT ") + ledgerColumns() +
        QStringLiteral(" FROM ledger WHERE member = ?1 ORDER BY local_id DESC LIMIT ?2");
    static const QString oldest = QStringLiteral("SELECT ") + ledgerColumns() +
                                  QStringLiteral(" FROM ledger WHERE member = ?1 ORDER BY local_id LIMIT ?2");
    auto st = m_db.prepare(newestFirst ? newest : oldest);
    if (!st)
        return st.error();
    st->bind(1, member).bind(2, limit); // LIMIT -1: all
    return fetchAll<LedgerRow>(*st, readLedger, "ledger.forMember");
}

Result<std::optional<LedgerRow>> LedgerStore::byLocalId(qint64 localId)
{
    static const QString sql =
        QStringLiteral("SELECT ") + ledgerColumns() + QStringLiteral(" FROM ledger WHERE local_id = ?1");
    auto st = m_db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, localId);
    return fetchOne<LedgerRow>(*st, readLedger, "ledger.byLocalId");
}

Result<qint64> LedgerStore::sumForMember(qint64 member)
{
    auto st = m_db.prepare(QStringLiteral("SELECT COALESCE(SUM(points), 0) FROM ledger WHERE member = ?1"));
    if (!st)
        return st.error();
    st->bind(1, member);
    return fetchInt(*st, "ledger.sumForMember");
}

Result<QList<LedgerStore::Mismatch>> LedgerStore::balanceMismatches(int limit)
{
    // One pass over the ledger in member order (ledger_member), grouped, joined to every member: a
    // member with a balance but no entries is a mismatch too.
    auto st =
        m_db.prepare(QStringLiteral("SELECT m.local_id, m.balance, COALESCE(s.total, 0) FROM members m"
                                    " LEFT JOIN (SELECT member, SUM(points) AS total FROM ledger GROUP BY "
                                    "member) s ON s.member = m.local_id"
                                    " WHERE m.balance <> COALESCE(s.total, 0) ORDER BY m.local_id LIMIT ?1"));
    if (!st)
        return st.error();
    st->bind(1, limit);
    return fetchAll<Mismatch>(
        *st,
        [](const Statement &s) {
            return Mismatch{s.int64(0), s.int64(1), s.int64(2)};
        },
        "ledger.balanceMismatches");
}

Result<qint64> LedgerStore::count()
{
    auto st = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM ledger"));
    if (!st)
        return st.error();
    return fetchInt(*st, "ledger.count");
}

// ---- GiftStore ----

Result<bool> GiftStore::isGranted(qint64 member, const QString &gift, const QString &period)
{
    auto st = m_db.prepare(QStringLiteral(
        "SELECT EXISTS (SELECT 1 FROM gift_grants WHERE member = ?1 AND gift = ?2 AND period = ?3)"));
    if (!st)
        return st.error();
    st->bind(1, member).bind(2, gift).bind(3, period);
    Result<qint64> r = fetchInt(*st, "gift_grants.isGranted");
    if (!r)
        return r.error();
    return *r != 0;
}

Result<bool> GiftStore::grant(qint64 member, const QString &gift, const QString &period,
                              std::optional<qint64> entry, qint64 atMs)
{
    // The primary key (member, gift, period) makes "once per period" hold even if two code paths race.
    auto st = m_db.prepare(
        QStringLiteral("INSERT INTO gift_grants(member, gift, period, entry, at)"
                       " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(member, gift, period) DO NOTHING"));
    if (!st)
        return st.error();
    st->bind(1, member).bind(2, gift).bind(3, period).bind(4, entry).bind(5, atMs);
    if (Status s = run(*st, "gift_grants.grant"); !s)
        return s.error();
    return m_db.changes() == 1;
}

// ---- TierChangeStore ----

Status TierChangeStore::insert(const Uuid &id, qint64 member, const QString &from, const QString &to,
                               qint64 atMs, const QString &reason, const QString &rulesVersion)
{
    if (id.isNull())
        return missingId("tier_changes.insert");
    auto st = m_db.prepare(
        QStringLiteral("INSERT INTO tier_changes(id, member, from_tier, to_tier, at, reason, rules_version)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    if (!st)
        return st.error();
    st->bind(1, id.bytes())
        .bind(2, member)
        .bind(3, orEmpty(from))
        .bind(4, to)
        .bind(5, atMs)
        .bind(6, reason)
        .bind(7, rulesVersion);
    return run(*st, "tier_changes.insert");
}

// ---- OutboxStore ----

Status OutboxStore::enqueue(OutboxRow &row)
{
    if (row.id.isNull() || row.entity.isNull())
        return missingId("outbox.enqueue");
    auto st = m_db.prepare(QStringLiteral(
        "INSERT INTO outbox(id, kind, entity, payload, created_at, status, attempts, last_error)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    if (!st)
        return st.error();
    st->bind(1, row.id.bytes())
        .bind(2, row.kind)
        .bind(3, row.entity.bytes())
        .bindUtf8(4, row.payload.isNull() ? QByteArrayLiteral("{}") : row.payload)
        .bind(5, row.createdAtMs)
        .bind(6, row.status)
        .bind(7, row.attempts)
        .bind(8, orNull(row.lastError));
    if (Status s = run(*st, "outbox.enqueue"); !s)
        return s;
    row.seq = m_db.lastInsertRowId();
    return {};
}

Result<QList<OutboxRow>> OutboxStore::pending(int limit)
{
    // outbox_pending (status, seq): in order, without a sort.
    auto st = m_db.prepare(QStringLiteral(
        "SELECT seq, id, kind, entity, payload, created_at, status, attempts, last_error FROM outbox"
        " WHERE status = 'pending' ORDER BY seq LIMIT ?1"));
    if (!st)
        return st.error();
    st->bind(1, limit);
    return fetchAll<OutboxRow>(
        *st,
        [](const Statement &s) {
            OutboxRow r;
            r.seq = s.int64(0);
            r.id = Uuid::fromBytes(s.blob(1));
            r.kind = s.text(2);
            r.entity = Uuid::fromBytes(s.blob(3));
            r.payload = s.blob(4);
            r.createdAtMs = s.int64(5);
            r.status = s.text(6);
            r.attempts = s.int32(7);
            r.lastError = s.text(8);
            return r;
        },
        "outbox.pending");
}

Result<qint64> OutboxStore::pendingCount()
{
    auto st = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'pending'"));
    if (!st)
        return st.error();
    return fetchInt(*st, "outbox.pendingCount");
}

Status OutboxStore::markApplied(qint64 seq)
{
    auto st = m_db.prepare(
        QStringLiteral("UPDATE outbox SET status = 'applied', attempts = attempts + 1 WHERE seq = ?1"));
    if (!st)
        return st.error();
    st->bind(1, seq);
    return runOnOneRow(m_db, *st, "outbox.markApplied");
}

Status OutboxStore::markRejected(qint64 seq, const QString &reason)
{
    auto st = m_db.prepare(QStringLiteral(
        "UPDATE outbox SET status = 'rejected', attempts = attempts + 1, last_error = ?2 WHERE seq = ?1"));
    if (!st)
        return st.error();
    st->bind(1, seq).bind(2, orEmpty(reason));
    return runOnOneRow(m_db, *st, "outbox.markRejected");
}

// ---- AuditStore ----

Status AuditStore::append(const AuditRow &row)
{
    if (row.id.isNull())
        return missingId("audit.append");
    auto st = m_db.prepare(QStringLiteral(
        "INSERT INTO audit(id, at, actor, role, terminal_id, action, member, reason, approved_by,"
        " details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    if (!st)
        return st.error();
    st->bind(1, row.id.bytes())
        .bind(2, row.atMs)
        .bind(3, row.actor)
        .bind(4, row.role)
        .bind(5, row.terminalId)
        .bind(6, row.action)
        .bind(7, row.member)
        .bind(8, orEmpty(row.reason))
        .bind(9, orNull(row.approvedBy))
        .bindUtf8(10, row.details.isEmpty() ? QByteArrayLiteral("{}") : row.details);
    return run(*st, "audit.append");
}

Result<qint64> AuditStore::count()
{
    auto st = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM audit"));
    if (!st)
        return st.error();
    return fetchInt(*st, "audit.count");
}

Result<qint64> AuditStore::locksSinceLastLogin(const QString &staffId, qint64 sinceMs)
{
    // The audit trail is the record of locks: no second counter to keep in step. Bounded by `sinceMs`
    // through the index on `at`, so a till with years of audit rows reads only the last days.
    auto st = m_db.prepare(QStringLiteral(
        "SELECT count(*) FROM audit WHERE at >= ?2 AND actor = ?1 AND action = 'login.locked' AND at > "
        "coalesce((SELECT max(at) FROM audit WHERE at >= ?2 AND actor = ?1 AND action = 'login'), 0)"));
    if (!st)
        return st.error();
    st->bind(1, staffId).bind(2, sinceMs);
    return fetchInt(*st, "audit.locksSinceLastLogin");
}

// ---- CashierStore ----

namespace {

CashierRow readCashier(const Statement &st)
{
    CashierRow r;
    r.id = st.text(0);
    r.name = st.text(1);
    r.role = st.text(2);
    r.pinHash = st.blob(3);
    r.pinSalt = st.blob(4);
    r.pinIterations = st.int32(5);
    r.failedAttempts = st.int32(6);
    r.lockedUntilMs = st.optionalInt64(7);
    r.active = st.int64(8) != 0;
    r.createdAtMs = st.int64(9);
    return r;
}

const QString &cashierColumns()
{
    static const QString columns = QStringLiteral("id, name, role, pin_hash, pin_salt, pin_iterations, "
                                                  "failed_attempts, locked_until, active, created_at");
    return columns;
}

} // namespace

Status CashierStore::upsert(const CashierRow &row)
{
    // created_at is kept from the first insert.
    auto st = m_db.prepare(
        QStringLiteral("INSERT INTO cashiers(id, name, role, pin_hash, pin_salt, pin_iterations, "
                       "failed_attempts, locked_until,"
                       " active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                       " ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash "
                       "= excluded.pin_hash,"
                       " pin_salt = excluded.pin_salt, pin_iterations = excluded.pin_iterations,"
                       " failed_attempts = excluded.failed_attempts, locked_until = excluded.locked_until,"
                       " active = excluded.active"));
    if (!st)
        return st.error();
    st->bind(1, row.id)
        .bind(2, orEmpty(row.name))
        .bind(3, row.role)
        .bind(4, row.pinHash)
        .bind(5, row.pinSalt)
        .bind(6, row.pinIterations)
        .bind(7, row.failedAttempts)
        .bind(8, row.lockedUntilMs)
        .bind(9, row.active)
        .bind(10, row.createdAtMs);
    return run(*st, "cashiers.upsert");
}

Result<std::optional<CashierRow>> CashierStore::byId(const QString &id)
{
    static const QString sql =
        QStringLiteral("SELECT ") + cashierColumns() + QStringLiteral(" FROM cashiers WHERE id = ?1");
    auto st = m_db.prepare(sql);
    if (!st)
        return st.error();
    st->bind(1, id);
    return fetchOne<CashierRow>(*st, readCashier, "cashiers.byId");
}

Result<QList<CashierRow>> CashierStore::all()
{
    static const QString sql =
        QStringLiteral("SELECT ") + cashierColumns() + QStringLiteral(" FROM cashiers ORDER BY id");
    auto st = m_db.prepare(sql);
    if (!st)
        return st.error();
    return fetchAll<CashierRow>(*st, readCashier, "cashiers.all");
}

Status CashierStore::setFailures(const QString &id, int failedAttempts, std::optional<qint64> lockedUntilMs)
{
    auto st = m_db.prepare(
        QStringLiteral("UPDATE cashiers SET failed_attempts = ?2, locked_until = ?3 WHERE id = ?1"));
    if (!st)
        return st.error();
    st->bind(1, id).bind(2, failedAttempts).bind(3, lockedUntilMs);
    return runOnOneRow(m_db, *st, "cashiers.setFailures");
}

// ---- SettingsStore ----

Result<std::optional<QString>> SettingsStore::get(const QString &key)
{
    auto st = m_db.prepare(QStringLiteral("SELECT value FROM settings WHERE key = ?1"));
    if (!st)
        return st.error();
    st->bind(1, key);
    return fetchOne<QString>(
        *st, [](const Statement &s) { return s.text(0); }, "settings.get");
}

Status SettingsStore::set(const QString &key, const QString &value)
{
    auto st = m_db.prepare(QStringLiteral("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) "
                                          "DO UPDATE SET value = excluded.value"));
    if (!st)
        return st.error();
    st->bind(1, key).bind(2, orEmpty(value));
    return run(*st, "settings.set");
}

Status SettingsStore::remove(const QString &key)
{
    auto st = m_db.prepare(QStringLiteral("DELETE FROM settings WHERE key = ?1"));
    if (!st)
        return st.error();
    st->bind(1, key);
    return run(*st, "settings.remove");
}

// ---- RulesStore ----

Result<std::optional<QByteArray>> RulesStore::active()
{
    auto st = m_db.prepare(QStringLiteral("SELECT document FROM rules_versions WHERE active = 1"));
    if (!st)
        return st.error();
    return fetchOne<QByteArray>(
        *st, [](const Statement &s) { return s.blob(0); }, "rules_versions.active");
}

Status RulesStore::activate(const QString &version, const QByteArray &document, qint64 atMs)
{
    Transaction tx(m_db);
    if (Status s = tx.begin(); !s)
        return s;
    bool exists = false;
    {
        // Ledger entries name the rules version they were computed under; one version must mean one
        // document, or those entries could no longer be explained.
        auto st = m_db.prepare(QStringLiteral("SELECT document FROM rules_versions WHERE version = ?1"));
        if (!st)
            return st.error();
        st->bind(1, version);
        Result<std::optional<QByteArray>> stored = fetchOne<QByteArray>(
            *st, [](const Statement &s) { return s.blob(0); }, "rules_versions.byVersion");
        if (!stored)
            return stored.error();
        if (stored->has_value()) {
            if (**stored != document) {
                return makeError(
                    ErrorCode::Conflict,
                    QCoreApplication::translate(
                        "Stores", "Loyalty rules version %1 is already stored with different content.")
                        .arg(version),
                    QStringLiteral("rules_versions.activate: same version, different document"));
            }
            exists = true;
        }
    }
    {
        // The partial unique index allows one active version: switch the old one off first.
        auto st = m_db.prepare(QStringLiteral("UPDATE rules_versions SET active = 0 WHERE active = 1"));
        if (!st)
            return st.error();
        if (Status s = run(*st, "rules_versions.deactivate"); !s)
            return s;
    }
    {
        auto st =
            exists ? m_db.prepare(QStringLiteral("UPDATE rules_versions SET active = 1 WHERE version = ?1"))
                   : m_db.prepare(QStringLiteral("INSERT INTO rules_versions(version, document, received_at,"
                                                 " active) VALUES (?1, ?2, ?3, 1)"));
        if (!st)
            return st.error();
        st->bind(1, version);
        if (!exists)
            st->bindUtf8(2, document).bind(3, atMs);
        if (Status s = run(*st, "rules_versions.activate"); !s)
            return s;
    }
    return tx.commit();
}

} // namespace counterpart
