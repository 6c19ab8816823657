#include "RefusalHold.h"

#include "UnitSpinBox.h"

#include <QMetaObject>

namespace specedit::ui {

RefusalHold::RefusalHold(QWidget* dialog) : QObject(dialog), m_dialog(dialog) {}

void RefusalHold::watch(UnitSpinBox* field) {
    m_fields.append(field);
    connect(field, &UnitSpinBox::refused, this, [this, field] { m_refused = field; });
}

void RefusalHold::accept(std::function<void()> accept) {
    // A field still being typed in (OK by its shortcut keeps the focus there) is read now: its
    // refusal is queued ahead of the decision.
    for (UnitSpinBox* field : std::as_const(m_fields))
        if (field && !field->hasAcceptableInput())
            field->interpretText();
    QMetaObject::invokeMethod(
        this,
        [this, accept = std::move(accept)] {
            if (!m_dialog->isVisible())
                return;
            if (UnitSpinBox* field = m_refused) {
                m_refused = nullptr;
                field->setFocus();
                field->selectAll();
                return;
            }
            accept();
        },
        Qt::QueuedConnection);
}

} // namespace specedit::ui
