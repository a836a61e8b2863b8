package dev.airlock.sandbox.images;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;

/**
 * An agent's own classes on top of {@code airlock/agent-java}: one small layer, so that building it is quick and
 * the runtime and SDK layers are shared by every agent.
 */
public final class AgentLayerImage implements ImageRecipe {

    private final String tag;
    private final String base;
    private final Map<String, byte[]> classes;

    public AgentLayerImage(String tag, String base, Map<String, byte[]> classes) {
        this.tag = tag;
        this.base = base;
        this.classes = classes;
    }

    @Override
    public String tag() {
        return tag;
    }

    @Override
    public String inputsHash() {
        MessageDigest d = Material.sha256();
        Material.add(d, base);
        classes.forEach((name, bytes) -> {
            Material.add(d, name);
            d.update(bytes);
        });
        return Material.hex(d);
    }

    @Override
    public BuildContext context(Path work, ImageBuilder.Progress progress) throws IOException {
        return new BuildContext()
                .text("Dockerfile", 0644, "FROM " + base + "\nCOPY opt/ /opt/\n")
                .directory("opt", 0755)
                .directory("opt/airlock", 0755)
                .directory("opt/airlock/agent", 0755)
                .file("opt/airlock/agent/agent.jar", 0644, ClassJar.jar(classes));
    }
}
