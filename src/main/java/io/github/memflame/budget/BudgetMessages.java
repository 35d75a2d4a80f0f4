package io.github.memflame.budget;

import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.SiteChange;
import io.github.memflame.format.Numbers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lines a person reads in a CI log about a budget: what grew, by how much, and where.
 */
public final class BudgetMessages {
    private BudgetMessages() {
    }

    /**
     * For an exceeded or warning result, e.g.
     * {@code Memory budget exceeded: client/controller (self) in scene-2-battle.pickle: 21.3 MiB > 20.0 MiB
     * (+1.3 MiB, +6.5%)}, followed by the exact figures, the largest sites and the report to open; see
     * {@link #describe(BudgetResult, String, String)} for growth.
     */
    public static List<String> describe(BudgetResult result, String reportToOpen) {
        return describe(result, reportToOpen, null);
    }

    /**
     * For an exceeded or warning result: the lines about its limit (when that is exceeded or nearly used) and those
     * about its growth since the baseline (when that is), e.g. {@code Memory growth exceeded: client/controller
     * (self) in scene-3-battle.pickle: +80.3 KiB since baseline (+81.7%) > allowed +10% of the baseline (9.8 KiB)},
     * followed by the exact before, after and delta, the lines that grew most with their own before and after, and
     * the differential flame graph to open.
     *
     * @param reportToOpen the flame graph of the budget's view, or {@code null}
     * @param diffReportToOpen the differential flame graph of the budget's view, or {@code null}
     */
    public static List<String> describe(BudgetResult result, String reportToOpen, String diffReportToOpen) {
        List<String> lines = new ArrayList<>();
        BudgetStatus limitStatus = result.limitStatus();
        if (limitStatus == BudgetStatus.EXCEEDED || limitStatus == BudgetStatus.WARNING) {
            describeLimit(result, lines);
            if (reportToOpen != null) {
                lines.add("  flame graph: " + reportToOpen);
            }
        }
        Growth growth = result.growth();
        if (growth != null && growth.limit() != null
                && (growth.status() == BudgetStatus.EXCEEDED || growth.status() == BudgetStatus.WARNING)) {
            describeGrowth(result, growth, lines);
            if (diffReportToOpen != null) {
                lines.add("  differential flame graph: " + diffReportToOpen);
            }
        }
        Drift drift = result.drift();
        if (drift != null && (drift.status() == BudgetStatus.EXCEEDED || drift.status() == BudgetStatus.WARNING)) {
            describeDrift(result, drift, lines);
        }
        return lines;
    }

    /**
     * {@code Memory drift exceeded: client/ui (self) in town.pickle: +25.1 KiB since build 4f2a9c1 (+21.3%) >
     * allowed +20% of build 4f2a9c1's figure (23.6 KiB)}, followed by the reference's figure, now's, the drift and
     * the limit exactly, and the builds that added most.
     */
    private static void describeDrift(BudgetResult result, Drift drift, List<String> lines) {
        String since = Numbers.signedBytes(drift.deltaBytes()) + " since build " + drift.referenceBuild() + " ("
                + (drift.referenceBytes() == 0 ? "from 0 B" : Numbers.signedPercent(drift.deltaBytes(),
                drift.referenceBytes())) + ")";
        if (drift.status() == BudgetStatus.EXCEEDED) {
            lines.add("Memory drift exceeded" + levelWarnNote(result.budget()) + ": " + where(result) + since
                    + " > allowed " + allowedDrift(drift));
        } else {
            lines.add("Memory drift nearly at its limit: " + where(result) + since + ", "
                    + Numbers.percent(drift.deltaBytes(), drift.allowedBytes(), 1) + " of the allowed "
                    + allowedDrift(drift));
        }
        lines.add("  reference build " + drift.referenceBuild() + " " + Numbers.grouped(drift.referenceBytes())
                + " bytes, now " + Numbers.grouped(result.actualBytes()) + " bytes, drift "
                + Numbers.signedGrouped(drift.deltaBytes()) + " bytes, allowed " + Numbers.grouped(drift.allowedBytes())
                + " bytes (configured as '" + drift.limit().text() + "')");
        if (!drift.topBuilds().isEmpty()) {
            lines.add("  builds that added most:");
            for (Drift.BuildChange change : drift.topBuilds()) {
                lines.add(String.format(Locale.ROOT, "    %10s  build %s (%s -> %s)",
                        Numbers.signedBytes(change.deltaBytes()), change.build(),
                        Numbers.bytes(change.beforeBytes()), Numbers.bytes(change.afterBytes())));
            }
        }
    }

