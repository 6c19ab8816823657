#include "rebuild/RebuildForm.h"

#include "rebuild/PictureFields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace specedit::ui {
namespace {

std::string nameOf(const QComboBox* box) {
    return box->currentData().toString().toStdString();
}

// An editable combo's choice: the name behind a listed label, else the text as typed.
std::string windowName(const QComboBox* box) {
    const int i = box->findText(box->currentText());
    return i >= 0 ? box->itemData(i).toString().toStdString()
                  : box->currentText().trimmed().toStdString();
}

void select(QComboBox* box, const std::string& name) {
    const int i = box->findData(QString::fromStdString(name));
    if (i >= 0)
        box->setCurrentIndex(i);
}

} // namespace

RebuildForm::RebuildForm(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildFiles());
    layout->addWidget(buildPicture());
    auto* row = new QHBoxLayout;
    row->addWidget(buildReading());
    row->addWidget(buildStft());
    row->addWidget(buildRetrieval());
    layout->addLayout(row);
    watchReading();
    updatePicture();
}

// A field of the reading changed by hand (not by apply): readingEdited.
void RebuildForm::watchReading() {
    auto edited = [this] {
        if (!m_applying)
            emit readingEdited();
    };
    for (QComboBox* c :
         {m_layout, m_magUnit, m_phaseUnit, m_sides, m_scaling, m_rawType, m_window, m_detrend})
        connect(c, &QComboBox::currentIndexChanged, this, edited);
    for (QSpinBox* s : {m_rows, m_nperseg, m_noverlap, m_nfft, m_offset, m_length})
        connect(s, &QSpinBox::valueChanged, this, edited);
    for (QDoubleSpinBox* s :
         QList<QDoubleSpinBox*>{m_fs, m_dbFloor, m_centre} + m_picture->fields())
        connect(s, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_centre, &QDoubleSpinBox::valueChanged, this, [this] {
        followPictureRate();
        updateRateNote();
    });
    connect(m_fs, &QDoubleSpinBox::valueChanged, this, [this](double fs) {
        if (!m_followingPicture && !m_applying) {
            m_rateTypedFor = magnitudePath();
            m_rateTyped = true;
            QSettings().setValue(kRateKey, fs);
        }
        updateRateNote();
    });
    connect(m_window->lineEdit(), &QLineEdit::editingFinished, this, edited); // typed
    connect(m_useFloor, &QCheckBox::toggled, this, edited);
    connect(m_bigEndian, &QCheckBox::toggled, this, edited);
    connect(m_uncentred, &QCheckBox::toggled, this, edited);
    connect(m_picture, &PictureFields::coloursChanged, this, edited);
    // An FFT size equal to the old window length was the window's: it follows a new one (a
    // tester's 1024 stayed when they set the window to 512, reading the data zero-padded).
    connect(m_nperseg, &QSpinBox::valueChanged, this, [this](int n) {
        if (!m_applying && m_nfft->value() > 0 && m_nfft->value() == m_lastNperseg)
            m_nfft->setValue(0);
        m_lastNperseg = n;
        updateGridTexts();
    });
    connect(m_magnitude, &QLineEdit::textChanged, this, &RebuildForm::forgetGuessedReading);
    // The lengths a guess fitted to the other layout's bins do not fit this one's (a tester's
    // window 2528, from 1265 rows read as bins, stayed when they picked frames x bins).
    connect(m_layout, &QComboBox::activated, this, [this] {
        m_layoutPickedFor = magnitudePath();
        if (m_guessedFor.isEmpty() || m_guessedFor != magnitudePath())
            return;
        m_nperseg->setValue(0);
        m_noverlap->setValue(-1);
        m_nfft->setValue(0);
        m_offset->setValue(0);
    });
    connect(m_scaling, &QComboBox::activated, this,
            [this] { m_scalingPickedFor = magnitudePath(); });
    connect(m_magUnit, &QComboBox::activated, this, [this] { m_unitPickedFor = magnitudePath(); });
}

