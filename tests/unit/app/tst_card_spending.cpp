// Spending by card (issue 14): a member found by anything but their full phone number spends at most
// the rules' redemption.confirmAbovePoints a day without four digits of their phone; wrong digits are
// refused and recorded, five lock spending by card for 15 minutes. On a real SQLite file, with the
// fixture's manual clock (no waiting, no dependence on today's date).

#include "tests/support/TillFixture.h"

#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

class TestCardSpending : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TillFixture> m_fx;
    Member m_member; // 138 1234 5678: the digits asked are "1234"

    Database &db() { return m_fx->db(); }

    RedeemRequest spend(qint64 points, const QString &reference, const QString &digits = {})
    {
        RedeemRequest r;
        r.member = reference;
        r.discountPoints = points;
        r.phoneDigits = digits;
        return r;
    }
    QString code() const { return m_member.code.digits(); }
    qint64 balance()
    {
        return scalar(
            db(), QStringLiteral("SELECT balance FROM members WHERE local_id = %1").arg(m_member.localId));
    }
    // The member's audit rows of `action`, and everything they say (to look for digits in).
    QStringList audit(const char *action)
    {
        return rows(db(), QStringLiteral("SELECT action, reason, details FROM audit WHERE member = %1 AND "
                                         "action = '%2'")
                              .arg(m_member.localId)
                              .arg(QString::fromLatin1(action)));
    }

