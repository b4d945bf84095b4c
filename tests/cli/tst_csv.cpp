// CSV reading and writing (RFC 4180 and what spreadsheets really write), and member import rules.

#include "app/MemberCsv.h"
#include "app/Till.h"
#include "tests/support/TillFixture.h"

#include <QBuffer>
#include <QTest>

using namespace counterpart;

class TestCsv : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Till> openTill(const QString &name);
    qint64 memberCount(Till &till);

    static test::TillFixtureOptions fixtureOptions();
    test::TillFixture m_fx{fixtureOptions()};

private slots:
    void parse_data();
    void parse();
    void lineNumbersFollowEmbeddedLineBreaks();
    void refusesBrokenFiles_data();
    void refusesBrokenFiles();
    void quoteRoundTrip();
    void importKeepsGoodRowsAndReportsBadOnes();
    void importAllOrNothingRollsBack();
    void importAllOrNothingToleratesKnownPhones();
    void importNeedsTheHeader_data();
    void importNeedsTheHeader();
    void importCanBeCancelled();
    void exportImportRoundTrip();
};

test::TillFixtureOptions TestCsv::fixtureOptions()
{
    test::TillFixtureOptions options;
    options.startMs = test::utcMs(QStringLiteral("2026-03-10T02:00:00Z"));
    options.config = TillConfig{};
    options.config.terminalNumber = 45678;
    return options;
}

std::unique_ptr<Till> TestCsv::openTill(const QString &name)
{
    auto till = m_fx.openFile(m_fx.dir.file(name + QStringLiteral(".db")),
                              m_fx.dir.file(name + QStringLiteral(".key")));
    if (!till)
        qFatal("cannot open the till: %s", qPrintable(till.error().message));
    return std::move(till.value());
}

qint64 TestCsv::memberCount(Till &till)
{
    auto report = till.check(false);
    return report.ok() ? report->members : -1;
}

void TestCsv::parse_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QList<QStringList>>("records");
    const QStringList ab{QStringLiteral("a"), QStringLiteral("b")};
    const QStringList cd{QStringLiteral("c"), QStringLiteral("d")};
    QTest::newRow("LF") << QByteArray("a,b\nc,d\n") << QList<QStringList>{ab, cd};
    QTest::newRow("CRLF") << QByteArray("a,b\r\nc,d\r\n") << QList<QStringList>{ab, cd};
    QTest::newRow("no final line break") << QByteArray("a,b\r\nc,d") << QList<QStringList>{ab, cd};
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF"
                                       "a,b\nc,d\n")
                         << QList<QStringList>{ab, cd};
    QTest::newRow("blank lines skipped") << QByteArray("a,b\n\n\r\nc,d\n\n") << QList<QStringList>{ab, cd};
    QTest::newRow("quoted comma") << QByteArray("\"a,1\",b\n")
                                  << QList<QStringList>{{QStringLiteral("a,1"), QStringLiteral("b")}};
    QTest::newRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\",\"\"\"\"\n")
                                    << QList<QStringList>{
                                           {QStringLiteral("say \"hi\""), QStringLiteral("\"")}};
    QTest::newRow("embedded CRLF becomes LF")
        << QByteArray("\"line 1\r\nline 2\",x\r\n")
        << QList<QStringList>{{QStringLiteral("line 1\nline 2"), QStringLiteral("x")}};
    QTest::newRow("empty fields") << QByteArray(",,\n\"\",x,\n")
                                  << QList<QStringList>{{QString(), QString(), QString()},
                                                        {QString(), QStringLiteral("x"), QString()}};
    QTest::newRow("quoted empty line is a record") << QByteArray("\"\"\n") << QList<QStringList>{{QString()}};
    QTest::newRow("space before opening quote")
        << QByteArray("a, \"b,c\"\n") << QList<QStringList>{{QStringLiteral("a"), QStringLiteral("b,c")}};
    QTest::newRow("quote inside unquoted field")
        << QByteArray("5\" screen,b\n")
        << QList<QStringList>{{QStringLiteral("5\" screen"), QStringLiteral("b")}};
    QTest::newRow("semicolons (European spreadsheets)")
        << QByteArray("a;b\nc;d\n") << QList<QStringList>{ab, cd};
    QTest::newRow("tabs") << QByteArray("a\tb\nc\td\n") << QList<QStringList>{ab, cd};
    QTest::newRow("Chinese") << QByteArray("姓名,手机\n王芳,13800138000\n")
                             << QList<QStringList>{{QStringLiteral("姓名"), QStringLiteral("手机")},
                                                   {QStringLiteral("王芳"), QStringLiteral("13800138000")}};
}

