#include "core/Result.h"

#include <QTest>

#include <memory>

using namespace counterpart;

namespace {

Error failure()
{
    return makeError(ErrorCode::NotFound, QStringLiteral("no such thing"), QStringLiteral("detail"));
}

Result<int> number(bool ok)
{
    if (!ok)
        return failure();
    return 42;
}

// A move-only value, like storage's Statement.
Result<std::unique_ptr<int>> owned(bool ok)
{
    if (!ok)
        return failure();
    return std::make_unique<int>(7);
}

Result<int> doubled(bool ok)
{
    CP_TRY_ASSIGN(const int n, number(ok));
    return n * 2;
}

Result<int> fromOwned(bool ok)
{
    CP_TRY_ASSIGN(auto p, owned(ok));
    return *p;
}

Status assignsExisting(bool ok, int &out)
{
    int value = 0;
    CP_TRY_ASSIGN(value, number(ok));
    out = value;
    return {};
}

Result<int> twoInOneScope(bool firstOk, bool secondOk)
{
    CP_TRY_ASSIGN(const int a, number(firstOk));
    CP_TRY_ASSIGN(auto b, owned(secondOk));
    return a + *b;
}

Status tried(bool ok)
{
    CP_TRY(number(ok));
    return {};
}

} // namespace

class TestResult : public QObject
{
    Q_OBJECT

private slots:
    void tryAssignTakesTheValue();
    void tryAssignReturnsTheError();
    void tryAssignMovesMoveOnlyValues();
    void tryAssignAssignsAnExistingVariable();
    void tryAssignTwiceInOneScope();
    void tryReturnsTheError();
};

void TestResult::tryAssignTakesTheValue()
{
    const Result<int> r = doubled(true);
    QVERIFY(r.ok());
    QCOMPARE(*r, 84);
}

void TestResult::tryAssignReturnsTheError()
{
    const Result<int> r = doubled(false);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::NotFound);
    QCOMPARE(r.error().message, QStringLiteral("no such thing"));
    QCOMPARE(r.error().detail, QStringLiteral("detail"));
}

void TestResult::tryAssignMovesMoveOnlyValues()
{
    const Result<int> good = fromOwned(true);
    QVERIFY(good.ok());
    QCOMPARE(*good, 7);
    QVERIFY(!fromOwned(false).ok());
}

void TestResult::tryAssignAssignsAnExistingVariable()
{
    int out = 0;
    QVERIFY(assignsExisting(true, out).ok());
    QCOMPARE(out, 42);
    out = 0;
    const Status s = assignsExisting(false, out);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, ErrorCode::NotFound);
    QCOMPARE(out, 0);
}

void TestResult::tryAssignTwiceInOneScope()
{
    QCOMPARE(*twoInOneScope(true, true), 49);
    QVERIFY(!twoInOneScope(false, true).ok());
    QVERIFY(!twoInOneScope(true, false).ok());
}

void TestResult::tryReturnsTheError()
{
    QVERIFY(tried(true).ok());
    QCOMPARE(tried(false).error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
