package io.github.memflame.fold;

import io.github.memflame.read.DumpFormat;
import io.github.memflame.read.Frame;
import io.github.memflame.read.Interner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Stacks and snapshots for the fold tests, and the labels a view gives a stack, found the plain way. */
final class Stacks {
    private Stacks() {
    }

    /** One trace of {@code bytes} with the sites, root first. */
    static StackTotal stack(long bytes, Site... rootFirst) {
        return new StackTotal(List.of(rootFirst), bytes, 1);
    }

    /** A snapshot named {@code s} of the stacks, with the given function names. */
    static FoldedSnapshot snapshot(Map<Site, String> functions, StackTotal... stacks) {
        long total = 0;
        for (StackTotal stack : stacks) {
            total += stack.bytes();
        }
        return new FoldedSnapshot("s", DumpFormat.FOLDED, stacks.length, total, 0, 0, List.of(stacks), functions);
    }

    /**
     * 300 random traces of at most 5 frames in {@code files} files of 3 directories, 4 lines each: few enough that
     * stacks share prefixes; one file name sorts between the others.
     */
    static FoldedSnapshot random(long seed, int files) {
        Random random = new Random(seed);
        Interner interner = new Interner();
        SnapshotFolder folder = new SnapshotFolder();
        for (int trace = 0; trace < 300; trace++) {
            Frame[] frames = new Frame[random.nextInt(6)];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = interner.frame("dir" + random.nextInt(3) + "/f" + random.nextInt(files) + ".py",
                        random.nextInt(4));
            }
            folder.trace(random.nextInt(2_000), interner.traceback(frames));
        }
        return folder.fold("s", DumpFormat.FOLDED, new PathNormalizer(List.of()), List.of());
    }

    /**
     * The labels of a stack's frames below the root in a view: the allocating site's directories, file and
     * line (none when unknown) in the path view, each site's {@code path:line} in the stack view.
     */
    static List<String> labels(StackTotal stack, FlameTree.View view) {
        List<String> labels = new ArrayList<>();
        if (stack.rootFirst().isEmpty()) {
            labels.add(FlameTree.UNKNOWN);
        } else if (view == FlameTree.View.PATH) {
            labels.addAll(PathNormalizer.components(stack.allocatingSite().path()));
            if (stack.allocatingSite().line() != 0) {
                labels.add(Integer.toString(stack.allocatingSite().line()));
            }
        } else {
            stack.rootFirst().forEach(site -> labels.add(site.label()));
        }
        return labels;
    }
}
