#include "labels/ClassBar.h"

#include "Counted.h"
#include "Document.h"
#include "ErrorText.h"
#include "view/SpectrogramView.h"

#include <QColorDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace specedit::ui {
namespace {

const char* kPalette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f"};

QIcon swatch(const QString& color) {
    QPixmap p(14, 14);
    p.fill(QColor(color));
    return QIcon(p);
}

constexpr int kNameRole = Qt::UserRole;

} // namespace

QString classColorFor(int hotkey) {
    return kPalette[(std::max(1, hotkey) - 1) % 9];
}

std::vector<core::LabelClass> withClassesOf(std::vector<core::LabelClass> classes,
                                            const std::vector<core::Label>& labels) {
    for (const auto& l : labels) {
        if (l.className.empty() ||
            std::any_of(classes.begin(), classes.end(),
                        [&](const core::LabelClass& c) { return c.name == l.className; }))
            continue;
        core::LabelClass c;
        c.name = l.className;
        c.color = classColorFor(int(classes.size()) + 1).toStdString();
        classes.push_back(c);
    }
    return classes;
}

ClassBar::ClassBar(Document* document, SpectrogramView* view, QWidget* parent)
    : QWidget(parent), m_document(document), m_view(view), m_list(new QListWidget(this)),
      m_caption(new QLabel(this)), m_error(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setToolTip(tr("Classes: 1-9 give the selected labels a class; double-click renames"));
    layout->addWidget(m_list);
    auto* buttons = new QHBoxLayout;
    auto button = [&](const QString& text, const QString& tip, auto slot) {
        auto* b = new QPushButton(text, this);
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, slot);
        buttons->addWidget(b);
        if (text != tr("Add")) // the others act on a class
            m_classButtons.push_back(b);
    };
    button(tr("Apply"), tr("Give the selected labels this class"),
           [this] { applyToSelected(selectedClass()); });
    button(tr("Add"), tr("A new class with the next free hotkey"), [this] { addClass({}); });
    button(tr("Colour…"), tr("Change the class's colour"), [this] {
        const auto name = selectedClass();
        for (const auto& c : m_document->classes())
            if (c.name == name) {
                const QColor picked =
                    QColorDialog::getColor(QColor(QString::fromStdString(c.color)), this);
                if (picked.isValid())
                    setClassColor(name, picked);
            }
    });
    button(tr("Remove"), tr("Remove the class; its labels become unclassified"),
           [this] { removeClass(selectedClass()); });
    layout->addLayout(buttons);
    m_error->setWordWrap(true);
    m_error->setStyleSheet("color: #e15759");
    m_error->hide();
    layout->addWidget(m_error);
    connect(m_list, &QListWidget::itemChanged, this, &ClassBar::itemEdited);
    connect(document, &Document::labelsChanged, this, &ClassBar::refresh);
    refresh();
}

void ClassBar::refresh() {
    m_updating = true;
    const std::string keep = selectedClass();
    m_list->clear();
    for (const auto& c : m_document->classes()) {
        const auto n = std::count_if(m_document->labels().begin(), m_document->labels().end(),
                                     [&](const core::Label& l) { return l.className == c.name; });
        // Shown as "hotkey  name"; the name alone is kept in the item's data.
        auto* item =
            new QListWidgetItem(swatch(QString::fromStdString(c.color)), QString(), m_list);
        item->setData(kNameRole, QString::fromStdString(c.name));
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setToolTip(tr("Hotkey %1, %2")
                             .arg(c.hotkey ? QString::number(c.hotkey) : tr("none"),
                                  counted(qint64(n), tr("label"), tr("labels"))));
        item->setText(QString("%1  %2").arg(c.hotkey ? QString::number(c.hotkey) : QString(" "),
                                            QString::fromStdString(c.name)));
        if (c.name == keep)
            m_list->setCurrentItem(item);
    }
    // Said what the list is and how to fill it; without classes the table takes its room.
    const bool none = m_list->count() == 0;
    m_caption->setText(none ? tr("Classes: none yet. Add makes one; keys 1-9 give the selected "
                                 "labels class 1 to 9, made when missing.")
                            : tr("Classes (keys 1-9 give them to the selected labels; "
                                 "double-click renames):"));
    m_list->setVisible(!none);
    for (QPushButton* b : m_classButtons)
        b->setEnabled(!none);
    // As tall as its classes (two rows at least, nine at most): the table keeps the room.
    const int rows = std::clamp(m_list->count(), 2, 9);
    m_list->setFixedHeight(rows * m_list->fontMetrics().height() * 5 / 4 +
                           2 * m_list->frameWidth() + 4);
    m_updating = false;
}

