#include "rebuild/DiscardQuestion.h"

#include <QAbstractButton>
#include <QMessageBox>

namespace specedit::ui {

bool mayDiscard(QWidget* parent, bool running, bool unsaved) {
    if (!running && !unsaved)
        return true;
    const QString what =
        running ? QObject::tr("A run is still going: closing cancels it.")
                : QObject::tr("The rebuilt signal has not been saved: closing discards it.");
    QMessageBox box(QMessageBox::Question, QObject::tr("Close the rebuild?"), what,
                    QMessageBox::Discard | QMessageBox::Cancel, parent);
    box.setDefaultButton(QMessageBox::Cancel);
    box.button(QMessageBox::Discard)
        ->setText(running ? QObject::tr("Cancel the run and close") : QObject::tr("Discard"));
    box.button(QMessageBox::Cancel)->setText(QObject::tr("Keep it open"));
    return box.exec() == QMessageBox::Discard;
}

} // namespace specedit::ui
