package dev.airlock.desktop.events;

import dev.airlock.core.event.AirlockEvent;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.controlsfx.control.CheckComboBox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every decision and sandbox event of a run or a capture, in a virtualised table with filters (agent, route,
 * verdict, rule, free text) and a details pane. Payloads are shown masked; the raw payload of one event is shown
 * only while its Reveal button is down. The table keeps the newest {@code capacity} rows and says how many older
 * ones it let go (the audit log keeps them all). Everything here runs on the JavaFX thread.
 */
public final class EventsPanel extends BorderPane {

    public static final int DEFAULT_CAPACITY = 50_000;
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("refused");
    private static final PseudoClass MASKED = PseudoClass.getPseudoClass("masked");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final int capacity;
    private final NewestRows<EventRow> rows;
    private final FilteredList<EventRow> shown;
    private final TableView<EventRow> table;
    private final ColumnFit fit;
    private final TableColumn<EventRow, String> seq = column("#", 40, r -> Long.toString(r.seq()));
    private final TableColumn<EventRow, String> route = column("Route", 150, EventRow::route);
    private final TableColumn<EventRow, String> what = column("What", 90, EventRow::what);
    private final TableColumn<EventRow, String> decision = column("Decision", 100, EventRow::decision);
    private final CheckComboBox<String> agents = filter("Agent", "filter-agent");
    private final CheckComboBox<String> routes = filter("Route", "filter-route");
    private final CheckComboBox<String> verdicts = filter("Verdict", "filter-verdict");
    private final CheckComboBox<String> rules = filter("Rule", "filter-rule");
    private final TextField text = new TextField();
    private final ToggleButton changedOnly = new ToggleButton("Changed only");
    private final Label edgeChip = new Label();
    private final Label counts = new Label();
    private final VBox top = new VBox();
    private final EventDetails details = new EventDetails();
    private final TableColumn<EventRow, String> whatIf = column("What if", 215, r -> "");
    private final TableColumn<EventRow, String> time = column("Time", 100, EventsPanel::timeOf);
    private final ObservableMap<Long, String> changes = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper highlight = new ReadOnlyStringWrapper(this, "highlight", "");
    private final ReadOnlyObjectWrapper<EventRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final Set<String> seenAgents = new HashSet<>();
    private final Set<String> seenRoutes = new HashSet<>();
    private final Set<String> seenVerdicts = new HashSet<>();
    private final Set<String> seenRules = new HashSet<>();
    private Function<EventRow, String> canvasKey = r -> "";
    private String edgeFilter = "";
    private long upTo = Long.MAX_VALUE;
    private long dropped;
    private long nextSeq;
    /** What the table holds while it is not on screen. */
    private final ObservableList<EventRow> noRows = FXCollections.observableArrayList();
    private boolean showing = true;
    /** Set while the table's rows are swapped, when the selection it loses is not the user's doing. */
    private boolean swapping;

    public EventsPanel() {
        this(DEFAULT_CAPACITY);
    }

