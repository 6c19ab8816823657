#pragma once
// The effect of a shape in the editor: a choice of gain, attenuate, replace, denoise or noise
// profile (Shape.h), with the effect's one setting: the amount (%) of attenuate, the
// reduction limit (dB) of denoise, where replace fills from (time, frequency or both). ShapesPanel
// shows them for the selected shape and the paint toolbar for new shapes. GUI thread only.

#include "dsp/StftParams.h"
#include "mask/Shape.h"

#include <QObject>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;
class QWidget;

namespace specedit::ui {

// The choices, in the order of the combo's items.
enum class EffectChoice { Gain, Attenuate, Replace, Denoise, NoiseProfile };

// Fills a combo with the choices (item data: the EffectChoice).
void addEffectChoices(QComboBox* combo);
EffectChoice effectChoiceOf(const core::Shape& s);
// Sets effect and noise_profile of s from a choice; a choice other than gain sets mode apply.
void setEffectChoice(core::Shape& s, EffectChoice choice);
// Short text for lists: "" for a gain, else "attenuate 100 %", "denoise -20 dB", ...
QString effectText(const core::Shape& s);

// The fields as rows of a form; the amount, reduction and fill rows show only for their effect.
class ShapeEffectFields : public QObject {
    Q_OBJECT
public:
    ShapeEffectFields(QFormLayout* form, QWidget* parent);
    // Shows s (null: nothing selected, fields cleared and disabled).
    void show(const core::Shape* s);
    // Copies the field that changed (which) into s; false when nothing changed. A shape made a
    // replace takes the fill that suits its size in `analysis`'s cells (naturalFillFrom).
    enum Field { Effect, Amount, Reduction, Fill };
    bool write(core::Shape& s, Field which, const core::StftParams& analysis) const;
    // Whether the gain and mode fields mean anything for the shown shape.
    bool gainApplies() const;

signals:
    void edited(Field which);

private:
    void showRows(EffectChoice choice);

    QFormLayout* m_form;
    QComboBox* m_effect;
    QSpinBox* m_amount;
    QDoubleSpinBox* m_reduction;
    QComboBox* m_fill;
};

} // namespace specedit::ui
