// A seeded random run of the till's use cases across ~200 members while the clock moves forward: after
// every 1,000 operations and at the end, the ledger and the balances must agree, and what the use cases
// reported must add up to what the database holds. Refusals the rules call for are expected and
// counted; any other error fails the test. COUNTERPART_SEED=<n> replays a run.

#include "tests/support/TillFixture.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QRandomGenerator>
#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

namespace {

constexpr int Operations = 10'000;
constexpr int CheckEvery = 1'000;
constexpr int TargetMembers = 200;

struct ModelPurchase {
    int member = 0;
    QString receipt;
    qint64 amount = 0;
    qint64 refunded = 0;
    bool voided = false;
};

} // namespace

class TestRandomOps : public QObject
{
    Q_OBJECT

private:
    QRandomGenerator m_rng;
    std::unique_ptr<TillFixture> m_fx;
    QList<Member> m_members;
    QList<ModelPurchase> m_purchases;
    QHash<QString, int> m_live; // receipt -> the purchase that holds it now
    QStringList m_receipts;     // every receipt ever used
    qint64 m_expectedTotal = 0; // the sum of every points change the use cases reported
    QMap<QString, int> m_done;
    QMap<QString, int> m_refused;
    int m_nextReceipt = 0;
    int m_nextPhone = 0;
    int m_lastActor = -1;     // member of the last earn or redemption (a void candidate)
    QString m_lastRedeemedOn; // receipt of the last redemption that named one (a refund candidate)

    Database &db() { return m_fx->db(); }
    int pick(int n) { return int(m_rng.bounded(n)); }
    qint64 between(qint64 lo, qint64 hi) { return lo + qint64(m_rng.bounded(quint64(hi - lo + 1))); }
    bool chance(int percent) { return pick(100) < percent; }

    qint64 balanceOf(int member)
    {
        return scalar(
            db(),
            QStringLiteral("SELECT balance FROM members WHERE local_id = %1").arg(m_members[member].localId));
    }

    // An error the rules call for: counted. Anything else: the test fails.
    template<typename R>
    bool expectRefusal(const R &r, const char *op, std::initializer_list<ErrorCode> allowed, int index)
    {
        for (ErrorCode c : allowed) {
            if (r.error().code == c) {
                m_refused[QString::fromLatin1(op) + QStringLiteral(" ") + QString::number(int(c))]++;
                return true;
            }
        }
        QTest::qFail(QByteArray("operation " + QByteArray::number(index) + " (" + op +
                                ") failed unexpectedly: " + describe(r))
                         .constData(),
                     __FILE__, __LINE__);
        return false;
    }
    template<typename R>
    void unexpected(const R &r, const char *op, int index)
    {
        QTest::qFail(QByteArray("operation " + QByteArray::number(index) + " (" + op + ") " +
                                (r.ok() ? QByteArray("succeeded but should have been refused") : describe(r)))
                         .constData(),
                     __FILE__, __LINE__);
    }

    void doRegister(int index)
    {
        RegisterRequest request;
        const bool duplicate = !m_members.isEmpty() && chance(5);
        if (duplicate) {
            request.phone = m_members[pick(int(m_members.size()))].phone.e164();
        } else {
            request.phone = QStringLiteral("1390%1").arg(m_nextPhone++, 7, 10, QLatin1Char('0'));
        }
        request.name = QStringLiteral("Member %1").arg(m_nextPhone);
        if (chance(70))
            request.birthDate = QDate(1950 + pick(50), 1 + pick(12), 1 + pick(28));
        if (chance(20))
            request.idNumber = QStringLiteral("1101051990%1").arg(pick(100'000'000), 8, 10, QLatin1Char('0'));
        request.marketingConsent = chance(50);
        auto r = m_fx->till->registerMember(request);
        if (duplicate) {
            if (r.ok())
                return unexpected(r, "register duplicate phone", index);
            expectRefusal(r, "register", {ErrorCode::Conflict}, index);
            return;
        }
        if (!r)
            return unexpected(r, "register", index);
        m_members.append(r->member);
        m_expectedTotal += r->welcomePoints;
        m_done[QStringLiteral("register")]++;
    }

