package dev.airlock.core.topology.io;

import dev.airlock.core.file.BoundedFiles;
import dev.airlock.core.file.UnreadableFileException;
import dev.airlock.core.problem.Location;
import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.AllowEntry;
import dev.airlock.core.topology.BuildSpec;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.CredentialRef;
import dev.airlock.core.topology.Defaults;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PathGlob;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Position;
import dev.airlock.core.topology.Rate;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.RestartPolicy;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.UserSpec;
import dev.airlock.core.topology.io.SourceNode.ScalarNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a topology file into the model, collecting every problem of form (syntax, types, unknown and missing
 * fields) with its location. Problems of meaning (dangling references, contradictions, risks) are the
 * {@link dev.airlock.core.validation.TopologyValidator}'s.
 */
public final class TopologyReader {

    static final List<String> TOP = List.of("apiVersion", "kind", "metadata", "user", "defaults", "models", "tools",
            "agents", "pipes", "guardrails", "layout");
    static final List<String> METADATA = List.of("name", "description");
    static final List<String> USER = List.of("id", "displayName");
    static final List<String> DEFAULTS = List.of("resources", "rate", "maxFrame", "guardrails");
    static final List<String> RESOURCES = List.of("memory", "cpus", "pids", "tmpfs");
    static final List<String> RATE = List.of("perSecond", "burst");
    static final List<String> MODEL = List.of("id", "backend", "model", "endpoint", "credential", "options");
    static final List<String> CREDENTIAL = List.of("env", "file");
    static final List<String> TOOL = List.of("id", "description", "type", "image", "command", "allow", "approval",
            "traits", "options");
    static final List<String> ALLOW = List.of("host", "paths", "query");
    static final List<String> AGENT = List.of("id", "description", "image", "build", "command", "env", "resources",
            "models", "tools", "sandbox", "restart");
    static final List<String> BUILD = List.of("base", "path");
    static final List<String> SANDBOX = List.of("network", "readOnlyRoot", "user", "capAdd", "noNewPrivileges",
            "seccomp");
    static final List<String> RESTART = List.of("policy", "maxRestarts");
    static final List<String> PIPE = List.of("from", "to", "direction", "kinds", "guardrails", "rate", "maxFrame");
    static final List<String> GUARDRAIL = List.of("id", "description", "pattern", "action", "mask");
    static final List<String> POSITION = List.of("x", "y");

    private final List<Problem> problems = new ArrayList<>();
    private final SourceMap.Builder sources;
    private final String file;

    private TopologyReader(String file) {
        this.file = file;
        this.sources = SourceMap.builder(file);
    }

