// logText(): what a till sends cannot forge a log line or a listing row.

#include "core/LogText.h"

#include <QTest>

using namespace counterpart;

class TestLogText : public QObject
{
    Q_OBJECT

private slots:
    void escapes_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("member.register") << QStringLiteral("member.register");
        QTest::newRow("chinese") << QStringLiteral("南京路 1号") << QStringLiteral("南京路 1号");
        QTest::newRow("newline forging a line")
            << QStringLiteral("x\n2026-12-05T09:00:00.000 info counterpart.server: enrolled")
            << QStringLiteral("x\\n2026-12-05T09:00:00.000 info counterpart.server: enrolled");
        QTest::newRow("carriage return") << QStringLiteral("a\rb") << QStringLiteral("a\\rb");
        QTest::newRow("escape sequence") << QStringLiteral("\x1b[2J") << QStringLiteral("\\x1b[2J");
        QTest::newRow("nul and del") << QString::fromUtf16(u"a\u0000b\u007f", 4)
                                     << QStringLiteral("a\\x00b\\x7f");
        QTest::newRow("c1") << QString(QChar(0x85)) << QStringLiteral("\\x85");
        QTest::newRow("line separator") << QString(QChar(0x2028)) << QStringLiteral("\\u2028");
        QTest::newRow("bidi override")
            << QString(QChar(0x202e)) + QStringLiteral("gpj.exe") << QStringLiteral("\\u202egpj.exe");
        QTest::newRow("backslash is doubled") << QStringLiteral("a\\nb") << QStringLiteral("a\\\\nb");
    }

    void escapes()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString out = logText(input);
        QCOMPARE(out, expected);
        for (QChar c : out)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(out));
    }

    void bounded()
    {
        const QString out = logText(QString(1000, QLatin1Char('a')), 10);
        QCOMPARE(out, QString(10, QLatin1Char('a')) + QChar(0x2026));
        QCOMPARE(logText(QByteArray("k\nv")), QStringLiteral("k\\nv"));
    }
};

QTEST_GUILESS_MAIN(TestLogText)
#include "tst_logtext.moc"
