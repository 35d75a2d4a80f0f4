package io.github.memflame.fold;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A stack of one fold as ids into that fold's table of sites, root first: what {@link FoldedView} ranks by array
 * index instead of looking every site of every stack up. A slice of an array of the ids of many stacks
 * ({@link FoldedStacks}). Read-only; it equals any list of the same sites.
 */
final class SiteStack extends AbstractList<Site> implements RandomAccess {
    private final SiteTable table;
    private final int[] ids;
    private final int from;
    private final int size;

    SiteStack(SiteTable table, int[] ids, int from, int size) {
        this.table = table;
        this.ids = ids;
        this.from = from;
        this.size = size;
    }

    SiteTable table() {
        return table;
    }

    /** The id in {@link #table()} of site {@code index}. */
    int id(int index) {
        return ids[from + index];
    }

    @Override
    public Site get(int index) {
        return table.site(ids[from + index]);
    }

    @Override
    public int size() {
        return size;
    }
}
