package dev.airlock.desktop.view;

import dev.airlock.desktop.Workbench;
import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.RecentFiles;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * File → Export → Kubernetes… exports the open sample with the real exporter plugin: the options reach it, the
 * directory is written, the report is shown; a directory that is not empty is refused in one line, writing nothing.
 */
@ExtendWith(ApplicationExtension.class)
class DirectoryExportFxTest {

    private static final Path SAMPLE = Path.of("../../samples/research-assistant/research-assistant.yaml")
            .toAbsolutePath().normalize();
    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-export-test/" + System.nanoTime());
    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = Workbench.create(stage, new FxBridge(), new RecentFiles(prefs), Theme.LIGHT, List.of());
        stage.show();
    }

    @AfterEach
    void cleanUp() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void exportsTheOpenSampleToKubernetesAndShowsTheReport(FxRobot robot) throws Exception {
        robot.interact(() -> window.model().open(SAMPLE, Assertions::fail));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.model().isValidated());
        MenuItem kubernetes = exportMenu().getItems().stream().filter(i -> "export-kubernetes".equals(i.getId()))
                .findFirst().orElseThrow();
        assertThat(kubernetes.getText()).isEqualTo("Kubernetes…");
        robot.interact(kubernetes::fire);

        Path out = dir.resolve("k8s");
        robot.interact(() -> {
            robot.lookup("#export-dir").queryAs(TextField.class).setText(out.toString());
            @SuppressWarnings("unchecked")
            ChoiceBox<String> sandbox = robot.lookup("#export-option-sandbox").queryAs(ChoiceBox.class);
            sandbox.setValue("agent-sandbox");
            robot.lookup("#export-option-agentic-networking").queryAs(CheckBox.class).setSelected(true);
        });
        screenshot(robot, "export-kubernetes-dialog.png");
        robot.clickOn("#export-run");
        WaitForAsyncUtils.waitForFxEvents();

        String report = robot.lookup("#export-report").queryAs(TextArea.class).getText();
        assertThat(robot.lookup("#export-error").queryAs(Label.class).getText()).isEmpty();
        assertThat(report).startsWith("Wrote the kubernetes export of research-assistant to " + out + ":")
                .contains("  agentic-networking.yaml", "Risks allowed: none.",
                        "tool:web: host 'docs.airlock.test' is enforced by the gate only");
        assertThat(Files.readString(out.resolve("agents/writer.yaml"))).contains("kind: Sandbox");
        assertThat(out.resolve("agentic-networking.yaml")).exists();
        screenshot(robot, "export-kubernetes-report.png");

        // The same directory again: not empty now, refused in one line, nothing changed.
        List<Path> before = files(out);
        robot.clickOn("#export-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#export-error").queryAs(Label.class).getText())
                .isEqualTo("Cannot write " + out + ": is not empty; choose a new or empty directory");
        assertThat(files(out)).isEqualTo(before);
    }

    private Menu exportMenu() {
        MenuBar bar = (MenuBar) window.scene().lookup("#menubar");
        return bar.getMenus().getFirst().getItems().stream().filter(Menu.class::isInstance).map(Menu.class::cast)
                .filter(m -> m.getText().equals("_Export")).findFirst().orElseThrow();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.sorted().toList();
        }
    }

    /** With -Dairlock.screenshots=DIR, the dialog as drawn, for a person to look at. */
    private static void screenshot(FxRobot robot, String name) throws IOException {
        String where = System.getProperty("airlock.screenshots");
        if (where == null) {
            return;
        }
        javafx.scene.image.WritableImage[] image = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> image[0] = robot.lookup("#export-run").query().getScene().snapshot(null));
        Files.createDirectories(Path.of(where));
        ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image[0], null), "png",
                Path.of(where, name).toFile());
    }
}
