package dev.airlock.gate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.GuardrailSpec.Action;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.guard.Finding;
import dev.airlock.gate.guard.Guardrails;
import dev.airlock.gate.guard.Scan;
import dev.airlock.gate.guard.SlidingWindow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy half of the gate: pathway, scope, size and content decisions for one frame, with no I/O. The live
 * gate and {@code airlock replay} both decide through it, so a replay shows exactly what the gate would do.
 * Thread-safe; per-pipe state (rate buckets, sliding windows) lives here.
 */
public final class Pipeline {

    private static final JsonFactory JSON = new JsonFactory();
    /** {@code tool} or {@code tool/operation}; nothing that could be read as a path. */
    private static final java.util.regex.Pattern TOOL_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}(?:/[A-Za-z0-9_][A-Za-z0-9_-]{0,63})?");

    private final Topology topology;
    private final Guardrails guardrails;
    private final boolean rateLimits;
    private final Map<String, TokenBucket> pipeBuckets = new ConcurrentHashMap<>();
    private final Map<String, SlidingWindow> windows = new ConcurrentHashMap<>();
    private final List<String> toolArgumentGuards;
    private final List<String> toolResultGuards;
    private final List<String> modelRequestGuards;
    private final List<String> modelResultGuards;
    private final Set<String> names;
    private final Map<String, List<Scope>> toolScopes;

    public Pipeline(Topology topology, Guardrails guardrails, boolean rateLimits) {
        this.topology = topology;
        this.guardrails = guardrails;
        this.rateLimits = rateLimits;
        List<String> defaults = topology.defaults().guardrails();
        this.toolArgumentGuards = plus(defaults, "sql-injection");
        this.toolResultGuards = plus(defaults, "prompt-injection");
        this.modelRequestGuards = defaults;
        this.modelResultGuards = plus(defaults, "prompt-injection");
        this.names = names(topology);
        this.toolScopes = toolScopes(topology);
    }

    /**
     * A header string an agent chose ({@code to}, {@code kind}, {@code tool}, {@code model}) as it may appear in
     * reasons, events and the audit log: only names the topology itself declares are echoed, anything else is
     * {@code ?}, so a header cannot smuggle content into a record.
     */
    public String recordable(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        return names.contains(s) ? s : "?";
    }

    private static Set<String> names(Topology t) {
        Set<String> names = new java.util.HashSet<>();
        t.elementIds().forEach(names::add);
        t.agents().forEach(a -> names.addAll(a.tools()));
        t.pipes().forEach(p -> names.addAll(p.kinds()));
        names.addAll(PipeSpec.DEFAULT_KINDS);
        return Set.copyOf(names);
    }

    private static List<String> plus(List<String> base, String extra) {
        Set<String> s = new LinkedHashSet<>(base);
        s.add(extra);
        return List.copyOf(s);
    }

    public Topology topology() {
        return topology;
    }

    public Guardrails guardrails() {
        return guardrails;
    }

    /** An agent-to-agent (or user) message on a declared pipe. */
    public Verdict send(String sender, String to, String kind, byte[] body) {
        if (to == null || to.isEmpty()) {
            return Verdict.error("bad_header", "send needs a \"to\"");
        }
        PipeSpec pipe = declaredPipe(sender, to, kind);
        if (pipe == null) {
            return refusedPathway(sender, to, kind);
        }
        String pipeId = pipe.id();
        if (rateLimits && !pipeBuckets.computeIfAbsent(pipeId, k -> new TokenBucket(
                pipe.effectiveRate(topology.defaults()), System.nanoTime())).tryTake(System.nanoTime())) {
            return Verdict.block("rate.pipe", "pipe " + pipeId + " is over its rate", pipeId);
        }
        long max = pipe.effectiveMaxFrame(topology.defaults()).bytes();
        if (body.length > max) {
            return Verdict.block("pipe.max-frame", "message of " + body.length + " bytes exceeds the pipe's limit of "
                    + max, pipeId);
        }
        List<String> guards = pipe.effectiveGuardrails(topology.defaults());
        return guard(body, guards, sender + "->" + to, pipeId, true);
    }

    private PipeSpec declaredPipe(String sender, String to, String kind) {
        for (PipeSpec p : topology.pipes()) {
            if (p.allows(sender, to, kind)) {
                return p;
            }
        }
        return null;
    }

    private Verdict refusedPathway(String sender, String to, String kind) {
        boolean known = to.equals(topology.user().id()) || topology.agent(to).isPresent();
        if (!known) {
            return Verdict.block("pathway.unknown-peer", "no agent or user named " + recordable(to), "");
        }
        Optional<PipeSpec> connecting = topology.pipes().stream().filter(p -> p.connects(sender, to)).findFirst();
        if (connecting.isEmpty()) {
            return Verdict.block("pathway.undeclared", "no pipe between " + sender + " and " + to, "");
        }
        PipeSpec p = connecting.get();
        boolean directionOk = p.from().equals(sender) || p.direction() == PipeSpec.Direction.BOTH;
        if (!directionOk) {
            return Verdict.block("pathway.direction", "pipe " + p.id() + " does not carry messages from " + sender,
                    p.id());
        }
        return Verdict.block("pathway.kind", "pipe " + p.id() + " does not carry kind \"" + recordable(kind) + "\" (allowed: "
                + String.join(", ", p.kinds()) + ")", p.id());
    }

    /** Whether {@code agent} may call the tool named {@code name} ({@code tool} or {@code tool/operation}). */
    public Optional<ToolSpec> toolInScope(String agent, String name) {
        if (name == null || !TOOL_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Scope call = Scope.parse(name);
        Optional<ToolSpec> tool = topology.tool(call.toolId());
        return tool.filter(t -> toolScopeOf(agent).stream()
                .anyMatch(entry -> entry.covers(call, t.type())));
    }

    public Optional<ModelSpec> modelInScope(String agent, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return topology.agent(agent).filter(a -> a.models().contains(name)).flatMap(a -> topology.model(name));
    }

    /**
     * The tool names an agent sees: exactly its scope, nothing else exists for it. A write grant is listed as the
     * tool it grants ({@code notes/write} as {@code notes}): the agent calls the tool, which reads the grant.
     */
    public List<String> toolsOf(String agent) {
        return toolScopeOf(agent).stream()
                .flatMap(entry -> topology.tool(entry.toolId()).map(spec -> writeGrant(entry, spec) ? spec.id()
                        : entry.toString()).stream())
                .toList();
    }

    /** The agent's tool scope entries, parsed. */
    public List<Scope> toolScopeOf(String agent) {
        return toolScopes.getOrDefault(agent, List.of());
    }

    private static boolean writeGrant(Scope entry, ToolSpec spec) {
        return entry.grantsWrite() && (spec.type() == ToolType.FILES || spec.type() == ToolType.SQL);
    }

    /** Each agent's tool scope, parsed once; an entry that does not parse grants nothing. */
    private static Map<String, List<Scope>> toolScopes(Topology t) {
        Map<String, List<Scope>> scopes = new HashMap<>();
        for (AgentSpec a : t.agents()) {
            scopes.put(a.id(), a.tools().stream().flatMap(e -> Scope.tryParse(e).stream()).toList());
        }
        return Map.copyOf(scopes);
    }

    public List<String> modelsOf(String agent) {
        return topology.agent(agent).map(AgentSpec::models).orElse(List.of());
    }

    /** Peers an agent may send at least one kind of message to. */
    public List<String> peersOf(String agent) {
        List<String> peers = new ArrayList<>();
        for (PipeSpec p : topology.pipes()) {
            String other = p.from().equals(agent) ? p.to()
                    : p.direction() == PipeSpec.Direction.BOTH && p.to().equals(agent) ? p.from() : null;
            if (other != null && !peers.contains(other)) {
                peers.add(other);
            }
        }
        return peers;
    }

    public Verdict toolCall(String agent, String name, byte[] arguments) {
        Optional<ToolSpec> tool = toolInScope(agent, name);
        if (tool.isEmpty()) {
            return Verdict.block("scope.tool", "tool " + recordable(name) + " is not in " + agent + "'s scope", "");
        }
        byte[] unescaped = unescapedJson(arguments);
        if (unescaped == null) {
            return Verdict.error("bad_body", "tool.call arguments must be a JSON value");
        }
        Verdict v = guard(unescaped, toolArgumentGuards, agent + "->tool:" + name, "", false);
        if (v.passes() && tool.get().approval() == ToolSpec.Approval.REQUIRED) {
            return new Verdict(GateAction.ASK, "tool.approval", "tool " + name + " requires approval", v.body(),
                    v.findings(), "");
        }
        return v;
    }

    public Verdict toolResult(String agent, String name, byte[] result) {
        return guard(result, toolResultGuards, "tool:" + name + "->" + agent, "", false);
    }

    public Verdict modelRequest(String agent, String model, byte[] body) {
        if (modelInScope(agent, model).isEmpty()) {
            return Verdict.block("scope.model", "model " + recordable(model) + " is not in " + agent + "'s scope", "");
        }
        if (!isJson(body)) {
            return Verdict.error("bad_body", "model.complete body must be JSON");
        }
        return guard(body, modelRequestGuards, agent + "->model:" + model, "", false);
    }

    public Verdict modelResult(String agent, String model, byte[] body) {
        return guard(body, modelResultGuards, "model:" + model + "->" + agent, "", false);
    }

    private Verdict guard(byte[] body, List<String> guards, String windowKey, String pipe, boolean useWindow) {
        if (guards.isEmpty()) {
            return validUtf8(body) ? Verdict.deliver(body, pipe) : Verdict.error("bad_utf8", "body is not valid UTF-8");
        }
        String text = strictUtf8(body);
        if (text == null) {
            return Verdict.error("bad_utf8", "body is not valid UTF-8");
        }
        Scan scan;
        if (useWindow) {
            SlidingWindow window = windows.computeIfAbsent(windowKey, k -> new SlidingWindow());
            synchronized (window) {
                scan = guardrails.scan(text, guards, window);
                if (scan.action() == Action.ALLOW || scan.action() == Action.MASK) {
                    window.push(Guardrails.forWindow(text, scan.findings()));
                }
            }
        } else {
            scan = guardrails.scan(text, guards);
        }
        return toVerdict(scan, body, pipe);
    }

    private static Verdict toVerdict(Scan scan, byte[] original, String pipe) {
        Finding deciding = scan.deciding();
        return switch (scan.action()) {
            case ALLOW -> new Verdict(GateAction.DELIVER, "", "", original, scan.findings(), pipe);
            case MASK -> new Verdict(GateAction.MASK, deciding.rule(), "masked " + describe(scan),
                    scan.text().getBytes(StandardCharsets.UTF_8), scan.findings(), pipe);
            case ASK -> new Verdict(GateAction.ASK, deciding.rule(), "needs approval: " + describe(scan),
                    scan.text().getBytes(StandardCharsets.UTF_8), scan.findings(), pipe);
            case BLOCK -> new Verdict(GateAction.BLOCK, deciding.rule(), "blocked: " + describe(scan), null,
                    scan.findings(), pipe);
        };
    }

    private static String describe(Scan scan) {
        return String.join(", ", scan.findings().stream()
                .filter(f -> f.action() != Action.ALLOW)
                .map(f -> f.rule() + (f.step().equals("raw") ? "" : " (via " + f.step() + ")"))
                .distinct().toList());
    }

    /** The UTF-8 check without building the text, for pipes whose content nobody reads. */
    static boolean validUtf8(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return strictUtf8(body) != null;
            }
        }
        return true;
    }

    static String strictUtf8(byte[] body) {
        // The JDK decodes ASCII with a vectorized intrinsic. One char per byte and no replacement character (a
        // Latin-1 string answers that at once) means every byte was ASCII, which is valid UTF-8.
        String lenient = new String(body, StandardCharsets.UTF_8);
        if (lenient.length() == body.length && lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The same JSON value with string escapes undone ({@code \u0020} becomes a space): the tool reads the value, not
     * its spelling, so the guard must read it too, and the tool is handed exactly the text that was guarded.
     * Null when the body is not one JSON value.
     */
    static byte[] unescapedJson(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        try (JsonParser p = JSON.createParser(body); JsonGenerator g = JSON.createGenerator(out)) {
            if (p.nextToken() == null) {
                return null;
            }
            // Event by event, as only events have an exact copy: a number keeps its spelling.
            g.copyCurrentEventExact(p);
            while (!p.getParsingContext().inRoot()) {
                p.nextToken();
                g.copyCurrentEventExact(p);
            }
            if (p.nextToken() != null) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return out.toByteArray();
    }

    static boolean isJson(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
