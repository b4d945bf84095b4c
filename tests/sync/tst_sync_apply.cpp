// The till's side of sync without a network: pulled pages applied by id and by HLC, pending local work
// protected, merges rewriting references, rejected operations taken back, the cursor saved in the same
// transaction as its page, snapshots, rules and flags, and the offline redemption rule.

#include "storage/Schema.h"
#include "storage/StatsStore.h"
#include "storage/Stores.h"
#include "tests/sync/SyncTestSupport.h"

#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

class TestSyncApply : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Till> m_till;

    Database &db() { return m_till->database(); }
    qint64 now() const { return m_clock->nowMs(); }

    Member registerMember(const QString &phone, const QString &name)
    {
        RegisterRequest r;
        r.phone = phone;
        r.name = name;
        auto out = m_till->registerMember(r);
        if (!out)
            qFatal("register failed: %s", qPrintable(out.error().message));
        return out->member;
    }

    qint64 balanceOf(const QString &id)
    {
        return scalar(db(), QStringLiteral("SELECT balance FROM members WHERE id = x'%1'")
                                .arg(QString::fromLatin1(Uuid::fromString(id).bytes().toHex())));
    }

    QString statusOf(const Uuid &id)
    {
        const QStringList r = rows(db(), QStringLiteral("SELECT status FROM members WHERE id = x'%1'")
                                             .arg(QString::fromLatin1(id.bytes().toHex())));
        return r.isEmpty() ? QString() : r.front();
    }

    // The schema's indexes and triggers, as SQL, in a stable order.
    QStringList schemaSql()
    {
        return rows(db(), QStringLiteral("SELECT name || ': ' || sql FROM sqlite_master WHERE type IN"
                                         " ('index', 'trigger') AND sql IS NOT NULL ORDER BY name"));
    }

    void reopenTill()
    {
        m_till.reset();
        auto till =
            openTill(m_dir->file(QStringLiteral("till.db")), *m_clock, m_dir->file(QStringLiteral("k")));
        QVERIFY2(till.ok(), describe(till).constData());
        m_till = std::move(till.value());
    }

    void verifyBalances()
    {
        QString why;
        QVERIFY2(balancesMatchLedger(db(), &why), qPrintable(why));
    }

