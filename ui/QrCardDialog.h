#pragma once

#include "ui/Dialogs.h"

class QPrinter;

namespace counterpart {

// The member's QR card on screen (the member scans or photographs it), printable on a printer or
// into a PDF file.
class QrCardDialog : public TillDialog
{
    Q_OBJECT

public:
    QrCardDialog(const Till &till, const Member &member, QWidget *parent);
    // Draws the card on `printer`'s page. false when the printer cannot be drawn on.
    bool printCard(QPrinter &printer) const;
    // Writes the card as a PDF file.
    bool saveAsPdf(const QString &path) const;

private:
    void print();
    void savePdf();

    const Till &m_till;
    Member m_member;
    QString m_payload;
};

} // namespace counterpart
