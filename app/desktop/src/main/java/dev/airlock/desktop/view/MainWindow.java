package dev.airlock.desktop.view;

import dev.airlock.core.export.Exporter;
import dev.airlock.core.plugin.Plugins;
import dev.airlock.core.topology.Topology;
import dev.airlock.desktop.events.EventsPanel;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.EditorModel;
import dev.airlock.core.problem.Problem;
import dev.airlock.desktop.live.LiveFeed;
import dev.airlock.desktop.live.LiveRun;
import dev.airlock.run.doctor.Check;
import dev.airlock.desktop.live.LiveState;
import dev.airlock.desktop.model.ElementKind;
import dev.airlock.desktop.model.Keys;
import dev.airlock.desktop.live.WorkshopSession;
import dev.airlock.run.RunException;
import dev.airlock.desktop.model.DirectoryExports;
import dev.airlock.desktop.model.ThreatModelExport;
import dev.airlock.run.RunSpec;
import dev.airlock.run.scenario.Scenario;
import dev.airlock.run.scenario.ScenarioReader;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import dev.airlock.desktop.replay.ReplayView;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The workbench window: menus, toolbar, palette, canvas, problems and properties, wired to one editor model. */
public final class MainWindow {

    private final Stage stage;
    private final EditorModel model;
    private final CanvasView canvas;
    private final ThreatModelExport threatModel = new ThreatModelExport();
    private final EventsController events;
    private final PacedRows liveRows;
    private final PanelLayout panelLayout;
    private final Scene scene;
    private final List<Path> sampleRoots;
    private final Menu recentMenu = new Menu("Open _Recent");
    private final FxBridge bridge;
    private final LiveRun liveRun;
    private final RunPanel runPanel = new RunPanel();
    private final SendBar sendBar;
    private final RunStatusBar statusBar;
    private final TabPane bottom = new TabPane();
    private final Tab problemsTab;
    private final Tab runTab;
    private final ObjectProperty<LiveRun.Phase> phase = new SimpleObjectProperty<>(LiveRun.Phase.IDLE);
    private LiveState liveState;
    private final MarkNotifier notifier;
    private Theme theme;
    /** Menus and toolbar, and the workshop presenter beneath them while a scenario is open. */
    private final VBox top = new VBox();
    private WorkshopView workshop;

