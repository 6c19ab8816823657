#include "ShapesPanel.h"

#include "CompactSpinBox.h"
#include "Document.h"
#include "HertzSpinBox.h"
#include "KeepDigitsSpinBox.h"
#include "SecondsSpinBox.h"
#include "ShapeEffectFields.h"
#include "ShapeListModel.h"
#include "ShapeNotes.h"
#include "tools/ShapeEditGesture.h"
#include "view/AxisTickers.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace specedit::ui {
namespace {

enum MergeId {
    kNameEdit = 101,
    kGainEdit,
    kModeEdit,
    kFeatherTimeEdit,
    kFeatherFreqEdit,
    kStartEdit,
    kEndEdit,
    kLowEdit,
    kHighEdit,
    kChannelEdit,
    kHarmonicsEdit,
    kEffectEdit,
    kAmountEdit,
    kReductionEdit,
    kFillEdit
};
constexpr double kMinusInfinitySpin = -121;

} // namespace

ShapesPanel::ShapesPanel(Document* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_model(new ShapeListModel(document, this)),
      m_list(new QListView(this)) {
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true); // rows are never measured one by one
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    auto* buttons = new QHBoxLayout;
    m_up = new QPushButton(tr("Up"), this);
    m_down = new QPushButton(tr("Down"), this);
    m_delete = new QPushButton(tr("Delete"), this);
    for (auto* b : {m_up, m_down, m_delete})
        buttons->addWidget(b);
    layout->addLayout(buttons);
    // The fields scroll rather than stretch the window: with an effect's rows shown they are
    // taller than a small screen leaves for the panel.
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName("shapeFields");
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* editor = new QWidget(scroll);
    buildEditor(editor);
    scroll->setWidget(editor);
    layout->addWidget(scroll, 2);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (m_updating)
                    return;
                m_selected = m_model->idAt(current.row());
                showSelected();
                emit selectionChanged(m_selected);
            });
    connect(m_model, &ShapeListModel::hiddenChanged, this, &ShapesPanel::hiddenChanged);
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(+1); });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (m_selected)
            m_document->removeShape(m_selected);
    });
    connect(m_document, &Document::shapesChanged, this, &ShapesPanel::refresh);
    refresh();
}

void ShapesPanel::createFields(QWidget* box) {
    m_name = new QLineEdit(box);
    m_gain = new KeepDigitsDoubleSpinBox(box);
    m_gain->setRange(kMinusInfinitySpin, 12);
    m_gain->setDecimals(0);
    m_gain->setSuffix(" dB");
    m_gain->setSpecialValueText(QString::fromUtf8("−∞ dB (remove)"));
    m_mode = new QComboBox(box);
    // The toolbar's words for new shapes ("apply inside" here read as another choice).
    m_mode->addItems({tr("inside"), tr("outside (isolate)")});
    m_mode->setToolTip(tr("Apply the effect inside the shape, or outside it (isolate what is "
                          "inside)"));
    m_channel = new QComboBox(box);
    m_channel->setObjectName("shapeChannel");
    m_channel->setToolTip(tr("The channel of an audio recording the shape applies to"));
    m_harmonics = new KeepDigitsSpinBox(box);
    m_harmonics->setObjectName("shapeHarmonics");
    m_harmonics->setRange(1, core::kMaxHarmonics);
    m_harmonics->setSpecialValueText(tr("none"));
    m_harmonics->setPrefix(tr("up to "));
    m_harmonics->setKeyboardTracking(false);
    m_harmonics->setToolTip(tr("Also apply at the multiples of the band up to this one: a 47-53 "
                               "Hz hum box with 10 takes 94-106 Hz ... 470-530 Hz too"));
    m_featherMs = new KeepDigitsDoubleSpinBox(box);
    m_featherMs->setRange(0, 10000);
    m_featherMs->setDecimals(2);
    m_featherMs->setSuffix(" ms");
    m_featherHz = new KeepDigitsDoubleSpinBox(box);
    m_featherHz->setRange(0, 1e9);
    m_featherHz->setDecimals(0);
    m_featherHz->setSuffix(" Hz");
    // The box in seconds and Hz (absolute for IQ with a centre): a rectangle's edges, a lasso's
    // or stroke's extent (its points stretch with it).
    // Times without trailing zeros ("1.4 s"); frequencies as RF people read and type them
    // ("433.92 MHz", "433.9M").
    m_start = new SecondsSpinBox(box);
    m_end = new SecondsSpinBox(box);
    m_low = new HertzSpinBox(box);
    m_high = new HertzSpinBox(box);
    for (QDoubleSpinBox* field : {m_start, m_end, m_low, m_high})
        field->setRange(-1e12, 1e12);
    m_start->setObjectName("shapeStart");
    m_end->setObjectName("shapeEnd");
    m_low->setObjectName("shapeLow");
    m_high->setObjectName("shapeHigh");
    for (QDoubleSpinBox* f : {m_low, m_high})
        f->setDecimals(1);
    for (QAbstractSpinBox* spin : std::initializer_list<QAbstractSpinBox*>{
             m_gain, m_featherMs, m_featherHz, m_start, m_end, m_low, m_high})
        spin->setKeyboardTracking(false); // typing "-20" is one edit, not "-" then "-2"...
}

