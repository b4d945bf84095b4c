#pragma once

// One till under test, as every suite of the app layer and above sets it up: a temporary folder, a
// ManualClock, a key file, the till open on a real SQLite file there, the rules and staff the suite asks
// for (one of them signed in), and the steps most tests take (register a member, earn).

#include "app/Till.h"
#include "core/Clock.h"
#include "tests/support/RawSql.h"
#include "tests/support/TestRules.h"
#include "tests/support/TestSupport.h"
#include "tests/support/Verify.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace counterpart::test {

// The till's informational log lines (migrations, new key files) on every test would bury the results.
void quietInfoLogs();

// The fixed configuration of the tills under test: member codes start with 12345.
TillConfig testConfig();

Result<std::unique_ptr<Till>> openTill(const QString &dbPath, const Clock &clock, const QString &keyFile,
                                       bool fast = false);

// Milliseconds of a local time in the store's zone (Asia/Shanghai, UTC+8, no daylight saving).
qint64 at(const char *isoLocal);

struct StaffMember {
    QString id;
    QString name;
    Role role = Role::Cashier;
    QString pin;
};

// The staff of the screens' tests: manager m1 "Mei Manager" (PIN 2468), cashier c1 "Chen Cashier" (1357).
QList<StaffMember> counterStaff();

struct TillFixtureOptions {
    qint64 startMs = at("2026-03-02T10:00:00"); // a Monday
    QString database = QStringLiteral("till.db");
    QString keyFile = QStringLiteral("till.key");
    TillConfig config = testConfig(); // for a new database
    bool fastWrites = false;          // unsafeFastWrites: no fsync per transaction
    // What open() does after opening, in this order:
    std::optional<LoyaltyRules> rules; // installed under a version of its own
    QList<StaffMember> staff;          // created, with few PBKDF2 iterations (tests sign in often)
    QString signedIn;                  // this one of the staff signs in
};

class TillFixture
{
public:
    explicit TillFixture(TillFixtureOptions options = {});
    ~TillFixture();
    TillFixture(const TillFixture &) = delete;
    TillFixture &operator=(const TillFixture &) = delete;

    // Read and changed before open(): a test that wants another configuration or file for its till.
    TillFixtureOptions &options() { return m_options; }

    // Opens options().database (or `database`, a file in dir) and sets it up as the options say.
    Status open(const QString &database = {});
    // Opens the file as it is: no rules, no staff, nobody signed in (a till being set up).
    Status openEmpty(const QString &database = {});
    // Closes the till and opens the same file again with the key file (or another one).
    Status reopen(const QString &keyFile = {});
    // Another till on `path` with this clock, the configuration and the key file (or `keyFile`).
    Result<std::unique_ptr<Till>> openFile(const QString &path, const QString &keyFile = {}) const;

    QString dbPath() const { return dir.file(m_database); }
    QString keyPath() const { return dir.file(m_options.keyFile); }
    TillOptions tillOptions(const QString &keyFile = {}) const;
    Database &db() { return till->database(); }

    Status createStaff();
    Status signIn(const QString &id, const QString &pin);
    void actAsSystem(); // the system operator, as counterpart-admin acts

    // Registers a member; a failure fails the test (with the till's message) and gives an empty one.
    Member join(const QString &phone, const QString &name, std::optional<QDate> birth = std::nullopt);
    Result<EarnOutcome> earn(const Member &m, qint64 amountMinor, const QString &receipt);

private:
    TillFixtureOptions m_options;
    QString m_database;

public:
    TempDir dir;
    ManualClock clock;
    std::unique_ptr<Till> till; // declared after the clock it holds a reference to
};

} // namespace counterpart::test
