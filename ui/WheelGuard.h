#pragma once
// The mouse wheel over a number field or a drop-down list that does not have the keyboard
// focus scrolls the panel around it instead of changing the value: rolling the wheel to scroll
// the Shapes panel changed the selected shape's Low edge by 100 Hz a notch, silently. A field
// clicked or tabbed into takes the wheel as before. One filter for the whole application,
// installed by the first window; each window hands it its fields. GUI thread only.

#include <QObject>

class QWidget;

namespace specedit::ui {

class WheelGuard : public QObject {
    Q_OBJECT
public:
    // Installs the filter on the application, once, and takes the wheel focus from the fields
    // already in `window` (fields polished later are seen by the filter).
    static void install(QWidget* window);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using QObject::QObject;
};

} // namespace specedit::ui