void ShapesPanel::buildEditor(QWidget* box) {
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    createFields(box);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Start"), m_start);
    form->addRow(tr("End"), m_end);
    form->addRow(tr("Low"), m_low);
    form->addRow(tr("High"), m_high);
    m_effects = new ShapeEffectFields(form, box);
    form->addRow(tr("Gain"), m_gain);
    form->addRow(tr("Mode"), m_mode);
    form->addRow(tr("Channel"), m_channel);
    form->addRow(tr("Harmonics"), m_harmonics);
    form->addRow(tr("Feather (time)"), m_featherMs);
    form->addRow(tr("Feather (freq)"), m_featherHz);
    // Tab goes down the form as it reads (it followed the order the fields were made in, from
    // Name to Gain past the box).
    QWidget* previous = nullptr;
    for (int row = 0; row < form->rowCount(); ++row)
        if (QLayoutItem* item = form->itemAt(row, QFormLayout::FieldRole); item && item->widget()) {
            if (previous)
                QWidget::setTabOrder(previous, item->widget());
            previous = item->widget();
        }
    connectFields();
}

void ShapesPanel::connectFields() {
    connect(m_effects, &ShapeEffectFields::edited, this, [this](ShapeEffectFields::Field f) {
        edit(kEffectEdit + int(f)); // the merge ids follow the fields' order
    });
    connect(m_name, &QLineEdit::editingFinished, this, [this] { edit(kNameEdit); });
    connect(m_gain, &QDoubleSpinBox::valueChanged, this, [this] { edit(kGainEdit); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] { edit(kModeEdit); });
    connect(m_channel, &QComboBox::currentIndexChanged, this, [this] { edit(kChannelEdit); });
    connect(m_harmonics, &QSpinBox::valueChanged, this, [this] { edit(kHarmonicsEdit); });
    connect(m_featherMs, &QDoubleSpinBox::valueChanged, this, [this] { edit(kFeatherTimeEdit); });
    connect(m_featherHz, &QDoubleSpinBox::valueChanged, this, [this] { edit(kFeatherFreqEdit); });
    connect(m_start, &QDoubleSpinBox::valueChanged, this, [this] { edit(kStartEdit); });
    connect(m_end, &QDoubleSpinBox::valueChanged, this, [this] { edit(kEndEdit); });
    connect(m_low, &QDoubleSpinBox::valueChanged, this, [this] { edit(kLowEdit); });
    connect(m_high, &QDoubleSpinBox::valueChanged, this, [this] { edit(kHighEdit); });
    // Text that is no time or frequency is refused, and said (the field went back silently).
    const QString time = tr("a time (1.5, 50 ms, 250 us, 2 min, 1:02.5)");
    const QString frequency = tr("a frequency (433.92M, 433.92 MHz, 2.4e6)");
    const std::pair<QDoubleSpinBox*, QString> units[] = {
        {m_start, time}, {m_end, time}, {m_low, frequency}, {m_high, frequency}};
    for (const auto& [field, expected] : units)
        connect(qobject_cast<UnitSpinBox*>(field), &UnitSpinBox::refused, this,
                [this, expected, isTime = expected == time](const QString& text) {
                    const QString hint = isTime ? ambiguousTimeText(text) : QString();
                    emit message(hint.isEmpty()
                                     ? tr("\"%1\" is not %2: not applied").arg(text, expected)
                                     : hint,
                                 8000);
                    m_refusalShown = true;
                });
}

