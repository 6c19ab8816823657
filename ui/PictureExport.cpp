#include "PictureExport.h"

#include "Document.h"
#include "dsp/Window.h"
#include "render/TileComputer.h"
#include "render/TileScheduler.h"
#include "view/SpectrogramView.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QImageWriter>
#include <QProgressDialog>
#include <QSaveFile>
#include <QTimer>
#include <algorithm>
#include <qcustomplot.h>

namespace specedit::ui {

core::PictureDescription describeView(const SpectrogramView& view, const Document& document,
                                      const QRect& plot) {
    const core::ViewState state = view.viewState();
    const auto& computer = view.scheduler()->computer();
    const core::StftParams& p = computer->params();
    const core::SignalInfo& info = document.info();
    core::PictureDescription d;
    // QCustomPlot maps a vertical axis' range onto the pixel edges from the rect's top - 1 to
    // its bottom (QRect's last row): the picture's rows are one above the rect's.
    d.left = plot.left();
    d.top = std::max(0, plot.top() - 1);
    d.width = plot.width();
    d.height = plot.height() + plot.top() - 1 - d.top;
    d.t0 = state.t0;
    d.t1 = state.t1;
    d.complex = computer->isTwoSided();
    // The axis shows an IQ recording's frequencies around its centre; the plot's own are offsets.
    const double offset = d.complex ? info.centerFrequency.value_or(0) : 0;
    d.f0 = state.f0 - offset;
    d.f1 = state.f1 - offset;
    d.frequencyScale = state.frequencyScale;
    d.dbMin = state.minDb;
    d.dbMax = state.maxDb;
    d.colormap = state.colormap;
    d.sampleRate = p.fs;
    if (d.complex)
        d.centerFrequency = info.centerFrequency;
    d.window = core::toString(p.window);
    d.nperseg = p.nperseg;
    d.noverlap = p.noverlap;
    d.nfft = p.nfft;
    d.source = QFileInfo(document.sourcePath()).fileName().toStdString();
    d.shows = view.shapesOutlined() ? "edited" : "original";
    d.panes = view.paneCount();
    return d;
}

bool waitForExactPicture(SpectrogramView& view, QWidget* parent, QString* why) {
    QProgressDialog progress(QObject::tr("Computing the exact spectrogram to export…"),
                             QObject::tr("Cancel"), 0, 0, parent);
    progress.setWindowTitle(QObject::tr("Export spectrogram image"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    QEventLoop loop;
    bool done = false, seen = false;
    // Each tile that arrives repaints the view, which updates what is complete. Complete once,
    // the view is painted again and must still be: a new analysis (the window length following
    // the view's width) or the levels following the exact tiles come after a complete picture.
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        const bool complete = view.isPictureComplete();
        if (complete && seen) {
            done = true;
            loop.quit();
        } else if (complete) {
            view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        }
        seen = complete;
    });
    QObject::connect(&view, &SpectrogramView::pictureFailed, &loop, [&](const QString& message) {
        *why = message;
        loop.quit();
    });
    QObject::connect(&progress, &QProgressDialog::canceled, &loop, [&] {
        *why = QObject::tr("cancelled while the exact spectrogram was computed");
        loop.quit();
    });
    poll.start(50);
    loop.exec();
    return done;
}

QString exportSpectrogramPicture(SpectrogramView& view, const Document& document,
                                 const QString& path) {
    QRect plot;
    QImage image = view.renderPicture(&plot);
    image.setText("Software", "SpecEdit");
    if (document.hasSource() && view.scheduler()->computer()) { // else a picture of nothing
        const core::PictureDescription d = describeView(view, document, plot);
        image.setText("Description",
                      QStringLiteral("Spectrogram of %1 (%2)")
                          .arg(QString::fromStdString(d.source), QString::fromStdString(d.shows)));
        image.setText(core::kPictureDescriptionKey, QString::fromStdString(core::toJson(d)));
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("%1 could not be opened for writing: %2").arg(path, file.errorString());
    QImageWriter writer(&file, "png");
    if (!writer.write(image)) {
        file.cancelWriting();
        return QObject::tr("%1 could not be written: %2").arg(path, writer.errorString());
    }
    if (!file.commit())
        return QObject::tr("%1 could not be written: %2").arg(path, file.errorString());
    return {};
}

} // namespace specedit::ui
