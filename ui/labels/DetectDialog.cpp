#include "labels/DetectDialog.h"

#include "CompactSpinBox.h"
#include "Counted.h"
#include "DetachedWork.h"
#include "HertzSpinBox.h"
#include "RefusalHold.h"
#include "SecondsSpinBox.h"
#include "util/JobControl.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTimer>

namespace specedit::ui {

DetectDialog::DetectDialog(std::shared_ptr<const core::SampleSource> source, DetectRegion view,
                           std::optional<DetectRegion> selection, QWidget* parent)
    : QDialog(parent), m_source(std::move(source)), m_view(view), m_selection(selection),
      m_scope(new QComboBox(this)),
      m_steady(new QCheckBox(tr("Report steady carriers and DC"), this)), m_count(new QLabel(this)),
      m_note(new QLabel(this)), m_debounce(new QTimer(this)), m_hold(new RefusalHold(this)) {
    setWindowTitle(tr("Detect bursts"));
    auto* form = new QFormLayout(this);
    m_scope->addItem(tr("Whole recording"), int(Scope::Recording));
    m_scope->addItem(tr("Visible part (time and band)"), int(Scope::View));
    if (m_selection)
        m_scope->addItem(tr("Selected shape's box"), int(Scope::Selection));
    form->addRow(tr("Look in"), m_scope);
    const core::DetectOptions d;
    m_threshold =
        addField(tr("Threshold above the floor"), "threshold", decibelField(d.thresholdDb));
    // Times and bandwidths read their units ("500 us", "0.5 MHz"): fields with a fixed " ms" or
    // " kHz" read "500 us" as 500 ms and "500 Hz" as 500 kHz.
    m_minDuration = addField(tr("Shortest burst"), "shortest",
                             new SecondsSpinBox(this, SecondsSpinBox::Style::Duration),
                             tr("a time (1.5, 50 ms, 250 us)"));
    m_minBandwidth = addField(tr("Narrowest burst"), "narrowest", new HertzSpinBox(this),
                              tr("a frequency (500, 12.5k, 0.5 MHz)"));
    m_mergeGap = addField(tr("Merge bursts closer than"), "mergeGap",
                          new SecondsSpinBox(this, SecondsSpinBox::Style::Duration),
                          tr("a time (1.5, 50 ms, 250 us)"));
    m_minDuration->setRange(0, 100);
    m_minBandwidth->setRange(0, 1e10);
    m_mergeGap->setRange(0, 10);
    m_minDuration->setValue(d.minDuration);
    m_minBandwidth->setValue(d.minBandwidth);
    m_mergeGap->setValue(d.mergeGap);
    form->addRow(QString(), m_steady);
    m_count->setMinimumWidth(260);
    m_count->setObjectName("count");
    form->addRow(tr("Found"), m_count);
    // Why a field refused what was typed; it stays until the next change (a count that ends
    // later does not hide it).
    m_note->setObjectName("note");
    m_note->setStyleSheet("color: #c0392b;"); // red, as the other dialogs' refusals
    m_note->setWordWrap(true);
    m_note->setVisible(false);
    form->addRow(m_note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Propose labels"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &DetectDialog::startCount);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &DetectDialog::scheduleCount);
    connect(m_steady, &QCheckBox::toggled, this, &DetectDialog::scheduleCount);
    scheduleCount();
}

void DetectDialog::accept() {
    m_hold->accept([this] { QDialog::accept(); });
}

DetectDialog::~DetectDialog() {
    if (m_job)
        m_job->cancel();
    m_running->waitForAll();
}

QDoubleSpinBox* DetectDialog::decibelField(double value) {
    auto* spin = new CompactSpinBox(this);
    spin->setRange(1, 60);
    spin->setDecimals(1);
    spin->setSuffix(" dB");
    spin->setValue(value);
    return spin;
}

QDoubleSpinBox* DetectDialog::addField(const QString& label, const QString& name,
                                       QDoubleSpinBox* field, const QString& expected) {
    field->setObjectName(name);
    // Each digit restarts the debounce and cancels a count under way: the count follows the
    // typing (with keyboard tracking off it stayed on the old value until the field was left).
    connect(field, &QDoubleSpinBox::valueChanged, this, &DetectDialog::scheduleCount);
    if (auto* unit = qobject_cast<UnitSpinBox*>(field)) {
        m_hold->watch(unit);
        connect(unit, &UnitSpinBox::refused, this, [=, this](const QString& text) {
            m_note->setVisible(true);
            m_note->setText(
                tr("%1: \"%2\" is not %3; it stays %4").arg(label, text, expected, unit->text()));
        });
    }
    static_cast<QFormLayout*>(layout())->addRow(label, field);
    return field;
}

void DetectDialog::setOptions(const core::DetectOptions& o) {
    m_threshold->setValue(o.thresholdDb);
    m_minDuration->setValue(o.minDuration);
    m_minBandwidth->setValue(o.minBandwidth);
    m_mergeGap->setValue(o.mergeGap);
    m_steady->setChecked(o.keepSteady);
    scheduleCount();
}

core::DetectOptions DetectDialog::options() const {
    core::DetectOptions o;
    o.thresholdDb = m_threshold->value();
    o.hysteresisDb = std::min(o.hysteresisDb, o.thresholdDb / 2);
    o.minDuration = m_minDuration->value();
    o.minBandwidth = m_minBandwidth->value();
    o.mergeGap = m_mergeGap->value();
    o.keepSteady = m_steady->isChecked();
    const DetectRegion r = region();
    if (scope() != Scope::Recording) {
        o.t0 = r.t0;
        o.t1 = r.t1;
    }
    return o;
}

DetectDialog::Scope DetectDialog::scope() const {
    return Scope(m_scope->currentData().toInt());
}

DetectRegion DetectDialog::region() const {
    switch (scope()) {
    case Scope::View:
        return m_view;
    case Scope::Selection:
        return *m_selection;
    case Scope::Recording:
        break;
    }
    return {0, m_source->info().duration(), std::nullopt, std::nullopt};
}

void DetectDialog::setThresholdDb(double db) {
    m_threshold->setValue(db);
}

std::optional<std::vector<core::Label>> DetectDialog::result() const {
    if (m_resultGeneration != m_generation)
        return std::nullopt;
    return m_result;
}

std::vector<core::Label> DetectDialog::inBand(std::vector<core::Label> labels,
                                              const DetectRegion& region) {
    if (region.f0 && region.f1)
        std::erase_if(labels,
                      [&](const core::Label& l) { return l.f1 < *region.f0 || l.f0 > *region.f1; });
    return labels;
}

void DetectDialog::scheduleCount() {
    ++m_generation;
    if (m_job)
        m_job->cancel();
    m_count->setText(tr("counting…"));
    if (m_note->isVisible()) {
        m_note->clear();
        m_note->setVisible(false);
        adjustSize(); // no empty band left under the buttons
    }
    m_debounce->start();
}

void DetectDialog::startCount() {
    const core::DetectOptions o = options();
    const DetectRegion region = this->region();
    const int generation = m_generation;
    auto job = std::make_shared<core::JobControl>();
    m_job = job;
    auto source = m_source;
    QPointer<DetectDialog> self(this);
    runDetached(
        self, m_running,
        [source, o, region, job] {
            o.validate();
            return inBand(core::detectBursts(
                              *source, core::detectionAnalysis(source->info().sampleRate), o, *job),
                          region);
        },
        [self, generation](std::vector<core::Label> found, const QString& error, bool cancelled) {
            if (cancelled || generation != self->m_generation)
                return;
            if (!error.isEmpty())
                return self->m_count->setText(error);
            self->m_count->setText(counted(qint64(found.size()), tr("burst"), tr("bursts")));
            self->m_result = std::move(found);
            self->m_resultGeneration = generation;
        });
}

} // namespace specedit::ui
