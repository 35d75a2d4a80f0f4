package io.github.memflame.check;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.memflame.aggregate.ModuleReport;
import io.github.memflame.format.JsonBidiEscapes;
import io.github.memflame.format.Numbers;
import io.github.memflame.output.AtomicDirectory;
import io.github.memflame.output.AtomicFile;
import io.github.memflame.output.DirectoryLock;
import io.github.memflame.output.OutputDirectory;
import io.github.memflame.output.OutputKind;
import io.github.memflame.output.OutputRefusedException;
import io.github.memflame.output.ProtectedDirectory;
import io.github.memflame.render.AggregatePage;
import io.github.memflame.summary.ReportFiles;
import io.github.memflame.summary.ReportSummary;
import io.github.memflame.summary.SummaryReader;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code report-aggregate} run without Maven: read the {@code memflame.json} each module's {@code check} left,
 * and write one index over all of them with an aggregate {@code memflame.json}. Budgets stay per module: this only
 * reports what each module's check found.
 */
public final class MemflameAggregate {
    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    new JsonFactoryBuilder().characterEscapes(new JsonBidiEscapes()).build())
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * A module to aggregate.
     *
     * @param name its artifactId, which prefixes its snapshot names
     * @param reportDirectory where its {@code check} wrote its report
     */
    public record Module(String name, Path reportDirectory) {
    }

    /** The aggregate {@code memflame.json}: every module with its snapshots and budgets, names prefixed. */
    record AggregateSummary(int schema, String result, List<ModuleEntry> modules) {
    }

    /** A module in the aggregate summary; {@code report} is its {@code index.html}, relative to the aggregate. */
    record ModuleEntry(String module, String result, String report, BigInteger totalBytes,
                       List<ReportSummary.Snapshot> snapshots, List<ReportSummary.BudgetLine> budgets) {
    }

    private final CheckListener listener;

    public MemflameAggregate(CheckListener listener) {
        this.listener = listener;
    }

    /**
     * Writes {@code index.html} and {@code memflame.json} into {@code outputDirectory} over the modules that have
     * a report; modules without one are named in an info line. A directory with nothing else to protect, its lock
     * next to it.
     *
     * @return the modules aggregated; empty (and nothing written) when none has a report
     * @throws IOException when a summary cannot be read (naming the file and position) or the report written
     */
    public List<ModuleReport> run(List<Module> modules, Path outputDirectory) throws IOException {
        return run(modules, OutputDirectory.of(outputDirectory, OutputKind.AGGREGATE));
    }

    /**
     * Writes {@code index.html} and {@code memflame.json} into {@code output}, replacing it as a whole, over the
     * modules that have a report; modules without one are named in an info line. Before any summary is read, the
     * output must be one {@link OutputDirectory#checkReplaceable} allows, and must not be or contain a module's
     * report directory.
     *
     * @return the modules aggregated; empty (and nothing written) when none has a report
     * @throws OutputRefusedException when the output directory may not be replaced
     * @throws IOException when a summary cannot be read (naming the file and position) or the report written
     */
    public List<ModuleReport> run(List<Module> modules, OutputDirectory output) throws IOException {
        for (Module module : modules) {
            output = output.protecting(new ProtectedDirectory("the report directory of module " + module.name(),
                    module.reportDirectory()));
        }
        try (DirectoryLock lock = output.lock(listener::info)) {
            output.checkReplaceable();
            return aggregate(modules, output);
        }
    }

    private List<ModuleReport> aggregate(List<Module> modules, OutputDirectory output) throws IOException {
        List<ModuleReport> reports = new ArrayList<>();
        for (Module module : modules) {
            Path summaryFile = module.reportDirectory().resolve(ReportFiles.SUMMARY);
            if (!Files.isRegularFile(summaryFile)) {
                listener.info("memflame: module " + module.name() + " has no memory report (" + summaryFile + ")");
                continue;
            }
            ReportSummary summary = SummaryReader.read(summaryFile);
            try {
                reports.add(new ModuleReport(module.name(), module.reportDirectory(), summary));
            } catch (IllegalArgumentException outside) {
                throw new IOException(summaryFile + ": " + outside.getMessage(), outside);
            }
            listener.info(String.format(Locale.ROOT, "memflame: module %s: %s, %d snapshot%s, %s; budgets: "
                            + "%d check%s, %d exceeded, %d warning%s, %d unmatched",
                    module.name(), summary.result(), summary.snapshots().size(),
                    summary.snapshots().size() == 1 ? "" : "s", Numbers.bytes(summary.totalBytes()),
                    summary.budgets().size(), summary.budgets().size() == 1 ? "" : "s", summary.count("exceeded"),
                    summary.count("warning"), summary.count("warning") == 1 ? "" : "s",
                    summary.count("unmatched")));
        }
        if (reports.isEmpty()) {
            listener.warning("memflame: no module has a memory report (memflame.json); run check in the modules "
                    + "first, e.g. mvn verify memflame:report-aggregate; no aggregate report written");
            return reports;
        }
        Path directory = output.path();
        StringWriter page = new StringWriter();
        AggregatePage.write(reports, directory, page);
        String json = MAPPER.writeValueAsString(summary(reports, directory));
        AtomicDirectory.replace(output, listener::info, staging -> {
            AtomicFile.write(staging.resolve(ReportFiles.INDEX), page.toString());
            AtomicFile.write(staging.resolve(ReportFiles.SUMMARY), json);
            return null;
        });
        listener.info("Memory aggregate report: " + directory.resolve(ReportFiles.INDEX));
        return reports;
    }

    private static AggregateSummary summary(List<ModuleReport> reports, Path output) {
        List<ModuleEntry> entries = new ArrayList<>();
        for (ModuleReport report : reports) {
            ReportSummary summary = report.summary();
            List<ReportSummary.Snapshot> snapshots = new ArrayList<>();
            for (ReportSummary.Snapshot snapshot : summary.snapshots()) {
                snapshots.add(new ReportSummary.Snapshot(report.qualifiedName(snapshot.name()), snapshot.format(),
                        snapshot.traces(), snapshot.totalBytes(), snapshot.excludedTraces(), snapshot.excludedBytes(),
                        relative(report, snapshot.reports(), output), relative(report, snapshot.folded(), output),
                        null, null, snapshot.topLevelPaths()));
            }
            List<ReportSummary.BudgetLine> budgets = new ArrayList<>();
            for (ReportSummary.BudgetLine budget : summary.budgets()) {
                budgets.add(new ReportSummary.BudgetLine(budget.path(), budget.scope(),
                        report.qualifiedName(budget.snapshot()), budget.limitBytes(), budget.limit(),
                        budget.actualBytes(), budget.status(), budget.level()));
            }
            entries.add(new ModuleEntry(report.module(), summary.result(),
                    report.relativeLink(output, ReportFiles.INDEX), summary.totalBytes(), snapshots, budgets));
        }
        boolean passed = reports.stream().allMatch(report -> report.summary().passed());
        return new AggregateSummary(ReportFiles.SCHEMA, passed ? "passed" : "failed", entries);
    }

    private static Map<String, String> relative(ModuleReport report, Map<String, String> files, Path output) {
        Map<String, String> relative = new LinkedHashMap<>();
        files.forEach((view, file) -> relative.put(view, report.relativeLink(output, file)));
        return relative;
    }
}
