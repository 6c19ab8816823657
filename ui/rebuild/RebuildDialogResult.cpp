// The rebuild dialog's result: shown beside the input, played, saved and opened, and not lost
// by closing the dialog without a word (RebuildDialog.h).

#include "ErrorText.h"
#include "OutputFolder.h"
#include "audio/Player.h"
#include "rebuild/DiscardQuestion.h"
#include "rebuild/MagnitudePreview.h"
#include "rebuild/OutcomeText.h"
#include "rebuild/RebuildDialog.h"
#include "rebuild/RebuildForm.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace specedit::ui {

void RebuildDialog::showResult(core::RebuildOutcome outcome, core::MagnitudeGrid rebuilt) {
    const auto& p = outcome.params;
    const bool twoSided = outcome.complexSignal;
    const double seconds = double(outcome.length) / p.fs;
    m_input->setGrid(outcome.input, p.hop() / p.fs, p.fs, twoSided, seconds);
    m_output->setGrid(rebuilt, p.hop() / p.fs, p.fs, twoSided, seconds);
    m_saved = false;
    m_progress->setValue(1000);
    m_status->setText(outcomeText(outcome, m_form->isPicture()));
    m_form->showReading(outcome); // what was read from the files themselves
    m_result = std::move(outcome);
    const bool audible = !m_result->complexSignal && p.fs >= 1000 && p.fs <= 384000;
    m_play->setEnabled(audible && m_player->hasDevice());
    m_play->setToolTip(!audible ? tr("Save and open it to listen (IQ is demodulated there)")
                       : !m_player->hasDevice()
                           ? tr("No audio output device: playback is unavailable")
                           : QString());
    m_save->setEnabled(true);
}

void RebuildDialog::play() {
    if (!m_result || m_result->complexSignal)
        return;
    if (m_player->isPlaying()) {
        m_player->stop();
        return;
    }
    PlaybackAudio audio;
    audio.original.assign(m_result->real.begin(), m_result->real.end());
    audio.edited = audio.original;
    audio.rate = m_result->params.fs;
    m_player->play(std::move(audio), false, false);
}

QString RebuildDialog::suggestedOutput() const {
    const QFileInfo mag(m_form->magnitudePath());
    const bool iq = m_result && m_result->complexSignal;
    return QDir(writableFolder(mag.absolutePath()))
        .filePath(mag.completeBaseName() + (iq ? ".rebuilt.sigmf-meta" : ".rebuilt.wav"));
}

void RebuildDialog::saveAndOpen() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save the rebuilt signal"), suggestedOutput(),
                                     tr("Recordings (*.wav *.flac *.sigmf-meta *.cf32 *.npy)"));
    if (!path.isEmpty())
        saveResult(path);
}

bool RebuildDialog::saveResult(const QString& path) {
    if (!m_result)
        return false;
    try {
        core::writeRebuilt(*m_result, m_resultSpec, path.toStdString(), {}, std::nullopt);
    } catch (const std::exception& e) {
        showError(userText(e));
        return false;
    }
    m_saved = true;
    m_status->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
    core::OpenOptions options; // raw files (.cf32) and .npy keep no rate: the result's goes along
    options.sampleRate = m_result->params.fs;
    emit openRequested(path, options);
    return true;
}

void RebuildDialog::reject() {
    if (mayDiscard(this, isRunning(), m_result && !m_saved))
        QDialog::reject();
}

} // namespace specedit::ui
