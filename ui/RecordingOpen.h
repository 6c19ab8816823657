#pragma once
// Opening a recording or a project from the editor: the Open dialog's file types, the raw-file
// prompt (RawIqDialog) when the file does not say how its samples were recorded (or a numpy
// array its rate), and the search for a project's recording that was moved. GUI thread only.

#include "io/OpenOptions.h"

#include <QString>

class QWidget;

namespace specedit::ui {

class Document;

// The Open dialog in `folder`; empty when cancelled.
QString askRecordingPath(QWidget* parent, const QString& folder);

// Whether the path is a SpecEdit project rather than a recording.
bool isProjectPath(const QString& path);

// Opens the recording in the document. Raw samples whose type or rate nobody knows (and numpy
// arrays whose rate nobody knows) are asked for, prefilled with `options`, or without them as
// the file was read the last time (kept in the settings, for the last 50 raw files); false when
// the user cancels that. Throws as Document::openRecording does.
bool openRecordingAsking(Document& document, const QString& path, const core::OpenOptions& options,
                         int pixels, QWidget* parent);

// Opens the project in the document. When its recording is not where the project says (moved
// or renamed), the user is told where it was looked for and asked to locate it; false when
// they do not. Throws as Document::openProject does.
bool openProjectAsking(Document& document, const QString& path, QWidget* parent);

} // namespace specedit::ui
