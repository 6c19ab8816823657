#pragma once
// A titled pair of exclusive buttons, "Original | Edited", for the window's two A/B choices:
// which version the picture shows (M) and which one playback plays (T). A single "Edited"
// toggle left users unsure what it switched and which state was on; the pair names both
// sides and the title says what is switched. The keys belong to the menu actions the owner
// keeps in step with it (View > Show edited result, Play > Hear the edited result). GUI thread
// only.

#include <QWidget>

class QToolButton;

namespace specedit::ui {

class AbSwitch : public QWidget {
    Q_OBJECT
public:
    AbSwitch(const QString& title, const QString& toolTip, QWidget* parent = nullptr);

    bool edited() const;
    QToolButton* originalButton() const { return m_original; }
    QToolButton* editedButton() const { return m_edited; }

public slots:
    void setEdited(bool on); // emits editedChanged only on a change
    void toggle() { setEdited(!edited()); }

signals:
    void editedChanged(bool on);

private:
    QToolButton* m_original;
    QToolButton* m_edited;
};

} // namespace specedit::ui
