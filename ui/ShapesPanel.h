#pragma once
// Lists the mask's shapes in composition order and edits the selected one numerically: name,
// start and end (s), low and high edge (Hz; a lasso's or stroke's box, its points stretching
// with it), effect (ShapeEffectFields), gain (-inf to +12 dB), mode, channel, harmonics, feather
// in ms and Hz; reorders and deletes. Every edit
// goes to the Document as an undoable command (spin steps on one control merge). GUI thread only.

#include "mask/Shape.h"

#include <QWidget>
#include <cstdint>
#include <set>

class QListView;
class QLineEdit;
class QDoubleSpinBox;
class QComboBox;
class QSpinBox;
class QPushButton;

namespace specedit::core {
struct Shape;
}

namespace specedit::ui {

class Document;
class ShapeListModel;
class ShapeEffectFields;

class ShapesPanel : public QWidget {
    Q_OBJECT
public:
    ShapesPanel(Document* document, QWidget* parent = nullptr);

    // Shows the document's shapes (after any change) and keeps the selection.
    void refresh();
    void select(std::uint64_t id);
    std::uint64_t selected() const { return m_selected; }

    const std::set<std::uint64_t>& hidden() const;

signals:
    void selectionChanged(std::uint64_t id);
    // For the status bar: a typed value that was refused, and why.
    void message(const QString& text, int ms);
    // Shapes unticked in the list: not drawn over the spectrogram (they still apply).
    void hiddenChanged(const std::set<std::uint64_t>& ids);

private:
    void buildEditor(QWidget* box);
    void createFields(QWidget* box); // the editor's fields, made and set up
    void connectFields();            // each field's edits to the document
    void showSelected();
    void fillChannels(const core::Shape* s);
    void edit(int mergeId);
    bool editBox(core::Shape& s, int mergeId);
    void move(int delta);

    Document* m_document;
    ShapeListModel* m_model;
    QListView* m_list;
    QLineEdit* m_name;
    QDoubleSpinBox* m_gain;
    QComboBox* m_mode;
    QComboBox* m_channel;
    QSpinBox* m_harmonics;
    ShapeEffectFields* m_effects;
    QDoubleSpinBox* m_featherMs;
    QDoubleSpinBox* m_featherHz;
    QDoubleSpinBox* m_start;
    QDoubleSpinBox* m_end;
    QDoubleSpinBox* m_low;
    QDoubleSpinBox* m_high;
    QPushButton* m_up;
    QPushButton* m_down;
    QPushButton* m_delete;
    std::uint64_t m_selected = 0;
    bool m_updating = false;
    bool m_refusalShown = false; // the status bar says a typed value was not applied
};

} // namespace specedit::ui
