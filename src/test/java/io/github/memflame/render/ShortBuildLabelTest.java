package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShortBuildLabelTest {
    @Test
    void aCommitHashIsCutAsGitCutsItAndShorterLabelsStayWhole() {
        assertEquals("4f2a9c1e0b7d\u2026", ShortBuildLabel.of("4f2a9c1e0b7d3a5f6e8c9b0a1d2e3f4a5b6c7d8e"));
        assertEquals("release-1.2.3", ShortBuildLabel.of("release-1.2.3"));
        assertEquals("2026-12-07T04:45:40Z", ShortBuildLabel.of("2026-12-07T04:45:40Z"));
        assertEquals("nightly-buil\u2026", ShortBuildLabel.of("nightly-build-2026-12-07"));
    }
}