    void doEarn(int index)
    {
        const int member = pick(int(m_members.size()));
        QString receipt;
        if (!m_receipts.isEmpty() && chance(5))
            receipt = m_receipts[pick(int(m_receipts.size()))]; // maybe still taken, maybe freed by a void
        else
            receipt = QStringLiteral("R%1").arg(++m_nextReceipt);
        const int size = pick(100);
        const qint64 amount = size < 10   ? between(1, 150)
                              : size < 60 ? between(100, 20'000)
                                          : between(20'000, 150'000);
        const qint64 excluded = chance(20) ? between(0, amount / 4) : 0;
        auto r = m_fx->till->earn(EarnRequest{m_members[member].id.toString(), amount, excluded, receipt});
        if (m_live.contains(receipt)) {
            if (r.ok())
                return unexpected(r, "earn on a receipt already taken", index);
            expectRefusal(r, "earn", {ErrorCode::Conflict}, index);
            return;
        }
        if (!r)
            return unexpected(r, "earn", index);
        m_expectedTotal += r->totalPoints;
        m_live.insert(receipt, int(m_purchases.size()));
        m_purchases.append(ModelPurchase{member, receipt, amount, 0, false});
        if (!m_receipts.contains(receipt))
            m_receipts.append(receipt);
        m_lastActor = member;
        m_done[QStringLiteral("earn")]++;
        if (r->tierAfter != r->tierBefore)
            m_done[QStringLiteral("upgrade")]++;
    }

    void doRedeem(int index)
    {
        const int member = pick(int(m_members.size()));
        const LoyaltyRules &rules = m_fx->till->rules();
        RedeemRequest request;
        request.member = m_members[member].code.digits();
        // By code: more than the rules let a card spend in a day asks for the phone's digits, given here.
        request.phoneDigits = m_members[member].phone.askedDigits();
        qint64 points = 0;
        if (chance(70)) {
            request.discountPoints = qint64(rules.redemption.pointsForDiscountStep) * between(1, 5);
            points = request.discountPoints;
        } else {
            const Reward &reward = rules.redemption.catalogue[pick(int(rules.redemption.catalogue.size()))];
            request.rewardId = reward.id;
            points = reward.costPoints;
        }
        if (chance(30)) {
            // Points spent on one of the member's own purchases, as at the counter; sometimes any receipt.
            QStringList own;
            for (const ModelPurchase &p : std::as_const(m_purchases)) {
                if (p.member == member && !p.voided)
                    own << p.receipt;
            }
            if (!own.isEmpty() && chance(80))
                request.receipt = own.last();
            else if (!m_receipts.isEmpty())
                request.receipt = m_receipts[pick(int(m_receipts.size()))];
        }
        const qint64 balance = balanceOf(member);
        const bool affordable = balance >= rules.redemption.minimumBalance && points <= balance;
        auto r = m_fx->till->redeem(request);
        if (!r) {
            // Refused by the balance, the offline cap or a reward's daily limit; never otherwise.
            const bool limited =
                !request.rewardId.isEmpty() && rules.reward(request.rewardId)->limitPerDay > 0;
            if (affordable && !m_fx->till->isOffline() && !limited)
                return unexpected(r, "affordable redemption", index);
            expectRefusal(r, "redeem", {ErrorCode::Refused}, index);
            return;
        }
        if (!affordable)
            return unexpected(r, "redemption above the balance", index);
        if (r->points != points || r->member.balance != balance - points)
            return QTest::qFail("a redemption reported other points than it spent", __FILE__, __LINE__);
        m_expectedTotal -= r->points;
        m_lastActor = member;
        if (!request.receipt.isEmpty())
            m_lastRedeemedOn = request.receipt;
        m_done[QStringLiteral("redeem")]++;
    }

    void doRefund(int index)
    {
        if (m_receipts.isEmpty())
            return;
        // Often the purchase points were just spent on (a full refund gives them back), else any.
        const QString receipt = !m_lastRedeemedOn.isEmpty() && chance(40)
                                    ? m_lastRedeemedOn
                                    : m_receipts[pick(int(m_receipts.size()))];
        RefundRequest request;
        request.receipt = receipt;
        request.reason = QStringLiteral("random refund");
        const int p = m_live.value(receipt, -1);
        const qint64 left = p >= 0 ? m_purchases[p].amount - m_purchases[p].refunded : 0;
        if (chance(50) && left > 0)
            request.amountMinor = chance(5) ? left + 1 : between(1, left);
        auto r = m_fx->till->refund(request);
        if (p < 0) {
            if (r.ok())
                return unexpected(r, "refund of a voided purchase", index);
            expectRefusal(r, "refund", {ErrorCode::NotFound}, index);
            return;
        }
        if (left == 0 || request.amountMinor.value_or(left) > left) {
            if (r.ok())
                return unexpected(r, "refund beyond the purchase", index);
            expectRefusal(r, "refund", {ErrorCode::Refused}, index);
            return;
        }
        if (!r)
            return unexpected(r, "refund", index);
        if (r->refundedMinor != request.amountMinor.value_or(left))
            return QTest::qFail("a refund reported another amount", __FILE__, __LINE__);
        m_purchases[p].refunded += r->refundedMinor;
        m_expectedTotal += r->pointsRestored - r->pointsReversed;
        m_done[r->refundedMinor == left ? QStringLiteral("refund full") : QStringLiteral("refund part")]++;
    }

    void doAdjust(int index)
    {
        const int member = pick(int(m_members.size()));
        qint64 points = between(-200, 500);
        if (points == 0)
            points = 1;
        // A correction never creates a debt: taking away more than the balance is refused, and only then.
        const qint64 before = balanceOf(member);
        const bool mustRefuse = points < 0 && before + points < 0;
        auto r =
            m_fx->till->adjust(m_members[member].id.toString(), points, QStringLiteral("random adjustment"));
        if (mustRefuse) {
            if (r)
                return unexpected(r, "adjust", index);
            if (expectRefusal(r, "adjust", {ErrorCode::Refused}, index) && balanceOf(member) != before)
                QTest::qFail("a refused adjustment changed the balance", __FILE__, __LINE__);
            return;
        }
        if (!r)
            return unexpected(r, "adjust", index);
        m_expectedTotal += points;
        m_done[QStringLiteral("adjust")]++;
    }

    void doVoid(int index)
    {
        const int member = m_lastActor >= 0 && chance(70) ? m_lastActor : pick(int(m_members.size()));
        auto r = m_fx->till->voidLast(m_members[member].id.toString(), QStringLiteral("random void"));
        if (!r) {
            expectRefusal(r, "void", {ErrorCode::Refused}, index);
            return;
        }
        m_expectedTotal -= r->pointsReversed;
        m_lastActor = -1;
        m_done[QStringLiteral("void ") + r->voidedKind]++;
        if (r->voidedKind != QLatin1String("earn"))
            return;
        // Which purchase it was: the one of this member whose receipt no longer holds.
        int freed = 0;
        for (int i = 0; i < m_purchases.size(); ++i) {
            ModelPurchase &p = m_purchases[i];
            if (p.member != member || p.voided)
                continue;
            const qint64 live =
                scalar(db(), QStringLiteral("SELECT COUNT(*) FROM purchases WHERE receipt = '%1' "
                                            "AND voided_at IS NULL")
                                 .arg(p.receipt));
            if (live == 0) {
                p.voided = true;
                m_live.remove(p.receipt);
                ++freed;
            }
        }
        if (freed != 1)
            QTest::qFail(
                QByteArray("a void of an earn freed " + QByteArray::number(freed) + " receipts").constData(),
                __FILE__, __LINE__);
    }

    void doExpire(int index)
    {
        auto r = m_fx->till->expirePoints();
        if (!r)
            return unexpected(r, "expire", index);
        m_expectedTotal -= r->points;
        m_done[QStringLiteral("expired points")] += int(r->points);
    }

    void doEvaluateTiers(int index)
    {
        auto r = m_fx->till->evaluateTiers();
        if (!r)
            return unexpected(r, "evaluate tiers", index);
        m_done[QStringLiteral("downgrade")] += r->downgraded;
    }

    void verify(int index)
    {
        auto report = m_fx->till->check(index == Operations);
        CP_VERIFY_OK(report);
        QVERIFY2(report->ok, qPrintable(report->problems.join(QLatin1Char('\n'))));
        QCOMPARE(report->balanceMismatches, qint64(0));
        QCOMPARE(report->members, qint64(m_members.size()));
        QString why;
        QVERIFY2(balancesMatchLedger(db(), &why), qPrintable(why));
        const qint64 total = scalar(db(), QStringLiteral("SELECT COALESCE(SUM(balance), 0) FROM members"));
        QCOMPARE(total, m_expectedTotal);
        // Points are never given back twice: a redemption is undone at most once (void or restore), an
        // entry is voided at most once, and a purchase never gives back more than it brought.
        QCOMPARE(
            scalar(db(), QStringLiteral("SELECT COUNT(*) FROM ledger l WHERE l.kind = 'redeem' AND (SELECT "
                                        "COUNT(*) FROM ledger r WHERE r.reverses = l.local_id) > 1")),
            qint64(0));
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM (SELECT reverses FROM ledger WHERE kind = "
                                             "'void' GROUP BY reverses HAVING COUNT(*) > 1)")),
                 qint64(0));
        QCOMPARE(scalar(db(),
                        QStringLiteral("SELECT COUNT(*) FROM purchases p WHERE (SELECT COALESCE(SUM(points), "
                                       "0) FROM ledger l WHERE l.purchase = p.local_id) < 0")),
                 qint64(0));
        QCOMPARE(
            scalar(db(), QStringLiteral("SELECT COUNT(*) FROM purchases p WHERE p.voided_at IS NOT NULL AND "
                                        "(SELECT COALESCE(SUM(points), 0) FROM ledger l WHERE l.purchase = "
                                        "p.local_id) <> 0")),
            qint64(0));
        // The refund columns add up to the refunds and their reversals.
        QCOMPARE(scalar(db(), QStringLiteral("SELECT COUNT(*) FROM purchases p WHERE p.refunded <> (SELECT "
                                             "COALESCE(SUM(amount), 0) FROM refunds r WHERE r.purchase = "
                                             "p.local_id) OR p.points_reversed > p.points_earned")),
                 qint64(0));
        // One outbox operation and one audit row per change.
        QCOMPARE(count(db(), "outbox", "kind = 'earn'"), count(db(), "purchases"));
        QCOMPARE(count(db(), "audit", "action = 'points.earn'"), count(db(), "purchases"));
        QCOMPARE(count(db(), "outbox", "kind = 'refund'"), count(db(), "refunds"));
    }

