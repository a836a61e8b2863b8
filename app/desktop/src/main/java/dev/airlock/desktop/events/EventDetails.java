package dev.airlock.desktop.events;

import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The selected event in full. Its payload is shown masked; Reveal shows it as sent, for this event only, and
 * selecting another event masks again, so a payload is never on screen unless someone asked for that one.
 */
final class EventDetails extends VBox {

    /** The names column ("verdict" is the widest) and the gap after it, so values know the room they have. */
    private static final double NAME_WIDTH = 64;
    private static final double NAME_ROOM = NAME_WIDTH + 10 + 4;
    private final Label title = new Label("Select an event");
    private final GridPane facts = new GridPane();
    private final TextArea payload = new TextArea();
    private final ToggleButton reveal = new ToggleButton("Reveal payload");
    private final Label payloadNote = new Label();
    private EventRow row;

    EventDetails() {
        getStyleClass().add("event-details");
        setId("event-details");
        setSpacing(6);
        setMinWidth(280);
        title.getStyleClass().add("panel-title");
        facts.getStyleClass().add("event-facts");
        facts.setHgap(10);
        facts.setVgap(2);
        payload.setId("event-payload");
        payload.setEditable(false);
        payload.setWrapText(true);
        VBox.setVgrow(payload, Priority.ALWAYS);
        reveal.setId("event-reveal");
        reveal.selectedProperty().addListener(o -> showPayload());
        payloadNote.getStyleClass().add("payload-note");
        payloadNote.setWrapText(true);
        HBox payloadBar = new HBox(8, new Label("Payload"), reveal);
        payloadBar.getStyleClass().add("payload-bar");
        getChildren().addAll(title, facts, payloadBar, payloadNote, payload);
        show(null, "");
    }

    void show(EventRow r, String change) {
        row = r;
        reveal.setSelected(false);
        facts.getChildren().clear();
        if (r == null) {
            title.setText("Select an event");
            showPayload();
            return;
        }
        title.setText("#" + r.seq() + "  " + r.what());
        int line = 0;
        line = fact(line, "from", r.agent());
        line = fact(line, "to", r.target());
        line = fact(line, "event", r.type());
        line = fact(line, "verdict", r.verdict());
        line = fact(line, "rule", r.rule());
        line = fact(line, "what if", change);
        fact(line, "detail", r.detail().equals(r.maskedPayload()) ? "" : r.detail());
        showPayload();
    }

    private int fact(int line, String name, String value) {
        if (value == null || value.isEmpty()) {
            return line;
        }
        Label n = new Label(name);
        n.getStyleClass().add("property-name");
        Label v = new Label(value);
        v.setWrapText(true);
        // A grid sizes rows by its labels' preferred width; pinning it to the room left makes a long reason wrap
        // instead of ending in an ellipsis.
        v.prefWidthProperty().bind(widthProperty().subtract(snappedLeftInset() + snappedRightInset() + NAME_ROOM));
        v.setMinHeight(Label.USE_PREF_SIZE);
        n.setMinWidth(NAME_WIDTH);
        v.setId("event-fact-" + name.replace(' ', '-'));
        facts.addRow(line, n, v);
        return line + 1;
    }

    private void showPayload() {
        boolean has = row != null && row.payload() != null;
        reveal.setDisable(!has);
        payload.setDisable(!has);
        if (!has) {
            payload.setText("");
            payloadNote.setText(row == null ? "" : "This event carries no payload.");
            return;
        }
        boolean raw = reveal.isSelected();
        payload.setText(raw ? row.payload() : row.maskedPayload());
        payloadNote.setText(raw ? "Shown as sent. Select another event to mask it again."
                : row.payload().equals(row.maskedPayload()) ? "Masked view: no personal data or secrets found."
                : "Masked view: personal data and secrets hidden.");
    }
}
