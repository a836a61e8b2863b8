package dev.airlock.desktop.view;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.Named;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Rate;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.SandboxRisk.Kind;
import dev.airlock.core.topology.Seccomp;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.UserSpec;
import dev.airlock.core.validation.TopologyRisk;
import dev.airlock.desktop.edit.Edit;
import dev.airlock.desktop.model.EditorModel;
import dev.airlock.desktop.model.ElementKind;
import dev.airlock.desktop.model.Keys;
import dev.airlock.desktop.model.RiskHints;
import dev.airlock.desktop.model.TopologyOps;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The properties of the selected element or pipe, with its problems and risk explanations above them. Every change
 * becomes one edit on the model's command stack.
 */
public final class PropertiesView extends VBox {

    private static final String GENERAL = "General";
    private static final String SCOPES = "Scopes (what it may use)";
    private static final String RESOURCES = "Resources (blank = default)";
    private static final String SANDBOX = "Sandbox (loosening = risk)";
    private static final String POLICY = "Policy";

    private final EditorModel model;
    private final Label header = new Label();
    private final VBox notes = new VBox(6);
    private final GridPane grid = new GridPane();
    private Object shown;
    private String shownKey;
    private List<Problem> shownProblems = List.of();

    public PropertiesView(EditorModel model) {
        this.model = model;
        getStyleClass().add("properties");
        setId("properties");
        header.getStyleClass().add("panel-title");
        header.setWrapText(true);
        notes.getStyleClass().add("notes");
        grid.getStyleClass().add("property-grid");
        grid.setHgap(10);
        grid.setVgap(6);
        ColumnConstraints names = new ColumnConstraints();
        names.setHalignment(HPos.RIGHT);
        names.setMinWidth(90);
        ColumnConstraints editors = new ColumnConstraints();
        editors.setHgrow(Priority.ALWAYS);
        editors.setFillWidth(true);
        grid.getColumnConstraints().setAll(names, editors);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("property-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, notes, scroll);
        setSpacing(8);
        model.selection().addListener((SetChangeListener<String>) c -> rebuild(false));
        model.topologyProperty().addListener((o, a, b) -> rebuild(false));
        model.problems().addListener((ListChangeListener<Problem>) c -> rebuild(false));
        rebuild(true);
    }

    /**
     * Rebuilds only when what is shown changed, so a validation result arriving while the user types does not
     * replace the field under their fingers.
     */
    private void rebuild(boolean force) {
        String key = model.selection().size() == 1 ? model.selection().iterator().next() : null;
        Object spec = key == null ? null : specOf(model.topology(), key);
        List<Problem> problems = key == null ? List.of()
                : model.problems().stream().filter(p -> p.element().equals(key)).toList();
        if (!force && Objects.equals(key, shownKey) && Objects.equals(spec, shown) && problems.equals(shownProblems)) {
            return;
        }
        shownKey = key;
        shown = spec;
        shownProblems = problems;
        notes.getChildren().clear();
        if (spec == null) {
            int n = model.selection().size();
            header.setText(n == 0 ? "Nothing selected" : n + " items selected");
            grid.getChildren().clear();
            if (n == 0) {
                notes.getChildren().add(note("Add elements from the palette; drag from the round handle of an agent "
                        + "to connect it.", "note-info"));
            }
            return;
        }
        Topology t = model.topology();
        // The validator's exfiltration line is replaced below by an explanation naming the tools involved.
        boolean explained = spec instanceof AgentSpec agent && RiskHints.exfiltration(t, agent).isPresent();
        for (Problem p : problems) {
            if (explained && p.risk() == TopologyRisk.EXFILTRATION) {
                continue;
            }
            notes.getChildren().add(note((p.isError() ? "ERROR: " : "RISK: ") + p.message()
                    + (p.hint().isEmpty() ? "" : " (" + p.hint() + ")"), p.isError() ? "note-error" : "note-risk"));
        }
        List<Prop> props = new ArrayList<>();
        if (spec instanceof AgentSpec a) {
            header.setText("Agent  " + a.id());
            RiskHints.exfiltration(t, a).ifPresent(text -> notes.getChildren().add(note(text, "note-risk")));
            agent(a, props);
        } else if (spec instanceof ToolSpec x) {
            header.setText((x.type() == ToolType.MCP ? "MCP server  " : "Tool  ") + x.id());
            tool(x, props);
        } else if (spec instanceof ModelSpec m) {
            header.setText("Model  " + m.id());
            model(m, props);
        } else if (spec instanceof PipeSpec p) {
            header.setText("Pipe  " + p.from() + (p.direction() == PipeSpec.Direction.BOTH ? " ↔ " : " → ") + p.to());
            pipe(p, props);
        } else if (spec instanceof UserSpec u) {
            header.setText("User  " + u.id());
            props.add(Prop.text("id", GENERAL, "Id", "The user's id, carried in every token", u.id(),
                    v -> rename(u.id(), v)));
            props.add(Prop.text("display-name", GENERAL, "Display name", "", u.displayName(),
                    v -> edit("display name", x -> x.withUser(x.user().withDisplayName(v)))));
        } else if (spec instanceof String scope) {
            String[] parts = Keys.scopeParts(scope);
            header.setText("Scope  " + parts[0] + " → " + parts[1]);
            notes.getChildren().add(note("'" + parts[0] + "' may use '" + parts[1] + "'. Press Delete to take it "
                    + "out of scope; the gate then refuses every call.", "note-info"));
        }
        show(props);
    }

    /** Rows grouped under their category, in the order given; loosened sandbox rows carry the risk style. */
    private void show(List<Prop> props) {
        grid.getChildren().clear();
        int row = 0;
        String category = null;
        for (Prop p : props) {
            if (!p.category().equals(category)) {
                category = p.category();
                Label section = new Label(category);
                section.getStyleClass().add("property-section");
                section.setMaxWidth(Double.MAX_VALUE);
                grid.add(section, 0, row++, 2, 1);
            }
            Label name = new Label(p.name());
            name.getStyleClass().add("property-name");
            if (p.risk()) {
                name.getStyleClass().add("property-risk");
            }
            name.setWrapText(true);
            if (!p.description().isEmpty()) {
                name.setTooltip(new Tooltip(p.description()));
            }
            javafx.scene.Node editor = PropEditors.create(p);
            if (editor instanceof javafx.scene.control.Control c && !p.description().isEmpty()) {
                c.setTooltip(new Tooltip(p.description()));
            }
            grid.add(name, 0, row);
            grid.add(editor, 1, row++);
        }
    }

    private void agent(AgentSpec a, List<Prop> props) {
        props.add(Prop.text("id", GENERAL, "Id", "Renaming updates pipes, scopes and layout", a.id(), v -> rename(a.id(), v)));
        props.add(Prop.text("description", GENERAL, "Description", "", a.description(),
                v -> agentEdit(a, "description", x -> x.withDescription(v))));
        props.add(Prop.text("image", GENERAL, "Image", "Container image the agent runs in", a.image(),
                v -> agentEdit(a, "image", x -> x.withImage(v.isEmpty() ? null : v))));
        props.add(Prop.text("tools", SCOPES, "Tools", "Comma-separated; mcp tools take '/name' filters",
                String.join(", ", a.tools()), v -> agentEdit(a, "tool scope", x -> x.withTools(list(v)))));
        props.add(Prop.text("models", SCOPES, "Models", "Comma-separated model ids", String.join(", ", a.models()),
                v -> agentEdit(a, "model scope", x -> x.withModels(list(v)))));
        Resources r = a.resources() == null ? Resources.UNSET : a.resources();
        props.add(Prop.text("memory", RESOURCES, "Memory", "e.g. 256Mi", r.memory() == null ? "" : r.memory().toString(),
                v -> resources(a, "memory", x -> x.withMemory(v.isEmpty() ? null : ByteSize.parse(v)))));
        props.add(Prop.text("cpus", RESOURCES, "CPUs", "e.g. 0.5", r.cpus() > 0 ? Double.toString(r.cpus()) : "",
                v -> resources(a, "CPUs", x -> x.withCpus(v.isEmpty() ? 0 : Double.parseDouble(v)))));
        props.add(Prop.text("pids", RESOURCES, "Processes", "Maximum number of processes", r.pids() > 0 ? Integer.toString(r.pids()) : "",
                v -> resources(a, "process limit", x -> x.withPids(v.isEmpty() ? 0 : Integer.parseInt(v)))));
        SandboxOverrides s = a.sandbox();
        props.add(Prop.text("network", SANDBOX, "Network", "'none' (default) keeps the gate the only way out",
                s.network() == null ? "none" : s.network(),
                v -> sandbox(a, "network", x -> x.withNetwork(v.isEmpty() || v.equals("none") ? null : v)))
                .markedRisk(s.loosens(Kind.NETWORK)));
        props.add(Prop.flag("writable-root", SANDBOX, "Writable root filesystem", "Off by default", Boolean.FALSE.equals(s.readOnlyRoot()),
                v -> sandbox(a, "writable root", x -> x.withReadOnlyRoot(v ? Boolean.FALSE : null)))
                .markedRisk(s.loosens(Kind.WRITABLE_ROOT)));
        props.add(Prop.text("user", SANDBOX, "Run as user", "Default: a uid:gid of its own", s.user() == null ? "" : s.user(),
                v -> sandbox(a, "user", x -> x.withUser(v.isEmpty() ? null : v)))
                .markedRisk(s.loosens(Kind.ROOT_USER)));
        props.add(Prop.text("cap-add", SANDBOX, "Added capabilities", "Comma-separated; none by default",
                String.join(", ", s.capAdd()),
                v -> sandbox(a, "capabilities", x -> x.withCapAdd(list(v))))
                .markedRisk(s.loosens(Kind.CAPABILITIES)));
        props.add(Prop.flag("privilege-escalation", SANDBOX, "Allow privilege escalation", "Off by default",
                Boolean.FALSE.equals(s.noNewPrivileges()),
                v -> sandbox(a, "privilege escalation", x -> x.withNoNewPrivileges(v ? Boolean.FALSE : null)))
                .markedRisk(s.loosens(Kind.PRIVILEGE_ESCALATION)));
        props.add(Prop.choice("seccomp", SANDBOX, "Seccomp profile",
                "'strict' is Airlock's allow-list; 'default' is the engine's broader one, 'unconfined' allows every call",
                (s.seccomp() == null ? Seccomp.STRICT : s.seccomp()).text(), Named.spellings(Seccomp.class),
                v -> sandbox(a, "seccomp", x -> {
                    Seccomp profile = Named.parse(Seccomp.class, v).orElseThrow();
                    return x.withSeccomp(profile == Seccomp.STRICT ? null : profile);
                }))
                .markedRisk(s.loosens(Kind.SECCOMP_ENGINE_DEFAULT) || s.loosens(Kind.SECCOMP_UNCONFINED)));
    }

    private void tool(ToolSpec x, List<Prop> props) {
        props.add(Prop.text("id", GENERAL, "Id", "Renaming updates the agents' scopes", x.id(), v -> rename(x.id(), v)));
        props.add(Prop.text("description", GENERAL, "Description", "", x.description(),
                v -> toolEdit(x, "description", y -> y.withDescription(v))));
        props.add(Prop.choice("type", GENERAL, "Type", "Gate-side built-in, or an MCP server in its own container",
                x.type().text(), Named.spellings(ToolType.class),
                v -> toolEdit(x, "type", y -> {
                    ToolType type = Named.parse(ToolType.class, v).orElseThrow();
                    // Only an MCP server runs in a container: a built-in has no image or command.
                    return y.withType(type)
                            .withImage(type == ToolType.MCP ? (y.image() == null ? TopologyOps.DEFAULT_MCP_IMAGE : y.image()) : null)
                            .withCommand(type == ToolType.MCP ? y.command() : List.of());
                })));
        if (x.type() == ToolType.MCP) {
            props.add(Prop.text("tool-image", GENERAL, "Image", "Container image of the MCP server", x.image(),
                    v -> toolEdit(x, "image", y -> y.withImage(v.isEmpty() ? null : v))));
        }
        props.add(Prop.choice("approval", POLICY, "Approval", "'required' asks a human before each call",
                x.approval().text(), Named.spellings(ToolSpec.Approval.class),
                v -> toolEdit(x, "approval", y -> y.withApproval(Named.parse(ToolSpec.Approval.class, v).orElseThrow()))));
        props.add(Prop.text("allow", POLICY, "Egress allowlist",
                "Comma-separated hosts; everything else is denied. Path and query limits are kept, and edited in the file",
                String.join(", ", x.allowedHosts()), v -> toolEdit(x, "egress allowlist", y -> y.withAllowedHosts(list(v)))));
        for (ToolTrait trait : ToolTrait.values()) {
            props.add(Prop.flag("trait-" + trait.text(), POLICY, "Trait: " + trait.text(),
                    "Traits feed the exfiltration risk hint", x.traits().contains(trait),
                    v -> toolEdit(x, "trait " + trait.text(), y -> {
                        Set<ToolTrait> traits = y.traits().isEmpty() ? EnumSet.noneOf(ToolTrait.class) : EnumSet.copyOf(y.traits());
                        if (v) {
                            traits.add(trait);
                        } else {
                            traits.remove(trait);
                        }
                        return y.withTraits(traits);
                    })));
        }
    }

    private void model(ModelSpec m, List<Prop> props) {
        props.add(Prop.text("id", GENERAL, "Id", "Renaming updates the agents' scopes", m.id(), v -> rename(m.id(), v)));
        props.add(Prop.choice("backend", GENERAL, "Backend", "", m.backend(),
                List.copyOf(new TreeSet<>(model.catalog().backends())),
                v -> modelEdit(m, "backend", y -> y.withBackend(v))));
        props.add(Prop.text("model", GENERAL, "Model name", "", m.model(),
                v -> modelEdit(m, "model name", y -> y.withModel(v.isEmpty() ? null : v))));
        props.add(Prop.text("endpoint", GENERAL, "Endpoint", "http(s) URL, reached by the gate only", m.endpoint(),
                v -> modelEdit(m, "endpoint", y -> y.withEndpoint(v.isEmpty() ? null : v))));
    }

    private void pipe(PipeSpec p, List<Prop> props) {
        String key = Keys.pipe(p);
        props.add(Prop.choice("direction", POLICY, "Direction", "'both' lets replies flow back", p.direction().text(),
                Named.spellings(PipeSpec.Direction.class),
                v -> pipeEdit(key, "direction", y -> y.withDirection(Named.parse(PipeSpec.Direction.class, v).orElseThrow()))));
        props.add(Prop.text("kinds", POLICY, "Message kinds", "Comma-separated; '*' for any", String.join(", ", p.kinds()),
                v -> pipeEdit(key, "message kinds", y -> y.withKinds(list(v)))));
        props.add(Prop.text("guardrails", POLICY, "Guardrails", "Comma-separated; blank = defaults "
                        + model.topology().defaults().guardrails(),
                p.guardrails() == null ? "" : String.join(", ", p.guardrails()),
                v -> pipeEdit(key, "guardrails", y -> y.withGuardrails(v.isEmpty() ? null : list(v)))));
        Rate rate = p.rate();
        props.add(Prop.text("rate", POLICY, "Rate (messages/s)", "Blank = default " + Rate.DEFAULT.perSecond(),
                rate == null ? "" : Double.toString(rate.perSecond()),
                v -> pipeEdit(key, "rate", y -> y.withRate(v.isEmpty() ? null
                        : (rate == null ? Rate.DEFAULT : rate).withPerSecond(Double.parseDouble(v))))));
        props.add(Prop.text("burst", POLICY, "Burst", "Blank = default " + Rate.DEFAULT.burst(),
                rate == null ? "" : Integer.toString(rate.burst()),
                v -> pipeEdit(key, "burst", y -> y.withRate(v.isEmpty() ? null
                        : (rate == null ? Rate.DEFAULT : rate).withBurst(Integer.parseInt(v))))));
    }

    // ---- edits ---------------------------------------------------------------------------------------------------

    private void agentEdit(AgentSpec a, String what, UnaryOperator<AgentSpec> change) {
        edit(what + " of '" + a.id() + "'", t -> TopologyOps.replaceAgent(t, a.id(), change));
    }

    private void resources(AgentSpec a, String what, UnaryOperator<Resources> change) {
        agentEdit(a, what, x -> x.withResources(change.apply(x.resources() == null ? Resources.UNSET : x.resources())));
    }

    private void sandbox(AgentSpec a, String what, UnaryOperator<SandboxOverrides> change) {
        agentEdit(a, "sandbox " + what, x -> x.withSandbox(change.apply(x.sandbox())));
    }

    private void toolEdit(ToolSpec x, String what, UnaryOperator<ToolSpec> change) {
        edit(what + " of '" + x.id() + "'", t -> TopologyOps.replaceTool(t, x.id(), change));
    }

    private void modelEdit(ModelSpec m, String what, UnaryOperator<ModelSpec> change) {
        edit(what + " of '" + m.id() + "'", t -> TopologyOps.replaceModel(t, m.id(), change));
    }

    private void pipeEdit(String key, String what, UnaryOperator<PipeSpec> change) {
        edit(what + " of " + key.substring(Keys.PIPE.length()), t -> TopologyOps.replacePipe(t, key, change));
    }

    private void rename(String from, String to) {
        if (to.isEmpty() || to.equals(from)) {
            rebuild(true);
            return;
        }
        if (to.contains("/")) {
            // Scope entries read 'tool/operation': an id with a slash could not be named in one.
            model.statusProperty().set("Not renamed: an id cannot contain '/'");
            rebuild(true);
            return;
        }
        if (TopologyOps.kindOf(model.topology(), to).isPresent()) {
            model.statusProperty().set("Not renamed: '" + to + "' is already used");
            rebuild(true);
            return;
        }
        ElementKind kind = TopologyOps.kindOf(model.topology(), from).orElseThrow();
        edit("Rename '" + from + "' to '" + to + "'", t -> TopologyOps.rename(t, from, to));
        model.select(List.of(kind.key(to)));
    }

    /** Applies an edit; input the model cannot take (a size that is not a size) is reported, not thrown. */
    private void edit(String description, UnaryOperator<Topology> change) {
        try {
            Topology probe = change.apply(model.topology());
            Objects.requireNonNull(probe);
            model.apply(new Edit("Set " + description, change));
        } catch (IllegalArgumentException e) {
            model.statusProperty().set("Not changed: " + e.getMessage());
            rebuild(true);
        }
    }

    private static Object specOf(Topology t, String key) {
        if (Keys.isPipe(key)) {
            return TopologyOps.pipe(t, key).orElse(null);
        }
        if (Keys.isScope(key)) {
            return key;
        }
        String id = Keys.id(key);
        if (key.startsWith("user:")) {
            return t.user().id().equals(id) ? t.user() : null;
        }
        if (key.startsWith("agent:")) {
            return t.agent(id).orElse(null);
        }
        if (key.startsWith("tool:")) {
            return t.tool(id).orElse(null);
        }
        return t.model(id).orElse(null);
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Label note(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().addAll("note", style);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