void ShapesPanel::refresh() {
    m_updating = true;
    const QSignalBlocker block(m_list->selectionModel());
    m_model->reset();
    const int row = m_model->rowOf(m_selected);
    if (row < 0)
        m_selected = 0;
    m_list->setCurrentIndex(m_model->index(row));
    m_updating = false;
    showSelected();
}

const std::set<std::uint64_t>& ShapesPanel::hidden() const {
    return m_model->hidden();
}

void ShapesPanel::select(std::uint64_t id) {
    if (id == m_selected)
        return;
    m_selected = id;
    refresh();
}

// All channels, then each channel of an audio recording; only "all" for IQ or no shape.
void ShapesPanel::fillChannels(const core::Shape* s) {
    const QSignalBlocker block(m_channel);
    m_channel->clear();
    m_channel->addItem(tr("all channels"));
    const bool audio = m_document->hasSource() && !m_document->info().isComplex();
    const int channels = audio ? m_document->info().channels : 0;
    for (int c = 0; c < channels && channels > 1; ++c)
        m_channel->addItem(tr("channel %1").arg(c + 1));
    m_channel->setEnabled(s != nullptr && m_channel->count() > 1);
    m_channel->setCurrentIndex(s && s->channel + 1 < m_channel->count() ? s->channel + 1 : 0);
}

void ShapesPanel::showSelected() {
    const core::Shape* s = m_document->shape(m_selected);
    const std::initializer_list<QDoubleSpinBox*> numbers{m_gain, m_featherMs, m_featherHz, m_start,
                                                         m_end,  m_low,       m_high};
    for (QWidget* w : std::initializer_list<QWidget*>{m_name, m_mode, m_harmonics, m_delete})
        w->setEnabled(s != nullptr);
    const int row = m_model->rowOf(m_selected); // the top one cannot go up, the last down
    m_up->setEnabled(s != nullptr && row > 0);
    m_down->setEnabled(s != nullptr && row >= 0 && row + 1 < m_model->rowCount());
    fillChannels(s);
    m_effects->show(s);
    for (QDoubleSpinBox* spin : numbers)
        spin->setEnabled(s != nullptr);
    // Gain and mode belong to the gain effect only.
    m_gain->setEnabled(s != nullptr && m_effects->gainApplies());
    m_mode->setEnabled(s != nullptr && m_effects->gainApplies());
    const QSignalBlocker b1(m_name), b2(m_gain), b3(m_mode), b4(m_featherMs), b5(m_featherHz),
        b6(m_start), b7(m_end), b8(m_low), b9(m_high), b10(m_harmonics);
    if (!s) {
        // Nothing selected (or the shape was deleted): no field keeps its old values.
        m_name->clear();
        for (QDoubleSpinBox* spin : numbers)
            spin->clear();
        m_harmonics->setValue(1);
        return;
    }
    m_name->setText(ShapeListModel::nameOf(*s));
    m_gain->setValue(std::isinf(s->gainDb) ? kMinusInfinitySpin : s->gainDb);
    m_mode->setCurrentIndex(s->mode == core::MaskMode::Isolate ? 1 : 0);
    m_harmonics->setValue(s->harmonics);
    m_featherMs->setValue(s->featherS * 1e3);
    m_featherHz->setValue(s->featherHz);
    const core::TfBox box = ShapeEditGesture::extent(*s);
    // Times to a tenth of a sample or finer (2 MS/s: 10 ns), so a typed sample is kept.
    const double rate = m_document->hasSource() ? m_document->info().sampleRate : 0.0;
    const int decimals = rate > 0 ? std::clamp(int(std::ceil(std::log10(rate))) + 1, 6, 9) : 6;
    for (QDoubleSpinBox* t : {m_start, m_end})
        t->setDecimals(decimals);
    m_start->setValue(box.t0);
    m_end->setValue(box.t1);
    m_low->setValue(box.f0);
    m_high->setValue(box.f1);
}

