package io.github.memflame.check;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a project keeps its committed baseline, and whether this run accepts its figures as the new one.
 *
 * @param directory the baseline directory ({@code baselineDirectory}): what a growth failure says to commit, and
 *                  where an accepting run writes its figures
 * @param accept whether this run's figures become the baseline ({@code -Dmemflame.updateBaseline}): growth limits
 *               then do not fail the build, every budget's {@code max} still does, and a run that passes writes the
 *               baseline as {@code memflame:baseline} does
 */
public record BaselineUpdate(Path directory, boolean accept) {

    public BaselineUpdate {
        Objects.requireNonNull(directory, "directory");
    }

    /** The line that ends every growth failure: how to accept the growth, and what to commit then. */
    public String howToAccept() {
        return "To accept this growth as the new baseline: mvn verify -Dmemflame.updateBaseline, then commit "
                + directory;
    }
}
