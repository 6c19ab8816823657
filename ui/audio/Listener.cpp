#include "audio/Listener.h"

#include "Document.h"
#include "HertzSpinBox.h"
#include "apply/RangeRender.h"
#include "audio/Player.h"
#include "util/Error.h"

#include <QApplication>
#include <QPointer>
#include <QThreadPool>
#include <algorithm>

namespace specedit::ui {
namespace {

struct Request {
    std::shared_ptr<const core::SampleSource> source;
    core::StftParams params;
    std::vector<core::Shape> shapes;
    double t0, t1, f0, f1;
    core::Demodulation mode;
};

// Demodulates an interleaved I/Q stretch to mono audio; an edited one as its original (like).
core::Listening listenTo(const Request& r, const core::RenderedRange& range,
                         const core::Listening* like = nullptr) {
    const double centre = r.source->info().centerFrequency.value_or(0.0);
    const auto* iq = reinterpret_cast<const std::complex<float>*>(range.samples.data());
    return core::demodulate(iq, std::int64_t(range.samples.size() / 2), range.rate, r.f0 - centre,
                            r.f1 - centre, r.mode, 48000, like);
}

PlaybackAudio prepare(const Request& r, core::JobControl& job) {
    const bool iq = r.source->info().isComplex();
    const double limit = iq ? Listener::kMaxIqSeconds : Listener::kMaxAudioSeconds;
    const auto original =
        core::renderRange(*r.source, r.params, r.shapes, r.t0, r.t1, false, job, limit);
    const auto edited =
        core::renderRange(*r.source, r.params, r.shapes, r.t0, r.t1, true, job, limit);
    PlaybackAudio audio;
    audio.startSeconds = double(original.firstFrame) / original.rate;
    if (!iq) {
        audio.original = original.samples;
        audio.edited = edited.samples;
        audio.channels = original.channels;
        audio.rate = original.rate;
        return audio;
    }
    auto a = listenTo(r, original);
    auto b = listenTo(r, edited, &a);
    audio.original = std::move(a.audio);
    audio.edited = std::move(b.audio);
    audio.channels = 1;
    audio.rate = a.rate;
    if (r.mode == core::Demodulation::Auto)
        audio.heardAs = QString::fromUtf8(a.used == core::Demodulation::Am ? "AM: " : "FM: ") +
                        QString::fromStdString(a.why);
    return audio;
}

} // namespace

Listener::Listener(Document* document, Player* player, QObject* parent)
    : QObject(parent), m_document(document), m_player(player) {}

void Listener::setEdited(bool edited) {
    m_edited = edited;
    m_player->setEdited(edited);
}

void Listener::cancel() {
    if (m_job)
        m_job->cancel();
    m_job.reset();
    m_started = ++m_generation; // nothing is being prepared any more
}

void Listener::listen(double t0, double t1, double f0, double f1, bool loop) {
    if (!m_document->hasSource())
        return;
    if (!m_player->hasDevice()) {
        emit problem(tr("No audio output device: playback is unavailable (everything else "
                        "works)."));
        return;
    }
    m_player->stop();
    cancel();
    const auto& info = m_document->info();
    if (info.isComplex()) { // the view's edges lie half a bin past the recording's span
        const double centre = info.centerFrequency.value_or(0.0), half = info.sampleRate / 2;
        f0 = std::clamp(f0, centre - half, centre + half);
        f1 = std::clamp(f1, centre - half, centre + half);
        if (std::max(f0, f1) <= std::min(f0, f1)) {
            emit problem(tr("Nothing to hear: the band lies outside the recording, which spans "
                            "%1 to %2.")
                             .arg(formatHertz(centre - half), formatHertz(centre + half)));
            return;
        }
    }
    const int generation = ++m_generation;
    auto job = std::make_shared<core::JobControl>();
    m_job = job;
    const Request request{m_document->source(),
                          m_document->analysis(),
                          m_document->shapes(),
                          t0,
                          t1,
                          std::min(f0, f1),
                          std::max(f0, f1),
                          m_mode};
    QPointer<Listener> self(this);
    QThreadPool::globalInstance()->start([self, request, generation, loop, job] {
        PlaybackAudio audio;
        QString error;
        try {
            audio = prepare(request, *job);
        } catch (const core::Cancelled&) {
            return; // superseded; the GUI has moved on
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, generation, loop, error, audio = std::move(audio)]() mutable {
                if (!self || generation != self->m_generation)
                    return; // superseded by a newer request
                self->m_started = generation;
                if (!error.isEmpty()) {
                    emit self->problem(error);
                    return;
                }
                if (!audio.heardAs.isEmpty())
                    emit self->heardAs(audio.heardAs);
                self->m_player->play(std::move(audio), self->m_edited, loop);
                emit self->started();
            },
            Qt::QueuedConnection);
    });
}

} // namespace specedit::ui
