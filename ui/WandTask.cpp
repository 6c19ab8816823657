#include "WandTask.h"

#include "Document.h"
#include "ErrorText.h"
#include "PaintToolBar.h"
#include "TaskRunner.h"
#include "mask/MagicWand.h"
#include "tools/Tool.h"
#include "util/Error.h"

#include <memory>

namespace specedit::ui {

void startMagicWand(Document* document, TaskRunner* tasks, const PaintToolBar& paint,
                    const WandClick& click, const PlotScale& scale, const StatusMessage& message) {
    if (!document->hasSource())
        return;
    auto source = document->source();
    const auto params = document->analysis();
    auto result = std::make_shared<core::Shape>();
    core::WandOptions options = paint.wandOptions();
    options.channel = click.channel;
    options.pixelSeconds = scale.secondsPerPixel / 2;
    options.pixelHertz = scale.hertzPerPixel / 2;
    auto work = [source, params, click, options, result](core::JobControl& job) {
        *result = core::magicWand(*source, params, click.seconds, click.hertz, options, job);
        return QObject::tr("Outlined a region of %1 points").arg(result->points.size());
    };
    const ShapeDefaults defaults = paint.defaults();
    const int serial = document->openSerial();
    auto done = [document, result, scale, defaults, serial, options, message](bool ok,
                                                                              const QString& text) {
        if (serial != document->openSerial())
            return; // another recording was opened meanwhile
        if (!ok) {
            if (!text.isEmpty())
                message(text, 8000);
            return;
        }
        core::Shape shape = *result;
        applyDefaults(shape, scale, defaults);
        shape.channel = options.channel; // -1 for IQ and the mix: every channel
        try {
            message(text, 5000);       // first: adding it may stop Auto length, which says so after
            document->addShape(shape); // selected as it is inserted
        } catch (const core::Error& e) {
            message(userText(e), 8000);
        }
    };
    if (!tasks->run(QObject::tr("Magic wand"), work, done))
        message(QObject::tr("Another task is running; try the wand when it ends"), 6000);
}

} // namespace specedit::ui
