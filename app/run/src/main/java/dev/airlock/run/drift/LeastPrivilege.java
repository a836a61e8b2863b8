package dev.airlock.run.drift;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.validation.Catalog;
import dev.airlock.core.validation.TopologyValidator;
import dev.airlock.run.RunException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Cuts allowances out of a topology's text and touches nothing else, so comments, order and layout survive and the
 * change reads as a small diff. An entry of a block list loses exactly its own lines (comments between entries
 * stay); an entry of a flow list
 * ({@code [a, b]}) loses its text and one separator; a list left empty becomes {@code []}. The result is read back
 * and must be the original topology without those entries, and valid: anything else is a bug here, never a
 * suggestion.
 */
final class LeastPrivilege {

    private record Edit(int start, int end, String replacement) {
    }

    private LeastPrivilege() {
    }

    static String apply(TopologyText source, Topology topology, List<Allowance> removals) {
        // Group by the list each entry sits in; indexes sorted so runs of neighbours are cut together.
        Map<String, TreeSet<Integer>> byList = new TreeMap<>();
        for (Allowance a : removals) {
            int slash = a.path().lastIndexOf('/');
            byList.computeIfAbsent(a.path().substring(0, slash), k -> new TreeSet<>())
                    .add(Integer.parseInt(a.path().substring(slash + 1)));
        }
        List<Edit> edits = new ArrayList<>();
        byList.forEach((list, indexes) -> edits.addAll(cut(source, list, indexes)));
        edits.sort(Comparator.comparingInt(Edit::start).reversed());
        StringBuilder text = new StringBuilder(source.text());
        for (Edit e : edits) {
            text.replace(e.start(), e.end(), e.replacement());
        }
        String suggested = text.toString();
        check(source.file(), suggested, without(topology, removals));
        return suggested;
    }

    private static List<Edit> cut(TopologyText source, String list, TreeSet<Integer> indexes) {
        Node node = source.node(list).orElseThrow(() -> source.missing(list));
        if (node.getAnchor() != null) {
            // Cutting an entry here would cut it from every list that aliases this one.
            throw new RunException(source.location(list) + ": cannot cut an unused entry out of a list shared "
                    + "through anchor '&" + node.getAnchor() + "'; remove it by hand, or write the list out in full");
        }
        if (node instanceof ScalarNode scalar) {
            // 'tools: db', a list of one written as its entry.
            return List.of(new Edit(source.offset(scalar.getStartMark()), source.offset(scalar.getEndMark()), "[]"));
        }
        List<Node> items = ((SequenceNode) node).getValue();
        if (indexes.size() == items.size()) {
            return emptied(source, list, (SequenceNode) node);
        }
        if (((SequenceNode) node).getFlowStyle() != DumperOptions.FlowStyle.FLOW) {
            return indexes.stream().map(i -> blockEntry(source, items.get(i))).toList();
        }
        List<Edit> edits = new ArrayList<>();
        for (List<Integer> run : runs(indexes)) {
            int first = run.getFirst();
            int last = run.getLast();
            // Before a kept entry: up to it, separator included. At the end: from the kept entry before it.
            edits.add(last + 1 < items.size()
                    ? new Edit(start(source, items.get(first)), start(source, items.get(last + 1)), "")
                    : new Edit(end(source, items.get(first - 1)), end(source, items.get(last)), ""));
        }
        return edits;
    }

    /** A block list's entry loses its own lines; comments between entries stay. */
    private static Edit blockEntry(TopologyText source, Node item) {
        return new Edit(lineStart(source, dashLine(source, item)), afterItemLines(source, item), "");
    }

    /** Every entry goes: a flow list keeps its brackets, a block list's entries go and its key gets {@code []}. */
    private static List<Edit> emptied(TopologyText source, String list, SequenceNode seq) {
        List<Node> items = seq.getValue();
        if (seq.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            return List.of(new Edit(start(source, items.getFirst()), end(source, items.getLast()), ""));
        }
        Node key = source.keyOf(list).orElseThrow(() -> source.missing(list));
        int colon = source.text().indexOf(':', end(source, key));
        List<Edit> edits = new ArrayList<>(items.stream().map(item -> blockEntry(source, item)).toList());
        edits.add(new Edit(colon + 1, colon + 1, " []"));
        return edits;
    }