    public EventsPanel(int capacity) {
        this.capacity = capacity;
        this.rows = new NewestRows<>(capacity);
        this.shown = new FilteredList<>(rows);
        this.table = new TableView<>(shown);
        this.fit = new ColumnFit(table);
        getStyleClass().add("events");
        setId("events");
        buildTable();
        text.setPromptText("Search agent, rule, reason…");
        text.setId("filter-text");
        text.setPrefColumnCount(10);
        text.textProperty().addListener(o -> refilter());
        changedOnly.setId("filter-changed");
        changedOnly.setVisible(false);
        changedOnly.managedProperty().bind(changedOnly.visibleProperty());
        changedOnly.selectedProperty().addListener(o -> refilter());
        edgeChip.getStyleClass().add("filter-chip");
        edgeChip.setId("filter-edge");
        edgeChip.setVisible(false);
        edgeChip.managedProperty().bind(edgeChip.visibleProperty());
        edgeChip.setOnMouseClicked(e -> filterToEdge(""));
        Button clearFilters = new Button("Clear filters");
        clearFilters.setOnAction(e -> clearFilters());
        for (Region r : List.of(changedOnly, edgeChip, clearFilters, counts)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        counts.setId("events-count");
        counts.getStyleClass().add("events-count");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox.setHgrow(text, Priority.SOMETIMES);
        HBox bar = new HBox(8, agents, routes, verdicts, rules, text, changedOnly, edgeChip, clearFilters, spring,
                counts);
        bar.getStyleClass().add("events-filters");
        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.74);
        SplitPane.setResizableWithParent(details, false);
        top.getChildren().add(bar);
        setTop(top);
        setCenter(split);
        changes.addListener((MapChangeListener<Long, String>) c -> {
            table.refresh();
            refilterIfChangedOnly();
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (swapping) {
                return;
            }
            selected.set(row);
            details.show(row, row == null ? "" : changes.getOrDefault(row.seq(), ""));
            highlight.set(row == null ? "" : canvasKey.apply(row));
        });
        updateCounts();
    }

    // ---- input --------------------------------------------------------------------------------------------------

    /** Adds a batch of a run's events (resource samples are not listed); call on the FX thread, once per pulse. */
    public void append(List<AirlockEvent> batch) {
        List<EventRow> add = new ArrayList<>(batch.size());
        for (AirlockEvent e : batch) {
            EventRow row = EventRow.of(++nextSeq, e);
            if (row != null) {
                add.add(row);
            }
        }
        addRows(add);
    }

    /** Shows exactly {@code list}, e.g. a capture's frames, in place of whatever was shown. */
    public void show(List<EventRow> list) {
        clear();
        addRows(list);
    }

    /** Forgets every row, the drop count and any what-if marks; filters stay as they are. */
    public void clear() {
        rows.removeAll();
        changes.clear();
        dropped = 0;
        nextSeq = 0;
        upTo = Long.MAX_VALUE;
        refilter();
    }

    private void addRows(List<EventRow> add) {
        if (add.isEmpty()) {
            return;
        }
        dropped += rows.append(add);
        List<EventRow> tail = add.size() > capacity ? add.subList(add.size() - capacity, add.size()) : add;
        List<String> newAgents = new ArrayList<>();
        List<String> newRoutes = new ArrayList<>();
        List<String> newVerdicts = new ArrayList<>();
        List<String> newRules = new ArrayList<>();
        // The largest number and any one time are as wide as the batch gets in those two columns (times all have the
        // same pattern): formatting every row's time to measure it was a fifth of a busy run's row handling.
        long lastSeq = 0;
        EventRow timed = null;
        for (EventRow r : tail) {
            lastSeq = Math.max(lastSeq, r.seq());
            if (timed == null && r.wallMillis() != 0) {
                timed = r;
            }
            fit.fit(route, r.route());
            fit.fit(what, r.what());
            fit.fit(decision, r.decision());
            seen(seenAgents, r.agent(), newAgents);
            seen(seenRoutes, r.route(), newRoutes);
            seen(seenVerdicts, r.verdict(), newVerdicts);
            seen(seenRules, r.rule(), newRules);
        }
        fit.fit(seq, Long.toString(lastSeq));
        if (timed != null) {
            fit.fit(time, timeOf(timed));
        }
        // One change per filter: a run's first rows bring hundreds of routes, and each addition on its own made the
        // filter's check model and popup catch up again (a tenth of a second in the first batch of a busy run).
        offer(agents, newAgents);
        offer(routes, newRoutes);
        offer(verdicts, newVerdicts);
        offer(rules, newRules);
        updateCounts();
    }

    // ---- what the rest of the window sets and reads ----------------------------------------------------------

