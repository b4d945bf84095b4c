#include "ui/StaffPicker.h"

#include <QGridLayout>
#include <QLineEdit>
#include <QPushButton>

namespace counterpart {

namespace {
constexpr int Columns = 3;
constexpr int VisibleRows = 2;
} // namespace

StaffPicker::StaffPicker(QWidget *parent)
    : QScrollArea(parent)
{
    setObjectName(QStringLiteral("staffPicker"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_inner = new QWidget(this);
    m_inner->setObjectName(QStringLiteral("staffPickerInner"));
    setWidget(m_inner);
    // On the panel's own background; buttons wide enough for a name (the theme's minimum is for icons).
    viewport()->setAutoFillBackground(false);
    m_inner->setAutoFillBackground(false);
    setStyleSheet(
        QStringLiteral("QScrollArea#staffPicker, QWidget#staffPickerInner { background: transparent; }"
                       "QPushButton { min-width: 150px; max-width: 220px; min-height: 44px; }"));
    new QGridLayout(m_inner);
}

void StaffPicker::setStaff(const QList<Operator> &staff)
{
    qDeleteAll(m_buttons);
    m_buttons.clear();
    auto *grid = static_cast<QGridLayout *>(m_inner->layout());
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);
    for (const Operator &op : staff) {
        auto *b = new QPushButton(op.name, m_inner);
        b->setObjectName(QStringLiteral("staffPick_") + op.id);
        b->setCheckable(true);
        b->setFocusPolicy(Qt::NoFocus);
        b->setToolTip(op.id);
        b->setProperty("staffId", op.id);
        connect(b, &QPushButton::clicked, this, [this, op] {
            setCurrent(op.id);
            emit picked(op);
        });
        grid->addWidget(b, int(m_buttons.size()) / Columns, int(m_buttons.size()) % Columns);
        m_buttons.append(b);
    }
    grid->setColumnStretch(Columns, 1); // buttons of one width, not stretched across the panel
    // Up to two rows show whole; more scroll, with half a row showing so it is plain there are more.
    const int rows = int((m_buttons.size() + Columns - 1) / Columns);
    const int rowHeight = m_buttons.isEmpty() ? 0 : m_buttons.first()->sizeHint().height() + grid->spacing();
    setFixedHeight(rows <= VisibleRows ? rows * rowHeight : VisibleRows * rowHeight + rowHeight / 2);
    setVerticalScrollBarPolicy(rows <= VisibleRows ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    setVisible(!m_buttons.isEmpty());
}

void StaffPicker::fills(QLineEdit *id, QLineEdit *pin)
{
    connect(this, &StaffPicker::picked, id, [id, pin](const Operator &op) {
        id->setText(op.id);
        pin->clear();
        pin->setFocus();
    });
    connect(id, &QLineEdit::textChanged, this, &StaffPicker::setCurrent);
}

void StaffPicker::setCurrent(const QString &id)
{
    for (QPushButton *b : std::as_const(m_buttons))
        b->setChecked(b->property("staffId").toString().compare(id.trimmed(), Qt::CaseInsensitive) == 0);
}

} // namespace counterpart
