package dev.airlock.desktop.view;

import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.shape.Rectangle;

/**
 * The kernel's refusals on an agent's node: a red halo around the node and a badge on its top-right corner with
 * how many times the kernel said no ("Read-only file system", "Operation not permitted", ...). They are the blocks a
 * hostile agent meets below the gate, so they belong on the agent itself rather than on any edge.
 */
final class RefusalHalo {

    /** The gap between the node's border and the inside of the ring: the ring never covers the node. */
    private static final double GAP = 3;

    final Rectangle halo = new Rectangle();
    final Label badge = new Label();
    private boolean styled;

    RefusalHalo(String agent) {
        halo.getStyleClass().add("live-refusal-halo");
        halo.setId("live-halo-" + agent);
        halo.setMouseTransparent(true);
        halo.setArcWidth(26);
        halo.setArcHeight(26);
        // A bitmap of its own, copied in every frame the dots around it repaint instead of stroked again.
        halo.setCache(true);
        badge.getStyleClass().add("live-refusal-badge");
        badge.setId("live-refusals-" + agent);
        badge.setMouseTransparent(true);
        badge.setCache(true);
        show(0);
    }

    /** The halo and the badge, hidden while the kernel has refused nothing. */
    void show(long refusals) {
        halo.setVisible(refusals > 0);
        badge.setVisible(refusals > 0);
        badge.setText("⛔ " + refusals);
    }

    boolean shown() {
        return badge.isVisible();
    }

    /** Around {@code node}, the badge straddling its top-right corner. */
    void place(Bounds node) {
        ring(node);
        if (!styled) {
            // Once: applying CSS again re-resolves every style of the badge, which each re-layout of the overlay did.
            badge.applyCss();
            styled = true;
        }
        badge.autosize();
        badge.relocate(node.getMaxX() - badge.getWidth() * 0.6, node.getMinY() - badge.getHeight() * 0.55);
    }

    /** The halo alone around {@code node}: the badge is placed with the labels, once they are in the scene. */
    void ring(Bounds node) {
        halo.setX(node.getMinX() - GAP);
        halo.setY(node.getMinY() - GAP);
        halo.setWidth(node.getWidth() + 2 * GAP);
        halo.setHeight(node.getHeight() + 2 * GAP);
    }
}
