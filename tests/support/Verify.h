#pragma once

// Checks on a Status / Result that fail the test function with the error's message.

#include <QByteArray>
#include <QString>
#include <QTest>

namespace counterpart::test {

template<typename R>
QByteArray describe(const R &r)
{
    if (r.ok())
        return QByteArrayLiteral("ok");
    return (QStringLiteral("error %1: %2 [%3]")
                .arg(int(r.error().code))
                .arg(r.error().message, r.error().detail))
        .toUtf8();
}

} // namespace counterpart::test

// Fails the test function (with the error's message) unless the Status / Result is ok.
#define CP_VERIFY_OK(expr)                                                                                   \
    do {                                                                                                     \
        const auto &cpVerifyResult_ = (expr);                                                                \
        QVERIFY2(cpVerifyResult_.ok(), counterpart::test::describe(cpVerifyResult_).constData());            \
    } while (false)

// Fails the test function unless the Status / Result failed with `errorCode`.
#define CP_VERIFY_FAILS(expr, errorCode)                                                                     \
    do {                                                                                                     \
        const auto &cpVerifyResult_ = (expr);                                                                \
        QVERIFY2(!cpVerifyResult_.ok(), "expected a failure, got success");                                  \
        QCOMPARE(int(cpVerifyResult_.error().code), int(errorCode));                                         \
    } while (false)
