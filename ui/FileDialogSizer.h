#pragma once
// Gives Qt's own file dialog (the one shown where no desktop dialog is, e.g. a bare X server
// or a remote session) room to read: it opened at about 530 pixels, so names, sizes, types and
// dates were all cut ("30....MiB", "WAV...dio", "5 Dec ...:05:58"). Every QFileDialog shown
// is made at least 960 x 600 (within the screen), its Size, Type and Date columns as wide as
// their longest text, and the rest given to Name. Desktop dialogs are left alone. Installed
// once on the application; GUI thread only.

#include <QObject>

class QFileDialog;

namespace specedit::ui {

class FileDialogSizer : public QObject {
    Q_OBJECT
public:
    // Watches every widget of the application from now on (the filter is owned by it).
    static void install();

    // Sizes one dialog as above (called when it shows).
    static void fit(QFileDialog* dialog);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    using QObject::QObject;
};

} // namespace specedit::ui
