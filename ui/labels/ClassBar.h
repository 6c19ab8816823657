#pragma once
// The label classes of the project, above the Labels table: each with its hotkey (1-9), its
// colour and how many labels it has. Double-click (or F2) renames a class, and its labels with
// it; Add makes a class with the next free hotkey and a colour of its own; Colour… and Remove
// change or take away the selected class (its labels become unclassified); Apply gives the
// selected labels the selected class. Each change is one undo step in the Document. GUI
// thread only.

#include "label/Label.h"

#include <QWidget>
#include <vector>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QColor;

namespace specedit::ui {

class Document;
class SpectrogramView;

// The colour a new class of this hotkey gets (Tableau 10, distinct on the dark picture).
QString classColorFor(int hotkey);
// `classes` with a class for each class name of `labels` that has none yet (imported or
// annotated labels), each with a colour of its own.
std::vector<core::LabelClass> withClassesOf(std::vector<core::LabelClass> classes,
                                            const std::vector<core::Label>& labels);

class ClassBar : public QWidget {
    Q_OBJECT
public:
    ClassBar(Document* document, SpectrogramView* view, QWidget* parent = nullptr);

    void refresh();
    // The actions behind the buttons and the in-place edit (for tests and scripts).
    void addClass(const QString& name);
    void renameClass(const std::string& from, const QString& to);
    void setClassColor(const std::string& name, const QColor& color);
    void removeClass(const std::string& name);
    void applyToSelected(const std::string& name);
    QListWidget* list() const { return m_list; }
    // Why the last change was refused (a name taken or empty), or empty.
    QString error() const;

private:
    std::string selectedClass() const;
    void itemEdited(QListWidgetItem* item);
    void showError(const QString& text); // under the list, until the next change works

    Document* m_document;
    SpectrogramView* m_view;
    QListWidget* m_list;
    QLabel* m_caption; // what the list is; how to make classes when there are none
    QLabel* m_error;
    std::vector<QPushButton*> m_classButtons; // Apply, Colour…, Remove: need a class
    bool m_updating = false;
};

} // namespace specedit::ui