void RebuildForm::forgetGuessedReading() {
    forgetReadReading();
    if (m_guessedFor.isEmpty() || m_guessedFor == magnitudePath())
        return;
    m_guessedFor.clear();
    m_layoutPickedFor.clear(); // the combos go back to their defaults below
    m_scalingPickedFor.clear();
    m_unitPickedFor.clear();
    m_applying = true; // the files changed: that says it
    for (QComboBox* c : {m_layout, m_magUnit, m_phaseUnit, m_sides, m_scaling, m_window, m_detrend})
        c->setCurrentIndex(0);
    if (m_guessSetStart)
        m_uncentred->setChecked(false);
    m_guessSetStart = false;
    m_nperseg->setValue(0);
    m_noverlap->setValue(-1);
    m_nfft->setValue(0);
    m_offset->setValue(0);
    m_applying = false;
}

// A picture's frequency axis shows its rate (0 .. fs/2, -fs/2 .. fs/2): the Sample rate follows
// it until the user types one for this picture (or before choosing any file). Before, a
// 0-11025 Hz picture was refused at the 8 kHz default.
void RebuildForm::followPictureRate() {
    if (!isPicture())
        return;
    if (m_rateTypedFor && m_rateTypedFor->isEmpty())
        m_rateTypedFor = magnitudePath(); // typed before a file was chosen: it is this one's
    if (m_rateTypedFor == magnitudePath())
        return;
    m_rateTypedFor.reset(); // another picture
    if (const auto rate = m_picture->shownSampleRate(m_centre->value())) {
        m_followingPicture = true;
        m_fs->setValue(*rate);
        m_followingPicture = false;
        m_rateTyped = false; // the picture's now
    }
}

// Beside the Sample rate, where its number comes from until one is typed: a tester rebuilt at
// the 8 kHz default with nothing saying it was not the file's.
void RebuildForm::updateRateNote() {
    const bool fromPicture = isPicture() && m_rateTypedFor != magnitudePath();
    m_fsNote->setText(fromPicture   ? tr("from the picture")
                      : m_rateTyped ? QString()
                                    : tr("assumed"));
    m_fsNote->setToolTip(
        fromPicture ? tr("The rate the picture's frequency axis shows: type another if it shows "
                         "only part of the band")
                    : tr("Not typed for these files: the last rate typed here (8 kHz at first). "
                         "Type the rate the spectrogram was made at: a wrong one changes the "
                         "pitch and the times of the result, not how well it is rebuilt"));
}

// A picture has its own levels and axes; how matrix files are read does not apply to it.
void RebuildForm::updatePicture() {
    m_picture->setEnabled(isPicture());
    m_readingBox->setEnabled(!isPicture());
    m_uncentred->setEnabled(!isPicture()); // a picture's frames lie where its time axis says
    followPictureRate();
    updateRateNote();
    updateGridTexts();
}

// Unset, a picture's window length and overlap are those its cells show (phase/PictureGrid.h);
// a matrix's window length is its bins', and the overlap half the window.
void RebuildForm::updateGridTexts() {
    const bool picture = isPicture();
    m_nperseg->setSpecialValueText(picture ? tr("from the picture") : tr("from the bins"));
    m_noverlap->setSpecialValueText(picture && m_nperseg->value() == 0 ? tr("from the picture")
                                                                       : tr("half the window"));
    m_nperseg->setToolTip(picture ? tr("Unset: the window the picture was drawn with, from its "
                                       "bands of equal rows (one per bin) where bins are wider "
                                       "than a pixel, else the power of two its rows hold")
                                  : QString());
}

bool RebuildForm::isPicture() const {
    return core::isImagePath(m_magnitude->text().trimmed().toStdString());
}

