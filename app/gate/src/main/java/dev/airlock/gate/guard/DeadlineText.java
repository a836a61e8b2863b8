package dev.airlock.gate.guard;

/**
 * A text that refuses to be read past a deadline. Java's regex engine cannot be interrupted, but it reads through
 * {@link #charAt}; a topology's own pattern with catastrophic backtracking therefore stops instead of pinning a
 * gate thread.
 */
final class DeadlineText implements CharSequence {

    static final class Expired extends RuntimeException {
        Expired() {
            super("regex deadline passed", null, false, false);
        }
    }

    private final CharSequence text;
    private final long deadline;
    private int reads;

    DeadlineText(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadline = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 0xFFF) == 0 && System.nanoTime() > deadline) {
            throw new Expired();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new DeadlineText(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
