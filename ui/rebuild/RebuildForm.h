#pragma once
// The fields of File > Rebuild from spectrogram: the files, how to read them (layout, units,
// bin order, scaling, raw binary type; for a picture its colour map, levels and axes, enabled
// when the magnitude file is a picture), the STFT parameters and the phase retrieval settings,
// turned into a core::RebuildSpec; a guessed candidate fills them in, until another magnitude
// file is chosen. GUI thread only. RebuildFormFields.cpp builds the fields.

#include "apply/Rebuild.h"
#include "phase/ParameterGuess.h"

#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

class QLabel;

namespace specedit::ui {

class PictureFields;

class RebuildForm : public QWidget {
    Q_OBJECT
public:
    explicit RebuildForm(QWidget* parent = nullptr);

    // Throws core::Error naming the field when a value cannot be used.
    core::RebuildSpec spec() const;
    void setFiles(const QString& magnitude, const QString& phase);
    void apply(const core::GuessCandidate& candidate);
    // The scaling a guess points to (its tool's own), set as a guessed reading is.
    void applyScaling(core::SpectrumScaling scaling);
    // The layout, unit and scaling a rebuild read from the files themselves (none was picked).
    void showReading(const core::RebuildOutcome& outcome);
    // The window field shows this one (a picture's description names the window drawn).
    void showWindow(const core::WindowSpec& window);
    // Guess options from the fields (length, rate; the scaling when picked by hand for the file).
    core::GuessOptions guessOptions() const;
    QString magnitudePath() const;
    QString phasePath() const;
    bool isPicture() const; // the magnitude file is a picture
    PictureFields* pictureFields() const { return m_picture; }

signals:
    void filesChanged();
    // The user changed how the files are read (layout, units, STFT, picture axes): a guessed
    // reading applied by apply() does not count.
    void readingEdited();
    // Why a field refused what was typed: text that is no value, or a sample rate of 0 or
    // below; the field kept its value.
    void refused(const QString& why);

private:
    QWidget* buildFiles();
    // An .npz chosen as the magnitudes, no phase given, whose two arrays' names say which is
    // which (core::npzMagnitudeAndPhase): both fields take its arrays (s.npz:mag, s.npz:phase).
    void pairNpz(const QString& path);
    QWidget* buildPicture();
    void updatePicture();
    void updateGridTexts();
    void followPictureRate();
    void updateRateNote();
    QWidget* buildReading();
    QWidget* buildStft();
    QWidget* buildRetrieval();
    QLineEdit* fileField(const QString& placeholder, bool required);
    void watchReading();
    // A reading guessed for another file does not carry over to a new one: back to defaults.
    void forgetGuessedReading();
    // ... nor the layout, unit and scaling a rebuild read from another file's values.
    void forgetReadReading();

    QLineEdit *m_magnitude, *m_phase;
    QComboBox *m_layout, *m_magUnit, *m_phaseUnit, *m_sides, *m_scaling, *m_rawType;
    QDoubleSpinBox *m_dbFloor, *m_fs, *m_momentum, *m_relaxation;
    QDoubleSpinBox* m_centre = nullptr; // an IQ result's centre; a radio axis' offsets from it
    QCheckBox *m_useFloor, *m_bigEndian, *m_uncentred;
    QSpinBox *m_rows, *m_nperseg, *m_noverlap, *m_nfft, *m_offset, *m_length, *m_iterations;
    QComboBox *m_window, *m_method, *m_init, *m_detrend;
    PictureFields* m_picture;
    QWidget* m_readingBox = nullptr;
    bool m_applying = false;
    QString m_layoutPickedFor;    // the magnitude file the Layout was picked by hand for
    QString m_scalingPickedFor;   // ... and the Scaling
    QString m_unitPickedFor;      // ... and the Magnitudes' unit
    QString m_readFor;            // the file whose values set Layout, Magnitudes or Scaling
    bool m_guessSetStart = false; // a guess ticked or unticked "frames start at the first sample"
    QString m_guessedFor;         // the magnitude file the applied guess was for
    int m_lastNperseg = 0;
    std::optional<QString> m_rateTypedFor; // the file the Sample rate was typed for: kept there
    bool m_followingPicture = false;       // setting the rate a picture's axis shows
    bool m_rateTyped = false;              // typed in this dialog (else the last one typed)
    QLabel* m_fsNote = nullptr;            // "assumed", "from the picture" or nothing
    static constexpr const char* kRateKey = "rebuild/sampleRate"; // QSettings: last typed
};

} // namespace specedit::ui
