package io.github.memflame.run;

import io.github.memflame.budget.BudgetChecker;
import io.github.memflame.budget.BudgetMessages;
import io.github.memflame.budget.PathFigure;
import io.github.memflame.fold.FoldedSnapshot;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks every leak check in every run its glob matches. After the warm-up rounds, the growth per round is the
 * least-squares slope of the path's figure over the measured rounds (round numbers 0, 1, 2, ...), compared with
 * the limit exactly; the suspects are the lines that grew in every measured round, CPython's rule for a leak
 * ({@code regrtest -R}: a leak only when every run leaks).
 */
public final class LeakChecker {
    private final List<LeakCheck> checks;
    private final int warnAtPercent;

    /** @param warnAtPercent a slope at or above this share of its limit warns; 0 for never */
    public LeakChecker(List<LeakCheck> checks, int warnAtPercent) {
        this.checks = List.copyOf(checks);
        this.warnAtPercent = BudgetChecker.checkWarnAtPercent(warnAtPercent);
    }

    /**
     * The results, check by check in configuration order, each in run order.
     *
     * @param snapshots the snapshots in run order
     * @throws RunCheckException when a check's glob matches no snapshot of any run, or its path matches nothing in
     *                           any of its rounds: it would check nothing
     */
    public List<LeakCheckResult> check(List<FoldedSnapshot> snapshots) throws RunCheckException {
        Map<String, FoldedSnapshot> byName = new HashMap<>();
        snapshots.forEach(snapshot -> byName.put(snapshot.name(), snapshot));
        Map<String, List<String>> runs = Runs.byRun(snapshots.stream().map(FoldedSnapshot::name).toList());
        List<LeakCheckResult> results = new ArrayList<>();
        for (LeakCheck check : checks) {
            int before = results.size();
            for (Map.Entry<String, List<String>> run : runs.entrySet()) {
                List<FoldedSnapshot> rounds = run.getValue().stream().filter(check.snapshotGlob()::matches)
                        .map(byName::get).toList();
                if (!rounds.isEmpty()) {
                    results.add(check(check, run.getKey(), rounds));
                }
            }
            if (results.size() == before) {
                throw new RunCheckException("Memory " + check.label() + ": <snapshots>" + check.snapshots()
                        + "</snapshots> matches no snapshot of any run; snapshots read: " + (snapshots.isEmpty()
                        ? "none" : Runs.listed(snapshots.stream().map(FoldedSnapshot::name).toList())));
            }
        }
        return results;
    }

