#include "print/PrinterSink.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTcpSocket>

namespace counterpart::print {

namespace {

Status toSocket(const QByteArray &bytes, const QString &where, int timeoutMs)
{
    const qsizetype colon = where.lastIndexOf(QLatin1Char(':'));
    const QString host = colon < 0 ? where : where.left(colon);
    const quint16 port = colon < 0 ? 9100 : quint16(where.mid(colon + 1).toUInt());
    QTcpSocket socket;
    socket.connectToHost(host, port);
    if (!socket.waitForConnected(timeoutMs))
        return makeError(ErrorCode::Refused,
                         QCoreApplication::translate(
                             "ReceiptSlip", "The receipt printer at %1 does not answer: is it on and on the "
                                            "network?")
                             .arg(where),
                         socket.errorString());
    socket.write(bytes);
    while (socket.bytesToWrite() > 0) {
        if (!socket.waitForBytesWritten(timeoutMs))
            return makeError(ErrorCode::Refused,
                             QCoreApplication::translate("ReceiptSlip",
                                                         "The receipt printer at %1 stopped taking the slip.")
                                 .arg(where),
                             socket.errorString());
    }
    socket.disconnectFromHost();
    if (socket.state() != QAbstractSocket::UnconnectedState)
        socket.waitForDisconnected(timeoutMs);
    return {};
}

Status toCups(const QByteArray &bytes, const QString &queue, int timeoutMs)
{
    QProcess lp;
    lp.start(QStringLiteral("lp"), {QStringLiteral("-d"), queue, QStringLiteral("-o"), QStringLiteral("raw"),
                                    QStringLiteral("-s")});
    if (!lp.waitForStarted(timeoutMs))
        return makeError(ErrorCode::Refused,
                         QCoreApplication::translate(
                             "ReceiptSlip", "The printing system (CUPS) is not installed on this till."),
                         lp.errorString());
    lp.write(bytes);
    lp.closeWriteChannel();
    if (!lp.waitForFinished(timeoutMs) || lp.exitStatus() != QProcess::NormalExit || lp.exitCode() != 0)
        return makeError(
            ErrorCode::Refused,
            QCoreApplication::translate("ReceiptSlip", "The printer queue %1 did not take the slip.")
                .arg(queue),
            QString::fromLocal8Bit(lp.readAllStandardError()).trimmed());
    return {};
}

Status toFile(const QByteArray &bytes, const QString &path)
{
    QFile device(path);
    if (!device.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        return makeError(ErrorCode::Refused,
                         QCoreApplication::translate(
                             "ReceiptSlip", "The receipt printer %1 cannot be opened: is it plugged in?")
                             .arg(path),
                         device.errorString());
    if (device.write(bytes) != bytes.size() || !device.flush())
        return makeError(
            ErrorCode::Refused,
            QCoreApplication::translate("ReceiptSlip", "The receipt printer %1 did not take the whole slip.")
                .arg(path),
            device.errorString());
    return {};
}

} // namespace

Status sendToPrinter(const QByteArray &bytes, const QString &target, int timeoutMs)
{
    if (target.startsWith(QLatin1String("tcp:")))
        return toSocket(bytes, target.mid(4), timeoutMs);
    if (target.startsWith(QLatin1String("cups:")))
        return toCups(bytes, target.mid(5), timeoutMs);
    if (target.startsWith(QLatin1String("file:")))
        return toFile(bytes, target.mid(5));
    return makeError(
        ErrorCode::InvalidInput,
        QCoreApplication::translate(
            "ReceiptSlip", "Say where to print as tcp:HOST[:PORT], cups:QUEUE or file:DEVICE, not %1.")
            .arg(target));
}

} // namespace counterpart::print
