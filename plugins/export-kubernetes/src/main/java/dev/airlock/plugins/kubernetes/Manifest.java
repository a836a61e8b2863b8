package dev.airlock.plugins.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One resource and the comment written above it (lines without the leading '#'; empty for none). */
record Manifest(HasMetadata resource, String comment) {
}
