package dev.airlock.core.topology;

/** Where the desktop draws an element; kept in the file so that saving and reopening gives the same drawing. */
public record Position(double x, double y) {
}
