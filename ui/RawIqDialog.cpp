#include "RawIqDialog.h"

#include "HertzSpinBox.h"
#include "RefusalHold.h"
#include "io/RawIqSource.h"
#include "io/RawLayout.h"
#include "io/Recognizer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>

namespace specedit::ui {

RawIqDialog::RawIqDialog(const QString& path, QWidget* parent, const core::OpenOptions& given,
                         const std::string& givenFrom)
    : QDialog(parent), m_hold(new RefusalHold(this)) {
    setWindowTitle(tr("Open raw IQ samples"));
    auto* form = new QFormLayout(this);
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
    auto known = core::recognizeRaw(path.toStdString(), {});
    if (given.rawFormat) // passed along with the file (e.g. by File > Rebuild's Save and open)
        if (auto layout = core::rawLayoutFromName(*given.rawFormat))
            known.layout = {layout, givenFrom};
    if (given.sampleRate)
        known.sampleRate = {*given.sampleRate, givenFrom};
    if (given.centerFrequency)
        known.centerFrequency = {*given.centerFrequency, givenFrom};
    if (known.layout.value) {
        const int i = m_format->findData(
            QString::fromStdString(core::sigmfDatatypeName(*known.layout.value)));
        if (i >= 0)
            m_format->setCurrentIndex(i);
    }
    m_rate = new HertzSpinBox(this);
    m_rate->setObjectName("rate");
    m_rate->setRange(1, 1e10);
    m_rate->setValue(known.sampleRate.value.value_or(2e6));
    m_center = new HertzSpinBox(this);
    m_center->setObjectName("centre");
    m_center->setRange(0, 1e12);
    m_center->setSpecialValueText(tr("unknown (show baseband)"));
    m_center->setValue(known.centerFrequency.value.value_or(0));
    auto from = [this](const std::string& origin) {
        return origin.empty() ? tr("not given: check it")
                              : tr("from the %1").arg(QString::fromStdString(origin));
    };
    form->addRow(new QLabel(
        tr("Sample type %1; rate %2; centre %3.")
            .arg(from(known.layout.from), from(known.sampleRate.from),
                 known.centerFrequency.value ? from(known.centerFrequency.from) : tr("unknown")),
        this));
    form->addRow(tr("Sample type"), m_format);
    form->addRow(tr("Sample rate"), m_rate);
    form->addRow(tr("Centre frequency"), m_center);
    m_problem = new QLabel(this);
    m_problem->setObjectName("problem");
    m_problem->setStyleSheet("color: #c0392b;");
    m_problem->setWordWrap(true);
    m_problem->hide();
    form->addRow(m_problem);
    // A rate of 0 opened the file at the field's previous value without a word (a tester),
    // and later became 1 Hz: text that is no value in the field's range is refused when the
    // field is left, said, and holds Open once; Open again takes the value shown.
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
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this,
            [this] { m_hold->accept([this] { QDialog::accept(); }); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

core::OpenOptions RawIqDialog::options() const {
    core::OpenOptions o;
    o.rawFormat = m_format->currentData().toString().toStdString();
    o.sampleRate = m_rate->value();
    if (m_center->value() > 0)
        o.centerFrequency = m_center->value();
    return o;
}

} // namespace specedit::ui
