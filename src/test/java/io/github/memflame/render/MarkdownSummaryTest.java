package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownSummaryTest {
    @TempDir
    Path temp;

    @Test
    void withoutBaselineTheTableHasTheFiguresAndTheWorstComesFirst() {
        assertEquals("""
                ## \u274c memflame: FAILED

                5 budget checks: 1 failed, 2 with a warning, 1 unmatched, 1 passed \u00b7 2 snapshots, 5.8 MiB traced

                | Path | Scope | Snapshot | Actual | Limit | Status |
                |---|---|---|--:|--:|---|
                | `client/ui` | inclusive | `sub/dir/scene 1#menu.pickle` | 4.8 MiB | 3.8 MiB | \u274c **exceeded** |
                | `(whole snapshot)` | self | `scene-2-battle.pickle` | 1004.3 KiB | 1.0 MiB | \u26a0\ufe0f nearly used |
                | `engine/render` | self | `scene-2-battle.pickle` | 180.6 KiB | 97.7 KiB | \u26a0\ufe0f exceeded (level warn) |
                | `clinet/net` | self | `scene-2-battle.pickle` | 0 B | 1000 B | \u274c **unmatched** |
                | `client/controller` | self | `scene-2-battle.pickle` | 530.7 KiB | 20.0 MiB | \u2705 ok |
                """, MarkdownSummary.text(CiResults.withoutBaseline()));
    }

    @Test
    void withABaselineTheTableHasBeforeAfterAndDeltaAndTheLinesThatGrewFollow() {
        assertEquals("""
                ## \u274c memflame: FAILED

                3 budget checks: 2 failed, 0 with a warning, 0 unmatched, 1 passed \u00b7 2 snapshots, 5.8 MiB traced \
                \u00b7 1 unreadable dump left out

                | Path | Scope | Snapshot | Before | After | Delta | Limit | Max growth | Status |
                |---|---|---|--:|--:|--:|--:|--:|---|
                | `client/controller` | inclusive | `scene-2-battle.pickle` | 390.6 KiB | 530.7 KiB | +140.1 KiB, +35.9% \
                | 20.0 MiB | 10% (39.1 KiB) | \u274c **growth exceeded** |
                | `client/ui` | inclusive | `sub/dir/scene 1#menu.pickle` | \u2014 | 4.8 MiB | \u2014 | 3.8 MiB | \u2014 \
                | \u274c **exceeded** |
                | `client/ui` | self | `sub/dir/scene 1#menu.pickle` | 3.0 MiB | 2.9 MiB | -97.7 KiB, -3.2% | 3.8 MiB \
                | 1 MiB | \u2705 ok |

                ### Since baseline

                **`scene-2-battle.pickle`**: 883.8 KiB \u2192 1004.3 KiB (+120.5 KiB, +13.6%)

                | Line | Before | After | Delta |
                |---|--:|--:|--:|
                | `client/controller/input.py:7` | 237.7 KiB | 335.4 KiB | +97.7 KiB |
                | `client/controller/battle.py:60` | 152.9 KiB | 195.3 KiB | +42.4 KiB |
                | `engine/render/mesh.py:121` | 97.7 KiB | 83.0 KiB | -14.7 KiB |
                | `client/ui/old.py:3` | 4.9 KiB | 0 B | -4.9 KiB |

                ### Unreadable dumps

                Left out of every total and budget (failOnUnreadable is false):

                - **`broken.pickle`**: `broken.pickle: at byte 12: expected a pickle opcode, found 0xff`
                """, MarkdownSummary.text(CiResults.withBaseline()));
    }

    @Test
    void aPassingCheckWithoutBudgetsSaysSo() {
        assertEquals("""
                ## \u2705 memflame: PASSED

                0 budget checks: 0 failed, 0 with a warning, 0 unmatched, 0 passed \u00b7 1 snapshot, 1004.3 KiB traced

                No budgets are configured.
                """, MarkdownSummary.text(new CheckReport(true, List.of(Reports.report(CiResults.BATTLE)), List.of(),
                List.of())));
    }

    /**
     * Names from dumps are code spans: they cannot open markup, a link (autolinks included: rendered by a real GFM
     * renderer in {@code MarkdownRenderedTest}), a cell or a line of their own; they read as they are.
     */
    @Test
    void untrustedNamesAreCodeSpansThatShowThemAsTheyAre() {
        assertEquals("``a\\|b `c` *d* _e_ [x](javascript:y) <img src=x> &amp; ~~s~~ $m$ \\ www.x.y f g"
                        + "\uFFFD\uFFFD[31m \uFFFD\uFFFD``",
                MarkdownSummary.code("a|b `c` *d* _e_ [x](javascript:y) <img src=x> &amp; ~~s~~ $m$ \\ www.x.y f\ng"
                        + "\u0000\u001b[31m\t\u009b\ud800", true));
        assertEquals("`a|b x@y.py`", MarkdownSummary.code("a|b x@y.py", false));
        assertEquals("`` `x` ``", MarkdownSummary.code("`x`", false));
        assertEquals("```` ```x ````", MarkdownSummary.code("```x", false));
        assertEquals("`  a  `", MarkdownSummary.code(" a ", false));
        assertEquals("` `", MarkdownSummary.code(" ", false));
        assertEquals("`\\u202Eyp.png \\u2066x\\u2069`", MarkdownSummary.code("\u202Eyp.png \u2066x\u2069", false));
        Budget budget = new Budget("client|</td>\n# heading", 1, "1 B", Scope.SELF, null);
        String md = MarkdownSummary.text(new CheckReport(true, List.of(), List.of(
                new BudgetResult(budget, "x|y.pickle", 1, BudgetStatus.OK, List.of())), List.of()));
        assertEquals("| `client\\|</td> # heading` | self | `x\\|y.pickle` | 1 B | 1 B | \u2705 ok |",
                md.lines().toList().get(6));
        assertEquals(7, md.lines().count());
    }

    @Test
    void theStepSummaryIsAppendedToWhatOtherStepsWrote() throws Exception {
        Path summary = temp.resolve("step_summary_abc");
        Files.writeString(summary, "## Tests\n\n42 passed\n");
        CheckReport report = CiResults.withoutBaseline();
        MarkdownSummary.appendTo(summary, report);
        assertEquals("## Tests\n\n42 passed\n\n" + MarkdownSummary.text(report),
                Files.readString(summary, StandardCharsets.UTF_8));
        MarkdownSummary.appendTo(summary, report);
        assertEquals("## Tests\n\n42 passed\n\n" + MarkdownSummary.text(report) + "\n" + MarkdownSummary.text(report),
                Files.readString(summary, StandardCharsets.UTF_8));
    }

    @Test
    void aMissingStepSummaryFileIsCreated() throws Exception {
        Path summary = temp.resolve("step_summary_new");
        MarkdownSummary.appendTo(summary, CiResults.withBaseline());
        assertEquals(MarkdownSummary.text(CiResults.withBaseline()), Files.readString(summary));
    }
}
