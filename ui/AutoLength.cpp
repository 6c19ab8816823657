#include "AutoLength.h"

#include "Document.h"
#include "view/SpectrogramView.h"

#include <cmath>

namespace specedit::ui {

AutoLength::AutoLength(Document* document, SpectrogramView* view, QObject* parent)
    : QObject(parent), m_document(document), m_view(view) {
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &AutoLength::apply);
    connect(view, &SpectrogramView::viewRangeChanged, this, [this] {
        if (m_document->hasSource() && m_document->autoLength())
            m_settle.start();
    });
    connect(document, &Document::autoLengthChanged, this, [this](bool on) {
        if (on)
            m_settle.start();
    });
}

int AutoLength::wantedLength() const {
    const auto& info = m_document->info();
    const double samples = m_view->secondsPerPixel() * info.sampleRate;
    return Document::windowLengthFor(info, samples * std::sqrt(m_view->frequencyZoom()));
}

void AutoLength::apply() {
    if (!m_document->hasSource() || !m_document->autoLength())
        return;
    try {
        m_document->followZoom(wantedLength());
    } catch (const std::exception&) {
        // A length the overlap cannot serve (not expected with powers of two and a valid
        // overlap): keep the current length and turn Auto off, which the panel shows.
        m_document->setAutoLength(false);
    }
}

} // namespace specedit::ui
