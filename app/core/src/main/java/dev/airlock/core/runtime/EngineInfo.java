package dev.airlock.core.runtime;

/** The engine a runtime talks to, and the pipe transport chosen for it. */
public record EngineInfo(String endpoint, String name, String version, String os, PipeMode pipeMode) {
}