private slots:
    void initTestCase() { quietInfoLogs(); }
    void randomOperations()
    {
        const QByteArray seedText = qgetenv("COUNTERPART_SEED");
        const quint32 seed = seedText.isEmpty() ? QRandomGenerator::global()->generate() : seedText.toUInt();
        m_rng.seed(seed);
        qInfo("seed %u (COUNTERPART_SEED=%u replays this run)", seed, seed);
        auto printSeed = qScopeGuard([seed] {
            if (QTest::currentTestFailed())
                qWarning("FAILED with seed %u: rerun with COUNTERPART_SEED=%u", seed, seed);
        });

        // The shipped rules, with points expiring after 3 months instead of 24 so that the run sees many
        // lots expire.
        TillFixtureOptions options;
        options.startMs = at("2026-01-01T09:00:00");
        options.database = QStringLiteral("random.db");
        options.keyFile = QStringLiteral("random.key");
        // unsafeFastWrites: ten thousand transactions without an fsync each, so the run stays fast on a
        // shared machine. It changes durability only, not what a transaction writes; durability across a
        // crash is what tst_crash tests, with the normal synchronous=FULL settings.
        options.fastWrites = true;
        options.rules = LoyaltyRules::defaults();
        options.rules->version = QStringLiteral("random");
        options.rules->expiry.months = 3;
        options.staff = {
            {QStringLiteral("M1"), QStringLiteral("Mei"), Role::Manager, QStringLiteral("1234")}};
        options.signedIn = QStringLiteral("M1");
        m_fx = std::make_unique<TillFixture>(options);
        auto cleanup = qScopeGuard([this] { m_fx.reset(); });
        CP_VERIFY_OK(m_fx->open());

        QElapsedTimer timer;
        timer.start();
        for (int i = 1; i <= Operations; ++i) {
            // Time moves on: minutes between customers, sometimes hours, sometimes days.
            const int jump = pick(1000);
            if (jump < 5)
                m_fx->clock.advanceDays(int(between(1, 20)));
            else if (jump < 35)
                m_fx->clock.advanceMs(between(1, 48) * 3'600'000);
            else
                m_fx->clock.advanceMs(between(0, 600) * 1000);

            const int roll = pick(100);
            if (m_members.size() < 10 || (m_members.size() < TargetMembers && roll < 8))
                doRegister(i);
            else if (roll < 48)
                doEarn(i);
            else if (roll < 63)
                doRedeem(i);
            else if (roll < 74)
                doRefund(i);
            else if (roll < 79)
                doAdjust(i);
            else if (roll < 92)
                doVoid(i);
            else if (roll < 96)
                doExpire(i);
            else if (roll < 98)
                doEvaluateTiers(i);
            else
                m_fx->till->setOffline(!m_fx->till->isOffline());
            if (QTest::currentTestFailed())
                return;
            if (i % CheckEvery == 0) {
                verify(i);
                if (QTest::currentTestFailed()) {
                    qWarning("the check after operation %d failed", i);
                    return;
                }
            }
        }
        m_fx->till->setOffline(false);
        m_fx->clock.advanceDays(400);
        doExpire(Operations + 1);
        verify(Operations);
        if (QTest::currentTestFailed())
            return;
        qInfo("%d operations in %lld ms", Operations, timer.elapsed());
        for (auto it = m_done.cbegin(); it != m_done.cend(); ++it)
            qInfo("  done %s: %d", qPrintable(it.key()), it.value());
        for (auto it = m_refused.cbegin(); it != m_refused.cend(); ++it)
            qInfo("  refused as expected %s: %d", qPrintable(it.key()), it.value());

        // The run reached every use case.
        QCOMPARE(m_members.size(), TargetMembers);
        for (const char *what : {"earn", "redeem", "refund full", "refund part", "adjust", "void earn",
                                 "void redeem", "expired points", "upgrade"}) {
            QVERIFY2(m_done.value(QString::fromLatin1(what)) > 0, what);
        }
        QVERIFY(m_refused.value(QStringLiteral("earn %1").arg(int(ErrorCode::Conflict))) > 0);
    }
};

QTEST_GUILESS_MAIN(TestRandomOps)
#include "tst_random_ops.moc"
