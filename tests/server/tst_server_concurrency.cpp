// Two counterpart-server processes on one database (a SQLite file, or PostgreSQL under
// run-with-postgres.sh), four tills pushing at once — every batch sent to both servers at the same
// moment, as a till retrying after a timeout would — and a puller reading the change feed meanwhile.
// Every op must be applied exactly once, one phone must end as one active member, balances must equal
// the sum of entries, and the puller, which only ever follows `next`, must see every change number.

#include "sync/protocol/Wire.h"
#include "tests/server/ServerTestSupport.h"
#include "tests/support/TestSupport.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <atomic>
#include <future>

using namespace counterpart;
using namespace counterpart::test;

class TestServerConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void twoServersOneDatabase()
    {
        TempDir dir;
        QString database;
        if (usePostgres()) {
            QString error;
            database = createPostgresDatabase(&error);
            QVERIFY2(!database.isEmpty(), qPrintable(error));
        } else {
            database = QStringLiteral("sqlite:") + dir.file(QStringLiteral("shared.db"));
        }
        ServerProcess one(dir.file(QStringLiteral("one")), database);
        ServerProcess two(dir.file(QStringLiteral("two")), database);
        int code = -1;
        one.admin({QStringLiteral("store-add"), QStringLiteral("--id"), QStringLiteral("S001"),
                   QStringLiteral("--name"), QStringLiteral("One"), QStringLiteral("--region"),
                   QStringLiteral("CN"), QStringLiteral("--timezone"), QStringLiteral("Asia/Shanghai"),
                   QStringLiteral("--currency"), QStringLiteral("CNY")},
                  &code);
        QCOMPARE(code, 0);
        QVERIFY(one.start());
        QVERIFY(two.start());

        constexpr int Tills = 4;
        constexpr int Batches = 8;
        constexpr int Phones = 24;
        std::vector<TestTill> tills(Tills);
        for (auto &t : tills)
            QVERIFY(t.enrol(t.terminalNumber % 2 ? one : two));

        // Each till's queue: batches of registers (phones shared between tills), earns and redeems.
        std::vector<std::vector<QJsonArray>> queues(Tills);
        QSet<QString> allOps;
        QSet<QString> allEntries;
        for (int t = 0; t < Tills; ++t) {
            QStringList mine;
            for (int b = 0; b < Batches; ++b) {
                QJsonArray batch;
                for (int i = 0; i < 3; ++i) {
                    const QString m = tills[t].newId();
                    const int phone = (t * 7 + b * 3 + i) % Phones;
                    batch.append(
                        tills[t].registerOp(m, QStringLiteral("+86138%1").arg(phone, 8, 10, QLatin1Char('0')),
                                            QStringLiteral("C"), 100));
                    mine << m;
                }
                for (int i = 0; i < 12; ++i) {
                    const QString &m = mine.at((b * 5 + i) % mine.size());
                    if (i % 4 == 3)
                        batch.append(tills[t].redeemOp(m, 30));
                    else
                        batch.append(
                            tills[t].earnOp(m, QStringLiteral("T%1-B%2-%3").arg(t).arg(b).arg(i), 1000, 10));
                }
                for (const QJsonValue &op : std::as_const(batch)) {
                    allOps.insert(op.toObject().value(QStringLiteral("opId")).toString());
                    for (const QJsonValue &e : op.toObject().value(QStringLiteral("entries")).toArray())
                        allEntries.insert(e.toObject().value(QStringLiteral("id")).toString());
                }
                queues[t].push_back(batch);
            }
        }

        // The puller: follows `next` only, alternating servers, small pages.
        std::atomic<bool> pushing{true};
        auto puller = std::async(std::launch::async, [&] {
            TestTill reader = tills[0];
            auto c1 = one.client();
            auto c2 = two.client();
            QList<qint64> seen;
            qint64 cursor = 0;
            bool flip = false;
            for (;;) {
                const bool last = !pushing.load();
                for (;;) {
                    HttpClient &c = (flip = !flip) ? *c1 : *c2;
                    const HttpResponse r = reader.signedRequest(
                        c, "GET", "/v1/changes?after=" + QByteArray::number(cursor) + "&limit=25");
                    if (r.status != 200)
                        return QList<qint64>{-1};
                    const QJsonObject page = r.json();
                    for (const QJsonValue &v : page.value(QStringLiteral("changes")).toArray())
                        seen.append(v.toObject().value(QStringLiteral("seq")).toInteger());
                    cursor = page.value(QStringLiteral("next")).toInteger();
                    if (!page.value(QStringLiteral("more")).toBool())
                        break;
                }
                if (last)
                    return seen;
            }
        });

        // Every batch to both servers at once.
        std::atomic<int> applied{0}, rejected{0}, duplicates{0}, failures{0};
        QHash<QString, int> appliedPerOp;
        std::mutex appliedMutex;
        std::vector<std::future<void>> workers;
        for (int t = 0; t < Tills; ++t) {
            workers.push_back(std::async(std::launch::async, [&, t] {
                auto a = one.client();
                auto b = two.client();
                TestTill tillA = tills[t];
                TestTill tillB = tills[t];
                for (const QJsonArray &batch : queues[t]) {
                    auto first = std::async(std::launch::async, [&] { return tillA.push(*a, batch); });
                    auto second = std::async(std::launch::async, [&] { return tillB.push(*b, batch); });
                    for (const HttpResponse &r : {first.get(), second.get()}) {
                        if (r.status != 200) {
                            ++failures;
                            continue;
                        }
                        for (const QJsonValue &v : r.json().value(QStringLiteral("results")).toArray()) {
                            const QString status = v.toObject().value(QStringLiteral("status")).toString();
                            if (status == QLatin1String("duplicate")) {
                                ++duplicates;
                                continue;
                            }
                            status == QLatin1String("applied") ? ++applied : ++rejected;
                            std::lock_guard lock(appliedMutex);
                            ++appliedPerOp[v.toObject().value(QStringLiteral("opId")).toString()];
                        }
                    }
                }
            }));
        }
        for (auto &w : workers)
            w.get();
        pushing = false;
        const QList<qint64> seen = puller.get();

        QCOMPARE(failures.load(), 0);
        QCOMPARE(applied.load() + rejected.load(), int(allOps.size()));
        QCOMPARE(duplicates.load(), int(allOps.size()));
        QCOMPARE(rejected.load(), 0);
        for (auto it = appliedPerOp.begin(); it != appliedPerOp.end(); ++it)
            QCOMPARE(it.value(), 1);
        QCOMPARE(appliedPerOp.size(), allOps.size());

        // The feed: numbers 1..N, each once, and the puller saw them all in order.
        TestTill reader = tills[0];
        auto client = one.client();
        const QJsonArray changes = reader.pullAll(*client, 0);
        QCOMPARE(seen.size(), changes.size());
        for (qsizetype i = 0; i < seen.size(); ++i)
            QCOMPARE(seen.at(i), qint64(i + 1));

        // Every entry once; merges: one active member per phone; balances equal entry sums.
        QSet<QString> entryIds;
        int corrections = 0;
        for (const QJsonValue &v : changes) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("type")).toString() != QLatin1String("entry"))
                continue;
            const QJsonObject e = c.value(QStringLiteral("entry")).toObject();
            QVERIFY(!entryIds.contains(e.value(QStringLiteral("id")).toString()));
            entryIds.insert(e.value(QStringLiteral("id")).toString());
            corrections += e.value(QStringLiteral("kind")).toString() == QLatin1String("merge_correction");
        }
        QCOMPARE(entryIds.size(), allEntries.size() + corrections);
        const auto sums = balancesFromChanges(changes);
        QHash<QString, int> activePerPhone;
        QByteArray target = "/v1/snapshot?limit=2000";
        HttpResponse snap = reader.signedRequest(*client, "GET", target);
        QCOMPARE(snap.status, 200);
        auto page = sync::SnapshotPage::fromJson(snap.body);
        QVERIFY(page.ok());
        QVERIFY(!page->more);
        int active = 0;
        for (const auto &m : page->members) {
            const QString id = m.member.value(QStringLiteral("id")).toString();
            const qint64 balance = m.member.value(QStringLiteral("balance")).toInteger();
            QCOMPARE(balance, sums.value(id));
            if (m.member.value(QStringLiteral("status")).toString() == QLatin1String("active")) {
                ++active;
                ++activePerPhone[m.member.value(QStringLiteral("phone")).toString()];
            }
        }
        QCOMPARE(active, Phones);
        for (auto it = activePerPhone.begin(); it != activePerPhone.end(); ++it)
            QCOMPARE(it.value(), 1);
        // One welcome gift per person: 100 each for the first member of a phone, all others corrected.
        QCOMPARE(corrections, Tills * Batches * 3 - Phones);
        qInfo("%d ops, %lld changes, %d merge corrections, backend %s", int(allOps.size()),
              qint64(changes.size()), corrections, usePostgres() ? "postgresql" : "sqlite");
        QCOMPARE(one.terminate(), 0);
        QCOMPARE(two.terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerConcurrency)
#include "tst_server_concurrency.moc"
