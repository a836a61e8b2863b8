package dev.airlock.gate;

import dev.airlock.gate.guard.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline decided about one frame before delivery. {@code action} is one of {@link #DELIVER},
 * {@link #MASK}, {@link #ASK}, {@link #BLOCK} or {@link #ERROR} (the frame itself was unusable: bad UTF-8, bad
 * shape); {@code rule} names the rule behind anything but a plain delivery, {@code body} is what would be delivered.
 */
public record Verdict(String action, String rule, String reason, byte[] body, List<Finding> findings, String pipe) {

    public static final String DELIVER = "deliver";
    public static final String MASK = "mask";
    public static final String ASK = "ask";
    public static final String BLOCK = "block";
    public static final String ERROR = "error";

    public Verdict {
        findings = List.copyOf(findings);
        pipe = pipe == null ? "" : pipe;
    }

    static Verdict deliver(byte[] body, String pipe) {
        return new Verdict(DELIVER, "", "", body, List.of(), pipe);
    }

    static Verdict block(String rule, String reason, String pipe) {
        return new Verdict(BLOCK, rule, reason, null, List.of(), pipe);
    }

    static Verdict error(String code, String reason) {
        return new Verdict(ERROR, code, reason, null, List.of(), "");
    }

    public boolean passes() {
        return action.equals(DELIVER) || action.equals(MASK);
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
