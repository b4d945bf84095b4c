#include "core/LedgerKind.h"

#include <QTest>

using namespace counterpart;

class TestLedgerKind : public QObject
{
    Q_OBJECT

private slots:
    void everyKindRoundTrips_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("id");
        const QList<std::pair<LedgerKind, const char *>> kinds = {
            {LedgerKind::Earn, "earn"},
            {LedgerKind::WelcomeGift, "welcome_gift"},
            {LedgerKind::FirstPurchaseGift, "first_purchase_gift"},
            {LedgerKind::BirthdayGift, "birthday_gift"},
            {LedgerKind::Redeem, "redeem"},
            {LedgerKind::RefundReversal, "refund_reversal"},
            {LedgerKind::RedeemRestore, "redeem_restore"},
            {LedgerKind::Adjust, "adjust"},
            {LedgerKind::Expire, "expire"},
            {LedgerKind::Void, "void"},
            {LedgerKind::Opening, "opening"},
            {LedgerKind::MergeCorrection, "merge_correction"},
        };
        for (const auto &[kind, id] : kinds)
            QTest::newRow(id) << int(kind) << QString::fromLatin1(id);
    }

    void everyKindRoundTrips()
    {
        QFETCH(int, kind);
        QFETCH(QString, id);
        const auto k = LedgerKind(kind);
        QCOMPARE(ledgerKindId(k), id);
        const auto parsed = parseLedgerKind(id);
        QVERIFY(parsed.has_value());
        QCOMPARE(int(*parsed), kind);
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
