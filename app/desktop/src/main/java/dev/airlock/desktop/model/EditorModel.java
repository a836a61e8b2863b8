package dev.airlock.desktop.model;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Position;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.SourceMap;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.topology.io.TopologyWriter;
import dev.airlock.core.validation.Catalog;
import dev.airlock.core.validation.TopologyValidator;
import dev.airlock.desktop.edit.CommandStack;
import dev.airlock.desktop.edit.Edit;
import dev.airlock.desktop.fx.FxBridge;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The editor's view-model: the topology being edited, its file, selection, problems and undo history. Views read
 * its properties and call its methods; they never change the topology themselves. Validation runs in the background
 * after every change and only the newest result is shown.
 */
public final class EditorModel {

    private static final Object VALIDATION = new Object();
    private static final Object OPEN = new Object();

    private final FxBridge bridge;
    /** What this installation can run; the same catalog `airlock validate` and `airlock run` judge by. */
    private final Catalog catalog = Catalog.installed();
    private final TopologyValidator validator = new TopologyValidator(catalog);
    private final CommandStack stack = new CommandStack();
    private final RecentFiles recent;

    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(Topology.empty("untitled"));
    private final ObjectProperty<Topology> saved = new SimpleObjectProperty<>(topology.get());
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanBinding dirty = Bindings.createBooleanBinding(
            () -> !topology.get().equals(saved.get()), topology, saved);

    /** Source locations of the file as read; dropped at the first edit, when line numbers no longer hold. */
    private SourceMap sources = SourceMap.none("untitled");
    private List<Problem> readProblems = List.of();
    private long generation;
    private long validated = -1;
    private Topology clipboard;
    /** The folder a document from a sample resolves its relative paths (scripted rules, seeds) against. */
    private Path origin;

    public EditorModel(FxBridge bridge, RecentFiles recent) {
        this.bridge = bridge;
        this.recent = recent;
        newTopology();
    }

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    public Catalog catalog() {
        return catalog;
    }

    public Topology topology() {
        return topology.get();
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ObservableList<Problem> problems() {
        return problems;
    }

    public ObservableSet<String> selection() {
        return selection;
    }

    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
    }

    public RecentFiles recentFiles() {
        return recent;
    }

    /** True once the problems shown belong to the topology shown. */
    public boolean isValidated() {
        return validated == generation;
    }

    // ---- edits -------------------------------------------------------------------------------------------------

    public void apply(Edit edit) {
        Topology next = stack.execute(edit, topology.get());
        if (next != topology.get()) {
            sources = SourceMap.none(sources.file());
            readProblems = List.of();
            show(next);
        }
    }

    public void undo() {
        stack.undo().ifPresent(this::show);
    }

    public void redo() {
        stack.redo().ifPresent(this::show);
    }

    public String addElement(ElementKind kind, Position at) {
        if (kind == ElementKind.USER) {
            select(Set.of(ElementKind.USER.key(topology().user().id())));
            status.set("A topology has one user; it is selected on the canvas.");
            return topology().user().id();
        }
        String id = TopologyOps.freshId(topology(), kind == ElementKind.MCP ? "mcp" : kind.prefix());
        apply(new Edit("Add " + kind.label().toLowerCase() + " '" + id + "'",
                t -> TopologyOps.add(t, kind, id, at)));
        select(Set.of(kind.key(id)));
        return id;
    }

    public void deleteSelection() {
        Set<String> keys = new LinkedHashSet<>(selection);
        keys.removeIf(k -> k.startsWith("user:"));
        if (keys.isEmpty()) {
            return;
        }
        apply(new Edit("Delete " + describe(keys), t -> TopologyOps.remove(t, keys)));
        selection.clear();
    }

    public void move(Map<String, Position> positions) {
        String what = positions.size() == 1 ? "'" + positions.keySet().iterator().next() + "'"
                : positions.size() + " elements";
        apply(new Edit("Move " + what, t -> TopologyOps.place(t, positions)));
    }

    public boolean connect(String fromId, String toId) {
        ConnectionRules.Verdict v = ConnectionRules.check(topology(), fromId, toId);
        if (!v.allowed()) {
            status.set("Not connected: " + v.text());
            return false;
        }
        apply(new Edit("Connect: " + v.text(), t -> ConnectionRules.check(t, fromId, toId).result()));
        status.set("Connected: " + v.text());
        return true;
    }