void TestCsv::parse()
{
    QFETCH(QByteArray, data);
    QFETCH(QList<QStringList>, records);
    auto parsed = Csv::parse(data);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed->size(), records.size());
    for (int i = 0; i < records.size(); ++i)
        QCOMPARE(parsed->at(i).fields, records[i]);
}

void TestCsv::lineNumbersFollowEmbeddedLineBreaks()
{
    auto parsed = Csv::parse("h1,h2\r\n\"a\r\nb\r\nc\",x\r\n\r\nlast,y\r\n");
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->size(), 3);
    QCOMPARE(parsed->at(0).line, 1);
    QCOMPARE(parsed->at(1).line, 2);
    QCOMPARE(parsed->at(2).line, 6);
}

void TestCsv::refusesBrokenFiles_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unclosed quote") << QByteArray("a,b\nc,\"open\nd,e\n") << QStringLiteral("line 2");
    QTest::newRow("text after closing quote") << QByteArray("a,b\n\"x\"y,b\n") << QStringLiteral("Line 2");
    QTest::newRow("not UTF-8 (GBK)") << QByteArray("\xD0\xD5\xC3\xFB,phone\n") << QStringLiteral("UTF-8");
    QTest::newRow("binary") << QByteArray("PK\x03\x04\x00\x00", 6) << QStringLiteral("binary");
}

void TestCsv::refusesBrokenFiles()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, mentions);
    auto parsed = Csv::parse(data);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
    QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
}

void TestCsv::quoteRoundTrip()
{
    const QStringList fields{QStringLiteral("plain"),      QStringLiteral("a,b"),
                             QStringLiteral("say \"hi\""), QStringLiteral("two\nlines"),
                             QStringLiteral(" padded "),   QString(),
                             QStringLiteral("李娜")};
    const QString line = Csv::line(fields);
    QVERIFY(line.endsWith(QStringLiteral("\r\n")));
    QVERIFY(line.startsWith(QStringLiteral("plain,\"a,b\",\"say \"\"hi\"\"\",")));
    auto parsed = Csv::parse(line.toUtf8());
    QVERIFY(parsed.ok());
    QCOMPARE(parsed->size(), 1);
    QCOMPARE(parsed->front().fields, fields);
}

