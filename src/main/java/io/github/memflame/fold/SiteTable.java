package io.github.memflame.fold;

import java.util.Arrays;

/** The sites of one fold by id, in the order they were first met; {@link SiteStack}s refer to them. */
final class SiteTable {
    private Site[] sites = new Site[1024];
    private int size;

    int add(Site site) {
        if (size == sites.length) {
            sites = Arrays.copyOf(sites, 2 * size);
        }
        sites[size] = site;
        return size++;
    }

    Site site(int id) {
        return sites[id];
    }

    int size() {
        return size;
    }
}