QString ClassBar::error() const {
    return m_error->text();
}

void ClassBar::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    if (!text.isEmpty()) // said once, not left standing over what comes next
        QTimer::singleShot(8000, m_error, [label = m_error, text] {
            if (label->text() == text)
                label->hide();
        });
}

std::string ClassBar::selectedClass() const {
    const auto* item = m_list->currentItem();
    return item ? item->data(kNameRole).toString().toStdString() : std::string();
}

// The edited text, without the hotkey shown before the name, is the new name.
void ClassBar::itemEdited(QListWidgetItem* item) {
    if (m_updating)
        return;
    QString text = item->text().trimmed();
    const auto space = text.indexOf("  ");
    if (space >= 0 && space <= 1)
        text = text.mid(space).trimmed();
    // After the item's editor has closed: a refusal rebuilds the list, which must not happen
    // under an open editor (Qt warned, and the list could keep a stale focus).
    QMetaObject::invokeMethod(
        this,
        [this, from = item->data(kNameRole).toString().toStdString(), text] {
            renameClass(from, text);
        },
        Qt::QueuedConnection);
}

void ClassBar::addClass(const QString& name) {
    auto classes = m_document->classes();
    int hotkey = 0;
    for (int k = 1; k <= 9 && !hotkey; ++k)
        if (std::none_of(classes.begin(), classes.end(),
                         [k](const auto& c) { return c.hotkey == k; }))
            hotkey = k;
    core::LabelClass c;
    c.hotkey = hotkey;
    c.color = classColorFor(hotkey ? hotkey : int(classes.size()) + 1).toStdString();
    c.name = name.isEmpty()
                 ? tr("class %1").arg(hotkey ? hotkey : int(classes.size()) + 1).toStdString()
                 : name.toStdString();
    classes.push_back(c);
    try {
        m_document->setLabels(classes, m_document->labels(), tr("Add class"));
        showError({});
    } catch (const std::exception& e) {
        showError(userText(e));
        return;
    }
}

void ClassBar::renameClass(const std::string& from, const QString& to) {
    const std::string name = to.trimmed().toStdString();
    if (from.empty() || name == from)
        return refresh();
    auto classes = m_document->classes();
    // Said in the user's words before the document's own check (which names JSON keys).
    const bool taken = std::any_of(classes.begin(), classes.end(),
                                   [&](const core::LabelClass& c) { return c.name == name; });
    if (name.empty() || taken) {
        refresh();
        return showError(
            name.empty() ? tr("A class needs a name: \"%1\" kept").arg(QString::fromStdString(from))
                         : tr("There is already a class \"%1\": \"%2\" kept")
                               .arg(to.trimmed(), QString::fromStdString(from)));
    }
    auto labels = m_document->labels();
    for (auto& c : classes)
        if (c.name == from)
            c.name = name;
    for (auto& l : labels)
        if (l.className == from)
            l.className = name;
    try {
        m_document->setLabels(classes, labels, tr("Rename class"));
        showError({});
    } catch (const std::exception& e) { // an empty name, or one taken
        refresh();
        showError(userText(e));
    }
}

void ClassBar::setClassColor(const std::string& name, const QColor& color) {
    auto classes = m_document->classes();
    for (auto& c : classes)
        if (c.name == name)
            c.color = color.name().toStdString();
    m_document->setLabels(classes, m_document->labels(), tr("Class colour"));
}

void ClassBar::removeClass(const std::string& name) {
    if (name.empty())
        return;
    auto classes = m_document->classes();
    auto labels = m_document->labels();
    std::erase_if(classes, [&](const core::LabelClass& c) { return c.name == name; });
    for (auto& l : labels)
        if (l.className == name)
            l.className.clear();
    m_document->setLabels(classes, labels, tr("Remove class"));
}

void ClassBar::applyToSelected(const std::string& name) {
    if (name.empty() || m_view->selectedLabels().empty())
        return;
    auto labels = m_document->labels();
    for (auto& l : labels)
        if (m_view->selectedLabels().count(l.id)) {
            l.className = name;
            l.confirmed = true;
            l.confidence.reset();
        }
    m_document->setLabels(labels, tr("Set class %1").arg(QString::fromStdString(name)));
}

} // namespace specedit::ui
