package dev.airlock.desktop.model;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Position;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.Topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layered layout that reads left to right the way messages flow: the user, then agents by their pipe distance from
 * the user, then the tools and models they hold in scope. Linear in the size of the topology, so a few hundred
 * elements lay out well within a frame.
 */
public final class AutoLayout {

    public static final double COLUMN = 240;
    public static final double ROW = 110;
    public static final double MARGIN = 40;
    private static final int MAX_ROWS = 10;

    private AutoLayout() {
    }

    /** Positions for every element; with {@code keepExisting} only elements without a position are placed. */
    public static Map<String, Position> layout(Topology t, boolean keepExisting) {
        Map<String, Integer> depth = pipeDepth(t);
        List<List<String>> columns = new ArrayList<>();
        columns.add(new ArrayList<>(List.of(t.user().id())));
        int maxDepth = 0;
        for (AgentSpec a : t.agents()) {
            maxDepth = Math.max(maxDepth, depth.getOrDefault(a.id(), 1));
        }
        for (int d = 1; d <= maxDepth; d++) {
            List<String> column = new ArrayList<>();
            for (AgentSpec a : t.agents()) {
                if (depth.getOrDefault(a.id(), 1) == d) {
                    column.add(a.id());
                }
            }
            columns.add(column);
        }
        List<String> reached = new ArrayList<>();
        t.models().stream().map(ModelSpec::id).forEach(reached::add);
        t.tools().stream().map(ToolSpec::id).forEach(reached::add);
        columns.add(reached);

        Map<String, Position> out = new LinkedHashMap<>();
        double x = MARGIN;
        for (List<String> column : columns) {
            for (int start = 0; start < column.size(); start += MAX_ROWS) {
                List<String> chunk = column.subList(start, Math.min(column.size(), start + MAX_ROWS));
                for (int row = 0; row < chunk.size(); row++) {
                    out.put(chunk.get(row), new Position(x, MARGIN + row * ROW));
                }
                x += COLUMN;
            }
            if (column.isEmpty()) {
                x += COLUMN;
            }
        }
        if (keepExisting) {
            out.keySet().removeIf(t.layout()::containsKey);
        }
        return out;
    }

    /** Breadth-first distance of each agent from the user along pipes; agents not reached sit in column 1. */
    private static Map<String, Integer> pipeDepth(Topology t) {
        Map<String, List<String>> next = new HashMap<>();
        for (PipeSpec p : t.pipes()) {
            next.computeIfAbsent(p.from(), k -> new ArrayList<>()).add(p.to());
            next.computeIfAbsent(p.to(), k -> new ArrayList<>()).add(p.from());
        }
        Map<String, Integer> depth = new HashMap<>();
        depth.put(t.user().id(), 0);
        Deque<String> queue = new ArrayDeque<>(List.of(t.user().id()));
        while (!queue.isEmpty()) {
            String id = queue.poll();
            for (String n : next.getOrDefault(id, List.of())) {
                if (!depth.containsKey(n)) {
                    depth.put(n, depth.get(id) + 1);
                    queue.add(n);
                }
            }
        }
        return depth;
    }
}
