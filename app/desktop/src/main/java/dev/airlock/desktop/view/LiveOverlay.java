package dev.airlock.desktop.view;

import dev.airlock.core.event.GateAction;
import dev.airlock.desktop.live.LiveState;
import dev.airlock.desktop.model.CanvasModel;
import javafx.animation.AnimationTimer;
import javafx.css.PseudoClass;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A live run drawn over the canvas: per-edge counters with the rule of the latest refusal, edges for calls nothing
 * in the drawing allows, each agent's state, sparklines and the kernel's refusals under its node, and a dot per
 * message travelling its edge. Counter labels are placed where they overlap no node, no chip and no other label.
 * Zoomed out too far to read them, counters and chips give way to coloured marks.
 */
final class LiveOverlay {

    /** Dots in flight at most, per edge and launched per step: beyond that, messages are counted, not animated. */
    private static final int MAX_DOTS = 160;
    private static final int MAX_DOTS_PER_EDGE = 4;
    private static final int MAX_LAUNCHES_PER_STEP = 8;
    /**
     * Placing the counters again measures every label (hundreds of text layouts); growing counts would otherwise
     * do that several times a second. Each counter is placed with room for this many more characters.
     */
    private static final int GROWTH_CHARS = 3;
    /**
     * Under load counters change with every batch; nobody reads that fast, and each new text is a label to lay out
     * and render again. Their counts are brought up to date a slice per step, so each changes about once a second
     * and no step renders all of them (re-rendering hundreds of labels in one frame tripled its length); a counter's
     * first refusal, first masking or new rule shows at the next step. Chips and the kernel's badges too: a new state
     * and the first refusal at the next step, the rest by slice (an agent the kernel refuses many times a second
     * changed its chip and badge in every step, a hundred chips re-rendered in each frame).
     */
    private static final int SLICES = 32;
    /**
     * Labels and chips that change in one step, at most: each is a bitmap to render again (about a millisecond each
     * on the software pipeline). A run's first events reach most edges and agents at once, with a new counter, a
     * first refusal, a new state each; all in one step made the first seconds of a busy run a string of long frames.
     * What is over the budget waits for the next steps (300 new counters take a second).
     */
    private static final int CHANGES_PER_STEP = 12;
    /**
     * The FX thread's time for those changes in one step, at most (the first change of a step always goes through).
     * A frame is 16.7 ms, and the CSS, layout and rendering the changes cause come after. In a run's first seconds
     * each change costs several times what it does later (new labels to style and measure, code not yet compiled),
     * and twelve of them made most frames long; a budget in time spreads them over more steps while that lasts.
     */
    private static final long STEP_NANOS = 4_000_000L;
    private static final long ALL_SLICES = (1L << SLICES) - 1;
    private static final double TRAVEL_NANOS = 600e6;
    private static final double CHIP_GAP = 6;
    /**
     * Zoomed out below this, a counter's text is under 6 px and a chip's no larger, too small to read: the run is
     * shown as {@link OverviewMarks} instead. (The 200-element drawing fits a window at 20 %.)
     */
    private static final double OVERVIEW_BELOW = 0.5;
    private static final int KIND_COLORS = 6;

