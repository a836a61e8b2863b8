package dev.airlock.desktop.replay;

import dev.airlock.desktop.events.EventRow;
import dev.airlock.run.inspect.CaptureReplay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a replay marks on the canvas: per node or edge, how many decisions would change, from what to what. */
final class ReplayMarks {

    private ReplayMarks() {
    }

    /**
     * One badge per canvas key, e.g. {@code 2× deliver → block scope.tool}, one line per kind of change, counting
     * only changes up to {@code upToSeq} (the timeline's position).
     */
    static Map<String, String> badges(List<CaptureReplay.Change> changes, Map<Long, EventRow> rows, long upToSeq,
                                      Function<EventRow, String> canvasKey) {
        Map<String, Map<String, Integer>> byKey = new TreeMap<>();
        for (CaptureReplay.Change c : changes) {
            EventRow row = rows.get(c.seq());
            if (row == null || c.seq() > upToSeq) {
                continue;
            }
            String key = canvasKey.apply(row);
            if (!key.isEmpty()) {
                byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(transition(c), 1, Integer::sum);
            }
        }
        Map<String, String> badges = new LinkedHashMap<>();
        byKey.forEach((key, counts) -> badges.put(key, counts.entrySet().stream()
                .map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining("\n"))));
        return badges;
    }

    static String transition(CaptureReplay.Change c) {
        return c.before() + " → " + c.after();
    }
}
