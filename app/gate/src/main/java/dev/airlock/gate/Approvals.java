package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.topology.GuardrailSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/** Turns a verdict that holds a frame for a human into a delivery or a block, by asking the approval handler. */
final class Approvals {

    private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);
    private static final int PREVIEW_CHARS = 300;

    private final ApprovalHandler handler;

    Approvals(ApprovalHandler handler) {
        this.handler = handler;
    }

    /** {@code v} itself unless it asks; then the human's answer, failing closed when the handler fails. */
    Verdict resolve(String agent, String target, String kind, Verdict v) {
        if (v.action() != GateAction.ASK) {
            return v;
        }
        String preview = new String(v.body(), StandardCharsets.UTF_8);
        preview = preview.length() > PREVIEW_CHARS ? preview.substring(0, PREVIEW_CHARS) + "…" : preview;
        boolean approved;
        try {
            approved = handler.approve(new ApprovalHandler.ApprovalRequest(agent, target, kind, v.rule(),
                    v.reason(), preview));
        } catch (Exception e) {
            LOG.warn("approval handler failed; refusing: {}", e.toString());
            approved = false;
        }
        if (!approved) {
            return new Verdict(GateAction.BLOCK, v.rule(), "refused by the user: " + v.reason(), null, v.findings(),
                    v.pipe());
        }
        // Approval lifts the hold, not the masking a guardrail asked for alongside it.
        boolean masked = v.findings().stream().anyMatch(f -> f.action() == GuardrailSpec.Action.MASK);
        return new Verdict(masked ? GateAction.MASK : GateAction.DELIVER, v.rule(), "approved by the user", v.body(),
                v.findings(), v.pipe());
    }
}
