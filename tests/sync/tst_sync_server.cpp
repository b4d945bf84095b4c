// Tills against the real counterpart-server on loopback (TLS with a test CA, and plain HTTP behind a
// fault-injecting proxy): three tills offline register the same phone, earn and redeem, then sync in
// random orders with clocks hours apart, and every till and the server end identical, with balances
// equal to ledger sums; with dropped, cut, failed, delayed and missing (timed-out) answers, requests
// delivered twice and a server killed mid-push, every operation is still applied exactly once.

#include "app/Statistics.h"
#include "app/Till.h"
#include "storage/Backup.h"
#include "storage/Crypto.h"
#include "storage/KeyRing.h"
#include "sync/client/ChainKeyApply.h"
#include "sync/client/Credentials.h"
#include "sync/client/EnrolClient.h"
#include "sync/client/SyncEngine.h"
#include "sync/client/SyncTypes.h"
#include "sync/protocol/KeyWrap.h"
#include "tests/server/ServerTestSupport.h"
#include "tests/support/TestRules.h"
#include "tests/sync/FaultProxy.h"
#include "tests/sync/SyncTestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <csignal>
#include <map>
#include <tuple>

using namespace counterpart;
using namespace counterpart::test;

namespace {

constexpr qint64 Hour = 3'600'000;
const QString SamePhone = QStringLiteral("13800138000");

// One till: its own database, key and (skewed) clock.
struct TestedTill {
    QString name;
    qint64 skewMs = 0;
    std::unique_ptr<ManualClock> clock;
    std::unique_ptr<Till> till;
    QString path;
    QString keyFile;

    void tick() { clock->setMs(QDateTime::currentMSecsSinceEpoch() + skewMs); }
    Database &db() { return till->database(); }
};

// Active members as "id balance", sorted: two tills agree exactly when these are equal.
QStringList activeBalances(Database &db)
{
    return rows(db,
                QStringLiteral("SELECT lower(hex(id)) || ' ' || balance FROM members WHERE status = 'active'"
                               " ORDER BY id"));
}

QString hexId(const QString &uuid)
{
    return QString::fromLatin1(Uuid::fromString(uuid).bytes().toHex());
}

} // namespace

class TestSyncServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TempDir> m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_serverUrl;
    QString m_caFile;
    std::vector<std::unique_ptr<TestedTill>> m_tills;

    QString m_database; // empty: SQLite in the data folder; else a PostgreSQL URL (run-with-postgres.sh)

    bool startServer(bool tls, const QString &dataDir)
    {
        if (usePostgres() && m_database.isEmpty()) {
            QString error;
            m_database = createPostgresDatabase(&error);
            if (m_database.isEmpty())
                qFatal("no PostgreSQL database: %s", qPrintable(error));
        }
        m_server = std::make_unique<ServerProcess>(dataDir, m_database, tls);
        if (!m_server->start())
            return false;
        m_caFile = m_server->caFile();
        m_serverUrl = QStringLiteral("%1://127.0.0.1:%2")
                          .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                          .arg(m_server->port());
        int code = -1;
        m_server->admin({QStringLiteral("store-add"), QStringLiteral("--id"), QStringLiteral("S001"),
                         QStringLiteral("--name"), QStringLiteral("Nanjing Road"), QStringLiteral("--region"),
                         QStringLiteral("CN"), QStringLiteral("--timezone"), QStringLiteral("Asia/Shanghai"),
                         QStringLiteral("--currency"), QStringLiteral("CNY")},
                        &code);
        return code == 0;
    }

    TestedTill &addTill(const QString &name, qint64 skewMs, const QString &url)
    {
        TestedTill &t = openTestedTill(name, skewMs);
        enrolTill(t, url);
        return t;
    }

    // A till not enrolled yet: its member codes start with the provisional terminal number 12345.
    TestedTill &openTestedTill(const QString &name, qint64 skewMs)
    {
        auto t = std::make_unique<TestedTill>();
        t->name = name;
        t->skewMs = skewMs;
        t->clock = std::make_unique<ManualClock>(QDateTime::currentMSecsSinceEpoch() + skewMs);
        t->path = m_dir->file(name + QStringLiteral(".db"));
        t->keyFile = m_dir->file(name + QStringLiteral(".key"));
        auto opened = openTill(t->path, *t->clock, t->keyFile);
        if (!opened)
            qFatal("till %s: %s", qPrintable(name), qPrintable(opened.error().message));
        t->till = std::move(opened.value());
        m_tills.push_back(std::move(t));
        return *m_tills.back();
    }

    void enrolTill(TestedTill &t, const QString &url, const QString &store = QStringLiteral("S001"))
    {
        const QString code =
            m_server->admin({QStringLiteral("enrol-code"), QStringLiteral("--store"), store}).trimmed();
        t.tick(); // the clock at enrolment: the offset the server's answer gives is this close
        EnrolmentRequest request;
        request.serverUrl = url;
        request.code = code;
        request.caFile = m_caFile;
        request.tillName = t.name;
        auto enrolled = t.till->enrol(request);
        if (!enrolled)
            qFatal("enrol %s: %s", qPrintable(t.name), qPrintable(enrolled.error().message));
    }

    // Syncs until the till has nothing left to push (a fault may end a cycle early).
    sync::CycleReport syncUntilDone(TestedTill &t, int maxCycles = 1)
    {
        sync::CycleReport report;
        for (int i = 0; i < maxCycles; ++i) {
            t.tick();
            report = t.till->syncOnce();
            if (report.ok)
                break;
        }
        return report;
    }

    // Tills A (on the server's time) and B (`skewB` off it), enrolled and synced once.
    std::pair<TestedTill &, TestedTill &> twoSyncedTills(qint64 skewB)
    {
        TestedTill &a = addTill(QStringLiteral("A"), 0, m_serverUrl);
        TestedTill &b = addTill(QStringLiteral("B"), skewB, m_serverUrl);
        for (TestedTill *t : {&a, &b}) {
            const sync::CycleReport r = syncUntilDone(*t);
            if (!r.ok)
                qFatal("first sync of %s: %s", qPrintable(t->name), qPrintable(r.error));
        }
        return {a, b};
    }

    // A member with an ID number and a full birth date (both sealed).
    Member registerWithId(TestedTill &t, const QString &phone, const QString &idNumber)
    {
        t.tick();
        RegisterRequest r;
        r.phone = phone;
        r.name = QStringLiteral("Qian Li");
        r.idNumber = idNumber;
        r.birthDate = QDate(1990, 3, 7);
        auto out = t.till->registerMember(r);
        if (!out)
            qFatal("register at %s: %s", qPrintable(t.name), qPrintable(out.error().message));
        return out->member;
    }

    // The sealed fields' format bytes, "birth date, ID number": 01 the till's own key, 02 a chain key.
    static QString sealFormats(TestedTill &t, const Member &m)
    {
        return rows(t.db(),
                    QStringLiteral("SELECT hex(substr(birth_date_enc, 1, 1)) || ' ' || "
                                   "hex(substr(id_number_enc, 1, 1)) FROM members WHERE local_id = %1")
                        .arg(m.localId))
            .value(0);
    }

    static qint64 chainKeyOf(TestedTill &t, const Member &m)
    {
        const QStringList hex =
            rows(t.db(),
                 QStringLiteral("SELECT hex(id_number_enc) FROM members WHERE local_id = %1").arg(m.localId));
        return KeyRing::chainKeyOf(QByteArray::fromHex(hex.value(0).toLatin1()));
    }

    // Key 1 wrapped with another chain's key, or for another terminal: refused in words, nothing kept.
    void chainKeysFromElsewhereAreRefused(TestedTill &t)
    {
        auto credentials = sync::loadCredentials(t.db(), t.keyFile);
        CP_VERIFY_OK(credentials);
        auto local = sync::loadFieldCipher(t.db(), t.keyFile);
        CP_VERIFY_OK(local);
        auto env = sync::ApplyEnv::load(t.db(), *t.clock);
        CP_VERIFY_OK(env);
        const QStringList before =
            rows(t.db(), QStringLiteral("SELECT kid || ' ' || hex(wrapped) FROM chain_keys"));
        sync::ChainKeySet foreign;
        foreign.keys.append(
            {1, sync::wrapChainKey(credentials->secret, credentials->terminalId, 1, secureRandomBytes(32))
                    .value()});
        auto refused = sync::applyChainKeys(t.db(), foreign, credentials.value(), local.value(), env.value());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY2(refused.error().message.contains(QStringLiteral("another chain")),
                 qPrintable(refused.error().message));
        sync::ChainKeySet otherTerminal;
        otherTerminal.keys.append(
            {7, sync::wrapChainKey(secureRandomBytes(32), credentials->terminalId, 7, secureRandomBytes(32))
                    .value()});
        refused =
            sync::applyChainKeys(t.db(), otherTerminal, credentials.value(), local.value(), env.value());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Crypto);
        QVERIFY2(refused.error().message.contains(QStringLiteral("another terminal")),
                 qPrintable(refused.error().message));
        QCOMPARE(rows(t.db(), QStringLiteral("SELECT kid || ' ' || hex(wrapped) FROM chain_keys")), before);
    }

    Member registerAt(TestedTill &t, const QString &phone, const QString &name)
    {
        t.tick();
        RegisterRequest r;
        r.phone = phone;
        r.name = name;
        auto out = t.till->registerMember(r);
        if (!out)
            qFatal("register at %s: %s", qPrintable(t.name), qPrintable(out.error().message));
        return out->member;
    }

    // The chain's rules, as head office installs them: `counterpart-server admin rules-install FILE`.
    void installAtServer(const LoyaltyRules &rules)
    {
        QFile file(m_dir->file(QStringLiteral("rules.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(rules.toJson());
        file.close();
        int code = -1;
        QString error;
        m_server->admin({QStringLiteral("rules-install"), file.fileName()}, &code, &error);
        QVERIFY2(code == 0, qPrintable(error));
    }

    void earnAt(TestedTill &t, const Member &m, const QString &receipt, qint64 amountMinor)
    {
        t.tick();
        EarnRequest e;
        e.member = m.id.toString();
        e.receipt = receipt;
        e.amountMinor = amountMinor;
        auto out = t.till->earn(e);
        QVERIFY2(out.ok(), describe(out).constData());
    }

    void redeemAt(TestedTill &t, const Member &m, qint64 points)
    {
        t.tick();
        RedeemRequest r;
        r.member = m.id.toString();
        r.foundWith = m.phone.e164(); // by their number: no phone digits asked
        r.discountPoints = points;
        auto out = t.till->redeem(r);
        QVERIFY2(out.ok(), describe(out).constData());
    }

    // One store's figures for [fromMs, toMs) straight from a till's rows (store empty: the chain's).
    QJsonObject figuresFromRows(Database &db, const QString &store, qint64 fromMs, qint64 toMs)
    {
        const QString of =
            store.isEmpty() ? QStringLiteral("1") : QStringLiteral("store_id = '%1'").arg(store);
        const QString period = QStringLiteral(" AND %1 >= %2 AND %1 < %3");
        const QString purchases = QStringLiteral(" FROM purchases WHERE voided_at IS NULL AND ") + of +
                                  period.arg(QStringLiteral("at")).arg(fromMs).arg(toMs);
        return QJsonObject{
            {QStringLiteral("newMembers"),
             scalar(db, QStringLiteral("SELECT COUNT(*) FROM members WHERE status <> 'merged' AND ") + of +
                            period.arg(QStringLiteral("created_at")).arg(fromMs).arg(toMs))},
            {QStringLiteral("visits"), scalar(db, QStringLiteral("SELECT COUNT(*)") + purchases)},
            {QStringLiteral("salesMinor"),
             scalar(db, QStringLiteral("SELECT COALESCE(SUM(amount - refunded), 0)") + purchases)},
            {QStringLiteral("visitingMembers"),
             scalar(db, QStringLiteral("SELECT COUNT(DISTINCT member)") + purchases)},
            {QStringLiteral("pointsIssued"),
             scalar(db,
                    QStringLiteral(
                        "SELECT COALESCE(SUM(points), 0) FROM ledger WHERE kind IN ('earn', 'welcome_gift',"
                        " 'first_purchase_gift', 'birthday_gift', 'refund_reversal') AND ") +
                        of + period.arg(QStringLiteral("at")).arg(fromMs).arg(toMs))},
            {QStringLiteral("pointsRedeemed"),
             -scalar(db, QStringLiteral("SELECT COALESCE(SUM(points), 0) FROM ledger WHERE kind IN ('redeem',"
                                        " 'redeem_restore') AND ") +
                             of + period.arg(QStringLiteral("at")).arg(fromMs).arg(toMs))},
        };
    }

    static QJsonObject pick(const QJsonObject &figures, const QJsonObject &like)
    {
        QJsonObject out;
        for (auto it = like.begin(); it != like.end(); ++it)
            out.insert(it.key(), figures.value(it.key()).toInteger());
        return out;
    }

    void addStore(const QString &id)
    {
        int code = -1;
        m_server->admin({QStringLiteral("store-add"), QStringLiteral("--id"), id, QStringLiteral("--name"),
                         QStringLiteral("Store ") + id, QStringLiteral("--region"), QStringLiteral("CN"),
                         QStringLiteral("--timezone"), QStringLiteral("Asia/Shanghai"),
                         QStringLiteral("--currency"), QStringLiteral("CNY")},
                        &code);
        QCOMPARE(code, 0);
    }

    void verifyLedgers(TestedTill &t)
    {
        QString why;
        QVERIFY2(balancesMatchLedger(t.db(), &why), qPrintable(t.name + QStringLiteral(": ") + why));
        auto report = t.till->check(false);
        QVERIFY2(report.ok(), describe(report).constData());
        QCOMPARE(report->balanceMismatches, qint64(0));
    }

    // The server's own view: balances summed from its change feed, read by a signing test client.
    std::map<QString, qint64> serverBalances()
    {
        TestTill reader;
        if (!reader.enrol(*m_server))
            qFatal("the reader could not enrol");
        auto client = m_server->client();
        const QJsonArray changes = reader.pullAll(*client, 0);
        const QHash<QString, qint64> sums = balancesFromChanges(changes);
        std::map<QString, qint64> out;
        for (auto it = sums.constBegin(); it != sums.constEnd(); ++it)
            out[hexId(it.key())] = it.value();
        return out;
    }

    // Runs counterpart-snapshot against the test server's database; returns its exit code. viaConfig:
    // the data folder and database from a server.ini, as the packaged timer gives them.
    int buildSnapshotFile(const QString &dataDir, QString *output = nullptr, bool viaConfig = false)
    {
        QProcess p;
        QStringList args{QStringLiteral("--store"), QStringLiteral("S001")};
        if (viaConfig) {
            const QString ini = m_dir->file(QStringLiteral("server.ini"));
            QFile f(ini);
            if (!f.open(QIODevice::WriteOnly))
                return -1;
            f.write("; as /etc/counterpart/server.ini\ndata = " + dataDir.toUtf8() + "\n");
            if (!m_database.isEmpty())
                f.write("database = " + m_database.toUtf8() + "\n");
            f.close();
            args << QStringLiteral("--config") << ini;
        } else {
            args << QStringLiteral("--data") << dataDir;
            if (!m_database.isEmpty())
                args << QStringLiteral("--database") << m_database;
        }
        p.start(QStringLiteral(COUNTERPART_SNAPSHOT_EXE), args);
        if (!p.waitForFinished(120'000))
            return -1;
        if (output)
            *output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    // What the server's data made at a till, without what is the till's own (local ids, write times).
    static QStringList replicated(Database &db)
    {
        QStringList out;
        out << rows(
            db, QStringLiteral("SELECT 'member ' || lower(hex(id)) || ' ' || COALESCE(code, '-') || ' ' || "
                               "phone || ' ' || name || ' ' || tier || ' ' || balance || ' ' || "
                               "synced_balance || ' ' || status || ' ' || COALESCE(lower(hex(merged_into)), "
                               "'-') || ' ' || visits || ' ' || COALESCE(note, '-') || ' ' || "
                               "COALESCE(field_hlc, '-') FROM members ORDER BY id"));
        out << rows(db, QStringLiteral(
                            "SELECT 'entry ' || lower(hex(l.id)) || ' ' || lower(hex(m.id)) || ' ' || "
                            "l.kind || ' ' || l.points || ' ' || l.at || ' ' || COALESCE(l.expires_at, '-') "
                            "FROM ledger l JOIN members m ON m.local_id = l.member ORDER BY l.id"));
        out << rows(
            db, QStringLiteral("SELECT 'purchase ' || lower(hex(p.id)) || ' ' || lower(hex(m.id)) || ' ' || "
                               "p.receipt || ' ' || p.amount || ' ' || p.refunded FROM purchases p "
                               "JOIN members m ON m.local_id = p.member ORDER BY p.id"));
        out << rows(db,
                    QStringLiteral("SELECT 'bucket ' || bucket || ' ' || metric || ' ' || n || ' ' || amount "
                                   "FROM stats_buckets WHERE n <> 0 OR amount <> 0 ORDER BY bucket, metric"));
        out << rows(db,
                    QStringLiteral("SELECT 'total ' || metric || ' ' || n || ' ' || amount FROM stats_totals "
                                   "WHERE n <> 0 OR amount <> 0 ORDER BY metric"));
        out << rows(db, QStringLiteral("SELECT 'rules ' || version FROM rules_versions WHERE active = 1"));
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        quietInfoLogs();
        QLoggingCategory::setFilterRules(
            QStringLiteral("counterpart.*.info=false\ncounterpart.sync.warning=false"));
        if (!QFile::exists(ServerProcess::executable()))
            QSKIP("counterpart-server is not built");
        qInfo("backend: %s", usePostgres() ? "postgresql" : "sqlite");
    }

    void init()
    {
        m_dir = std::make_unique<TempDir>();
        m_database.clear();
    }

    void cleanup()
    {
        m_tills.clear();
        if (m_server)
            m_server->terminate();
        m_server.reset();
        m_dir.reset();
    }

    void threeTillsSamePhone_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed 1") << quint32(1);
        QTest::newRow("seed 2") << quint32(2);
        QTest::newRow("seed 3") << quint32(3);
    }

    // Three tills, clocks hours apart, offline: each registers the same phone (and a member of its own),
    // earns, and redeems offline. Then they sync in a random order, twice, and a fourth till bootstraps
    // from the snapshot. Every till and the server hold the same members with the same balances; one
    // member keeps the phone; the others are aliases everywhere; the overdraw is flagged.
    void threeTillsSamePhone()
    {
        QFETCH(quint32, seed);
        QRandomGenerator random(seed);
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        TestedTill &a = addTill(QStringLiteral("A"), 0, m_serverUrl);
        TestedTill &b = addTill(QStringLiteral("B"), -3 * Hour, m_serverUrl);
        TestedTill &c = addTill(QStringLiteral("C"), 5 * Hour, m_serverUrl);
        QList<TestedTill *> tills = {&a, &b, &c};
        // A new till syncs once while the server is empty: the snapshot bootstrap, then online.
        for (TestedTill *t : tills) {
            const sync::CycleReport r = syncUntilDone(*t);
            QVERIFY2(r.ok, qPrintable(t->name + QStringLiteral(": ") + r.error));
            QVERIFY(r.bootstrapped);
            QVERIFY(!t->till->isOffline());
            t->till->setOffline(true); // the network goes down
        }

        // Offline work.
        QHash<TestedTill *, Member> samePhone;
        for (TestedTill *t : tills) {
            const Member same = registerAt(*t, SamePhone, QStringLiteral("Li Na"));
            samePhone.insert(t, same);
            earnAt(*t, same, t->name + QStringLiteral("-1"), 20000); // 100 + 200 + 50 points here
            // All but 50, so the chain is overdrawn by the gifts it takes back whatever the day's
            // multiplier (a member day makes the 200 300 or 400; till C's +5 hours may be the 8th already).
            redeemAt(*t, same, t->till->findById(same.id)->value().balance - 50);
            const Member own =
                registerAt(*t, QStringLiteral("1390013%1").arg(9000 + int(random.bounded(999))), t->name);
            earnAt(*t, own, t->name + QStringLiteral("-2"), 5000 + qint64(random.bounded(100000)));
            t->tick();
            CP_VERIFY_OK(t->till->setNote(own.id, QStringLiteral("note at ") + t->name));
        }

        // Back online, in a random order, twice; then everyone once more to see the last changes.
        QStringList order;
        for (int round = 0; round < 2; ++round) {
            QList<TestedTill *> shuffled = tills;
            for (qsizetype i = shuffled.size() - 1; i > 0; --i)
                shuffled.swapItemsAt(i, qsizetype(random.bounded(quint32(i + 1))));
            for (TestedTill *t : std::as_const(shuffled)) {
                order << t->name;
                const sync::CycleReport r = syncUntilDone(*t);
                QVERIFY2(r.ok, qPrintable(t->name + QStringLiteral(": ") + r.error));
                QVERIFY2(r.rejected == 0, qPrintable(r.rejections.join(QStringLiteral("; "))));
            }
        }
        for (TestedTill *t : tills)
            QVERIFY(syncUntilDone(*t).ok);
        TestedTill *first = nullptr;
        for (TestedTill *t : tills) {
            if (t->name == order.front())
                first = t;
        }
        QVERIFY(first);

        // A fourth till bootstraps from the snapshot.
        TestedTill &d = addTill(QStringLiteral("D"), 2 * Hour, m_serverUrl);
        const sync::CycleReport bootstrap = syncUntilDone(d);
        QVERIFY2(bootstrap.ok, qPrintable(bootstrap.error));
        QVERIFY(bootstrap.bootstrapped);
        QVERIFY(bootstrap.snapshotMembers >= 4);

        // Everyone agrees, with the server too.
        const QStringList reference = activeBalances(a.db());
        QCOMPARE(reference.size(), 4); // one Li Na + three members of their own
        const std::map<QString, qint64> server = serverBalances();
        for (const QString &line : reference) {
            const QStringList parts = line.split(QLatin1Char(' '));
            QVERIFY2(server.count(parts[0]) == 1, qPrintable(QStringLiteral("server lacks ") + parts[0]));
            QCOMPARE(server.at(parts[0]), parts[1].toLongLong());
        }
        for (TestedTill *t : {&a, &b, &c, &d}) {
            QCOMPARE(activeBalances(t->db()), reference);
            verifyLedgers(*t);
            QCOMPARE(*SyncStore(t->db()).pendingCount(), qint64(0));
            QCOMPARE(*SyncStore(t->db()).rejectedCount(), qint64(0));
            // One phone, one member: the first till's registration, wherever it is looked up.
            auto owner = t->till->findByPhone(SamePhone);
            CP_VERIFY_OK(owner);
            QVERIFY(owner->has_value());
            QCOMPARE(owner->value().id, samePhone.value(first).id);
            for (TestedTill *other : tills) {
                // Each registration's card finds the member that stayed, at every till that knows it.
                auto byCard = t->till->findByCode(samePhone.value(other).code.digits());
                CP_VERIFY_OK(byCard);
                if (byCard->has_value())
                    QCOMPARE(byCard->value().id, samePhone.value(first).id);
            }
            // Notes written at three tills reached all of them.
            QCOMPARE(count(t->db(), "members", "note LIKE 'note at %'"), qint64(3));
        }
        for (TestedTill *t : tills) {
            for (TestedTill *other : tills) {
                if (other == first)
                    continue;
                QCOMPARE(
                    rows(t->db(), QStringLiteral("SELECT status FROM members WHERE id = x'%1'")
                                      .arg(QString::fromLatin1(samePhone.value(other).id.bytes().toHex()))),
                    QStringList{QStringLiteral("merged")});
            }
        }
        // One welcome gift per person; three offline redemptions of all but 50 overdrew: flagged for the
        // manager.
        const qint64 survivor = server.at(QString::fromLatin1(samePhone.value(first).id.bytes().toHex()));
        qInfo("order %s; Li Na's balance at the server %lld; merge corrections %lld; overdraw flags %lld",
              qPrintable(order.join(QLatin1Char(' '))), survivor,
              count(a.db(), "ledger", "kind = 'merge_correction'"),
              count(a.db(), "sync_flags", "kind = 'overdraw'"));
        QVERIFY(survivor < 0);
        {
            for (TestedTill *t : tills)
                QVERIFY2(count(t->db(), "sync_flags", "kind = 'overdraw'") >= 1, qPrintable(t->name));
        }
    }

    // A new till of a large chain loads the store's snapshot file (counterpart-snapshot) in one copy
    // instead of the pages, then pulls what changed after the file was built, and ends exactly where a
    // till bootstrapped from the pages ends. A file damaged on its way is noticed and the pages used.
    void newTillLoadsTheSnapshotFile()
    {
        const QString dataDir = m_dir->file(QStringLiteral("server"));
        QVERIFY(startServer(true, dataDir));
        auto [a, b] = twoSyncedTills(-2 * Hour);
        QList<Member> members;
        for (int i = 0; i < 12; ++i) {
            TestedTill &t = i % 3 == 0 ? b : a;
            members << registerAt(t, QStringLiteral("1391234%1").arg(5000 + i), QStringLiteral("M%1").arg(i));
            earnAt(t, members.last(), QStringLiteral("F-%1").arg(i), 10000 + 700 * i);
        }
        registerAt(a, QStringLiteral("13912345000"), QStringLiteral("M0 again")); // merged into M0 (B's)
        redeemAt(a, members.at(1), 100);
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);

        // No file yet: a new till takes the pages.
        TestedTill &pages = addTill(QStringLiteral("P"), 0, m_serverUrl);
        const sync::CycleReport fromPages = syncUntilDone(pages);
        QVERIFY2(fromPages.ok, qPrintable(fromPages.error));
        QVERIFY(fromPages.bootstrapped);
        QCOMPARE(fromPages.snapshotFileBytes, qint64(0));
        // Pages of five: the status tells the members written so far after each page but the last.
        {
            TestedTill &paged = addTill(QStringLiteral("W"), 0, m_serverUrl);
            sync::SyncEngineOptions options;
            options.keyFile = paged.keyFile;
            options.schedule = false;
            options.snapshotLimit = 5;
            sync::SyncEngine engine(paged.path, *paged.clock, options);
            QList<sync::SyncStatus> seen;
            connect(&engine, &sync::SyncEngine::statusChanged, this,
                    [&seen](const sync::SyncStatus &s) { seen << s; });
            paged.tick();
            const sync::CycleReport r = engine.runOnce();
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.snapshotMembers, 13);
            QList<qint64> written;
            for (const sync::SyncStatus &s : seen) {
                QVERIFY(s.loading == sync::SyncStatus::Loading::None ||
                        s.loading == sync::SyncStatus::Loading::Writing);
                if (s.loading == sync::SyncStatus::Loading::Writing) {
                    QVERIFY(s.syncing);
                    written << s.loadedMembers;
                }
            }
            QCOMPARE(written, (QList<qint64>{5, 10}));
            QVERIFY(seen.last().loading == sync::SyncStatus::Loading::None);
            QVERIFY(!seen.last().syncing);
            QCOMPARE(replicated(paged.db()), replicated(pages.db()));
        }

        QString output;
        QCOMPARE(buildSnapshotFile(dataDir, &output), 0);
        QVERIFY2(output.contains(QStringLiteral("published")), qPrintable(output));

        // The chain goes on after the file was built.
        earnAt(a, members.at(2), QStringLiteral("L-1"), 5000);
        members << registerAt(a, QStringLiteral("13912346000"), QStringLiteral("Later"));
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(pages).ok);

        TestedTill &file = addTill(QStringLiteral("F"), 3 * Hour, m_serverUrl);
        QList<sync::SyncStatus> seen;
        file.tick();
        const sync::CycleReport fromFile =
            file.till->syncOnce([&seen](const sync::SyncStatus &s) { seen << s; });
        QVERIFY2(fromFile.ok, qPrintable(fromFile.error));
        QVERIFY(fromFile.bootstrapped);
        QVERIFY(fromFile.snapshotFileBytes > 0);
        // Meanwhile the status said how far: the download growing to the whole file, then the copy,
        // then an ordinary cycle's end.
        {
            using Loading = sync::SyncStatus::Loading;
            qint64 downloaded = 0;
            int downloading = 0;
            int installing = -1;
            for (int i = 0; i < seen.size(); ++i) {
                const sync::SyncStatus &s = seen.at(i);
                if (s.loading == Loading::Downloading) {
                    QCOMPARE(installing, -1);
                    QCOMPARE(s.totalBytes, fromFile.snapshotFileBytes);
                    QVERIFY(s.loadedBytes >= downloaded); // (other news repeats the last figure)
                    downloading += s.loadedBytes > downloaded;
                    downloaded = s.loadedBytes;
                } else if (s.loading == Loading::Installing) {
                    installing = i;
                }
            }
            QVERIFY(downloading >= 1 && downloading <= 101);
            QCOMPARE(downloaded, fromFile.snapshotFileBytes);
            QVERIFY(installing > 0);
            QVERIFY(seen.last().loading == Loading::None);
            QVERIFY(!seen.last().syncing);
        }
        QCOMPARE(fromFile.snapshotMembers, 13); // as of the file; the later member came with the pull
        QVERIFY(fromFile.pulledChanges > 0);
        const QStringList reference = replicated(pages.db());
        QVERIFY(reference.size() > 40);
        QCOMPARE(replicated(file.db()), reference);
        verifyLedgers(file);
        QVERIFY(!QFile::exists(file.path + QStringLiteral(".snapshot-download")));
        // The till works on: a member from the file is found and earns, and that reaches the others.
        auto found = file.till->findByPhone(QStringLiteral("13912345003"));
        CP_VERIFY_OK(found);
        QVERIFY(found->has_value());
        earnAt(file, found->value(), QStringLiteral("F-after"), 2000);
        QVERIFY(syncUntilDone(file).ok);
        QVERIFY(syncUntilDone(pages).ok);
        QCOMPARE(activeBalances(pages.db()), activeBalances(file.db()));

        // The published file damaged (same size, other bytes): the next new till notices and takes the pages.
        const QDir snapshots(dataDir + QStringLiteral("/snapshots"));
        const QStringList published = snapshots.entryList({QStringLiteral("S001-*.db")}, QDir::Files);
        QCOMPARE(published.size(), 1);
        {
            QFile f(snapshots.filePath(published.first()));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(f.size() / 2));
            QCOMPARE(f.write(QByteArray(4096, 'Z')), qint64(4096));
        }
        TestedTill &damaged = addTill(QStringLiteral("D"), 0, m_serverUrl);
        const sync::CycleReport fromDamaged = syncUntilDone(damaged);
        QVERIFY2(fromDamaged.ok, qPrintable(fromDamaged.error));
        QVERIFY(fromDamaged.bootstrapped);
        QCOMPARE(fromDamaged.snapshotFileBytes, qint64(0));
        QVERIFY(syncUntilDone(pages).ok);
        // (Its opening lots are the ledger as of now, the other till's as of its own bootstrap: the
        // members, their balances and visits are what must agree.)
        auto membersOf = [](Database &db) {
            return replicated(db).filter(QRegularExpression(QStringLiteral("^member ")));
        };
        QCOMPARE(membersOf(damaged.db()), membersOf(pages.db()));
        QCOMPARE(activeBalances(damaged.db()), activeBalances(pages.db()));
        verifyLedgers(damaged);
    }

    // Two tills made the same member code before enrolment (both had the provisional terminal number
    // 12345): the server keeps the second member without the code. Every till takes that member in and
    // syncs on, and new tills bootstrap, from the pages and from the snapshot file.
    void memberWithoutCodeNeverStopsATill()
    {
        const QString dataDir = m_dir->file(QStringLiteral("server"));
        QVERIFY(startServer(true, dataDir));
        TestedTill &a = openTestedTill(QStringLiteral("A"), 0);
        TestedTill &b = openTestedTill(QStringLiteral("B"), 0);
        const Member ma = registerAt(a, QStringLiteral("13912347001"), QStringLiteral("Early A"));
        const Member mb = registerAt(b, QStringLiteral("13912347002"), QStringLiteral("Early B"));
        QCOMPARE(ma.code, mb.code);
        enrolTill(a, m_serverUrl);
        enrolTill(b, m_serverUrl);
        QVERIFY(syncUntilDone(a).ok);
        const sync::CycleReport second = syncUntilDone(b);
        QVERIFY2(second.ok, qPrintable(second.error));
        QVERIFY2(second.rejected == 0, qPrintable(second.rejections.join(u';')));

        // The old till pulls B's member, which has no code at the server, and syncs on.
        const sync::CycleReport pulled = syncUntilDone(a);
        QVERIFY2(pulled.ok, qPrintable(pulled.error));
        auto atA = a.till->findByPhone(QStringLiteral("13912347002"));
        CP_VERIFY_OK(atA);
        QVERIFY(atA->has_value());
        QVERIFY(atA->value().code.isEmpty());
        auto card = a.till->card(atA->value().id);
        CP_VERIFY_OK(card);
        QVERIFY(card->member.code.isEmpty());
        earnAt(b, mb, QStringLiteral("C-1"), 5000);
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);
        QCOMPARE(activeBalances(a.db()), activeBalances(b.db()));
        QCOMPARE(rows(a.db(), QStringLiteral("SELECT count(*) FROM members WHERE code IS NULL")),
                 QStringList{QStringLiteral("1")});

        // New tills: from the pages, then from the snapshot file.
        TestedTill &pages = addTill(QStringLiteral("P"), 0, m_serverUrl);
        const sync::CycleReport fromPages = syncUntilDone(pages);
        QVERIFY2(fromPages.ok, qPrintable(fromPages.error));
        QVERIFY(fromPages.bootstrapped);
        QString output;
        QVERIFY2(buildSnapshotFile(dataDir, &output, true) == 0, qPrintable(output));
        TestedTill &file = addTill(QStringLiteral("F"), 0, m_serverUrl);
        const sync::CycleReport fromFile = syncUntilDone(file);
        QVERIFY2(fromFile.ok, qPrintable(fromFile.error));
        QVERIFY(fromFile.snapshotFileBytes > 0);
        QCOMPARE(replicated(file.db()), replicated(pages.db()));
        for (TestedTill *t : {&pages, &file}) {
            QCOMPARE(activeBalances(t->db()), activeBalances(a.db()));
            QCOMPARE(rows(t->db(), QStringLiteral("SELECT count(*) FROM members WHERE code IS NULL")),
                     QStringList{QStringLiteral("1")});
            verifyLedgers(*t);
        }
        verifyLedgers(a);
    }

    // Clocks hours apart: the edit made later in real time wins, whichever till syncs first.
    void lastWriterWinsAcrossSkewedClocks()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        auto [a, b] = twoSyncedTills(-3 * Hour);
        const Member m = registerAt(a, QStringLiteral("13700137000"), QStringLiteral("Zhou Min"));
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);

        // A writes first, B (whose wall clock says three hours earlier) writes a moment later; B syncs
        // first, then A: B's note wins at the server and at both tills.
        a.tick();
        CP_VERIFY_OK(a.till->setNote(m.id, QStringLiteral("from A")));
        QTest::qWait(250); // more than the clocks' disagreement after the offset
        b.tick();
        CP_VERIFY_OK(b.till->setNote(m.id, QStringLiteral("from B")));
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);
        QCOMPARE(a.till->findById(m.id)->value().note, QStringLiteral("from B"));
        QCOMPARE(b.till->findById(m.id)->value().note, QStringLiteral("from B"));

        // The other way round: A writes last; A syncs first this time.
        b.tick();
        CP_VERIFY_OK(b.till->setNote(m.id, QStringLiteral("B again")));
        QTest::qWait(250); // more than the clocks' disagreement after the offset
        a.tick();
        CP_VERIFY_OK(a.till->setNote(m.id, QStringLiteral("A last")));
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);
        QCOMPARE(a.till->findById(m.id)->value().note, QStringLiteral("A last"));
        QCOMPARE(b.till->findById(m.id)->value().note, QStringLiteral("A last"));
        // B's clock is three hours behind, yet every request was accepted (signed at the server's time).
        const qint64 offset =
            SyncStore(b.db()).setting(SyncKeys::ClockOffsetMs)->value_or(QString()).toLongLong();
        QVERIFY2(qAbs(offset - 3 * Hour) < 10'000, qPrintable(QString::number(offset)));
    }

    // A member's details corrected at two tills while both are offline: each field keeps the later
    // writer's value, so edits of different fields both survive; the name search follows at each till.
    void profileEditsMergeFieldByField()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        auto [a, b] = twoSyncedTills(0);
        const Member m = registerAt(a, QStringLiteral("13700137001"), QStringLiteral("Zhou Min"));
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);

        a.tick();
        ProfileChange atA;
        atA.name = QStringLiteral("Zhou Ming");
        atA.gender = QStringLiteral("male");
        atA.birthDate = QDate(1988, 11, 30);
        CP_VERIFY_OK(a.till->updateProfile(m.id, atA, std::nullopt));
        QTest::qWait(250); // more than the two tills' estimates of the server's clock disagree
        b.tick();
        ProfileChange atB;
        atB.name = QStringLiteral("Zhou Minghui");
        atB.note = QStringLiteral("allergic to peanuts");
        CP_VERIFY_OK(b.till->updateProfile(m.id, atB, std::nullopt));
        // B pushes first; A's older name then loses at the server, its gender and birthday do not.
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);
        for (TestedTill *t : {&a, &b}) {
            const Member now = t->till->findById(m.id)->value();
            QCOMPARE(now.name, QStringLiteral("Zhou Minghui"));
            QCOMPARE(now.gender, QStringLiteral("male"));
            QCOMPARE(now.note, QStringLiteral("allergic to peanuts"));
            QCOMPARE(now.birthMonth, std::optional<int>(11));
            QCOMPARE(now.birthDay, std::optional<int>(30));
            auto found = t->till->findByNamePrefix(QStringLiteral("Minghui"));
            CP_VERIFY_OK(found);
            QCOMPARE(found->size(), 1);
            auto stale = t->till->findByNamePrefix(QStringLiteral("Ming"));
            CP_VERIFY_OK(stale);
            QCOMPARE(stale->size(), 1); // "Minghui" starts with "Ming"; "Zhou Ming" is gone, not twice
        }
    }

    // Keys for a chain (docs/security.md): an ID number typed at one till opens at every other; what a
    // till sealed with its own key before it had the chain's is sealed again and opens everywhere too;
    // disabling a terminal rotates the key; a key from another chain is refused and nothing is stored;
    // a copy of a till's database opens nothing without its key file.
    void chainKeysOpenAtEveryTill()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        const Operator system{QStringLiteral("system"), QStringLiteral("System"), Role::System};
        // C registers a member before it is enrolled: sealed with C's own key.
        TestedTill &c = openTestedTill(QStringLiteral("C"), 0);
        const Member early =
            registerWithId(c, QStringLiteral("13700137011"), QStringLiteral("110101199003074400"));
        c.till->setOperator(system);
        ProfileChange corrected; // now the ID number's last write is not the birth date's
        corrected.idNumber = QStringLiteral("110101199003074477");
        c.tick();
        CP_VERIFY_OK(c.till->updateProfile(early.id, corrected, std::nullopt));
        QCOMPARE(sealFormats(c, early), QStringLiteral("01 01"));
        enrolTill(c, m_serverUrl);
        auto [a, b] = twoSyncedTills(0);
        const Member later =
            registerWithId(a, QStringLiteral("13700137012"), QStringLiteral("310101198512121234"));
        QCOMPARE(sealFormats(a, later), QStringLiteral("02 02")); // A has the chain's key 1
        QVERIFY(syncUntilDone(c).ok); // pushes its own seal, takes the key, re-seals and pushes again
        QCOMPARE(sealFormats(c, early), QStringLiteral("02 02"));
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);
        b.till->setOperator(system);
        for (const auto &[m, id] : {std::pair(early, QStringLiteral("110101199003074477")),
                                    std::pair(later, QStringLiteral("310101198512121234"))}) {
            auto details = b.till->privateDetails(m.id, std::nullopt);
            CP_VERIFY_OK(details);
            QCOMPARE(details->second, id);
            QCOMPARE(details->first, std::optional<QDate>(QDate(1990, 3, 7)));
        }
        QCOMPARE(sealFormats(b, early), QStringLiteral("02 02"));

        // Disabling C rotates the key: what A seals from now on, C's database cannot open.
        int code = -1;
        m_server->admin({QStringLiteral("disable-terminal"), c.till->config().terminalId}, &code);
        QCOMPARE(code, 0);
        const QString keys = m_server->admin({QStringLiteral("keys")}, &code);
        QCOMPARE(code, 0);
        QVERIFY2(keys.contains(QStringLiteral("terminal_disabled:") + c.till->config().terminalId.toLower()),
                 qPrintable(keys));
        QVERIFY(syncUntilDone(a).ok);
        const Member rotated =
            registerWithId(a, QStringLiteral("13700137013"), QStringLiteral("440101197001011111"));
        QCOMPARE(chainKeyOf(a, rotated), qint64(2));
        QVERIFY(!syncUntilDone(c).ok); // refused: terminal_disabled
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);
        auto details = b.till->privateDetails(rotated.id, std::nullopt);
        CP_VERIFY_OK(details);
        QCOMPARE(details->second, QStringLiteral("440101197001011111"));

        chainKeysFromElsewhereAreRefused(a);

        // A copy of B's database with another key file: members and points, but no ID number.
        const QString copy = m_dir->file(QStringLiteral("stolen.db"));
        rows(b.db(), QStringLiteral("VACUUM INTO '%1'").arg(copy));
        ManualClock clock(QDateTime::currentMSecsSinceEpoch());
        auto stolen = openTill(copy, clock, m_dir->file(QStringLiteral("stolen.key")));
        CP_VERIFY_OK(stolen);
        stolen.value()->setOperator(system);
        QVERIFY(stolen.value()->findById(later.id)->has_value());
        auto none = stolen.value()->privateDetails(later.id, std::nullopt);
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::Crypto);
    }

    // A new number reaches every till, the old one still finding the member there. Racing a registration
    // of the same number at another till: when the change reaches the server first, the registration
    // becomes an alias of the member (one phone, one member); when the registration is first, the change
    // is refused and its till puts the old number back. No point is lost either way.
    void phoneChangeReachesEveryTill()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        auto [a, b] = twoSyncedTills(0);
        const Member m = registerAt(a, QStringLiteral("13600136001"), QStringLiteral("Fang Yu"));
        earnAt(a, m, QStringLiteral("R-p1"), 8000);
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);

        a.tick();
        CP_VERIFY_OK(a.till->changePhone(m.id, QStringLiteral("13600136002"), std::nullopt));
        const sync::CycleReport first = syncUntilDone(a);
        QVERIFY2(first.ok, qPrintable(first.error));
        QVERIFY(syncUntilDone(b).ok);
        for (TestedTill *t : {&a, &b}) {
            auto byNew = t->till->lookup(QStringLiteral("13600136002"));
            CP_VERIFY_OK(byNew);
            QCOMPARE(byNew->kind, LookupResult::Kind::Member);
            QCOMPARE(byNew->members.front().id, m.id);
            auto byOld = t->till->lookup(QStringLiteral("13600136001"));
            CP_VERIFY_OK(byOld);
            QVERIFY2(byOld->kind == LookupResult::Kind::Member && !byOld->explanation.isEmpty(),
                     qPrintable(t->name));
        }

        // The change first: B's offline registration of the number becomes an alias of the member.
        const Member x = registerAt(b, QStringLiteral("13600136003"), QStringLiteral("Fang Yu"));
        earnAt(b, x, QStringLiteral("R-p2"), 3000);
        const qint64 xPoints = b.till->findById(x.id)->value().balance;
        a.tick();
        CP_VERIFY_OK(a.till->changePhone(m.id, QStringLiteral("13600136003"), std::nullopt));
        const qint64 mPoints = a.till->findById(m.id)->value().balance;
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);
        // X's earn counts for the member (its welcome gift, a second one, is taken back), alike at both.
        const qint64 merged = a.till->findById(m.id)->value().balance;
        QVERIFY2(merged > mPoints && merged <= mPoints + xPoints, qPrintable(QString::number(merged)));
        for (TestedTill *t : {&a, &b}) {
            auto found = t->till->findByPhone(QStringLiteral("13600136003"));
            CP_VERIFY_OK(found);
            QVERIFY2(found->has_value() && found->value().id == m.id, qPrintable(t->name));
            QCOMPARE(found->value().balance, merged);
        }

        // The registration first: A's change to that number is refused; A has the old number back.
        const Member y = registerAt(b, QStringLiteral("13600136004"), QStringLiteral("Gao Yan"));
        QVERIFY(syncUntilDone(b).ok);
        a.tick();
        CP_VERIFY_OK(a.till->changePhone(m.id, QStringLiteral("13600136004"), std::nullopt));
        QVERIFY(syncUntilDone(a).ok);
        QCOMPARE(count(a.db(), "outbox", "kind = 'member.phone' AND reject_reason = 'phone_taken'"),
                 qint64(1));
        QCOMPARE(a.till->findById(m.id)->value().phone.e164(), QStringLiteral("+8613600136003"));
        auto yAtA = a.till->findByPhone(QStringLiteral("13600136004"));
        CP_VERIFY_OK(yAtA);
        QVERIFY(yAtA->has_value() && yAtA->value().id == y.id);
        QCOMPARE(a.till->findById(m.id)->value().balance, merged);
    }

    // An erasure reaches the server and every till: name, phone and profile gone, the ledger kept. A till
    // that earned and edited the member offline before it heard: the earn stands (the sale happened,
    // flagged for head office), the edit is refused and writes nothing back. A new till bootstraps the
    // member as erased.
    // A member who writes to head office: `admin erase-member` by phone number, code or id erases them
    // at the server and, at their next pull, at every till; the points stay on the anonymised record.
    void headOfficeErasesAMember()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        auto [a, b] = twoSyncedTills(0);
        const Member m =
            registerWithId(a, QStringLiteral("13300133011"), QStringLiteral("110101199003074477"));
        earnAt(a, m, QStringLiteral("R-h1"), 6000);
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);

        const QString balance =
            rows(a.db(), QStringLiteral("SELECT balance FROM members WHERE local_id = %1").arg(m.localId))
                .value(0);
        QVERIFY(balance.toLongLong() > 0);
        int code = -1;
        const QString out =
            m_server->admin({QStringLiteral("erase-member"), QStringLiteral("+8613300133011")}, &code);
        QCOMPARE(code, 0);
        QVERIFY2(out.contains(QStringLiteral("erased the personal data")) &&
                     out.contains(balance + QStringLiteral(" points")),
                 qPrintable(out));
        QVERIFY(m_server->admin({QStringLiteral("erase-member"), m.code.digits()}, &code)
                    .contains(QStringLiteral("before")));
        QCOMPARE(code, 0);
        m_server->admin({QStringLiteral("erase-member"), QStringLiteral("+8613300139999")}, &code);
        QCOMPARE(code, 1);

        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);
        const QString memberRow =
            QStringLiteral(
                "SELECT name || '|' || phone || '|' || status || '|' || (erased_at IS NOT NULL) || '|' || "
                "(id_number_enc IS NULL) || '|' || balance FROM members WHERE id = x'%1'")
                .arg(hexId(m.id.toString()));
        for (TestedTill *t : {&a, &b}) {
            QCOMPARE(rows(t->db(), memberRow), QStringList{QStringLiteral("||closed|1|1|") + balance});
            auto byPhone = t->till->lookup(QStringLiteral("13300133011"));
            CP_VERIFY_OK(byPhone);
            QVERIFY2(byPhone->kind == LookupResult::Kind::None, qPrintable(t->name));
        }
    }

    void erasureReachesEveryTill()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        auto [a, b] = twoSyncedTills(0);
        const Member m = registerAt(a, QStringLiteral("13300133001"), QStringLiteral("Luo Jie"));
        earnAt(a, m, QStringLiteral("R-e1"), 6000);
        a.tick();
        CP_VERIFY_OK(a.till->changePhone(m.id, QStringLiteral("13300133002"), std::nullopt));
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);

        earnAt(b, m, QStringLiteral("R-e2"), 2000); // offline at B
        b.tick();
        CP_VERIFY_OK(b.till->setNote(m.id, QStringLiteral("likes jasmine tea")));
        a.tick();
        auto erased = a.till->eraseMember(m.id, std::nullopt);
        CP_VERIFY_OK(erased);
        QVERIFY(erased->pointsForfeited > 0);
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);
        QCOMPARE(count(b.db(), "outbox", "kind = 'member.update' AND reject_reason = 'member_erased'"),
                 qint64(1));
        QCOMPARE(count(b.db(), "sync_flags", "kind = 'closed_member'"), qint64(1));

        TestedTill &c = addTill(QStringLiteral("C"), 0, m_serverUrl);
        const sync::CycleReport atC = syncUntilDone(c);
        QVERIFY2(atC.ok, qPrintable(atC.error));
        const QString memberRow =
            QStringLiteral("SELECT name || '|' || phone || '|' || status || '|' || note || '|' "
                           "|| (erased_at IS NOT NULL) || '|' || balance FROM members "
                           "WHERE id = x'%1'")
                .arg(hexId(m.id.toString()));
        const QStringList atA = rows(a.db(), memberRow);
        QCOMPARE(atA.size(), 1);
        QVERIFY2(atA.front().startsWith(QStringLiteral("||closed||1|")), qPrintable(atA.front()));
        for (TestedTill *t : {&b, &c})
            QCOMPARE(rows(t->db(), memberRow), atA);
        for (TestedTill *t : {&a, &b, &c}) {
            QCOMPARE(count(t->db(), "member_phones"), qint64(0));
            QCOMPARE(
                rows(t->db(), QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status <> 'pending' AND "
                                             "(payload LIKE '%Luo Jie%' OR payload LIKE '%1330013300%' OR "
                                             "payload LIKE '%jasmine%')")),
                QStringList{QStringLiteral("0")});
            for (const char *phone : {"13300133001", "13300133002"}) {
                auto byPhone = t->till->lookup(QLatin1String(phone));
                CP_VERIFY_OK(byPhone);
                QVERIFY2(byPhone->kind == LookupResult::Kind::None, qPrintable(t->name));
            }
            // The ledger stays: both purchases are still there, under the member's id alone.
            QCOMPARE(
                count(t->db(), "purchases",
                      qPrintable(QStringLiteral("member = (SELECT local_id FROM members WHERE id = x'%1')")
                                     .arg(hexId(m.id.toString())))),
                qint64(2));
        }
    }

    // Runs `admin staff WORDS`, the PIN (if any) read from a file as an administrator would pipe it.
    int staffAdmin(QStringList words, const QString &pin = {}, QString *error = nullptr)
    {
        if (!pin.isEmpty()) {
            const QString file = m_dir->file(QStringLiteral("pin.txt"));
            QFile f(file);
            if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(pin.toUtf8() + '\n') < 0)
                qFatal("cannot write the PIN file");
            words << QStringLiteral("--pin-file") << file;
        }
        int code = -1;
        m_server->admin(QStringList{QStringLiteral("staff")} + words, &code, error);
        return code;
    }

    QString loginError(TestedTill &t, const char *id, const char *pin)
    {
        auto in = t.till->login(QLatin1String(id), QLatin1String(pin));
        return in ? QString() : in.error().message;
    }

    // Head office's staff list reaches the tills of its store and no other; people made at a till are
    // switched off once the store has a list; a switch-off applies at the next sync, while a till that has
    // not heard of it yet still lets the person in and keeps (and flags) what they did.
    void staffManagedByHeadOffice()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        addStore(QStringLiteral("S002"));
        auto [a, b] = twoSyncedTills(0);
        TestedTill &c = addTill(QStringLiteral("C"), 0, m_serverUrl);
        enrolTill(c, m_serverUrl, QStringLiteral("S002"));
        CP_VERIFY_OK(b.till->createOperator(QStringLiteral("b9"), QStringLiteral("Local Boss"), Role::Manager,
                                            QStringLiteral("9999"), 1000));
        QCOMPARE(staffAdmin({QStringLiteral("add"), QStringLiteral("--staff"), QStringLiteral("c7"),
                             QStringLiteral("--store"), QStringLiteral("S001"), QStringLiteral("--name"),
                             QStringLiteral("Wu Qing"), QStringLiteral("--role"), QStringLiteral("cashier")},
                            QStringLiteral("4826")),
                 0);
        QCOMPARE(staffAdmin({QStringLiteral("add"), QStringLiteral("--staff"), QStringLiteral("m8"),
                             QStringLiteral("--store"), QStringLiteral("S001"), QStringLiteral("--name"),
                             QStringLiteral("Zhou Min"), QStringLiteral("--role"), QStringLiteral("manager")},
                            QStringLiteral("8642")),
                 0);
        for (TestedTill *t : {&a, &b, &c})
            QVERIFY(syncUntilDone(*t).ok);
        for (TestedTill *t : {&a, &b}) {
            QCOMPARE(loginError(*t, "c7", "4826"), QString());
            QCOMPARE(loginError(*t, "m8", "8642"), QString());
        }
        QCOMPARE(loginError(c, "c7", "4826"), QStringLiteral("That staff id and PIN do not match."));
        // B's own manager is not on head office's list: switched off, told why, and B adds nobody itself.
        QVERIFY2(loginError(b, "b9", "9999").contains(QStringLiteral("head office")), "b9 still let in");
        QCOMPARE(loginError(b, "b9", "1111"), QStringLiteral("That staff id and PIN do not match."));
        CP_VERIFY_OK(b.till->login(QStringLiteral("m8"), QStringLiteral("8642")));
        auto added = b.till->createOperator(QStringLiteral("x1"), QStringLiteral("X"), Role::Cashier,
                                            QStringLiteral("1234"), 1000);
        QVERIFY(!added && added.error().message.contains(QStringLiteral("Head office manages")));

        // A does not sync: c7, switched off meanwhile, still signs in there and earns; B learns at once.
        const Member m = registerAt(b, QStringLiteral("13500135001"), QStringLiteral("Qian Li"));
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);
        QCOMPARE(staffAdmin({QStringLiteral("deactivate"), QStringLiteral("--staff"), QStringLiteral("c7")}),
                 0);
        a.tick();
        auto c7 = a.till->login(QStringLiteral("c7"), QStringLiteral("4826"));
        CP_VERIFY_OK(c7);
        a.till->setOperator(c7.value());
        earnAt(a, m, QStringLiteral("R-s1"), 5000);
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(loginError(b, "c7", "4826").contains(QStringLiteral("switched off")));
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(loginError(a, "c7", "4826").contains(QStringLiteral("switched off")));
        // c7 is still on shift at A: the screen signs them out, and every action refuses meanwhile.
        QVERIFY(a.till->operatorSwitchedOff().has_value());
        EarnRequest late;
        late.member = m.id.toString();
        late.receipt = QStringLiteral("R-s2");
        late.amountMinor = 1000;
        auto refused = a.till->earn(late);
        QVERIFY(!refused && refused.error().message.contains(QStringLiteral("switched off")));
        QCOMPARE(count(a.db(), "purchases", "receipt = 'R-s2'"), qint64(0));
        QVERIFY(syncUntilDone(a).ok);
        QCOMPARE(count(a.db(), "outbox", "status = 'rejected'"), qint64(0));
        QCOMPARE(count(a.db(), "sync_flags", "kind = 'staff_switched_off'"), qint64(1));
        QVERIFY(syncUntilDone(b).ok);
        QCOMPARE(a.till->findById(m.id)->value().balance, b.till->findById(m.id)->value().balance);

        // m8 moves to S002: out at A and B, in at C; a new PIN for them works and the old one does not.
        QCOMPARE(staffAdmin({QStringLiteral("move"), QStringLiteral("--staff"), QStringLiteral("m8"),
                             QStringLiteral("--store"), QStringLiteral("S002")}),
                 0);
        QCOMPARE(staffAdmin({QStringLiteral("change"), QStringLiteral("--staff"), QStringLiteral("m8")},
                            QStringLiteral("7531")),
                 0);
        for (TestedTill *t : {&a, &b, &c})
            QVERIFY(syncUntilDone(*t).ok);
        QVERIFY(loginError(a, "m8", "8642").contains(QStringLiteral("switched off")));
        QVERIFY(
            loginError(c, "m8", "8642").startsWith(QStringLiteral("That staff id and PIN do not match.")));
        QCOMPARE(loginError(c, "m8", "7531"), QString());
        QCOMPARE(count(c.db(), "cashiers", "active = 1"), qint64(1));
        QCOMPARE(count(a.db(), "audit", "action = 'staff.switched_off' AND actor = 'system'"), qint64(2));

        // Head office sees who did what at which till: c7's earn at A, flagged, by member code too.
        const QString code = a.till->findById(m.id)->value().code.digits();
        for (const QString &filter : {QStringLiteral("--staff"), QStringLiteral("--member")}) {
            const QString json = m_server->admin(
                {QStringLiteral("activity"), filter,
                 filter == QLatin1String("--staff") ? QStringLiteral("c7") : code, QStringLiteral("--json")});
            const QJsonArray lines =
                QJsonDocument::fromJson(json.toUtf8()).object().value(u"activity").toArray();
            QJsonObject earn;
            for (const QJsonValue &l : lines) {
                if (l[u"op"] == QLatin1String("earn") && l[u"staff"] == QLatin1String("c7"))
                    earn = l.toObject();
            }
            QVERIFY2(!earn.isEmpty(), qPrintable(json));
            QCOMPARE(earn[u"store"].toString(), QStringLiteral("S001"));
            QCOMPARE(earn[u"till"].toString(), QStringLiteral("A"));
            QCOMPARE(earn[u"member"].toString(), m.id.toString());
            QVERIFY(earn[u"flags"].toArray().contains(QStringLiteral("staff_switched_off")));
        }
        int code9 = -1;
        m_server->admin({QStringLiteral("activity"), QStringLiteral("--store"), QStringLiteral("S009")},
                        &code9);
        QCOMPARE(code9, 1);
    }

    // Head office's own systems manage staff over HTTP with a head-office client's signed requests: the
    // store's tills take the result like any other change of the list; a till may not manage staff, and a
    // head-office client does not sync.
    // GET /v1/keys over HTTP: a till gets every key wrapped for itself alone; a head-office client, an
    // unsigned request and another method are refused with the protocol's codes.
    void chainKeysOverHttp()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        TestTill hq;
        QVERIFY(hq.enrol(*m_server, QStringLiteral("S001"), true));
        TestTill one;
        QVERIFY(one.enrol(*m_server, QStringLiteral("S001")));
        TestTill two;
        QVERIFY(two.enrol(*m_server, QStringLiteral("S001")));
        auto client = m_server->client();
        QByteArray keyAtOne;
        for (TestTill *t : {&one, &two}) {
            const HttpResponse r = t->signedRequest(*client, "GET", "/v1/keys");
            QCOMPARE(r.status, 200);
            auto set = sync::ChainKeySet::fromJson(r.body);
            CP_VERIFY_OK(set);
            QCOMPARE(set->keys.size(), 1);
            QCOMPARE(set->keys.first().kid, qint64(1));
            auto key = sync::unwrapChainKey(t->secret, t->terminalId, 1, set->keys.first().wrapped);
            CP_VERIFY_OK(key);
            QVERIFY(keyAtOne.isEmpty() || keyAtOne == key.value()); // one chain key, two wrappings
            keyAtOne = key.value();
            QVERIFY(!sync::unwrapChainKey(t == &one ? two.secret : one.secret, t->terminalId, 1,
                                          set->keys.first().wrapped));
        }
        int code = -1;
        QVERIFY(
            m_server->admin({QStringLiteral("rotate-keys")}, &code).contains(QStringLiteral("chain key 2")));
        QCOMPARE(code, 0);
        auto rotated = sync::ChainKeySet::fromJson(one.signedRequest(*client, "GET", "/v1/keys").body);
        CP_VERIFY_OK(rotated);
        QCOMPARE(rotated->keys.size(), 2);

        const HttpResponse office = hq.signedRequest(*client, "GET", "/v1/keys");
        QCOMPARE(office.status, 403);
        QCOMPARE(office.json().value(u"error").toString(), QStringLiteral("head_office_client"));
        QCOMPARE(client->request("GET", "/v1/keys").status, 401);
        QCOMPARE(one.signedRequest(*client, "POST", "/v1/keys", "{}").status, 405);
    }

    void headOfficeManagesStaffOverHttp()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        addStore(QStringLiteral("S002"));
        TestTill hq;
        QVERIFY(hq.enrol(*m_server, QStringLiteral("S001"), true));
        TestTill till;
        QVERIFY(till.enrol(*m_server, QStringLiteral("S001")));
        auto client = m_server->client();
        auto post = [&](TestTill &who, const QJsonObject &body) {
            return who.signedRequest(*client, "POST", "/v1/staff",
                                     QJsonDocument(body).toJson(QJsonDocument::Compact));
        };
        auto person = [](const char *id, const char *pin) {
            return QJsonObject{{QStringLiteral("action"), QStringLiteral("add")},
                               {QStringLiteral("staff"), QLatin1String(id)},
                               {QStringLiteral("store"), QStringLiteral("S002")},
                               {QStringLiteral("name"), QStringLiteral("Lin Fei")},
                               {QStringLiteral("role"), QStringLiteral("cashier")},
                               {QStringLiteral("pin"), QLatin1String(pin)}};
        };
        QCOMPARE(post(hq, person("c5", "2580")).status, 200);
        const std::tuple<TestTill *, QJsonObject, int, const char *> refused[] = {
            {&till, person("c6", "2580"), 403, "head_office_only"},
            {&hq, person("c5", "1111"), 409, "staff_id_taken"},
            {&hq, person("c6", "25x0"), 400, "bad_request"},
            {&hq,
             QJsonObject{{QStringLiteral("action"), QStringLiteral("deactivate")},
                         {QStringLiteral("staff"), QStringLiteral("zz")}},
             404, "not_found"},
            {&hq,
             QJsonObject{{QStringLiteral("action"), QStringLiteral("fire")},
                         {QStringLiteral("staff"), QStringLiteral("c5")}},
             400, "bad_request"},
            {&hq,
             QJsonObject{{QStringLiteral("action"), QStringLiteral("add")}, {QStringLiteral("staff"), 7}},
             400, "bad_request"},
        };
        for (const auto &[who, body, status, code] : refused) {
            const HttpResponse r = post(*who, body);
            QCOMPARE(r.status, status);
            QCOMPARE(r.json().value(u"error").toString(), QLatin1String(code));
            QVERIFY(!r.json().value(u"message").toString().isEmpty());
        }
        QCOMPARE(hq.signedRequest(*client, "POST", "/v1/staff", "[1]").status, 400);

        const HttpResponse list = hq.signedRequest(*client, "GET", "/v1/staff?store=S002");
        QCOMPARE(list.status, 200);
        const QJsonArray people = list.json().value(u"staff").toArray();
        QCOMPARE(people.size(), 1);
        QCOMPARE(people.at(0)[u"staff"].toString(), QStringLiteral("c5"));
        QVERIFY2(!list.body.contains("pin") && !list.body.contains("2580"), list.body.constData());
        QCOMPARE(hq.signedRequest(*client, "GET", "/v1/changes?after=0&limit=10")
                     .json()
                     .value(u"error")
                     .toString(),
                 QStringLiteral("head_office_client"));
        const HttpResponse figures = hq.signedRequest(*client, "GET", "/v1/stats?store=S002");
        QCOMPARE(figures.status, 200);
        QCOMPARE(figures.json().value(u"stores").toArray().first()[u"store"].toString(),
                 QStringLiteral("S002"));
        QCOMPARE(hq.signedRequest(*client, "GET", "/v1/stats?store=S009").status, 404);
        QCOMPARE(till.signedRequest(*client, "GET", "/v1/stats?store=S002").status, 403);

        TestedTill &c = openTestedTill(QStringLiteral("C"), 0);
        enrolTill(c, m_serverUrl, QStringLiteral("S002"));
        QVERIFY(syncUntilDone(c).ok);
        CP_VERIFY_OK(c.till->login(QStringLiteral("c5"), QStringLiteral("2580")));
        const QString terminals = m_server->admin({QStringLiteral("terminals")});
        QCOMPARE(terminals.count(QStringLiteral("(head office)")), 1);
    }

    // What head office gets wrong is refused in plain words, and changes nothing.
    void staffAdminRefusals()
    {
        QVERIFY(startServer(false, m_dir->file(QStringLiteral("server"))));
        const QStringList add{QStringLiteral("add"),    QStringLiteral("--staff"), QStringLiteral("c1"),
                              QStringLiteral("--name"), QStringLiteral("Ma Lan"),  QStringLiteral("--role"),
                              QStringLiteral("cashier")};
        QString error;
        QCOMPARE(staffAdmin(add + QStringList{QStringLiteral("--store"), QStringLiteral("S009")},
                            QStringLiteral("1234"), &error),
                 1);
        QVERIFY2(error.contains(QStringLiteral("S009")), qPrintable(error));
        QCOMPARE(staffAdmin(add + QStringList{QStringLiteral("--store"), QStringLiteral("S001")},
                            QStringLiteral("12ab"), &error),
                 1);
        QVERIFY2(error.contains(QStringLiteral("4 to 8 digits")), qPrintable(error));
        QCOMPARE(staffAdmin(add + QStringList{QStringLiteral("--store"), QStringLiteral("S001")}, {}, &error),
                 1);
        QVERIFY2(error.contains(QStringLiteral("PIN")), qPrintable(error));
        QCOMPARE(staffAdmin(add + QStringList{QStringLiteral("--store"), QStringLiteral("S001")},
                            QStringLiteral("1234")),
                 0);
        QCOMPARE(staffAdmin(add + QStringList{QStringLiteral("--store"), QStringLiteral("S001")},
                            QStringLiteral("5678"), &error),
                 1);
        QVERIFY2(error.contains(QStringLiteral("already in use")), qPrintable(error));
        QCOMPARE(staffAdmin({QStringLiteral("change"), QStringLiteral("--staff"), QStringLiteral("c1"),
                             QStringLiteral("--role"), QStringLiteral("boss")},
                            {}, &error),
                 1);
        QVERIFY2(error.contains(QStringLiteral("cashier or manager")), qPrintable(error));
        QCOMPARE(staffAdmin({QStringLiteral("deactivate"), QStringLiteral("--staff"), QStringLiteral("c1")}),
                 0);
        QCOMPARE(staffAdmin({QStringLiteral("reactivate"), QStringLiteral("--staff"), QStringLiteral("c1")},
                            {}, &error),
                 1);
        QVERIFY2(error.contains(QStringLiteral("new PIN")), qPrintable(error));
        QCOMPARE(staffAdmin({QStringLiteral("reactivate"), QStringLiteral("--staff"), QStringLiteral("c1")},
                            QStringLiteral("2222")),
                 0);
        const QString list = m_server->admin({QStringLiteral("staff"), QStringLiteral("list")});
        QVERIFY2(list.contains(QStringLiteral("c1\tMa Lan\tS001\tcashier\tyes")), qPrintable(list));
        QVERIFY2(!list.contains(QStringLiteral("2222")), qPrintable(list));
    }

    // Three stores, members who shop in several: each till's store figures, the server's figures per
    // store (admin stats) and for the chain, and the signed endpoint all agree with the rows.
    void figuresPerStore()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        addStore(QStringLiteral("S002"));
        addStore(QStringLiteral("S003"));
        TestedTill &a = addTill(QStringLiteral("A"), 0, m_serverUrl);
        TestedTill &b = openTestedTill(QStringLiteral("B"), 0);
        enrolTill(b, m_serverUrl, QStringLiteral("S002"));
        TestedTill &c = openTestedTill(QStringLiteral("C"), 0);
        enrolTill(c, m_serverUrl, QStringLiteral("S003"));
        const QList<TestedTill *> tills{&a, &b, &c};
        const QStringList stores{QStringLiteral("S001"), QStringLiteral("S002"), QStringLiteral("S003")};
        auto syncAll = [&] {
            for (int round = 0; round < 2; ++round)
                for (TestedTill *t : tills)
                    QVERIFY(syncUntilDone(*t).ok);
        };
        syncAll();
        const Member ann = registerAt(a, QStringLiteral("13955550001"), QStringLiteral("Ann"));
        const Member amy = registerAt(a, QStringLiteral("13955550002"), QStringLiteral("Amy"));
        const Member bo = registerAt(b, QStringLiteral("13955550003"), QStringLiteral("Bo"));
        const Member cai = registerAt(c, QStringLiteral("13955550004"), QStringLiteral("Cai"));
        syncAll();
        earnAt(a, ann, QStringLiteral("A-1"), 12000);
        earnAt(b, ann, QStringLiteral("B-1"), 8000);
        earnAt(c, ann, QStringLiteral("C-1"), 5000);
        earnAt(a, bo, QStringLiteral("A-2"), 3000);
        earnAt(b, bo, QStringLiteral("B-2"), 4400);
        earnAt(c, cai, QStringLiteral("C-2"), 9900);
        earnAt(a, cai, QStringLiteral("A-3"), 2500);
        earnAt(a, amy, QStringLiteral("A-4"), 1800);
        syncAll();
        redeemAt(b, ann, 100);
        syncAll();

        const QDate today = a.till->today();
        for (int i = 0; i < tills.size(); ++i) {
            auto figures = Statistics(*tills[i]->till).period(today, today);
            CP_VERIFY_OK(figures);
            const QJsonObject rows =
                figuresFromRows(tills[i]->db(), stores[i], figures->fromMs, figures->toMs);
            QCOMPARE(pick(Statistics::toJson(figures.value()), rows), rows);
            QCOMPARE(rows.value(QStringLiteral("newMembers")).toInteger(), i == 0 ? 2 : 1);
        }

        // Head office: every store's and the chain's, from the server's rows.
        int code = -1;
        const QString out = m_server->admin({QStringLiteral("stats"), QStringLiteral("--date"),
                                             today.toString(Qt::ISODate), QStringLiteral("--json")},
                                            &code);
        QCOMPARE(code, 0);
        const QJsonArray rows =
            QJsonDocument::fromJson(out.toUtf8()).object().value(QStringLiteral("stores")).toArray();
        QCOMPARE(rows.size(), 4); // three stores and the chain
        auto figures = Statistics(*a.till).period(today, today);
        CP_VERIFY_OK(figures);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject server = rows.at(i).toObject();
            QCOMPARE(server.value(QStringLiteral("store")).toString(), stores[i]);
            const QJsonObject want = figuresFromRows(a.db(), stores[i], figures->fromMs, figures->toMs);
            QCOMPARE(pick(server, want), want);
        }
        const QJsonObject chain = figuresFromRows(a.db(), QString(), figures->fromMs, figures->toMs);
        QCOMPARE(pick(rows.at(3).toObject(), chain), chain);
        QVERIFY(rows.at(3).toObject().value(QStringLiteral("store")).isNull());

        // A till reads its own store's figures from the server, and no other store's.
        TestTill reader;
        QVERIFY(reader.enrol(*m_server, QStringLiteral("S002")));
        auto client = m_server->client();
        const QByteArray day = today.toString(Qt::ISODate).toLatin1();
        const HttpResponse own = reader.signedRequest(*client, "GET", "/v1/stats?from=" + day + "&to=" + day);
        QCOMPARE(own.status, 200);
        const QJsonObject mine =
            QJsonDocument::fromJson(own.body).object().value(QStringLiteral("figures")).toObject();
        QCOMPARE(mine, rows.at(1).toObject());
        const HttpResponse other =
            reader.signedRequest(*client, "GET", "/v1/stats?store=S001&from=" + day + "&to=" + day);
        QCOMPARE(other.status, 403);
        QVERIFY(other.body.contains("other_store"));
    }

    // A membership closed at one till is closed at every till, its balance forfeited and its phone free.
    // A till that earned for the member offline, before it knew, keeps that earn (the sale happened;
    // head office is told), and its own later closing is refused and its forfeit taken back.
    void closingReachesEveryTill()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        auto [a, b] = twoSyncedTills(0);
        const Member m = registerAt(a, QStringLiteral("13500135001"), QStringLiteral("Qian Yu"));
        earnAt(a, m, QStringLiteral("R-c1"), 5000);
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);

        earnAt(b, m, QStringLiteral("R-c2"), 2000); // B has not heard of the closing yet
        const qint64 earnedAtB =
            b.till->findById(m.id)->value().balance - a.till->findById(m.id)->value().balance;
        QVERIFY(earnedAtB > 0);
        a.tick();
        auto closed = a.till->closeMembership(m.id, QStringLiteral("moving away"), std::nullopt);
        CP_VERIFY_OK(closed);
        QVERIFY(closed->pointsForfeited > 0);
        QVERIFY(syncUntilDone(a).ok);
        b.tick();
        auto closedAtB = b.till->closeMembership(m.id, QString(), std::nullopt); // offline, too
        CP_VERIFY_OK(closedAtB);
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);

        // B's earn stands, flagged; B's closing was the second and is taken back: the member keeps
        // exactly what B earned after A's forfeit, at both tills.
        QCOMPARE(count(b.db(), "outbox", "kind = 'member.close' AND status = 'rejected'"), qint64(1));
        QCOMPARE(count(b.db(), "sync_flags", "kind = 'closed_member'"), qint64(1));
        for (TestedTill *t : {&a, &b}) {
            QCOMPARE(
                rows(t->db(), QStringLiteral("SELECT status || ' ' || balance FROM members WHERE id = x'%1'")
                                  .arg(hexId(m.id.toString()))),
                QStringList{QStringLiteral("closed %1").arg(earnedAtB)});
            auto byPhone = t->till->lookup(QStringLiteral("13500135001"));
            CP_VERIFY_OK(byPhone);
            QVERIFY2(byPhone->kind == LookupResult::Kind::None, qPrintable(t->name));
        }
        // The phone is free: a new membership at B, known to A at its next sync.
        const Member again = registerAt(b, QStringLiteral("13500135001"), QStringLiteral("Qian Yu"));
        QVERIFY(again.id != m.id);
        QVERIFY(syncUntilDone(b).ok);
        QVERIFY(syncUntilDone(a).ok);
        auto atA = a.till->findByPhone(QStringLiteral("13500135001"));
        CP_VERIFY_OK(atA);
        QVERIFY(atA->has_value());
        QCOMPARE(atA->value().id, again.id);
    }

    // A closing the server refuses (its approver is not registered there as a manager of the store) did
    // not happen: the till that made it opens the membership again, with its points.
    void refusedClosingReopens()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        m_server->admin({QStringLiteral("managers"), QStringLiteral("add"), QStringLiteral("--store"),
                         QStringLiteral("S001"), QStringLiteral("--staff"), QStringLiteral("m02")});
        TestedTill &a = addTill(QStringLiteral("A"), 0, m_serverUrl);
        QVERIFY(syncUntilDone(a).ok);
        const Member m = registerAt(a, QStringLiteral("13500135002"), QStringLiteral("Sun Li"));
        earnAt(a, m, QStringLiteral("R-r1"), 3000);
        QVERIFY(syncUntilDone(a).ok);
        const qint64 balance = a.till->findById(m.id)->value().balance;
        a.tick();
        CP_VERIFY_OK(a.till->closeMembership(m.id, QString(), std::nullopt));
        QCOMPARE(a.till->findById(m.id)->value().status, QStringLiteral("closed"));
        QVERIFY(syncUntilDone(a).ok);
        QCOMPARE(count(a.db(), "outbox", "kind = 'member.close' AND reject_reason = 'unknown_approver'"),
                 qint64(1));
        const Member after = a.till->findById(m.id)->value();
        QCOMPARE(after.status, QStringLiteral("active"));
        QCOMPARE(after.balance, balance);
        auto byPhone = a.till->lookup(QStringLiteral("13500135002"));
        CP_VERIFY_OK(byPhone);
        QCOMPARE(byPhone->kind, LookupResult::Kind::Member);
    }

    // The chain's rules come from the server: installed there, they become the active rules of every
    // till at its next sync, and what the till does next is computed and stamped with them.
    void rulesComeFromTheServer()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        TestedTill &a = addTill(QStringLiteral("A"), 0, m_serverUrl);
        QVERIFY(syncUntilDone(a).ok);
        LoyaltyRules rules = LoyaltyRules::defaults();
        rules.version = QStringLiteral("chain-2026.2");
        rules.earning.pointsPerUnit = 3;
        rules.memberDays.clear(); // the test runs on any day of the week
        installAtServer(rules);
        const sync::CycleReport r = syncUntilDone(a);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(a.till->rules().version, QStringLiteral("chain-2026.2"));
        const Member m = registerAt(a, QStringLiteral("13600136000"), QStringLiteral("Wu Lei"));
        a.tick();
        EarnRequest e;
        e.member = m.id.toString();
        e.receipt = QStringLiteral("R-3x");
        e.amountMinor = 10000;
        auto earned = a.till->earn(e);
        CP_VERIFY_OK(earned);
        QCOMPARE(earned->breakdown.totalPoints, qint64(300));
        // A till bootstrapped later gets the same rules with its snapshot.
        TestedTill &b = addTill(QStringLiteral("B"), 0, m_serverUrl);
        QVERIFY(syncUntilDone(b).ok);
        QCOMPARE(b.till->rules().version, QStringLiteral("chain-2026.2"));
    }

    // An enrolled chain's tier evaluation is the server's: a till awake at the due moment leaves it to
    // the server, the server runs it once, and the till pulls the downgrade (docs/design.md, "Jobs").
    void serverEvaluatesTiersForEnrolledTills()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        TestedTill &a = addTill(QStringLiteral("A"), 0, m_serverUrl);
        QVERIFY(syncUntilDone(a).ok);
        const Member m = registerAt(a, QStringLiteral("13700137000"), QStringLiteral("Gao Min"));
        earnAt(a, m, QStringLiteral("R-gold"), 600000); // 6,000 CNY: gold at once
        QVERIFY(syncUntilDone(a).ok);
        const QString tierSql = QStringLiteral("SELECT tier FROM members WHERE status = 'active'");
        QCOMPARE(rows(a.db(), tierSql), QStringList{QStringLiteral("gold")});
        // The evaluation due 14 months on: the purchase has left the 12-month window, the grace is over.
        const QTimeZone shanghai("Asia/Shanghai");
        const QDate later = QDateTime::currentDateTimeUtc().toTimeZone(shanghai).date().addMonths(14);
        const QDateTime due(QDate(later.year(), later.month(), 1), QTime(4, 0), shanghai);
        a.skewMs = due.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch();
        a.tick();
        auto ran = a.till->runDueJobs();
        CP_VERIFY_OK(ran);
        for (const JobRunReport &r : ran.value())
            QVERIFY2(r.job == Job::Backup, qPrintable(jobId(r.job))); // an enrolled till: the backup only
        qputenv("COUNTERPART_SERVER_TEST_NOW_MS", QByteArray::number(due.toMSecsSinceEpoch()));
        const QString first = m_server->admin({QStringLiteral("jobs"), QStringLiteral("--run")});
        const QString second = m_server->admin({QStringLiteral("jobs"), QStringLiteral("--run")});
        qunsetenv("COUNTERPART_SERVER_TEST_NOW_MS");
        QVERIFY2(first.contains(QStringLiteral("tiers %1: done, 1 members evaluated, 0 up, 1 down")
                                    .arg(due.toString(QStringLiteral("yyyy-MM")))),
                 qPrintable(first));
        QCOMPARE(second.trimmed(), QStringLiteral("nothing due"));
        a.skewMs = 0;
        QVERIFY(syncUntilDone(a).ok);
        QCOMPARE(rows(a.db(), tierSql), QStringList{QStringLiteral("member")});
    }

    // Tiers by visits over the whole chain (docs/user-guide.md, "Tiers"): a member who shops at two tills,
    // each seeing half their visits, is silver at each and gold at the server's evaluation; an upgrade
    // a till made is not taken back by the server's next evaluation; then one level a month at the
    // evaluations on the first, across the month ends, once the member stops coming. Tills take what
    // the server decides.
    void serverEvaluatesVisitTiersAcrossMonthEnds()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        auto [a, b] = twoSyncedTills(0);
        LoyaltyRules rules = LoyaltyRules::defaults();
        rules.version = QStringLiteral("chain-visits");
        rules.memberDays.clear(); // the test runs on any day of the week
        rules.tiers.graceDays = 0;
        rules.tiers.downgrade = TierRules::Downgrade::OneLevel;
        askForVisits(rules.tiers); // member, silver, gold
        installAtServer(rules);

        constexpr qint64 Day = 86'400'000;
        QVERIFY(syncUntilDone(a).ok);
        QCOMPARE(a.till->rules().version, QStringLiteral("chain-visits"));
        a.skewMs = -28 * Day;
        const Member split = registerAt(a, QStringLiteral("13700137001"), QStringLiteral("Split"));
        const Member rare = registerAt(a, QStringLiteral("13700137002"), QStringLiteral("Rare"));
        const Member lapsed = registerAt(a, QStringLiteral("13700137003"), QStringLiteral("Lapsed"));
        a.skewMs = 0;
        QVERIFY(syncUntilDone(a).ok);
        QVERIFY(syncUntilDone(b).ok);
        QCOMPARE(b.till->rules().version, QStringLiteral("chain-visits"));
        // Offline-made visits 25 to 0 days ago, five days apart, alternately at A and B.
        const auto visit = [&](TestedTill &t, const Member &m, int daysAgo, const QString &receipt) {
            t.skewMs = -daysAgo * Day;
            earnAt(t, m, receipt, 4000);
        };
        for (int i = 0; i < 6; ++i)
            visit(i % 2 == 0 ? a : b, split, 25 - 5 * i, QStringLiteral("S-%1").arg(i));
        visit(a, rare, 25, QStringLiteral("R-1"));
        visit(b, rare, 0, QStringLiteral("R-2"));
        for (const int daysAgo : {25, 20, 15})
            visit(a, lapsed, daysAgo, QStringLiteral("L-%1").arg(daysAgo));
        const auto tierAt = [](TestedTill &t, const Member &m) {
            auto found = t.till->findById(m.id);
            return found && found->has_value() ? found->value().tier : QString();
        };
        QCOMPARE(tierAt(a, split), QStringLiteral("silver")); // three visits ten days apart at each till
        QCOMPARE(tierAt(b, split), QStringLiteral("silver"));
        QCOMPARE(tierAt(a, lapsed), QStringLiteral("silver"));
        QCOMPARE(tierAt(a, rare), QStringLiteral("member"));
        a.skewMs = 0;
        b.skewMs = 0;
        for (TestedTill *t : {&a, &b, &a})
            QVERIFY(syncUntilDone(*t).ok);
        QCOMPARE(scalar(a.db(), QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'rejected'")),
                 qint64(0));

        // The server sees all six visits: gold. Lapsed last came 15 days ago: silver holds. Asked again at
        // once, nothing moves: the server's record earns what the tills' upgrades gave.
        const auto evaluateAt = [&](const QDateTime &when, const QStringList &command) {
            qputenv("COUNTERPART_SERVER_TEST_NOW_MS", QByteArray::number(when.toMSecsSinceEpoch()));
            const QString out = m_server->admin(command);
            qunsetenv("COUNTERPART_SERVER_TEST_NOW_MS");
            return out;
        };
        const QStringList evaluate{QStringLiteral("evaluate-tiers")};
        const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(60);
        QCOMPARE(evaluateAt(now, evaluate).trimmed(), QStringLiteral("evaluated 2 members: 1 up, 0 down"));
        QCOMPARE(evaluateAt(now, evaluate).trimmed(), QStringLiteral("evaluated 2 members: 0 up, 0 down"));
        for (TestedTill *t : {&a, &b})
            QVERIFY(syncUntilDone(*t).ok);
        QCOMPARE(tierAt(a, split), QStringLiteral("gold"));
        QCOMPARE(tierAt(b, split), QStringLiteral("gold"));

        // The evaluation on the first of a month at least 17 days on: Split has not come for longer than
        // gold's 14 days and drops one level; Lapsed, away 32 days or more, drops out of silver.
        const QTimeZone shanghai("Asia/Shanghai");
        const QDate later = now.toTimeZone(shanghai).date().addDays(16).addMonths(1);
        const QDateTime first(QDate(later.year(), later.month(), 1), QTime(4, 1), shanghai);
        const QStringList jobs{QStringLiteral("jobs"), QStringLiteral("--run")};
        const QString firstRun = evaluateAt(first, jobs);
        QVERIFY2(firstRun.contains(QStringLiteral("tiers %1: done, 2 members evaluated, 0 up, 2 down")
                                       .arg(first.toString(QStringLiteral("yyyy-MM")))),
                 qPrintable(firstRun));
        // A month later, the first again: Split, away more than 30 days, leaves silver too.
        const QDateTime second = first.addMonths(1);
        const QString secondRun = evaluateAt(second, jobs);
        QVERIFY2(secondRun.contains(QStringLiteral("tiers %1: done, 1 members evaluated, 0 up, 1 down")
                                        .arg(second.toString(QStringLiteral("yyyy-MM")))),
                 qPrintable(secondRun));
        for (TestedTill *t : {&a, &b}) {
            QVERIFY(syncUntilDone(*t).ok);
            QCOMPARE(tierAt(*t, split), QStringLiteral("member"));
            QCOMPARE(tierAt(*t, lapsed), QStringLiteral("member"));
            QCOMPARE(tierAt(*t, rare), QStringLiteral("member"));
        }
    }

    // An enrolled till put back to an older backup: what its outbox still held but had pushed since is
    // pushed again and answered as duplicates; what it made and pushed after the backup comes back by
    // pull (the copy's cursor is older); nothing counts twice at the server.
    void restoredBackupNeitherResendsNorLoses()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        TestedTill &a = addTill(QStringLiteral("A"), 0, m_serverUrl);
        QVERIFY(syncUntilDone(a).ok);
        const Member m = registerAt(a, QStringLiteral("13700137000"), QStringLiteral("Zhao Min"));
        earnAt(a, m, QStringLiteral("R-1"), 10000);
        QVERIFY(syncUntilDone(a).ok);
        earnAt(a, m, QStringLiteral("R-2"), 20000); // waiting in the outbox when the copy is made
        auto copy = a.till->backup(QStringLiteral("test"), m_dir->file(QStringLiteral("backups")), 3);
        CP_VERIFY_OK(copy);
        QVERIFY(syncUntilDone(a).ok);
        earnAt(a, m, QStringLiteral("R-3"), 30000);
        const Member later = registerAt(a, QStringLiteral("13700137001"), QStringLiteral("Qian Li"));
        QVERIFY(syncUntilDone(a).ok);
        const std::map<QString, qint64> before = serverBalances();
        const QStringList tillBefore = activeBalances(a.db());

        a.till.reset();
        QString aside;
        CP_VERIFY_OK(Backup::restore(copy->path, a.path, a.clock->nowMs(), &aside));
        auto reopened = openTill(a.path, *a.clock, a.keyFile);
        CP_VERIFY_OK(reopened);
        a.till = std::move(reopened.value());
        QCOMPARE(scalar(a.db(), QStringLiteral("SELECT count(*) FROM members")), qint64(1));
        const sync::CycleReport r = syncUntilDone(a);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.applied, 0);
        QVERIFY(r.duplicates >= 1); // R-2, pushed again
        QCOMPARE(scalar(a.db(), QStringLiteral("SELECT count(*) FROM outbox WHERE status = 'pending'")),
                 qint64(0));
        QCOMPARE(serverBalances(), before);
        QCOMPARE(activeBalances(a.db()), tillBefore);
        auto card = a.till->findByPhone(later.phone.e164());
        CP_VERIFY_OK(card);
        QVERIFY(card->has_value());
        verifyLedgers(a);
        // The next member this till makes takes a code after the ones that came back.
        const Member next = registerAt(a, QStringLiteral("13700137002"), QStringLiteral("Sun Yu"));
        QVERIFY(next.code.digits() > later.code.digits());
        QVERIFY(syncUntilDone(a).ok);
    }

    // counterpart-admin as a technician uses it: enrol, sync, sync-status, sync-sign and curl's part.
    void adminCommands()
    {
        const QString dataDir = m_dir->file(QStringLiteral("server"));
        QVERIFY(startServer(true, dataDir));
        QString db = m_dir->file(QStringLiteral("cli.db"));
        auto admin = [&](const QStringList &args, int *exitCode = nullptr) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("COUNTERPART_KEY_FILE"), m_dir->file(QStringLiteral("cli.key")));
            p.setProcessEnvironment(env);
            p.start(QStringLiteral(COUNTERPART_ADMIN_EXE), QStringList{QStringLiteral("--db"), db} + args);
            p.waitForFinished(60'000);
            if (exitCode)
                *exitCode = p.exitCode();
            return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        };
        int exit = -1;
        admin({QStringLiteral("init")}, &exit);
        QCOMPARE(exit, 0);
        admin({QStringLiteral("register"), QStringLiteral("--phone"), QStringLiteral("13500135000"),
               QStringLiteral("--name"), QStringLiteral("Chen Jie")},
              &exit);
        QCOMPARE(exit, 0);
        const QString code =
            m_server->admin({QStringLiteral("enrol-code"), QStringLiteral("--store"), QStringLiteral("S001")})
                .trimmed();
        QString out = admin({QStringLiteral("enrol"), QStringLiteral("--server"), m_serverUrl,
                             QStringLiteral("--code"), code, QStringLiteral("--ca-file"), m_caFile},
                            &exit);
        QVERIFY2(exit == 0, qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Enrolled")), qPrintable(out));
        // The code is single use.
        out = admin({QStringLiteral("enrol"), QStringLiteral("--server"), m_serverUrl,
                     QStringLiteral("--code"), code, QStringLiteral("--ca-file"), m_caFile},
                    &exit);
        QCOMPARE(exit, 1);
        QVERIFY2(out.contains(QStringLiteral("used already")), qPrintable(out));
        out = admin({QStringLiteral("sync")}, &exit);
        QVERIFY2(exit == 0, qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("Sync complete")), qPrintable(out));
        out = admin({QStringLiteral("--json"), QStringLiteral("sync-status")}, &exit);
        QCOMPARE(exit, 0);
        const QJsonObject status = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(status.value(QStringLiteral("pendingOps")).toInt(), 0);
        QVERIFY(status.value(QStringLiteral("cursor")).toInt() > 0);
        QVERIFY(status.contains(QStringLiteral("lastSuccess")));

        // sync-sign: the headers a technician hands to curl are accepted by the server, once.
        out = admin({QStringLiteral("sync-sign"), QStringLiteral("GET"),
                     QStringLiteral("/v1/changes?after=0&limit=5")},
                    &exit);
        QVERIFY2(exit == 0, qPrintable(out));
        QHash<QByteArray, QByteArray> headers;
        for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const qsizetype colon = line.indexOf(QLatin1Char(':'));
            headers.insert(line.left(colon).toLatin1(), line.mid(colon + 1).trimmed().toLatin1());
        }
        QCOMPARE(headers.size(), 4);
        auto client = m_server->client();
        QCOMPARE(client->request("GET", "/v1/changes?after=0&limit=5", {}, headers).status, 200);
        QCOMPARE(client->request("GET", "/v1/changes?after=0&limit=5", {}, headers).status, 401); // replayed

        // New tills, once the store's snapshot file is published: the first sync says on stderr how far
        // the download and the copy are; with --json, standard output and error hold the JSON alone.
        QString built;
        QVERIFY2(buildSnapshotFile(dataDir, &built) == 0, qPrintable(built));
        for (const bool json : {false, true}) {
            db = m_dir->file(json ? QStringLiteral("cli-new-json.db") : QStringLiteral("cli-new.db"));
            admin({QStringLiteral("init")}, &exit);
            QCOMPARE(exit, 0);
            const QString newCode =
                m_server
                    ->admin({QStringLiteral("enrol-code"), QStringLiteral("--store"), QStringLiteral("S001")})
                    .trimmed();
            out = admin({QStringLiteral("enrol"), QStringLiteral("--server"), m_serverUrl,
                         QStringLiteral("--code"), newCode, QStringLiteral("--ca-file"), m_caFile},
                        &exit);
            QVERIFY2(exit == 0, qPrintable(out));
            out = json ? admin({QStringLiteral("--json"), QStringLiteral("sync")}, &exit)
                       : admin({QStringLiteral("sync")}, &exit);
            QVERIFY2(exit == 0, qPrintable(out));
            if (json) {
                const QJsonObject report = QJsonDocument::fromJson(out.toUtf8()).object();
                QVERIFY2(report.value(QStringLiteral("snapshotFileBytes")).toInteger() > 0, qPrintable(out));
                QVERIFY(report.value(QStringLiteral("bootstrapped")).toBool());
            } else {
                QVERIFY2(out.contains(QRegularExpression(QStringLiteral(
                             "Downloading the store's snapshot file: 100% of [0-9,]+ MB\\.\n"))),
                         qPrintable(out));
                QVERIFY2(out.contains(QStringLiteral("Copying the store's members into the till…")),
                         qPrintable(out));
                QVERIFY2(out.contains(QStringLiteral("from the store's snapshot file")), qPrintable(out));
                QVERIFY2(out.contains(QStringLiteral("Sync complete")), qPrintable(out));
            }
        }

        // The server gone: sync says so and exits 1.
        m_server->terminate();
        out = admin({QStringLiteral("sync")}, &exit);
        QCOMPARE(exit, 1);
        QVERIFY2(out.contains(QStringLiteral("Cannot reach the server")), qPrintable(out));
        out = admin({QStringLiteral("sync-status")}, &exit);
        QVERIFY2(out.contains(QStringLiteral("Cannot reach the server")), qPrintable(out));
    }

    // Every way an enrolment fails, caused for real against the server (or the network): each gets its
    // own problem, and the CLI's words never carry Qt's or OpenSSL's.
    void enrolProblemsFromTheRealServer()
    {
        const QString dataDir = m_dir->file(QStringLiteral("server"));
        QVERIFY(startServer(true, dataDir));
        auto enrol = [](const QString &url, const QString &caFile, const QString &code,
                        QString *message = nullptr) {
            sync::EnrolClient client;
            client.setTimeoutMs(10'000);
            sync::EnrolProblem problem = sync::EnrolProblem::Other;
            bool done = false;
            sync::EnrolRequest request;
            request.code = code;
            client.enrol(url, caFile, request,
                         [&](const Result<sync::EnrolResponse> &r, sync::EnrolProblem p) {
                             problem = p;
                             if (!r && message)
                                 *message = r.error().message;
                             done = true;
                         });
            return QTest::qWaitFor([&] { return done; }, 20'000) ? problem : sync::EnrolProblem::Other;
        };
        auto newCode = [this] {
            return m_server
                ->admin({QStringLiteral("enrol-code"), QStringLiteral("--store"), QStringLiteral("S001")})
                .trimmed();
        };
        using P = sync::EnrolProblem;
        QCOMPARE(enrol(m_serverUrl, m_caFile, QStringLiteral("AAAA-BBBB-CCCC")), P::CodeUnknown);
        const QString code = newCode();
        QCOMPARE(enrol(m_serverUrl, m_caFile, code), P::None);
        QCOMPARE(enrol(m_serverUrl, m_caFile, code), P::CodeUsed);
        const QString late = newCode();
        QString error;
        QVERIFY2(execSql(m_database, QDir(dataDir).filePath(QStringLiteral("server.db")),
                         QStringLiteral("UPDATE enrol_codes SET expires_at = 1 WHERE used_at IS NULL"),
                         &error),
                 qPrintable(error));
        QCOMPARE(enrol(m_serverUrl, m_caFile, late), P::CodeExpired);
        // Without the lab's CA file the self-signed certificate is not trusted.
        QString message;
        QCOMPARE(enrol(m_serverUrl, QString(), newCode(), &message), P::CertificateUntrusted);
        QVERIFY2(message.contains(QStringLiteral("not trusted")), qPrintable(message));
        QVERIFY2(!message.contains(QStringLiteral("SSL")), qPrintable(message));
        QCOMPARE(enrol(QStringLiteral("ftp://127.0.0.1:1"), QString(), newCode()), P::BadAddress);

        // A port where nothing listens.
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        QCOMPARE(enrol(QStringLiteral("https://127.0.0.1:%1").arg(closedPort), m_caFile, newCode(), &message),
                 P::Refused);
        QVERIFY2(message.contains(QStringLiteral("nothing answers")), qPrintable(message));

        // A certificate made for another name than the address (trusted: its own CA file).
        const QString cert = m_dir->file(QStringLiteral("other.pem"));
        const QString key = m_dir->file(QStringLiteral("other.key"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"),
                       QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=sync.example.com"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:sync.example.com")});
        QVERIFY(openssl.waitForFinished(30'000) && openssl.exitCode() == 0);
        m_server->terminate();
        QVERIFY(m_server->start({QStringLiteral("--cert"), cert, QStringLiteral("--key"), key}));
        const QString url = QStringLiteral("https://127.0.0.1:%1").arg(m_server->port());
        QCOMPARE(enrol(url, cert, newCode(), &message), P::CertificateName);
        QVERIFY2(message.contains(QStringLiteral("another name")), qPrintable(message));

        // One try a minute from this address: the second is throttled (429 with Retry-After), and the
        // words say how long to wait.
        m_server->terminate();
        QVERIFY(m_server->start({QStringLiteral("--enrol-attempts-per-address"), QStringLiteral("1")}));
        const QString throttled = QStringLiteral("https://127.0.0.1:%1").arg(m_server->port());
        QCOMPARE(enrol(throttled, m_caFile, QStringLiteral("AAAA-BBBB-CCCC")), P::CodeUnknown);
        QCOMPARE(enrol(throttled, m_caFile, newCode(), &message), P::TooManyTries);
        static const QRegularExpression wait(QStringLiteral("^Too many tries: wait [1-9][0-9]* s, "));
        QVERIFY2(wait.match(message).hasMatch(), qPrintable(message));
    }

    // A till being set up (no staff yet) enrols, and the engine's "Test the connection" gets a signed
    // answer from the server; a server gone gives plain words.
    void connectionTestOfAnEnrolledTill()
    {
        QVERIFY(startServer(true, m_dir->file(QStringLiteral("server"))));
        SystemClock clock;
        TillOptions options;
        options.keyFile = m_dir->file(QStringLiteral("till.key"));
        const QString path = m_dir->file(QStringLiteral("new-till.db"));
        {
            auto till = Till::open(path, clock, options);
            QVERIFY(till.ok());
            EnrolmentRequest request;
            request.serverUrl = m_serverUrl;
            request.caFile = m_caFile;
            request.code =
                m_server
                    ->admin({QStringLiteral("enrol-code"), QStringLiteral("--store"), QStringLiteral("S001")})
                    .trimmed();
            auto enrolled = till.value()->enrol(request);
            QVERIFY2(enrolled.ok(), enrolled.ok() ? "" : qPrintable(enrolled.error().message));
        }
        sync::SyncEngineOptions engineOptions;
        engineOptions.keyFile = options.keyFile;
        engineOptions.schedule = false;
        sync::SyncEngine engine(path, clock, engineOptions);
        QSignalSpy tested(&engine, &sync::SyncEngine::connectionTested);
        engine.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 20'000);
        auto result = tested.at(0).at(0).value<sync::ConnectionTest>();
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(!result.serverVersion.isEmpty());
        m_server->terminate();
        engine.testConnection();
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 2, 20'000);
        result = tested.at(1).at(0).value<sync::ConnectionTest>();
        QVERIFY(!result.ok);
        QVERIFY2(result.message.startsWith(QStringLiteral("Cannot reach the server")),
                 qPrintable(result.message));
    }

    // Faults between the till and the server, and the server killed mid-push and restarted: the till
    // retries until its queue is empty, and every operation is applied exactly once.
    void faultsApplyEveryOperationExactlyOnce()
    {
        const QString serverData = m_dir->file(QStringLiteral("server"));
        QVERIFY(startServer(false, serverData));
        FaultProxy proxy(m_server->port());
        TestedTill &a = addTill(QStringLiteral("A"), 0, proxy.url());
        TestedTill &b = addTill(QStringLiteral("B"), 7 * Hour, m_serverUrl); // a second till, no faults
        QVERIFY(syncUntilDone(a, 5).ok);
        QVERIFY(syncUntilDone(b).ok);

        // 60 members with an earn each and some redemptions: ~140 operations in batches of 500 at most.
        QList<Member> members;
        for (int i = 0; i < 60; ++i) {
            TestedTill &t = i % 3 == 0 ? b : a;
            const Member m =
                registerAt(t, QStringLiteral("1350013%1").arg(1000 + i), QStringLiteral("M%1").arg(i));
            earnAt(t, m, QStringLiteral("F-%1").arg(i), 30000 + i);
            if (i % 4 == 0)
                redeemAt(t, m, 100);
            members << m;
        }
        const qint64 pushedByA = *SyncStore(a.db()).pendingCount();

        QRandomGenerator random(42);
        proxy.setChooser([&](const QByteArray &) {
            const quint32 roll = random.bounded(100u);
            if (roll < 15)
                return FaultProxy::Fault::DropAnswer;
            if (roll < 25)
                return FaultProxy::Fault::DropRequest;
            if (roll < 35)
                return FaultProxy::Fault::Answer500;
            if (roll < 45)
                return FaultProxy::Fault::TruncateAnswer;
            if (roll < 50)
                return FaultProxy::Fault::Delay;
            if (roll < 54)
                return FaultProxy::Fault::Stall;
            if (roll < 60)
                return FaultProxy::Fault::DuplicateRequest;
            return FaultProxy::Fault::None;
        });
        // Small batches and pages, so the faults hit many requests.
        sync::SyncEngineOptions options;
        options.keyFile = a.keyFile;
        options.schedule = false;
        options.pushBatch = 7;
        options.pullLimit = 10;
        options.timeoutMs = 1500; // a stalled answer times out quickly
        sync::SyncEngine engine(a.path, *a.clock, options);
        int cycles = 0;
        bool killed = false;
        while (cycles < 200) {
            ++cycles;
            a.tick();
            const sync::CycleReport r = engine.runOnce();
            if (!killed && *SyncStore(a.db()).pendingCount() < pushedByA / 2) {
                // The server dies hard half way (kill -9) and comes back on the same data.
                ::kill(pid_t(m_server->pid()), SIGKILL);
                m_server->terminate(5000);
                m_server = std::make_unique<ServerProcess>(serverData, m_database, false);
                QVERIFY(m_server->start());
                proxy.setTarget(m_server->port());
                killed = true;
            }
            if (r.ok && *SyncStore(a.db()).pendingCount() == 0)
                break;
        }
        QVERIFY2(*SyncStore(a.db()).pendingCount() == 0, qPrintable(QStringLiteral("%1 cycles").arg(cycles)));
        QVERIFY(killed);
        QVERIFY(proxy.count(FaultProxy::Fault::DropAnswer) > 0);
        QVERIFY(proxy.count(FaultProxy::Fault::TruncateAnswer) > 0);
        QVERIFY(proxy.count(FaultProxy::Fault::Stall) > 0);
        QVERIFY(proxy.count(FaultProxy::Fault::DuplicateRequest) > 0);
        proxy.setChooser({});
        m_serverUrl = QStringLiteral("http://127.0.0.1:%1").arg(m_server->port());
        CP_VERIFY_OK(SyncStore(b.db()).setSetting(SyncKeys::ServerUrl, m_serverUrl));
        QVERIFY(syncUntilDone(a, 3).ok);
        QVERIFY(syncUntilDone(b, 3).ok);
        QVERIFY(syncUntilDone(a, 3).ok);

        // Exactly once: the server's balances are the tills' balances, member by member, and every
        // entry the tills made is at the server once (a doubled push would double a balance).
        const std::map<QString, qint64> server = serverBalances();
        const QStringList balancesA = activeBalances(a.db());
        QCOMPARE(balancesA.size(), 60);
        QCOMPARE(activeBalances(b.db()), balancesA);
        for (const QString &line : balancesA) {
            const QStringList parts = line.split(QLatin1Char(' '));
            QCOMPARE(server.at(parts[0]), parts[1].toLongLong());
        }
        verifyLedgers(a);
        verifyLedgers(b);
        QCOMPARE(count(a.db(), "ledger"), count(b.db(), "ledger"));
        QCOMPARE(*SyncStore(a.db()).rejectedCount(), qint64(0));
        qInfo(
            "%d cycles; faults: %d dropped answers, %d dropped requests, %d 500s, %d cut answers, %d delays, "
            "%d timeouts, %d requests delivered twice",
            cycles, proxy.count(FaultProxy::Fault::DropAnswer), proxy.count(FaultProxy::Fault::DropRequest),
            proxy.count(FaultProxy::Fault::Answer500), proxy.count(FaultProxy::Fault::TruncateAnswer),
            proxy.count(FaultProxy::Fault::Delay), proxy.count(FaultProxy::Fault::Stall),
            proxy.count(FaultProxy::Fault::DuplicateRequest));
    }
};

QTEST_GUILESS_MAIN(TestSyncServer)
#include "tst_sync_server.moc"
