package dev.airlock.desktop.view;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The boxes already placed on the drawing, bucketed by a coarse grid so that asking whether a box is free looks at
 * the few boxes near it. Placing hundreds of counters, each trying dozens of spots against hundreds of boxes, was
 * most of the live view's work under load when every check walked the whole list.
 */
final class FreeSpace {

    private static final double CELL = 96;

    private final Map<Long, List<Bounds>> cells = new HashMap<>();

    void take(Bounds b) {
        forCells(b, key -> {
            cells.computeIfAbsent(key, k -> new ArrayList<>(4)).add(b);
            return false;
        });
    }

    /** Frees a box given to {@link #take} (the same instance). */
    void release(Bounds b) {
        forCells(b, key -> {
            List<Bounds> near = cells.get(key);
            if (near != null) {
                near.removeIf(t -> t == b);
            }
            return false;
        });
    }

    boolean free(Bounds b) {
        return !forCells(b, key -> {
            List<Bounds> near = cells.get(key);
            if (near != null) {
                for (Bounds t : near) {
                    if (t.intersects(b)) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    /**
     * A box of this size on an edge from {x1, y1} to {x2, y2}: the first free one along it, then beside it; the one
     * in its middle when none is free.
     */
    Bounds along(double[] ends, double w, double h) {
        double dx = ends[2] - ends[0];
        double dy = ends[3] - ends[1];
        double len = Math.max(1, Math.hypot(dx, dy));
        double nx = -dy / len;
        double ny = dx / len;
        // Near the ends last: an edge that passes over a node in between is free only there.
        double[] along = {0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85, 0.1, 0.9};
        double[] beside = {0, h * 0.9, -h * 0.9, h * 1.8, -h * 1.8, h * 2.7, -h * 2.7};
        Bounds first = null;
        for (double off : beside) {
            for (double t : along) {
                double cx = ends[0] + dx * t + nx * off;
                double cy = ends[1] + dy * t + ny * off;
                Bounds b = new BoundingBox(cx - w / 2, cy - h / 2, w, h);
                if (first == null) {
                    first = b;
                }
                if (free(b)) {
                    return b;
                }
            }
        }
        return first;
    }

    private interface CellVisitor {
        /** Says whether to stop. */
        boolean visit(long key);
    }

    /** Visits the cells the box touches until the visitor says stop; says whether it did. */
    private static boolean forCells(Bounds b, CellVisitor visitor) {
        int x0 = (int) Math.floor(b.getMinX() / CELL);
        int x1 = (int) Math.floor(b.getMaxX() / CELL);
        int y0 = (int) Math.floor(b.getMinY() / CELL);
        int y1 = (int) Math.floor(b.getMaxY() / CELL);
        for (int x = x0; x <= x1; x++) {
            for (int y = y0; y <= y1; y++) {
                if (visitor.visit(((long) x << 32) ^ (y & 0xffffffffL))) {
                    return true;
                }
            }
        }
        return false;
    }
}
