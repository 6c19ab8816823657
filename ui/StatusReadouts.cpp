#include "StatusReadouts.h"

#include "PaintToolBar.h"
#include "render/TileComputer.h"
#include "tools/Tool.h"
#include "view/AxisTickers.h"
#include "view/SpectrogramView.h"

#include <QLabel>
#include <QObject>
#include <QStatusBar>
#include <cmath>
#include <qcustomplot.h>

namespace specedit::ui {

QString cursorReadout(const QCustomPlot& plot, double t, double f, double db) {
    if (std::isnan(t))
        return {};
    const QCPRange tRange = plot.xAxis->range();
    const QCPRange fRange = plot.yAxis->range();
    const QRect area = plot.axisRect()->rect();
    const double tStep = readoutStep(tRange.size() / std::max(1, area.width()));
    const double fStep = readoutStep(fRange.size() / std::max(1, area.height()));
    const double fMagnitude = std::max(std::abs(fRange.lower), std::abs(fRange.upper));
    QString text = QObject::tr("t %1   f %2")
                       .arg(formatTime(t, tStep, std::abs(tRange.upper)),
                            formatFrequency(f, fStep, fMagnitude));
    // The tiles stop at kFloorDb: a removed area or digital silence is at or below it.
    text += std::isnan(db) ? QObject::tr("   level —")
            : db <= double(core::kFloorDb)
                ? QObject::tr("   level ≤ %1 dB (silent)").arg(core::kFloorDb)
                : QObject::tr("   level %1 dB").arg(db, 0, 'f', 1);
    return text;
}

QString measureReadout(double dt, double df, const PlotScale& scale) {
    QString text = QObject::tr("Δt %1   Δf %2")
                       .arg(formatTime(dt, readoutStep(scale.secondsPerPixel)),
                            formatFrequency(df, readoutStep(scale.hertzPerPixel)));
    if (dt != 0)
        text += QObject::tr("   1/Δt %1").arg(formatFrequency(1.0 / std::abs(dt), 0.01));
    return text;
}

QLabel* addReadouts(QStatusBar* bar, SpectrogramView* view, PaintToolBar* paint) {
    auto* cursor = new QLabel(bar);
    cursor->setObjectName("cursorReadout");
    bar->addPermanentWidget(cursor);
    QObject::connect(bar, &QStatusBar::messageChanged, bar, &QWidget::setToolTip);
    QObject::connect(view, &SpectrogramView::cursorMoved, cursor,
                     [cursor, view](double t, double f, double db) {
                         cursor->setText(cursorReadout(*view->plot(), t, f, db));
                     });
    QObject::connect(view, &SpectrogramView::measured, bar,
                     [bar](double dt, double df, const PlotScale& scale) {
                         bar->showMessage(measureReadout(dt, df, scale));
                     });
    QObject::connect(paint, &PaintToolBar::toolChosen, bar, [bar](ToolKind kind) {
        if (kind != ToolKind::Measure && bar->currentMessage().startsWith("Δt"))
            bar->clearMessage(); // the measurement went with its tool
    });
    return cursor;
}

} // namespace specedit::ui