void TestCsv::importKeepsGoodRowsAndReportsBadOnes()
{
    auto till = openTill(QStringLiteral("keep"));
    const QByteArray csv = "\xEF\xBB\xBF"
                           "Phone,Name,Gender,Birthday,Marketing_Consent,Note\r\n"
                           "13800138001,Li Na,F,1990-05-01,yes,\r\n" // 2 good
                           "12345,Short Phone,,,,\r\n"               // 3 phone
                           "13800138002,,female,,,\r\n"              // 4 name
                           "13800138003,Wang,robot,,,\r\n"           // 5 gender
                           "13800138004,Zhao,,01/05/1990,,\r\n"      // 6 birthday format
                           "13800138005,Future,,2099-01-01,,\r\n"    // 7 birthday in the future
                           "13800138006,Chen,,,perhaps,\r\n"         // 8 consent
                           "13800138007,Extra,,,,,surplus\r\n"       // 9 extra value
                           "13800138001,Li Na again,,,,\r\n"         // 10 already registered
                           "138 0013 8008,\"Zhou, Jr.\",male,1980/2/29,1,\"=1+1\"\r\n" // 11 good
                           ",,,,,\r\n";                                                // ignored
    auto report = MemberCsv::importMembers(*till, csv, {});
    QVERIFY(report.ok());
    QCOMPARE(report->rows, 10);
    QCOMPARE(report->imported, 2);
    QCOMPARE(report->alreadyRegistered, 1);
    QCOMPARE(report->failed(), 7);
    QList<int> lines;
    for (const ImportProblem &p : report->problems) {
        lines << p.line;
        QVERIFY(!p.reason.isEmpty());
    }
    QCOMPARE(lines, (QList<int>{3, 4, 5, 6, 7, 8, 9, 10}));
    QCOMPARE(memberCount(*till), 2);

    auto zhou = till->findByPhone(QStringLiteral("13800138008"));
    QVERIFY(zhou.ok() && zhou->has_value());
    QCOMPARE(zhou->value().name, QStringLiteral("Zhou, Jr."));
    QCOMPARE(zhou->value().birthMonth, std::optional<int>(2));
    QCOMPARE(zhou->value().birthDay, std::optional<int>(29));
    QCOMPARE(zhou->value().marketingConsent, true);
    QCOMPARE(zhou->value().channel, QStringLiteral("import"));
    QCOMPARE(zhou->value().note, QStringLiteral("=1+1"));
    auto li = till->findByPhone(QStringLiteral("13800138001"));
    QVERIFY(li.ok() && li->has_value());
    QCOMPARE(li->value().gender, QStringLiteral("female"));
    QCOMPARE(li->value().balance, till->rules().gifts.welcomePoints);
    auto check = till->check(false);
    QVERIFY(check.ok() && check->ok);
}

void TestCsv::importAllOrNothingRollsBack()
{
    auto till = openTill(QStringLiteral("all-or-nothing"));
    const QByteArray csv =
        "name,phone\nA One,13900000001\nB Two,13900000002\nC Bad,1390000\nD Four,13900000004\n";
    ImportOptions options;
    options.allOrNothing = true;
    auto report = MemberCsv::importMembers(*till, csv, options);
    QVERIFY(report.ok());
    QVERIFY(report->rolledBack);
    QCOMPARE(report->imported, 0);
    QCOMPARE(report->failed(), 1);
    QCOMPARE(report->problems.front().line, 4);
    QCOMPARE(memberCount(*till), 0);
    auto one = till->findByPhone(QStringLiteral("13900000001"));
    QVERIFY(one.ok() && !one->has_value());
    auto check = till->check(false);
    QVERIFY(check.ok() && check->ok);
    QCOMPARE(check->ledgerEntries, 0);
    QCOMPARE(check->pendingOutbox, 0); // no welcome gift or outbox operation survived either

    // Without the flag the good rows stay.
    auto partial = MemberCsv::importMembers(*till, csv, {});
    QVERIFY(partial.ok());
    QVERIFY(!partial->rolledBack);
    QCOMPARE(partial->imported, 3);
    QCOMPARE(memberCount(*till), 3);
}

void TestCsv::importAllOrNothingToleratesKnownPhones()
{
    auto till = openTill(QStringLiteral("known"));
    RegisterRequest existing;
    existing.phone = QStringLiteral("13700000001");
    existing.name = QStringLiteral("Already Here");
    QVERIFY(till->registerMember(existing).ok());
    ImportOptions options;
    options.allOrNothing = true;
    auto report = MemberCsv::importMembers(
        *till, "phone,name\n13700000001,Already Here\n13700000002,New One\n", options);
    QVERIFY(report.ok());
    QVERIFY(!report->rolledBack);
    QCOMPARE(report->imported, 1);
    QCOMPARE(report->alreadyRegistered, 1);
    QCOMPARE(report->failed(), 0);
    QCOMPARE(memberCount(*till), 2);
}

