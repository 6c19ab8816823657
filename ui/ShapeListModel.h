#pragma once
// The Shapes panel's list as a model over the document's shapes, in composition order: one
// row per shape ("name   gain, isolate, channel"), ticked unless its outline is hidden. Rows
// are made on demand, so a project of 100,000 shapes lists at once. GUI thread only.

#include <QAbstractListModel>
#include <cstdint>
#include <set>

namespace specedit::core {
struct Shape;
}

namespace specedit::ui {

class Document;

class ShapeListModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit ShapeListModel(const Document* document, QObject* parent = nullptr);

    // A shape's name: its label, else its type and id ("rect 3").
    static QString nameOf(const core::Shape& s);

    // The document's shapes changed: every row may have.
    void reset();
    // The row of a shape, or -1.
    int rowOf(std::uint64_t id) const;
    std::uint64_t idAt(int row) const;
    const std::set<std::uint64_t>& hidden() const { return m_hidden; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    void hiddenChanged(const std::set<std::uint64_t>& ids);

private:
    const Document* m_document;
    std::set<std::uint64_t> m_hidden;
};

} // namespace specedit::ui
