#include "core/MemberCode.h"
#include "core/Points.h"
#include "storage/Database.h"
#include "storage/Pinyin.h"
#include "storage/StoreSupport.h"
#include "storage/Stores.h"

#include <QCoreApplication>

#include <algorithm>
#include <sqlite3.h>
#include <string>

namespace counterpart {

using namespace storesupport;

// ---- members: name search and rows ----

namespace {

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

const QString &memberColumns()
{
    static const QString columns = QStringLiteral(
        "m.local_id, m.id, m.code, m.phone, m.name, m.gender, m.birth_month, m.birth_day, m.birth_date_enc,"
        " m.id_number_enc, m.tier, m.tier_since, m.balance, m.status, m.channel, m.marketing_consent,"
        " m.consent_at, m.note, m.store_id, m.terminal_id, m.created_at, m.updated_at, m.first_purchase_at,"
        " m.last_visit_at, m.visits, m.erased_at");
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
    r.erasedAtMs = st.optionalInt64(25);
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
    CP_TRY_ASSIGN(auto st, db.prepare(sql));
    st.bind(1, key);
    return st.one(readMember, context);
}

} // namespace

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
    // The pinyin of each word of characters, so "wangli", "wang li" and "wl" find 王丽.
    for (qsizetype i = 0, words = tokens.size(); i < words; ++i) {
        if (!tokens.at(i).isEmpty() && isCjk(tokens.at(i).toUcs4().front()))
            tokens.append(pinyinForms(tokens.at(i)));
    }

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
        CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
        st.bind(1, row.id.bytes());
        // A member the server keeps without a code (code_taken) has none here either: NULL, which
        // UNIQUE lets through any number of times.
        if (row.code.isEmpty())
            st.bindNull(2);
        else
            st.bind(2, row.code);
        st.bind(3, orEmpty(row.phone)) // empty for an erased member
            .bind(4, orEmpty(last4Of(row.phone)))
            .bind(5, orEmpty(row.name))
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
        if (Status s = st.run("members.insert"); !s) {
            Error e = s.error();
            if (st.resultCode() == SQLITE_CONSTRAINT_UNIQUE) {
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
    CP_TRY(addNameTokens(localId, row.name));
    if (Status s = tx.commit(); !s)
        return s;
    row.localId = localId;
    return {};
}

Result<std::optional<MemberRow>> MemberStore::byLocalId(qint64 localId)
{
    static const QString sql =
        QStringLiteral("SELECT ") + memberColumns() + QStringLiteral(" FROM members m WHERE m.local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, localId);
    return st.one(readMember, "members.byLocalId");
}

Result<std::optional<MemberRow>> MemberStore::byId(const Uuid &id)
{
    static const QString sql =
        QStringLiteral("SELECT ") + memberColumns() + QStringLiteral(" FROM members m WHERE m.id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, id.bytes());
    return st.one(readMember, "members.byId");
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
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, digits).bind(2, limit);
    return st.all(readMember, "members.byLast4");
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
    CP_TRY_ASSIGN(auto st, m_db.prepare(high.isEmpty() ? unbounded : bounded));
    st.bind(1, low).bind(3, limit).bind(4, qMax(NamePrefixCandidates, limit));
    if (!high.isEmpty())
        st.bind(2, high);
    return st.all(readMember, "members.byNamePrefix");
}

Status MemberStore::addToBalance(qint64 localId, qint64 delta, qint64 nowMs)
{
    // The ceiling (core/Points.h) in the statement: a balance that would leave it changes no row.
    const QString sql =
        QStringLiteral("UPDATE members SET balance = balance + ?2, updated_at = ?3 WHERE local_id = ?1 "
                       "AND abs(balance + ?2) <= ?4");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    const QString tooLarge =
        QCoreApplication::translate("Stores", "A balance cannot pass %1 points; nothing was saved.")
            .arg(MaxBalancePoints);
    if (!addPoints(0, delta))
        return makeError(ErrorCode::Refused, tooLarge);
    st.bindAll(localId, delta, nowMs, MaxBalancePoints);
    Status s = st.runOnOneRow("members.addToBalance");
    if (s || s.error().code != ErrorCode::NotFound)
        return s;
    // No row changed: either no such member, or the ceiling held the row back.
    CP_TRY_ASSIGN(auto member, byLocalId(localId));
    if (!member.has_value())
        return s;
    return makeError(ErrorCode::Refused, tooLarge, s.error().detail);
}

Status MemberStore::setTier(qint64 localId, const QString &tier, qint64 sinceMs, qint64 nowMs)
{
    const QString sql =
        QStringLiteral("UPDATE members SET tier = ?2, tier_since = ?3, updated_at = ?4 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(localId, tier, sinceMs, nowMs);
    return st.runOnOneRow("members.setTier");
}

Status MemberStore::recordVisit(qint64 localId, qint64 atMs)
{
    // MIN() and MAX(): a purchase recorded late (pulled, replayed, imported) never moves the first visit
    // forwards or the last one backwards. A void or a merge afterwards is schema 7's trigger's business.
    const QString sql = QStringLiteral(
        "UPDATE members SET visits = visits + 1, last_visit_at = MAX(COALESCE(last_visit_at, ?2), ?2),"
        " first_purchase_at = MIN(COALESCE(first_purchase_at, ?2), ?2), updated_at = MAX(updated_at, ?2)"
        " WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, localId).bind(2, atMs);
    return st.runOnOneRow("members.recordVisit");
}

Status MemberStore::setNote(qint64 localId, const QString &note, qint64 nowMs)
{
    const QString sql = QStringLiteral("UPDATE members SET note = ?2, updated_at = ?3 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(localId, orEmpty(note), nowMs);
    return st.runOnOneRow("members.setNote");
}

Status MemberStore::updateProfile(const MemberRow &row, qint64 nowMs)
{
    const QString sql = QStringLiteral(
        "UPDATE members SET name = ?2, gender = ?3, birth_month = ?4, birth_day = ?5, birth_date_enc = ?6,"
        " id_number_enc = ?7, note = ?8, updated_at = ?9 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(row.localId, row.name, orEmpty(row.gender), toOptional64(row.birthMonth),
               toOptional64(row.birthDay), orNull(row.birthDateEnc), orNull(row.idNumberEnc),
               orEmpty(row.note), nowMs);
    CP_TRY(st.runOnOneRow("members.updateProfile"));
    return rewriteNameTokens(row.localId, row.name);
}

Result<QList<MemberRow>> MemberStore::tillSealed(qint64 afterLocalId, int limit)
{
    static const QString sql =
        QStringLiteral("SELECT ") + memberColumns() +
        QStringLiteral(" FROM members m WHERE m.local_id > ?1 AND (substr(m.birth_date_enc, 1, 1) = x'01' "
                       "OR substr(m.id_number_enc, 1, 1) = x'01') ORDER BY m.local_id LIMIT ?2");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(afterLocalId, limit);
    return st.all(readMember, "members.tillSealed");
}

Status MemberStore::setSealedFields(qint64 localId, const QByteArray &birthDateEnc,
                                    const QByteArray &idNumberEnc)
{
    const QString sql =
        QStringLiteral("UPDATE members SET birth_date_enc = ?2, id_number_enc = ?3 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(localId, orNull(birthDateEnc), orNull(idNumberEnc));
    return st.runOnOneRow("members.setSealedFields");
}

Status MemberStore::rewriteNameTokens(qint64 localId, const QString &name)
{
    CP_TRY_ASSIGN(auto del, m_db.prepare(QStringLiteral("DELETE FROM member_names WHERE member = ?1")));
    CP_TRY(del.bindAll(localId).run("member_names.delete"));
    return addNameTokens(localId, name);
}

Result<QList<qint64>> MemberStore::addMissingNameTokens(qint64 afterLocalId, int limit)
{
    const QString sql = QStringLiteral("SELECT local_id, name FROM members WHERE local_id > ?1 AND "
                                       "name GLOB '*[^ -~]*' ORDER BY local_id LIMIT ?2");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(afterLocalId, limit);
    CP_TRY_ASSIGN(const auto names,
                  st.all([](const Statement &row) { return std::pair(row.int64(0), row.text(1)); },
                         "members.namesToIndex"));
    // In token order: the new words go into member_names' index one page after the other instead of a
    // page read for each (49 s against a few for 100,000 names).
    QList<std::pair<QString, qint64>> words;
    QList<qint64> looked;
    for (const auto &[localId, name] : names) {
        for (const QString &token : nameTokens(name))
            words.append({token, localId});
        looked.append(localId);
    }
    std::sort(words.begin(), words.end());
    const QString insert =
        QStringLiteral("INSERT OR IGNORE INTO member_names(token, member) VALUES (?1, ?2)");
    for (const auto &[token, localId] : std::as_const(words)) {
        CP_TRY_ASSIGN(auto ins, m_db.prepare(insert));
        CP_TRY(ins.bindAll(token, localId).run("member_names.insert"));
    }
    return looked;
}

Status MemberStore::addNameTokens(qint64 localId, const QString &name)
{
    const QString sql = QStringLiteral("INSERT OR IGNORE INTO member_names(token, member) VALUES (?1, ?2)");
    for (const QString &token : nameTokens(name)) {
        CP_TRY_ASSIGN(auto ins, m_db.prepare(sql));
        CP_TRY(ins.bindAll(token, localId).run("member_names.insert"));
    }
    return {};
}

Status MemberStore::setConsent(qint64 localId, bool consent, qint64 nowMs)
{
    const QString sql = QStringLiteral(
        "UPDATE members SET marketing_consent = ?2, consent_at = ?3, updated_at = ?3 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(localId, consent, nowMs);
    return st.runOnOneRow("members.setConsent");
}

Status MemberStore::close(qint64 localId, qint64 nowMs)
{
    const QString sql =
        QStringLiteral("UPDATE members SET status = 'closed', updated_at = ?2 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(localId, nowMs);
    return st.runOnOneRow("members.close");
}

Status MemberStore::erase(qint64 localId, qint64 nowMs)
{
    const QString sql = QStringLiteral(
        "UPDATE members SET status = 'closed', name = '', phone = '', phone_last4 = '', gender = '',"
        " birth_month = NULL, birth_day = NULL, birth_date_enc = NULL, id_number_enc = NULL, note = '',"
        " marketing_consent = 0, consent_at = ?2, field_hlc = '{}', updated_at = ?2, erased_at = ?2"
        " WHERE local_id = ?1 AND erased_at IS NULL");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    CP_TRY(st.bindAll(localId, nowMs).run("members.erase"));
    for (const char *table : {"member_names", "member_phones"}) {
        CP_TRY_ASSIGN(
            auto del,
            m_db.prepare(QStringLiteral("DELETE FROM %1 WHERE member = ?1").arg(QLatin1String(table))));
        CP_TRY(del.bindAll(localId).run("members.eraseSearch"));
    }
    return forgetPosRequests(localId);
}

// What a POS sent and was answered about the member (docs/pos-api.md) named them: the answers kept for
// replays are replaced by a note of the erasure, and their holds (which keep what found them) removed.
Status MemberStore::forgetPosRequests(qint64 localId)
{
    CP_TRY_ASSIGN(auto holds, m_db.prepare(QStringLiteral("DELETE FROM pos_holds WHERE member = ?1")));
    CP_TRY(holds.bindAll(localId).run("members.erasePosHolds"));
    const QString sql = QStringLiteral(
        "UPDATE pos_requests SET response = ?2 WHERE instr(CAST(response AS TEXT),"
        " '\"code\":\"' || (SELECT code FROM members WHERE local_id = ?1 AND code <> '') || '\"') > 0");
    CP_TRY_ASSIGN(auto answers, m_db.prepare(sql));
    answers.bindAll(localId,
                    QByteArrayLiteral("{\"erased\":true,\"message\":\"This member's data was erased at "
                                      "their request.\"}"));
    return answers.run("members.erasePosAnswers");
}

Status MemberStore::reopen(qint64 localId, qint64 nowMs)
{
    const QString sql = QStringLiteral(
        "UPDATE members SET status = 'active', updated_at = ?2 WHERE local_id = ?1 AND status = 'closed'"
        " AND erased_at IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM members o WHERE o.phone = members.phone AND o.status = 'active')");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(localId, nowMs);
    return st.run("members.reopen");
}

Result<qint64> MemberStore::count()
{
    CP_TRY_ASSIGN(auto st, m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM members")));
    return st.scalar("members.count");
}

Result<qint64> MemberStore::activeCount()
{
    CP_TRY_ASSIGN(auto st,
                  m_db.prepareOnce(QStringLiteral("SELECT count(*) FROM members WHERE status = 'active'")));
    if (!st.next())
        return st.error(QStringLiteral("counting members for export"));
    return st.int64(0);
}

Status MemberStore::forEachActive(const std::function<Status(const MemberExportRow &)> &each)
{
    const QString sql = QStringLiteral(
        "SELECT code, phone, name, gender, birth_month, birth_day, tier, balance, marketing_consent, "
        "created_at, note FROM members WHERE status = 'active' ORDER BY local_id");
    CP_TRY_ASSIGN(auto st, m_db.prepareOnce(sql));
    while (st.next()) {
        CP_TRY(each(MemberExportRow{st.text(0), st.text(1), st.text(2), st.text(3), st.optionalInt64(4),
                                    st.optionalInt64(5), st.text(6), st.int64(7), st.int64(8) != 0,
                                    st.int64(9), st.text(10)}));
    }
    if (!st.ok())
        return st.error(QStringLiteral("reading members for export"));
    return {};
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
    const QString sql =
        QStringLiteral("SELECT code FROM members WHERE code >= ?1 AND code < ?2 ORDER BY code DESC LIMIT 1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bind(1, terminal + QStringLiteral("000000")).bind(2, terminal + QLatin1Char(':'));
    if (!st.next()) {
        if (!st.ok())
            return st.refinedError("members.maxCodeSequence");
        return 0;
    }
    const QString code = st.text(0);
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

// ---- phone history ----

Status MemberStore::changePhone(qint64 localId, const QString &e164,
                                const std::optional<PreviousPhoneRow> &previous, qint64 nowMs)
{
    // A number the member had before is theirs again, not an old one any more.
    CP_TRY_ASSIGN(auto forget,
                  m_db.prepare(QStringLiteral("DELETE FROM member_phones WHERE member = ?1 AND phone = ?2")));
    CP_TRY(forget.bindAll(localId, e164).run("member_phones.forget"));
    const QString sql = QStringLiteral(
        "UPDATE members SET phone = ?2, phone_last4 = ?3, updated_at = ?4 WHERE local_id = ?1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    CP_TRY(st.bindAll(localId, e164, last4Of(e164), nowMs).runOnOneRow("members.changePhone"));
    if (!previous || previous->untilMs <= nowMs)
        return {};
    const QString keep =
        QStringLiteral("INSERT OR REPLACE INTO member_phones(phone, member, until) VALUES (?1, ?2, ?3)");
    CP_TRY_ASSIGN(auto ins, m_db.prepare(keep));
    return ins.bindAll(previous->phone, localId, previous->untilMs).run("member_phones.keep");
}

Result<std::optional<MemberRow>> MemberStore::byPreviousPhone(const QString &e164, qint64 nowMs)
{
    // The primary key (phone, member) finds the few rows of one number; the latest change wins.
    static const QString sql =
        QStringLiteral("SELECT ") + memberColumns() +
        QStringLiteral(" FROM member_phones p JOIN members m ON m.local_id = p.member"
                       " WHERE p.phone = ?1 AND p.until > ?2 AND m.status = 'active'"
                       " AND NOT EXISTS (SELECT 1 FROM members o WHERE o.phone = ?1 AND o.status = 'active')"
                       " ORDER BY p.until DESC LIMIT 1");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(e164, nowMs);
    return st.one(readMember, "members.byPreviousPhone");
}

Result<QList<PreviousPhoneRow>> MemberStore::previousPhones(qint64 localId, qint64 nowMs)
{
    const QString sql = QStringLiteral(
        "SELECT phone, until FROM member_phones WHERE member = ?1 AND until > ?2 ORDER BY until DESC");
    CP_TRY_ASSIGN(auto st, m_db.prepare(sql));
    st.bindAll(localId, nowMs);
    QList<PreviousPhoneRow> out;
    while (st.next())
        out.append({st.text(0), st.int64(1)});
    if (!st.ok())
        return st.refinedError("member_phones.list");
    return out;
}

Status MemberStore::setPreviousPhones(qint64 localId, const QList<PreviousPhoneRow> &phones)
{
    CP_TRY_ASSIGN(auto del, m_db.prepare(QStringLiteral("DELETE FROM member_phones WHERE member = ?1")));
    CP_TRY(del.bindAll(localId).run("member_phones.clear"));
    const QString sql =
        QStringLiteral("INSERT OR REPLACE INTO member_phones(phone, member, until) VALUES (?1, ?2, ?3)");
    for (const PreviousPhoneRow &p : phones) {
        CP_TRY_ASSIGN(auto ins, m_db.prepare(sql));
        CP_TRY(ins.bindAll(p.phone, localId, p.untilMs).run("member_phones.set"));
    }
    return {};
}

} // namespace counterpart
