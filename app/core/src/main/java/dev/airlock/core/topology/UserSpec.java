package dev.airlock.core.topology;

/** The human the whole system acts for; agents' tokens carry this identity in their delegation chain. */
public record UserSpec(String id, String displayName) {
    public static final UserSpec DEFAULT = new UserSpec("user", "");

    public UserSpec {
        displayName = displayName == null ? "" : displayName;
    }

    public UserSpec withId(String id) {
        return new UserSpec(id, displayName);
    }

    public UserSpec withDisplayName(String displayName) {
        return new UserSpec(id, displayName);
    }
}
