#include "audio/ListenWiring.h"

#include "Document.h"
#include "audio/ListenToolBar.h"
#include "audio/Listener.h"
#include "audio/Player.h"
#include "view/SpectrogramView.h"

#include <QStatusBar>
#include <qcustomplot.h>

namespace specedit::ui {

void wireListening(const ListenParts& p) {
    QObject::connect(p.bar, &ListenToolBar::playRequested, p.bar, [p] { playSelectionOrView(p); });
    QObject::connect(p.bar, &ListenToolBar::stopRequested, p.player, &Player::stop);
    QObject::connect(p.bar, &ListenToolBar::editedChanged, p.listener, &Listener::setEdited);
    QObject::connect(p.bar, &ListenToolBar::demodulationChanged, p.listener,
                     &Listener::setDemodulation);
    QObject::connect(p.player, &Player::playingChanged, p.bar, [p](bool playing) {
        p.bar->setPlaying(playing);
        if (!playing)
            p.view->setPlayhead(std::nullopt);
    });
    QObject::connect(p.player, &Player::positionChanged, p.view,
                     [view = p.view](double t) { view->setPlayhead(t); });
    QObject::connect(p.listener, &Listener::problem, p.status,
                     [status = p.status](const QString& text) { status->showMessage(text, 8000); });
    // Auto's choice was for the stretch played: another selection has not been heard yet.
    QObject::connect(p.view, &SpectrogramView::selectionChanged, p.bar,
                     [bar = p.bar] { bar->showAutoChoice({}); });
    QObject::connect(p.listener, &Listener::heardAs, p.bar, [p](const QString& choice) {
        p.bar->showAutoChoice(choice);
        p.status->showMessage(QObject::tr("Demodulated as %1").arg(choice), 8000);
    });
}

void playSelectionOrView(const ListenParts& p) {
    if (!p.document->hasSource() || !p.settingsValid())
        return;
    const QCPRange t = p.view->plot()->xAxis->range();
    const QCPRange f = p.view->plot()->yAxis->range();
    double t0 = t.lower, t1 = t.upper, f0 = f.lower, f1 = f.upper;
    if (const core::Shape* s = p.document->shape(p.view->selectedShape())) {
        const auto box = s->bounds();
        t0 = box.t0;
        t1 = box.t1;
        f0 = box.f0;
        f1 = box.f1;
    } else if (const auto cursor = p.view->cursorTime(); cursor && *cursor < t1) {
        t0 = std::max(*cursor, 0.0); // from the edit cursor to the end of the view
    }
    p.listener->listen(t0, t1, f0, f1, p.bar->loop());
}

} // namespace specedit::ui
