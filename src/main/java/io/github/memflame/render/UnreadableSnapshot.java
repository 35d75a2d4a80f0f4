package io.github.memflame.render;

/**
 * A dump that could not be read and was left out because {@code failOnUnreadable} is false; reports list it
 * so that a smaller total never goes unexplained.
 *
 * @param name the dump's name relative to the snapshot directory
 * @param error why it could not be read: position, what was expected, what was found
 */
public record UnreadableSnapshot(String name, String error) {
}
