package dev.airlock.core.topology;

import java.util.regex.Pattern;

/**
 * The grammar of a container image reference ({@code [registry[:port]/]path[:tag][@digest]}, lower-case path), so
 * that a topology naming something that cannot be an image fails validation, not the run.
 */
public final class ImageReference {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)"
            + "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?";
    private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT
            + ")*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");
    /** The engine's own limit on a repository name. */
    private static final int MAX_NAME = 255;

    private ImageReference() {
    }

    public static boolean isValid(String reference) {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            return false;
        }
        int end = reference.indexOf('@');
        String name = end < 0 ? reference : reference.substring(0, end);
        int tag = name.lastIndexOf(':');
        if (tag > name.lastIndexOf('/')) {
            name = name.substring(0, tag);
        }
        return name.length() <= MAX_NAME;
    }
}
