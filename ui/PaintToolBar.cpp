#include "PaintToolBar.h"

#include "CompactSpinBox.h"
#include "KeepDigitsSpinBox.h"
#include "ShapeEffectFields.h"

#include <QActionGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <cmath>

namespace specedit::ui {
namespace {
constexpr double kMinusInfinitySpin = -121; // the spin box's "−∞" position
}

PaintToolBar::PaintToolBar(QWidget* parent) : QToolBar(tr("Paint"), parent) {
    setObjectName("paintToolBar");
    m_tools = new QActionGroup(this);
    addTool(ToolKind::Pan, tr("Pan"), "H", tr("Pan and zoom; click a shape to select it (H)"));
    addTool(ToolKind::Rect, tr("Rectangle"), "R", tr("Draw a rectangle (R)"));
    addTool(ToolKind::Brush, tr("Brush"), "B", tr("Paint with a round brush (B)"));
    addTool(ToolKind::Lasso, tr("Lasso"), "G", tr("Draw a free-hand region (G)"));
    addTool(ToolKind::Wand, tr("Wand"), "W",
            tr("Click a burst or a sound: outline it where it stands the wand's tolerance above "
               "the local noise floor and within 30 dB of the clicked level, one burst at a "
               "time (W)"));
    addTool(ToolKind::Eraser, tr("Eraser"), "E",
            tr("Drag across shapes to cut the stroke out of them; brush size as the brush (E)"));
    addTool(ToolKind::Zoom, tr("Zoom"), "Z", tr("Drag a box to zoom into it (Z)"));
    addTool(ToolKind::Label, tr("Label"), "L",
            tr("Draw a label's box, or click a burst to label it whole (L); 1-9 set the class"));
    addTool(ToolKind::Measure, tr("Measure"), "D",
            tr("Drag to measure time and frequency differences (D)"));
    m_tools->actions().first()->setChecked(true);
    addSeparator();
    buildEffectFields();
    m_effect = new QComboBox(this);
    m_effect->setObjectName("newShapeEffect");
    addEffectChoices(m_effect);
    m_mode = new QComboBox(this);
    m_mode->addItem(tr("inside"));            // short: with the wand's fields the bar must
    m_mode->addItem(tr("outside (isolate)")); // fit a 1400 px window
    m_mode->setToolTip(tr("Apply new shapes' effect inside them, or outside them (isolate "
                          "what is inside)"));
    m_feather = new KeepDigitsSpinBox(this);
    m_feather->setObjectName("newShapeFeather");
    m_feather->setRange(0, 100);
    m_feather->setSuffix(" px");
    m_feather->setToolTip(tr("Soft edge of new shapes, in pixels at the current zoom"));
    buildToolOptions(); // first: in a narrow window the chosen tool's own fields stay longest
    QAction* effect = addField(tr("Effect"), m_effect); // before its own field, as it reads
    m_gainField = addField(tr("Gain"), m_gain);
    m_amountField = addField(tr("Amount"), m_amount);
    m_reductionField = addField(tr("Reduction"), m_reduction);
    m_shapeOptions = {effect,
                      m_gainField,
                      m_amountField,
                      m_reductionField,
                      addField(tr("Mode"), m_mode),
                      addField(tr("Feather"), m_feather)};
    showOptionsFor(ToolKind::Pan);
    auto changed = [this] { emit defaultsChanged(defaults()); };
    connect(m_gain, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_mode, &QComboBox::currentIndexChanged, this, changed);
    connect(m_amount, &QSpinBox::valueChanged, this, changed);
    connect(m_reduction, &QDoubleSpinBox::valueChanged, this, changed);
    connect(m_effect, &QComboBox::currentIndexChanged, this, [this, changed] {
        const bool gain = EffectChoice(m_effect->currentData().toInt()) == EffectChoice::Gain;
        m_mode->setEnabled(gain); // mode means nothing for the other effects
        showOptionsFor(m_shown);  // the effect's own field: gain, amount or reduction
        changed();
    });
    connect(m_feather, &QSpinBox::valueChanged, this, changed);
    connect(m_brush, &QSpinBox::valueChanged, this, changed);
}

// The options of one tool show while it is chosen, as an options bar does: with the brush's and
// the wand's fields all shown, the wand's gap fell into the bar's overflow menu at the default
// window width.
void PaintToolBar::buildToolOptions() {
    m_brush = new KeepDigitsSpinBox(this);
    m_brush->setObjectName("brushSize");
    m_brush->setRange(1, 200);
    m_brush->setValue(12);
    m_brush->setSuffix(" px");
    m_brush->setToolTip(tr("Brush radius in pixels at the current zoom"));
    m_brushOptions = {addField(tr("Size"), m_brush)};
    m_wandTolerance = new KeepDigitsDoubleSpinBox(this);
    m_wandTolerance->setRange(1, 60);
    m_wandTolerance->setDecimals(0);
    m_wandTolerance->setValue(core::WandOptions{}.thresholdDb);
    m_wandTolerance->setSuffix(" dB");
    m_wandTolerance->setToolTip(tr("Magic wand: how far above the local noise floor a cell "
                                   "must stand to join the region"));
    m_wandGap = new CompactSpinBox(this); // "1 ms", not "1.00 ms"
    m_wandGap->setObjectName("wandGap");
    m_wandGap->setRange(0, 999);
    m_wandGap->setDecimals(2);
    m_wandGap->setValue(core::WandOptions{}.maxGapSeconds * 1e3);
    m_wandGap->setSuffix(" ms");
    m_wandGap->setToolTip(tr("Magic wand: the longest quiet stretch bridged within one burst; "
                             "longer gaps end the burst"));
    for (QDoubleSpinBox* spin : {m_wandTolerance, m_wandGap})
        spin->setMaximumWidth(spin->fontMetrics().horizontalAdvance("999.99 ms") + 32);
    m_wandOptions = {addField(tr("Tolerance"), m_wandTolerance), addField(tr("Gap"), m_wandGap)};
}

// A label and its field as one item of the bar: the overflow menu never parts them (a
// tester's "Mode" ended one row and its box began the next).
QAction* PaintToolBar::addField(const QString& label, QWidget* field) {
    auto* box = new QWidget(this);
    auto* row = new QHBoxLayout(box);
    row->setContentsMargins(4, 0, 0, 0);
    row->setSpacing(3);
    auto* text = new QLabel(label, box);
    text->setToolTip(field->toolTip());
    row->addWidget(text);
    row->addWidget(field);
    return addWidget(box);
}

// New shapes' effect, gain, mode and feather with the tools that draw shapes; nothing of them
// with Pan, Zoom, Label, Measure or the Eraser.
void PaintToolBar::showOptionsFor(ToolKind kind) {
    m_shown = kind;
    for (QAction* a : m_brushOptions)
        a->setVisible(kind == ToolKind::Brush || kind == ToolKind::Eraser);
    for (QAction* a : m_wandOptions)
        a->setVisible(kind == ToolKind::Wand);
    const bool draws = kind == ToolKind::Rect || kind == ToolKind::Brush ||
                       kind == ToolKind::Lasso || kind == ToolKind::Wand;
    for (QAction* a : m_shapeOptions)
        a->setVisible(draws);
    const auto effect = EffectChoice(m_effect->currentData().toInt());
    m_gainField->setVisible(draws && effect == EffectChoice::Gain);
    m_amountField->setVisible(draws && effect == EffectChoice::Attenuate);
    m_reductionField->setVisible(draws && effect == EffectChoice::Denoise);
}

// The new shapes' gain, attenuate's amount and denoise's reduction: one shows, the chosen
// effect's (the amount and reduction were left at 100 % and 20 dB until edited in the
// Shapes panel after drawing).
void PaintToolBar::buildEffectFields() {
    m_gain = new KeepDigitsDoubleSpinBox(this);
    m_gain->setObjectName("newShapeGain");
    m_gain->setRange(kMinusInfinitySpin, 12);
    m_gain->setDecimals(0);
    m_gain->setSuffix(" dB");
    m_gain->setSpecialValueText(QString::fromUtf8("−∞ dB (remove)"));
    m_gain->setValue(kMinusInfinitySpin);
    m_gain->setToolTip(tr("Gain of new shapes"));
    const core::Shape plain;
    m_amount = new KeepDigitsSpinBox(this);
    m_amount->setObjectName("newShapeAmount");
    m_amount->setRange(0, 100);
    m_amount->setSuffix(" %");
    m_amount->setValue(int(std::lround(plain.amount * 100)));
    m_amount->setToolTip(tr("New attenuate shapes: how far towards the surrounding level, "
                            "100 % all the way"));
    m_reduction = new KeepDigitsDoubleSpinBox(this);
    m_reduction->setObjectName("newShapeReduction");
    m_reduction->setRange(1, core::kMaxReductionDb);
    m_reduction->setDecimals(0);
    m_reduction->setSuffix(" dB");
    m_reduction->setValue(plain.reductionDb);
    m_reduction->setToolTip(tr("New denoise shapes: the most the noise is lowered"));
}

void PaintToolBar::addTool(ToolKind kind, const QString& text, const QString& key,
                           const QString& tip) {
    QAction* action = addAction(text);
    action->setCheckable(true);
    action->setShortcut(QKeySequence(key));
    action->setToolTip(tip);
    action->setData(int(kind));
    m_tools->addAction(action);
    connect(action, &QAction::triggered, this, [this, kind] {
        showOptionsFor(kind);
        emit toolChosen(kind);
    });
}

void PaintToolBar::selectTool(ToolKind kind) {
    for (QAction* a : m_tools->actions())
        if (a->data().toInt() == int(kind))
            a->trigger();
}

core::WandOptions PaintToolBar::wandOptions() const {
    core::WandOptions o;
    o.thresholdDb = m_wandTolerance->value();
    o.maxGapSeconds = m_wandGap->value() / 1e3;
    return o;
}

ShapeDefaults PaintToolBar::defaults() const {
    ShapeDefaults d;
    d.gainDb = m_gain->value() <= kMinusInfinitySpin ? core::kMinusInfinityDb : m_gain->value();
    d.mode = m_mode->currentIndex() == 1 ? core::MaskMode::Isolate : core::MaskMode::Apply;
    d.featherPx = m_feather->value();
    d.brushPx = m_brush->value();
    core::Shape s;
    setEffectChoice(s, EffectChoice(m_effect->currentData().toInt()));
    d.effect = s.effect;
    d.noiseProfile = s.noiseProfile;
    d.amount = m_amount->value() / 100.0;
    d.reductionDb = m_reduction->value();
    return d;
}

} // namespace specedit::ui
