#pragma once

// A number pad for a till without a keyboard. It types into the field last focused inside its scope (a
// line edit or a spin box) by sending that field the keys a keyboard would, so validators, Enter and the
// fields' own signals behave exactly as when typed. Its keys never take the focus.

#include <QPointer>
#include <QWidget>

namespace counterpart {

class NumberPad : public QWidget
{
    Q_OBJECT

public:
    enum class Keys {
        Digits, // 1–9, Clear, 0, Delete: PINs, phone digits, receipts, quantities
        Money,  // as Digits, with the decimal point in place of Clear
    };
    // `scope`: the dialog or screen whose fields the pad types into. `keySize`: each key's size.
    NumberPad(QWidget *scope, Keys keys, QSize keySize, QWidget *parent);

    // The field the keys go to: the one focused last in the scope, else the scope's first such field.
    QWidget *target() const;
    // Types one key as the pad's button would: "0"–"9", ".", "clear" or "back".
    void press(const QString &key);

private:
    static bool takesNumbers(const QWidget *widget);
    void remember(QWidget *now);

    QWidget *m_scope = nullptr;
    QPointer<QWidget> m_last;
};

} // namespace counterpart
