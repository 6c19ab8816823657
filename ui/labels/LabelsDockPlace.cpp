#include "labels/LabelsDockPlace.h"

#include "labels/LabelColumns.h"
#include "labels/LabelsPanel.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QSignalBlocker>
#include <QTimer>
#include <algorithm>

namespace specedit::ui {
namespace {

constexpr auto kBelowKey = "labels/belowPicture";

} // namespace

LabelsDockPlace::LabelsDockPlace(QMainWindow* window, QDockWidget* labels, QDockWidget* beside,
                                 QMenu* viewMenu)
    : QObject(window), m_window(window), m_labels(labels), m_beside(beside),
      m_action(viewMenu->addAction(tr("&Labels below the picture"))) {
    // The right-hand docks keep the window's whole height; the table goes under the picture.
    window->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_action->setCheckable(true);
    m_action->setToolTip(tr("The Labels table across the window under the picture, where all "
                            "its columns show, or tabbed with Shapes on the right"));
    connect(m_action, &QAction::toggled, this, &LabelsDockPlace::setBelow);
    connect(labels, &QDockWidget::dockLocationChanged, this, [this](Qt::DockWidgetArea area) {
        const bool below = area == Qt::BottomDockWidgetArea;
        if (auto* panel = qobject_cast<LabelsPanel*>(m_labels->widget()))
            panel->setWide(below);
        QSettings().setValue(kBelowKey, below);
        const QSignalBlocker quiet(m_action); // moved by hand: the tick follows
        m_action->setChecked(below);
    });
    if (QSettings().value(kBelowKey, false).toBool())
        m_action->setChecked(true);
}

bool LabelsDockPlace::isBelow() const {
    return m_window->dockWidgetArea(m_labels) == Qt::BottomDockWidgetArea;
}

void LabelsDockPlace::setBelow(bool below) {
    QSettings().setValue(kBelowKey, below);
    {
        const QSignalBlocker quiet(m_action);
        m_action->setChecked(below);
    }
    if (below == isBelow())
        return;
    if (auto* panel = qobject_cast<LabelsPanel*>(m_labels->widget()))
        panel->columns()->holdWidth(); // placed by the user: no widening for its columns now
    if (below) {
        m_sideWidth = m_window->isVisible() ? m_beside->width() : 0; // not laid out at start
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_labels);
    } else {
        m_window->addDockWidget(Qt::RightDockWidgetArea, m_labels);
        m_window->tabifyDockWidget(m_beside, m_labels);
    }
    // Once laid out (at start the window is not shown yet and the sizes would not hold): the
    // table a third of the height below; the side docks as wide as before (the wide panel left
    // them 200 pixels wider when it came back).
    QTimer::singleShot(0, this, [this, below] {
        if (below)
            m_window->resizeDocks(
                {m_labels},
                {std::max(m_labels->minimumSizeHint().height(), m_window->height() * 30 / 100)},
                Qt::Vertical);
        if (m_sideWidth <= 0)
            return;
        const int width = below ? std::min(m_sideWidth, m_beside->sizeHint().width()) : m_sideWidth;
        QList<QDockWidget*> side; // every dock on the right: one takes the area's width
        for (auto* d : m_window->findChildren<QDockWidget*>())
            if (m_window->dockWidgetArea(d) == Qt::RightDockWidgetArea && !d->isFloating())
                side << d;
        m_window->resizeDocks(side, QList<int>(side.size(), width), Qt::Horizontal);
    });
    m_labels->show();
    m_labels->raise();
}

} // namespace specedit::ui
