package dev.airlock.run.drift;

import java.util.List;

/**
 * What a recorded run did against what its topology allows: the attempts refused (by agent, then rule), the
 * allowances nothing used (in file order), and notes on what the events cannot tell.
 */
public record Drift(List<Refusal> refusals, List<Allowance> unused, List<String> notes) {

    public Drift {
        refusals = List.copyOf(refusals);
        unused = List.copyOf(unused);
        notes = List.copyOf(notes);
    }

    /** Whether observed and desired agree: nothing refused, nothing unused. Notes are not drift. */
    public boolean none() {
        return refusals.isEmpty() && unused.isEmpty();
    }

    public List<Allowance> removable() {
        return unused.stream().filter(Allowance::removable).toList();
    }
}
