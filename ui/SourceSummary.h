#pragma once
// The status bar's one-line summary of the open recording: name, kind, rate, channels,
// duration and centre, with where a value came from when the file itself did not say it
// (a rate from the file name, a stereo file read as I/Q because of its rate).

#include "io/SignalInfo.h"

#include <QString>

namespace specedit::ui {

QString sourceSummary(const QString& fileName, const core::SignalInfo& info);

} // namespace specedit::ui
