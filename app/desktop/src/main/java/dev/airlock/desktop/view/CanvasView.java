package dev.airlock.desktop.view;

import dev.airlock.core.topology.Position;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.CanvasModel;
import dev.airlock.desktop.model.ConnectionRules;
import dev.airlock.desktop.model.EditorModel;
import dev.airlock.desktop.model.ElementKind;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drawing: zoom, pan, grid snap, drag, marquee selection and connect-by-dragging. It reconciles its nodes with
 * a {@link CanvasModel} computed from the editor model and turns gestures into edits on that model; it never
 * changes the topology directly.
 */
public final class CanvasView extends Region {

    public static final double GRID = 20;
    static final String DRAG_KIND = "airlock/element-kind";
    private static final PseudoClass VALID = PseudoClass.getPseudoClass("valid");
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");
    private static final Object REFRESH = new Object();

    private final EditorModel model;
    private final FxBridge bridge;
    private Map<String, String> findings = Map.of();
    private final Canvas grid = new Canvas();
    private final Pane world = new Pane();
    private final Pane edgeLayer = new Pane();
    private final Pane nodeLayer = new Pane();
    /** The edges, the nodes and what a run draws under the nodes: one bitmap while a run is shown. */
    private final Pane still = new Pane();
    private final Pane overlay = new Pane();
    private final Pane badgeLayer = new Pane();
    private final Map<String, Label> badges = new LinkedHashMap<>();
    private String highlighted = "";
    private final Rectangle marquee = new Rectangle();
    private final Line rubber = new Line();
    private final Label hint = new Label();
    private final Translate pan = new Translate();
    private final Scale zoom = new Scale(1, 1, 0, 0);
    private final DoubleProperty scale = new SimpleDoubleProperty(1);
    private final LiveOverlay live = new LiveOverlay(this);

    private final Map<String, NodeView> nodes = new LinkedHashMap<>();
    private final Map<String, EdgeView> edges = new LinkedHashMap<>();
    private final Map<String, List<EdgeView>> edgesById = new HashMap<>();

    private Point2D pressWorld;
    private Point2D pressScreen;
    private final Map<String, Point2D> moveOrigins = new LinkedHashMap<>();
    private boolean moved;
    private String connectFrom;
    private boolean panning;
    private boolean marqueeing;

