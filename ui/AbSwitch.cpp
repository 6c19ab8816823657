#include "AbSwitch.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace specedit::ui {
namespace {

QToolButton* sideButton(const QString& text, const QString& toolTip, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setCheckable(true);
    return button;
}

} // namespace

AbSwitch::AbSwitch(const QString& title, const QString& toolTip, QWidget* parent)
    : QWidget(parent), m_original(sideButton(tr("Original"), toolTip, this)),
      m_edited(sideButton(tr("Edited"), toolTip, this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(0);
    auto* label = new QLabel(title + QStringLiteral(": "), this);
    label->setToolTip(toolTip);
    layout->addWidget(label);
    layout->addWidget(m_original);
    layout->addWidget(m_edited);
    auto* group = new QButtonGroup(this); // exclusive: one side is always down
    group->addButton(m_original);
    group->addButton(m_edited);
    m_original->setChecked(true);
    connect(m_edited, &QToolButton::toggled, this, &AbSwitch::editedChanged);
}

bool AbSwitch::edited() const {
    return m_edited->isChecked();
}

void AbSwitch::setEdited(bool on) {
    (on ? m_edited : m_original)->setChecked(true);
}

} // namespace specedit::ui
