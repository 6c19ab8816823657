#include "PictureBuilder.h"

#include "Document.h"
#include "ErrorText.h"
#include "render/TileComputer.h"
#include "view/TraceLane.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace specedit::ui {

PictureBuilder::PictureBuilder(Document* document, SpectrogramView* view, QObject* parent)
    : QObject(parent), m_document(document), m_view(view) {}

void PictureBuilder::request(ViewChange change) {
    const int generation = ++m_generation;
    m_pending = strongest(m_pending, change);
    const ViewChange pending = m_pending;
    auto source = m_document->source();
    const auto params = m_document->analysis();
    const int channel = m_document->channel();
    const bool stacked = channel == Document::kStackedChannels;
    const auto mask = m_showEdited ? m_document->shapes() : std::vector<core::Shape>{};
    const auto serial = std::size_t(m_document->openSerial());
    m_view->traceLane()->setSource(source, stacked ? -1 : channel); // stacked: the mix's
    m_view->traceLane()->setEdit(mask.empty() ? std::nullopt
                                              : std::optional(TraceLane::Edit{params, mask}));
    const int panes = stacked ? m_document->info().channels : 1;
    QPointer<PictureBuilder> self(this);
    QThreadPool::globalInstance()->start([=] {
        std::vector<std::shared_ptr<const core::TileComputer>> computers;
        QString error;
        try {
            for (int p = 0; p < panes; ++p)
                computers.push_back(std::make_shared<core::TileComputer>(
                    source, params, stacked ? p : channel, mask, serial));
        } catch (const std::exception& e) {
            computers.clear();
            error = userText(e);
        }
        QMetaObject::invokeMethod(
            qApp,
            [=] {
                if (!self || generation != self->m_generation)
                    return; // a newer analysis was asked for meanwhile
                if (computers.empty())
                    emit self->failed(error);
                else
                    self->show(computers, pending);
            },
            Qt::QueuedConnection);
    });
}

void PictureBuilder::show(const std::vector<std::shared_ptr<const core::TileComputer>>& computers,
                          ViewChange change) {
    m_pending = ViewChange::SameData;
    m_view->setComputers(computers, change);
    const auto& saved = m_document->viewAtOpening();
    if (change == ViewChange::NewRecording && saved)
        m_view->setViewState(*saved); // the project looks as it was left
    emit shown();
}

} // namespace specedit::ui