    public void autoLayout() {
        apply(new Edit("Auto-layout", t -> t.withLayout(AutoLayout.layout(t, false))));
    }

    public void copySelection() {
        Set<String> ids = new LinkedHashSet<>();
        selection.stream().filter(k -> !Keys.isEdge(k) && !k.startsWith("user:")).map(Keys::id).forEach(ids::add);
        if (ids.isEmpty()) {
            return;
        }
        Topology t = topology();
        List<AgentSpec> agents = t.agents().stream().filter(a -> ids.contains(a.id())).toList();
        List<ToolSpec> tools = t.tools().stream().filter(x -> ids.contains(x.id())).toList();
        List<ModelSpec> models = t.models().stream().filter(m -> ids.contains(m.id())).toList();
        List<PipeSpec> pipes = t.pipes().stream().filter(p -> ids.contains(p.from()) && ids.contains(p.to())).toList();
        Map<String, Position> layout = new HashMap<>(t.layout());
        layout.keySet().retainAll(ids);
        clipboard = Topology.empty("clipboard").withAgents(agents).withTools(tools).withModels(models)
                .withPipes(pipes).withLayout(layout);
        status.set("Copied " + ids.size() + (ids.size() == 1 ? " element" : " elements"));
    }

    /** Pastes copies with fresh ids, offset from the originals; pipes among the copies are copied too. */
    public void paste() {
        if (clipboard == null) {
            return;
        }
        Topology copied = clipboard;
        Set<String> pastedKeys = new LinkedHashSet<>();
        // Ids depend only on the topology pasted into, so the keys of this dry run are the keys apply() creates.
        pasteInto(topology(), copied, pastedKeys);
        apply(new Edit("Paste " + pastedKeys.size() + (pastedKeys.size() == 1 ? " element" : " elements"),
                t -> pasteInto(t, copied, new LinkedHashSet<>())));
        select(pastedKeys);
    }

