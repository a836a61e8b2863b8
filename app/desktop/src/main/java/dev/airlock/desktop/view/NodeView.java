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
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One element on the canvas. It only shows a {@link CanvasModel.Node}; the canvas handles its mouse events. */
final class NodeView extends StackPane {

    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    static final PseudoClass RISK = PseudoClass.getPseudoClass("risk");

    private final Label kind = new Label();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label marker = new Label();
    private final HBox badges = new HBox(4);
    private final Circle port = new Circle(8);
    private final Tooltip tooltip = new Tooltip();
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

        marker.getStyleClass().add("node-marker");
        marker.setMouseTransparent(true);
        marker.setManaged(false);

        badges.setAlignment(Pos.CENTER_RIGHT);
        badges.setMouseTransparent(true);
        badges.setManaged(false);

        port.getStyleClass().add("port");
        port.setId(getId() + "-port");
        StackPane.setAlignment(port, Pos.CENTER_RIGHT);
        port.setTranslateX(8);
        port.setVisible(node.kind().isParty());

        tooltip.setShowDelay(Duration.millis(300));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(460);
        getChildren().addAll(text, marker, badges, port);
        update(node);
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
        title.setText(n.id());
        subtitle.setText(n.subtitle());
        relocate(n.position().x(), n.position().y());
        pseudoClassStateChanged(ERROR, n.severity() == Severity.ERROR);
        pseudoClassStateChanged(RISK, n.severity() == Severity.RISK);
        marker.setVisible(n.severity() != null);
        marker.setText(n.severity() == Severity.ERROR ? "!" : "⚠");
        marker.getStyleClass().setAll("node-marker", n.severity() == Severity.ERROR ? "marker-error" : "marker-risk");
        badges.getChildren().clear();
        for (Map.Entry<CanvasModel.Badge, String> b : n.badges().entrySet()) {
            Label badge = new Label(b.getKey() == CanvasModel.Badge.EXFILTRATION ? "EXFIL RISK" : "SANDBOX");
            badge.getStyleClass().addAll("badge", "badge-" + b.getKey().name().toLowerCase());
            badge.setId(getId() + "-badge-" + b.getKey().name().toLowerCase());
            badges.getChildren().add(badge);
        }
        List<String> tips = new ArrayList<>();
        tips.add(n.kind().label() + " " + n.id());
        if (!n.problems().isEmpty()) {
            tips.add(n.problems());
        }
        tips.addAll(n.badges().values());
        tooltip.setText(String.join("\n\n", tips));
        Tooltip.install(this, tooltip);
    }

    /** Marker and badges sit on the border, outside the content area the stack pane would squeeze them into. */
    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        marker.autosize();
        marker.relocate(-marker.getWidth() / 2, -marker.getHeight() / 2);
        badges.autosize();
        badges.relocate(getWidth() - badges.getWidth() + 10, -badges.getHeight() / 2 - 2);
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
