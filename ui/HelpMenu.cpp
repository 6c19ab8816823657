#include "HelpMenu.h"

#include "dsp/FftPlan.h"
#include "io/SndfileSource.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

namespace specedit::ui {
namespace {

void showText(QWidget* parent, const QString& title, const QString& markdown) {
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* layout = new QVBoxLayout(&dialog);
    auto* text = new QTextBrowser(&dialog);
    text->setMarkdown(markdown);
    text->setOpenExternalLinks(true);
    layout->addWidget(text);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(720, 560);
    dialog.exec();
}

// Every action of the window that has a shortcut, by menu, as a Markdown table.
QString shortcutTable(QMainWindow* window) {
    QString table = QObject::tr("| Action | Keys |\n|---|---|\n");
    QStringList rows;
    for (QAction* action : window->findChildren<QAction*>()) {
        if (action->shortcuts().isEmpty() || action->text().isEmpty())
            continue;
        QStringList keys;
        for (const auto& k : action->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        rows << QString("| %1 | %2 |\n").arg(action->text().remove('&'), keys.join(", "));
    }
    rows.removeDuplicates();
    std::sort(rows.begin(), rows.end());
    table += rows.join(QString());
    table += QObject::tr("\n**Mouse:** wheel zooms time 1.5× per notch around the cursor "
                         "(Ctrl: 1.1×); over the frequency axis or with Alt it zooms frequency; "
                         "Shift+wheel pans; drag pans; double-click zooms to the shape under "
                         "the cursor, or to the whole recording.\n");
    return table;
}

// The README's "Using the editor" section (resource :/README.md).
QString guide() {
    QFile file(":/README.md");
    if (!file.open(QIODevice::ReadOnly))
        return QObject::tr("The guide is missing from this build.");
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype start = text.indexOf("## Using the editor");
    const qsizetype end = text.indexOf("\n## ", start + 1);
    return start < 0 ? text : text.mid(start, end < 0 ? -1 : end - start);
}

} // namespace

QMenu* addHelpMenu(QMainWindow* window) {
    QMenu* help = window->menuBar()->addMenu(QObject::tr("&Help"));
    help->addAction(QObject::tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1), window, [window] {
        showText(window, QObject::tr("Keyboard shortcuts"), shortcutTable(window));
    });
    help->addAction(QObject::tr("User &guide"), window,
                    [window] { showText(window, QObject::tr("SpecEdit user guide"), guide()); });
    help->addAction(QObject::tr("&About SpecEdit"), window, [window] {
        QMessageBox::about(
            window, QObject::tr("About SpecEdit"),
            QObject::tr("<b>SpecEdit %1</b><p>A spectrogram editor for audio and IQ recordings."
                        "</p><p>Qt %2, %3, %4, QCustomPlot.</p>")
                .arg(QApplication::applicationVersion(), qVersion(),
                     QString::fromStdString(core::fftwVersion()),
                     QString::fromStdString(core::sndfileVersion())));
    });
    return help;
}

} // namespace specedit::ui