    private LeakCheckResult check(LeakCheck check, String run, List<FoldedSnapshot> snapshots)
            throws RunCheckException {
        List<PathFigure> figures = new ArrayList<>();
        boolean matched = false;
        for (FoldedSnapshot snapshot : snapshots) {
            PathFigure figure = PathFigure.of(snapshot, check.path(), check.scope());
            figures.add(figure);
            matched |= figure.matched();
        }
        if (!matched) {
            throw new RunCheckException("Memory " + check.label() + ": path '" + check.path() + "' ("
                    + check.scope().configName() + ") matches no allocation in any of the " + snapshots.size()
                    + " rounds of " + Runs.describe(run) + " (" + Runs.listed(snapshots.stream()
                    .map(FoldedSnapshot::name).toList()) + "); the leak check would check nothing ("
                    + BudgetMessages.topLevelPaths(snapshots) + "). Correct <path>, or <stripPrefixes> when those are "
                    + "the install root of absolute paths");
        }
        List<LeakCheckResult.Round> rounds = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            rounds.add(new LeakCheckResult.Round(figures.get(i).snapshot(), figures.get(i).bytes(),
                    i < check.warmup()));
        }
        List<PathFigure> measured = figures.subList(Math.min(check.warmup(), figures.size()), figures.size());
        RunDiff diff = measured.size() < 2 ? null : new RunDiff(RunDiff.DIRECTORY + "/" + run
                + (check.name() != null ? check.name() : Runs.nameInRun(measured.get(0).snapshot()) + "-to-"
                + Runs.nameInRun(measured.get(measured.size() - 1).snapshot())),
                measured.get(0).snapshot(), measured.get(measured.size() - 1).snapshot());
        if (measured.size() < LeakCheck.MIN_MEASURED_ROUNDS) {
            return new LeakCheckResult(check, run, rounds, null, LeakCheckResult.LeakStatus.UNDECIDED,
                    suspects(measured), diff);
        }
        long[] bytes = measured.stream().mapToLong(PathFigure::bytes).toArray();
        return new LeakCheckResult(check, run, rounds, slope(bytes), status(bytes, check.maxGrowthPerRound()),
                suspects(measured), diff);
    }

    /**
     * The least-squares slope of {@code y} over {@code x = 0 .. n-1}: {@code (n Σxy - Σx Σy) / (n Σx² - (Σx)²)},
     * the sums exact.
     */
    static double slope(long[] y) {
        BigInteger[] fraction = slopeFraction(y);
        return new BigDecimal(fraction[0]).divide(new BigDecimal(fraction[1]), MathContext.DECIMAL64).doubleValue();
    }

    /** The slope as numerator and (positive) denominator, exactly. */
    private static BigInteger[] slopeFraction(long[] y) {
        BigInteger n = BigInteger.valueOf(y.length);
        BigInteger sumX = BigInteger.ZERO;
        BigInteger sumXX = BigInteger.ZERO;
        BigInteger sumY = BigInteger.ZERO;
        BigInteger sumXY = BigInteger.ZERO;
        for (int x = 0; x < y.length; x++) {
            BigInteger bx = BigInteger.valueOf(x);
            BigInteger by = BigInteger.valueOf(y[x]);
            sumX = sumX.add(bx);
            sumXX = sumXX.add(bx.multiply(bx));
            sumY = sumY.add(by);
            sumXY = sumXY.add(bx.multiply(by));
        }
        return new BigInteger[] {n.multiply(sumXY).subtract(sumX.multiply(sumY)),
                n.multiply(sumXX).subtract(sumX.multiply(sumX))};
    }

    /** Exceeded when the exact slope is above the limit; a warning at or above {@code warnAtPercent} of it. */
    private LeakCheckResult.LeakStatus status(long[] bytes, long limit) {
        BigInteger[] slope = slopeFraction(bytes);
        BigInteger allowed = BigInteger.valueOf(limit).multiply(slope[1]);
        if (slope[0].compareTo(allowed) > 0) {
            return LeakCheckResult.LeakStatus.EXCEEDED;
        }
        if (warnAtPercent > 0 && slope[0].signum() > 0 && slope[0].multiply(BigInteger.valueOf(100))
                .compareTo(allowed.multiply(BigInteger.valueOf(warnAtPercent))) >= 0) {
            return LeakCheckResult.LeakStatus.WARNING;
        }
        return LeakCheckResult.LeakStatus.OK;
    }

    /**
     * The lines whose bytes grew from each measured round to the next (a line absent from a round holds 0 there),
     * largest growth from the first measured round to the last first, ties by line; none with fewer than two
     * measured rounds.
     */
    private static List<LeakCheckResult.Suspect> suspects(List<PathFigure> measured) {
        if (measured.size() < 2) {
            return List.of();
        }
        List<LeakCheckResult.Suspect> suspects = new ArrayList<>();
        for (String site : new TreeSet<>(measured.get(measured.size() - 1).bytesBySite().keySet())) {
            List<Long> bytes = new ArrayList<>(measured.size());
            boolean grewEveryRound = true;
            for (PathFigure round : measured) {
                long held = round.bytesBySite().getOrDefault(site, 0L);
                grewEveryRound &= bytes.isEmpty() || held > bytes.get(bytes.size() - 1);
                bytes.add(held);
            }
            if (grewEveryRound) {
                String function = null;
                for (PathFigure round : measured) {
                    function = function != null ? function : round.functionBySite().get(site);
                }
                suspects.add(new LeakCheckResult.Suspect(site, function, bytes));
            }
        }
        suspects.sort(Comparator.comparingLong(LeakCheckResult.Suspect::growthBytes).reversed()
                .thenComparing(LeakCheckResult.Suspect::site));
        return suspects;
    }
}
