// Points on the receipt: the member's slip as ESC/POS bytes decoded back (GB18030 text, the QR the
// printer draws, the cut), as a PDF and an image, and sent to a network printer, a device file and a
// CUPS queue, with a printer that is not there refused in words.

#include "app/ReceiptSlip.h"
#include "print/EscPos.h"
#include "print/PrinterSink.h"
#include "print/SlipPainter.h"
#include "tests/support/TillFixture.h"

#include <QFile>
#include <QStringDecoder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace counterpart;
using namespace counterpart::test;

namespace {

// What a receipt printer makes of the bytes: its text lines, the QR data it stored, whether it cut.
struct Printed {
    QStringList lines;
    QByteArray qr;
    bool initialised = false;
    bool chineseMode = false;
    bool cut = false;
    QString unknown; // a command this reader does not know
};

Printed decode(const QByteArray &bytes)
{
    Printed out;
    QByteArray text;
    QStringDecoder gb18030("GB18030");
    for (qsizetype i = 0; i < bytes.size();) {
        const char c = bytes[i];
        if (c == 0x1B) { // ESC @ | ESC a n | ESC E n | ESC d n
            const char op = bytes[i + 1];
            out.initialised |= op == '@';
            i += op == '@' ? 2 : 3;
        } else if (c == 0x1C && bytes[i + 1] == '&') { // FS &
            out.chineseMode = true;
            i += 2;
        } else if (c == 0x1D && bytes[i + 1] == '!') { // GS ! n
            i += 3;
        } else if (c == 0x1D && bytes[i + 1] == 'V') { // GS V m n
            out.cut = true;
            i += 4;
        } else if (c == 0x1D && bytes[i + 1] == '(' && bytes[i + 2] == 'k') { // GS ( k pL pH cn fn ...
            const int length = quint8(bytes[i + 3]) | (quint8(bytes[i + 4]) << 8);
            if (bytes[i + 6] == 80) // store the data: cn 49, fn 80, m 48, then the data
                out.qr = bytes.mid(i + 8, length - 3);
            i += 5 + length;
        } else if (c == '\n') {
            out.lines.append(gb18030.decode(text));
            text.clear();
            ++i;
        } else if (quint8(c) < 0x20) {
            out.unknown = QString::number(quint8(c), 16);
            ++i;
        } else {
            text.append(c);
            ++i;
        }
    }
    return out;
}

} // namespace

class TestSlip : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup() { m_fx.reset(); }

    void escPosDecodesBack();
    void pdfAndImage();
    void sendsToPrinters();
    void anOldReceiptStillHasItsLines();

private:
    std::unique_ptr<TillFixture> m_fx;
    Member m_member;
};

void TestSlip::init()
{
    quietInfoLogs();
    m_fx = std::make_unique<TillFixture>();
    CP_VERIFY_OK(m_fx->open());
    m_fx->actAsSystem();
    m_member = m_fx->join(QStringLiteral("13812345678"), QStringLiteral("王丽"));
    CP_VERIFY_OK(m_fx->earn(m_member, 12800, QStringLiteral("R-1001")));
}

void TestSlip::escPosDecodesBack()
{
    auto slip = ReceiptSlip::make(*m_fx->till, m_member.code.digits(), QStringLiteral("R-1001"));
    CP_VERIFY_OK(slip);
    const qint64 balance = m_fx->till->card(m_member.id)->member.balance;
    for (const int columns : {32, 48}) {
        print::EscPosOptions options;
        options.columns = columns;
        auto bytes = print::escPos(slip.value(), options);
        CP_VERIFY_OK(bytes);
        const Printed p = decode(bytes.value());
        QVERIFY(p.initialised && p.chineseMode && p.cut);
        QVERIFY2(p.unknown.isEmpty(), qPrintable(p.unknown));
        QCOMPARE(QString::fromUtf8(p.qr), QStringLiteral("CP1:") + m_member.code.digits());
        const QString all = p.lines.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("王*")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("王丽")) && !all.contains(QStringLiteral("1234")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("R-1001")) && all.contains(QStringLiteral("￥128.00")),
                 qPrintable(all));
        QVERIFY2(all.contains(QString::number(balance)), qPrintable(all));
        for (const QString &line : p.lines)
            QVERIFY2(print::printColumns(line) <= columns, qPrintable(line));
        // Label left, value right: the balance line ends at the paper's edge.
        const auto balanceLine = std::find_if(p.lines.begin(), p.lines.end(), [](const QString &l) {
            return l.startsWith(QStringLiteral("Balance"));
        });
        QVERIFY(balanceLine != p.lines.end());
        QCOMPARE(print::printColumns(*balanceLine), columns);
    }
    QCOMPARE(ReceiptSlip::maskedName(QStringLiteral("Li Na")), QStringLiteral("L* N*"));
    QCOMPARE(ReceiptSlip::maskedName(QStringLiteral("欧阳娜娜")), QStringLiteral("欧***"));
}

