package dev.airlock.desktop.events;

import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.HashMap;
import java.util.Map;

/**
 * Widens a table's columns to the longest text they have shown, so a route such as
 * {@code researcher → mailer/send_email} reads in full instead of ending in an ellipsis; only the last column (free
 * text) is left to give way. Columns only grow, up to a cap, so the table does not jump as rows arrive.
 */
final class ColumnFit {

    /** A cell's left and right padding plus a little air. */
    private static final double PADDING = 14;
    private static final double CAP = 360;
    /** Until the table has drawn a cell: the size base.css gives the events table. */
    private static final Font FALLBACK = Font.font("DejaVu Sans", FontWeight.BOLD, 13);

    private final TableView<?> table;
    private final Text probe = new Text();
    /** Per column, the most characters measured so far: shorter texts are not measured again. */
    private final Map<TableColumn<?, ?>, Integer> longest = new HashMap<>();
    private Font font;

    ColumnFit(TableView<?> table) {
        this.table = table;
    }

    /** Makes {@code column} wide enough for {@code text}, measured in bold (refused rows are bold). */
    void fit(TableColumn<?, ?> column, String text) {
        if (text.length() <= longest.getOrDefault(column, 0)) {
            return;
        }
        longest.put(column, text.length());
        probe.setFont(font());
        probe.setText(text);
        double needed = Math.min(CAP, Math.ceil(probe.getLayoutBounds().getWidth() + PADDING));
        // The minimum, not the width: the resize policy may have stretched a column now and shrink it later.
        if (needed > column.getMinWidth()) {
            column.setMinWidth(needed);
            column.setPrefWidth(Math.max(needed, column.getPrefWidth()));
        }
    }

    private Font font() {
        // A cell's font is the stylesheet's only once the cell is in a scene and styled.
        if (font == null && table.lookup(".table-cell") instanceof Labeled cell && cell.getScene() != null) {
            cell.applyCss();
            font = Font.font(cell.getFont().getFamily(), FontWeight.BOLD, cell.getFont().getSize());
        }
        return font == null ? FALLBACK : font;
    }
}
