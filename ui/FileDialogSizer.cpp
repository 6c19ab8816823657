#include "FileDialogSizer.h"

#include <QApplication>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QHeaderView>
#include <QLocale>
#include <QScreen>
#include <QTimer>
#include <QTreeView>
#include <algorithm>

namespace specedit::ui {
namespace {

constexpr int kWidth = 960, kHeight = 600;
constexpr int kPadding = 28; // the header's sort arrow and the cell's margins

// Widths for the Size, Type and Date columns that hold their longest likely text, and the
// longest text in the rows the dialog shows now.
int columnWidth(const QTreeView* tree, int column, const QStringList& samples) {
    const QFontMetrics fm(tree->font());
    int width = 0;
    for (const auto& s : samples)
        width = std::max(width, fm.horizontalAdvance(s));
    if (const auto* model = tree->model())
        for (int row = 0; row < model->rowCount(tree->rootIndex()); ++row)
            width = std::max(width,
                             fm.horizontalAdvance(
                                 model->index(row, column, tree->rootIndex()).data().toString()));
    const int header =
        QFontMetrics(tree->header()->font())
            .horizontalAdvance(tree->model()
                                   ? tree->model()->headerData(column, Qt::Horizontal).toString()
                                   : QString());
    return std::max(width, header) + kPadding;
}

void fitColumns(QTreeView* tree) {
    auto* header = tree->header();
    if (header->count() < 4)
        return;
    const QDateTime late(QDate(2026, 12, 28), QTime(23, 58, 59));
    const int size = columnWidth(tree, 1, {"1023.9 MiB", "1023 bytes"});
    const int type = columnWidth(tree, 2, {"sigmf-meta File", "Folder"});
    const int date = columnWidth(tree, 3, {QLocale::system().toString(late, QLocale::ShortFormat)});
    header->setStretchLastSection(false);
    header->resizeSection(1, size);
    header->resizeSection(2, type);
    header->resizeSection(3, date);
    header->resizeSection(0, std::max(260, tree->viewport()->width() - size - type - date));
}

} // namespace

void FileDialogSizer::install() {
    qApp->installEventFilter(new FileDialogSizer(qApp));
}

void FileDialogSizer::fit(QFileDialog* dialog) {
    if (dialog->findChildren<QTreeView*>().isEmpty())
        return; // a desktop dialog: it sizes itself
    if (const auto* screen = dialog->screen()) {
        const QRect room = screen->availableGeometry();
        const QSize want(std::min(kWidth, room.width() * 9 / 10),
                         std::min(kHeight, room.height() * 9 / 10));
        dialog->resize(dialog->size().expandedTo(want));
    }
    // The columns once the dialog has its size and the folder's first rows (the model fills
    // them in after the show).
    QTimer::singleShot(0, dialog, [dialog] {
        for (auto* tree : dialog->findChildren<QTreeView*>())
            fitColumns(tree);
    });
    QTimer::singleShot(300, dialog, [dialog] {
        for (auto* tree : dialog->findChildren<QTreeView*>())
            fitColumns(tree);
    });
}

bool FileDialogSizer::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Show)
        if (auto* dialog = qobject_cast<QFileDialog*>(watched))
            fit(dialog);
    return QObject::eventFilter(watched, event);
}

} // namespace specedit::ui