    private final CanvasView canvas;
    /**
     * Over the drawing, under the dots: edges of undeclared calls and the kernel's halos. Not part of the bitmap the
     * drawing is kept as during a run: a hostile run's first seconds bring a new halo or call every few frames, and
     * each made the whole drawing render again. A halo rings its node from outside, so it may lie over the drawing.
     */
    final Pane marks = new Pane();
    private final Pane callLayer = new Pane();
    private final Pane haloLayer = new Pane();
    /**
     * Over the nodes, under the labels: under the nodes they would split the drawing's bitmap in two. A dot travels
     * between two nodes' borders, so it seldom passes over one.
     */
    final Pane dotLayer = new Pane();
    /** Over the nodes: chips and counters, which must stay readable. */
    final Pane above = new Pane();
    /**
     * Holds {@link #above} while its labels can be read. Zoomed out, it is taken out of the scene, not hidden: every
     * pulse walks the whole scene to bring bounds up to date, hidden nodes too, and the labels are most of it.
     */
    final Group aboveSlot = new Group();
    /** In place of {@link #above} when zoomed out too far to read it. */
    final OverviewMarks overview = new OverviewMarks();
    private boolean far;
    /** Counters and chips not brought up to date or placed while zoomed out: they are, once they can be read again. */
    private boolean labelsBehind;
    /** Where the overview finds the drawing's nodes and edges. */
    private final OverviewMarks.Geometry geometry = new OverviewMarks.Geometry() {
        @Override
        public List<Bounds> nodes() {
            return canvas.nodeBoxes();
        }

        @Override
        public Bounds node(String id) {
            return canvas.nodeBox(id);
        }

        @Override
        public List<String> drawnEdges() {
            return canvas.drawnEdges();
        }

        @Override
        public double[] ends(String edgeKey) {
            return LiveOverlay.this.ends(edgeKey);
        }
    };
    private final Map<String, Label> counters = new TreeMap<>();
    private final Map<String, Line> calls = new HashMap<>();
    private final Map<String, AgentChip> chips = new LinkedHashMap<>();
    private final Map<String, RefusalHalo> halos = new HashMap<>();
    private final List<Dot> dots = new ArrayList<>();
    /** Dots that arrived, by style class, for the next launch: a dot is a Node, made once and reused. */
    private final Map<String, ArrayDeque<Circle>> spareDots = new HashMap<>();
    /** Chips and counters added since the last layout: they need CSS before they can be measured. */
    private final java.util.Set<javafx.scene.Node> unstyled = new java.util.HashSet<>();
    /** Counters made and placed when the run began, for edges no message has crossed yet: not shown. */
    private final java.util.Set<String> waiting = new java.util.HashSet<>();
    /** Per counter, the text length its placed box has room for. */
    private final Map<String, Integer> placedLength = new HashMap<>();
    /** Per counter, what kind of counts it shows (refused, masked, the rule): a new kind shows at once. */
    private final Map<String, String> counterKinds = new HashMap<>();
    /** Per counter, the box it holds in {@link #space}. */
    private final Map<String, Bounds> spots = new HashMap<>();
    /** Per chip, the boxes it and its kernel badge hold in {@link #space}. */
    private final Map<String, List<Bounds>> chipSpots = new HashMap<>();
    /** Everything placed by the last layout, for counters placed since without moving the rest. */
    private FreeSpace space = new FreeSpace();
    private final Map<String, Integer> dotsPerEdge = new HashMap<>();
    private final Map<String, Integer> kindColors = new HashMap<>();
    /**
     * The drawing changes in steps, in every other frame: dots move and are launched, counters, chips and halos are
     * brought up to date, all in the same frame. A frame in which anything on the drawing changes repaints most of it
     * (dots are everywhere), the software renderer's largest cost; the frame between repaints nothing there, so the
     * window keeps the display's pace. Counted in frames, not time: a step frame that ran long must not make the
     * next frame a step too, which would lengthen that one as well. 30 steps a second still read as motion.
     */
    private final AnimationTimer steps = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (restFrame) {
                restFrame = false;
            } else {
                step(now);
            }
        }
    };
    private boolean stepping;
    /** The next frame repaints nothing on the drawing, since this one did. */
    private boolean restFrame;
    /** Flows of the batches since the last step that get a dot. */
    private final ArrayDeque<LiveState.Flow> arriving = new ArrayDeque<>();
    private int slice;
    /** One bit per slice whose counters may show older counts than the state. */
    private long staleSlices;
    private LiveState state;

    LiveOverlay(CanvasView canvas) {
        this.canvas = canvas;
        marks.setPickOnBounds(false);
        marks.setMouseTransparent(true);
        marks.getChildren().addAll(callLayer, haloLayer);
        // A dashed line stroked again in every frame the dots repaint cost about a millisecond of the renderer for a
        // hostile run's dozen calls; they change only when a new one appears, so they are kept as a bitmap.
        callLayer.setCache(true);
        dotLayer.setPickOnBounds(false);
        dotLayer.setMouseTransparent(true);
        dotLayer.setManaged(false);
        above.setPickOnBounds(false);
        // Layout roots: a counter whose text changes is laid out alone, instead of making the canvas, the panels
        // around it and the window work out their sizes again, which under load they did in every frame.
        above.setManaged(false);
        marks.setManaged(false);
        above.getStyleClass().add("live");
        marks.getStyleClass().add("live");
        canvas.scaleProperty().addListener((o, was, now) -> zoomed(now.doubleValue()));
        zoomed(canvas.scaleProperty().get());
    }

    /** Shows the labels or, too far out to read them, the overview's marks. */
    private void zoomed(double scale) {
        far = scale < OVERVIEW_BELOW;
        overview.layer.setVisible(far);
        if (far) {
            aboveSlot.getChildren().clear();
            drawOverview();
            return;
        }
        if (aboveSlot.getChildren().isEmpty()) {
            aboveSlot.getChildren().add(above);
        }
        if (labelsBehind && state != null) {
            labelsBehind = false;
            relayout();
            // Their counts catch up a slice at a time, as under load.
            staleSlices = ALL_SLICES;
            keepStepping();
        }
    }

    /** Brings the overview's marks in line with the state, while it is shown. */
    private void drawOverview() {
        if (far && state != null) {
            overview.follow(state, canvas.scaleProperty().get(), geometry);
        }
    }

    /**
     * Zoomed out, the kernel's refusals still show as halos around their agents; the badges with their counts come
     * with the labels.
     */
    private void ringRefusedAgents() {
        state.agents().forEach((id, a) -> {
            RefusalHalo halo = halos.get(id);
            Bounds node = canvas.nodeBox(id);
            if (halo != null && node != null && halo.shown() != (a.refusals() > 0)) {
                halo.show(a.refusals());
                halo.ring(node);
            }
        });
    }

    /**
     * Zoomed out, a call nothing in the drawing allows still gets its dashed edge; its counter comes with the
     * labels.
     */
    private void drawNewCalls() {
        for (String key : state.edges().keySet()) {
            if (key.startsWith(LiveState.CALL) && !counters.containsKey(key)) {
                newCounter(key);
                double[] ends = ends(key);
                if (ends != null) {
                    drawCall(key, ends);
                }
            }
        }
    }

    boolean active() {
        return state != null;
    }

    /**
     * Shows a run that begins: a chip per agent with its state. Chips and the drawn edges' counters are made, styled
     * and placed here, before the run's first events, and a counter shows once a message crosses its edge. Made as
     * the events came, a few per frame, hundreds of them made the first seconds of a busy run a string of long frames;
     * and placed all at once, each lands in the same spot in every run, whatever order the messages come in.
     */
    void begin(LiveState s) {
        clear();
        state = s;
        canvas.holdStill(true);
        s.agents().forEach((agent, a) -> {
            AgentChip chip = new AgentChip(agent);
            chips.put(agent, chip);
            unstyled.add(chip);
            above.getChildren().add(chip);
            chip.show(a);
            RefusalHalo halo = new RefusalHalo(agent);
            halos.put(agent, halo);
            haloLayer.getChildren().add(halo.halo);
            above.getChildren().add(halo.badge);
            halo.show(a.refusals());
        });
        for (String key : canvas.drawnEdges()) {
            newCounter(key).setText(counterText(new LiveState.EdgeLive()));
            waiting.add(key);
        }
        relayout();
    }

    /** Takes the run's drawing away; the editor shows the topology alone again. */
    void clear() {
        state = null;
        canvas.holdStill(false);
        steps.stop();
        stepping = false;
        arriving.clear();
        staleSlices = 0;
        labelsBehind = false;
        callLayer.getChildren().clear();
        haloLayer.getChildren().clear();
        dotLayer.getChildren().clear();
        above.getChildren().clear();
        counters.clear();
        calls.clear();
        chips.clear();
        halos.clear();
        dots.clear();
        spareDots.clear();
        unstyled.clear();
        placedLength.clear();
        waiting.clear();
        counterKinds.clear();
        spots.clear();
        chipSpots.clear();
        space = new FreeSpace();
        dotsPerEdge.clear();
        overview.clear();
    }

    /**
     * Takes a batch's flows for dots at the next step and marks counters, chips and call edges to be brought in line
     * with the state from there. A step is at most two frames away; showing a new state before it would be a second
     * round of changes in the same frame.
     */
    void update(LiveState.Changes changes) {
        if (state == null) {
            return;
        }
        for (LiveState.Flow f : changes.flows()) {
            if (arriving.size() >= MAX_LAUNCHES_PER_STEP) {
                break;
            }
            arriving.add(f);
        }
        staleSlices = ALL_SLICES;
        keepStepping();
    }

    private void keepStepping() {
        if (!stepping) {
            // After a quiet spell the change shows in this frame, not the next.
            stepping = true;
            steps.start();
            step(System.nanoTime());
        }
    }

    /**
     * Sets only what changed, within the step's budgets. A chip that changed size is placed again with the counters it
     * covers; a counter that appeared or outgrew its room is placed alone.
     */
    private void refresh() {
        if (state == null) {
            return;
        }
        int current = slice;
        slice = (slice + 1) % SLICES;
        staleSlices &= ~(1L << current);
        Budget budget = new Budget(CHANGES_PER_STEP, System.nanoTime() + STEP_NANOS);
        List<String> reshaped = new ArrayList<>();
        for (Map.Entry<String, AgentChip> c : chips.entrySet()) {
            String id = c.getKey();
            AgentChip chip = c.getValue();
            LiveState.AgentLive a = state.agents().get(id);
            // A new state and the kernel's first refusal show in this step; counts and sparklines wait for their slice.
            if (a == null || (!chip.showsAnotherKind(a) && sliceOf(id) != current)) {
                continue;
            }
            if (budget.spent()) {
                staleSlices |= 1L << sliceOf(id);
                continue;
            }
            budget.use();
            boolean changed = chip.show(a);
            RefusalHalo halo = halos.get(id);
            if (halo != null) {
                boolean was = halo.shown();
                halo.show(a.refusals());
                changed |= halo.shown() != was;
            }
            if (changed) {
                reshaped.add(id);
            }
        }
        // Only what changed moves; the rest keep their spots, so the cost follows what changed.
        reshaped.forEach(this::reshapeChip);
        for (Map.Entry<String, LiveState.EdgeLive> edge : state.edges().entrySet()) {
            String key = edge.getKey();
            LiveState.EdgeLive e = edge.getValue();
            Label l = counters.get(key);
            String kind = kindOf(e);
            boolean due = l == null || !kind.equals(counterKinds.get(key)) || sliceOf(key) == current;
            if (!due) {
                continue;
            }
            if (budget.spent()) {
                // Its slice stays stale, so a later step shows it.
                staleSlices |= 1L << sliceOf(key);
                continue;
            }
            if (l == null) {
                l = newCounter(key);
            } else if (waiting.remove(key)) {
                l.setVisible(spots.containsKey(key));
            }
            counterKinds.put(key, kind);
            String text = counterText(e);
            if (!text.equals(l.getText())) {
                l.setText(text);
                budget.use();
            }
            l.pseudoClassStateChanged(NodeView.ERROR, e.blocked() > 0);
            l.pseudoClassStateChanged(NodeView.RISK, e.blocked() == 0 && e.masked() > 0);
            l.setUserData(e.lastRule());
            if (text.length() > placedLength.getOrDefault(key, -1)) {
                // New, or grown past the room it was placed with: it would overlap a neighbour where it is. Placed
                // here, not after the loop, so that the time it takes counts against this step's budget.
                placeCounter(key);
            }
        }
    }

    private Label newCounter(String key) {
        Label l = new Label();
        l.getStyleClass().add("live-counter");
        l.setId("live-" + key.replaceAll("[^A-Za-z0-9-]", "_"));
        l.setCache(true);
        counters.put(key, l);
        unstyled.add(l);
        above.getChildren().add(l);
        if (key.startsWith(LiveState.CALL)) {
            Line line = new Line();
            line.getStyleClass().add("live-call");
            calls.put(key, line);
            // Drawn between its nodes when its counter is placed.
            callLayer.getChildren().add(line);
        }
        return l;
    }

    /** What one step may still change: a number of labels and chips, and the FX thread's time. */
    private static final class Budget {
        private final long deadline;
        private int left;

        Budget(int changes, long deadline) {
            this.left = changes;
            this.deadline = deadline;
        }

        void use() {
            left--;
        }

        boolean spent() {
            return left <= 0 || System.nanoTime() > deadline;
        }
    }

    /**
     * Places a chip that changed size (its kernel refusals appeared, say) and moves the counters it now covers. Each
     * agent's first refusal did this; placing every label again for each of a hundred agents made the first seconds
     * of a hostile run a string of long frames.
     */
    private void reshapeChip(String id) {
        placeChip(id);
        List<Bounds> held = chipSpots.getOrDefault(id, List.of());
        List<String> covered = new ArrayList<>();
        spots.forEach((key, spot) -> {
            for (Bounds b : held) {
                if (b.intersects(spot)) {
                    covered.add(key);
                    return;
                }
            }
        });
        covered.forEach(this::placeCounter);
    }

    private static String kindOf(LiveState.EdgeLive e) {
        return (e.blocked() > 0 ? "b" : "") + (e.masked() > 0 ? "m" : "") + e.lastRule();
    }

    private static int sliceOf(String key) {
        return Math.floorMod(key.hashCode(), SLICES);
    }

    static String counterText(LiveState.EdgeLive e) {
        // Only the counts that are not zero, so a refused call reads "✕ 1 scope.tool" and nothing else.
        List<String> parts = new ArrayList<>();
        if (e.delivered() > 0 || (e.masked() == 0 && e.blocked() == 0)) {
            parts.add("✓ " + e.delivered());
        }
        if (e.masked() > 0) {
            parts.add("◐ " + e.masked());
        }
        if (e.blocked() > 0) {
            parts.add("✕ " + e.blocked());
        }
        if (!e.lastRule().isEmpty()) {
            parts.add(e.lastRule());
        }
        return String.join("  ", parts);
    }

    /** The rule shown on an edge's counter, for tests: empty when none. */
    String ruleOn(String edgeKey) {
        Label l = counters.get(edgeKey);
        return l == null || waiting.contains(edgeKey) ? null : (String) l.getUserData();
    }

    String counterOn(String edgeKey) {
        Label l = counters.get(edgeKey);
        return l == null || waiting.contains(edgeKey) ? null : l.getText();
    }

    /** The badge of the kernel's refusals on an agent's node, for tests: null while there is none. */
    Label refusalBadgeOf(String agent) {
        RefusalHalo h = halos.get(agent);
        return h == null || !h.shown() ? null : h.badge;
    }

    String chipOf(String agent) {
        AgentChip c = chips.get(agent);
        return c == null ? null : c.state.getText();
    }

    /** Every label the overlay shows, for the overlap test. */
    List<Bounds> placed() {
        List<Bounds> all = new ArrayList<>();
        counters.forEach((key, l) -> {
            if (!waiting.contains(key)) {
                all.add(l.getBoundsInParent());
            }
        });
        chips.values().forEach(c -> all.add(c.getBoundsInParent()));
        return all;
    }

    /** Places chips under their nodes, then each counter at the first spot along its edge that is free. */
    void relayout() {
        if (state == null) {
            return;
        }
        // The nodes may have moved.
        overview.forgetPlaces();
        drawOverview();
        if (far) {
            // Out of the scene, labels have no style to be measured by.
            labelsBehind = true;
            return;
        }
        space = new FreeSpace();
        spots.clear();
        chipSpots.clear();
        canvas.nodeBoxes().forEach(b -> space.take(inflate(b, 4)));
        chips.keySet().forEach(this::placeChip);
        canvas.edgeLabelBoxes().forEach(b -> space.take(inflate(b, 2)));
        counters.keySet().forEach(this::placeCounter);
    }

    /** Places a chip under its node and its halo around it, giving up the space they held. */
    private void placeChip(String id) {
        AgentChip chip = chips.get(id);
        chipSpots.getOrDefault(id, List.of()).forEach(space::release);
        chipSpots.remove(id);
        Bounds node = canvas.nodeBox(id);
        if (node == null) {
            chip.setVisible(false);
            return;
        }
        chip.setVisible(true);
        styleIfNew(chip);
        chip.autosize();
        chip.relocate(node.getMinX(), node.getMaxY() + CHIP_GAP);
        List<Bounds> taken = new ArrayList<>(2);
        taken.add(inflate(chip.getBoundsInParent(), 2));
        RefusalHalo halo = halos.get(id);
        if (halo != null && halo.shown()) {
            halo.place(node);
            taken.add(inflate(halo.badge.getBoundsInParent(), 2));
        }
        taken.forEach(space::take);
        chipSpots.put(id, taken);
    }

    /** Places one counter at the first free spot along its edge, giving up the spot it held. */
    private void placeCounter(String key) {
        Label label = counters.get(key);
        Bounds held = spots.remove(key);
        if (held != null) {
            space.release(held);
        }
        double[] ends = ends(key);
        if (ends == null) {
            // A call to something not drawn has nowhere to show; its counts change nothing on screen.
            label.setVisible(false);
            placedLength.put(key, Integer.MAX_VALUE);
            return;
        }
        drawCall(key, ends);
        label.setVisible(!waiting.contains(key));
        styleIfNew(label);
        label.autosize();
        // Room for the counts to grow by a few digits before the label must be placed again.
        int length = Math.max(1, label.getText().length());
        double room = label.getWidth() / length * GROWTH_CHARS;
        Bounds spot = space.along(ends, label.getWidth() + room, label.getHeight());
        int fits = length + GROWTH_CHARS;
        if (!space.free(spot)) {
            // A short edge may have no spot with room to grow: place the label as it is, again when it grows.
            spot = space.along(ends, label.getWidth(), label.getHeight());
            fits = length;
        }
        label.relocate(spot.getMinX(), spot.getMinY());
        placedLength.put(key, fits);
        Bounds taken = inflate(spot, 3);
        spots.put(key, taken);
        space.take(taken);
    }

    /** The dashed edge of a call nothing in the drawing allows, if the key is one. */
    private void drawCall(String key, double[] ends) {
        Line call = calls.get(key);
        if (call != null) {
            call.setStartX(ends[0]);
            call.setStartY(ends[1]);
            call.setEndX(ends[2]);
            call.setEndY(ends[3]);
        }
    }

    /**
     * A node added since the last layout has no style yet, so no size; applying CSS to it sizes it. Applying CSS
     * to a node that has it re-resolves every style of it and its children, which for a hundred chips and hundreds of
     * counters took most of each refresh, so it is done once per node.
     */
    private void styleIfNew(javafx.scene.Node node) {
        if (unstyled.remove(node)) {
            node.applyCss();
        }
    }

    private static Bounds inflate(Bounds b, double by) {
        return new BoundingBox(b.getMinX() - by, b.getMinY() - by, b.getWidth() + 2 * by, b.getHeight() + 2 * by);
    }

    /** Border to border of an edge's two nodes: {x1, y1, x2, y2}; null when either is not drawn. */
    private double[] ends(String key) {
        LiveState.EdgeLive e = state.edges().get(key);
        String from;
        String to;
        if (key.startsWith(LiveState.CALL)) {
            from = e.from();
            to = e.to();
        } else {
            String[] ft = canvas.edgeEnds(key);
            if (ft == null) {
                return null;
            }
            from = ft[0];
            to = ft[1];
        }
        Bounds a = canvas.nodeBox(from);
        Bounds b = canvas.nodeBox(to);
        if (a == null || b == null) {
            return null;
        }
        double[] p = border(a, b.getCenterX() - a.getCenterX(), b.getCenterY() - a.getCenterY());
        double[] q = border(b, a.getCenterX() - b.getCenterX(), a.getCenterY() - b.getCenterY());
        return new double[]{p[0], p[1], q[0], q[1]};
    }

    private static double[] border(Bounds box, double dx, double dy) {
        double hw = CanvasModel.NODE_WIDTH / 2 + 3;
        double hh = CanvasModel.NODE_HEIGHT / 2 + 3;
        if (dx == 0 && dy == 0) {
            return new double[]{box.getCenterX(), box.getCenterY()};
        }
        double t = Math.min(dx == 0 ? Double.MAX_VALUE : hw / Math.abs(dx),
                dy == 0 ? Double.MAX_VALUE : hh / Math.abs(dy));
        return new double[]{box.getCenterX() + dx * t, box.getCenterY() + dy * t};
    }

    // ---- dots ---------------------------------------------------------------------------------------------------

    /** Sends a dot along the flow's edge unless too many are in flight. */
    private void launch(LiveState.Flow f, long now) {
        if (dots.size() >= MAX_DOTS || dotsPerEdge.getOrDefault(f.edgeKey(), 0) >= MAX_DOTS_PER_EDGE) {
            return;
        }
        Bounds a = canvas.nodeBox(f.from());
        Bounds b = canvas.nodeBox(f.to());
        if (a == null || b == null) {
            return;
        }
        String style = dotClass(f);
        Circle c = spareDot(style);
        double[] p = border(a, b.getCenterX() - a.getCenterX(), b.getCenterY() - a.getCenterY());
        double[] q = border(b, a.getCenterX() - b.getCenterX(), a.getCenterY() - b.getCenterY());
        // A refused message stops halfway: it never reached the other end.
        boolean refused = !f.action().passes();
        double[] end = refused ? new double[]{(p[0] + q[0]) / 2, (p[1] + q[1]) / 2} : q;
        c.setTranslateX(p[0]);
        c.setTranslateY(p[1]);
        dots.add(new Dot(c, style, f.edgeKey(), p, end, now));
        dotsPerEdge.merge(f.edgeKey(), 1, Integer::sum);
    }

    /**
     * A dot of this style that is not flying, made when there is none; its style never changes, so no CSS pass. It
     * is drawn once into a bitmap and moved by translation, which reuses the bitmap: filling a hundred anti-aliased
     * circles every frame was a large share of the software renderer's time.
     */
    private Circle spareDot(String style) {
        Circle c = spareDots.computeIfAbsent(style, k -> new ArrayDeque<>()).poll();
        if (c == null) {
            c = new Circle(5.5);
            c.getStyleClass().addAll("live-dot", style);
            c.setMouseTransparent(true);
            c.setCache(true);
            dotLayer.getChildren().add(c);
        }
        c.setVisible(true);
        return c;
    }

    private String dotClass(LiveState.Flow f) {
        if (f.action() == GateAction.MASK) {
            return "live-dot-masked";
        }
        if (!f.action().passes()) {
            return "live-dot-blocked";
        }
        String kind = f.kind().isEmpty() ? "message" : f.kind();
        return "live-dot-k" + kindColors.computeIfAbsent(kind, k -> kindColors.size() % KIND_COLORS);
    }

    private void step(long now) {
        restFrame = true;
        moveDots(now);
        while (!arriving.isEmpty()) {
            launch(arriving.poll(), now);
        }
        if (staleSlices != 0 && far) {
            staleSlices = 0;
            labelsBehind = true;
            ringRefusedAgents();
            drawNewCalls();
            drawOverview();
        } else if (staleSlices != 0) {
            refresh();
        }
        if (dots.isEmpty() && staleSlices == 0) {
            steps.stop();
            stepping = false;
        }
    }

    private void moveDots(long now) {
        for (Iterator<Dot> it = dots.iterator(); it.hasNext(); ) {
            Dot d = it.next();
            double t = (now - d.born) / TRAVEL_NANOS;
            if (t >= 1) {
                d.circle.setVisible(false);
                spareDots.get(d.style).push(d.circle);
                dotsPerEdge.merge(d.edge, -1, Integer::sum);
                it.remove();
                continue;
            }
            d.circle.setTranslateX(d.from[0] + (d.to[0] - d.from[0]) * t);
            d.circle.setTranslateY(d.from[1] + (d.to[1] - d.from[1]) * t);
        }
    }

    private record Dot(Circle circle, String style, String edge, double[] from, double[] to, long born) {
    }

    // ---- agent chips --------------------------------------------------------------------------------------------

    /** Under an agent's node: its state with the reason, CPU and memory sparklines, restarts, kernel refusals. */
    private static final class AgentChip extends VBox {
        private static final Map<LiveState.AgentPhase, PseudoClass> PHASES = new EnumMap<>(LiveState.AgentPhase.class);

        static {
            for (LiveState.AgentPhase p : LiveState.AgentPhase.values()) {
                PHASES.put(p, PseudoClass.getPseudoClass(p.name().toLowerCase(Locale.ROOT).replace('_', '-')));
            }
        }

        private static final double SPARK_W = 56;
        private static final double SPARK_H = 16;
        // Canvas strokes take no CSS; these two read on both themes' chip backgrounds.
        private static final Color CPU = Color.web("#2f81f7");
        private static final Color MEMORY = Color.web("#d9730d");
        private final Label state = new Label();
        private final Canvas cpu = new Canvas(SPARK_W, SPARK_H);
        private final Canvas memory = new Canvas(SPARK_W, SPARK_H);
        private final Label numbers = new Label();
        private final Label refusals = new Label();
        private LiveState.AgentPhase shownPhase;
        private int shownSamples = -1;
        private int shownRestarts = -1;
        private long shownRefusals = -1;

        AgentChip(String agent) {
            getStyleClass().add("live-chip");
            setId("live-chip-" + agent);
            setMouseTransparent(true);
            // A bitmap of its own: a frame re-renders only the chips whose sample or state changed.
            setCache(true);
            setPrefWidth(CanvasModel.NODE_WIDTH);
            setMaxWidth(CanvasModel.NODE_WIDTH);
            state.getStyleClass().add("live-state");
            state.setId("live-state-" + agent);
            numbers.getStyleClass().add("live-numbers");
            refusals.getStyleClass().add("live-refusals");
            refusals.setWrapText(false);
            refusals.setManaged(false);
            refusals.setVisible(false);
            HBox sparks = new HBox(4, cpu, memory, numbers);
            sparks.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            setSpacing(2);
            setPadding(new Insets(3, 6, 3, 6));
            getChildren().addAll(state, sparks, refusals);
        }

        /** Whether the agent's state or whether the kernel refused it at all differ from what the chip shows. */
        boolean showsAnotherKind(LiveState.AgentLive a) {
            return a.phase() != shownPhase || (a.refusals() > 0) != (shownRefusals > 0);
        }

        /**
         * Sets what changed since the last call; says whether the chip changed height. Its width is fixed and each of
         * its lines is cut to it, so only the kernel's refusals coming or going change its size.
         */
        boolean show(LiveState.AgentLive a) {
            String text = switch (a.phase()) {
                case READY -> "● ready" + (Double.isNaN(a.readyMillis()) ? "" : " in " + Math.round(a.readyMillis()) + " ms");
                case BUILDING -> "◌ building image";
                case QUEUED -> "◌ queued";
                case STARTING -> "◌ starting";
                case RESTARTING -> "↻ restarting";
                case CRASHED, OOM_KILLED -> "✕ " + a.phase().text() + (a.detail().isEmpty() ? "" : ": " + a.detail());
                case EXITED, STOPPED -> "■ " + a.phase().text() + (a.detail().isEmpty() ? "" : ": " + a.detail());
            };
            setIfChanged(state, text);
            if (a.phase() != shownPhase) {
                // A pseudo-class, not a style class: a new style class made JavaFX match the chip and its children
                // against the whole style sheet again, a millisecond a chip when a hundred agents became ready at once.
                if (shownPhase != null) {
                    pseudoClassStateChanged(PHASES.get(shownPhase), false);
                }
                pseudoClassStateChanged(PHASES.get(a.phase()), true);
                shownPhase = a.phase();
            }
            if (a.samples() != shownSamples || a.restarts() != shownRestarts) {
                // Sparklines are redrawn only for a new sample (about one a second), not every batch.
                double[] c = a.cpu();
                spark(cpu, c, Math.max(100, max(c)), CPU);
                spark(memory, a.memory(), 1, MEMORY);
                setIfChanged(numbers, (c.length == 0 ? "cpu –" : Math.round(c[c.length - 1]) + "%")
                        + (a.restarts() > 0 ? "  ↻" + a.restarts() : ""));
                shownSamples = a.samples();
                shownRestarts = a.restarts();
            }
            if (a.refusals() == shownRefusals) {
                return false;
            }
            shownRefusals = a.refusals();
            boolean refused = a.refusals() > 0;
            boolean appears = refused != refusals.isVisible();
            refusals.setManaged(refused);
            refusals.setVisible(refused);
            // Always two lines, each cut to the chip's width: the chip keeps its height as refusals come in.
            refusals.setText(refused ? "⛔ kernel refused " + a.refusals() + "×\n" + a.lastRefusal() : "");
            return appears;
        }

        private static void setIfChanged(Label label, String text) {
            if (!text.equals(label.getText())) {
                label.setText(text);
            }
        }

        private static double max(double[] v) {
            double m = 0;
            for (double x : v) {
                m = Math.max(m, x);
            }
            return m;
        }

        private static void spark(Canvas canvas, double[] values, double top, Color color) {
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.clearRect(0, 0, SPARK_W, SPARK_H);
            g.setFill(Color.gray(0.5, 0.18));
            g.fillRect(0, 0, SPARK_W, SPARK_H);
            if (values.length < 2) {
                return;
            }
            g.setStroke(color);
            g.setLineWidth(1.5);
            double step = SPARK_W / (LiveState.SAMPLES - 1);
            double x0 = SPARK_W - step * (values.length - 1);
            g.beginPath();
            for (int i = 0; i < values.length; i++) {
                double y = SPARK_H - 1 - Math.min(1, values[i] / top) * (SPARK_H - 2);
                if (i == 0) {
                    g.moveTo(x0, y);
                } else {
                    g.lineTo(x0 + i * step, y);
                }
            }
            g.stroke();
        }
    }
}
