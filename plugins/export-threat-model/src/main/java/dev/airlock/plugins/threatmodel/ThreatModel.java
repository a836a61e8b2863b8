package dev.airlock.plugins.threatmodel;

import dev.airlock.core.topology.Position;
import dev.airlock.core.validation.ExfiltrationPath;

import java.util.List;

/**
 * A threat model of one topology, independent of how it is written out: elements, the flows between them, the trust
 * boundaries around them, each with its threats, and the exfiltration paths walked step by step.
 */
record ThreatModel(String name, String description, List<Element> elements, List<Flow> flows,
                   List<Boundary> boundaries, List<PathFinding> paths) {

    ThreatModel {
        elements = List.copyOf(elements);
        flows = List.copyOf(flows);
        boundaries = List.copyOf(boundaries);
        paths = List.copyOf(paths);
    }

    /** Threat Dragon's three element kinds; trust boundaries and flows are records of their own. */
    enum Kind {
        ACTOR("tm.Actor", "actor"), PROCESS("tm.Process", "process"), STORE("tm.Store", "store");

        final String tdType;
        final String tdShape;

        Kind(String tdType, String tdShape) {
            this.tdType = tdType;
            this.tdShape = tdShape;
        }
    }

    /**
     * What the policy does about a threat. {@code PARTIAL}: a control exists but catches only what it knows (a
     * guardrail's patterns), so Threat Dragon, which has no such status, shows it as Open.
     */
    enum Status {
        MITIGATED("Mitigated", "mitigated"), PARTIAL("Open", "partly mitigated"), OPEN("Open", "not mitigated");

        final String tdStatus;
        final String text;

        Status(String tdStatus, String text) {
            this.tdStatus = tdStatus;
            this.text = text;
        }
    }

    enum Severity { High, Medium, Low }

    /**
     * One threat. {@code category} is a STRIDE category ("Spoofing", ...) or an OWASP Top 10 for LLM Applications
     * (2025) entry ("LLM01 Prompt Injection", ...), and {@code method} says which.
     */
    record Threat(String method, String category, String title, String description, Status status,
                  Severity severity, String mitigation) {

        static final String STRIDE = "STRIDE";
        static final String OWASP_LLM = "OWASP LLM Top 10";
    }

    /** {@code id} is stable and unique in the model, e.g. {@code agent:researcher}. */
    record Element(String id, String name, Kind kind, String description, Position position, List<Threat> threats) {
        Element {
            threats = List.copyOf(threats);
        }
    }

    record Flow(String id, String from, String to, String name, boolean bidirectional, String description,
                List<Threat> threats) {
        Flow {
            threats = List.copyOf(threats);
        }
    }

    /** A trust boundary and the elements inside it. */
    record Boundary(String id, String name, String description, List<String> members) {
        Boundary {
            members = List.copyOf(members);
        }
    }

    /** One step of an exfiltration path: the element, what happens there, and what the policy does about it. */
    record Step(String element, String what, Status status, String control) {
    }

    record PathFinding(ExfiltrationPath path, List<Step> steps, Status status, String mitigation) {
        PathFinding {
            steps = List.copyOf(steps);
        }
    }
}
