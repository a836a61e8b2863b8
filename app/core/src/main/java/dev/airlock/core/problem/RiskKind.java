package dev.airlock.core.problem;

/**
 * What a risk is about, so that code can tell risks apart without reading their prose (which is for people and
 * may be reworded). Implemented by enums next to what produces the risk: {@code SandboxRisk.Kind} for loosenings
 * of one agent's sandbox, {@code TopologyRisk} for risks the validator finds in the topology as a whole.
 */
public interface RiskKind {
}