    /** {@code +4.0 MiB}, or {@code +20% of build 4f2a9c1's figure (23.6 KiB)}. */
    private static String allowedDrift(Drift drift) {
        String bytes = Numbers.bytes(drift.allowedBytes());
        return drift.limit().isPercent()
                ? "+" + drift.limit().percent().toPlainString() + "% of build " + drift.referenceBuild()
                + "'s figure (" + bytes + ")"
                : "+" + bytes;
    }

    private static void describeLimit(BudgetResult result, List<String> lines) {
        Budget budget = result.budget();
        long over = result.actualBytes() - budget.maxBytes();
        if (result.limitStatus() == BudgetStatus.EXCEEDED) {
            lines.add("Memory budget exceeded" + levelWarnNote(budget) + ": " + where(result)
                    + Numbers.bytes(result.actualBytes()) + " > " + Numbers.bytes(budget.maxBytes()) + " (+"
                    + Numbers.bytes(over) + ", " + Numbers.signedPercent(over, budget.maxBytes()) + ")");
        } else {
            lines.add("Memory budget nearly used: " + where(result) + Numbers.bytes(result.actualBytes()) + " of "
                    + Numbers.bytes(budget.maxBytes()) + " ("
                    + Numbers.percent(result.actualBytes(), budget.maxBytes(), 1)
                    + " of the limit)");
        }
        lines.add("  actual " + Numbers.grouped(result.actualBytes()) + " bytes, limit "
                + Numbers.grouped(budget.maxBytes()) + " bytes (configured as '" + budget.maxText() + "')");
        if (!result.topSites().isEmpty()) {
            lines.add("  largest allocation sites counted:");
            for (Contributor site : result.topSites()) {
                lines.add(String.format(Locale.ROOT, "    %10s  %s", Numbers.bytes(site.bytes()), site.siteWithFunction()));
            }
        }
    }

    private static void describeGrowth(BudgetResult result, Growth growth, List<String> lines) {
        long allowed = growth.allowedBytes();
        if (growth.status() == BudgetStatus.EXCEEDED) {
            lines.add("Memory growth exceeded" + levelWarnNote(result.budget()) + ": " + where(result)
                    + sinceBaseline(growth, false) + " > allowed " + allowed(growth));
        } else {
            lines.add("Memory growth nearly at its limit: " + where(result) + sinceBaseline(growth, false) + ", "
                    + Numbers.percent(growth.deltaBytes(), allowed, 1) + " of the allowed " + allowed(growth));
        }
        lines.add("  before " + Numbers.grouped(growth.baselineBytes()) + " bytes, after "
                + Numbers.grouped(result.actualBytes()) + " bytes, delta " + Numbers.signedGrouped(growth.deltaBytes())
                + " bytes, allowed " + Numbers.grouped(allowed) + " bytes (configured as '"
                + growth.limit().text() + "')");
        if (!growth.topChanges().isEmpty()) {
            lines.add("  lines that grew most:");
            for (SiteChange change : growth.topChanges()) {
                lines.add(String.format(Locale.ROOT, "    %10s  %s%s (%s -> %s)",
                        Numbers.signedBytes(change.deltaBytes()), change.siteWithFunction(), change.wasLineNote(),
                        Numbers.bytes(change.beforeBytes()), Numbers.bytes(change.afterBytes())));
            }
        }
    }

    /**
     * For a budget within its limits: {@code Memory budget client/ui (self) in town.pickle: 183.8 KiB of 512.0 KiB
     * (35.9%)}; with a baseline, its growth follows: {@code , +312.0 KiB since baseline (+8.3%)}, and the growth
     * allowed when the budget has a {@code maxGrowth}: {@code (+8.3%, allowed +10% of the baseline (375.4 KiB))}.
     */
    public static String within(BudgetResult result) {
        Budget budget = result.budget();
        StringBuilder line = new StringBuilder("Memory budget ").append(where(result))
                .append(Numbers.bytes(result.actualBytes()));
        if (budget.hasMax()) {
            line.append(" of ").append(Numbers.bytes(budget.maxBytes())).append(" (")
                    .append(Numbers.percent(result.actualBytes(), budget.maxBytes(), 1)).append(")");
        }
        Growth growth = result.growth();
        if (growth != null) {
            line.append(", ").append(sinceBaseline(growth, growth.limit() != null));
        } else if (result.status() == BudgetStatus.NOT_CHECKED && budget.maxGrowth() != null) {
            line.append("; growth not checked: no baseline figure for this snapshot");
        }
        Drift drift = result.drift();
        if (drift != null) {
            line.append(", ").append(Numbers.signedBytes(drift.deltaBytes())).append(" since build ")
                    .append(drift.referenceBuild()).append(" (")
                    .append(drift.referenceBytes() == 0 ? "from 0 B"
                            : Numbers.signedPercent(drift.deltaBytes(), drift.referenceBytes()))
                    .append(", allowed ").append(allowedDrift(drift)).append(")");
        } else if (budget.maxDrift() != null) {
            line.append("; drift not checked: no green build in the history has a figure for this snapshot");
        }
        return line.toString();
    }