// A typed box edge: the shape fitted to the new box; refused, with a message, when the box
// would be empty (start after end, low above high), and the field shows the shape again.
bool ShapesPanel::editBox(core::Shape& s, int mergeId) {
    core::TfBox box = ShapeEditGesture::extent(s);
    box.t0 = mergeId == kStartEdit ? m_start->value() : box.t0;
    box.t1 = mergeId == kEndEdit ? m_end->value() : box.t1;
    box.f0 = mergeId == kLowEdit ? m_low->value() : box.f0;
    box.f1 = mergeId == kHighEdit ? m_high->value() : box.f1;
    const BoxEdge edge = mergeId == kStartEdit ? BoxEdge::Start
                         : mergeId == kEndEdit ? BoxEdge::End
                         : mergeId == kLowEdit ? BoxEdge::Low
                                               : BoxEdge::High;
    QDoubleSpinBox* const fields[] = {m_start, m_end, m_low, m_high};
    const QString typed = fields[int(edge)]->text(), other = fields[int(edge) ^ 1]->text();
    if (!(box.t0 < box.t1) || !(box.f0 < box.f1)) {
        emit message(emptyBoxRefusal(edge, typed, other), 8000);
        m_refusalShown = true;
        // The fields show what the shape is, never a value it does not use.
        QMetaObject::invokeMethod(this, &ShapesPanel::showSelected, Qt::QueuedConnection);
        return false;
    }
    s = ShapeEditGesture::fitToBox(s, box);
    if (const QString note =
            m_document->hasSource() ? outsideNote(edge, box, m_document->info(), typed) : QString();
        !note.isEmpty())
        emit message(note, 8000);
    return true;
}

void ShapesPanel::edit(int mergeId) {
    const core::Shape* current = m_document->shape(m_selected);
    if (!current || m_updating)
        return;
    if (m_refusalShown) { // an earlier refusal no longer stands once a value is taken
        m_refusalShown = false;
        emit message(QString(), 0);
    }
    // Only the field of the control that changed: the others keep their exact values (the
    // spin boxes show them rounded).
    core::Shape s = *current;
    switch (mergeId) {
    case kNameEdit:
        if (m_name->text() == ShapeListModel::nameOf(*current))
            return;
        s.extra["label"] = m_name->text().toStdString();
        break;
    case kGainEdit:
        s.gainDb = m_gain->value() <= kMinusInfinitySpin ? core::kMinusInfinityDb : m_gain->value();
        break;
    case kModeEdit:
        s.mode = m_mode->currentIndex() == 1 ? core::MaskMode::Isolate : core::MaskMode::Apply;
        break;
    case kChannelEdit:
        s.channel = m_channel->currentIndex() - 1; // item 0: every channel
        break;
    case kHarmonicsEdit:
        s.harmonics = m_harmonics->value();
        break;
    case kEffectEdit:
    case kAmountEdit:
    case kReductionEdit:
    case kFillEdit:
        if (!m_effects->write(s, ShapeEffectFields::Field(mergeId - kEffectEdit),
                              m_document->analysis()))
            return;
        break;
    case kFeatherTimeEdit:
        s.featherS = m_featherMs->value() / 1e3;
        break;
    case kFeatherFreqEdit:
        s.featherHz = m_featherHz->value();
        break;
    case kStartEdit:
    case kEndEdit:
    case kLowEdit:
    case kHighEdit:
        if (!editBox(s, mergeId))
            return;
        break;
    default:
        return;
    }
    m_document->modifyShape(s, mergeId);
    const bool band = mergeId == kHarmonicsEdit || mergeId == kLowEdit || mergeId == kHighEdit ||
                      mergeId == kFeatherFreqEdit;
    if (!m_document->hasSource())
        return;
    const QString note = editNote(s, m_document->shapes(), m_document->analysis(),
                                  m_document->info(), band, mergeId == kEffectEdit);
    if (!note.isEmpty())
        emit message(note, 15000);
}

void ShapesPanel::move(int delta) {
    const auto& shapes = m_document->shapes();
    for (std::size_t i = 0; i < shapes.size(); ++i)
        if (shapes[i].id == m_selected) {
            const int to = int(i) + delta;
            if (to >= 0 && to < int(shapes.size()))
                m_document->moveShape(m_selected, to);
            return;
        }
}

} // namespace specedit::ui
