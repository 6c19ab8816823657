#include "rebuild/RebuildForm.h"

#include "HertzSpinBox.h"
#include "rebuild/PictureFields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace specedit::ui {
namespace {

// A combo box whose items carry the CLI's names as data.
QComboBox* combo(QWidget* parent, std::initializer_list<std::pair<QString, QString>> items) {
    auto* box = new QComboBox(parent);
    for (const auto& [label, name] : items)
        box->addItem(label, name);
    return box;
}

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

QSpinBox* spin(QWidget* parent, int lo, int hi, int value, const QString& special = {}) {
    auto* s = new QSpinBox(parent);
    s->setRange(lo, hi);
    s->setValue(value);
    s->setSpecialValueText(special);
    s->setAccelerated(true);
    return s;
}

QDoubleSpinBox* fraction(QWidget* parent, double lo, double hi, double value) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(lo, hi);
    s->setDecimals(3);
    s->setSingleStep(0.01);
    s->setValue(value);
    return s;
}

QFormLayout* form(QGroupBox* box) {
    auto* f = new QFormLayout(box);
    f->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    return f;
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
    for (QDoubleSpinBox* s : QList<QDoubleSpinBox*>{m_fs, m_dbFloor} + m_picture->fields())
        connect(s, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_fs, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_followingPicture && !m_applying)
            m_rateTypedFor = magnitudePath();
    });
    connect(m_window->lineEdit(), &QLineEdit::editingFinished, this, edited); // typed
    connect(m_useFloor, &QCheckBox::toggled, this, edited);
    connect(m_bigEndian, &QCheckBox::toggled, this, edited);
    connect(m_uncentred, &QCheckBox::toggled, this, edited);
    // An FFT size equal to the old window length was the window's: it follows a new one (a
    // tester's 1024 stayed when they set the window to 512, reading the data zero-padded).
    connect(m_nperseg, &QSpinBox::valueChanged, this, [this](int n) {
        if (!m_applying && m_nfft->value() > 0 && m_nfft->value() == m_lastNperseg)
            m_nfft->setValue(0);
        m_lastNperseg = n;
    });
    connect(m_magnitude, &QLineEdit::textChanged, this, &RebuildForm::forgetGuessedReading);
    connect(m_layout, &QComboBox::activated, this, [this] { m_layoutPickedFor = magnitudePath(); });
}

void RebuildForm::forgetGuessedReading() {
    if (m_guessedFor.isEmpty() || m_guessedFor == magnitudePath())
        return;
    m_guessedFor.clear();
    m_layoutPickedFor.clear(); // the combo goes back to its default below
    m_applying = true;         // the files changed: that says it
    for (QComboBox* c : {m_layout, m_magUnit, m_phaseUnit, m_sides, m_window})
        c->setCurrentIndex(0);
    m_nperseg->setValue(0);
    m_noverlap->setValue(-1);
    m_nfft->setValue(0);
    m_offset->setValue(0);
    m_applying = false;
}

QLineEdit* RebuildForm::fileField(const QString& placeholder, bool required) {
    auto* edit = new QLineEdit(this);
    edit->setPlaceholderText(placeholder);
    edit->setObjectName(required ? "magnitudeFile" : "phaseFile");
    connect(edit, &QLineEdit::textChanged, this, &RebuildForm::filesChanged);
    return edit;
}

