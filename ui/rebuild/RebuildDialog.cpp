#include "rebuild/RebuildDialog.h"

#include "DetachedWork.h"
#include "ErrorText.h"
#include "apply/PictureAxes.h"
#include "audio/Player.h"
#include "dsp/Window.h"
#include "rebuild/GuessTable.h"
#include "rebuild/MagnitudePreview.h"
#include "rebuild/OutcomeText.h"
#include "rebuild/PictureFields.h"
#include "rebuild/RebuildForm.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <cmath>
#include <utility>

namespace specedit::ui {
RebuildDialog::RebuildDialog(QWidget* parent)
    : QDialog(parent), m_form(new RebuildForm(this)), m_player(new Player(this)) {
    setWindowTitle(tr("Rebuild from spectrogram"));
    auto* layout = new QVBoxLayout(this);
    auto* scroll = new QScrollArea(this); // the fields stay reachable on small screens
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_form->ensurePolished(); // its size as the style draws it: a long status squeezed the
                              // unpolished estimate and hid the last field under the table
    const QSize form = m_form->sizeHint();
    const QScreen* screen = QGuiApplication::primaryScreen();
    const int room = screen ? screen->availableGeometry().height() / 2 : 400;
    scroll->setMinimumSize(form.width() + scroll->verticalScrollBar()->sizeHint().width(),
                           std::min(form.height(), room));
    layout->addWidget(scroll, 1);
    layout->addWidget(buildGuessTable(), 1);
    auto* previews = new QHBoxLayout;
    m_input = new MagnitudePreview(tr("Input"), this);
    m_output = new MagnitudePreview(tr("Rebuilt"), this);
    previews->addWidget(m_input);
    previews->addWidget(m_output);
    layout->addLayout(previews, 1);
    // Most of the screen: at its size hint the table showed 4 of its 12 readings and the
    // previews were strips (a tester's 1060 x 870 on a 1600 x 1000 screen).
    if (screen) {
        const QRect area = screen->availableGeometry();
        resize(std::max(sizeHint().width(), area.width() * 85 / 100),
               std::max(sizeHint().height(), area.height() * 9 / 10));
    }
    layout->addWidget(buildActions());
    // The input shows once typing in a file field pauses (and after each reading is picked).
    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(400);
    connect(m_previewTimer, &QTimer::timeout, this, &RebuildDialog::previewInput);
    connect(m_form, &RebuildForm::filesChanged, this, [this] {
        m_guess->setEnabled(!m_job && !m_form->isPicture());
        if (!m_job)
            m_progress->reset(); // the last run's 100 % is not this file's
        m_table->clearCandidates();
        // A phase file added under a guessed reading: guessed again (with it). Another
        // magnitude file: the form went back to scipy's reading, nothing guessed.
        m_readingGuessed = m_readingGuessed && m_form->magnitudePath() == m_guessedMagnitude;
        m_guessAgain = m_readingGuessed && !m_form->isPicture();
        clearResult(tr("the files changed: Rebuild"));
        m_status->setText(
            m_form->magnitudePath().isEmpty() ? tr("Choose the magnitude file, then Guess or "
                                                   "Rebuild.")
            : m_form->isPicture() // nothing to guess: its levels and axes are printed on it
                ? tr("Reading the picture's levels, time and frequency from its tick labels...")
                : m_guessAgain
                      ? tr("The files changed under a guessed reading: it is guessed again "
                           "for them.")
                      : tr("Guess how the files were made, or set the fields and Rebuild."));
        m_axesText.clear();
        m_pictureText.clear();
        m_readAxes = m_form->isPicture(); // with the preview, once the name stops changing
        m_form->pictureFields()->forgetTyped();
        m_previewTimer->start();
    });
    // Why a field refused what was typed, in the status line (it went back without a word).
    connect(m_form, &RebuildForm::refused, m_status, &QLabel::setText);
    // A reading edited by hand is no longer the picked row's; the input shows it.
    connect(m_form, &RebuildForm::readingEdited, this, [this] {
        m_readingGuessed = m_guessAgain = false; // the user's reading now
        m_table->unpick();
        clearResult(tr("the reading changed: Rebuild"));
        m_previewTimer->start();
    });
    connect(m_player, &Player::playingChanged, this,
            [this](bool playing) { m_play->setText(playing ? tr("&Stop") : tr("&Play")); });
}

void RebuildDialog::clearResult(const QString& why) {
    m_output->clear(why); // a failed run's "failed (see the message)" too, once it is not
    if (!m_result)
        return;
    m_player->stop();
    m_result.reset();
    m_play->setEnabled(false);
    m_save->setEnabled(false);
    m_progress->reset(); // empty: "0 %" after a finished guess read as a run not started
    m_status->setText(tr("Rebuilt signal dropped: %1.").arg(why)); // not the old result's text
}

void RebuildDialog::previewInput() {
    if (std::exchange(m_readAxes, false) && m_form->isPicture())
        readPictureAxes();
    if (m_guessAgain && !m_job && !m_form->magnitudePath().isEmpty())
        return guess(); // which shows the input once a reading is picked
    const int generation = ++m_previewGeneration;
    core::RebuildSpec spec;
    try {
        spec = m_form->spec();
    } catch (const std::exception& e) {
        return m_input->clear(userText(e));
    }
    if (spec.magnitudePath.empty())
        return m_input->clear(tr("nothing yet"));
    QPointer<RebuildDialog> self(this);
    runDetached(
        self, m_running,
        [spec] { return std::make_shared<core::RebuildOutcome>(core::readRebuildInput(spec)); },
        [self, generation](std::shared_ptr<core::RebuildOutcome> in, const QString& error, bool) {
            if (generation != self->m_previewGeneration)
                return; // a newer reading was asked for
            if (!in)
                return self->m_input->clear(error);
            const auto& p = in->params;
            self->m_input->setGrid(in->input, p.hop() / p.fs, p.fs, in->complexSignal,
                                   double(in->length) / p.fs);
            if (!in->pictureNote.empty()) // how its colours and plot were read, to check
                self->showPictureStatus(pictureText(*in), {});
        });
}

// A figure's axes and levels as its tick labels print them, into the Picture fields (which
// shows the input again); what could not be read is said, for the user to give.
void RebuildDialog::readPictureAxes() {
    const std::string path = m_form->magnitudePath().toStdString();
    const std::string colormap = m_form->pictureFields()->colormap();
    QPointer<RebuildDialog> self(this);
    runDetached(
        self, m_running,
        [path, colormap] {
            return std::make_shared<core::FigureAxes>(core::figureAxesOf(path, colormap));
        },
        [self, path](std::shared_ptr<core::FigureAxes> read, const QString& error, bool) {
            if (self->m_form->magnitudePath().toStdString() != path)
                return; // another file was chosen meanwhile
            if (read && read->description) {
                try {
                    self->m_form->showWindow(core::parseWindow(read->description->window));
                } catch (const core::Error&) { // the rebuild names the description's window
                }
            }
            self->showPictureStatus({}, read ? self->m_form->pictureFields()->setReadAxes(*read)
                                             : tr("Its axes could not be read: %1").arg(error));
        });
}

// What the labels gave, then how the colours were read: whichever arrives first waits for
// the other in the status line.
void RebuildDialog::showPictureStatus(const QString& pictureText, const QString& axesText) {
    if (!pictureText.isEmpty())
        m_pictureText = pictureText;
    if (!axesText.isEmpty())
        m_axesText = axesText;
    m_status->setText(m_axesText + (m_axesText.isEmpty() || m_pictureText.isEmpty() ? "" : " ") +
                      m_pictureText);
}

const std::vector<core::GuessCandidate>& RebuildDialog::candidates() const {
    return m_table->candidates();
}

RebuildDialog::~RebuildDialog() {
    cancel();
    m_running->waitForAll();
}

QWidget* RebuildDialog::buildGuessTable() {
    auto* box = new QWidget(this);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    m_guess = new QPushButton(tr("&Guess parameters"), box);
    m_guess->setAutoDefault(false);
    m_guess->setToolTip(tr("Try every reading of the files and rank them: with a phase file by "
                           "how consistent the STFT is, without one by how closely the "
                           "magnitudes can be matched (a hint only)"));
    connect(m_guess, &QPushButton::clicked, this, &RebuildDialog::guess);
    m_table = new GuessTable(box);
    connect(m_table, &GuessTable::picked, this, [this](const core::GuessCandidate& c) {
        clearResult(tr("another reading was picked: Rebuild"));
        m_form->apply(c);
        previewInput();
    });
    row->addWidget(m_guess, 0, Qt::AlignTop);
    row->addWidget(m_table, 1);
    return box;
}

QWidget* RebuildDialog::buildActions() {
    auto* box = new QWidget(this);
    m_rebuild = new QPushButton(tr("&Rebuild"), box);
    m_cancel = new QPushButton(tr("Cancel run"), box);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(box);
    m_progress->setRange(0, 1000);
    m_status = new QLabel(tr("Choose the magnitude file, then Guess or Rebuild."), box);
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A guess's warning runs to a paragraph: it scrolls rather than push the dialog past the
    // screen (its widgets then overlapped).
    auto* statusArea = new QScrollArea(box);
    statusArea->setWidget(m_status);
    statusArea->setWidgetResizable(true);
    statusArea->setFrameShape(QFrame::NoFrame);
    statusArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    statusArea->setMaximumHeight(6 * fontMetrics().lineSpacing() + 4);
    m_play = new QPushButton(tr("&Play"), box);
    m_play->setEnabled(false);
    m_save = new QPushButton(tr("&Save and open…"), box);
    m_save->setEnabled(false);
    auto* close = new QPushButton(tr("Close"), box);
    connect(m_rebuild, &QPushButton::clicked, this, &RebuildDialog::rebuild);
    connect(m_cancel, &QPushButton::clicked, this, &RebuildDialog::cancel);
    connect(m_play, &QPushButton::clicked, this, &RebuildDialog::play);
    connect(m_save, &QPushButton::clicked, this, &RebuildDialog::saveAndOpen);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    // The status across the dialog's width (beside the buttons it wrapped a guess's notes
    // into a narrow column that needed scrolling), the buttons and progress under it.
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(statusArea);
    auto* buttons = new QHBoxLayout;
    // Return in a field (a path being typed) starts nothing: runs start from their buttons.
    for (QPushButton* b : {m_rebuild, m_cancel, m_play, m_save, close}) {
        b->setAutoDefault(false);
        buttons->addWidget(b);
    }
    buttons->addWidget(m_progress, 1);
    column->addLayout(buttons);
    return box;
}

void RebuildDialog::setBusy(std::shared_ptr<core::JobControl> job, const QString& what) {
    m_job = std::move(job);
    const bool busy = bool(m_job);
    m_guess->setEnabled(!busy && !m_form->isPicture()); // a picture's reading is its axes
    m_rebuild->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_form->setEnabled(!busy);
    if (busy) {
        m_progress->setValue(0);
        m_status->setText(what);
    }
    emit busyChanged(busy);
}

void RebuildDialog::cancel() {
    if (m_job)
        m_job->cancel();
}

// A run that failed or was cancelled leaves no part-filled bar behind (a tester read a stale
// "3%" as work still going on).
void RebuildDialog::showError(const QString& text) {
    m_progress->reset();
    m_status->setText(text);
}

std::shared_ptr<core::JobControl> RebuildDialog::makeJob() {
    QPointer<RebuildDialog> self(this);
    return std::make_shared<core::JobControl>([self](double f) {
        QMetaObject::invokeMethod(qApp, [self, f] {
            if (self)
                self->m_progress->setValue(int(f * 1000));
        });
    });
}

std::optional<core::RebuildSpec> RebuildDialog::readSpec() {
    try {
        return m_form->spec();
    } catch (const std::exception& e) {
        showError(userText(e));
        return std::nullopt;
    }
}

void RebuildDialog::guess() {
    if (m_job)
        return;
    m_guessAgain = false;
    const auto read = readSpec();
    if (!read)
        return;
    const core::RebuildSpec spec = *read;
    const core::GuessOptions options = m_form->guessOptions();
    QPointer<RebuildDialog> self(this);
    auto job = makeJob();
    setBusy(job, tr("Trying every reading of the files…"));
    runDetached(
        self, m_running,
        [spec, options, job] {
            const auto mag = core::readMatrix(spec.magnitudePath, spec.raw);
            std::optional<core::Matrix> phase;
            if (!spec.phasePath.empty())
                phase = core::readMatrix(spec.phasePath, spec.raw);
            core::GuessOptions o = options;
            o.magnitudeName = spec.magnitudePath;
            o.phaseName = spec.phasePath;
            if (!mag.imag.empty()) // complex values carry their phase: both layouts are tried
                o.layout.reset();
            return core::guessParameters(mag, phase ? &*phase : nullptr, o, *job);
        },
        [self](core::GuessResult found, const QString& error, bool cancelled) {
            self->setBusy(nullptr, {});
            const bool thenRebuild = std::exchange(self->m_rebuildAfterGuess, false);
            if (cancelled)
                return self->showError(tr("Guess cancelled."));
            if (!error.isEmpty())
                return self->showError(error);
            self->showCandidates(std::move(found));
            if (thenRebuild)
                self->rebuild();
        });
}

void RebuildDialog::showCandidates(core::GuessResult result) {
    m_table->setCandidates(std::move(result.candidates)); // applies the best to the fields
    m_readingGuessed = !m_table->candidates().empty();
    m_guessedMagnitude = m_form->magnitudePath();
    if (result.hintedScaling)
        m_form->applyScaling(*result.hintedScaling);
    m_status->setText(guessText(result, m_table->candidates()));
}

void RebuildDialog::rebuild() {
    if (m_job)
        return;
    if (m_guessAgain) { // the reading was guessed for other files: first for these
        m_rebuildAfterGuess = true;
        return guess();
    }
    const auto read = readSpec();
    if (!read)
        return;
    const core::RebuildSpec spec = *read;
    QPointer<RebuildDialog> self(this);
    ++m_previewGeneration; // the result shows the input it was rebuilt from
    clearResult(tr("rebuilding…"));
    auto job = makeJob();
    setBusy(job, tr("Rebuilding…"));
    const core::IterationFn onIteration = [self](int it, double db) {
        QMetaObject::invokeMethod(qApp, [self, it, db] {
            if (self && self->m_job)
                self->m_status->setText(
                    tr("iteration %1: spectral convergence %2 dB").arg(it + 1).arg(db, 0, 'f', 2));
        });
    };
    using Result = std::pair<core::RebuildOutcome, core::MagnitudeGrid>;
    runDetached(
        self, m_running,
        [spec, job, onIteration]() -> std::shared_ptr<Result> {
            auto outcome = core::rebuildSignal(spec, *job, onIteration);
            auto grid = core::rebuiltMagnitudes(outcome);
            return std::make_shared<Result>(std::move(outcome), std::move(grid));
        },
        [self, spec](std::shared_ptr<Result> r, const QString& error, bool cancelled) {
            self->setBusy(nullptr, {});
            if (cancelled) {
                self->m_output->clear(tr("cancelled"));
                return self->showError(tr("Rebuild cancelled; nothing was changed."));
            }
            if (!error.isEmpty()) {
                self->m_output->clear(tr("failed (see the message)"));
                return self->showError(error);
            }
            self->m_resultSpec = spec;
            self->showResult(std::move(r->first), std::move(r->second));
        });
}

QString RebuildDialog::status() const {
    return m_status->text();
}

} // namespace specedit::ui
