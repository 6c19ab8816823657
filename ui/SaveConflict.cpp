#include "SaveConflict.h"

#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace specedit::ui {

SaveChoice askAboutChangedProject(QWidget* parent, const QString& projectPath) {
    const QFileInfo file(projectPath);
    QMessageBox box(
        QMessageBox::Warning, QObject::tr("Project changed on disk"),
        QObject::tr("%1 was saved by another window or program (%2) since you "
                    "opened it here. Saving now would replace that work.")
            .arg(file.fileName(), QLocale().toString(file.lastModified(), QLocale::ShortFormat)),
        QMessageBox::NoButton, parent);
    auto* replace = box.addButton(QObject::tr("Replace it"), QMessageBox::DestructiveRole);
    auto* saveAs = box.addButton(QObject::tr("Save as…"), QMessageBox::AcceptRole);
    auto* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setObjectName("saveConflict");
    box.exec();
    if (box.clickedButton() == replace)
        return SaveChoice::Replace;
    if (box.clickedButton() == saveAs)
        return SaveChoice::SaveAs;
    return SaveChoice::Cancel;
}

} // namespace specedit::ui
