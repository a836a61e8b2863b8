package dev.airlock.desktop.view;

import dev.airlock.core.problem.Severity;
import dev.airlock.desktop.model.CanvasModel;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One element on the canvas. It only shows a {@link CanvasModel.Node}; the canvas handles its mouse events. */
final class NodeView extends StackPane {

    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    static final PseudoClass RISK = PseudoClass.getPseudoClass("risk");

    // Text rather than Label: a few hundred nodes' worth of Controls makes CSS the cost of opening a file.
    private final Text kind = new Text();
    private final Text title = new Text();
    private final Text subtitle = new Text();
    private Label marker;
    private HBox badges;
    private final Circle port = new Circle(8);
    private Tooltip tooltip;
    private String tooltipText = "";
    private CanvasModel.Node node;

    NodeView(CanvasModel.Node node) {
        getStyleClass().addAll("node", "node-" + node.kind().name().toLowerCase());
        setId(NodeView.idFor(node.key()));
        setPrefSize(CanvasModel.NODE_WIDTH, CanvasModel.NODE_HEIGHT);
        setMinSize(CanvasModel.NODE_WIDTH, CanvasModel.NODE_HEIGHT);
        setMaxSize(CanvasModel.NODE_WIDTH, CanvasModel.NODE_HEIGHT);

        kind.getStyleClass().add("node-kind");
        title.getStyleClass().add("node-title");
        subtitle.getStyleClass().add("node-subtitle");
        VBox text = new VBox(1, kind, title, subtitle);
        text.setAlignment(Pos.CENTER_LEFT);
        text.getStyleClass().add("node-text");
        text.setMouseTransparent(true);

        port.getStyleClass().add("port");
        port.setId(getId() + "-port");
        StackPane.setAlignment(port, Pos.CENTER_RIGHT);
        port.setTranslateX(8);
        port.setVisible(node.kind().isParty());

        getChildren().addAll(text, port);
        // Rasterize the node with its shadow once; a drag then only blits bitmaps (matters for software rendering).
        setCache(true);
        setCacheHint(javafx.scene.CacheHint.SPEED);
        // Tooltips are costly to create by the hundred, so a node gets its own only when the pointer first visits.
        setOnMouseEntered(e -> {
            if (tooltip == null) {
                tooltip = new Tooltip(tooltipText);
                tooltip.setShowDelay(Duration.millis(300));
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(460);
                Tooltip.install(this, tooltip);
            }
        });
        update(node);
    }

    /** Text does not ellipsize by itself; the full text is in the tooltip. */
    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String idFor(String key) {
        return "node-" + key.replace(':', '-');
    }

    CanvasModel.Node node() {
        return node;
    }

    Circle port() {
        return port;
    }

    void update(CanvasModel.Node n) {
        if (n.equals(node)) {
            return;
        }
        node = n;
        kind.setText(n.kind().label().toUpperCase());
        title.setText(shorten(n.id(), 15));
        subtitle.setText(shorten(n.subtitle(), 21));
        relocate(n.position().x(), n.position().y());
        pseudoClassStateChanged(ERROR, n.severity() == Severity.ERROR);
        pseudoClassStateChanged(RISK, n.severity() == Severity.RISK);
        if (n.severity() != null && marker == null) {
            marker = new Label();
            marker.setMouseTransparent(true);
            marker.setManaged(false);
            getChildren().add(marker);
        }
        if (marker != null) {
            marker.setVisible(n.severity() != null);
            marker.setText(n.severity() == Severity.ERROR ? "!" : "⚠");
            marker.getStyleClass().setAll("node-marker", n.severity() == Severity.ERROR ? "marker-error" : "marker-risk");
        }
        if (!n.badges().isEmpty() && badges == null) {
            badges = new HBox(4);
            badges.setAlignment(Pos.CENTER_RIGHT);
            badges.setMouseTransparent(true);
            badges.setManaged(false);
            getChildren().add(badges);
        }
        if (badges != null) {
            badges.getChildren().clear();
        }
        for (Map.Entry<CanvasModel.Badge, String> b : n.badges().entrySet()) {
            Label badge = new Label(switch (b.getKey()) {
                case EXFILTRATION -> "EXFIL RISK";
                case SANDBOX -> "SANDBOX";
                case THREAT -> "THREAT";
            });
            badge.getStyleClass().addAll("badge", "badge-" + b.getKey().name().toLowerCase());
            badge.setId(getId() + "-badge-" + b.getKey().name().toLowerCase());
            badges.getChildren().add(badge);
        }
        List<String> tips = new ArrayList<>();
        tips.add(n.kind().label() + " " + n.id() + "\n" + n.subtitle());
        if (!n.problems().isEmpty()) {
            tips.add(n.problems());
        }
        tips.addAll(n.badges().values());
        tooltipText = String.join("\n\n", tips);
        if (tooltip != null) {
            tooltip.setText(tooltipText);
        }
    }

    /** Marker and badges sit on the border, outside the content area the stack pane would squeeze them into. */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (marker != null) {
            marker.autosize();
            marker.relocate(-marker.getWidth() / 2, -marker.getHeight() / 2);
        }
        if (badges != null) {
            badges.autosize();
            // Right-aligned, but never under the marker on the top-left corner.
            badges.relocate(Math.max(16, getWidth() - badges.getWidth() + 10), -badges.getHeight() / 2 - 2);
        }
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    double centerX() {
        return getLayoutX() + CanvasModel.NODE_WIDTH / 2;
    }

    double centerY() {
        return getLayoutY() + CanvasModel.NODE_HEIGHT / 2;
    }
}
