package io.github.memflame.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The label a build's history entry carries when none is configured: the first of {@code GITHUB_SHA},
 * {@code CI_COMMIT_SHA}, {@code GIT_COMMIT}, {@code BUILD_NUMBER} that is set, else the commit {@code .git/HEAD}
 * names (read from Git's files, loose refs and {@code packed-refs}, without running git), else the time.
 */
public final class BuildLabel {
    /** The variables GitHub Actions, GitLab CI, Jenkins (Git plugin) and Jenkins set, in that order. */
    public static final List<String> VARIABLES = List.of("GITHUB_SHA", "CI_COMMIT_SHA", "GIT_COMMIT", "BUILD_NUMBER");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern REF = Pattern.compile("refs/[A-Za-z0-9._/+-]{1,200}");
    /** Git's own files are small; a larger HEAD or packed-refs is not Git's and is not read whole. */
    private static final int MAX_GIT_FILE = 16 << 20;

    private BuildLabel() {
    }

    /**
     * The label.
     *
     * @param environment the build's environment variables
     * @param projectDirectory where the search for {@code .git} starts, going up; {@code null} for none
     * @param now the time, the label when nothing else names the build
     */
    public static String of(Map<String, String> environment, Path projectDirectory, Instant now) {
        for (String variable : VARIABLES) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return HistorySettings.label("buildLabel, taken from the environment variable " + variable + ",",
                        value);
            }
        }
        String commit = projectDirectory == null ? null : headCommit(projectDirectory);
        return commit != null ? commit : now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The commit {@code HEAD} names in the repository holding {@code directory}, or {@code null} when none is found. */
    static String headCommit(Path directory) {
        for (Path at = directory.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
            Path git = at.resolve(".git");
            if (Files.isDirectory(git)) {
                return commitOf(git, git);
            }
            if (Files.isRegularFile(git)) {
                // A worktree or submodule: ".git" is a file naming the real Git directory.
                String pointer = firstLine(git);
                if (pointer == null || !pointer.startsWith("gitdir:")) {
                    return null;
                }
                Path gitDirectory = at.resolve(pointer.substring("gitdir:".length()).trim()).normalize();
                String common = firstLine(gitDirectory.resolve("commondir"));
                Path commonDirectory = common == null ? gitDirectory : gitDirectory.resolve(common).normalize();
                return commitOf(gitDirectory, commonDirectory);
            }
        }
        return null;
    }

    /** The commit of HEAD: detached, a loose ref, or a ref in packed-refs. */
    private static String commitOf(Path gitDirectory, Path commonDirectory) {
        String head = firstLine(gitDirectory.resolve("HEAD"));
        if (head == null) {
            return null;
        }
        if (COMMIT.matcher(head).matches()) {
            return head;
        }
        if (!head.startsWith("ref:")) {
            return null;
        }
        String ref = head.substring("ref:".length()).trim();
        // A ref names a file under the Git directory: only refs/... of plain characters, never "..".
        if (!REF.matcher(ref).matches() || ref.contains("..")) {
            return null;
        }
        for (Path base : List.of(gitDirectory, commonDirectory)) {
            String loose = firstLine(base.resolve(ref));
            if (loose != null && COMMIT.matcher(loose).matches()) {
                return loose;
            }
        }
        String packed = text(commonDirectory.resolve("packed-refs"));
        if (packed == null) {
            return null;
        }
        for (String line : packed.split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length == 2 && fields[1].equals(ref) && COMMIT.matcher(fields[0]).matches()) {
                return fields[0];
            }
        }
        return null;
    }

    private static String firstLine(Path file) {
        String text = text(file);
        if (text == null) {
            return null;
        }
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }

    private static String text(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_GIT_FILE + 1);
            return bytes.length > MAX_GIT_FILE ? null : new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
