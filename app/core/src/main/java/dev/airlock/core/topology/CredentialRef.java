package dev.airlock.core.topology;

/** Where the gate reads a secret from: an environment variable of its own process, or a file. */
public record CredentialRef(String env, String file) {

    public static CredentialRef fromEnv(String name) {
        return new CredentialRef(name, null);
    }

    public static CredentialRef fromFile(String path) {
        return new CredentialRef(null, path);
    }
}
