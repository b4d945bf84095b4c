#include "core/LedgerKind.h"

#include <QTest>

using namespace counterpart;

class TestLedgerKind : public QObject
{
    Q_OBJECT

private slots:
    // Every kind the ledger's CHECK constraint allows (storage/migrations/0001_initial.sql), in the
    // enum's order.
    void everyKindRoundTrips()
    {
        const QStringList ids = {QStringLiteral("earn"),
                                 QStringLiteral("welcome_gift"),
                                 QStringLiteral("first_purchase_gift"),
                                 QStringLiteral("birthday_gift"),
                                 QStringLiteral("redeem"),
                                 QStringLiteral("refund_reversal"),
                                 QStringLiteral("redeem_restore"),
                                 QStringLiteral("adjust"),
                                 QStringLiteral("expire"),
                                 QStringLiteral("void"),
                                 QStringLiteral("opening"),
                                 QStringLiteral("merge_correction")};
        QCOMPARE(int(LedgerKind::MergeCorrection) + 1, ids.size());
        for (int k = 0; k < ids.size(); ++k) {
            const auto kind = LedgerKind(k);
            QCOMPARE(ledgerKindId(kind), ids[k]);
            const auto parsed = parseLedgerKind(ids[k]);
            QVERIFY2(parsed.has_value(), qPrintable(ids[k]));
            QCOMPARE(*parsed, kind);
        }
    }

    void unknownTextIsRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("other") << QStringLiteral("bonus");
        QTest::newRow("case") << QStringLiteral("Earn");
        QTest::newRow("space") << QStringLiteral(" earn");
        QTest::newRow("prefix") << QStringLiteral("redeem_");
    }

    void unknownTextIsRefused()
    {
        QFETCH(QString, text);
        QVERIFY(!parseLedgerKind(text).has_value());
    }
};

QTEST_GUILESS_MAIN(TestLedgerKind)
#include "tst_ledger_kind.moc"
