package io.github.memflame.fold;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A stack of one fold as ids into that fold's table of sites, root first: what {@link FoldedView} ranks by array
 * index instead of looking every site of every stack up. Read-only; it equals any list of the same sites.
 */
final class SiteStack extends AbstractList<Site> implements RandomAccess {
    private final SiteTable table;
    private final int[] ids;

    SiteStack(SiteTable table, int[] ids) {
        this.table = table;
        this.ids = ids;
    }

    SiteTable table() {
        return table;
    }

    /** The id in {@link #table()} of site {@code index}. */
    int id(int index) {
        return ids[index];
    }

    @Override
    public Site get(int index) {
        return table.site(ids[index]);
    }

    @Override
    public int size() {
        return ids.length;
    }
}
