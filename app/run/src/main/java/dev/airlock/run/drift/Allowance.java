package dev.airlock.run.drift;

import dev.airlock.core.problem.Location;

/**
 * One thing a topology allows: a pipe, an entry of an agent's tool or model scope, or an entry of a tool's egress
 * allowlist.
 *
 * @param owner     the agent that holds the scope, the tool that holds the allowlist, or empty for a pipe
 * @param entry     the entry as the file writes it ({@code helpdesk/create_ticket}, {@code user<->analyst})
 * @param path      where it sits in the document, keys and list indexes ({@code agents/1/tools/0}, {@code pipes/2})
 * @param location  where the file writes it
 * @param removable whether {@code policy suggest} removes it; an allowlist entry stays, since the events do not
 *                  record which URLs were fetched and an http.fetch tool needs at least one (a tool nothing called
 *                  loses the scopes on it instead)
 */
public record Allowance(Kind kind, String owner, String entry, String path, Location location, boolean removable) {

    public enum Kind {
        PIPE("pipe"), TOOL_SCOPE("tool scope"), MODEL_SCOPE("model scope"), EGRESS("egress");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** How a person reads it: {@code analyst: web}, or the pipe's id. */
    public String describe() {
        return owner.isEmpty() ? entry : owner + ": " + entry;
    }
}
