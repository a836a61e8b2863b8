package dev.airlock.desktop.view;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

/**
 * Where the bottom panels sit. Drawing, the panels sit under the canvas and the properties keep the window's full
 * height (long forms); with the Events tab in front they span the window's width instead, because at 1440 px the
 * events table and its details pane need all of it to read in full, and they get at least 45% of the height.
 */
final class PanelLayout {

    /** The divider between drawing and panels, at most, while the events show. */
    static final double EVENTS_DIVIDER = 0.55;
    private static final double DEFAULT_DIVIDER = 0.70;
    private static final double PROPERTIES_DIVIDER = 0.73;

    private final BorderPane host;
    private final Node drawing;
    private final Node properties;
    private final TabPane panels;
    private SplitPane vertical;
    private boolean wide;

    PanelLayout(BorderPane host, Node drawing, Node properties, TabPane panels) {
        this.host = host;
        this.drawing = drawing;
        this.properties = properties;
        this.panels = panels;
        SplitPane.setResizableWithParent(properties, false);
        SplitPane.setResizableWithParent(panels, false);
        arrange(false, DEFAULT_DIVIDER);
        panels.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> follow(now));
    }

    /** Gives the panels at least {@code 1 - divider} of the height, e.g. for a replay read in the table. */
    void raisePanels(double divider) {
        if (vertical.getDividerPositions()[0] > divider) {
            vertical.setDividerPositions(divider);
        }
    }

    /** Whether the panels span the window's width now. */
    boolean wide() {
        return wide;
    }

    private void follow(Tab tab) {
        boolean events = tab != null && "Events".equals(tab.getText());
        if (events != wide) {
            arrange(events, vertical.getDividerPositions()[0]);
        }
        if (events) {
            raisePanels(EVENTS_DIVIDER);
        }
    }

    /** Rebuilds the splits around the same nodes, keeping the height the user gave the panels. */
    private void arrange(boolean spanWidth, double divider) {
        if (vertical != null) {
            vertical.getItems().clear();
            host.setCenter(null);
        }
        SplitPane vertical = new SplitPane();
        vertical.setOrientation(Orientation.VERTICAL);
        SplitPane across;
        if (spanWidth) {
            across = new SplitPane(drawing, properties);
            vertical.getItems().addAll(across, panels);
            host.setCenter(vertical);
        } else {
            vertical.getItems().addAll(drawing, panels);
            across = new SplitPane(vertical, properties);
            host.setCenter(across);
        }
        across.setDividerPositions(PROPERTIES_DIVIDER);
        vertical.setDividerPositions(divider);
        this.vertical = vertical;
        this.wide = spanWidth;
    }
}
