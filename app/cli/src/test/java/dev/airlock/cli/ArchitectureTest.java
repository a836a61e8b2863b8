package dev.airlock.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The module boundaries of DESIGN.md, stated once and checked on every build: dependencies point down the layers
 * (the CLI and the workbench reach the gate and the sandbox only through the run engine), no two packages depend
 * on each other, core stays free of UI and container libraries, docker-java stays in the sandbox, JavaFX in the
 * desktop, and only the CLI's output layer writes to the console.
 */
class ArchitectureTest {

    private static final JavaClasses AIRLOCK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.airlock");

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("core").definedBy("dev.airlock.core..")
            .layer("gate").definedBy("dev.airlock.gate..")
            .layer("sandbox").definedBy("dev.airlock.sandbox..")
            .layer("agent-sdk").definedBy("dev.airlock.sdk..")
            .layer("run").definedBy("dev.airlock.run..")
            .layer("bench").definedBy("dev.airlock.bench..")
            .layer("desktop").definedBy("dev.airlock.desktop..")
            .layer("cli").definedBy("dev.airlock.cli..")
            .layer("plugins").definedBy("dev.airlock.plugins..")
            .whereLayer("core").mayNotAccessAnyLayer()
            .whereLayer("agent-sdk").mayNotAccessAnyLayer()
            .whereLayer("gate").mayOnlyBeAccessedByLayers("run", "bench")
            .whereLayer("sandbox").mayOnlyBeAccessedByLayers("run", "bench")
            .whereLayer("run").mayOnlyBeAccessedByLayers("desktop", "cli", "bench")
            .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("desktop").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("plugins").mayNotBeAccessedByAnyLayer()
            .as("core <- gate, sandbox <- run <- desktop, cli; plugins only through core's SPIs");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.airlock.(**)").should().beFreeOfCycles()
            .as("no two packages depend on each other");

    static final ArchRule CORE_IS_PLAIN = noClasses().that().resideInAPackage("dev.airlock.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.github.dockerjava..", "org.controlsfx..")
            .as("core imports neither JavaFX nor docker-java");

    static final ArchRule DOCKER_ONLY_IN_SANDBOX = noClasses().that().resideOutsideOfPackage("dev.airlock.sandbox..")
            .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
            .as("only the sandbox imports docker-java");

    static final ArchRule JAVAFX_ONLY_IN_DESKTOP = noClasses().that().resideOutsideOfPackage("dev.airlock.desktop..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
            .as("only the desktop imports JavaFX");

    static final ArchRule ONE_BRIDGE_TO_THE_FX_THREAD = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.airlock.desktop.fx.FxBridge")
            .should().dependOnClassesThat().haveFullyQualifiedName("javafx.application.Platform")
            .as("only FxBridge hands work to the JavaFX thread");

    static final ArchRule CONSOLE_ONLY_IN_OUTPUT = noClasses().that().doNotHaveFullyQualifiedName(Output.class.getName())
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace")
            .as("only the CLI's output layer writes to the console");

    @Test
    void coreIsPlain() {
        assertThat(AIRLOCK.containPackage("dev.airlock.core.topology")).isTrue();
        CORE_IS_PLAIN.check(AIRLOCK);
    }

    @Test
    void dependenciesPointDownTheLayers() {
        assertThat(AIRLOCK.containPackage("dev.airlock.run")).isTrue();
        LAYERS.check(AIRLOCK);
    }

    @Test
    void packagesAreFreeOfCycles() {
        NO_PACKAGE_CYCLES.check(AIRLOCK);
    }

    @Test
    void dockerOnlyInSandbox() {
        DOCKER_ONLY_IN_SANDBOX.check(AIRLOCK);
    }

    @Test
    void javafxOnlyInDesktop() {
        JAVAFX_ONLY_IN_DESKTOP.check(AIRLOCK);
    }

    @Test
    void oneBridgeToTheFxThread() {
        ONE_BRIDGE_TO_THE_FX_THREAD.check(AIRLOCK);
    }

    @Test
    void consoleOnlyInOutput() {
        CONSOLE_ONLY_IN_OUTPUT.check(AIRLOCK);
    }

    /** The rules are not vacuous: a core class that imports JavaFX, and one that prints, are caught. */
    @Test
    void rulesCatchViolations() {
        JavaClasses offenders = new ClassFileImporter().importClasses(
                dev.airlock.core.archfixture.CoreClassUsingJavaFx.class,
                dev.airlock.core.archfixture.CoreClassPrinting.class);
        assertThatThrownBy(() -> CORE_IS_PLAIN.check(offenders))
                .hasMessageContaining("CoreClassUsingJavaFx").hasMessageContaining("javafx.scene.paint.Color");
        assertThatThrownBy(() -> JAVAFX_ONLY_IN_DESKTOP.check(offenders)).hasMessageContaining("CoreClassUsingJavaFx");
        assertThatThrownBy(() -> CONSOLE_ONLY_IN_OUTPUT.check(offenders)).hasMessageContaining("CoreClassPrinting");
    }

    /** A desktop class that reaches into the gate breaks the layers; two packages that use each other, a cycle. */
    @Test
    void layerAndCycleRulesCatchViolations() {
        JavaClasses offenders = new ClassFileImporter().importClasses(
                dev.airlock.desktop.archfixture.DesktopReachingIntoTheGate.class,
                dev.airlock.gate.Gate.class,
                dev.airlock.run.archfixture.ping.Ping.class,
                dev.airlock.run.archfixture.pong.Pong.class);
        assertThatThrownBy(() -> LAYERS.check(offenders))
                .hasMessageContaining("DesktopReachingIntoTheGate").hasMessageContaining("dev.airlock.gate.Gate");
        assertThatThrownBy(() -> NO_PACKAGE_CYCLES.check(offenders))
                .hasMessageContaining("archfixture.ping").hasMessageContaining("archfixture.pong");
    }
}