    /** How a row maps onto the canvas (an edge or a node key), used to highlight it and to filter by edge. */
    public void setCanvasKey(Function<EventRow, String> canvasKey) {
        this.canvasKey = canvasKey;
        EventRow row = selected.get();
        highlight.set(row == null ? "" : canvasKey.apply(row));
        if (!edgeFilter.isEmpty()) {
            refilter();
        }
    }

    /** The canvas key of the selected row, empty when none is selected. */
    public ReadOnlyStringProperty highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyObjectProperty<EventRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Shows only rows that travelled edge {@code key} (a canvas key); empty shows all again. */
    public void filterToEdge(String key) {
        edgeFilter = key == null ? "" : key;
        edgeChip.setText("Edge: " + edgeFilter.substring(edgeFilter.indexOf(':') + 1) + "  ✕");
        edgeChip.setVisible(!edgeFilter.isEmpty());
        refilter();
    }

    public String edgeFilter() {
        return edgeFilter;
    }

    /** Per row sequence number, what a replay says would change ({@code deliver → block scope.tool}). */
    public ObservableMap<Long, String> changes() {
        return changes;
    }

    /** Shows the what-if column and its filter (replay), or hides them (a live run). */
    public void setReplayMode(boolean on) {
        whatIf.setVisible(on);
        // A capture records the order of frames, not their time.
        time.setVisible(!on);
        changedOnly.setVisible(on);
        if (!on) {
            changedOnly.setSelected(false);
        }
    }

    /** Hides rows after {@code seq}: the replay timeline's position. */
    public void showUpTo(long seq) {
        upTo = seq;
        refilter();
    }

    /** Puts a bar above the filters (the replay's timeline); null removes it. */
    public void setHeader(Node header) {
        Node bar = top.getChildren().getLast();
        top.getChildren().setAll(header == null ? List.of(bar) : List.of(header, bar));
    }

    public TableView<EventRow> table() {
        return table;
    }

    /**
     * Whether the table is on screen. A table that is not is given no rows: under a busy run, the rows a hidden table
     * went on laying out made the whole window render again several times a second. The rows, counts, filters and
     * the selection keep up all the same, and the table shows them once it is on screen again.
     */
    public void setShowing(boolean on) {
        if (on == showing) {
            return;
        }
        showing = on;
        EventRow keep = selected.get();
        swapping = true;
        try {
            table.setItems(on ? shown : noRows);
            if (on && keep != null) {
                select(keep);
            }
        } finally {
            swapping = false;
        }
    }

    /** How many rows the panel holds, shown or not: the newest {@code capacity} a run brought. */
    public int rowCount() {
        return rows.size();
    }

    public List<EventRow> shownRows() {
        return List.copyOf(shown);
    }

    public long dropped() {
        return dropped;
    }

    public void select(EventRow row) {
        table.getSelectionModel().select(row);
        table.scrollTo(row);
    }

    // ---- filtering ----------------------------------------------------------------------------------------------

    private void refilter() {
        shown.setPredicate(predicate());
        updateCounts();
    }

    private void refilterIfChangedOnly() {
        if (changedOnly.isSelected()) {
            refilter();
        }
    }

    private Predicate<EventRow> predicate() {
        Set<String> a = Set.copyOf(agents.getCheckModel().getCheckedItems());
        Set<String> ro = Set.copyOf(routes.getCheckModel().getCheckedItems());
        Set<String> v = Set.copyOf(verdicts.getCheckModel().getCheckedItems());
        Set<String> ru = Set.copyOf(rules.getCheckModel().getCheckedItems());
        String needle = text.getText() == null ? "" : text.getText().strip().toLowerCase(Locale.ROOT);
        boolean onlyChanged = changedOnly.isSelected();
        String edge = edgeFilter;
        long limit = upTo;
        Function<EventRow, String> key = canvasKey;
        return r -> r.seq() <= limit
                && (a.isEmpty() || a.contains(r.agent()))
                && (ro.isEmpty() || ro.contains(r.route()))
                && (v.isEmpty() || v.contains(r.verdict()))
                && (ru.isEmpty() || ru.contains(r.rule()))
                && (needle.isEmpty() || r.mentions(needle))
                && (!onlyChanged || changes.containsKey(r.seq()))
                && (edge.isEmpty() || edge.equals(key.apply(r)));
    }

