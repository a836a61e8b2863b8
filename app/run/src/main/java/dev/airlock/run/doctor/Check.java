package dev.airlock.run.doctor;

/**
 * One finding of {@link Doctor}: what was checked, what was found and, unless it passed, the command or step that
 * fixes it.
 */
public record Check(String name, Status status, String detail, String fix) {

    /** A warning names something that works but will cost the user later (a build at the first run, no window). */
    public enum Status { PASS, WARN, FAIL }

    static Check pass(String name, String detail) {
        return new Check(name, Status.PASS, detail, "");
    }

    static Check warn(String name, String detail, String fix) {
        return new Check(name, Status.WARN, detail, fix);
    }

    static Check fail(String name, String detail, String fix) {
        return new Check(name, Status.FAIL, detail, fix);
    }
}
