#include "ExportController.h"

#include "Document.h"
#include "PictureExport.h"
#include "TaskRunner.h"
#include "apply/ConsistentApply.h"
#include "apply/RangeRender.h"
#include "apply/StreamingApply.h"
#include "io/SignalWriter.h"
#include "view/SpectrogramView.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeySequence>
#include <QMenu>
#include <QMessageBox>
#include <algorithm>

namespace specedit::ui {

ExportController::ExportController(Document* document, SpectrogramView* view, TaskRunner* tasks,
                                   QWidget* window, std::function<bool()> settingsValid)
    : QObject(window), m_document(document), m_view(view), m_tasks(tasks), m_window(window),
      m_settingsValid(std::move(settingsValid)) {}

void ExportController::buildMenu(QMenu* file) {
    file->addAction(tr("&Export edited recording…"), QKeySequence(tr("Ctrl+E")), this,
                    [this] { exportDialog(false); });
    file->addAction(tr("Export edited se&lection…"), QKeySequence(tr("Ctrl+Shift+E")), this,
                    [this] { exportDialog(true); })
        ->setStatusTip(tr("The edited signal over the selected shape's time span, or the "
                          "selected labels' (first start to last end)"));
    file->addAction(tr("Export with &consistent resynthesis…"), this,
                    &ExportController::consistentDialog);
    file->addAction(tr("Export spectrogram &image…"), this, &ExportController::imageDialog);
}

void ExportController::imageDialog() {
    if (!m_document->hasSource())
        return;
    QString path =
        QFileDialog::getSaveFileName(m_window, tr("Export spectrogram image"),
                                     m_document->outputPath(".png"), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    m_document->chooseOutput(path);
    if (!path.endsWith(".png", Qt::CaseInsensitive))
        path += ".png"; // a bare name typed in the dialog
    QString why;
    if (!waitForExactPicture(*m_view, m_window, &why)) {
        emit message(tr("The image was not exported: %1").arg(why), 8000);
        return;
    }
    const QString error = exportSpectrogramPicture(*m_view, *m_document, path);
    if (!error.isEmpty())
        QMessageBox::critical(m_window, tr("Cannot save the image"), error);
    else
        emit message(tr("Wrote %1: File > Rebuild from spectrogram reads its axes, levels and "
                        "analysis from it")
                         .arg(path),
                     8000);
}

void ExportController::consistentDialog() {
    if (!m_document->hasSource() || !m_settingsValid())
        return;
    bool ok = false;
    const int iterations = QInputDialog::getInt(
        m_window, tr("Consistent resynthesis"),
        tr("The edited spectrogram is in general not the spectrogram of any signal.\n"
           "Iterations of fast Griffin–Lim from the edited phase bring the exported\n"
           "signal's spectrogram closer to the edited one (the result reports by how much).\n\n"
           "Iterations:"),
        30, 1, 10000, 10, &ok);
    if (ok)
        exportDialog(false, iterations);
}

void ExportController::exportDialog(bool selectionOnly, int consistentIterations) {
    if (!m_document->hasSource() || !m_settingsValid())
        return;
    if (selectionOnly && !selectionSpan()) {
        emit message(tr("Select a shape or labels first: their time span is exported"), 6000);
        return;
    }
    QString suffix = QFileInfo(m_document->sourcePath()).suffix();
    if (suffix == "sigmf" || suffix == "sigmf-data")
        suffix = "sigmf-meta";
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export edited recording"), m_document->outputPath(".edited." + suffix),
        tr("Same kind as the source (*.%1);;WAV (*.wav);;FLAC (*.flac);;Raw IQ float "
           "(*.cf32);;Raw IQ 16-bit (*.cs16);;SigMF (*.sigmf-meta);;NumPy array (*.npy);;All files "
           "(*)")
            .arg(suffix));
    if (path.isEmpty())
        return;
    m_document->chooseOutput(path);
    if (consistentIterations > 0)
        exportConsistentTo(path, consistentIterations);
    else
        selectionOnly ? exportSelectionTo(path) : exportTo(path);
}

bool ExportController::exportTo(const QString& path) {
    if (!m_settingsValid())
        return false;
    auto source = m_document->source();
    const auto params = m_document->analysis();
    const auto shapes = m_document->shapes();
    return run(path, [source, params, shapes](core::SignalWriter& writer, core::JobControl& job,
                                              QString&) {
        core::ApplyOptions options;
        options.sourceName = source->info().files.empty() ? std::string() : source->info().files[0];
        return core::applyMask(*source, params, shapes, writer, job, options).frames;
    });
}

bool ExportController::exportSelectionTo(const QString& path) {
    if (!m_settingsValid())
        return false;
    const auto span = selectionSpan();
    if (!span)
        return false;
    auto source = m_document->source();
    const auto params = m_document->analysis();
    const auto shapes = m_document->shapes();
    const auto [t0, t1] = *span;
    return run(path, [=](core::SignalWriter& writer, core::JobControl& job, QString&) {
        return core::renderRangeTo(*source, params, shapes, t0, t1, writer, job);
    });
}

// The selected shape's time span, else the span of the selected labels (first start to last
// end): an RF user selects a burst's label, not a shape.
std::optional<std::pair<double, double>> ExportController::selectionSpan() const {
    if (const core::Shape* shape = m_document->shape(m_view->selectedShape())) {
        const auto box = shape->bounds();
        return std::pair{box.t0, box.t1};
    }
    std::optional<std::pair<double, double>> span;
    for (std::uint64_t id : m_view->selectedLabels())
        if (const core::Label* l = m_document->label(id))
            span = span ? std::pair{std::min(span->first, l->t0), std::max(span->second, l->t1)}
                        : std::pair{l->t0, l->t1};
    return span;
}

bool ExportController::exportConsistentTo(const QString& path, int iterations) {
    if (!m_settingsValid())
        return false;
    auto source = m_document->source();
    const auto params = m_document->analysis();
    const auto shapes = m_document->shapes();
    return run(path, [=](core::SignalWriter& writer, core::JobControl& job, QString& note) {
        const auto r = core::applyMaskConsistent(*source, params, shapes, writer, job, iterations);
        note = tr("; inconsistency %1 dB before, %2 dB after %3 iterations")
                   .arg(r.beforeDb, 0, 'f', 1)
                   .arg(r.afterDb, 0, 'f', 1)
                   .arg(iterations);
        return r.frames;
    });
}

bool ExportController::run(const QString& path, Render render) {
    auto source = m_document->source();
    const std::string out = path.toStdString();
    auto work = [source, out, render](core::JobControl& job) {
        core::SignalWriter writer(out, source->info(), {});
        QString note;
        const std::int64_t frames = render(writer, job, note);
        writer.finish();
        QString summary = tr("Exported %1 (%2 samples%3)")
                              .arg(QFileInfo(QString::fromStdString(out)).fileName())
                              .arg(frames)
                              .arg(note);
        if (writer.clippedValues() > 0)
            summary += tr(", %1 values clipped").arg(writer.clippedValues());
        return summary;
    };
    const bool started = m_tasks->run(tr("Exporting"), work, [this](bool ok, const QString& text) {
        if (ok)
            emit message(text, 10000);
        else if (!text.isEmpty())
            QMessageBox::critical(m_window, tr("Export failed"), text);
        else
            emit message(tr("Export cancelled; nothing was written"), 10000);
    });
    if (!started)
        emit message(tr("Another task is running; try again when it ends"), 6000);
    return started;
}

} // namespace specedit::ui
