package dev.airlock.core.topology.io;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.AllowEntry;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.Defaults;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.Named;
import dev.airlock.core.topology.PathGlob;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Position;
import dev.airlock.core.topology.Rate;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.RestartPolicy;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.UserSpec;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a topology as YAML that diffs well: a fixed key order, defaults left out, short lists of words in flow
 * style, layout last. Writing what was read gives the same file again; see the round-trip tests.
 */
public final class TopologyWriter {

    private TopologyWriter() {
    }

    public static String toYaml(Topology t) {
        Map_ root = new Map_();
        root.put("apiVersion", Topology.API_VERSION);
        root.put("kind", Topology.KIND);
        Map_ meta = new Map_().put("name", t.name()).putIfText("description", t.description());
        root.put("metadata", meta);
        if (!t.user().equals(UserSpec.DEFAULT)) {
            root.put("user", new Map_().put("id", t.user().id()).putIfText("displayName", t.user().displayName()));
        }
        if (!t.defaults().equals(Defaults.HARDENED)) {
            root.put("defaults", defaults(t.defaults()));
        }
        root.putList("models", t.models().stream().map(TopologyWriter::model).toList());
        root.putList("tools", t.tools().stream().map(TopologyWriter::tool).toList());
        root.putList("agents", t.agents().stream().map(TopologyWriter::agent).toList());
        root.putList("pipes", t.pipes().stream().map(TopologyWriter::pipe).toList());
        root.putList("guardrails", t.guardrails().stream().map(TopologyWriter::guardrail).toList());
        if (!t.layout().isEmpty()) {
            Map_ layout = new Map_();
            t.elementIds().filter(t.layout()::containsKey).forEach(id -> layout.put(id, position(t.layout().get(id))));
            new TreeMap<>(t.layout()).forEach((id, p) -> layout.putIfAbsentKey(id, position(p)));
            root.put("layout", layout);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        options.setSplitLines(false);
        StringWriter out = new StringWriter();
        new Yaml(options).serialize(root.node(), out);
        return out.toString();
    }

    /** Writes atomically: a failure leaves the previous file as it was, never a half-written one. */
    public static void write(Topology t, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, toYaml(t));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Map_ defaults(Defaults d) {
        Map_ m = new Map_();
        if (!d.resources().equals(Defaults.HARDENED.resources())) {
            m.put("resources", resources(d.resources()));
        }
        if (!d.rate().equals(Defaults.HARDENED.rate())) {
            m.put("rate", rate(d.rate()));
        }
        if (!d.maxFrame().equals(Defaults.HARDENED.maxFrame())) {
            m.put("maxFrame", d.maxFrame().toString());
        }
        if (!d.guardrails().equals(Defaults.HARDENED.guardrails())) {
            m.putWords("guardrails", d.guardrails(), true);
        }
        return m;
    }

    private static Map_ resources(Resources r) {
        Map_ m = new Map_().inlineIfShort();
        if (r.memory() != null) {
            m.put("memory", r.memory().toString());
        }
        if (r.cpus() > 0) {
            m.putNumber("cpus", r.cpus());
        }
        if (r.pids() > 0) {
            m.putNumber("pids", r.pids());
        }
        if (r.tmpfs() != null) {
            m.put("tmpfs", r.tmpfs().toString());
        }
        return m;
    }

    private static Map_ rate(Rate r) {
        return new Map_().inlineIfShort().putNumber("perSecond", r.perSecond()).putNumber("burst", r.burst());
    }

    private static Map_ model(ModelSpec m) {
        Map_ out = new Map_().put("id", m.id()).put("backend", m.backend())
                .putIfSet("model", m.model()).putIfSet("endpoint", m.endpoint());
        if (m.credential() != null) {
            out.put("credential", new Map_().inlineIfShort().putIfSet("env", m.credential().env()).putIfSet("file", m.credential().file()));
        }
        return out.putStrings("options", m.options());
    }

    private static Map_ tool(ToolSpec t) {
        Map_ out = new Map_().put("id", t.id()).putIfText("description", t.description()).put("type", t.type().text())
                .putIfSet("image", t.image()).putWords("command", t.command(), false);
        if (t.allow().stream().allMatch(AllowEntry::isHostOnly)) {
            out.putWords("allow", t.allow().stream().map(AllowEntry::host).toList(), false);
        } else {
            out.putNodes("allow", t.allow().stream().map(TopologyWriter::allowEntry).toList());
        }
        if (t.approval() != ToolSpec.Approval.NEVER) {
            out.put("approval", t.approval().text());
        }
        List<String> traits = t.traits().stream().sorted(Comparator.comparing(Enum::ordinal)).map(Named::text).toList();
        return out.putWords("traits", traits, false).putStrings("options", t.options());
    }

    /** A host-only entry stays a word; one with limits is a map, its default query ({@code any}) left out. */
    private static Node allowEntry(AllowEntry e) {
        if (e.isHostOnly()) {
            return Map_.text(e.host());
        }
        Map_ m = new Map_().put("host", e.host()).putWords("paths", e.paths().stream().map(PathGlob::text).toList(), false);
        if (!e.query().any()) {
            if (e.query().names().isEmpty()) {
                m.put("query", "none");
            } else {
                m.putWords("query", e.query().names(), true);
            }
        }
        return m.node();
    }

    private static Map_ agent(AgentSpec a) {
        Map_ out = new Map_().put("id", a.id()).putIfText("description", a.description()).putIfSet("image", a.image());
        if (a.build() != null) {
            out.put("build", new Map_().inlineIfShort().putIfSet("base", a.build().base()).putIfSet("path", a.build().path()));
        }
        out.putWords("command", a.command(), false).putStrings("env", a.env());
        if (a.resources() != null) {
            out.put("resources", resources(a.resources()));
        }
        out.putWords("models", a.models(), false).putWords("tools", a.tools(), false);
        if (!a.sandbox().isEmpty()) {
            SandboxOverrides s = a.sandbox();
            Map_ sandbox = new Map_().putIfSet("network", s.network());
            if (s.readOnlyRoot() != null) {
                sandbox.putBoolean("readOnlyRoot", s.readOnlyRoot());
            }
            sandbox.putIfSet("user", s.user()).putWords("capAdd", s.capAdd(), false);
            if (s.noNewPrivileges() != null) {
                sandbox.putBoolean("noNewPrivileges", s.noNewPrivileges());
            }
            out.put("sandbox", sandbox.putIfSet("seccomp", s.seccomp() == null ? null : s.seccomp().text()));
        }
        if (!a.restart().equals(RestartPolicy.NEVER)) {
            out.put("restart", new Map_().inlineIfShort().put("policy", a.restart().mode().text())
                    .putNumber("maxRestarts", a.restart().maxRestarts()));
        }
        return out;
    }

    private static Map_ pipe(PipeSpec p) {
        Map_ out = new Map_().put("from", p.from()).put("to", p.to());
        if (p.direction() != PipeSpec.Direction.FORWARD) {
            out.put("direction", p.direction().text());
        }
        if (!p.kinds().equals(PipeSpec.DEFAULT_KINDS)) {
            out.putWords("kinds", p.kinds(), false);
        }
        if (p.guardrails() != null) {
            out.putWords("guardrails", p.guardrails(), true);
        }
        if (p.rate() != null) {
            out.put("rate", rate(p.rate()));
        }
        if (p.maxFrame() != null) {
            out.put("maxFrame", p.maxFrame().toString());
        }
        return out;
    }

    private static Map_ guardrail(GuardrailSpec g) {
        Map_ out = new Map_().put("id", g.id()).putIfText("description", g.description())
                .putIfSet("pattern", g.pattern()).put("action", g.action().text());
        if (g.mask() != GuardrailSpec.Mask.PARTIAL) {
            out.put("mask", g.mask().text());
        }
        return out;
    }

    private static Map_ position(Position p) {
        return new Map_().inlineIfShort().putNumber("x", p.x()).putNumber("y", p.y());
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%s", d);
    }

    /** A YAML mapping under construction, in insertion order. */
    private static final class Map_ {
        private static final int INLINE_WIDTH = 60;
        private final List<NodeTuple> tuples = new ArrayList<>();
        private boolean inline;

        /** Small value maps (sizes, rates, positions) read best on one line: {@code {x: 40, y: 160}}. */
        Map_ inlineIfShort() {
            inline = true;
            return this;
        }

        Map_ put(String key, String value) {
            tuples.add(new NodeTuple(text(key), text(value)));
            return this;
        }

        Map_ put(String key, Map_ value) {
            tuples.add(new NodeTuple(text(key), value.node()));
            return this;
        }

        Map_ putIfAbsentKey(String key, Map_ value) {
            boolean present = tuples.stream().anyMatch(t -> ((ScalarNode) t.getKeyNode()).getValue().equals(key));
            return present ? this : put(key, value);
        }

        Map_ putIfSet(String key, String value) {
            return value == null ? this : put(key, value);
        }

        Map_ putIfText(String key, String value) {
            return value == null || value.isEmpty() ? this : put(key, value);
        }

        Map_ putNumber(String key, double value) {
            tuples.add(new NodeTuple(text(key), new ScalarNode(value == Math.rint(value) ? Tag.INT : Tag.FLOAT,
                    number(value), null, null, DumperOptions.ScalarStyle.PLAIN)));
            return this;
        }

        Map_ putBoolean(String key, boolean value) {
            tuples.add(new NodeTuple(text(key), new ScalarNode(Tag.BOOL, Boolean.toString(value), null, null,
                    DumperOptions.ScalarStyle.PLAIN)));
            return this;
        }

        /** A list of words; written inline like {@code [a, b]}. {@code keepEmpty} writes {@code []}. */
        Map_ putWords(String key, List<String> words, boolean keepEmpty) {
            if (words.isEmpty() && !keepEmpty) {
                return this;
            }
            List<Node> items = words.stream().map(Map_::text).map(Node.class::cast).toList();
            tuples.add(new NodeTuple(text(key), new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.FLOW)));
            return this;
        }

        /** A list of words and maps, one per line. */
        Map_ putNodes(String key, List<Node> items) {
            tuples.add(new NodeTuple(text(key), new SequenceNode(Tag.SEQ, items, DumperOptions.FlowStyle.BLOCK)));
            return this;
        }

        Map_ putStrings(String key, Map<String, String> values) {
            if (values.isEmpty()) {
                return this;
            }
            Map_ m = new Map_().inlineIfShort();
            new TreeMap<>(values).forEach(m::put);
            return put(key, m);
        }

        void putList(String key, List<Map_> items) {
            if (items.isEmpty()) {
                return;
            }
            List<Node> nodes = items.stream().map(Map_::node).toList();
            tuples.add(new NodeTuple(text(key), new SequenceNode(Tag.SEQ, nodes, DumperOptions.FlowStyle.BLOCK)));
        }

        Node node() {
            boolean flat = inline && tuples.stream().allMatch(t -> t.getValueNode() instanceof ScalarNode)
                    && tuples.stream().mapToInt(t -> ((ScalarNode) t.getKeyNode()).getValue().length()
                    + ((ScalarNode) t.getValueNode()).getValue().length() + 4).sum() <= INLINE_WIDTH;
            return new MappingNode(Tag.MAP, tuples, flat ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
        }

        private static ScalarNode text(String value) {
            // Plain style where the text would read back as the same text; quoted otherwise.
            return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
        }
    }
}