QWidget* RebuildForm::buildFiles() {
    auto* box = new QGroupBox(tr("Files"), this);
    auto* f = form(box);
    m_magnitude = fileField(
        tr(".npy, .csv, .txt (MATLAB text too), raw .f32/.f64, or a grayscale picture"), true);
    m_phase = fileField(tr("optional: without it the phase is rebuilt"), false);
    for (QLineEdit* edit : {m_magnitude, m_phase}) {
        auto* line = new QHBoxLayout;
        line->addWidget(edit, 1);
        auto* browse = new QPushButton(tr("Browse…"), box);
        browse->setAutoDefault(false); // Return in a path opened the picker
        connect(browse, &QPushButton::clicked, this, [this, edit] {
            const QString path = QFileDialog::getOpenFileName(
                this, tr("Choose a matrix file"), edit->text(),
                tr("Matrices and pictures (*.npy *.csv *.tsv *.txt *.f32 *.f64 *.raw *.bin *.dat "
                   "*.png *.jpg *.jpeg *.bmp *.pgm);;All (*)"));
            if (!path.isEmpty())
                edit->setText(path);
        });
        line->addWidget(browse);
        f->addRow(edit == m_magnitude ? tr("Magnitudes:") : tr("Phases:"), line);
    }
    return box;
}

QWidget* RebuildForm::buildReading() {
    auto* box = new QGroupBox(tr("How the files are read"), this);
    m_readingBox = box;
    auto* f = form(box);
    m_layout = combo(box, {{tr("bins × frames (scipy, MATLAB)"), "bins-frames"},
                           {tr("frames × bins"), "frames-bins"}});
    m_layout->setObjectName("layout");
    m_magUnit = combo(box, {{tr("linear |X|"), "linear"},
                            {tr("power |X|²"), "power"},
                            {tr("dB, 20·log10 |X|"), "db"},
                            {tr("dB, 10·log10 |X|"), "db10"}});
    m_useFloor = new QCheckBox(tr("silence at or below"), box);
    m_dbFloor = new QDoubleSpinBox(box);
    m_dbFloor->setRange(-1000, 1000);
    m_dbFloor->setValue(-120);
    m_dbFloor->setSuffix(tr(" dB"));
    auto* floorRow = new QHBoxLayout;
    floorRow->addWidget(m_useFloor);
    floorRow->addWidget(m_dbFloor, 1);
    m_phaseUnit = combo(
        box, {{tr("radians"), "radians"}, {tr("degrees"), "degrees"}, {tr("cycles"), "cycles"}});
    m_sides = combo(box, {{tr("automatic"), "auto"},
                          {tr("one-sided"), "onesided"},
                          {tr("two-sided"), "twosided"},
                          {tr("two-sided, fftshifted"), "shifted"}});
    m_scaling = combo(box, {{tr("spectrum (scipy)"), "spectrum"},
                            {tr("none (plain FFT)"), "none"},
                            {tr("psd (scipy)"), "psd"}});
    m_rawType = combo(
        box,
        {{tr("from the extension"), ""}, {tr("float32"), "float32"}, {tr("float64"), "float64"}});
    m_bigEndian = new QCheckBox(tr("big-endian"), box);
    m_rows = spin(box, 0, 1 << 30, 0, tr("—"));
    f->addRow(tr("Layout:"), m_layout);
    f->addRow(tr("Magnitudes:"), m_magUnit);
    f->addRow(tr("dB floor:"), floorRow);
    f->addRow(tr("Phases:"), m_phaseUnit);
    f->addRow(tr("Bins:"), m_sides);
    f->addRow(tr("Scaling:"), m_scaling);
    f->addRow(tr("Raw type:"), m_rawType);
    f->addRow(tr("Raw rows:"), m_rows);
    f->addRow(QString(), m_bigEndian);
    return box;
}