    public MainWindow(Stage stage, EditorModel model, FxBridge bridge, Theme theme, List<Path> sampleRoots) {
        this.stage = stage;
        this.model = model;
        this.sampleRoots = sampleRoots;
        this.bridge = bridge;
        this.liveRun = new LiveRun(bridge);
        this.canvas = new CanvasView(model, bridge);
        canvas.showFindings(threatModel.findings());
        model.topologyProperty().addListener((o, before, now) -> threatModel.refresh(now));
        this.statusBar = new RunStatusBar(model);
        this.notifier = new MarkNotifier(this::showMark);
        PaletteView palette = new PaletteView(this::add);
        ProblemsView problems = new ProblemsView(model.problems(), this::jumpTo);
        PropertiesView properties = new PropertiesView(model);
        this.events = new EventsController(model, canvas, bridge);
        this.liveRows = new PacedRows(events.panel()::append);

        problemsTab = tab("Problems", problems);
        runTab = tab("Run", runPanel);
        Tab eventsTab = tab("Events", events.panel());
        eventsTab.selectedProperty().addListener((o, was, on) -> events.panel().setShowing(on));
        events.panel().setShowing(eventsTab.isSelected());
        bottom.getTabs().addAll(problemsTab, runTab, eventsTab);
        bottom.setId("bottom-panels");
        sendBar = new SendBar(liveRun, bridge, phase);
        // The notice of refused calls sits over the drawing's corner, inside the window.
        StackPane drawing = new StackPane(canvas, notifier.node());
        StackPane.setAlignment(notifier.node(), javafx.geometry.Pos.BOTTOM_LEFT);
        StackPane.setMargin(notifier.node(), new javafx.geometry.Insets(14));
        VBox.setVgrow(drawing, Priority.ALWAYS);
        properties.setPrefWidth(380);
        properties.setMinWidth(300);

        BorderPane root = new BorderPane();
        root.getStyleClass().add("workbench");
        top.getChildren().addAll(menus(), toolbar());
        root.setTop(top);
        root.setLeft(palette);
        panelLayout = new PanelLayout(root, new VBox(drawing, sendBar), properties, bottom);
        root.setBottom(statusBar.node());
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        this.theme = theme;
        theme.applyTo(scene);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.BACK_SPACE && !(scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl)) {
                model.deleteSelection();
            }
        });
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), model::redo);
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(() -> "Airlock — "
                        + model.topology().name() + " — "
                        + model.file().map(Path::toString).orElse("not saved") + (model.dirtyProperty().get() ? " *" : ""),
                model.topologyProperty(), model.fileProperty(), model.dirtyProperty()));
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            if (!confirmDiscard()) {
                e.consume();
            }
        });
    }

    public Scene scene() {
        return scene;
    }

    public CanvasView canvas() {
        return canvas;
    }

    public EditorModel model() {
        return model;
    }

    /** The events panel: the live view feeds it, File → Open Capture… replays into it. */
    public EventsPanel events() {
        return events.panel();
    }

    public ReplayView replay() {
        return events.replay();
    }

    /** Replays a capture file, e.g. the one the run that just finished wrote, and shows the Events tab. */
    public void openCapture(Path capture) {
        showTab("Events");
        // A replay is read in the table as much as on the canvas: give the table half the height.
        panelLayout.raisePanels(0.5);
        events.openCapture(capture, line -> showError("Cannot open the capture", line));
    }

    private void showTab(String text) {
        bottom.getTabs().stream().filter(t -> t.getText().equals(text)).findFirst()
                .ifPresent(t -> bottom.getSelectionModel().select(t));
    }

    private static Tab tab(String text, javafx.scene.Node content) {
        Tab tab = new Tab(text, content);
        tab.setClosable(false);
        tab.setId("tab-" + text.toLowerCase(java.util.Locale.ROOT));
        return tab;
    }

    public void setTheme(Theme theme) {
        this.theme = theme;
        theme.applyTo(scene);
    }

    private void add(ElementKind kind) {
        String id = model.addElement(kind, canvas.freeSpot());
        model.statusProperty().set(kind == ElementKind.USER ? model.statusProperty().get()
                : "Added " + kind.label().toLowerCase() + " '" + id + "'");
    }

    private void jumpTo(String element) {
        model.select(List.of(element));
        canvas.reveal(element);
    }

    // ---- menus --------------------------------------------------------------------------------------------------

    private MenuBar menus() {
        Menu file = new Menu("_File");
        Menu samples = new Menu("New from _Sample");
        for (Path sample : samples()) {
            MenuItem item = new MenuItem(sample.getFileName().toString());
            item.setOnAction(e -> {
                if (confirmDiscard()) {
                    model.newFromSample(sample, this::showError);
                }
            });
            samples.getItems().add(item);
        }
        samples.setDisable(samples.getItems().isEmpty());
        recentMenu.setOnShowing(e -> fillRecent());
        fillRecent();
        file.getItems().addAll(
                item("_New", "Shortcut+N", () -> {
                    if (confirmDiscard()) {
                        model.newTopology();
                    }
                }),
                samples,
                item("_Open…", "Shortcut+O", this::openDialog),
                recentMenu,
                item("Open _Capture…", "Shortcut+Shift+O", () -> events.openCaptureDialog(stage, this::openCapture)),
                item("Open Sc_enario…", "Shortcut+Shift+E", this::openScenarioDialog),
                new SeparatorMenuItem(),
                item("_Save", "Shortcut+S", this::save),
                item("Save _As…", "Shortcut+Shift+S", this::saveAs),
                exportMenu(),
                new SeparatorMenuItem(),
                item("_Quit", "Shortcut+Q", () -> {
                    if (confirmDiscard()) {
                        stage.hide();
                    }
                }));

        Menu edit = new Menu("_Edit");
        MenuItem undo = item("Undo", "Shortcut+Z", model::undo);
        undo.setId("menu-undo");
        undo.textProperty().bind(model.undoTextProperty());
        undo.disableProperty().bind(model.undoTextProperty().isEqualTo("Undo"));
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", model::redo);
        redo.setId("menu-redo");
        redo.textProperty().bind(model.redoTextProperty());
        redo.disableProperty().bind(model.redoTextProperty().isEqualTo("Redo"));
        edit.getItems().addAll(undo, redo,
                new SeparatorMenuItem(),
                item("_Copy", "Shortcut+C", model::copySelection),
                item("_Paste", "Shortcut+V", model::paste),
                item("_Delete", "Delete", model::deleteSelection),
                item("Select _All", "Shortcut+A", model::selectAll),
                new SeparatorMenuItem(),
                item("Add Agent", "Shortcut+1", () -> add(ElementKind.AGENT)),
                item("Add Tool", "Shortcut+2", () -> add(ElementKind.TOOL)),
                item("Add MCP Server", "Shortcut+3", () -> add(ElementKind.MCP)),
                item("Add Model", "Shortcut+4", () -> add(ElementKind.MODEL)));

        Menu view = new Menu("_View");
        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("_Light Theme");
        RadioMenuItem dark = new RadioMenuItem("_Dark Theme");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (theme == Theme.DARK ? dark : light).setSelected(true);
        light.setOnAction(e -> setTheme(Theme.LIGHT));
        dark.setOnAction(e -> setTheme(Theme.DARK));
        view.getItems().addAll(
                item("Zoom _In", "Shortcut+EQUALS", () -> canvas.zoomBy(1.2)),
                item("Zoom _Out", "Shortcut+MINUS", () -> canvas.zoomBy(1 / 1.2)),
                item("_Fit to Window", "Shortcut+0", canvas::fit),
                item("Auto-_Layout", "Shortcut+L", this::autoLayout),
                new SeparatorMenuItem(), light, dark);
        Menu run = new Menu("_Run");
        MenuItem start = item("_Run", "F5", this::run);
        start.disableProperty().bind(phase.isNotEqualTo(LiveRun.Phase.IDLE));
        MenuItem stop = item("_Stop", "Shift+F5", this::stop);
        stop.disableProperty().bind(phase.isEqualTo(LiveRun.Phase.IDLE).or(phase.isEqualTo(LiveRun.Phase.STOPPING)));
        run.getItems().addAll(start, stop);
        Menu help = new Menu("_Help");
        MenuItem plugins = new MenuItem("_Plugins…");
        plugins.setId("menu-plugins");
        plugins.setOnAction(e -> PluginsDialog.create(stage, Plugins.installed()).show());
        help.getItems().add(plugins);
        MenuBar bar = new MenuBar(file, edit, view, run, help);
        bar.setId("menubar");
        return bar;
    }

    private ToolBar toolbar() {
        Button undo = button("Undo", model::undo);
        undo.setId("toolbar-undo");
        undo.disableProperty().bind(model.undoTextProperty().isEqualTo("Undo"));
        undo.tooltipProperty().bind(Bindings.createObjectBinding(() -> new Tooltip(model.undoTextProperty().get()),
                model.undoTextProperty()));
        Button redo = button("Redo", model::redo);
        redo.setId("toolbar-redo");
        redo.disableProperty().bind(model.redoTextProperty().isEqualTo("Redo"));
        Button layout = button("Auto-layout", this::autoLayout);
        layout.setId("toolbar-layout");
        Button fit = button("Fit", canvas::fit);
        Button zoomOut = button("−", () -> canvas.zoomBy(1 / 1.2));
        Button zoomIn = button("+", () -> canvas.zoomBy(1.2));
        Label zoom = new Label();
        zoom.textProperty().bind(canvas.scaleProperty().multiply(100).asString("%.0f%%"));
        zoom.getStyleClass().add("zoom-label");
        Button save = button("Save", this::save);
        Button run = button("▶ Run", this::run);
        run.setId("toolbar-run");
        run.getStyleClass().add("run-button");
        run.setTooltip(new Tooltip("Run the drawing as it is now, unsaved edits included (F5)"));
        run.disableProperty().bind(phase.isNotEqualTo(LiveRun.Phase.IDLE));
        Button stop = button("■ Stop", this::stop);
        stop.setId("toolbar-stop");
        stop.getStyleClass().add("stop-button");
        stop.setTooltip(new Tooltip("Stop every agent and remove what the run created (Shift+F5)"));
        stop.disableProperty().bind(phase.isEqualTo(LiveRun.Phase.IDLE).or(phase.isEqualTo(LiveRun.Phase.STOPPING)));
        return new ToolBar(save, undo, redo, layout, fit, zoomOut, zoom, zoomIn, new Separator(), run, stop);
    }

    private Menu exportMenu() {
        MenuItem threats = new MenuItem("_Threat Model…");
        threats.setId("export-threat-model");
        threats.setOnAction(e -> ThreatModelDialog.show(stage, model, threatModel, this::showError));
        threats.setDisable(!threatModel.available());
        Menu export = new Menu("_Export");
        export.getItems().add(threats);
        for (Exporter e : DirectoryExports.available()) {
            MenuItem item = new MenuItem(DirectoryExports.label(e));
            item.setId("export-" + e.id());
            item.setOnAction(a -> DirectoryExportDialog.create(stage, model, e).show());
            export.getItems().add(item);
        }
        return export;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(KeyCombination.keyCombination(accelerator));
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button button(String text, Runnable action) {
        Button b = new Button(text);
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    // ---- running ------------------------------------------------------------------------------------------------

    /** How long an approval dialog waits before it denies. */
    static final java.time.Duration APPROVAL_TIMEOUT = java.time.Duration.ofSeconds(60);

    /**
     * Runs the drawing as it is now, unsaved edits included. A drawing with errors does not start: the problems
     * list comes to the front and the first problem is selected on the canvas.
     */
    public void run() {
        run(new ApprovalPrompt(bridge, stage, APPROVAL_TIMEOUT));
    }

    /** Runs with approvals answered by {@code approver} ({@code --run --screenshot} denies, as the CLI does). */
    public void run(RunSpec.Approver approver) {
        run(approver, null);
    }

    /** As {@link #run(RunSpec.Approver)}, with the gate writing {@code capture} (null for none). */
    private void run(RunSpec.Approver approver, Path capture) {
        if (liveRun.phase() != LiveRun.Phase.IDLE) {
            return;
        }
        List<Problem> errors = model.errorsNow();
        if (!errors.isEmpty()) {
            bottom.getSelectionModel().select(problemsTab);
            String line = "Not running: fix " + errors.size() + (errors.size() == 1 ? " problem" : " problems")
                    + " first (" + errors.get(0).message() + ")";
            model.statusProperty().set(line);
            runPanel.failed(line.substring("Not running: ".length()));
            if (!errors.get(0).element().isEmpty()) {
                jumpTo(errors.get(0).element());
            }
            return;
        }
        Topology t = model.topology();
        beginLiveView().building();
        canvas.live().update(new LiveState.Changes(List.of(), List.of()));
        liveRun.start(t, model.baseDir(), approver, listener, capture);
    }

    /**
     * Clears the live view for a run of the drawing as it is and returns the state it shows. {@link #run} feeds it
     * from a real run; the live benchmark feeds {@link #liveListener()} with synthetic events.
     */
    public LiveState beginLiveView() {
        Topology t = model.topology();
        liveState = new LiveState(t);
        canvas.live().begin(liveState);
        runPanel.begin(liveState);
        sendBar.begin(t);
        liveRows.drop();
        events.panel().clear();
        notifier.reset();
        bottom.getSelectionModel().select(runTab);
        return liveState;
    }

    /** What a run tells the window; everything it hears goes to the live view. */
    public LiveRun.Listener liveListener() {
        return listener;
    }

    /** Stops the run; the returned future completes once nothing of it is left. */
    public java.util.concurrent.CompletableFuture<Void> stop() {
        return liveRun.stop(listener);
    }

    /** Closing the workbench takes a run down first, on the caller's thread (never the FX thread's). */
    public void stopRunNow() {
        liveRun.stopNow();
    }

    public LiveRun liveRun() {
        return liveRun;
    }

    public ReadOnlyObjectProperty<LiveRun.Phase> phaseProperty() {
        return phase;
    }

    /** For tests: what the notice of refused calls says, title first; empty while none is up. */
    public List<String> markNotice() {
        return notifier.showing();
    }

    /** For tests: the counter text on an edge, the rule on it, and an agent's state chip; null when none. */
    public String liveCounter(String edgeKey) {
        return canvas.live().counterOn(edgeKey);
    }

    public String liveRule(String edgeKey) {
        return canvas.live().ruleOn(edgeKey);
    }

    public String liveChip(String agent) {
        return canvas.live().chipOf(agent);
    }

    /** For tests: the badge with the kernel's refusals on an agent's node; null while there is none. */
    public Label liveRefusals(String agent) {
        return canvas.live().refusalBadgeOf(agent);
    }

    /** For tests: whether any two live labels overlap each other or a node. */
    public boolean liveLabelsOverlap() {
        List<javafx.geometry.Bounds> placed = canvas.live().placed();
        List<javafx.geometry.Bounds> nodes = canvas.nodeBoxes();
        for (int i = 0; i < placed.size(); i++) {
            for (int j = i + 1; j < placed.size(); j++) {
                if (placed.get(i).intersects(placed.get(j))) {
                    return true;
                }
            }
            for (javafx.geometry.Bounds n : nodes) {
                if (placed.get(i).intersects(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** For tests: the run's progress in the status bar; 0 when none, negative while it cannot be told. */
    public double runProgress() {
        return statusBar.progress();
    }

    public Label runMessage() {
        return runPanel.message();
    }

    private final LiveRun.Listener listener = new LiveRun.Listener() {
        @Override
        public void phase(LiveRun.Phase next, String message) {
            phase.set(next);
            runPanel.phase(next, message);
            statusBar.phase(next, liveState);
            if (workshop != null) {
                workshop.runPhaseChanged();
            }
            model.statusProperty().set(message);
            if (next == LiveRun.Phase.STARTING && liveState != null) {
                liveState.starting();
                refreshLive(new LiveState.Changes(List.of(), List.of()));
            }
        }

        @Override
        public void progress(String line) {
            runPanel.step(line);
        }

        @Override
        public void batch(LiveFeed.Batch batch) {
            // A closed window's scene no longer resolves its theme; the run's last events have nowhere to go.
            if (liveState == null || !stage.isShowing()) {
                return;
            }
            LiveState.Changes changes = liveState.apply(batch);
            liveRows.offer(batch.events());
            refreshLive(changes);
            notifier.offer(changes.marks());
        }

        @Override
        public void failed(String message) {
            // Nothing of the run is up: agents' chips would otherwise say "building" forever.
            canvas.live().clear();
            runPanel.failed(message);
            bottom.getSelectionModel().select(runTab);
            model.statusProperty().set("Not running: " + message);
        }

        @Override
        public void diagnosed(List<Check> problems) {
            runPanel.diagnosed(problems);
        }
    };

    private void refreshLive(LiveState.Changes changes) {
        canvas.live().update(changes);
        runPanel.show(liveState, liveRun.tally());
        statusBar.agents(liveState);
    }

    private void showMark(LiveState.Mark mark) {
        if (Keys.isEdge(mark.edgeKey())) {
            jumpTo(mark.edgeKey());
        } else {
            jumpTo(ElementKind.AGENT.key(mark.agent()));
        }
    }

    // ---- workshop -----------------------------------------------------------------------------------------------

    /** The presenter while a scenario is open, else null. */
    public WorkshopView workshop() {
        return workshop;
    }

    /** Opens a scenario in the presenter; approvals during its run are asked in a dialog. */
    public WorkshopView openScenario(Path file) {
        return openScenario(file, null);
    }

    /**
     * Opens a scenario in the presenter, with the topology beside it ({@code X.scenario.yaml} → {@code X.yaml}) as
     * the drawing when there is one; the first Next runs the drawing. Null when the file cannot be read (said in a
     * dialog) or the user keeps unsaved edits.
     *
     * @param approver answers approvals during the scenario's run; null to ask in a dialog
     */
    public WorkshopView openScenario(Path file, RunSpec.Approver approver) {
        Scenario scenario;
        try {
            scenario = ScenarioReader.read(file);
        } catch (RunException e) {
            showError("Cannot open the scenario", e.getMessage());
            return null;
        }
        Path topology = WorkshopSession.topologyBeside(file);
        boolean open = model.file().map(f -> f.toAbsolutePath().normalize()).filter(f -> f.equals(topology)).isEmpty();
        if (topology != null && open) {
            if (!confirmDiscard()) {
                return null;
            }
            model.open(topology, this::showError);
        }
        closeWorkshop();
        WorkshopSession session = new WorkshopSession(bridge, liveRun, scenario);
        workshop = new WorkshopView(session, (s, l) -> s.next(capture -> startForWorkshop(approver, capture),
                model.topology(), model.baseDir(), l), this::closeWorkshop);
        top.getChildren().add(workshop);
        return workshop;
    }

    private dev.airlock.core.topology.Topology startForWorkshop(RunSpec.Approver approver, Path capture) {
        run(approver == null ? new ApprovalPrompt(bridge, stage, APPROVAL_TIMEOUT) : approver, capture);
        if (liveRun.phase() == LiveRun.Phase.IDLE) {
            return null;
        }
        // What the steps inject is read in the events as much as on the canvas.
        showTab("Events");
        return model.topology();
    }

    private void closeWorkshop() {
        if (workshop != null) {
            workshop.session().close();
            top.getChildren().remove(workshop);
            workshop = null;
        }
    }

    private void openScenarioDialog() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open scenario");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Workshop scenario", "*.scenario.yaml", "*.scenario.yml"),
                new FileChooser.ExtensionFilter("All files", "*"));
        model.file().map(Path::toAbsolutePath).map(Path::getParent).map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        java.io.File f = chooser.showOpenDialog(stage);
        if (f != null) {
            openScenario(f.toPath());
        }
    }

    // ---- actions ------------------------------------------------------------------------------------------------

    public void autoLayout() {
        model.autoLayout();
        canvas.refresh();
        canvas.fit();
    }

    private void openDialog() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser chooser = chooser("Open topology");
        java.io.File f = chooser.showOpenDialog(stage);
        if (f != null) {
            model.open(f.toPath(), this::showError);
        }
    }

    private void save() {
        try {
            if (!model.save()) {
                saveAs();
            }
        } catch (IOException e) {
            showError("Cannot save: " + e.getMessage());
        }
    }

    private void saveAs() {
        FileChooser chooser = chooser("Save topology as");
        chooser.setInitialFileName(model.topology().name() + ".yaml");
        java.io.File f = chooser.showSaveDialog(stage);
        if (f != null) {
            try {
                model.saveAs(f.toPath());
            } catch (IOException e) {
                showError("Cannot save " + f + ": " + e.getMessage());
            }
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Topology (YAML, JSON)", "*.yaml", "*.yml", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        model.file().map(Path::toAbsolutePath).map(Path::getParent).map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        return chooser;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path p : model.recentFiles().list()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                if (confirmDiscard()) {
                    model.open(p, this::showError);
                }
            });
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private boolean confirmDiscard() {
        if (!model.dirtyProperty().get()) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The drawing has unsaved changes. Discard them?",
                ButtonType.YES, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setHeaderText(null);
        return alert.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
    }

    private void showError(String line) {
        showError("Cannot open the file", line);
    }

    private void showError(String header, String line) {
        Alert alert = new Alert(Alert.AlertType.ERROR, line, ButtonType.OK);
        alert.initOwner(stage);
        alert.setHeaderText(header);
        alert.show();
    }

    /** Sample topologies: {@code samples/<name>/*.yaml} under each root. */
    private List<Path> samples() {
        return sampleRoots.stream().filter(Files::isDirectory).flatMap(root -> {
            try (Stream<Path> dirs = Files.list(root)) {
                return dirs.filter(Files::isDirectory).flatMap(MainWindow::yamlIn).toList().stream();
            } catch (IOException e) {
                return Stream.empty();
            }
        }).sorted().toList();
    }

    private static Stream<Path> yamlIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") && f.getFileName().toString()
                    .startsWith(dir.getFileName().toString())).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
