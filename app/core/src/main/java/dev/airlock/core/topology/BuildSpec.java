package dev.airlock.core.topology;

/** An image made from an Airlock base image plus local material (a jar or a directory), built offline. */
public record BuildSpec(String base, String path) {
}
