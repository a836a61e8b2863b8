package dev.airlock.plugins.threatmodel;

import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.validation.ExfiltrationPath;
import dev.airlock.plugins.threatmodel.ThreatModel.PathFinding;
import dev.airlock.plugins.threatmodel.ThreatModel.Status;
import dev.airlock.plugins.threatmodel.ThreatModel.Step;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks each exfiltration path step by step and says what the policy does at each. A path counts as mitigated only
 * when a person approves every call of its sink; guardrails for private data (pii, secrets) on the way out make it
 * partly mitigated, since they block only the forms they know. Guardrails against prompt injection do not count
 * towards the path: an injection that gets past them is exactly what the path is about.
 */
final class PathAnalysis {

    static final List<String> DATA_GUARDS = List.of("pii", "secrets");
    static final String INJECTION_GUARD = "prompt-injection";

    private final Exposure exposure;

    PathAnalysis(Exposure exposure) {
        this.exposure = exposure;
    }

    List<PathFinding> all() {
        return exposure.paths.stream().map(this::walk).toList();
    }

    PathFinding walk(ExfiltrationPath path) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(path.source(), path.source() + " returns untrusted content to " + path.reader(),
                Status.PARTIAL, "tool results pass the prompt-injection guardrail, which blocks the forms it knows"));
        List<String> in = path.injection();
        for (int i = 1; i < in.size(); i++) {
            steps.add(hop(in.get(i - 1), in.get(i), "the injected instruction", List.of(INJECTION_GUARD)));
        }
        steps.add(new Step(path.holder(), path.holder() + " reads private data from " + path.privateData(),
                Status.OPEN, path.privateData() + " is in " + path.holder() + "'s tool scope"));
        List<String> out = path.exfiltration();
        boolean guardedOnTheWayOut = false;
        for (int i = 1; i < out.size(); i++) {
            Step hop = hop(out.get(i - 1), out.get(i), "the data", DATA_GUARDS);
            guardedOnTheWayOut |= hop.status() != Status.OPEN;
            steps.add(hop);
        }
        ToolSpec sink = exposure.topology.tool(path.sink()).orElseThrow();
        boolean approved = sink.approval() == ToolSpec.Approval.REQUIRED;
        steps.add(new Step(path.sink(), path.sender() + " sends it out through " + path.sink(),
                approved ? Status.MITIGATED : Status.OPEN, approved
                        ? "every call of " + path.sink() + " waits for a person's approval"
                        : sink.traits().contains(ToolTrait.EXTERNAL_SEND) ? path.sink() + " sends without a person's approval"
                        : path.sink() + "'s allowlist leaves the URL open after the host, and no person approves the calls"));
        Status status = approved ? Status.MITIGATED : guardedOnTheWayOut ? Status.PARTIAL : Status.OPEN;
        String mitigation = switch (status) {
            case MITIGATED -> "A person approves every call of " + path.sink() + ", so nothing leaves unseen.";
            case PARTIAL -> "Guardrails on the way out block the private-data forms they know; set approval: required"
                    + " on " + path.sink() + " or cut a pipe on the path to close it.";
            case OPEN -> out.size() == 1 && in.size() == 1
                    ? "Nothing stops it: set approval: required on " + path.sink() + ", or split " + path.holder()
                    + " so that no agent reads untrusted content, holds " + path.privateData() + " and reaches "
                    + path.sink() + " together."
                    : "Nothing on the way stops it: set approval: required on " + path.sink() + ", add the pii and"
                    + " secrets guardrails to the pipes on the path, or cut one of them.";
        };
        return new PathFinding(path, steps, status, mitigation);
    }

    private Step hop(String from, String to, String what, List<String> guards) {
        PipeSpec pipe = exposure.pipe(from, to).orElseThrow();
        List<String> present = exposure.guardrails(pipe).stream().filter(guards::contains).toList();
        String on = "pipe " + pipe.id();
        if (present.isEmpty()) {
            return new Step(to, from + " passes " + what + " to " + to + " on " + on, Status.OPEN,
                    "no " + String.join(" or ", guards) + " guardrail on " + on);
        }
        boolean several = present.size() > 1;
        return new Step(to, from + " passes " + what + " to " + to + " on " + on, Status.PARTIAL,
                String.join(" and ", present) + (several ? " guardrails on " : " guardrail on ") + on
                        + (several ? " block" : " blocks") + " the forms they know");
    }
}
