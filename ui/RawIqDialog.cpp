#include "RawIqDialog.h"

#include "HertzSpinBox.h"
#include "io/RawIqSource.h"
#include "io/RawLayout.h"
#include "io/Recognizer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace specedit::ui {

RawIqDialog::RawIqDialog(const QString& path, QWidget* parent, const core::OpenOptions& given)
    : QDialog(parent) {
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
            known.layout = {layout, "saved result"};
    if (given.sampleRate)
        known.sampleRate = {*given.sampleRate, "saved result"};
    if (given.centerFrequency)
        known.centerFrequency = {*given.centerFrequency, "saved result"};
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
    for (QDoubleSpinBox* field : {m_rate, m_center})
        connect(field->findChild<QLineEdit*>(), &QLineEdit::textEdited, this,
                [this, field](const QString& text) { m_typed[field] = text; });
    m_problem = new QLabel(this);
    m_problem->setObjectName("problem");
    m_problem->setStyleSheet("color: #c0392b;");
    m_problem->setWordWrap(true);
    m_problem->hide();
    form->addRow(m_problem);
    // Text that is no frequency, left with Tab or a click elsewhere: said (it went back to the
    // value before without a word).
    const std::pair<HertzSpinBox*, QString> named[] = {{m_rate, tr("Sample rate")},
                                                       {m_center, tr("Centre frequency")}};
    for (const auto& [field, name] : named)
        connect(field, &UnitSpinBox::refused, this, [this, field, name](const QString& text) {
            m_typed.remove(field);
            m_problem->setText(tr("%1: \"%2\" is not a frequency (2M, 2 MHz, 2e6); it stays %3")
                                   .arg(name, text, field->text()));
            m_problem->show();
            adjustSize();
        });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &RawIqDialog::openIfValid);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

// A rate of 0 opened the file at the field's previous value without a word (a tester): the
// field, left for the Open button, goes back to its value before Open runs, so what was typed
// is kept as it was typed and checked here. Said once; Open again takes the value shown.
bool RawIqDialog::typedIsValid(const QDoubleSpinBox* field, const QString& typed) {
    if (!field->specialValueText().isEmpty() && typed == field->specialValueText())
        return true;
    const auto v = parseHertz(typed);
    return v && *v >= field->minimum() && *v <= field->maximum();
}

void RawIqDialog::openIfValid() {
    const std::pair<QDoubleSpinBox*, QString> fields[] = {
        {m_rate, tr("Sample rate \"%1\" is not a rate from 1 Hz to 10 GHz (2M, 2 MHz, 2e6)")},
        {m_center, tr("Centre frequency \"%1\" is not a frequency up to 1 THz (or 0: unknown)")}};
    for (const auto& [field, problem] : fields) {
        const QString typed = m_typed.take(field).trimmed();
        if (field->hasAcceptableInput() && (typed.isNull() || typedIsValid(field, typed)))
            continue;
        const QString shown =
            field->value() == field->minimum() && !field->specialValueText().isEmpty()
                ? field->specialValueText()
                : formatHertz(field->value());
        m_problem->setText(tr("%1. The field shows %2 again: type another, or Open to use it.")
                               .arg(problem.arg(typed.isNull() ? field->text() : typed), shown));
        m_problem->show();
        adjustSize(); // room for the reason's lines
        field->setFocus();
        field->selectAll();
        return;
    }
    accept();
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
