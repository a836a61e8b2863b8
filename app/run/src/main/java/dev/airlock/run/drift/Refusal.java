package dev.airlock.run.drift;

import java.util.List;

/**
 * Every attempt of one agent that the gate refused under one rule: how many, at which targets (sorted), and the
 * first line of the events file that records one.
 */
public record Refusal(String agent, String rule, int count, List<String> targets, int firstLine) {

    public Refusal {
        targets = List.copyOf(targets);
    }
}
