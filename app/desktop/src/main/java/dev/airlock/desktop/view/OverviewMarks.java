package dev.airlock.desktop.view;

import dev.airlock.desktop.live.LiveState;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.shape.ArcTo;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.HLineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.VLineTo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A live run seen from far out, where a counter's or a chip's text would be too small to read: each edge a message
 * crossed is a dot on it in the colour of its worst verdict, each agent a bar under its node in the colour of its
 * state. One shape per colour, each kept as one bitmap, in place of hundreds of labels: on the software pipeline
 * every label is a bitmap drawn again in each frame the flying dots touch, and walked to on the way, which is most of
 * what a frame of a busy run costs there. Sizes are in screen pixels, so the marks stay the same size at any zoom.
 */
final class OverviewMarks {

    /** What a mark says, as a colour of the theme. */
    enum Tone {
        OK, RISK, ERROR, IDLE;

        String styleClass() {
            return "live-mark-" + name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the drawing's nodes and edges are, in drawing coordinates. */
    interface Geometry {
        List<Bounds> nodes();

        /** Null when the element is not drawn. */
        Bounds node(String id);

        List<String> drawnEdges();

        /** Border to border of an edge's two nodes, {x1, y1, x2, y2}; null when either is not drawn. */
        double[] ends(String edgeKey);
    }

    private static final double DOT_RADIUS_PX = 3.5;
    /** A refused edge's dot is larger: it is what the overview is for. */
    private static final double ERROR_RADIUS_PX = 4.5;
    private static final double BAR_HEIGHT_PX = 3;
    private static final double BAR_GAP_PX = 2;
    /** Kept clear around a dot and a node, so marks stay apart. */
    private static final double MARGIN_PX = 1;

    final Group layer = new Group();
    private final Map<Tone, Path> shapes = new EnumMap<>(Tone.class);
    private final Map<Tone, Integer> counts = new EnumMap<>(Tone.class);
    /** Nodes, their bars and the dots placed so far, for the next dot's spot. */
    private FreeSpace space = new FreeSpace();
    /** Each edge's dot, where it was first placed: a dot does not move as others come. */
    private final Map<String, Point2D> spots = new HashMap<>();
    private double scale = Double.NaN;
    /** What the marks show: each edge's tone and each agent's. */
    private final Map<String, Tone> edgeTones = new HashMap<>();
    private final Map<String, Tone> agentTones = new HashMap<>();

    OverviewMarks() {
        layer.setManaged(false);
        layer.setMouseTransparent(true);
        layer.getStyleClass().add("live");
        for (Tone t : Tone.values()) {
            Path p = new Path();
            p.getStyleClass().addAll("live-mark", t.styleClass());
            p.setStroke(null);
            p.setCache(true);
            shapes.put(t, p);
            counts.put(t, 0);
            layer.getChildren().add(p);
        }
    }

    /**
     * Brings the marks in line with the state. They are drawn again only when a tone changed, the zoom did or the nodes
     * moved; not for new counts, which they do not show.
     */
    void follow(LiveState state, double scale, Geometry drawing) {
        if (this.scale != scale) {
            placeAround(drawing.nodes(), scale);
            edgeTones.clear();
            agentTones.clear();
            // Every drawn edge's dot is placed now, in the same order in every run, so each lands in the same spot
            // whatever order the messages come in; a call nothing drawn allows is placed when it first shows.
            drawing.drawnEdges().stream().sorted().forEach(key -> {
                double[] ends = drawing.ends(key);
                if (ends != null) {
                    spot(key, ends);
                }
            });
        }
        Map<String, Tone> edges = new HashMap<>();
        state.edges().forEach((key, e) -> edges.put(key, toneOf(e)));
        Map<String, Tone> agents = new HashMap<>();
        state.agents().forEach((id, a) -> agents.put(id, toneOf(a.phase())));
        if (edges.equals(edgeTones) && agents.equals(agentTones)) {
            return;
        }
        Map<Bounds, Tone> bars = new HashMap<>();
        agents.forEach((id, tone) -> {
            Bounds node = drawing.node(id);
            if (node != null) {
                bars.put(node, tone);
            }
        });
        Map<Point2D, Tone> dots = new HashMap<>();
        edges.forEach((key, tone) -> {
            double[] ends = drawing.ends(key);
            if (ends != null) {
                dots.put(spot(key, ends), tone);
            }
        });
        draw(bars, dots);
        edgeTones.clear();
        edgeTones.putAll(edges);
        agentTones.clear();
        agentTones.putAll(agents);
    }

    private static Tone toneOf(LiveState.EdgeLive e) {
        if (e.blocked() > 0) {
            return Tone.ERROR;
        }
        return e.masked() > 0 ? Tone.RISK : Tone.OK;
    }

    private static Tone toneOf(LiveState.AgentPhase phase) {
        return switch (phase) {
            case READY -> Tone.OK;
            case QUEUED, BUILDING, STARTING, RESTARTING -> Tone.RISK;
            case CRASHED, OOM_KILLED -> Tone.ERROR;
            case EXITED, STOPPED -> Tone.IDLE;
        };
    }

    /** Starts placing again, clear of these nodes and their bars, for a drawing shown at this zoom. */
    private void placeAround(List<Bounds> nodes, double scale) {
        this.scale = scale;
        space = new FreeSpace();
        spots.clear();
        double under = (BAR_GAP_PX + BAR_HEIGHT_PX + MARGIN_PX) / scale;
        double margin = MARGIN_PX / scale;
        for (Bounds n : nodes) {
            space.take(new BoundingBox(n.getMinX() - margin, n.getMinY() - margin, n.getWidth() + 2 * margin,
                    n.getHeight() + margin + under));
        }
    }

    /** Takes the places back: the nodes moved. */
    void forgetPlaces() {
        scale = Double.NaN;
    }

    /**
     * Where an edge's dot goes, placed the first time it is asked for: the first point along the edge clear of nodes,
     * bars and other dots, as a counter is placed. Its middle could lie on a node the edge passes over.
     */
    private Point2D spot(String key, double[] ends) {
        Point2D known = spots.get(key);
        if (known != null) {
            return known;
        }
        double size = 2 * (ERROR_RADIUS_PX + MARGIN_PX) / scale;
        Bounds b = space.along(ends, size, size);
        space.take(b);
        Point2D p = new Point2D(b.getCenterX(), b.getCenterY());
        spots.put(key, p);
        return p;
    }

    /** Draws an agent's bar under its node and the dots of the edges, in place of the last marks. */
    private void draw(Map<Bounds, Tone> agents, Map<Point2D, Tone> dots) {
        Map<Tone, List<PathElement>> elements = new EnumMap<>(Tone.class);
        for (Tone t : Tone.values()) {
            elements.put(t, new ArrayList<>());
            counts.put(t, 0);
        }
        agents.forEach((node, tone) -> {
            bar(elements.get(tone), node.getMinX(), node.getMaxY() + BAR_GAP_PX / scale, node.getWidth(),
                    BAR_HEIGHT_PX / scale);
            counts.merge(tone, 1, Integer::sum);
        });
        dots.forEach((p, tone) -> {
            double radius = tone == Tone.ERROR ? ERROR_RADIUS_PX : DOT_RADIUS_PX;
            circle(elements.get(tone), p.getX(), p.getY(), radius / scale);
            counts.merge(tone, 1, Integer::sum);
        });
        elements.forEach((t, e) -> shapes.get(t).getElements().setAll(e));
    }

    void clear() {
        shapes.values().forEach(p -> p.getElements().clear());
        counts.replaceAll((t, n) -> 0);
        spots.clear();
        edgeTones.clear();
        agentTones.clear();
        forgetPlaces();
    }

    /** How many marks of a tone are drawn, for tests. */
    int count(Tone tone) {
        return counts.get(tone);
    }

    /** Where an edge's dot was placed, for tests: null when it was not. */
    Point2D spotOf(String key) {
        return spots.get(key);
    }

    /** Whether a mark of this tone covers a point of the drawing, for tests. */
    boolean covers(Tone tone, double x, double y) {
        return shapes.get(tone).contains(x, y);
    }

    private static void circle(List<PathElement> into, double x, double y, double r) {
        into.add(new MoveTo(x - r, y));
        into.add(new ArcTo(r, r, 0, x + r, y, false, true));
        into.add(new ArcTo(r, r, 0, x - r, y, false, true));
        into.add(new ClosePath());
    }

    private static void bar(List<PathElement> into, double x, double y, double w, double h) {
        into.add(new MoveTo(x, y));
        into.add(new HLineTo(x + w));
        into.add(new VLineTo(y + h));
        into.add(new HLineTo(x));
        into.add(new ClosePath());
    }
}