void TestCsv::importNeedsTheHeader_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("no header") << QByteArray("13800138000,Li Na\n13800138001,Wang\n");
    QTest::newRow("no name column") << QByteArray("phone,note\n13800138000,x\n");
    QTest::newRow("twice the same column") << QByteArray("phone,name,mobile\n13800138000,Li,13800138001\n");
    QTest::newRow("unclosed quote") << QByteArray("phone,name\n13800138000,\"Li\n");
}

void TestCsv::importNeedsTheHeader()
{
    QFETCH(QByteArray, data);
    auto till = openTill(QStringLiteral("header-") +
                         QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
    auto report = MemberCsv::importMembers(*till, data, {});
    QVERIFY(!report.ok());
    QCOMPARE(report.error().code, ErrorCode::InvalidInput);
    QVERIFY(!report.error().message.isEmpty());
    QCOMPARE(memberCount(*till), 0);
}

void TestCsv::importCanBeCancelled()
{
    auto till = openTill(QStringLiteral("cancel"));
    QByteArray csv = "phone,name\n";
    for (int i = 0; i < 20; ++i)
        csv += QStringLiteral("1350000%1,Member %2\n").arg(i, 4, 10, QLatin1Char('0')).arg(i).toUtf8();
    ImportOptions options;
    options.progress = [](int done, int) { return done < 5; };
    auto report = MemberCsv::importMembers(*till, csv, options);
    QVERIFY(report.ok());
    QVERIFY(report->cancelled);
    QCOMPARE(report->imported, 5);
    QCOMPARE(memberCount(*till), 5);

    // All-or-nothing and cancelled: nothing stays.
    options.allOrNothing = true;
    auto whole = MemberCsv::importMembers(*till, csv, options);
    QVERIFY(whole.ok());
    QVERIFY(whole->cancelled);
    QVERIFY(whole->rolledBack);
    QCOMPARE(memberCount(*till), 5);
}

void TestCsv::exportImportRoundTrip()
{
    auto source = openTill(QStringLiteral("source"));
    RegisterRequest a;
    a.phone = QStringLiteral("13600000001");
    a.name = QStringLiteral("=HYPERLINK(\"x\")"); // a spreadsheet must not run it
    a.gender = QStringLiteral("other");
    a.birthDate = QDate(1975, 12, 31);
    a.marketingConsent = true;
    a.note = QStringLiteral("Two\nlines, \"quoted\"");
    RegisterRequest b;
    b.phone = QStringLiteral("13600000002");
    b.name = QStringLiteral("刘德华");
    QVERIFY(source->registerMember(a).ok());
    QVERIFY(source->registerMember(b).ok());

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    auto exported = MemberCsv::exportMembers(*source, buffer);
    QVERIFY(exported.ok());
    QCOMPARE(exported->members, 2);
    const QByteArray csv = buffer.data();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"
                           "code,phone,name,gender,birth_month,birth_day,tier,balance,"
                           "marketing_consent,created_at,note\r\n"));
    QVERIFY(csv.contains(",+8613600000001,\"'=HYPERLINK(\"\"x\"\")\",other,12,31,member,100,yes,"
                         "2026-03-10T02:00:00Z,\"Two\nlines, \"\"quoted\"\"\"\r\n"));
    QVERIFY(!csv.contains("1975"));

    auto target = openTill(QStringLiteral("target"));
    auto report = MemberCsv::importMembers(*target, csv, {});
    QVERIFY(report.ok());
    QCOMPARE(report->imported, 2);
    QVERIFY(report->ignoredColumns.contains(QStringLiteral("balance")));
    auto copy = target->findByPhone(QStringLiteral("13600000001"));
    QVERIFY(copy.ok() && copy->has_value());
    QCOMPARE(copy->value().name, a.name);
    QCOMPARE(copy->value().note, a.note);
    QCOMPARE(copy->value().gender, a.gender);
    QCOMPARE(copy->value().marketingConsent, true);
    auto liu = target->findByPhone(QStringLiteral("13600000002"));
    QVERIFY(liu.ok() && liu->has_value());
    QCOMPARE(liu->value().name, b.name);
}

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
