#pragma once
// A number field whose text carries its unit ("433.9 MHz", "50 ms"): a parse function reads
// what is typed, a format function writes the value, and a pattern says which unfinished texts
// may still become a value. The shortcut guard asks validate() whether a letter typed into it
// belongs to the value (ShortcutGuard), so units reach the field. GUI thread only.

#include <QDoubleSpinBox>
#include <QRegularExpression>
#include <optional>

class QAbstractSpinBox;
class QKeyEvent;

namespace specedit::ui {

// Whether the key types a printable character (no Ctrl, Alt or Meta) that the spin box's
// validator does not refuse where the cursor or selection is; false for any other key.
bool typedKeyFits(const QAbstractSpinBox& spin, const QKeyEvent& e);
// Whether the key types a printable character (no Ctrl, Alt or Meta).
bool typesCharacter(const QKeyEvent& e);

class UnitSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    using Parse = std::optional<double> (*)(const QString&);
    using Format = QString (*)(double value, int decimals);
    UnitSpinBox(Parse parse, Format format, QRegularExpression partial, QWidget* parent);

    // What a value typed past the range becomes when the field is left: its nearer end (a
    // margin of 20 s becomes the 10 s allowed), or, refused like text that is no value, the
    // value before the typing (a sample rate of 0 is a mistake, not 1 Hz).
    enum class OutOfRange { Clamp, Refuse };
    void setOutOfRange(OutOfRange outOfRange) { m_outOfRange = outOfRange; }

signals:
    // Text that was no value when the field was left ("50m": milli or minutes?), or a value
    // past the range with OutOfRange::Refuse; the field
    // goes back to the value it had before the typing began (not to "50", which the typing
    // passed through), and whoever shows messages says why.
    void refused(const QString& text);

protected:
    void focusInEvent(QFocusEvent* event) override;
    // A character the value cannot hold ("a" in "1.2a s") is not taken, and a tip under the
    // field says so (it was dropped without a word).
    void keyPressEvent(QKeyEvent* event) override;
    void fixup(QString& input) const override;
    QValidator::State validate(QString& input, int& pos) const override;
    double valueFromText(const QString& text) const override;
    QString textFromValue(double value) const override;

private:
    Q_INVOKABLE void refuse(const QString& text);

    Parse m_parse;
    Format m_format;
    QRegularExpression m_partial;
    double m_before = 0;             // the value when the typing began
    mutable bool m_refusing = false; // a refusal is queued: the value typed is not kept
    OutOfRange m_outOfRange = OutOfRange::Clamp;
};

} // namespace specedit::ui
