package io.github.memflame.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build's label without configuration: CI's variables, then Git's files (no git binary), then the time. */
class BuildLabelTest {
    private static final String COMMIT = "4f2a9c1e0b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e";
    private static final String OTHER = "0123456789abcdef0123456789abcdef01234567";
    private static final Instant NOW = Instant.parse("2026-12-07T04:45:40.123Z");

    @TempDir
    Path project;

    @Test
    void theFirstVariableSetWins() {
        assertEquals("abc", BuildLabel.of(Map.of("CI_COMMIT_SHA", "abc", "BUILD_NUMBER", "17"), project, NOW));
        assertEquals("17", BuildLabel.of(Map.of("GITHUB_SHA", " ", "BUILD_NUMBER", "17"), project, NOW));
        assertEquals("def", BuildLabel.of(Map.of("GIT_COMMIT", "def", "BUILD_NUMBER", "17"), project, NOW));
        assertEquals("ghi", BuildLabel.of(Map.of("GITHUB_SHA", "ghi", "CI_COMMIT_SHA", "abc"), project, NOW));
    }

    @Test
    void aVariableThatHoldsNoLabelIsNamed() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> BuildLabel.of(Map.of("BUILD_NUMBER", "x".repeat(250)), project, NOW));
        assertEquals("buildLabel, taken from the environment variable BUILD_NUMBER, must be from 1 to 200 "
                + "characters without control characters, e.g. a commit hash or a tag; was '" + "x".repeat(80)
                + "...' (250 characters)", tooLong.getMessage());
        IllegalArgumentException control = assertThrows(IllegalArgumentException.class,
                () -> BuildLabel.of(Map.of("GIT_COMMIT", "4\u00072"), project, NOW));
        assertEquals("buildLabel, taken from the environment variable GIT_COMMIT, must be from 1 to 200 "
                + "characters without control characters, e.g. a commit hash or a tag; was '4\\u00072' "
                + "(3 characters)", control.getMessage());
    }

    @Test
    void aCheckWithoutHistoryNeedsNoLabel() {
        assertNull(new HistorySettings(null, HistorySettings.DEFAULT_SIZE, null, null).buildLabel());
        assertThrows(IllegalArgumentException.class,
                () -> new HistorySettings(project, HistorySettings.DEFAULT_SIZE, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new HistorySettings(null, HistorySettings.DEFAULT_SIZE, "x".repeat(201), null));
    }

    @Test
    void withoutVariablesOrGitItIsTheTime() {
        assertEquals("2026-12-07T04:45:40Z", BuildLabel.of(Map.of(), null, NOW));
    }

    @Test
    void aLooseBranchRefAboveTheModule() throws IOException {
        Path git = Files.createDirectories(project.resolve(".git/refs/heads/feature"));
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/feature/x\n");
        Files.writeString(git.resolve("x"), COMMIT + "\n");
        Path module = Files.createDirectories(project.resolve("game/client"));
        assertEquals(COMMIT, BuildLabel.of(Map.of(), module, NOW));
    }

    @Test
    void aPackedRef() throws IOException {
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(project.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
                + OTHER + " refs/heads/develop\n" + COMMIT + " refs/heads/main\n^" + OTHER + "\n");
        assertEquals(COMMIT, BuildLabel.of(Map.of(), project, NOW));
    }

    @Test
    void aDetachedHead() throws IOException {
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve(".git/HEAD"), COMMIT + "\n");
        assertEquals(COMMIT, BuildLabel.headCommit(project));
    }

    @Test
    void aWorktreeWhoseRefsAreInTheCommonDirectory() throws IOException {
        Path main = Files.createDirectories(project.resolve("main/.git/worktrees/wt"));
        Files.createDirectories(project.resolve("main/.git/refs/heads"));
        Files.writeString(project.resolve("main/.git/refs/heads/topic"), COMMIT + "\n");
        Files.writeString(main.resolve("HEAD"), "ref: refs/heads/topic\n");
        Files.writeString(main.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(project.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: ../main/.git/worktrees/wt\n");
        assertEquals(COMMIT, BuildLabel.headCommit(worktree));
    }

    @Test
    void aRefThatWouldLeaveTheGitDirectoryIsNotFollowed() throws IOException {
        Files.createDirectories(project.resolve(".git"));
        Files.writeString(project.resolve("outside"), COMMIT + "\n");
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/../../outside\n");
        assertNull(BuildLabel.headCommit(project));
        Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/none\n");
        assertNull(BuildLabel.headCommit(project));
        assertEquals("2026-12-07T04:45:40Z", BuildLabel.of(Map.of(), project, NOW));
    }
}
