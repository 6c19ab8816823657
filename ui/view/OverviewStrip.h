#pragma once
// A strip under the spectrogram showing the whole recording (the coarsest tile, coloured as
// the view) with the visible time range marked; clicking or dragging in it moves the view
// there. Paint only draws cached images. GUI thread only.

#include <QWidget>
#include <functional>

class QImage;

namespace specedit::ui {

class OverviewStrip : public QWidget {
    Q_OBJECT
public:
    // image: the whole-recording picture or nullptr; duration in seconds.
    using ImageFn = std::function<const QImage*()>;
    OverviewStrip(ImageFn image, QWidget* parent = nullptr);

    void setDuration(double seconds);
    void setVisibleRange(double t0, double t1);
    QSize sizeHint() const override { return {400, 56}; }

signals:
    // The user asks to centre the view at this time (seconds).
    void navigate(double seconds);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    double timeAt(double x) const;

    ImageFn m_image;
    double m_duration = 0;
    double m_t0 = 0, m_t1 = 0;
};

} // namespace specedit::ui
