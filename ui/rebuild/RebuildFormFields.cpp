// RebuildForm's fields: the files, the picture's levels and axes, how the files are read, the
// STFT and the phase retrieval, each in its box, with their ranges, defaults and tooltips.
#include "HertzSpinBox.h"
#include "KeepDigitsSpinBox.h"
#include "io/NpzArchive.h"
#include "rebuild/OverlapSpinBox.h"
#include "rebuild/PictureFields.h"
#include "rebuild/RebuildForm.h"
#include "util/Error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace specedit::ui {
namespace {

// A combo box whose items carry the CLI's names as data.
QComboBox* combo(QWidget* parent, std::initializer_list<std::pair<QString, QString>> items) {
    auto* box = new QComboBox(parent);
    for (const auto& [label, name] : items)
        box->addItem(label, name);
    return box;
}

QSpinBox* spin(QWidget* parent, int lo, int hi, int value, const QString& special = {}) {
    auto* s = new KeepDigitsSpinBox(parent);
    s->setRange(lo, hi);
    s->setValue(value);
    s->setSpecialValueText(special);
    s->setAccelerated(true);
    return s;
}

QDoubleSpinBox* fraction(QWidget* parent, double lo, double hi, double value) {
    auto* s = new KeepDigitsDoubleSpinBox(parent);
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
        tr(".npy, .npz (FILE.npz:ARRAY), .csv, .txt (MATLAB text too), raw .f32/.f64, or a "
           "picture (a figure too)"),
        true);
    m_phase = fileField(tr("optional: without it the phase is rebuilt"), false);
    for (QLineEdit* edit : {m_magnitude, m_phase}) {
        auto* line = new QHBoxLayout;
        line->addWidget(edit, 1);
        auto* browse = new QPushButton(tr("Browse…"), box);
        browse->setAutoDefault(false); // Return in a path opened the picker
        connect(browse, &QPushButton::clicked, this, [this, edit] {
            const QString path =
                QFileDialog::getOpenFileName(this, tr("Choose a matrix file"), edit->text(),
                                             tr("Matrices and pictures (*.npy *.npz *.csv *.tsv "
                                                "*.txt *.f32 *.f64 *.raw *.bin *.dat "
                                                "*.png *.jpg *.jpeg *.bmp *.pgm);;All (*)"));
            if (!path.isEmpty())
                edit->setText(path);
        });
        line->addWidget(browse);
        f->addRow(edit == m_magnitude ? tr("Magnitudes:") : tr("Phases:"), line);
    }
    connect(m_magnitude, &QLineEdit::textChanged, this, &RebuildForm::pairNpz);
    return box;
}

void RebuildForm::pairNpz(const QString& path) {
    if (!m_phase->text().isEmpty() || !path.endsWith(".npz", Qt::CaseInsensitive) ||
        !QFileInfo(path).isFile())
        return;
    try {
        if (const auto pair = core::npzMagnitudeAndPhase(path.toStdString())) {
            m_phase->setText(QString::fromStdString(pair->phase));
            m_magnitude->setText(QString::fromStdString(pair->magnitude));
        }
    } catch (const core::Error&) { // read as given: the reading names what is wrong
    }
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
                            {tr("dB, 20·log10 |X| = 10·log10 |X|²"), "db"},
                            {tr("dB, 10·log10 |X|"), "db10"}});
    m_magUnit->setObjectName("magnitudeUnit");
    m_useFloor = new QCheckBox(tr("silence at or below"), box);
    m_dbFloor = new KeepDigitsDoubleSpinBox(box);
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
                            {tr("psd (scipy)"), "psd"},
                            {tr("ortho (torch.stft normalized)"), "ortho"},
                            {tr("window norm (torchaudio normalized)"), "window"}});
    m_scaling->setObjectName("scaling");
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
    auto* overlap = new OverlapSpinBox(box, [this] { return m_nperseg->value(); });
    overlap->setRange(-1, core::kMaxTransformSize);
    overlap->setValue(-1);
    overlap->setSpecialValueText(tr("half the window"));
    overlap->setSuffix(tr(" samples"));
    connect(overlap, &OverlapSpinBox::refused, this, [this](const QString& typed) {
        emit refused(tr("Overlap \"%1\": a percentage is of the window length; give the window "
                        "length first, or the overlap in samples.")
                         .arg(typed));
    });
    m_noverlap = overlap;
    m_nperseg->setMinimumWidth(overlap->sizeHint().width()); // "from the picture" fits too
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
    auto* fs = new HertzSpinBox(box);
    m_fs = fs;
    m_fs->setObjectName("sampleRate");
    m_fs->setRange(1e-3, 1e12);
    m_fs->setValue(QSettings().value(kRateKey, 8000.0).toDouble()); // the last rate typed
    fs->setOutOfRange(UnitSpinBox::OutOfRange::Refuse);             // 0 was 1 mHz
    connect(fs, &UnitSpinBox::refused, this, [this](const QString& t) {
        emit refused(tr("Sample rate \"%1\" is not a rate above 0 (8000, 44.1k, 2 MHz); it stays "
                        "%2.")
                         .arg(t, m_fs->text()));
    });
    m_fsNote = new QLabel(box);
    m_fsNote->setObjectName("sampleRateNote");
    m_fsNote->setEnabled(false); // greyed: it says where the number came from
    auto* rate = new QWidget(box);
    auto* rateRow = new QHBoxLayout(rate);
    rateRow->setContentsMargins(0, 0, 0, 0);
    rateRow->addWidget(m_fs);
    rateRow->addWidget(m_fsNote, 1);
    auto* centre = new HertzSpinBox(box);
    m_centre = centre;
    m_centre->setObjectName("centreFrequency");
    m_centre->setRange(0, 1e12);
    m_centre->setSpecialValueText(tr("none"));
    m_centre->setValue(0);
    m_centre->setMinimumWidth(m_centre->fontMetrics().horizontalAdvance("433.920000 MHz") + 30);
    m_centre->setToolTip(tr("An IQ recording's centre frequency, written with the result. A "
                            "picture whose frequency axis shows a radio band (432.9 to 434.9 "
                            "MHz) is read as offsets from it."));
    m_length = spin(box, 0, std::numeric_limits<int>::max(), 0, tr("from the frames"));
    m_length->setSuffix(tr(" samples"));
    f->addRow(tr("Window:"), m_window);
    f->addRow(tr("Window length:"), m_nperseg);
    f->addRow(tr("Overlap:"), m_noverlap);
    f->addRow(tr("FFT size:"), m_nfft);
    f->addRow(tr("Window offset:"), m_offset);
    f->addRow(tr("Detrend:"), m_detrend);
    f->addRow(tr("Sample rate:"), rate);
    f->addRow(tr("Centre frequency:"), m_centre);
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
    connect(m_picture, &PictureFields::refused, this, &RebuildForm::refused);
    connect(this, &RebuildForm::filesChanged, this, &RebuildForm::updatePicture);
    connect(m_picture, &PictureFields::axesChanged, this, &RebuildForm::followPictureRate);
    return m_picture;
}

} // namespace specedit::ui
