package dev.airlock.core.validation;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.ImageReference;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxRisk;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.DidYouMean;
import dev.airlock.core.topology.io.SourceMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks what a topology means: ids, references, contradictions, and loosenings of the hardened defaults
 * (reported as risks, not errors). Works on any {@link Topology}, loaded or drawn; the {@link SourceMap} only
 * decides where a problem points.
 */
public final class TopologyValidator {

    /** Ids become container, Kubernetes and socket names, so they follow DNS label rules. */
    private static final Pattern ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern KIND = Pattern.compile("\\*|[a-z][a-z0-9.-]{0,31}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(key|token|secret|passw|credential).*");
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:\\d{1,5})?");
    private static final Pattern RANGE = Pattern.compile("[0-9a-fA-F.:]+/\\d{1,3}");
    private static final long DOCKER_MIN_MEMORY = 6L * 1024 * 1024;

    private final Catalog catalog;

    public TopologyValidator(Catalog catalog) {
        this.catalog = catalog;
    }

    public List<Problem> validate(Topology t, SourceMap at) {
        return new Run(t, at).check();
    }

    private final class Run {
        private final Topology t;
        private final SourceMap at;
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, String> kindById = new HashMap<>();

        Run(Topology t, SourceMap at) {
            this.t = t;
            this.at = at;
        }

        List<Problem> check() {
            registerIds();
            for (int i = 0; i < t.models().size(); i++) {
                checkModel(t.models().get(i), "models/" + i);
            }
            for (int i = 0; i < t.tools().size(); i++) {
                checkTool(t.tools().get(i), "tools/" + i);
            }
            for (int i = 0; i < t.agents().size(); i++) {
                checkAgent(t.agents().get(i), "agents/" + i);
            }
            checkPipes();
            checkGuardrails();
            checkDefaults();
            checkLayout();
            return problems;
        }

        /** Registers ids in file order, so a duplicate is reported where it is written the second time. */
        private void registerIds() {
            kindById.put(t.user().id(), "user");
            checkId(t.user().id(), "user/id", "user");
            record Declared(String kind, String path, String id) {
            }
            List<Declared> declared = new ArrayList<>();
            for (int i = 0; i < t.agents().size(); i++) {
                declared.add(new Declared("agent", "agents/" + i, t.agents().get(i).id()));
            }
            for (int i = 0; i < t.tools().size(); i++) {
                declared.add(new Declared("tool", "tools/" + i, t.tools().get(i).id()));
            }
            for (int i = 0; i < t.models().size(); i++) {
                declared.add(new Declared("model", "models/" + i, t.models().get(i).id()));
            }
            declared.sort(Comparator.comparing((Declared d) -> at.at(d.path() + "/id").line())
                    .thenComparing(d -> at.at(d.path() + "/id").column()));
            for (Declared d : declared) {
                String element = d.kind() + ":" + d.id();
                checkId(d.id(), d.path() + "/id", element);
                String previous = kindById.putIfAbsent(d.id(), d.kind());
                if (previous != null) {
                    error(d.path() + "/id", element, "duplicate id '" + d.id() + "' (already used by the "
                            + previous + ")", "ids are shared by agents, tools, models and the user");
                }
            }
        }

        private void checkId(String id, String path, String element) {
            if (!ID.matcher(id).matches()) {
                error(path, element, "id '" + id + "' is not a valid name",
                        "use 1-40 lower-case letters, digits and '-', starting and ending with a letter or digit");
            }
        }

        private void checkModel(ModelSpec m, String path) {
            String element = "model:" + m.id();
            if (!catalog.backends().contains(m.backend())) {
                error(path + "/backend", element, "unknown model backend '" + m.backend() + "'",
                        suggestion(m.backend(), catalog.backends(), "backends"));
            }
            if (m.credential() != null) {
                boolean env = m.credential().env() != null;
                boolean file = m.credential().file() != null;
                if (env == file) {
                    error(path + "/credential", element, "a credential names exactly one of 'env' or 'file'", null);
                }
            }
            if (m.endpoint() != null && !m.endpoint().matches("https?://\\S+")) {
                error(path + "/endpoint", element, "endpoint '" + m.endpoint() + "' is not an http(s) URL", null);
            }
        }

        private void checkTool(ToolSpec tool, String path) {
            String element = "tool:" + tool.id();
            if (!catalog.toolTypes().contains(tool.type())) {
                error(path + "/type", element, "no installed plugin serves tools of type '" + tool.type().text() + "'",
                        "installed: " + catalog.toolTypes().stream().map(ToolType::text).sorted().toList());
            }
            if (tool.type() == ToolType.MCP && tool.image() == null) {
                error(path, element, "MCP tool '" + tool.id() + "' needs an 'image' to run in",
                        "MCP servers run in a hardened container of their own");
            }
            checkImage(tool.image(), path + "/image", element);
            if (tool.type() != ToolType.MCP && (tool.image() != null || !tool.command().isEmpty())) {
                error(path + (tool.image() != null ? "/image" : "/command"), element, "'" + tool.type().text()
                        + "' is a gate-side built-in; 'image' and 'command' are only for type mcp", null);
            }
            if (tool.type() == ToolType.HTTP_FETCH && tool.allow().isEmpty()) {
                error(path, element, "http.fetch tool '" + tool.id() + "' allows no host, so it can fetch nothing",
                        "add 'allow: [docs.example.org]'; egress is denied by default");
            }
            for (int i = 0; i < tool.allow().size(); i++) {
                String host = tool.allow().get(i).host();
                if (host.contains("://")) {
                    error(path + "/allow/" + i, element, "'" + host + "' is not a host name",
                            "write the host only, e.g. 'docs.example.org' or '*.example.org'");
                } else if (!HOST.matcher(host).matches() && !RANGE.matcher(host).matches()) {
                    error(path + "/allow/" + i, element, "'" + host + "' is neither a host name nor an address range",
                            "e.g. 'docs.example.org', '*.example.org', '127.0.0.1' or '10.0.0.0/8'");
                }
            }
        }

        private void checkImage(String image, String path, String element) {
            if (image != null && !ImageReference.isValid(image)) {
                error(path, element, "'" + image + "' is not an image reference",
                        "lower case, no spaces, e.g. airlock/agent-java or registry.local:5000/team/agent:1.2");
            }
        }

        private void checkAgent(AgentSpec a, String path) {
            String element = "agent:" + a.id();
            if (a.image() == null && a.build() == null) {
                error(path, element, "agent '" + a.id() + "' needs an 'image' or a 'build'",
                        "e.g. image: airlock/agent-java");
            }
            if (a.image() != null && a.build() != null) {
                error(path + "/build", element, "agent '" + a.id() + "' sets both 'image' and 'build'; choose one", null);
            }
            checkImage(a.image(), path + "/image", element);
            if (a.build() != null) {
                checkImage(a.build().base(), path + "/build/base", element);
            }
            checkScope(a.tools(), "tool", path + "/tools", element);
            checkScope(a.models(), "model", path + "/models", element);
            for (String name : a.env().keySet()) {
                if (SECRET_NAME.matcher(name).matches()) {
                    error(path + "/env/" + name, element, "environment variable '" + name
                            + "' looks like a credential; secrets never enter a container",
                            "give the gate a credential reference on the model or tool instead");
                }
            }
            Resources r = a.effectiveResources(t.defaults());
            checkResources(r, path + "/resources", element);
            String user = a.sandbox().user();
            if (user != null && AgentIdentity.parse(user).isEmpty()) {
                error(path + "/sandbox/user", element, "sandbox user '" + user + "' is not a numeric uid or uid:gid",
                        "the gate admits a connection only from the agent's own uid, which it must know; "
                                + "leave 'user' out to give the agent one of its own");
            }
            for (SandboxRisk risk : a.sandbox().risks()) {
                problems.add(Problem.risk(risk.kind(), at.at(path + "/sandbox"), element,
                        "agent '" + a.id() + "' loosens its sandbox: " + risk.message(), ""));
            }
            checkExfiltrationRisk(a, path, element);
        }

        private void checkResources(Resources r, String path, String element) {
            if (r.memory().bytes() < DOCKER_MIN_MEMORY) {
                error(path + "/memory", element, "memory limit " + r.memory() + " is below the engine's minimum of 6Mi", null);
            }
            if (r.tmpfs().compareTo(r.memory()) > 0) {
                error(path + "/tmpfs", element, "tmpfs " + r.tmpfs() + " is larger than the memory limit "
                        + r.memory() + " it counts against", null);
            }
        }

        private void checkScope(List<String> scope, String kind, String path, String element) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < scope.size(); i++) {
                String entry = scope.get(i);
                Scope parsed = Scope.tryParse(entry).orElse(null);
                if (parsed == null) {
                    error(path + "/" + i, element, "'" + entry + "' is not a " + kind + " scope entry",
                            "write '" + kind + "'" + (kind.equals("tool") ? ", 'tool/operation' or 'tool/write'" : ""));
                    continue;
                }
                String id = parsed.toolId();
                if (!seen.add(entry)) {
                    error(path + "/" + i, element, kind + " '" + entry + "' is listed twice", null);
                } else if (!kind.equals(kindById.get(id)) && !at.declaresUnreadable(id)) {
                    String what = kindById.containsKey(id) ? "'" + id + "' is a " + kindById.get(id) + ", not a " + kind
                            : "unknown " + kind + " '" + id + "'";
                    error(path + "/" + i, element, what + " in scope", suggestion(id, idsOfKind(kind), kind + "s"));
                } else if (!parsed.isWholeTool()) {
                    checkQualifier(parsed, path + "/" + i, element);
                }
            }
        }

        /** {@code mcp-tool/name} filters an MCP server's tools; {@code files/write} and {@code sql/write} grant writes. */
        private void checkQualifier(Scope entry, String path, String element) {
            ToolType type = t.tool(entry.toolId()).map(ToolSpec::type).orElse(null);
            boolean writable = type == ToolType.FILES || type == ToolType.SQL;
            if (type != ToolType.MCP && !(writable && entry.grantsWrite())) {
                error(path, element, "'" + entry + "': only MCP tools take a '/name' filter, and only files and"
                        + " sql tools a '/write' grant", null);
            }
        }

        private void checkExfiltrationRisk(AgentSpec a, String path, String element) {
            if (!ExfiltrationRisk.combinesAll(t, a)) {
                return;
            }
            Set<String> openFetchers = new TreeSet<>();
            for (String id : ExfiltrationRisk.traits(t, a).get(ToolTrait.EXTERNAL_SEND)) {
                t.tool(id).filter(tool -> !tool.traits().contains(ToolTrait.EXTERNAL_SEND))
                        .ifPresent(tool -> openFetchers.add(tool.id()));
            }
            String hint = "split it into narrower agents joined by guarded pipes";
            if (!openFetchers.isEmpty()) {
                // The sending tool may not look like one: say why it counts and how to close it.
                hint += "; " + String.join(", ", openFetchers) + " can send through any URL on its allowlisted"
                        + " hosts: limit each entry's 'paths' and set 'query' to none or a list of names";
            }
            problems.add(Problem.risk(TopologyRisk.EXFILTRATION, at.at(path + "/tools"), element, "agent '" + a.id()
                    + "' reads untrusted content, holds private data and can send data out", hint));
        }

        private void checkPipes() {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < t.pipes().size(); i++) {
                PipeSpec p = t.pipes().get(i);
                String path = "pipes/" + i;
                String element = "pipe:" + p.id();
                checkEnd(p.from(), path + "/from", element);
                checkEnd(p.to(), path + "/to", element);
                if (p.from().equals(p.to())) {
                    error(path + "/to", element, "pipe from '" + p.from() + "' to itself", null);
                }
                String key = p.from().compareTo(p.to()) <= 0 ? p.from() + " " + p.to() : p.to() + " " + p.from();
                Integer first = seen.putIfAbsent(key, i);
                if (first != null) {
                    error(path, element, "a second pipe between '" + p.from() + "' and '" + p.to() + "'",
                            "merge them into one; use direction: both for replies");
                }
                for (int k = 0; k < p.kinds().size(); k++) {
                    if (!KIND.matcher(p.kinds().get(k)).matches()) {
                        error(path + "/kinds/" + k, element, "message kind '" + p.kinds().get(k) + "' is not a valid name",
                                "lower-case letters, digits, '.' and '-', or '*' for any");
                    }
                }
                if (p.guardrails() != null) {
                    checkGuardrailRefs(p.guardrails(), path + "/guardrails", element);
                }
            }
        }

        private void checkEnd(String end, String path, String element) {
            String kind = kindById.get(end);
            if (kind == null && at.declaresUnreadable(end)) {
                return;
            }
            if (kind == null) {
                Set<String> parties = new TreeSet<>(idsOfKind("agent"));
                parties.add(t.user().id());
                error(path, element, "pipe names unknown party '" + end + "'", suggestion(end, parties, "parties"));
            } else if (!kind.equals("agent") && !kind.equals("user")) {
                error(path, element, "pipes join agents and the user; '" + end + "' is a " + kind,
                        "give the agent the " + kind + " in its '" + kind + "s' scope instead");
            }
        }

        private void checkGuardrails() {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < t.guardrails().size(); i++) {
                GuardrailSpec g = t.guardrails().get(i);
                String path = "guardrails/" + i;
                String element = "guardrail:" + g.id();
                if (!seen.add(g.id())) {
                    error(path + "/id", element, "guardrail '" + g.id() + "' is defined twice", null);
                }
                if (g.isCustom()) {
                    if (catalog.guardrails().contains(g.id())) {
                        error(path + "/id", element, "custom guardrail '" + g.id() + "' has the name of a built-in one",
                                "rename it, or drop 'pattern' to tune the built-in");
                    }
                    try {
                        Pattern.compile(g.pattern());
                    } catch (PatternSyntaxException e) {
                        error(path + "/pattern", element, "pattern does not compile: "
                                + e.getDescription() + " near index " + e.getIndex(), null);
                    }
                } else if (!catalog.guardrails().contains(g.id())) {
                    error(path + "/id", element, "guardrail '" + g.id() + "' has no 'pattern' and is not a built-in",
                            suggestion(g.id(), catalog.guardrails(), "built-ins"));
                }
            }
        }

        private void checkDefaults() {
            checkGuardrailRefs(t.defaults().guardrails(), "defaults/guardrails", "");
            checkResources(t.defaults().resources(), "defaults/resources", "");
        }

        private void checkGuardrailRefs(List<String> refs, String path, String element) {
            Set<String> known = new TreeSet<>(catalog.guardrails());
            t.guardrails().forEach(g -> known.add(g.id()));
            for (int i = 0; i < refs.size(); i++) {
                if (!known.contains(refs.get(i))) {
                    error(path + "/" + i, element, "unknown guardrail '" + refs.get(i) + "'",
                            suggestion(refs.get(i), known, "guardrails"));
                }
            }
        }

        private void checkLayout() {
            for (String id : new TreeSet<>(t.layout().keySet())) {
                if (!kindById.containsKey(id) && !at.declaresUnreadable(id)) {
                    error("layout/" + id, "", "layout names unknown element '" + id + "'",
                            suggestion(id, kindById.keySet(), "elements"));
                }
            }
        }

        private Set<String> idsOfKind(String kind) {
            Set<String> ids = new TreeSet<>();
            kindById.forEach((id, k) -> {
                if (k.equals(kind)) {
                    ids.add(id);
                }
            });
            return ids;
        }

        private String suggestion(String word, Set<String> known, String plural) {
            String close = DidYouMean.closest(word, known);
            if (close != null) {
                return "did you mean '" + close + "'?";
            }
            return known.isEmpty() ? "none are declared" : "declared " + plural + ": " + String.join(", ", new TreeSet<>(known));
        }

        private void error(String path, String element, String message, String hint) {
            problems.add(Problem.error(at.at(path), element, message).withHint(hint));
        }
    }

    /** Sorts problems the way a reader scans a file: by line, then column. */
    public static List<Problem> inFileOrder(List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort((a, b) -> a.location().line() != b.location().line()
                ? Integer.compare(a.location().line(), b.location().line())
                : Integer.compare(a.location().column(), b.location().column()));
        return sorted;
    }
}