core::RebuildSpec RebuildForm::spec() const {
    core::RebuildSpec s;
    s.magnitudePath = m_magnitude->text().trimmed().toStdString();
    s.phasePath = m_phase->text().trimmed().toStdString();
    if (s.magnitudePath.empty())
        throw core::Error("Magnitudes", "no file chosen", "a magnitude file");
    if (!nameOf(m_rawType).empty())
        s.raw.type = core::parseRawType(nameOf(m_rawType), "Raw type");
    s.raw.bigEndian = m_bigEndian->isChecked();
    if (m_rows->value() > 0)
        s.raw.rows = m_rows->value();
    s.layout.layout = core::parseMatrixLayout(nameOf(m_layout), "Layout");
    s.layout.magnitude = core::parseMagnitudeUnit(nameOf(m_magUnit), "Magnitudes");
    // Left at their defaults, neither picked nor guessed, magnitudes alone are read as their
    // shape and values show (apply/MagnitudeReading.h).
    const QString path = magnitudePath();
    const bool guessed = !m_guessedFor.isEmpty() && m_guessedFor == path;
    s.layoutGiven = guessed || m_layout->currentIndex() != 0 || m_layoutPickedFor == path;
    s.magnitudeUnitGiven = guessed || m_magUnit->currentIndex() != 0 || m_unitPickedFor == path;
    if (m_useFloor->isChecked())
        s.layout.dbFloor = m_dbFloor->value();
    s.layout.phase = core::parsePhaseUnit(nameOf(m_phaseUnit), "Phases");
    s.autoSides = nameOf(m_sides) == "auto";
    if (!s.autoSides)
        s.layout.order = core::parseBinOrder(nameOf(m_sides), "Bins");
    s.layout.scaling = core::parseSpectrumScaling(nameOf(m_scaling), "Scaling");
    // scipy's scaling picked by hand stays; left at it, the result's level may say a plain FFT.
    s.scalingGiven = s.layout.scaling != core::SpectrumScaling::Spectrum ||
                     (!m_scalingPickedFor.isEmpty() && m_scalingPickedFor == magnitudePath());
    s.analysis.window = core::parseWindow(windowName(m_window), "Window");
    s.windowGiven = true; // as the field shows it
    if (m_nperseg->value() > 0)
        s.analysis.nperseg = m_nperseg->value();
    if (m_noverlap->value() >= 0)
        s.analysis.noverlap = m_noverlap->value();
    if (m_nfft->value() > 0)
        s.analysis.nfft = m_nfft->value();
    s.layout.windowOffset = m_offset->value();
    s.detrend = core::parseDetrend(nameOf(m_detrend), "Detrend");
    s.analysis.fs = m_fs->value();
    if (m_length->value() > 0)
        s.length = m_length->value();
    s.retrieval.method = core::parsePhaseMethod(nameOf(m_method), "Method");
    s.retrieval.init = core::parseInitialPhase(nameOf(m_init), "Start from");
    s.retrieval.iterations = m_iterations->value();
    s.retrieval.momentum = m_momentum->value();
    s.retrieval.relaxation = m_relaxation->value();
    s.retrieval.framing.centred = isPicture() || !m_uncentred->isChecked();
    if (m_centre->value() > 0)
        s.centerFrequency = m_centre->value();
    if (core::isImagePath(s.magnitudePath)) {
        s.image = m_picture->axes();
        core::offsetsFromCentre(*s.image, m_centre->value());
        s.imageColormap = m_picture->colormap();
        s.layout.scaling = m_picture->levelsOf();
    }
    return s;
}

void RebuildForm::setFiles(const QString& magnitude, const QString& phase) {
    m_phase->setText(phase); // first: an .npz of both fills it when none is given (pairNpz)
    m_magnitude->setText(magnitude);
}

void RebuildForm::showReading(const core::RebuildOutcome& outcome) {
    m_applying = true;
    if (!outcome.layoutNote.empty() || !outcome.unitNote.empty()) {
        select(m_layout, core::toString(outcome.layout.layout));
        select(m_magUnit, core::toString(outcome.layout.magnitude));
        m_readFor = magnitudePath();
    }
    if (outcome.scalingByLevel) {
        select(m_scaling, core::toString(*outcome.scalingByLevel));
        m_readFor = magnitudePath();
    }
    m_applying = false;
}

