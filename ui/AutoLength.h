#pragma once
// Auto window length: while the document's Auto is on, the window length follows the zoom.
// When the view has settled (kSettleMs after the last zoom or pan), the length becomes one
// pixel's span of samples rounded to a power of two (Document::windowLengthFor, the rule used
// on open, with its limits), so a burst stays resolved in time as the user zooms in and the
// frequency detail grows as far as the zoom allows. A frequency zoom by z (the band z times
// the visible range) lengthens it by sqrt(z): time and frequency detail share the zoom, where
// a length kept for time alone showed a zoomed band as a few bins many pixels tall (128
// samples at 2 MS/s: 28 bins over a 440 kHz view). Only powers of two: the FFT plans made
// for them once are reused. No undo step; the user's typed length turns Auto off.
// GUI thread only.

#include <QObject>
#include <QTimer>

namespace specedit::ui {

class Document;
class SpectrogramView;

class AutoLength : public QObject {
    Q_OBJECT
public:
    static constexpr int kSettleMs = 250;

    AutoLength(Document* document, SpectrogramView* view, QObject* parent = nullptr);

    // The length Auto would choose for the current view.
    int wantedLength() const;

private:
    void apply();

    Document* m_document;
    SpectrogramView* m_view;
    QTimer m_settle;
};

} // namespace specedit::ui
