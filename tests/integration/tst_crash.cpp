// Crash safety: a writer process earning on a till database with the normal durable settings is killed
// with SIGKILL at a random moment, again and again. After every kill the database opens, is intact, its
// balances equal their ledger sums, every acknowledged earn is there exactly once with its points, and
// no earn is half there (a purchase without its ledger entry, outbox operation or audit row).
// COUNTERPART_SEED=<n> replays the same kill times.

#include "tests/support/TillFixture.h"

#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

class TestCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { quietInfoLogs(); }
    void killDuringWrites()
    {
        const QByteArray seedText = qgetenv("COUNTERPART_SEED");
        const quint32 seed = seedText.isEmpty() ? QRandomGenerator::global()->generate() : seedText.toUInt();
        QRandomGenerator rng(seed);
        qInfo("seed %u (COUNTERPART_SEED=%u replays the kill times)", seed, seed);
        auto printSeed = qScopeGuard([seed] {
            if (QTest::currentTestFailed())
                qWarning("FAILED with seed %u: rerun with COUNTERPART_SEED=%u", seed, seed);
        });

        TempDir dir;
        const QString dbPath = dir.file(QStringLiteral("crash.db"));
        const QString keyPath = dir.file(QStringLiteral("crash.key"));
        const SystemClock clock;
        const QStringList phones = {QStringLiteral("13800138001"), QStringLiteral("13800138002"),
                                    QStringLiteral("13800138003"), QStringLiteral("13800138004")};
        {
            auto till = openTill(dbPath, clock, keyPath);
            CP_VERIFY_OK(till);
            for (const QString &phone : phones) {
                RegisterRequest request;
                request.phone = phone;
                request.name = QStringLiteral("Member ") + phone.right(1);
                CP_VERIFY_OK(till.value()->registerMember(request));
            }
        }

        const QString writer = QString::fromUtf8(COUNTERPART_CRASH_WRITER);
        QHash<QString, qint64> acked; // every receipt acknowledged in any round, with its points
        int roundsWithAcks = 0;
        QElapsedTimer timer;
        timer.start();
        constexpr int Rounds = 60;
        for (int round = 0; round < Rounds; ++round) {
            QProcess process;
            process.setProgram(writer);
            process.setArguments(QStringList{dbPath, keyPath, QString::number(qint64(round) * 1'000'000)} +
                                 phones);
            process.start();
            QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
            // The kill comes at a random moment once the writer is writing (its first acknowledgement):
            // a slow start (a sanitizer build, a loaded machine) must not turn rounds into kills before
            // the first earn.
            QVERIFY2(process.waitForReadyRead(30'000), "the writer acknowledged nothing");
            const int waitMs = int(rng.bounded(281));
            QTest::qSleep(waitMs);
            process.kill(); // SIGKILL on Unix: no destructors, no rollback, no checkpoint
            QVERIFY(process.waitForFinished(10'000));
            const QByteArray err = process.readAllStandardError();
            QVERIFY2(process.exitStatus() == QProcess::CrashExit,
                     qPrintable(QStringLiteral("the writer ended by itself (exit code %1): %2")
                                    .arg(process.exitCode())
                                    .arg(QString::fromLocal8Bit(err))));

            // Only complete lines count: a line cut by the kill was not acknowledged.
            const QByteArray out = process.readAllStandardOutput();
            int newAcks = 0;
            const QList<QByteArray> lines = out.split('\n');
            for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
                const QList<QByteArray> parts = lines[i].split(' ');
                QVERIFY2(parts.size() == 3 && parts[0] == "ACK", lines[i].constData());
                acked.insert(QString::fromLatin1(parts[1]), parts[2].toLongLong());
                ++newAcks;
            }
            if (newAcks > 0)
                ++roundsWithAcks;

            auto reopened = openTill(dbPath, clock, keyPath);
            CP_VERIFY_OK(reopened);
            Till &till = *reopened.value();
            Database &db = till.database();
            auto report = till.check(true);
            CP_VERIFY_OK(report);
            QVERIFY2(report->ok && report->integrityOk,
                     qPrintable(QStringLiteral("round %1 (after %2 ms): %3")
                                    .arg(round)
                                    .arg(waitMs)
                                    .arg(report->problems.join(QLatin1Char('\n')))));
            QCOMPARE(report->balanceMismatches, qint64(0));
            QString why;
            QVERIFY2(balancesMatchLedger(db, &why), qPrintable(why));

            // Every acknowledged earn is there, once, with its points, in the purchase and the ledger.
            QHash<QString, qint64> stored;
            for (const QString &row :
                 rows(db, QStringLiteral("SELECT p.receipt, p.points_earned, (SELECT "
                                         "SUM(l.points) FROM ledger l WHERE l.purchase = "
                                         "p.local_id AND l.kind = 'earn') FROM purchases p"))) {
                const QStringList cols = row.split(QLatin1Char('|'));
                QVERIFY2(cols.size() == 3 && cols[1] == cols[2], qPrintable(row));
                QVERIFY2(!stored.contains(cols[0]), qPrintable(QStringLiteral("receipt twice: ") + cols[0]));
                stored.insert(cols[0], cols[1].toLongLong());
            }
            for (auto it = acked.cbegin(); it != acked.cend(); ++it) {
                QVERIFY2(stored.contains(it.key()),
                         qPrintable(
                             QStringLiteral("acknowledged %1 is lost (round %2)").arg(it.key()).arg(round)));
                QCOMPARE(stored.value(it.key()), it.value());
            }

            // No earn is half there. (NOT IN: SQLite indexes the subquery once, so this stays fast.)
            QCOMPARE(
                count(db, "purchases",
                      "local_id NOT IN (SELECT purchase FROM ledger WHERE kind = 'earn' AND purchase IS NOT "
                      "NULL)"),
                qint64(0));
            QCOMPARE(
                count(db, "purchases",
                      "receipt NOT IN (SELECT json_extract(payload, '$.purchase.receipt') FROM outbox WHERE "
                      "kind = 'earn' AND json_extract(payload, '$.purchase.receipt') IS NOT NULL)"),
                qint64(0));
            QCOMPARE(
                count(db, "purchases",
                      "receipt NOT IN (SELECT json_extract(details, '$.receipt') FROM audit WHERE action = "
                      "'points.earn' AND json_extract(details, '$.receipt') IS NOT NULL)"),
                qint64(0));
            const qint64 purchases = count(db, "purchases");
            QCOMPARE(count(db, "ledger", "kind = 'earn'"), purchases);
            QCOMPARE(count(db, "outbox", "kind = 'earn'"), purchases);
            QCOMPARE(count(db, "audit", "action = 'points.earn'"), purchases);
            QCOMPARE(count(db, "members"), qint64(phones.size()));
        }
        qInfo("%d rounds, %d with acknowledged earns, %lld earns acknowledged, in %lld ms", Rounds,
              roundsWithAcks, qint64(acked.size()), timer.elapsed());
        // The kills did land during writes.
        QVERIFY(roundsWithAcks >= Rounds / 2);
        QVERIFY(acked.size() >= 100);
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
