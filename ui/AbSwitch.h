#pragma once
// A titled pair of exclusive buttons, "Original | Edited", for the window's two A/B choices:
// which version the picture shows (M) and which one playback plays (T). A single "Edited"
// toggle left users unsure what it switched and which state was on; the pair names both
// sides and the title says what is switched. Its shortcut toggles between the two while the
// window is active. GUI thread only.

#include <QKeySequence>
#include <QWidget>

class QToolButton;

namespace specedit::ui {

class AbSwitch : public QWidget {
    Q_OBJECT
public:
    AbSwitch(const QString& title, const QString& toolTip, const QKeySequence& shortcut,
             QWidget* parent = nullptr);

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
