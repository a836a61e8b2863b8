package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.audit.CaptureRecord;
import dev.airlock.gate.guard.Guardrails;

import java.util.ArrayList;
import java.util.List;

/**
 * Re-decides captured frames under another policy with the same {@link Pipeline} the live gate uses, in capture
 * order so per-pipe windows see what they saw then. Rate limits are off: replay time is not run time.
 */
public final class Replay {

    private Replay() {
    }

    public record Change(CaptureRecord record, String before, String after, String direction) {
        public String describe() {
            String kind = record.kind().isEmpty() ? "" : " [" + record.kind() + "]";
            return record.agent() + " " + record.frame() + " -> " + record.target() + kind + ": " + direction;
        }
    }

    public record Report(int replayed, int skipped, List<Change> changes) {
        public String summary() {
            long nowBlocked = changes.stream().filter(c -> c.direction().equals("now refused")).count();
            long nowAllowed = changes.stream().filter(c -> c.direction().equals("now allowed")).count();
            return replayed + " frames replayed" + (skipped > 0 ? " (" + skipped + " not re-decidable)" : "") + ": "
                    + nowBlocked + " now refused, " + nowAllowed + " now allowed, "
                    + (changes.size() - nowBlocked - nowAllowed) + " decided differently, "
                    + (replayed - changes.size()) + " unchanged";
        }
    }

    public static Report run(List<CaptureRecord> records, Topology topology) {
        Guardrails guardrails = Guardrails.forTopology(topology);
        try {
            Pipeline pipeline = new Pipeline(topology, guardrails, false);
            List<Change> changes = new ArrayList<>();
            int replayed = 0;
            int skipped = 0;
            for (CaptureRecord r : records) {
                Verdict now = decide(pipeline, r);
                if (now == null) {
                    skipped++;
                    continue;
                }
                replayed++;
                String before = r.action() + (r.rule().isEmpty() ? "" : " " + r.rule());
                String after = now.action() + (now.rule().isEmpty() ? "" : " " + now.rule());
                if (r.action() != now.action() || !r.rule().equals(now.rule())) {
                    changes.add(new Change(r, before, after, direction(r.action(), now)));
                }
            }
            return new Report(replayed, skipped, changes);
        } finally {
            guardrails.close();
        }
    }

    private static Verdict decide(Pipeline p, CaptureRecord r) {
        return switch (r.frame()) {
            case "send" -> p.send(r.agent(), r.target(), r.kind(), r.body());
            case "tool.call" -> p.toolCall(r.agent(), r.target(), r.body());
            case "tool.result" -> p.toolResult(r.agent(), r.target(), r.body());
            case "model.complete" -> p.modelRequest(r.agent(), r.target(), r.body());
            case "model.result" -> p.modelResult(r.agent(), r.target(), r.body());
            default -> null;
        };
    }

    private static String direction(GateAction before, Verdict now) {
        boolean passedThen = before.passes();
        if (passedThen && !now.passes()) {
            return "now refused";
        }
        if (!passedThen && now.passes()) {
            return "now allowed";
        }
        return "decided differently";
    }
}