// The receipt is found by its number, not among the member's latest purchases: a slip reprinted for an
// old receipt still says what it earned; another member's receipt or an unknown one adds no lines.
void TestSlip::anOldReceiptStillHasItsLines()
{
    for (int i = 0; i < 220; ++i)
        CP_VERIFY_OK(m_fx->earn(m_member, 1000, QStringLiteral("R-2%1").arg(i, 3, 10, QLatin1Char('0'))));
    auto slip = ReceiptSlip::make(*m_fx->till, m_member.code.digits(), QStringLiteral("R-1001"));
    CP_VERIFY_OK(slip);
    auto has = [](const Slip &s, const QString &label) {
        return std::any_of(s.lines.begin(), s.lines.end(),
                           [&](const SlipLine &l) { return l.label == label; });
    };
    QVERIFY(has(slip.value(), QStringLiteral("Receipt R-1001")));
    QVERIFY(has(slip.value(), QStringLiteral("Points for this purchase")));
    QVERIFY(has(slip.value(), QStringLiteral("Gifts"))); // the first purchase's gift
    const Member other = m_fx->join(QStringLiteral("13900001111"), QStringLiteral("Li Na"));
    auto notTheirs = ReceiptSlip::make(*m_fx->till, other.code.digits(), QStringLiteral("R-1001"));
    CP_VERIFY_OK(notTheirs);
    QVERIFY(!has(notTheirs.value(), QStringLiteral("Receipt R-1001")));
    auto unknown = ReceiptSlip::make(*m_fx->till, m_member.code.digits(), QStringLiteral("R-9999"));
    CP_VERIFY_OK(unknown);
    QVERIFY(!has(unknown.value(), QStringLiteral("Points for this purchase")));
}

void TestSlip::pdfAndImage()
{
    auto slip = ReceiptSlip::make(*m_fx->till, m_member.code.digits(), QStringLiteral("R-1001"));
    CP_VERIFY_OK(slip);
    const QByteArray pdf = print::slipPdf(slip.value());
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.size() > 1000);
    const QImage image = print::slipImage(slip.value());
    QCOMPARE(image.width(), 576);
    QVERIFY(image.height() > 576); // text and the QR code
    // Something was drawn: not all white.
    int dark = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            dark += qGray(image.pixel(x, y)) < 128;
    QVERIFY(dark > 100);
}

void TestSlip::sendsToPrinters()
{
    const QByteArray bytes = QByteArray("\x1b@slip\n", 7) + QByteArray(100000, 'x');
    // A network receipt printer on port 9100's place.
    QTcpServer printer;
    QVERIFY(printer.listen(QHostAddress::LocalHost));
    CP_VERIFY_OK(
        print::sendToPrinter(bytes.left(300), QStringLiteral("tcp:127.0.0.1:%1").arg(printer.serverPort())));
    QTRY_VERIFY(printer.hasPendingConnections());
    QTcpSocket *got = printer.nextPendingConnection();
    QByteArray received;
    QTRY_VERIFY((received += got->readAll()).size() >= 300);
    QCOMPARE(received, bytes.left(300));
    printer.close();
    auto refused =
        print::sendToPrinter(bytes, QStringLiteral("tcp:127.0.0.1:%1").arg(printer.serverPort()), 1000);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("does not answer")),
             qPrintable(refused.error().message));

    // A device file (here a plain file; /dev/usb/lp0 is written the same way).
    const QString device = m_fx->dir.file(QStringLiteral("lp0"));
    CP_VERIFY_OK(print::sendToPrinter(bytes, QStringLiteral("file:") + device));
    QFile written(device);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), bytes);
    auto unplugged =
        print::sendToPrinter(bytes, QStringLiteral("file:") + m_fx->dir.file(QStringLiteral("no/lp0")));
    QVERIFY(!unplugged);
    QVERIFY2(unplugged.error().message.contains(QStringLiteral("plugged in")),
             qPrintable(unplugged.error().message));

    // A CUPS queue, through lp: a stand-in lp (no print server runs here) that keeps what it was given.
    const QString bin = m_fx->dir.file(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(bin));
    QFile lp(bin + QStringLiteral("/lp"));
    QVERIFY(lp.open(QIODevice::WriteOnly));
    lp.write("#!/bin/sh\n[ \"$1 $2 $3 $4\" = \"-d receipts -o raw\" ] || exit 1\ncat > \"$(dirname "
             "\"$0\")/job\"\n");
    lp.close();
    lp.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", bin.toLocal8Bit() + ':' + path);
    CP_VERIFY_OK(print::sendToPrinter(bytes, QStringLiteral("cups:receipts")));
    auto wrongQueue = print::sendToPrinter(bytes, QStringLiteral("cups:office"));
    qputenv("PATH", path);
    QFile job(bin + QStringLiteral("/job"));
    QVERIFY(job.open(QIODevice::ReadOnly));
    QCOMPARE(job.readAll(), bytes);
    QVERIFY(!wrongQueue);
    QVERIFY(!print::sendToPrinter(bytes, QStringLiteral("lpt1")));
}

QTEST_MAIN(TestSlip)
#include "tst_slip.moc"
