package dev.airlock.core.validation;

import dev.airlock.core.problem.RiskKind;

/** Risks of how a topology combines its parts, found by the {@link TopologyValidator} rather than in one field. */
public enum TopologyRisk implements RiskKind {
    /** One agent reads untrusted content, holds private data and can send data out. */
    EXFILTRATION
}
