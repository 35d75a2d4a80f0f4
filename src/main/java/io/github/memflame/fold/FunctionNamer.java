package io.github.memflame.fold;

/**
 * Names the function enclosing a normalized site, e.g. from the game's sources. Asked once per distinct site of
 * a snapshot ({@link FoldedSnapshot#withFunctionNames}).
 */
@FunctionalInterface
public interface FunctionNamer {

    /**
     * @param path the normalized path
     * @param line the line, 0 when unknown
     * @return the qualified name, e.g. {@code BattleController.spawn_wave}, or {@code null} when it cannot be known
     */
    String functionAt(String path, int line);
}