    private void clearFilters() {
        for (CheckComboBox<String> c : List.of(agents, routes, verdicts, rules)) {
            c.getCheckModel().clearChecks();
        }
        text.clear();
        changedOnly.setSelected(false);
        filterToEdge("");
    }

    private void updateCounts() {
        String n = String.format(Locale.ROOT, "%,d of %,d events", shown.size(), rows.size());
        counts.setText(dropped == 0 ? n : n + String.format(Locale.ROOT,
                " · %,d older dropped from the view (the audit log keeps them)", dropped));
    }

    private CheckComboBox<String> filter(String title, String id) {
        CheckComboBox<String> c = new CheckComboBox<>();
        c.setTitle(title);
        c.setId(id);
        // Its natural width is its longest item's; a route can be long, and the filter bar must fit.
        c.setPrefWidth(120);
        c.setMinWidth(105);
        c.setMaxWidth(120);
        c.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) ch -> {
            // The title says what is ticked (ControlsFX's own count misses items added later).
            List<String> checked = c.getCheckModel().getCheckedItems();
            c.setTitle(checked.isEmpty() ? title : checked.size() == 1 ? title + ": " + checked.getFirst()
                    : title + " (" + checked.size() + ")");
            refilter();
        });
        return c;
    }

    /** New values go to the end: inserting in the middle would move the check marks the user set. */
    private static void seen(Set<String> seen, String value, List<String> added) {
        if (!value.isEmpty() && seen.add(value)) {
            added.add(value);
        }
    }

    private static void offer(CheckComboBox<String> combo, List<String> values) {
        if (!values.isEmpty()) {
            combo.getItems().addAll(values);
        }
    }

    // ---- the table ----------------------------------------------------------------------------------------------

    private void buildTable() {
        table.setId("events-table");
        table.setPlaceholder(new Label("No events yet: run the topology, or open a capture (File → Open Capture…)"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        whatIf.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(
                changes.getOrDefault(c.getValue().seq(), "")));
        whatIf.setVisible(false);
        whatIf.setId("column-what-if");
        table.getColumns().addAll(List.of(
                seq,
                time,
                route,
                what,
                decision,
                whatIf,
                column("Detail", 320, EventsPanel::summary)));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(EventRow row, boolean empty) {
                super.updateItem(row, empty);
                boolean live = !empty && row != null;
                pseudoClassStateChanged(CHANGED, live && changes.containsKey(row.seq()));
                pseudoClassStateChanged(REFUSED, live && (row.verdict().equals("block") || row.verdict().equals("ask")
                        || row.verdict().equals("error")));
                pseudoClassStateChanged(MASKED, live && row.verdict().equals("mask"));
            }
        });
    }

    private static String timeOf(EventRow r) {
        return r.wallMillis() == 0 ? "" : TIME.format(Instant.ofEpochMilli(r.wallMillis()));
    }

    /** One line for the table: the reason or what was printed, else the start of the masked payload. */
    static String summary(EventRow r) {
        String s = !r.detail().isEmpty() ? r.detail() : r.maskedPayload() == null ? "" : r.maskedPayload();
        s = s.replace('\n', ' ');
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    private static TableColumn<EventRow, String> column(String title, double width, Function<EventRow, String> value) {
        TableColumn<EventRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        // Only the last column (the detail) gives way when the table is narrow.
        c.setMinWidth(title.equals("Detail") ? 100 : width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new javafx.beans.property.SimpleStringProperty(value.apply(cell.getValue())));
        return c;
    }
}
