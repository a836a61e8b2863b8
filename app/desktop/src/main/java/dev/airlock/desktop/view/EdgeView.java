package dev.airlock.desktop.view;

import dev.airlock.core.problem.Severity;
import dev.airlock.desktop.model.CanvasModel;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;

/** A pipe or a scope edge between two node views; recomputed from their positions whenever either moves. */
final class EdgeView extends Group {

    private static final double HEAD = 14;

    private final Line hit = new Line();
    private final Line line = new Line();
    private final Polygon headTo = new Polygon();
    private final Polygon headFrom = new Polygon();
    private Label label;
    private Tooltip tooltip;
    private String tooltipText = "";
    private CanvasModel.Edge edge;
    private NodeView from;
    private NodeView to;

    EdgeView(CanvasModel.Edge edge) {
        getStyleClass().addAll("edge", edge.kind() == CanvasModel.EdgeKind.PIPE ? "edge-pipe" : "edge-scope");
        setId("edge-" + edge.key().replaceAll("[^A-Za-z0-9-]", "_"));
        hit.getStyleClass().add("edge-hit");
        line.getStyleClass().add("edge-line");
        headTo.getStyleClass().add("edge-head");
        headFrom.getStyleClass().add("edge-head");
        line.setMouseTransparent(true);
        headTo.setMouseTransparent(true);
        headFrom.setMouseTransparent(true);
        getChildren().addAll(hit, line, headTo, headFrom);
        hit.setOnMouseEntered(e -> {
            if (tooltip == null) {
                tooltip = new Tooltip(tooltipText);
                Tooltip.install(hit, tooltip);
            }
        });
        update(edge);
    }

    CanvasModel.Edge edge() {
        return edge;
    }

    void update(CanvasModel.Edge e) {
        if (e.equals(edge)) {
            return;
        }
        edge = e;
        if (!e.label().isEmpty() && label == null) {
            label = new Label();
            label.getStyleClass().add("edge-label");
            getChildren().add(label);
        }
        if (label != null) {
            label.setText(e.label());
        }
        headFrom.setVisible(e.both());
        headTo.setVisible(e.kind() == CanvasModel.EdgeKind.PIPE);
        pseudoClassStateChanged(NodeView.ERROR, e.severity() == Severity.ERROR);
        pseudoClassStateChanged(NodeView.RISK, e.severity() == Severity.RISK);
        String what = e.kind() == CanvasModel.EdgeKind.PIPE
                ? "Pipe " + e.from() + (e.both() ? " ↔ " : " → ") + e.to()
                        + "\nkinds: " + (e.label().isEmpty() ? "message" : e.label())
                : "Scope: " + e.from() + " may use " + e.to();
        tooltipText = e.problems().isEmpty() ? what : what + "\n\n" + e.problems();
        if (tooltip != null) {
            tooltip.setText(tooltipText);
        }
    }

    /** Where the kinds label sits, in drawing coordinates; null when none is shown. */
    javafx.geometry.Bounds labelBox() {
        return label == null || !label.isVisible() || !isVisible() ? null : label.getBoundsInParent();
    }

    void attach(NodeView from, NodeView to) {
        this.from = from;
        this.to = to;
        layoutEnds();
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(NodeView.SELECTED, selected);
    }

    /** Runs from the border of one node to the border of the other, so arrowheads stay visible. */
    void layoutEnds() {
        if (from == null || to == null) {
            return;
        }
        double x1 = from.centerX();
        double y1 = from.centerY();
        double x2 = to.centerX();
        double y2 = to.centerY();
        double[] a = border(x1, y1, x2 - x1, y2 - y1);
        double[] b = border(x2, y2, x1 - x2, y1 - y2);
        for (Line l : new Line[]{hit, line}) {
            l.setStartX(a[0]);
            l.setStartY(a[1]);
            l.setEndX(b[0]);
            l.setEndY(b[1]);
        }
        arrow(headTo, a, b);
        arrow(headFrom, b, a);
        if (label == null || edge.label().isEmpty()) {
            if (label != null) {
                label.setVisible(false);
            }
            return;
        }
        label.applyCss();
        double w = label.prefWidth(-1);
        double h = label.prefHeight(-1);
        label.resizeRelocate((a[0] + b[0]) / 2 - w / 2, (a[1] + b[1]) / 2 - h / 2, w, h);
        // A label longer than its edge would sit on the nodes; the tooltip still tells.
        label.setVisible(!edge.label().isEmpty() && Math.hypot(b[0] - a[0], b[1] - a[1]) > w + 16);
    }

    private static double[] border(double cx, double cy, double dx, double dy) {
        double hw = CanvasModel.NODE_WIDTH / 2 + 3;
        double hh = CanvasModel.NODE_HEIGHT / 2 + 3;
        if (dx == 0 && dy == 0) {
            return new double[]{cx, cy};
        }
        double t = Math.min(dx == 0 ? Double.MAX_VALUE : hw / Math.abs(dx), dy == 0 ? Double.MAX_VALUE : hh / Math.abs(dy));
        return new double[]{cx + dx * t, cy + dy * t};
    }

    private static void arrow(Polygon head, double[] tail, double[] tip) {
        double dx = tip[0] - tail[0];
        double dy = tip[1] - tail[1];
        double len = Math.hypot(dx, dy);
        if (len < 1) {
            head.getPoints().clear();
            return;
        }
        double ux = dx / len;
        double uy = dy / len;
        double bx = tip[0] - ux * HEAD;
        double by = tip[1] - uy * HEAD;
        head.getPoints().setAll(tip[0], tip[1], bx - uy * HEAD / 2, by + ux * HEAD / 2, bx + uy * HEAD / 2, by - ux * HEAD / 2);
    }
}
