package io.github.memflame.render;

import io.github.memflame.fold.FoldedSnapshot;
import io.github.memflame.fold.Site;
import io.github.memflame.fold.StackTotal;
import io.github.memflame.read.DumpFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds folded snapshots for the render tests: {@code stack("a.py:1", "b/c.py:2")} is root first. */
final class Snapshots {
    private final String name;
    private final List<StackTotal> stacks = new ArrayList<>();
    private long excludedTraces;
    private long excludedBytes;

    private Snapshots(String name) {
        this.name = name;
    }

    static Snapshots named(String name) {
        return new Snapshots(name);
    }

    /** Adds {@code traces} traces of {@code bytes} bytes together whose stack is the sites, root first. */
    Snapshots add(long bytes, long traces, String... rootFirst) {
        List<Site> sites = new ArrayList<>();
        for (String site : rootFirst) {
            int colon = site.lastIndexOf(':');
            sites.add(colon > 0 && site.substring(colon + 1).matches("\\d+")
                    ? new Site(site.substring(0, colon), Integer.parseInt(site.substring(colon + 1)))
                    : new Site(site, 0));
        }
        stacks.add(new StackTotal(List.copyOf(sites), bytes, traces));
        return this;
    }

    Snapshots add(long bytes, String... rootFirst) {
        return add(bytes, 1, rootFirst);
    }

    Snapshots excluded(long traces, long bytes) {
        excludedTraces = traces;
        excludedBytes = bytes;
        return this;
    }

    FoldedSnapshot build() {
        long traces = 0;
        long total = 0;
        for (StackTotal stack : stacks) {
            traces += stack.traces();
            total += stack.bytes();
        }
        return new FoldedSnapshot(name, DumpFormat.TRACEMALLOC_PICKLE, traces, total, excludedTraces, excludedBytes,
                List.copyOf(stacks), Map.of());
    }

    /** A small game-client-like snapshot. */
    static FoldedSnapshot battle() {
        return named("scene-2-battle.pickle")
                .add(300_000, 1200, "main.py:10", "client/controller/battle.py:55", "client/ui/bag.py:42")
                .add(200_000, 800, "main.py:10", "client/controller/battle.py:60")
                .add(343_440, 3000, "main.py:10", "client/controller/input.py:7")
                .add(100_000, 7000, "main.py:10", "engine/render/mesh.py:120", "engine/render/buffer.py:9")
                .add(84_963, 1001, "main.py:12", "engine/render/mesh.py:121")
                .build();
    }
}
