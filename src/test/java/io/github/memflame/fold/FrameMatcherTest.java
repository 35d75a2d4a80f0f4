package io.github.memflame.fold;

import static io.github.memflame.fold.Stacks.stack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetChecker;
import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.BudgetResult;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order of {@link FrameMatcher}'s rules, on hand-made frames of one file {@code a.py}. */
class FrameMatcherTest {
    private static final String TEXT_A = "00000000000000aa";
    private static final String TEXT_B = "00000000000000bb";

    @Test
    void sameTextInTheSameFunctionWinsOverTheSamePlace() {
        // The line with text A moved from 10 to 14; line 10 now holds other text at A's old place.
        FoldedSnapshot before = identified(Map.of(site(10), new FrameIdentity("f", 2, TEXT_A)),
                stack(100, site(10)));
        FoldedSnapshot now = identified(Map.of(site(14), new FrameIdentity("f", 6, TEXT_A),
                site(10), new FrameIdentity("f", 2, TEXT_B)), stack(100, site(14)), stack(5, site(10)));

        FoldedSnapshot aligned = FrameMatcher.align(now, before);
        assertEquals(List.of(new SiteChange("a.py:10", null, 0, 5), new SiteChange("a.py:14", null, 100, 100, 10)),
                SiteChanges.of(now, aligned).stream().sorted((x, y) -> x.site().compareTo(y.site())).toList());
    }

    @Test
    void aRepeatedTextFallsBackToThePlaceInTheFunction() {
        FoldedSnapshot before = identified(Map.of(site(10), new FrameIdentity("f", 2, null)), stack(7, site(10)));
        FoldedSnapshot now = identified(Map.of(site(13), new FrameIdentity("f", 2, null)), stack(7, site(13)));
        assertEquals(List.of(new SiteChange("a.py:13", null, 7, 7, 10)),
                SiteChanges.of(now, FrameMatcher.align(now, before)));
    }

    @Test
    void aGoneLineWhoseNumberAnotherFrameTookIsKeptApart() {
        // Line 10 was deleted; line 11 moved up to 10.
        FoldedSnapshot before = identified(Map.of(site(10), new FrameIdentity("f", 2, TEXT_A),
                site(11), new FrameIdentity("f", 3, TEXT_B)), stack(50, site(10)), stack(9, site(11)));
        FoldedSnapshot now = identified(Map.of(site(10), new FrameIdentity("f", 2, TEXT_B)), stack(9, site(10)));

        assertEquals(List.of(new SiteChange("a.py:10", null, 9, 9, 11), new SiteChange("a.py", null, 50, 0, 10)),
                SiteChanges.of(now, FrameMatcher.align(now, before)));
    }

    @Test
    void withoutIdentitiesFramesMatchByPathAndLine() {
        FoldedSnapshot before = Stacks.snapshot(Map.of(), stack(50, site(10)));
        FoldedSnapshot now = identified(Map.of(site(12), new FrameIdentity("f", 2, TEXT_A)), stack(50, site(12)));
        assertSame(before, FrameMatcher.align(now, before));
    }

    @Test
    void aLineThisRunDidNotReachIsFoundInItsSources() {
        FoldedSnapshot before = identified(Map.of(site(10), new FrameIdentity("f", 2, TEXT_A)), stack(32, site(10)));
        FoldedSnapshot now = identified(Map.of(site(20), new FrameIdentity("g", 1, TEXT_B)), stack(8, site(20)));
        FoldedSnapshot aligned = FrameMatcher.align(now, before,
                (path, identity, byText) -> byText && identity.textFingerprint().equals(TEXT_A) ? 13 : null);
        assertEquals(List.of(new SiteChange("a.py:20", null, 0, 8), new SiteChange("a.py:13", null, 32, 0, 10)),
                SiteChanges.of(now, aligned));
    }

    @Test
    void theLinesThatGrewMostOfAGrowthBudgetSayWhereAMovedLineWas() {
        FoldedSnapshot before = identified(Map.of(site(10), new FrameIdentity("f", 2, TEXT_A)), stack(100, site(10)));
        FoldedSnapshot now = identified(Map.of(site(14), new FrameIdentity("f", 2, TEXT_A)), stack(150, site(14)));
        Budget budget = Budget.parse("budget 1", "a.py", null, "10%", null, null, null);
        BudgetResult result = new BudgetChecker(List.of(budget), 0).check(List.of(now),
                Map.of("s", FrameMatcher.align(now, before))).get(0);
        assertEquals(List.of(new SiteChange("a.py:14", null, 100, 150, 10)), result.growth().topChanges());
        assertTrue(BudgetMessages.describe(result, null, null).contains(
                "         +50 B  a.py:14 (was line 10) (100 B -> 150 B)"), BudgetMessages.describe(result, null, null)
                .toString());
    }

    private static Site site(int line) {
        return new Site("a.py", line);
    }

    private static FoldedSnapshot identified(Map<Site, FrameIdentity> identities, StackTotal... stacks) {
        return Stacks.snapshot(Map.of(), stacks).withFrameIdentities((path, line) -> identities.get(new Site(path, line)));
    }
}
