package dev.airlock.gate;

/**
 * Asks a human whether a held frame may pass. The CLI answers from a flag, the desktop shows a dialog. Called on
 * the asking agent's connection thread, so only that agent waits; an exception counts as a refusal.
 */
@FunctionalInterface
public interface ApprovalHandler {

    ApprovalHandler DENY_ALL = request -> false;
    ApprovalHandler APPROVE_ALL = request -> true;

    boolean approve(ApprovalRequest request) throws Exception;

    /**
     * @param preview the content as it would be delivered (already masked), cut to a few hundred characters
     */
    record ApprovalRequest(String agent, String target, String kind, String rule, String reason, String preview) {
    }
}
