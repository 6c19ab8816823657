#pragma once
// The question before saving over a project file that another window or program changed since
// this window opened or saved it (Document::projectChangedOnDisk): replace that work, save
// under another name, or cancel (the default). GUI thread only.

#include <QString>

class QWidget;

namespace specedit::ui {

enum class SaveChoice { Replace, SaveAs, Cancel };

SaveChoice askAboutChangedProject(QWidget* parent, const QString& projectPath);

} // namespace specedit::ui
