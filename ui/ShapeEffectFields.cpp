#include "ShapeEffectFields.h"

#include "KeepDigitsSpinBox.h"
#include "effect/ReplaceFill.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSignalBlocker>
#include <QSpinBox>
#include <cmath>

namespace specedit::ui {

void addEffectChoices(QComboBox* combo) {
    combo->addItem(QObject::tr("gain"), int(EffectChoice::Gain));
    combo->addItem(QObject::tr("attenuate"), int(EffectChoice::Attenuate));
    combo->addItem(QObject::tr("replace"), int(EffectChoice::Replace));
    combo->addItem(QObject::tr("denoise"), int(EffectChoice::Denoise));
    combo->addItem(QObject::tr("noise profile"), int(EffectChoice::NoiseProfile));
    const char* tips[] = {
        QT_TR_NOOP("Multiply by the gain (Isolate: outside the shape)"),
        QT_TR_NOOP("Bring the region down to the level just before and after it, per frequency"),
        QT_TR_NOOP("Fill the region from its surroundings: clicks, dropouts"),
        QT_TR_NOOP("Lower the noise against the noise profile, or the region's own floor"),
        QT_TR_NOOP("Mark a noise-only region for denoise; it changes nothing itself")};
    for (int i = 0; i < combo->count(); ++i)
        combo->setItemData(i, QObject::tr(tips[i]), Qt::ToolTipRole);
    combo->setToolTip(QObject::tr(
        "gain: multiply by the gain; attenuate: bring the region down to the level just "
        "before and after it; replace: fill it from its surroundings (clicks, dropouts); "
        "denoise: lower the noise against the noise profile (or the region's own floor); "
        "noise profile: a noise-only region for denoise, changes nothing itself"));
}

EffectChoice effectChoiceOf(const core::Shape& s) {
    if (s.noiseProfile)
        return EffectChoice::NoiseProfile;
    switch (s.effect) {
    case core::ShapeEffect::Attenuate:
        return EffectChoice::Attenuate;
    case core::ShapeEffect::Replace:
        return EffectChoice::Replace;
    case core::ShapeEffect::Denoise:
        return EffectChoice::Denoise;
    case core::ShapeEffect::Gain:
        break;
    }
    return EffectChoice::Gain;
}

void setEffectChoice(core::Shape& s, EffectChoice choice) {
    s.noiseProfile = choice == EffectChoice::NoiseProfile;
    s.effect = choice == EffectChoice::Attenuate ? core::ShapeEffect::Attenuate
               : choice == EffectChoice::Replace ? core::ShapeEffect::Replace
               : choice == EffectChoice::Denoise ? core::ShapeEffect::Denoise
                                                 : core::ShapeEffect::Gain;
    if (choice != EffectChoice::Gain)
        s.mode = core::MaskMode::Apply;
}

QString effectText(const core::Shape& s) {
    switch (effectChoiceOf(s)) {
    case EffectChoice::Attenuate:
        return QObject::tr("attenuate %1 %").arg(std::lround(s.amount * 100));
    case EffectChoice::Replace:
        return s.fillFrom == core::FillFrom::Time
                   ? QObject::tr("replace")
                   : QObject::tr("replace from %1")
                         .arg(QString::fromStdString(core::toString(s.fillFrom)));
    case EffectChoice::Denoise:
        return QObject::tr("denoise %1 dB")
            .arg(QString::fromUtf8("−") + QString::number(s.reductionDb, 'g', 4));
    case EffectChoice::NoiseProfile:
        return QObject::tr("noise profile");
    case EffectChoice::Gain:
        break;
    }
    return {};
}

ShapeEffectFields::ShapeEffectFields(QFormLayout* form, QWidget* parent)
    : QObject(parent), m_form(form), m_effect(new QComboBox(parent)),
      m_amount(new KeepDigitsSpinBox(parent)), m_reduction(new KeepDigitsDoubleSpinBox(parent)),
      m_fill(new QComboBox(parent)) {
    m_fill->setObjectName("shapeFillFrom");
    m_fill->addItems(
        {tr("before and after (time)"), tr("below and above (frequency)"), tr("both")});
    m_fill->setToolTip(tr("Where replace takes its levels from: the frames before and after "
                          "(clicks, dropouts) or the frequencies beside it (a whistle)"));
    m_effect->setObjectName("shapeEffect");
    addEffectChoices(m_effect);
    m_amount->setObjectName("shapeAmount");
    m_amount->setRange(0, 100);
    m_amount->setSuffix(" %");
    m_amount->setToolTip(tr("How far towards the surrounding level: 100 % all the way"));
    m_reduction->setObjectName("shapeReduction");
    m_reduction->setRange(1, core::kMaxReductionDb);
    m_reduction->setDecimals(0);
    m_reduction->setSuffix(" dB");
    m_reduction->setToolTip(tr("The most the noise is lowered"));
    m_amount->setKeyboardTracking(false);
    m_reduction->setKeyboardTracking(false);
    form->addRow(tr("Effect"), m_effect);
    form->addRow(tr("Amount"), m_amount);
    form->addRow(tr("Reduction"), m_reduction);
    form->addRow(tr("Fill from"), m_fill);
    connect(m_fill, &QComboBox::currentIndexChanged, this, [this] { emit edited(Fill); });
    connect(m_effect, &QComboBox::currentIndexChanged, this, [this] { emit edited(Effect); });
    connect(m_amount, &QSpinBox::valueChanged, this, [this] { emit edited(Amount); });
    connect(m_reduction, &QDoubleSpinBox::valueChanged, this, [this] { emit edited(Reduction); });
}

void ShapeEffectFields::showRows(EffectChoice choice) {
    m_form->setRowVisible(m_amount, choice == EffectChoice::Attenuate);
    m_form->setRowVisible(m_reduction, choice == EffectChoice::Denoise);
    m_form->setRowVisible(m_fill, choice == EffectChoice::Replace);
}

void ShapeEffectFields::show(const core::Shape* s) {
    const QSignalBlocker b1(m_effect), b2(m_amount), b3(m_reduction), b4(m_fill);
    for (QWidget* w : std::initializer_list<QWidget*>{m_effect, m_amount, m_reduction, m_fill})
        w->setEnabled(s != nullptr);
    const EffectChoice choice = s ? effectChoiceOf(*s) : EffectChoice::Gain;
    m_effect->setCurrentIndex(int(choice));
    m_amount->setValue(s ? int(std::lround(s->amount * 100)) : 100);
    m_reduction->setValue(s ? s->reductionDb : 20);
    m_fill->setCurrentIndex(s ? int(s->fillFrom) : 0);
    showRows(choice);
}

bool ShapeEffectFields::write(core::Shape& s, Field which, const core::StftParams& analysis) const {
    const core::Shape before = s;
    switch (which) {
    case Effect:
        setEffectChoice(s, EffectChoice(m_effect->currentData().toInt()));
        if (s.effect == core::ShapeEffect::Replace && before.effect != s.effect)
            s.fillFrom = core::naturalFillFrom(s, analysis);
        break;
    case Amount:
        s.amount = m_amount->value() / 100.0;
        break;
    case Reduction:
        s.reductionDb = m_reduction->value();
        break;
    case Fill:
        s.fillFrom = core::FillFrom(m_fill->currentIndex());
        break;
    }
    return !(s == before);
}

bool ShapeEffectFields::gainApplies() const {
    return EffectChoice(m_effect->currentData().toInt()) == EffectChoice::Gain;
}

} // namespace specedit::ui
