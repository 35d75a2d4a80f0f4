package io.github.memflame.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.memflame.budget.Budget;
import io.github.memflame.budget.BudgetChecker;
import io.github.memflame.budget.BudgetLevel;
import io.github.memflame.budget.BudgetResult;
import io.github.memflame.budget.BudgetStatus;
import io.github.memflame.budget.GrowthLimit;
import io.github.memflame.budget.Contributor;
import io.github.memflame.budget.Scope;
import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.LargestSites;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class IndexPageTest {

    private static String html(CheckReport report) throws IOException {
        StringWriter out = new StringWriter();
        IndexPage.write(report, out);
        return out.toString();
    }

    private static Document parse(String html) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element byId(Document document, String id) {
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (id.equals(element.getAttribute("id"))) {
                return element;
            }
        }
        throw new AssertionError("no element with id " + id);
    }

    private static List<Element> rows(Element table) {
        List<Element> rows = new ArrayList<>();
        NodeList trs = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            rows.add((Element) trs.item(i));
        }
        return rows;
    }

    private static List<String> cells(Element row) {
        List<String> cells = new ArrayList<>();
        NodeList tds = row.getElementsByTagName("td");
        for (int i = 0; i < tds.getLength(); i++) {
            cells.add(tds.item(i).getTextContent());
        }
        return cells;
    }

    @Test
    void failedReportShowsTheVerdictTheBudgetsWorstFirstAndTheLinks() throws Exception {
        String html = html(Reports.failed());
        Document page = parse(html);
        Element result = byId(page, "result");
        assertEquals("failed", result.getAttribute("data-result"));
        assertTrue(result.getTextContent().contains("FAILED"));
        assertTrue(result.getTextContent().contains("1 exceeded"), result.getTextContent());
        assertTrue(result.getTextContent().contains("1 warning"), result.getTextContent());
        assertTrue(result.getTextContent().contains("1 unmatched"), result.getTextContent());

        List<Element> budgets = rows(byId(page, "budgets"));
        assertEquals(List.of("exceeded", "warning", "unmatched", "ok"),
                budgets.stream().map(r -> r.getAttribute("data-status")).toList());
        List<String> exceeded = cells(budgets.get(0));
        assertEquals("client/ui", exceeded.get(0));
        assertEquals("inclusive", exceeded.get(1));
        assertEquals("sub/dir/scene 1#menu.pickle", exceeded.get(2));
        assertEquals("4.8 MiB", exceeded.get(3));
        assertEquals("3.8 MiB", exceeded.get(4));
        assertTrue(exceeded.get(5).startsWith("-26.8%"), exceeded.get(5));
        assertEquals("EXCEEDED", exceeded.get(6));
        assertTrue(exceeded.get(7).contains("client/ui/menu.py:8"));
        Element actual = (Element) budgets.get(0).getElementsByTagName("td").item(3);
        assertEquals("5070000", actual.getAttribute("data-value"));
        assertTrue(actual.getAttribute("title").contains("5,070,000 bytes"));
        assertEquals("whole snapshot", cells(budgets.get(1)).get(0));

        List<Element> snapshots = rows(byId(page, "snapshots"));
        assertEquals(2, snapshots.size());
        List<String> battle = cells(snapshots.get(0));
        assertEquals("scene-2-battle.pickle", battle.get(0));
        assertEquals("tracemalloc-pickle", battle.get(1));
        assertEquals("13,001", battle.get(2));
        assertEquals("\u2014", battle.get(5), "the first snapshot has no change since the previous one");
        assertTrue(battle.get(6).startsWith("client"), "biggest top-level path first: " + battle.get(6));
        assertTrue(cells(snapshots.get(1)).get(4).contains("4.0 KiB"), "excluded bytes");

        assertTrue(html.contains("href=\"scene-2-battle.pickle.path.svg\""));
        assertTrue(html.contains("href=\"scene-2-battle.pickle.stack.svg\""));
        assertTrue(html.contains("href=\"scene-2-battle.pickle.path.folded.gz\""));
        assertTrue(html.contains("href=\"sub/dir/scene%201%23menu.pickle.stack.svg\""), "encoded link");
        assertTrue(html.contains("href=\"memflame.json\""));

        List<Element> largest = rows(byId(page, "largest"));
        List<String> first = cells(largest.get(0));
        assertEquals("client/ui/menu.py:8", first.get(1));
        assertEquals("sub/dir/scene 1#menu.pickle", first.get(2));
        assertTrue(largest.stream().anyMatch(r -> cells(r).get(1).equals("客户端/界面/背包.py:42")));
        assertTrue(largest.stream().anyMatch(r -> cells(r).get(1).equals("client/ui/bag.py:42")));
    }

    @Test
    void passedReportAndEmptyTables() throws Exception {
        String html = html(new CheckReport(true, List.of(), List.of(), List.of()));
        Document page = parse(html);
        assertEquals("passed", byId(page, "result").getAttribute("data-result"));
        assertTrue(byId(page, "result").getTextContent().contains("PASSED"));
        assertTrue(html.contains("No budgets are configured"));
    }

    @Test
    void largestListsTwentyLinesAcrossSnapshots() {
        Snapshots a = Snapshots.named("a");
        Snapshots b = Snapshots.named("b");
        for (int i = 1; i <= 15; i++) {
            a.add(i * 100L, "x/a.py:" + i);
            b.add(i * 100L + 50, "y/b.py:" + i);
        }
        List<LargestSites.Entry> sites = IndexPage.largestSites(
                List.of(Reports.report(a.build()), Reports.report(b.build())), IndexPage.LARGEST);
        assertEquals(20, sites.size());
        assertEquals("y/b.py:15", sites.get(0).path());
        assertEquals("b", sites.get(0).snapshot());
        assertEquals("x/a.py:15", sites.get(1).path());
        for (int i = 1; i < sites.size(); i++) {
            assertTrue(sites.get(i - 1).bytes() >= sites.get(i).bytes());
        }
    }

    @Test
    void sitesTiedAtTheLimitAreChosenByPathThenSnapshot() {
        Snapshots a = Snapshots.named("a");
        Snapshots b = Snapshots.named("b");
        List<String> all = new java.util.ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            a.add(100, "m/z.py:" + i);
            b.add(100, "m/a.py:" + i);
            a.add(100, "m/a.py:" + i);
            all.add("m/z.py:" + i + " a");
            all.add("m/a.py:" + i + " b");
            all.add("m/a.py:" + i + " a");
        }
        a.add(40, "m/small.py:1");
        java.util.Collections.sort(all);

        List<LargestSites.Entry> sites = IndexPage.largestSites(
                List.of(Reports.report(a.build()), Reports.report(b.build())), IndexPage.LARGEST);

        assertEquals(all.subList(0, IndexPage.LARGEST),
                sites.stream().map(site -> site.path() + " " + site.snapshot()).toList());
    }

    @Test
    void everythingIsEscapedAndNothingIsLoadedFromElsewhere() throws Exception {
        FoldedSnapshot evil = Snapshots.named("<script>alert(1)</script>.pickle")
                .add(100, "<img src=x onerror=alert(2)>/a&b\"c'.py:1").build();
        Budget budget = new Budget("<script>alert(3)</script>", 10, "10 B", Scope.SELF, null);
        CheckReport report = new CheckReport(false, List.of(Reports.report(evil)), List.of(new BudgetResult(
                budget, evil.name(), 100, BudgetStatus.EXCEEDED, List.of(new Contributor("<b>x</b>.py:1", 100)))), List.of());
        String html = html(report);
        parse(html);
        assertFalse(html.contains("<script>alert"));
        assertFalse(html.contains("<img"));
        assertFalse(html.contains("<b>x"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.pickle"));
        assertEquals(1, html.split("<script", -1).length - 1, "only the page's own script");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<link")
                || html.contains("<iframe") || html.contains("@import") || html.contains("url("));
        assertTrue(html.contains("@media print"));
    }

    @Test
    void linksArePercentEncodedRelativePaths() {
        assertEquals("a/b.pickle.path.svg", PageParts.href("a/b.pickle.path.svg"));
        assertEquals("scene%201%23x%3Fy%25.svg", PageParts.href("scene 1#x?y%.svg"));
        assertEquals("%E5%9C%BA%E6%99%AF.svg", PageParts.href("场景.svg"));
        assertEquals("javascript%3Aalert(1).svg", PageParts.href("javascript:alert(1).svg"), "never a scheme");
        assertEquals("%22%3E%3C.svg", PageParts.href("\"><.svg"));
    }

    @Test
    void anExceededBudgetOfLevelWarnSaysSoInItsStatus() throws Exception {
        FoldedSnapshot battle = Snapshots.named("battle.pickle").add(2048, "client/ui/bag.py:3").build();
        Budget introduced = new Budget("client/ui", 1024, "1 KiB", Scope.SELF, null, BudgetLevel.WARN);
        Budget enforced = new Budget("client", 4096, "4 KiB", Scope.SELF, null);
        Document page = parse(html(new CheckReport(true, List.of(Reports.report(battle)), List.of(
                new BudgetResult(introduced, "battle.pickle", 2048, BudgetStatus.EXCEEDED, List.of()),
                new BudgetResult(enforced, "battle.pickle", 2048, BudgetStatus.OK, List.of())), List.of())));
        List<Element> rows = rows(byId(page, "budgets"));
        assertEquals("EXCEEDED level warn", cells(rows.get(0)).get(6));
        assertEquals("OK", cells(rows.get(1)).get(6));
        assertEquals("passed", byId(page, "result").getAttribute("data-result"));
    }

    @Test
    void aGrowthOnlyBudgetHasNoLimitOrHeadroomAndMayBeNotChecked() throws Exception {
        FoldedSnapshot battle = Snapshots.named("battle.pickle").add(2048, "client/ui/bag.py:3").build();
        Budget growthOnly = new Budget("client/ui", Budget.NO_MAX, null, Scope.SELF, null, BudgetLevel.FAIL,
                GrowthLimit.parse("10%"));
        Document page = parse(html(new CheckReport(true, List.of(Reports.report(battle)), List.of(
                new BudgetResult(growthOnly, "battle.pickle", 2048, BudgetStatus.NOT_CHECKED, List.of())), List.of())));
        List<String> cells = cells(rows(byId(page, "budgets")).get(0));
        assertEquals("\u2014", cells.get(4), "no limit");
        assertEquals("\u2014", cells.get(5), "no headroom");
        assertEquals("NOT-CHECKED", cells.get(6));
    }

    @Test
    void withABaselineTheBudgetsTableHasTheFigureBeforeTheChangeAndTheGrowthAllowed() throws Exception {
        FoldedSnapshot before = Snapshots.named("battle.pickle").add(200_000, "client/ui/bag.py:3")
                .add(50_000, "engine/mesh.py:9").build();
        FoldedSnapshot after = Snapshots.named("battle.pickle").add(300_000, "client/ui/bag.py:3")
                .add(20_000, "engine/mesh.py:9").build();
        List<BudgetResult> budgets = new BudgetChecker(List.of(
                Budget.parse("budget 1", "client/ui", "1 MiB", "10%", null, "battle.pickle", null),
                Budget.parse("budget 2", "engine", null, "2 KiB", null, "battle.pickle", null),
                Budget.parse("budget 3", "client", "1 MiB", null, null, "other.pickle", null)), 0)
                .check(List.of(after, Snapshots.named("other.pickle").add(10, "client/a.py:1").build()),
                        Map.of("battle.pickle", before));
        Document page = parse(html(new CheckReport(false, List.of(SnapshotReport.of(after, before,
                SvgOptions.defaults())), budgets, List.of())));

        Element table = byId(page, "budgets");
        NodeList headers = table.getElementsByTagName("th");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < headers.getLength(); i++) {
            names.add(headers.item(i).getTextContent());
        }
        assertEquals(List.of("Path", "Scope", "Snapshot", "Before", "Actual", "Change", "Limit", "Headroom",
                "Allowed growth", "Status", "Top sites"), names);
        List<Element> rows = rows(table);
        assertEquals(List.of("client/ui", "self", "battle.pickle", "195.3 KiB", "293.0 KiB", "+97.7 KiB (+50.0%)",
                "1.0 MiB", "71.4% (731.0 KiB)", "10% (19.5 KiB)", "EXCEEDED", "client/ui/bag.py:3 293.0 KiB"),
                cells(rows.get(0)));
        assertEquals(List.of("client", "self", "other.pickle", "\u2014", "10 B", "\u2014", "1.0 MiB",
                "100.0% (1024.0 KiB)", "\u2014", "OK", "client/a.py:1 10 B"), cells(rows.get(1)),
                "no baseline figure for a new snapshot, no growth allowed without maxGrowth");
        assertEquals(List.of("engine", "self", "battle.pickle", "48.8 KiB", "19.5 KiB", "-29.3 KiB (-60.0%)",
                "\u2014", "\u2014", "2 KiB", "OK", "engine/mesh.py:9 19.5 KiB"), cells(rows.get(2)));
        Element change = (Element) rows.get(0).getElementsByTagName("td").item(5);
        assertEquals("100000", change.getAttribute("data-value"));
        assertEquals("num change grew", change.getAttribute("class"));
        Element allowed = (Element) rows.get(0).getElementsByTagName("td").item(8);
        assertEquals("20000", allowed.getAttribute("data-value"));
        assertEquals("num growth-exceeded", allowed.getAttribute("class"));
        assertEquals("-30000", ((Element) rows.get(2).getElementsByTagName("td").item(5)).getAttribute("data-value"));
    }

    @Test
    void topSitesCarryTheirFunctionNames() throws Exception {
        FoldedSnapshot battle = Snapshots.named("battle.pickle").add(2048, "client/ui/bag.py:3").build();
        Budget ui = new Budget("client/ui", 4096, "4 KiB", Scope.SELF, null);
        Document page = parse(html(new CheckReport(true, List.of(Reports.report(battle)), List.of(
                new BudgetResult(ui, "battle.pickle", 2048, BudgetStatus.OK, List.of(
                        new Contributor("client/ui/bag.py:3", "BagPanel.open", 2000),
                        new Contributor("client/ui/bag.py:9", 48)))), List.of())));
        assertEquals("client/ui/bag.py:3 BagPanel.open 2.0 KiBclient/ui/bag.py:9 48 B",
                cells(rows(byId(page, "budgets")).get(0)).get(7));
    }

    @Test
    void sinceBaselineListsTheSnapshotsByTheSizeOfTheirChangeLargestFirst() throws Exception {
        List<SnapshotReport> reports = new ArrayList<>();
        long[][] totals = {{1_000, 1_100}, {5_000, 4_500}, {2_000, 2_300}, {700, 700}, {3_000, 3_500}};
        for (int i = 0; i < totals.length; i++) {
            String name = "scene-" + i + ".pickle";
            reports.add(SnapshotReport.of(Snapshots.named(name).add(totals[i][1], "a.py:1").build(),
                    Snapshots.named(name).add(totals[i][0], "a.py:1").build(), SvgOptions.defaults()));
        }
        reports.add(Reports.report(Snapshots.named("new.pickle").add(10, "a.py:1").build()));
        Document page = parse(html(new CheckReport(true, reports, List.of(), List.of())));
        NodeList divs = byId(page, "since-baseline").getElementsByTagName("div");
        List<String> order = new ArrayList<>();
        for (int i = 0; i < divs.getLength(); i++) {
            order.add(((Element) divs.item(i)).getAttribute("data-snapshot"));
        }
        // -500 and +500 in report order, then +300, +100 and 0; the snapshot without a baseline is not listed.
        assertEquals(List.of("scene-1.pickle", "scene-4.pickle", "scene-2.pickle", "scene-0.pickle",
                "scene-3.pickle"), order);
    }
}