void RebuildForm::forgetReadReading() {
    if (m_readFor.isEmpty() || m_readFor == magnitudePath())
        return;
    m_readFor.clear();
    m_applying = true; // the files changed: that says it
    const QString path = magnitudePath();
    if (m_layoutPickedFor != path)
        m_layout->setCurrentIndex(0);
    if (m_unitPickedFor != path)
        m_magUnit->setCurrentIndex(0);
    if (m_scalingPickedFor != path)
        m_scaling->setCurrentIndex(0);
    m_applying = false;
}

void RebuildForm::applyScaling(core::SpectrumScaling scaling) {
    m_applying = true;
    select(m_scaling, core::toString(scaling));
    m_applying = false;
}

void RebuildForm::apply(const core::GuessCandidate& c) {
    m_applying = true;
    select(m_layout, core::toString(c.layout.layout));
    select(m_magUnit, core::toString(c.layout.magnitude));
    select(m_phaseUnit, core::toString(c.layout.phase));
    select(m_sides, core::toString(c.layout.order));
    select(m_scaling, core::toString(c.layout.scaling));
    showWindow(c.params.window);
    m_nperseg->setValue(c.params.nperseg);
    m_noverlap->setValue(c.params.noverlap);
    m_nfft->setValue(c.params.nfft); // the length stays as given (or from the frames)
    m_offset->setValue(c.layout.windowOffset);
    select(m_detrend, core::toString(c.detrend));
    const bool toolStartsFirst = !core::firstSampleTool(c).empty();
    if (c.centred) // the given length's frame count told
        m_uncentred->setChecked(!*c.centred);
    else if (toolStartsFirst) // scipy.signal.spectrogram's window, MATLAB's
        m_uncentred->setChecked(true);
    else if (m_guessSetStart) // another row picked after one that set it
        m_uncentred->setChecked(false);
    m_guessSetStart = m_guessSetStart || c.centred.has_value() || toolStartsFirst;
    m_applying = false;
    m_guessedFor = magnitudePath();
}

void RebuildForm::showWindow(const core::WindowSpec& window) {
    const bool applying = m_applying;
    m_applying = true;
    select(m_window, core::toString(window));
    if (windowName(m_window) != core::toString(window)) // not listed: as the CLI writes it
        m_window->setEditText(QString::fromStdString(core::toString(window)));
    m_applying = applying;
}

core::GuessOptions RebuildForm::guessOptions() const {
    core::GuessOptions o;
    if (m_length->value() > 0)
        o.length = m_length->value();
    o.fs = m_fs->value();
    // A scaling a guess hinted is the guess's to set again: only one picked by hand is given.
    if (!m_scalingPickedFor.isEmpty() && m_scalingPickedFor == magnitudePath())
        o.scaling = core::parseSpectrumScaling(nameOf(m_scaling), "Scaling");
    o.keep = 12;
    // 256 frames with or without a phase: from magnitudes alone 64 frames ranked the true
    // reading 8th on recorded telephone speech (README, "guess").
    const bool magnitudesOnly = m_phase->text().trimmed().isEmpty();
    o.maxFrames = 256;
    // The magnitudes alone cannot tell a transposed reading apart: the layout picked by hand,
    // else the one the shape makes likely (core::likelyLayout; the guess says when transposed).
    if (magnitudesOnly && !m_layoutPickedFor.isEmpty() && m_layoutPickedFor == magnitudePath())
        o.layout = core::parseMatrixLayout(nameOf(m_layout), "Layout");
    return o;
}

QString RebuildForm::magnitudePath() const {
    return m_magnitude->text().trimmed();
}
QString RebuildForm::phasePath() const {
    return m_phase->text().trimmed();
}

} // namespace specedit::ui