    /**
     * A snapshot's total against the baseline's:
     * {@code scene-3-battle.pickle: 2.5 MiB, +241.9 KiB since baseline (was 2.2 MiB)}.
     */
    public static String snapshotSinceBaseline(String snapshot, long baselineBytes, long bytes) {
        return snapshot + ": " + Numbers.bytes(bytes) + ", " + Numbers.signedBytes(bytes - baselineBytes)
                + " since baseline (was " + Numbers.bytes(baselineBytes) + ")";
    }

    /**
     * {@code +80.3 KiB since baseline (+81.7%)}, with {@code , allowed +2.0 MiB} inside the brackets when asked;
     * {@code from 0 B} instead of a share when the baseline had nothing there.
     */
    private static String sinceBaseline(Growth growth, boolean withAllowed) {
        return Numbers.signedBytes(growth.deltaBytes()) + " since baseline ("
                + (growth.baselineBytes() == 0 ? "from 0 B" : Numbers.signedPercent(growth.deltaBytes(),
                growth.baselineBytes())) + (withAllowed ? ", allowed " + allowed(growth) : "") + ")";
    }

    /** {@code +2.0 MiB}, or {@code +10% of the baseline (9.8 KiB)}. */
    private static String allowed(Growth growth) {
        String bytes = Numbers.bytes(growth.allowedBytes());
        return growth.limit().isPercent()
                ? "+" + growth.limit().percent().toPlainString() + "% of the baseline (" + bytes + ")"
                : "+" + bytes;
    }

    private static String levelWarnNote(Budget budget) {
        return budget.onlyWarns() ? " (level warn, the build goes on)" : "";
    }

    private static String where(BudgetResult result) {
        Budget budget = result.budget();
        return displayPath(budget) + " (" + budget.scope().configName() + ") in " + result.snapshot() + ": ";
    }

    /**
     * One line that closes the budget report: {@code Memory budgets: 13 checks, 1 exceeded, 0 nearly used,
     * 0 unmatched}; exceeded budgets of {@code level warn} are counted apart: {@code 2 exceeded (1 of them level
     * warn, not failing the build)}; unmatched checks say how many budgets they are and whether they fail the build:
     * {@code 3 unmatched (1 budget, failing the build)}; budgets with only a growth limit and no baseline figure
     * close it: {@code , 2 not checked (growth only, no baseline figure)}, and budgets with only a drift limit and no
     * earlier green build with the figure: {@code , 1 not checked (drift only, no earlier green build with the
     * figure)}. The budgets nearly at their limit are
     * "nearly used", not "warnings": a warning of another kind may stand above this line.
     */
    public static String summary(List<BudgetResult> results) {
        Map<BudgetStatus, Integer> counts = new EnumMap<>(BudgetStatus.class);
        long onlyWarned = 0;
        Set<Budget> unmatched = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Budget> unmatchedFailing = Collections.newSetFromMap(new IdentityHashMap<>());
        for (BudgetResult result : results) {
            counts.merge(result.status(), 1, Integer::sum);
            onlyWarned += result.onlyWarned() ? 1 : 0;
            if (result.status() == BudgetStatus.UNMATCHED) {
                unmatched.add(result.budget());
                if (result.failsBuild()) {
                    unmatchedFailing.add(result.budget());
                }
            }
        }
        // A budget without a max that could not be measured: by its growth (no baseline figure) or, with only a drift
        // limit, by its drift (no earlier green build in the history has the figure).
        long driftOnly = results.stream().filter(result -> result.status() == BudgetStatus.NOT_CHECKED
                && result.budget().maxGrowth() == null).count();
        long growthOnly = counts.getOrDefault(BudgetStatus.NOT_CHECKED, 0) - driftOnly;
        return String.format(Locale.ROOT, "Memory budgets: %d %s, %d exceeded%s, %d nearly used, %d unmatched%s%s",
                results.size(), results.size() == 1 ? "check" : "checks",
                counts.getOrDefault(BudgetStatus.EXCEEDED, 0),
                onlyWarned == 0 ? "" : " (" + onlyWarned + " of them level warn, not failing the build)",
                counts.getOrDefault(BudgetStatus.WARNING, 0),
                counts.getOrDefault(BudgetStatus.UNMATCHED, 0),
                unmatched.isEmpty() ? "" : " (" + unmatchedBudgets(unmatched.size(), unmatchedFailing.size()) + ")",
                (growthOnly == 0 ? "" : ", " + growthOnly + " not checked (growth only, no baseline figure)")
                        + (driftOnly == 0 ? "" : ", " + driftOnly + " not checked (drift only, no earlier green build "
                        + "with the figure)"));
    }

