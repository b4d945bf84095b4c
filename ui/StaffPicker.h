#pragma once

// The people who may sign in, as buttons with their names: a till without a keyboard picks a staff id
// instead of typing one (ids such as "c01" have letters a number pad cannot type). More people than
// fit scroll; the id can always be typed too.

#include "core/Staff.h"

#include <QList>
#include <QScrollArea>

class QLineEdit;
class QPushButton;

namespace counterpart {

class StaffPicker : public QScrollArea
{
    Q_OBJECT

public:
    explicit StaffPicker(QWidget *parent);
    void setStaff(const QList<Operator> &staff);
    // Marks the person whose id is typed, if they are in the list.
    void setCurrent(const QString &id);
    int count() const { return int(m_buttons.size()); }
    // A person picked writes their id into `id` and moves to an empty `pin`; an id typed marks them.
    void fills(QLineEdit *id, QLineEdit *pin);

signals:
    void picked(const Operator &op);

private:
    QWidget *m_inner = nullptr;
    QList<QPushButton *> m_buttons;
};

} // namespace counterpart
