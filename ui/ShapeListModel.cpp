#include "ShapeListModel.h"

#include "Document.h"
#include "ShapeEffectFields.h"

#include <cmath>

namespace specedit::ui {
namespace {

QString gainText(double db) {
    return std::isinf(db) ? QString::fromUtf8("−∞ dB") : QString("%1 dB").arg(db, 0, 'f', 0);
}

} // namespace

QString ShapeListModel::nameOf(const core::Shape& s) {
    const std::string label = s.extra.value("label", std::string());
    if (!label.empty())
        return QString::fromStdString(label);
    return QString("%1 %2").arg(QString::fromStdString(core::toString(s.type))).arg(s.id);
}

ShapeListModel::ShapeListModel(const Document* document, QObject* parent)
    : QAbstractListModel(parent), m_document(document) {}

void ShapeListModel::reset() {
    beginResetModel();
    std::erase_if(m_hidden, [this](std::uint64_t id) { return !m_document->shape(id); });
    endResetModel();
}

int ShapeListModel::rowOf(std::uint64_t id) const {
    const auto& shapes = m_document->shapes();
    for (std::size_t i = 0; i < shapes.size(); ++i)
        if (shapes[i].id == id)
            return int(i);
    return -1;
}

std::uint64_t ShapeListModel::idAt(int row) const {
    const auto& shapes = m_document->shapes();
    return row >= 0 && row < int(shapes.size()) ? shapes[std::size_t(row)].id : 0;
}

int ShapeListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_document->shapes().size());
}

QVariant ShapeListModel::data(const QModelIndex& index, int role) const {
    const auto& shapes = m_document->shapes();
    if (!index.isValid() || index.row() >= int(shapes.size()))
        return {};
    const auto& s = shapes[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return QString("%1   %2%3%4%5")
            .arg(nameOf(s), s.isGain() ? gainText(s.gainDb) : effectText(s),
                 s.mode == core::MaskMode::Isolate ? tr(", isolate") : QString(),
                 s.channel >= 0 ? tr(", channel %1").arg(s.channel + 1) : QString(),
                 s.harmonics > 1 ? tr(", harmonics up to %1").arg(s.harmonics) : QString());
    case Qt::CheckStateRole:
        return m_hidden.count(s.id) ? Qt::Unchecked : Qt::Checked;
    case Qt::ToolTipRole:
        return tr("Untick to hide the outline (the shape still applies)");
    case Qt::UserRole:
        return QVariant::fromValue<qulonglong>(s.id);
    default:
        return {};
    }
}

bool ShapeListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const std::uint64_t id = idAt(index.row());
    if (role != Qt::CheckStateRole || id == 0)
        return false;
    if (value.value<Qt::CheckState>() == Qt::Checked)
        m_hidden.erase(id);
    else
        m_hidden.insert(id);
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit hiddenChanged(m_hidden);
    return true;
}

Qt::ItemFlags ShapeListModel::flags(const QModelIndex& index) const {
    return QAbstractListModel::flags(index) | Qt::ItemIsUserCheckable;
}

} // namespace specedit::ui