    private static List<List<Integer>> runs(TreeSet<Integer> indexes) {
        List<List<Integer>> runs = new ArrayList<>();
        for (int i : indexes) {
            if (runs.isEmpty() || runs.getLast().getLast() != i - 1) {
                runs.add(new ArrayList<>());
            }
            runs.getLast().add(i);
        }
        return runs;
    }

    private static int start(TopologyText source, Node n) {
        return source.offset(n.getStartMark());
    }

    private static int end(TopologyText source, Node n) {
        return source.offset(n.getEndMark());
    }

    private static int lineStart(TopologyText source, int offset) {
        return source.text().lastIndexOf('\n', offset - 1) + 1;
    }

    /** Where the dash of a block list's entry is: on the entry's line, or alone on a line above it. */
    private static int dashLine(TopologyText source, Node item) {
        String text = source.text();
        int at = start(source, item);
        int dash = text.lastIndexOf('-', at - 1);
        if (dash < 0 || !text.substring(dash + 1, at).isBlank()) {
            throw new IllegalStateException(source.file() + ": no '-' before the list entry at offset " + at);
        }
        return dash;
    }

    /**
     * Where the lines of a block list's entry end: after its last line that is indented more than its dash, so
     * the entry's own comments go with it, while blank lines and anything at the dash's level (the next entry, a
     * comment about it, the next key) stay.
     */
    private static int afterItemLines(TopologyText source, Node item) {
        // Not the node's end mark: for a block mapping it lies on the next token's line, the next entry's maybe.
        String text = source.text();
        int dash = dashLine(source, item);
        int dashColumn = dash - lineStart(source, dash);
        int end = lineEnd(text, dash);
        int next = end;
        while (next < text.length()) {
            int lineEnd = lineEnd(text, next);
            String line = text.substring(next, lineEnd);
            if (!line.isBlank()) {
                int indent = line.length() - line.stripLeading().length();
                if (indent <= dashColumn) {
                    break;
                }
                end = lineEnd;
            }
            next = lineEnd;
        }
        return end;
    }

    /** The offset just past the line break of the line holding {@code offset} (or the text's end). */
    private static int lineEnd(String text, int offset) {
        int newline = text.indexOf('\n', offset);
        return newline < 0 ? text.length() : newline + 1;
    }

    private static Topology without(Topology topology, List<Allowance> removals) {
        List<String> paths = removals.stream().map(Allowance::path).toList();
        List<AgentSpec> agents = new ArrayList<>();
        for (int i = 0; i < topology.agents().size(); i++) {
            AgentSpec a = topology.agents().get(i);
            agents.add(a.withTools(kept(a.tools(), "agents/" + i + "/tools/", paths))
                    .withModels(kept(a.models(), "agents/" + i + "/models/", paths)));
        }
        List<PipeSpec> pipes = kept(topology.pipes(), "pipes/", paths);
        return topology.withAgents(agents).withPipes(pipes);
    }

    private static <T> List<T> kept(List<T> entries, String prefix, List<String> removed) {
        List<T> out = new ArrayList<>();
        for (int j = 0; j < entries.size(); j++) {
            if (!removed.contains(prefix + j)) {
                out.add(entries.get(j));
            }
        }
        return out;
    }

    private static void check(String file, String suggested, Topology expected) {
        LoadResult read = TopologyReader.parse(file, suggested.getBytes(StandardCharsets.UTF_8));
        List<Problem> problems = new ArrayList<>(read.problems());
        if (read.topology() != null) {
            problems.addAll(new TopologyValidator(Catalog.installed()).validate(read.topology(), read.sources()));
        }
        List<Problem> errors = problems.stream().filter(Problem::isError).toList();
        if (read.topology() == null || !errors.isEmpty()) {
            throw new IllegalStateException("the suggested topology does not validate: "
                    + (errors.isEmpty() ? "unreadable" : errors.getFirst().format()));
        }
        if (!read.topology().equals(expected)) {
            throw new IllegalStateException("the suggested topology is not the original less the unused entries");
        }
    }
}
