package dev.airlock.desktop;

import dev.airlock.desktop.fx.FxBridge;
import dev.airlock.desktop.model.RecentFiles;
import dev.airlock.desktop.view.Theme;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import static org.assertj.core.api.Assertions.assertThat;

/** Help → Plugins lists the catalog the palette and validation use, as {@code airlock plugins} does. */
@ExtendWith(ApplicationExtension.class)
class PluginsDialogFxTest {

    private final Preferences prefs = Preferences.userRoot().node("dev/airlock/desktop-plugins-test/" + System.nanoTime());

    @Start
    void start(Stage stage) {
        Workbench.create(stage, new FxBridge(), new RecentFiles(prefs), Theme.LIGHT, List.of());
        stage.show();
    }

    @AfterEach
    void cleanUp() throws BackingStoreException {
        prefs.removeNode();
    }

    @Test
    void helpPluginsListsTheBundledProviders(FxRobot robot) {
        robot.clickOn("Help");
        robot.clickOn("#menu-plugins");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> lines = robot.lookup("#plugins-content").queryAs(javafx.scene.layout.VBox.class).getChildren()
                .stream().map(n -> ((Label) n).getText().strip()).toList();
        assertThat(lines).contains("Bundled", "guardrails pii, prompt-injection, secrets, sql-injection",
                "model backend scripted", "tool type http.fetch", "Plugin folder: none");
        Node dialog = robot.lookup("#plugins-dialog").query();
        assertThat(dialog.isVisible()).isTrue();
        robot.clickOn("Close");
    }
}