QWidget* RebuildForm::buildStft() {
    auto* box = new QGroupBox(tr("STFT"), this);
    auto* f = form(box);
    m_window = combo(box, {{"hann", "hann"},
                           {"hamming", "hamming"},
                           {"blackman", "blackman"},
                           {"boxcar", "boxcar"},
                           {"sqrthann", "sqrthann"},
                           {tr("hann, symmetric (MATLAB)"), "hann,sym"},
                           {tr("hamming, symmetric (MATLAB)"), "hamming,sym"},
                           {tr("blackman, symmetric (MATLAB)"), "blackman,sym"},
                           {"blackmanharris", "blackmanharris"},
                           {"flattop", "flattop"},
                           {"kaiser,8.6", "kaiser,8.6"},
                           {"gaussian,32", "gaussian,32"},
                           {tr("tukey,0.25 (scipy's spectrogram)"), "tukey,0.25"}});
    // Kaiser's beta and the Gaussian's sigma (samples) are typed after the comma, as the CLI
    // takes them ("kaiser,14"); any other window name as scipy writes it too.
    m_window->setObjectName("window");
    m_window->setEditable(true);
    m_window->setInsertPolicy(QComboBox::NoInsert);
    m_window->setToolTip(tr("A window from the list, or typed as the CLI takes it: "
                            "kaiser,BETA or gaussian,SIGMA (samples), e.g. kaiser,14"));
    m_nperseg = spin(box, 0, core::kMaxTransformSize, 0, tr("from the bins"));
    m_noverlap = spin(box, -1, core::kMaxTransformSize, -1, tr("half the window"));
    m_nfft = spin(box, 0, core::kMaxTransformSize, 0, tr("= window"));
    m_noverlap->setObjectName("noverlap");
    m_nperseg->setObjectName("nperseg");
    m_nfft->setObjectName("nfft");
    m_offset = spin(box, 0, core::kMaxTransformSize, 0, tr("0 (window first)"));
    m_offset->setObjectName("windowOffset");
    m_offset->setSuffix(tr(" samples"));
    m_offset->setToolTip(tr("Zeros before a window shorter than the FFT in each frame: 0 for "
                            "scipy and MATLAB; librosa and torch centre it, (FFT size - window "
                            "length) / 2. The guess finds it from a phase."));
    m_detrend = combo(box, {{tr("none"), "none"},
                            {tr("constant (scipy.signal.spectrogram)"), "constant"},
                            {tr("linear"), "linear"}});
    m_detrend->setObjectName("detrend");
    m_detrend->setToolTip(tr("Each frame's mean (constant) or line (linear) was taken away "
                             "before the window, as scipy's detrend does: rebuilt exactly "
                             "from a phase; not for phase retrieval. The guess finds it."));
    m_fs = new HertzSpinBox(box);
    m_fs->setObjectName("sampleRate");
    m_fs->setRange(1e-3, 1e12);
    m_fs->setValue(8000);
    m_length = spin(box, 0, std::numeric_limits<int>::max(), 0, tr("from the frames"));
    m_length->setSuffix(tr(" samples"));
    f->addRow(tr("Window:"), m_window);
    f->addRow(tr("Window length:"), m_nperseg);
    f->addRow(tr("Overlap:"), m_noverlap);
    f->addRow(tr("FFT size:"), m_nfft);
    f->addRow(tr("Window offset:"), m_offset);
    f->addRow(tr("Detrend:"), m_detrend);
    f->addRow(tr("Sample rate:"), m_fs);
    f->addRow(tr("Signal length:"), m_length);
    m_uncentred = new QCheckBox(tr("frames start at the first sample"), box);
    m_uncentred->setObjectName("uncentred");
    m_uncentred->setToolTip(tr("MATLAB's spectrogram, librosa and torch with center=False: frame "
                               "j covers samples j·hop to j·hop + window. Off: scipy's frames, "
                               "centred on j·hop (the guess tells the two apart only from a given "
                               "signal length)"));
    f->addRow(QString(), m_uncentred);
    return box;
}

