#include "HelpMenu.h"

#include "dsp/FftPlan.h"
#include "io/SndfileSource.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <algorithm>

namespace specedit::ui {
namespace {

void showText(QWidget* parent, const QString& title, const QString& text, bool html = false) {
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* layout = new QVBoxLayout(&dialog);
    auto* browser = new QTextBrowser(&dialog);
    if (html)
        browser->setHtml(text);
    else
        browser->setMarkdown(text);
    browser->setOpenExternalLinks(true);
    layout->addWidget(browser);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(720, 560);
    dialog.exec();
}

// An action's name as the table shows it: without its mnemonic, and Undo / Redo without the
// step they would undo now ("Undo Rename class" read as an action of its own).
QString actionName(const QAction* action) {
    QString name = action->text().remove('&');
    for (const QString& verb : {QObject::tr("Undo"), QObject::tr("Redo")})
        if (name.startsWith(verb + ' '))
            return verb;
    return name;
}

void appendActions(const QMenu* menu, const QString& title, QStringList& rows) {
    for (QAction* action : menu->actions()) {
        if (action->menu()) {
            appendActions(action->menu(), title + " › " + action->text().remove('&'), rows);
            continue;
        }
        if (action->shortcuts().isEmpty() || action->text().isEmpty())
            continue;
        QStringList keys;
        for (const auto& k : action->shortcuts())
            keys << k.toString(QKeySequence::NativeText).toHtmlEscaped();
        rows << QString("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(title.toHtmlEscaped(), actionName(action).toHtmlEscaped(),
                         keys.join(", "));
    }
}

// Every shortcut of the window, menu by menu in the menus' order, then the keys of the picture
// and the mouse, as an HTML table across the dialog (a Markdown table took a third of it and
// cut "Export edited recording…").
QString shortcutTable(QMainWindow* window) {
    QStringList rows;
    for (QAction* top : window->menuBar()->actions())
        if (top->menu())
            appendActions(top->menu(), top->text().remove('&'), rows);
    // Actions with a shortcut outside the menus (tool buttons, the transport).
    for (QAction* action : window->findChildren<QAction*>()) {
        if (action->shortcuts().isEmpty() || action->text().isEmpty())
            continue;
        const auto owners = action->associatedObjects();
        if (std::any_of(owners.begin(), owners.end(),
                        [](QObject* o) { return qobject_cast<QMenu*>(o) != nullptr; }))
            continue;
        QStringList keys;
        for (const auto& k : action->shortcuts())
            keys << k.toString(QKeySequence::NativeText).toHtmlEscaped();
        rows << QString("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(QObject::tr("Tool bars"), actionName(action).toHtmlEscaped(),
                         keys.join(", "));
    }
    const std::pair<QString, QString> picture[] = {
        {QObject::tr("Zoom time in / out"), "+, −"},
        {QObject::tr("Zoom frequency in / out"), QObject::tr("Up, Down")},
        {QObject::tr("Pan time"), QObject::tr("Left, Right")},
        {QObject::tr("Whole recording"), QObject::tr("Home, F")}};
    for (const auto& [what, keys] : picture)
        rows << QString("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(QObject::tr("Picture"), what.toHtmlEscaped(), keys.toHtmlEscaped());
    rows.removeDuplicates();
    return QObject::tr("<table width=\"100%\" cellpadding=\"3\" border=\"0\">"
                       "<tr><th align=\"left\">Where</th><th align=\"left\">Action</th>"
                       "<th align=\"left\">Keys</th></tr>") +
           rows.join(QString()) +
           QObject::tr("</table><p><b>Mouse:</b> the wheel zooms time 1.5× per notch around "
                       "the cursor (Ctrl: 1.1×); over the frequency axis or with Alt it zooms "
                       "frequency; Shift+wheel pans; drag pans; double-click zooms to the shape "
                       "under the cursor, or to the whole recording.</p>");
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
        showText(window, QObject::tr("Keyboard shortcuts"), shortcutTable(window), true);
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
