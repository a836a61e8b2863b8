package dev.airlock.core.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * One way a prompt injection can walk private data out: untrusted content from {@code source} reaches the agent
 * {@code reader}, travels along pipes ({@code injection}, from reader to holder) to the agent {@code holder} that
 * reads {@code privateData}, and the data travels on ({@code exfiltration}, from holder to sender) to the agent
 * {@code sender}, which hands it to {@code sink}. The agent lists include both ends, so a single agent that combines
 * all three (the validator's EXFIL RISK) is a path whose lists are that one agent.
 */
public record ExfiltrationPath(
        String source,
        List<String> injection,
        String privateData,
        List<String> exfiltration,
        String sink) {

    public ExfiltrationPath {
        injection = List.copyOf(injection);
        exfiltration = List.copyOf(exfiltration);
    }

    public String reader() {
        return injection.getFirst();
    }

    public String holder() {
        return exfiltration.getFirst();
    }

    public String sender() {
        return exfiltration.getLast();
    }

    /** The elements in order, each once where the legs meet: source, agents, sink. */
    public List<String> elements() {
        List<String> all = new ArrayList<>();
        all.add(source);
        all.addAll(injection);
        all.addAll(exfiltration.subList(1, exfiltration.size()));
        all.add(sink);
        return all;
    }

    /** A readable step-by-step name, e.g. {@code web → researcher → planner (reads notes) → … → mailer}. */
    public String describe() {
        StringBuilder s = new StringBuilder(source);
        List<String> agents = new ArrayList<>(injection);
        agents.addAll(exfiltration.subList(1, exfiltration.size()));
        int holderAt = injection.size() - 1;
        for (int i = 0; i < agents.size(); i++) {
            s.append(" → ").append(agents.get(i));
            if (i == holderAt) {
                s.append(" (reads ").append(privateData).append(')');
            }
        }
        return s.append(" → ").append(sink).toString();
    }
}