QWidget* RebuildForm::buildRetrieval() {
    auto* box = new QGroupBox(tr("Phase retrieval"), this);
    auto* f = form(box);
    m_method = combo(box, {{tr("RAAR, then fast Griffin–Lim"), "raar"},
                           {tr("fast Griffin–Lim"), "fgla"},
                           {tr("Griffin–Lim"), "gla"},
                           {tr("L-BFGS"), "lbfgs"}});
    m_init = combo(box, {{tr("PGHI"), "pghi"}, {tr("zero"), "zero"}, {tr("random"), "random"}});
    m_iterations = spin(box, 1, 100000, 100);
    m_momentum = fraction(box, 0, 1.99, 0.99);
    m_relaxation = fraction(box, 0.01, 1, 0.99);
    m_method->setToolTip(tr("RAAR (relaxed averaged alternating reflections) for most of the "
                            "iterations (70 of 100), then fast Griffin–Lim: the lowest spectral "
                            "convergence for speech in the benchmark"));
    m_method->setObjectName("method");
    m_momentum->setObjectName("momentum");
    m_relaxation->setObjectName("relaxation");
    m_relaxation->setToolTip(tr("RAAR's β; 1 is the plain Douglas–Rachford step"));
    f->addRow(tr("Method:"), m_method);
    f->addRow(tr("Start from:"), m_init);
    f->addRow(tr("Iterations:"), m_iterations);
    f->addRow(tr("Momentum:"), m_momentum);
    f->addRow(tr("Relaxation:"), m_relaxation);
    // Momentum drives fast Griffin-Lim (RAAR's finish too); relaxation only RAAR.
    auto methodChanged = [this] {
        const QString m = m_method->currentData().toString();
        m_momentum->setEnabled(m == "fgla" || m == "raar");
        m_relaxation->setEnabled(m == "raar");
    };
    connect(m_method, &QComboBox::currentIndexChanged, this, methodChanged);
    methodChanged();
    return box;
}

QWidget* RebuildForm::buildPicture() {
    m_picture = new PictureFields(this);
    connect(this, &RebuildForm::filesChanged, this, &RebuildForm::updatePicture);
    connect(m_picture, &PictureFields::axesChanged, this, &RebuildForm::followPictureRate);
    return m_picture;
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
    if (const auto rate = m_picture->shownSampleRate()) {
        m_followingPicture = true;
        m_fs->setValue(*rate);
        m_followingPicture = false;
    }
}

// A picture has its own levels and axes; how matrix files are read does not apply to it.
void RebuildForm::updatePicture() {
    m_picture->setEnabled(isPicture());
    m_readingBox->setEnabled(!isPicture());
    followPictureRate();
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
    if (m_useFloor->isChecked())
        s.layout.dbFloor = m_dbFloor->value();
    s.layout.phase = core::parsePhaseUnit(nameOf(m_phaseUnit), "Phases");
    s.autoSides = nameOf(m_sides) == "auto";
    if (!s.autoSides)
        s.layout.order = core::parseBinOrder(nameOf(m_sides), "Bins");
    s.layout.scaling = core::parseSpectrumScaling(nameOf(m_scaling), "Scaling");
    s.analysis.window = core::parseWindow(windowName(m_window), "Window");
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
    s.retrieval.framing.centred = !m_uncentred->isChecked();
    if (core::isImagePath(s.magnitudePath))
        s.image = m_picture->axes();
    return s;
}

void RebuildForm::setFiles(const QString& magnitude, const QString& phase) {
    m_magnitude->setText(magnitude);
    m_phase->setText(phase);
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
    select(m_window, core::toString(c.params.window));
    if (windowName(m_window) != core::toString(c.params.window)) // not listed: as the CLI writes it
        m_window->setEditText(QString::fromStdString(core::toString(c.params.window)));
    m_nperseg->setValue(c.params.nperseg);
    m_noverlap->setValue(c.params.noverlap);
    m_nfft->setValue(c.params.nfft); // the length stays as given (or from the frames)
    m_offset->setValue(c.layout.windowOffset);
    select(m_detrend, core::toString(c.detrend));
    if (c.centred) // the given length's frame count told
        m_uncentred->setChecked(!*c.centred);
    m_applying = false;
    m_guessedFor = magnitudePath();
}

core::GuessOptions RebuildForm::guessOptions() const {
    core::GuessOptions o;
    if (m_length->value() > 0)
        o.length = m_length->value();
    o.fs = m_fs->value();
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