    public CanvasView(EditorModel model, FxBridge bridge) {
        this.model = model;
        this.bridge = bridge;
        getStyleClass().add("canvas");
        setId("canvas");
        world.getTransforms().setAll(pan, zoom);
        world.setPickOnBounds(false);
        edgeLayer.setPickOnBounds(false);
        nodeLayer.setPickOnBounds(false);
        overlay.setPickOnBounds(false);
        overlay.setMouseTransparent(true);
        badgeLayer.setMouseTransparent(true);
        marquee.getStyleClass().add("marquee");
        marquee.setVisible(false);
        rubber.getStyleClass().add("rubber");
        rubber.setVisible(false);
        hint.getStyleClass().add("connect-hint");
        hint.setId("connect-hint");
        hint.setVisible(false);
        overlay.getChildren().addAll(marquee, rubber, hint);
        still.setPickOnBounds(false);
        still.getChildren().addAll(edgeLayer, nodeLayer);
        world.getChildren().addAll(still, live.marks, live.dotLayer, live.aboveSlot, live.overview.layer, badgeLayer,
                overlay);
        getChildren().addAll(grid, world);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        model.topologyProperty().addListener((o, a, b) -> scheduleRefresh());
        model.problems().addListener((javafx.collections.ListChangeListener<Object>) c -> scheduleRefresh());
        model.selection().addListener((SetChangeListener<String>) c -> restyleSelection());
        widthProperty().addListener(o -> drawGrid());
        heightProperty().addListener(o -> drawGrid());
        scale.addListener(o -> drawGrid());
        pan.xProperty().addListener(o -> drawGrid());
        pan.yProperty().addListener(o -> drawGrid());

        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onBackgroundPressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onBackgroundDragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onBackgroundReleased);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        setOnDragOver(e -> {
            if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith(DRAG_KIND)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            String kind = e.getDragboard().getString().substring(DRAG_KIND.length() + 1);
            Point2D w = toWorld(e.getX(), e.getY());
            model.addElement(ElementKind.valueOf(kind), snapped(w.getX() - CanvasModel.NODE_WIDTH / 2,
                    w.getY() - CanvasModel.NODE_HEIGHT / 2));
            e.setDropCompleted(true);
            e.consume();
        });
        refresh();
    }

    public DoubleProperty scaleProperty() {
        return scale;
    }

    /** Marks what an exported threat model found on the nodes it names, and keeps the marks current. */
    public void showFindings(javafx.collections.ObservableMap<String, String> shown) {
        findings = shown;
        shown.addListener((javafx.collections.MapChangeListener<String, String>) c -> scheduleRefresh());
        scheduleRefresh();
    }

    // ---- reconciling with the model ---------------------------------------------------------------------------

    private void scheduleRefresh() {
        bridge.post(REFRESH, this::refresh);
    }

    /** Brings the nodes in line with the model now; normally coalesced to once per pulse. */
    public void refresh() {
        CanvasModel cm = CanvasModel.of(model.topology(), model.problems(), findings);
        nodes.keySet().removeIf(key -> {
            if (!cm.nodes().containsKey(key)) {
                nodeLayer.getChildren().remove(nodes.get(key));
                return true;
            }
            return false;
        });
        Map<String, NodeView> byId = new HashMap<>();
        for (CanvasModel.Node n : cm.nodes().values()) {
            NodeView v = nodes.get(n.key());
            if (v == null || v.node().kind() != n.kind()) {
                if (v != null) {
                    nodeLayer.getChildren().remove(v);
                }
                v = new NodeView(n);
                wire(v);
                nodes.put(n.key(), v);
                nodeLayer.getChildren().add(v);
            } else {
                v.update(n);
            }
            byId.put(n.id(), v);
        }
        Set<String> keys = new LinkedHashSet<>();
        edgesById.clear();
        for (CanvasModel.Edge e : cm.edges()) {
            keys.add(e.key());
            EdgeView v = edges.get(e.key());
            if (v == null) {
                v = new EdgeView(e);
                wire(v);
                edges.put(e.key(), v);
                edgeLayer.getChildren().add(v);
            } else {
                v.update(e);
            }
            NodeView from = byId.get(e.from());
            NodeView to = byId.get(e.to());
            v.setVisible(from != null && to != null);
            v.attach(from, to);
            edgesById.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(v);
            edgesById.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(v);
        }
        live.relayout();
        edges.keySet().removeIf(key -> {
            if (!keys.contains(key)) {
                edgeLayer.getChildren().remove(edges.get(key));
                return true;
            }
            return false;
        });
        restyleSelection();
        layoutBadges();
    }

    private void restyleSelection() {
        Set<String> sel = model.selection();
        nodes.forEach((k, v) -> v.setSelected(sel.contains(k)));
        edges.forEach((k, v) -> v.setSelected(sel.contains(k)));
        nodes.forEach((k, v) -> v.pseudoClassStateChanged(HIGHLIGHTED, k.equals(highlighted)));
        edges.forEach((k, v) -> v.pseudoClassStateChanged(HIGHLIGHTED, k.equals(highlighted)));
    }

    // ---- marks from the events panel and replays -------------------------------------------------------------

    /** Marks the node or edge an event belongs to (one at a time; empty clears), apart from the selection. */
    public void highlight(String key) {
        highlighted = key == null ? "" : key;
        restyleSelection();
    }

    public boolean isHighlighted(String key) {
        Node n = nodes.containsKey(key) ? nodes.get(key) : edges.get(key);
        return n != null && n.getPseudoClassStates().contains(HIGHLIGHTED);
    }

    /** Puts a badge on each keyed node or edge (a replay's changed decisions), replacing any earlier ones. */
    public void setBadges(Map<String, String> texts) {
        badges.keySet().removeIf(k -> !texts.containsKey(k));
        for (Map.Entry<String, String> t : texts.entrySet()) {
            Label b = badges.computeIfAbsent(t.getKey(), k -> {
                Label l = new Label();
                l.getStyleClass().add("change-badge");
                l.setId("badge-" + k.replaceAll("[^A-Za-z0-9-]", "_"));
                return l;
            });
            b.setText(t.getValue());
        }
        badgeLayer.getChildren().setAll(badges.values());
        layoutBadges();
    }

    /** The badge text on a node or edge, empty when none; for tests. */
    public String badge(String key) {
        Label b = badges.get(key);
        return b == null ? "" : b.getText();
    }

    /** An edge's badge sits just above its middle, a node's under the node, so neither hides a label. */
    private void layoutBadges() {
        for (Map.Entry<String, Label> e : badges.entrySet()) {
            Label b = e.getValue();
            b.applyCss();
            double w = b.prefWidth(-1);
            double h = b.prefHeight(-1);
            EdgeView edge = edges.get(e.getKey());
            NodeView node = nodes.get(e.getKey());
            if (edge != null && edge.isVisible()) {
                NodeView from = viewOf(edge.edge().from());
                NodeView to = viewOf(edge.edge().to());
                b.resizeRelocate((from.centerX() + to.centerX()) / 2 - w / 2,
                        (from.centerY() + to.centerY()) / 2 - h - 14, w, h);
                b.setVisible(true);
            } else if (node != null) {
                b.resizeRelocate(node.centerX() - w / 2, node.getLayoutY() + CanvasModel.NODE_HEIGHT + 6, w, h);
                b.setVisible(true);
            } else {
                b.setVisible(false);
            }
        }
    }

    // ---- gestures -----------------------------------------------------------------------------------------------

    private void wire(NodeView v) {
        v.setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            String key = v.node().key();
            if (e.isShiftDown() || e.isShortcutDown()) {
                if (!model.selection().remove(key)) {
                    model.selection().add(key);
                }
            } else if (!model.selection().contains(key)) {
                model.select(List.of(key));
            }
            beginMove(toWorld(e));
            e.consume();
        });
        v.setOnMouseDragged(e -> {
            if (pressWorld != null) {
                Point2D w = toWorld(e);
                moveBy(w.getX() - pressWorld.getX(), w.getY() - pressWorld.getY());
            }
            e.consume();
        });
        v.setOnMouseReleased(e -> {
            endMove();
            e.consume();
        });
        v.port().setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                beginConnect(v.node().id());
            }
            e.consume();
        });
        v.port().setOnMouseDragged(e -> {
            dragConnect(toWorld(e));
            e.consume();
        });
        v.port().setOnMouseReleased(e -> {
            endConnect(toWorld(e));
            e.consume();
        });
    }

    private void wire(EdgeView v) {
        v.setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                model.select(List.of(v.edge().key()));
                e.consume();
            }
        });
    }

    /** Starts moving the selected nodes; the move becomes one undoable edit when it ends. */
    public void beginMove(Point2D world) {
        pressWorld = world;
        moved = false;
        moveOrigins.clear();
        for (String key : model.selection()) {
            NodeView v = nodes.get(key);
            if (v != null) {
                moveOrigins.put(key, new Point2D(v.getLayoutX(), v.getLayoutY()));
            }
        }
    }

    public void moveBy(double dx, double dy) {
        moved |= dx != 0 || dy != 0;
        for (Map.Entry<String, Point2D> o : moveOrigins.entrySet()) {
            NodeView v = nodes.get(o.getKey());
            v.relocate(o.getValue().getX() + dx, o.getValue().getY() + dy);
            for (EdgeView ev : edgesById.getOrDefault(v.node().id(), List.of())) {
                ev.layoutEnds();
            }
        }
        live.relayout();
        if (!badges.isEmpty()) {
            layoutBadges();
        }
    }

    public void endMove() {
        if (moved && !moveOrigins.isEmpty()) {
            Map<String, Position> positions = new LinkedHashMap<>();
            for (String key : moveOrigins.keySet()) {
                NodeView v = nodes.get(key);
                positions.put(v.node().id(), snapped(v.getLayoutX(), v.getLayoutY()));
            }
            model.move(positions);
            scheduleRefresh();
        }
        pressWorld = null;
        moveOrigins.clear();
        moved = false;
    }

    private void beginConnect(String fromId) {
        connectFrom = fromId;
        NodeView v = viewOf(fromId);
        rubber.setStartX(v.centerX());
        rubber.setStartY(v.centerY());
        rubber.setEndX(v.centerX());
        rubber.setEndY(v.centerY());
        rubber.setVisible(true);
    }

    private void dragConnect(Point2D w) {
        if (connectFrom == null) {
            return;
        }
        rubber.setEndX(w.getX());
        rubber.setEndY(w.getY());
        NodeView target = nodeAt(w);
        if (target == null || target.node().id().equals(connectFrom)) {
            rubber.pseudoClassStateChanged(VALID, false);
            rubber.pseudoClassStateChanged(INVALID, false);
            hint.setVisible(false);
            model.statusProperty().set("Drag onto an agent, the user, a tool or a model");
            return;
        }
        ConnectionRules.Verdict v = ConnectionRules.check(model.topology(), connectFrom, target.node().id());
        rubber.pseudoClassStateChanged(VALID, v.allowed());
        rubber.pseudoClassStateChanged(INVALID, !v.allowed());
        hint.setText(v.allowed() ? "✓ " + v.text() : "✗ " + v.text());
        hint.pseudoClassStateChanged(VALID, v.allowed());
        hint.pseudoClassStateChanged(INVALID, !v.allowed());
        hint.relocate(w.getX() + 14, w.getY() + 14);
        hint.setVisible(true);
        model.statusProperty().set(v.allowed() ? "Release to add: " + v.text() : "Cannot connect: " + v.text());
    }

    private void endConnect(Point2D w) {
        if (connectFrom == null) {
            return;
        }
        NodeView target = nodeAt(w);
        if (target != null && !target.node().id().equals(connectFrom)) {
            model.connect(connectFrom, target.node().id());
        }
        connectFrom = null;
        rubber.setVisible(false);
        hint.setVisible(false);
    }

    private void onBackgroundPressed(MouseEvent e) {
        pressScreen = new Point2D(e.getX(), e.getY());
        if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE) {
            panning = true;
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        requestFocus();
        if (!e.isShiftDown()) {
            model.selection().clear();
        }
        marqueeing = true;
        Point2D w = toWorld(e);
        marquee.setX(w.getX());
        marquee.setY(w.getY());
        marquee.setWidth(0);
        marquee.setHeight(0);
    }

    private void onBackgroundDragged(MouseEvent e) {
        if (panning) {
            pan.setX(pan.getX() + e.getX() - pressScreen.getX());
            pan.setY(pan.getY() + e.getY() - pressScreen.getY());
            pressScreen = new Point2D(e.getX(), e.getY());
        } else if (marqueeing) {
            Point2D a = toWorld(pressScreen.getX(), pressScreen.getY());
            Point2D b = toWorld(e);
            marquee.setX(Math.min(a.getX(), b.getX()));
            marquee.setY(Math.min(a.getY(), b.getY()));
            marquee.setWidth(Math.abs(a.getX() - b.getX()));
            marquee.setHeight(Math.abs(a.getY() - b.getY()));
            marquee.setVisible(true);
        }
    }

    private void onBackgroundReleased(MouseEvent e) {
        if (marqueeing && marquee.isVisible()) {
            Set<String> hit = new LinkedHashSet<>(model.selection());
            nodes.forEach((k, v) -> {
                if (v.getBoundsInParent().intersects(marquee.getBoundsInParent())) {
                    hit.add(k);
                }
            });
            model.select(hit);
        }
        marquee.setVisible(false);
        marqueeing = false;
        panning = false;
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        zoomAt(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
        e.consume();
    }

    // ---- view transform -----------------------------------------------------------------------------------------

    public void zoomAt(double factor, double sx, double sy) {
        Point2D before = toWorld(sx, sy);
        double s = Math.max(0.2, Math.min(3, scale.get() * factor));
        setScale(s);
        pan.setX(sx - before.getX() * s);
        pan.setY(sy - before.getY() * s);
    }

    public void zoomBy(double factor) {
        zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Shows the whole drawing, at most at 1.25x so a small topology does not look blown up. */
    public void fit() {
        if (nodes.isEmpty() || getWidth() <= 0) {
            return;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeView v : nodes.values()) {
            minX = Math.min(minX, v.getLayoutX());
            minY = Math.min(minY, v.getLayoutY());
            maxX = Math.max(maxX, v.getLayoutX() + CanvasModel.NODE_WIDTH);
            maxY = Math.max(maxY, v.getLayoutY() + CanvasModel.NODE_HEIGHT);
        }
        double pad = 48;
        double s = Math.min((getWidth() - 2 * pad) / (maxX - minX), (getHeight() - 2 * pad) / (maxY - minY));
        s = Math.max(0.2, Math.min(1.25, s));
        setScale(s);
        pan.setX((getWidth() - (maxX - minX) * s) / 2 - minX * s);
        pan.setY((getHeight() - (maxY - minY) * s) / 2 - minY * s);
    }

    /** Centers the view on an element or edge (from the problems list). */
    public void reveal(String key) {
        Point2D c = null;
        NodeView v = nodes.get(key);
        if (v != null) {
            c = new Point2D(v.centerX(), v.centerY());
        } else if (edges.containsKey(key)) {
            javafx.geometry.Bounds b = edges.get(key).getBoundsInParent();
            c = new Point2D(b.getCenterX(), b.getCenterY());
        }
        if (c != null) {
            pan.setX(getWidth() / 2 - c.getX() * scale.get());
            pan.setY(getHeight() / 2 - c.getY() * scale.get());
        }
    }

    /** A free grid spot near the middle of the visible area, for elements added from the palette. */
    public Position freeSpot() {
        Point2D c = toWorld(getWidth() / 2, getHeight() / 2);
        double x0 = c.getX() - CanvasModel.NODE_WIDTH / 2;
        double y0 = c.getY() - CanvasModel.NODE_HEIGHT / 2;
        for (int ring = 0; ring < 40; ring++) {
            for (int i = 0; i <= ring * 8; i++) {
                double angle = ring == 0 ? 0 : 2 * Math.PI * i / (ring * 8);
                Position p = snapped(x0 + Math.cos(angle) * ring * 110, y0 + Math.sin(angle) * ring * 90);
                if (isFree(p)) {
                    return p;
                }
            }
        }
        return snapped(x0, y0);
    }

    private boolean isFree(Position p) {
        for (NodeView v : nodes.values()) {
            if (Math.abs(v.getLayoutX() - p.x()) < CanvasModel.NODE_WIDTH + 20
                    && Math.abs(v.getLayoutY() - p.y()) < CanvasModel.NODE_HEIGHT + 20) {
                return false;
            }
        }
        return true;
    }

    private void setScale(double s) {
        zoom.setX(s);
        zoom.setY(s);
        scale.set(s);
    }

    private Point2D toWorld(MouseEvent e) {
        Point2D local = sceneToLocal(e.getSceneX(), e.getSceneY());
        return toWorld(local.getX(), local.getY());
    }

    private Point2D toWorld(double sx, double sy) {
        return new Point2D((sx - pan.getX()) / scale.get(), (sy - pan.getY()) / scale.get());
    }

    static Position snapped(double x, double y) {
        return new Position(Math.round(x / GRID) * GRID, Math.round(y / GRID) * GRID);
    }

    private NodeView nodeAt(Point2D w) {
        for (NodeView v : nodes.values()) {
            if (w.getX() >= v.getLayoutX() && w.getX() <= v.getLayoutX() + CanvasModel.NODE_WIDTH
                    && w.getY() >= v.getLayoutY() && w.getY() <= v.getLayoutY() + CanvasModel.NODE_HEIGHT) {
                return v;
            }
        }
        return null;
    }

    private NodeView viewOf(String id) {
        for (NodeView v : nodes.values()) {
            if (v.node().id().equals(id)) {
                return v;
            }
        }
        throw new IllegalStateException("no node " + id);
    }

    /**
     * While a run is shown, dots fly across the whole drawing, so a frame in which they move repaints everything
     * under them. The edges and the nodes do not change during a run: kept as one bitmap, such a frame copies one
     * image instead of stroking hundreds of anti-aliased lines and going through hundreds of nodes. The grid is left
     * out: it helps placing elements, and copying it was as costly as the drawing itself. (What the run adds, calls,
     * halos and labels, lies over it, each a bitmap of its own, so a change re-renders only what changed.)
     */
    void holdStill(boolean live) {
        still.setCache(live);
        grid.setVisible(!live);
    }

    LiveOverlay live() {
        return live;
    }

    /** Where an element is drawn, in drawing coordinates; null when it is not. */
    Bounds nodeBox(String id) {
        for (NodeView v : nodes.values()) {
            if (v.node().id().equals(id)) {
                return new BoundingBox(v.getLayoutX(), v.getLayoutY(), CanvasModel.NODE_WIDTH, CanvasModel.NODE_HEIGHT);
            }
        }
        return null;
    }

    List<Bounds> nodeBoxes() {
        return nodes.values().stream().<Bounds>map(v -> new BoundingBox(v.getLayoutX(), v.getLayoutY(),
                CanvasModel.NODE_WIDTH, CanvasModel.NODE_HEIGHT)).toList();
    }

    /** The kinds labels the edges show, so live counters keep clear of them. */
    List<Bounds> edgeLabelBoxes() {
        return edges.values().stream().map(EdgeView::labelBox).filter(java.util.Objects::nonNull).toList();
    }

    /** The keys of the edges drawn, in drawing order. */
    List<String> drawnEdges() {
        return edges.entrySet().stream().filter(e -> e.getValue().isVisible()).map(Map.Entry::getKey).toList();
    }

    /** The ids at the two ends of a drawn edge; null when there is no such edge. */
    String[] edgeEnds(String key) {
        EdgeView v = edges.get(key);
        return v == null || !v.isVisible() ? null : new String[]{v.edge().from(), v.edge().to()};
    }

    /** For tests and the benchmark: the node drawn for a key. */
    public Node nodeFor(String key) {
        return nodes.get(key);
    }

    public int nodeCount() {
        return nodes.size();
    }

    public boolean hasMarker(String key, boolean error) {
        NodeView v = nodes.get(key);
        Node n = v != null ? v : edges.get(key);
        return n != null && n.getPseudoClassStates().contains(error ? NodeView.ERROR : NodeView.RISK);
    }

    @Override
    protected void layoutChildren() {
        // Only when the size changed: a live run lays the canvas out every frame (its labels change), and drawing
        // the grid again made the whole viewport a dirty region, so every frame repainted all of it.
        if (grid.getWidth() != getWidth() || grid.getHeight() != getHeight()) {
            grid.setWidth(getWidth());
            grid.setHeight(getHeight());
            drawGrid();
        }
    }

    private void drawGrid() {
        GraphicsContext g = grid.getGraphicsContext2D();
        g.clearRect(0, 0, grid.getWidth(), grid.getHeight());
        double step = GRID * scale.get();
        while (step < 12) {
            step *= 5;
        }
        g.setFill(Color.gray(0.5, 0.35));
        double ox = ((pan.getX() % step) + step) % step;
        double oy = ((pan.getY() % step) + step) % step;
        for (double x = ox; x < getWidth(); x += step) {
            for (double y = oy; y < getHeight(); y += step) {
                g.fillRect(x - 1, y - 1, 2, 2);
            }
        }
    }

    static String dragPayload(ElementKind kind) {
        return DRAG_KIND + ":" + kind.name();
    }
}
