#pragma once
// The painting toolbar: tool choice (pan/select/move, rectangle, brush, lasso, magic wand,
// eraser, box zoom, measure) with their keys (H, R, B, G, W, E, Z, D), and what new shapes get:
// effect (ShapeEffectFields) with its own field (gain in dB, -inf to +12; attenuate's amount;
// denoise's reduction), feather in pixels, apply/isolate mode
// and, while their tool is chosen, the brush size (brush, eraser) and the magic wand's
// tolerance (dB above the local floor) and longest gap within one burst (ms); the new shapes'
// fields only with the tools that draw shapes. Emits choices; owns no document state. GUI
// thread only.

#include "mask/MagicWand.h"
#include "tools/Tool.h"
#include "view/SpectrogramView.h"

#include <QToolBar>

class QActionGroup;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace specedit::ui {

class PaintToolBar : public QToolBar {
    Q_OBJECT
public:
    explicit PaintToolBar(QWidget* parent = nullptr);
    ShapeDefaults defaults() const;
    core::WandOptions wandOptions() const;
    void selectTool(ToolKind kind);

signals:
    void toolChosen(ToolKind kind);
    void defaultsChanged(const ShapeDefaults& defaults);

private:
    void addTool(ToolKind kind, const QString& text, const QString& key, const QString& tip);
    void buildToolOptions();
    QAction* addField(const QString& label, QWidget* field);
    void showOptionsFor(ToolKind kind);
    void buildEffectFields();

    QActionGroup* m_tools;
    QDoubleSpinBox* m_gain;
    QSpinBox* m_amount;          // attenuate, %
    QDoubleSpinBox* m_reduction; // denoise, dB
    QAction *m_gainField = nullptr, *m_amountField = nullptr, *m_reductionField = nullptr;
    ToolKind m_shown = ToolKind::Pan; // the tool whose options show
    QSpinBox* m_feather;
    QComboBox* m_effect;
    QComboBox* m_mode;
    QSpinBox* m_brush;
    QDoubleSpinBox* m_wandTolerance;
    QDoubleSpinBox* m_wandGap;
    QList<QAction*> m_brushOptions, m_wandOptions, m_shapeOptions; // shown with their tools
};

} // namespace specedit::ui