    private static Topology pasteInto(Topology target, Topology copied, Set<String> pastedKeys) {
        Topology renamed = copied;
        Topology occupied = target;
        for (String id : copied.elementIds().skip(1).toList()) {
            String fresh = TopologyOps.freshId(occupied, id);
            renamed = TopologyOps.rename(renamed, id, fresh);
            occupied = occupied.withAgents(TopologyOps.append(occupied.agents(), AgentSpec.named(fresh)));
        }
        Map<String, Position> layout = new HashMap<>(target.layout());
        renamed.layout().forEach((id, p) -> layout.put(id, new Position(p.x() + 40, p.y() + 40)));
        for (AgentSpec a : renamed.agents()) {
            pastedKeys.add(ElementKind.AGENT.key(a.id()));
        }
        for (ToolSpec x : renamed.tools()) {
            pastedKeys.add(ElementKind.TOOL.key(x.id()));
        }
        for (ModelSpec m : renamed.models()) {
            pastedKeys.add(ElementKind.MODEL.key(m.id()));
        }
        return target.withAgents(concat(target.agents(), renamed.agents()))
                .withTools(concat(target.tools(), renamed.tools()))
                .withModels(concat(target.models(), renamed.models()))
                .withPipes(concat(target.pipes(), renamed.pipes()))
                .withLayout(layout);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    public void select(Collection<String> keys) {
        selection.clear();
        selection.addAll(keys);
    }

    public void selectAll() {
        Set<String> keys = new LinkedHashSet<>();
        CanvasModel.of(topology(), List.of()).nodes().keySet().forEach(keys::add);
        select(keys);
    }

    // ---- files -------------------------------------------------------------------------------------------------

    public void newTopology() {
        replaceDocument(Topology.empty("untitled"), null, SourceMap.none("untitled"), List.of());
    }

    /** Starts a new, unsaved document from a sample: saving asks where to put it, the sample stays untouched. */
    public void newFromSample(Path sample, Consumer<String> onFailure) {
        openAsync(sample, loaded -> {
            replaceDocument(withPositions(loaded.topology()), null, SourceMap.none("untitled"), List.of());
            origin = sample.toAbsolutePath().getParent();
        }, onFailure);
    }

    public void open(Path path, Consumer<String> onFailure) {
        openAsync(path, loaded -> {
            replaceDocument(loaded.topology(), path, loaded.sources(), loaded.problems());
            recent.add(path);
        }, onFailure);
    }

    /** Reads off the FX thread; {@code onFailure} gets one located line when the file cannot be read at all. */
    private void openAsync(Path path, Consumer<LoadResult> onLoaded, Consumer<String> onFailure) {
        status.set("Opening " + path + " …");
        bridge.compute(OPEN, () -> TopologyReader.read(path), loaded -> {
            if (loaded.topology() == null) {
                String line = loaded.problems().isEmpty() ? path + ": cannot be read" : loaded.problems().get(0).format();
                status.set(line);
                onFailure.accept(line);
            } else {
                onLoaded.accept(loaded);
                status.set("Opened " + path);
            }
        }, e -> onFailure.accept(path + ": " + e.getMessage()));
    }

    /** Shows a topology that was read already (the CLI reads the file before opening the window). */
    public void openLoaded(Path path, LoadResult loaded) {
        replaceDocument(loaded.topology(), path, loaded.sources(), loaded.problems());
        recent.add(path);
    }

    private void replaceDocument(Topology t, Path path, SourceMap sourceMap, List<Problem> fromReader) {
        stack.clear();
        selection.clear();
        sources = sourceMap;
        readProblems = List.copyOf(fromReader);
        origin = null;
        file.set(path);
        saved.set(path == null ? null : t);
        show(withPositions(t));
        if (path == null) {
            saved.set(Topology.empty("untitled").equals(t) ? topology() : null);
        }
    }

    /** Gives every element without a stored position one, so that what is saved is what is shown. */
    private static Topology withPositions(Topology t) {
        Map<String, Position> missing = AutoLayout.layout(t, true);
        return missing.isEmpty() ? t : TopologyOps.place(t, missing);
    }

    public boolean save() throws IOException {
        if (file.get() == null) {
            return false;
        }
        saveAs(file.get());
        return true;
    }

    public void saveAs(Path path) throws IOException {
        TopologyWriter.write(topology(), path);
        file.set(path);
        saved.set(topology());
        recent.add(path);
        status.set("Saved " + path);
    }

    // ---- internals ---------------------------------------------------------------------------------------------

    private void show(Topology t) {
        topology.set(t);
        CanvasModel shown = CanvasModel.of(t, List.of());
        Set<String> live = new LinkedHashSet<>(shown.nodes().keySet());
        shown.edges().forEach(e -> live.add(e.key()));
        selection.retainAll(live);
        undoText.set(stack.undoDescription().map(d -> "Undo " + d).orElse("Undo"));
        redoText.set(stack.redoDescription().map(d -> "Redo " + d).orElse("Redo"));
        validate();
    }

    private void validate() {
        long gen = ++generation;
        Topology t = topology.get();
        SourceMap at = sources;
        List<Problem> fromReader = readProblems;
        bridge.compute(VALIDATION, () -> {
            List<Problem> all = new ArrayList<>(fromReader);
            all.addAll(validator.validate(t, at));
            return TopologyValidator.inFileOrder(all);
        }, result -> {
            if (gen == generation) {
                problems.setAll(result);
                validated = gen;
            }
        }, e -> status.set("Validation failed: " + e.getMessage()));
    }

    private static String describe(Set<String> keys) {
        if (keys.size() == 1) {
            String k = keys.iterator().next();
            return k.startsWith(Keys.SCOPE) ? "scope " + k.substring(Keys.SCOPE.length()).replace(">", " → ")
                    : k.replace(":", " '") + "'";
        }
        return keys.size() + " elements";
    }

    /**
     * The errors of the drawing as it is now, validated on the calling thread: a run must not start from a
     * validation that is still on its way.
     */
    public List<Problem> errorsNow() {
        List<Problem> all = new ArrayList<>(readProblems);
        all.addAll(validator.validate(topology.get(), sources));
        return all.stream().filter(Problem::isError).toList();
    }

    /**
     * Where the drawing's relative paths (a scripted model's rules, a tool's seed) resolve: the saved file's folder,
     * the sample's folder for a copy of a sample, else the working directory.
     */
    public Path baseDir() {
        if (file.get() != null) {
            return file.get().toAbsolutePath().getParent();
        }
        return origin != null ? origin : Path.of("").toAbsolutePath();
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file.get());
    }
}
