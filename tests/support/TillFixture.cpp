#include "tests/support/TillFixture.h"

#include <QLoggingCategory>
#include <QTest>

namespace counterpart::test {

void quietInfoLogs()
{
    QLoggingCategory::setFilterRules(QStringLiteral("counterpart.*.info=false"));
}

TillConfig testConfig()
{
    TillConfig c;
    c.storeId = QStringLiteral("S001");
    c.storeName = QStringLiteral("Test store");
    c.terminalNumber = 12345;
    c.region = QStringLiteral("CN");
    c.timeZone = QByteArrayLiteral("Asia/Shanghai");
    c.currency = QStringLiteral("CNY");
    c.language = QStringLiteral("en");
    c.voidWindowMinutes = 10;
    c.cashierRefundLimitMinor = 50000;
    return c;
}

Result<std::unique_ptr<Till>> openTill(const QString &dbPath, const Clock &clock, const QString &keyFile,
                                       bool fast)
{
    TillOptions options;
    options.keyFile = keyFile;
    options.unsafeFastWrites = fast;
    return Till::open(dbPath, clock, options, testConfig());
}

qint64 at(const char *isoLocal)
{
    return local(QString::fromLatin1(isoLocal)).toMSecsSinceEpoch();
}

QList<StaffMember> counterStaff()
{
    return {{QStringLiteral("m1"), QStringLiteral("Mei Manager"), Role::Manager, QStringLiteral("2468")},
            {QStringLiteral("c1"), QStringLiteral("Chen Cashier"), Role::Cashier, QStringLiteral("1357")}};
}

TillFixture::TillFixture(TillFixtureOptions options)
    : m_options(std::move(options))
    , m_database(m_options.database)
    , clock(m_options.startMs)
{}

TillFixture::~TillFixture() = default;

Status TillFixture::open(const QString &database)
{
    CP_TRY(openEmpty(database));
    if (m_options.rules)
        CP_TRY(install(*till, *m_options.rules));
    CP_TRY(createStaff());
    if (m_options.signedIn.isEmpty())
        return {};
    for (const StaffMember &s : std::as_const(m_options.staff)) {
        if (s.id == m_options.signedIn)
            return signIn(s.id, s.pin);
    }
    return makeError(ErrorCode::InvalidInput, QStringLiteral("no staff member %1").arg(m_options.signedIn));
}

Status TillFixture::openEmpty(const QString &database)
{
    till.reset();
    m_database = database.isEmpty() ? m_options.database : database;
    auto opened = openFile(dbPath());
    if (!opened)
        return opened.error();
    till = std::move(opened.value());
    return {};
}

Status TillFixture::reopen(const QString &keyFile)
{
    till.reset();
    auto opened = openFile(dbPath(), keyFile);
    if (!opened)
        return opened.error();
    till = std::move(opened.value());
    return {};
}

Result<std::unique_ptr<Till>> TillFixture::openFile(const QString &path, const QString &keyFile) const
{
    return Till::open(path, clock, tillOptions(keyFile), m_options.config);
}

TillOptions TillFixture::tillOptions(const QString &keyFile) const
{
    TillOptions options;
    options.keyFile = keyFile.isEmpty() ? keyPath() : keyFile;
    options.unsafeFastWrites = m_options.fastWrites;
    return options;
}

Status TillFixture::createStaff()
{
    for (const StaffMember &s : std::as_const(m_options.staff))
        CP_TRY(till->createOperator(s.id, s.name, s.role, s.pin, 1000));
    return {};
}

Status TillFixture::signIn(const QString &id, const QString &pin)
{
    auto op = till->login(id, pin);
    if (!op)
        return op.error();
    till->setOperator(op.value());
    return {};
}

void TillFixture::actAsSystem()
{
    till->setOperator(Operator{QStringLiteral("system"), QStringLiteral("System"), Role::System});
}

Member TillFixture::join(const QString &phone, const QString &name, std::optional<QDate> birth)
{
    RegisterRequest request;
    request.phone = phone;
    request.name = name;
    request.birthDate = birth;
    auto r = till->registerMember(request);
    if (!r) {
        QTest::qFail(describe(r).constData(), __FILE__, __LINE__);
        return {};
    }
    return r->member;
}

Result<EarnOutcome> TillFixture::earn(const Member &m, qint64 amountMinor, const QString &receipt)
{
    return till->earn(EarnRequest{m.id.toString(), amountMinor, 0, receipt});
}

} // namespace counterpart::test
