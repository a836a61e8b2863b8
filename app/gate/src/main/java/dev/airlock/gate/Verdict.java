package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.gate.guard.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline decided about one frame before delivery. {@code action} {@link GateAction#ERROR} means the
 * frame itself was unusable (bad UTF-8, bad shape); {@code rule} names the rule behind anything but a plain
 * delivery, {@code body} is what would be delivered.
 */
public record Verdict(GateAction action, String rule, String reason, byte[] body, List<Finding> findings,
                      String pipe) {

    public Verdict {
        findings = List.copyOf(findings);
        pipe = pipe == null ? "" : pipe;
    }

    static Verdict deliver(byte[] body, String pipe) {
        return new Verdict(GateAction.DELIVER, "", "", body, List.of(), pipe);
    }

    static Verdict block(String rule, String reason, String pipe) {
        return new Verdict(GateAction.BLOCK, rule, reason, null, List.of(), pipe);
    }

    static Verdict error(String code, String reason) {
        return new Verdict(GateAction.ERROR, code, reason, null, List.of(), "");
    }

    public boolean passes() {
        return action.passes();
    }

    public List<String> findingRules() {
        return findings.stream().map(Finding::rule).distinct().toList();
    }

    /** The rules that fired on a request and then on its result, each once, in that order. */
    static List<String> mergedFindingRules(Verdict request, Verdict result) {
        List<String> all = new ArrayList<>(request.findingRules());
        result.findingRules().stream().filter(r -> !all.contains(r)).forEach(all::add);
        return all;
    }
}
