#include "ViewMenu.h"

#include "AbSwitch.h"
#include "view/SpectrogramView.h"
#include "view/TraceLane.h"

#include <QActionGroup>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>

namespace specedit::ui {
namespace {

QActionGroup* addScales(QMenu* view, SpectrogramView* spectrogram) {
    QMenu* scales = view->addMenu(QObject::tr("Frequency &scale"));
    auto* group = new QActionGroup(view);
    for (auto [scale, text] : {std::pair{FrequencyScale::Linear, QObject::tr("&Linear")},
                               std::pair{FrequencyScale::Log, QObject::tr("L&og (audio)")},
                               std::pair{FrequencyScale::Mel, QObject::tr("&Mel (audio)")}}) {
        QAction* a = scales->addAction(text);
        a->setCheckable(true);
        a->setChecked(scale == FrequencyScale::Linear);
        a->setData(int(scale));
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, spectrogram,
                         [spectrogram, scale] { spectrogram->setFrequencyScale(scale); });
    }
    return group;
}

} // namespace

ViewMenu addViewMenu(QMainWindow* window, SpectrogramView* spectrogram) {
    ViewMenu menu;
    QMenu* view = window->menuBar()->addMenu(QObject::tr("&View"));
    menu.menu = view;
    view->addAction(QObject::tr("Zoom to &fit"), QKeySequence(Qt::Key_Home), spectrogram,
                    &SpectrogramView::zoomToFit);
    view->addAction(QObject::tr("Zoom to &selection"), QKeySequence(Qt::Key_S), spectrogram,
                    &SpectrogramView::zoomToSelection);
    view->addAction(QObject::tr("&Auto levels"), QKeySequence(Qt::CTRL | Qt::Key_L), spectrogram,
                    &SpectrogramView::autoLevels);
    menu.edited = view->addAction(QObject::tr("Show &edited result"));
    menu.edited->setCheckable(true);
    menu.edited->setShortcut(QKeySequence(Qt::Key_M));
    menu.edited->setToolTip(
        QObject::tr("Toggle between the original and the masked spectrogram (M)"));
    menu.scales = addScales(view, spectrogram);
    QAction* lane = view->addAction(QObject::tr("&Trace lane"));
    lane->setCheckable(true);
    lane->setChecked(true);
    lane->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    lane->setToolTip(QObject::tr("Waveform (audio) or magnitude and the selection's frequency "
                                 "(IQ) under the picture (Ctrl+T)"));
    QObject::connect(lane, &QAction::toggled, spectrogram->traceLane(), &TraceLane::setVisible);
    return menu;
}

QToolBar* addPictureBar(QMainWindow* window, const ViewMenu& menu) {
    auto* bar = new QToolBar(QObject::tr("Picture"), window);
    bar->setObjectName("pictureToolBar");
    auto* picture = new AbSwitch(
        QObject::tr("Picture"),
        QObject::tr("Show the original spectrogram or the edited result (M, View > Show edited "
                    "result)"),
        bar);
    picture->setObjectName("pictureSwitch");
    picture->setEdited(menu.edited->isChecked());
    bar->addWidget(picture);
    QObject::connect(picture, &AbSwitch::editedChanged, menu.edited, &QAction::setChecked);
    QObject::connect(menu.edited, &QAction::toggled, picture, &AbSwitch::setEdited);
    window->addToolBar(Qt::BottomToolBarArea, bar);
    return bar;
}

void enableScalesFor(const ViewMenu& menu, bool iq) {
    for (QAction* a : menu.scales->actions()) { // IQ has negative offsets: linear only
        const auto scale = FrequencyScale(a->data().toInt());
        a->setEnabled(!iq || scale == FrequencyScale::Linear);
        if (iq && scale == FrequencyScale::Linear && !a->isChecked())
            a->trigger();
    }
}

void showScaleOf(const ViewMenu& menu, const SpectrogramView* view) {
    for (QAction* a : menu.scales->actions())
        a->setChecked(a->data().toInt() == int(view->frequencyScale()));
}

} // namespace specedit::ui
