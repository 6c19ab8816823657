// specedit: the desktop editor. `specedit [FILE | PROJECT]`; without an argument it opens the
// bundled demo recording (generated once into the user's cache folder).

#include "FileDialogSizer.h"
#include "MainWindow.h"
#include "apply/Demo.h"
#include "util/JobControl.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStandardPaths>

namespace {

// The demo recording in the user's cache folder, written on first use (about a second),
// else in the temporary folder; empty with a message when neither can be written.
QString demoRecording() {
    QString error;
    for (const QString& base : {QStandardPaths::writableLocation(QStandardPaths::CacheLocation),
                                QDir::tempPath() + "/specedit"}) {
        const QString dir = base + "/demo";
        const QString path = dir + "/SDRuno_20261121_120000Z_433920kHz.wav";
        if (QFileInfo::exists(path))
            return path;
        try {
            specedit::core::JobControl job;
            specedit::core::writeDemo(dir.toStdString(), {}, job);
            return path;
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
    }
    QMessageBox::warning(nullptr, QObject::tr("No demo recording"),
                         QObject::tr("The demo recording could not be written: %1\nOpen a "
                                     "recording with File > Open.")
                             .arg(error));
    return {};
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("SpecEdit");
    QApplication::setOrganizationName("SpecEdit");
    QApplication::setApplicationVersion("0.1.0");
    QCommandLineParser parser;
    parser.setApplicationDescription("Spectrogram editor for audio and IQ recordings");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("file", "Recording or *.specedit.json project to open");
    parser.process(app);
    specedit::ui::FileDialogSizer::install();
    specedit::ui::MainWindow window;
    window.show();
    const QStringList args = parser.positionalArguments();
    const QString path = args.isEmpty() ? demoRecording() : args.first();
    if (!path.isEmpty())
        window.openPath(path);
    return app.exec();
}
