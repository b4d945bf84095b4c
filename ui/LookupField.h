#pragma once

#include <QLineEdit>

namespace counterpart {

// The lookup field: takes what a cashier types or a keyboard-wedge scanner sends (fast keystrokes
// ending in Enter), and passes the keys that steer the candidate list (arrows, page keys) and Esc.
class LookupField : public QLineEdit
{
    Q_OBJECT

public:
    explicit LookupField(QWidget *parent = nullptr);

    // The text to look up: a scan that landed after leftover typing ("13CP1:1234...") is the scan.
    QString lookupText() const;

signals:
    void moveSelection(int delta); // -1 / +1 for the arrows, -5 / +5 for the page keys
    void escapePressed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace counterpart
