// The victim of tst_crash: opens a till database with the normal, durable settings and earns on
// receipts K<first>, K<first+1>, ... for the members whose phones are given, printing
// "ACK <receipt> <points>" after each commit, until it is killed.
//
// crash_writer DATABASE KEYFILE FIRST PHONE...

#include "app/Till.h"
#include "core/Clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <cstdio>

using namespace counterpart;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 5) {
        std::fprintf(stderr, "usage: crash_writer DATABASE KEYFILE FIRST PHONE...\n");
        return 1;
    }
    const SystemClock clock;
    TillOptions options;
    options.keyFile = args[2]; // unsafeFastWrites stays off: synchronous=FULL, as in a shop
    auto till = Till::open(args[1], clock, options);
    if (!till) {
        std::fprintf(stderr, "open: %s\n", qPrintable(till.error().message));
        return 2;
    }
    const qint64 first = args[3].toLongLong();
    const QStringList phones = args.mid(4);

    // In case nobody kills it: stop after a minute.
    QElapsedTimer alive;
    alive.start();
    for (qint64 i = first; alive.elapsed() < 60'000; ++i) {
        EarnRequest request;
        request.member = phones[int(i % phones.size())];
        request.amountMinor = 1000 + (i % 97) * 100;
        request.receipt = QStringLiteral("K%1").arg(i);
        auto r = till.value()->earn(request);
        if (!r) {
            std::fprintf(stderr, "earn %s: %s (%s)\n", qPrintable(request.receipt),
                         qPrintable(r.error().message), qPrintable(r.error().detail));
            return 3;
        }
        // Only after the commit returned: whatever is acknowledged must survive the kill.
        std::printf("ACK %s %lld\n", qPrintable(request.receipt),
                    static_cast<long long>(r->breakdown.totalPoints));
        std::fflush(stdout);
    }
    return 0;
}