private Q_SLOTS:
    void init()
    {
        quietInfoLogs();
        m_dir = std::make_unique<TempDir>();
        m_clock = std::make_unique<ManualClock>(at("2026-03-08T10:00:00"));
        auto till =
            openTill(m_dir->file(QStringLiteral("till.db")), *m_clock, m_dir->file(QStringLiteral("k")));
        QVERIFY2(till.ok(), describe(till).constData());
        m_till = std::move(till.value());
        CP_VERIFY_OK(install(*m_till, plainRules()));
    }

    void cleanup()
    {
        m_till.reset();
        m_clock.reset();
        m_dir.reset();
    }

    // Entries are a union by id: a page applied twice, or a till's own entries coming back, count once.
    void entriesAreAUnion()
    {
        const Member m = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(acknowledgeAll(*m_till));
        const QString entry = newId();
        PageBuilder page;
        page.entry(entryJson(entry, m.id.toString(), QStringLiteral("earn"), 50, now()));
        auto first = applyPage(*m_till, page.page(), 0);
        CP_VERIFY_OK(first);
        QCOMPARE(first->changes, 1);
        QCOMPARE(balanceOf(m.id.toString()), qint64(50));
        QCOMPARE(cursorOf(db()), qint64(1));
        // The same page again (an answer lost before the commit was seen): nothing doubles.
        CP_VERIFY_OK(applyPage(*m_till, page.page(), 0));
        QCOMPARE(balanceOf(m.id.toString()), qint64(50));
        QCOMPARE(count(db(), "ledger"), qint64(1));
        // Already past it: skipped.
        auto again = applyPage(*m_till, page.page(), 1);
        CP_VERIFY_OK(again);
        QCOMPARE(again->changes, 0);
        verifyBalances();
        // The server's balance is known now, and there is nothing pending.
        QCOMPARE(scalar(db(), QStringLiteral("SELECT synced_balance FROM members")), qint64(50));
    }

    // The birthday bonus multiplier is once per birthday period across the chain: an earn pulled from
    // another till that used it (it says so, "birthdayBonus") spends it here too; a member whose bonus
    // was not used elsewhere still gets it.
    void birthdayBonusUsedAtAnotherTill()
    {
        LoyaltyRules rules = plainRules();
        rules.version = QStringLiteral("test-birthday");
        rules.birthday = BirthdayRules{BirthdayWindow::Day, 200, 0};
        CP_VERIFY_OK(install(*m_till, rules));
        const QDate today(2026, 3, 8); // the test clock's day
        auto registerBorn = [this](const QString &phone, const QString &name) {
            RegisterRequest r;
            r.phone = phone;
            r.name = name;
            r.birthDate = QDate(1990, 3, 8);
            auto out = m_till->registerMember(r);
            if (!out)
                qFatal("register failed: %s", qPrintable(out.error().message));
            return out->member;
        };
        const Member elsewhere = registerBorn(QStringLiteral("13800138001"), QStringLiteral("Li Na"));
        const Member here = registerBorn(QStringLiteral("13800138002"), QStringLiteral("Zhao Lei"));
        CP_VERIFY_OK(acknowledgeAll(*m_till));

        QJsonObject remote = entryJson(newId(), elsewhere.id.toString(), QStringLiteral("earn"), 200, now());
        remote.insert(QStringLiteral("birthdayBonus"), birthdayPeriod(rules.birthday, 3, 8, today));
        PageBuilder page;
        page.entry(remote);
        CP_VERIFY_OK(applyPage(*m_till, page.page(), 0));
        QCOMPARE(count(db(), "gift_grants", "gift = 'birthday_bonus'"), qint64(1));

        EarnRequest earn;
        earn.member = elsewhere.id.toString();
        earn.amountMinor = 10000;
        earn.receipt = QStringLiteral("BB-1");
        auto spent = m_till->earn(earn);
        CP_VERIFY_OK(spent);
        QVERIFY(!spent->breakdown.birthdayBonusApplied);
        QCOMPARE(spent->breakdown.totalPoints, qint64(100));

        earn.member = here.id.toString();
        earn.receipt = QStringLiteral("BB-2");
        auto given = m_till->earn(earn);
        CP_VERIFY_OK(given);
        QVERIFY(given->breakdown.birthdayBonusApplied);
        QCOMPARE(given->breakdown.totalPoints, qint64(200));
        // And the bonus used here travels with this till's earn, for the other tills.
        const QString pushed =
            rows(db(), QStringLiteral("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1")).value(0);
        QVERIFY2(pushed.contains(QStringLiteral("\"birthdayBonus\"")), qPrintable(pushed));
        verifyBalances();
    }

    // A new member from another till, with its purchase and entries linked to the purchase.
    void newMemberFromAnotherTill()
    {
        const QString id = newId();
        const QString purchase = newId();
        PageBuilder page;
        page.member(memberJson(id, code(20001, 1), QStringLiteral("+8613900139000"),
                               QStringLiteral("Wang Fang"), now(),
                               QJsonObject{{QStringLiteral("name"), hlcAt(now())}}))
            .entry(
                entryJson(newId(), id, QStringLiteral("earn"), 120, now(), purchase)) // before its purchase
            .purchase(purchaseJson(purchase, id, QStringLiteral("R-9"), 12000, now()))
            .entry(entryJson(newId(), id, QStringLiteral("welcome_gift"), 100, now()));
        CP_VERIFY_OK(applyPage(*m_till, page.page(), 0));
        auto found = m_till->findByPhone(QStringLiteral("13900139000"));
        CP_VERIFY_OK(found);
        QVERIFY(found->has_value());
        QCOMPARE(found->value().name, QStringLiteral("Wang Fang"));
        QCOMPARE(found->value().balance, qint64(220));
        QCOMPARE(found->value().visits, 1);
        // Found by name, by card, and the purchase can be refunded here with what it earned.
        auto byName = m_till->findByNamePrefix(QStringLiteral("wang"));
        CP_VERIFY_OK(byName);
        QCOMPARE(byName->size(), 1);
        QCOMPARE(scalar(db(), QStringLiteral("SELECT points_earned FROM purchases")), qint64(120));
        // A welcome gift given elsewhere is given: the gift grant is recorded.
        QCOMPARE(count(db(), "gift_grants", "gift = 'welcome'"), qint64(1));
        RefundRequest refund;
        refund.receipt = QStringLiteral("R-9");
        refund.amountMinor = 6000;
        auto refunded = m_till->refund(refund);
        CP_VERIFY_OK(refunded);
        QCOMPARE(refunded->pointsReversed, qint64(60));
        verifyBalances();
    }

    // Profile fields: last writer wins per field by HLC.
    void profileFieldsAreLastWriterWins()
    {
        const Member m = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(acknowledgeAll(*m_till));
        const QString localHlc =
            rows(db(), QStringLiteral("SELECT json_extract(field_hlc, '$.name') FROM members")).front();
        QVERIFY(!sync::Hlc::parse(localHlc).isNull());

        // Older than the local name: the local name stays; the newer note is taken.
        PageBuilder older;
        older.member(memberJson(m.id.toString(), m.code.digits(), m.phone.e164(), QStringLiteral("Old Name"),
                                m.createdAtMs,
                                QJsonObject{{QStringLiteral("name"), hlcAt(now() - 60'000)},
                                            {QStringLiteral("note"), hlcAt(now() + 1)}}));
        QJsonObject withNote = memberJson(m.id.toString(), m.code.digits(), m.phone.e164(),
                                          QStringLiteral("Old Name"), m.createdAtMs,
                                          QJsonObject{{QStringLiteral("name"), hlcAt(now() - 60'000)},
                                                      {QStringLiteral("note"), hlcAt(now() + 1)}});
        withNote.insert(QStringLiteral("note"), QStringLiteral("likes tea"));
        PageBuilder page1;
        page1.member(withNote);
        CP_VERIFY_OK(applyPage(*m_till, page1.page(), 0));
        auto after1 = m_till->findById(m.id);
        QCOMPARE(after1->value().name, QStringLiteral("Li Na"));
        QCOMPARE(after1->value().note, QStringLiteral("likes tea"));

        // Newer: taken, and the name search follows.
        PageBuilder page2(2);
        page2.member(memberJson(m.id.toString(), m.code.digits(), m.phone.e164(), QStringLiteral("Li Nana"),
                                m.createdAtMs, QJsonObject{{QStringLiteral("name"), hlcAt(now() + 5000)}}));
        CP_VERIFY_OK(applyPage(*m_till, page2.page(), 1));
        QCOMPARE(m_till->findById(m.id)->value().name, QStringLiteral("Li Nana"));
        QCOMPARE(m_till->findByNamePrefix(QStringLiteral("nana"))->size(), 1);
        QCOMPARE(cursorOf(db()), qint64(2));
    }

    // A pulled stamp far ahead of the till's clock (the year-2286 stamp of issue 10) is not adopted: the
    // value is the server's and is taken, but the till's clock and the field's stamp stay at the present,
    // the manager is told once, and the page goes on.
    void stampsFarAheadAreNotAdopted()
    {
        const Member m = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(acknowledgeAll(*m_till));
        m_clock->advanceMs(60'000); // the pull comes after the registration
        const QString poisoned = QStringLiteral("9999999999999-9998-0193aaaa-0000-7000-8000-000000000001");
        auto pulled = [&](const QString &name, const QString &stamp) {
            return memberJson(m.id.toString(), m.code.digits(), m.phone.e164(), name, m.createdAtMs,
                              QJsonObject{{QStringLiteral("name"), stamp}});
        };
        PageBuilder page1;
        page1.member(pulled(QStringLiteral("Poisoned"), poisoned))
            .entry(entryJson(newId(), m.id.toString(), QStringLiteral("adjust"), 7, now()));
        CP_VERIFY_OK(applyPage(*m_till, page1.page(), 0));
        QCOMPARE(m_till->findById(m.id)->value().name, QStringLiteral("Poisoned"));
        QCOMPARE(m_till->findById(m.id)->value().balance, qint64(7));
        QCOMPARE(cursorOf(db()), qint64(2));
        const sync::Hlc clock =
            sync::Hlc::parse(SyncStore(db()).setting(SyncKeys::LastHlc)->value_or(QString()));
        QVERIFY(!clock.isAheadOf(now()));
        const sync::Hlc kept = sync::Hlc::parse(
            rows(db(), QStringLiteral("SELECT json_extract(field_hlc, '$.name') FROM members")).front());
        QCOMPARE(kept.ms(), now());
        QCOMPARE(rows(db(), QStringLiteral("SELECT kind FROM sync_flags")),
                 QStringList{QStringLiteral("clock_ahead")});

        // The same stamp again (every later change of the member carries it): one flag still.
        PageBuilder page2(3);
        page2.member(pulled(QStringLiteral("Poisoned"), poisoned));
        CP_VERIFY_OK(applyPage(*m_till, page2.page(), 2));
        QCOMPARE(scalar(db(), QStringLiteral("SELECT count(*) FROM sync_flags")), qint64(1));

        // An honest later edit still wins here: the field is not frozen.
        m_clock->advanceMs(1000);
        PageBuilder page3(4);
        page3.member(pulled(QStringLiteral("Li Nana"), hlcAt(now())));
        CP_VERIFY_OK(applyPage(*m_till, page3.page(), 3));
        QCOMPARE(m_till->findById(m.id)->value().name, QStringLiteral("Li Nana"));

        // The till's own next stamp is 13 digits, at the present.
        CP_VERIFY_OK(m_till->setNote(m.id, QStringLiteral("likes tea")));
        const sync::Hlc own = sync::Hlc::parse(outboxHlcs(db()).back());
        QVERIFY(!own.isNull());
        QVERIFY(!own.isAheadOf(now()));
    }

    // A pulled change never overwrites a member with work in the outbox.
    void pendingWorkIsProtected()
    {
        const Member m = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(acknowledgeAll(*m_till));
        CP_VERIFY_OK(m_till->setNote(m.id, QStringLiteral("local note")));
        QJsonObject remote = memberJson(m.id.toString(), m.code.digits(), m.phone.e164(),
                                        QStringLiteral("Remote"), m.createdAtMs,
                                        QJsonObject{{QStringLiteral("name"), hlcAt(now() + 10'000)},
                                                    {QStringLiteral("note"), hlcAt(now() + 10'000)}});
        remote.insert(QStringLiteral("note"), QStringLiteral("remote note"));
        PageBuilder page;
        page.member(remote).entry(entryJson(newId(), m.id.toString(), QStringLiteral("adjust"), 7, now()));
        CP_VERIFY_OK(applyPage(*m_till, page.page(), 0));
        auto kept = m_till->findById(m.id)->value();
        QCOMPARE(kept.note, QStringLiteral("local note"));
        QCOMPARE(kept.name, QStringLiteral("Li Na"));
        QCOMPARE(kept.balance, qint64(7)); // entries are always taken
        // Once the edit is acknowledged, the server's merged result comes through.
        CP_VERIFY_OK(acknowledgeAll(*m_till));
        PageBuilder next(3);
        next.member(remote);
        CP_VERIFY_OK(applyPage(*m_till, next.page(), 2));
        QCOMPARE(m_till->findById(m.id)->value().note, QStringLiteral("remote note"));
    }

    // The same phone registered here while another till's registration won: the local member becomes
    // an alias at once, its entries move, its card finds the survivor.
    void samePhoneMergesIntoThePulledMember()
    {
        const Member local = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        EarnRequest earn;
        earn.member = local.id.toString();
        earn.amountMinor = 10000;
        earn.receipt = QStringLiteral("R-1");
        CP_VERIFY_OK(m_till->earn(earn));
        QCOMPARE(m_till->findById(local.id)->value().balance, qint64(100));

        const QString winner = newId();
        PageBuilder page;
        page.member(memberJson(winner, code(20001, 7), QStringLiteral("+8613800138000"),
                               QStringLiteral("Li Na"), now() - 3'600'000))
            .entry(entryJson(newId(), winner, QStringLiteral("adjust"), 30, now() - 3'600'000))
            .merge(local.id.toString(), winner);
        CP_VERIFY_OK(applyPage(*m_till, page.page(), 0));

        QCOMPARE(statusOf(local.id), QStringLiteral("merged"));
        QCOMPARE(balanceOf(winner), qint64(130));
        QCOMPARE(balanceOf(local.id.toString()), qint64(0));
        QCOMPARE(count(db(), "purchases", "member = (SELECT local_id FROM members WHERE status = 'active')"),
                 qint64(1));
        // The old card, the old id and the phone all lead to the member that stayed.
        auto byCode = m_till->findByCode(local.code.digits());
        CP_VERIFY_OK(byCode);
        QVERIFY(byCode->has_value());
        QCOMPARE(byCode->value().id.toString(), winner);
        auto resolved = m_till->resolve(local.id.toString());
        CP_VERIFY_OK(resolved);
        QCOMPARE(resolved->id.toString(), winner);
        QCOMPARE(m_till->findByPhone(QStringLiteral("13800138000"))->value().id.toString(), winner);
        // Points earned on the old card count on the survivor, and a new earn goes there too.
        earn.member = local.code.digits();
        earn.receipt = QStringLiteral("R-2");
        auto second = m_till->earn(earn);
        CP_VERIFY_OK(second);
        QCOMPARE(second->member.id.toString(), winner);
        QCOMPARE(second->member.balance, qint64(230));
        verifyBalances();
    }

    // An explicit merge of two members this till knows: ledger, purchases, gift grants and visits move.
    void mergeChangeRewritesReferences()
    {
        LoyaltyRules rules = plainRules();
        rules.gifts = GiftRules{100, 50};
        CP_VERIFY_OK(install(*m_till, rules));
        const Member a = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        const Member b = registerMember(QStringLiteral("13900139000"), QStringLiteral("Li Na"));
        for (const Member &m : {a, b}) {
            EarnRequest earn;
            earn.member = m.id.toString();
            earn.amountMinor = 20000;
            earn.receipt = QStringLiteral("R-%1").arg(m.localId);
            CP_VERIFY_OK(m_till->earn(earn));
        }
        CP_VERIFY_OK(acknowledgeAll(*m_till));
        const qint64 total = balanceOf(a.id.toString()) + balanceOf(b.id.toString());
        PageBuilder page;
        page.merge(b.id.toString(), a.id.toString());
        CP_VERIFY_OK(applyPage(*m_till, page.page(), 0));
        QCOMPARE(balanceOf(a.id.toString()), total);
        QCOMPARE(balanceOf(b.id.toString()), qint64(0));
        QCOMPARE(count(db(), "ledger", qPrintable(QStringLiteral("member = %1").arg(b.localId))), qint64(0));
        QCOMPARE(count(db(), "purchases", qPrintable(QStringLiteral("member = %1").arg(a.localId))),
                 qint64(2));
        QCOMPARE(count(db(), "gift_grants", qPrintable(QStringLiteral("member = %1").arg(b.localId))),
                 qint64(0));
        QCOMPARE(count(db(), "gift_grants", qPrintable(QStringLiteral("member = %1").arg(a.localId))),
                 qint64(2));
        QCOMPARE(m_till->findById(a.id)->value().visits, 2);
        QCOMPARE(statusOf(b.id), QStringLiteral("merged"));
        // Applying it again changes nothing.
        const QStringList before = dump(db());
        CP_VERIFY_OK(applyPage(*m_till, page.page(), 0));
        QStringList after = dump(db());
        after.removeIf([](const QString &l) { return l.startsWith(QLatin1String("settings: hlc_last")); });
        QStringList expected = before;
        expected.removeIf([](const QString &l) { return l.startsWith(QLatin1String("settings: hlc_last")); });
        QCOMPARE(after.size(), expected.size());
        verifyBalances();
    }

    // The cursor moves in the same transaction as its page: a failure at any statement leaves both the
    // data and the cursor as they were.
    void cursorIsSavedWithItsPage()
    {
        const Member m = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(acknowledgeAll(*m_till));
        PageBuilder first;
        first.entry(entryJson(newId(), m.id.toString(), QStringLiteral("adjust"), 5, now()));
        CP_VERIFY_OK(applyPage(*m_till, first.page(), 0));
        QCOMPARE(cursorOf(db()), qint64(1));

        const QString other = newId();
        const QString purchase = newId();
        PageBuilder page(2);
        page.member(memberJson(other, code(20001, 3), QStringLiteral("+8613900139000"),
                               QStringLiteral("Zhang Wei"), now(),
                               QJsonObject{{QStringLiteral("name"), hlcAt(now() + 99)}}))
            .purchase(purchaseJson(purchase, other, QStringLiteral("R-5"), 5000, now()))
            .entry(entryJson(newId(), other, QStringLiteral("earn"), 50, now(), purchase))
            .entry(entryJson(newId(), m.id.toString(), QStringLiteral("adjust"), 11, now()))
            .merge(other, m.id.toString());
        int failures = 0;
        for (int n = 0; n < 500; ++n) {
            const QStringList before = dump(db());
            db().failAfter(n);
            auto applied = applyPage(*m_till, page.page(), 1);
            db().failAfter(-1);
            if (applied.ok())
                break;
            ++failures;
            QCOMPARE(int(applied.error().code), int(ErrorCode::Storage));
            QCOMPARE(cursorOf(db()), qint64(1));
            if (dump(db()) != before)
                QFAIL(qPrintable(
                    QStringLiteral("a failure at statement %1 left part of the page behind").arg(n)));
        }
        QVERIFY2(failures > 10, "the page should take more than ten statements");
        QCOMPARE(cursorOf(db()), page.lastSeq());
        QCOMPARE(balanceOf(m.id.toString()), qint64(5 + 11 + 50));
        verifyBalances();
    }

    // A rejected operation is kept, shown, and its effect taken back here (the chain never applied it);
    // its receipt is free again. A duplicate is done.
    void rejectedOperationsAreTakenBack()
    {
        const Member m = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        EarnRequest earn;
        earn.member = m.id.toString();
        earn.amountMinor = 10000;
        earn.receipt = QStringLiteral("R-1");
        CP_VERIFY_OK(m_till->earn(earn));
        QCOMPARE(m_till->findById(m.id)->value().balance, qint64(100));

        auto ops = SyncStore(db()).pendingOps(10);
        CP_VERIFY_OK(ops);
        QCOMPARE(ops->size(), 2);
        sync::PushResponse response;
        sync::OpResult registered;
        registered.opId = ops->at(0).id.toString();
        registered.status = sync::OpStatus::Duplicate;
        sync::OpResult refused;
        refused.opId = ops->at(1).id.toString();
        refused.status = sync::OpStatus::Rejected;
        refused.reason = QStringLiteral("receipt_taken");
        refused.message = QStringLiteral("Receipt R-1 at S001 already earned points for another member.");
        response.results = {registered, refused};
        auto env = sync::ApplyEnv::load(db(), *m_clock);
        CP_VERIFY_OK(env);
        auto outcome = sync::applyPushResults(db(), ops.value(), response, env.value());
        CP_VERIFY_OK(outcome);
        QCOMPARE(outcome->duplicates, 1);
        QCOMPARE(outcome->rejected, 1);
        QCOMPARE(m_till->findById(m.id)->value().balance, qint64(0));
        QCOMPARE(*SyncStore(db()).rejectedCount(), qint64(1));
        QCOMPARE(*SyncStore(db()).pendingCount(), qint64(0));
        auto rejected = SyncStore(db()).rejectedOps(10);
        QCOMPARE(rejected->front().reason, QStringLiteral("receipt_taken"));
        QVERIFY(rejected->front().message.contains(QStringLiteral("R-1")));
        QCOMPARE(count(db(), "ledger", "kind = 'void' AND reason = 'rejected: receipt_taken'"), qint64(1));
        // Answered twice (a retry): nothing more happens.
        CP_VERIFY_OK(sync::applyPushResults(db(), ops.value(), response, env.value()));
        QCOMPARE(count(db(), "ledger", "kind = 'void'"), qint64(1));
        // The receipt is free again; the local reversal was never queued for the server.
        QCOMPARE(*SyncStore(db()).pendingCount(), qint64(0));
        CP_VERIFY_OK(m_till->earn(earn));
        verifyBalances();
    }

    // The first answer was lost; the retry says "duplicate" with the first answer's reason: that is a
    // rejection, and the till takes the operation's points back.
    void duplicateOfARejectionIsARejection()
    {
        const Member m = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(acknowledgeAll(*m_till));
        CP_VERIFY_OK(m_till->adjust(m.id.toString(), 40, QStringLiteral("goodwill")));
        auto ops = SyncStore(db()).pendingOps(10);
        CP_VERIFY_OK(ops);
        sync::PushResponse response;
        sync::OpResult duplicate;
        duplicate.opId = ops->front().id.toString();
        duplicate.status = sync::OpStatus::Duplicate;
        duplicate.reason = QStringLiteral("unknown_member");
        duplicate.message = QStringLiteral("No such member.");
        response.results = {duplicate};
        auto env = sync::ApplyEnv::load(db(), *m_clock);
        CP_VERIFY_OK(env);
        auto outcome = sync::applyPushResults(db(), ops.value(), response, env.value());
        CP_VERIFY_OK(outcome);
        QCOMPARE(outcome->rejected, 1);
        QCOMPARE(outcome->duplicates, 0);
        QCOMPARE(m_till->findById(m.id)->value().balance, qint64(0));
        QCOMPARE(*SyncStore(db()).rejectedCount(), qint64(1));
        verifyBalances();
    }

    // Offline, a member can redeem at most the last synced balance less pending local redemptions, and
    // never more than the cap.
    void offlineRedemptionUsesTheSyncedBalance()
    {
        const Member m = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        EarnRequest earn;
        earn.member = m.id.toString();
        earn.amountMinor = 100000;
        earn.receipt = QStringLiteral("R-1");
        CP_VERIFY_OK(m_till->earn(earn));
        CP_VERIFY_OK(acknowledgeAll(*m_till));
        QCOMPARE(*SyncStore(db()).syncedBalance(m.localId), std::optional<qint64>(1000));
        // Another till spent 700 of the 1000.
        PageBuilder page;
        page.entry(entryJson(newId(), m.id.toString(), QStringLiteral("redeem"), -700, now()));
        CP_VERIFY_OK(applyPage(*m_till, page.page(), 0));
        QCOMPARE(*SyncStore(db()).syncedBalance(m.localId), std::optional<qint64>(300));

        // Earned here, not synced yet: the balance grows, what may be redeemed offline does not.
        earn.receipt = QStringLiteral("R-2");
        auto earned = m_till->earn(earn);
        CP_VERIFY_OK(earned);
        QCOMPARE(m_till->findById(m.id)->value().balance, 300 + earned->totalPoints);
        QCOMPARE(*SyncStore(db()).syncedBalance(m.localId), std::optional<qint64>(300));

        m_till->setOffline(true);
        RedeemRequest redeem;
        redeem.member = m.id.toString();
        redeem.foundWith = m.phone.e164(); // by their number: the offline cap alone decides
        redeem.discountPoints = 400;
        CP_VERIFY_FAILS(m_till->redeem(redeem), ErrorCode::Refused);
        redeem.discountPoints = 200;
        CP_VERIFY_OK(m_till->redeem(redeem));
        redeem.discountPoints = 110;
        CP_VERIFY_FAILS(m_till->redeem(redeem), ErrorCode::Refused);
        redeem.discountPoints = 100;
        CP_VERIFY_OK(m_till->redeem(redeem));
        // Online, the till's own balance is the limit.
        m_till->setOffline(false);
        redeem.discountPoints = earned->totalPoints;
        CP_VERIFY_OK(m_till->redeem(redeem));
        verifyBalances();
    }

    // A new till: snapshot pages write members with one opening entry per open lot; the cursor is the
    // first page's and is stored with the last page.
    void snapshotBootstrap()
    {
        const QString a = newId();
        const QString b = newId();
        auto snapshotPage = [&](const QString &member, const QString &phone, int seq, QJsonArray lots,
                                bool more, qint64 cursor) {
            qint64 balance = 0;
            for (const QJsonValue &l : lots)
                balance += l.toObject().value(QStringLiteral("points")).toInteger();
            QJsonObject memberObject =
                memberJson(member, code(20001, seq), phone, QStringLiteral("M%1").arg(seq), now());
            memberObject.insert(QStringLiteral("balance"), balance);
            QJsonObject page{{QStringLiteral("members"),
                              QJsonArray{QJsonObject{{QStringLiteral("member"), memberObject},
                                                     {QStringLiteral("lots"), lots},
                                                     {QStringLiteral("purchases"), QJsonArray{}}}}},
                             {QStringLiteral("cursor"), cursor},
                             {QStringLiteral("more"), more},
                             {QStringLiteral("serverTime"), now()}};
            if (more)
                page.insert(QStringLiteral("next"), member);
            auto parsed = sync::SnapshotPage::fromJson(QJsonDocument(page).toJson());
            if (!parsed)
                qFatal("snapshot page: %s", qPrintable(parsed.error().message));
            return parsed.value();
        };
        auto lot = [&](qint64 points, std::optional<qint64> expires) {
            QJsonObject o{{QStringLiteral("id"), newId()},
                          {QStringLiteral("points"), points},
                          {QStringLiteral("at"), now()}};
            if (expires)
                o.insert(QStringLiteral("expiresAt"), *expires);
            return o;
        };
        auto env = sync::ApplyEnv::load(db(), *m_clock);
        CP_VERIFY_OK(env);
        const auto page1 =
            snapshotPage(a, QStringLiteral("+8613800138000"), 1,
                         QJsonArray{lot(300, now() + 86'400'000), lot(200, std::nullopt)}, true, 42);
        const QStringList schemaBefore = schemaSql();
        const qint64 triggersBefore = count(db(), "sqlite_master", "type = 'trigger' AND name LIKE 'stats%'");
        QVERIFY(triggersBefore >= 10);
        auto first = sync::applySnapshotPage(db(), page1, std::nullopt, env.value());
        CP_VERIFY_OK(first);
        QCOMPARE(cursorOf(db()), qint64(-999999)); // not yet: more pages follow
        // The bulk load: the time-keyed indexes wait for the last page; the unique phone index and the
        // statistics triggers stay.
        QVERIFY(*Schema::bulkLoadWorkDeferred(db()));
        QCOMPARE(count(db(), "sqlite_master", "name IN ('ledger_at', 'purchases_at', 'members_last4')"),
                 qint64(0));
        QCOMPARE(count(db(), "sqlite_master", "type = 'trigger' AND name LIKE 'stats%'"), triggersBefore);
        QCOMPARE(count(db(), "sqlite_master", "name = 'members_phone_active'"), qint64(1));
        QCOMPARE(*SyncStore(db()).setting(SyncKeys::SnapshotCursor),
                 std::optional<QString>(QStringLiteral("42")));
        // A later page says 50, but the first page's cursor is what the pull starts after.
        const auto page2 = snapshotPage(b, QStringLiteral("+8613900139000"), 2,
                                        QJsonArray{lot(-40, std::nullopt)}, false, 50);
        CP_VERIFY_OK(sync::applySnapshotPage(db(), page2, qint64(42), env.value()));
        QCOMPARE(cursorOf(db()), qint64(42));
        // The last page built them again; the statistics equal a recomputation from the rows.
        QVERIFY(!*Schema::bulkLoadWorkDeferred(db()));
        QCOMPARE(schemaSql(), schemaBefore);
        auto stats = StatsStore(db()).verify(5);
        CP_VERIFY_OK(stats);
        QCOMPARE(stats->mismatchCount, qint64(0));
        QVERIFY(scalar(db(), QStringLiteral("SELECT n FROM stats_totals WHERE metric = 'points'")) >= 3);
        QVERIFY(!SyncStore(db()).setting(SyncKeys::SnapshotCursor)->has_value());
        QCOMPARE(balanceOf(a), qint64(500));
        QCOMPARE(balanceOf(b), qint64(-40));
        QCOMPARE(count(db(), "ledger", "kind = 'opening'"), qint64(3));
        QCOMPARE(scalar(db(), QStringLiteral("SELECT synced_balance FROM members WHERE balance = 500")),
                 qint64(500));
        // A page applied twice (resumed after a crash) writes nothing twice.
        CP_VERIFY_OK(sync::applySnapshotPage(db(), page1, qint64(42), env.value()));
        QCOMPARE(balanceOf(a), qint64(500));
        verifyBalances();
    }

    // A bulk load cut short and never resumed (the till was set up again): opening the till builds the
    // indexes back.
    void deferredBulkLoadWorkIsRestoredOnOpen()
    {
        const QStringList schemaBefore = schemaSql();
        {
            Transaction tx(db());
            CP_VERIFY_OK(tx.begin());
            CP_VERIFY_OK(Schema::deferBulkLoadWork(db()));
            CP_VERIFY_OK(Schema::deferBulkLoadWork(db())); // twice is once
            CP_VERIFY_OK(tx.commit());
        }
        QVERIFY(schemaSql() != schemaBefore);
        QVERIFY(*Schema::bulkLoadWorkDeferred(db()));
        reopenTill();
        QVERIFY(!*Schema::bulkLoadWorkDeferred(db()));
        QCOMPARE(schemaSql(), schemaBefore);
        // The index builds sorted in files; the till's own sorts are in memory again (2 = MEMORY).
        QCOMPARE(scalar(db(), QStringLiteral("PRAGMA temp_store")), qint64(2));
    }

    // Rules from the server become the active rules; rules that do not fit are refused and flagged.
    void rulesAndFlags()
    {
        LoyaltyRules next = plainRules();
        next.version = QStringLiteral("chain-2026.2");
        PageBuilder page;
        page.add(QStringLiteral("rules"),
                 QJsonObject{{QStringLiteral("version"), next.version},
                             {QStringLiteral("document"), QJsonDocument::fromJson(next.toJson()).object()}});
        LoyaltyRules dollars = plainRules();
        dollars.version = QStringLiteral("chain-usd");
        dollars.currency = QStringLiteral("USD");
        page.add(QStringLiteral("rules"), QJsonObject{{QStringLiteral("version"), dollars.version},
                                                      {QStringLiteral("document"),
                                                       QJsonDocument::fromJson(dollars.toJson()).object()}});
        const Member m = registerMember(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        page.add(QStringLiteral("flag"), QJsonObject{{QStringLiteral("id"), newId()},
                                                     {QStringLiteral("kind"), QStringLiteral("overdraw")},
                                                     {QStringLiteral("member"), m.id.toString()},
                                                     {QStringLiteral("opId"), newId()},
                                                     {QStringLiteral("balance"), -40},
                                                     {QStringLiteral("at"), now()}});
        auto applied = applyPage(*m_till, page.page(), 0);
        CP_VERIFY_OK(applied);
        QCOMPARE(applied->rulesVersion, QStringLiteral("chain-2026.2"));
        CP_VERIFY_OK(m_till->reloadRules());
        QCOMPARE(m_till->rules().version, QStringLiteral("chain-2026.2"));
        QCOMPARE(count(db(), "sync_flags", "kind = 'overdraw' AND balance = -40"), qint64(1));
        QCOMPARE(count(db(), "sync_flags", "kind = 'rules_refused'"), qint64(1));
        QCOMPARE(*SyncStore(db()).unseenFlagCount(), qint64(2));
        CP_VERIFY_OK(SyncStore(db()).markFlagsSeen(now()));
        QCOMPARE(*SyncStore(db()).unseenFlagCount(), qint64(0));
    }

    // A change about a member the till does not have stops the page (a server bug must not cost points).
    void unknownMemberStopsThePage()
    {
        PageBuilder page;
        page.entry(entryJson(newId(), newId(), QStringLiteral("adjust"), 5, now()));
        auto applied = applyPage(*m_till, page.page(), 0);
        QVERIFY(!applied.ok());
        QCOMPARE(int(applied.error().code), int(ErrorCode::NotFound));
        QCOMPARE(count(db(), "ledger"), qint64(0));
        QCOMPARE(cursorOf(db()), qint64(-999999));
    }
};

QTEST_GUILESS_MAIN(TestSyncApply)
#include "tst_sync_apply.moc"
