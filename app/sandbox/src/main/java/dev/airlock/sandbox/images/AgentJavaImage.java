package dev.airlock.sandbox.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code airlock/agent-java}: a jlink'd runtime of the running JDK with its JVM options linked in and a CDS archive
 * which, from JDK 25 on, a training run during the build turns into an ahead-of-time cache (faster JVM start); the
 * glibc pieces it links against found with {@code ldd}; and the agent SDK jar. No registry, no distribution packages.
 */
public final class AgentJavaImage implements ImageRecipe {

    public static final String TAG = "airlock/agent-java";
    static final List<String> MODULES = List.of("java.base", "java.logging");
    /**
     * Linked into the runtime ({@code jlink --add-options}) rather than set in the environment: they apply to every
     * java an agent starts, and the launcher prints nothing about them. They favour a fast start in a small
     * compartment; the JVM's own notes go to stderr, never to stdout, which may be the agent's pipe.
     */
    static final String JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k "
            + "-XX:MaxRAMPercentage=70 -Xlog:all=warning:stderr";
    static final String SDK_JAR = "opt/airlock/lib/airlock-agent-sdk.jar";
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    /**
     * Set by the installed app's launcher to the agent runtime linked when the app was packaged: the app's own
     * runtime is itself a jlink image, from which jlink cannot link another.
     */
    public static final String PRELINKED_PROPERTY = "airlock.agentRuntime";

    private final Path javaHome;
    private final Map<String, byte[]> sdkClasses;
    private final boolean prelinked;

    public AgentJavaImage(Path javaHome, Map<String, byte[]> sdkClasses) {
        this(javaHome, sdkClasses, false);
    }

    private AgentJavaImage(Path javaHome, Map<String, byte[]> sdkClasses, boolean prelinked) {
        this.javaHome = javaHome;
        this.sdkClasses = sdkClasses;
        this.prelinked = prelinked;
    }

    /** The running JDK (or the installed app's prelinked agent runtime) and the SDK classes on the class path. */
    public static AgentJavaImage fromThisProcess() throws IOException {
        Map<String, byte[]> sdk = ClassJar.entries(dev.airlock.sdk.Agent.class, "dev/airlock/sdk/");
        String prelinked = System.getProperty(PRELINKED_PROPERTY);
        if (prelinked != null && !prelinked.isBlank()) {
            return new AgentJavaImage(Path.of(prelinked), sdk, true);
        }
        return new AgentJavaImage(Path.of(System.getProperty("java.home")), sdk);
    }

    /** Links the agents' runtime from the JDK at {@code jdkHome} into {@code out}, as an image build would. */
    public static void link(Path jdkHome, Path out) throws IOException {
        Path jlink = jdkHome.resolve("bin/jlink");
        if (!Files.isExecutable(jlink)) {
            throw new IOException("no jlink at " + jlink + ": run Airlock with a JDK (21+), not a JRE");
        }
        run(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug",
                "--no-man-pages", "--no-header-files", "--add-options=" + JVM_OPTIONS, "--output",
                out.toString()));
        run(List.of(out.resolve("bin/java").toString(), "-Xshare:dump", "-XX:+UseSerialGC"));
    }

    /** Packaging step: {@code java -cp airlock.jar dev.airlock.sandbox.images.AgentJavaImage OUT}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: AgentJavaImage OUT_DIR");
        }
        link(Path.of(System.getProperty("java.home")), Path.of(args[0]));
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
        Material.add(d, String.join("\n", ldd(List.of(javaHome.resolve("bin/java")))));
        sdkClasses.forEach((name, bytes) -> {
            Material.add(d, name);
            d.update(bytes);
        });
        d.update(Material.bytes(dockerfile()));
        d.update(Material.bytes("common/passwd"));
        d.update(Material.bytes("common/group"));
        return Material.hex(d);
    }

    @Override
    public BuildContext context(Path work, ImageBuilder.Progress progress) throws IOException {
        Path runtime = javaHome;
        if (!prelinked) {
            runtime = work.resolve("java");
            progress.step("linking a Java runtime (" + String.join(", ", MODULES) + ") with jlink, and its "
                    + "class-data sharing archive");
            link(javaHome, runtime);
        }
        progress.step("collecting the C libraries the runtime links against");
        BuildContext ctx = new BuildContext()
                .file("Dockerfile", 0644, Material.bytes(dockerfile()))
                .directory("etc", 0755)
                .file("etc/passwd", 0644, Material.bytes("common/passwd"))
                .file("etc/group", 0644, Material.bytes("common/group"))
                .directory("tmp", 01777)
                .directory("run/airlock", 0755)
                .directory("opt", 0755)
                .tree("opt/java", runtime)
                .directory("opt/airlock", 0755)
                .directory("opt/airlock/lib", 0755)
                .directory("opt/airlock/agent", 0755)
                .file(SDK_JAR, 0644, ClassJar.jar(sdkClasses));
        return withLibraries(ctx, runtime);
    }

    /** Adds the C libraries (and loader) that {@code runtime}'s java and its own libraries link against. */
    static BuildContext withLibraries(BuildContext ctx, Path runtime) throws IOException {
        List<Path> binaries = new ArrayList<>();
        binaries.add(runtime.resolve("bin/java"));
        try (Stream<Path> libs = Files.walk(runtime.resolve("lib"))) {
            libs.filter(p -> p.toString().endsWith(".so")).forEach(binaries::add);
        }
        Set<String> dirs = new LinkedHashSet<>();
        for (String lib : ldd(binaries)) {
            if (lib.startsWith(runtime.toString())) {
                continue;
            }
            Path p = Path.of(lib);
            for (Path parent = p.getParent(); parent != null && parent.getParent() != null;
                 parent = parent.getParent()) {
                dirs.add(parent.toString().substring(1));
            }
            ctx.copy(lib.substring(1), 0755, p);
        }
        dirs.forEach(dir -> ctx.directory(dir, 0755));
        return ctx;
    }

    /** JDK 25 makes an ahead-of-time cache in one training run ({@code -XX:AOTCacheOutput}); older ones cannot. */
    private String dockerfile() throws IOException {
        return featureVersion(Files.readString(javaHome.resolve("release"))) >= 25 ? "agent-java/Dockerfile"
                : "agent-java/Dockerfile.cds";
    }

    public static int featureVersion(String release) {
        Matcher m = JAVA_VERSION.matcher(release);
        if (!m.find()) {
            return 0;
        }
        return Integer.parseInt(m.group(1));
    }

    /** Absolute paths of the shared libraries (and the loader) the binaries need, as ldd resolves them. */
    static List<String> ldd(List<Path> binaries) throws IOException {
        Set<String> libs = new LinkedHashSet<>();
        for (Path binary : binaries) {
            String out = run(List.of("ldd", binary.toString()));
            for (String line : out.lines().toList()) {
                Matcher m = LDD_PATH.matcher(line.strip());
                if (m.find()) {
                    libs.add(m.group(1));
                }
            }
        }
        return libs.stream().sorted().toList();
    }

    static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            int code = p.waitFor();
            // ldd exits 1 for files that are not dynamic executables; those need nothing copied.
            if (code != 0 && !command.get(0).equals("ldd")) {
                throw new IOException(String.join(" ", command) + " failed (exit " + code + "): "
                        + out.lines().reduce((a, b) -> b).orElse(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