    /** Reads a file. Never throws for bad content; an unreadable path is one problem too. */
    public static LoadResult read(Path path) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = BoundedFiles.readBytes(path, SourceParser.MAX_BYTES, "a topology");
        } catch (UnreadableFileException e) {
            return LoadResult.failed(name, Problem.error(Location.start(name), "", e.reason()));
        }
        return parse(name, bytes);
    }

    public static LoadResult parse(String file, byte[] bytes) {
        SourceNode root;
        try {
            root = new SourceParser(file).parse(bytes);
        } catch (SourceParser.Unreadable e) {
            return LoadResult.failed(file, Problem.error(e.location(), "", e.getMessage()));
        }
        TopologyReader reader = new TopologyReader(file);
        Topology topology = reader.bindTopology(root);
        return new LoadResult(topology, reader.problems, reader.sources.build());
    }

    private Topology bindTopology(SourceNode root) {
        Optional<Fields> maybeTop = Fields.of(root, "a topology", "", "", problems, sources, TOP);
        if (maybeTop.isEmpty()) {
            return null;
        }
        Fields top = maybeTop.get();
        top.requiredString("apiVersion").ifPresent(v -> {
            if (!Topology.API_VERSION.equals(v)) {
                top.error(top.location("apiVersion"), "unsupported apiVersion '" + v + "'; this Airlock reads "
                        + Topology.API_VERSION);
            }
        });
        top.requiredString("kind").ifPresent(v -> {
            if (!Topology.KIND.equals(v)) {
                top.error(top.location("kind"), "kind must be '" + Topology.KIND + "', not '" + v + "'");
            }
        });
        String name = "";
        String description = "";
        if (!top.has("metadata")) {
            top.requiredString("metadata", " (with at least a name)");
        }
        Optional<Fields> meta = top.child("metadata", METADATA);
        if (meta.isPresent()) {
            name = meta.get().requiredString("name").orElse("");
            description = meta.get().string("description").orElse("");
        }
        UserSpec user = top.child("user", USER)
                .map(f -> new UserSpec(f.string("id").orElse(UserSpec.DEFAULT.id()), f.string("displayName").orElse("")))
                .orElse(UserSpec.DEFAULT);
        Defaults defaults = top.child("defaults", DEFAULTS).map(this::bindDefaults).orElse(Defaults.HARDENED);

        List<ModelSpec> models = elements(top, "models", "model", MODEL, this::bindModel);
        List<ToolSpec> tools = elements(top, "tools", "tool", TOOL, this::bindTool);
        List<AgentSpec> agents = elements(top, "agents", "agent", AGENT, this::bindAgent);
        List<PipeSpec> pipes = bindPipes(top);
        List<GuardrailSpec> guardrails = elements(top, "guardrails", "guardrail", GUARDRAIL, this::bindGuardrail);
        Map<String, Position> layout = bindLayout(top);
        return new Topology(name, description, user, defaults, models, tools, agents, pipes, guardrails, layout);
    }

    /** Binds a list of elements; source paths use the position in the list, as validation does. */
    private <T> List<T> elements(Fields top, String key, String kind, List<String> known,
                                 Function<Fields, Optional<T>> binder) {
        List<T> out = new ArrayList<>();
        top.list(key).ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                SourceNode item = items.get(i);
                Optional<String> id = idOf(item);
                String element = kind + ":" + id.orElse("#" + i);
                Optional<T> bound = Fields.of(item, kind, key + "/" + i, element, problems, sources, known)
                        .flatMap(binder);
                bound.ifPresent(out::add);
                if (bound.isEmpty()) {
                    id.ifPresent(sources::unreadable);
                }
            }
        });
        return out;
    }

    private static Optional<String> idOf(SourceNode item) {
        if (item instanceof SourceNode.MapNode map) {
            return map.entries().stream()
                    .filter(e -> e.key().equals("id") && e.value() instanceof ScalarNode s
                            && s.kind() != SourceNode.ScalarKind.NULL)
                    .map(e -> ((ScalarNode) e.value()).text())
                    .findFirst();
        }
        return Optional.empty();
    }

    private Defaults bindDefaults(Fields f) {
        Defaults d = Defaults.HARDENED;
        Resources resources = f.child("resources", RESOURCES).map(this::bindResources)
                .map(d.resources()::overlay).orElse(d.resources());
        Rate rate = f.child("rate", RATE).map(r -> bindRate(r, d.rate())).orElse(d.rate());
        ByteSize maxFrame = f.size("maxFrame").orElse(d.maxFrame());
        List<String> guardrails = f.strings("guardrails").orElse(d.guardrails());
        return new Defaults(resources, rate, maxFrame, guardrails);
    }

    private Resources bindResources(Fields f) {
        return new Resources(
                f.size("memory").orElse(null),
                f.number("cpus", 0.01, 64).orElse(0.0),
                f.integer("pids", 8, 65_536).orElse(0),
                f.size("tmpfs").orElse(null));
    }

    private Rate bindRate(Fields f, Rate fallback) {
        return new Rate(
                f.number("perSecond", 0.001, 1_000_000).orElse(fallback.perSecond()),
                f.integer("burst", 1, 1_000_000).orElse(fallback.burst()));
    }

    private Optional<ModelSpec> bindModel(Fields f) {
        Optional<String> id = f.requiredString("id");
        Optional<String> backend = f.requiredString("backend");
        CredentialRef credential = f.child("credential", CREDENTIAL)
                .map(c -> new CredentialRef(c.string("env").orElse(null), c.string("file").orElse(null)))
                .orElse(null);
        ModelSpec model = new ModelSpec(id.orElse(""), backend.orElse(""), f.string("model").orElse(null),
                f.string("endpoint").orElse(null), credential, f.stringMap("options").orElse(Map.of()));
        return id.isPresent() && backend.isPresent() ? Optional.of(model) : Optional.empty();
    }

    private Optional<ToolSpec> bindTool(Fields f) {
        Optional<String> id = f.requiredString("id");
        Optional<ToolType> type = f.requiredString("type", " (one of http.fetch, files, sql, mcp)")
                .flatMap(text -> f.parseChoice(text, ToolType.class, f.location("type"), "type"));
        EnumSet<ToolTrait> traits = EnumSet.noneOf(ToolTrait.class);
        f.strings("traits").ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                f.parseChoice(list.get(i), ToolTrait.class, sources.locationOf(f.path() + "/traits/" + i, f.location()),
                        "traits").ifPresent(traits::add);
            }
        });
        ToolSpec tool = new ToolSpec(id.orElse(""), f.string("description").orElse(""), type.orElse(null),
                f.string("image").orElse(null), f.strings("command").orElse(List.of()),
                bindAllow(f), f.choice("approval", ToolSpec.Approval.class).orElse(null),
                traits, f.stringMap("options").orElse(Map.of()));
        return id.isPresent() && type.isPresent() ? Optional.of(tool) : Optional.empty();
    }

    /** Each entry is a host name, or a map that also limits paths and query: {@code {host, paths, query}}. */
    private List<AllowEntry> bindAllow(Fields tool) {
        List<AllowEntry> out = new ArrayList<>();
        tool.value("allow").ifPresent(v -> {
            List<SourceNode> items = v instanceof SourceNode.ListNode list ? list.items() : List.of(v);
            for (int i = 0; i < items.size(); i++) {
                SourceNode item = items.get(i);
                String path = tool.path() + "/allow/" + i;
                if (item instanceof SourceNode.MapNode) {
                    Fields.of(item, "an allow entry", path, tool.element(), problems, sources, ALLOW)
                            .flatMap(this::bindAllowEntry).ifPresent(out::add);
                } else {
                    sources.put(path, item.location());
                    tool.asString(item, "allow[" + i + "]").map(AllowEntry::host).ifPresent(out::add);
                }
            }
        });
        return out;
    }

    private Optional<AllowEntry> bindAllowEntry(Fields f) {
        Optional<String> host = f.requiredString("host");
        List<PathGlob> paths = new ArrayList<>();
        f.strings("paths").ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
                try {
                    paths.add(PathGlob.parse(list.get(i)));
                } catch (IllegalArgumentException e) {
                    f.error(sources.locationOf(f.path() + "/paths/" + i, f.location()), e.getMessage());
                }
            }
        });
        AllowEntry.Query query = f.value("query").flatMap(v -> bindQuery(f, v)).orElse(AllowEntry.Query.ANY);
        return host.map(h -> new AllowEntry(h, paths, query));
    }

    /** {@code none}, {@code any}, or a list of parameter names. */
    private Optional<AllowEntry.Query> bindQuery(Fields f, SourceNode value) {
        if (value instanceof ScalarNode s && s.text().equals("none")) {
            return Optional.of(AllowEntry.Query.NONE);
        }
        if (value instanceof ScalarNode s && s.text().equals("any")) {
            return Optional.of(AllowEntry.Query.ANY);
        }
        if (!(value instanceof SourceNode.ListNode)) {
            f.error(value.location(), "'query' must be none, any or a list of parameter names, not " + value.describe());
            return Optional.empty();
        }
        return f.strings("query").map(AllowEntry.Query::only);
    }

    private Optional<AgentSpec> bindAgent(Fields f) {
        Optional<String> id = f.requiredString("id");
        BuildSpec build = f.child("build", BUILD)
                .map(b -> new BuildSpec(b.string("base").orElse(null), b.requiredString("path").orElse(null)))
                .orElse(null);
        Resources resources = f.child("resources", RESOURCES).map(this::bindResources).orElse(null);
        SandboxOverrides sandbox = f.child("sandbox", SANDBOX).map(this::bindSandbox)
                .orElse(SandboxOverrides.NONE);
        RestartPolicy restart = f.value("restart").flatMap(v -> bindRestart(f, v)).orElse(RestartPolicy.NEVER);
        AgentSpec agent = new AgentSpec(id.orElse(""), f.string("description").orElse(""),
                f.string("image").orElse(null), build, f.strings("command").orElse(List.of()),
                f.stringMap("env").orElse(Map.of()), resources, f.strings("models").orElse(List.of()),
                f.strings("tools").orElse(List.of()), sandbox, restart);
        return id.map(ignored -> agent);
    }

    private SandboxOverrides bindSandbox(Fields f) {
        return new SandboxOverrides(f.string("network").orElse(null), f.bool("readOnlyRoot").orElse(null),
                f.string("user").orElse(null), f.strings("capAdd").orElse(List.of()),
                f.bool("noNewPrivileges").orElse(null), f.choice("seccomp", Seccomp.class).orElse(null));
    }

    private Optional<RestartPolicy> bindRestart(Fields agent, SourceNode value) {
        if (value instanceof ScalarNode s) {
            return agent.parseChoice(s.text(), RestartPolicy.Mode.class, s.location(), "restart")
                    .map(mode -> new RestartPolicy(mode, mode == RestartPolicy.Mode.NEVER ? 0 : 3));
        }
        return agent.child("restart", RESTART).flatMap(r -> {
            Optional<RestartPolicy.Mode> mode = r.choice("policy", RestartPolicy.Mode.class);
            int max = r.integer("maxRestarts", 0, 100).orElse(3);
            return mode.map(m -> new RestartPolicy(m, m == RestartPolicy.Mode.NEVER ? 0 : max));
        });
    }

    private List<PipeSpec> bindPipes(Fields top) {
        List<PipeSpec> out = new ArrayList<>();
        top.list("pipes").ifPresent(items -> {
            for (int i = 0; i < items.size(); i++) {
                String path = "pipes/" + i;
                Fields.of(items.get(i), "pipe", path, "pipe:#" + i, problems, sources, PIPE).ifPresent(f -> {
                    Optional<String> from = f.requiredString("from");
                    Optional<String> to = f.requiredString("to");
                    PipeSpec pipe = new PipeSpec(from.orElse(""), to.orElse(""),
                            f.choice("direction", PipeSpec.Direction.class).orElse(null),
                            f.strings("kinds").orElse(null),
                            f.strings("guardrails").orElse(null),
                            f.child("rate", RATE).map(r -> bindRate(r, Rate.DEFAULT)).orElse(null),
                            f.size("maxFrame").orElse(null));
                    if (from.isPresent() && to.isPresent()) {
                        out.add(pipe);
                    }
                });
            }
        });
        return out;
    }

    private Optional<GuardrailSpec> bindGuardrail(Fields f) {
        Optional<String> id = f.requiredString("id");
        Optional<GuardrailSpec.Action> action = f.requiredString("action", " (one of allow, mask, block, ask)")
                .flatMap(text -> f.parseChoice(text, GuardrailSpec.Action.class, f.location("action"), "action"));
        GuardrailSpec spec = new GuardrailSpec(id.orElse(""), f.string("description").orElse(""),
                f.string("pattern").orElse(null), action.orElse(GuardrailSpec.Action.BLOCK),
                f.choice("mask", GuardrailSpec.Mask.class).orElse(GuardrailSpec.Mask.PARTIAL));
        return id.isPresent() && action.isPresent() ? Optional.of(spec) : Optional.empty();
    }

    private Map<String, Position> bindLayout(Fields top) {
        Map<String, Position> layout = new LinkedHashMap<>();
        top.value("layout").ifPresent(v -> {
            if (!(v instanceof SourceNode.MapNode map)) {
                top.error(v.location(), "'layout' must be a map of element id to {x, y}, not " + v.describe());
                return;
            }
            for (SourceNode.Entry e : map.entries()) {
                Fields.of(e.value(), "layout entry '" + e.key() + "'", "layout/" + e.key(), "", problems, sources, POSITION)
                        .ifPresent(p -> {
                            Optional<Double> x = p.number("x", -1e6, 1e6);
                            Optional<Double> y = p.number("y", -1e6, 1e6);
                            if (x.isPresent() && y.isPresent()) {
                                layout.put(e.key(), new Position(x.get(), y.get()));
                            }
                        });
            }
        });
        return layout;
    }
}
