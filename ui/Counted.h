#pragma once
// A count with its noun in the right number: "1 burst", "5 bursts" (not "5 burst(s)").

#include <QString>

namespace specedit::ui {

inline QString counted(qint64 n, const QString& one, const QString& many) {
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace specedit::ui
