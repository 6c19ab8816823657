#pragma once
// A plottable that only draws over the picture (shapes, labels): it is never selected by
// QCustomPlot, never widens the axes' ranges and has no legend icon. Subclasses draw().
// GUI thread only.

#include <qcustomplot.h>

namespace specedit::ui {

class OverlayPlottable : public QCPAbstractPlottable {
public:
    OverlayPlottable(QCPAxis* time, QCPAxis* frequency) : QCPAbstractPlottable(time, frequency) {}

    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }
    QCPRange getKeyRange(bool& found, QCP::SignDomain) const override {
        found = false;
        return {};
    }
    QCPRange getValueRange(bool& found, QCP::SignDomain, const QCPRange&) const override {
        found = false;
        return {};
    }

protected:
    void drawLegendIcon(QCPPainter*, const QRectF&) const override {}
};

} // namespace specedit::ui