private slots:
    void initTestCase() { quietInfoLogs(); }
    void init()
    {
        TillFixtureOptions options; // 2026-03-02 10:00, a Monday
        LoyaltyRules rules = plainRules();
        rules.redemption.confirmAbovePoints = 500;
        options.rules = rules;
        m_fx = std::make_unique<TillFixture>(options);
        CP_VERIFY_OK(m_fx->open());
        m_member = m_fx->join(QStringLiteral("138 1234 5678"), QStringLiteral("Li Na"));
        CP_VERIFY_OK(m_fx->till->adjust(m_member.id.toString(), 5000, QStringLiteral("opening balance")));
    }
    void cleanup() { m_fx.reset(); }

    void theDefaultAllowanceIsACoffeeADay()
    {
        QCOMPARE(LoyaltyRules::defaults().redemption.confirmAbovePoints, 300);
        QCOMPARE(RedemptionRules{}.confirmAbovePoints, 300);
    }

    void byCardWithinTheAllowanceAsksNothing()
    {
        CP_VERIFY_OK(m_fx->earn(m_member, 10000, QStringLiteral("R1"))); // earning never asks
        const RedeemRequest r = spend(500, code());
        auto question = m_fx->till->phoneDigitsQuestion(r);
        CP_VERIFY_OK(question);
        QCOMPARE(question.value(), QString());
        CP_VERIFY_OK(m_fx->till->redeem(r));
        QCOMPARE(balance(), qint64(5000 + 100 - 500));
    }

    void byCardAboveTheAllowanceAsksForTheDigits()
    {
        const RedeemRequest r = spend(600, code());
        auto question = m_fx->till->phoneDigitsQuestion(r);
        CP_VERIFY_OK(question);
        QCOMPARE(
            question.value(),
            QStringLiteral("Found by card, not by phone number. To spend more than 500 points today, ask "
                           "the member for the 4 digits before the last four of their phone number: a "
                           "card can be photographed."));
        auto refused = m_fx->till->redeem(r);
        CP_VERIFY_FAILS(refused, ErrorCode::SecondFactorNeeded);
        QCOMPARE(refused.error().message, question.value());
        QCOMPARE(balance(), qint64(5000));
        QVERIFY(audit("points.redeem_digits_wrong").isEmpty()); // not answered is not wrong

        CP_VERIFY_OK(m_fx->till->redeem(spend(600, code(), QStringLiteral("1234"))));
        QCOMPARE(balance(), qint64(4400));
        // Full-width digits, from a Chinese input method, are the same digits.
        CP_VERIFY_OK(m_fx->till->redeem(spend(100, code(), QStringLiteral("１２３４"))));
        QCOMPARE(balance(), qint64(4300));
    }

    void theAllowanceIsForTheDay()
    {
        CP_VERIFY_OK(m_fx->till->redeem(spend(400, code())));
        // 400 already today: 200 more by card is beyond 500.
        CP_VERIFY_FAILS(m_fx->till->redeem(spend(200, code())), ErrorCode::SecondFactorNeeded);
        CP_VERIFY_OK(m_fx->till->redeem(spend(100, code())));
        // The next store day starts afresh.
        m_fx->clock.set(local(QStringLiteral("2026-03-03T00:00:00")));
        CP_VERIFY_OK(m_fx->till->redeem(spend(500, code())));
        QCOMPARE(balance(), qint64(5000 - 400 - 100 - 500));
    }

    void theFullPhoneNumberIsProofEnough()
    {
        // Named by their number, in any form, or found with it and then named by id.
        CP_VERIFY_OK(m_fx->till->redeem(spend(2000, QStringLiteral("13812345678"))));
        RedeemRequest byId = spend(1000, m_member.id.toString());
        byId.foundWith = QStringLiteral("+86 138-1234-5678");
        auto question = m_fx->till->phoneDigitsQuestion(byId);
        CP_VERIFY_OK(question);
        QCOMPARE(question.value(), QString());
        CP_VERIFY_OK(m_fx->till->redeem(byId));
        QCOMPARE(balance(), qint64(2000));
    }

    void anythingElseIsACard_data()
    {
        QTest::addColumn<QString>("foundWith");
        QTest::newRow("last four digits") << QStringLiteral("5678");
        QTest::newRow("name") << QStringLiteral("Li");
        QTest::newRow("QR payload") << QStringLiteral("CP1:%1");
        QTest::newRow("a list (nothing)") << QString();
        QTest::newRow("another member's number") << QStringLiteral("13900139000");
    }
    void anythingElseIsACard()
    {
        QFETCH(QString, foundWith);
        RedeemRequest r = spend(600, m_member.id.toString());
        r.foundWith = foundWith.contains(QLatin1String("%1")) ? foundWith.arg(code()) : foundWith;
        CP_VERIFY_FAILS(m_fx->till->redeem(r), ErrorCode::SecondFactorNeeded);
        QCOMPARE(balance(), qint64(5000));
    }

    void wrongDigitsAreRefusedAndRecorded()
    {
        auto wrong = m_fx->till->redeem(spend(600, code(), QStringLiteral("4321")));
        CP_VERIFY_FAILS(wrong, ErrorCode::Refused);
        QCOMPARE(wrong.error().message,
                 QStringLiteral("Those digits do not match the member's phone number. Nothing was redeemed. "
                                "Wrong answers left before spending by card is locked for 15 minutes: 4."));
        QCOMPARE(balance(), qint64(5000));
        QCOMPARE(count(db(), "ledger", "kind = 'redeem'"), qint64(0));
        const QStringList rowsWritten = audit("points.redeem_digits_wrong");
        QCOMPARE(rowsWritten.size(), 1);
        // Neither the digits given nor the right ones are written anywhere in the row.
        QVERIFY2(!rowsWritten.first().contains(QLatin1String("4321")) &&
                     !rowsWritten.first().contains(QLatin1String("1234")),
                 qPrintable(rowsWritten.first()));
        // Not four digits: typed again, not counted as a wrong answer.
        CP_VERIFY_FAILS(m_fx->till->redeem(spend(600, code(), QStringLiteral("123"))),
                        ErrorCode::InvalidInput);
        CP_VERIFY_FAILS(m_fx->till->redeem(spend(600, code(), QStringLiteral("12a4"))),
                        ErrorCode::InvalidInput);
        QCOMPARE(audit("points.redeem_digits_wrong").size(), 1);
    }

    void fiveWrongAnswersLockSpendingByCard()
    {
        for (int i = 0; i < 4; ++i) {
            m_fx->clock.advanceMs(60'000);
            CP_VERIFY_FAILS(m_fx->till->redeem(spend(600, code(), QStringLiteral("0000"))),
                            ErrorCode::Refused);
        }
        m_fx->clock.set(local(QStringLiteral("2026-03-02T10:05:00")));
        auto fifth = m_fx->till->redeem(spend(600, code(), QStringLiteral("0000")));
        CP_VERIFY_FAILS(fifth, ErrorCode::Refused);
        QVERIFY2(
            fifth.error().message.contains(QLatin1String("locked for this member on this till until 10:20")),
            qPrintable(fifth.error().message));
        QCOMPARE(audit("points.redeem_digits_wrong").size(), 5);
        QCOMPARE(audit("points.redeem_card_locked").size(), 1);

        // Locked: the right digits, or a small spend, by card are refused too, and each try recorded.
        m_fx->clock.set(local(QStringLiteral("2026-03-02T10:19:59")));
        auto locked = m_fx->till->redeem(spend(600, code(), QStringLiteral("1234")));
        CP_VERIFY_FAILS(locked, ErrorCode::Refused);
        QVERIFY2(locked.error().message.contains(QLatin1String("until 10:20")),
                 qPrintable(locked.error().message));
        CP_VERIFY_FAILS(m_fx->till->redeem(spend(100, code())), ErrorCode::Refused);
        CP_VERIFY_FAILS(m_fx->till->phoneDigitsQuestion(spend(100, code())), ErrorCode::Refused);
        QCOMPARE(audit("points.redeem_while_locked").size(), 2);
        QCOMPARE(balance(), qint64(5000));
        // The full phone number still spends, and earning still works.
        CP_VERIFY_OK(m_fx->till->redeem(spend(700, QStringLiteral("13812345678"))));
        CP_VERIFY_OK(m_fx->earn(m_member, 1000, QStringLiteral("R1")));

        // 15 minutes after the lock, the card spends again with the right digits.
        m_fx->clock.set(local(QStringLiteral("2026-03-02T10:20:00")));
        CP_VERIFY_OK(m_fx->till->redeem(spend(600, code(), QStringLiteral("1234"))));
        QCOMPARE(balance(), qint64(5000 - 700 + 10 - 600));
        // And the wrong answers before the lock no longer count.
        auto again = m_fx->till->redeem(spend(600, code(), QStringLiteral("0000")));
        QVERIFY2(again.error().message.endsWith(QLatin1String("locked for 15 minutes: 4.")),
                 qPrintable(again.error().message));
    }

    void wrongAnswersCountForFifteenMinutes()
    {
        for (int i = 0; i < 4; ++i)
            CP_VERIFY_FAILS(m_fx->till->redeem(spend(600, code(), QStringLiteral("0000"))),
                            ErrorCode::Refused);
        m_fx->clock.advanceMs(15 * 60'000);
        auto fifth = m_fx->till->redeem(spend(600, code(), QStringLiteral("0000")));
        QVERIFY2(fifth.error().message.endsWith(QLatin1String("locked for 15 minutes: 4.")),
                 qPrintable(fifth.error().message));
        QCOMPARE(audit("points.redeem_card_locked").size(), 0);
        // Wrong answers about one member lock nobody else.
        const Member other = m_fx->join(QStringLiteral("139 0013 9000"), QStringLiteral("Wang Fang"));
        CP_VERIFY_OK(m_fx->till->adjust(other.id.toString(), 1000, QStringLiteral("opening balance")));
        CP_VERIFY_OK(m_fx->till->redeem(spend(100, other.code.digits())));
    }

    void alwaysAskWhenTheAllowanceIsZero()
    {
        LoyaltyRules rules = plainRules();
        rules.redemption.confirmAbovePoints = 0;
        CP_VERIFY_OK(install(*m_fx->till, rules));
        auto question = m_fx->till->phoneDigitsQuestion(spend(100, code()));
        CP_VERIFY_OK(question);
        QCOMPARE(
            question.value(),
            QStringLiteral("Found by card, not by phone number. To spend points, ask the member for the 4 "
                           "digits before the last four of their phone number: a card can be "
                           "photographed."));
        CP_VERIFY_FAILS(m_fx->till->redeem(spend(100, code())), ErrorCode::SecondFactorNeeded);
        CP_VERIFY_OK(m_fx->till->redeem(spend(100, code(), QStringLiteral("1234"))));
    }
};

QTEST_GUILESS_MAIN(TestCardSpending)
#include "tst_card_spending.moc"
