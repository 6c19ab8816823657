#include "RawIqDialog.h"

#include "HertzSpinBox.h"
#include "RefusalHold.h"
#include "io/Npy.h"
#include "io/NpySignalSource.h"
#include "io/RawIqSource.h"
#include "io/RawLayout.h"
#include "io/Recognizer.h"
#include "util/Error.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>

namespace specedit::ui {
namespace {

// Where a value came from, for the line under the file's description.
QString fromText(const std::string& origin) {
    return origin.empty() ? RawIqDialog::tr("not given: check it")
                          : RawIqDialog::tr("from the %1").arg(QString::fromStdString(origin));
}

// Rate and centre from what was given along with the file, else the file name.
core::RawRecognition known(const QString& path, const core::OpenOptions& given,
                           const std::string& givenFrom, bool withFormat) {
    auto r = core::recognizeRaw(path.toStdString(), {});
    if (!withFormat)
        r.layout = {};
    if (given.rawFormat && withFormat)
        if (auto layout = core::rawLayoutFromName(*given.rawFormat))
            r.layout = {layout, givenFrom};
    if (given.sampleRate)
        r.sampleRate = {*given.sampleRate, givenFrom};
    if (given.centerFrequency)
        r.centerFrequency = {*given.centerFrequency, givenFrom};
    return r;
}

} // namespace

RawIqDialog::RawIqDialog(const QString& path, QWidget* parent, const core::OpenOptions& given,
                         const std::string& givenFrom)
    : QDialog(parent), m_hold(new RefusalHold(this)), m_npy(core::isNpyFile(path.toStdString())) {
    auto* form = new QFormLayout(this);
    m_rate = new HertzSpinBox(this);
    m_rate->setObjectName("rate");
    m_rate->setRange(1, 1e10);
    m_center = new HertzSpinBox(this);
    m_center->setObjectName("centre");
    m_center->setRange(0, 1e12);
    m_center->setSpecialValueText(tr("unknown (show baseband)"));
    if (m_npy)
        addNpyRows(form, path, given, givenFrom);
    else
        addRawRows(form, path, given, givenFrom);
    addRefusals(form);
    // Tab goes down the rows (the fields were made before the rows that hold them).
    QWidget* previous = nullptr;
    for (QWidget* field : std::initializer_list<QWidget*>{m_format, m_rate, m_channels, m_center})
        if (field) {
            if (previous)
                setTabOrder(previous, field);
            previous = field;
        }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this,
            [this] { m_hold->accept([this] { QDialog::accept(); }); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

void RawIqDialog::addRawRows(QFormLayout* form, const QString& path, const core::OpenOptions& given,
                             const std::string& givenFrom) {
    setWindowTitle(tr("Open raw IQ samples"));
    form->addRow(new QLabel(tr("<b>%1</b> holds raw samples without a header. How were they "
                               "recorded?")
                                .arg(QFileInfo(path).fileName().toHtmlEscaped()),
                            this));
    m_format = new QComboBox(this);
    m_format->addItem(tr("cf32 — complex float 32-bit (GNU Radio, SDR#, URH)"), "cf32_le");
    m_format->addItem(tr("cs16 — complex int 16-bit (HackRF transfer, USRP)"), "ci16_le");
    m_format->addItem(tr("cs8 — complex int 8-bit (HackRF)"), "ci8");
    m_format->addItem(tr("cu8 — complex uint 8-bit (rtl-sdr)"), "cu8");
    m_format->addItem(tr("cf64 — complex float 64-bit"), "cf64_le");
    m_format->addItem(tr("s16 — real int 16-bit (rtl_433)"), "ri16_le");
    const auto k = known(path, given, givenFrom, true);
    if (k.layout.value) {
        const int i =
            m_format->findData(QString::fromStdString(core::sigmfDatatypeName(*k.layout.value)));
        if (i >= 0)
            m_format->setCurrentIndex(i);
    }
    m_rate->setValue(k.sampleRate.value.value_or(2e6));
    m_center->setValue(k.centerFrequency.value.value_or(0));
    form->addRow(new QLabel(
        tr("Sample type %1; rate %2; centre %3.")
            .arg(fromText(k.layout.from), fromText(k.sampleRate.from),
                 k.centerFrequency.value ? fromText(k.centerFrequency.from) : tr("unknown")),
        this));
    form->addRow(tr("Sample type"), m_format);
    form->addRow(tr("Sample rate"), m_rate);
    form->addRow(tr("Centre frequency"), m_center);
}

// A numpy array: what its header says, then only what it cannot say.
void RawIqDialog::addNpyRows(QFormLayout* form, const QString& path, const core::OpenOptions& given,
                             const std::string& givenFrom) {
    setWindowTitle(tr("Open numpy array"));
    const core::NpyReader npy(path.toStdString());
    const core::NpyFraming f = core::npyFraming(npy);
    m_complexNpy = npy.isComplex();
    const bool twoChannels = !m_complexNpy && f.channels == 2;
    const QString frames = QLocale().toString(qint64(f.frames));
    const QString held = m_complexNpy ? tr("%1 complex (I/Q) samples").arg(frames)
                         : f.channels > 1
                             ? tr("%1 channels of %2 samples").arg(f.channels).arg(frames)
                             : tr("%1 samples").arg(frames);
    auto* about = new QLabel(tr("<b>%1</b> is a numpy array of %2 (%3). numpy stores no sample "
                                "rate: at what rate were they recorded?")
                                 .arg(QFileInfo(path).fileName().toHtmlEscaped(), held,
                                      QString::fromStdString(npy.descr()).toHtmlEscaped()),
                             this);
    about->setWordWrap(true);
    about->setMinimumWidth(420);
    form->addRow(about);
    const auto k = known(path, given, givenFrom, false);
    m_rate->setValue(k.sampleRate.value.value_or(m_complexNpy ? 2e6 : 48000));
    m_center->setValue(k.centerFrequency.value.value_or(0));
    form->addRow(new QLabel(tr("Rate %1.").arg(fromText(k.sampleRate.from)), this));
    form->addRow(tr("Sample rate"), m_rate);
    if (twoChannels)
        addChannelsRow(form, given);
    if (m_complexNpy || twoChannels)
        form->addRow(tr("Centre frequency"), m_center);
    else
        m_center->hide();
}

// Two real channels: I and Q, or stereo. Until picked, the rate decides as it does for a
// stereo file (I/Q above 384 kHz), or what was given (how the file was read last time).
void RawIqDialog::addChannelsRow(QFormLayout* form, const core::OpenOptions& given) {
    m_channels = new QComboBox(this);
    m_channels->setObjectName("channels");
    m_channels->addItem(tr("I and Q (a radio recording)"), "iq");
    m_channels->addItem(tr("stereo audio"), "audio");
    form->addRow(tr("Channels"), m_channels);
    auto byRate = [this] {
        m_channels->setCurrentIndex(m_rate->value() > core::kHighestAudioRate ? 0 : 1);
    };
    if (given.forceIq || given.forceAudio)
        m_channels->setCurrentIndex(given.forceIq ? 0 : 1);
    else {
        byRate();
        auto follow = connect(m_rate, &HertzSpinBox::valueChanged, this, byRate);
        connect(m_channels, &QComboBox::activated, this, [follow] { disconnect(follow); });
    }
    auto showCentre = [this] { m_center->setEnabled(m_channels->currentIndex() == 0); };
    connect(m_channels, &QComboBox::currentIndexChanged, this, showCentre);
    showCentre();
}

// A rate of 0 opened the file at the field's previous value without a word (a tester), and
// later became 1 Hz: text that is no value in the field's range is refused when the field is
// left, said, and holds Open once; Open again takes the value shown.
void RawIqDialog::addRefusals(QFormLayout* form) {
    m_problem = new QLabel(this);
    m_problem->setObjectName("problem");
    m_problem->setStyleSheet("color: #c0392b;");
    m_problem->setWordWrap(true);
    m_problem->hide();
    form->addRow(m_problem);
    const std::pair<HertzSpinBox*, QString> refusals[] = {
        {m_rate, tr("Sample rate \"%1\" is not a rate from 1 Hz to 10 GHz (2M, 2 MHz, 2e6)")},
        {m_center, tr("Centre frequency \"%1\" is not a frequency up to 1 THz (or 0: unknown)")}};
    for (const auto& [field, problem] : refusals) {
        field->setOutOfRange(UnitSpinBox::OutOfRange::Refuse);
        m_hold->watch(field);
        connect(field, &UnitSpinBox::refused, this, [this, field, problem](const QString& text) {
            m_problem->setText(tr("%1; it stays %2.").arg(problem.arg(text), field->text()));
            m_problem->show();
            adjustSize(); // room for the reason's lines
        });
    }
}

core::OpenOptions RawIqDialog::options() const {
    core::OpenOptions o;
    if (m_format)
        o.rawFormat = m_format->currentData().toString().toStdString();
    o.sampleRate = m_rate->value();
    const bool iqChannels = m_channels && m_channels->currentIndex() == 0;
    if (m_channels) {
        o.forceIq = iqChannels;
        o.forceAudio = !iqChannels;
    }
    const bool iq = !m_npy || m_complexNpy || iqChannels;
    if (iq && m_center->value() > 0)
        o.centerFrequency = m_center->value();
    return o;
}

} // namespace specedit::ui
