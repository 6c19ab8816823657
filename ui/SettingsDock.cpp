#include "SettingsDock.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <algorithm>

namespace specedit::ui {
namespace {

// A scroll area that asks for its whole widget (QScrollArea caps its hint at 24 lines).
class FittingScrollArea : public QScrollArea {
public:
    using QScrollArea::QScrollArea;
    QSize sizeHint() const override {
        return widget()->sizeHint() + QSize(verticalScrollBar()->sizeHint().width(), 0);
    }
};

} // namespace

SettingsDock::SettingsDock(QMainWindow* window, QDockWidget* dock, QWidget* panel,
                           QDockWidget* below)
    : QObject(window), m_window(window), m_dock(dock), m_below(below), m_panel(panel),
      m_scroll(new FittingScrollArea(dock)) {
    m_scroll->setWidget(panel);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setMinimumWidth(panel->minimumSizeHint().width() +
                              m_scroll->verticalScrollBar()->sizeHint().width());
    // When the dock is widened for the Labels table beside it, the fields stop at a width
    // that reads well (a length field 400 pixels wide held 13 characters).
    panel->setMaximumWidth(panel->sizeHint().width() * 3 / 2);
    dock->setWidget(m_scroll);
    window->installEventFilter(this);
    QTimer::singleShot(0, this, &SettingsDock::fit); // once laid out
}

void SettingsDock::fit() {
    const int missing = m_panel->minimumSizeHint().height() - m_scroll->viewport()->height();
    const int spare = m_below->height() - m_below->minimumSizeHint().height();
    const int grow = std::min(missing, spare);
    if (grow > 0)
        m_window->resizeDocks({m_dock, m_below},
                              {m_dock->height() + grow, m_below->height() - grow}, Qt::Vertical);
}

bool SettingsDock::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window && event->type() == QEvent::Resize) {
        const auto* resize = static_cast<QResizeEvent*>(event);
        if (resize->size().height() > resize->oldSize().height())
            QTimer::singleShot(0, this, &SettingsDock::fit);
    }
    return false;
}

} // namespace specedit::ui
