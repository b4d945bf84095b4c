#include "ui/QrCardDialog.h"

#include "print/QrCode.h"
#include "ui/UiText.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QShortcut>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace counterpart {

QrCardDialog::QrCardDialog(const Till &till, const Member &member, QWidget *parent)
    : TillDialog(QStringLiteral("qrCardDialog"), tr("Member card of %1").arg(member.name), parent)
    , m_till(till)
    , m_member(member)
{
    MemberQrPayload payload;
    payload.code = member.code;
    m_payload = payload.encode();

    auto *row = new QHBoxLayout;
    auto *qr = new QLabel(this);
    qr->setObjectName(QStringLiteral("qrImage"));
    qr->setPixmap(qrCodePixmap(m_payload, 8, devicePixelRatioF()));
    row->addWidget(qr);
    auto *text = new QVBoxLayout;
    auto *name = new QLabel(member.name, this);
    QFont f = name->font();
    f.setPointSize(18);
    f.setBold(true);
    name->setFont(f);
    text->addWidget(name);
    auto *code = new QLabel(member.code.grouped(), this);
    code->setObjectName(QStringLiteral("qrCode"));
    QFont mono = code->font();
    mono.setPointSize(16);
    mono.setLetterSpacing(QFont::AbsoluteSpacing, 1.5);
    code->setFont(mono);
    text->addWidget(code);
    auto *tier = new QLabel(UiText::tierName(till, member.tier), this);
    text->addWidget(tier);
    auto *hint = new QLabel(tr("The member can photograph this code and show it next time, or keep the "
                               "printed card. Scanning it opens the card at any till."),
                            this);
    hint->setWordWrap(true);
    text->addWidget(hint);
    text->addStretch();
    row->addLayout(text, 1);
    body()->addLayout(row);

    QPushButton *pdf = addButton(tr("Save as PDF"), QKeySequence(QKeySequence::Save), "pdfButton", false);
    connect(pdf, &QPushButton::clicked, this, &QrCardDialog::savePdf);
    QPushButton *printButton =
        addButton(tr("Print"), QKeySequence(QKeySequence::Print), "printButton", false);
    connect(printButton, &QPushButton::clicked, this, &QrCardDialog::print);
    QPushButton *close = addButton(tr("Close"), QKeySequence(Qt::Key_Escape), "closeButton", true);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    close->setDefault(true);
    connect(new QShortcut(QKeySequence::Print, this), &QShortcut::activated, this, &QrCardDialog::print);
    connect(new QShortcut(QKeySequence::Save, this), &QShortcut::activated, this, &QrCardDialog::savePdf);
    close->setFocus();
    setMinimumWidth(680);
}

bool QrCardDialog::printCard(QPrinter &printer) const
{
    QPainter painter;
    if (!painter.begin(&printer))
        return false;
    // A card of 85.6 x 54 mm (ID-1, a bank card's size) at the top left of the page.
    const QRectF page = printer.pageLayout().paintRectPixels(printer.resolution());
    const qreal mm = printer.resolution() / 25.4;
    const QRectF card(page.left(), page.top(), 85.6 * mm, 54 * mm);
    painter.setPen(QPen(Qt::gray, 0.3 * mm));
    painter.drawRoundedRect(card, 3 * mm, 3 * mm);
    const QImage qr = qrCodeImage(m_payload, 8);
    const QRectF qrRect(card.left() + 3 * mm, card.top() + 3 * mm, 48 * mm, 48 * mm);
    painter.drawImage(qrRect, qr);
    QFont font(QStringLiteral("Noto Sans CJK SC"));
    font.setPixelSize(int(5 * mm));
    font.setBold(true);
    painter.setFont(font);
    painter.setPen(Qt::black);
    const QRectF textRect(qrRect.right() + 2 * mm, card.top() + 6 * mm,
                          card.right() - qrRect.right() - 5 * mm, card.height() - 12 * mm);
    const QString store = m_till.config().storeName;
    painter.drawText(textRect, Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap, m_member.name);
    font.setBold(false);
    font.setPixelSize(int(3.4 * mm));
    painter.setFont(font);
    painter.drawText(textRect.adjusted(0, 9 * mm, 0, 0), Qt::AlignTop | Qt::AlignLeft | Qt::TextWordWrap,
                     m_member.code.grouped() + QLatin1Char('\n') + UiText::tierName(m_till, m_member.tier) +
                         (store.isEmpty() ? QString() : QLatin1Char('\n') + store));
    return painter.end();
}

bool QrCardDialog::saveAsPdf(const QString &path) const
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QPageSize::A4));
    printer.setDocName(tr("Member card"));
    return printCard(printer);
}

void QrCardDialog::print()
{
    auto *printer = new QPrinter(QPrinter::HighResolution);
    auto *dialog = new QPrintDialog(printer, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, printer](int result) {
        if (result == QDialog::Accepted) {
            if (printCard(*printer))
                showMessage(tr("Sent to the printer."), theme::Tone::Success);
            else
                showMessage(tr("The printer could not be used. Check that it is on and has paper, or save "
                               "a PDF instead."),
                            theme::Tone::Error);
        }
        delete printer;
    });
    dialog->open();
}

void QrCardDialog::savePdf()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder.isEmpty() ? QDir::homePath() : folder)
                                  .filePath(tr("member-card-%1.pdf").arg(m_member.code.digits()));
    auto *dialog =
        new QFileDialog(this, tr("Save the member card as PDF"), suggested, tr("PDF files (*.pdf)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("pdf"));
    dialog->selectFile(suggested);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (saveAsPdf(path))
            showMessage(tr("Saved to %1.").arg(QDir::toNativeSeparators(path)), theme::Tone::Success);
        else
            showMessage(tr("Could not write %1. Choose another folder.").arg(QDir::toNativeSeparators(path)),
                        theme::Tone::Error);
    });
    dialog->open();
}

} // namespace counterpart
