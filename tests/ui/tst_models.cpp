// The item models of the till's lists under QAbstractItemModelTester, filled from a real till.

#include "tests/ui/UiTestSupport.h"
#include "ui/Models.h"
#include "ui/UiText.h"

#include <QAbstractItemModelTester>

using namespace counterpart;
using namespace counterpart::test;

class TestModels : public QObject
{
    Q_OBJECT

private:
    TillFixture m_fx{uiTillOptions()};
    QList<Member> m_members;

    Member registerMember(const QString &phone, const QString &name)
    {
        RegisterRequest r;
        r.phone = phone;
        r.name = name;
        auto outcome = m_fx.till->registerMember(r);
        return outcome ? outcome->member : Member{};
    }

private slots:
    void initTestCase()
    {
        setUpUiTests(m_fx.dir);
        QVERIFY(m_fx.openEmpty(QStringLiteral("models.db")));
        m_members = {registerMember(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na")),
                     registerMember(QStringLiteral("139 0013 8000"), QStringLiteral("Wang Wei")),
                     registerMember(QStringLiteral("137 0013 8000"), QStringLiteral("Zhang Min"))};
        for (const Member &m : std::as_const(m_members))
            QVERIFY(!m.id.isNull());
        // Li Na buys twice, redeems a coffee and returns the first purchase.
        for (const auto &[receipt, amount] : {std::pair{"R-1", 30000}, std::pair{"R-2", 12000}}) {
            EarnRequest e;
            e.member = m_members[0].id.toString();
            e.receipt = QString::fromLatin1(receipt);
            e.amountMinor = amount;
            QVERIFY(m_fx.till->earn(e));
            m_fx.clock.advanceMs(60'000);
        }
        RedeemRequest redeem;
        redeem.member = m_members[0].id.toString();
        redeem.rewardId = QStringLiteral("coffee");
        QVERIFY(m_fx.till->redeem(redeem));
        RefundRequest refund;
        refund.receipt = QStringLiteral("R-1");
        QVERIFY(m_fx.till->refund(refund));
    }

    void candidateModel()
    {
        CandidateModel model(*m_fx.till);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        auto found = m_fx.till->findByLast4(QStringLiteral("8000"));
        QVERIFY(found);
        model.setMembers(found.value());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(CandidateModel::ColumnCount));
        const QModelIndex first = model.index(0, CandidateModel::Phone);
        QVERIFY(first.data().toString().contains(QStringLiteral("*** **** 8000")));
        QVERIFY(!Uuid::fromString(first.data(MemberIdRole).toString()).isNull());
        QVERIFY(model.index(0, 0).data(Qt::AccessibleTextRole).toString().contains(QStringLiteral("8000")));
        model.setMembers({found->first()});
        QCOMPARE(model.rowCount(), 1);
        model.setMembers({});
        QCOMPARE(model.rowCount(), 0);
    }

    void historyModel()
    {
        HistoryModel model(*m_fx.till);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto items = m_fx.till->history(m_members[0].id);
        QVERIFY(items);
        model.setItems(items.value());
        QCOMPARE(model.rowCount(), int(items->size()));
        QCOMPARE(model.columnCount(), int(HistoryModel::ColumnCount));
        // Newest first: the refund's reversal; its points shown with their sign.
        QCOMPARE(model.index(0, HistoryModel::What).data().toString(),
                 UiText::historyKind(items->first().kind));
        bool sawNegative = false;
        for (int row = 0; row < model.rowCount(); ++row)
            sawNegative |=
                model.index(row, HistoryModel::Points).data().toString().startsWith(QLatin1Char('-'));
        QVERIFY(sawNegative);
        QCOMPARE(model.headerData(HistoryModel::Points, Qt::Horizontal).toString(), QStringLiteral("Points"));
        model.setItems({});
        QCOMPARE(model.rowCount(), 0);
    }

    void purchaseModel()
    {
        PurchaseModel model(*m_fx.till);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto purchases = m_fx.till->purchases(m_members[0].id);
        QVERIFY(purchases);
        model.setPurchases(purchases.value());
        QCOMPARE(model.rowCount(), 2);
        // Newest first: R-2 can be refunded, R-1 was refunded in full and cannot be picked.
        QCOMPARE(model.index(0, PurchaseModel::Receipt).data().toString(), QStringLiteral("R-2"));
        QVERIFY(model.index(0, 0).data(RefundableRole).toBool());
        QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsSelectable);
        QCOMPARE(model.index(0, 0).data(RemainingMinorRole).toLongLong(), qint64(12000));
        QCOMPARE(model.index(1, PurchaseModel::Receipt).data().toString(), QStringLiteral("R-1"));
        QVERIFY(!model.index(1, 0).data(RefundableRole).toBool());
        QVERIFY(!(model.flags(model.index(1, 0)) & Qt::ItemIsSelectable));
        QCOMPARE(model.index(1, PurchaseModel::State).data().toString(), QStringLiteral("Refunded in full"));
        QCOMPARE(model.index(1, PurchaseModel::Amount).data().toString(), QStringLiteral("¥300.00"));
    }

    void catalogueModel()
    {
        CatalogueModel model(*m_fx.till);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int rewards = int(m_fx.till->rules().redemption.catalogue.size());
        model.setBalance(0);
        QCOMPARE(model.rowCount(), rewards);
        for (int row = 0; row < rewards; ++row) {
            QVERIFY(!model.isAffordable(row));
            QVERIFY(!(model.flags(model.index(row, 0)) & Qt::ItemIsEnabled));
        }
        model.setBalance(850); // coffee (300) and tote bag (800), not the vouchers
        QVERIFY(model.index(0, 0).data(AffordableRole).toBool());
        QVERIFY(model.index(1, 0).data(AffordableRole).toBool());
        QVERIFY(!model.index(2, 0).data(AffordableRole).toBool());
        QCOMPARE(model.index(0, CatalogueModel::Reward).data().toString(), QStringLiteral("Coffee"));
        QCOMPARE(model.index(0, 0).data(RewardIdRole).toString(), QStringLiteral("coffee"));
        QVERIFY(
            model.index(2, CatalogueModel::Status).data().toString().contains(QStringLiteral("1,150 more")));
        model.setBalance(100000);
        for (int row = 0; row < rewards; ++row)
            QVERIFY(model.isAffordable(row));
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
