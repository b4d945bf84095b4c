// Every user action is one transaction: a storage failure at any statement leaves the database exactly as
// it was, and the same action then succeeds. Every action writes exactly one outbox operation and one
// audit row.

#include "tests/support/TillFixture.h"

#include <QTest>

#include <optional>

using namespace counterpart;
using namespace counterpart::test;

class TestTillAtomicity : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TillFixture> m_fx;

    Database &db() { return m_fx->db(); }

    qint64 balance(const Member &m)
    {
        return scalar(db(), QStringLiteral("SELECT balance FROM members WHERE local_id = %1").arg(m.localId));
    }

    struct Counts {
        qint64 members, ledger, purchases, refunds, gifts, tierChanges, outbox, audit;
        friend bool operator==(const Counts &, const Counts &) = default;
    };
    Counts counts()
    {
        return Counts{count(db(), "members"), count(db(), "ledger"),      count(db(), "purchases"),
                      count(db(), "refunds"), count(db(), "gift_grants"), count(db(), "tier_changes"),
                      count(db(), "outbox"),  count(db(), "audit")};
    }
    // What every use case writes besides its own rows: one outbox operation and one audit row.
    void compareOneOperation(const Counts &before, const Counts &after)
    {
        QCOMPARE(after.outbox, before.outbox + 1);
        QCOMPARE(after.audit, before.audit + 1);
    }

    // Runs `op` with a storage failure injected after n statements, for n = 0, 1, 2... until it
    // succeeds. After every failure the whole database must be as it was. Returns the successful result
    // and, through `failures`, how many statements were failed (-1 when the test failed).
    template<typename Op>
    auto failEverywhere(Op op, int *failures) -> std::optional<decltype(op())>
    {
        *failures = -1;
        for (int n = 0; n < 1000; ++n) {
            const QStringList before = dump(db());
            db().failAfter(n);
            auto r = op();
            db().failAfter(-1);
            if (r.ok()) {
                *failures = n;
                return r;
            }
            if (qEnvironmentVariableIsSet("COUNTERPART_TRACE_FAILURES"))
                qInfo("failure at %d: %s", n, r.error().detail.toUtf8().constData());
            if (r.error().code != ErrorCode::Storage) {
                QTest::qFail(QByteArray("failure at statement " + QByteArray::number(n) +
                                        " gave an unexpected error: " + describe(r))
                                 .constData(),
                             __FILE__, __LINE__);
                return std::nullopt;
            }
            const QStringList after = dump(db());
            if (after != before) {
                QByteArray diff;
                for (const QString &line : after) {
                    if (!before.contains(line))
                        diff += "\n  + " + line.toUtf8();
                }
                for (const QString &line : before) {
                    if (!after.contains(line))
                        diff += "\n  - " + line.toUtf8();
                }
                QTest::qFail(QByteArray("a failure at statement " + QByteArray::number(n) +
                                        " left the database changed:" + diff)
                                 .constData(),
                             __FILE__, __LINE__);
                return std::nullopt;
            }
            if (db().inTransaction()) {
                QTest::qFail("a transaction was left open after a failure", __FILE__, __LINE__);
                return std::nullopt;
            }
        }
        QTest::qFail("the operation never succeeded", __FILE__, __LINE__);
        return std::nullopt;
    }

    // Rules that make one earn touch everything it can: a first-purchase gift, a birthday bonus and
    // gift, a tier upgrade, expiry dates.
    static LoyaltyRules busyRules()
    {
        LoyaltyRules rules = plainRules();
        rules.gifts = GiftRules{100, 50};
        rules.birthday = BirthdayRules{BirthdayWindow::Day, 200, 30};
        rules.expiry = ExpiryRules{12, 30};
        rules.offline = OfflineRules{1000};
        return rules;
    }