    /** {@code 1 budget, failing the build}, {@code 2 budgets, 1 of them failing the build}. */
    private static String unmatchedBudgets(int budgets, int failing) {
        String counted = budgets + (budgets == 1 ? " budget" : " budgets");
        if (failing == 0) {
            return counted + ", not failing the build";
        }
        return counted + (failing == budgets ? ", failing the build" : ", " + failing + " of them failing the build");
    }

    /**
     * For a budget that matched nothing, or applies to no snapshot: what it was checked against, whether the build
     * fails, and what to change, e.g.
     * <pre>
     * Memory budget client/combt (self) matched no allocation in the 2 snapshots it applies to
     *   did you mean client/combat?
     *   top-level paths holding memory: client, net
     * </pre>
     * Every list in it is capped at {@value UnmatchedBudget#LISTED} names and a count of the rest.
     *
     * @param result one of the budget's results: whether it fails the build, and why not
     */
    public static List<String> unmatched(UnmatchedBudget unmatched, BudgetResult result) {
        Budget budget = unmatched.budget();
        String name = "Memory budget " + displayPath(budget) + " (" + budget.scope().configName() + ")";
        String goesOn = result.failsBuild() ? ""
                : budget.onlyWarns() ? " (level warn, the build goes on)"
                : unmatched.snapshotsRead() == 0 ? "" : " (failOnUnmatched is false, the build goes on)";
        List<String> lines = new ArrayList<>();
        if (unmatched.snapshotsRead() == 0) {
            lines.add(name + " was checked against no snapshot: none was read" + goesOn);
            return lines;
        }
        if (unmatched.appliedTo() == 0) {
            lines.add(name + " applies to no snapshot: <snapshots>" + budget.snapshots() + "</snapshots> matches none of "
                    + (unmatched.snapshotsRead() == 1 ? "the 1 snapshot read" : "the " + unmatched.snapshotsRead()
                    + " snapshots read") + goesOn);
            lines.add("  snapshots read: " + listed(unmatched.snapshotNames(), unmatched.snapshotsRead()));
            return lines;
        }
        lines.add(name + " matched no allocation in " + (unmatched.appliedTo() == 1 ? "the snapshot"
                : "any of the " + unmatched.appliedTo() + " snapshots") + " it applies to" + goesOn);
        List<String> nearest = unmatched.nearest();
        if (!nearest.isEmpty()) {
            lines.add("  did you mean " + nearest.get(0) + "?" + (nearest.size() == 1 ? ""
                    : " (nearest paths holding memory: " + String.join(", ", nearest) + ")"));
        }
        if (unmatched.onlyCallers()) {
            lines.add("  " + displayPath(budget) + " is in the stacks, but only as a caller: nothing under it allocated "
                    + "itself; <scope>inclusive</scope> counts the traces that pass through it");
        }
        if (unmatched.stripPrefix() != null) {
            lines.add("  " + displayPath(budget) + " occurs further down in the recorded file names, e.g. "
                    + unmatched.stripPrefixExample() + ": strip what is in front of it with <stripPrefix>"
                    + unmatched.stripPrefix() + "</stripPrefix> in <stripPrefixes>");
        }
        lines.add("  top-level paths holding memory" + (unmatched.stripPrefix() == null ? "" : " today") + ": "
                + listed(unmatched.topLevelPaths(), unmatched.topLevelPathCount()));
        return lines;
    }

    /** The names, then {@code and 12 more} when there are more than listed; {@code none} for none. */
    /**
     * {@code top-level paths holding memory: client, common}: for a check whose path matched nothing, what it could
     * have been.
     */
    public static String topLevelPaths(List<FoldedSnapshot> snapshots) {
        TreeSet<String> paths = UnmatchedBudget.topLevelPaths(snapshots);
        return "top-level paths holding memory: "
                + listed(paths.stream().limit(UnmatchedBudget.LISTED).toList(), paths.size());
    }

    private static String listed(List<String> names, int count) {
        if (count == 0) {
            return "none";
        }
        return String.join(", ", names) + (count > names.size()
                ? String.format(Locale.ROOT, " and %,d more", count - names.size()) : "");
    }

    /** The budget's path as people read it; the whole snapshot when it is empty or {@code /}. */
    public static String displayPath(Budget budget) {
        String path = budget.path() == null ? "" : budget.path().trim();
        return path.isEmpty() || path.equals("/") ? "(whole snapshot)" : path;
    }
}
