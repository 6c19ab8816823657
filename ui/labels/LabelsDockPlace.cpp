#include "labels/LabelsDockPlace.h"

#include "labels/LabelColumns.h"
#include "labels/LabelsPanel.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QTimer>
#include <algorithm>
#include <cstdlib>

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
    if (auto* panel = qobject_cast<LabelsPanel*>(m_labels->widget())) {
        auto* rows = panel->table()->model(); // new labels: more room, once laid out
        auto later = [this] { QTimer::singleShot(0, this, &LabelsDockPlace::fitBelow); };
        connect(rows, &QAbstractItemModel::rowsInserted, this, later);
        connect(rows, &QAbstractItemModel::modelReset, this, later);
    }
    if (QSettings().value(kBelowKey, false).toBool())
        m_action->setChecked(true);
}

// Below: room for the labels there are (at least 3 rows) up to a third of the window's height;
// an empty table took that third and left the picture 236 pixels at 1400 x 850.
int LabelsDockPlace::belowHeight() const {
    const int third = m_window->height() * 30 / 100;
    auto* panel = qobject_cast<LabelsPanel*>(m_labels->widget());
    if (!panel)
        return third;
    const int title = m_labels->minimumSizeHint().height() - panel->minimumSizeHint().height();
    const int fits = panel->heightFor(std::max(3, panel->table()->rowCount())) + std::max(0, title);
    return std::max(m_labels->minimumSizeHint().height(), std::min(third, fits));
}

void LabelsDockPlace::fitBelow() {
    if (!isBelow() || (m_fittedHeight >= 0 && std::abs(m_labels->height() - m_fittedHeight) > 2))
        return;
    m_fittedHeight = belowHeight();
    m_window->resizeDocks({m_labels}, {m_fittedHeight}, Qt::Vertical);
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
    // The side docks' width now, which the table's columns would widen coming back (after a
    // start with the table below as well). Not laid out yet at start: none.
    m_sideWidth = m_window->isVisible() ? m_beside->width() : 0;
    if (below) {
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_labels);
    } else {
        m_window->addDockWidget(Qt::RightDockWidgetArea, m_labels);
        m_window->tabifyDockWidget(m_beside, m_labels);
    }
    // Once laid out (at start the window is not shown yet and the sizes would not hold): the
    // table a third of the height below; the side docks as wide as before (the wide panel left
    // them 200 pixels wider when it came back).
    QTimer::singleShot(0, this, [this, below] {
        if (below) {
            m_fittedHeight = -1;
            fitBelow();
        }
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
