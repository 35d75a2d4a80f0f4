package io.github.memflame.summary;

/**
 * A dump that could not be read and was left out because {@code failOnUnreadable} is false; reports list it
 * so that a smaller total never goes unexplained.
 *
 * @param name the dump's name relative to the snapshot directory
 * @param error why it could not be read: position, what was expected, what was found
 */
public record UnreadableSnapshot(String name, String error) {

    /** The warning that says it was left out, as the CI log and the JUnit report give it. */
    public String warning() {
        return "Memory snapshot " + name + " is unreadable and left out of every total and budget "
                + "(failOnUnreadable is false): " + error;
    }
}
