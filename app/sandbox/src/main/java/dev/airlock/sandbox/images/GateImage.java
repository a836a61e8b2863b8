package dev.airlock.sandbox.images;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * {@code airlock/gate}: the Airlock command itself, for {@code airlock gate} as a workload (Compose, Kubernetes).
 * Built offline like {@link AgentJavaImage}: a runtime linked from the running JDK with the modules the command
 * uses (the installed app's own runtime as it is, since jlink cannot link from a linked image), the C libraries it
 * needs, and the packaged jar this process runs from (bundled plugins included). Non-root: uid:gid 1770000000.
 */
public final class GateImage implements ImageRecipe {

    public static final String TAG = "airlock/gate";
    /** What the command reaches at run time: JDK net options (peer credentials), HTTP, JSON/XML, logging. */
    static final List<String> MODULES = List.of("java.base", "java.logging", "java.naming", "java.net.http",
            "java.sql", "java.xml", "java.management", "java.desktop", "jdk.net", "jdk.unsupported");
    static final String JVM_OPTIONS = "-XX:+UseSerialGC -XX:-UsePerfData -XX:MaxRAMPercentage=70 "
            + "-Xlog:all=warning:stderr";
    static final String JAR = "opt/airlock/airlock.jar";
    static final String PASSWD_LINE = "airlock-gate:x:1770000000:1770000000:airlock gate:/tmp:/bin/false\n";
    static final String GROUP_LINE = "airlock-gate:x:1770000000:\n";

    private final Path javaHome;
    private final Path jar;

    GateImage(Path javaHome, Path jar) {
        this.javaHome = javaHome;
        this.jar = jar;
    }

    /**
     * The running Java and the jar this class was loaded from.
     *
     * @throws IOException when this process does not run from Airlock's packaged jar (e.g. from a build's class
     *                     directories), which is the only thing the image can carry
     */
    public static GateImage fromThisProcess() throws IOException {
        Path source;
        try {
            source = Path.of(GateImage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new IOException("cannot tell which jar Airlock runs from: " + e.getMessage());
        }
        if (!Files.isRegularFile(source)) {
            throw new IOException("airlock/gate carries Airlock's packaged jar, and this process runs from "
                    + source + "; build it with the packaged command (java -jar airlock.jar images build)");
        }
        return new GateImage(Path.of(System.getProperty("java.home")), source);
    }

    /** Whether this process can build the image (it runs from a packaged jar). */
    public static boolean buildableHere() {
        try {
            fromThisProcess();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String tag() {
        return TAG;
    }

    @Override
    public String inputsHash() throws IOException {
        MessageDigest d = Material.sha256();
        Material.add(d, javaHome.toRealPath().toString());
        Material.add(d, Files.readString(javaHome.resolve("release")));
        Material.add(d, String.join(",", MODULES));
        Material.add(d, JVM_OPTIONS);
        Material.add(d, String.join("\n", AgentJavaImage.ldd(List.of(javaHome.resolve("bin/java")))));
        d.update(Files.readAllBytes(jar));
        d.update(Material.bytes("gate/Dockerfile"));
        d.update(Material.bytes("common/passwd"));
        d.update(Material.bytes("common/group"));
        return Material.hex(d);
    }

    @Override
    public BuildContext context(Path work, ImageBuilder.Progress progress) throws IOException {
        Path runtime = javaHome;
        if (Files.isExecutable(javaHome.resolve("bin/jlink"))) {
            runtime = work.resolve("java");
            progress.step("linking the gate's Java runtime (" + String.join(", ", MODULES) + ") with jlink");
            AgentJavaImage.run(List.of(javaHome.resolve("bin/jlink").toString(), "--add-modules",
                    String.join(",", MODULES), "--strip-debug", "--no-man-pages", "--no-header-files",
                    "--add-options=" + JVM_OPTIONS, "--output", runtime.toString()));
        }
        progress.step("collecting the C libraries the gate's runtime links against");
        BuildContext ctx = new BuildContext()
                .file("Dockerfile", 0644, Material.bytes("gate/Dockerfile"))
                .directory("etc", 0755)
                .text("etc/passwd", 0644, Material.text("common/passwd") + PASSWD_LINE)
                .text("etc/group", 0644, Material.text("common/group") + GROUP_LINE)
                .directory("tmp", 01777)
                .directory("run/airlock", 0755)
                .directory("opt", 0755)
                .tree("opt/java", runtime)
                .directory("opt/airlock", 0755)
                .copy(JAR, 0644, jar);
        return AgentJavaImage.withLibraries(ctx, runtime);
    }
}
