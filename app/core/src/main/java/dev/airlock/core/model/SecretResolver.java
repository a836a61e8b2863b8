package dev.airlock.core.model;

import dev.airlock.core.topology.CredentialRef;

/** Turns a credential reference into its value inside the gate's process; values never travel further. */
@FunctionalInterface
public interface SecretResolver {

    /** @throws ModelException naming the reference (never the value) when it cannot be resolved */
    String resolve(CredentialRef ref) throws ModelException;
}