private slots:
    void initTestCase() { quietInfoLogs(); }
    void init()
    {
        TillFixtureOptions options;
        options.rules = busyRules();
        // A manager at the till: no approval PIN (which would log in, a transaction of its own).
        options.staff = {
            {QStringLiteral("M1"), QStringLiteral("Mei"), Role::Manager, QStringLiteral("1234")}};
        options.signedIn = QStringLiteral("M1");
        m_fx = std::make_unique<TillFixture>(options);
        CP_VERIFY_OK(m_fx->open());
    }
    void cleanup() { m_fx.reset(); }

    void registerIsAtomic()
    {
        RegisterRequest request;
        request.phone = QStringLiteral("13800138000");
        request.name = QStringLiteral("Li Na");
        request.birthDate = QDate(1990, 3, 7);
        request.idNumber = QStringLiteral("11010519900307002X");
        request.marketingConsent = true;
        const Counts before = counts();
        int failures = 0;
        auto r = failEverywhere([&] { return m_fx->till->registerMember(request); }, &failures);
        QVERIFY(r.has_value());
        qInfo("register: %d statements failed one by one", failures);
        QVERIFY(failures >= 5);
        QCOMPARE(r->value().welcomePoints, qint64(100));
        QCOMPARE(r->value().member.balance, qint64(100));
        QCOMPARE(r->value().member.name, QStringLiteral("Li Na"));
        QVERIFY(r->value().member.localId > 0);
        const Counts after = counts();
        QCOMPARE(after.members, before.members + 1);
        QCOMPARE(after.ledger, before.ledger + 1);
        QCOMPARE(after.gifts, before.gifts + 1);
        compareOneOperation(before, after);
        auto byName = m_fx->till->lookup(QStringLiteral("Li"));
        CP_VERIFY_OK(byName);
        QCOMPARE(byName->members.size(), 1);
        QCOMPARE(balance(r->value().member), qint64(100));
    }

    void earnIsAtomic()
    {
        const Member m =
            m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"), QDate(1990, 3, 2));
        const Counts before = counts();
        const EarnRequest request{m.id.toString(), 100000, 0, QStringLiteral("R1")};
        int failures = 0;
        auto r = failEverywhere([&] { return m_fx->till->earn(request); }, &failures);
        QVERIFY(r.has_value());
        qInfo("earn: %d statements failed one by one", failures);
        QVERIFY(failures >= 10);
        const EarnOutcome &out = r->value();
        // 1000 points doubled on the birthday, the first-purchase gift and the birthday gift.
        QCOMPARE(out.breakdown.totalPoints, qint64(2000));
        QCOMPARE(out.gifts.size(), 2);
        QCOMPARE(out.totalPoints, qint64(2080));
        QCOMPARE(out.tierAfter, QStringLiteral("silver"));
        QCOMPARE(balance(m), qint64(100 + 2080));
        QCOMPARE(out.member.balance, balance(m));
        QCOMPARE(out.member.tier, QStringLiteral("silver"));
        const Counts after = counts();
        QCOMPARE(after.purchases, before.purchases + 1);
        QCOMPARE(after.ledger, before.ledger + 3);
        QCOMPARE(after.gifts, before.gifts + 3); // first purchase, birthday gift, birthday bonus
        QCOMPARE(after.tierChanges, before.tierChanges + 1);
        compareOneOperation(before, after);
        QCOMPARE(
            scalar(db(), QStringLiteral("SELECT visits FROM members WHERE local_id = %1").arg(m.localId)),
            qint64(1));
    }

    void redeemIsAtomic()
    {
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->till->earn(EarnRequest{m.id.toString(), 50000, 0, QStringLiteral("R1")}));
        QCOMPARE(balance(m), qint64(650));
        m_fx->till->setOffline(true); // the offline cap's query runs too
        const Counts before = counts();
        RedeemRequest request;
        request.member = m.id.toString();
        request.rewardId = QStringLiteral("coffee"); // the per-day limit's query runs too
        request.receipt = QStringLiteral("R2");
        int failures = 0;
        auto r = failEverywhere([&] { return m_fx->till->redeem(request); }, &failures);
        QVERIFY(r.has_value());
        qInfo("redeem: %d statements failed one by one", failures);
        QVERIFY(failures >= 5);
        QCOMPARE(r->value().points, qint64(300));
        QCOMPARE(r->value().rewardId, QStringLiteral("coffee"));
        QCOMPARE(balance(m), qint64(350));
        QCOMPARE(r->value().member.balance, qint64(350));
        const Counts after = counts();
        QCOMPARE(after.ledger, before.ledger + 1);
        compareOneOperation(before, after);
        // The coffee's daily limit now counts it.
        CP_VERIFY_FAILS(m_fx->till->redeem(request), ErrorCode::Refused);
    }

    void fullRefundIsAtomic()
    {
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(
            m_fx->till->earn(EarnRequest{m.id.toString(), 20000, 0, QStringLiteral("R1")})); // 200 + 50
        RedeemRequest spend;
        spend.member = m.id.toString();
        spend.discountPoints = 100;
        spend.receipt = QStringLiteral("R1");
        CP_VERIFY_OK(m_fx->till->redeem(spend));
        QCOMPARE(balance(m), qint64(100 + 250 - 100));
        const Counts before = counts();
        RefundRequest request;
        request.receipt = QStringLiteral("R1");
        request.reason = QStringLiteral("faulty");
        int failures = 0;
        auto r = failEverywhere([&] { return m_fx->till->refund(request); }, &failures);
        QVERIFY(r.has_value());
        qInfo("full refund: %d statements failed one by one", failures);
        QVERIFY(failures >= 8);
        QCOMPARE(r->value().pointsReversed, qint64(250)); // the earn and its first-purchase gift
        QCOMPARE(r->value().pointsRestored, qint64(100));
        QCOMPARE(balance(m), qint64(100));
        QCOMPARE(r->value().member.balance, qint64(100));
        const Counts after = counts();
        QCOMPARE(after.ledger, before.ledger + 3);
        QCOMPARE(after.refunds, before.refunds + 1);
        compareOneOperation(before, after);
    }

    void partialRefundIsAtomic()
    {
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->till->earn(EarnRequest{m.id.toString(), 20000, 0, QStringLiteral("R1")}));
        const Counts before = counts();
        RefundRequest request;
        request.receipt = QStringLiteral("R1");
        request.amountMinor = 5000;
        int failures = 0;
        auto r = failEverywhere([&] { return m_fx->till->refund(request); }, &failures);
        QVERIFY(r.has_value());
        QVERIFY(failures >= 5);
        QCOMPARE(r->value().pointsReversed, qint64(50));
        QCOMPARE(balance(m), qint64(100 + 250 - 50));
        QCOMPARE(r->value().member.balance, balance(m));
        QCOMPARE(rows(db(), QStringLiteral("SELECT refunded, points_reversed FROM purchases")),
                 QStringList{QStringLiteral("5000|50")});
        const Counts after = counts();
        QCOMPARE(after.ledger, before.ledger + 1);
        QCOMPARE(after.refunds, before.refunds + 1);
        compareOneOperation(before, after);
    }

    void adjustIsAtomic()
    {
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        const Counts before = counts();
        int failures = 0;
        auto r = failEverywhere(
            [&] { return m_fx->till->adjust(m.code.digits(), -40, QStringLiteral("scanned twice")); },
            &failures);
        QVERIFY(r.has_value());
        QVERIFY(failures >= 3);
        QCOMPARE(r->value().balance, qint64(60));
        QCOMPARE(balance(m), qint64(60));
        const Counts after = counts();
        QCOMPARE(after.ledger, before.ledger + 1);
        compareOneOperation(before, after);
    }

    void voidIsAtomic()
    {
        const Member m =
            m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"), QDate(1990, 3, 2));
        CP_VERIFY_OK(m_fx->till->earn(EarnRequest{m.id.toString(), 100000, 0, QStringLiteral("R1")}));
        QCOMPARE(balance(m), qint64(100 + 2080));
        const Counts before = counts();
        int failures = 0;
        auto r = failEverywhere(
            [&] { return m_fx->till->voidLast(m.id.toString(), QStringLiteral("wrong card")); }, &failures);
        QVERIFY(r.has_value());
        QVERIFY(failures >= 5);
        QCOMPARE(r->value().voidedKind, QStringLiteral("earn"));
        QCOMPARE(r->value().pointsReversed, qint64(2080));
        QCOMPARE(balance(m), qint64(100));
        QCOMPARE(r->value().member.balance, qint64(100));
        const Counts after = counts();
        QCOMPARE(after.ledger, before.ledger + 3);
        QCOMPARE(after.gifts, before.gifts - 3); // the voided purchase's gifts may be given again
        compareOneOperation(before, after);
        QCOMPARE(count(db(), "purchases", "voided_at IS NOT NULL"), qint64(1));
        // The server learns which purchase never happened.
        QCOMPARE(
            rows(db(), QStringLiteral("SELECT json_extract(o.payload, '$.purchase') = (SELECT "
                                      "json_extract(e.payload, '$.purchase.id') FROM outbox e WHERE e.kind = "
                                      "'earn') FROM outbox o WHERE o.kind = 'void'")),
            QStringList{QStringLiteral("1")});
    }

    void expirySweepIsAtomic()
    {
        const Member m = m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->till->earn(EarnRequest{m.id.toString(), 10000, 0, QStringLiteral("R1")}));
        m_fx->clock.advanceDays(400);
        const Counts before = counts();
        int failures = 0;
        auto r = failEverywhere([&] { return m_fx->till->expirePoints(); }, &failures);
        QVERIFY(r.has_value());
        QVERIFY(failures >= 3);
        QCOMPARE(r->value().members, 1);
        QCOMPARE(r->value().points, qint64(100 + 50 + 100));
        QCOMPARE(balance(m), qint64(0));
        const Counts after = counts();
        QCOMPARE(after.ledger, before.ledger + 1);
        compareOneOperation(before, after);
    }

    // One outbox operation and one audit row per action; none for a refused action or a read.
    void oneOutboxRowAndOneAuditRowPerAction()
    {
        Counts last = counts();
        const auto expectWrites = [&](const char *what, qint64 outbox, qint64 audit) {
            const Counts now = counts();
            if (now.outbox - last.outbox != outbox || now.audit - last.audit != audit) {
                const QByteArray message = QByteArray(what) + " wrote " +
                                           QByteArray::number(now.outbox - last.outbox) + " outbox and " +
                                           QByteArray::number(now.audit - last.audit) + " audit rows";
                QTest::qFail(message.constData(), __FILE__, __LINE__);
            }
            last = now;
        };
#define CP_EXPECT_WRITES(what, outbox, audit)                                                                \
    do {                                                                                                     \
        expectWrites(what, outbox, audit);                                                                   \
        if (QTest::currentTestFailed())                                                                      \
            return;                                                                                          \
    } while (false)

        const Member a =
            m_fx->join(QStringLiteral("13800138000"), QStringLiteral("Li Na"), QDate(1990, 3, 2));
        CP_EXPECT_WRITES("register", 1, 1);
        const Member b = m_fx->join(QStringLiteral("13900139000"), QStringLiteral("Wang Fang"));
        CP_EXPECT_WRITES("register", 1, 1);
        CP_VERIFY_OK(m_fx->till->earn(EarnRequest{a.id.toString(), 100000, 0, QStringLiteral("R1")}));
        CP_EXPECT_WRITES("earn with gifts and an upgrade", 1, 1);
        CP_VERIFY_OK(m_fx->till->earn(EarnRequest{b.id.toString(), 20000, 0, QStringLiteral("R2")}));
        CP_EXPECT_WRITES("earn", 1, 1);
        CP_VERIFY_FAILS(m_fx->till->earn(EarnRequest{b.id.toString(), 20000, 0, QStringLiteral("R2")}),
                        ErrorCode::Conflict);
        CP_EXPECT_WRITES("refused earn", 0, 0);
        RedeemRequest redeem;
        redeem.member = a.id.toString();
        redeem.discountPoints = 100;
        redeem.receipt = QStringLiteral("R1");
        CP_VERIFY_OK(m_fx->till->redeem(redeem));
        CP_EXPECT_WRITES("redeem", 1, 1);
        RefundRequest part;
        part.receipt = QStringLiteral("R2");
        part.amountMinor = 1000;
        CP_VERIFY_OK(m_fx->till->refund(part));
        CP_EXPECT_WRITES("partial refund", 1, 1);
        RefundRequest full;
        full.receipt = QStringLiteral("R1");
        CP_VERIFY_OK(m_fx->till->refund(full));
        CP_EXPECT_WRITES("full refund restoring points", 1, 1);
        CP_VERIFY_OK(m_fx->till->adjust(b.id.toString(), 25, QStringLiteral("goodwill")));
        CP_EXPECT_WRITES("adjust", 1, 1);
        CP_VERIFY_OK(m_fx->till->earn(EarnRequest{b.id.toString(), 3000, 0, QStringLiteral("R3")}));
        CP_EXPECT_WRITES("earn", 1, 1);
        CP_VERIFY_OK(m_fx->till->voidLast(b.id.toString(), QStringLiteral("wrong receipt")));
        CP_EXPECT_WRITES("void", 1, 1);
        CP_VERIFY_OK(m_fx->till->setNote(a.id, QStringLiteral("prefers WeChat")));
        CP_EXPECT_WRITES("note", 1, 1);
        CP_VERIFY_OK(m_fx->till->setMarketingConsent(a.id, true));
        CP_EXPECT_WRITES("consent", 1, 1);
        CP_VERIFY_OK(m_fx->till->lookup(QStringLiteral("13800138000")));
        CP_VERIFY_OK(m_fx->till->card(a.id));
        CP_VERIFY_OK(m_fx->till->history(a.id));
        CP_VERIFY_OK(m_fx->till->previewEarn(EarnRequest{a.id.toString(), 1000, 0, QStringLiteral("R9")}));
        CP_EXPECT_WRITES("reads", 0, 0);
        CP_VERIFY_OK(m_fx->till->privateDetails(a.id, std::nullopt));
        CP_EXPECT_WRITES("reading personal data (audited, not synced)", 0, 1);

        // Scheduled work: one operation and one audit row per member changed.
        m_fx->clock.advanceDays(500);
        auto swept = m_fx->till->expirePoints();
        CP_VERIFY_OK(swept);
        QCOMPARE(swept->members, 2);
        CP_EXPECT_WRITES("expiry of two members", 2, 2);
        auto tiers = m_fx->till->evaluateTiers();
        CP_VERIFY_OK(tiers);
        QCOMPARE(tiers->downgraded, 1); // Li Na's silver purchase was refunded and is long out of grace
        CP_EXPECT_WRITES("tier evaluation with one downgrade", 1, 1);
#undef CP_EXPECT_WRITES
    }
};

QTEST_GUILESS_MAIN(TestTillAtomicity)
#include "tst_till_atomicity.moc"
